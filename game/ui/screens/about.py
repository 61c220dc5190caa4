"""A campaign's About page: what in it is real and what is invented."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from game.engine.load.heads import Head
from game.i18n import _
from game.ui.screens.page import PageScreen
from game.ui.text import lit, reflow


def about_text(camp: Head) -> Text:
    text = lit(camp.title, "bold")
    text.append("\n\n")
    text.append_text(lit(reflow(camp.about)) if camp.about.strip()
                     else Text(_("This campaign does not say what in it is real.")))
    text.append("\n\n")
    text.append_text(Text(_("Press Esc to go back."), style="dim"))
    return text


class AboutScreen(PageScreen):
    BINDINGS = [Binding("escape,a,q", "app.pop_screen", _("Close"))]

    def __init__(self, camp: Head) -> None:
        super().__init__(about_text(camp))
