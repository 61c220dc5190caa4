"""The scoring module: rules turn acts, days and crossings into score changes, each with its reason.

This is the hot path of simulation and replays, so effects are prepared once at load
(``prepare``) into flat tuples, and applying them does no lookups it can avoid.
"""

from __future__ import annotations

from .model import Amount, Campaign, Rule
from .state import GameState, LedgerEntry


def amount(value: Amount, st: GameState) -> int:
    """A fixed amount, or a formula's value rounded half up to a whole number."""
    if isinstance(value, int):
        return value
    return _round(value.fn(st))


def _round(x: float) -> int:
    return int(x // 1 + (1 if x % 1 >= 0.5 else 0))


def _split(value: Amount) -> tuple[int, object]:
    return (value, None) if isinstance(value, int) else (0, value.fn)


def prepare(camp: Campaign) -> None:
    """Flatten effects, score changes and deck pools into tuples for the hot path."""
    def stat_fx(effects: dict[str, Amount]) -> tuple:
        return tuple((sid, *_split(v), camp.stats[sid].min, camp.stats[sid].max) for sid, v in effects.items())

    for scene in camp.scenes.values():
        for ch in scene.choices:
            ch.fx = stat_fx(ch.effects)
            camp.choices[ch.id] = ch
        if all(ch.cond is None and not ch.needs for ch in scene.choices):
            scene.always = tuple(ch.id for ch in scene.choices)
    for rule in camp.rules.values():
        rule.fx = stat_fx(rule.effects)
        rule.score_fx = tuple((sid, *_split(v), camp.scores[sid].min, camp.scores[sid].max,
                               f"{sid}.{rule.domain}" if rule.domain else "")
                              for sid, v in rule.score.items())
    for deck in camp.decks.values():
        deck.pool = tuple((sc.id, sc.repeat, sc.cond.fn if sc.cond is not None else None, *_split(sc.weight))
                          for sc in deck.scenes)


def add_stats(st: GameState, fx: tuple, changes: dict[str, int]) -> None:
    """Apply prepared stat effects (amounts added, clamped to the stat's bounds); note the net change."""
    vals = st.vals
    for sid, const, fn, lo, hi in fx:
        old = vals[sid]
        new = old + (const if fn is None else _round(fn(st)))
        if lo is not None and new < lo:
            new = lo
        elif hi is not None and new > hi:
            new = hi
        if new != old:
            vals[sid] = new
            changes[sid] = changes.get(sid, 0) + new - old


def fire(st: GameState, rule: Rule, changes: dict[str, int]) -> str:
    """Fire one rule if its condition holds; returns the scene it sends the player to, or ""."""
    if rule.once and rule.id in st.fired:
        return ""
    cond = rule.cond
    if cond is not None and not cond.fn(st):
        return ""
    fired = st.fired
    fired[rule.id] = fired.get(rule.id, 0) + 1
    vals = st.vals
    for sid, const, fn, lo, hi, key in rule.score_fx:
        want = const if fn is None else _round(fn(st))
        if not want:
            continue
        old = vals[sid]
        new = old + want
        new = lo if new < lo else hi if new > hi else new
        vals[sid] = new
        delta = new - old
        st.ledger.append(LedgerEntry(len(st.log), vals["day"], vals["hour"], rule.id, sid,
                                     rule.domain, delta, rule.why))
        if key:
            st.domain_net[key] = st.domain_net.get(key, 0) + delta
    if rule.fx:
        add_stats(st, rule.fx, changes)
    if rule.set:
        st.flags.update(rule.set)
    if rule.clear:
        st.flags.difference_update(rule.clear)
    return rule.goto


def fire_all(st: GameState, rules: list[Rule], changes: dict[str, int]) -> str:
    goto = ""
    for rule in rules:
        goto = fire(st, rule, changes) or goto
    return goto


def check_crossings(camp: Campaign, st: GameState, changes: dict[str, int]) -> str:
    """Fire each `when` rule whose condition has just become true (edge-triggered)."""
    goto = ""
    holding = st.holding
    for rule in camp.rules_when:
        if rule.when.fn(st):  # type: ignore[union-attr]
            if rule.id not in holding:
                holding.add(rule.id)
                goto = fire(st, rule, changes) or goto
        elif rule.id in holding:
            holding.discard(rule.id)
    return goto
