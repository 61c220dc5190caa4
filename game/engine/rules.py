"""The scoring module: rules turn acts, days and crossings into score changes, each with its reason.

This is the hot path of simulation and replays, so effects are prepared once at load
(``prepare``) into flat tuples, and applying them does no lookups it can avoid.
"""

from __future__ import annotations

import math
from math import floor
from typing import Callable

from . import textlang
from .expr import Node, names_in
from .model import Amount, Campaign, Choice, Rule
from .state import GameState, LedgerEntry

# The net change to each stat in a step, for the notice and for `when` rules that read stats;
# None when nobody will read it (apply, on a campaign whose `when` rules read no stat).
Changes = dict[str, int] | None

_entry = tuple.__new__  # builds a LedgerEntry from its fields at the cost of a plain tuple


def _round(x: float) -> int:
    """Halves round up (2.5 -> 3, -2.5 -> -2), the same on every machine."""
    f = floor(x)
    return f + 1 if x - f >= 0.5 else f


def _split(value: Amount) -> tuple[int, object]:
    return (value, None) if isinstance(value, int) else (0, value.fn)


def _choice_test(camp: Campaign, ch: Choice) -> Callable[[object], object] | None:  # as Choice.test
    cond = ch.cond.fn if ch.cond is not None else None
    gate = camp.gates[ch.needs].needs.fn if ch.needs else None
    if cond is not None and gate is not None:
        return lambda st: cond(st) and gate(st)
    return cond or gate


def prepare(camp: Campaign) -> None:
    """Flatten effects and score changes into tuples for the hot path (decks: ``draw.prepare_decks``)."""
    def bounds(key: str) -> tuple[int | None, int | None]:
        if key in camp.stats:
            return camp.stats[key].min, camp.stats[key].max
        measure = key.rsplit(".", 1)[1]  # "npc.<id>.<measure>": a score keeps its range
        sc = camp.scores.get(measure)
        return (sc.min, sc.max) if sc else (None, None)

    def stat_fx(effects: dict[str, Amount]) -> tuple:
        """(stat, amount, formula, min, max); an open end is an infinity, so the clamp needs no test for it."""
        out = []
        for sid, v in effects.items():
            lo, hi = bounds(sid)
            out.append((sid, *_split(v), -math.inf if lo is None else lo, math.inf if hi is None else hi))
        return tuple(out)


    for scene in camp.scenes.values():
        for ch in scene.choices:
            ch.fx = stat_fx(ch.effects)
            ch.test = _choice_test(camp, ch)
            ch.scene = scene
            ch.rare = bool(ch.set or ch.clear or ch.befriend or ch.unfriend or ch.later or ch.reveal)
            camp.choices[ch.id] = ch
        if all(ch.cond is None and not ch.needs for ch in scene.choices):
            scene.always = tuple(ch.id for ch in scene.choices)
    for rule in camp.rules.values():
        rule.test = rule.cond.fn if rule.cond is not None else None
        rule.watch = _watch(camp, rule.when.tree) if rule.when is not None else None
        rule.fx = stat_fx(rule.effects)
        rule.extra = bool(rule.later or rule.reveal or rule.reveal_after)
        rule.score_fx = tuple((sid, *_split(v), camp.scores[sid].min, camp.scores[sid].max,
                               f"{sid}.{rule.domain}" if rule.domain else "")
                              for sid, v in rule.score.items())
    camp.when_by = tuple(_when_list(camp, moved) for moved in range(8))
    camp.watches_stats = any(stats is not None for rules in camp.when_by for _, stats, _ in rules)


def _when_list(camp: Campaign, moved: int) -> tuple:
    """The `when` rules worth testing after a step that moved ``moved`` (1 scores, 2 flags, 4 the day).

    Each comes as (rule, stats, test): stats is None when the rule must be tested, or the stats
    it reads when only a change to one of those would make it worth testing.
    """
    out = []
    for rule in camp.rules_when:
        w = rule.watch
        test = rule.when.fn  # type: ignore[union-attr]
        if w is None or (moved & 1 and w[0]) or (moved & 2 and w[1]) or (moved & 4 and w[2]):
            out.append((rule, None, test))
        elif w[3]:
            out.append((rule, w[3], test))
    return tuple(out)


def _watch(camp: Campaign, tree: Node) -> tuple | None:
    """What a condition reads, as (scores?, flags?, day?, stat ids), or None if anything else."""
    scores = flags = day = False
    stats: list[str] = []
    for kind, name in names_in(tree):
        if kind == "has" or (kind == "name" and name.startswith("flags.")):
            flags = True
        elif kind == "name" and name in camp.scores:
            scores = True
        elif kind == "name" and name == "day":
            day = True
        elif kind == "name" and name in camp.stats:
            stats.append(name)
        else:
            return None
    return scores, flags, day, frozenset(stats)


