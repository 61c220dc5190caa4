"""`citizen-score check` on where choices lead: once-only choices that run a scene dry, a sub-scene
that never comes back, and a delayed scene the calendar always takes the place of."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import conftest_engine_helpers as h
from game.authoring.analysis import analyse
from game.engine.content import load_campaign

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    root = tmp_path / "clean"
    shutil.copytree(FIXTURES / "lint" / "clean", root)
    return root


def codes(root: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in analyse(load_campaign(root)):
        out.setdefault(f.code, []).append(f"{f.line}: {f.message}")
    return out


STALL = '''
[[scene.wake.choice]]
id = "stall"
text = "Visit the stall"
{how}

[scene.stall]
text = "A stall."

[[scene.stall.choice]]
id = "look"
text = "Look"
{look}
'''


def test_a_scene_of_once_only_choices_that_the_story_comes_back_to_runs_dry(clean):
    h.append(clean / "scenes/main.toml", STALL.format(how='goto = "stall"', look='once = true\ngoto = "stall"'))
    found = codes(clean)["once-runs-dry"]
    assert len(found) == 1 and "scene 'stall' runs out of choices" in found[0]


def test_a_scene_of_once_only_choices_left_for_good_is_fine(clean):
    h.append(clean / "scenes/main.toml", STALL.format(how='goto = "stall"', look='once = true\nend_day = true'))
    assert "once-runs-dry" not in codes(clean)


def test_a_sub_scene_without_a_way_back_is_named_at_its_call(clean):
    h.append(clean / "scenes/main.toml", STALL.format(how='call = "stall"', look="end_day = true"))
    found = codes(clean)["call-never-returns"]
    assert found == [f"{h.line_of(clean / 'scenes/main.toml', 'call = ')}: the sub-scene 'stall' that choice "
                     "'wake.stall' calls never comes back: no choice with back = true can be reached from it"]


def test_a_sub_scene_that_comes_back_is_fine(clean):
    h.append(clean / "scenes/main.toml", STALL.format(how='call = "stall"', look="back = true"))
    assert "call-never-returns" not in codes(clean)


def test_a_later_scene_the_calendar_always_takes_the_place_of(clean):
    h.append(clean / "scenes/main.toml", STALL.format(
        how='goto = "stall"', look='later = { days = 2, goto = "evening" }\nend_day = true'))
    found = codes(clean)["later-overridden"]
    assert len(found) == 1 and "'evening' 2 days later never opens" in found[0]


def test_the_example_campaign_is_clean():
    assert analyse(load_campaign(FIXTURES / "answers")) == []


def test_a_stat_that_only_shows_or_moves_itself_is_named(clean):
    """Energy that no condition reads, only a text and a rule that drifts it back: it does not matter."""
    h.append(clean / "campaign.toml", '\n[stats.energy]\nlabel = "Energy"\nstart = 5\nmin = 0\nmax = 10\n')
    h.append(clean / "rules.toml", '\n[rule.rest]\nevery = "day"\nif = "energy < 5"\neffects = { energy = 1 }\n'
             'why = "Sleep helps"\n')
    h.patch(clean / "scenes/main.toml", "You wake with ¥{money} to your name.",
            "You wake with ¥{money} to your name and {energy} energy.")
    [found] = codes(clean)["stat-never-read"]
    assert "the stat 'energy' is read by no condition, gate, route or formula" in found
    h.patch(clean / "scenes/main.toml", 'if = "money >= 100"', 'if = "money >= 100 and energy > 2"')
    assert "stat-never-read" not in codes(clean)
