"""The warnings of ``citizen-score check``: what a loaded campaign can never do.

The loader already rejects what is wrong; this finds what is valid but dead: scenes no path
reaches, choices and rules whose conditions can never hold, gates that never open, flags set and
never read (or read and never set), decks that run dry, text that is shown with its braces.
Every finding names the file, line, table path and (for a condition) the column, with a hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from game.engine import textlang
from game.engine.expr import Expr, Node, names_in
from game.engine.load.crosscheck import acts_done
from game.engine.model import Campaign, Choice, Rule, Where
from game.engine.msg import Msg

from .choice_checks import check_choice_paths
from .findings import Finding, Locator, finding
from .reach import Reach, reach
from .sat import check
from .text_branches import check_text_branches

BRACED = re.compile(r"(?<!\{)\{\s*[A-Za-z_][^{}]*\}(?!\})")
LOOSEN_IF = Msg("Loosen its `if`, or make what it needs possible.")


@dataclass
class Ctx:
    camp: Campaign
    r: Reach
    loc: Locator
    label: str
    out: list[Finding] = field(default_factory=list)
    quiet: set[str] = field(default_factory=set)  # scenes already explained by another finding
    refs: dict[str, list[str]] = field(default_factory=dict)  # who names each scene or deck
    challenges: dict = field(default_factory=dict)  # id -> game.engine.challenges.Challenge

    def add(self, code: str, file: str, path: str, message: str, hint: str = "", column: int = 0,
            severity: str = "warning", where: Where | None = None, expr: str = "") -> None:
        """One finding; ``column`` counts within ``expr`` and is turned into the line's own column."""
        line = where.locate(path) if where is not None else self.loc.line(file, path)
        if column and expr:
            self.loc.line(file, path)  # reads the file, if nothing has yet
            column = self.loc.column(file, line, expr, column)
        self.out.append(finding(code, severity, file, line, column, path, message, hint))

    @property
    def main_file(self) -> str:
        return f"{self.label}/campaign.toml"


def analyse(camp: Campaign, challenges: dict | None = None) -> list[Finding]:
    """Every warning for a campaign that loaded (and its challenges), sorted by file and line."""
    ctx = Ctx(camp, reach(camp), Locator(camp.root), Path(camp.root).name)
    ctx.refs = inbound(camp)
    ctx.challenges = challenges or {}
    ctx.out += camp.warnings
    for step in (check_decks, check_scenes, check_choices, check_routes, check_rules, check_gates,
                 check_flags, check_stats, check_laters, check_dead_ends, check_plain_text,
                 check_challenges, check_texts, check_choice_paths):
        step(ctx)
    return sorted(ctx.out, key=lambda f: (f.file, f.line, f.column, f.code, f.path))


# ---------------------------------------------------------------- scenes and decks

def inbound(camp: Campaign) -> dict[str, list[str]]:
    """Who names each scene or deck as a destination, in words, for hints."""
    refs: dict[str, list[str]] = {}

    def note(target: str, who: str) -> None:
        if target:
            refs.setdefault(target, []).append(who)

    note(camp.start, "campaign.start")
    note(camp.day_start, "campaign.day_start")
    note(camp.finale, "campaign.finale")
    for day, target in camp.calendar.items():
        note(target, Msg("calendar day {day}", day=day))
    for deck in camp.decks.values():
        note(deck.fallback, Msg("the fallback of deck '{id}'", id=deck.id))
        for sc in deck.scenes:
            note(sc.id, Msg("deck '{id}'", id=deck.id))
    for sc in camp.scenes.values():
        for route in sc.routes:
            note(route.goto, Msg("a route of '{id}'", id=sc.id))
        for ch in sc.choices:
            note(ch.goto, Msg("choice '{id}'", id=ch.id))
            note(ch.call, Msg("the call of choice '{id}'", id=ch.id))
            for lt in ch.later:
                note(lt.goto, Msg("the later of choice '{id}'", id=ch.id))
    for rule in camp.rules.values():
        note(rule.goto, Msg("rule '{id}'", id=rule.id))
        for lt in rule.later:
            note(lt.goto, Msg("the later of rule '{id}'", id=rule.id))
    return refs


