"""Turning game strings into terminal text that is always shown literally."""

from __future__ import annotations

from rich.text import Text

from game.describe import human, signed  # noqa: F401 - re-exported for the screens
from game.engine.textlang import MARKERS, runs
from game.textsafe import clean

STYLES = {"": "", "em": "italic", "strong": "bold", "em strong": "bold italic"}


def lit(text: str, style: str = "") -> Text:
    """Literal text: control characters neutralised, no markup parsed; {em: …} and {strong: …}
    from the story drawn as italic and bold."""
    if not MARKERS.search(text):
        return Text(clean(text), style=style)
    out = Text(style=style)
    for words, how in runs(text):
        out.append(clean(words), style=STYLES[how])
    return out


def clock(hour: int) -> str:
    """The hour on a 24-hour clock; past midnight still belongs to the same day."""
    return f"{hour % 24:02d}:00" + (" (late)" if hour >= 24 else "")


def reflow(text: str) -> str:
    """Story text as paragraphs: blank lines separate them, single line breaks are spaces.

    Authors wrap long lines in their editor; the terminal wraps to its own width.
    """
    paras = [" ".join(line.strip() for line in p.splitlines() if line.strip())
             for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paras if p)
