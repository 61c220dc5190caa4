"""Which gates are open now, asked once a day in every simulated run, cheaply.

Asking every gate's condition once a day in thousands of runs costs more than the game itself.
A gate's answer depends only on the values its condition reads (a score, some flags...), and
those repeat a lot from day to day and run to run: so the values all the gates read are read
once, and the set of open gates is remembered for that combination.
"""

from __future__ import annotations

from typing import Any, Callable

from game.engine.expr import Node
from game.engine.model import Campaign
from game.engine.state import GameState

MAX_REMEMBERED = 200_000  # combinations kept per process; past that, gates are asked directly


def _leaves(node: Node, out: dict[tuple, Callable[[Any], Any]]) -> bool:
    """Collect the state-reading leaves of a tree (names, and calls on literals such as has("x")).

    Returns False when a leaf has no compiled function (then nothing is remembered).
    """
    if node.kind == "lit":
        return True
    if node.kind == "name" or (node.kind == "call" and all(a.kind == "lit" for a in node.args)):
        if node.fn is None:
            return False
        out[(node.kind, node.value, tuple(a.value for a in node.args))] = node.fn
        return True
    return all(_leaves(a, out) for a in node.args)


class GateWatch:
    """The ids of the gates open in a state, remembered by the values the gates read."""

    def __init__(self, camp: Campaign) -> None:
        self.gates = [(g.id, g.needs.fn) for g in camp.gates.values()]
        found: dict[tuple, Callable[[Any], Any]] = {}
        self.exact = all(_leaves(g.needs.tree, found) for g in camp.gates.values())
        self.reads = tuple(found.values())
        self.known: dict[tuple, tuple[str, ...]] = {}

    def ask(self, st: GameState) -> tuple[str, ...]:
        return tuple(gid for gid, fn in self.gates if fn(st))

    def open_now(self, st: GameState) -> tuple[str, ...]:
        if not self.exact:
            return self.ask(st)
        key = tuple([f(st) for f in self.reads])
        ids = self.known.get(key)
        if ids is None:
            ids = self.ask(st)
            if len(self.known) < MAX_REMEMBERED:
                self.known[key] = ids
        return ids
