"""The Textual app. Built only through ``make_app``, which the console script and the tests share."""

from __future__ import annotations

import os
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from game import i18n, saves
from game.i18n import _, ngettext, said, said_error
from game.leftovers import clear_leftovers
from game.paths import openable
from game.engine.problems import ContentError
from game.ui.one_notice import OneNoticeApp
from game.ui.screens.title import TitleScreen
from game.ui.themes import ThemedApp, ThemeMemory

if TYPE_CHECKING:
    from game.engine.challenges import Challenge, ChallengeSet
    from game.engine.load.heads import Head
    from game.engine.model import Campaign
    from game.engine.play import Play
    from game.runs.attempt import Attempt
    from game.runs.replay import Replay
    from game.ui.replay_chooser import Scheduler
    from game.ui.screens.challenges import ChallengesScreen
    from game.ui.screens.day import DayScreen
    from game.ui.screens.results import ResultsScreen

# The other screens are imported where they are first shown, and the story engine where it is
# first used (it loads the story just after the first frame): the title screen must draw fast.


class CitizenApp(OneNoticeApp, ThemedApp):
    """Owns the game being played and the run on screen; screens post messages, the app navigates."""

    TITLE = "Citizen Score"
    # Every screen's TCSS (beside its screen) is read with the app's, once, before the first frame.
    # Left to each screen, the first showing of each read its file and then parsed and applied
    # the whole stylesheet again to every widget: most of the time Enter took to show a screen.
    CSS_PATH = ["app.tcss", *(f"screens/{p.name}" for p in sorted((Path(__file__).parent / "screens").glob("*.tcss")))]
    BINDINGS = [Binding("ctrl+q", "quit", _("Quit"), show=False, priority=True)]

    def __init__(self, content_dir: Path, saves_dir: Path, seed: int | None = None,
                 campaigns: dict[str, Campaign] | None = None, dev: bool = False) -> None:
        super().__init__()
        self.dev = dev  # live reload for authors: watch the content folder
        self.content_dir = content_dir
        self.campaigns: dict[str, Campaign] = campaigns or {}
        # what the picker shows of each campaign, read before the whole story (``load_heads``)
        self.heads: dict[str, Head] = {}
        if self.campaigns:
            from game.engine.load.heads import head_of

            self.heads = {c.id: head_of(c) for c in self.campaigns.values()}
        self.saves_dir = saves_dir
        self.seed = seed
        self.play: Play | None = None  # the saved game (autosaved after every choice)
        self.attempt: Attempt | None = None  # the run on screen, played or watched back
        self.run_clock: Callable[[], float] = time.monotonic  # seconds, for a run's real time
        self.content_error = ""  # the loader's report when the content is broken; the CLI prints it
        self._loaded = campaigns is not None
        self.opening: Screen | None = None

    def get_theme(self, theme_name: str) -> Theme | None:
        """A theme by name, as Textual's, without copying every registered theme twice per lookup:
        Textual looks the theme up for each line it draws, a sixth of the cost of drawing one."""
        for name in theme_name.split(","):
            theme = self._registered_themes.get(name.strip())
            if theme is not None:
                return theme
        return None

    def on_mount(self) -> None:
        self.memory = ThemeMemory(self, self.saves_dir)
        self.memory.start()
        self.push_screen(TitleScreen())
        if self.opening is not None:  # a screen to show over the title, e.g. a replay played back
            self.push_screen(self.opening)
        if not self._loaded:
            # Draw the title first, then what the picker needs, then the story: start-up stays as
            # quick as a bare app, and Enter on New game does not wait for the whole story.
            self.call_after_refresh(self.load_heads)
        if self.dev:
            from game.reload import ContentWatcher

            self.watcher = ContentWatcher(self.content_dir)
            self.dev_problems: Screen | None = None
            self.set_interval(0.5, self.dev_poll)

    # ------------------------------------------------------------ live reload (--dev)

    def dev_poll(self) -> None:
        if self.watcher.changed():
            self.reload_content()

    def reload_content(self) -> None:
        """Load the edited story; on success carry the game over, on failure show every problem.

        A broken edit never costs the author their place: the old story keeps running under the
        message until a save that loads.
        """
        from game.engine.engine import PlayError
        from game.engine.load.heads import head_of
        from game.engine.play import Play
        from game.reload import carry_over
        from game.stories import load_all
        from game.ui.screens.saveload import MessageScreen

        try:
            campaigns = load_all(self.content_dir)
        except ContentError as e:
            self._close_dev_problems()
            self.dev_problems = MessageScreen(_("The story has problems — fix and save to reload"),
                                              e.format(say=said))
            self.push_screen(self.dev_problems)
            return
        self._close_dev_problems()
        self.campaigns, self._loaded = campaigns, True
        self.heads = {c.id: head_of(c) for c in campaigns.values()}
        play = self.play
        if play is None or play.camp.id not in campaigns:
            self.notify(_("Story reloaded."), markup=False)
            if isinstance(self.screen, TitleScreen):
                self.screen.refresh_menu()
            return
        try:
            moved = carry_over(campaigns[play.camp.id], play.st.seed, play.st.log)
        except PlayError as e:
            self.show_message(_("The story reloaded but cannot start"), said_error(e))
            return
        self.play = self._saved_game(Play(campaigns[play.camp.id], moved.st))
        self._show_game()
        replayed = ngettext("Story reloaded — replayed {count} choice.",
                            "Story reloaded — replayed {count} choices.", moved.kept).format(count=moved.kept)
        self.notify(moved.note or replayed, severity="warning" if moved.note else "information", markup=False)

    def _close_dev_problems(self) -> None:
        if self.dev_problems is not None and self.dev_problems in self.screen_stack:
            while self.screen is not self.dev_problems:
                self.pop_screen()
            self.pop_screen()
        self.dev_problems = None

    LOAD_AFTER = 0.1  # seconds from the heads to the whole story: a key already on its way goes first

    def load_heads(self) -> None:
        """Read each campaign's head for the picker, then the whole story a moment later.

        A head that cannot be read is left to the full load, which names every problem.
        """
        if self.heads or self._loaded or self.content_error:
            return
        from game.engine.campaigns import list_campaigns
        from game.engine.load.heads import load_head
        from game.tomlcache import parser

        try:
            self.heads = {h.id: h for h in (load_head(f, parse=parser(), lang=i18n.current())
                                            for f in list_campaigns(self.content_dir))}
        except ContentError:
            self.heads = {}
        if not self.heads:
            self.load_content()
            return
        if isinstance(self.screen, TitleScreen):
            self.screen.refresh_menu()
        self.set_timer(self.LOAD_AFTER, lambda: self.load_content(show=False))

    def load_content(self, show: bool = True) -> None:
        """Read the story; with ``show``, the title's menu then offers Continue if there is a save."""
        if self._loaded or self.content_error:
            return
        from game.engine.load.heads import head_of
        from game.stories import load_all, no_campaigns

        try:
            self.campaigns = load_all(self.content_dir)
        except ContentError as e:
            if self.dev:  # an author mid-edit: show the problems and wait for a good save
                self.call_after_refresh(self.reload_content)
                return
            self.content_error = e.format(openable(e.base), said)  # printed by the command line
            self.exit(return_code=2)
            return
        if not self.campaigns:
            self.content_error = no_campaigns(self.content_dir)
            self.exit(return_code=2)
            return
        self._loaded = True
        self.heads = {c.id: head_of(c) for c in self.campaigns.values()}
        if show and isinstance(self.screen, TitleScreen):
            self.screen.refresh_menu()

    def story_ready(self) -> bool:
        """Load the content now if a key beat the loader to it; False if it cannot be loaded.

        The title's menu is left as it is: the key is about to cover it with another screen (or,
        for Continue without a save, the menu is already right), and it is redrawn on return.
        """
        self.load_content(show=False)
        return self._loaded

    # ------------------------------------------------------------ state changes

    def latest_save(self) -> saves.SaveInfo | None:
        if not self.heads:
            return None
        if self.play is not None:
            self.play.settle()  # the last choice's autosave may still wait for its frame
        latest = saves.latest_save(self.saves_dir)
        return latest if latest and latest.campaign in self.heads else None

    def start_campaign(self, campaign_id: str) -> None:
        if not self.story_ready():
            return
        from game.engine.play import Play

        seed = self.seed if self.seed is not None else int.from_bytes(os.urandom(4), "big") >> 1
        self.play = self._saved_game(Play.new(self.campaigns[campaign_id], seed), now=True)
        self._show_game()

    def load_path(self, path: Path) -> None:
        from game.engine.play import Play

        try:
            camp, st, note = saves.load_save(path, self.campaigns)
        except saves.SaveError as e:
            self.show_message(_("This save cannot be loaded"), e.message)
            return
        self.play = self._saved_game(Play(camp, st))
        self._show_game()
        if note:
            self.notify(note, markup=False)

    def _saved_game(self, play: Play, now: bool = False) -> Play:
        """A player's own game: autosaved after every choice, and counted in the lifetime record
        when it ends (runs and replays are neither)."""
        from game.autosave import autosaved
        from game.lifetime import counted

        return counted(autosaved(play, self.saves_dir, now=now, defer=True), self.saves_dir, defer=True)

    def _show_game(self) -> None:
        from game.ui.screens.day import DayScreen
        from game.ui.screens.ending import EndingScreen

        assert self.play is not None
        while len(self.screen_stack) > 2:
            self.pop_screen()
        screen: Screen = EndingScreen(self.play) if self.play.st.ending else DayScreen(self.play)
        self.push_screen(screen)

    def show_ending(self) -> None:
        from game.ui.screens.ending import EndingScreen

        assert self.play is not None
        self.switch_screen(EndingScreen(self.play))

    # ------------------------------------------------------------ runs (challenges and replays)

    def run_screen(self, cs: ChallengeSet, ch: Challenge) -> Screen:
        """A new attempt at a challenge, timed by ``run_clock``, on the day screen with its timer."""
        from game.runs.attempt import Attempt
        from game.runs.clock import stopwatch
        from game.runs.run import Run
        from game.ui.screens.day import DayScreen
        from game.ui.widgets.timer import TimerPanel

        run = Run.start(cs, ch, real_ms=stopwatch(self.run_clock))
        self.attempt = Attempt(run, self.saves_dir)
        return DayScreen(run.play, TimerPanel(self.attempt, id="timer"), subtitle=f"{ch.title} — {ch.category}")

    def watch_screen(self, cs: ChallengeSet, rep: Replay, speed: float = 1.0,
                     schedule: Scheduler | None = None) -> Screen:
        """A replay played back on the day screen: its chooser takes the recorded choices in time."""
        from game.runs.attempt import Attempt
        from game.runs.playback import Playback
        from game.ui.replay_chooser import ReplayChooser
        from game.ui.screens.day import DayScreen
        from game.ui.widgets.timer import TimerPanel

        playback = Playback(cs, rep)
        self.attempt = Attempt(playback.run, self.saves_dir, source="import", board=False, write=False,
                               shown_ms=playback.shown_ms)
        return DayScreen(playback.run.play, TimerPanel(self.attempt, id="timer"),
                         ReplayChooser(playback, speed, schedule))

    def _is_run(self, play: Play) -> bool:
        return self.attempt is not None and play is self.attempt.run.play

    def on_challenges_screen_start(self, message: ChallengesScreen.Start) -> None:
        self.push_screen(self.run_screen(message.cs, message.ch))

    def on_day_screen_over(self, message: DayScreen.Over) -> None:
        from game.ui.screens.results import ResultsScreen

        if self.attempt is not None and self._is_run(message.play):
            self.switch_screen(ResultsScreen(self.attempt))
        else:
            self.show_ending()

    def on_day_screen_leave(self, message: DayScreen.Leave) -> None:
        if self.attempt is None or not self._is_run(message.play):
            self.action_to_title()
        elif self.attempt.watching:
            self.exit()
        else:
            self.pop_screen()

    def on_day_screen_restart(self, message: DayScreen.Restart) -> None:
        self.restart_run()

    def on_results_screen_again(self, message: ResultsScreen.Again) -> None:
        self.restart_run()

    def restart_run(self) -> None:
        """The same challenge again from its start, in place of the screen showing the last attempt."""
        if self.attempt is not None and not self.attempt.watching:
            self.switch_screen(self.run_screen(self.attempt.run.cs, self.attempt.ch))

    def show_message(self, title: str, body: str) -> None:
        from game.ui.screens.saveload import MessageScreen

        self.push_screen(MessageScreen(title, body))

    # ------------------------------------------------------------ actions (keys and palette)

    def action_new_game(self) -> None:
        self.load_heads()  # if the key beat the loader to them
        if not self.heads:
            return
        from game.ui.screens.picker import PickerScreen

        self.push_screen(PickerScreen(self.heads))

    def action_continue_game(self) -> None:
        if not self.story_ready():
            return
        latest = self.latest_save()
        if latest is None:
            self.notify(_("There is no saved game yet."), severity="warning")
            return
        self.load_path(latest.path)

    def action_load(self) -> None:
        if not self.story_ready():
            return
        if self.play is not None:
            self.play.settle()  # the list shows the latest autosave
        from game.ui.screens.saveload import LoadScreen

        self.push_screen(LoadScreen())

    def action_challenges(self) -> None:
        from game.ui.screens.challenges import ChallengesScreen

        self.push_screen(ChallengesScreen())

    def action_gallery(self) -> None:
        """The endings gallery: the story and the lifetime record are read now, not for the title."""
        if not self.story_ready():
            return
        from game.ui.screens.gallery import GalleryScreen

        if self.play is not None:
            self.play.settle()  # a game that just ended is counted before the gallery reads the record
        if not isinstance(self.screen, GalleryScreen):
            self.push_screen(GalleryScreen())

    def action_to_title(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    def shown_play(self) -> Play | None:
        """The play on screen (a run's during a run, so its ledger is the run's), else the saved game."""
        from game.engine.play import Play

        shown = getattr(self.screen, "play", None)
        return shown if isinstance(shown, Play) else self.play

    def action_ledger(self) -> None:
        from game.ui.screens.ledger import LedgerScreen

        play = self.shown_play()
        if play and not isinstance(self.screen, LedgerScreen):
            self.push_screen(LedgerScreen(play))

    def action_life(self) -> None:
        from game.ui.screens.life import LifeScreen

        play = self.shown_play()
        if play and not isinstance(self.screen, LifeScreen):
            self.push_screen(LifeScreen(play.camp, play.gates(), play.st))

    def action_rulebook(self) -> None:
        from game.ui.screens.rulebook import RulebookScreen

        play = self.shown_play()
        if play and not isinstance(self.screen, RulebookScreen):
            self.push_screen(RulebookScreen(play))

    def action_help(self) -> None:
        from game.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_save(self) -> None:
        from game.ui.screens.saveload import SaveScreen

        play = self.play
        if play is None or play.st.ending:
            return

        def saved(slot: str | None) -> None:
            if not slot:
                return
            try:
                path = saves.write_save(self.saves_dir, slot, play.camp, play.st)
            except (OSError, saves.SaveError) as e:
                self.show_message(_("The game was not saved"), str(e))
                return
            self.notify(_("Saved as '{slot}' in {folder}.").format(slot=slot, folder=path.parent), markup=False)

        # Translators: the name offered for a new save slot; only letters, digits, spaces, - and _.
        self.push_screen(SaveScreen(self.saves_dir, _("day {day}").format(day=play.st.day)), saved)

    relaunch: str = ""  # a language the player switched to: the command line starts the game again in it

    def switch_language(self, lang: str) -> None:
        """Remember the language and end this run of the app, for the command line to start the game
        again in it: every word on every screen, the campaigns' included, is read at start-up.
        The game in play was autosaved after its last choice; Continue picks it up."""
        if self.memory.remember_language(lang):
            self.relaunch = lang
            self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(_("New game"), _("Pick a campaign and start a new life"), self.action_new_game)
        yield SystemCommand(_("Continue"), _("Resume the latest autosave"), self.action_continue_game)
        yield SystemCommand(_("Load"), _("Load a saved game"), self.action_load)
        yield SystemCommand(_("Endings gallery"), _("The endings you have found, and your lifetime figures"),
                            self.action_gallery)
        yield SystemCommand(_("Help"), _("Keys and how the score works"), self.action_help)
        for lang in i18n.available():
            if lang != i18n.current():
                # Translators: {language} is the language's own name (English, Nederlands).
                yield SystemCommand(_("Language: {language}").format(language=i18n.language_name(lang)),
                                    _("Speak this language from now on (the game restarts at its title; "
                                      "your game is autosaved)"), partial(self.switch_language, lang))
        if self.play is not None:
            yield SystemCommand(_("Why? (ledger)"), _("Every change to your score and why"), self.action_ledger)
            yield SystemCommand(_("Life"), _("Jobs, homes, travel, loans: open or shut"), self.action_life)
            yield SystemCommand(_("Rulebook"), _("The scoring rules you know (some stay hidden)"),
                                self.action_rulebook)
            yield SystemCommand(_("Save"), _("Save to a named slot"), self.action_save)
            yield SystemCommand(_("Title menu"), _("Back to the title screen (the game is autosaved)"),
                                self.action_to_title)


def make_app(content_dir: Path, saves_dir: Path, seed: int | None = None,
             campaigns: dict[str, Campaign] | None = None, dev: bool = False) -> CitizenApp:
    """The one way to build the app: the CLI and the tests both come through here.

    Content is read just after the first frame unless ``campaigns`` are handed in.
    """
    saves.ensure_saves_dir(saves_dir)
    clear_leftovers(saves_dir)
    return CitizenApp(content_dir, saves_dir, seed, campaigns, dev)
