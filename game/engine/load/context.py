"""What one load carries from construct to construct: the folder, the problems found so far, and
the campaign's names once they are declared.

Each construct's functions take the context first, so a load is a pipeline of plain functions
that share one list of problems, and every problem in a campaign is reported in one pass.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..msg import Msg
from ..problems import Problem

if TYPE_CHECKING:
    from ..expr import Expr
    from ..model import Deck, Npc, Score, Stat
    from ..scope import CampaignScope
    from .read import Source

# How TOML text becomes data; a caching parser may be handed in, it must act as tomllib.loads.
Parse = Callable[[str], dict[str, Any]]


@dataclass(slots=True)
class Context:
    root: Path
    parse: Parse
    label: str = ""  # the folder name, which starts every file name in messages
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # what was read, for the content hash
    sources: dict[str, Source] = field(default_factory=dict)  # by the name shown in messages
    list_conds: dict[str, str] = field(default_factory=dict)  # list id -> shown_if, compiled later
    # The campaign's names, set once campaign.toml is read; later constructs check against them.
    scope: CampaignScope | None = None
    scores: dict[str, Score] = field(default_factory=dict)
    stats: dict[str, Stat] = field(default_factory=dict)
    flags: dict[str, str] = field(default_factory=dict)
    npcs: dict[str, Npc] = field(default_factory=dict)
    targets: dict[str, Any] = field(default_factory=dict)  # what effects may change
    decks: dict[str, Deck] = field(default_factory=dict)
    scene_ids: set[str] = field(default_factory=set)
    exprs: dict[tuple[str, str | None], Expr] = field(default_factory=dict)  # compiled, by (text, type)
    seps: str = ",."  # how numbers in texts are written: thousands separator, decimal point

    @property
    def names(self) -> CampaignScope:
        """The campaign's names: asked for only by constructs loaded after campaign.toml."""
        assert self.scope is not None, "campaign.toml is read first"
        return self.scope

    def __post_init__(self) -> None:
        self.label = self.label or self.root.name

    def problem(self, src: Source, path: str, message: str, hint: str = "", column: int = 0,
                severity: str = "error", line: int = 0, code: str = "content") -> None:
        self.problems.append(Problem(src.name, line or src.pos.line(path), message, path, hint,
                                     column, severity, code))

    def file_problem(self, rel: str, message: str, hint: str = "", line: int = 0, column: int = 0) -> None:
        """A problem with a whole file (or with a line of a file that could not be parsed)."""
        self.problems.append(Problem(f"{self.label}/{rel}", line, message, hint=hint, column=column))

    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def close(word: str, names: list[str], fallback: str) -> str:
    """A hint naming the closest known name, for a typo."""
    found = difflib.get_close_matches(word, names, n=1)
    return Msg("Did you mean '{name}'?", name=found[0]) if found else fallback
