"""Autosave: a listener that writes the campaign's autosave slot after every choice of a game.

A failed autosave is a note on the play for the day screen to show, never fatal: the game goes on
and the next choice tries again. A run does not listen, as a run is not a saved game.
"""

from __future__ import annotations

from pathlib import Path

from game import saves
from game.engine.engine import Outcome
from game.engine.play import Play


class Autosave:
    def __init__(self, saves_dir: Path) -> None:
        self.saves_dir = Path(saves_dir)

    def __call__(self, play: Play, out: Outcome | None) -> None:
        self.write(play)

    def write(self, play: Play) -> None:
        try:
            saves.autosave(self.saves_dir, play.camp, play.st)
        except (OSError, saves.SaveError) as e:
            play.notes.append(f"Autosave failed: {e}")


def autosaved(play: Play, saves_dir: Path, *, now: bool = False) -> Play:
    """The play with an autosave after every choice (the title screen's "continue" resumes it);
    ``now`` also saves it at once, as a new game is."""
    autosave = Autosave(saves_dir)
    play.listen(autosave)
    if now:
        autosave.write(play)
    return play
