"""Finding a challenge by name in the content folder: ``campaign/challenge`` or a unique id."""

from __future__ import annotations

from pathlib import Path

from game import i18n
from game.engine.challenges import Challenge, ChallengeSet, load_challenges
from game.engine.campaigns import list_campaigns
from game.engine.content import load_campaign_in
from game.engine.problems import ContentError
from game.engine.languages import SOURCE
from game.engine.model import Campaign
from game.engine.msg import Msg, kept
from game.tomlcache import parser


class NotFound(Exception):
    """A challenge name that names nothing, or more than one thing; the message (a Msg) says which."""


class Library:
    """Campaigns with their challenges, each loaded once and only when asked for."""

    def __init__(self, content_dir: Path, campaigns: dict[str, Campaign] | None = None) -> None:
        self.content_dir = Path(content_dir)
        self._sets: dict[str, ChallengeSet] = {}
        self._loaded = campaigns or {}  # stories the game has loaded already: not loaded again

    def campaign(self, cid: str) -> ChallengeSet:
        """A campaign and its challenges by id; NotFound or ContentError if it cannot be had."""
        if cid not in self._sets:
            root = self.content_dir / cid
            if not (root / "campaign.toml").is_file():
                raise NotFound(Msg("there is no campaign '{campaign}' in {folder}", campaign=cid,
                                   folder=self.content_dir))
            story = self._loaded.get(cid) or self._in_language(root)
            cs = load_challenges(root, parse=parser(), campaign=story)
            if cs.campaign is not self._loaded.get(cid):  # loaded here: its reasons are said where shown
                cs.campaign.say = kept
            self._sets[cid] = cs
        return self._sets[cid]

    @staticmethod
    def _in_language(root: Path) -> Campaign | None:
        """The story in the language spoken, so that what it words itself (a lock's reason written by
        its author) reads as the engine's words do; None (the story's own words) when English is
        spoken, or the translation cannot be read: a run never fails for want of a translation."""
        if i18n.current() == SOURCE:
            return None
        try:
            return load_campaign_in(root, i18n.current(), parse=parser(), seps=i18n.seps(), say=kept)
        except ContentError:
            return None

    def all(self) -> list[ChallengeSet]:
        return [self.campaign(p.name) for p in list_campaigns(self.content_dir)]

    def find(self, name: str) -> tuple[ChallengeSet, Challenge]:
        """``campaign/challenge``, or a challenge id that only one campaign uses."""
        if "/" in name:
            cid, _, chid = name.partition("/")
            cs = self.campaign(cid)
            if chid not in cs.challenges:
                raise NotFound(Msg("campaign '{campaign}' has no challenge '{challenge}' (it has: {have})",
                                   campaign=cid, challenge=chid, have=", ".join(cs.challenges) or Msg("none")))
            return cs, cs.challenges[chid]
        hits = [(cs, cs.challenges[name]) for cs in self.all() if name in cs.challenges]
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise NotFound(Msg("'{name}' is a challenge of several campaigns; write one of: {refs}", name=name,
                               refs=", ".join(ch.ref for _, ch in hits)))
        known = [ch.ref for cs in self.all() for ch in cs.challenges.values()]
        if known:
            raise NotFound(Msg("no campaign has a challenge '{name}' (there are: {refs})", name=name,
                               refs=", ".join(known)))
        raise NotFound(Msg("no campaign has a challenge '{name}'", name=name))
