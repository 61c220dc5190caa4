"""The numbered choices: open ones selectable, locked ones dimmed with their reason underneath.

A line-API widget of its own rather than Textual's OptionList: the list is rebuilt after every
choice, and OptionList measured and drew each prompt through Rich more than once, a sixth of
the time a key press took to reach the screen. Here each choice is wrapped once for the width
it has, and a line is drawn again only when its choice, the highlight or the focus changes.
"""

from __future__ import annotations

from typing import ClassVar, Sequence

from rich.console import Console
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from game.i18n import _
from game.engine.engine import Option
from game.ui.choice_keys import key_for
from game.ui.text import lit
from game.ui.widgets import line_strip, own_filters, painter

KEY = 3  # the column of the key, "1." and a space


def prompt_lines(console: Console, key: str, rows: list[Text], width: int) -> list[Text]:
    """A choice as lines ``width`` wide: the key, then the text in a column of its own, so a
    long choice wraps under its words; a locked choice's reason on lines of its own below."""
    lines: list[Text] = []
    room = max(1, width - KEY)
    for r, row in enumerate(rows):
        for i, line in enumerate(row.wrap(console, room, justify="left", overflow="ellipsis")):
            head = Text(key.ljust(KEY), style="bold") if r == 0 and i == 0 else Text(" " * KEY)
            lines.append(Text.assemble(head, line))
    return lines


