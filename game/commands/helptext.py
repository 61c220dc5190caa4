"""One shape for every subcommand's --help: what it does, then its exit codes.

Each subcommand makes its parser with ``parser(...)``, so none can leave out what it does or what
its exit codes mean, and errors name the command the same way (``fail``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap

from game.i18n import _


def exit_codes(codes: dict[int, str]) -> str:
    """The "exit codes:" section: one line a code, in order."""
    # Translators: the heading of the list of exit codes in every command's --help, below argparse's own
    # (usage:, options:, game.i18n.ARGPARSE).
    return _("exit codes:") + "\n" + "\n".join(f"  {code:<4}{meaning}" for code, meaning in sorted(codes.items()))


def fill(text: str) -> str:
    """Paragraphs (split at blank lines) filled to the terminal, as argparse fills its own text."""
    width = max(40, min(shutil.get_terminal_size().columns - 2, 100))
    return "\n\n".join(textwrap.fill(" ".join(para.split()), width) for para in text.split("\n\n"))


def parser(sub: argparse._SubParsersAction, name: str, summary: str, description: str,
           codes: dict[int, str], epilog: str = "") -> argparse.ArgumentParser:
    """The subcommand ``name``: ``summary`` is its line in ``citizen-score --help``; its own --help
    shows ``description`` (filled to the terminal), then ``epilog`` as written, then its exit codes.
    Exit 2 is also what argparse gives a command line it cannot read, so every command lists it."""
    tail = "\n\n".join(part for part in (epilog, exit_codes(codes)) if part)
    return sub.add_parser(name, help=summary, description=fill(description), epilog=tail,
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def fail(command: str, message: str, code: int = 2) -> int:
    """Print an error as ``citizen-score COMMAND: message`` on stderr; returns the exit code."""
    print(f"citizen-score {command}: {message}", file=sys.stderr)
    return code
