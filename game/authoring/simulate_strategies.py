"""How a simulated player picks among the open choices: random, least-used, greedy up or down.

A strategy's own randomness comes from a generator of its own, seeded from the run's seed (never
the global one, never the game's stream): the game's stream must stay exactly what a replay from
(seed, choice log) sees, or storylet draws in a replay would differ from the run that found a
problem. It is the game's own generator (splitmix64, ``GameState.random``) on a second state, so
all randomness in the project comes from one seeded source and a run is the same on any Python.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Callable, Sequence

from game.engine import engine as E
from game.i18n import _
from game.engine.model import Campaign
from game.engine.state import GameState

NAMES = ("random", "least-used", "greedy-up:SCORE", "greedy-down:SCORE")

# Mixed into the run's seed so the player's stream differs from the game's own (which starts at seed).
_PLAYER_SALT = 0x5EED_C0DE


class StrategyError(ValueError):
    """A strategy name that does not exist, or a greedy one naming an unknown score."""


@dataclass(frozen=True, slots=True)
class StrategySpec:
    """A parsed ``--strategy`` value; plain data, so it can be sent to worker processes."""

    kind: str  # random, least-used, greedy
    target: str = ""  # the score or stat a greedy player pushes
    sign: int = 1  # +1 up, -1 down

    @property
    def label(self) -> str:
        if self.kind != "greedy":
            return self.kind
        return f"greedy-{'up' if self.sign > 0 else 'down'}:{self.target}"


def parse_strategy(text: str, camp: Campaign) -> StrategySpec:
    """Read ``random``, ``least-used``, ``greedy-up:credit`` or ``greedy-down:money``."""
    if text in ("random", "least-used"):
        return StrategySpec(text)
    head, colon, target = text.partition(":")
    if head not in ("greedy-up", "greedy-down"):
        raise StrategyError(_("unknown strategy '{text}'; use one of: {names}").format(
            text=text, names=", ".join(NAMES)))
    known = list(camp.scores) + list(camp.stats)
    if target not in known:
        raise StrategyError(_("strategy '{text}': '{target}' is not a score or stat of campaign '{campaign}'; "
                              "use one of: {names}").format(text=text, target=target, campaign=camp.id,
                                                            names=", ".join(known)))
    return StrategySpec("greedy", target, 1 if head == "greedy-up" else -1)


class Dice:
    """A second stream of the game's generator: only its state, and GameState's own step."""

    __slots__ = ("rng",)
    random = GameState.random

    def __init__(self, seed: int) -> None:
        self.rng = seed & ((1 << 64) - 1)


class Player:
    """Picks uniformly among the open choices."""

    def __init__(self, spec: StrategySpec) -> None:
        self.spec = spec
        self.dice = Dice(0)
        self.r: Callable[[], float] = self.dice.random  # type: ignore[misc]  # GameState.random, borrowed

    def start(self, seed: int) -> None:
        """Called before each run: the player's dice depend on the run's seed alone."""
        self.dice.rng = (seed ^ _PLAYER_SALT) & ((1 << 64) - 1)

    def pick(self, camp: Campaign, st: GameState, ids: Sequence[str]) -> str:
        n = len(ids)
        return ids[0] if n == 1 else ids[int(self.r() * n)]


class LeastUsed(Player):
    """Always takes the choice taken least so far, for coverage (ties: the seeded generator).

    The counts live for one chunk of runs (a fixed number of consecutive seeds, the same whatever
    the number of jobs), so a report never depends on how the runs were spread over processes.
    """

    def __init__(self, spec: StrategySpec) -> None:
        super().__init__(spec)
        self.counts: dict[str, int] = {}

    def pick(self, camp: Campaign, st: GameState, ids: Sequence[str]) -> str:
        get = self.counts.get
        low = min(get(c, 0) for c in ids)
        ties = [c for c in ids if get(c, 0) == low]
        cid = ties[0] if len(ties) == 1 else ties[int(self.r() * len(ties))]
        self.counts[cid] = low + 1
        return cid


class Greedy(Player):
    """Takes the choice that moves one score furthest up (or down) in one step.

    Each open choice is tried on a copy of the state; a choice that breaks the story on the copy
    counts as no change, so the real run walks into it only if nothing better is open.
    """

    def pick(self, camp: Campaign, st: GameState, ids: Sequence[str]) -> str:
        if len(ids) == 1:
            return ids[0]
        key, sign = self.spec.target, self.spec.sign
        base = st.vals[key]
        best: list[str] = []
        best_gain = 0
        for cid in ids:
            trial = fork(st)
            try:
                E.apply(camp, trial, cid)
                gain = (trial.vals[key] - base) * sign
            except E.PlayError:
                gain = 0
            if not best or gain > best_gain:
                best, best_gain = [cid], gain
            elif gain == best_gain:
                best.append(cid)
        return best[0] if len(best) == 1 else best[int(self.r() * len(best))]


def make_player(spec: StrategySpec) -> Player:
    return {"random": Player, "least-used": LeastUsed, "greedy": Greedy}[spec.kind](spec)


# ---------------------------------------------------------------- copying a state for look-ahead

def _how(annotation: str) -> int:
    """0: share the value (numbers, text, tuples), 1: copy the container, 2: copy its containers too."""
    if not annotation.startswith(("dict", "list", "set")):
        return 0
    value_type = annotation.partition(",")[2].strip()  # "dict[str, list[int]]" -> "list[int]]"
    return 2 if annotation.startswith("dict") and value_type.startswith(("list", "set", "dict")) else 1


# From the field types, so state the engine gains later is copied too.
_PLAN: tuple[tuple[str, int], ...] = tuple((f.name, _how(str(f.type))) for f in fields(GameState))


def fork(st: GameState) -> GameState:
    """A copy of the state that a trial choice may change freely.

    Ledger entries and pending tuples are shared: the engine only ever appends new ones.
    """
    c = object.__new__(GameState)
    for name, how in _PLAN:
        v = getattr(st, name)
        setattr(c, name, v if how == 0 else v.copy() if how == 1 else {k: x.copy() for k, x in v.items()})
    return c
