"""The four shipped campaigns as a player first meets them, pinned as SVG snapshots at 80x24.

These follow the shipped story: after an intended edit of a campaign's opening, refresh with
``pytest tests/ui/test_snapshots_campaigns.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.content import list_campaigns
from game.ui.app import make_app

CONTENT = Path(__file__).parents[2] / "content"
CAMPAIGNS = [p.name for p in list_campaigns(CONTENT)]


@pytest.fixture
def app(tmp_path: Path):
    return make_app(CONTENT, tmp_path / "saves", seed=1)


def test_the_picker_offers_the_five_systems(snap_compare, app):
    assert CAMPAIGNS == ["american", "circle", "sesame", "state", "syri"]
    assert snap_compare(app, terminal_size=(80, 24), press=["enter"])


@pytest.mark.parametrize("campaign", ["american", "circle", "sesame", "state", "syri"])
def test_each_campaign_after_its_first_choice(snap_compare, app, campaign):
    down = ["down"] * CAMPAIGNS.index(campaign)
    assert snap_compare(app, terminal_size=(80, 24), press=["enter", *down, "enter", "1"])
