"""A run played in the terminal UI: challenges screen, timer and splits, results, restart, playback."""

from __future__ import annotations

import io
import shutil
from pathlib import Path


from game.runs import records
from game.ui.app import make_app
from game.ui.screens.challenges import ChallengesScreen
from game.ui.screens.results import ResultsScreen
from game.ui.screens.day import DayScreen
from game.ui.screens.ledger import LedgerScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets.timer import TimerPanel

FIXTURES = Path(__file__).parents[1] / "fixtures"
SIZE = (110, 32)


class Scheduler:
    """Timers that fire only when the test says so: a playback moves on by itself only here."""

    def __init__(self) -> None:
        self.waiting: list["Scheduler.Pending"] = []

    class Pending:
        def __init__(self, delay: float, callback) -> None:
            self.delay, self.callback, self.stopped = delay, callback, False

        def stop(self) -> None:
            self.stopped = True

    def __call__(self, delay: float, callback) -> "Scheduler.Pending":
        self.waiting.append(self.Pending(delay, callback))
        return self.waiting[-1]

    def due(self) -> list["Scheduler.Pending"]:
        return [p for p in self.waiting if not p.stopped]

    def fire(self) -> None:
        """Let the one timer that is waiting run out."""
        (pending,) = self.due()
        self.waiting.remove(pending)
        pending.callback()