class ChoiceList(ScrollView, can_focus=True):
    """Posts ``Chosen`` with the choice id; the screen decides what happens (messages up)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", _("Down"), show=False),
        Binding("up", "move(-1)", _("Up"), show=False),
        Binding("home", "move_to(0)", _("First"), show=False),
        Binding("end", "move_to(-1)", _("Last"), show=False),
        Binding("enter", "select", _("Select"), show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "choice-list--option", "choice-list--option-highlighted", "choice-list--option-disabled",
    }

    class Chosen(Message):
        def __init__(self, choice_id: str) -> None:
            super().__init__()
            self.choice_id = choice_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: tuple[Option, ...] = ()  # what the list holds, so a key picks without asking again
        self.highlighted: int | None = None  # index into ``shown``
        self._width = -1  # the width the lines were wrapped for
        self._lines: list[Text] = []
        self._owner: list[int] = []  # the option each line belongs to
        self._strips: dict[tuple[int, bool, bool], Strip] = {}
        self._by_width: dict[int, tuple[list[Text], list[int]]] = {}

    # ------------------------------------------------------------------ what it shows

    def show(self, options: list[Option]) -> None:
        """List the choices, with the first open one highlighted; the same list is not rebuilt."""
        if tuple(options) != self.shown:
            self.shown = tuple(options)
            before = len(self._lines)
            self._width = -1
            self._by_width.clear()
            self._wrap(self.scrollable_content_region.width)
            self.scroll_to(y=0, animate=False, immediate=True)
            self.highlighted = None  # highlighted anew below, and scrolled to, even at the same index
            self.refresh(layout=len(self._lines) != before)
        self._highlight(next((i for i, o in enumerate(options) if o.open), None))

    def prompts(self, width: int = 200) -> list[str]:
        """Each choice as the player reads it (key, text, a locked one's reason), lines wrapped
        at ``width`` and joined."""
        return ["\n".join(line.plain.rstrip() for line in self._prompt(n, width)) for n in range(len(self.shown))]

    def _prompt(self, n: int, width: int) -> list[Text]:
        o = self.shown[n]
        # Translators: before the reason a choice is locked (the high-contrast theme tells locked choices by it)
        rows = [lit(o.text)] + ([lit(_("locked — {reason}").format(reason=o.reason), "italic")] if not o.open else [])
        key = key_for(n + 1)
        return prompt_lines(self.app.console, f"{key}." if key else "", rows, width)

    def _wrapped(self, width: int) -> tuple[list[Text], list[int]]:
        """Every choice wrapped for ``width`` columns, and the choice each line belongs to; kept
        per width, as a layout asks for the height at one width and may then place another."""
        if width not in self._by_width:
            lines: list[Text] = []
            owner: list[int] = []
            for n in range(len(self.shown)):
                for line in self._prompt(n, width):
                    lines.append(line)
                    owner.append(n)
            self._by_width[width] = (lines, owner)
        return self._by_width[width]

    def _wrap(self, width: int) -> None:
        """Show the choices wrapped for ``width``, the width the list was given."""
        if width == self._width or width <= 0:
            return
        self._width = width
        self._lines, self._owner = self._wrapped(width)
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))
        self._show_highlight()  # wrapped anew, its lines may have moved

    def _highlight(self, index: int | None) -> None:
        """Move the highlight, drawing again only the lines of the two choices it moves between."""
        if index == self.highlighted:
            return
        old, self.highlighted = self.highlighted, index
        self.refresh(*(self._option_region(i) for i in (old, index) if i is not None))
        self._show_highlight()

    def _show_highlight(self) -> None:
        """Scroll the highlighted choice into view (the first open one may be the last of many).
        Forced: within a layout the scrollbar that allows it may not have been placed yet."""
        if self.highlighted is not None:
            self.scroll_to_region(self._option_region(self.highlighted, scrolled=False), animate=False,
                                  immediate=True, force=True)

    def _option_region(self, index: int, scrolled: bool = True) -> Region:
        """The lines of one choice, as the widget shows them (``scrolled``) or in the whole list."""
        ys = [y for y, n in enumerate(self._owner) if n == index] or [0]
        top = ys[0] - (self.scroll_offset.y if scrolled else 0)
        return Region(0, top, max(self._width, 1), len(ys))

    # ------------------------------------------------------------------ Textual's side

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width)[0])

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Wrap again when a layout changed the width the lines have (a scrollbar came or went),
        within that layout; the screen settles a height that changed with it (``DayScreen``)."""
        resized = super()._size_updated(size, virtual_size, container_size, layout=False)
        self._wrap(self.scrollable_content_region.width)
        if resized:
            self._show_highlight()  # it was scrolled to at the old size, or before there was one
        return resized

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.get_visual_style("choice-list--option").rich_style)
        n = self._owner[index]
        key = (index, n == self.highlighted, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            state = ("choice-list--option-disabled" if not self.shown[n].open
                     else "choice-list--option-highlighted" if n == self.highlighted else "")
            style = self.get_visual_style("choice-list--option", *([state] if state else [])).rich_style
            strip = line_strip(self.app.console, self._lines[index], style, width, painter(self))
            strip = strip.apply_meta({"option": n})
            self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # focus, a theme: the colours may have changed

    def get_line_filters(self) -> Sequence[LineFilter]:
        return own_filters(self)  # its lines are drawn in truecolor already

    # ------------------------------------------------------------------ keys and the mouse

    def action_move(self, step: int) -> None:
        """The next open choice up or down, if there is one."""
        opened = [i for i, o in enumerate(self.shown) if o.open]
        if not opened:
            return
        at = self.highlighted if self.highlighted is not None else (-1 if step > 0 else len(self.shown))
        ahead = [i for i in opened if (i > at if step > 0 else i < at)]
        if ahead:
            self._highlight(ahead[0] if step > 0 else ahead[-1])

    def action_move_to(self, end: int) -> None:
        opened = [i for i, o in enumerate(self.shown) if o.open]
        if opened:
            self._highlight(opened[end])

    def action_select(self) -> None:
        if self.highlighted is not None and self.shown[self.highlighted].open:
            self.post_message(self.Chosen(self.shown[self.highlighted].id))

    def on_click(self, event: events.Click) -> None:
        n = event.style.meta.get("option")
        if isinstance(n, int) and n < len(self.shown) and self.shown[n].open:
            event.stop()
            self._highlight(n)
            self.post_message(self.Chosen(self.shown[n].id))