def _names(items: list[str], most: int = 4) -> str:
    shown = Msg.listing(items[:most])
    if len(items) <= most:
        return shown
    return Msg("{names} and {n} more", names=shown, n=len(items) - most)


def check_decks(ctx: Ctx) -> None:
    camp, r = ctx.camp, ctx.r
    for did, deck in camp.decks.items():
        path = f"deck.{did}"
        if not deck.scenes:
            ctx.add("empty-deck", ctx.main_file, path, Msg("deck '{id}' has no storylets", id=did),
                    Msg("Every draw shows its fallback '{fallback}'. Put scenes in it with "
                        'deck = "{id}", or go to the fallback scene directly.', fallback=deck.fallback, id=did))
        elif did not in r.targets:
            ctx.add("unreachable-deck", ctx.main_file, path,
                    Msg.counting("nothing that can happen draws from deck '{id}' ({n} storylet)",
                                 "nothing that can happen draws from deck '{id}' ({n} storylets)",
                                 len(deck.scenes), id=did, n=len(deck.scenes)),
                    _unreached_hint(ctx, did))
            ctx.quiet.update(sc.id for sc in deck.scenes)
        proof = r.dry_proof.get(did)
        if proof and deck.fallback and deck.fallback not in r.targets:
            ctx.add("fallback-never-drawn", ctx.main_file, f"{path}.fallback",
                    Msg("the fallback '{fallback}' of deck '{id}' is never shown: storylet '{proof}' "
                        "can always be drawn", fallback=deck.fallback, id=did, proof=proof),
                    Msg("'{proof}' has repeat = true and no condition, so the deck never runs dry. "
                        "Give it a condition, or drop the fallback scene.", proof=proof))
            ctx.quiet.add(deck.fallback)
        if not deck.fallback and not proof and did in r.targets:
            ctx.add("deck-no-fallback", ctx.main_file, path,
                    Msg("deck '{id}' can run dry and has no fallback: the game would stop there", id=did),
                    Msg('Set fallback = "<scene>" for when nothing in the deck can be drawn.'))
        _runs_dry(ctx, did)


def _runs_dry(ctx: Ctx, did: str) -> None:
    """A note (not a warning) when a deck of one-time storylets opens more days than it has storylets."""
    camp = ctx.camp
    deck = camp.decks[did]
    if not deck.scenes or did not in ctx.r.targets or any(sc.repeat for sc in deck.scenes):
        return
    days = sum(camp.calendar.get(d, camp.day_start) == did for d in range(2, camp.days + 1))
    days += camp.start == did
    if deck.fallback and len(deck.scenes) < days:
        ctx.add("deck-runs-dry", ctx.main_file, f"deck.{did}",
                Msg("deck '{id}' opens {days} days but has {n} one-time storylets", id=did, days=days,
                    n=len(deck.scenes)),
                Msg("Once they are used up, every draw shows the fallback '{fallback}'. "
                    "Add storylets, or make some repeat = true.", fallback=deck.fallback), severity="info")


def _unreached_hint(ctx: Ctx, target: str) -> str:
    refs = ctx.refs.get(target, [])
    if not refs:
        return Msg("Nothing names it: add a goto, a route, a calendar day or a deck that leads here.")
    return Msg("It is named by {names}, but none of them can happen.", names=_names(refs))


def check_scenes(ctx: Ctx) -> None:
    camp, r = ctx.camp, ctx.r
    for sid, sc in camp.scenes.items():
        if sid in r.targets or sid in ctx.quiet:
            continue
        if sc.deck and sc.deck in r.targets and sc.cond is not None:
            c = check(sc.cond.tree, r.facts)
            if c is not None:
                ctx.add("impossible-storylet", sc.at.file, f"{sc.at.path}.if",
                        Msg("storylet '{id}' can never be drawn: {reason}", id=sid, reason=c.reason),
                        LOOSEN_IF, c.col, where=sc.at, expr=sc.cond.src)
                continue
        code = "unreachable-ending" if sc.ending else "unreachable-scene"
        message = (Msg("no path reaches the ending '{id}'", id=sid) if sc.ending
                   else Msg("no path reaches the scene '{id}'", id=sid))
        ctx.add(code, sc.at.file, sc.at.path, message, _unreached_hint(ctx, sid), where=sc.at)


