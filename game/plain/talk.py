"""Lines out, lines in: the plain game's only way to reach the player.

Each prompt ends in a space and waits for one line. When the answer comes from a pipe rather
than a person at a keyboard it is not echoed by any terminal, so it is written back after the
prompt: a transcript then reads as the exchange it was.
"""

from __future__ import annotations

import textwrap
from typing import TextIO

from game.textsafe import clean

LONGEST = 80  # characters of a line read that are said back; the rest of a pasted page is not


class Talk:
    def __init__(self, inp: TextIO, out: TextIO, echo: bool, width: int = 0) -> None:
        """``width``: wrap lines at word breaks to fit a terminal that many columns wide (a dumb
        terminal breaks words in two); 0 leaves each paragraph one line, for a pipe or a reader."""
        self.inp, self.out, self.echo, self.width = inp, out, echo, width
        # A score's fall is written with a real minus sign; where the output cannot carry it
        # (a Latin-1 terminal) a hyphen says the same, rather than a question mark.
        self.minus = "−" if can_encode(out, "−") else "-"

    def say(self, *lines: str) -> None:
        """Write lines of text, then a blank line, so each reply stands apart from the next prompt."""
        for line in "\n".join(lines).replace("−", self.minus).split("\n"):
            if self.width and len(line) >= self.width:
                line = textwrap.fill(line, self.width - 1, break_long_words=False, break_on_hyphens=False)
            self.out.write(line + "\n")
        self.out.write("\n")
        self.out.flush()

    def ask(self, prompt: str) -> str | None:
        """The next line the player typed, stripped; None when the input has ended."""
        self.out.write(prompt + " ")
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.out.write("\n")
            return None
        if self.echo:
            self.out.write(said_back(line) + "\n")
        return line.strip()


def said_back(line: str) -> str:
    """A line read, as it may be shown again: control characters made visible, long ones cut."""
    text = clean(line.rstrip("\r\n"))
    return text if len(text) <= LONGEST else text[:LONGEST] + "…"


def can_encode(out: TextIO, text: str) -> bool:
    try:
        text.encode(getattr(out, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
