"""One notice on screen at a time, app-wide: a new one replaces the one showing.

Textual stacks each notification as a toast of its own until it times out, so pressing the key
of a locked choice again and again piled up toasts until they covered the screen. The player
needs the latest word only; the one before it said the same or no longer holds.
"""

from __future__ import annotations

from textual.app import App
from textual.notifications import Notify


class OneNoticeApp(App):
    def _on_notify(self, event: Notify) -> None:
        self.clear_notifications()
        super()._on_notify(event)