# ---------------------------------------------------------------- choices and routes

def check_choices(ctx: Ctx) -> None:
    camp, r = ctx.camp, ctx.r
    for sid in camp.scenes:
        if sid not in r.targets:
            continue
        for ch in camp.scenes[sid].choices:
            if ch.id not in r.choices:
                _impossible_choice(ctx, ch)


def _impossible_choice(ctx: Ctx, ch: Choice) -> None:
    facts = ctx.r.facts
    c = check(ch.cond.tree, facts) if ch.cond is not None else None
    if c is not None and ch.cond is not None:
        ctx.add("impossible-choice", ch.at.file, f"{ch.at.path}.if",
                Msg("choice '{id}' can never be taken: {reason}", id=ch.id, reason=c.reason),
                LOOSEN_IF, c.col, where=ch.at, expr=ch.cond.src)
        return
    gate = ctx.camp.gates[ch.needs]
    c = check(gate.needs.tree, facts)
    ctx.add("impossible-choice", ch.at.file, f"{ch.at.path}.needs",
            Msg("choice '{id}' can never be taken: the gate '{gate}' never opens ({reason})", id=ch.id,
                gate=ch.needs, reason=c.reason) if c
            else Msg("choice '{id}' can never be taken: the gate '{gate}' never opens", id=ch.id, gate=ch.needs),
            Msg("See the gate at {file}:{line}.", file=gate.at.file, line=gate.at.line), where=ch.at)


def check_routes(ctx: Ctx) -> None:
    camp, r = ctx.camp, ctx.r
    for sid, sc in camp.scenes.items():
        if sid not in r.targets or not sc.routes:
            continue
        open_before = False
        for i, route in enumerate(sc.routes):
            path = f"{sc.at.path}.routes[{i}]"
            if open_before:
                ctx.add("route-never-taken", sc.at.file, path,
                        Msg("route {n} of '{id}' is never taken: an earlier route has no condition", n=i + 1,
                            id=sid),
                        Msg("Routes are tried in order; the one without `if` goes last."), where=sc.at)
                continue
            if route.cond is None:
                open_before = True
                continue
            c = check(route.cond.tree, r.facts)
            if c is not None:
                ctx.add("route-never-taken", sc.at.file, f"{path}.if",
                        Msg("route {n} of '{id}' (to '{goto}') is never taken: {reason}", n=i + 1, id=sid,
                            goto=route.goto, reason=c.reason),
                        Msg("Loosen its `if`, or remove the route."), c.col, where=sc.at, expr=route.cond.src)


# ---------------------------------------------------------------- rules and gates

def _acting(camp: Campaign) -> list[Choice | Rule]:
    """Every choice and rule: both set flags and schedule consequences (as `Choice | Rule`, not `object`)."""
    return [*camp.choices.values(), *camp.rules.values()]


def check_rules(ctx: Ctx) -> None:
    camp, r = ctx.camp, ctx.r
    named = acts_done(camp)
    for rule in camp.rules.values():
        if rule.id not in r.rules:
            _dead_rule(ctx, rule, named)


def _dead_rule(ctx: Ctx, rule: Rule, named: set[str]) -> None:
    facts, at = ctx.r.facts, rule.at
    def never(reason: str) -> str:
        return Msg("rule '{id}' can never fire: {reason}", id=rule.id, reason=reason)

    if rule.on and not any(a in facts.acts for a in rule.on):
        acts = ", ".join(f"'{a}'" for a in rule.on)
        if not any(a in named for a in rule.on):
            ctx.add("rule-never-fires", at.file, f"{at.path}.on", never(Msg("no choice does {acts}", acts=acts)),
                    Msg('Add does = ["{act}"] to a choice (or a later), or fix the act\'s spelling.', act=rule.on[0]),
                    where=at)
        else:
            ctx.add("rule-never-fires", at.file, f"{at.path}.on",
                    never(Msg("no choice that can be taken does {acts}", acts=acts)),
                    Msg("The choices that do it are never reached or never open."), where=at)
        return
    if rule.every == "day" and not ctx.r.days_pass:
        ctx.add("rule-never-fires", at.file, f"{at.path}.every",
                never(Msg("no choice that can be taken ends the day")), Msg("Give a choice end_day = true."), where=at)
        return
    for key, expr in (("when", rule.when), ("if", rule.cond)):
        c = check(expr.tree, facts) if expr is not None else None
        if c is not None and expr is not None:
            ctx.add("rule-never-fires", at.file, f"{at.path}.{key}", never(c.reason),
                    Msg("Loosen its `{key}`, or make what it needs possible.", key=key), c.col, where=at,
                    expr=expr.src)
            return


