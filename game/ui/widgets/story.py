"""The story column of the day screen: the answer to the last choice, what it did (the notice), the
scene's title, its text. The notice is in the column, not a box of its own under it: at 80×24 a box
of five lines and a list of choices left the scene two lines, and cut a longer notice off.

One line-API widget that scrolls, not a scrolling container of three Statics: a container is
drawn beneath its children and laid out with them, and each child wrapped and drew its words
apart, so the column cost a fifth of the time a key press took to show. Here the column is
wrapped once for the width it has, and each line is drawn once until the words change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Sequence

from rich.style import Style
from rich.text import Text
from textual.filter import LineFilter
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from game.ui.widgets import line_strip, own_filters, painter

BAR = "█"  # the reply's and the notice's bar on their left, as a thick left border draws it
INDENT = 2  # the bar and a space before the words; one space after them
BARRED = {"reply": "story--bar", "notice": "story--notice"}  # the parts drawn with a bar, and its colour


@dataclass(frozen=True)
class Column:
    """What the column shows: any of the four may be empty, and then takes no room."""

    reply: Text
    notice: Text
    title: Text
    text: Text


EMPTY = Column(Text(), Text(), Text(), Text())


class StoryView(ScrollView):
    """Shows a ``Column``; the screen calls ``show`` after every choice (attributes down)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"story--bar", "story--notice", "story--title"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown = EMPTY
        self._width = -1  # the width the lines were wrapped for
        self._lines: list[tuple[str, Text]] = []  # (the part it belongs to, its words)
        self._strips: dict[int, Strip] = {}

    def show(self, column: Column) -> None:
        """Show new words from the top; the same words leave the column as it is."""
        if column == self.shown:
            return
        self.shown = column
        self._width = -1
        self._wrap(self.scrollable_content_region.width)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _wrapped(self, width: int) -> list[tuple[str, Text]]:
        """The parts as lines ``width`` wide, a blank line after each but the text."""
        console, out = self.app.console, []
        shown, barred = self.shown, width - INDENT - 1
        for part, words, room in (("reply", shown.reply, barred), ("notice", shown.notice, barred),
                                  ("title", shown.title, width), ("text", shown.text, width)):
            if not words:
                continue
            out += [(part, line) for line in words.wrap(console, max(room, 1), overflow="fold")]
            if part != "text":
                out.append(("gap", Text()))
        return out

    def _wrap(self, width: int) -> None:
        if width == self._width or width <= 0:
            return
        self._width, self._lines, self._strips = width, self._wrapped(width), {}
        self._resize_words(Size(width, len(self._lines)))

    def _resize_words(self, size: Size) -> None:
        """Take the new length of the words without a layout of the screen: the column keeps its
        own size, and only its scrollbar moves. Showing or hiding the scrollbar still asks for the
        layout it needs (Textual's own resize does the same, with ``layout=False``)."""
        if size == self.virtual_size:
            return
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Wrap again when the width changed (a scrollbar came or went), within the same layout."""
        resized = super()._size_updated(size, virtual_size, container_size, layout=False)
        self._wrap(self.scrollable_content_region.width)
        return resized

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = self._draw(index)
        return strip

    def _draw(self, index: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.get_visual_style().rich_style
        part, words = self._lines[index] if index < len(self._lines) else ("gap", Text())
        console, paint = self.app.console, painter(self)
        if part == "title":
            return line_strip(console, words, self.get_visual_style("story--title").rich_style, width, paint)
        if part not in BARRED:
            return line_strip(console, words, base, width, paint)
        bar = Strip([*line_strip(console, Text(BAR), self.get_visual_style(BARRED[part]).rich_style, 1, paint),
                     *line_strip(console, Text(" "), base, 1, paint)], INDENT)
        said = line_strip(console, words, base, width - INDENT, paint)
        return Strip.join([bar, said]).crop_extend(0, width, Style.null())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # another theme: draw the lines again in its colours

    def get_line_filters(self) -> Sequence[LineFilter]:
        return own_filters(self)  # its lines are drawn in truecolor already
