"""The errors a game can stop with: every one is the content's fault or the player's, told in words.

They live apart from the engine so that the scoring module and the expression language, which the
engine imports, can raise them too.
"""

from __future__ import annotations

from .bounds import LIMIT
from .msg import Msg


class PlayError(Exception):
    """A choice that cannot be taken now (unknown, or locked), or a story that cannot go on."""


class DeadEnd(PlayError):
    """The content led to a spot where every choice is locked: a content error, never a hang."""

    def __init__(self, scene: str, day: int, reasons: list[str]) -> None:
        self.scene, self.day, self.reasons = scene, day, reasons
        super().__init__(Msg("dead end: every choice in scene '{scene}' is locked on day {day} ({reasons})",
                             scene=scene, day=day, reasons=Msg.listing(reasons, "; ")))


class NoWayBack(DeadEnd):
    """A choice with `back = true` taken where no sub-scene was called: a content error."""

    def __init__(self, scene: str, day: int, choice: str) -> None:
        self.scene, self.day, self.reasons = scene, day, []
        PlayError.__init__(self, Msg("dead end: choice '{choice}' goes back, but no choice called a sub-scene "
                                     "to come back from (scene '{scene}', day {day})",
                                     choice=choice, scene=scene, day=day))


class OutOfRange(PlayError):
    """A formula or an effect took a number outside ±LIMIT: a content error, never a hang or a crash.

    Without it a formula such as ``money * money + 2`` would grow integers of thousands of digits
    within a dozen choices; the game stops at the first value past the range instead, naming who
    computed it.
    """

    def __init__(self, who: str, what: str, value: object) -> None:
        self.who, self.what, self.value = who, what, value
        super().__init__(Msg("{who}: {what} {value}, outside the range a number may take (-10^15 to 10^15); "
                             "give it a bound (a max, or a clamp() in the formula)",
                             who=who, what=what, value=_say(value)))


def _say(value: object) -> str:
    """A value short enough for a message: a number of a thousand digits is told by its size."""
    if isinstance(value, int) and abs(value) > LIMIT**2:  # str() of a huge one is slow, or refused
        return Msg("a number of about {n} digits", n=int(abs(value).bit_length() * 0.30103) + 1)
    return f"{value}"
