"""Notices on screen: one at a time, the latest replacing the one before, however fast keys come."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._toast import Toast

from game.ui.app import make_app
from game.ui.screens.day import DayScreen
from game.ui.screens.picker import PickerScreen

SIZE = (80, 24)


def toasts(app) -> list[Toast]:
    return list(app.screen.query(Toast))


async def test_mashing_a_locked_choice_shows_one_toast_not_a_stack(content: Path, tmp_path: Path):
    app = make_app(content, tmp_path / "saves", seed=1)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")  # New game
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, DayScreen)
        for _ in range(10):
            await pilot.press("3")  # Apply at the bank: locked until 650
        await pilot.pause()
        shown = toasts(app)
        assert len(shown) == 1
        assert "Locked: The bank hires from 650 up." in str(shown[0].render())


async def test_a_new_notice_replaces_the_one_showing(content: Path, tmp_path: Path):
    app = make_app(content, tmp_path / "saves", seed=1)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify("first", markup=False)
        await pilot.pause()
        app.notify("second", markup=False)
        await pilot.pause()
        shown = toasts(app)
        assert len(shown) == 1 and "second" in str(shown[0].render())