def check_gates(ctx: Ctx) -> None:
    for gid, gate in ctx.camp.gates.items():
        c = check(gate.needs.tree, ctx.r.facts)
        if c is not None:
            ctx.add("gate-never-opens", gate.at.file, f"{gid}.needs",
                    Msg("the gate '{id}' can never open: {reason}", id=gid, reason=c.reason),
                    Msg("Loosen its `needs`, or make what it needs possible."), c.col, where=gate.at,
                    expr=gate.needs.src)


# ---------------------------------------------------------------- flags

def _exprs(camp: Campaign) -> list[tuple[str, str, Expr]]:
    """Every expression in the campaign with the file and table path it is written at."""
    out: list[tuple[str, str, Expr]] = []

    def add(at: Where, key: str, e: object) -> None:
        if isinstance(e, Expr):
            out.append((at.file, f"{at.path}.{key}" if key else at.path, e))

    def template(at: Where, key: str, parts: tuple) -> None:
        for p in textlang.exprs(parts):
            add(at, key, p)

    for sc in camp.scenes.values():
        add(sc.at, "if", sc.cond)
        add(sc.at, "weight", sc.weight)
        template(sc.at, "text", sc.text)
        for i, route in enumerate(sc.routes):
            add(sc.at, f"routes[{i}].if", route.cond)
        for ch in sc.choices:
            add(ch.at, "if", ch.cond)
            template(ch.at, "text", ch.text)
            template(ch.at, "locked", ch.locked)
            for k, v in ch.effects.items():
                add(ch.at, f"effects.{k}", v)
    for rule in camp.rules.values():
        add(rule.at, "when", rule.when)
        add(rule.at, "if", rule.cond)
        for k, v in [*rule.score.items(), *rule.effects.items()]:
            add(rule.at, f"{'score' if k in rule.score else 'effects'}.{k}", v)
        template(rule.at, "why", rule.why_text or ())
    for gate in camp.gates.values():
        add(gate.at, "needs", gate.needs)
        template(gate.at, "why_not", gate.why_not)
    return out


def _flag_reads(ctx: Ctx) -> dict[str, list[str]]:
    reads: dict[str, list[str]] = {}
    for _file, path, e in _exprs(ctx.camp) + _challenge_exprs(ctx):
        for kind, name in names_in(e.tree):
            flag = name if kind == "has" else name[6:] if kind == "name" and name.startswith("flags.") else ""
            if flag:
                reads.setdefault(flag, []).append(path)
    return reads


def _challenge_exprs(ctx: Ctx) -> list[tuple[str, str, Expr]]:
    out = []
    for ch in ctx.challenges.values():
        if ch.goal is not None:
            out.append((ch.at.file, f"{ch.at.path}.goal", ch.goal))
        out += [(ch.at.file, f"{ch.at.path}.split[{i}].when", sp.when) for i, sp in enumerate(ch.splits)]
    return out


def check_challenges(ctx: Ctx) -> None:
    """A goal or split that can never hold: the challenge can never be won (or the split reached)."""
    for ch in ctx.challenges.values():
        exprs = [("goal", ch.goal, "challenge-never-won", Msg("challenge '{id}' can never be won", id=ch.id))]
        exprs += [(f"split[{i}].when", sp.when, "split-never-reached",
                   Msg("split '{split}' of challenge '{id}' is never reached", split=sp.id, id=ch.id))
                  for i, sp in enumerate(ch.splits)]
        for key, e, code, message in exprs:
            c = check(e.tree, ctx.r.facts) if e is not None else None
            if c is not None:
                ctx.add(code, ch.at.file, f"{ch.at.path}.{key}", Msg("{message}: {reason}", message=message,
                                                                   reason=c.reason),
                        Msg("Loosen the condition, or make what it needs possible."), c.col, where=ch.at,
                        expr=e.src)


