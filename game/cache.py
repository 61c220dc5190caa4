"""Where the game keeps what it can always rebuild: parsed content, check results.

``CITIZEN_SCORE_CACHE`` names the folder (an empty value turns caching off); by default it is the
user's cache folder. Nothing here is ever needed: a cache that cannot be read or written is
ignored, and deleting the folder only costs time.
"""

from __future__ import annotations

import os
import tempfile
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


def write_cache(path: Path, data: bytes) -> None:
    """Replace a cache file whole (temp file, rename); any failure just leaves it unwritten.

    No fsync: a cache lost in a crash is rebuilt, so durability is not worth the wait.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return
