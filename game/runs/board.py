"""Which runs on a board count: only those whose replay is there and verifies, each replay once.

The records file is the player's list of runs, and anyone can write a ``[[run]]`` into it by
hand. So whenever a board is read, each run is held to its replay in the replays folder: the file
is there, its bytes still hash to the name the run was recorded under (so it was not edited
since), it verifies on this content, and it claims what the records say. A run that fails any of
these is shown plainly as unverified, with the reason, and never ranks, never sets a personal
best, never feeds the sum of best and never goes out in a ``.lss`` export. A replay recorded or
imported again counts once.

Verifying reads and re-simulates a run (about two milliseconds), which a board of hundreds of runs
would pay on every look. So the verdict is kept, in memory and in the cache folder, under the
replay's SHA-256, the content hash and the game's code: a board is verified once, then only read.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.cache import cache_root, code_digest
from game.engine.challenges import Challenge, ChallengeSet
from game.fileio import light_write
from game.i18n import N_, _, current, said, said_error

from . import records, replay
from .replay import ReplayError
from .splits import Entry, same_seed
from .verify import verify

# <campaign>-<challenge>-<10 hex>.replay.toml, as replay.file_name makes it: nothing else is opened.
NAME = re.compile(r"[a-z0-9_]{1,100}-[a-z0-9_]{1,100}-[0-9a-f]{10}" + re.escape(replay.SUFFIX))
# Translators: what the records may claim otherwise than a run's replay
# ("the records claim another time than its replay").
CLAIM_WORDS = {"content_hash": N_("content"), "status": N_("result"), "why": N_("result"), "day": N_("time"),
               "hour": N_("time"), "hours": N_("time"), "actions": N_("time"), "real_ms": N_("real time"),
               "split": N_("splits")}
CODE = ("engine", "runs")  # the code a verdict depends on: the story's rules and the re-simulation
FORMAT = 1

_verdicts: dict[str, Verdict] = {}


@dataclass(frozen=True, slots=True)
class Unverified:
    """A recorded run that does not count, and why, in words for the player."""

    entry: Entry
    reason: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a replay file proves: its run's claims as the records would hold them, or why not."""

    ref: str = ""
    claims: dict[str, Any] = field(default_factory=dict)
    why: str = ""


@dataclass(slots=True)
class Board:
    """A challenge's board as it counts: the history, the runs that count, and the ones that do not."""

    campaign: str
    challenge: str
    attempts: int = 0
    history: list[Entry] = field(default_factory=list)  # every run recorded, a repeated replay once
    counted: list[Entry] = field(default_factory=list)  # verified runs: the only ones that rank
    unverified: list[Unverified] = field(default_factory=list)
    repeats: int = 0  # runs left out of the history because their replay is already on it

    def reason(self, e: Entry) -> str:
        """Why a run of the history does not count ("" when it does)."""
        return next((u.reason for u in self.unverified if u.entry is e), "")


def read(saves_dir: Path, cs: ChallengeSet, ch: Challenge, day: str | None = None) -> Board:
    """The board of a challenge (a daily one: of ``day``; None: of every day), every run checked.

    Raises RecordsError when the records file cannot be read.
    """
    rec = records.load(saves_dir, cs.campaign.id, ch.id)
    entries = rec.entries if day is None else same_seed(ch, rec.entries, day)
    return check(Path(saves_dir), cs, ch, rec.attempts, entries)


def check(saves_dir: Path, cs: ChallengeSet, ch: Challenge, attempts: int, entries: list[Entry]) -> Board:
    """Sort runs into counted and unverified; a verified replay already on the board is a repeat."""
    board = Board(cs.campaign.id, ch.id, attempts)
    on_board: set[str] = set()
    for e in entries:
        why = problem(saves_dir, cs, ch, e)
        if not why and e.replay in on_board:
            board.repeats += 1
            continue
        board.history.append(e)
        if why:
            board.unverified.append(Unverified(e, why))
        else:
            on_board.add(e.replay)
            board.counted.append(e)
    return board


