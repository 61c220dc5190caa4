"""Help: the keys, and how the score works."""

from __future__ import annotations

from textual.binding import Binding

from game.i18n import N_, _
from game.ui.screens.page import PageScreen

# Translators: keep the keys as they are and the columns lined up; at most 66 characters a line.
HELP = N_("""\
CITIZEN SCORE — help

Each day you make choices. A scoring module you cannot argue with
turns what you do into points, and the points open or shut jobs,
homes, tickets and loans.

Keys
  1–9          take that choice
  ↑ ↓ Enter    move and take a choice (or click it)
  PgUp PgDn    scroll a long story
  w            Why? — the ledger of every change to your score
  l            Life — what is open to you, what is shut, and why,
               the lists you are on and how to get off them
  r            Rules — the rulebook, as far as you know it
  s            save to a named slot (the game also autosaves
               after every choice)
  g            on the title screen: the endings you have found,
               hints for the others, and your lifetime figures
  Ctrl+P       every action, by name
  Esc          back, or to the title menu from a game
  ?            this help

A locked choice stays on the list, dimmed, with the reason.
Some systems hide some of their rules: the ledger shows their
changes as "unknown rule" until you find out how they work.

Press Esc or ? to close.""")


class HelpScreen(PageScreen):
    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", _("Close"))]

    def __init__(self) -> None:
        super().__init__(_(HELP))
