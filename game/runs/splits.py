"""Splits, personal bests, best segments and sum of best, the way runners read them.

A challenge's segments are its splits in order, then the finish. A run's split times are
cumulative stamps; a segment is the time between a split and the one before it (or the start),
counted only when both were reached. Everything is derived from the runs on the board, so the
records file holds nothing that could disagree with its own history.

Colours follow the usual convention: ahead of the personal best is green, behind is red, and a
segment faster than every earlier one ("gold") is gold. The first time a segment is ever run it
sets the best but is not called gold: there was nothing to beat.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.challenges import Challenge
from game.i18n import pgettext

from .clock import ZERO, Span, Stamp, span

FINISH = ":finish"  # not a valid split id, so it never collides with one
LOCAL = ("play", "route")  # runs of this player; imported runs go on the board but set no PB


@dataclass(frozen=True, slots=True)
class Entry:
    """One run on a challenge's board."""

    source: str  # "play", "route" or "import"
    at: str  # when it was recorded (ISO 8601, UTC)
    replay: str  # the replay's file name in the replays folder
    content_hash: str
    status: str
    why: str
    ending: str
    end: Stamp
    score: int | float
    splits: tuple[tuple[str, Stamp], ...] = ()
    date: str = ""  # daily challenges: the date whose seed was played

    @property
    def done(self) -> bool:
        return self.status == "done"

    @property
    def local(self) -> bool:
        return self.source in LOCAL

    def times(self, ids: list[str]) -> list[Stamp | None]:
        """Cumulative time at each segment's end (None where not reached)."""
        reached = dict(self.splits)
        if self.done:
            reached[FINISH] = self.end
        return [reached.get(i) for i in ids]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a splits table: a segment of a run against the personal best."""

    id: str
    title: str
    time: Stamp | None
    segment: Span | None
    delta: Span | None  # against the personal best's time at this split
    gold: bool


@dataclass(slots=True)
class Judgement:
    """A run against the board before it: the splits table and what was new."""

    rows: list[Row] = field(default_factory=list)
    new_pb: bool = False
    golds: int = 0


def same_seed(ch: Challenge, entries: list[Entry], day: str) -> list[Entry]:
    """The runs that raced the same seed: all of them, or for a daily challenge that day's only."""
    return [e for e in entries if e.date == day] if ch.daily else list(entries)


def segment_ids(ch: Challenge) -> list[str]:
    return [s.id for s in ch.splits] + [FINISH]


def segment_titles(ch: Challenge) -> list[str]:
    # Translators: the last segment of a run: to the end of the story, or to the challenge's goal.
    return [s.title for s in ch.splits] + [pgettext("segment", "Finish") if ch.goal is None
                                           else pgettext("segment", "Goal")]


def rank_key(ch: Challenge, e: Entry) -> tuple:
    """Sort key of a finished run: the score first in score categories, then in-game time.

    Real time never ranks: it is the player's word, and a replay cannot prove it. Runs that tie
    keep the order they were set in, so the first to reach a time holds it.
    """
    time = (e.end.hours, e.end.actions)
    if ch.rank == "high":
        return (-e.score, *time)
    if ch.rank == "low":
        return (e.score, *time)
    return time


def ranked(ch: Challenge, entries: list[Entry]) -> list[Entry]:
    return sorted((e for e in entries if e.done), key=lambda e: rank_key(ch, e))


def personal_best(ch: Challenge, entries: list[Entry]) -> Entry | None:
    best = ranked(ch, [e for e in entries if e.local])
    return best[0] if best else None


def segments(times: list[Stamp | None]) -> list[Span | None]:
    """Segment lengths from cumulative times: each from the previous reached split, or the start."""
    out: list[Span | None] = []
    prev: Span | None = ZERO
    for t in times:
        out.append(span(t) - prev if t is not None and prev is not None else None)
        prev = span(t) if t is not None else None
    return out


def _better(a: Span, b: Span, real: bool) -> bool:
    return a.real_ms < b.real_ms if real else a.key < b.key


def best_segments(ch: Challenge, entries: list[Entry], real: bool = False) -> list[Span | None]:
    """The best each segment was ever run by this player (in game time, or in real time)."""
    ids = segment_ids(ch)
    best: list[Span | None] = [None] * len(ids)
    for e in entries:
        if not e.local:
            continue
        for i, seg in enumerate(segments(e.times(ids))):
            if seg is not None and ((b := best[i]) is None or _better(seg, b, real)):
                best[i] = seg
    return best


def sum_of_best(ch: Challenge, entries: list[Entry]) -> Span | None:
    """The sum of the best segments: the best run possible from this player's runs so far."""
    best = best_segments(ch, entries)
    if not best or any(b is None for b in best):
        return None
    total = ZERO
    for b in best:
        total = total + b  # type: ignore[operator]
    return total


def judge(ch: Challenge, times: list[Stamp | None], before: list[Entry], candidate: Entry | None = None) -> Judgement:
    """A run's splits (so far, or finished) against the board as it was before the run."""
    ids, titles = segment_ids(ch), segment_titles(ch)
    pb = personal_best(ch, before)
    pb_times = pb.times(ids) if pb else [None] * len(ids)
    best = best_segments(ch, before)
    out = Judgement()
    for i, seg in enumerate(segments(times)):
        t, p = times[i], pb_times[i]
        gold = seg is not None and (b := best[i]) is not None and _better(seg, b, False)
        delta = span(t) - span(p) if t is not None and p is not None else None
        out.rows.append(Row(ids[i], titles[i], t, seg, delta, gold))
        out.golds += gold
    if candidate is not None and candidate.done and candidate.local:
        out.new_pb = pb is None or rank_key(ch, candidate) < rank_key(ch, pb)
    return out
