"""Turning game strings into terminal text that is always shown literally."""

from __future__ import annotations

from rich.text import Text

from game.prose import clock, reflow  # noqa: F401 - re-exported for the screens
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
