"""The scoring module: rules turn acts, days and crossings into score changes, each with its reason.

This is the hot path of simulation and replays, so ``prepare`` works out once at load what the
engine reads while playing (``prepared.Prepared``): effects as flat tuples, each rule compiled
into one closure that fires it, and the `when` rules worth testing after each kind of step.
"""

from __future__ import annotations

from math import floor
from typing import cast

from .bounds import LIMIT
from .errors import OutOfRange
from .msg import Msg
from . import textlang
from .expr import Node, names_in
from .model import Amount, Campaign, Choice, Later, Rule, Scene
from .prepared import (DAY, EVERY_MIX, FLAGS, SCORES, Changes, ChoiceRun, Edge, Fire, Firing, Formula, Moved,
                       Prepared, SceneRun, StatFx, Test, Watch, WhenCheck)
from .state import GameState, LedgerEntry

__all__ = ["Changes", "prepare", "add_stats", "fire_all", "do_act", "due_today", "check_crossings",
           "mark_flags", "consequences"]

_entry = tuple.__new__  # builds a LedgerEntry from its fields at the cost of a plain tuple
# A score change prepared for the hot path: (score, amount, formula or None, min, max, "score.domain").
ScoreFx = tuple[str, int, "Formula | None", int, int, str]


def _round(x: float) -> int:
    """Halves round up (2.5 -> 3, -2.5 -> -2), the same on every machine.

    The closures that fire rules and apply effects do the same inline, after checking the range.
    """
    f = floor(x)
    return f + 1 if x - f >= 0.5 else f


def _split(value: Amount) -> tuple[int, Formula | None]:
    """A fixed amount, or a formula; the loader type-checks a formula as a number."""
    return (value, None) if isinstance(value, int) else (0, cast(Formula, value.fn))


def _choice_test(camp: Campaign, ch: Choice) -> Test | None:
    cond = ch.cond.fn if ch.cond is not None else None
    gate = camp.gates[ch.needs].needs.fn if ch.needs else None
    test: Test | None = cond or gate
    if cond is not None and gate is not None:
        test = lambda st: cond(st) and gate(st)  # noqa: E731
    return _once(ch.id, test) if ch.once else test


def _once(cid: str, test: Test | None) -> Test:
    """A once-only choice's test: not taken yet, and its own test."""
    if test is None:
        return lambda st: cid not in st.taken
    return lambda st: cid not in st.taken and test(st)


# ---------------------------------------------------------------- preparing

def prepare(camp: Campaign) -> None:
    """Work out the campaign's prepared data (``Campaign.run``) for the hot path; decks: ``draw.prepare_decks``."""
    run = Prepared()
    for scene in camp.scenes.values():
        srun = run.scenes[scene.id] = _scene_run(camp, scene)
        for ch in srun.choices:
            run.choices[ch.id] = ch
            camp.choices[ch.id] = ch.choice
    firing = {rid: (_rule_test(rule), _fire_fn(camp, rule)) for rid, rule in camp.rules.items()}
    run.on = {act: tuple(firing[r.id] for r in rules) for act, rules in camp.rules_on.items()}
    run.every_choice = tuple(firing[r.id] for r in camp.rules_every_choice)
    run.every_day = tuple(firing[r.id] for r in camp.rules_every_day)
    watches = {r.id: _watch(camp, r.when.tree) for r in camp.rules_when if r.when is not None}
    run.when_by = tuple(_when_list(camp, watches, firing, moved) for moved in EVERY_MIX)
    run.watches_stats = any(stats is not None for checks in run.when_by for _, stats, *_ in checks)
    run.movers = _movers(camp)
    camp.run = run


def _movers(camp: Campaign) -> dict[tuple[str, str], frozenset[str]]:
    """Who can set and who can clear each flag: "" for any choice, else the rules' ids."""
    out: dict[tuple[str, str], set[str]] = {}
    moves = [("", ch.set, ch.clear) for ch in camp.choices.values()] + [(r.id, r.set, r.clear)
                                                                        for r in camp.rules.values()]
    for who, sets, clears in moves:
        for by, flags in (("set", sets), ("clear", clears)):
            for flag in flags:
                out.setdefault((flag, by), set()).add(who)
    return {key: frozenset(who) for key, who in out.items()}


