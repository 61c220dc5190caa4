"""Scenes and what hangs off them: choices, routes and later consequences.

Scenes are collected from every file under scenes/ first (ids are unique across the campaign),
so that a goto can name a scene in any file; then each is loaded against the declared names.
"""

from __future__ import annotations

import math
from typing import Any

from ..expr import BOOL, NUM
from ..model import Amount, Choice, Later, Route, Scene, Where
from ..msg import Msg
from .context import Context, close
from .keys import check_id, check_keys
from .read import Source
from .values import acts_ok, amounts, expr, flag_list, npc_list, strs, target, template


def collect_scenes(cx: Context, srcs: list[Source]) -> list[tuple[str, Source, dict[str, Any]]]:
    seen: dict[str, str] = {}
    out = []
    for src in srcs:
        for key in src.data:
            if key != "scene":
                cx.problem(src, key, Msg("unknown table [{key}] in a scene file", key=key),
                           Msg("Scene files hold [scene.<id>] tables."))
        table = src.data.get("scene", {})
        if not isinstance(table, dict):
            cx.problem(src, "scene", Msg("scene must hold tables such as [scene.<id>]"),
                       Msg("Write each scene as a [scene.<id>] table."))
            continue
        for sid, t in table.items():
            path = f"scene.{sid}"
            if not check_id(cx, src, path, sid, "scene"):
                continue
            if sid in seen:
                cx.problem(src, path, Msg("scene '{id}' is also defined in {file}", id=sid, file=seen[sid]),
                           Msg("Scene ids must be unique across the campaign."))
                continue
            seen[sid] = src.name
            out.append((sid, src, t if isinstance(t, dict) else {}))
    return out


def load_scene(cx: Context, src: Source, sid: str, raw: dict[str, Any]) -> Scene:
    path = f"scene.{sid}"
    t = check_keys(cx, src, path, raw, "scene")
    at = Where(src.name, path, src.line)
    deck = t.get("deck", "")
    if deck and deck not in cx.decks:
        cx.problem(src, f"{path}.deck", Msg("unknown deck '{deck}'", deck=deck),
                   Msg("Declare it as [deck.<id>] in campaign.toml."))
    cond = expr(cx, src, f"{path}.if", t["if"], BOOL) if "if" in t else None
    weight = storylet_weight(cx, src, path, t["weight"]) if "weight" in t else 1
    if not deck:
        for key in ("if", "weight", "repeat"):
            if key in t:
                cx.problem(src, f"{path}.{key}", Msg("'{key}' only applies to storylets", key=key),
                           Msg('Add deck = "..." to make this scene a storylet.'), severity="warning")
    choices = load_choices(cx, src, sid, path, t.get("choice", []))
    routes = load_routes(cx, src, path, t.get("routes", []))
    ending = t.get("ending", False)
    check_scene_kind(cx, src, sid, path, t, bool(t.get("choice")), bool(routes), ending)
    if "hint" in t and not ending:
        cx.problem(src, f"{path}.hint", Msg("'hint' only applies to endings"),
                   Msg("Add ending = true, or remove the hint."), severity="warning")
    text = template(cx, src, f"{path}.text", t.get("text", ""))
    return Scene(sid, t.get("title", ""), text, choices, {ch.local: ch for ch in choices}, deck, cond,
                 weight, t.get("repeat", False), routes, ending, at, t.get("hint", ""))


def storylet_weight(cx: Context, src: Source, path: str, w: int | float | str) -> Amount:
    """A storylet's weight: a whole number of at least 1 (a decimal rounds), or a formula."""
    if isinstance(w, float) and not math.isfinite(w):
        cx.problem(src, f"{path}.weight", Msg("a weight must be a finite number"))
        w = 1
    weight = (expr(cx, src, f"{path}.weight", w, NUM) or 1) if isinstance(w, str) else round(w)
    if isinstance(weight, int) and weight < 1:
        cx.problem(src, f"{path}.weight", Msg("a fixed weight must be at least 1"),
                   Msg("Use an 'if' to keep a storylet out of the deck."))
        weight = 1
    return weight


def load_choices(cx: Context, src: Source, sid: str, path: str, raw: list[Any]) -> list[Choice]:
    """A scene's choices, in order; a choice id used twice is reported and the second dropped."""
    choices: list[Choice] = []
    seen: set[str] = set()
    for i, c in enumerate(raw):
        ch = load_choice(cx, src, sid, f"{path}.choice[{i}]", c)
        if ch is None:
            continue
        if ch.local in seen:
            cx.problem(src, f"{path}.choice[{i}].id", Msg("choice id '{id}' is used twice in this scene", id=ch.local),
                       Msg("Give each choice in a scene its own id; saves and replays refer to it."))
            continue
        seen.add(ch.local)
        choices.append(ch)
    return choices


def check_scene_kind(cx: Context, src: Source, sid: str, path: str, t: dict[str, Any], has_choices: bool,
                     has_routes: bool, ending: bool) -> None:
    """A scene has choices, or routes (a router), or is an ending — exactly one — and text unless
    it is a router or an ending."""
    kinds = sum((has_choices, has_routes, ending))
    if kinds == 0:
        cx.problem(src, path, Msg("scene '{id}' has no choices, routes or ending", id=sid),
                   Msg("Add [[scene.{id}.choice]] tables, routes = [...], or ending = true.", id=sid))
    elif kinds > 1:
        cx.problem(src, path, Msg("scene '{id}' mixes choices, routes and ending", id=sid),
                   Msg("A scene has choices, or routes, or is an ending."))
    if not ending and not has_routes and "text" not in t:
        cx.problem(src, path, Msg("scene '{id}' has no text", id=sid), Msg('Add text = """...""".'))


