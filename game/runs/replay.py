"""Replay files: a finished run as a small TOML file that anyone can re-simulate to confirm it.

Format (format 1)::

    kind = "citizen-score-replay"
    format = 1
    game = "0.1.0"                  # the version that wrote it
    campaign = "state"
    challenge = "deposit_free"
    content_hash = "9b57703929d4fb7c" # the campaign and its challenges.toml
    seed = 1234
    date = "20261126"               # daily challenges only: the date that picked the seed

    [result]                        # what the run claims; verify re-simulates every field
    status = "done"                 # "done" (it counts) or "failed"
    why = "goal"                    # "goal", "ending" (the story ended) or "limit" (days ran out)
    ending = ""                     # the ending scene, if the story ended
    day = 2                         # the story's clock when the run ended
    hour = 7
    hours = 24                      # elapsed in-game hours: with actions, the time that ranks
    actions = 2
    real_ms = 81234                 # real time, from the player's clock (0 for routes)
    score = 650

    [[split]]                       # splits reached, in order, each with the same fields as time
    id = "first_job"
    day = 1 ...

    [log]
    steps = ["#1 day 1 07:00 0ms wake.shop", ...]

Each step is one line a runner can read like a TAS log: the action number, the story's clock when
the choice was taken, the real time in ms since the start, and the choice id. The step lines are
plain text rather than tables because a 500-step replay then reads several times faster, and
verifying should cost little more than loading the story.

The same run always renders to the same bytes (no wall-clock time in the file), so a replay's
hash names it.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game import __version__
from game.engine.load.keys import TYPE_WORDS
from game.engine.msg import Msg
from game.fileio import atomic_write

from .clock import Stamp
from .run import Reached, Result, Run, Step

KIND = "citizen-score-replay"
FORMAT = 1
SUFFIX = ".replay.toml"
FOLDER = "replays"
MAX_BYTES = 16 * 1024 * 1024
STEP = re.compile(r"#(\d+) day (\d+) (\d+):00 (\d+)ms ([a-z0-9_.]+)")
STAMP_KEYS = ("day", "hour", "hours", "actions", "real_ms")
ID = re.compile(r"[a-z0-9_]{1,100}")


class ReplayError(Exception):
    """A file that cannot be read as a replay; the message (a Msg) names the file and what is wrong."""


@dataclass(slots=True)
class Replay:
    campaign: str
    challenge: str
    content_hash: str
    seed: int
    date: str
    result: Result
    splits: list[Reached] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    game: str = __version__

    @property
    def ref(self) -> str:
        return f"{self.campaign}/{self.challenge}"


def from_run(run: Run) -> Replay:
    """The replay of a finished run."""
    if run.result is None:
        raise ValueError(Msg("only a finished run has a replay"))
    return Replay(run.camp.id, run.ch.id, run.content_hash, run.seed, run.date, run.result,
                  list(run.splits), list(run.steps))


def step_line(step: Step) -> str:
    a = step.at
    return f"#{a.actions + 1} day {a.day} {a.hour:02d}:00 {a.real_ms}ms {step.choice}"


def render(rep: Replay) -> bytes:
    """The bytes of a replay file: the same replay always gives the same bytes."""
    import tomli_w

    r = rep.result
    doc: dict[str, Any] = {"kind": KIND, "format": FORMAT, "game": rep.game, "campaign": rep.campaign,
                           "challenge": rep.challenge, "content_hash": rep.content_hash, "seed": rep.seed}
    if rep.date:
        doc["date"] = rep.date
    doc["result"] = {"status": r.status, "why": r.why, "ending": r.ending, **r.at.to_dict(), "score": r.score}
    if rep.splits:
        doc["split"] = [{"id": s.id, **s.at.to_dict()} for s in rep.splits]
    doc["log"] = {"steps": [step_line(s) for s in rep.steps]}
    return tomli_w.dumps(doc).encode("utf-8")


def file_name(rep: Replay, data: bytes) -> str:
    """``<campaign>-<challenge>-<hash>.replay.toml``: identical runs share one file."""
    return f"{rep.campaign}-{rep.challenge}-{hashlib.sha256(data).hexdigest()[:10]}{SUFFIX}"


def write(saves_dir: Path, rep: Replay) -> Path:
    """Write the replay under ``<saves>/replays/`` atomically; returns its path (OSError if it cannot)."""
    data = render(rep)
    folder = Path(saves_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(rep, data)
    atomic_write(path, data)
    return path


# ---------------------------------------------------------------- reading

def read(path: Path) -> tuple[Replay, bytes]:
    """Read and check a replay file's shape (no content needed); ReplayError says what is wrong."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ReplayError(Msg("{file}: it is far larger than any replay.", file=path))
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReplayError(Msg("{file}: there is no such file.", file=path)) from None
    except OSError as e:
        raise ReplayError(Msg("{file}: the file cannot be read ({why}).", file=path, why=e.strerror or e)) from None
    return loads(data, path), data


