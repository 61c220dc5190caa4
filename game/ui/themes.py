"""The game's own themes, and remembering the one the player picks.

Textual's command palette lists every registered theme ("Change theme"); registering the high
contrast one is what puts it there. The choice is kept in the saves folder's settings file, so
the next game opens in it.
"""

from __future__ import annotations

from pathlib import Path

from typing import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter
from textual.theme import Theme

from game.i18n import _, said_error
from dataclasses import replace

from game.settings import Settings, SettingsError, load_settings, save_settings

# White and pure colours on black: every pair of text and background is at least 7:1 (WCAG AAA),
# muted and disabled text included, which other themes draw faint. Locked choices are told
# apart by their words ("locked —") and italics, not by being dim.
HIGH_CONTRAST = Theme(
    name="citizen-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF8080",
    dark=True,
    variables={
        "text-muted": "#FFFFFF",
        "text-disabled": "#FFFFFF",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-blurred-background": "#404040",
        "block-cursor-text-style": "bold",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-selection-background": "#FFFF00 50%",
        "scrollbar": "#FFFFFF",
        "scrollbar-hover": "#FFFF00",
        "scrollbar-active": "#FFFF00",
        "border": "#FFFFFF",
        "border-blurred": "#FFFFFF",
    },
)


class Undim(LineFilter):
    """Draws faint (dim) text at full strength: the notice's asides, the side panel's labels."""

    FULL = Style(dim=False)

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(s.text, s.style + self.FULL, None) if s.style is not None and s.style.dim else s
                for s in segments]


class ThemedApp(App):
    """An app whose high-contrast theme leaves no text faint: the story's own dim words included."""

    UNDIM = Undim()

    def get_line_filters(self) -> Sequence[LineFilter]:
        filters = super().get_line_filters()
        return [self.UNDIM, *filters] if self.theme == HIGH_CONTRAST.name else filters


class ThemeMemory:
    """Puts the player's saved theme on the app and saves each theme they pick.

    A settings file that cannot be read is reported once and never written over.
    """

    def __init__(self, app: App, saves_dir: Path) -> None:
        self.app, self.saves_dir = app, saves_dir
        self.settings = Settings()
        self.broken = False

    def start(self) -> None:
        self.app.register_theme(HIGH_CONTRAST)
        try:
            self.settings = load_settings(self.saves_dir)
        except SettingsError as e:
            self.broken = True
            self.app.notify(said_error(e), title=_("Settings not read"), severity="warning", timeout=10, markup=False)
        wanted = self.settings.theme
        if wanted and wanted in self.app.available_themes:
            self.app.theme = wanted
        elif wanted:
            # Translators: "Change theme" is the command palette's own command (Textual's, in English).
            self.app.notify(_("There is no theme '{theme}' any more; the default is used. "
                              "Pick one with Ctrl+P, Change theme.").format(theme=wanted),
                            severity="warning", markup=False)
        self.shown = self.app.theme  # the theme it opened with is not a pick to write down
        self.app.theme_changed_signal.subscribe(self.app, self.picked)

    def remember_language(self, lang: str) -> bool:
        """Write down the language the player chose; False (and a notice) if it cannot be kept."""
        if self.broken:
            self.app.notify(_("The language was not remembered: the settings file cannot be read."),
                            severity="warning", markup=False)
            return False
        self.settings = replace(self.settings, lang=lang)
        try:
            save_settings(self.saves_dir, self.settings)
        except OSError as e:
            self.app.notify(_("The language was not remembered: {problem}.").format(problem=e.strerror or e),
                            severity="warning", markup=False)
            return False
        return True

    def picked(self, theme: Theme) -> None:
        if self.broken or theme.name == self.shown:
            return
        self.shown = theme.name
        self.settings = replace(self.settings, theme=theme.name)
        try:
            save_settings(self.saves_dir, self.settings)
        except OSError as e:
            self.app.notify(_("The theme was not remembered: {problem}.").format(problem=e.strerror or e),
                            severity="warning", markup=False)
