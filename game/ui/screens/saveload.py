"""Saving to a named slot, loading from a list of slots, and the message box for what went wrong."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from game.ui.widgets.keys_footer import KeysFooter
from game.i18n import _
from game import saves
from game.ui.screens.base import GameScreen
from game.ui.text import lit


def local_time(iso: str) -> str:
    """A save's UTC timestamp as the player's local time."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso[:16]


class SaveScreen(ModalScreen[str | None]):
    """Asks for a slot name; dismisses with the name once it is valid."""

    CSS_PATH = "saveload.tcss"
    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, saves_dir: Path, suggestion: str) -> None:
        super().__init__()
        self.saves_dir, self.suggestion = saves_dir, suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(_("Save as (letters, digits, spaces, - and _):"), markup=False)
            yield Input(value=self.suggestion, id="slot")
            yield Static(id="save-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            saves.slot_path(self.saves_dir, event.value.strip())
        except saves.SaveError as e:
            self.query_one("#save-error", Static).update(lit(e.message, "bold red"))
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class LoadScreen(GameScreen):
    """Every save in the folder, newest first; broken files are listed with what is wrong."""

    CSS_PATH = "saveload.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", _("Back"))]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        yield OptionList(id="slots")
        yield Static(id="load-hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Load a saved game")
        infos = saves.list_saves(self.app.saves_dir)
        menu = self.query_one(OptionList)
        width = max((len(info.slot) for info in infos), default=0)  # as wide as the longest name, no wider
        for info in infos:
            text = Text()
            text.append_text(lit(f"{info.slot:<{width}} ", "bold"))
            if info.ok:
                text.append_text(lit(f" {info.label}"))
                text.append_text(lit(f"  {local_time(info.saved_at)}", "dim"))
            else:
                text.append_text(lit(" " + _("cannot be loaded: {problem}").format(problem=info.problem), "italic"))
            menu.add_option(Option(text, id=str(info.path), disabled=not info.ok))
        hint = (_("Saves live in {folder}") if infos
                else _("No saves yet in {folder}.")).format(folder=self.app.saves_dir)
        self.query_one("#load-hint", Static).update(lit(hint, "dim"))
        # Enter loads the newest save that can be loaded, as soon as the screen is open.
        menu.highlighted = next((i for i, info in enumerate(infos) if info.ok), None)
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.load_path(Path(event.option.id or ""))


class MessageScreen(ModalScreen[None]):
    """A message the player must read (a broken save, a stuck story); the game keeps running."""

    CSS_PATH = "saveload.tcss"
    BINDINGS = [Binding("escape,enter", "close", _("OK"))]

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(lit(self.title_text, "bold"))
            yield Static(lit(self.body), id="message-body")
            yield Static(_("Enter or Esc to close."), classes="dim", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
