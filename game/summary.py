"""The summary of a finished (or running) life: scores, the rules that moved them most, the gates."""

from __future__ import annotations

from dataclasses import dataclass

from game.describe import UNKNOWN, good, human, rule_known, rule_title, rule_why
from game.engine import engine
from game.engine.model import Campaign
from game.engine.state import GameState
from game.i18n import _


@dataclass
class LifeSummary:
    scores: list[str]
    days: int
    choices: int
    shaped: list[tuple[str, int, str, bool]]  # rule's name (or "Unknown rule"), net change, why, good for you
    open: list[str]
    shut: list[str]


def life_summary(camp: Campaign, st: GameState, top: int = 5) -> LifeSummary:
    scores = []
    for sc in camp.scores.values():
        v = st.vals[sc.id]
        # Translators: a score at the end of a life: "Social Credit: 612 (good) — started at 700".
        scores.append(_("{score}: {value} ({band}) — started at {start}").format(
            score=sc.label, value=v, band=sc.band_word(v), start=sc.start))
    totals: dict[tuple[str, str], int] = {}
    for e in st.ledger:
        key = (e.rule, e.score)
        totals[key] = totals.get(key, 0) + e.delta
    ranked = sorted(totals.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:top]
    shaped = [(rule_title(camp, r) if rule_known(camp, st, r) else human(_(UNKNOWN)), t, rule_why(camp, st, r),
               bool(good(camp, sid, t)))
              for (r, sid), t in ranked if t]
    gates = engine.gates(camp, st)
    return LifeSummary(scores, st.day, len(st.log), shaped,
                       [g.title for g in gates if g.open], [g.title for g in gates if not g.open])
