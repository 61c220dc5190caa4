"""Hidden rules, the rulebook, lists and ratings as the player meets them in the terminal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.ui.app import make_app
from game.ui.screens.day import DayScreen
from game.ui.screens.ledger import LedgerScreen
from game.ui.screens.life import LifeScreen
from game.ui.screens.rulebook import RulebookScreen
from helpers_ui import widget_text, notice_of

FIXTURES = Path(__file__).parents[1] / "fixtures"
SIZE = (80, 24)


@pytest.fixture
def app(tmp_path: Path):
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "mechanics", folder / "mechanics")
    return make_app(folder, tmp_path / "saves", seed=1)


def shown(app, selector: str) -> str:
    return widget_text(app.screen.query_one(selector))


def rulebook(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("#rulebook Static"))


async def begin(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter", "enter")  # New game, the only campaign
    assert isinstance(pilot.app.screen, DayScreen)


async def test_a_hidden_rule_is_unknown_until_found_out(app):
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await pilot.press("2")  # a short shower: the hidden water rule fires
        assert "unknown rule" in notice_of(app)
        await pilot.press("r")
        assert isinstance(app.screen, RulebookScreen)
        text = rulebook(app)
        assert "Water" not in text and "2 rules you have not found out" in text
        await pilot.press("escape", "w")
        assert isinstance(app.screen, LedgerScreen)
        await pilot.press("escape", "2")  # the second time it fires, the player works it out
        assert "found out: Water" in notice_of(app)
        await pilot.press("r")
        text = rulebook(app)
        assert "Water" in text and "Low water use suggests you live elsewhere" in text
        assert "fired 2×" in text


async def test_the_life_screen_shows_the_list_you_are_on_and_the_way_off(app):
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await pilot.press("2", "2", "2")  # three short showers: risk 50, onto the fraud register
        await pilot.press("l")
        assert isinstance(app.screen, LifeScreen)
        text = shown(app, "#gates")
        assert "Fraud register" in text and "off: Win an appeal." in text
        assert "shut" in text and "Stopped while you are on the fraud register" in text


async def test_rating_an_organisation_shows_on_the_life_screen(app):
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot)
        await pilot.press("1")  # report the clinic
        assert "Harbour Clinic's rating −1" in notice_of(app)
        await pilot.press("l")
        assert "Harbour Clinic: rating 3" in shown(app, "#gates")
