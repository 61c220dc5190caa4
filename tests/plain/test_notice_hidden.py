"""The notice after a choice keeps a hidden rule's secrets: a flag that only hidden rules set is not
announced until one of them is found out (a hidden rule of the American campaign said "now: three
hops out from a number somebody searched" on the first day)."""

from __future__ import annotations

import shutil
from pathlib import Path

import conftest_engine_helpers as h

from game.engine import engine as eng
from game.engine.content import load_campaign
from game.notice import notice

MECH = h.FIXTURES / "mechanics"


def campaign_with_a_hidden_flag(tmp_path: Path):
    root = tmp_path / "mechanics"
    shutil.copytree(MECH, root)
    h.patch(root / "campaign.toml", '[flags]\nreported = "You reported the clinic."',
            '[flags]\nreported = "You reported the clinic."\nwatched = "watched for your water bill"')
    h.patch(root / "rules.toml", 'reveal_after = 2', 'reveal_after = 2\nset = ["watched"]')
    return load_campaign(root)


def test_a_flag_only_a_hidden_rule_sets_stays_quiet_until_the_rule_is_found(tmp_path):
    camp = campaign_with_a_hidden_flag(tmp_path)
    st = eng.new_game(camp, 1)
    out = eng.choose(camp, st, "home.shower")
    assert "watched" in st.flags and "water" not in st.revealed
    assert not any("water bill" in bit for bit in notice(camp, st, out).bits)
    out = eng.choose(camp, st, "home.shower")  # the second time, the player works it out
    assert "water" in st.revealed
    said = notice(camp, st, out)
    assert any("found out" in bit for bit in said.bits)


def test_a_flag_a_choice_sets_is_still_announced(tmp_path):
    camp = campaign_with_a_hidden_flag(tmp_path)
    st = eng.new_game(camp, 1)
    out = eng.choose(camp, st, "home.report")
    assert "reported" in st.flags
    assert any("You reported the clinic." in bit for bit in notice(camp, st, out).bits)


def test_a_flag_a_choice_only_clears_is_still_quiet_when_a_hidden_rule_sets_it(tmp_path):
    """Fine Print's ad settings page lets her remove "Debt relief"; that choice must not make the
    hidden rule that added it speak up the moment she searches."""
    campaign_with_a_hidden_flag(tmp_path)
    root = tmp_path / "mechanics"
    h.patch(root / "scenes" / "main.toml", 'id = "report"', 'id = "report"\nclear = ["watched"]')
    camp = load_campaign(root)
    st = eng.new_game(camp, 1)
    out = eng.choose(camp, st, "home.shower")
    assert "watched" in st.flags
    assert not any("water bill" in bit for bit in notice(camp, st, out).bits)
    out = eng.choose(camp, st, "home.report")  # clearing it by her own hand is hers to be told
    assert "watched" not in st.flags
    assert any("no longer: watched for your water bill" in bit for bit in notice(camp, st, out).bits)


def test_a_hidden_rule_found_out_is_called_by_the_name_its_author_gave(tmp_path):
    """Without a name a rule is its id in words ("found out: Ad shared laptop", "Rewards cotton")."""
    campaign_with_a_hidden_flag(tmp_path)
    root = tmp_path / "mechanics"
    h.patch(root / "rules.toml", "[rule.water]", '[rule.water]\nname = "The water meter reads you"')
    camp = load_campaign(root)
    st = eng.new_game(camp, 1)
    eng.choose(camp, st, "home.shower")
    out = eng.choose(camp, st, "home.shower")
    assert "found out: The water meter reads you" in notice(camp, st, out).bits


def test_a_change_names_its_score_apart_from_its_reason_when_there_are_several():
    """The Circle keeps two scores: the notice read "−61 PartiRank A survey answered." """
    camp = load_campaign(Path(__file__).parents[2] / "content" / "circle")
    st = eng.new_game(camp, 1)
    lines = []
    while not lines and not st.ended:
        out = eng.choose(camp, st, next(o.id for o in eng.options(camp, st) if o.open))
        lines = notice(camp, st, out).scores
    labels = {sc.label for sc in camp.scores.values()}
    assert lines and all(any(line.why.startswith(f"{label}: ") for label in labels) for line in lines)


def test_a_rule_that_fires_twice_in_one_choice_is_one_line_with_its_total():
    """Two surveys answered in one choice read as one line, "−122 PartiRank: A survey answered. (2×)",
    not the same line twice."""
    from dataclasses import replace

    camp = load_campaign(Path(__file__).parents[2] / "content" / "circle")
    st = eng.new_game(camp, 1)
    out = eng.choose(camp, st, next(o.id for o in eng.options(camp, st) if o.open))
    while not out.ledger:
        out = eng.choose(camp, st, next(o.id for o in eng.options(camp, st) if o.open))
    once = notice(camp, st, out).scores
    twice = notice(camp, st, replace(out, ledger=[*out.ledger, *out.ledger])).scores
    assert [line.delta * 2 for line in once] == [line.delta for line in twice]
    assert all(line.why.endswith("(2×)") for line in twice)
