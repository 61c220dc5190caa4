"""The numbered choices: open ones selectable, locked ones dimmed with their reason underneath."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.cells import cell_len
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from game.engine.engine import Option
from game.ui.choice_keys import key_for
from game.ui.text import lit

KEY = 3  # the column of the key, "1." and a space


class ChoicePrompt:
    """The key, then the text in a column of its own, so a long choice wraps under its words.

    Draws exactly what a two-column ``Table.grid`` did (the same segments and styles), at a
    fraction of the cost: the list measures and draws every prompt whenever the choices change.
    """

    def __init__(self, key: str, rows: list[Text]) -> None:
        self.key, self.rows = key, rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width <= KEY:  # no room beside the key: the grid's own way of squeezing
            yield self.grid()
            return
        # the text column is as wide as its longest line, up to what is left beside the key
        longest = max(cell_len(line) for row in self.rows for line in row.plain.split("\n"))
        width = max(1, min(options.max_width - KEY, longest))
        for r, row in enumerate(self.rows):
            style = console.get_style(row.style) if row.style else None
            for i, line in enumerate(row.wrap(console, width, justify="left", overflow="ellipsis")):
                if i == 0:  # a row's own key cell; a grid pads an empty one without a style
                    yield (Segment(self.key.ljust(KEY), console.get_style("bold")) if r == 0
                           else Segment(" " * KEY))
                else:
                    yield Segment(" " * KEY, Style())
                line.pad_right(width - line.cell_len)
                yield from ([Segment(line.plain, style)] if style and not line.spans else line.render(console))
                yield Segment.line()

    def grid(self) -> Table:
        """The same prompt as a grid: the reference for its look, and its measure."""
        grid = Table.grid()
        grid.add_column(width=KEY, no_wrap=True)
        grid.add_column(ratio=1)
        for r, row in enumerate(self.rows):
            grid.add_row(Text(self.key, style="bold") if r == 0 else "", row)
        return grid

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.grid())


class ChoiceList(OptionList):
    """Posts ``Chosen`` with the choice id; the screen decides what happens (messages up)."""

    class Chosen(Message):
        def __init__(self, choice_id: str) -> None:
            super().__init__()
            self.choice_id = choice_id

    shown: tuple[Option, ...] = ()  # what the list holds, so a key picks without asking again

    def show(self, options: list[Option]) -> None:
        """List the choices, with the first open one highlighted; the same list is not rebuilt."""
        if tuple(options) != self.shown:
            self.shown = tuple(options)
            # in one go: clearing first would empty the list for a moment, and its scrollbar
            # would go and come back, each time asking for another layout of the screen
            self.set_options(self._prompt(i, o) for i, o in enumerate(options, 1))
        self.highlighted = next((i for i, o in enumerate(options) if o.open), None)

    @staticmethod
    def _prompt(n: int, o: Option) -> ListOption:
        rows = [lit(o.text)]
        if not o.open:
            rows.append(lit("locked — " + o.reason, "italic"))
        key = key_for(n)
        return ListOption(ChoicePrompt(f"{key}." if key else "", rows), id=o.id, disabled=not o.open)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Draw the prompts again when a layout changed the width they have, within that layout.

        OptionList does it on the Resize event, after the layout, and finds the new lines only as
        the frame is drawn: another layout and frame after a choice that brought a scrollbar or
        took one away. Done here, the screen settles it in the same frame (``DayScreen``).
        """
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if self.virtual_size.width != self.scrollable_content_region.width - self._get_left_gutter_width():
            self._clear_caches()  # the lines were measured at another width (a scrollbar came or went)
            self._update_lines()
        return resized

    def on_resize(self, event: events.Resize) -> None:
        event.prevent_default()  # the prompts are drawn for the width they have (``_size_updated``)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))
