"""The terminal UI played as a person would: keys, clicks, a small terminal."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from game import saves
from game.ui.app import make_app
from game.ui.widgets.story import StoryView
from game.ui.screens.day import DayScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.ledger import LedgerScreen
from game.ui.screens.life import LifeScreen, life_view
from game.ui.screens.picker import PickerScreen
from game.ui.screens.saveload import LoadScreen, MessageScreen, SaveScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets.choices import ChoiceList
from helpers_ui import widget_text, notice_of

ROOT = Path(__file__).parents[2]
SIZE = (80, 24)


@pytest.fixture
def saves_dir(tmp_path: Path) -> Path:
    return tmp_path / "saves"


def story(app) -> str:
    return app.screen.query_one(StoryView).shown.text.plain


def choice_texts(app) -> list[str]:
    cl = app.screen.query_one(ChoiceList)
    return cl.prompts()


async def start(pilot) -> None:
    """From the title: New game, then the first campaign."""
    await pilot.press("enter")  # New game
    assert isinstance(pilot.app.screen, PickerScreen)
    await pilot.press("enter")  # the highlighted campaign
    assert isinstance(pilot.app.screen, DayScreen)


async def test_title_offers_new_game_and_no_continue_without_saves(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        assert isinstance(app.screen, TitleScreen)
        menu = app.screen.query_one("#menu")
        assert menu.get_option("continue").disabled
        await pilot.press("down", "enter")  # Load (Continue is skipped: disabled)
        assert isinstance(app.screen, LoadScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)


async def test_play_days_by_keys_and_see_score_change(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await start(pilot)
        assert "You wake with ¥300" in story(app)
        await pilot.press("1")  # buy diapers: +40, ¥-100
        notice = notice_of(app)
        assert "+40" in notice and "responsible parent" in notice and "Money −100" in notice
        assert app.play.st.vals["credit"] == 650
        await pilot.press("1")  # sleep: a new day
        assert app.play.st.day == 2
        assert "A new day begins." in notice_of(app)
        await pilot.press("down", "enter")  # arrows + Enter take the second choice
        assert len(app.play.st.log) == 3


async def test_click_a_choice_with_the_mouse(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await start(pilot)
        first_row = app.screen.query_one(ChoiceList).region.y + 1
        await pilot.click(offset=(5, first_row + 1))  # the second choice: play games all day
        await pilot.pause()
        assert app.play.st.log == ["wake.game"]
        assert "Gaming past midnight" in notice_of(app)


async def test_locked_choice_shows_its_reason_and_cannot_be_taken(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await start(pilot)
        texts = choice_texts(app)
        assert "Apply at the bank" in texts[2]
        assert "locked — The bank hires from 650 up." in texts[2]
        await pilot.press("3")
        await pilot.pause()
        assert app.play.st.log == []
        assert isinstance(app.screen, DayScreen)


async def test_ledger_and_life_screens(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await start(pilot)
        await pilot.press("2")  # gaming till late
        await pilot.press("w")
        assert isinstance(app.screen, LedgerScreen)
        table = app.screen.query_one("#ledger")
        assert table.row_count == 1
        row = [str(c) for c in table.get_row_at(0)]
        assert "−100" in row and "Gaming past midnight marks you as idle." in row
        await pilot.press("escape", "l")
        assert isinstance(app.screen, LifeScreen)
        life = widget_text(app.screen.query_one("#gates"))
        assert "Bank clerk — The bank hires from 650 up." in life
        assert "open  High-speed rail" in life
        await pilot.press("escape")
        assert isinstance(app.screen, DayScreen)


def test_a_long_reason_on_the_life_screen_wraps_under_its_gate_not_under_the_mark(content):
    from rich.console import Console

    from game.engine.content import load_campaign
    from game.engine.engine import GateStatus

    camp = load_campaign(content / "mini")
    reason = "The bank wants grade AA, no posts on file, and a clean record with the court for three years."
    gate = GateStatus("job", "clerk", "Bank clerk", "", False, reason)
    console = Console(width=50, record=True, color_system=None)
    console.print(life_view(camp, [gate]))
    lines = console.export_text().splitlines()
    first = next(i for i, line in enumerate(lines) if "shut" in line)
    assert lines[first].startswith(" shut  Bank clerk — The bank wants")
    assert len(lines) > first + 2 and all(line.startswith(" " * 7) and line[7] != " "
                                          for line in lines[first + 1:] if line.strip())


async def test_save_quit_and_continue_where_you_were(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await start(pilot)
        await pilot.press("1", "1")  # diapers, sleep
        await pilot.press("s")
        assert isinstance(app.screen, SaveScreen)
        await pilot.press(*"my slot", "enter")  # typing replaces the suggested name
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        state = app.play.st.to_dict()
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)
    assert any(
        i.slot == "my slot" for i in saves.list_saves(saves_dir))

    again = make_app(content, saves_dir, seed=99)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        menu = again.screen.query_one("#menu")
        assert not menu.get_option("continue").disabled
        await pilot.press("enter")  # Continue is highlighted when there is a save
        assert isinstance(again.screen, DayScreen)
        assert again.play.st.to_dict() == state


def autosaved_log(saves_dir: Path) -> list[str]:
    """The choices in the campaign's autosave file, as written on disk."""
    [info] = [i for i in saves.list_saves(saves_dir) if i.slot.startswith("autosave-")]
    return tomllib.loads(info.path.read_text(encoding="utf-8"))["state"]["log"]


