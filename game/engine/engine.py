"""Playing a campaign: offer the choices (open and locked, with reasons), apply one, run the days.

Functions take the campaign and the state and change only the state, so the Textual app, the
command line and the tests all drive the very same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .draw import EmptyDeck, draw as draw_from
from .errors import DeadEnd, NoWayBack, OutOfRange, PlayError  # noqa: F401 - the UI and the tools catch them from here
from . import textlang
from .expr import Labeler, Namer, explain
from .model import Campaign, Choice, Gate, Template
from .msg import Msg
from .prepared import DAY, ChoiceRun
from .rules import Changes, consequences, due_today, add_stats, check_crossings, fire_all, mark_flags
from .state import GameState, LedgerEntry


@dataclass(slots=True)
class Option:
    """A choice as the player sees it."""

    id: str
    text: str
    open: bool
    reason: str = ""


@dataclass(slots=True)
class GateStatus:
    kind: str
    id: str
    title: str
    text: str
    open: bool
    reason: str


@dataclass(slots=True)
class Outcome:
    """What one choice did, for the notice after it."""

    choice: str
    ledger: list[LedgerEntry]
    stats: dict[str, int]
    flags_set: list[str]
    flags_cleared: list[str]
    new_day: bool
    scene: str
    ended: bool
    opened: list[str] = field(default_factory=list)
    shut: list[str] = field(default_factory=list)
    revealed: list[str] = field(default_factory=list)  # hidden rules found out just now
    reply: str = ""  # what the story answered the choice with (its `reply`), shown above the next scene


# ---------------------------------------------------------------- text

def render(camp: Campaign, template: Template, st: GameState) -> str:
    """A text for this state: holes filled, branches and variations chosen (see textlang)."""
    return textlang.render(template, st)


def namer(camp: Campaign, st: GameState) -> Namer:
    """Names for reasons, as the player knows them: a flag's description, a scene's or gate's title.

    A list kept off the life screen by its `shown_if` is not named while that is false, so a
    lock's reason does not tell the player what the life screen keeps from them.
    """
    def name(kind: str, ident: str) -> str:
        if kind == "scene":
            scene = camp.scenes.get(ident)
            return scene.title if scene is not None and scene.title else ident.replace("_", " ")
        if kind == "gate":
            gate = camp.gates.get(ident)
            return gate.title if gate is not None else ident
        return camp.flags.get(ident, ident) if flag_known(camp, st, ident) else ""
    return name


def labeler(camp: Campaign) -> Labeler:
    """A stat's or score's name in the words being played (a translation's label), "" for others."""
    def label(ident: str) -> str:
        stat, score = camp.stats.get(ident), camp.scores.get(ident)
        return stat.label if stat is not None else score.label if score is not None else ""
    return label


def flag_known(camp: Campaign, st: GameState, flag: str) -> bool:
    """Whether the player may know of a flag: always, but for a list whose `shown_if` is false."""
    lst = camp.lists.get(flag)
    return lst is None or lst.shown is None or bool(lst.shown.fn(st))


# ---------------------------------------------------------------- gates and choices

def gate_reason(camp: Campaign, gate: Gate, st: GameState) -> str:
    return render(camp, gate.why_not, st) or camp.say(explain(gate.needs, st, namer(camp, st), labeler(camp)))


def gates(camp: Campaign, st: GameState) -> list[GateStatus]:
    """Every gate, open or shut, with the reason in words, in the order of the life screen."""
    order = {k: i for i, k in enumerate(camp.gate_kinds)}
    out = []
    for g in sorted(camp.gates.values(), key=lambda g: order.get(g.kind, 99)):
        ok = bool(g.needs.fn(st))
        out.append(GateStatus(g.kind, g.id, g.title, g.text, ok, "" if ok else gate_reason(camp, g, st)))
    return out


def is_open(camp: Campaign, ch: Choice, st: GameState) -> bool:
    test = camp.run.choices[ch.id].test
    return test is None or bool(test(st))


def lock_reason(camp: Campaign, ch: Choice, st: GameState) -> str:
    if ch.id in st.taken:
        return camp.say(Msg("taken already; it is offered only once"))
    if ch.cond is not None and not ch.cond.fn(st):
        return render(camp, ch.locked, st) or camp.say(explain(ch.cond, st, namer(camp, st), labeler(camp)))
    gate = camp.gates[ch.needs]
    # The refuser's own words (a gate's why_not) stand alone: the choice already says what was asked
    # for, and the gate's title before them filled the list at 80x24. A reason the engine words
    # ("needs Social Credit ≥ 650") still says which door it is about.
    return (render(camp, ch.locked, st) or render(camp, gate.why_not, st)
            or Msg.listing([gate.title, gate_reason(camp, gate, st)], ": "))


def options(camp: Campaign, st: GameState) -> list[Option]:
    """The current scene's choices, each open or locked with its reason.

    A once-only choice already taken is left off, and so is a locked one the author hides.
    """
    out = []
    for ch in camp.scenes[st.scene].choices:
        ok = is_open(camp, ch, st)
        if not ok and (ch.hide_locked or ch.id in st.taken):
            continue
        out.append(Option(ch.id, render(camp, ch.text, st), ok, "" if ok else lock_reason(camp, ch, st)))
    return out


def open_ids(camp: Campaign, st: GameState) -> list[str] | tuple[str, ...]:
    """Just the ids of the open choices: the fast path for simulation and replays."""
    scene = camp.run.scenes[st.scene]
    if scene.always is not None:
        return scene.always
    offer = st.offer
    if offer and offer[0] == len(st.log):
        return offer[1]
    return [ch.id for ch in scene.choices if ch.test is None or ch.test(st)]


def scene_text(camp: Campaign, st: GameState) -> str:
    return render(camp, camp.scenes[st.scene].text, st)


# ---------------------------------------------------------------- starting and moving

MAX_SEED = 2**63 - 1  # seeds are stored as TOML integers
MAX_ROUTES = 100  # routers chained deeper than this are a loop in the content


def new_game(camp: Campaign, seed: int) -> GameState:
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(Msg("a seed is a whole number from 0 to {max}", max=MAX_SEED))
    vals: dict[str, int] = {"day": 1, "hour": camp.start_hour}
    for sid, sc in camp.scores.items():
        vals[sid] = sc.start
    for sid, stat in camp.stats.items():
        vals[sid] = stat.start
    for nid, npc in camp.npcs.items():
        for sid, v in npc.scores.items():
            vals[f"npc.{nid}.{sid}"] = v
    st = GameState(seed=seed, rng=seed & ((1 << 64) - 1), scene="", vals=vals)
    st.friends = {n for n, npc in camp.npcs.items() if npc.friend}
    st.history = {sid: [sc.start] for sid, sc in camp.scores.items()}
    st.holding = {r.id for r in camp.rules_when if r.when.fn(st)}  # type: ignore[union-attr]
    enter(camp, st, camp.start)
    return st


def draw(camp: Campaign, st: GameState, deck_id: str) -> str:
    """Draw one eligible storylet by weight with the seeded generator, or the deck's fallback."""
    try:
        return draw_from(camp.run.decks[deck_id], st)
    except EmptyDeck:
        raise _dry(deck_id, st) from None


def _dry(deck: str, st: GameState) -> DeadEnd:
    """A deck with nothing left to draw and no fallback: the story stops there, a content error."""
    return DeadEnd(deck, st.vals["day"], [Msg("deck '{deck}' is empty and has no fallback", deck=deck)])


def enter(camp: Campaign, st: GameState, target: str) -> None:
    """Move to a scene or deck, following routers; marks scenes visited and ends the game at an ending."""
    scenes, visited = camp.run.scenes, st.visited
    routed = 0
    while True:
        scene = scenes.get(target)
        if scene is None:  # a deck (drawn here rather than through draw(): one call less a draw)
            try:
                target = draw_from(camp.run.decks[target], st)
            except EmptyDeck:
                raise _dry(target, st) from None
            scene = scenes[target]
        visited[target] = visited.get(target, 0) + 1
        if scene.routes:
            routed += 1
            if routed > MAX_ROUTES:
                raise PlayError(Msg("routes loop without end near scene '{scene}'", scene=target))
            for r in scene.routes:  # the content check makes sure one of them holds
                if r.cond is None or r.cond.fn(st):
                    target = r.goto
                    break
            continue
        st.scene = target
        if scene.ending:
            st.ending = target
        elif scene.always is None:
            ids = []
            for ch in scene.choices:  # a loop, not a comprehension: cheaper for a few choices
                if ch.test is None or ch.test(st):
                    ids.append(ch.id)
            if not ids:
                raise _dead_end(camp, st, target)
            st.offer = (len(st.log), tuple(ids))
        return


def _dead_end(camp: Campaign, st: GameState, scene: str) -> DeadEnd:
    """Every choice here is locked, hidden ones too: the error, with each one's reason.

    A function of its own: a comprehension over the choices inside ``enter`` would make its
    locals closure cells, which every choice's ``enter`` would pay for.
    """
    return DeadEnd(scene, st.vals["day"], [lock_reason(camp, ch, st) for ch in camp.scenes[scene].choices])


def next_day(camp: Campaign, st: GameState) -> bool:
    """Turn the clock to the next morning and note each score for the sparkline.

    Returns True when the campaign's last day is over (the day stays on the last one).
    """
    vals = st.vals
    vals["day"] += 1
    vals["hour"] = camp.start_hour
    for sid, hist in st.history.items():
        hist.append(vals[sid])
    if vals["day"] > camp.days:
        vals["day"] = camp.days
        return True
    return False


def find_choice(camp: Campaign, st: GameState, choice_id: str) -> Choice:
    """The current scene's choice by full id ("market.diapers") or by its id in the scene."""
    ch = camp.choices.get(choice_id)
    if ch is not None and choice_id.startswith(st.scene) and choice_id[len(st.scene)] == ".":
        return ch
    ch = camp.scenes[st.scene].by_id.get(choice_id)
    if ch is None:
        raise PlayError(Msg("choice '{choice}' is not in scene '{scene}'", choice=choice_id, scene=st.scene))
    return ch


def choose(camp: Campaign, st: GameState, choice_id: str) -> Outcome:
    """Take a choice by id; raises PlayError if it is unknown here or locked."""
    ch = _open_choice(camp, st, choice_id)
    mark = len(st.ledger)
    flags_before = set(st.flags)
    known_before = set(st.revealed)
    gates_before = {g for g, gate in camp.gates.items() if gate.needs.fn(st)}
    changes: dict[str, int] = {}
    scene, visit = st.scene, st.visited.get(st.scene, 0)
    step(camp, st, ch, changes)
    gates_after = {g for g, gate in camp.gates.items() if gate.needs.fn(st)}
    return Outcome(ch.id, st.ledger[mark:], changes, sorted(st.flags - flags_before),
                   sorted(flags_before - st.flags), ch.choice.end_day, st.scene, bool(st.ending),
                   sorted(gates_after - gates_before), sorted(gates_before - gates_after),
                   sorted(r for r in st.revealed - known_before if camp.rules[r].hidden),
                   reply(camp, st, ch.choice, scene, visit))


def reply(camp: Campaign, st: GameState, ch: Choice, scene: str, visit: int) -> str:
    """A choice's reply, said with the state it left behind.

    Its variations count the visit to the scene the choice was taken on, as the choice's own
    text did, so a reply varies with the scene it answers, even when the choice comes back to it.
    """
    if not ch.reply:
        return ""
    now, st.scene = st.scene, scene
    seen, st.visited[scene] = st.visited.get(scene), visit
    try:
        return render(camp, ch.reply, st)
    finally:
        st.scene = now
        if seen is None:
            del st.visited[scene]
        else:
            st.visited[scene] = seen


def _open_choice(camp: Campaign, st: GameState, choice_id: str) -> ChoiceRun:
    """The choice by id if the player may take it now; PlayError says why not."""
    if st.ending:
        raise PlayError(Msg("the game is over"))
    run = camp.run
    ch = run.choices.get(choice_id)
    scene = run.scenes[st.scene]
    if ch is None or ch.scene is not scene:
        ch = run.choices[find_choice(camp, st, choice_id).id]
    if scene.always is None and not (ch.test is None or ch.test(st)):
        raise PlayError(Msg("choice '{choice}' is locked: {reason}", choice=ch.id,
                            reason=lock_reason(camp, ch.choice, st)))
    return ch


def apply(camp: Campaign, st: GameState, choice_id: str) -> None:
    """Take a choice by id like ``choose``, without the report: for replays and simulation.

    An open choice of the current scene by its full id (what simulation and replays pass) is
    taken at once; anything else goes through ``_open_choice``, which finds it or says why not.
    """
    run = camp.run
    ch = run.choices.get(choice_id)
    if ch is None or st.ending or ch.scene is not run.scenes[st.scene] or not (
            ch.scene.always is not None or ch.test is None or ch.test(st)):
        ch = _open_choice(camp, st, choice_id)
    step(camp, st, ch, {} if run.watches_stats else None)


def step(camp: Campaign, st: GameState, run_ch: ChoiceRun, changes: Changes) -> None:
    """Apply an open choice: effects, acts through the rules, the clock, crossings, the next scene.

    The hot path of simulation and replays: no checks and no report beyond ``changes``.
    """
    ch = run_ch.choice
    run = camp.run
    st.log.append(ch.id)
    mark = len(st.ledger)
    ver = st.flag_ver
    if run_ch.fx:
        add_stats(st, run_ch.fx, changes)
    st.vals["hour"] += ch.hours
    if run_ch.rare:  # flags, friends, delays, discoveries, once-only: most choices have none of them
        if ch.once:
            st.taken.add(ch.id)
        mark_flags(st, ch.set, ch.clear)
        if ch.befriend:
            st.friends.update(ch.befriend)
        if ch.unfriend:
            st.friends.difference_update(ch.unfriend)
        if ch.later or ch.reveal:
            consequences(st, ch.later, ch.reveal)
    goto = ""
    acts, on = st.acts, run.on
    for act in ch.does:  # do_act, inline: most choices do an act, and most acts fire a rule
        acts[act] = acts.get(act, 0) + 1
        rules = on.get(act)
        if rules:
            for test, fire in rules:
                if test is None or test(st):
                    goto = fire(st, changes) or goto
    if run.every_choice:
        goto = fire_all(st, run.every_choice, changes) or goto
    if not ch.end_day:
        moved = (len(st.ledger) != mark) + 2 * (st.flag_ver != ver)  # Moved.SCORES | Moved.FLAGS, as ints
        if run.when_by[moved]:
            goto = check_crossings(camp, st, changes, moved) or goto
        enter(camp, st, goto or ch.goto if not run_ch.jump else jump(st, ch, goto))
        return
    if st.returns:  # a sub-scene's way back lasts until the day ends
        st.returns.clear()
    goto = fire_all(st, run.every_day, changes) or goto
    final = next_day(camp, st)
    due: list[str] = []
    if st.pending and not final:
        later_goto, due = due_today(camp, st, changes)
        goto = later_goto or goto
    goto = check_crossings(camp, st, changes, (len(st.ledger) != mark) + 2 * (st.flag_ver != ver) + DAY) or goto
    # Nothing outlasts the last night: the finale opens whatever rules say.
    enter(camp, st, camp.finale if final else open_day(camp, st, goto, due))


def jump(st: GameState, ch: Choice, goto: str) -> str:
    """Where a choice that calls a sub-scene, or goes back from one, leads; keeps the way back.

    A call notes where to come back to (its `goto`, else its own scene) and goes to the sub-scene;
    `back` goes to the latest such place. A rule that sends the player elsewhere wins, as it does
    over a `goto`: the call is then not made, while going back still leaves the sub-scene.
    """
    if ch.back:
        if not st.returns:
            raise NoWayBack(st.scene, st.vals["day"], ch.id)
        home = st.returns.pop()
        return goto or home
    if goto:
        return goto
    st.returns.append(ch.goto or st.scene)
    return ch.call


def open_day(camp: Campaign, st: GameState, goto: str, due: list[str]) -> str:
    """The scene a new day opens on, and what waits for tomorrow.

    A calendar day always opens on its fixed scene; a rule's scene comes next, then delayed
    consequences in the order they were set off; the ones that do not fit today wait a day.
    """
    fixed = camp.calendar.get(st.vals["day"])
    if not (fixed or goto or due):  # most mornings
        return camp.day_start
    queue: list[str] = []
    for s in (fixed, goto, *due):
        if s and s not in queue:
            queue.append(s)
    tomorrow = st.vals["day"] + 1
    st.pending.extend((tomorrow, "goto", s) for s in queue[1:])
    return queue[0]


def replay(camp: Campaign, seed: int, log: list[str]) -> GameState:
    """Rebuild a game from its seed and choice log; raises PlayError naming the step that no longer fits."""
    st = new_game(camp, seed)
    for step, cid in enumerate(log, 1):
        try:
            apply(camp, st, cid)
        except PlayError as e:
            raise PlayError(Msg("step {step} ({choice}): {why}", step=step, choice=cid, why=e.args[0])) from None
    return st
