"""Runs as plain data for ``--format json``: the same facts ``text`` prints, for scripts and CI.

``route``, ``verify`` and ``records`` print these with ``--format json``; their shapes are
schema/output/<command>.schema.json (the pieces they share, a stamp, a result, a run on a board,
are one shape each in schema/output/shapes/defs.json, and one function each here). Every
document has ``tool`` and ``format``; ``format`` changes when a field changes meaning or goes.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from game.engine.challenges import Challenge

from .board import Board
from .clock import Span, Stamp
from .replay import Replay
from .run import Reached, Result
from .splits import Entry, Row, personal_best, ranked, sum_of_best
from .verify import Verdict

FORMAT = 1


def document(tool: str, **fields: Any) -> dict[str, Any]:
    return {"tool": tool, "format": FORMAT, **fields}


def dump(doc: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def stamp(s: Stamp) -> dict[str, int]:
    return s.to_dict()


def span(s: Span | None) -> dict[str, int] | None:
    return None if s is None else {"hours": s.hours, "actions": s.actions, "real_ms": s.real_ms}


def result(r: Result) -> dict[str, Any]:
    return {"status": r.status, "why": r.why, "ending": r.ending, "at": stamp(r.at), "score": r.score}


def split(sid: str, at: Stamp) -> dict[str, Any]:
    return {"id": sid, "at": stamp(at)}


def challenge(ch: Challenge) -> dict[str, Any]:
    return {"ref": ch.ref, "campaign": ch.campaign, "challenge": ch.id, "title": ch.title,
            "category": ch.category, "daily": ch.daily}


def row(r: Row) -> dict[str, Any]:
    return {"id": r.id, "title": r.title, "time": None if r.time is None else stamp(r.time),
            "segment": span(r.segment), "delta": span(r.delta), "gold": r.gold}


def entry(e: Entry) -> dict[str, Any]:
    return {"source": e.source, "at": e.at, "replay": e.replay, "status": e.status, "why": e.why,
            "ending": e.ending, "end": stamp(e.end), "score": e.score,
            "splits": [split(sid, at) for sid, at in e.splits], "date": e.date}


def replay(rep: Replay) -> dict[str, Any]:
    """What a replay file claims: which run, on which content and seed, and how it ended."""
    return {"ref": rep.ref, "campaign": rep.campaign, "challenge": rep.challenge, "game": rep.game,
            "content_hash": rep.content_hash, "seed": rep.seed, "date": rep.date,
            "result": result(rep.result), "splits": [reached(s) for s in rep.splits], "steps": len(rep.steps)}


def reached(s: Reached) -> dict[str, Any]:
    return split(s.id, s.at)


def verdict(v: Verdict) -> dict[str, Any]:
    """One replay verified: valid, or the reasons it is not; a file that is no replay says why instead."""
    out: dict[str, Any] = {"file": str(v.path), "valid": v.valid, "reasons": list(v.reasons)}
    if v.unreadable:
        out["unreadable"] = v.unreadable
    if v.replay is not None:
        out["replay"] = replay(v.replay)
    return out


def board(ch: Challenge, b: Board, day: str = "") -> dict[str, Any]:
    """A challenge's board as ``records CHALLENGE`` shows it: only verified runs rank and make the PB."""
    pb = personal_best(ch, b.counted)
    return {"challenge": challenge(ch), "date": day, "attempts": b.attempts,
            "finished": sum(e.done for e in b.counted if e.local),
            "personal_best": None if pb is None else entry(pb),
            "sum_of_best": span(sum_of_best(ch, b.counted)),
            "ranked": [entry(e) for e in ranked(ch, b.counted)],
            "unverified": [{"run": entry(u.entry), "reason": u.reason} for u in b.unverified],
            "history": [{"run": entry(e), "reason": b.reason(e)} for e in b.history],
            "repeats": b.repeats}
