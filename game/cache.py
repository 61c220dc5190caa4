"""Where the game keeps what it can always rebuild: parsed content, check results.

``CITIZEN_SCORE_CACHE`` names the folder (an empty value turns caching off); by default it is the
user's cache folder. Nothing here is ever needed: a cache that cannot be read or written is
ignored, and deleting the folder only costs time. Files here are written with
``game.fileio.light_write``: whole, but without waiting for the disk.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def cache_root() -> Path | None:
    env = os.environ.get("CITIZEN_SCORE_CACHE")
    if env is not None:
        return Path(env) if env else None
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None
    return Path(user_cache_dir("citizen-score", appauthor=False))


@functools.cache
def code_digest(*parts: str) -> bytes:
    """A digest of the game's own source under ``parts`` (folders or files inside the package).

    Part of a cache key wherever an answer depends on code, not only on data: new code, new answers.
    """
    h = hashlib.sha256()
    for part in parts:
        path = PACKAGE / part
        for f in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            h.update(f.relative_to(PACKAGE).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.digest()
