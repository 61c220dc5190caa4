"""The chooser of a replay played back: it takes the recorded choices at their recorded times.

Steps follow the recorded real time (scaled by the speed); a route, which has no real time,
moves at a steady pace. The waiting is done by a scheduler handed in (the screen's ``set_timer``
in the game, a hand-stepped one in tests), so nothing here depends on how fast the machine is.
"""

from __future__ import annotations

from typing import Callable, Protocol

from game.i18n import _, seps
from game.runs.playback import Playback

ROUTE_PACE_MS = 600  # between steps of a replay without real times, at speed 1
MIN_WAIT = 0.02


class Pending(Protocol):
    def stop(self) -> None: ...


# (seconds, callback) -> something that can be stopped: Textual's set_timer has this shape.
Scheduler = Callable[[float, Callable[[], None]], Pending]


class ReplayChooser:
    """Takes the playback's next choice when its time comes; the player only watches."""

    @property
    def hint(self) -> str:
        return _("This is a replay: space pauses, . plays one choice.")

    def __init__(self, playback: Playback, speed: float = 1.0, schedule: Scheduler | None = None) -> None:
        self.playback, self.speed, self.schedule = playback, speed, schedule
        self.paused = False
        self.pending: Pending | None = None
        self.take: Callable[[str], bool] = lambda choice_id: False

    @property
    def title(self) -> str:
        return _("Replay of {challenge} — ×{speed}").format(challenge=self.playback.run.ch.title,
                                                            speed=f"{self.speed:g}".replace(".", seps()[1]))

    def start(self, take: Callable[[str], bool], schedule: Scheduler) -> None:
        """Begin choosing through ``take`` (False when the choice did not fit); the scheduler is the
        screen's unless one was handed in."""
        self.take, self.schedule = take, self.schedule or schedule
        self.arm()

    def arm(self) -> None:
        """Wait for the next step's time (nothing while paused or once the run is over)."""
        if self.pending is not None:
            self.pending.stop()
            self.pending = None
        if self.paused or self.playback.run.over or self.schedule is None:
            return
        wait = self.playback.wait_ms() or ROUTE_PACE_MS
        self.pending = self.schedule(max(MIN_WAIT, wait / 1000 / self.speed), self.advance)

    def advance(self) -> None:
        self.pending = None
        if self.playback.run.over or self.playback.done >= len(self.playback.rep.steps):
            return
        if self.take(self.playback.next_choice()):
            self.arm()
        else:
            self.paused = True

    def pause(self) -> None:
        self.paused = not self.paused
        self.arm()

    def step(self) -> None:
        """One choice now, and stay paused."""
        self.paused = True
        self.arm()
        self.advance()

    def faster(self, factor: float) -> None:
        self.speed = min(64.0, max(0.125, self.speed * factor))
        self.arm()
