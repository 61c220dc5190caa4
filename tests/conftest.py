"""Test-wide set-up: keep every cache the game writes inside a temporary folder."""

from __future__ import annotations

import os
import tempfile

# The game caches parsed content and check results in the user's cache folder; tests (and the
# subprocesses they start, which inherit this) must never write there.
os.environ["CITIZEN_SCORE_CACHE"] = tempfile.mkdtemp(prefix="citizen-score-test-cache-")
# The game speaks the language of the environment; tests ask for Dutch where they test it, so a
# machine set to Dutch runs the same tests as one set to English.
for _var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"


import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder holding a private copy of the small test campaign (with its challenges)."""
    folder = tmp_path / "content"
    shutil.copytree(MINI, folder / "mini")
    return folder


@pytest.fixture
def gallery_content(tmp_path: Path) -> Path:
    """A content folder holding a private copy of the endings gallery's campaign (hints, a hidden rule)."""
    folder = tmp_path / "content"
    shutil.copytree(MINI.parent / "gallery", folder / "gallery")
    return folder


@pytest.fixture
def dutch():
    """The game speaks Dutch for one test (as ``--lang nl`` makes it), and English again after it."""
    from game import i18n

    i18n.use("nl")
    yield
    i18n.use("en")
