"""The campaign-level tables of campaign.toml: scores, stats, flags, lists, people, decks and the
headings of gate kinds. They declare the names every other file may use.
"""

from __future__ import annotations

import math
from typing import Any

from ..model import DOMAIN_WIDTH, STAT_LABEL_WIDTH, Deck, ListDef, Npc, Score, Stat
from ..msg import Msg
from .context import Context
from .keys import ID, RESERVED, check_id, check_keys
from .read import Source


def check_shown(cx: Context, src: Source, path: str, words: str, width: int) -> None:
    """A warning for a name longer than the side panel shows (``width``): it would be cut there."""
    if len(words) > width:
        cx.problem(src, path, Msg("'{words}' is {n} characters long; the side panel shows {width}",
                                  words=words, n=len(words), width=width),
                   Msg("Use a shorter word: on screen it reads '{cut}'.", cut=words[:width]),
                   severity="warning", code="too-long")


def load_scores(cx: Context, src: Source, table: Any) -> dict[str, Score]:
    if not isinstance(table, dict) or not table:
        cx.problem(src, "scores", Msg("the campaign has no score"), Msg("Add a [scores.<id>] table."))
        return {}
    out: dict[str, Score] = {}
    sid: str
    for sid, raw in table.items():
        path = f"scores.{sid}"
        if not check_id(cx, src, path, sid, "score"):
            continue
        if sid in RESERVED:
            cx.problem(src, path, Msg("'{id}' is a reserved name", id=sid), Msg("Pick another score id."))
        t = check_keys(cx, src, path, raw, "score")
        lo, hi, start = t.get("min", 0), t.get("max", 100), t.get("start", 0)
        if not lo <= start <= hi:
            cx.problem(src, f"{path}.start", Msg("start {start} is outside {lo}..{hi}", start=start, lo=lo, hi=hi))
        direction = t.get("direction", "higher")
        if direction not in ("higher", "lower"):
            cx.problem(src, f"{path}.direction", Msg('direction must be "higher" or "lower"'),
                       Msg('"lower" is for rank-style scores where #1 is best.'))
        bands = []
        for name, bound in t.get("bands", {}).items():
            if not isinstance(bound, int) or isinstance(bound, bool):
                cx.problem(src, f"{path}.bands.{name}", Msg("a band's lower bound must be a whole number"))
            else:
                bands.append((bound, name))
        domains = {}
        for name, w in t.get("domains", {}).items():
            if not isinstance(w, (int, float)) or isinstance(w, bool) or not math.isfinite(w):
                cx.problem(src, f"{path}.domains.{name}", Msg("a domain's weight must be a finite number"))
            else:
                domains[name] = int(w)
                check_shown(cx, src, f"{path}.domains.{name}", name.replace("_", " "), DOMAIN_WIDTH)
        out[sid] = Score(sid, t.get("label", sid), lo, hi, start, direction, sorted(bands), domains)
    return out


def load_stats(cx: Context, src: Source, table: Any, scores: dict[str, Score]) -> dict[str, Stat]:
    out: dict[str, Stat] = {}
    if not isinstance(table, dict):
        cx.problem(src, "stats", Msg("[stats] must be a table"))
        return out
    for sid, raw in table.items():
        path = f"stats.{sid}"
        if not check_id(cx, src, path, sid, "stat"):
            continue
        if sid in scores or sid in RESERVED:
            cx.problem(src, path, Msg("the name '{id}' is already taken", id=sid), Msg("Pick another stat id."))
        t = check_keys(cx, src, path, raw, "stat")
        lo, hi, start = t.get("min"), t.get("max"), t.get("start", 0)
        if (lo is not None and start < lo) or (hi is not None and start > hi):
            cx.problem(src, f"{path}.start", Msg("start {start} is outside {lo}..{hi}", start=start,
                                                 lo="" if lo is None else lo, hi="" if hi is None else hi),
                       Msg("Move the start inside the bounds, or widen them."))
        label = t.get("label", sid.replace("_", " ").capitalize())
        check_shown(cx, src, f"{path}.label", label, STAT_LABEL_WIDTH)
        out[sid] = Stat(sid, label, t.get("start", 0),
                        t.get("min"), t.get("max"), t.get("unit", ""))
    return out


