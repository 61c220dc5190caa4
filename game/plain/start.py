"""Starting the plain game: when it is wanted, and reading the story and the saves folder first.

Problems are said once, on stderr, with the fix, and end with exit status 2, as the full-screen
game's are; nothing here raises to the player.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TextIO

from game import saves
from game.engine.problems import ContentError
from game.i18n import _, said
from game.leftovers import clear_leftovers
from game.paths import openable
from game.plain.session import PlainGame
from game.plain.talk import Talk
from game.plain.terminal import is_tty
from game.stories import load_all, no_campaigns


def run_plain(content: Path, saves_dir: Path, seed: int | None, inp: TextIO | None = None,
              out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Play in plain text on the given streams (the process's own by default); the exit status."""
    inp, out, err = inp or lenient(sys.stdin), out or lenient(sys.stdout), err or sys.stderr
    try:
        saves.ensure_saves_dir(saves_dir)
    except saves.SaveError as e:
        return fail(err, e.message + "\n" + _("Point --saves (or CITIZEN_SCORE_SAVES) at a folder you can write to."))
    clear_leftovers(saves_dir)
    try:
        campaigns = load_all(content)
    except ContentError as e:
        return fail(err, e.format(openable(e.base), said) + "\n\n" + _("The game cannot start until the content is "
                                                                 "fixed (citizen-score check lists every problem)."))
    if not campaigns:
        return fail(err, no_campaigns(content))
    width = shutil.get_terminal_size().columns if is_tty(out) else 0
    return PlainGame(campaigns, saves_dir, seed, Talk(inp, out, echo=not is_tty(inp), width=width)).run()


def fail(err: TextIO, message: str) -> int:
    """An error as every command says one (``citizen-score play: ...``), on ``err``; exit status 2."""
    print(f"citizen-score play: {message}", file=err)
    return 2


def lenient(stream: TextIO) -> TextIO:
    """The stream, made to replace what it cannot encode or decode rather than stop the game: a
    byte that is not UTF-8 in the input, a minus sign on a terminal set to Latin-1."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    return stream
