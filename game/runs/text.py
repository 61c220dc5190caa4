"""Runs as plain text for the command line: splits tables, results and boards."""

from __future__ import annotations

from game.engine.challenges import Challenge
from game.i18n import _, ngettext

from .board import Board
from .clock import Span, Stamp, clock, delta, game_time, real_time
from .run import WHY_WORDS, Result
from .splits import Entry, Judgement, personal_best, ranked, sum_of_best


def heading(ch: Challenge, seed: int | None = None) -> str:
    # Translators: parts of a challenge's heading: "Speedrun — sesame/any (any%, seed 42, 30 days)".
    seed_text = (_(", seed {seed}").format(seed=seed) if seed is not None
                 else _(", daily seed") if ch.daily else _(", seed {seed}").format(seed=ch.seed))
    limit = ngettext(", {count} day", ", {count} days", ch.days).format(count=ch.days) if ch.days else ""
    return f"{ch.title} — {ch.ref} ({ch.category}{seed_text}{limit})"


def _time(t: Stamp | Span | None) -> str:
    return game_time(t) if t is not None else "—"


def splits_table(j: Judgement) -> list[str]:
    """One line per segment: title, time, segment, delta against PB, and a star for gold."""
    width = max([len(r.title) for r in j.rows] + [5])
    # Translators: the splits table's column headings: at most 11 characters (vs PB: at most 6).
    split, time, segment, vs_pb = _("Split"), _("time"), _("segment"), _("vs PB")
    width = max(width, len(split))
    lines = [f"  {split:<{width}}  {time:>11}  {segment:>11}  {vs_pb:>6}"]
    # Translators: marks a segment run faster than ever before (a gold split).
    gold = "  " + _("★ gold")
    for r in j.rows:
        d = delta(r.delta) if r.delta is not None else ""
        lines.append(f"  {r.title:<{width}}  {_time(r.time):>11}  {_time(r.segment):>11}  {d:>6}"
                     + (gold if r.gold else ""))
    return lines


def result_line(ch: Challenge, r: Result) -> str:
    score = f", {ch.score.src} {r.score}"
    # Translators: {ending} is the id of the ending reached, as written in the story.
    ending = _(", ending '{ending}'").format(ending=r.ending) if r.ending else ""
    # Translators: {status} is done or failed, as the records file writes it; {why} says why the run ended.
    return _("Result: {status} — {why} — in-game {time} ({clock}), real {real}{score}{ending}").format(
        status=r.status, why=_(WHY_WORDS[r.why]), time=game_time(r.at), clock=clock(r.at),
        real=real_time(r.at.real_ms), score=score, ending=ending)


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
           _("Attempts: {attempts}   finished: {done}").format(attempts=b.attempts, done=done),
           _("Personal best: {run}").format(run=entry_line(ch, pb).strip() if pb else _("none yet")),
           _("Sum of best: {time}").format(time=_time(sob) if sob else "—")]
    out.append(_("Board:"))
    rows = ranked(ch, b.counted)
    for n, e in enumerate(rows, 1):
        out.append(f"  {n:>2}. {entry_line(ch, e)}")
    if not rows:
        out.append("  " + _("no finished runs yet"))
    if b.unverified:
        out.append(_("Unverified (not counted):"))
        for u in b.unverified:
            out.append(f"   -  {entry_line(ch, u.entry)}")
            out.append(f"      {u.reason}")
    out.append(_("History:"))
    tag_unverified = "  " + _("unverified")
    for e in b.history:
        tag = tag_unverified if b.reason(e) else ""
        out.append(f"  {e.at.replace('T', ' ')[:16]}  {e.source:<6}  {e.status:<6} ({WHY_WORDS.get(e.why, e.why)})  "
                   f"{game_time(e.end)}  {ch.score.src} {e.score}{tag}")
    if not b.history:
        out.append("  " + _("no runs yet"))
    if b.repeats:
        out.append("  " + ngettext("({count} more run of a replay already on the board, counted once)",
                                   "({count} more runs of a replay already on the board, counted once)",
                                   b.repeats).format(count=b.repeats))
    return [line for line in out if line != ""]
