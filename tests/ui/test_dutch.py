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

STEPS = [("title", []), ("picker", ["enter"]), ("day", ["down", "down", "down", "enter", "1"]),
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
        await pilot.press("enter", "down", "down", "down", "enter")
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


@pytest.mark.parametrize("screen", ["title", "picker", "day", "ledger", "life", "rules", "help"])
def test_each_screen_in_dutch_looks_as_pinned(dutch_screens: dict[str, str], screen: str, tmp_path: Path) -> None:
    """Each screen of a Bloemhof game in Dutch at 80x24, pinned as an SVG (look at them after an
    update: tests/ui/__snapshots__/dutch/*.svg)."""
    pinned = SNAPSHOTS / f"{screen}.svg"
    got = dutch_screens[screen]
    if os.environ.get(UPDATE) == "1":
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        pinned.write_text(got, encoding="utf-8")
    fresh = tmp_path / f"{screen}.svg"
    fresh.write_text(got, encoding="utf-8")
    assert pinned.is_file() and pinned.read_text(encoding="utf-8") == got, (
        f"the Dutch {screen} screen changed: see {fresh} against {pinned}; if the change is intended, "
        f"run {UPDATE}=1 pytest tests/ui/test_dutch.py and look at the new SVGs")
