"""Remembered ``check`` results for campaigns that have not changed, so checking on save stays fast.

Loading a campaign is most of what ``check`` costs, and an author saving one file has changed one
campaign. The key covers every byte of the campaign folder and of the code that loads and
analyses it, so an edit to either is a miss; a hit gives back exactly the findings a fresh check
would. The cache lives in the user's cache folder (``CITIZEN_SCORE_CACHE`` overrides it; set it
to an empty string to turn the cache off). A cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from game.cache import PACKAGE, cache_root, code_digest
from game.engine.load.read import MAX_BYTES
from game.fileio import light_write

from .findings import finding
from .output import Section

# The code, and the compiled catalogues: a finding is kept in the words of the language it was checked in.
CODE = ("engine", "authoring", "commands/check.py",
        *sorted(p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "locale").glob("*/LC_MESSAGES/*.mo")))
FORMAT = 1


def cache_dir() -> Path | None:
    root = cache_root()
    return None if root is None else root / "check"


def _code() -> bytes:
    """A digest of the loader's and the analysis' source: new code means new findings."""
    return hashlib.sha256(f"check-cache {FORMAT}".encode() + code_digest(*CODE)).digest()


def key(folder: Path) -> str:
    """Every plain file's name and bytes; a file too large for the loader counts by size and time,
    so a huge file costs no more to key than the loader spends refusing it."""
    h = hashlib.sha256(_code())
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        info = f.stat()
        body = f.read_bytes() if info.st_size <= MAX_BYTES else f"{info.st_size}:{info.st_mtime_ns}".encode()
        h.update(f.relative_to(folder).as_posix().encode() + b"\0" + body + b"\0")
    return h.hexdigest()


def _slot(folder: Path) -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    return root / (hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:24] + ".json")


def get(folder: Path, k: str) -> Section | None:
    slot = _slot(folder)
    try:
        data = json.loads(slot.read_text(encoding="utf-8")) if slot is not None else None
        if not data or data.get("key") != k:
            return None
        s = data["section"]
        return Section(str(folder), [finding(**f) for f in s["findings"]], list(s["lines"]),
                       {**s["data"], "folder": str(folder)})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def put(folder: Path, k: str, section: Section) -> None:
    slot = _slot(folder)
    if slot is None:
        return
    data = {"key": k, "section": {"findings": [f.to_dict() for f in section.findings],
                                  "lines": section.lines, "data": section.data}}
    try:
        light_write(slot, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:  # a cache that cannot be written is only a cache missed
        pass
