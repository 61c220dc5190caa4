"""The summary of a finished (or running) life: scores, the rules that moved them most, the gates."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import engine
from game.engine.model import Campaign
from game.engine.state import GameState


@dataclass
class LifeSummary:
    scores: list[str]
    days: int
    choices: int
    shaped: list[tuple[str, int, str]]  # rule id, net change, why
    open: list[str]
    shut: list[str]


def life_summary(camp: Campaign, st: GameState, top: int = 5) -> LifeSummary:
    scores = []
    for sc in camp.scores.values():
        v = st.vals[sc.id]
        scores.append(f"{sc.label}: {v} ({sc.band(v)}) — started at {sc.start}")
    totals: dict[str, int] = {}
    for e in st.ledger:
        totals[e.rule] = totals.get(e.rule, 0) + e.delta
    ranked = sorted(totals.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:top]
    shaped = [(r, t, camp.rules[r].why if r in camp.rules else "") for r, t in ranked if t]
    gates = engine.gates(camp, st)
    return LifeSummary(scores, st.day, len(st.log), shaped,
                       [g.title for g in gates if g.open], [g.title for g in gates if not g.open])
