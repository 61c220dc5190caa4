"""Shorten the choice path of a problem a simulated run found, keeping its seed.

A random run wanders: the path to a dead end holds loops that have nothing to do with it (back
to the same scene a day later, round the shop twice...). Each loop (a stretch that starts and ends
in the same scene) is cut out, longest first, and the shorter path is replayed from the same seed;
a cut is kept when the same problem still happens at the path's last choice. The work is counted
in choices applied, not in seconds, so the answer is the same on any machine.
"""

from __future__ import annotations

from game.engine import engine as E
from game.engine.model import Campaign

from .simulate_decks import ran_dry
from .simulate_tally import Problem

BUDGET = 100_000  # choices applied in replays for one report (about a second), shared by its problems


class Budget:
    def __init__(self, choices: int = BUDGET) -> None:
        self.left = choices

    def spend(self, n: int) -> bool:
        self.left -= n
        return self.left >= 0


def happens(camp: Campaign, p: Problem, path: list[str]) -> int | None:
    """The day the problem happens at the path's last choice when replayed from its seed, or None."""
    try:
        st = E.new_game(camp, p.seed)
        for cid in path[:-1]:
            E.apply(camp, st, cid)
    except Exception:  # noqa: BLE001 - a cut path that breaks earlier is simply not kept
        return None
    try:
        E.apply(camp, st, path[-1])
    except E.DeadEnd as e:
        kind = "empty deck" if e.scene in camp.decks else "dead end"
        return e.day if (kind, e.scene) == (p.kind, p.where) else None
    except Exception as e:  # noqa: BLE001
        return st.vals["day"] if p.kind == "error" and p.reason.endswith(str(e)) else None
    if p.kind == "empty deck" and p.where in camp.decks and ran_dry(camp, st, p.where):
        return st.vals["day"]
    return None


def shrink(camp: Campaign, p: Problem, budget: Budget) -> None:
    """Cut loops out of the problem's path, in place, while the problem still happens at its end."""
    if p.kind == "no ending":
        return
    path = p.path
    while True:
        cut = _first_cut(camp, p, path, budget)
        if cut is None:
            break
        path = cut
    p.path = path


def _first_cut(camp: Campaign, p: Problem, path: list[str], budget: Budget) -> list[str] | None:
    """The path without its longest loop whose removal keeps the problem; None if there is none."""
    scenes = [cid.rsplit(".", 1)[0] for cid in path]
    loops = sorted(((i, j) for i in range(len(path)) for j in range(i + 1, len(path)) if scenes[i] == scenes[j]),
                   key=lambda ij: (ij[0] - ij[1], ij[0]))
    for i, j in loops:
        cut = path[:i] + path[j:]
        if not budget.spend(len(cut)):
            return None
        day = happens(camp, p, cut)
        if day is not None:
            p.day = day
            return cut
    return None
