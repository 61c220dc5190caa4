"""Every number a game holds stays within ±10^15: hostile content is refused at load where it can
be, and stopped at run time with a clear error where it cannot, never a hang or a traceback."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import conftest_engine_helpers as h
from game.cli import main
from game.engine import engine as E
from game.engine.content import load_campaign
from game.engine.errors import OutOfRange

INFINITE = "1" + "0" * 400 + ".0"  # float() of it is inf
HUGE = "7" * 5000  # int() of it is slow, or refused


def with_rule(tmp_path: Path, rule: str) -> Path:
    root = h.copy_mini(tmp_path)
    h.append(root / "rules.toml", "\n" + rule)
    return root


def play_until_error(camp, choices: int = 200, seed: int = 1) -> OutOfRange:
    """Play random open choices until the game stops with OutOfRange; fails if it never does."""
    pick = random.Random(seed)
    st = E.new_game(camp, seed)
    for _ in range(choices):
        if st.ending:
            st = E.new_game(camp, seed)
        try:
            E.apply(camp, st, pick.choice(list(E.open_ids(camp, st))))
        except OutOfRange as e:
            return e
    raise AssertionError(f"no OutOfRange within {choices} choices")


@pytest.mark.parametrize("literal, words", [(INFINITE, "401 digits"), (HUGE, "5000 digits"),
                                            ("1000000000000001", "outside the range")],
                         ids=["infinite float", "5000 digits", "just past"])
def test_a_literal_outside_the_range_is_refused_at_load_with_file_line_and_column(tmp_path, literal, words):
    root = with_rule(tmp_path, f'[rule.hostile]\nevery = "day"\nscore = {{ credit = "credit + {literal}" }}\ndomain = "society"\nwhy = "x"\n')
    p = h.find(h.problems_of(root), words)
    assert p.file.endswith("rules.toml") and p.line == h.line_of(root / "rules.toml", "rule.hostile") + 2
    assert p.column > 0 and "at most 1_000_000_000_000_000" in p.hint


def test_a_formula_that_multiplies_past_what_can_be_computed_is_refused_at_load(tmp_path):
    product = " * ".join(["money"] * 21)
    root = with_rule(tmp_path, f'[rule.hostile]\nevery = "day"\nscore = {{ credit = "{product} / 2" }}\ndomain = "society"\nwhy = "x"\n')
    assert h.find(h.problems_of(root), "too large to compute").file.endswith("rules.toml")


def test_a_formula_that_grows_without_bound_stops_the_game_with_a_clear_error(tmp_path):
    root = with_rule(tmp_path, '[rule.hostile]\nevery = "choice"\neffects = { money = "money * money + 2" }\ndomain = "society"\nwhy = "x"\n')
    e = play_until_error(load_campaign(root), choices=12)
    assert isinstance(e, E.PlayError)
    assert "rule 'hostile' (mini/rules.toml:" in str(e) and "'money'" in str(e) and "outside the range" in str(e)


def test_a_number_out_of_range_is_said_in_dutch(tmp_path, dutch):
    from game.i18n import said_error

    root = with_rule(tmp_path, '[rule.hostile]\nevery = "choice"\neffects = { money = "money * money + 2" }\ndomain = "society"\nwhy = "x"\n')
    told = said_error(play_until_error(load_campaign(root), choices=12))
    assert told.startswith("regel 'hostile' (mini/rules.toml:") and "de formule voor 'money' geeft" in told
    assert "buiten het bereik dat een getal mag hebben (-10^15 tot 10^15); geef het een grens (een max, of een " \
           "clamp() in de formule)" in told
    root = with_rule(tmp_path / "b", '[rule.hostile]\nevery = "choice"\neffects = { money = 1000000000000000 }\ndomain = "society"\nwhy = "x"\n')
    assert "'money' wordt dan" in said_error(play_until_error(load_campaign(root), choices=5))


def test_constant_amounts_that_pile_up_past_an_open_end_stop_the_game(tmp_path):
    root = with_rule(tmp_path, '[rule.hostile]\nevery = "choice"\neffects = { money = 1000000000000000 }\ndomain = "society"\nwhy = "x"\n')
    e = play_until_error(load_campaign(root), choices=5)
    assert "'money' would become" in str(e)


def test_a_declared_bound_still_clamps(tmp_path):
    root = with_rule(tmp_path, '[rule.hostile]\nevery = "choice"\nscore = { credit = 1000000000000000 }\ndomain = "society"\nwhy = "x"\n')
    camp = load_campaign(root)
    st = E.new_game(camp, 1)
    E.apply(camp, st, E.open_ids(camp, st)[0])
    assert st.vals["credit"] == camp.scores["credit"].max


def test_an_infinite_value_reaching_round_stops_the_game_instead_of_crashing(tmp_path):
    huge = "money * 1000000000000000 * 1000000000000000 * 1000000000000000 / 0.000000001"
    root = with_rule(tmp_path, f'[rule.hostile]\nevery = "choice"\nif = "round({huge} * {huge} * {huge} * {huge} * {huge} * {huge} * {huge}) > 0"\n'
                               'score = { credit = 1 }\ndomain = "society"\nwhy = "x"\n')
    e = play_until_error(load_campaign(root), choices=5)
    assert "round() gets inf" in str(e)


def test_simulate_reports_the_error_with_its_seed_and_exits_without_a_traceback(tmp_path, capsys):
    with_rule(tmp_path, '[rule.hostile]\nevery = "choice"\neffects = { money = "money * money + 2" }\ndomain = "society"\nwhy = "x"\n')
    got = main(["--content", str(tmp_path), "simulate", "mini", "--runs", "20", "--seed", "1", "--format", "json"])
    out = capsys.readouterr()
    assert got != 0 and "Traceback" not in out.err
    rep = json.loads(out.out)
    reasons = [p["reason"] for p in rep["problems"]]
    assert any("rule 'hostile'" in r and "outside the range" in r for r in reasons), reasons


def test_check_names_the_file_line_and_column_of_a_hostile_literal_without_a_traceback(tmp_path, capsys):
    root = with_rule(tmp_path, f'[rule.hostile]\nevery = "day"\nscore = {{ credit = "credit + {HUGE}" }}\n'
                               'domain = "society"\nwhy = "x"\n')
    assert main(["check", str(root), "--no-cache"]) != 0
    out = capsys.readouterr()
    text = out.out + out.err
    line = h.line_of(root / "rules.toml", "rule.hostile") + 2
    assert f"rules.toml:{line}:" in text and "5000 digits" in text and "Traceback" not in text


def test_the_play_loop_passes_the_error_on_in_its_own_words_not_as_a_choice_that_does_not_fit(tmp_path):
    from game.engine.play import Play

    root = with_rule(tmp_path, '[rule.hostile]\nevery = "choice"\neffects = { money = "money * money + 2" }\ndomain = "society"\nwhy = "x"\n')
    play = Play.new(load_campaign(root), 1)
    with pytest.raises(OutOfRange, match="rule 'hostile'"):
        for _ in range(12):
            play.choose(E.open_ids(play.camp, play.st)[0])
