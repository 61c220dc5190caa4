"""The campaign picker: one line a campaign, its blurb beside the highlighted one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.load.heads import Head
from game.ui.screens.base import GameScreen
from game.ui.text import lit, reflow
from game.ui.widgets import set_text


def blurb(camp: Head) -> Text:
    """What a campaign is about, and the numbers that will rule you in it."""
    sc = camp.main_score
    if sc.direction == "lower":
        scale = f"a rank from {sc.min:,} (best) to {sc.max:,}; you start at #{sc.start:,}"
    else:
        scale = f"{sc.min:,}–{sc.max:,}, you start at {sc.start:,}"
    others = [o.label for o in list(camp.scores.values())[1:]]
    also = f"\nAlso scored: {', '.join(others)}." if others else ""
    hidden = camp.hidden
    secret = (f"\n{hidden} of its {camp.rules} rules {'is' if hidden == 1 else 'are'} "
              "hidden from you.") if hidden else ""
    facts = f"\n\n{sc.label}: {scale}.{also}\n{camp.days} days.{secret}"
    return lit(reflow(camp.blurb) + facts)  # the author's line breaks are not the screen's


class PickerScreen(GameScreen):
    CSS_PATH = "picker.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

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
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Choose a system to live under"
        menu = self.query_one(OptionList)
        menu.highlighted = 0
        menu.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        set_text(self.query_one("#blurb", Static), blurb(self.campaigns[event.option.id or ""]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.start_campaign(event.option.id or "")
