"""One game being played: the campaign, its state, and the autosave after every choice.

This is the shell around the pure engine that both the Textual app and headless callers use, so a
test can do whatever the UI does without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game import saves
from game.engine import engine
from game.engine.engine import GateStatus, Option, Outcome
from game.engine.model import Campaign
from game.engine.state import GameState


@dataclass
class Session:
    camp: Campaign
    st: GameState
    saves_dir: Path
    last: Outcome | None = None
    autosave_error: str = ""
    saved: bool = True  # False from a choice until its autosave is written (see ``flush``)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def new(cls, camp: Campaign, seed: int, saves_dir: Path) -> "Session":
        return cls(camp, engine.new_game(camp, seed), saves_dir)

    def options(self) -> list[Option]:
        return engine.options(self.camp, self.st)

    def text(self) -> str:
        return engine.scene_text(self.camp, self.st)

    def gates(self) -> list[GateStatus]:
        return engine.gates(self.camp, self.st)

    @property
    def scene(self):
        return self.camp.scenes[self.st.scene]

    def choose(self, choice_id: str, *, save_now: bool = True) -> Outcome:
        """Apply a choice, then autosave; a failed autosave is reported, never fatal.

        With ``save_now=False`` the caller calls ``flush`` soon after: the screen draws the
        choice first, and the write with its fsyncs waits for the disk after that.
        """
        self.last = engine.choose(self.camp, self.st, choice_id)
        self.saved = False
        if save_now:
            self.flush()
        return self.last

    def flush(self) -> None:
        """Write the autosave a choice left to do; nothing if it is written already."""
        if not self.saved:
            self.saved = True
            self.autosave()

    def autosave(self) -> None:
        try:
            saves.autosave(self.saves_dir, self.camp, self.st)
            self.autosave_error = ""
        except (OSError, saves.SaveError) as e:
            self.autosave_error = f"Autosave failed: {e}"

    def save(self, slot: str) -> Path:
        return saves.write_save(self.saves_dir, slot, self.camp, self.st)
