"""Which gates are open now, asked once a day in every simulated run, cheaply.

Asking every gate's condition once a day in thousands of runs costs more than the game itself.
A condition is and/or/not over a few facts ("credit >= 850", has("redlist")), and the same facts
recur across gates, days and runs: so each fact is asked once (the has() facts all at once, as
one set operation on the flags), and the set of open gates is remembered for each combination.
"""

from __future__ import annotations

import operator
from bisect import bisect_left as left, bisect_right as right
from dataclasses import dataclass, field
from typing import Any, Callable

from game.engine.expr import Node
from game.engine.model import Campaign
from game.engine.state import GameState

MAX_REMEMBERED = 100_000  # combinations kept per process; past that, gates are asked directly


def _facts(node: Node, out: dict[str, Callable[[Any], Any]], flags: set[str]) -> bool:
    """Collect the facts a condition combines: flags it tests with has(), and its other parts
    below and/or/not, keyed by their text.

    Returns False when a part has no compiled function (then nothing is remembered).
    """
    if node.kind in ("and", "or", "not"):
        return all(_facts(a, out, flags) for a in node.args)
    if node.kind == "lit":
        return True
    if node.kind == "call" and node.value == "has" and node.args and node.args[0].kind == "lit":
        flags.add(str(node.args[0].value))
        return True
    if node.fn is None:
        return False
    out[_text(node)] = node.fn
    return True


def _text(node: Node) -> str:
    return f"{node.kind}:{node.op}:{node.value}({','.join(_text(a) for a in node.args)})"


_ORDER = (operator.lt, operator.le, operator.gt, operator.ge)  # what a place among thresholds answers


def _ordered(fact: Callable[[Any], Any]) -> tuple[str, Any] | None:
    """(value, number) of a fact that orders a value against a number ("sesame >= 650"), else None."""
    cmp = getattr(fact, "cmp", None)  # set by the expression compiler on name-versus-constant comparisons
    return (cmp[1], cmp[2]) if cmp is not None and cmp[0] in _ORDER else None


def _thresholds(facts: list[Callable[[Any], Any]]) -> tuple[list[tuple[str, tuple]], list[Callable[[Any], Any]]]:
    """Split off the facts that order one value against numbers: for a value ordered against two
    or more numbers, its place among them (how many lie below it, how many at or below it)
    answers every one of those facts, with two bisections instead of a call each. A value
    ordered against one number keeps its fact (a place there could not tell NaN from it)."""
    by_value: dict[str, set] = {}
    for f in facts:
        o = _ordered(f)
        if o is not None:
            by_value.setdefault(o[0], set()).add(o[1])
    groups = {k: tuple(sorted(ts)) for k, ts in by_value.items() if len(ts) > 1}
    rest = [f for f in facts if (o := _ordered(f)) is None or o[0] not in groups]
    return sorted(groups.items()), rest


class GateWatch:
    """The ids of the gates open in a state, remembered by the facts the gates combine."""

    def __init__(self, camp: Campaign) -> None:
        self.gates = [(g.id, g.needs.fn) for g in camp.gates.values()]
        found: dict[str, Callable[[Any], Any]] = {}
        flags: set[str] = set()
        self.exact = all(_facts(g.needs.tree, found, flags) for g in camp.gates.values())
        self.places, rest = _thresholds(list(found.values()))
        self.facts = tuple(rest)
        self.flags = frozenset(flags)
        self.known: dict[tuple, tuple[str, ...]] = {}

    def ask(self, st: GameState) -> tuple[str, ...]:
        return tuple([gid for gid, fn in self.gates if fn(st)])

    def open_now(self, st: GameState) -> tuple[str, ...]:
        if not self.exact:
            return self.ask(st)
        vals = st.vals
        key = (self.flags.intersection(st.flags), *[(left(ts, vals[k]), right(ts, vals[k])) for k, ts in self.places],
               *[f(st) for f in self.facts])
        ids = self.known.get(key)
        if ids is None:
            ids = self.ask(st)
            if len(self.known) < MAX_REMEMBERED:
                self.known[key] = ids
        return ids


@dataclass(slots=True)
class GatesSeen:
    """The gates one run had open, from samples: ever open, open at the start, and which of
    those it was later seen without."""

    start: frozenset[str]
    opened: set[str] = field(default_factory=set)
    shut: set[str] = field(default_factory=set)
    last: tuple[str, ...] | None = None

    @classmethod
    def at_start(cls, now: tuple[str, ...]) -> "GatesSeen":
        return cls(frozenset(now), set(now), set(), now)

    def sample(self, now: tuple[str, ...]) -> None:
        """Note the gates open now. GateWatch hands back the very same tuple while the same gates
        are open, which is most days: then there is nothing new to note."""
        if now is self.last:
            return
        self.last = now
        self.opened.update(now)
        if len(self.start) > len(self.shut):
            self.shut.update(self.start.difference(now))
