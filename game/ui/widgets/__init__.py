"""Widgets that show game state; they get state set on them and post messages up."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Static


def set_text(static: Static, content: Text | str) -> bool:
    """Give a Static new content only when it differs from what it shows; True if it did.

    An update costs a layout of the whole screen and a repaint even when the words are the same,
    and one choice changes only a few of the day screen's pieces.
    """
    old = static.content
    if old == content:
        return False
    static.update(content, layout=_reshapes(static, old, content))
    return True


def _reshapes(static: Static, old: object, new: Text | str) -> bool:
    """Whether new words may take another height than the old: a layout is needed only then."""
    if not isinstance(old, (Text, str)) or not static.is_mounted:
        return True
    before, after = (t.plain if isinstance(t, Text) else t for t in (old, new))
    if before.count("\n") != after.count("\n"):
        return True
    width = static.content_region.width
    return width <= 0 or any(cell_len(line) > width for line in after.split("\n"))


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


def line_strip(console: Console, line: Text, base: Style, width: int) -> Strip:
    """One line of text as a strip ``width`` cells wide, for a line-API widget: drawn over the
    widget's ``base`` style, the line's own styles win. (``Text.render`` alone leaves out a
    text's own style when it has no spans; assembling it into another makes that a span.)"""
    segments = Segment.apply_style(Text.assemble(line).render(console), base)
    return Strip(segments).crop_extend(0, width, base)
