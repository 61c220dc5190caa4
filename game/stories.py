"""Every campaign in a content folder, loaded: what both ways to play (full screen and plain) start from."""

from __future__ import annotations

from pathlib import Path

from game import i18n
from game.i18n import _
from game.engine.content import list_campaigns, load_campaign_in
from game.engine.model import Campaign
from game.tomlcache import parser


def load_all(content_dir: Path, lang: str | None = None) -> dict[str, Campaign]:
    """Load every campaign in a content folder, in the language being spoken where a campaign has
    a translation (raises ContentError on the first broken one)."""
    camps: dict[str, Campaign] = {}
    lang = lang or i18n.current()
    for folder in list_campaigns(content_dir):
        camp = load_campaign_in(folder, lang, parse=parser(), seps=i18n.seps(), say=i18n.said)
        camps[camp.id] = camp
    return camps


def no_campaigns(content_dir: Path) -> str:
    """What to say when the content folder holds no campaign: where, and how to point at the right one."""
    return _("No campaigns in {folder}: each campaign is a folder with a campaign.toml.\n"
             "Point --content (or CITIZEN_SCORE_CONTENT) at the folder that holds them.").format(folder=content_dir)
