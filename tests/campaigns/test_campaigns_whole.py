"""Every shipped campaign, whole: checked clean, every scene and ending reached, no dead ends.

These are the campaigns' standing requirements (the author tools' own verdicts), kept true by CI:
``check --strict`` finds nothing; 5,000 least-used games reach every scene, ending and choice;
2,000 random games meet no dead end. (The closing figure, 10,000 random games, is measured with
``citizen-score simulate CAMPAIGN --runs 10000``.)
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from game.cli import main
from helpers_scripted import assert_a_play_for_each_challenge

CONTENT = Path(__file__).parents[2] / "content"
CAMPAIGNS = ["american", "circle", "sesame", "state", "syri"]


def report(capsys, *args: str) -> dict:
    code = main(["--content", str(CONTENT), "simulate", *args, "--jobs", "1", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    data["exit"] = code
    return data


def own_tests(campaign: str):
    """A campaign's own tests (test_campaign_<id>.py): its SCRIPT, its ways to win each challenge
    (CHALLENGE_PLAYS: a way of playing, or a chooser), and, if a win must show more than being
    done, ``won(cid, run)``."""
    return importlib.import_module(f"test_campaign_{campaign}")


@pytest.mark.parametrize("campaign", CAMPAIGNS)
def test_there_are_at_least_four_challenges_and_each_has_a_way_to_play_it(campaign):
    assert_a_play_for_each_challenge(CONTENT / campaign, own_tests(campaign).CHALLENGE_PLAYS)


@pytest.mark.parametrize("campaign, cid", [(c, cid) for c in CAMPAIGNS for cid in sorted(own_tests(c).CHALLENGE_PLAYS)])
def test_each_challenge_can_be_won_by_its_way_of_playing(campaign, cid):
    own = own_tests(campaign)
    how = own.CHALLENGE_PLAYS[cid]
    run = (own.SCRIPT.race(CONTENT / campaign, cid, how) if callable(how)
           else own.SCRIPT.race(CONTENT / campaign, cid, **how))
    assert run.result.status == "done", (cid, run.result)
    if hasattr(own, "won"):
        own.won(cid, run)


@pytest.mark.parametrize("campaign", CAMPAIGNS)
def test_the_author_checks_find_nothing(campaign):
    from game.authoring.analysis import analyse
    from game.engine.challenges import load_challenges

    cs = load_challenges(CONTENT / campaign)
    assert analyse(cs.campaign, cs.challenges) == []


def test_check_finds_nothing_in_the_shipped_campaigns(capsys):
    assert main(["check", str(CONTENT), "--strict"]) == 0
    assert "no problems" in capsys.readouterr().out


@pytest.mark.parametrize("campaign", CAMPAIGNS)
def test_least_used_play_reaches_every_scene_ending_and_choice(capsys, campaign):
    rep = report(capsys, campaign, "--runs", "5000", "--strategy", "least-used")
    cov = rep["coverage"]
    assert cov["scenes"]["never"] == [] and cov["choices"]["never"] == []
    assert rep["problems"] == [] and rep["exit"] == 0


@pytest.mark.parametrize("campaign", CAMPAIGNS)
def test_random_play_meets_no_dead_end(capsys, campaign):
    rep = report(capsys, campaign, "--runs", "2000", "--seed", "100000")
    assert rep["problems"] == [] and rep["exit"] == 0
    assert len(rep["endings"]) >= 4  # at least four distinct endings, reached by chance alone


@pytest.mark.parametrize("campaign", CAMPAIGNS)
def test_a_second_draft_holds_its_goals(capsys, campaign):
    """The second draft's measurable goals: six endings or more, each with a hint for the gallery;
    twenty thousand words of story; and in random play few screens read twice (median under
    10 %) and a median game showing nine thousand words it had not shown before."""
    from game.authoring.words import story_words
    from game.engine.content import load_campaign

    camp = load_campaign(CONTENT / campaign)
    endings = [s for s in camp.scenes.values() if s.ending]
    assert len(endings) >= 6 and all(s.hint for s in endings)
    assert story_words(camp) >= 20_000
    rep = report(capsys, campaign, "--runs", "500")
    assert rep["reading"]["repeat_share"]["p50"] <= 0.10
    assert rep["reading"]["new_words"]["p50"] >= 9_000
