"""A choice reaches the terminal in one frame: the day screen settles its layout before drawing."""

from __future__ import annotations

from pathlib import Path

from game.ui.app import make_app
from game.ui.widgets.choices import ChoiceList

ROOT = Path(__file__).parents[2]
SIZE = (80, 24)


def count_frames(screen) -> list[object]:
    """The frames the screen draws from now on (updates with something to draw)."""
    frames: list[object] = []
    render = screen._compositor.render_update

    def counted(*args, **kwargs):
        update = render(*args, **kwargs)
        if update is not None:
            frames.append(update)
        return update

    screen._compositor.render_update = counted
    return frames


async def test_each_choice_is_laid_out_and_drawn_in_one_frame(tmp_path):
    """Choices that grow and shrink the list, bring its scrollbar and take it away, and resize
    the story and the notice: each is drawn once, settled, not once per layout Textual asks for."""
    app = make_app(ROOT / "content", tmp_path / "saves", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # New game, the first campaign
        await pilot.pause()
        frames = count_frames(app.screen)
        choices = app.screen.query_one(ChoiceList)
        lengths = set()
        for k in range(20):
            open_keys = [n for n, o in enumerate(choices.shown, 1) if o.open and n <= 9]
            frames.clear()
            await pilot.press(str(open_keys[-1] if k % 2 else open_keys[0]))
            await pilot.pause()  # would run a layout asked for after the frame, and draw it
            await pilot.pause()
            assert len(frames) == 1, f"choice {k + 1} took {len(frames)} frames"
            lengths.add(choices.virtual_size.height)
        assert len(lengths) > 2  # the list changed its length, so its layout moved


async def test_the_notice_is_read_in_the_story_and_never_cut_off(tmp_path):
    """What a choice did is part of the story column, under the reply: a box of its own under the
    story took up to six of 24 lines, left the scene two, and cut a longer notice off."""
    from game.ui.widgets.story import StoryView

    app = make_app(ROOT / "content", tmp_path / "saves", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        story = app.screen.query_one(StoryView)
        for k in range(24):
            open_keys = [n for n, o in enumerate(choices.shown, 1) if o.open and n <= 9]
            await pilot.press(str(open_keys[-1] if k % 3 else open_keys[0]))
            await pilot.pause()
            notice = story.shown.notice.plain.split("\n")
            lines = [words.plain for part, words in story._lines if part == "notice"]
            assert " ".join(lines).split() == " ".join(notice).split(), f"after choice {k + 1}"
            assert story.size.height >= 8  # the scene has room, whatever the notice says
