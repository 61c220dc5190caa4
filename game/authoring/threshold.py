"""Tuning help: what threshold on a score would let about p % of simulated players through a gate.

Only comparisons of a score with a number can be tuned (stats are not followed day by day); the
other parts of a gate's condition (flags, lists...) stay as they are. The estimate comes from
the highest (for >= and >) or lowest (for <= and <) value each run reached, sampled at the start
of every day and at the end: the moments the simulation asks the gates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from game.engine.expr import Node
from game.i18n import _
from game.engine.model import Campaign

from .simulate_tally import Tally

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


class ThresholdError(ValueError):
    """A gate that does not exist, or whose condition compares no score with a number."""


@dataclass(frozen=True, slots=True)
class Bound:
    score: str
    op: str
    value: float


def bounds(camp: Campaign, gate_id: str) -> list[Bound]:
    """The score-versus-number comparisons in a gate's condition, score on the left."""
    gate = camp.gates.get(gate_id)
    if gate is None:
        raise ThresholdError(_("no gate '{gate}' in campaign '{campaign}'; gates are: {gates}").format(
            gate=gate_id, campaign=camp.id, gates=", ".join(sorted(camp.gates))))
    found: list[Bound] = []
    _walk(gate.needs.tree, set(camp.scores), found)
    if not found:
        raise ThresholdError(_("gate '{gate}' ({needs}) compares no score with a number, so there is no "
                               "threshold to tune").format(gate=gate_id, needs=gate.needs.src))
    return found


def _walk(node: Node, names: set[str], out: list[Bound]) -> None:
    if node.kind == "cmp" and node.op in _FLIP:
        a, b = node.args
        if a.kind == "name" and a.value in names and b.kind == "lit":
            out.append(Bound(a.value, node.op, b.value))
        elif b.kind == "name" and b.value in names and a.kind == "lit":
            out.append(Bound(b.value, _FLIP[node.op], a.value))
    for x in node.args:
        _walk(x, names, out)


def _through(values: Counter, op: str, t: float) -> int:
    """How many runs' values pass ``score op t``."""
    test = {">=": t.__le__, ">": t.__lt__, "<=": t.__ge__, "<": t.__gt__}[op]
    return sum(n for v, n in values.items() if test(v))


def suggest(values: Counter, op: str, target: float) -> float:
    """The threshold whose share of these runs let through comes closest to ``target`` %.

    Runs bunch on a few values, so the exact share is often out of reach; on a tie the looser
    threshold wins. For > and < the threshold sits one below (above) the last value let in.
    """
    total = sum(values.values()) or 1
    upward = op in (">=", ">")
    best, best_gap, seen = 0.0, float("inf"), 0
    for v in sorted(values, reverse=upward):
        seen += values[v]
        gap = abs(seen / total * 100 - target)
        if gap <= best_gap:
            best, best_gap = v, gap
    return best - 1 if op == ">" else best + 1 if op == "<" else best


def threshold_report(camp: Campaign, tally: Tally, gate_id: str, target: float) -> dict[str, Any]:
    """For each tunable comparison in the gate: today's share through and a threshold for ``target`` %."""
    if not 0 < target <= 100:
        raise ThresholdError(_("--target is a share of runs in per cent, above 0 and at most 100, not {target}")
                             .format(target=f"{target:g}"))
    found = bounds(camp, gate_id)
    runs = max(tally.runs, 1)
    out = []
    for b in found:
        if b.op in ("==", "!="):
            continue
        seen = tally.peak if b.op in (">=", ">") else tally.low
        ever, end = seen.get(b.score, Counter()), tally.final.get(b.score, Counter())
        t_ever, t_end = suggest(ever, b.op, target), suggest(end, b.op, target)
        out.append({
            "score": b.score, "op": b.op, "now": b.value,
            "share_ever_now": round(_through(ever, b.op, b.value) / runs, 4),
            "share_end_now": round(_through(end, b.op, b.value) / runs, 4),
            "suggest_ever": t_ever, "share_ever": round(_through(ever, b.op, t_ever) / runs, 4),
            "suggest_end": t_end, "share_end": round(_through(end, b.op, t_end) / runs, 4),
        })
    return {"gate": gate_id, "condition": camp.gates[gate_id].needs.src, "target": target,
            "share_open_ever": round(tally.gates.get(gate_id, 0) / runs, 4), "bounds": out}
