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


@pytest.mark.parametrize("folder", list_campaigns(CONTENT), ids=lambda f: f.name)
def test_every_campaign_says_what_in_it_is_real_and_what_invented(folder):
    head = load_head(folder)
    assert "Real:" in head.about and "Invented:" in head.about
    dutch = load_head(folder, lang="nl")
    assert "Echt:" in dutch.about and "Verzonnen:" in dutch.about


def test_the_picker_is_in_the_language_played_before_the_whole_story_has_loaded():
    """A key pressed at once on the title reaches the picker before the translation is read with
    the whole story; the picker's words come from the translation all the same."""
    head = load_head(CONTENT / "syri", lang="nl")
    assert head.main_score.label == "Risicoscore"
    assert head.blurb.lstrip().startswith("Rotterdam-Zuid, winter 2019, in een")
    assert load_head(CONTENT / "syri").main_score.label == "Risk score"


async def test_a_in_the_picker_shows_the_highlighted_campaigns_about_page(tmp_path):
    from textual.widgets import Static

    from game.ui.app import make_app
    from game.ui.screens.about import AboutScreen

    app = make_app(CONTENT, tmp_path, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # New game
        await pilot.press(*["down"] * [f.name for f in list_campaigns(CONTENT)].index("syri"))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        words = str(app.screen.query_one(Static).render())
        assert "Bloemhof" in words and "Article 8" in words
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AboutScreen)
