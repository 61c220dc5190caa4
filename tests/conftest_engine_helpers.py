"""Shared helpers for the engine tests (expressions, content errors, play, fuzz).

Imported by the test modules as ``import conftest_engine_helpers as h``. It also makes the repository
importable when the package is not installed (``.venv/bin/pytest`` from a plain checkout).
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import pytest  # noqa: E402

from game.engine import engine as eng  # noqa: E402
from game.engine.content import Loader, load_campaign  # noqa: E402
from game.engine.model import Campaign  # noqa: E402
from game.engine.problems import ContentError, Problem  # noqa: E402
from game.engine.state import GameState  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures"
MINI = FIXTURES / "mini"
BROKEN = FIXTURES / "broken"
CONTENT = REPO / "content"


# ---------------------------------------------------------------- folders

def copy_mini(tmp_path: Path, name: str = "mini") -> Path:
    """A private copy of the mini campaign, renamed so campaign.id still matches its folder."""
    dest = tmp_path / name
    shutil.copytree(MINI, dest)
    if name != "mini":
        patch(dest / "campaign.toml", 'id = "mini"', f'id = "{name}"')
    return dest


def patch(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file; fails loudly if the fixture no longer holds it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def problems_of(root: Path) -> list[Problem]:
    """Load a campaign that must fail; return the error problems it lists."""
    with pytest.raises(ContentError) as info:
        Loader(root).load()
    probs = [p for p in info.value.problems if p.severity == "error"]
    assert probs, "a ContentError must list at least one problem"
    return probs


def find(problems: list[Problem], fragment: str) -> Problem:
    """The one problem whose message contains ``fragment``."""
    hits = [p for p in problems if fragment in p.message]
    assert hits, f"no problem mentions {fragment!r}; got:\n" + "\n".join(p.format() for p in problems)
    return hits[0]


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing ``needle`` (so tests survive fixture edits)."""
    seen = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == nth:
                return n
    raise AssertionError(f"{needle!r} not in {path}")


# ---------------------------------------------------------------- the lab campaign
# A small campaign built for the engine tests (tests/fixtures/lab): a hub scene whose choices
# each do one thing.

LAB = FIXTURES / "lab"


def make_lab(tmp_path: Path) -> Path:
    """A private copy of the lab campaign, for tests that edit it."""
    dest = tmp_path / "lab"
    shutil.copytree(LAB, dest)
    return dest


def load_lab(tmp_path: Path) -> Campaign:
    return load_campaign(make_lab(tmp_path))


# ---------------------------------------------------------------- playing

def play(camp: Campaign, st: GameState, *choices: str) -> list[eng.Outcome]:
    return [eng.choose(camp, st, c) for c in choices]


def random_run(camp: Campaign, seed: int, chooser_seed: int, max_steps: int,
               avoid: frozenset[str] = frozenset()) -> GameState:
    """Play to an ending, picking among the open choices with a seeded chooser."""
    pick = random.Random(chooser_seed)
    st = eng.new_game(camp, seed)
    steps = 0
    while not st.ended:
        assert steps < max_steps, (f"seed {seed}: no ending after {max_steps} choices "
                                   f"(day {st.day}, scene {st.scene!r}, last {st.log[-5:]})")
        ids = [c for c in eng.open_ids(camp, st) if c not in avoid]
        assert ids, f"seed {seed}: no open choice in {st.scene!r} on day {st.day}"
        eng.choose(camp, st, pick.choice(ids))
        steps += 1
    return st
