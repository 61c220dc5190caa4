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


def card_texts(session: Session) -> list[tuple[Text, Text]]:
    """Each known rule as a heading (name and trigger) and a body (effect, why, how often)."""
    cards, _ = rulebook(session.camp, session.st)
    out = []
    for card in cards:
        head = Text.assemble(lit(card.name, "bold"), lit(f" — {card.trigger}", "italic"))
        body = lit(f"{card.effect}. {card.why}")
        if card.fired:
            body.append(f"\nfired {card.fired}× in this life", style="dim")
        out.append((head, body))
    return out


def unknown_text(session: Session) -> Text:
    cards, unknown = rulebook(session.camp, session.st)
    if unknown:
        return Text.assemble((f"{unknown} rule{'s' if unknown != 1 else ''} you have not found out yet. ",
                              "bold"),
                             ("They score you all the same; the ledger shows them as “unknown rule”.",
                              "italic"))
    return Text("This system has no rules at all.", style="italic") if not cards else Text()


def rulebook_text(session: Session) -> Text:
    """The whole rulebook as one text (for tests and anything that wants it flat)."""
    parts = [Text("\n").join([head, body]) for head, body in card_texts(session)]
    return Text("\n\n").join([*parts, unknown_text(session)])


class RulebookScreen(Screen):
    CSS_PATH = "rulebook.tcss"
    BINDINGS = [Binding("escape,r", "app.pop_screen", "Back")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with VerticalScroll(id="rulebook"):
            for head, body in card_texts(self.session):
                yield Static(head, classes="rule-head")
                yield Static(body, classes="rule-body")
            yield Static(unknown_text(self.session), id="rules-unknown")
        yield Footer()

    def on_mount(self) -> None:
        cards, unknown = rulebook(self.session.camp, self.session.st)
        self.sub_title = f"Rulebook — {len(cards)} known" + (f", {unknown} unknown" if unknown else "")
        self.query_one("#rulebook").focus()
