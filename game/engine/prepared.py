"""A campaign as the engine plays it: what is worked out once at load, kept apart from what authors wrote.

The authored model (model.py) says what the TOML says. Playing it fast needs more: each choice's
condition and gate in one test, effects flattened into tuples, each rule compiled into one closure
that fires it, the `when` rules worth testing after each kind of step, each deck's storylets by day.
All of it is derived, so it lives here, keyed by the same stable ids, built by ``rules.prepare`` and
``draw.prepare_decks`` and held by the campaign as ``Campaign.run``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntFlag
from typing import TYPE_CHECKING, Callable

from .msg import Msg

if TYPE_CHECKING:
    from .model import Choice, Route, Where
    from .state import GameState


class Moved(IntFlag):
    """What a step moved; a `when` rule is tested only after a step that moved something it reads.

    The step computes these bits as plain ints and indexes ``Prepared.when_by`` with them: an
    IntFlag ``|`` takes about 0.9 µs and ``Moved(3)`` 0.4 µs, against 0.05 µs for the int sum,
    on a step of about 10 µs. So the flag names the bits, prepare uses it, and the hot path uses
    the values (``SCORES``, ``FLAGS``, ``DAY`` below).
    """

    SCORES = 1
    FLAGS = 2
    DAY = 4


SCORES, FLAGS, DAY = int(Moved.SCORES), int(Moved.FLAGS), int(Moved.DAY)
EVERY_MIX = tuple(Moved(m) for m in range(8))  # every mix of the three, by value

# The net change to each stat in a step, for the notice and for `when` rules that read stats;
# None when nobody will read it (apply, on a campaign whose `when` rules read no stat).
Changes = dict[str, int] | None
Test = Callable[["GameState"], object]
Formula = Callable[["GameState"], float]  # a number formula: an int or a float, checked against ±LIMIT
Fire = Callable[["GameState", Changes], str]  # fires a rule whose test passed; returns its goto or ""
Firing = tuple[Test | None, Fire]  # a rule's test (None: it always fires) and what it does
# A `when` rule as a step checks it: (rule id, stats it reads or None, its `when`, its `if` and
# `once` in one test or None, what it does). Stats are given when only a change to one of them
# would make it worth testing.
WhenCheck = tuple[str, frozenset[str] | None, Test, Test | None, Fire]
# A stat effect: (stat, amount, formula or None, min, max, edge).
StatFx = tuple[str, int, "Formula | None", int, int, "Edge"]


@dataclass(frozen=True, slots=True)
class Edge:
    """Who an effect belongs to and which ends of its stat are open, for the message past the range.

    An open end is stored as ±LIMIT in the effect, so the hot path compares as it would with a
    declared bound; only when a value passes it does this say whether to clamp or to stop.
    """

    who: str  # "rule 'drift'", "choice 'market.diapers'"
    at: Where | None
    open_lo: bool
    open_hi: bool

    def says(self) -> str:
        """The owner with its file and line, looked up only now that a message needs them."""
        if self.at is None:
            return self.who
        return Msg.listing([self.who, f" ({self.at.file}:{self.at.line})"], "")


@dataclass(frozen=True, slots=True)
class Watch:
    """What a `when` condition reads: moved bits, and the stats among them (None: something else)."""

    reads: Moved
    stats: frozenset[str]


@dataclass(slots=True)
class ChoiceRun:
    """A choice as the hot path reads it."""

    choice: Choice
    id: str
    scene: SceneRun
    test: Test | None  # its condition and its gate in one; None: always open
    fx: tuple[StatFx, ...]
    rare: bool  # sets or clears flags, changes friends, has later or reveal, is once-only: one test for all
    jump: bool = False  # calls a sub-scene or goes back from one


@dataclass(slots=True)
class SceneRun:
    id: str
    routes: list[Route]
    ending: bool
    choices: tuple[ChoiceRun, ...] = ()
    always: tuple[str, ...] | None = None  # choice ids when none can ever be locked (the fast path)


@dataclass(slots=True)
class DayPool:
    """A deck's storylets whose day window holds on some day, ready for the draw.

    Each entry is (scene id, repeat, rest of the condition or None, weight, weight formula or None,
    flags needed, flags barred).
    """

    entries: tuple
    reads: frozenset[str]  # every flag the entries' flag tests name: the memo's key is the state's share of them
    memo: dict[frozenset[str], tuple] = field(default_factory=dict)


@dataclass(slots=True)
class DeckRun:
    id: str
    fallback: str
    by_day: tuple[DayPool, ...] = ()  # per day, the pool of the storylets whose day window holds


@dataclass(slots=True)
class Prepared:
    """Everything the engine works out once per campaign; empty until the loader prepares it."""

    choices: dict[str, ChoiceRun] = field(default_factory=dict)  # by full id "scene.choice"
    scenes: dict[str, SceneRun] = field(default_factory=dict)
    on: dict[str, tuple[Firing, ...]] = field(default_factory=dict)  # by act
    every_choice: tuple[Firing, ...] = ()
    every_day: tuple[Firing, ...] = ()
    when_by: tuple[tuple[WhenCheck, ...], ...] = ()  # by the Moved bits of a step, 0 to 7
    watches_stats: bool = False  # a `when` rule reads a stat, so a step must note which stats moved
    decks: dict[str, DeckRun] = field(default_factory=dict)
    # Who can set and who can clear each flag, by (flag, "set" or "clear"): "" for a choice, else a
    # rule's id. The notice keeps quiet a flag that only hidden rules move (see game.notice.told).
    movers: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
