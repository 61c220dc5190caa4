"""Temp files that killed writes left in the saves folder, cleared away when the game starts.

A write killed between its temp file and its rename (a crash, a kill, a power cut) leaves the old
file whole and a hidden temp file beside it. Nothing reads those, but they pile up (dozens after a
few hundred kills), so the game removes them the next time it starts: only files of our own temp
name pattern (see ``game.fileio``), never a player's file.
"""

from __future__ import annotations

from pathlib import Path

from game.fileio import remove_stale_temp_files

DEPTH = 2  # saves/, saves/replays/, saves/records/<campaign>/: deep enough for all the game writes


def written_folders(saves_dir: Path, depth: int = DEPTH) -> list[Path]:
    """The saves folder and its subfolders ``depth`` levels down (symlinks are not followed).

    Walked rather than listed by name so that this module, which runs before the first frame,
    needs none of the modules that own those folders.
    """
    out, level = [], [Path(saves_dir)]
    for _ in range(depth + 1):
        out += level
        nxt = []
        for folder in level:
            try:
                nxt += sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())
            except OSError:
                continue
        level = nxt
    return out


def clear_leftovers(saves_dir: Path, now: float | None = None) -> list[Path]:
    """Remove stale temp files of ours from the saves folder tree; returns what was removed."""
    return [p for folder in written_folders(saves_dir) for p in remove_stale_temp_files(folder, now)]
