"""The game in Dutch at 80x24, played through Pilot.

The interface's words are read when its modules are imported (a footer's key descriptions are
class attributes), so the Dutch game runs in a process of its own, chosen before the import, as
the command line does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

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
