"""``citizen-score graph`` options: direction, boxes by file or deck, the turn of the day left out,
one deck or one day, merged parallel edges, self-loops and Mermaid's edge limit.

tests/fixtures/mini has three days: day 1 starts at wake, day 2 draws from the morning deck,
day 3 is the court day; all its scenes are written in scenes/main.toml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_graph import FIXTURES, boxes, dot, graph, mermaid

from game.authoring import graph_mermaid
from game.cli import main

CONTENT = Path(__file__).parents[2] / "content"
FORMATS = [("mermaid", mermaid), ("dot", dot)]


def test_left_to_right_draws_the_same_graph_sideways(capsys):
    assert "\nflowchart LR\n" in graph(capsys, "mini", "--direction", "right")
    assert "rankdir=LR" in graph(capsys, "mini", "--format", "dot", "--direction", "right")
    assert "rankdir=TB" in graph(capsys, "mini", "--format", "dot")
    for _, read in FORMATS:
        assert read(capsys, "mini", "--direction", "right") == read(capsys, "mini")


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_boxes_by_file_hold_each_scene_and_rule_where_it_is_written(capsys, fmt):
    got = boxes(graph(capsys, "mini", "--format", fmt, "--cluster", "file"))
    assert set(got) == {"scenes/main.toml", "rules.toml"}
    assert {n for n in got["scenes/main.toml"] if n.startswith("s_")} == got["scenes/main.toml"]
    assert len(got["scenes/main.toml"]) == 10 and got["rules.toml"] == {"r_blacklist"}


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_boxes_by_deck_hold_the_deck_and_its_storylets(capsys, fmt):
    out = graph(capsys, "mini", "--format", fmt, "--cluster", "deck")
    assert boxes(out) == {"deck morning": {"d_morning", "s_market", "s_park", "s_quiet"}}
    read = dict(FORMATS)[fmt]
    assert read(capsys, "mini", "--cluster", "deck") == read(capsys, "mini")  # boxed, nothing lost


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_no_next_day_leaves_out_the_edges_from_the_turn_of_the_day(capsys, fmt):
    read = dict(FORMATS)[fmt]
    nodes, edges = read(capsys, "mini", "--no-next-day")
    _, every = read(capsys, "mini")
    assert not [e for e in edges if e[0] == "x_day"]
    assert {e for e in every if e[0] != "x_day"} == edges  # the rest, even the way into the night, stays
    assert ("s_evening", "x_day", "sleep") in {e[:3] for e in edges} and "x_day" in nodes


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_one_deck_is_its_storylets_and_where_they_lead(capsys, fmt):
    nodes, edges = dict(FORMATS)[fmt](capsys, "mini", "--deck", "morning")
    assert set(nodes) == {"d_morning", "s_market", "s_park", "s_quiet", "s_evening"}
    assert {e[0] for e in edges} == {"d_morning", "s_market", "s_park", "s_quiet"}  # evening: drawn, not followed


@pytest.mark.parametrize(("day", "scenes"), [
    (1, {"x_start", "s_wake", "s_evening", "x_day"}),
    (2, {"d_morning", "s_market", "s_park", "s_quiet", "s_evening", "x_day"}),
    (3, {"s_court", "x_day"}),
])
def test_one_day_is_what_its_first_scene_reaches_before_the_day_turns(capsys, day, scenes):
    for _, read in FORMATS:
        nodes, edges = read(capsys, "mini", "--day", str(day))
        assert set(nodes) == scenes
        assert "x_day" not in {e[0] for e in edges}


@pytest.mark.parametrize("args", [["--deck", "night"], ["--day", "0"], ["--day", "4"]])
def test_a_deck_or_day_the_campaign_lacks_exits_2_and_says_what_there_is(capsys, args):
    assert main(["--content", str(FIXTURES), "graph", "mini", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"citizen-score graph: {' '.join(args)}: ") and "Traceback" not in err
    assert ("its decks: morning" in err) if args[0] == "--deck" else ("days are 1 to 3" in err)


def test_parallel_choices_are_one_edge_with_every_label(capsys):
    out = graph(capsys, "mini")
    wake_to_evening = [ln for ln in out.splitlines() if ln.startswith("    s_wake ") and ln.endswith(" s_evening")]
    assert len(wake_to_evening) == 2  # the open choice, and the locked ones (drawn grey in DOT) together
    assert '    s_wake -->|"shop: if money #62;= 100<br>apply: needs job.clerk"| s_evening' in wake_to_evening


def test_a_self_loop_carries_the_choice_name_and_its_condition_only_on_hover(capsys):
    assert '    s_evening -->|"drop_li"| s_evening' in graph(capsys, "mini").splitlines()
    line, = [ln for ln in graph(capsys, "mini", "--format", "dot").splitlines()
             if ln.startswith('    "s_evening" -> "s_evening"')]
    assert 'label="drop_li"' in line and 'tooltip="drop_li: if npc.li.friend"' in line


@pytest.mark.parametrize("campaign", sorted(p.name for p in CONTENT.iterdir() if (p / "campaign.toml").is_file()))
def test_every_campaign_fits_mermaids_default_edge_limit(capsys, campaign):
    assert main(["--content", str(CONTENT), "graph", campaign]) == 0
    out, err = capsys.readouterr()
    assert 0 < out.count("-->") + out.count("-.->") + out.count("==>") <= 500
    assert "maxEdges" not in out and err == ""


def test_a_graph_over_the_limit_says_how_to_raise_it_in_the_file_and_on_stderr(capsys, monkeypatch):
    monkeypatch.setattr(graph_mermaid, "MERMAID_MAX_EDGES", 10)
    assert main(["--content", str(FIXTURES), "graph", "mini"]) == 0
    out, err = capsys.readouterr()
    assert "\nflowchart TD\n    %% 21 edges, over Mermaid's default limit of 10: render it with maxEdges raised" in out
    assert "%%{init" not in out  # Mermaid ignores maxEdges in a directive: it is a secure key
    assert err.startswith("citizen-score graph: warning: 21 edges, over Mermaid's default limit of 10:")
    assert '-c with {"maxEdges": 21}' in err and err.rstrip().endswith("--day N or --deck ID.")
