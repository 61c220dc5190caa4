"""The rulebook: the scoring rules the player knows, filling in as hidden ones are found out."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.describe import rulebook
from game.session import Session
from game.ui.text import lit


def rulebook_text(session: Session) -> Text:
    cards, unknown = rulebook(session.camp, session.st)
    text = Text()
    for card in cards:
        text.append_text(lit(card.name, "bold"))
        text.append_text(lit(f" — {card.trigger}\n", "italic"))
        text.append_text(lit(f"  {card.effect}. {card.why}\n"))
        if card.fired:
            text.append(f"  fired {card.fired}× in this life\n", style="dim")
        text.append("\n")
    if unknown:
        text.append(f"{unknown} rule{'s' if unknown != 1 else ''} you have not found out yet. ",
                    style="bold")
        text.append("They score you all the same; the ledger shows them as “unknown rule”.",
                    style="italic")
    elif not cards:
        text.append("This system has no rules at all.", style="italic")
    return text


class RulebookScreen(Screen):
    CSS_PATH = "rulebook.tcss"
    BINDINGS = [Binding("escape,r", "app.pop_screen", "Back")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with VerticalScroll(id="rulebook"):
            yield Static(rulebook_text(self.session), id="rules")
        yield Footer()

    def on_mount(self) -> None:
        cards, unknown = rulebook(self.session.camp, self.session.st)
        self.sub_title = f"Rulebook — {len(cards)} known" + (f", {unknown} unknown" if unknown else "")
        self.query_one("#rulebook").focus()
