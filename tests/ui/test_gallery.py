"""The endings gallery and the lifetime record, played as a person would and read as files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game import lifetime
from game.engine.content import load_campaign
from game.engine.play import Play
from game.ui.app import make_app
from game.ui.screens.day import DayScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.gallery import GalleryScreen
from game.ui.screens.title import TitleScreen
from helpers_ui import widget_text

FIXTURES = Path(__file__).parents[1] / "fixtures"
SIZE = (80, 24)
ENDING_KEYS = ["enter", "enter", *["1"] * 8]  # new game, the campaign, the first choice to the end


@pytest.fixture
def content(gallery_content: Path) -> Path:
    return gallery_content


@pytest.fixture
def saves_dir(tmp_path: Path) -> Path:
    return tmp_path / "saves"


def gallery_text(app) -> str:
    screen = app.screen
    assert isinstance(screen, GalleryScreen)
    return "\n".join(widget_text(w) for w in screen.query("#figures, .campaign, #gallery-problem")
                     if w.display)


async def finish_a_game(pilot) -> None:
    await pilot.pause()  # the story loads just after the first frame
    for key in ENDING_KEYS:
        await pilot.press(key)
    assert isinstance(pilot.app.screen, EndingScreen)


async def test_a_finished_game_is_in_the_gallery_with_the_figures(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("g")  # before any game: every ending not yet found, no hints
        text = gallery_text(app)
        assert "Games played 0" in text and "0 of 3 endings" in text
        assert "court will notice" not in text and "Reach an ending here" in text
        await pilot.press("escape")
        await finish_a_game(pilot)
        ending = app.play.st
        await pilot.press("enter")  # back to the title
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("g")
        text = gallery_text(app)
        assert "Games played 1" in text and f"Days lived {ending.day}" in text
        assert "1 of 3 endings" in text
        assert "An ordinary life" in text
        assert f"day {ending.day} · Social Credit {ending.vals['credit']}" in text
        assert "Let the score fall below 500 and the court will notice." in text  # the hint, now
        assert "Not yet found." in text  # an ending without a hint
        assert "rules found out 0 of 1" in text
        assert "Most lost to one rule" in text


async def test_the_gallery_from_the_menu_and_the_palette(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # Load, Challenges, Endings (Continue is off)
        assert isinstance(app.screen, GalleryScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"endings")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GalleryScreen)


async def test_the_title_reads_no_record_before_its_first_frame(content, saves_dir, monkeypatch):
    read: list[Path] = []
    real = lifetime.load
    monkeypatch.setattr(lifetime, "load", lambda folder: read.append(folder) or real(folder))
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert read == []
        await pilot.press("g")
        assert read == [saves_dir]


async def test_a_save_loaded_and_finished_counts_once_however_often(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "1", "1")  # a new game, two choices in, then quit
    autosave = saves_dir / "autosave-gallery.save.toml"
    midway = autosave.read_bytes()
    counts = []
    for _ in range(2):
        autosave.write_bytes(midway)  # the same save, loaded twice and finished the same way
        again = make_app(content, saves_dir)
        async with again.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # Continue
            for _ in range(8):
                if isinstance(again.screen, EndingScreen):
                    break
                await pilot.press("1")
            assert isinstance(again.screen, EndingScreen)
        counts.append(lifetime.load(saves_dir).games)
    assert counts == [1, 1]


async def test_a_dev_reload_of_a_finished_game_does_not_count_it_again(content, saves_dir):
    app = make_app(content, saves_dir, seed=1, dev=True)
    async with app.run_test(size=SIZE) as pilot:
        await finish_a_game(pilot)
        before = lifetime.render(lifetime.load(saves_dir))
        app.reload_content()
        await pilot.pause()
        assert lifetime.render(lifetime.load(saves_dir)) == before


async def test_a_corrupt_record_is_named_left_alone_and_the_game_goes_on(content, saves_dir):
    saves_dir.mkdir()
    path = saves_dir / "lifetime.toml"
    path.write_bytes(b"kind = 'citizen-score-lifetime'\nformat = 1\ncampaign = [1, 2\n")
    before = path.read_bytes()
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await finish_a_game(pilot)  # the game ends as ever; it is not counted, and the ending says so
        assert any(str(path) in n.message and "cannot be read" in n.message for n in app._notifications)
        await pilot.press("enter", "g")
        text = gallery_text(app)
        assert str(path) in text and "cannot be read" in text and "move it away" in text
        assert "0 of 3 endings" in text
    assert path.read_bytes() == before


async def test_a_challenge_run_is_not_counted(tmp_path, saves_dir):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content / "mini")
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # Challenges
        await pilot.press("enter")  # the first challenge
        for _ in range(12):
            if not isinstance(app.screen, DayScreen):
                break
            await pilot.press("1")
        assert not isinstance(app.screen, DayScreen)
    assert not (saves_dir / "lifetime.toml").exists()


def test_gallery_snapshot(snap_compare, content, tmp_path, saves_dir):
    saves_dir.mkdir()
    camp = load_campaign(content / "gallery")
    play = lifetime.counted(Play.new(camp, 1), saves_dir)
    for cid in ["wake.game", "evening.sleep"]:
        play.choose(cid)
    while not play.st.ending:
        play.choose(next(o.id for o in play.options() if o.open))
    app = make_app(content, saves_dir, seed=1)
    assert snap_compare(app, terminal_size=SIZE, press=["g"])
