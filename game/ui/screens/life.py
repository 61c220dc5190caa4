"""The life screen: every job, home, ticket and loan the content declares, open or shut, and why."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.engine.engine import GateStatus
from game.engine.model import Campaign
from game.ui.text import lit


def life_text(camp: Campaign, gates: list[GateStatus]) -> Text:
    text = Text()
    kind = None
    for g in gates:
        if g.kind != kind:
            kind = g.kind
            text.append("\n" if text else "")
            text.append_text(lit(camp.gate_kinds.get(kind, kind), "bold underline"))
            text.append("\n")
        if g.open:
            text.append(" open  ", style="bold green")
            text.append_text(lit(g.title + "\n"))
        else:
            text.append(" shut  ", style="bold red")
            text.append_text(lit(g.title, "dim"))
            text.append_text(lit(f" — {g.reason}\n", "italic"))
    return text


class LifeScreen(Screen):
    CSS_PATH = "life.tcss"
    BINDINGS = [Binding("escape,l", "app.pop_screen", "Back")]

    def __init__(self, camp: Campaign, gates: list[GateStatus]) -> None:
        super().__init__()
        self.camp, self.gates = camp, gates

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with VerticalScroll(id="life"):
            yield Static(life_text(self.camp, self.gates), id="gates")
        yield Footer()

    def on_mount(self) -> None:
        shut = sum(not g.open for g in self.gates)
        self.sub_title = f"Your life — {len(self.gates) - shut} open, {shut} shut"
        self.query_one("#life").focus()
