"""Problems found in content or saves, and the one error that carries them all.

Every problem names the file, the line (and column where it applies), the table path and a hint, so
an author or a player can fix it without reading a traceback. The author tools' findings (check's
warnings, simulate's dead ends) are problems too, with a ``code`` naming their kind, so one printer
shows them all the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .msg import Msg, Say


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    message: str
    where: str = ""  # the TOML table path, e.g. scene.market.choice[1].if
    hint: str = ""
    column: int = 0
    severity: str = "error"  # "error", "warning" or "info"
    code: str = "content"  # a stable id of the kind of finding, e.g. "unreachable-scene"

    @property
    def path(self) -> str:
        return self.where

    def at(self, base: Path | None = None) -> str:
        """``file:line:column`` (what applies), the file under ``base`` when given: the folder the
        file names start from, as the user can open it, so a terminal's file:line link works.
        The engine never asks where the user stands; the caller passes that in."""
        pos = str(base / self.file) if base is not None else self.file
        if self.line:
            pos += f":{self.line}"
        if self.column:
            pos += f":{self.column}"
        return pos

    def format(self, base: Path | None = None, say: Say = str) -> str:
        """``file:line: severity: message [path] (code)``, the hint on a line below; the message and
        hint as ``say`` writes them (English unless a layer that knows the language hands it in).
        The severity stays English: editors and scripts read it."""
        pos = self.at(base)
        where = f" [{self.where}]" if self.where else ""
        code = f" ({self.code})" if self.code != "content" else ""
        text = f"{pos}: {self.severity}: {say(self.message)}{where}{code}"
        if self.hint:
            text += "\n    " + say(Msg("hint: {hint}", hint=self.hint))
        return text

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of a finding (schema/report.schema.json), read back by ``finding(**d)``."""
        return {"code": self.code, "severity": self.severity, "file": self.file, "line": self.line,
                "column": self.column, "path": self.where, "message": self.message, "hint": self.hint}


class ContentError(Exception):
    """Raised when content (or a save) cannot be used; holds every problem found in one pass."""

    def __init__(self, problems: list[Problem], base: Path | None = None) -> None:
        self.problems = problems
        self.base = base  # the folder the problems' file names start from: the campaign folder's parent
        super().__init__(self.format())

    def format(self, base: Path | None = None, say: Say = str) -> str:
        """Every error; file names under ``base`` when given (see ``Problem.at``), words as ``say``
        writes them (see ``Problem.format``)."""
        errors = [p for p in self.problems if p.severity == "error"]
        head = say(Msg.counting("{n} problem found:", "{n} problems found:", len(errors), n=len(errors)))
        return "\n".join([head, *(p.format(base, say) for p in errors)])
