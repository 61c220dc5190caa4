"""A page of words over the screen it was opened from: the help, a campaign's About page."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class PageScreen(ModalScreen):
    """Words in a framed box that scrolls when they are longer than the terminal; a subclass gives
    the words and the keys that close it."""

    CSS_PATH = "page.tcss"

    def __init__(self, words: Text | str) -> None:
        super().__init__()
        self.words = words

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page"):
            yield Static(self.words, markup=False)
