"""The records kept under the saves folder: one TOML file per challenge.

``<saves>/records/<campaign>/<challenge>.toml`` holds the number of attempts and the history of
runs (each with its replay's file name in ``<saves>/replays/``). Personal best, best segments and
sum of best are worked out from the history when read (see ``splits``), never stored twice.
Written atomically like saves, so a crash leaves the old file or the new one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from game.engine.msg import Msg
from game.fileio import atomic_write

from .clock import Stamp
from .replay import STAMP_KEYS, Replay
from .splits import Entry

KIND = "citizen-score-records"
FORMAT = 1
FOLDER = "records"


class RecordsError(Exception):
    """A records file that cannot be read or written; the message (a Msg) names the file and the fix."""


@dataclass(slots=True)
class Records:
    campaign: str
    challenge: str
    attempts: int = 0
    entries: list[Entry] = field(default_factory=list)


def records_path(saves_dir: Path, campaign: str, challenge: str) -> Path:
    return Path(saves_dir) / FOLDER / campaign / f"{challenge}.toml"


def boards(saves_dir: Path) -> list[tuple[str, str]]:
    """(campaign, challenge) of every records file, in name order."""
    root = Path(saves_dir) / FOLDER
    if not root.is_dir():
        return []
    return sorted((p.parent.name, p.stem) for p in root.glob("*/*.toml"))


def entry_of(rep: Replay, source: str, replay_name: str, at: datetime | None = None) -> Entry:
    """A board entry for a verified (or just played) run."""
    when = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
    r = rep.result
    return Entry(source, when, replay_name, rep.content_hash, r.status, r.why, r.ending, r.at, r.score,
                 tuple((s.id, s.at) for s in rep.splits), rep.date)


# ---------------------------------------------------------------- reading

def load(saves_dir: Path, campaign: str, challenge: str) -> Records:
    """The records of a challenge (empty when there are none yet)."""
    path = records_path(saves_dir, campaign, challenge)
    if not path.is_file():
        return Records(campaign, challenge)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        if doc.get("kind") != KIND or not isinstance(doc.get("format"), int) or doc["format"] > FORMAT:
            raise ValueError(Msg("it is not a records file this version can read"))
        return Records(campaign, challenge, int(doc.get("attempts", 0)),
                       [_entry(t) for t in doc.get("run", [])])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, KeyError, TypeError,
            AttributeError) as e:
        why = e.args[0] if e.args and isinstance(e.args[0], Msg) else e  # ours are said in the language spoken
        raise RecordsError(Msg("{file}: the records cannot be read ({why}). Restore it from a backup, or delete it "
                               "to start a new board (the replays stay in the replays folder).", file=path,
                               why=why)) from None


def _stamp(t: dict[str, Any]) -> Stamp:
    return Stamp(*(int(t[k]) for k in STAMP_KEYS))


def _entry(t: dict[str, Any]) -> Entry:
    score = t["score"]
    if not isinstance(score, (int, float)) or isinstance(score, bool):
        raise ValueError(Msg("a run's score is not a number"))
    return Entry(str(t["source"]), str(t["at"]), str(t["replay"]), str(t["content_hash"]), str(t["status"]),
                 str(t["why"]), str(t["ending"]), _stamp(t), score,
                 tuple((str(s["id"]), _stamp(s)) for s in t.get("split", [])), str(t.get("date", "")))


# ---------------------------------------------------------------- writing

def table(e: Entry) -> dict[str, Any]:
    t: dict[str, Any] = {"source": e.source, "at": e.at, "replay": e.replay, "content_hash": e.content_hash,
                         "status": e.status, "why": e.why, "ending": e.ending, **e.end.to_dict(),
                         "score": e.score}
    if e.date:
        t["date"] = e.date
    if e.splits:
        t["split"] = [{"id": sid, **at.to_dict()} for sid, at in e.splits]
    return t


def save(saves_dir: Path, rec: Records) -> Path:
    import tomli_w

    path = records_path(saves_dir, rec.campaign, rec.challenge)
    doc = {"kind": KIND, "format": FORMAT, "campaign": rec.campaign, "challenge": rec.challenge,
           "attempts": rec.attempts, "run": [table(e) for e in rec.entries]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, tomli_w.dumps(doc).encode("utf-8"))
    except OSError as e:
        raise RecordsError(Msg("{file}: the records could not be written ({why}). Check there is free disk space "
                               "and that you may write to the saves folder.", file=path, why=e.strerror or e)) from None
    return path


def count_attempt(saves_dir: Path, campaign: str, challenge: str) -> Records:
    """One more attempt started (a run begun or restarted)."""
    rec = load(saves_dir, campaign, challenge)
    rec.attempts += 1
    save(saves_dir, rec)
    return rec


def add(saves_dir: Path, entry: Entry, campaign: str, challenge: str, *, attempt: bool = False) -> Records:
    """Put a run on the board (and count it as an attempt when it was not counted at its start)."""
    rec = load(saves_dir, campaign, challenge)
    rec.attempts += attempt
    rec.entries.append(entry)
    save(saves_dir, rec)
    return rec