def _scene_run(camp: Campaign, scene: Scene) -> SceneRun:
    """A scene with its choices as the hot path reads them."""
    srun = SceneRun(scene.id, scene.routes, scene.ending)
    srun.choices = tuple(ChoiceRun(ch, ch.id, srun, _choice_test(camp, ch),
                                   _stat_fx(camp, ch.effects, Edge(Msg("choice '{id}'", id=ch.id), ch.at, False, False))
                                   if ch.effects else (),  # most choices have none: no Edge to build
                                   bool(ch.set or ch.clear or ch.befriend or ch.unfriend or ch.later or ch.reveal
                                        or ch.once), bool(ch.call or ch.back))
                         for ch in scene.choices)
    if all(ch.cond is None and not ch.needs and not ch.once for ch in scene.choices):
        srun.always = tuple(ch.id for ch in scene.choices)
    return srun


def _bounds(camp: Campaign, key: str) -> tuple[int | None, int | None]:
    if key in camp.stats:
        return camp.stats[key].min, camp.stats[key].max
    measure = key.rsplit(".", 1)[1]  # "npc.<id>.<measure>": a score keeps its range
    sc = camp.scores.get(measure)
    return (sc.min, sc.max) if sc else (None, None)


def _stat_fx(camp: Campaign, effects: dict[str, Amount], owner: Edge) -> tuple[StatFx, ...]:
    """(stat, amount, formula, min, max, edge); an open end is ±LIMIT, past which the game stops."""
    out = []
    for sid, v in effects.items():
        lo, hi = _bounds(camp, sid)
        edge = owner if lo is not None and hi is not None else Edge(owner.who, owner.at, lo is None, hi is None)
        out.append((sid, *_split(v), -LIMIT if lo is None else lo, LIMIT if hi is None else hi, edge))
    return tuple(out)


def _rule_test(rule: Rule) -> Test | None:
    """The rule's `if` and its `once` in one test; None when it always fires."""
    cond = rule.cond.fn if rule.cond is not None else None
    if not rule.once:
        return cond
    rid = rule.id
    if cond is None:
        return lambda st: rid not in st.fired
    return lambda st: rid not in st.fired and cond(st)


def _when_list(camp: Campaign, watches: dict[str, Watch | None], firing: dict[str, Firing],
               moved: Moved) -> tuple[WhenCheck, ...]:
    """The `when` rules worth testing after a step that moved ``moved``.

    A rule comes with stats None when it must be tested, or with the stats it reads when only a
    change to one of those would make it worth testing.
    """
    out: list[WhenCheck] = []
    for rule in camp.rules_when:
        w = watches[rule.id]
        when = rule.when.fn  # type: ignore[union-attr]
        if w is None or moved & w.reads:
            out.append((rule.id, None, when, *firing[rule.id]))
        elif w.stats:
            out.append((rule.id, w.stats, when, *firing[rule.id]))
    return tuple(out)


def _watch(camp: Campaign, tree: Node) -> Watch | None:
    """What a condition reads (scores, flags, the day, stats), or None if anything else."""
    reads = Moved(0)
    stats: list[str] = []
    for kind, name in names_in(tree):
        if kind == "has" or (kind == "name" and name.startswith("flags.")):
            reads |= Moved.FLAGS
        elif kind == "name" and name in camp.scores:
            reads |= Moved.SCORES
        elif kind == "name" and name == "day":
            reads |= Moved.DAY
        elif kind == "name" and name in camp.stats:
            stats.append(name)
        else:
            return None
    return Watch(reads, frozenset(stats))


# ---------------------------------------------------------------- rules compiled to closures

def _fire_fn(camp: Campaign, rule: Rule) -> Fire:
    """One closure that does what a rule does once its test passed; returns the scene it sends to.

    The shapes that fire most (one score change, perhaps with flags or a delay; one fixed amount
    added to a stat) get closures of their own with the work inline; the rest share ``_fire_any``.
    """
    score_fx: tuple[ScoreFx, ...] = tuple(
        (sid, *_split(v), camp.scores[sid].min, camp.scores[sid].max, f"{sid}.{rule.domain}" if rule.domain else "")
        for sid, v in rule.score.items())
    fx = _stat_fx(camp, rule.effects, _owner(rule)) if rule.effects else ()
    extra = bool(rule.later or rule.reveal or rule.reveal_after)
    if len(score_fx) == 1 and not fx and rule.why_text is None:
        return _fire_one(rule, score_fx[0])
    if not score_fx and len(fx) == 1 and fx[0][2] is None and not (rule.set or rule.clear or extra):
        return _fire_stat(rule, fx[0])
    return _fire_any(rule, score_fx, fx)


