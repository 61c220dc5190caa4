"""``citizen-score records [CHALLENGE]``: the board (PB, sum of best, attempts, history), imports, LiveSplit export."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.engine.challenges import day_key, today
from game.commands.helptext import fail, parser
from game.engine.problems import ContentError
from game.fileio import atomic_write
from game.runs import board, records, replay, text
from game.runs.find import Library, NotFound
from game.runs.records import RecordsError
from game.runs.splits import personal_best
from game.runs.verify import verify_file


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(sub, "records", "show challenge boards; import a friend's replay; export LiveSplit splits",
               "Without a challenge, list the boards kept in the saves folder. With one, show its "
               "board: personal best, sum of best, attempts and history. --import adds a replay to "
               "the board once it verifies; --lss writes the splits for LiveSplit.",
               {0: "done", 1: "a replay to import does not verify",
                2: "bad input: no such challenge, a bad --date, a file that cannot be read or written"})
    p.add_argument("challenge", nargs="?", metavar="CHALLENGE", help="campaign/challenge, or a challenge id used once")
    p.add_argument("--import", dest="imports", action="append", type=Path, metavar="REPLAY", default=[],
                   help="add a replay to the local board once it verifies")
    p.add_argument("--lss", type=Path, metavar="OUT.lss", help="write the challenge's splits in LiveSplit's format")
    p.add_argument("--date", metavar="YYYYMMDD", help="for a daily challenge: the day's board (default: today, UTC)")
    p.set_defaults(run=run)


def _fail(message: str, code: int = 2) -> int:
    return fail("records", message, code)


def run(args: argparse.Namespace) -> int:
    library = Library(args.content)
    try:
        if args.imports:
            return import_replays(args, library)
        if args.challenge is None:
            if args.lss:
                return _fail("--lss needs a CHALLENGE to export.")
            return list_boards(args.saves, library)
        cs, ch = library.find(args.challenge)
        day = day_key(args.date) if args.date else today()
        if ch.daily:
            print(f"Daily challenge: the board of {day} (--date picks another day).")
        b = board.read(args.saves, cs, ch, day)
        if args.lss:
            from game.runs.lss import write_lss

            write_lss(args.lss, cs.campaign, ch, b)
            left_out = f"; {len(b.unverified)} unverified left out" if b.unverified else ""
            print(f"Wrote {args.lss} ({len(b.counted)} runs, {b.attempts} attempts{left_out}).")
            return 0
        print("\n".join(text.board(ch, b)))
        return 0
    except (NotFound, RecordsError) as e:
        return _fail(str(e))
    except ValueError as e:  # a --date that is no date
        return _fail(f"--date: {e}")
    except ContentError as e:
        from game.paths import openable

        return _fail(e.format(openable(e.base)))
    except OSError as e:
        return _fail(f"{e.filename or ''}: {e.strerror or e}")


def list_boards(saves: Path, library: Library) -> int:
    found = records.boards(saves)
    if not found:
        print(f"No records yet in {saves}. Play a challenge, or run a route with citizen-score route.")
    code = 0
    for cid, chid in found:
        try:
            print(f"{cid}/{chid}: {_summary(saves, library, cid, chid)}")
        except RecordsError as e:
            code = _fail(str(e))
    return code


def _summary(saves: Path, library: Library, cid: str, chid: str) -> str:
    """Attempts and finished runs that count; without the challenge here, nothing can be verified."""
    try:
        cs = library.campaign(cid)
        ch = cs.challenges[chid]
    except (NotFound, ContentError, KeyError):
        rec = records.load(saves, cid, chid)
        return f"{rec.attempts} attempts, {len(rec.entries)} runs (not verified: the challenge is not in this content)"
    b = board.read(saves, cs, ch)
    unverified = f", {len(b.unverified)} unverified" if b.unverified else ""
    return f"{b.attempts} attempts, {sum(e.done for e in b.counted)} finished runs{unverified}"


def import_replays(args: argparse.Namespace, library: Library) -> int:
    """Verify each replay; only a valid one is copied to the replays folder and put on the board, once."""
    code = 0
    for path in args.imports:
        v = verify_file(path, library)
        if v.unreadable:
            code = max(code, _fail(v.unreadable))
            continue
        rep = v.replay
        assert rep is not None
        if not v.valid:
            print(f"{path}: not imported, it does not verify — " + "; ".join(v.reasons))
            code = max(code, 1)
            continue
        cs = library.campaign(rep.campaign)
        ch = cs.challenges[rep.challenge]
        data = replay.render(rep)  # the game's own bytes: the same run, however it was spelled, has one name
        name = replay.file_name(rep, data)
        if any(e.replay == name for e in board.read(args.saves, cs, ch).counted):
            print(f"{path}: already on the board of {rep.ref} as {name}; a replay counts once.")
            continue
        dest = Path(args.saves) / replay.FOLDER / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(dest, data)
        records.add(args.saves, records.entry_of(rep, "import", name), rep.campaign, rep.challenge)
        pb = personal_best(ch, board.read(args.saves, cs, ch, rep.date if ch.daily else None).counted)
        print(f"{path}: valid, added to the board of {rep.ref} as {name}"
              + (f" (your PB: {text.game_time(pb.end)})" if pb else ""))
    return code
