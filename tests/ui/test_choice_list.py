"""The choice list as a player uses it: arrows pass over locked choices, Enter and a click take
the highlighted or clicked choice, a locked one cannot be taken, and a long list scrolls."""

from __future__ import annotations

from textual.app import App, ComposeResult

from game.engine.engine import Option
from game.ui.widgets.choices import ChoiceList

OPTIONS = [
    Option("s.a", "Buy diapers", True),
    Option("s.b", "Fly to Shanghai", False, "needs Sesame score ≥ 650"),
    Option("s.c", "Game all night", True),
    Option("s.d", "Call your mother", True),
]


class Host(App):
    """One choice list, given its options as the day screen gives them; what it posts is kept."""

    CSS = "ChoiceList { height: auto; max-height: 6; }"

    def __init__(self, options: list[Option]) -> None:
        super().__init__()
        self.options, self.chosen = options, []

    def compose(self) -> ComposeResult:
        yield ChoiceList(id="choices")

    def on_mount(self) -> None:
        self.query_one(ChoiceList).show(self.options)
        self.query_one(ChoiceList).focus()

    def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        self.chosen.append(event.choice_id)


async def test_arrows_pass_over_a_locked_choice_and_enter_takes_the_highlighted_one():
    app = Host(OPTIONS)
    async with app.run_test(size=(40, 12)) as pilot:
        cl = app.query_one(ChoiceList)
        assert cl.highlighted == 0  # the first open choice
        await pilot.press("down")
        assert cl.highlighted == 2  # the locked one is passed over
        await pilot.press("down", "down")
        assert cl.highlighted == 3  # the last stays the last
        await pilot.press("up", "up", "up")
        assert cl.highlighted == 0
        await pilot.press("end", "enter")
        await pilot.pause()
        assert app.chosen == ["s.d"]
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.chosen == ["s.d", "s.a"]


async def test_a_click_takes_an_open_choice_but_not_a_locked_one():
    app = Host(OPTIONS)
    async with app.run_test(size=(40, 12)) as pilot:
        cl = app.query_one(ChoiceList)
        await pilot.click(ChoiceList, offset=(4, 1))  # "2. Fly to Shanghai", locked
        await pilot.pause()
        assert app.chosen == [] and cl.highlighted == 0
        await pilot.click(ChoiceList, offset=(4, 3))  # its reason takes a line: this is "3."
        await pilot.pause()
        assert app.chosen == ["s.c"] and cl.highlighted == 2


async def test_the_list_shows_each_choice_with_its_key_and_a_locked_ones_reason():
    app = Host(OPTIONS)
    async with app.run_test(size=(40, 12)):
        assert app.query_one(ChoiceList).prompts() == [
            "1. Buy diapers", "2. Fly to Shanghai\n   locked — needs Sesame score ≥ 650",
            "3. Game all night", "4. Call your mother"]


async def test_a_long_list_scrolls_to_keep_the_highlight_in_view():
    many = [Option(f"s.c{n}", f"Choice number {n}", True) for n in range(12)]
    app = Host(many)
    async with app.run_test(size=(40, 12)) as pilot:
        cl = app.query_one(ChoiceList)
        assert cl.size.height == 6 and cl.scroll_offset.y == 0
        await pilot.press("end")
        await pilot.pause()
        assert cl.highlighted == 11 and cl.scroll_offset.y == 12 - 6
        await pilot.press("home")
        await pilot.pause()
        assert cl.scroll_offset.y == 0


LOCKED_FIRST = [
    Option("s.loan", "Take the $1,000 personal loan and pay the card down", False,
           "Personal loan, $1,000: \"Your application was declined based on information in your credit report.\""),
    Option("s.refi", "Refinance the car, 14.9% down to 4.5%", False,
           "Refinance: \"Your application was declined based on information in your credit report.\""),
    Option("s.ask", "Ask what it would take", True),
]


def in_view(cl: ChoiceList) -> bool:
    """Whether every line of the highlighted choice is inside the list's window."""
    ys = [y for y, n in enumerate(cl._owner) if n == cl.highlighted]
    top = cl.scroll_offset.y
    return bool(ys) and ys[0] >= top and ys[-1] < top + cl.scrollable_content_region.height


async def test_the_first_open_choice_is_scrolled_into_view_when_locked_ones_fill_the_list():
    """At 80×24 two declined loans filled the list; the one choice she could take was below it, and
    the arrows could not reach it (it was already highlighted)."""
    app = Host(LOCKED_FIRST)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        cl = app.query_one(ChoiceList)
        assert cl.highlighted == 2 and cl.scroll_offset.y > 0
        assert in_view(cl)


async def test_a_new_list_scrolls_to_its_first_open_choice_even_at_the_same_index():
    app = Host(LOCKED_FIRST)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        cl = app.query_one(ChoiceList)
        cl.show([Option("t.a", "A locked one with a long reason", False, "because " * 12), *LOCKED_FIRST[1:]])
        await pilot.pause()
        assert cl.highlighted == 2 and in_view(cl)
