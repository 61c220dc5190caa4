"""A scene graph as Mermaid flowchart text.

Mermaid refuses to draw a flowchart with more than ``maxEdges`` links (``MERMAID_MAX_EDGES``, 500,
unless the renderer is configured otherwise). A diagram cannot raise it for itself: ``maxEdges`` is
one of Mermaid's secure keys, and an init directive or front-matter config setting it is ignored.
So a graph beyond it says so in a comment, and the command says how to raise it where it can be.
"""

from __future__ import annotations

import json

from .graph import Graph

MERMAID_MAX_EDGES = 500
DIRECTIONS = {"down": "TD", "right": "LR"}

_SHAPE = {"start": ('(("', '"))'), "day": ('(["', '"])'), "scene": ('["', '"]'),
          "storylet": ('("', '")'), "router": ('{"', '"}'), "ending": ('[["', '"]]'),
          "deck": ('{{"', '"}}'), "rule": ('>"', '"]')}
_ARROW = {"later": "-.->", "fallback": "-.->", "act": "-.->", "draw": "-->", "call": "==>", "back": "-.->"}
_CLASSES = {
    "ending": "fill:#fde2e2,stroke:#b03030,stroke-width:2px",
    "deck": "fill:#e6f0ff,stroke:#3060b0",
    "storylet": "fill:#f2f7ff,stroke:#3060b0",
    "rule": "fill:#fff6d6,stroke:#a08000",
    "router": "fill:#eeeeee,stroke:#555555",
}
_DEAD = "stroke:#cc0000,stroke-width:2px,stroke-dasharray:5 5,color:#cc0000"


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


def too_many_edges(g: Graph) -> bool:
    return len(g.edges) > MERMAID_MAX_EDGES


def over_limit(g: Graph) -> str:
    return (f"{len(g.edges)} edges, over Mermaid's default limit of {MERMAID_MAX_EDGES}: render it with maxEdges "
            f"raised in the renderer's own config (mermaid-cli: -c with {{\"maxEdges\": {len(g.edges)}}}); "
            "a diagram cannot raise it itself")


def to_mermaid(g: Graph, title: str = "", direction: str = "down") -> str:
    lines = []
    if title:
        lines += ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---"]  # JSON is valid YAML
    lines.append(f"flowchart {DIRECTIONS[direction]}")
    if too_many_edges(g):
        lines.append(f"    %% {over_limit(g)}")
    boxed = {nid for ids in g.clusters.values() for nid in ids}
    lines += [_node(g, nid, "    ") for nid in g.nodes if nid not in boxed]
    for n, (label, ids) in enumerate(g.clusters.items()):
        lines.append(f'    subgraph c{n}["{mermaid_text(label)}"]')
        lines += [_node(g, nid, "        ") for nid in ids]
        lines.append("    end")
    for e in g.edges:
        arrow = _ARROW.get(e.kind, "-->")
        label = f'|"{mermaid_text(e.label)}"|' if e.label else ""
        lines.append(f"    {e.src} {arrow}{label} {e.dst}")
    lines += [f"    classDef {kind} {style}" for kind, style in _CLASSES.items()]
    dead = [n.id for n in g.nodes.values() if n.dead]
    if dead:
        lines += [f"    classDef unreachable {_DEAD}", f"    class {','.join(dead)} unreachable"]
    return "\n".join(lines) + "\n"


def _node(g: Graph, nid: str, indent: str) -> str:
    n = g.nodes[nid]
    left, right = _SHAPE[n.kind]
    cls = f":::{n.kind}" if n.kind in _CLASSES else ""
    return f"{indent}{n.id}{left}{mermaid_text(n.label)}{right}{cls}"
