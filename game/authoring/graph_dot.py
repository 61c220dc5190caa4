"""A scene graph as Graphviz DOT: render it with ``dot -Tsvg story.dot > story.svg``."""

from __future__ import annotations

from .graph import Graph

RANKDIR = {"down": "TB", "right": "LR"}

_NODE = {
    "start": 'shape=circle, style=filled, fillcolor="#dddddd"',
    "day": 'shape=oval, style=dashed',
    "scene": "shape=box",
    "storylet": 'shape=box, style="rounded,filled", fillcolor="#f2f7ff"',
    "router": 'shape=diamond, style=filled, fillcolor="#eeeeee"',
    "ending": 'shape=doubleoctagon, style=filled, fillcolor="#fde2e2", color="#b03030"',
    "deck": 'shape=folder, style=filled, fillcolor="#e6f0ff"',
    "rule": 'shape=note, style=filled, fillcolor="#fff6d6"',
}
_EDGE = {"locked": 'color="#888888", fontcolor="#555555"', "later": "style=dashed",
         "call": 'color="#208060", style=bold', "back": 'color="#208060", style=dashed',
         "fallback": "style=dashed", "act": "style=dotted", "draw": 'color="#3060b0"'}


def dot_text(text: str) -> str:
    """Text safe inside a double-quoted DOT string (backslashes are escapes there, so double them)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")


def to_dot(g: Graph, title: str = "", direction: str = "down") -> str:
    lines = [f'digraph "{dot_text(title or "campaign")}" {{',
             f'    graph [rankdir={RANKDIR[direction]}, fontname="Helvetica"];',
             '    node [fontname="Helvetica"];',
             '    edge [fontname="Helvetica", fontsize=10];']
    boxed = {nid for ids in g.clusters.values() for nid in ids}
    lines += [_node(g, nid, "    ") for nid in g.nodes if nid not in boxed]
    for n, (label, ids) in enumerate(g.clusters.items()):
        lines += [f'    subgraph "cluster_{n}" {{',
                  f'        graph [label="{dot_text(label)}", style="rounded,dashed", color="#888888"];']
        lines += [_node(g, nid, "        ") for nid in ids]
        lines.append("    }")
    for e in g.edges:
        attrs = [f'label="{dot_text(e.label)}"'] if e.label else []
        if e.tip:
            attrs.append(f'tooltip="{dot_text(e.tip)}", labeltooltip="{dot_text(e.tip)}"')
        if e.kind in _EDGE:
            attrs.append(_EDGE[e.kind])
        tail = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f'    "{e.src}" -> "{e.dst}"{tail};')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node(g: Graph, nid: str, indent: str) -> str:
    n = g.nodes[nid]
    dead = ', color="#cc0000", fontcolor="#cc0000", penwidth=2' if n.dead else ""
    return f'{indent}"{n.id}" [label="{dot_text(n.label)}", {_NODE[n.kind]}{dead}];'
