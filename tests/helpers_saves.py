"""Shared helpers for the save tests, and the child process the crash test kills.

Run as a script (``python tests/helpers_saves.py crash-child SAVES_DIR CAMPAIGN_DIR``) it autosaves
two different games in turn as fast as it can, printing one line after each save, until killed.
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


def crash_child(saves_dir: str, campaign_dir: str) -> None:
    """Autosave the old and the new game in turn forever; the parent kills us at random moments.

    Each line is printed just *before* a save, so a kill soon after reading it lands in the write.
    """
    from game import saves

    camp = load_campaign(campaign_dir)
    games = two_games(camp)
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    i = 0
    while True:
        i += 1
        out.write(f"{i}\n")
        out.flush()
        saves.autosave(Path(saves_dir), camp, games[i % 2])


if __name__ == "__main__":
    if sys.argv[1:2] == ["crash-child"]:
        crash_child(sys.argv[2], sys.argv[3])