def loads(data: bytes, path: Path | str) -> Replay:
    """A replay from a file's bytes (``path`` only names it in the message of a ReplayError)."""
    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReplayError(Msg("{file}: it is not text, so it is not a replay.", file=path)) from None
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as e:
        raise ReplayError(Msg("{file}: the TOML cannot be read ({why}).", file=path, why=e)) from None
    try:
        return parse(doc)
    except _Bad as e:
        raise ReplayError(Msg.listing([str(path), e.args[0]], ": ")) from None


class _Bad(Exception):
    """What is wrong with a replay's table, as a Msg; ``loads`` puts the file's name before it."""


def _get(table: dict[str, Any], key: str, want: type, where: str = "") -> Any:
    value = table.get(key)
    if not isinstance(value, want) or isinstance(value, bool) != (want is bool):
        # Translators: {key} is a key of the replay file as written there; {kind} is "a whole number", "text"...
        raise _Bad(Msg("'{key}' is missing or not {kind}.", key=where + key, kind=TYPE_WORDS[want]))
    return value


def _stamp(t: dict[str, Any], where: str) -> Stamp:
    return Stamp(*(_get(t, k, int, where) for k in STAMP_KEYS))


def parse(doc: dict[str, Any]) -> Replay:
    """A replay from its TOML table; raises _Bad naming the first key that is wrong."""
    if doc.get("kind") != KIND:
        # Translators: kind = "..." is a line of the file: keep it as it is.
        raise _Bad(Msg('it is not a Citizen Score replay (it has no kind = "{kind}").', kind=KIND))
    fmt = _get(doc, "format", int)
    if fmt > FORMAT:
        raise _Bad(Msg("it was written by a newer version of the game (replay format {format}; this version "
                       "reads {reads}). Update Citizen Score to verify it.", format=fmt, reads=FORMAT))
    res = _get(doc, "result", dict)
    score = res.get("score")
    if not isinstance(score, (int, float)) or isinstance(score, bool):
        raise _Bad(Msg("'{key}' is missing or not {kind}.", key="result.score", kind=TYPE_WORDS[float]))
    result = Result(_get(res, "status", str, "result."), _get(res, "why", str, "result."),
                    _get(res, "ending", str, "result."), _stamp(res, "result."), score)
    splits = []
    for i, s in enumerate(doc.get("split", [])):
        if not isinstance(s, dict):
            raise _Bad(Msg("split {n} is not a table.", n=i + 1))
        splits.append(Reached(_get(s, "id", str, f"split[{i}]."), "", _stamp(s, f"split[{i}].")))
    steps = []
    for n, line in enumerate(_get(_get(doc, "log", dict), "steps", list, "log."), 1):
        m = STEP.fullmatch(line) if isinstance(line, str) else None
        if m is None:
            # Translators: the form of a step line is written in the file as it is: keep it in English.
            raise _Bad(Msg("step {n} is not written '{form}'.", n=n,
                           form="#<action> day <day> <hour>:00 <real ms>ms <choice id>"))
        action, day, hour, real_ms, choice = m.groups()
        steps.append(Step(choice, Stamp(int(day), int(hour), 0, int(action) - 1, int(real_ms))))
    date = doc.get("date", "")
    for key in ("campaign", "challenge"):
        if not ID.fullmatch(_get(doc, key, str)):
            raise _Bad(Msg("'{key}' is not an id (lower-case letters, digits and underscores).", key=key))
    return Replay(doc["campaign"], doc["challenge"], _get(doc, "content_hash", str),
                  _get(doc, "seed", int), date if isinstance(date, str) else str(date),
                  result, splits, steps, _get(doc, "game", str))
