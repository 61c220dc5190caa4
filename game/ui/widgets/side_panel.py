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
from game.ui.widgets import Words, set_text

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


def domain_lines(camp: Campaign, st: GameState) -> Text:
    """A bar per domain of the main score, then the other scores as numbers."""
    sc = camp.main_score
    lines = Text()
    for d in sc.domains:
        net = st.domain_net.get(f"{sc.id}.{d}", 0)
        lines.append(f"{d[:10]:<10} ")
        lines.append_text(bar(domain_share(camp, sc.id, d, net)))
        lines.append(f" {signed(net):>4}\n")
    for other in list(camp.scores.values())[1:]:
        lines.append(f"{other.label[:14]:<14} {st.vals[other.id]:>6}\n")
    return lines


def stat_lines(camp: Campaign, st: GameState) -> Text:
    """Money and the other stats, then the number of friends."""
    stats = Text()
    for stat in camp.stats.values():
        v = st.vals[stat.id]
        top = f"/{stat.max}" if stat.max is not None and stat.min == 0 and stat.max <= 100 else ""
        stats.append(f"{stat.label[:12]:<12} ", style="dim")
        stats.append(f"{stat.unit}{v:,}{top}\n")
    stats.append(f"{'Friends':<12} ", style="dim")
    stats.append(f"{len(st.friends)}\n")
    return stats


def trend_points(camp: Campaign, st: GameState) -> list[int]:
    """The main score over the days, today last; the line climbs when life gets better, so for a
    rank, that is when the number falls."""
    sc = camp.main_score
    points = [*st.history.get(sc.id, []), st.vals[sc.id]]
    return [sc.max - p for p in points] if sc.direction == "lower" else points


class SidePanel(Vertical):
    """Shows one game state; the screen calls ``show`` after every choice (attributes down).

    Each piece is redrawn only when its words or numbers change: a choice usually moves a few.
    """

    def compose(self) -> ComposeResult:
        yield Words(id="score-label")
        yield Digits(id="score-number")
        yield Words(id="score-band")
        yield Words(id="domains")
        yield Sparkline([], id="trend")
        yield Words(id="stats")
        yield Words(id="clock")

    def show(self, camp: Campaign, st: GameState) -> None:
        sc = camp.main_score
        value = st.vals[sc.id]
        self._text("#score-label", lit(sc.label, "bold"))
        # Digits draws only digits big; a rank's "#" and "," would sit on the baseline, so the
        # band line says which way is good instead.
        digits = self.query_one("#score-number", Digits)
        if digits.value != str(value):
            digits.update(str(value))
        way = "low wins" if sc.direction == "lower" else f"{sc.min}–{sc.max}"
        self._text("#score-band", lit(f"{sc.band(value)}  ({way})"))
        self._text("#domains", domain_lines(camp, st))
        trend = self.query_one("#trend", Sparkline)
        trend.data = trend_points(camp, st)  # a reactive: redraws only if the points differ
        trend.styles.width = min(30, len(trend.data))  # one column a day, so the line grows as you live
        self._text("#stats", stat_lines(camp, st))
        self._text("#clock", lit(f"Day {st.day} of {camp.days} · {clock(st.hour)}", "bold"))

    def _text(self, selector: str, content: Text) -> None:
        set_text(self.query_one(selector, Static), content)
