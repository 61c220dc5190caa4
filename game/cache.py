"""Where the game keeps what it can always rebuild: parsed content, check results.

``CITIZEN_SCORE_CACHE`` names the folder (an empty value turns caching off); by default it is the
user's cache folder. Nothing here is ever needed: a cache that cannot be read or written is
ignored, and deleting the folder only costs time. Files here are written with
``game.fileio.light_write``: whole, but without waiting for the disk.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path | None:
    env = os.environ.get("CITIZEN_SCORE_CACHE")
    if env is not None:
        return Path(env) if env else None
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None
    return Path(user_cache_dir("citizen-score", appauthor=False))
