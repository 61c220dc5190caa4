"""The day screen during a run: the same story and choices, with the timer panel on top.

Nothing autosaves; when the run is over (goal, the story's end, or the day limit) the results
screen takes its place. One key restarts the run from the challenge's start.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from game.engine.engine import DeadEnd, PlayError
from game.runs.live import LiveRun
from game.ui.screens.day import DayScreen
from game.ui.widgets.timer import TimerPanel


class RunScreen(DayScreen):
    CSS_PATH = ["day.tcss", "run.tcss"]
    BINDINGS = [Binding("f5,ctrl+r", "restart", "Restart"),
                Binding("escape", "app.pop_screen", "Challenges")]

    def __init__(self, live: LiveRun) -> None:
        super().__init__(live)
        self.live = live

    def compose(self) -> ComposeResult:
        yield TimerPanel(self.live, id="timer")  # in the flow, so under the docked header
        yield from super().compose()

    def on_screen_resume(self) -> None:  # after the day screen's own on_mount (Textual calls both)
        self.sub_title = f"{self.live.ch.title} — {self.live.ch.category}"

    def refresh_game(self) -> None:
        super().refresh_game()
        self.query_one(TimerPanel).show(self.live)
        for s in self.live.new_splits:
            self.notify(s.title, title="Split", markup=False, timeout=2)

    def take(self, choice_id: str) -> None:
        try:
            self.live.choose(choice_id)
        except DeadEnd as e:
            self.app.show_message("The story is stuck", f"{e}\n\nThis is a fault in the campaign's content.")
            return
        except PlayError as e:
            self.notify(str(e), severity="warning", markup=False)
            return
        if self.live.run.over:
            from game.ui.screens.results import ResultsScreen

            self.app.switch_screen(ResultsScreen(self.live))
        else:
            self.refresh_game()

    def action_restart(self) -> None:
        self.app.switch_screen(RunScreen(self.live.restart()))
