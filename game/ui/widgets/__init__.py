"""Widgets that show game state; they get state set on them and post messages up."""

from __future__ import annotations

from typing import Callable

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static


def set_text(static: Static | Words, content: Text | str) -> bool:
    """Give a Static new content only when it differs from what it shows; True if it did.

    An update costs a layout of the whole screen and a repaint even when the words are the same,
    and one choice changes only a few of the day screen's pieces.
    """
    old = static.content
    if old == content:
        return False
    static.update(content, layout=_reshapes(static, old, content))
    return True


def _reshapes(static: Static | Words, old: object, new: Text | str) -> bool:
    """Whether new words may take another height than the old: a layout is needed only then."""
    if not isinstance(old, (Text, str)) or not static.is_mounted:
        return True
    before, after = (t.plain if isinstance(t, Text) else t for t in (old, new))
    if before.count("\n") != after.count("\n"):
        return True
    width = static.content_region.width
    return width <= 0 or any(cell_len(line) > width for line in after.split("\n"))


class Words(Widget):
    """Words of the story, wrapped once for the width they have and drawn line by line (Textual's
    line API); ``content`` and ``update`` as a Static's.

    As a Static, the scene's text was wrapped twice on every choice (for the layout's height, then
    to draw it) through Textual's Content, a tenth of the time a key press took to show. Here the
    lines are wrapped once per width and each line's strip is kept until the words change.
    A layout sizes it once: Textual takes a new content size found by a layout as a reason for
    another layout on its next frame, which has nothing left to change.
    """

    DEFAULT_CSS = "Words { height: auto; }"

    def __init__(self, content: Text | str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = content if isinstance(content, Text) else Text(content)
        self._by_width: dict[int, list[Text]] = {}  # a layout may ask at one width and place at another
        self._strips: dict[int, Strip] = {}  # the lines drawn, at the width in ``_drawn``
        self._drawn = -1

    @property
    def content(self) -> Text:
        return self._content

    def update(self, content: Text | str = "", *, layout: bool = True) -> None:
        self._content = content if isinstance(content, Text) else Text(content)
        self._by_width.clear()
        self._strips.clear()
        self.refresh(layout=layout)

    def render(self) -> Text:
        return self._content

    def wrapped(self, width: int) -> list[Text]:
        """The words as lines ``width`` cells wide."""
        if width not in self._by_width:
            self._by_width[width] = (list(self._content.wrap(self.app.console, max(width, 1), overflow="fold"))
                                     if self._content else [])
        return self._by_width[width]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((cell_len(line) for line in self._content.plain.split("\n")), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.wrapped(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if width != self._drawn:
            self._drawn, self._strips = width, {}
        lines = self.wrapped(width)
        strip = self._strips.get(y)
        if strip is None:
            line = lines[y] if y < len(lines) else Text()
            strip = self._strips[y] = line_strip(self.app.console, line, self.get_visual_style().rich_style, width)
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # another theme: draw the lines again in its colours

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


def line_strip(console: Console, line: Text, base: Style, width: int) -> Strip:
    """One line of text as a strip ``width`` cells wide, for a line-API widget: drawn over the
    widget's ``base`` style, the text's own style over that, its spans' over both.

    Built straight from the spans: through ``Text.render`` and ``Segment.apply_style`` a line
    cost four times as much, and the day screen draws a few dozen lines on every key. Spans
    that overlap (never made by the game's own text) go the long way, which layers them.
    """
    spans = sorted(line.spans, key=lambda span: span.start) if len(line.spans) > 1 else line.spans
    if any(a.end > b.start for a, b in zip(spans, spans[1:])):
        return _layered_strip(console, line, base, width)
    text, get = line.plain, console.get_style
    under = base + _style(get, line.style) if line.style else base
    segments: list[Segment] = []
    at = 0
    for span in spans:
        if span.start > at:
            segments.append(Segment(text[at:span.start], under))
        if span.end > span.start:
            segments.append(Segment(text[span.start:span.end], under + _style(get, span.style)))
        at = max(at, span.end)
    if at < len(text):
        segments.append(Segment(text[at:], under))
    length = cell_len(text)
    if length > width:
        return Strip(segments, length).crop(0, width)
    if length < width:
        segments.append(Segment(" " * (width - length), base))
    return Strip(segments, width)


def _style(get: Callable[..., Style], style: str | Style) -> Style:
    return get(style, default=Style.null()) if isinstance(style, str) else style


def _layered_strip(console: Console, line: Text, base: Style, width: int) -> Strip:
    """The long way, for spans that overlap. (``Text.render`` alone leaves out a text's own style
    when it has no spans; assembling it into another makes that a span.)"""
    segments = Segment.apply_style(Text.assemble(line).render(console), base)
    return Strip(segments).crop_extend(0, width, base)
