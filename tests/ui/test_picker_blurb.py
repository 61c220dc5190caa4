"""The picker's blurb reads as paragraphs: the author's line breaks in campaign.toml are not kept
as breaks on screen (Bloemhof's blurb once showed "Somewhere your" alone on a line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.content import list_campaigns
from game.engine.load.heads import load_head
from game.ui.screens.picker import blurb

CONTENT = Path(__file__).parents[2] / "content"


@pytest.mark.parametrize("folder", list_campaigns(CONTENT), ids=lambda f: f.name)
def test_the_blurb_is_one_paragraph_before_its_figures(folder):
    head = load_head(folder)
    about = blurb(head).plain.split("\n\n")[0]
    assert "\n" not in about
    assert about.startswith(" ".join(head.blurb.split()[:3]))
