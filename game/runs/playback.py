"""A replay played back: its recorded choices fed to a fresh run, each at its recorded real time.

The driver says which choice comes next and how long to wait for it; whoever calls it (the day
screen's replay chooser, on a scheduler that tests step by hand) decides when.
"""

from __future__ import annotations

from game.engine.challenges import ChallengeSet
from game.engine.engine import PlayError
from game.engine.msg import Msg

from .replay import Replay
from .run import Run


class Playback:
    """The run being played back, and the recorded steps still to come."""

    def __init__(self, cs: ChallengeSet, rep: Replay) -> None:
        self.rep = rep
        self.run = Run(cs, cs.challenges[rep.challenge], rep.seed, rep.date, real_ms=self.recorded_ms)

    @property
    def done(self) -> int:
        return len(self.run.steps)

    def recorded_ms(self) -> int:
        """The real time recorded for the step being taken (the run's clock during playback)."""
        return self.rep.steps[self.done].at.real_ms

    def shown_ms(self) -> int:
        """The real time of the last step played, for the timer between steps."""
        return self.run.steps[-1].at.real_ms if self.run.steps else 0

    def wait_ms(self) -> int:
        """Real time between the last step played and the next one (0 when the run is over)."""
        if self.run.over or self.done >= len(self.rep.steps):
            return 0
        return self.rep.steps[self.done].at.real_ms - self.shown_ms()

    def next_choice(self) -> str:
        """The next recorded choice (PlayError when the replay has no more)."""
        if self.done >= len(self.rep.steps):
            raise PlayError(Msg("the replay has no more choices"))
        return self.rep.steps[self.done].choice
