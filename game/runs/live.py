"""A run played by hand: the session the day screen drives, with a real clock, records and a replay.

It is a ``Session`` so the day screen can show it unchanged, but it never autosaves: a run is not
a saved game. Starting it counts an attempt; finishing it writes the replay and puts the run on
the board, and judges it against the board as it was before (PB, gold).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from game.engine.challenges import Challenge, ChallengeSet
from game.engine.engine import Outcome, PlayError
from game.session import Session

from . import records, replay
from .records import RecordsError
from .replay import Replay
from .run import Reached, Run
from .splits import Entry, Judgement, judge, same_seed, segment_ids

Clock = Callable[[], float]


class LiveRun(Session):
    def __init__(self, cs: ChallengeSet, ch: Challenge, saves_dir: Path, clock: Clock = time.monotonic,
                 today: str | None = None, *, run: Run | None = None, record: bool = True) -> None:
        run = run or Run.start(cs, ch, today, real_ms=lambda: self.real_ms())
        super().__init__(cs.campaign, run.st, Path(saves_dir))
        self.cs, self.run, self.clock, self.today, self.record = cs, run, clock, today, record
        self.t0 = clock()
        self.new_splits: list[Reached] = []
        self.judgement: Judgement | None = None
        self.replay_path: Path | None = None
        self.entry: Entry | None = None  # this run on the board, once it is over
        self.problem = ""  # records or replay that could not be written, said once on the results
        try:
            board = records.load(saves_dir, cs.campaign.id, ch.id).entries
            self.before: list[Entry] = same_seed(ch, board, run.date)
            if record:
                records.count_attempt(saves_dir, cs.campaign.id, ch.id)
        except RecordsError as e:
            self.before, self.problem = [], str(e)

    @property
    def ch(self) -> Challenge:
        return self.run.ch

    def real_ms(self) -> int:
        return max(0, int((self.clock() - self.t0) * 1000))

    def choose(self, choice_id: str) -> Outcome:
        self.last = self.run.play.choose(choice_id)
        self.new_splits = self.run.new_splits
        if self.run.over:
            self.finish()
        return self.last

    def autosave(self) -> None:
        """A run is not a saved game: nothing to autosave (its replay is written when it ends)."""

    def standing(self) -> Judgement:
        """The splits so far against the personal best, for the timer panel."""
        reached = {s.id: s.at for s in self.run.splits}
        times = [reached.get(i) for i in segment_ids(self.ch)]
        if self.run.result is not None and self.run.result.status == "done":
            times[-1] = self.run.result.at
        return judge(self.ch, times, self.before)

    def finish(self) -> None:
        rep = replay.from_run(self.run)
        if not self.record:
            self.entry = records.entry_of(rep, "import", "")
            self.judgement = judge(self.ch, self.entry.times(segment_ids(self.ch)), self.before)
            return
        try:
            self.replay_path = replay.write(self.saves_dir, rep)
            self.entry = records.entry_of(rep, "play", self.replay_path.name)
            self.judgement = judge(self.ch, self.entry.times(segment_ids(self.ch)), self.before, self.entry)
            records.add(self.saves_dir, self.entry, self.cs.campaign.id, self.ch.id)
        except (OSError, RecordsError) as e:
            self.problem = f"The run could not be recorded: {e}"
            self.judgement = self.judgement or self.standing()

    def restart(self) -> "LiveRun":
        return LiveRun(self.cs, self.ch, self.saves_dir, self.clock, self.today)


class Playback(LiveRun):
    """A replay played back on screen: the recorded choices at their recorded real times, unrecorded.

    Its splits are compared with the local personal best, so a friend's run shows where it gained.
    """

    def __init__(self, cs: ChallengeSet, rep: Replay, saves_dir: Path) -> None:
        ch = cs.challenges[rep.challenge]
        run = Run(cs, ch, rep.seed, rep.date, real_ms=lambda: rep.steps[len(run.steps)].at.real_ms)
        super().__init__(cs, ch, saves_dir, run=run, record=False)
        self.rep = rep

    @property
    def done(self) -> int:
        return len(self.run.steps)

    def real_ms(self) -> int:
        steps = self.rep.steps
        return steps[self.done - 1].at.real_ms if self.done else 0

    def wait_ms(self) -> int:
        """Real time between the last step played and the next one (0 when the run is over)."""
        if self.run.over or self.done >= len(self.rep.steps):
            return 0
        return self.rep.steps[self.done].at.real_ms - self.real_ms()

    def play_next(self) -> Outcome:
        """Play the next recorded choice (PlayError if it no longer fits the story)."""
        if self.done >= len(self.rep.steps):
            raise PlayError("the replay has no more choices")
        step = self.rep.steps[self.done]
        self.last = self.run.play.choose(step.choice)
        self.new_splits = self.run.new_splits
        if self.run.over:
            self.finish()
        return self.last
