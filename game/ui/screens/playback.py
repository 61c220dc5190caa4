"""A replay played back: the run screen, stepping through the recorded choices by itself.

Steps follow the recorded real time (scaled by the speed); a route, which has no real time,
moves at a steady pace. Space pauses, "." plays one choice, + and - change the speed.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.timer import Timer

from game.engine.engine import PlayError
from game.runs.live import Playback
from game.ui.screens.run import RunScreen

ROUTE_PACE_MS = 600  # between steps of a replay without real times, at speed 1
MIN_WAIT = 0.02


class PlaybackScreen(RunScreen):
    BINDINGS = [Binding("space", "pause", "Pause"), Binding("full_stop", "step", "Step", key_display="."),
                Binding("plus,equals_sign", "speed(2)", "Faster", key_display="+"),
                Binding("minus", "speed(0.5)", "Slower", key_display="-"),
                Binding("escape", "app.quit", "Quit")]

    def __init__(self, live: Playback, speed: float = 1.0) -> None:
        super().__init__(live)
        self.playback, self.speed, self.paused = live, speed, False
        self.timer: Timer | None = None

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.sub_title = f"Replay of {self.live.ch.title} — ×{self.speed:g}"
        self.schedule()

    def schedule(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        if self.paused or self.live.run.over:
            return
        wait = self.playback.wait_ms() or ROUTE_PACE_MS
        self.timer = self.set_timer(max(MIN_WAIT, wait / 1000 / self.speed), self.advance)

    def advance(self) -> None:
        try:
            self.playback.play_next()
        except PlayError as e:
            self.paused = True
            self.app.show_message("The replay does not fit this story", str(e))
            return
        if self.live.run.over:
            from game.ui.screens.results import ResultsScreen

            self.app.switch_screen(ResultsScreen(self.live, playback=True))
            return
        self.refresh_game()
        self.schedule()

    # the player watches: choosing and restarting are off
    def take(self, choice_id: str) -> None:
        self.notify("This is a replay: space pauses, . plays one choice.", markup=False)

    def action_pick(self, n: int) -> None:
        self.take("")

    def action_restart(self) -> None:
        pass

    def action_pause(self) -> None:
        self.paused = not self.paused
        self.notify("Paused" if self.paused else "Playing", markup=False, timeout=1)
        self.schedule()

    def action_step(self) -> None:
        self.paused = True
        self.schedule()
        self.advance()

    def action_speed(self, factor: float) -> None:
        self.speed = min(64.0, max(0.125, self.speed * factor))
        self.sub_title = f"Replay of {self.live.ch.title} — ×{self.speed:g}"
        self.schedule()
