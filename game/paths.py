"""Where the game finds its story content and keeps players' saves.

Content ships inside the wheel (as ``game/_content``); in a checkout it is the ``content/`` folder
beside the package. Saves go to ``saves/`` in a checkout, so developers see them, and to the
user's data folder for an installed game.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent


def in_checkout() -> bool:
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "content").is_dir()


def default_content_dir() -> Path:
    env = os.environ.get("CITIZEN_SCORE_CONTENT")
    if env:
        return Path(env)
    shipped = PACKAGE / "_content"
    return shipped if shipped.is_dir() else CHECKOUT / "content"


def default_saves_dir() -> Path:
    env = os.environ.get("CITIZEN_SCORE_SAVES")
    if env:
        return Path(env)
    if in_checkout():
        return CHECKOUT / "saves"
    from platformdirs import user_data_dir

    return Path(user_data_dir("citizen-score", appauthor=False)) / "saves"
