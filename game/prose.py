"""Story text in the player's words, for any screen: paragraphs and the clock.

Plain strings only, so the full-screen game and the plain, line-by-line one lay out the story the
same way without either importing the other.
"""

from __future__ import annotations

from game.i18n import _


def clock(hour: int) -> str:
    """The hour on a 24-hour clock; past midnight still belongs to the same day."""
    time = f"{hour % 24:02d}:00"
    # Translators: an hour past midnight that still belongs to the day before: "01:00 (late)".
    return _("{time} (late)").format(time=time) if hour >= 24 else time


def reflow(text: str) -> str:
    """Story text as paragraphs: blank lines separate them, single line breaks are spaces.

    Authors wrap long lines in their editor; the terminal wraps to its own width.
    """
    paras = [" ".join(line.strip() for line in p.splitlines() if line.strip())
             for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paras if p)
