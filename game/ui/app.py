"""The Textual app. Built only through ``make_app``, which the console script and the tests share."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from game import saves
from game.engine.content import list_campaigns, load_campaign
from game.engine.model import Campaign
from game.session import Session
from game.ui.screens.day import DayScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.ledger import LedgerScreen
from game.ui.screens.life import LifeScreen
from game.ui.screens.picker import PickerScreen
from game.ui.screens.saveload import LoadScreen, MessageScreen, SaveScreen
from game.ui.screens.title import TitleScreen


class CitizenApp(App):
    """Owns the session; screens ask it to change state (messages up, attributes down)."""

    TITLE = "Citizen Score"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, campaigns: dict[str, Campaign], saves_dir: Path, seed: int | None = None) -> None:
        super().__init__()
        self.campaigns = campaigns
        self.saves_dir = saves_dir
        self.seed = seed
        self.session: Session | None = None

    def on_mount(self) -> None:
        self.push_screen(TitleScreen())

    # ------------------------------------------------------------ state changes

    def latest_save(self) -> saves.SaveInfo | None:
        latest = saves.latest_save(self.saves_dir)
        return latest if latest and latest.campaign in self.campaigns else None

    def start_campaign(self, campaign_id: str) -> None:
        seed = self.seed if self.seed is not None else secrets.randbelow(2**31)
        self.session = Session.new(self.campaigns[campaign_id], seed, self.saves_dir)
        self.session.autosave()
        self._show_game()

    def load_path(self, path: Path) -> None:
        try:
            camp, st, note = saves.load_save(path, self.campaigns)
        except saves.SaveError as e:
            self.show_message("This save cannot be loaded", e.message)
            return
        self.session = Session(camp, st, self.saves_dir)
        self._show_game()
        if note:
            self.notify(note, markup=False)

    def _show_game(self) -> None:
        assert self.session is not None
        while len(self.screen_stack) > 2:
            self.pop_screen()
        screen: Screen = EndingScreen(self.session) if self.session.st.ending else DayScreen(self.session)
        self.push_screen(screen)

    def show_ending(self) -> None:
        assert self.session is not None
        self.switch_screen(EndingScreen(self.session))

    def show_message(self, title: str, body: str) -> None:
        self.push_screen(MessageScreen(title, body))

    # ------------------------------------------------------------ actions (keys and palette)

    def action_new_game(self) -> None:
        self.push_screen(PickerScreen(self.campaigns))

    def action_continue_game(self) -> None:
        latest = self.latest_save()
        if latest is None:
            self.notify("There is no saved game yet.", severity="warning")
            return
        self.load_path(latest.path)

    def action_load(self) -> None:
        self.push_screen(LoadScreen())

    def action_to_title(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    def action_ledger(self) -> None:
        if self.session and not isinstance(self.screen, LedgerScreen):
            self.push_screen(LedgerScreen(self.session))

    def action_life(self) -> None:
        if self.session and not isinstance(self.screen, LifeScreen):
            self.push_screen(LifeScreen(self.session.camp, self.session.gates()))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_save(self) -> None:
        session = self.session
        if session is None or session.st.ending:
            return

        def saved(slot: str | None) -> None:
            if not slot:
                return
            try:
                path = session.save(slot)
            except (OSError, saves.SaveError) as e:
                self.show_message("The game was not saved", str(e))
                return
            self.notify(f"Saved as '{slot}' in {path.parent}.", markup=False)

        self.push_screen(SaveScreen(self.saves_dir, f"day {session.st.day}"), saved)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("New game", "Pick a campaign and start a new life", self.action_new_game)
        yield SystemCommand("Continue", "Resume the latest autosave", self.action_continue_game)
        yield SystemCommand("Load", "Load a saved game", self.action_load)
        yield SystemCommand("Help", "Keys and how the score works", self.action_help)
        if self.session is not None:
            yield SystemCommand("Why? (ledger)", "Every change to your score and why", self.action_ledger)
            yield SystemCommand("Life", "Jobs, homes, travel, loans: open or shut", self.action_life)
            yield SystemCommand("Save", "Save to a named slot", self.action_save)
            yield SystemCommand("Title menu", "Back to the title screen (the game is autosaved)",
                                self.action_to_title)


def load_all(content_dir: Path) -> dict[str, Campaign]:
    """Load every campaign in a content folder (raises ContentError on the first broken one)."""
    camps: dict[str, Campaign] = {}
    for folder in list_campaigns(content_dir):
        camp = load_campaign(folder)
        camps[camp.id] = camp
    return camps


def make_app(content_dir: Path, saves_dir: Path, seed: int | None = None,
             campaigns: dict[str, Campaign] | None = None) -> CitizenApp:
    """The one way to build the app: the CLI and the tests both come through here."""
    saves.ensure_saves_dir(saves_dir)
    return CitizenApp(campaigns if campaigns is not None else load_all(content_dir), saves_dir, seed)
