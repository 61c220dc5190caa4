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


# an order against a number, and the bisection that places a value for it: v >= t and v < t
# hold by how many numbers lie at or below v, v > t and v <= t by how many lie below it
_PLACE = {operator.ge: right, operator.lt: right, operator.gt: left, operator.le: left}
Fact = Callable[[Any], Any]


def _ordered(fact: Fact) -> tuple[Callable[..., int], str, Any] | None:
    """(bisection, value, number) of a fact that orders a value against a number
    ("sesame >= 650"), else None."""
    cmp = getattr(fact, "cmp", None)  # set by the expression compiler on name-versus-constant comparisons
    return (_PLACE[cmp[0]], cmp[1], cmp[2]) if cmp is not None and cmp[0] in _PLACE else None


def _places(facts: list[Fact]) -> tuple[tuple[tuple[Callable[..., int], tuple, str], ...], list[Fact]]:
    """Split off the facts that order a value against numbers: the value's place among its
    numbers answers all of them with one bisection, where each fact was a call. (Values are
    never NaN, which would have no place: the engine refuses them, with inf, past ±LIMIT.)"""
    by_place: dict[tuple[Callable[..., int], str], set] = {}
    for f in facts:
        o = _ordered(f)
        if o is not None:
            by_place.setdefault(o[:2], set()).add(o[2])
    places = sorted(((bisect, tuple(sorted(ts)), value) for (bisect, value), ts in by_place.items()),
                    key=lambda p: (p[2], p[0].__name__))
    return tuple(places), [f for f in facts if _ordered(f) is None]


def _place(bisect: Callable[..., int], numbers: tuple, value: str) -> Fact:
    """The place of the state's value among the numbers it is ordered against."""
    return lambda st: bisect(numbers, st.vals[value])


class GateWatch:
    """The ids of the gates open in a state, remembered by the facts the gates combine."""

    def __init__(self, camp: Campaign) -> None:
        self.gates = [(g.id, g.needs.fn) for g in camp.gates.values()]
        found: dict[str, Fact] = {}
        flags: set[str] = set()
        self.exact = all(_facts(g.needs.tree, found, flags) for g in camp.gates.values())
        places, rest = _places(list(found.values()))
        self.readers = (*[_place(*p) for p in places], *rest)  # each answers a part of the key
        self.flags = frozenset(flags)
        self.known: dict[tuple, tuple[str, ...]] = {}
        self.held: tuple[GameState | None, int, frozenset[str]] = (None, 0, frozenset())

    def ask(self, st: GameState) -> tuple[str, ...]:
        return tuple([gid for gid, fn in self.gates if fn(st)])

    def open_now(self, st: GameState) -> tuple[str, ...]:
        """Asked every simulated day: one call per part of the key, in one comprehension (cheaper
        than maps over the parts' pieces)."""
        if not self.exact:
            return self.ask(st)
        held_st, ver, held = self.held  # the flags part, inline: see flags_held
        if held_st is not st or ver != st.flag_ver:
            held = self.flags_held(st)
        key = (held, *[read(st) for read in self.readers])
        ids = self.known.get(key)
        if ids is None:
            ids = self.ask(st)
            if len(self.known) < MAX_REMEMBERED:
                self.known[key] = ids
        return ids

    def flags_held(self, st: GameState) -> frozenset[str]:
        """The flags the gates test that the state has; the same set object while the state's
        flags have not moved (flag_ver), so it is neither built nor hashed again."""
        held_st, ver, held = self.held
        if held_st is not st or ver != st.flag_ver:
            held = self.flags.intersection(st.flags)
            self.held = (st, st.flag_ver, held)
        return held


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
