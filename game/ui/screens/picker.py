"""The campaign picker: one line a campaign, its blurb beside the highlighted one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from game.ui.widgets.keys_footer import KeysFooter
from game.i18n import _, ngettext, number
from game.engine.load.heads import Head
from game.ui.screens.base import GameScreen
from game.ui.text import lit, reflow
from game.ui.widgets import set_text


def blurb(camp: Head) -> Text:
    """What a campaign is about, and the numbers that will rule you in it."""
    sc = camp.main_score
    low, high, start = number(sc.min), number(sc.max), number(sc.start)
    if sc.direction == "lower":
        scale = _("a rank from {low} (best) to {high}; you start at #{start}").format(low=low, high=high, start=start)
    else:
        scale = _("{low}–{high}, you start at {start}").format(low=low, high=high, start=start)
    others = [o.label for o in list(camp.scores.values())[1:]]
    also = "\n" + _("Also scored: {scores}.").format(scores=", ".join(others)) if others else ""
    hidden = camp.hidden
    secret = "\n" + ngettext("{hidden} of its {rules} rules is hidden from you.",
                             "{hidden} of its {rules} rules are hidden from you.", hidden).format(
        hidden=hidden, rules=camp.rules) if hidden else ""
    days = ngettext("{count} day.", "{count} days.", camp.days).format(count=camp.days)
    facts = f"\n\n{sc.label}: {scale}.{also}\n{days}{secret}"
    return lit(reflow(camp.blurb) + facts)  # the author's line breaks are not the screen's


class PickerScreen(GameScreen):
    CSS_PATH = "picker.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", _("Back")),
                # Translators: a campaign's page of what in it is real and what invented
                Binding("a", "about", _("About"))]

    def __init__(self, campaigns: dict[str, Head]) -> None:
        super().__init__()
        self.campaigns = campaigns

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with Horizontal():
            yield OptionList(*(Option(lit(c.title), id=c.id) for c in self.campaigns.values()),
                             id="campaigns")
            # the first campaign's blurb is there on the first frame, not one frame later
            yield Static(blurb(next(iter(self.campaigns.values()))), id="blurb")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Choose a system to live under")
        menu = self.query_one(OptionList)
        menu.highlighted = 0
        menu.focus()

    def action_about(self) -> None:
        from game.ui.screens.about import AboutScreen

        menu = self.query_one(OptionList)
        option = menu.get_option_at_index(menu.highlighted or 0)
        self.app.push_screen(AboutScreen(self.campaigns[option.id or ""]))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        set_text(self.query_one("#blurb", Static), blurb(self.campaigns[event.option.id or ""]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.start_campaign(event.option.id or "")