class FixedClock:
    """Real time that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def text_of(app, selector) -> str:
    """What a Static shows, as plain text (tables included)."""
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    console.print(app.screen.query_one(selector).content)
    return console.export_text()


def footer(app) -> list[str]:
    """The keys the footer offers on the current screen, by their descriptions (one per binding)."""
    shown = [b.binding.description for b in app.screen.active_bindings.values()
             if b.binding.show and b.node is app.screen]
    return list(dict.fromkeys(shown))


async def open_challenges(pilot) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, TitleScreen)
    await pilot.press("down", "down", "enter")  # New game, Load (Continue is disabled), Challenges
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChallengesScreen)


async def test_a_short_challenge_played_to_its_goal_shows_the_results(content, tmp_path):
    saves_dir, clock = tmp_path / "saves", FixedClock()
    app = make_app(content, saves_dir)
    app.run_clock = clock
    async with app.run_test(size=SIZE) as pilot:
        await open_challenges(pilot)
        assert "First light" in text_of(app, "#challenge-rules")
        assert "day >= 2" in text_of(app, "#challenge-rules") and "none yet" in text_of(app, "#challenge-board")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert footer(app) == ["Why?", "Life", "Rules", "Save", "Help", "Challenges", "Restart"]
        timer = text_of(app, TimerPanel)
        assert "In-game 0d 00h 0a" in timer and "Real 0:00.000" in timer
        clock.now += 1.25
        await pilot.press("1")  # buy diapers: the errand split
        await pilot.pause()
        timer = text_of(app, TimerPanel)
        assert "0d 01h 1a" in timer and "day 1, 08:00" in timer and "An errand 0d 01h 1a" in timer
        clock.now += 2
        await pilot.press("1")  # sleep: the second morning is the goal
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        verdict = text_of(app, "#verdict")
        assert "Finished — goal reached" in verdict and "1d 00h 2a" in verdict and "0:03.250" in verdict
        assert "New personal best!" in verdict and "credit = 640" in verdict
        splits = text_of(app, "#splits")
        assert "An errand" in splits and "Goal" in splits
        rec = records.load(saves_dir, "mini", "first_light")
        assert rec.attempts == 1 and [e.source for e in rec.entries] == ["play"]
        assert (saves_dir / "replays" / rec.entries[0].replay).is_file()
        assert not list(saves_dir.glob("*.save.toml"))  # a run never autosaves over a game

        await pilot.press("f5")  # run it again, slower on the first split
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        await pilot.press("2", "1")  # game all day, then sleep
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        verdict = text_of(app, "#verdict")
        assert "New personal best!" not in verdict and "1 gold segment" in verdict
        assert "+15h" in text_of(app, "#splits")
        assert records.load(saves_dir, "mini", "first_light").attempts == 2


async def test_restart_is_one_key_and_counts_an_attempt(content, tmp_path):
    saves_dir = tmp_path / "saves"
    app = make_app(content, saves_dir)
    app.run_clock = FixedClock()
    async with app.run_test(size=SIZE) as pilot:
        await open_challenges(pilot)
        await pilot.press("enter", "1")
        await pilot.pause()
        assert "0d 01h 1a" in text_of(app, TimerPanel)
        await pilot.press("w")  # the run's own ledger, not a saved game's
        await pilot.pause()
        assert isinstance(app.screen, LedgerScreen) and app.screen.play is app.attempt.run.play
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen) and "In-game 0d 00h 0a" in text_of(app, TimerPanel)
        assert records.load(saves_dir, "mini", "first_light").attempts == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChallengesScreen) and "attempts 2" in text_of(app, "#challenge-board")


async def test_a_replay_plays_back_step_by_step_to_its_results(content, tmp_path):
    import helpers_runs as hr
    from game.cli import main
    from game.engine.challenges import load_challenges
    from game.runs import replay

    saves_dir = tmp_path / "saves"
    route = hr.write_route(tmp_path / "r.txt", hr.first_open_route("the_end"))
    assert main(["--content", str(content), "--saves", str(saves_dir), "route", "the_end", str(route)]) == 0
    (path,) = (saves_dir / "replays").glob("*.replay.toml")
    rep, _ = replay.read(path)
    app, timers = make_app(content, saves_dir), Scheduler()
    app.opening = app.watch_screen(load_challenges(content / "mini"), rep, speed=2, schedule=timers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DayScreen) and screen.sub_title == "Replay of The end — ×2"
        assert footer(app) == ["Why?", "Life", "Rules", "Save", "Help", "Quit", "Pause", "Step", "Faster", "Slower"]
        steps = screen.chooser.playback.run.steps
        assert len(steps) == 0 and [p.delay for p in timers.due()] == [0.3]  # a route: 0.6 s a step
        timers.fire()  # the first step's time comes: the replay takes it
        await pilot.pause()
        assert len(steps) == 1 and "1a" in text_of(app, TimerPanel) and len(timers.due()) == 1
        await pilot.press("full_stop")  # one choice now, and the playback pauses
        await pilot.pause()
        assert len(steps) == 2 and screen.chooser.paused and timers.due() == []
        await pilot.press("1")  # the watcher cannot choose
        await pilot.pause()
        assert len(steps) == 2 and "2a" in text_of(app, TimerPanel)
        await pilot.press("space")  # playing again: the next step waits for its time
        await pilot.pause()
        assert len(steps) == 2 and len(timers.due()) == 1
        for _ in range(len(rep.steps)):
            if isinstance(app.screen, ResultsScreen):
                break
            await pilot.press("full_stop")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        verdict = text_of(app, "#verdict")
        assert "Finished — goal reached" in verdict and "2d 00h 5a" in verdict
        assert "New personal best!" not in verdict  # watching is not running
    rec = records.load(saves_dir, "mini", "the_end")
    assert rec.attempts == 1 and len(rec.entries) == 1  # only the route's own run
    assert not (saves_dir / "lifetime.toml").exists()  # a run watched back is no game of the player's


def test_replay_command_refuses_a_tampered_replay_before_opening_a_screen(content, tmp_path, capsys):
    import helpers_runs as hr
    from game.cli import main

    saves_dir = tmp_path / "saves"
    route = hr.write_route(tmp_path / "r.txt", hr.FIRST_LIGHT)
    assert main(["--content", str(content), "--saves", str(saves_dir), "route", "first_light", str(route)]) == 0
    (path,) = (saves_dir / "replays").glob("*.replay.toml")
    path.write_text(path.read_text(encoding="utf-8").replace("score = 640", "score = 950"), encoding="utf-8")
    assert main(["--content", str(content), "--saves", str(saves_dir), "replay", str(path)]) == 1
    assert "claimed score differs" in capsys.readouterr().err


def test_replay_command_refuses_a_tampered_replay_in_dutch(content, tmp_path, capsys, dutch):
    import helpers_runs as hr
    from game.cli import main

    saves_dir = tmp_path / "saves"
    base = ["--lang", "nl", "--content", str(content), "--saves", str(saves_dir)]
    route = hr.write_route(tmp_path / "r.txt", hr.FIRST_LIGHT)
    assert main([*base, "route", "first_light", str(route)]) == 0
    (path,) = (saves_dir / "replays").glob("*.replay.toml")
    path.write_text(path.read_text(encoding="utf-8").replace("score = 640", "score = 950"), encoding="utf-8")
    capsys.readouterr()
    assert main([*base, "replay", str(path)]) == 1
    assert f"citizen-score replay: {path}: NIET geldig — de opgegeven score verschilt: de replay zegt 950, het " \
           "naspelen geeft 640" in capsys.readouterr().err
    assert main([*base, "replay", str(tmp_path / "gone.replay.toml")]) == 2
    assert "gone.replay.toml: dat bestand bestaat niet." in capsys.readouterr().err


async def test_a_broken_challenges_file_is_named_and_the_rest_still_offered(content, tmp_path):
    other = content / "other"
    shutil.copytree(content / "mini", other)
    (other / "campaign.toml").write_text((other / "campaign.toml").read_text(encoding="utf-8")
                                         .replace('id = "mini"', 'id = "other"'), encoding="utf-8")
    (other / "challenges.toml").write_text('[challenge.x]\ntitle = "X"\ncategory = "any%"\nseed = 1\n'
                                           'goal = "credt > 1"\n', encoding="utf-8")
    app = make_app(content, tmp_path / "saves")
    async with app.run_test(size=SIZE) as pilot:
        await open_challenges(pilot)
        menu = app.screen.query_one("#challenge-list")
        assert menu.option_count == 5  # mini's five; other's one is broken
        assert "other/challenges.toml:5" in " ".join(str(n.message) for n in app._notifications)
