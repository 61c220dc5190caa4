"""What a batch of simulated runs found, in counts that add up across batches.

Everything is a count keyed by a stable id, or the shortest example of a problem, so batches from
different processes merge into the same totals whatever order they finish in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import zip_longest

from game.engine.state import GameState


@dataclass(slots=True)
class Problem:
    """A way a run broke off: a dead end, an empty deck, a content error or no ending in time.

    ``seed`` and ``path`` are the shortest run that reached it (ties: the lowest seed), later cut
    down (simulate_shrink), so an author can replay it exactly from seed and choice log.
    """

    kind: str  # "dead end", "empty deck", "error", "no ending"
    where: str  # the scene or deck
    day: int
    reason: str
    runs: int
    seed: int
    path: list[str]

    def key(self) -> tuple[str, str]:
        return self.kind, self.where

    def shorter(self, other: "Problem") -> bool:
        return (len(self.path), self.seed) < (len(other.path), other.seed)


@dataclass(slots=True)
class Reading:
    """What one game showed the player, beside its scores: noted in the run, folded in after it."""

    screens: int  # screens read before a choice (see simulate_screens)
    repeated: list[str]  # the scene of each screen read again word for word, in order
    flags: set[str]  # flags and lists ever set
    start_open: frozenset[str]  # gates open at the start
    shut: set[str]  # of those, the ones found shut at the start of a later day or at the end
    new_words: int | None = None  # words shown for the first time in the game (None: not counted)


@dataclass(slots=True)
class Tally:
    runs: int = 0
    choices_made: int = 0
    scenes: Counter = field(default_factory=Counter)  # id -> runs that visited it
    choices: Counter = field(default_factory=Counter)  # id -> runs that took it
    rules: Counter = field(default_factory=Counter)  # id -> runs in which it fired
    gates: Counter = field(default_factory=Counter)  # id -> runs in which it was ever open
    endings: Counter = field(default_factory=Counter)  # ending scene -> runs
    days: dict[str, list[Counter]] = field(default_factory=dict)  # score -> per day: value -> runs
    final: dict[str, Counter] = field(default_factory=dict)  # score -> value at the end -> runs
    peak: dict[str, Counter] = field(default_factory=dict)  # score -> highest value seen -> runs
    low: dict[str, Counter] = field(default_factory=dict)  # score -> lowest value seen -> runs
    problems: dict[tuple[str, str], Problem] = field(default_factory=dict)
    screens: int = 0  # screens read, over all runs
    repeat_share: Counter = field(default_factory=Counter)  # per mille of a run's screens read again -> runs
    repeated: Counter = field(default_factory=Counter)  # scene -> screens there read again, over all runs
    repeated_runs: Counter = field(default_factory=Counter)  # scene -> runs that read a screen there again
    new_words: Counter = field(default_factory=Counter)  # words a run showed for the first time -> runs
    flags_set: Counter = field(default_factory=Counter)  # flag or list -> runs that ever set it
    start_open: Counter = field(default_factory=Counter)  # gate -> runs that had it open at the start
    shut: Counter = field(default_factory=Counter)  # gate -> runs that had it open at the start, then shut
    # score -> per run (days' values, final, peak, low), kept as rows until settle() counts them
    rows: dict[str, list[tuple[list[int], int, int, int]]] = field(default_factory=dict)

    def add_run(self, st: GameState, opened: set[str], days: int) -> None:
        """Fold one finished (or broken-off) run in: read once from the state, after the run.

        Score values are only noted here; settle() counts them column by column, which is
        much cheaper than counting each value of each run as it comes.
        """
        self.runs += 1
        self.choices_made += len(st.log)
        self.scenes.update(st.visited.keys())
        self.choices.update(set(st.log))
        self.rules.update(st.fired.keys())
        self.gates.update(opened)
        if st.ending:
            self.endings[st.ending] += 1
        vals = st.vals
        for score, hist in st.history.items():
            now = vals[score]
            self.rows.setdefault(score, []).append((hist[:days], now, max(max(hist), now), min(min(hist), now)))

    def add_reading(self, r: Reading) -> None:
        """Fold in what one run showed; a run that broke off before its first choice read nothing."""
        self.flags_set.update(r.flags)
        self.start_open.update(r.start_open)
        self.shut.update(r.shut)
        if not r.screens:
            return
        self.screens += r.screens
        self.repeat_share[round(1000 * len(r.repeated) / r.screens)] += 1
        self.repeated.update(r.repeated)
        self.repeated_runs.update(set(r.repeated))
        if r.new_words is not None:
            self.new_words[r.new_words] += 1

    def settle(self) -> None:
        """Count the noted score values into the per-day, final, peak and low tables."""
        for score, rows in self.rows.items():
            per_day = self.days.setdefault(score, [])
            for d, column in enumerate(zip_longest(*(r[0] for r in rows))):
                counted = Counter(column)
                counted.pop(None, None)  # runs that ended before this day
                if d == len(per_day):
                    per_day.append(Counter())
                per_day[d].update(counted)
            for table, i in ((self.final, 1), (self.peak, 2), (self.low, 3)):
                table.setdefault(score, Counter()).update(r[i] for r in rows)
        self.rows = {}

    def add_problem(self, p: Problem) -> None:
        old = self.problems.get(p.key())
        if old is None:
            self.problems[p.key()] = p
            return
        runs = old.runs + p.runs
        keep = p if p.shorter(old) else old
        keep.runs = runs
        self.problems[p.key()] = keep

    def merge(self, other: "Tally") -> None:
        other.settle()
        self.settle()
        self.runs += other.runs
        self.choices_made += other.choices_made
        self.screens += other.screens
        for mine, theirs in ((self.scenes, other.scenes), (self.choices, other.choices),
                             (self.rules, other.rules), (self.gates, other.gates),
                             (self.endings, other.endings), (self.repeat_share, other.repeat_share),
                             (self.repeated, other.repeated), (self.repeated_runs, other.repeated_runs),
                             (self.new_words, other.new_words),
                             (self.flags_set, other.flags_set), (self.start_open, other.start_open),
                             (self.shut, other.shut)):
            mine.update(theirs)
        for score, per_day in other.days.items():
            ours = self.days.setdefault(score, [])
            while len(ours) < len(per_day):
                ours.append(Counter())
            for d, c in enumerate(per_day):
                ours[d].update(c)
        for mine_by, theirs_by in ((self.final, other.final), (self.peak, other.peak),
                                   (self.low, other.low)):
            for score, c in theirs_by.items():
                mine_by.setdefault(score, Counter()).update(c)
        for p in other.problems.values():
            self.add_problem(p)
