"""The scene graph of a campaign, drawn as Mermaid or Graphviz DOT.

Nodes are scenes (storylets, routers and endings drawn each their own way), decks, the rules that
send the player somewhere, the start and the turn of the day. Edges are choices (a locked choice
carries its condition as the label), routes, deck draws and fallbacks, rule gotos and delayed
consequences. What no path reaches (as ``check`` works it out) is drawn in dashed red. Labels
come from content, so each format escapes them its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from game.engine.model import Campaign, Choice, Rule

from .choice_checks import back_scenes
from .reach import reach

FORMATS = ("mermaid", "dot")
START, DAY = "x_start", "x_day"


@dataclass(frozen=True, slots=True)
class GNode:
    id: str  # safe in both formats: a prefix and [a-z0-9_]
    label: str
    kind: str  # start, day, scene, storylet, router, ending, deck, rule
    dead: bool = False  # no path reaches it (as check works it out)
    file: str = ""  # the content file it is written in, inside the campaign folder ("" for start, day, decks)
    deck: str = ""  # the deck it is drawn from, or is ("" for the rest)


@dataclass(frozen=True, slots=True)
class GEdge:
    src: str
    dst: str
    label: str
    kind: str  # choice, locked, call, back, route, draw, fallback, rule, later, day, start
    tip: str = ""  # said on hover where the format can (DOT tooltips): a self-loop's conditions


@dataclass
class Graph:
    nodes: dict[str, GNode]
    edges: list[GEdge]
    clusters: dict[str, list[str]] = field(default_factory=dict)  # a box's label -> the node ids in it


def node_id(camp: Campaign, target: str) -> str:
    """The node of a goto target: a scene or a deck."""
    return f"d_{target}" if target in camp.decks and target not in camp.scenes else f"s_{target}"


def build(camp: Campaign) -> Graph:
    g = _build(camp)
    live = reach(camp)
    for nid, n in g.nodes.items():
        target = nid[2:] if nid[:2] in ("s_", "d_") else ""
        dead = (target and target not in live.targets) or (nid.startswith("r_") and nid[2:] not in live.rules)
        if dead:
            g.nodes[nid] = replace(n, dead=True)
    return g


def _build(camp: Campaign) -> Graph:
    nodes: dict[str, GNode] = {START: GNode(START, "start", "start")}
    edges: list[GEdge] = [GEdge(START, node_id(camp, camp.start), "", "start")]
    for sid, sc in camp.scenes.items():
        kind = "ending" if sc.ending else "router" if sc.routes else "storylet" if sc.deck else "scene"
        nodes[f"s_{sid}"] = GNode(f"s_{sid}", sid, kind, file=_in_campaign(sc.at.file), deck=sc.deck)
        for route in sc.routes:
            edges.append(GEdge(f"s_{sid}", node_id(camp, route.goto),
                               route.cond.src if route.cond is not None else "otherwise", "route"))
        for ch in sc.choices:
            edges += _choice_edges(camp, ch)
    for did, deck in camp.decks.items():
        nodes[f"d_{did}"] = GNode(f"d_{did}", f"deck {did}", "deck", deck=did)
        for sc in deck.scenes:
            edges.append(GEdge(f"d_{did}", f"s_{sc.id}", sc.cond.src if sc.cond is not None else "", "draw"))
        if deck.fallback:  # boxed with the deck it stands in for, unless it is some deck's own
            fb = nodes[f"s_{deck.fallback}"]
            nodes[fb.id] = fb if fb.deck else replace(fb, deck=did)
            edges.append(GEdge(f"d_{did}", f"s_{deck.fallback}", "fallback", "fallback"))
    for rule in camp.rules.values():
        edges += _rule_edges(camp, rule, nodes)
    if any(e.dst == DAY for e in edges):
        nodes[DAY] = GNode(DAY, "next day", "day")
        edges += _day_edges(camp)
    return Graph(nodes, edges)


def _in_campaign(file: str) -> str:
    """A content file as the campaign folder holds it (``scenes/work.toml``), whatever the folder is called."""
    return file.split("/", 1)[1] if "/" in file else file


def _condition(camp: Campaign, ch: Choice) -> str:
    parts = ([f"if {ch.cond.src}"] if ch.cond is not None else []) + ([f"needs {ch.needs}"] if ch.needs else [])
    return "; ".join(parts)


def _choice_edges(camp: Campaign, ch: Choice) -> list[GEdge]:
    src = f"s_{ch.id.split('.', 1)[0]}"
    cond = _condition(camp, ch)
    label = f"{ch.local}: {cond}" if cond else ch.local
    kind = "locked" if cond else "choice"
    if ch.call:
        return _call_edges(camp, ch, src, label, kind)
    if ch.back:
        return []  # drawn from the call, which knows where it comes back to
    dst = DAY if ch.end_day else node_id(camp, ch.goto)
    # a label beside a self-loop widens the scene's whole rank: the name there, the condition on hover
    out = [GEdge(src, dst, ch.local, kind, label) if dst == src and cond else GEdge(src, dst, label, kind)]
    for lt in ch.later:
        if lt.goto:
            out.append(GEdge(src, node_id(camp, lt.goto), f"{ch.local}: {lt.days} days later", "later"))
    return out


def _call_edges(camp: Campaign, ch: Choice, src: str, label: str, kind: str) -> list[GEdge]:
    """A call into a sub-scene, and a return from each of its scenes that goes back."""
    home = node_id(camp, ch.goto) if ch.goto else src
    out = [GEdge(src, node_id(camp, ch.call), f"{label} (call)", "call" if kind == "choice" else kind)]
    out += [GEdge(f"s_{sid}", home, f"back ({ch.local})", "back") for sid in back_scenes(camp, ch.call)]
    return out + [GEdge(src, node_id(camp, lt.goto), f"{ch.local}: {lt.days} days later", "later")
                  for lt in ch.later if lt.goto]


def _rule_edges(camp: Campaign, rule: Rule, nodes: dict[str, GNode]) -> list[GEdge]:
    laters = [lt for lt in rule.later if lt.goto]
    if not rule.goto and not laters:
        return []
    rid = f"r_{rule.id}"
    trigger = f"on {', '.join(rule.on)}" if rule.on else f"every {rule.every}" if rule.every \
        else f"when {rule.when.src}" if rule.when is not None else ""
    nodes[rid] = GNode(rid, f"rule {rule.id}\n{trigger}", "rule", file=_in_campaign(rule.at.file))
    cond = f"if {rule.cond.src}" if rule.cond is not None else ""
    out = [GEdge(rid, node_id(camp, rule.goto), cond, "rule")] if rule.goto else []
    out += [GEdge(rid, node_id(camp, lt.goto), f"{lt.days} days later", "later") for lt in laters]
    for sc in camp.scenes.values():  # the scenes whose choices do the rule's act
        acts = sorted({a for ch in sc.choices for a in ch.does if a in rule.on})
        if acts:
            out.append(GEdge(f"s_{sc.id}", rid, ", ".join(acts), "act"))
    return out


def _day_edges(camp: Campaign) -> list[GEdge]:
    out = []
    if camp.day_start and any(d not in camp.calendar for d in range(2, camp.days + 1)):
        out.append(GEdge(DAY, node_id(camp, camp.day_start), "each day", "day"))
    for day, target in sorted(camp.calendar.items()):
        if day >= 2:
            out.append(GEdge(DAY, node_id(camp, target), f"day {day}", "day"))
    out.append(GEdge(DAY, node_id(camp, camp.finale), f"after day {camp.days}", "day"))
    return out