def _fire_any(rule: Rule, score_fx: tuple[ScoreFx, ...], fx: tuple[StatFx, ...]) -> Fire:
    """The closure for any rule: its score changes, stat effects, flags, delays and discoveries, in that order."""
    rid, goto, domain, why, sets, clears = rule.id, rule.goto, rule.domain, rule.why, rule.set, rule.clear
    later, reveal, after = rule.later, rule.reveal, rule.reveal_after
    extra = bool(later or reveal or after)
    why_text = rule.why_text  # a why with {holes} or forms is said as it is when the rule fires

    def fire(st: GameState, changes: Changes) -> str:
        fired = st.fired
        fired[rid] = fired.get(rid, 0) + 1
        vals = st.vals
        said = why if why_text is None or not score_fx else textlang.render(why_text, st)
        for sid, const, fn, lo, hi, key in score_fx:
            want = const if fn is None else _checked(fn(st), rule, sid)
            if not want:
                continue
            old = vals[sid]
            new = old + want
            new = lo if new < lo else hi if new > hi else new
            vals[sid] = new
            delta = new - old
            st.ledger.append(_entry(LedgerEntry, (len(st.log), vals["day"], vals["hour"], rid, sid,
                                                  domain, delta, said)))
            if key:
                st.domain_net[key] = st.domain_net.get(key, 0) + delta
        if fx:
            add_stats(st, fx, changes)
        if sets or clears:
            mark_flags(st, sets, clears)
        if extra:
            aftermath(st, rid, later, reveal, after)
        return goto
    return fire


def aftermath(st: GameState, rid: str, later: tuple[Later, ...], reveal: tuple[str, ...], after: int) -> None:
    """What a rule sets off beyond its changes, now that it has fired: delays, discoveries, and its
    own discovery after firing ``after`` times. Rare, so kept out of the firing closures' bodies."""
    if later or reveal:
        consequences(st, later, reveal)
    if after and st.fired[rid] >= after:
        st.revealed.add(rid)


def _fire_one(rule: Rule, sfx: ScoreFx) -> Fire:
    """The closure for a rule with one score change (and perhaps flags, delays, a discovery) and no
    stat effects: the commonest rule, and the busiest code."""
    rid, goto, domain, why, sets, clears = rule.id, rule.goto, rule.domain, rule.why, rule.set, rule.clear
    later, reveal, after = rule.later, rule.reveal, rule.reveal_after
    extra = bool(later or reveal or after)
    sid, const, fn, lo, hi, key = sfx

    def fire(st: GameState, changes: Changes) -> str:
        fired = st.fired
        fired[rid] = fired.get(rid, 0) + 1
        if fn is None:
            want = const
        else:
            x = fn(st)
            if not -LIMIT <= x <= LIMIT:  # also refuses inf and nan, before floor() would
                raise _formula_past(rule, sid, x)
            f = floor(x)
            want = f + 1 if x - f >= 0.5 else f
        if want:
            vals = st.vals
            old = vals[sid]
            new = old + want
            new = lo if new < lo else hi if new > hi else new
            vals[sid] = new
            delta = new - old
            st.ledger.append(_entry(LedgerEntry, (len(st.log), vals["day"], vals["hour"], rid, sid,
                                                  domain, delta, why)))
            if key:
                net = st.domain_net
                net[key] = net.get(key, 0) + delta
        if sets:  # as mark_flags does
            flags = st.flags
            n = len(flags)
            flags.update(sets)
            if len(flags) != n:
                st.flag_ver += 1
        if clears:
            mark_flags(st, (), clears)
        if extra:
            aftermath(st, rid, later, reveal, after)
        return goto
    return fire


