"""The scoring module: rules turn acts, days and crossings into score changes, each with its reason."""

from __future__ import annotations

from .expr import Expr
from .model import Amount, Campaign, Rule
from .state import GameState, LedgerEntry


def amount(value: Amount, st: GameState) -> int:
    """A fixed amount, or a formula's value rounded half up to a whole number."""
    if isinstance(value, int):
        return value
    x = value.fn(st)
    return int(x // 1 + (1 if x % 1 >= 0.5 else 0))


def clamp(x: int, lo: int | None, hi: int | None) -> int:
    if lo is not None and x < lo:
        return lo
    if hi is not None and x > hi:
        return hi
    return x


def add_stats(camp: Campaign, st: GameState, effects: dict[str, Amount], changes: dict[str, int]) -> None:
    """Apply stat effects (amounts added, clamped to the stat's bounds) and note the net change."""
    vals = st.vals
    for sid, value in effects.items():
        stat = camp.stats[sid]
        old = vals[sid]
        new = clamp(old + amount(value, st), stat.min, stat.max)
        vals[sid] = new
        if new != old:
            changes[sid] = changes.get(sid, 0) + new - old


def fire(camp: Campaign, st: GameState, rule: Rule, changes: dict[str, int]) -> str:
    """Fire one rule if its condition holds; returns the scene it sends the player to, or ""."""
    if rule.once and rule.id in st.fired:
        return ""
    cond: Expr | None = rule.cond
    if cond is not None and not cond.fn(st):
        return ""
    st.fired[rule.id] = st.fired.get(rule.id, 0) + 1
    vals = st.vals
    for sid, value in rule.score.items():
        score = camp.scores[sid]
        old = vals[sid]
        want = amount(value, st)
        new = clamp(old + want, score.min, score.max)
        if want == 0:
            continue
        vals[sid] = new
        delta = new - old
        st.ledger.append(LedgerEntry(len(st.log), vals["day"], vals["hour"], rule.id, sid,
                                     rule.domain, delta, rule.why))
        if rule.domain:
            key = f"{sid}.{rule.domain}"
            st.domain_net[key] = st.domain_net.get(key, 0) + delta
    if rule.effects:
        add_stats(camp, st, rule.effects, changes)
    if rule.set:
        st.flags.update(rule.set)
    if rule.clear:
        st.flags.difference_update(rule.clear)
    return rule.goto


def fire_all(camp: Campaign, st: GameState, rules: list[Rule], changes: dict[str, int]) -> str:
    goto = ""
    for rule in rules:
        goto = fire(camp, st, rule, changes) or goto
    return goto


def check_crossings(camp: Campaign, st: GameState, changes: dict[str, int]) -> str:
    """Fire each `when` rule whose condition has just become true (edge-triggered)."""
    goto = ""
    holding = st.holding
    for rule in camp.rules_when:
        now = bool(rule.when.fn(st))  # type: ignore[union-attr]
        if now:
            if rule.id not in holding:
                holding.add(rule.id)
                goto = fire(camp, st, rule, changes) or goto
        elif rule.id in holding:
            holding.discard(rule.id)
    return goto
