"""``citizen-score graph``: the scene graph of tests/fixtures/mini as Mermaid and as DOT.

The outputs are read back into nodes and edges (labels unescaped; a merged edge gives one edge per
label line), so the tests say what the graph holds, not how the text is laid out.
"""

from __future__ import annotations

import re

import pytest
from helpers_graph import FIXTURES, MINI, dot, graph, mermaid, undot, unmermaid

from game.authoring.graph_dot import dot_text
from game.authoring.graph_mermaid import mermaid_text
from game.cli import main

SCENES = {"wake", "evening", "market", "park", "quiet", "notice", "court", "judgement", "end_black", "end_plain"}
EDGES = {  # (from, to, label) in both formats
    ("x_start", "s_wake", ""),
    ("s_wake", "s_evening", "shop: if money >= 100"),  # a locked choice carries its condition
    ("s_wake", "s_evening", "game"),
    ("s_wake", "s_evening", "apply: needs job.clerk"),
    ("s_evening", "x_day", "sleep"),
    ("s_evening", "s_evening", "drop_li"),  # a self-loop has the choice's name only
    ("s_court", "x_day", "train: needs travel.train"),
    ("s_judgement", "s_end_black", 'has("blacklisted")'),  # quotes survive each format's escaping
    ("s_judgement", "s_end_plain", "otherwise"),
    ("d_morning", "s_market", ""),
    ("d_morning", "s_park", ""),
    ("d_morning", "s_quiet", "fallback"),
    ("r_blacklist", "s_notice", ""),
    ("x_day", "d_morning", "each day"),
    ("x_day", "s_court", "day 3"),
    ("x_day", "s_judgement", "after day 3"),
}


def test_mermaid_holds_every_scene_deck_rule_and_edge(capsys):
    nodes, edges = mermaid(capsys, "mini")
    assert {n for n in nodes if n.startswith("s_")} == {f"s_{s}" for s in SCENES}
    assert {"x_start", "x_day", "d_morning", "r_blacklist"} <= set(nodes)
    assert EDGES <= {e[:3] for e in edges}
    assert ("d_morning", "s_quiet", "fallback", "-.->") in edges
    assert nodes["r_blacklist"][0] == "rule blacklist\nwhen credit < 500"


def test_mermaid_styles_endings_routers_and_decks_apart(capsys):
    nodes, _ = mermaid(capsys, "mini")
    assert nodes["s_end_black"][2] == nodes["s_end_plain"][2] == "ending"
    assert nodes["s_judgement"][2] == "router" and nodes["d_morning"][2] == "deck"
    assert nodes["s_market"][2] == "storylet" and nodes["s_wake"][2] == ""
    out = graph(capsys, "mini")
    assert out.startswith("---\ntitle: \"Mini\"\n---\nflowchart TD\n")
    assert "classDef ending " in out


def test_dot_holds_the_same_graph(capsys):
    nodes, edges = dot(capsys, "mini", )
    m_nodes, m_edges = mermaid(capsys, "mini")
    assert set(nodes) == set(m_nodes)
    assert {e[:3] for e in edges} == {e[:3] for e in m_edges}
    assert "doubleoctagon" in nodes["s_end_black"][1] and "diamond" in nodes["s_judgement"][1]
    assert ("d_morning", "s_quiet", "fallback", "dashed") in edges
    assert graph(capsys, "mini", "--format", "dot").startswith('digraph "Mini" {')


def test_a_campaign_folder_works_as_well_as_an_id(capsys):
    assert mermaid(capsys, str(MINI)) == mermaid(capsys, "mini")


def test_delayed_consequences_are_drawn(capsys):
    _, edges = mermaid(capsys, str(FIXTURES / "lint" / "later_after_end"))
    assert ("s_evening", "s_notice", "plant: 3 days later", "-.->") in edges


def test_a_missing_or_broken_campaign_exits_2_with_a_message(capsys):
    assert main(["--content", str(FIXTURES), "graph", "nope"]) == 2
    assert "no campaign 'nope'" in capsys.readouterr().err
    assert main(["--content", str(FIXTURES), "graph", str(FIXTURES / "lint" / "unknown_name_in_text")]) == 2
    err = capsys.readouterr().err
    assert "scenes/main.toml:4:17: error: unknown name 'mony'" in err and "Traceback" not in err


@pytest.mark.parametrize("text", ['has("x") | a < b > c', "#1; `code` & more", "two\nlines"])
def test_mermaid_labels_escape_what_mermaid_reads(text):
    safe = mermaid_text(text)
    assert not set('"|<>`&\n') & set(safe.replace("<br>", ""))
    assert unmermaid(safe) == text


@pytest.mark.parametrize("text", ['say "hi"', "back\\slash \\n", "two\nlines"])
def test_dot_labels_escape_quotes_and_backslashes(text):
    safe = dot_text(text)
    assert re.fullmatch(r'(?:[^"\\\n]|\\.)*', safe)
    assert undot(safe) == text


def test_what_no_path_reaches_is_marked(capsys):
    out = graph(capsys, str(FIXTURES / "lint" / "unreachable"))
    assert "    class s_attic,s_end_lost,s_owl,d_night unreachable" in out.splitlines()
    nodes, _ = dot(capsys, str(FIXTURES / "lint" / "unreachable"))
    assert {n for n, (_, attrs) in nodes.items() if "#cc0000" in attrs} == {"s_attic", "s_end_lost", "s_owl", "d_night"}
    assert "unreachable" not in graph(capsys, "mini")


def test_a_sub_scene_is_drawn_with_its_call_and_its_ways_back(capsys):
    assert main(["graph", str(FIXTURES / "answers")]) == 0
    out = capsys.readouterr().out
    assert 's_square ==>|"baker (call)"| s_bakery' in out
    assert 's_bakery -.->|"back (baker)"| s_square' in out and 's_oven -.->|"back (baker)"| s_square' in out
    assert main(["graph", "--format", "dot", str(FIXTURES / "answers")]) == 0
    assert '"s_oven" -> "s_square" [label="back (baker)"' in capsys.readouterr().out
