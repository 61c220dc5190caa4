"""A campaign's head: what the campaign picker shows of it, read without loading its story.

The picker needs a title, a blurb, the scores and how many rules are hidden; a whole load of the
four shipped campaigns (every scene, rule and expression) took most of the time between Enter on
the title and the picker. A head reads campaign.toml and rules.toml only, with the loader's own
readers, so the two cannot disagree; the full load still follows, and reports any problem.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..model import Campaign, Score
from ..problems import ContentError
from .context import Context, Parse
from .read import read_source
from .tables import load_scores


@dataclass(frozen=True, slots=True)
class Head:
    id: str
    title: str
    blurb: str
    days: int
    scores: dict[str, Score]
    rules: int  # how many rules score the player
    hidden: int  # how many of them the player is not told about

    @property
    def main_score(self) -> Score:
        return next(iter(self.scores.values()))


def load_head(root: str | Path, parse: Parse = tomllib.loads) -> Head:
    """The head of a campaign folder; ContentError if what it needs cannot be read (a full load
    then names every problem)."""
    cx = Context(Path(root), parse)
    camp_src = read_source(cx, "campaign.toml", required=True)
    rule_src = read_source(cx, "rules.toml", required=False)
    head = camp_src.data.get("campaign", {}) if camp_src is not None else None
    if camp_src is None or not isinstance(head, dict):
        raise ContentError(cx.problems, cx.root.parent)
    scores = load_scores(cx, camp_src, camp_src.data.get("scores", {}))
    raw = rule_src.data.get("rule", {}) if rule_src is not None else {}
    rules = [r for r in raw.values() if isinstance(r, dict)] if isinstance(raw, dict) else []
    if cx.has_errors():
        raise ContentError(cx.problems, cx.root.parent)
    days = head.get("days", 1)
    return Head(cx.root.name, str(head.get("title", cx.root.name)), str(head.get("blurb", "")),
                days if isinstance(days, int) else 1, scores, len(rules),
                sum(r.get("hidden", False) is True for r in rules))


def head_of(camp: Campaign) -> Head:
    """The head of a campaign already loaded, to show it as the picker shows the others."""
    return Head(camp.id, camp.title, camp.blurb, camp.days, camp.scores, len(camp.rules),
                sum(r.hidden for r in camp.rules.values()))
