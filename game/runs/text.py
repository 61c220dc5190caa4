"""Runs as plain text for the command line: splits tables, results and boards."""

from __future__ import annotations

from game.engine.challenges import Challenge

from .board import Board
from .clock import Span, Stamp, clock, delta, game_time, real_time
from .run import WHY_WORDS, Result
from .splits import Entry, Judgement, personal_best, ranked, sum_of_best


def heading(ch: Challenge, seed: int | None = None) -> str:
    seed_text = f", seed {seed}" if seed is not None else (", daily seed" if ch.daily else f", seed {ch.seed}")
    limit = f", {ch.days} days" if ch.days else ""
    return f"{ch.title} — {ch.ref} ({ch.category}{seed_text}{limit})"


def _time(t: Stamp | Span | None) -> str:
    return game_time(t) if t is not None else "—"


def splits_table(j: Judgement) -> list[str]:
    """One line per segment: title, time, segment, delta against PB, and a star for gold."""
    width = max([len(r.title) for r in j.rows] + [5])
    lines = [f"  {'Split':<{width}}  {'time':>11}  {'segment':>11}  {'vs PB':>6}"]
    for r in j.rows:
        d = delta(r.delta) if r.delta is not None else ""
        lines.append(f"  {r.title:<{width}}  {_time(r.time):>11}  {_time(r.segment):>11}  {d:>6}"
                     + ("  ★ gold" if r.gold else ""))
    return lines


def result_line(ch: Challenge, r: Result) -> str:
    score = f", {ch.score.src} {r.score}"
    ending = f", ending '{r.ending}'" if r.ending else ""
    return (f"Result: {r.status} — {WHY_WORDS[r.why]} — in-game {game_time(r.at)} ({clock(r.at)}), "
            f"real {real_time(r.at.real_ms)}{score}{ending}")


def entry_line(ch: Challenge, e: Entry) -> str:
    score = f"  {ch.score.src} {e.score}"
    when = e.at.replace("T", " ")[:16]
    return (f"{game_time(e.end):>11}  {real_time(e.end.real_ms):>9}{score}  {e.source:<6}  {when}  {e.replay}")


def board(ch: Challenge, b: Board) -> list[str]:
    """The whole board of a challenge: PB, sum of best, attempts, the ranking and the history.

    Only verified runs rank and make the PB; the others are listed with the reason they do not count.
    """
    pb = personal_best(ch, b.counted)
    sob = sum_of_best(ch, b.counted)
    done = sum(e.done for e in b.counted if e.local)
    out = [heading(ch), f"  {ch.about}" if ch.about else "",
           f"Attempts: {b.attempts}   finished: {done}",
           f"Personal best: {entry_line(ch, pb).strip() if pb else 'none yet'}",
           f"Sum of best: {_time(sob) if sob else '—'}"]
    out.append("Board:")
    rows = ranked(ch, b.counted)
    for n, e in enumerate(rows, 1):
        out.append(f"  {n:>2}. {entry_line(ch, e)}")
    if not rows:
        out.append("  no finished runs yet")
    if b.unverified:
        out.append("Unverified (not counted):")
        for u in b.unverified:
            out.append(f"   -  {entry_line(ch, u.entry)}")
            out.append(f"      {u.reason}")
    out.append("History:")
    for e in b.history:
        tag = "  unverified" if b.reason(e) else ""
        out.append(f"  {e.at.replace('T', ' ')[:16]}  {e.source:<6}  {e.status:<6} ({WHY_WORDS.get(e.why, e.why)})  "
                   f"{game_time(e.end)}  {ch.score.src} {e.score}{tag}")
    if not b.history:
        out.append("  no runs yet")
    if b.repeats:
        runs = f"run{'s' if b.repeats != 1 else ''}"
        out.append(f"  ({b.repeats} more {runs} of a replay already on the board, counted once)")
    return [line for line in out if line != ""]
