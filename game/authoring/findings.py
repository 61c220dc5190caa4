"""One thing an author tool found, with where it is and what to do about it.

A finding is the engine's ``Problem``: loader problems, ``check`` warnings and ``simulate`` dead
ends are one type, so one printer (``output``) shows them the same way in a terminal, in a pipe
and as JSON. Line numbers come from the loader's own ``Source``, so a tool and the loader always
name the same line.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from game.engine.load.read import Source, text_source
from game.engine.problems import Problem as Finding
from game.i18n import said

SEVERITIES = ("error", "warning", "info")

__all__ = ["SEVERITIES", "Finding", "Locator", "counts", "finding", "spoken"]


def finding(code: str, severity: str, file: str, line: int, column: int, path: str, message: str,
            hint: str = "") -> Finding:
    """A finding in the order tools think of it (and the keys of its JSON form, ``to_dict``)."""
    return Finding(file, line, message, path, hint, column, severity, code)


def spoken(f: Finding) -> Finding:
    """The finding with its message and hint in the language spoken: the engine writes its messages
    in English, keeping what they were made of (``game.engine.msg.Msg``), and they are translated here."""
    return replace(f, message=said(f.message), hint=said(f.hint))


class Locator:
    """Line numbers of table paths in a campaign's files, each file read once when first asked."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._src: dict[str, Source | None] = {}

    def source(self, file: str) -> Source | None:
        if file not in self._src:
            rel = file.split("/", 1)[1] if "/" in file else file
            self._src[file] = text_source(self.root, file, rel)
        return self._src[file]

    def line(self, file: str, path: str) -> int:
        src = self.source(file)
        return src.line(path) if src is not None else 0

    def column(self, file: str, line: int, expr: str, column: int) -> int:
        """The file column of character ``column`` of ``expr`` on ``line`` (0 if it is not written there)."""
        src = self.source(file)
        return src.column(line, expr, column) if src is not None else 0


def counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
