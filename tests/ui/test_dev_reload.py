"""Live reload for authors: edit the story while playing and stay at the same point."""

from __future__ import annotations

from pathlib import Path


from game.engine.content import load_campaign
from game.reload import ContentWatcher, carry_over
from game.ui.app import make_app
from game.ui.widgets.story import StoryView
from game.ui.screens.day import DayScreen
from game.ui.screens.saveload import MessageScreen

SIZE = (80, 24)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def story(app) -> str:
    return app.screen.query_one(StoryView).shown.text.plain


def test_the_watcher_sees_a_saved_file(content):
    w = ContentWatcher(content)
    assert not w.changed()
    edit(content / "mini/scenes/main.toml", "The day ends.", "The long day ends.")
    assert w.changed() and not w.changed()


def test_carry_over_keeps_the_path_or_says_where_it_broke(content):
    camp = load_campaign(content / "mini")
    moved = carry_over(camp, 1, ["wake.shop", "evening.sleep"])
    assert moved.kept == 2 and not moved.note
    edit(content / "mini/scenes/main.toml", 'id = "sleep"', 'id = "rest"')
    moved = carry_over(load_campaign(content / "mini"), 1, ["wake.shop", "evening.sleep"])
    assert moved.kept == 1 and moved.st.scene == "evening"
    assert moved.note == ("step 2: the choice 'evening.sleep' does not exist in the story. "
                          "You are at the last point the old path still reaches.")


async def test_an_edit_shows_at_once_and_the_player_keeps_their_place(content, tmp_path):
    app = make_app(content, tmp_path / "saves", seed=1, dev=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "1")  # new game, buy diapers: now in the evening
        assert "The day ends." in story(app)
        edit(content / "mini/scenes/main.toml", "The day ends.", "The long day ends.")
        app.dev_poll()
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert "The long day ends." in story(app)
        assert app.play.st.log == ["wake.shop"] and app.play.st.vals["credit"] == 650


async def test_a_broken_edit_shows_every_problem_and_loses_nothing(content, tmp_path):
    app = make_app(content, tmp_path / "saves", seed=1, dev=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "1")
        scene = content / "mini/scenes/main.toml"
        edit(scene, 'goto = "evening"\n\n[[scene.wake.choice]]\nid = "game"', 'goto = "evenin"\n\n[[scene.wake.choice]]\nid = "game"')
        edit(scene, 'title = "Morning"', 'titel = "Morning"')
        app.dev_poll()
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        body = str(app.screen.query_one("#message-body").render())
        assert "evenin" in body and "titel" in body and "main.toml" in body
        assert app.play.st.log == ["wake.shop"]  # the old story still runs underneath
        edit(scene, 'goto = "evenin"', 'goto = "evening"')
        edit(scene, 'titel = "Morning"', 'title = "Morning"')
        app.dev_poll()
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert app.play.st.log == ["wake.shop"]
