"""Choices that answer the player, played headless on the example campaign tests/fixtures/answers:
replies, once-only and hidden choices, and sub-scenes that come back."""

from __future__ import annotations

import conftest_engine_helpers as h
import pytest

from game.engine import engine as eng
from game.engine.content import load_campaign
from game.engine.errors import NoWayBack, PlayError
from game.engine.play import NoFit, Play
from game.engine.state import GameState

ANSWERS = h.FIXTURES / "answers"


@pytest.fixture(scope="module")
def camp():
    return load_campaign(ANSWERS)


def ids(camp, st):
    return [o.id.split(".")[1] for o in eng.options(camp, st)]


def test_a_reply_answers_the_choice_with_the_state_it_left(camp):
    st = eng.new_game(camp, 1)
    out = eng.choose(camp, st, "square.bread")
    assert out.reply == "The baker wraps it in paper. It is \ue000warm\ue001."
    assert "now: " not in out.reply and out.flags_set == ["bought_bread"]  # the notice stays as it was


def test_a_choice_without_a_reply_answers_nothing(camp):
    st = eng.new_game(camp, 1)
    assert eng.choose(camp, st, "square.stalls").reply == ""


def test_a_reply_varies_with_the_scene_it_answers(camp):
    st = eng.new_game(camp, 1)
    said = [eng.choose(camp, st, "square.home").reply]
    said.append(eng.choose(camp, st, "square.home").reply)
    assert said == ["You walk home.", "You take the long way home."]


def test_a_once_only_choice_is_gone_once_taken(camp):
    st = eng.new_game(camp, 1)
    assert "bread" in ids(camp, st)
    eng.apply(camp, st, "square.bread")
    assert "bread" not in ids(camp, st)
    with pytest.raises(PlayError, match="taken already"):
        eng.apply(camp, st, "square.bread")


def test_a_hidden_choice_is_off_the_list_until_it_opens(camp):
    st = eng.new_game(camp, 1)
    assert "secret" not in ids(camp, st)
    with pytest.raises(NoFit, match="is locked: needs: You know the baker"):
        Play(camp, st).choose("square.secret")
    for cid in ("square.baker", "bakery.oven", "oven.admire"):
        eng.apply(camp, st, cid)
    assert ids(camp, st)[:3] == ["bread", "baker", "secret"]


def test_a_sub_scene_comes_back_to_where_it_was_called(camp):
    st = eng.new_game(camp, 1)
    eng.apply(camp, st, "square.baker")
    assert st.scene == "bakery" and st.returns == ["square"]
    eng.apply(camp, st, "bakery.oven")
    out = eng.choose(camp, st, "oven.admire")
    assert st.scene == "square" and st.returns == [] and out.reply.startswith("She smiles.")


def test_going_back_with_nowhere_to_go_is_a_dead_end_in_words(camp):
    st = eng.new_game(camp, 1)
    eng.apply(camp, st, "square.baker")
    st.returns.clear()
    with pytest.raises(NoWayBack, match="goes back, but no choice called a sub-scene"):
        eng.apply(camp, st, "bakery.leave")


def test_once_only_choices_and_the_way_back_survive_a_snapshot(camp):
    st = eng.new_game(camp, 1)
    for cid in ("square.bread", "square.baker"):
        eng.apply(camp, st, cid)
    back = GameState.from_dict(st.to_dict())
    assert back.taken == {"square.bread"} and back.returns == ["square"]
    eng.apply(camp, back, "bakery.leave")
    assert back.scene == "square" and "bread" not in ids(camp, back)


def test_a_snapshot_from_before_has_no_taken_choices_and_no_way_back(camp):
    raw = eng.new_game(camp, 1).to_dict()
    assert "taken" not in raw and "returns" not in raw  # written only once a game uses them
    st = GameState.from_dict(raw)
    assert st.taken == set() and st.returns == []


def test_the_same_seed_and_choices_give_the_same_replies(camp):
    def replies(seed):
        st = eng.new_game(camp, seed)
        return [eng.choose(camp, st, "square.haggle").reply for _ in range(3)]
    assert replies(5) == replies(5)
    assert len({r for seed in range(12) for r in replies(seed)}) > 1


def test_a_secret_list_stays_out_of_locked_reasons_until_it_is_shown(camp):
    st = eng.new_game(camp, 1)
    eng.apply(camp, st, "square.haggle")  # on the watchlist; not told while civic >= 400
    loan = next(o for o in eng.options(camp, st) if o.id == "square.loan")
    assert loan.reason == "needs Civic Score ≥ 600 — you have 450; for a reason you are not told"
    eng.apply(camp, st, "square.haggle")
    loan = next(o for o in eng.options(camp, st) if o.id == "square.loan")
    assert loan.reason.endswith("not while: The market's watchlist")


def test_the_example_campaign_plays_to_an_ending_and_replays_byte_for_byte(camp):
    for seed in range(40):
        st = h.random_run(camp, seed, seed, 400)
        assert st.ending in ("ending_watched", "ending_fed")
        again = eng.replay(camp, seed, st.log)
        assert again.to_dict() == st.to_dict()
