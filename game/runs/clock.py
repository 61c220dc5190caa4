"""In-game time, the figure that counts in a run, and how it reads.

A run is timed by the story's own clock: elapsed in-game hours since the start (from day and
hour) and the number of actions (choices) taken. Nothing outside the game's rules can change
either, so two runs compare fairly whatever machine or hand played them. Real time (ms) is kept
beside it for the runner, and is never what ranks.

Elapsed hours are ``(day - 1) * 24 + hour - start_hour``, but never go back: staying up past the
next morning does not gain time when the new day starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from game.engine.msg import Msg
from game.i18n import said


@dataclass(frozen=True, slots=True)
class Stamp:
    """A moment of a run: the story's clock, elapsed hours, actions taken, and real time."""

    day: int
    hour: int
    hours: int
    actions: int
    real_ms: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"day": self.day, "hour": self.hour, "hours": self.hours, "actions": self.actions,
                "real_ms": self.real_ms}


@dataclass(frozen=True, slots=True)
class Span:
    """A length of run time (a segment, a delta, a sum of best); may be negative as a delta."""

    hours: int
    actions: int
    real_ms: int = 0

    @property
    def key(self) -> tuple[int, int]:
        """What ranks: fewer in-game hours, then fewer actions."""
        return (self.hours, self.actions)

    def __add__(self, other: "Span") -> "Span":
        return Span(self.hours + other.hours, self.actions + other.actions, self.real_ms + other.real_ms)

    def __sub__(self, other: "Span") -> "Span":
        return Span(self.hours - other.hours, self.actions - other.actions, self.real_ms - other.real_ms)


ZERO = Span(0, 0, 0)


def span(s: Stamp | Span) -> Span:
    """A stamp as the time since the start of the run."""
    return Span(s.hours, s.actions, s.real_ms)


def elapsed(day: int, hour: int, start_hour: int, before: int = 0) -> int:
    """Elapsed in-game hours at this clock reading, never less than ``before``."""
    return max(before, (day - 1) * 24 + hour - start_hour)


def game_time(t: Stamp | Span) -> str:
    """In-game time as runners read it: "2d 07h 31a" (days, hours, actions)."""
    return f"{t.hours // 24}d {t.hours % 24:02d}h {t.actions}a"


def clock(t: Stamp) -> str:
    """The story's clock: "day 3, 14:00" (in the language spoken)."""
    return said(moment(t))


def moment(t: Stamp) -> Msg:
    """The story's clock as a message, for one that is said where it is shown (verify's reasons)."""
    # Translators: a moment of a run in the story: its day and hour ("day 3, 14:00").
    return Msg("day {day}, {hour}:00", day=t.day, hour=f"{t.hour:02d}")


def real_time(ms: int) -> str:
    """Real time as a stopwatch shows it: "1:23.456", "1:02:03.004"."""
    sign, ms = ("-", -ms) if ms < 0 else ("", ms)
    s, ms = divmod(ms, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return f"{sign}{h}:{m:02d}:{s:02d}.{ms:03d}" if h else f"{sign}{m}:{s:02d}.{ms:03d}"


def delta(d: Span) -> str:
    """A delta against a comparison: the part that decides, signed ("−3h", "+2a", "±0")."""
    if d.hours:
        return f"{'+' if d.hours > 0 else '−'}{abs(d.hours)}h"
    if d.actions:
        return f"{'+' if d.actions > 0 else '−'}{abs(d.actions)}a"
    return "±0"


def stopwatch(seconds: Callable[[], float]) -> Callable[[], int]:
    """Whole milliseconds since now on a clock that counts seconds (``time.monotonic``, or a test's)."""
    start = seconds()
    return lambda: max(0, int((seconds() - start) * 1000))