def load_choice(cx: Context, src: Source, sid: str, path: str, raw: Any) -> Choice | None:
    t = check_keys(cx, src, path, raw, "choice")
    local = t.get("id", "")
    if not local or not check_id(cx, src, f"{path}.id", local, "choice"):
        return None
    goto, end_day = t.get("goto", ""), t.get("end_day", False)
    call, back = t.get("call", ""), t.get("back", False)
    where_next(cx, src, path, local, goto, bool(goto or call), end_day, back)
    if goto:
        target(cx, src, f"{path}.goto", goto)
    if call:
        target(cx, src, f"{path}.call", call)
    needs = t.get("needs", "")
    if needs and needs not in cx.names.gates:
        cx.problem(src, f"{path}.needs", Msg("unknown gate '{gate}'", gate=needs),
                   close(needs, list(cx.names.gates), Msg("Gates are named kind.id, e.g. job.bank_clerk.")))
    hours = t.get("hours", 1)
    if hours < 0:
        cx.problem(src, f"{path}.hours", Msg("hours cannot be negative"))
    # A key a choice leaves out reads as empty: no path to build, nothing to check.
    flags = {k: flag_list(cx, src, f"{path}.{k}", t[k]) if k in t else () for k in ("set", "clear")}
    people = {k: npc_list(cx, src, f"{path}.{k}", t[k]) if k in t else () for k in ("befriend", "unfriend")}
    does = strs(cx, src, f"{path}.does", t["does"]) if "does" in t else ()
    if does:
        acts_ok(cx, src, f"{path}.does", does)
    return Choice(
        id=f"{sid}.{local}", local=local,
        text=template(cx, src, f"{path}.text", t.get("text", "")),
        cond=expr(cx, src, f"{path}.if", t["if"], BOOL) if "if" in t else None,
        locked=template(cx, src, f"{path}.locked", t["locked"]) if "locked" in t else (), needs=needs,
        effects=amounts(cx, src, f"{path}.effects", t["effects"], cx.targets, "stat") if "effects" in t else {},
        set=flags["set"], clear=flags["clear"], befriend=people["befriend"],
        unfriend=people["unfriend"], does=does, hours=hours, goto=goto, end_day=end_day,
        at=Where(src.name, path, src.line), later=laters(cx, src, f"{path}.later", t["later"]) if "later" in t else (),
        reveal=strs(cx, src, f"{path}.reveal", t["reveal"]) if "reveal" in t else (),
        reply=template(cx, src, f"{path}.reply", t["reply"]) if "reply" in t else (), once=t.get("once", False),
        hide_locked=t.get("hide_locked", False), call=call, back=back)


def where_next(cx: Context, src: Source, path: str, local: str, goto: str, onward: bool, end_day: bool,
               back: bool) -> None:
    """A choice goes on (goto, call or both), ends the day, or goes back from a sub-scene: one of them."""
    if onward + end_day + back == 1:
        return
    if goto and end_day and not back:  # the commonest mix-up: each hint answers its own mistake
        cx.problem(src, path, Msg("choice '{id}' has both goto and end_day = true; it needs exactly one", id=local),
                   Msg("Keep goto to move on within the day, or end_day = true to end it. To open a scene "
                       'tomorrow morning, end the day and add later = {{ days = 1, goto = "{goto}" }}.', goto=goto))
    elif not (onward or end_day or back):
        cx.problem(src, path, Msg("choice '{id}' needs exactly one of goto, end_day = true or back = true", id=local),
                   Msg('Say where the story goes next: goto = "<scene>", end_day = true, or back = true '
                       'from a sub-scene (call = "..." may come with a goto: where it returns).'))
    else:
        cx.problem(src, path, Msg("choice '{id}' needs exactly one of goto, end_day = true or back = true", id=local),
                   Msg("Keep one: a choice goes on (goto, or call with a goto to return to), ends the day, or "
                       "goes back from a sub-scene."))


def laters(cx: Context, src: Source, path: str, value: Any) -> tuple[Later, ...]:
    """`later = {days, goto, does}` or a list of them: consequences that come days later."""
    items = [value] if isinstance(value, dict) else value
    out = []
    for i, raw in enumerate(items):
        p = path if isinstance(value, dict) else f"{path}[{i}]"
        t = check_keys(cx, src, p, raw, "later")
        if not t:
            continue
        days, goto = t.get("days", 1), t.get("goto", "")
        does = t.get("does", [])
        does = (does,) if isinstance(does, str) else strs(cx, src, f"{p}.does", does)
        if days < 1:
            cx.problem(src, f"{p}.days", Msg("days must be at least 1"), "later = { days = 3, ... }")
        if goto:
            target(cx, src, f"{p}.goto", goto)
        acts_ok(cx, src, f"{p}.does", does)
        if not goto and not does:
            cx.problem(src, p, Msg("a later consequence needs goto or does"),
                       'later = { days = 3, goto = "letter_arrives" }')
        out.append(Later(max(days, 1), goto, does))
    return tuple(out)


def load_routes(cx: Context, src: Source, path: str, raw: list[Any]) -> list[Route]:
    out = []
    for i, r in enumerate(raw):
        rp = f"{path}.routes[{i}]"
        t = check_keys(cx, src, rp, r, "route")
        if "goto" not in t:
            continue
        target(cx, src, f"{rp}.goto", t["goto"])
        cond = expr(cx, src, f"{rp}.if", t["if"], BOOL) if "if" in t else None
        out.append(Route(cond, t["goto"]))
    if out and out[-1].cond is not None:
        cx.problem(src, f"{path}.routes", Msg("the last route has a condition, so a player can fall through"),
                   Msg("End routes with one that has no 'if', e.g. {{ goto = \"ending_ordinary\" }}."))
    return out
