"""The game in Dutch at 80x24, played through Pilot.

The interface's words are read when its modules are imported (a footer's key descriptions are
class attributes), so the Dutch game runs in a process of its own, chosen before the import, as
the command line does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "dutch"
UPDATE = "CITIZEN_SCORE_UPDATE_DUTCH"  # set to 1 to write the Dutch snapshots afresh (then look at them)

SCREENS = r'''
import asyncio, json, sys
from pathlib import Path
from game import i18n
i18n.use("nl")
from game.ui.app import make_app

STEPS = [("title", []), ("picker", ["enter"]), ("day", ["down", "down", "down", "down", "enter", "1"]),
         ("ledger", ["w"]), ("life", ["escape", "l"]), ("rules", ["escape", "r"]),
         ("help", ["escape", "question_mark"])]

async def main():
    app = make_app(Path(sys.argv[1]), Path(sys.argv[2]), seed=1)
    shots = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for name, keys in STEPS:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            shots[name] = app.export_screenshot()
    print(json.dumps(shots))

asyncio.run(main())
'''

SCRIPT = r'''
import asyncio, json, sys
from pathlib import Path
from game import i18n
i18n.use("nl")
from game.ui.app import make_app

async def main():
    app = make_app(Path(sys.argv[1]), Path(sys.argv[2]), seed=1)
    seen = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen["title"] = app.export_screenshot()
        await pilot.press("enter", "down", "down", "down", "down", "enter")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        seen["day"] = app.export_screenshot()
        await pilot.press("w")
        await pilot.pause()
        seen["ledger"] = app.export_screenshot()
    print(json.dumps(seen))

asyncio.run(main())
'''

# A game of Bloemhof (seed 1) to an ending, then the gallery; and the challenge Klokkenluider of
# Eerlijk Jinhai run to its goal on a clock that moves only when the script says (1.5 s a choice):
# the challenges screen, the run with its timer after three choices, and the results. The saves
# folder is named relative to the working folder, so the results' replay path is the same each time.
PLAYED = r'''
import asyncio, io, json, sys
from pathlib import Path
from game import i18n
i18n.use("nl")
from rich.console import Console
from textual.widgets import OptionList
from game.ui.app import make_app
from game.ui.choice_keys import key_for
from game.ui.widgets.choices import ChoiceList

TO_AN_ENDING = ["arrival.both", "arrival_post.fridge", "mothers_kitchen.promise", "sofa_talk.deadline",
                "morn_mother_call.later", "day_laundrette.hand", "eve_football.watch", "morn_mother_call.later",
                "day_cleaning_offer.decline", "eve_noor_question.pancakes", "water_statement.showers",
                "day_kringloop.look", "eve_fatima_tea.listen", "fatima_story.distance", "eve_mother.early",
                "morn_lurdes.worry", "day_team_coffee.biscuit", "eve_news.watch", "morn_coach_call.mother",
                "the_floor.sister"]
TO_THE_GOAL = ["arrival.sea", "first_evening.tired", "morn_register.later", "day_supermarket.whisky",
               "eve_routine.cook", "morn_register.later", "day_deliveries.off", "eve_mother.stay", "morn_routine.nap",
               "day_factory_smell.report", "eve_games.bed", "court_letter.pay", "eve_mother.tonic",
               "morn_crossing.cross", "day_uncle_car.slow", "eve_mahjong.win"]


class Clock:
    now = 100.0

    def __call__(self):
        return self.now


def shot(app):
    """The screen as an SVG and as the text it shows."""
    w, h = app.size
    console = Console(width=w, height=h, file=io.StringIO(), record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return {"svg": app.export_screenshot(), "text": console.export_text()}


async def choose(pilot, choice_id):
    """Press the key the day screen shows beside the choice."""
    shown = [o.id for o in pilot.app.screen.query_one(ChoiceList).shown]
    await pilot.press(key_for(shown.index(choice_id) + 1))
    await pilot.pause()


async def main():
    content, shots = Path(sys.argv[1]), {}
    app = make_app(content, Path("saves-game"), seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "down", "down", "down", "down", "enter")  # a new game of Bloemhof
        await pilot.pause()
        for choice_id in TO_AN_ENDING:
            await choose(pilot, choice_id)
        shots["ending"] = shot(app)
        await pilot.press("enter")  # back to the title
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        shots["gallery"] = shot(app)
    clock = Clock()
    app = make_app(content, Path("saves-run"), seed=1)
    app.run_clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # New game, Load (Continue is disabled), Challenges
        await pilot.pause()
        menu = app.screen.query_one(OptionList)
        refs = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        for _ in range(refs.index("state/whistleblower")):
            await pilot.press("down")
        await pilot.pause()
        shots["challenges"] = shot(app)
        await pilot.press("enter")
        await pilot.pause()
        for n, choice_id in enumerate(TO_THE_GOAL, 1):
            clock.now += 1.5
            await choose(pilot, choice_id)
            if n == 3:
                shots["run"] = shot(app)
        shots["results"] = shot(app)
    print(json.dumps(shots))

asyncio.run(main())
'''


def test_a_game_of_bloemhof_in_dutch(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(REPO / "content"), str(tmp_path / "saves")],
                         capture_output=True, text=True, cwd=REPO, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    svg = {k: v.replace("&#160;", " ") for k, v in seen.items()}
    assert "Nieuw spel" in svg["title"] and "Stoppen" in svg["title"]
    for words in ("De brievenbus", "een onbekende regel", "Risicoscore", "verhoogd", "Dag 1 van 30",
                  "Waarom?", "Opslaan", "Hang hem op de koelkast"):
        assert words in svg["day"], words
    for english in ("Why?", "Save", "Day 1 of 30", "unknown rule", "Stick it on the fridge"):
        assert english not in svg["day"], english
    assert "Waarom? — " in svg["ledger"] and "Why? — " not in svg["ledger"]


async def test_the_palette_switches_the_language_and_remembers_it(tmp_path: Path) -> None:
    """Choosing "Language: Nederlands" writes it down and ends the app for the command line to
    start the game again in Dutch; the theme chosen before is kept."""
    from game.settings import load_settings
    from game.ui.app import make_app

    app = make_app(REPO / "content", tmp_path / "saves", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        names = [c.title for c in app.get_system_commands(app.screen)]
        assert "Language: Nederlands" in names
        app.theme = "citizen-high-contrast"
        await pilot.pause()
        app.switch_language("nl")
        await pilot.pause()
    assert app.relaunch == "nl"
    settings = load_settings(tmp_path / "saves")
    assert (settings.lang, settings.theme) == ("nl", "citizen-high-contrast")


@pytest.fixture(scope="module")
def dutch_screens(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    saves = tmp_path_factory.mktemp("dutch") / "saves"
    out = subprocess.run([sys.executable, "-c", SCREENS, str(REPO / "content"), str(saves)],
                         capture_output=True, text=True, cwd=REPO, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def dutch_played(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    here = tmp_path_factory.mktemp("dutch-played")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", PLAYED, str(REPO / "content")], capture_output=True, text=True,
                         cwd=here, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_an_ending_the_gallery_and_a_challenge_run_read_in_dutch(dutch_played: dict[str, dict[str, str]]) -> None:
    """What a Dutch player reads on the screens after the day: the ending, the gallery with the
    rule that cost most by its Dutch name, the challenges, the timer, the results."""
    text = {k: v["text"] for k, v in dutch_played.items()}
    assert "De logeerkamer" in text["ending"] and "Waarom?" in text["ending"]
    assert "1 van 11 eindes" in text["gallery"] and "Laag waterverbruik" in text["gallery"]
    assert "Water low" not in text["gallery"]
    assert "Klokkenluider" in text["challenges"] and "Jouw beste  nog geen" in text["challenges"]
    assert "Speltijd 1d 02h 3a  dag 2, 09:00   Echt 0:04.500" in text["run"]
    assert "Melding gedaan —  ▸  Doel —" in text["run"]
    assert "Gehaald — doel bereikt" in text["results"] and "(dag 7, 07:00)" in text["results"]
    assert "Echte tijd    0:24.000" in text["results"] and "Nieuw persoonlijk record!" in text["results"]
    for screen in ("run", "results"):
        for english in ("goal reached", "Goal", "day 2", "day 7", "Real"):
            assert english not in text[screen], (screen, english)


def pinned_as(name: str, got: str, tmp_path: Path) -> None:
    pinned = SNAPSHOTS / f"{name}.svg"
    if os.environ.get(UPDATE) == "1":
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        pinned.write_text(got, encoding="utf-8")
    fresh = tmp_path / f"{name}.svg"
    fresh.write_text(got, encoding="utf-8")
    assert pinned.is_file() and pinned.read_text(encoding="utf-8") == got, (
        f"the Dutch {name} screen changed: see {fresh} against {pinned}; if the change is intended, "
        f"run {UPDATE}=1 pytest tests/ui/test_dutch.py and look at the new SVGs")


@pytest.mark.parametrize("screen", ["ending", "gallery", "challenges", "run", "results"])
def test_each_played_screen_in_dutch_looks_as_pinned(dutch_played: dict[str, dict[str, str]], screen: str,
                                                     tmp_path: Path) -> None:
    """The ending, gallery, challenges, a run with its timer and its results in Dutch at 80x24
    (tests/ui/__snapshots__/dutch/*.svg)."""
    pinned_as(screen, dutch_played[screen]["svg"], tmp_path)


@pytest.mark.parametrize("screen", ["title", "picker", "day", "ledger", "life", "rules", "help"])
def test_each_screen_in_dutch_looks_as_pinned(dutch_screens: dict[str, str], screen: str, tmp_path: Path) -> None:
    """Each screen of a Bloemhof game in Dutch at 80x24, pinned as an SVG (look at them after an
    update: tests/ui/__snapshots__/dutch/*.svg)."""
    pinned_as(screen, dutch_screens[screen], tmp_path)
