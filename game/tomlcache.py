"""A cache of parsed TOML, so that loading unchanged content costs a JSON read, not a TOML parse.

``tomllib`` is pure Python and takes about two thirds of loading the shipped campaigns; the
stdlib JSON reader does the same data in a few percent of that time. Each file's parse is kept
under the SHA-256 of its text, so an edited file is a miss and is parsed afresh — errors and all.
The cache holds data only (JSON, never pickle): nothing in it is ever run.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any, Callable

from game.cache import cache_root
from game.fileio import light_write

FORMAT = "1"


def cached_loads(folder: Path) -> Callable[[str], dict[str, Any]]:
    """A drop-in for ``tomllib.loads`` that remembers its results in ``folder``."""
    def loads(text: str) -> dict[str, Any]:
        digest = hashlib.sha256((FORMAT + text).encode("utf-8", "surrogatepass")).hexdigest()
        slot = folder / f"{digest[:40]}.json"
        try:
            data = json.loads(slot.read_bytes())
            if isinstance(data, dict):
                return data
        except (OSError, ValueError):
            pass
        data = tomllib.loads(text)
        _store(slot, data)
        return data
    return loads


def _store(slot: Path, data: dict[str, Any]) -> None:
    """Keep a parse; data JSON cannot hold exactly (TOML dates) is simply not cached."""
    try:
        blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    except (TypeError, ValueError):
        return
    try:
        light_write(slot, blob)
    except OSError:  # a cache that cannot be written is only a cache missed
        pass


def parser() -> Callable[[str], dict[str, Any]]:
    """The parser the shell hands the loader: cached when there is a cache folder, else tomllib."""
    root = cache_root()
    return cached_loads(root / "toml") if root is not None else tomllib.loads
