"""Where the game finds its story content and keeps players' saves.

Content ships inside the wheel (as ``game/_content``) and saves go to the user's data folder, for
players. Authors work in a checkout: run from inside one (the current folder or a parent holds the
project's pyproject.toml and a ``content/`` folder), the game uses that checkout's ``content/`` and
``saves/`` even when it was installed with ``pip install .``, so a campaign an author adds there is
found at once. An editable install also finds its own checkout from anywhere. ``--content`` and
``--saves`` and the environment variables CITIZEN_SCORE_CONTENT and CITIZEN_SCORE_SAVES win over all.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent  # the checkout this package sits in, when it is an editable install
PROJECT = "citizen-score"


def is_checkout(folder: Path) -> bool:
    """True when ``folder`` is a checkout of this project: a content/ folder beside a pyproject.toml
    whose project is citizen-score (another project's pyproject.toml is no checkout of ours)."""
    pyproject = folder / "pyproject.toml"
    if not (pyproject.is_file() and (folder / "content").is_dir()):
        return False
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return project_name(text) == PROJECT


def project_name(pyproject: str) -> str | None:
    """The ``name`` in a pyproject's ``[project]`` table, read line by line: the game asks this of
    the folder it starts in on every start, and parsing the file as TOML (tomllib's import with
    it) cost a fiftieth of the time to the title screen."""
    in_project = False
    for line in pyproject.splitlines():
        line = line.strip()
        if line.startswith("["):
            in_project = line.replace(" ", "") == "[project]"
        elif in_project and line.startswith("name") and "=" in line:
            key, value = (part.strip() for part in line.split("=", 1))
            if key == "name" and len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                return value[1:-1]
    return None


def checkout() -> Path | None:
    """The checkout the game runs in: the current folder or the nearest parent that is one, else the
    checkout the package itself sits in (an editable install), else None (an installed game)."""
    try:
        here = Path.cwd()
    except OSError:  # the current folder was removed
        here = None
    for folder in ([here, *here.parents] if here else []):
        if is_checkout(folder):
            return folder
    return CHECKOUT if is_checkout(CHECKOUT) else None


def default_content_dir() -> Path:
    env = os.environ.get("CITIZEN_SCORE_CONTENT")
    if env:
        return Path(env)
    found = checkout()
    if found is not None:
        return found / "content"
    return PACKAGE / "_content"


def default_saves_dir() -> Path:
    env = os.environ.get("CITIZEN_SCORE_SAVES")
    if env:
        return Path(env)
    found = checkout()
    if found is not None:
        return found / "saves"
    from platformdirs import user_data_dir

    return Path(user_data_dir("citizen-score", appauthor=False)) / "saves"


def openable(folder: Path | None) -> Path | None:
    """``folder`` as the user can open it from where they stand: relative to the current folder when
    inside it (``content``, so messages read ``content/sesame/gates.toml:8:62``), else absolute."""
    if folder is None:
        return None
    full = Path(os.path.abspath(folder))
    try:
        return full.relative_to(os.path.abspath(os.getcwd()))
    except (OSError, ValueError):  # outside the current folder, or it was removed
        return full
