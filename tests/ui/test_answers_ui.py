"""Choices that answer, played by keys at 80x24 on the example campaign tests/fixtures/answers:
the reply above the next scene, once-only and hidden choices, sub-scenes, and keys past nine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.ui.app import make_app
from game.ui.screens.day import DayScreen
from game.ui.widgets.choices import ChoiceList
from game.ui.widgets.story import StoryView
from helpers_ui import notice_of

FIXTURES = Path(__file__).parents[1] / "fixtures"
SIZE = (80, 24)


@pytest.fixture
def app(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "answers", content / "answers")
    return make_app(content, tmp_path / "saves", seed=1)


def choices(app) -> list[str]:
    cl = app.screen.query_one(ChoiceList)
    return cl.prompts()


def reply(app) -> str:
    return app.screen.query_one(StoryView).shown.reply.plain


async def test_a_reply_shows_above_the_next_scene_and_the_notice_stays(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, DayScreen) and reply(app) == ""
        await pilot.press("1")  # buy bread: once-only, with a reply
        assert reply(app) == "The baker wraps it in paper. It is warm."
        assert "now: You have bread for the week." in notice_of(app)
        assert not any("bread" in c for c in choices(app))
        await pilot.press("3")  # the stalls: no reply, so none is shown
        assert reply(app) == ""


async def test_a_sub_scene_comes_back_and_opens_a_hidden_choice(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        assert not any("secret" in c for c in choices(app))
        await pilot.press("2", "1", "1")  # the baker, her oven, admire it: back to the square
        assert app.screen.play.st.scene == "square"
        assert reply(app).startswith("She smiles.")
        assert "3. Ask the baker for her secret" in choices(app)


async def test_every_choice_past_the_ninth_has_a_key(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "4")  # the twelve stalls
        keys = [c.split(".")[0] for c in choices(app)]
        assert keys == [*"1234567890", "a", "b"]
        await pilot.press("b")
        assert reply(app) == "You look at the soap."


async def test_a_secret_list_is_not_in_the_notice_until_it_is_shown(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "3")  # haggle: on the watchlist, not told
        notice = notice_of(app)
        assert "watchlist" not in notice and "−150" in notice
        await pilot.press("3")  # again: now the list is shown, though nothing new was set
        assert "watchlist" not in notice_of(app)
        assert "not while: The market's watchlist" in "\n".join(choices(app))


def test_day_screen_with_a_reply(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["enter", "enter", "1"])


def test_day_screen_with_twelve_choices(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["enter", "enter", "4", "end"])
