"""The ledger ("Why?"): every change to every score, with day, rule, domain, amount and reason."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from game.ui.widgets.keys_footer import KeysFooter
from game.i18n import _, ngettext
from game.describe import UNKNOWN, good, rule_known, rule_title, rule_why
from game.engine.play import Play
from game.describe import signed
from game.ui.text import clock, lit


class LedgerScreen(Screen):
    CSS_PATH = "ledger.tcss"
    BINDINGS = [Binding("escape,w", "app.pop_screen", _("Back"))]

    def __init__(self, play: Play) -> None:
        super().__init__()
        self.play = play

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        yield Static(id="ledger-summary")
        yield DataTable(id="ledger", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Why? — every change to your score")
        camp, st = self.play.camp, self.play.st
        many = len(camp.scores) > 1
        summary = Text()
        for sc in camp.scores.values():
            v = st.vals[sc.id]
            summary.append_text(lit(_("{score} {value} ({band}), started at {start}.").format(
                score=sc.label, value=v, band=sc.band_word(v), start=sc.start) + "  "))
        summary.append(ngettext("{count} change.", "{count} changes.", len(st.ledger)).format(count=len(st.ledger)),
                       style="dim")
        self.query_one("#ledger-summary", Static).update(summary)
        table = self.query_one(DataTable)
        table.add_columns(_("Day"), _("Time"), *([_("Score")] if many else []), "Δ", _("Rule"), _("Why"))
        for e in reversed(st.ledger):
            is_good = good(camp, e.score, e.delta)
            delta = Text(signed(e.delta), style="" if is_good is None else "green" if is_good else "red")
            known = rule_known(camp, st, e.rule)
            own = camp.scores.get(e.score)
            domain = own.domain_word(e.domain) if own is not None else e.domain
            name = lit(rule_title(camp, e.rule) + (f" · {domain}" if e.domain else "")) if known \
                else Text(_(UNKNOWN), style="italic")
            why = lit(rule_why(camp, st, e.rule, e.why), "" if known else "italic dim")
            score = [lit(camp.scores[e.score].label)] if many and e.score in camp.scores else []
            table.add_row(str(e.day), clock(e.hour), *score, delta, name, why)
        if not st.ledger:
            self.query_one("#ledger-summary", Static).update(
                Text(_("Nothing has been scored yet. Everything you do will be."), style="italic"))
        table.focus()
