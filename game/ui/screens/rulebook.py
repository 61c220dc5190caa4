"""The rulebook: the scoring rules the player knows, filling in as hidden ones are found out."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from game.ui.widgets.keys_footer import KeysFooter
from game.i18n import _, ngettext
from game.describe import RuleCard, rulebook
from game.engine.play import Play
from game.ui.text import lit


def card_text(card: RuleCard) -> tuple[Text, Text]:
    """A known rule as a heading (name and trigger) and a body (effect, why, how often)."""
    head = Text.assemble(lit(card.name, "bold"), lit(f" — {card.trigger}", "italic"))
    body = lit(f"{card.effect}. {card.why}")
    if card.fired:
        body.append("\n" + _("fired {count}× in this life").format(count=card.fired), style="dim")
    return head, body


def unknown_text(known: int, unknown: int) -> Text:
    if unknown:
        return Text.assemble((ngettext("{count} rule you have not found out yet.",
                                       "{count} rules you have not found out yet.", unknown).format(count=unknown)
                              + " ", "bold"),
                             (_("They score you all the same; the ledger shows them as “unknown rule”."),
                              "italic"))
    return Text(_("This system has no rules at all."), style="italic") if not known else Text()


class RulebookScreen(Screen):
    CSS_PATH = "rulebook.tcss"
    BINDINGS = [Binding("escape,r", "app.pop_screen", _("Back"))]

    def __init__(self, play: Play) -> None:
        super().__init__()
        self.cards, self.unknown = rulebook(play.camp, play.st)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with VerticalScroll(id="rulebook"):
            for card in self.cards:
                head, body = card_text(card)
                yield Static(head, classes="rule-head")
                yield Static(body, classes="rule-body")
            yield Static(unknown_text(len(self.cards), self.unknown), id="rules-unknown")
        yield KeysFooter()

    def on_mount(self) -> None:
        cards, unknown = self.cards, self.unknown
        self.sub_title = (_("Rulebook — {known} known, {unknown} unknown") if unknown
                          else _("Rulebook — {known} known")).format(known=len(cards), unknown=unknown)
        self.query_one("#rulebook").focus()
