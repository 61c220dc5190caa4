"""Read ``citizen-score graph`` output back into nodes, edges and boxes (labels unescaped; a merged
edge gives one edge per label line), so graph tests say what the graph holds, not how it is laid out."""

from __future__ import annotations

import re
from pathlib import Path

from game.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"

MERMAID_NODE = re.compile(r'^\s+(\w+)(\(\(|\(\[|\[\[|\{\{|\[|\(|\{|>)"(.*)"(?:\)\)|\]\)|\]\]|\}\}|\]|\)|\})(?::::(\w+))?$')
MERMAID_EDGE = re.compile(r'^\s+(\w+) (-->|-\.->)(?:\|"(.*)"\|)? (\w+)$')
DOT_NODE = re.compile(r'^\s+"(\w+)" \[label="((?:[^"\\]|\\.)*)", (.*)\];$')
DOT_EDGE = re.compile(r'^\s+"(\w+)" -> "(\w+)"(?: \[(.*)\])?;$')


def unmermaid(text: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text).replace("<br>", "\n")


def undot(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def graph(capsys, *args: str) -> str:
    assert main(["--content", str(FIXTURES), "graph", *args]) == 0
    return capsys.readouterr().out


def mermaid(capsys, *args: str):
    nodes, edges = {}, set()
    for line in graph(capsys, *args, "--format", "mermaid").splitlines():
        if m := MERMAID_EDGE.match(line):
            edges |= {(m.group(1), m.group(4), label, m.group(2)) for label in unmermaid(m.group(3) or "").split("\n")}
        elif m := MERMAID_NODE.match(line):
            nodes[m.group(1)] = (unmermaid(m.group(3)), m.group(2), m.group(4) or "")
    return nodes, edges


def dot(capsys, *args: str):
    nodes, edges = {}, set()
    for line in graph(capsys, *args, "--format", "dot").splitlines():
        if m := DOT_EDGE.match(line):
            attrs = m.group(3) or ""
            label = re.search(r'\blabel="((?:[^"\\]|\\.)*)"', attrs)
            edges |= {(m.group(1), m.group(2), text, "dashed" if "style=dashed" in attrs else "")
                      for text in (undot(label.group(1)) if label else "").split("\n")}
        elif m := DOT_NODE.match(line):
            nodes[m.group(1)] = (undot(m.group(2)), m.group(3))
    return nodes, edges


MERMAID_BOX = re.compile(r'^\s+subgraph \w+\["(.*)"\]$')
DOT_BOX = re.compile(r'^\s+graph \[label="((?:[^"\\]|\\.)*)"')


def boxes(text: str) -> dict[str, set[str]]:
    """The boxes (Mermaid subgraphs, DOT clusters) of either format: label -> the node ids in it."""
    out: dict[str, set[str]] = {}
    box = ""
    for line in text.splitlines():
        if m := MERMAID_BOX.match(line) or DOT_BOX.match(line):
            box = unmermaid(m.group(1)) if line.lstrip().startswith("subgraph") else undot(m.group(1))
            out[box] = set()
        elif line.strip() in ("end", "}"):
            box = ""
        elif box and (m := MERMAID_NODE.match(line) or DOT_NODE.match(line)):
            out[box].add(m.group(1))
    return out
