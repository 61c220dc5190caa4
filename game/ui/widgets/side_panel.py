"""The side panel: the score as a big number with its band, a bar per domain, the score's
sparkline over the days, the stats, and the day and hour.

It is one widget that draws all of that as lines of text. As seven widgets (a Digits, a
Sparkline, five Statics) it took a third of the time a choice took to reach the screen: each
piece asked for a layout of the whole screen and was drawn apart. Its size never changes with
what it shows, so a choice only repaints it, and only when something on it changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence
from fractions import Fraction
from functools import lru_cache

from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.strip import Strip
from textual.renderables.digits import DIGITS, DIGITS3X3, Digits
from textual.filter import LineFilter
from textual.geometry import Region, Size
from textual.widget import Widget

from game.i18n import _, number
from game.engine.model import DOMAIN_WIDTH, STAT_LABEL_WIDTH, Campaign
from game.engine.state import GameState
from game.describe import signed
from game.ui.text import clock, lit
from game.ui.widgets import line_strip, own_filters, painter

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
        lines.append(f"{sc.domain_word(d)[:DOMAIN_WIDTH]:<{DOMAIN_WIDTH}} ")
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
        stats.append(f"{stat.label[:STAT_LABEL_WIDTH]:<{STAT_LABEL_WIDTH}} ", style="dim")
        stats.append(f"{stat.unit}{number(v)}{top}\n")
    # Translators: a side-panel label: at most 12 characters
    stats.append(_("Friends")[:STAT_LABEL_WIDTH].ljust(STAT_LABEL_WIDTH) + " ", style="dim")
    stats.append(f"{len(st.friends)}\n")
    return stats


def trend_points(camp: Campaign, st: GameState) -> list[int]:
    """The main score over the days, today last; the line climbs when life gets better, so for a
    rank, that is when the number falls."""
    sc = camp.main_score
    points = [*st.history.get(sc.id, []), st.vals[sc.id]]
    return [sc.max - p for p in points] if sc.direction == "lower" else points


BARS = "▁▂▃▄▅▆▇█"


@lru_cache(maxsize=64)
def big_number(text: str, style: Style) -> tuple[Text, ...]:
    """A number in Textual's 3×3 digits, three lines; a character it has no glyph for sits
    on the baseline, as the Digits widget draws it. Kept per number: most choices leave it."""
    rows: list[list[str]] = [[], [], []]
    for ch in text.translate(Digits.REPLACEMENTS):
        at = DIGITS.find(ch) * 3
        glyph = [DIGITS3X3[at + i].ljust(3) for i in range(3)] if at >= 0 else [" ", " ", ch]
        for row, piece in zip(rows, glyph):
            row.append(piece)
    return tuple(Text("".join(row), style=style) for row in rows)


@lru_cache(maxsize=64)
def sparkline(points: tuple[int, ...], width: int, low: Color, high: Color, height: int = 2) -> tuple[Text, ...]:
    """The points as bars ``height`` lines high, ``width`` columns (fewer points, fewer columns),
    each bar coloured between ``low`` and ``high`` by its height: Textual's sparkline, as text.
    Kept per set of points: within a day only today's point moves, and often not even that."""
    width = max(1, min(width, len(points)))
    step = Fraction(len(points), width)
    buckets = [max(points[int(step * i):int(step * (i + 1))] or points[-1:]) for i in range(width)]
    lowest, extent = min(buckets), (max(buckets) - min(buckets)) or 1
    per_line, top = len(BARS), len(BARS) * height - 1
    lines = []
    for row in reversed(range(height)):
        line = Text()
        for value in buckets:
            ratio = (value - lowest) / extent if len(points) > 1 else 1.0
            index = int(ratio * top) if len(points) > 1 else top
            if index < row * per_line:
                line.append(" ")
            else:
                bar = "█" if index >= (row + 1) * per_line else BARS[index % per_line]
                line.append(bar, Style(color=low.blend(high, ratio).rich_color))
        lines.append(line)
    return tuple(lines)