def problem(saves_dir: Path, cs: ChallengeSet, ch: Challenge, e: Entry) -> str:
    """Why a recorded run does not count ("" when its replay is there, unchanged, and verifies)."""
    if not NAME.fullmatch(e.replay):
        return _("its replay {replay} is not a name the game gives replays").format(replay=repr(e.replay))
    path = Path(saves_dir) / replay.FOLDER / e.replay
    try:
        if path.stat().st_size > replay.MAX_BYTES:
            return _("its replay {replay} is far larger than any replay").format(replay=e.replay)
        data = path.read_bytes()
    except FileNotFoundError:
        return _("its replay {replay} is not in the replays folder").format(replay=e.replay)
    except OSError as err:
        return _("its replay {replay} cannot be read ({why})").format(replay=e.replay, why=err.strerror or err)
    digest = hashlib.sha256(data).hexdigest()
    if not e.replay.endswith(f"-{digest[:10]}{replay.SUFFIX}"):  # the name is the hash it was written with
        return _("its replay {replay} was changed after the run was recorded").format(replay=e.replay)
    v = verdict(data, digest, cs)
    if v.why:
        return _("its replay does not verify: {why}").format(why=v.why)
    if v.ref != ch.ref:
        return _("its replay is a run of {ref}, not of {expected}").format(ref=v.ref, expected=ch.ref)
    wrong = sorted({_(CLAIM_WORDS[k]) if k in CLAIM_WORDS else k for k in v.claims.keys() | claims(e).keys()
                    if v.claims.get(k) != claims(e).get(k)})
    # Translators: {what} lists what differs: content, result, time, real time, splits.
    return _("the records claim another {what} than its replay").format(what=", ".join(wrong)) if wrong else ""


def claims(e: Entry) -> dict[str, Any]:
    """What a run on the board claims, as the records file holds it, less who and when."""
    return {k: v for k, v in records.table(e).items() if k not in ("source", "at", "replay")}


def verdict(data: bytes, digest: str, cs: ChallengeSet) -> Verdict:
    """A replay's bytes (with their SHA-256) read and verified on this content, once.

    Kept in memory for the process and in the cache folder across runs of the game, keyed by the
    replay's hash, the content hash and the game's own code, so no edit can be served a stale answer.
    """
    # The language is part of the key: the reason kept is in the words of the language it was made in.
    key = hashlib.sha256(f"{digest} {cs.content_hash} {FORMAT} {current()}".encode()
                         + code_digest(*CODE)).hexdigest()
    if key not in _verdicts:
        _verdicts[key] = _cached(key) or _store(key, _verify(data, cs))
    return _verdicts[key]


def _verify(data: bytes, cs: ChallengeSet) -> Verdict:
    try:
        rep = replay.loads(data, "the replay")
    except ReplayError as err:
        return Verdict(why=said_error(err).removeprefix("the replay: "))
    why = "; ".join(_plain(r) for r in verify(rep, cs))
    return Verdict(rep.ref, claims(records.entry_of(rep, "", "")), why)


def _slot(key: str) -> Path | None:
    root = cache_root()
    return None if root is None else root / "verdicts" / f"{key[:40]}.json"


def _cached(key: str) -> Verdict | None:
    slot = _slot(key)
    try:
        doc = json.loads(slot.read_bytes()) if slot is not None else None
        if isinstance(doc, dict) and doc.get("key") == key:
            return Verdict(str(doc["ref"]), dict(doc["claims"]), str(doc["why"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _store(key: str, v: Verdict) -> Verdict:
    slot = _slot(key)
    if slot is not None:
        try:
            light_write(slot, json.dumps({"key": key, "ref": v.ref, "claims": v.claims, "why": v.why}).encode())
        except (OSError, TypeError, ValueError):  # a verdict not kept is only verified again
            pass
    return v


def _plain(reason: str) -> str:
    """A verify reason for the board: a run on older content is common and not anyone's fault."""
    if reason.startswith("content differs"):
        return _("it was made on an earlier version of the story, so it cannot be checked on this one")
    return said(reason)
