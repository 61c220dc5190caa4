"""The life screen: every job, home, ticket and loan the content declares, open or shut, and why."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from game.ui.widgets.keys_footer import KeysFooter
from game.i18n import _
from game.engine.engine import GateStatus
from game.describe import by_kind, lists_on, ratings
from game.engine.model import Campaign
from game.engine.state import GameState
from game.ui.text import lit


MARK_WIDTH = 7  # " open  ", " shut  ", " on    ": the text after the mark wraps under itself, not under it


def _grid() -> Table:
    """Two columns, a mark and its text, so a long reason wraps with a hanging indent."""
    grid = Table.grid()
    grid.add_column(width=MARK_WIDTH, no_wrap=True)
    grid.add_column(ratio=1)
    return grid


def lists_grid(camp: Campaign, st: GameState) -> Table | None:
    """The blacklists and redlists you are on, how you got on and how to get off."""
    grid = _grid()
    for lst in lists_on(camp, st):
        # Translators: the mark before a list you are on; at most 6 characters
        grid.add_row(Text(" " + _("on"), style="bold red" if lst.kind == "black" else "bold green"),
                     lit(lst.title, "bold"))
        # Translators: how you got on a list, and how to get off it
        for said in (_("why: {text}").format(text=lst.on) if lst.on else "",
                     _("off: {text}").format(text=lst.off) if lst.off else ""):
            if said:
                grid.add_row("", lit(said, "italic"))
    return grid if grid.row_count else None


def people_grid(camp: Campaign, st: GameState) -> Table | None:
    """People and organisations with measures of their own (ratings you give and get)."""
    grid = Table.grid()
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    for line in ratings(camp, st):
        grid.add_row("", lit(line))
    return grid if grid.row_count else None


def gate_grid(gates: list[GateStatus]) -> Table:
    grid = _grid()
    for g in gates:
        if g.open:
            # Translators: the marks of a gate (a job, a home...) open or shut to you; at most 6 characters
            grid.add_row(Text(" " + _("open"), style="bold green"), lit(g.title))
        else:
            grid.add_row(Text(" " + _("shut"), style="bold red"),
                         Text.assemble(lit(g.title, "dim"), lit(f" — {g.reason}", "italic")))
    return grid


def life_view(camp: Campaign, gates: list[GateStatus], st: GameState | None = None) -> Group:
    """The whole screen's body: lists and ratings first (when a game is on), then each kind of gate."""
    parts: list[tuple[str, Table | None]] = []
    if st is not None:
        parts += [(_("Lists you are on"), lists_grid(camp, st)), (_("Rated"), people_grid(camp, st))]
    parts += [(camp.gate_kinds.get(kind, kind), gate_grid(of_kind)) for kind, of_kind in by_kind(gates).items()]
    shown: list[RenderableType] = []
    for title, grid in parts:
        if grid is not None:
            shown += [Text("")] if shown else []
            shown += [lit(title, "bold underline"), grid]
    return Group(*shown)


class LifeScreen(Screen):
    CSS_PATH = "life.tcss"
    BINDINGS = [Binding("escape,l", "app.pop_screen", _("Back"))]

    def __init__(self, camp: Campaign, gates: list[GateStatus], st: GameState | None = None) -> None:
        super().__init__()
        self.camp, self.gates, self.st = camp, gates, st

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with VerticalScroll(id="life"):
            yield Static(life_view(self.camp, self.gates, self.st), id="gates")
        yield KeysFooter()

    def on_mount(self) -> None:
        shut = sum(not g.open for g in self.gates)
        self.sub_title = _("Your life — {open} open, {shut} shut").format(open=len(self.gates) - shut, shut=shut)
        self.query_one("#life").focus()
