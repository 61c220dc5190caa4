"""Challenges as authors write them: the mini campaign's challenges.toml, mistakes, daily seeds."""

from __future__ import annotations

from datetime import date

import pytest

import conftest_engine_helpers as h
from game.engine.challenges import daily_seed, day_key, load_challenges
from game.engine import engine as eng
from game.engine.content import Loader, list_campaigns
from game.engine.load.crosscheck import acts_in
from game.engine.problems import ContentError


def test_mini_challenges_load_with_their_rules():
    cs = load_challenges(h.MINI)
    assert list(cs.challenges) == ["first_light", "the_end", "good_citizen", "daily_gamer", "spendthrift"]
    end = cs.challenges["the_end"]
    assert (end.title, end.category, end.rank, end.seed, end.days) == ("The end", "any%", "time", 7, 3)
    assert [(s.id, s.title) for s in end.splits] == [("day_two", "Day two"), ("court", "Court day")]
    assert cs.challenges["good_citizen"].rank == "high" and cs.challenges["good_citizen"].goal is None
    assert cs.challenges["spendthrift"].rank == "low" and cs.challenges["spendthrift"].score.src == "money"
    assert cs.challenges["daily_gamer"].daily
    assert cs.challenges["first_light"].score.src == "credit"  # the campaign's first score by default


def test_a_campaign_without_challenges_has_none(tmp_path):
    root = h.copy_mini(tmp_path)
    (root / "challenges.toml").unlink()
    assert load_challenges(root).challenges == {}


def test_the_content_hash_covers_the_challenges(tmp_path):
    root = h.copy_mini(tmp_path)
    before = load_challenges(root)
    h.patch(root / "challenges.toml", "seed = 7", "seed = 8")
    after = load_challenges(root)
    assert after.content_hash != before.content_hash
    assert after.campaign.content_hash == before.campaign.content_hash  # the story alone did not change


def test_every_mistake_is_listed_with_file_line_and_hint(tmp_path):
    root = h.copy_mini(tmp_path)
    (root / "challenges.toml").write_text('''
[challenge.a]
title = "A"
category = "any%"
goal = "credt >= 700"
seed = "weekly"

[challenge.b]
title = "B"
category = "any%"
seed = 1
days = 9

[challenge.c]
title = "C"
category = "high score"
seed = 1
speed = 3

[[challenge.c.split]]
id = "x"
when = "day >= 2"

[[challenge.c.split]]
id = "x"
when = "day >= 3"

[challenge.d]
category = "any%"
goal = "money"
seed = 1
''', encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_challenges(root)
    found = {(p.line, p.message) for p in err.value.problems}
    assert all(p.file == "mini/challenges.toml" for p in err.value.problems)
    assert (5, "unknown name 'credt' in `credt >= 700`") in found
    assert (6, 'the seed must be a whole number from 0 to 2**63-1, or "daily"') in found
    assert (8, "challenge 'b' has no goal") in found
    assert (12, "days must be from 1 to 3, the campaign's length") in found
    assert (14, "a high score challenge needs a score to rank") in found
    assert (18, "unknown key 'speed' in challenge") in found
    assert (25, "split id 'x' is used twice in this challenge") in found
    assert (28, "challenge 'challenge.d' has no 'title'") in found
    assert any(p.line == 30 and "must be true or false" in p.message for p in err.value.problems)
    hints = " ".join(p.hint for p in err.value.problems)
    assert "Did you mean 'credit'?" in hints and 'seed = "daily"' in hints
    assert "9 problems found" in err.value.format()


def test_toml_syntax_errors_name_the_line(tmp_path):
    root = h.copy_mini(tmp_path)
    (root / "challenges.toml").write_text('[challenge.a]\ntitle = "A\n', encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_challenges(root)
    (p,) = err.value.problems
    assert p.file == "mini/challenges.toml" and p.line == 2 and "TOML syntax" in p.message


def test_the_daily_seed_comes_from_the_date_and_nothing_else():
    cs = load_challenges(h.MINI)
    ch = cs.challenges["daily_gamer"]
    today = ch.seed_for(date(2026, 11, 26))
    assert today == ch.seed_for("20261126") == daily_seed("mini", "daily_gamer", "20261126")
    assert today != ch.seed_for("20261127")
    assert today != daily_seed("mini", "first_light", "20261126")
    assert 0 <= today < 2**63
    assert cs.challenges["first_light"].seed_for("20261126") == 7  # a fixed seed stays fixed
    with pytest.raises(ValueError):
        day_key("2026-11-26")
    with pytest.raises(ValueError):
        day_key("20261331")


def test_shipped_challenge_files_load_and_offer_at_least_four():
    for root in list_campaigns(h.CONTENT):
        if (root / "challenges.toml").is_file():
            assert len(load_challenges(root).challenges) >= 4, root.name


# ---------------------------------------------------------------- on top of a story already loaded

@pytest.mark.parametrize("root", [h.MINI, *list_campaigns(h.CONTENT)], ids=lambda p: p.name)
def test_challenges_on_a_loaded_story_equal_a_fresh_load(root):
    """The challenges screen hands in the game's campaign: the story is not loaded twice, and the
    challenges (names, goals, the hash a run is recorded under) are the same as from scratch."""
    loader = Loader(root)
    camp = loader.load()
    assert loader.scope.acts == acts_in(camp)  # the names rebuilt from the campaign are the loader's
    fresh, reused = load_challenges(root), load_challenges(root, campaign=camp)
    assert reused.campaign is camp
    assert reused.content_hash == fresh.content_hash
    assert {k: (c.goal and c.goal.src, c.score.src, c.seed, c.days, [s.when.src for s in c.splits])
            for k, c in reused.challenges.items()} == \
        {k: (c.goal and c.goal.src, c.score.src, c.seed, c.days, [s.when.src for s in c.splits])
         for k, c in fresh.challenges.items()}
    st = eng.new_game(camp, 5)
    for k, c in reused.challenges.items():
        assert bool(c.goal and c.goal.fn(st)) == bool(fresh.challenges[k].goal and fresh.challenges[k].goal.fn(st))


def test_a_story_edited_since_it_was_loaded_is_loaded_again(tmp_path):
    root = h.copy_mini(tmp_path)
    camp = h.load_campaign(root)
    h.patch(root / "scenes" / "main.toml", "The day ends.", "The day is over.")
    cs = load_challenges(root, campaign=camp)
    assert cs.campaign is not camp and cs.content_hash == load_challenges(root).content_hash
