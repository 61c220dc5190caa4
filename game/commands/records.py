"""``citizen-score records [CHALLENGE]``: the board (PB, sum of best, attempts, history), imports, LiveSplit export."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.challenges import day_key, today
from game.commands.helptext import fail, parser
from game.engine.problems import ContentError
from game.fileio import atomic_write
from game.engine.msg import Msg
from game.i18n import _, said, said_error
from game.runs import board, data, records, replay, text
from game.runs.clock import Stamp
from game.runs.find import Library, NotFound
from game.runs.records import RecordsError
from game.runs.splits import personal_best
from game.runs.verify import verify_file


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(sub, "records", _("show challenge boards; import a friend's replay; export LiveSplit splits"),
               _("Without a challenge, list the boards kept in the saves folder. With one, show its "
                 "board: personal best, sum of best, attempts and history. --import adds a replay to "
                 "the board once it verifies; --lss writes the splits for LiveSplit."),
               # Translators: the exit code 0 of citizen-score records: it did what was asked.
               {0: _("done"), 1: _("a replay to import does not verify"),
                2: _("bad input: no such challenge, a bad --date, a file that cannot be read or written")})
    p.add_argument("challenge", nargs="?", metavar="CHALLENGE",
                   help=_("campaign/challenge, or a challenge id used once"))
    p.add_argument("--import", dest="imports", action="append", type=Path, metavar="REPLAY", default=[],
                   help=_("add a replay to the local board once it verifies"))
    p.add_argument("--lss", type=Path, metavar="OUT.lss", help=_("write the challenge's splits in LiveSplit's format"))
    p.add_argument("--date", metavar="YYYYMMDD",
                   help=_("for a daily challenge: the day's board (default: today, UTC)"))
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=_("text (default) or json (schema/output/{name}.schema.json)").format(name="records"))
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
                return _fail(_("--lss needs a CHALLENGE to export."))
            return list_boards(args.saves, library, args.format)
        cs, ch = library.find(args.challenge)
        day = day_key(args.date) if args.date else today()
        json_out = args.format == "json"
        if ch.daily and not json_out:
            print(_("Daily challenge: the board of {day} (--date picks another day).").format(day=day))
        b = board.read(args.saves, cs, ch, day)
        if args.lss:
            from game.runs.lss import caveats, write_lss

            write_lss(args.lss, cs.campaign, ch, b)
            for caveat in caveats(ch):
                print("citizen-score records: " + _("warning: {caveat}").format(caveat=caveat), file=sys.stderr)
            if json_out:
                data.dump(data.document("records", lss={"file": str(args.lss), "runs": len(b.counted),
                                                        "attempts": b.attempts, "left_out": len(b.unverified)}),
                          sys.stdout)
                return 0
            left_out = _("; {count} unverified left out").format(count=len(b.unverified)) if b.unverified else ""
            print(_("Wrote {file} ({runs} runs, {attempts} attempts{left_out}).").format(
                file=args.lss, runs=len(b.counted), attempts=b.attempts, left_out=left_out))
            return 0
        if json_out:
            data.dump(data.document("records", board=data.board(ch, b, day if ch.daily else "")), sys.stdout)
        else:
            print("\n".join(text.board(ch, b)))
        return 0
    except (NotFound, RecordsError) as e:
        return _fail(said_error(e))
    except ValueError as e:  # a --date that is no date
        return _fail(f"--date: {said_error(e)}")
    except ContentError as e:
        from game.paths import openable

        return _fail(e.format(openable(e.base), said))
    except OSError as e:
        return _fail(f"{e.filename or ''}: {e.strerror or e}")


def list_boards(saves: Path, library: Library, fmt: str = "text") -> int:
    found = records.boards(saves)
    if not found and fmt == "text":
        print(_("No records yet in {folder}. Play a challenge, or run a route with citizen-score route.").format(
            folder=saves))
    code, listed = 0, []
    for cid, chid in found:
        try:
            tally = _tally(saves, library, cid, chid)
        except RecordsError as e:
            code = _fail(said_error(e))
            continue
        listed.append(tally)
        if fmt == "text":
            print(f"{cid}/{chid}: {_summary(tally)}")
    if fmt == "json":
        data.dump(data.document("records", boards=listed), sys.stdout)
    return code


def _tally(saves: Path, library: Library, cid: str, chid: str) -> dict[str, Any]:
    """Attempts and finished runs that count; without the challenge here, nothing can be verified."""
    out: dict[str, Any] = {"campaign": cid, "challenge": chid}
    try:
        cs = library.campaign(cid)
        ch = cs.challenges[chid]
    except (NotFound, ContentError, KeyError):
        rec = records.load(saves, cid, chid)
        return {**out, "verified": False, "attempts": rec.attempts, "runs": len(rec.entries),
                "finished": None, "unverified": None}
    b = board.read(saves, cs, ch)
    return {**out, "verified": True, "attempts": b.attempts, "runs": len(b.history),
            "finished": sum(e.done for e in b.counted), "unverified": len(b.unverified)}


def _summary(t: dict[str, Any]) -> str:
    if not t["verified"]:
        return _("{attempts} attempts, {runs} runs (not verified: the challenge is not in this content)").format(
            attempts=t["attempts"], runs=t["runs"])
    unverified = _(", {count} unverified").format(count=t["unverified"]) if t["unverified"] else ""
    return _("{attempts} attempts, {finished} finished runs{unverified}").format(
        attempts=t["attempts"], finished=t["finished"], unverified=unverified)


@dataclass
class Imported:
    """What importing one replay did: "added", "already" (on the board), "not valid" or "unreadable"."""

    path: Path
    outcome: str
    reasons: list[str] = field(default_factory=list)
    ref: str = ""
    replay: str = ""  # its name in the replays folder, once it verifies
    pb: Stamp | None = None  # the personal best once it was added

    def to_json(self) -> dict[str, Any]:
        return {"file": str(self.path), "outcome": self.outcome, "reasons": self.reasons, "ref": self.ref,
                "replay": self.replay, "personal_best": None if self.pb is None else data.stamp(self.pb)}

    def line(self) -> str:
        if self.outcome == "not valid":
            return _("{file}: not imported, it does not verify — {reasons}").format(
                file=self.path, reasons=said(Msg.listing(self.reasons, "; ")))
        if self.outcome == "already":
            return _("{file}: already on the board of {ref} as {replay}; a replay counts once.").format(
                file=self.path, ref=self.ref, replay=self.replay)
        added = _("{file}: valid, added to the board of {ref} as {replay}").format(
            file=self.path, ref=self.ref, replay=self.replay)
        # Translators: PB is a personal best, as speedrunners say.
        return added + (" " + _("(your PB: {time})").format(time=text.game_time(self.pb)) if self.pb else "")


def import_replays(args: argparse.Namespace, library: Library) -> int:
    """Verify each replay; only a valid one is copied to the replays folder and put on the board, once."""
    code, done = 0, []
    for path in args.imports:
        imported = import_one(path, args.saves, library)
        done.append(imported)
        if imported.outcome == "unreadable":  # on stderr in both formats: with json, stdout holds the JSON alone
            code = max(code, _fail(said(imported.reasons[0])))
        elif args.format == "text":
            print(imported.line())
        if imported.outcome == "not valid":
            code = max(code, 1)
    if args.format == "json":
        data.dump(data.document("records", imports=[i.to_json() for i in done]), sys.stdout)
    return code


def import_one(path: Path, saves: Path, library: Library) -> Imported:
    v = verify_file(path, library)
    if v.unreadable:
        return Imported(path, "unreadable", [v.unreadable])
    rep = v.replay
    assert rep is not None
    if not v.valid:
        return Imported(path, "not valid", list(v.reasons), rep.ref)
    cs = library.campaign(rep.campaign)
    ch = cs.challenges[rep.challenge]
    blob = replay.render(rep)  # the game's own bytes: the same run, however it was spelled, has one name
    name = replay.file_name(rep, blob)
    if any(e.replay == name for e in board.read(saves, cs, ch).counted):
        return Imported(path, "already", [], rep.ref, name)
    dest = Path(saves) / replay.FOLDER / name
    dest.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(dest, blob)
    records.add(saves, records.entry_of(rep, "import", name), rep.campaign, rep.challenge)
    pb = personal_best(ch, board.read(saves, cs, ch, rep.date if ch.daily else None).counted)
    return Imported(path, "added", [], rep.ref, name, None if pb is None else pb.end)
