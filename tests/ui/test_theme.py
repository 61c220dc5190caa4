"""The high-contrast theme: picked from the command palette, remembered in the saves folder, and
a settings file that cannot be read reported and left alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from game.settings import load_settings, settings_path
from game.ui.app import make_app

FIXTURES = Path(__file__).parents[1] / "fixtures"
SIZE = (80, 24)
HIGH = "citizen-high-contrast"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", folder / "mini")
    return folder


async def pick_theme_from_palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*"theme")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")  # Theme: change the current theme
    await pilot.press(*words)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_high_contrast_is_picked_from_the_palette_and_remembered(content, tmp_path):
    saves_dir = tmp_path / "saves"
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pick_theme_from_palette(pilot, "contrast")
        assert app.theme == HIGH
    assert load_settings(saves_dir).theme == HIGH
    again = make_app(content, saves_dir, seed=1)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == HIGH


async def test_opening_the_game_writes_no_settings(content, tmp_path):
    saves_dir = tmp_path / "saves"
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert not settings_path(saves_dir).exists()


async def test_a_broken_settings_file_is_reported_and_not_overwritten(content, tmp_path):
    saves_dir = tmp_path / "saves"
    saves_dir.mkdir()
    broken = "# mine\ntheme = = 1\n"
    settings_path(saves_dir).write_text(broken)
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        said = " ".join(str(t.render()) for t in app.screen.query(Toast))
        assert "settings.toml:2" in said and "fix it or delete it" in said
        assert app.theme == "textual-dark"
        await pick_theme_from_palette(pilot, "contrast")
        assert app.theme == HIGH  # the pick works for this game ...
    assert settings_path(saves_dir).read_text() == broken  # ... but the player's file is theirs to fix


def test_day_screen_in_high_contrast(snap_compare, content, tmp_path):
    saves_dir = tmp_path / "saves"
    saves_dir.mkdir()
    settings_path(saves_dir).write_text(f'theme = "{HIGH}"\n')
    app = make_app(content, saves_dir, seed=1)
    # New game, the campaign, then play games all day: a notice, and a locked choice on the list.
    assert snap_compare(app, terminal_size=SIZE, press=["enter", "enter", "2"])
    assert app.theme == HIGH
