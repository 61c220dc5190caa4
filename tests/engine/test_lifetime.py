"""Folding finished games into a lifetime: plain data in, plain data out, each game counted once."""

from __future__ import annotations

import conftest_engine_helpers as h
import copy
from dataclasses import replace

from game.engine.lifetime import CampaignLife, Finished, Found, Lifetime, Loss, finished, fold, game_key, worst_loss
from game.engine.play import Play

GALLERY = h.FIXTURES / "gallery"


def game(key: str = "k1", ending: str = "end_plain", day: int = 3, score: int = 610,
         worst: Loss | None = None, revealed: frozenset[str] = frozenset(), campaign: str = "gallery") -> Finished:
    return Finished(key, campaign, ending, day, score, worst, revealed)


def test_a_first_game_counts_its_days_ending_and_rules():
    life = fold(Lifetime(), game(revealed=frozenset({"friends"}), worst=Loss("gallery", "night_gaming", "credit", 100)))
    assert (life.games, life.days) == (1, 3)
    assert life.campaigns["gallery"] == CampaignLife(1, 3, {"end_plain": Found(3, 610)}, {"friends"})
    assert life.worst == Loss("gallery", "night_gaming", "credit", 100)
    assert life.counted == {"k1"}


def test_fold_leaves_the_old_record_as_it_was():
    before = Lifetime()
    fold(before, game())
    assert before == Lifetime()


def test_the_same_game_counts_once():
    once = fold(Lifetime(), game())
    assert fold(once, game()) == once


def test_an_ending_keeps_the_day_and_score_it_was_first_found_with():
    life = fold(fold(Lifetime(), game("a", day=3, score=610)), game("b", day=2, score=900))
    assert life.campaigns["gallery"].endings == {"end_plain": Found(3, 610, times=2)}
    assert (life.games, life.days) == (2, 5)


def test_the_worst_loss_is_kept_across_games_and_campaigns():
    small, big = Loss("gallery", "a", "credit", 5), Loss("other", "b", "rank", 50)
    life = fold(fold(fold(Lifetime(), game("1", worst=small)), game("2", worst=big, campaign="other")),
                game("3", worst=Loss("gallery", "c", "credit", 50)))
    assert life.worst == big  # a tie does not replace the record
    assert set(life.campaigns) == {"gallery", "other"}


def test_game_key_is_campaign_seed_and_choices():
    assert game_key("a", 1, ["x.y"]) == game_key("a", 1, ["x.y"])
    assert len({game_key("a", 1, ["x.y"]), game_key("b", 1, ["x.y"]), game_key("a", 2, ["x.y"]),
                game_key("a", 1, ["x.z"]), game_key("a", 1, [])}) == 5


def play_to_end(choices: list[str], seed: int = 1) -> Play:
    play = Play.new(h.load_campaign(GALLERY), seed)
    for cid in choices:
        play.choose(cid)
    return play


def ending_log(play: Play) -> list[str]:
    """Take the first open choice until the story ends."""
    while not play.st.ending:
        play.choose(next(o.id for o in play.options() if o.open))
    return play.st.log


def test_finished_reads_a_real_game():
    play = play_to_end([])
    assert finished(play.camp, play.st) is None  # not ended: nothing to count
    play.choose("wake.game")  # gaming till 23:00 costs 100 on a known rule
    ending_log(play)
    fin = finished(play.camp, play.st)
    assert fin is not None
    assert (fin.campaign, fin.ending, fin.day) == ("gallery", play.st.ending, play.st.day)
    assert fin.score == play.st.vals["credit"]
    assert fin.worst == Loss("gallery", "night_gaming", "credit", 100)
    assert fin.key == game_key("gallery", 1, play.st.log)


def test_where_lower_wins_a_drop_is_no_loss():
    play = play_to_end(["wake.game"])
    ending_log(play)
    rank = copy.copy(play.camp)  # the same game read as if credit were a rank, where lower wins
    rank.scores = {"credit": replace(play.camp.scores["credit"], direction="lower")}
    assert worst_loss(play.camp, play.st) == Loss("gallery", "night_gaming", "credit", 100)
    assert worst_loss(rank, play.st) is None  # every change to credit in this game was a drop
