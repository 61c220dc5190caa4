"""One thing an author tool found, with where it is and what to do about it.

Loader problems, ``check`` warnings and ``simulate`` dead ends all become findings, so one printer
(``output``) shows them the same way in a terminal, in a pipe and as JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from game.engine.problems import Problem
from game.engine.tomlpos import Positions, file_column

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # stable id of the kind of finding, e.g. "unreachable-scene"
    severity: str  # "error", "warning" or "info"
    file: str  # as the loader names it: "<campaign>/scenes/work.toml"
    line: int  # 0 when it applies to the whole file
    column: int  # on the line, as an editor counts; 0 when it does not apply
    path: str  # the TOML table path, e.g. scene.market.choice[1].if
    message: str
    hint: str = ""

    def format(self) -> str:
        pos = f"{self.file}:{self.line}" if self.line else self.file
        if self.column:
            pos += f":{self.column}"
        where = f" [{self.path}]" if self.path else ""
        code = f" ({self.code})" if self.code != "content" else ""
        text = f"{pos}: {self.severity}: {self.message}{where}{code}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def from_problem(p: Problem) -> Finding:
    """A loader problem as a finding (code "content": the loader does not name kinds)."""
    return Finding("content", p.severity, p.file, p.line, p.column, p.where, p.message, p.hint)


class Locator:
    """Line numbers of table paths in a campaign's files, each file scanned once when first asked."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._pos: dict[str, Positions | None] = {}
        self._lines: dict[str, list[str]] = {}

    def line(self, file: str, path: str) -> int:
        if file not in self._pos:
            rel = file.split("/", 1)[1] if "/" in file else file
            try:
                text = (self.root / rel).read_text(encoding="utf-8")
                self._pos[file], self._lines[file] = Positions(text), text.splitlines()
            except (OSError, UnicodeDecodeError):
                self._pos[file] = None
        pos = self._pos[file]
        return pos.line(path) if pos is not None else 0

    def column(self, file: str, line: int, expr: str, column: int) -> int:
        """The file column of character ``column`` of ``expr`` on ``line`` (0 if it is not written there)."""
        lines = self._lines.get(file, [])
        return file_column(lines[line - 1], expr, column) if 0 < line <= len(lines) else 0


def counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
