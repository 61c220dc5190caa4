"""The side panel: the score as a big number with its band, a bar per domain, the score's
sparkline over the days, the stats, and the day and hour."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Sparkline, Static

from game.engine.model import Campaign
from game.engine.state import GameState
from game.ui.text import clock, lit, signed

BAR = 10


def domain_share(camp: Campaign, score_id: str, domain: str, net: int) -> float:
    """How a domain stands, 0..1, with 0.5 meaning untouched.

    A domain of weight w "owns" w % of the score's range; its net change moves it within that.
    """
    sc = camp.scores[score_id]
    span = max(1.0, (sc.max - sc.min) * sc.domains[domain] / 100)
    if sc.direction == "lower":  # a rank that falls is a rank that improves
        net = -net
    return min(1.0, max(0.0, 0.5 + net / span))


def bar(share: float) -> Text:
    full = round(share * BAR)
    return Text.assemble(("█" * full, "green" if share >= 0.5 else "yellow"), ("░" * (BAR - full), "dim"))


class SidePanel(Vertical):
    """Shows one game state; the screen calls ``show`` after every choice (attributes down)."""

    def compose(self) -> ComposeResult:
        yield Static(id="score-label")
        yield Digits(id="score-number")
        yield Static(id="score-band")
        yield Static(id="domains")
        yield Sparkline([], id="trend")
        yield Static(id="stats")
        yield Static(id="clock")

    def show(self, camp: Campaign, st: GameState) -> None:
        sc = camp.main_score
        value = st.vals[sc.id]
        self.query_one("#score-label", Static).update(lit(sc.label, "bold"))
        # Digits draws only digits big; a rank's "#" and "," would sit on the baseline, so the
        # band line says which way is good instead.
        self.query_one("#score-number", Digits).update(str(value))
        band = sc.band(value)
        way = "low wins" if sc.direction == "lower" else f"{sc.min}–{sc.max}"
        self.query_one("#score-band", Static).update(lit(f"{band}  ({way})"))
        lines = Text()
        for d in sc.domains:
            net = st.domain_net.get(f"{sc.id}.{d}", 0)
            lines.append(f"{d[:10]:<10} ")
            lines.append_text(bar(domain_share(camp, sc.id, d, net)))
            lines.append(f" {signed(net):>4}\n")
        for other in list(camp.scores.values())[1:]:
            lines.append(f"{other.label[:14]:<14} {st.vals[other.id]:>6}\n")
        self.query_one("#domains", Static).update(lines)
        trend = self.query_one("#trend", Sparkline)
        points = [*st.history.get(sc.id, []), value]
        # The line climbs when life gets better: for a rank, that is when the number falls.
        trend.data = [sc.max - p for p in points] if sc.direction == "lower" else points
        trend.styles.width = min(30, len(trend.data))  # one column a day, so the line grows as you live
        stats = Text()
        for stat in camp.stats.values():
            v = st.vals[stat.id]
            top = f"/{stat.max}" if stat.max is not None and stat.min == 0 and stat.max <= 100 else ""
            stats.append(f"{stat.label[:12]:<12} ", style="dim")
            stats.append(f"{stat.unit}{v:,}{top}\n")
        stats.append(f"{'Friends':<12} ", style="dim")
        stats.append(f"{len(st.friends)}\n")
        self.query_one("#stats", Static).update(stats)
        self.query_one("#clock", Static).update(
            lit(f"Day {st.day} of {camp.days} · {clock(st.hour)}", "bold"))
