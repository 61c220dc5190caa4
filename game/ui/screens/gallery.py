"""The endings gallery, from the title screen: per campaign the endings found and the ones not
yet found (with a hint once the campaign has been finished), and the lifetime figures.

The record is read and the campaigns are loaded when the gallery opens, never for the title
screen, which must draw at once. A record that cannot be read is named with its fix, and the
gallery shows the endings of the campaigns as if none were found yet.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from game.ui.widgets.keys_footer import KeysFooter
from game.i18n import _, ngettext, number
from game import lifetime
from game.engine.lifetime import Lifetime
from game.lifetime import CampaignPage, Gallery
from game.ui.screens.base import GameScreen
from game.ui.text import lit

MARK_WIDTH = 2  # " ✓" / " ?": an ending's line wraps under itself, not under the mark
TITLE_WIDTH = 24


def figures_text(g: Gallery) -> Text:
    """The lifetime figures: games, days, and the rule that cost the most."""
    text = Text()
    text.append(_("Games played") + " ", style="bold")
    text.append(number(g.games))
    text.append("   " + _("Days lived") + " ", style="bold")
    text.append(number(g.days))
    if g.rules_hidden:
        text.append("   " + _("Rules found out") + " ", style="bold")
        text.append(_("{found} of {hidden}").format(found=g.rules_found, hidden=g.rules_hidden))
    text.append("\n")
    text.append(_("Most lost to one rule") + " ", style="bold")
    text.append_text(lit(g.worst or _("nothing yet")))
    return text


def page_head(p: CampaignPage) -> Text:
    head = lit(p.title, "bold")
    head.append(" — " + ngettext("{found} of {count} ending", "{found} of {count} endings", len(p.endings))
                .format(found=p.found, count=len(p.endings)), style="bold")
    facts = [ngettext("{count} game", "{count} games", p.games).format(count=number(p.games)),
             ngettext("{count} day", "{count} days", p.days).format(count=number(p.days))] if p.games \
        else [_("not played yet")]
    if p.rules_hidden:
        facts.append(_("rules found out {found} of {hidden}").format(found=p.rules_found, hidden=p.rules_hidden))
    head.append("\n" + " · ".join(facts), style="dim")
    return head


def found_grid(p: CampaignPage) -> Table | None:
    """The endings found, each with the day and score it was first found with."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=MARK_WIDTH, no_wrap=True)
    grid.add_column(width=TITLE_WIDTH)
    grid.add_column(ratio=1)
    for line in p.endings:
        if f := line.found:
            times = f" · {f.times}×" if f.times > 1 else ""
            grid.add_row(Text(" ✓", style="bold green"), lit(line.title, "bold"),
                         lit(_("day {day} · {score} {value}").format(day=f.day, score=p.score_label,
                                                                     value=number(f.score)) + times))
    return grid if grid.row_count else None


def unfound_grid(p: CampaignPage) -> Table | None:
    """The endings not yet found: no title (it would give them away), only the hint or a plain line."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=MARK_WIDTH, no_wrap=True)
    grid.add_column(ratio=1)
    for line in p.endings:
        if line.found is None:
            grid.add_row(Text(" ?", style="dim"), lit(line.hint, "italic"))
    return grid if grid.row_count else None


def page_renderable(p: CampaignPage) -> RenderableType:
    """A campaign's heading and endings; before any is found, one line says how the hints come."""
    parts: list[RenderableType] = [page_head(p)]
    if p.found:
        parts += [g for g in (found_grid(p), unfound_grid(p)) if g is not None]
    elif p.endings:
        parts.append(Text(" " + _("Reach an ending here to see a hint for each of the others."), style="dim italic"))
    return Group(*parts)


class GalleryScreen(GameScreen):
    CSS_PATH = "gallery.tcss"
    BINDINGS = [Binding("escape,g", "app.pop_screen", _("Back"))]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with VerticalScroll(id="gallery"):
            yield Static(id="gallery-problem", markup=False)
            yield Static(id="figures")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Endings and lifetime")
        problem = self.query_one("#gallery-problem", Static)
        try:
            life = lifetime.load(self.app.saves_dir)
        except lifetime.LifetimeError as e:
            life = Lifetime()
            problem.update(str(e))
        else:
            problem.display = False
        g = lifetime.gallery(life, self.app.campaigns)
        self.query_one("#figures", Static).update(figures_text(g))
        scroll = self.query_one("#gallery", VerticalScroll)
        scroll.mount_all(Static(page_renderable(p), classes="campaign") for p in g.pages)
        scroll.focus()
