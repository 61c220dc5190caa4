"""Widgets that show game state; they get state set on them and post messages up."""

from __future__ import annotations

from typing import Callable, Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.filter import ANSIToTruecolor, LineFilter
from textual.strip import Strip
from textual.widget import Widget
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
    """Whether new words may take another height than the old: a layout is needed only then (a
    long line on either side may wrap, so the height may grow or shrink)."""
    if not isinstance(old, (Text, str)) or not static.is_mounted:
        return True
    before, after = (t.plain if isinstance(t, Text) else t for t in (old, new))
    if before.count("\n") != after.count("\n"):
        return True
    width = static.content_region.width
    return width <= 0 or any(cell_len(line) > width for line in f"{before}\n{after}".split("\n"))


def line_strip(console: Console, line: Text, base: Style, width: int, paint: Paint | None = None) -> Strip:
    """One line of text as a strip ``width`` cells wide, for a line-API widget: drawn over the
    widget's ``base`` style, the text's own style over that, its spans' over both; ``paint``
    (see ``painter``) turns each style into the truecolor the terminal is sent.

    Built straight from the spans: through ``Text.render`` and ``Segment.apply_style`` a line
    cost four times as much, and the day screen draws a few dozen lines on every key. Spans
    that overlap (never made by the game's own text) go the long way, which layers them.
    """
    spans = sorted(line.spans, key=lambda span: span.start) if len(line.spans) > 1 else line.spans
    if any(a.end > b.start for a, b in zip(spans, spans[1:])):
        return _layered_strip(console, line, base, width, paint)
    text, get = line.plain, console.get_style
    paint = paint or _same
    own = base + _style(get, line.style) if line.style else base  # spans go over it before it is painted
    under = paint(own)
    segments: list[Segment] = []
    at = 0
    for span in spans:
        if span.start > at:
            segments.append(Segment(text[at:span.start], under))
        if span.end > span.start:
            segments.append(Segment(text[span.start:span.end], paint(own + _style(get, span.style))))
        at = max(at, span.end)
    if at < len(text):
        segments.append(Segment(text[at:], under))
    length = cell_len(text)
    if length > width:
        return Strip(segments, length).crop(0, width)
    if length < width:
        segments.append(Segment(" " * (width - length), paint(base)))
    return Strip(segments, width)


Paint = Callable[[Style], Style]


def _same(style: Style) -> Style:
    return style


def painter(widget: Widget) -> Paint | None:
    """What Textual's ANSI-to-truecolor line filter does to a style drawn on ``widget`` (named
    colours to the theme's, faint text blended into the background), for ``line_strip``; None when
    the filter is off (a terminal that keeps its own ANSI colours).

    The filter makes a new strip of every line drawn, every time it is drawn: a tenth of a key
    press on the day screen. Its line-API widgets build their lines in truecolor once, with this,
    and leave the filter out (``own_filters``).
    """
    ansi = _truecolor_first(widget)
    if ansi is None:
        return None
    background = widget.background_colors[1].rich_color
    return lambda style: ansi.truecolor_style(style, background)


def own_filters(widget: Widget) -> Sequence[LineFilter]:
    """The app's line filters but the ANSI-to-truecolor one, for a widget whose lines ``painter``
    has already turned to truecolor; the others (no colour) still apply after it."""
    filters = widget.app.get_line_filters()
    return filters[1:] if _truecolor_first(widget) else filters


def _truecolor_first(widget: Widget) -> ANSIToTruecolor | None:
    """The ANSI-to-truecolor filter, when it is the first the app applies: a filter before it (the
    high-contrast theme's, which undoes faint text) must see the styles first, so then the lines
    are left to the filters as they come."""
    filters = widget.app.get_line_filters()
    return filters[0] if filters and isinstance(filters[0], ANSIToTruecolor) else None


def _style(get: Callable[..., Style], style: str | Style) -> Style:
    return get(style, default=Style.null()) if isinstance(style, str) else style


def _layered_strip(console: Console, line: Text, base: Style, width: int, paint: Paint | None = None) -> Strip:
    """The long way, for spans that overlap. (``Text.render`` alone leaves out a text's own style
    when it has no spans; assembling it into another makes that a span.)"""
    segments = Segment.apply_style(Text.assemble(line).render(console), base)
    strip = Strip(segments).crop_extend(0, width, base)
    return strip if paint is None else Strip([Segment(t, s and paint(s)) for t, s, _ in strip], width)
