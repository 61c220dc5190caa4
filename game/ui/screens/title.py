"""The title screen: new game, continue (the latest autosave), load, challenges, the endings gallery, quit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.widgets.keys_footer import KeysFooter
from game.i18n import N_, _
from game.ui.screens.base import GameScreen
from game.ui.text import lit

LOGO = """\
╔═╗╦╔╦╗╦╔═╗╔═╗╔╗╔  ╔═╗╔═╗╔═╗╦═╗╔═╗
║  ║ ║ ║╔═╝║╣ ║║║  ╚═╗║  ║ ║╠╦╝║╣
╚═╝╩ ╩ ╩╚═╝╚═╝╝╚╝  ╚═╝╚═╝╚═╝╩╚═╚═╝"""

TAGLINE = N_("Every act is scored. Every score opens a door, or shuts one.")


class TitleScreen(GameScreen):
    CSS_PATH = "title.tcss"
    BINDINGS = [Binding("q", "app.quit", _("Quit")), Binding("g", "app.gallery", _("Endings")),
                Binding("question_mark", "app.help", _("Help"), key_display="?")]

    def compose(self) -> ComposeResult:
        width = max(len(line) for line in LOGO.splitlines())
        with Vertical(id="title-box"):
            yield Static("\n".join(line.ljust(width) for line in LOGO.splitlines()), id="logo", markup=False)
            yield Static(lit(_(TAGLINE)), id="tagline")
            with Center():
                yield OptionList(id="menu")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_menu()

    def on_screen_resume(self) -> None:
        self.refresh_menu()

    def refresh_menu(self) -> None:
        menu = self.query_one("#menu", OptionList)
        latest = self.app.latest_save()
        cont = _("Continue") + (f" — {latest.label}" if latest else "")
        menu.clear_options()
        menu.add_options([
            Option(lit(_("New game")), id="new"),
            Option(lit(cont), id="continue", disabled=latest is None),
            Option(lit(_("Load a saved game")), id="load"),
            Option(lit(_("Challenges")), id="challenges"),
            Option(lit(_("Endings and lifetime")), id="gallery"),
            Option(lit(_("Quit")), id="quit"),
        ])
        menu.highlighted = 1 if latest else 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        app = self.app
        action = {"new": app.action_new_game, "continue": app.action_continue_game,
                  "load": app.action_load, "challenges": app.action_challenges,
                  "gallery": app.action_gallery, "quit": app.exit}
        action[event.option.id or "quit"]()
