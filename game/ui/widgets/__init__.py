"""Widgets that show game state; they get state set on them and post messages up."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.geometry import Size
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


class Words(Static):
    """A Static that a layout sizes once.

    Textual takes a new content size found by a layout as a reason for another layout on its next
    frame; that layout has nothing left to change (this one already placed the new size), but it
    costs a second frame for every piece of the day screen that grew or shrank with a choice.
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class Story(VerticalScroll):
    """A VerticalScroll that a layout sizes once, as ``Words``. Its scrollbars still come and go
    with its content: showing or hiding one asks for the layout it needs by itself."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
