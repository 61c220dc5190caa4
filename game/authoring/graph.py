"""The scene graph of a campaign, drawn as Mermaid or Graphviz DOT.

Nodes are scenes (storylets, routers and endings drawn each their own way), decks, the rules that
send the player somewhere, the start and the turn of the day. Edges are choices (a locked choice
carries its condition as the label), routes, deck draws and fallbacks, rule gotos and delayed
consequences. What no path reaches (as ``check`` works it out) is drawn in dashed red. Labels
come from content, so each format escapes them its own way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class GEdge:
    src: str
    dst: str
    label: str
    kind: str  # choice, locked, call, back, route, draw, fallback, rule, later, day, start


@dataclass
class Graph:
    nodes: dict[str, GNode]
    edges: list[GEdge]


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
            g.nodes[nid] = GNode(n.id, n.label, n.kind, True)
    return g


def _build(camp: Campaign) -> Graph:
    nodes: dict[str, GNode] = {START: GNode(START, "start", "start")}
    edges: list[GEdge] = [GEdge(START, node_id(camp, camp.start), "", "start")]
    for sid, sc in camp.scenes.items():
        kind = "ending" if sc.ending else "router" if sc.routes else "storylet" if sc.deck else "scene"
        nodes[f"s_{sid}"] = GNode(f"s_{sid}", sid, kind)
        for route in sc.routes:
            edges.append(GEdge(f"s_{sid}", node_id(camp, route.goto),
                               route.cond.src if route.cond is not None else "otherwise", "route"))
        for ch in sc.choices:
            edges += _choice_edges(camp, ch)
    for did, deck in camp.decks.items():
        nodes[f"d_{did}"] = GNode(f"d_{did}", f"deck {did}", "deck")
        for sc in deck.scenes:
            edges.append(GEdge(f"d_{did}", f"s_{sc.id}", sc.cond.src if sc.cond is not None else "", "draw"))
        if deck.fallback:
            edges.append(GEdge(f"d_{did}", f"s_{deck.fallback}", "fallback", "fallback"))
    for rule in camp.rules.values():
        edges += _rule_edges(camp, rule, nodes)
    if any(e.dst == DAY for e in edges):
        nodes[DAY] = GNode(DAY, "next day", "day")
        edges += _day_edges(camp)
    return Graph(nodes, edges)


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
    out = [GEdge(src, DAY if ch.end_day else node_id(camp, ch.goto), label, kind)]
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
    nodes[rid] = GNode(rid, f"rule {rule.id}\n{trigger}", "rule")
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


# ---------------------------------------------------------------- Mermaid

_MERMAID_SHAPE = {"start": ('(("', '"))'), "day": ('(["', '"])'), "scene": ('["', '"]'),
                  "storylet": ('("', '")'), "router": ('{"', '"}'), "ending": ('[["', '"]]'),
                  "deck": ('{{"', '"}}'), "rule": ('>"', '"]')}
_MERMAID_ARROW = {"later": "-.->", "fallback": "-.->", "act": "-.->", "draw": "-->", "call": "==>", "back": "-.->"}
_MERMAID_CLASSES = {
    "ending": "fill:#fde2e2,stroke:#b03030,stroke-width:2px",
    "deck": "fill:#e6f0ff,stroke:#3060b0",
    "storylet": "fill:#f2f7ff,stroke:#3060b0",
    "rule": "fill:#fff6d6,stroke:#a08000",
    "router": "fill:#eeeeee,stroke:#555555",
}


_MERMAID_DEAD = "stroke:#cc0000,stroke-width:2px,stroke-dasharray:5 5,color:#cc0000"


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: entity codes for the characters it gives meaning to."""
    out = []
    for ch in text:
        if ch in '"#<>|&`':
            out.append(f"#{ord(ch)};")
        elif ch in "\r\n\t":
            out.append(" " if ch != "\n" else "<br>")
        else:
            out.append(ch)
    return "".join(out)


def to_mermaid(g: Graph, title: str = "") -> str:
    lines = []
    if title:
        lines += ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---"]  # JSON is valid YAML
    lines.append("flowchart TD")
    for n in g.nodes.values():
        left, right = _MERMAID_SHAPE[n.kind]
        cls = f":::{n.kind}" if n.kind in _MERMAID_CLASSES else ""
        lines.append(f"    {n.id}{left}{mermaid_text(n.label)}{right}{cls}")
    for e in g.edges:
        arrow = _MERMAID_ARROW.get(e.kind, "-->")
        label = f'|"{mermaid_text(e.label)}"|' if e.label else ""
        lines.append(f"    {e.src} {arrow}{label} {e.dst}")
    lines += [f"    classDef {kind} {style}" for kind, style in _MERMAID_CLASSES.items()]
    dead = [n.id for n in g.nodes.values() if n.dead]
    if dead:
        lines += [f"    classDef unreachable {_MERMAID_DEAD}", f"    class {','.join(dead)} unreachable"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- Graphviz DOT

_DOT_NODE = {
    "start": 'shape=circle, style=filled, fillcolor="#dddddd"',
    "day": 'shape=oval, style=dashed',
    "scene": "shape=box",
    "storylet": 'shape=box, style="rounded,filled", fillcolor="#f2f7ff"',
    "router": 'shape=diamond, style=filled, fillcolor="#eeeeee"',
    "ending": 'shape=doubleoctagon, style=filled, fillcolor="#fde2e2", color="#b03030"',
    "deck": 'shape=folder, style=filled, fillcolor="#e6f0ff"',
    "rule": 'shape=note, style=filled, fillcolor="#fff6d6"',
}
_DOT_EDGE = {"locked": 'color="#888888", fontcolor="#555555"', "later": "style=dashed",
             "call": 'color="#208060", style=bold', "back": 'color="#208060", style=dashed',
             "fallback": "style=dashed", "act": "style=dotted", "draw": 'color="#3060b0"'}


def dot_text(text: str) -> str:
    """Text safe inside a double-quoted DOT string (backslashes are escapes there, so double them)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")


def to_dot(g: Graph, title: str = "") -> str:
    lines = [f'digraph "{dot_text(title or "campaign")}" {{',
             '    graph [rankdir=TB, fontname="Helvetica"];',
             '    node [fontname="Helvetica"];',
             '    edge [fontname="Helvetica", fontsize=10];']
    for n in g.nodes.values():
        dead = ', color="#cc0000", fontcolor="#cc0000", penwidth=2' if n.dead else ""
        lines.append(f'    "{n.id}" [label="{dot_text(n.label)}", {_DOT_NODE[n.kind]}{dead}];')
    for e in g.edges:
        attrs = [f'label="{dot_text(e.label)}"'] if e.label else []
        if e.kind in _DOT_EDGE:
            attrs.append(_DOT_EDGE[e.kind])
        tail = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f'    "{e.src}" -> "{e.dst}"{tail};')
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(camp: Campaign, fmt: str) -> str:
    g = build(camp)
    return to_mermaid(g, camp.title) if fmt == "mermaid" else to_dot(g, camp.title)
