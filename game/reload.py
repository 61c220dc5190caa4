"""Live reload for authors (``citizen-score --dev``): notice edited content, and carry a game over.

Headless so that tests can drive it without a screen: the app polls ``ContentWatcher.changed``
and calls ``carry_over`` with the freshly loaded campaign.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.engine.model import Campaign
from game.engine.play import replay
from game.engine.state import GameState
from game.i18n import _, said


class ContentWatcher:
    """Remembers the size and time of every TOML file under the content folder.

    Polling a few dozen files twice a second costs nothing measurable and needs no dependency;
    it also sees files that editors replace rather than rewrite.
    """

    def __init__(self, content_dir: Path) -> None:
        self.content_dir = content_dir
        self.seen = self.snapshot()

    def snapshot(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for path in sorted(self.content_dir.rglob("*.toml")):
            try:
                info = path.stat()
            except OSError:  # deleted between the listing and the look: the next poll sees it
                continue
            out[str(path)] = (info.st_mtime_ns, info.st_size)
        return out

    def changed(self) -> bool:
        now = self.snapshot()
        if now == self.seen:
            return False
        self.seen = now
        return True


@dataclass
class CarriedOver:
    st: GameState
    kept: int  # choices of the log that still fit
    note: str  # what could not be carried over, in the words spoken ("" when everything fit)


def carry_over(camp: Campaign, seed: int, log: list[str]) -> CarriedOver:
    """Replay the choice log on the edited story, as far as it still fits.

    The author stays where they were; if an edit broke the path, they land at the last point the
    log still reaches and are told which step stopped fitting and why.
    """
    done = replay(camp, seed, log)
    if done.misfit is None:
        return CarriedOver(done.st, done.fits, "")
    # Translators: {misfit} says which step of the old path no longer fits the edited story, and why.
    note = _("{misfit} You are at the last point the old path still reaches.")
    return CarriedOver(done.st, done.fits, note.format(misfit=said(done.misfit.sentence())))