def add_stats(st: GameState, fx: tuple, changes: Changes) -> None:
    """Apply prepared stat effects (amounts added, clamped to the stat's bounds); note the net change."""
    vals = st.vals
    for sid, const, fn, lo, hi in fx:
        old = vals[sid]
        new = old + const if fn is None else old + _round(fn(st))
        new = lo if new < lo else hi if new > hi else new
        if new != old:
            vals[sid] = new
            if changes is not None:
                changes[sid] = changes.get(sid, 0) + new - old


def fire(st: GameState, rule: Rule, changes: Changes) -> str:
    """Fire one rule if its condition holds; returns the scene it sends the player to, or ""."""
    return fire_all(st, (rule,), changes)


def _fired(st: GameState, rule: Rule, changes: Changes) -> str:
    """What a rule does once its condition holds: scores, stats, flags, delays; the scene it sends to."""
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
        st.ledger.append(_entry(LedgerEntry, (len(st.log), vals["day"], vals["hour"], rule.id, sid,
                                              rule.domain, delta, rule.why if rule.why_text is None
                                              else textlang.render(rule.why_text, st))))
        if key:
            st.domain_net[key] = st.domain_net.get(key, 0) + delta
    if rule.fx:
        add_stats(st, rule.fx, changes)
    if rule.set or rule.clear:
        mark_flags(st, rule.set, rule.clear)
    if rule.extra:
        consequences(st, rule.later, rule.reveal)
        if rule.reveal_after and fired[rule.id] >= rule.reveal_after:
            st.revealed.add(rule.id)
    return rule.goto


def mark_flags(st: GameState, sets: tuple[str, ...], clears: tuple[str, ...]) -> None:
    """Set, then clear, flags; the version count tells the step that flags moved."""
    if sets:
        st.flags.update(sets)
        st.flag_ver += 1
    if clears:
        st.flags.difference_update(clears)
        st.flag_ver += 1


def consequences(st: GameState, later: tuple, reveal: tuple[str, ...]) -> None:
    """Schedule delayed consequences for their day, and note the hidden rules now found out."""
    day, pending = st.vals["day"], st.pending
    for lt in later:
        for act in lt.does:
            pending.append((day + lt.days, "does", act))
        if lt.goto:
            pending.append((day + lt.days, "goto", lt.goto))
    if reveal:
        st.revealed.update(reveal)


def do_act(camp: Campaign, st: GameState, act: str, changes: Changes) -> str:
    """Count an act and fire the rules on it; returns the last scene a rule sends to, or ""."""
    acts = st.acts
    acts[act] = acts.get(act, 0) + 1
    return fire_all(st, camp.rules_on.get(act, ()), changes)


def due_today(camp: Campaign, st: GameState, changes: Changes) -> tuple[str, list[str]]:
    """Take today's delayed consequences off the list: do their acts; return (rule goto, scenes due)."""
    day = st.vals["day"]
    waiting: list[tuple[int, str, str]] = []
    due: list[tuple[int, str, str]] = []
    for p in st.pending:
        (waiting if p[0] > day else due).append(p)
    st.pending = waiting  # before the acts: what they set off waits behind what already waited
    goto = ""
    scenes: list[str] = []
    for _, kind, what in due:
        if kind == "does":
            goto = do_act(camp, st, what, changes) or goto
        else:
            scenes.append(what)
    return goto, scenes


def fire_all(st: GameState, rules: list[Rule] | tuple[Rule, ...], changes: Changes) -> str:
    """Fire each rule in turn, as ``fire`` does (the test is made here: no call for a rule that
    does not fire); returns the last scene one of them sends to, or ""."""
    goto = ""
    fired = st.fired
    for rule in rules:
        if (rule.once and rule.id in fired) or (rule.test is not None and not rule.test(st)):
            continue
        goto = _fired(st, rule, changes) or goto
    return goto


def check_crossings(camp: Campaign, st: GameState, changes: Changes, moved: int = 7) -> str:
    """Fire each `when` rule whose condition has just become true (edge-triggered).

    A condition can only have changed if something it reads moved this step; ``moved`` says what
    did (1 scores, 2 flags, 4 the day, added up), and ``Campaign.when_by`` holds, for each mix,
    just the rules worth testing (see ``Rule.watch``), worked out once at load; so most band
    crossings cost nothing most steps.
    """
    goto = ""
    holding = st.holding
    for rule, stats, test in camp.when_by[moved]:
        if stats is not None and stats.isdisjoint(changes or ()):
            continue
        if test(st):
            if rule.id not in holding:
                holding.add(rule.id)
                goto = fire(st, rule, changes) or goto
        elif rule.id in holding:
            holding.discard(rule.id)
    return goto