@dataclass(frozen=True)
class Panel:
    """What the panel shows, worked out from a game state; a choice that leaves it equal leaves
    the panel as it is."""

    label: str
    value: str
    band: str
    domains: Text
    trend: tuple[int, ...]
    stats: Text
    day: str


def panel(camp: Campaign, st: GameState) -> Panel:
    sc = camp.main_score
    value = st.vals[sc.id]
    # the big digits draw only digits; a rank's "#" and "," would sit on the baseline, so the
    # band line says which way is good instead
    # Translators: beside a rank's band on the side panel (28 columns): the lowest number is the best
    way = _("low wins") if sc.direction == "lower" else f"{sc.min}–{sc.max}"
    # Translators: the foot of the side panel, 28 columns wide: "Day 3 of 14 · 08:00"
    day = _("Day {day} of {days} · {time}").format(day=st.day, days=camp.days, time=clock(st.hour))
    return Panel(sc.label, str(value), f"{sc.band_word(value)}  ({way})", domain_lines(camp, st),
                 tuple(trend_points(camp, st)), stat_lines(camp, st), day)


class SidePanel(Widget):
    """Shows one game state; the screen calls ``show`` after every choice (attributes down).

    Drawn line by line (Textual's line API), and after a choice only the lines that changed are
    drawn again: through a Static, the panel's couple of dozen styled bits cost more to draw than
    all the rest of the screen.
    """

    COMPONENT_CLASSES = {"side--number", "side--trend-low", "side--trend-high"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: Panel | None = None
        self._texts: list[Text] = []
        self._strips: dict[int, Strip] = {}
        self._for: Size | None = None  # the size the lines were made for; None: make them again
        self._look: tuple[Style, Color, Color] | None = None  # the number's style, the trend's colours

    def show(self, camp: Campaign, st: GameState) -> None:
        now = panel(camp, st)
        if now == self.shown:
            return
        self.shown = now
        if self._for != self.size:  # not drawn yet at this size: all of it, when it is
            self.refresh()
            return
        old, self._texts = self._texts, self._lines()
        changed = [y for y, line in enumerate(self._texts) if y >= len(old) or old[y] != line]
        for y in changed:
            self._strips.pop(y, None)
        if changed:  # a repaint of those lines: the panel keeps its size whatever it shows
            self.refresh(*(Region(0, y, self.size.width, 1) for y in changed))

    def render_line(self, y: int) -> Strip:
        if self._for != self.size:
            self._for, self._texts, self._strips = self.size, self._lines(), {}
        strip = self._strips.get(y)
        if strip is None:
            base, width = self.get_visual_style().rich_style, self.size.width  # kept until the styles change
            line = self._texts[y] if y < len(self._texts) else Text()
            strip = self._strips[y] = line_strip(self.app.console, line, base, width, painter(self))
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._for, self._look = None, None  # the colours may have changed (another theme): make every line again

    def get_line_filters(self) -> Sequence[LineFilter]:
        return own_filters(self)  # its lines are drawn in truecolor already

    def _lines(self) -> list[Text]:
        p = self.shown
        if p is None:
            return []
        number, low, high = self._colours()
        lines = [lit(p.label, "bold"), *big_number(p.value, number), lit(p.band), Text()]
        lines += p.domains.split("\n", allow_blank=True)  # with the blank line its last newline makes
        lines += [Text(), *sparkline(p.trend, self.size.width, low, high), Text()]
        lines += p.stats.split("\n", allow_blank=True)
        room = self.size.height or len(lines) + 1
        lines = lines[:room - 1] + [Text()] * (room - 1 - len(lines))  # the day at the foot, as if docked
        lines.append(lit(p.day, "bold"))
        return lines

    def _colours(self) -> tuple[Style, Color, Color]:
        """The big number's style and the trend's two colours, worked out once per theme."""
        if self._look is None:
            _, base = self.background_colors
            low, high = (base + self.get_component_styles(f"side--trend-{end}").color for end in ("low", "high"))
            self._look = (self.get_component_rich_style("side--number"), low, high)
        return self._look