def check_flags(ctx: Ctx) -> None:
    camp = ctx.camp
    sets: dict[str, list[str]] = {}
    for thing in _acting(camp):
        for flag in thing.set:
            sets.setdefault(flag, []).append(thing.at.path)
    reads = _flag_reads(ctx)
    lists = camp.lists
    for flag in camp.flags:
        listed = flag in lists
        path = f"list.{flag}" if listed else f"flags.{flag}"
        if flag in sets and flag not in reads and not listed:  # a list shows on the life screen
            ctx.add("flag-never-read", ctx.main_file, path, Msg("the flag '{id}' is set but never read", id=flag),
                    Msg('Set by {names}. Test it with has("{id}") where it matters, or drop it.',
                        names=_names(sets[flag]), id=flag))
        elif flag in reads and flag not in sets:
            ctx.add("flag-never-set", ctx.main_file, path,
                    Msg("the list '{id}' is read but never set", id=flag) if listed
                    else Msg("the flag '{id}' is read but never set", id=flag),
                    Msg('Read by {names}. Set it with set = ["{id}"] on a choice or rule, or drop the test.',
                        names=_names(reads[flag]), id=flag))
        elif flag not in reads and flag not in sets:
            ctx.add("flag-unused", ctx.main_file, path,
                    Msg("the list '{id}' is never set or read", id=flag) if listed
                    else Msg("the flag '{id}' is never set or read", id=flag),
                    Msg("Remove it, or use it."))


def check_stats(ctx: Ctx) -> None:
    """A stat that no condition, gate, route or formula reads changes nothing but its own number:
    the player watches it move and learns it does not matter. Text that shows it does not count,
    nor a formula or rule that only moves the stat itself (a mood that drifts back to the middle)."""
    camp = ctx.camp
    only = {f"rule.{r.id}": next(iter(r.effects)) for r in camp.rules.values()
            if len(r.effects) == 1 and not (r.score or r.set or r.clear or r.goto or r.later or r.reveal)}
    matters: set[str] = set()
    for _file, path, e in _exprs(camp) + _challenge_exprs(ctx):
        if path.endswith((".text", ".locked", ".why", ".why_not")):
            continue
        itself = path.rsplit(".", 1)[1] if ".effects." in path else only.get(path.rsplit(".", 1)[0], "")
        matters.update(name for kind, name in names_in(e.tree) if kind == "name" and name != itself)
    for sid in camp.stats:
        if sid not in matters:
            ctx.add("stat-never-read", ctx.main_file, f"stats.{sid}",
                    Msg("the stat '{id}' is read by no condition, gate, route or formula", id=sid),
                    Msg('Let it matter: lock a choice with if = "{id} >= ...", route an ending on it, '
                        "or use it in a rule; or drop it.", id=sid))


# ---------------------------------------------------------------- delayed consequences

def check_laters(ctx: Ctx) -> None:
    camp = ctx.camp
    for thing in _acting(camp):
        for lt in thing.later:
            if lt.days >= camp.days:
                ctx.add("later-after-end", thing.at.file, f"{thing.at.path}.later",
                        Msg("a consequence {later} days later never comes: the campaign has {days} days",
                            later=lt.days, days=camp.days),
                        Msg("Use fewer than {days} days.", days=camp.days), where=thing.at)


# ---------------------------------------------------------------- dead ends

def check_dead_ends(ctx: Ctx) -> None:
    """A reached scene whose choices could all be locked at once: the player would be stuck.

    When every way into the scene has a condition of its own (the choice that leads there, the
    storylet's `if`), the scene is a dead end only if one of those can hold while every choice
    here is locked: `if = "money >= 100"` on the way in covers a scene of choices that need it.
    """
    camp, r = ctx.camp, ctx.r
    guards = _ways_in(camp, r)
    for sid in sorted(r.targets):
        sc = camp.scenes.get(sid)
        if sc is None or not sc.choices or camp.run.scenes[sid].always is not None:
            continue
        tests = [_choice_tree(camp, ch) for ch in sc.choices]
        if any(t is None for t in tests):
            continue
        stuck = [Node("not", 1, args=[t]) for t in tests]  # type: ignore[list-item]
        ways = guards.get(sid, [None])
        if any(check(Node("and", 1, args=stuck + ([g] if g is not None else [])), r.facts) is None
               for g in ways):
            ctx.add("possible-dead-end", sc.at.file, sc.at.path,
                    Msg("every choice in '{id}' can be locked at the same time", id=sid),
                    Msg("Add a choice without a condition (a way out), or make the conditions cover every case."),
                    where=sc.at)


