"""A campaign's head — what the picker shows of it — is read without its story, and says exactly
what the whole campaign would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.engine.content import list_campaigns, load_campaign
from game.engine.load.heads import head_of, load_head
from game.engine.problems import ContentError

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("folder", list_campaigns(ROOT / "content"), ids=lambda f: f.name)
def test_a_head_says_what_the_loaded_campaign_says(folder):
    assert load_head(folder) == head_of(load_campaign(folder))


def test_a_head_counts_the_hidden_rules(content):
    head = load_head(content / "mini")
    camp = load_campaign(content / "mini")
    assert head.rules == len(camp.rules) and head.hidden == sum(r.hidden for r in camp.rules.values())


def test_a_head_needs_no_scene(content):
    shutil.rmtree(content / "mini" / "scenes")  # the full load refuses this; the head does not look
    assert load_head(content / "mini").id == "mini"


def test_a_broken_campaign_file_is_an_error_with_its_line(content):
    (content / "mini" / "campaign.toml").write_text("[campaign\ntitle = 'x'\n")
    with pytest.raises(ContentError) as e:
        load_head(content / "mini")
    assert "campaign.toml" in e.value.format()
