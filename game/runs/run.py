"""One attempt at a challenge: the story played choice by choice, timed, split and judged.

The UI, ``route`` and ``verify`` all drive this same class, so a run played by hand, a route
file and the re-simulation of a replay cannot disagree about a time, a split or a result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from game.engine import engine
from game.engine.challenges import Challenge, ChallengeSet, day_key
from game.engine.challenges import today as utc_today
from game.engine.engine import Outcome, PlayError
from game.engine.state import GameState

from .clock import Stamp, elapsed

RUNNING, DONE, FAILED = "", "done", "failed"
WHY_WORDS = {"goal": "goal reached", "ending": "the story ended", "limit": "the day limit passed"}


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


class Run:
    """A challenge being played: the game state plus the run's clock, splits and result."""

    def __init__(self, cs: ChallengeSet, ch: Challenge, seed: int, day: str = "") -> None:
        self.camp, self.ch, self.seed, self.date = cs.campaign, ch, seed, day
        self.content_hash = cs.content_hash
        self.st: GameState = engine.new_game(self.camp, seed)
        self.hours = 0
        self.steps: list[Step] = []
        self.splits: list[Reached] = []
        self.result: Result | None = None
        self._check(0)

    @classmethod
    def start(cls, cs: ChallengeSet, ch: Challenge, today: date | str | None = None) -> "Run":
        """A new run with the challenge's seed; a daily challenge takes today's (or ``today``'s)."""
        if not ch.daily:
            return cls(cs, ch, ch.seed_for(""))
        day = day_key(today or utc_today())
        return cls(cs, ch, ch.seed_for(day), day)

    @property
    def over(self) -> bool:
        return self.result is not None

    def now(self, real_ms: int = 0) -> Stamp:
        st = self.st
        return Stamp(st.vals["day"], st.vals["hour"], self.hours, len(self.steps), real_ms)

    def take(self, choice_id: str, real_ms: int = 0) -> list[Reached]:
        """Take a choice (PlayError if the run is over, or it is unknown or locked); returns new splits."""
        return self._step(choice_id, real_ms, engine.apply)[1]

    def choose(self, choice_id: str, real_ms: int = 0) -> tuple[Outcome, list[Reached]]:
        """Like ``take``, with the engine's report of what the choice did (for the screen)."""
        return self._step(choice_id, real_ms, engine.choose)

    def _step(self, choice_id: str, real_ms: int, do: Callable) -> tuple[Any, list[Reached]]:
        if self.result is not None:
            raise PlayError(f"the run is over ({WHY_WORDS[self.result.why]})")
        at = self.now(real_ms)
        out = do(self.camp, self.st, choice_id)
        self.steps.append(Step(self.st.log[-1], at))
        return out, self._check(real_ms)

    def _check(self, real_ms: int) -> list[Reached]:
        """After each choice: the clock, splits in order, then the goal, the story's end, the limit."""
        st, ch = self.st, self.ch
        self.hours = elapsed(st.vals["day"], st.vals["hour"], self.camp.start_hour, self.hours)
        now = self.now(real_ms)
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
