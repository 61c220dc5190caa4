"""The timer panel of a run: in-game time (what counts), real time beside it, splits against the PB.

Colours follow runners' habit: ahead of the personal best green, behind red, a best-ever segment
gold. Splits not reached yet show the personal best's time, dimmed, as the time to beat.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from game.i18n import _
from game.runs.clock import clock, delta, game_time, real_time
from game.runs.attempt import Attempt
from game.runs.splits import Row, personal_best, segment_ids, sum_of_best

AHEAD, BEHIND, GOLD = "bold green", "bold red", "bold #ffd700"


def row_style(row: Row) -> str:
    if row.gold:
        return GOLD
    if row.delta is None:
        return ""
    return AHEAD if row.delta.key < (0, 0) else BEHIND if row.delta.key > (0, 0) else ""


def split_cell(row: Row, pb_time: str) -> Text:
    if row.time is None:
        return Text.assemble(row.title + " ", (pb_time or "—", "dim"))
    mark = delta(row.delta) if row.delta is not None else game_time(row.time)
    return Text.assemble(row.title + " ", (mark + (" ★" if row.gold else ""), row_style(row)))


class TimerPanel(Static):
    """Redraws the clocks ten times a second while the run is on; the splits after each choice."""

    def __init__(self, attempt: Attempt, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.attempt = attempt
        self.seen = 0  # steps whose new splits were already announced

    def on_mount(self) -> None:
        self.set_interval(0.1, self.tick)
        self.tick()

    def show(self) -> None:
        """After a choice: redraw, and announce the splits it reached."""
        self.tick()
        run = self.attempt.run
        if len(run.steps) != self.seen:
            self.seen = len(run.steps)
            for s in run.new_splits:
                self.notify(s.title, title=_("Split"), markup=False, timeout=2)

    def tick(self) -> None:
        self.update(self.panel())

    def panel(self) -> Text:
        attempt = self.attempt
        run, ch = attempt.run, attempt.ch
        now = run.result.at if run.result is not None else run.now(attempt.shown_ms())
        pb = personal_best(ch, attempt.before)
        sob = sum_of_best(ch, attempt.before)
        head = Text.assemble(("⏱ ", "bold"), (_("In-game") + " ", "dim"), (game_time(now), "bold"),
                             (f"  {clock(now)}", "dim"), ("   " + _("Real") + " ", "dim"), real_time(now.real_ms),
                             # Translators: the personal best, as speedrunners say
                             ("   " + _("PB") + " ", "dim"), game_time(pb.end) if pb else "—",
                             ("   " + _("Sum of best") + " ", "dim"), game_time(sob) if sob else "—")
        pb_times = pb.times(segment_ids(ch)) if pb else []
        cells = [split_cell(r, game_time(t) if pb_times and (t := pb_times[i]) else "")
                 for i, r in enumerate(attempt.standing().rows)]
        return Text("\n").join([head, Text("  ▸  ").join(cells)])
