"""Widgets that show game state; they get state set on them and post messages up."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def set_text(static: Static, content: Text | str) -> bool:
    """Give a Static new content only when it differs from what it shows; True if it did.

    An update costs a layout of the whole screen and a repaint even when the words are the same,
    and one choice changes only a few of the day screen's pieces.
    """
    if static.content == content:
        return False
    static.update(content)
    return True
