"""The words the plain game understands besides a choice's number, and the help that lists them.

One table, read by the parser and by the help, so the help never names a word that does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.i18n import N_, _


@dataclass(frozen=True, slots=True)
class Command:
    id: str  # stable: what the game's loop matches on
    words: tuple[str, ...]  # what the player may type; the first is the one the help shows first
    help: str  # marked with N_, translated where the help is shown


COMMANDS = (
    Command("look", ("x", "look", "again"), N_("show the scene and the choices again")),
    Command("status", ("i", "status", "score"), N_("your score, its band, the day and the hour")),
    Command("ledger", ("w", "why", "ledger"),
            N_("why: the latest 20 changes to your score and why, newest first; w all for every one")),
    Command("life", ("l", "life"), N_("jobs, homes, travel and loans: open or shut, and why; the lists you are on")),
    Command("rules", ("r", "rules", "rulebook"), N_("the scoring rules you know (some stay hidden)")),
    Command("save", ("s", "save"), N_("save to a named slot: s, or s and a name (the game also autosaves)")),
    Command("load", ("load",), N_("load a saved game")),
    Command("menu", ("m", "menu"), N_("back to the title menu (the game is autosaved)")),
    Command("help", ("?", "h", "help"), N_("this list")),
    Command("quit", ("q", "quit", "exit"), N_("stop playing (the game is autosaved)")),
)

BY_WORD = {word: c.id for c in COMMANDS for word in c.words}


def parse(line: str) -> tuple[str, str]:
    """A line as (command id, the rest); a number is ("choose", number); unknown words are ("", line)."""
    word, _sep, rest = line.strip().partition(" ")
    if word.isdigit() and word.isascii():
        return "choose", word
    return BY_WORD.get(word.lower(), ""), rest.strip()


def help_lines() -> list[str]:
    lines = [_("Type the number of a choice and press Enter to take it. Other things you can type:")]
    # Translators: between the words the player may type for one command (x or look or again); the words stay English.
    either = _(" or ")
    lines += [f"{either.join(c.words)}: {_(c.help)}" for c in COMMANDS]
    lines.append(_("A locked choice is listed with the reason it is locked. Some systems hide some of their "
                   "rules: the ledger shows their changes as unknown rule until you find out how they work."))
    return lines
