"""Delayed consequences, lists, rated organisations and hidden rules, played headless."""

from __future__ import annotations

import conftest_engine_helpers as h
import pytest

from game.engine import engine as eng
from game.engine.content import load_campaign
from game.engine.problems import ContentError
from game.engine.state import GameState

MECH = h.FIXTURES / "mechanics"


@pytest.fixture(scope="module")
def camp():
    return load_campaign(MECH)


def play(camp, *ids):
    st = eng.new_game(camp, 1)
    for cid in ids:
        eng.apply(camp, st, cid)
    return st


def test_a_report_comes_back_two_days_later(camp):
    st = play(camp, "home.report")
    assert st.day == 2 and st.scene == "home" and st.vals["risk"] == 20
    eng.apply(camp, st, "home.shower")
    # day 3: the act fires its rule and the letter opens instead of the usual morning
    assert st.day == 3 and st.scene == "letter"
    assert [e.rule for e in st.ledger] == ["water", "report_lands"]
    assert st.acts["report.returns"] == 1


def test_a_calendar_day_is_never_skipped_and_the_letter_waits(camp):
    st = play(camp, "home.ask", "home.report")  # the letter is due on day 4, the hearing's day
    assert st.day == 3 and st.scene == "home"
    eng.apply(camp, st, "home.shower")
    assert st.day == 4 and st.scene == "hearing"
    eng.apply(camp, st, "hearing.attend")
    assert st.day == 5 and st.scene == "letter"


def test_consequences_due_after_the_last_day_never_come(camp):
    st = play(camp, "home.ask", "home.ask", "home.ask", "hearing.attend", "home.report")
    assert st.day == 6 and st.scene == "home"
    eng.apply(camp, st, "home.shower")
    assert st.ending == "end_reported"


def test_an_organisation_is_rated(camp):
    st = play(camp, "home.report")
    assert st.vals["npc.clinic.rating"] == 3
    assert "3 stars" in eng.scene_text(camp, st)


def test_hidden_rules_are_found_out_by_asking_or_by_repetition(camp):
    st = play(camp, "home.report", "home.ask")
    assert "report_lands" in st.revealed
    st = play(camp, "home.shower")
    assert "water" not in st.revealed
    eng.apply(camp, st, "home.shower")
    assert "water" in st.revealed


def test_a_list_is_a_flag_that_shuts_a_gate_and_says_how_to_get_off(camp):
    st = play(camp, "home.shower", "home.shower", "home.shower")
    assert st.vals["risk"] == 50 and "fraud_register" in st.flags
    assert st.scene == "hearing"  # the rule's scene waits for the day after the calendar's
    eng.apply(camp, st, "hearing.attend")
    assert st.scene == "flag_notice"
    rent = next(g for g in eng.gates(camp, st) if g.id == "benefit.rent")
    assert not rent.open and "fraud register" in rent.reason
    lst = camp.lists["fraud_register"]
    assert lst.kind == "black" and lst.off == "Win an appeal."


def test_pending_and_revealed_survive_a_snapshot(camp):
    st = play(camp, "home.report", "home.ask")
    again = GameState.from_dict(st.to_dict())
    assert again.pending == st.pending and again.revealed == st.revealed


def test_same_seed_same_game(camp):
    log = ["home.report", "home.shower", "letter.read", "hearing.attend"]
    assert eng.replay(camp, 5, log).to_dict() == eng.replay(camp, 5, log).to_dict()


@pytest.mark.parametrize("old, new, message", [
    ('later = [{ days = 2, does = "report.returns" }, { days = 2, goto = "letter" }]',
     'later = { days = 0, goto = "lettre" }', "days must be at least 1"),
    ('later = [{ days = 2, does = "report.returns" }, { days = 2, goto = "letter" }]',
     "later = { days = 2 }", "needs goto or does"),
    ('reveal = ["report_lands"]', 'reveal = ["no_such_rule"]', "reveal names no rule 'no_such_rule'"),
    ('effects = { "npc.clinic.rating" = -1 }', 'effects = { "npc.clinic.stars" = -1 }',
     "unknown stat 'npc.clinic.stars'"),
])
def test_mistakes_in_the_new_keys_are_problems(tmp_path, old, new, message):
    import shutil
    root = tmp_path / "mechanics"
    shutil.copytree(MECH, root)
    h.patch(root / "scenes/main.toml", old, new)
    with pytest.raises(ContentError) as info:
        load_campaign(root)
    assert any(message in p.message for p in info.value.problems), info.value.format()


def test_a_list_declared_as_a_flag_too_is_refused(tmp_path):
    import shutil
    root = tmp_path / "mechanics"
    shutil.copytree(MECH, root)
    h.patch(root / "campaign.toml", '[flags]\n', '[flags]\nfraud_register = "again"\n')
    with pytest.raises(ContentError) as info:
        load_campaign(root)
    assert any("both a flag and a list" in p.message for p in info.value.problems)


def test_a_deck_and_a_scene_may_not_share_an_id(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "campaign.toml", "[deck.morning]", "[deck.quiet]\nfallback = \"court\"\n\n[deck.morning]")
    with pytest.raises(ContentError) as info:
        load_campaign(root)
    assert any("both a deck and a scene" in p.message for p in info.value.problems)


def test_a_list_nobody_is_told_about_shows_only_once_its_condition_holds(camp):
    from game.describe import lists_on

    st = play(camp, "home.report")
    assert "quiet_watch" in st.flags and st.day == 2
    assert "quiet_watch" not in [lst.id for lst in lists_on(camp, st)]
    eng.apply(camp, st, "home.shower")
    assert "quiet_watch" in [lst.id for lst in lists_on(camp, st)]
