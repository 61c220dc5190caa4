"""The footer shows each screen's keys, follows a change of them, and is not rebuilt when the
focus moves but the keys stay the same (a rebuild before a new screen's first frame cost a fifth
of the time from Enter on the title to the campaign picker)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from game.ui.widgets.keys_footer import KeysFooter


class Keys(App):
    BINDINGS = [Binding("r", "restart", "Restart"), Binding("h", "hint", "Hint")]
    hints = True

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.hints if action == "hint" else True


def shown(app: App) -> list[str]:
    return [str(k.description) for k in app.screen.query(FooterKey)]


async def test_the_footer_shows_the_keys_and_keeps_them_while_the_focus_moves() -> None:
    app = Keys()
    async with app.run_test(size=(60, 6)) as pilot:
        await pilot.pause()
        first = list(app.screen.query(FooterKey))
        assert shown(app)[:2] == ["Restart", "Hint"]
        await pilot.press("tab")
        await pilot.press("tab")
        await pilot.pause()
        assert list(app.screen.query(FooterKey)) == first  # the same widgets: no rebuild


async def test_the_footer_follows_a_key_that_goes_away() -> None:
    app = Keys()
    async with app.run_test(size=(60, 6)) as pilot:
        await pilot.pause()
        assert "Hint" in shown(app)
        app.hints = False
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "Hint" not in shown(app)