async def test_the_autosave_follows_each_choice_once_the_screen_has_drawn_it(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await start(pilot)
        await pilot.press("1")
        await pilot.pause()  # the frame that shows the choice, then the write
        assert autosaved_log(saves_dir) == app.play.st.log and len(app.play.st.log) == 1


def take_first(app) -> None:
    """Take the first open choice as a key would, with no await after it: the autosave that
    waits for the next frame cannot have been written yet."""
    first = next(o for o in app.screen.query_one(ChoiceList).shown if o.open)
    app.screen.take(first.id)


async def test_quitting_right_after_a_choice_still_autosaves_it(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot)
        take_first(app)
        log = list(app.play.st.log)
        app.exit()
    assert autosaved_log(saves_dir) == log and len(log) == 1


async def test_the_latest_save_includes_a_choice_whose_autosave_was_still_waiting(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot)
        await pilot.press("1")
        take_first(app)
        latest = app.latest_save()  # what Continue and the load list read
        assert latest is not None and latest.label == saves.label_for(app.play.camp, app.play.st)
        assert autosaved_log(saves_dir) == app.play.st.log and len(app.play.st.log) == 2


async def test_a_failed_autosave_is_shown_under_the_choice_it_missed(content, saves_dir, monkeypatch):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot)

        def full_disk(*args, **kwargs):
            raise OSError("No space left on device")

        monkeypatch.setattr(saves, "autosave", full_disk)
        await pilot.press("1")
        await pilot.pause()
        assert "Autosave failed: No space left on device" in notice_of(app)
        monkeypatch.undo()
        await pilot.press("1")
        await pilot.pause()
        assert "Autosave failed" not in notice_of(app)


async def test_load_screen_lists_a_broken_save_and_leaves_it_alone(content, saves_dir):
    saves_dir.mkdir()
    broken = saves_dir / "wreck.save.toml"
    broken.write_bytes(b"format = 1\nthis is not toml [[[")
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await pilot.press("down", "enter")
        assert isinstance(app.screen, LoadScreen)
        slots = app.screen.query_one("#slots")
        assert slots.option_count == 1
        assert slots.get_option_at_index(0).disabled
        assert "cannot be loaded" in str(slots.get_option_at_index(0).prompt)
        app.load_path(broken)
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, LoadScreen)
    assert broken.read_bytes() == b"format = 1\nthis is not toml [[["


async def test_enter_on_the_load_screen_loads_the_newest_save(content, saves_dir):
    """The list opens with the newest save that loads highlighted: Enter did nothing at all."""
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot)
        await pilot.press("1")  # autosaved
        day = story(app)
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)
        app.push_screen(LoadScreen())
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert story(app) == day


async def test_a_dutch_save_fits_one_line_of_the_load_screen_at_80_columns(saves_dir, dutch):
    """The slot's name took 24 columns whatever its length, so a Dutch label ("Het einde (dag 30) —
    Kredietscore 627") pushed the time it was saved onto a second line."""
    from rich.cells import cell_len

    app = make_app(Path(__file__).parents[2] / "content", saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "1")  # Fine Print, the first choice: autosaved
        await pilot.press("escape")
        save = saves_dir / "autosave-american.save.toml"  # as a finished game labels itself
        text = save.read_text(encoding="utf-8")
        label = next(line for line in text.splitlines() if line.startswith("label = "))
        save.write_text(text.replace(label, 'label = "Het einde (dag 30) — Kredietscore 627"'), encoding="utf-8")
        app.push_screen(LoadScreen())
        await pilot.pause()
        slots = app.screen.query_one("#slots")
        line = slots.get_option_at_index(0).prompt
        assert "autosave-american" in line.plain and "Het einde (dag 30)" in line.plain
        assert cell_len(line.plain) <= slots.scrollable_content_region.width