def _fire_stat(rule: Rule, sfx: StatFx) -> Fire:
    """The closure for a rule that only adds a fixed amount to one stat (sleep, rent), as add_stats does."""
    rid, goto = rule.id, rule.goto
    sid, const, _, lo, hi, edge = sfx

    def fire(st: GameState, changes: Changes) -> str:
        fired = st.fired
        fired[rid] = fired.get(rid, 0) + 1
        vals = st.vals
        old = vals[sid]
        new = old + const
        if new < lo or new > hi:
            new = _past(new, lo, hi, sid, edge)
        if new != old:
            vals[sid] = new
            if changes is not None:
                changes[sid] = changes.get(sid, 0) + new - old
        return goto
    return fire


def _checked(x: float, rule: Rule, sid: str) -> int:
    if not -LIMIT <= x <= LIMIT:
        raise _formula_past(rule, sid, x)
    return _round(x)


def _owner(rule: Rule) -> Edge:
    """The rule as the message past the range names it."""
    return Edge(Msg("rule '{id}'", id=rule.id), rule.at, False, False)


def _formula_past(rule: Rule, sid: str, x: object) -> OutOfRange:
    return OutOfRange(_owner(rule).says(),
                      Msg("the formula for '{id}' gives", id=sid), x)


# ---------------------------------------------------------------- applying

def add_stats(st: GameState, fx: tuple[StatFx, ...], changes: Changes) -> None:
    """Apply prepared stat effects (amounts added, clamped to the stat's bounds); note the net change.

    An open end of a stat is ±LIMIT: a value past it stops the game with ``OutOfRange`` (``_past``),
    at no cost to the usual step, which compares with the bounds either way.
    """
    vals = st.vals
    for sid, const, fn, lo, hi, edge in fx:
        old = vals[sid]
        if fn is None:
            new = old + const
        else:
            x = fn(st)
            if not -LIMIT <= x <= LIMIT:
                raise OutOfRange(edge.says(), Msg("the formula for '{id}' gives", id=sid), x)
            f = floor(x)
            new = old + (f + 1 if x - f >= 0.5 else f)
        if new < lo or new > hi:
            new = _past(new, lo, hi, sid, edge)
        if new != old:
            vals[sid] = new
            if changes is not None:
                changes[sid] = changes.get(sid, 0) + new - old


def _past(new: int, lo: int, hi: int, sid: str, edge: Edge) -> int:
    """A stat pushed past a bound: clamped to a declared bound, an error past an open end."""
    if new < lo and not edge.open_lo:
        return lo
    if new > hi and not edge.open_hi:
        return hi
    raise OutOfRange(edge.says(), Msg("'{id}' would become", id=sid), new)


def mark_flags(st: GameState, sets: tuple[str, ...], clears: tuple[str, ...]) -> None:
    """Set, then clear, flags; the version count tells the step that flags moved.

    Only a real change counts: setting a flag that is already set (a zing on a day that already
    has one) moves nothing a `when` rule reads, so it costs the step no tests.
    """
    flags = st.flags
    if sets:
        n = len(flags)
        flags.update(sets)
        if len(flags) != n:
            st.flag_ver += 1
    if clears:
        n = len(flags)
        flags.difference_update(clears)
        if len(flags) != n:
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
    rules = camp.run.on.get(act)
    return fire_all(st, rules, changes) if rules else ""


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


def fire_all(st: GameState, rules: tuple[Firing, ...], changes: Changes) -> str:
    """Fire each rule whose test passes, in turn; returns the last scene one of them sends to, or ""."""
    goto = ""
    for test, fire in rules:
        if test is None or test(st):
            goto = fire(st, changes) or goto
    return goto


def check_crossings(camp: Campaign, st: GameState, changes: Changes, moved: int = SCORES | FLAGS | DAY) -> str:
    """Fire each `when` rule whose condition has just become true (edge-triggered).

    A condition can only have changed if something it reads moved this step; ``moved`` says what
    did (``Moved`` bits), and ``Prepared.when_by`` holds, for each mix, just the rules worth
    testing (see ``rules._watch``), worked out once at load; so most band crossings cost nothing
    most steps.
    """
    goto = ""
    holding = st.holding
    for rid, stats, when, test, fire in camp.run.when_by[moved]:
        if stats is not None and stats.isdisjoint(changes or ()):
            continue
        if when(st):
            if rid not in holding:
                holding.add(rid)
                if test is None or test(st):
                    goto = fire(st, changes) or goto
        elif rid in holding:
            holding.discard(rid)
    return goto