def load_flags(cx: Context, src: Source, table: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    if not isinstance(table, dict):
        cx.problem(src, "flags", Msg('[flags] must be a table of flag = "what it means"'))
        return out
    for fid, about in table.items():
        if check_id(cx, src, f"flags.{fid}", fid, "flag"):
            if not isinstance(about, str):
                cx.problem(src, f"flags.{fid}", Msg("a flag is declared with what it means, in words"),
                           Msg('{id} = "On the court blacklist."', id=fid))
            out[fid] = about if isinstance(about, str) else fid
    return out


def load_lists(cx: Context, src: Source, table: Any, flags: dict[str, str]) -> dict[str, ListDef]:
    """Blacklists and redlists; each one is also a flag of its own id."""
    out: dict[str, ListDef] = {}
    if not isinstance(table, dict):
        cx.problem(src, "list", Msg("[list] must hold tables such as [list.court_blacklist]"))
        return out
    lid: str
    for lid, raw in table.items():
        path = f"list.{lid}"
        if not check_id(cx, src, path, lid, "list"):
            continue
        if lid in flags:
            cx.problem(src, path, Msg("'{id}' is both a flag and a list", id=lid),
                       Msg("A list is a flag already; remove it from [flags]."))
        t = check_keys(cx, src, path, raw, "list")
        kind = t.get("kind", "black")
        if kind not in ("black", "red"):
            cx.problem(src, f"{path}.kind", Msg('kind must be "black" or "red"'),
                       Msg('"black": bad to be on; "red": good to be on.'))
        out[lid] = ListDef(lid, t.get("title", lid), kind, t.get("on", ""), t.get("off", ""))
        if "shown_if" in t:
            cx.list_conds[lid] = t["shown_if"]
        flags[lid] = t.get("title", lid)
    return out


def load_npcs(cx: Context, src: Source, table: Any, scores: dict[str, Score]) -> dict[str, Npc]:
    out: dict[str, Npc] = {}
    if not isinstance(table, dict):
        cx.problem(src, "npc", Msg("[npc] must hold tables such as [npc.li_wei]"))
        return out
    nid: str
    for nid, raw in table.items():
        path = f"npc.{nid}"
        if not check_id(cx, src, path, nid, "person"):
            continue
        t = check_keys(cx, src, path, raw, "npc")
        own = {}
        for sid, v in t.get("scores", {}).items():
            if not ID.match(sid) or sid == "friend":
                cx.problem(src, f"{path}.scores.{sid}", Msg("the measure name '{id}' is not allowed", id=sid),
                           Msg("Use a score id of the campaign, or a lower-case name like rating."))
            elif not isinstance(v, int) or isinstance(v, bool):
                cx.problem(src, f"{path}.scores.{sid}", Msg("a score must be a whole number"))
            else:
                own[sid] = v
        for sid, sc in scores.items():
            own.setdefault(sid, sc.start)
        kind = t.get("kind", "person")
        if kind not in ("person", "org"):
            cx.problem(src, f"{path}.kind", Msg('kind must be "person" or "org"'),
                       Msg('Use kind = "org" for a clinic, a school, a company.'))
        out[nid] = Npc(nid, t.get("name", nid), t.get("about", ""), t.get("friend", False), own,
                       kind)
    return out


def load_decks(cx: Context, src: Source, table: Any) -> dict[str, Deck]:
    out: dict[str, Deck] = {}
    if not isinstance(table, dict):
        return out
    for did, raw in table.items():
        if check_id(cx, src, f"deck.{did}", did, "deck"):
            t = check_keys(cx, src, f"deck.{did}", raw, "deck")
            out[did] = Deck(did, t.get("fallback", ""))
    return out


def gate_kinds(cx: Context, src: Source, raw: Any) -> dict[str, str]:
    """The life screen's headings for each kind of gate, in the author's order."""
    if not isinstance(raw, dict):
        cx.problem(src, "gate_kinds", Msg('[gate_kinds] must be a table of kind = "Heading"'),
                   Msg('job = "Jobs"'))
        return {}
    for k, v in raw.items():
        if not isinstance(v, str):
            cx.problem(src, f"gate_kinds.{k}", Msg("a gate kind's heading must be text"),
                       f'{k} = "{k.capitalize()}s"')
    return {k: v for k, v in raw.items() if isinstance(v, str)}
