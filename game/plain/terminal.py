"""Whether the player has a terminal the full-screen game can draw on.

Kept apart and light: the command line asks before every game, and must not load the game to ask.
"""

from __future__ import annotations

from typing import Mapping, TextIO


def wants_plain(env: Mapping[str, str], stdin: TextIO, stdout: TextIO) -> bool:
    """Whether to play in plain text although not asked: no terminal to draw on (a pipe) or a dumb one.

    Not when TEXTUAL_DRIVER is set: that is a host (a browser server) that runs the full-screen
    game through a pipe on purpose, and draws it itself.
    """
    if env.get("TEXTUAL_DRIVER"):
        return False
    return env.get("TERM") == "dumb" or not is_tty(stdin) or not is_tty(stdout)


def is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or stand-in stream
        return False
