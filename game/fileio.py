"""Every file the game writes goes through here: whole or not at all, never half of one.

Two strengths, because they protect different things:

- ``atomic_write`` for what a player would lose (saves, records, replays, exports): temp file
  beside the target, flush, fsync, ``os.replace``, then fsync the folder so the rename itself
  survives a power cut.
- ``light_write`` for what the game can always rebuild (caches): temp file and ``os.replace``
  only; a cache lost in a crash costs time, not a game, so it is not worth waiting for the disk.

Both raise ``OSError`` and leave the old file as it was; the caller decides what the failure
means (a save error for a player, nothing at all for a cache).

A write killed before its rename leaves its temp file behind. Temp files carry one recognisable
name, ``.<target>.<8 random characters>.tmp``, so ``stale_temp_files`` can find ours and only ours
and the game can clear them away when it next starts.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".tmp"
# mkstemp's random part is 8 characters from [a-z0-9_]; the target is one of our TOML files.
TEMP_RE = re.compile(r"\.(?P<target>.+\.toml)\.[a-z0-9_]{8}\.tmp")
STALE_SECONDS = 60.0  # older than any write in progress: a game starting beside a running one spares its writes


def temp_name_for(path: Path) -> tuple[str, str]:
    """The (prefix, suffix) a temp file for ``path`` is made with, so the sweep can recognise it."""
    return f".{path.name}.", TEMP_SUFFIX


def _write_temp(path: Path, data: bytes, durable: bool) -> str:
    """Write ``data`` to a new temp file beside ``path``; return its name (removed on failure)."""
    prefix, suffix = temp_name_for(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _replace(tmp: str, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str | Path) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; not every system can open a folder, so failures are ignored."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` durably, or raise OSError and leave the old file untouched."""
    path = Path(path)
    _replace(_write_temp(path, data, durable=True), path)
    fsync_dir(path.parent)


def light_write(path: Path, data: bytes) -> None:
    """Replace a rebuildable file whole (making its folder), without waiting for the disk."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace(_write_temp(path, data, durable=False), path)


def stale_temp_files(folder: Path, now: float | None = None) -> list[Path]:
    """Our temp files in ``folder`` older than a write could take: what killed writes left.

    Only names of our own pattern count (a dot, a TOML file's name, 8 random characters,
    ``.tmp``), so no file of the player's is ever picked, whatever it is called.
    """
    now = time.time() if now is None else now
    try:
        names = [p for p in Path(folder).iterdir() if TEMP_RE.fullmatch(p.name)]
    except OSError:
        return []
    out = []
    for p in names:
        try:
            if p.is_file() and not p.is_symlink() and p.stat().st_mtime < now - STALE_SECONDS:
                out.append(p)
        except OSError:
            continue
    return sorted(out)


def remove_stale_temp_files(folder: Path, now: float | None = None) -> list[Path]:
    """Delete what ``stale_temp_files`` finds; returns the files removed (failures are skipped)."""
    removed = []
    for p in stale_temp_files(folder, now):
        try:
            p.unlink()
        except OSError:
            continue
        removed.append(p)
    return removed
