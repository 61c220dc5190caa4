"""The life screen: every job, home, ticket and loan the content declares, open or shut, and why."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.engine.engine import GateStatus
from game.describe import lists_on
from game.engine.model import Campaign
from game.engine.state import GameState
from game.ui.text import lit


def lists_text(camp: Campaign, st: GameState) -> Text:
    """The blacklists and redlists you are on, how you got on and how to get off."""
    text = Text()
    for lst in lists_on(camp, st):
        text.append(" on    ", style="bold red" if lst.kind == "black" else "bold green")
        text.append_text(lit(lst.title + "\n", "bold"))
        if lst.on:
            text.append_text(lit(f"       why: {lst.on}\n", "italic"))
        if lst.off:
            text.append_text(lit(f"       off: {lst.off}\n", "italic"))
    return text


def people_text(camp: Campaign, st: GameState) -> Text:
    """People and organisations with measures of their own (ratings you give and get)."""
    text = Text()
    for nid, npc in camp.npcs.items():
        own = [m for m in npc.scores if m not in camp.scores]
        if not own:
            continue
        marks = ", ".join(f"{m.replace('_', ' ')} {st.vals[f'npc.{nid}.{m}']}" for m in own)
        text.append_text(lit(f" {npc.name}: {marks}\n"))
    return text


def life_text(camp: Campaign, gates: list[GateStatus], st: GameState | None = None) -> Text:
    text = Text()
    for title, part in ((("Lists you are on", lists_text(camp, st)), ("Rated", people_text(camp, st)))
                        if st is not None else ()):
        if part:
            text.append_text(lit(title, "bold underline"))
            text.append("\n")
            text.append_text(part)
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

    def __init__(self, camp: Campaign, gates: list[GateStatus], st: GameState | None = None) -> None:
        super().__init__()
        self.camp, self.gates, self.st = camp, gates, st

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with VerticalScroll(id="life"):
            yield Static(life_text(self.camp, self.gates, self.st), id="gates")
        yield Footer()

    def on_mount(self) -> None:
        shut = sum(not g.open for g in self.gates)
        self.sub_title = f"Your life — {len(self.gates) - shut} open, {shut} shut"
        self.query_one("#life").focus()