def _ways_in(camp: Campaign, r: Reach) -> dict[str, list[Node | None]]:
    """For each scene, the condition on each way in that can be taken (None: a way in without one)."""
    ways: dict[str, list[Node | None]] = {}
    for ch in camp.choices.values():
        if ch.id in r.choices and ch.goto in camp.scenes:
            ways.setdefault(ch.goto, []).append(_choice_tree(camp, ch))
    for deck in camp.decks.values():
        for sc in deck.scenes:
            ways.setdefault(sc.id, []).append(sc.cond.tree if sc.cond is not None else None)
    guarded = set(ways)
    for target in _unguarded_targets(camp):
        if target in camp.scenes:
            ways.setdefault(target, []).append(None)
    return {k: v for k, v in ways.items() if k in guarded or None in v}


def _unguarded_targets(camp: Campaign) -> list[str]:
    """Where the story goes with no condition of the way in to lean on: calendar, rules, routes..."""
    out = [camp.start, camp.day_start, camp.finale, *camp.calendar.values()]
    out += [d.fallback for d in camp.decks.values()]
    out += [route.goto for sc in camp.scenes.values() for route in sc.routes]
    out += [rule.goto for rule in camp.rules.values()]
    for thing in _acting(camp):
        out += [lt.goto for lt in thing.later]
    out += [ch.goto for ch in camp.choices.values() if ch.goto in camp.decks]  # drawn: see the deck
    return out


def _choice_tree(camp: Campaign, ch: Choice) -> Node | None:
    parts = ([ch.cond.tree] if ch.cond is not None else []) + ([camp.gates[ch.needs].needs.tree] if ch.needs else [])
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Node("and", parts[0].col, args=parts)


# ---------------------------------------------------------------- text

def check_texts(ctx: Ctx) -> None:
    check_text_branches(ctx.camp, ctx.r.facts, ctx.add)


# ---------------------------------------------------------------- plain text with braces

def check_plain_text(ctx: Ctx) -> None:
    """{name} is filled in only in the texts that take forms; elsewhere the braces are shown as written."""
    camp = ctx.camp
    fields: list[tuple[str, str, str, Where | None]] = [
        (ctx.main_file, "campaign.title", camp.title, None), (ctx.main_file, "campaign.blurb", camp.blurb, None),
        (ctx.main_file, "campaign.about", camp.about, None)]
    fields += [(ctx.main_file, f"flags.{f}", about, None) for f, about in camp.flags.items()
               if f not in camp.lists]
    for lid, lst in camp.lists.items():
        fields += [(ctx.main_file, f"list.{lid}.{k}", getattr(lst, k), None) for k in ("title", "on", "off")]
    for nid, npc in camp.npcs.items():
        fields += [(ctx.main_file, f"npc.{nid}.{k}", getattr(npc, k), None) for k in ("name", "about")]
    for sc in camp.scenes.values():
        fields.append((sc.at.file, f"{sc.at.path}.title", sc.title, sc.at))
    for gid, gate in camp.gates.items():
        fields += [(gate.at.file, f"{gid}.{k}", getattr(gate, k), gate.at) for k in ("title", "text")]
    for file, path, text, at in fields:
        m = BRACED.search(text or "")
        if m:
            key = path.rsplit(".", 1)[1]
            ctx.add("braces-in-plain-text", file, path,
                    Msg("'{text}' in {key} is shown as written, braces and all", text=m.group(), key=key),
                    Msg("Only scene, choice, locked, why and why_not text fill in {{expressions}}; write the words "
                        "out here."),
                    where=at)
