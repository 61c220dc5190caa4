"""The ledger ("Why?"): every change to every score, with day, rule, domain, amount and reason."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from game.describe import UNKNOWN, good, rule_known, rule_why
from game.engine.play import Play
from game.describe import human, signed
from game.ui.text import clock, lit


class LedgerScreen(Screen):
    CSS_PATH = "ledger.tcss"
    BINDINGS = [Binding("escape,w", "app.pop_screen", "Back")]

    def __init__(self, play: Play) -> None:
        super().__init__()
        self.play = play

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        yield Static(id="ledger-summary")
        yield DataTable(id="ledger", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Why? — every change to your score"
        camp, st = self.play.camp, self.play.st
        many = len(camp.scores) > 1
        summary = Text()
        for sc in camp.scores.values():
            v = st.vals[sc.id]
            summary.append_text(lit(f"{sc.label} {v} ({sc.band_word(v)}), started at {sc.start}.  "))
        summary.append(f"{len(st.ledger)} changes.", style="dim")
        self.query_one("#ledger-summary", Static).update(summary)
        table = self.query_one(DataTable)
        table.add_columns("Day", "Time", *(["Score"] if many else []), "Δ", "Rule", "Why")
        for e in reversed(st.ledger):
            is_good = good(camp, e.score, e.delta)
            delta = Text(signed(e.delta), style="" if is_good is None else "green" if is_good else "red")
            known = rule_known(camp, st, e.rule)
            name = lit(human(e.rule) + (f" · {e.domain}" if e.domain else "")) if known \
                else Text(UNKNOWN, style="italic")
            why = lit(rule_why(camp, st, e.rule, e.why), "" if known else "italic dim")
            score = [lit(camp.scores[e.score].label)] if many and e.score in camp.scores else []
            table.add_row(str(e.day), clock(e.hour), *score, delta, name, why)
        if not st.ledger:
            self.query_one("#ledger-summary", Static).update(
                Text("Nothing has been scored yet. Everything you do will be.", style="italic"))
        table.focus()