async def test_play_to_an_ending(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await start(pilot)
        for _ in range(30):
            if isinstance(app.screen, EndingScreen):
                break
            await pilot.press("1")
        assert isinstance(app.screen, EndingScreen)
        summary = str(app.screen.query_one("#ending-summary").render())
        assert "Social Credit:" in summary and "The rules that shaped your life" in summary
        await pilot.press("enter")
        assert isinstance(app.screen, TitleScreen)


async def test_help_and_command_palette(content, saves_dir):
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await start(pilot)
        await pilot.press("question_mark")
        assert "Keys" in str(app.screen.query_one("Static").render())
        await pilot.press("escape")
        assert isinstance(app.screen, DayScreen)
        await pilot.press("ctrl+p")
        await pilot.press(*"ledger")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LedgerScreen)


async def test_shipped_campaign_starts_from_the_picker(saves_dir):
    app = make_app(ROOT / "content", saves_dir, seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await start(pilot)
        assert story(app).strip()
        for _ in range(6):
            opts = app.play.options()
            n = next(i for i, o in enumerate(opts, 1) if o.open)
            await pilot.press(str(n))
        assert len(app.play.st.log) == 6


async def test_story_text_cannot_reach_the_terminal_raw(content, saves_dir):
    scene_file = content / "mini" / "scenes" / "main.toml"
    text = scene_file.read_text().replace("You wake with", "You [bold]wake[/bold] \\u001b[31m with")
    scene_file.write_text(text)
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await start(pilot)
        shown = story(app)
        assert "[bold]wake[/bold]" in shown  # markup is shown literally
        assert "\x1b" not in shown and "\ufffd[31m" in shown


async def test_emphasis_is_drawn_and_markup_in_story_text_shown_literally(content, saves_dir):
    scene_file = content / "mini" / "scenes" / "main.toml"
    text = scene_file.read_text().replace("You wake with", "You {em: wake} [bold]up[/bold] {strong: with}")
    scene_file.write_text(text.replace('text = "Play games all day"', 'text = "Play {em: games} [i]all[/i] day"'))
    app = make_app(content, saves_dir, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the story loads just after the first frame
        await start(pilot)
        shown = app.screen.query_one(StoryView).shown.text
        assert str(shown).startswith("You wake [bold]up[/bold] with ¥300")  # no markers, markup as written
        styled = {str(shown)[s.start:s.end]: str(s.style) for s in shown.spans}
        assert styled["wake"] == "italic" and styled["with"] == "bold"
        assert "Play games [i]all[/i] day" in choice_texts(app)[1]


async def test_a_number_past_the_range_is_said_in_its_own_words_and_the_game_stays_open(content, saves_dir,
                                                                                      monkeypatch):
    rules = content / "mini" / "rules.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + '\n[rule.hostile]\nevery = "choice"\n'
                     'effects = { money = "money * money + 2" }\ndomain = "society"\nwhy = "x"\n', encoding="utf-8")
    app = make_app(content, saves_dir, seed=1)
    said: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot)
        monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(message))
        for _ in range(12):
            take_first(app)
            await pilot.pause()
            if said:
                break
        assert said and "rule 'hostile'" in said[-1] and "outside the range" in said[-1]
        assert isinstance(app.screen, DayScreen)  # the game goes on; the player may leave or load


async def test_new_game_shows_the_picker_before_the_whole_story_is_read(content, saves_dir):
    """Enter on New game does not wait for every scene and rule: the picker needs only each
    campaign's head; the story is read when a campaign is picked (or a moment later)."""
    app = make_app(content, saves_dir, seed=1)
    app.LOAD_AFTER = 3600  # the whole story is not read by itself while this test runs
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # New game
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and app.campaigns == {}
        assert f"{app.heads['mini'].days} days." in widget_text(app.screen.query_one("#blurb"))
        await pilot.press("enter")  # the first campaign: now the story is read
        await pilot.pause()
        assert isinstance(app.screen, DayScreen) and set(app.campaigns) == {"mini"}

