"""Autosave: a listener that writes the campaign's autosave slot after every choice of a game.

A failed autosave is a note on the play for the day screen to show, never fatal: the game goes on
and the next choice tries again. A run does not listen, as a run is not a saved game.

On screen the write is put off (``defer``) until the day screen has drawn the choice: the fsyncs
of a durable write cost more than the redraw, and the player should never wait for the disk.
The play's ``settle`` then writes it, on the same thread, so writes stay in order; the day screen
settles after each frame and when it goes, and whatever reads saves back settles first.
"""

from __future__ import annotations

from pathlib import Path

from game import saves
from game.engine.engine import Outcome
from game.engine.play import Play
from game.i18n import _


class Autosave:
    def __init__(self, saves_dir: Path, *, defer: bool = False) -> None:
        self.saves_dir, self.defer = Path(saves_dir), defer
        self.pending = False

    def __call__(self, play: Play, out: Outcome | None) -> None:
        if not self.defer:
            self.write(play)
        elif not self.pending:
            self.pending = True
            play.deferred.append(lambda: self.flush(play))

    def flush(self, play: Play) -> None:
        """Write the autosave a choice left to do (once, however many choices came since)."""
        if self.pending:
            self.pending = False
            self.write(play)

    def write(self, play: Play) -> None:
        try:
            saves.autosave(self.saves_dir, play.camp, play.st)
        except (OSError, saves.SaveError) as e:
            # Translators: {why} is the reason, e.g. "No space left on device" or a save's own message.
            play.notes.append(_("Autosave failed: {why}").format(why=e))


def autosaved(play: Play, saves_dir: Path, *, now: bool = False, defer: bool = False) -> Play:
    """The play with an autosave after every choice (the title screen's "continue" resumes it);
    ``now`` also saves it at once, as a new game is; ``defer`` leaves each write to ``play.settle``."""
    autosave = Autosave(saves_dir, defer=defer)
    play.listen(autosave)
    if now:
        autosave.write(play)
    return play
