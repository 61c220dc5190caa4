"""One attempt at a challenge: the story played choice by choice, timed, split and judged.

The UI, ``route`` and ``verify`` all drive this same class, so a run played by hand, a route
file and the re-simulation of a replay cannot disagree about a time, a split or a result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

from game.engine.challenges import Challenge, ChallengeSet, day_key
from game.engine.challenges import today as utc_today
from game.engine.engine import Outcome
from game.engine.play import Play
from game.engine.msg import Msg
from game.engine.state import GameState
from game.i18n import N_

from .clock import Stamp, elapsed

RUNNING, DONE, FAILED = "", "done", "failed"
# Why a run ended, in words (records and replays keep the key; ``_`` translates the words where shown).
WHY_WORDS = {"goal": N_("goal reached"), "ending": N_("the story ended"), "limit": N_("the day limit passed")}


@dataclass(frozen=True, slots=True)
class Step:
    """A choice taken, with the moment it was taken (before it took effect)."""

    choice: str
    at: Stamp


@dataclass(frozen=True, slots=True)
class Reached:
    """A split reached: its id, its title and when."""

    id: str
    title: str
    at: Stamp


@dataclass(frozen=True, slots=True)
class Result:
    """How a run ended. ``status`` is "done" (it counts) or "failed"; ``why`` says what ended it."""

    status: str
    why: str
    ending: str
    at: Stamp
    score: int | float


def no_clock() -> int:
    """Real time for runs no one plays by hand (a route): always 0 ms."""
    return 0


class Run:
    """A challenge being played: listens to its Play and keeps the run's clock, splits and result.

    ``real_ms`` is read once per choice, as it is taken: the player's stopwatch in a live run, the
    recorded time of the step in a replay, 0 for a route. When the run is over it closes the play.
    """

    def __init__(self, cs: ChallengeSet, ch: Challenge, seed: int, day: str = "",
                 real_ms: Callable[[], int] = no_clock) -> None:
        self.cs, self.camp, self.ch, self.seed, self.date = cs, cs.campaign, ch, seed, day
        self.content_hash = cs.content_hash
        self.real_ms = real_ms
        self.play = Play.new(self.camp, seed)
        self.hours = 0
        self.steps: list[Step] = []
        self.splits: list[Reached] = []
        self.new_splits: list[Reached] = []  # reached by the latest choice, for the screen's notice
        self.result: Result | None = None
        self._at = self.now()
        self._check(0)
        self.play.listen(self.on_choice)

    @classmethod
    def start(cls, cs: ChallengeSet, ch: Challenge, today: date | str | None = None,
              real_ms: Callable[[], int] = no_clock) -> "Run":
        """A new run with the challenge's seed; a daily challenge takes today's (or ``today``'s)."""
        if not ch.daily:
            return cls(cs, ch, ch.seed_for(""), "", real_ms)
        day = day_key(today or utc_today())
        return cls(cs, ch, ch.seed_for(day), day, real_ms)

    @property
    def st(self) -> GameState:
        return self.play.st

    @property
    def over(self) -> bool:
        return self.result is not None

    def now(self, real_ms: int = 0) -> Stamp:
        st = self.st
        return Stamp(st.vals["day"], st.vals["hour"], self.hours, len(self.steps), real_ms)

    def take(self, choice_id: str) -> list[Reached]:
        """Take a choice on the fast path (NoFit if it does not fit); returns the splits it reached."""
        self.play.take(choice_id)
        return self.new_splits

    def on_choice(self, play: Play, out: Outcome | None) -> None:
        """After each choice: the step with the moment it was taken, then the clock and the result."""
        ms = self.real_ms()
        self.steps.append(Step(play.st.log[-1], replace(self._at, real_ms=ms)))
        self.new_splits = self._check(ms)

    def _check(self, real_ms: int) -> list[Reached]:
        """The clock, splits in order, then the goal, the story's end, the limit."""
        st, ch = self.st, self.ch
        self.hours = elapsed(st.vals["day"], st.vals["hour"], self.camp.start_hour, self.hours)
        now = self._at = self.now(real_ms)
        new: list[Reached] = []
        while len(self.splits) < len(ch.splits) and ch.splits[len(self.splits)].when.fn(st):
            sp = ch.splits[len(self.splits)]
            new.append(Reached(sp.id, sp.title, now))
            self.splits.append(new[-1])
        lost = FAILED if ch.goal is not None else DONE
        if ch.goal is not None and ch.goal.fn(st):
            self._finish(DONE, "goal", now)
        elif st.ending:
            self._finish(lost, "ending", now)
        elif ch.days is not None and st.vals["day"] > ch.days:
            self._finish(lost, "limit", now)
        return new

    def _finish(self, status: str, why: str, now: Stamp) -> None:
        value = self.ch.score.fn(self.st)
        score = int(value) if float(value).is_integer() else round(float(value), 3)
        self.result = Result(status, why, self.st.ending, now, score)
        n = len(self.steps)
        self.play.close(Msg.counting("{why} after {n} choice", "{why} after {n} choices", n,
                                     why=Msg(WHY_WORDS[why]), n=n))
