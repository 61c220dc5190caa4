"""A run on the local board: judged against the board as it was, counted, recorded when it ends.

``finish`` is the one place a run is finished (its replay written, its entry put on the board,
its splits judged); the day screen's run and the ``route`` command both come through it. An
``Attempt`` listens to its run's play and finishes it as soon as the run is over.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from game.engine.challenges import Challenge
from game.engine.engine import Outcome
from game.engine.play import Play
from game.i18n import _, said_error

from . import records, replay
from .board import read as read_board
from .records import RecordsError
from .run import Run
from .splits import Entry, Judgement, judge, segment_ids


@dataclass(slots=True)
class Finished:
    """A finished run as the board sees it: its entry, its judgement, and its replay file if written."""

    entry: Entry
    judgement: Judgement
    replay_path: Path | None = None


def board_before(saves_dir: Path, run: Run) -> list[Entry]:
    """The board's verified runs this one is judged against (same seed); RecordsError if it cannot be read."""
    return read_board(saves_dir, run.cs, run.ch, run.date).counted


def finish(run: Run, saves_dir: Path, before: list[Entry], source: str, *, write: bool = True,
           board: bool = True, count: bool = False) -> Finished:
    """Write the replay (``write``), put the run on the board (``board``), judge it against ``before``.

    ``count`` also counts the attempt, for runs not counted when they started (a route). A run
    that is only watched (neither written nor recorded) is judged without itself as a candidate.
    Raises OSError or RecordsError when a file cannot be written.
    """
    rep = replay.from_run(run)
    ids = segment_ids(run.ch)
    if not write:
        entry = records.entry_of(rep, source, "")
        return Finished(entry, judge(run.ch, entry.times(ids), before))
    path = replay.write(saves_dir, rep)
    entry = records.entry_of(rep, source, path.name)
    if board:
        records.add(saves_dir, entry, run.camp.id, run.ch.id, attempt=count)
    return Finished(entry, judge(run.ch, entry.times(ids), before, entry), path)


class Attempt:
    """A run being played on screen, with what the timer panel and the results screen show.

    ``board`` counts the attempt now and records the run when it ends; a replay watched back is
    neither counted, written nor recorded (``board=False, write=False``). ``shown_ms`` is the real
    time the timer shows between choices (the stopwatch, or the last recorded step's time).
    """

    def __init__(self, run: Run, saves_dir: Path, *, source: str = "play", board: bool = True,
                 write: bool = True, shown_ms: Callable[[], int] | None = None) -> None:
        self.run, self.saves_dir = run, Path(saves_dir)
        self.source, self.board, self.write = source, board, write
        self.shown_ms = shown_ms or run.real_ms
        self.finished: Finished | None = None
        self.judgement: Judgement | None = None
        self.problem = ""  # records or replay that could not be written, said once on the results
        try:
            self.before = board_before(self.saves_dir, run)
            if board:
                records.count_attempt(self.saves_dir, run.camp.id, run.ch.id)
        except RecordsError as e:
            self.before, self.problem = [], said_error(e)
        run.play.listen(self.on_choice)

    @property
    def ch(self) -> Challenge:
        return self.run.ch

    @property
    def watching(self) -> bool:
        """A replay played back: nothing of it is written, and it sets no personal best."""
        return not self.write

    @property
    def entry(self) -> Entry | None:
        return self.finished.entry if self.finished else None

    @property
    def replay_path(self) -> Path | None:
        return self.finished.replay_path if self.finished else None

    def on_choice(self, play: Play, out: Outcome | None) -> None:
        if self.run.over and self.finished is None and self.judgement is None:
            self.end()

    def standing(self) -> Judgement:
        """The splits so far against the personal best, for the timer panel."""
        reached = {s.id: s.at for s in self.run.splits}
        times = [reached.get(i) for i in segment_ids(self.ch)]
        if self.run.result is not None and self.run.result.status == "done":
            times[-1] = self.run.result.at
        return judge(self.ch, times, self.before)

    def end(self) -> None:
        try:
            self.finished = finish(self.run, self.saves_dir, self.before, self.source,
                                   write=self.write, board=self.board)
            self.judgement = self.finished.judgement
        except (OSError, RecordsError) as e:
            self.problem = _("The run could not be recorded: {why}").format(why=said_error(e))
            self.judgement = self.standing()
