"""What can ever happen in a campaign: the scenes a path reaches, the choices that can be taken, the
rules that can fire, the flags that can be set.

One fixpoint: start from the first scene, follow every choice, route, deck, rule goto, calendar
day and delayed consequence whose condition may hold, and grow what is known (flags set, acts done,
scenes visited) until nothing more changes. A condition counts as possible unless ``sat`` proves it
is not, so whatever this leaves out truly cannot happen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.model import Amount, Campaign, Choice, Deck, Later, Rule
from game.engine.msg import Msg

from .sat import INF, Facts, Range, check

@dataclass(slots=True)
class Reach:
    facts: Facts
    targets: set[str] = field(default_factory=set)  # scenes and decks a path reaches
    choices: set[str] = field(default_factory=set)  # choice ids that can be taken
    rules: set[str] = field(default_factory=set)  # rule ids that can fire
    days_pass: bool = False  # some choice that can be taken ends the day
    dry_proof: dict[str, str] = field(default_factory=dict)  # deck -> storylet that always can be drawn
    laters: list[Later] = field(default_factory=list)  # delayed consequences that can be set off


def value_ranges(camp: Campaign) -> tuple[dict[str, Range], dict[str, str]]:
    """The values each number can take: its bounds, or its start when nothing moves it that way."""
    moves: dict[str, set[str]] = {}
    for ch in camp.choices.values():
        _moves(ch.effects, moves)
    for r in camp.rules.values():
        _moves(r.effects, moves)
        _moves(r.score, moves)
    ranges: dict[str, Range] = {"day": (1.0, float(camp.days)), "hour": (float(camp.start_hour), INF),
                                "friends.count": (0.0, float(len(camp.npcs)))}
    why: dict[str, str] = {}

    def put(name: str, start: float, lo: float | None, hi: float | None) -> None:
        m = moves.get(name, set())
        low = (-INF if lo is None else lo) if "down" in m else start
        high = (INF if hi is None else hi) if "up" in m else start
        ranges[name] = (float(low), float(high))
        if not m:
            why[name] = Msg("nothing changes it")
        elif m == {"up"}:
            why[name] = Msg("nothing lowers it")
        elif m == {"down"}:
            why[name] = Msg("nothing raises it")

    for sid, sc in camp.scores.items():
        put(sid, sc.start, sc.min, sc.max)
    for sid, stat in camp.stats.items():
        put(sid, stat.start, stat.min, stat.max)
    for nid, npc in camp.npcs.items():
        for mid, v in npc.scores.items():
            known = camp.scores.get(mid)
            put(f"npc.{nid}.{mid}", v, known.min if known else None, known.max if known else None)
    for sid in camp.scores:
        spans = [ranges[sid]] + [ranges[f"npc.{n}.{sid}"] for n in camp.npcs if f"npc.{n}.{sid}" in ranges]
        ranges[f"friends.mean.{sid}"] = (min(r[0] for r in spans), max(r[1] for r in spans))
    return ranges, why


def _moves(effects: dict[str, Amount], moves: dict[str, set[str]]) -> None:
    for key, amount in effects.items():
        m = moves.setdefault(key, set())
        if not isinstance(amount, int):
            m |= {"up", "down"}  # a formula: either way, as far as we know
        elif amount > 0:
            m.add("up")
        elif amount < 0:
            m.add("down")


def start_facts(camp: Campaign) -> Facts:
    ranges, why = value_ranges(camp)
    return Facts(ranges=ranges, why_range=why,
                 bands={sid: sc.bands for sid, sc in camp.scores.items()},
                 gates={gid: g.needs.tree for gid, g in camp.gates.items()},
                 befriend={n for n, npc in camp.npcs.items() if npc.friend},
                 unfriend={n for n, npc in camp.npcs.items() if not npc.friend})


def never_dry(deck: Deck) -> str:
    """A storylet the deck can always draw (repeatable, no condition, a fixed weight), or ""."""
    for sc in deck.scenes:
        if sc.repeat and sc.cond is None and isinstance(sc.weight, int) and sc.weight >= 1:
            return sc.id
    return ""


def reach(camp: Campaign) -> Reach:
    """Grow the set of what can happen until it stops growing."""
    r = Reach(start_facts(camp))
    r.dry_proof = {d.id: s for d in camp.decks.values() if (s := never_dry(d))}
    while True:
        before = _size(r)
        _pass(camp, r)
        if _size(r) == before:
            return r


def _size(r: Reach) -> tuple:
    """How much is known: everything only grows, so an unchanged size means nothing changed."""
    f = r.facts
    return (len(r.targets), len(r.choices), len(r.rules), len(f.flags), len(f.acts), len(f.befriend),
            len(f.unfriend), r.days_pass, len(r.laters))


def _pass(camp: Campaign, r: Reach) -> None:
    todo = [camp.start]
    if r.days_pass:
        todo += [camp.calendar.get(d, camp.day_start) for d in range(2, camp.days + 1)]
        todo.append(camp.finale)
        todo += [lt.goto for lt in r.laters if lt.goto]
    todo += [t for t in r.targets]
    seen: set[str] = set()
    while todo:
        while todo:
            target = todo.pop()
            if target in seen or not target:
                continue
            seen.add(target)
            r.targets.add(target)
            if target in camp.scenes:
                r.facts.scenes.add(target)
            todo += _open(camp, r, target)
        todo = _fire_rules(camp, r)


def _open(camp: Campaign, r: Reach, target: str) -> list[str]:
    """Where a reached scene or deck leads, noting what its possible choices do."""
    deck = camp.decks.get(target)
    if deck is not None:
        out = [sc.id for sc in deck.scenes if sc.cond is None or check(sc.cond.tree, r.facts) is None]
        if deck.fallback and deck.id not in r.dry_proof:
            out.append(deck.fallback)
        return out
    scene = camp.scenes[target]
    if scene.routes:
        out = []
        for route in scene.routes:
            if route.cond is None:
                out.append(route.goto)
                break
            if check(route.cond.tree, r.facts) is None:
                out.append(route.goto)
        return out
    out = []
    for ch in scene.choices:
        if ch.id in r.choices or not choice_possible(camp, ch, r.facts):
            continue
        r.choices.add(ch.id)
        r.facts.flags.update(ch.set)
        r.facts.acts.update(ch.does)
        r.facts.befriend.update(ch.befriend)
        r.facts.unfriend.update(ch.unfriend)
        _schedule(camp, r, ch.later)
        if ch.end_day:
            r.days_pass = True
        if ch.goto:
            out.append(ch.goto)
        if ch.call:
            out.append(ch.call)
    return out


def choice_possible(camp: Campaign, ch: Choice, facts: Facts) -> bool:
    if ch.cond is not None and check(ch.cond.tree, facts) is not None:
        return False
    return not ch.needs or check(camp.gates[ch.needs].needs.tree, facts) is None


def _schedule(camp: Campaign, r: Reach, laters: tuple[Later, ...]) -> None:
    for lt in laters:
        if lt.days < camp.days and lt not in r.laters:  # later than the last day never comes
            r.laters.append(lt)
            r.facts.acts.update(lt.does)


def rule_triggers(camp: Campaign, rule: Rule, r: Reach) -> bool:
    if rule.on:
        return any(a in r.facts.acts for a in rule.on)
    if rule.every == "day":
        return r.days_pass
    if rule.every == "choice":
        return bool(r.choices)
    return rule.when is not None and check(rule.when.tree, r.facts) is None


def _fire_rules(camp: Campaign, r: Reach) -> list[str]:
    out = []
    for rule in camp.rules.values():
        if rule.id in r.rules or not rule_triggers(camp, rule, r):
            continue
        if rule.cond is not None and check(rule.cond.tree, r.facts) is not None:
            continue
        r.rules.add(rule.id)
        r.facts.flags.update(rule.set)
        _schedule(camp, r, rule.later)
        if rule.goto:
            out.append(rule.goto)
    return out
