"""Drawing storylets from a deck: which may be drawn now, and which one the seed picks.

The draw is the busiest part of headless play: each one used to test every storylet's condition
against the state. Most of those conditions are only flags (``has("x") and not has("y")``) and a
day window, so both are taken out of the closures at load time:

- the day window picks the day's pool (storylets that cannot hold today are not in it);
- the flag tests give the same answer for the same flags, so each pool remembers, for each set of
  the flags it reads, which of its storylets pass them. That memo lives on the campaign, is shared
  by every game played on it, and only ever holds answers the flags alone decide, so it changes
  how fast a draw is and never what it draws.

What is left (visited, numbers, other functions) is tested each draw, on the few that pass.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from typing import Callable

from .bounds import LIMIT
from .errors import OutOfRange
from .msg import Msg
from .expr import NUM, Node, all_of, conjuncts, flag_test
from .model import Campaign, Deck
from .prepared import DayPool, DeckRun
from .rules import _round, _split
from .state import GameState

MEMO_LIMIT = 4096  # flag sets remembered per pool before it starts afresh: bounded memory in long simulations


class EmptyDeck(Exception):
    """Nothing can be drawn and the deck has no fallback."""


def prepare_decks(camp: Campaign) -> None:
    camp.run.decks = {did: prepare_deck(deck, camp.days) for did, deck in camp.decks.items()}


def prepare_deck(deck: Deck, days: int) -> DeckRun:
    """Build each day's pool once; days with the same storylets share one pool, and so one memo."""
    windows = [(sc, *_day_window(sc.cond.tree if sc.cond is not None else None)) for sc in deck.scenes]
    pools: dict[tuple, DayPool] = {}
    by_day = []
    for day in range(days + 1):
        entries = tuple((sc.id, sc.repeat, rest, *_split(sc.weight), need, bar)
                        for sc, lo, hi, rest, need, bar in windows if lo <= day <= hi)
        ids = tuple(e[0] for e in entries)
        if ids not in pools:
            pools[ids] = DayPool(entries, frozenset().union(*(e[5] | e[6] for e in entries)))
        by_day.append(pools[ids])
    return DeckRun(deck.id, deck.fallback, tuple(by_day))


def candidates(deck: DeckRun, st: GameState) -> tuple[list[str], list[int]]:
    """The storylets that may be drawn now, in deck order, and their running total of weights.

    A weight formula is rounded and never counts below 0. Plain loops, not comprehensions: for
    the dozen entries of a day's pool they cost half as much.
    """
    pool = deck.by_day[st.vals["day"]]
    flags = st.flags
    key = pool.reads & flags
    passed = pool.memo.get(key)
    if passed is None:
        passed = tuple(e for e in pool.entries if e[5] <= flags and e[6].isdisjoint(flags))
        if len(pool.memo) >= MEMO_LIMIT:
            pool.memo.clear()
        pool.memo[key] = passed
    visited = st.visited
    ids: list[str] = []
    cum: list[int] = []
    total = 0
    for sid, repeat, rest, weight, formula, _, _ in passed:
        if (repeat or sid not in visited) and (rest is None or rest(st)):
            if formula is not None:
                x = formula(st)
                if not -LIMIT <= x <= LIMIT:  # also refuses inf and nan, before _round would
                    raise OutOfRange(Msg("storylet '{id}'", id=sid), Msg("its weight formula gives"), x)
                weight = _round(x)
                if weight < 0:
                    weight = 0
            total += weight
            ids.append(sid)
            cum.append(total)
    return ids, cum


def draw(deck: DeckRun, st: GameState) -> str:
    """One eligible storylet by weight with the seeded generator, or the deck's fallback."""
    ids, cum = candidates(deck, st)
    if not cum or cum[-1] <= 0:
        if not deck.fallback:
            raise EmptyDeck(deck.id)
        return deck.fallback
    return ids[bisect_right(cum, st.random() * cum[-1])]


def _day_window(tree: Node | None) -> tuple[int | float, int | float, Callable | None,
                                             frozenset[str], frozenset[str]]:
    """Split a storylet's condition into its day window, the flags it needs and bars, and the rest.

    ``day >= 8 and has("x") and not has("y")`` holds from day 8 only, and from then on it is
    two set tests. Only top-level ``and`` parts are split off; anything else stays in the rest.
    """
    if tree is None:
        return 0, math.inf, None, frozenset(), frozenset()
    lo: int | float
    lo, hi = 0, math.inf
    rest: list[Callable] = []
    need: set[str] = set()
    bar: set[str] = set()
    for node in conjuncts(tree):
        flag, wanted = flag_test(node)
        if flag:
            (need if wanted else bar).add(flag)
            continue
        window = _day_bound(node)
        if window is None:
            rest.append(node.fn)  # type: ignore[arg-type]
            continue
        lo, hi = max(lo, window[0]), min(hi, window[1])
    return lo, hi, all_of(rest) if rest else None, frozenset(need), frozenset(bar)


def _day_bound(node: Node) -> tuple[int | float, int | float] | None:
    """The days ``day >= 8`` (and the like) allows, or None if the node is not such a test."""
    if node.kind != "cmp":
        return None
    a, b = node.args
    if not (a.kind == "name" and a.value == "day" and b.kind == "lit" and b.type == NUM):
        return None
    k = b.value
    return {">=": (math.ceil(k), math.inf), ">": (math.floor(k) + 1, math.inf),
            "<=": (0, math.floor(k)), "<": (0, math.ceil(k) - 1), "==": (k, k)}.get(node.op)
