"""The numbered choices: open ones selectable, locked ones dimmed with their reason underneath."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from game.engine.engine import Option
from game.ui.choice_keys import key_for
from game.ui.text import lit


class ChoiceList(OptionList):
    """Posts ``Chosen`` with the choice id; the screen decides what happens (messages up)."""

    class Chosen(Message):
        def __init__(self, choice_id: str) -> None:
            super().__init__()
            self.choice_id = choice_id

    def show(self, options: list[Option]) -> None:
        self.clear_options()
        self.add_options(self._prompt(i, o) for i, o in enumerate(options, 1))
        first = next((i for i, o in enumerate(options) if o.open), None)
        self.highlighted = first

    @staticmethod
    def _prompt(n: int, o: Option) -> ListOption:
        """The key, then the text in a column of its own, so a long choice wraps under its words."""
        grid = Table.grid()
        grid.add_column(width=3, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(f"{key_for(n)}." if key_for(n) else "", style="bold"), lit(o.text))
        if not o.open:
            grid.add_row("", lit("locked — " + o.reason, "italic"))
        return ListOption(grid, id=o.id, disabled=not o.open)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))
