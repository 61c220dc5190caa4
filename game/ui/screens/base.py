"""The base of the game's screens, so that a type checker knows `self.app` is the game's own app.

Screens ask the app to act (`self.app.start_campaign(...)`, `self.app.saves_dir`); Textual types
`Screen.app` as a plain `App`, which has none of those. Only the type is narrowed: at run time
`app` is Textual's own property, and importing the app here at run time would be circular.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from textual import getters

    from game.ui.app import CitizenApp


class GameScreen(Screen):
    """A screen shown by `CitizenApp`."""

    if TYPE_CHECKING:
        app = getters.app(CitizenApp)
