"""Shared helpers for the save tests, and the child process the crash test kills.

Run as a script (``python tests/helpers_saves.py crash-child SAVES_DIR CAMPAIGN_DIR POINT N``) it
autosaves two different games in turn and stops inside its N-th write, at POINT, until killed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
if str(ROOT) not in sys.path:  # the game is not installed into the venv; tests run from the checkout
    sys.path.insert(0, str(ROOT))

from game.engine import engine  # noqa: E402
from game.engine.content import load_campaign  # noqa: E402
from game.engine.model import Campaign  # noqa: E402
from game.engine.state import GameState  # noqa: E402

MINI = TESTS / "fixtures" / "mini"


def play(camp: Campaign, seed: int, choices: list[str]) -> GameState:
    """A new game with these choices taken, as a player would take them."""
    st = engine.new_game(camp, seed)
    for cid in choices:
        engine.choose(camp, st, cid)
    return st


def play_first_open(camp: Campaign, st: GameState, steps: int) -> GameState:
    """Take the first open choice ``steps`` times (or until the game ends)."""
    for _ in range(steps):
        if st.ended:
            break
        engine.choose(camp, st, engine.open_ids(camp, st)[0])
    return st


def two_games(camp: Campaign) -> tuple[GameState, GameState]:
    """Two clearly different games of the mini campaign: the "old" and the "new" save."""
    old = play(camp, 7, ["wake.shop"])
    new = play(camp, 8, ["wake.game", "evening.drop_li", "evening.sleep"])
    return old, new


def copy_campaign(dest_parent: Path, name: str = "mini") -> Path:
    """A private copy of the mini campaign that a test may edit (the folder name is the id)."""
    dest = dest_parent / name
    shutil.copytree(MINI, dest)
    if name != "mini":
        toml = dest / "campaign.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('id = "mini"', f'id = "{name}"'),
                        encoding="utf-8")
    return dest


LONG_AGO = 1_000_000.0  # an mtime (1970) older than any write still in progress


def leave_temp(folder: Path, target: str, data: bytes = b"half a sa") -> Path:
    """A temp file exactly as a write killed before its rename leaves it beside ``target``."""
    import os
    import tempfile

    from game.fileio import temp_name_for

    prefix, suffix = temp_name_for(folder / target)
    fd, name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=suffix)
    os.write(fd, data)
    os.close(fd)
    os.utime(name, (LONG_AGO, LONG_AGO))
    return Path(name)


POINTS = ("writing", "written", "renaming", "renamed")  # where in a write the crash test kills the game


class _FaultyOs:
    """``os`` as ``game.fileio`` sees it in the crash child: it stops inside one chosen write.

    At the chosen point of the chosen write it prints ``in-write <point>`` and waits for a line on
    stdin that never comes, so the parent's kill lands exactly there.
    """

    def __init__(self, real, point: str, write: int) -> None:
        self.real, self.point, self.write, self.count = real, point, write, 0

    def __getattr__(self, name):
        return getattr(self.real, name)

    def stop(self, point: str) -> None:
        if point == self.point and self.count == self.write:
            sys.stdout.write(f"in-write {point}\n")
            sys.stdout.flush()
            sys.stdin.readline()
            self.real._exit(3)  # the parent went away without killing us

    def fdopen(self, fd, mode):
        self.count += 1
        return _StoppingFile(self.real.fdopen(fd, mode), self)

    def fsync(self, fd):
        self.stop("written")
        return self.real.fsync(fd)

    def replace(self, src, dst):
        self.stop("renaming")
        self.real.replace(src, dst)
        self.stop("renamed")


class _StoppingFile:
    """The temp file, written in two halves with a stop between them (the "writing" point)."""

    def __init__(self, f, fault: _FaultyOs) -> None:
        self.f, self.fault = f, fault

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()

    def write(self, data: bytes) -> int:
        half = len(data) // 2
        self.f.write(data[:half])
        self.f.flush()
        self.fault.stop("writing")
        return half + self.f.write(data[half:])

    def flush(self) -> None:
        self.f.flush()

    def fileno(self) -> int:
        return self.f.fileno()


def crash_child(saves_dir: str, campaign_dir: str, point: str, write: int) -> None:
    """Autosave the new and the old game in turn; stop inside write number ``write`` to be killed."""
    import os

    from game import fileio, saves

    fileio.os = _FaultyOs(os, point, write)  # only the writer sees it; the rest of the process is as ever
    camp = load_campaign(campaign_dir)
    games = two_games(camp)
    for i in range(1, write + 1):
        saves.autosave(Path(saves_dir), camp, games[i % 2])
    sys.stdout.write("finished without stopping\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["crash-child"]:
        crash_child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
