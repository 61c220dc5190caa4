"""The footer of key bindings, built with its keys and rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[object, ...], ...]


class KeysFooter(Footer):
    """Textual's footer, rebuilt only when the keys it shows change.

    Textual's own footer builds every key widget again each time the screen's bindings are
    announced, which happens whenever the focus moves: three times as a screen opens, all showing
    the same keys. On the campaign picker those rebuilds came before its first frame and took a
    fifth of the time from Enter on the title to the picker. The first build is left as Textual
    does it (after the first refresh), which keeps the title's first frame as quick as a bare app's.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: Shown | None = None  # the keys of the last build; None before the first

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()

    def _keys(self) -> Shown | None:
        """What the footer would show: each binding with its state, and the palette's key."""
        try:
            active = self.screen.active_bindings
        except NoScreen:  # not on a screen yet
            return None
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple((key, b.description, b.action, b.group, enabled, tooltip)
                     for key, (_, b, enabled, tooltip) in active.items() if b.show or key == palette)

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and self._shown is not None and self._keys() == self._shown:
            return
        super().bindings_changed(screen)
