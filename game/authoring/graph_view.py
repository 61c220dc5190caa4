"""What part of the scene graph to draw, and how: the choices behind ``citizen-score graph``'s options.

A whole campaign drawn top-down comes out as a strip many times wider than tall (every deck's
storylets side by side on one rank), so the reader can turn it left-to-right, box scenes by the
file or the deck they belong to, leave out the turn of the day (the edges that tie every day back
to the next day's first scene), or draw one deck or one day. Parallel edges (several choices of a
scene going the same way) are always merged into one with every label, which halves the edges and
keeps every campaign under Mermaid's edge limit.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from game.engine.model import Campaign
from game.engine.msg import Msg

from .graph import DAY, START, GEdge, Graph, build, node_id
from .graph_dot import to_dot
from .graph_mermaid import to_mermaid

CLUSTERS = ("none", "file", "deck")


@dataclass(frozen=True, slots=True)
class View:
    direction: str = "down"  # down (top to bottom) or right (left to right)
    cluster: str = "none"  # none, file (one box per content file) or deck (one box per deck)
    next_day: bool = True  # draw the edges from the turn of the day to each day's first scene
    deck: str = ""  # draw only this deck, its storylets and where they lead
    day: int | None = None  # draw only what this day can reach before the next (None: every day)


def draw(g: Graph, fmt: str, title: str, direction: str) -> str:
    return to_mermaid(g, title, direction) if fmt == "mermaid" else to_dot(g, title, direction)


def shaped(camp: Campaign, view: View) -> Graph:
    """The part of the graph the view asks for; ValueError (a sentence for the user) for a deck or day
    the campaign does not have."""
    g = build(camp)
    if view.deck:
        g = _one_deck(camp, g, view.deck)
    elif view.day is not None:
        g = _one_day(camp, g, view.day)
    if not view.next_day:
        g = Graph(g.nodes, [e for e in g.edges if e.kind != "day"])
    g = merged(g)
    if view.cluster != "none":
        g.clusters = clusters(g, view.cluster)
    return g


def merged(g: Graph) -> Graph:
    """One edge per source, target and kind, labelled with every label it stands for, one a line."""
    groups: dict[tuple[str, str, str], list[GEdge]] = {}
    for e in g.edges:
        groups.setdefault((e.src, e.dst, e.kind), []).append(e)
    edges = [GEdge(src, dst, _joined(e.label for e in es), kind, _joined(e.tip for e in es))
             for (src, dst, kind), es in groups.items()]
    return Graph(g.nodes, edges, g.clusters)


def _joined(texts: Iterable[str]) -> str:
    return "\n".join(dict.fromkeys(t for t in texts if t))


def clusters(g: Graph, how: str) -> dict[str, list[str]]:
    """Boxes by content file (``scenes/work.toml``, ``rules.toml``) or by deck (``deck morning``)."""
    out: dict[str, list[str]] = {}
    for n in g.nodes.values():
        key = n.file if how == "file" else f"deck {n.deck}" if n.deck else ""
        if key:
            out.setdefault(key, []).append(n.id)
    return dict(sorted(out.items()))


def _one_deck(camp: Campaign, g: Graph, deck: str) -> Graph:
    if deck not in camp.decks:
        known = ", ".join(sorted(camp.decks)) or Msg("none")
        raise ValueError(Msg("--deck {deck}: the campaign has no such deck (its decks: {known}).", deck=deck,
                             known=known))
    inside = {f"d_{deck}"} | {f"s_{sc.id}" for sc in camp.decks[deck].scenes}
    if camp.decks[deck].fallback:
        inside.add(f"s_{camp.decks[deck].fallback}")
    return _around(g, inside)


def _one_day(camp: Campaign, g: Graph, day: int) -> Graph:
    """What the day's first scene reaches before the turn of the day, which is where it stops.

    Drawn from the content's shape, not from play: a scene reached on this day only under
    conditions the day cannot meet is still drawn. Delayed consequences are drawn to where they
    lead, but not followed (they land on a later day).
    """
    if not 1 <= day <= camp.days:
        raise ValueError(Msg("--day {day}: the campaign's days are 1 to {days}.", day=day, days=camp.days))
    first = camp.start if day == 1 else camp.calendar.get(day, camp.day_start)
    seeds = {START} if day == 1 else {node_id(camp, first)}
    inside = _reach(g, seeds, stop={DAY})
    return _around(g, inside)


def _reach(g: Graph, seeds: set[str], stop: set[str]) -> set[str]:
    out: dict[str, list[str]] = {}
    for e in g.edges:
        if e.kind not in ("later", "day"):
            out.setdefault(e.src, []).append(e.dst)
    seen, todo = set(seeds), deque(seeds)
    while todo:
        for dst in out.get(todo.popleft(), []):
            if dst not in seen and dst not in stop:
                seen.add(dst)
                todo.append(dst)
    return seen


def _around(g: Graph, inside: set[str]) -> Graph:
    """The nodes inside, every edge leaving them, and the nodes those edges reach (drawn, not followed)."""
    edges = [e for e in g.edges if e.src in inside]
    keep = inside | {e.dst for e in edges}
    return Graph({nid: n for nid, n in g.nodes.items() if nid in keep}, edges)
