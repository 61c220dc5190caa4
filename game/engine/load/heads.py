"""A campaign's head: what the campaign picker shows of it, read without loading its story.

The picker needs a title, a blurb, the scores and how many rules are hidden; a whole load of the
four shipped campaigns (every scene, rule and expression) took most of the time between Enter on
the title and the picker. A head reads campaign.toml and rules.toml only, with the loader's own
readers, so the two cannot disagree; the full load still follows, and reports any problem.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from ..languages import SOURCE, translation_of
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
    about: str = ""  # what in it is real and what invented

    @property
    def main_score(self) -> Score:
        return next(iter(self.scores.values()))


def load_head(root: str | Path, parse: Parse = tomllib.loads, lang: str = SOURCE) -> Head:
    """The head of a campaign folder, in ``lang`` where its translation gives the words; ContentError
    if what it needs cannot be read (a full load then names every problem)."""
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
    if lang != SOURCE:
        head, scores = _in_language(cx, lang, head, scores)
    return Head(cx.root.name, str(head.get("title", cx.root.name)), str(head.get("blurb", "")),
                days if isinstance(days, int) else 1, scores, len(rules),
                sum(r.get("hidden", False) is True for r in rules), str(head.get("about", "")))


def _in_language(cx: Context, lang: str, head: dict, scores: dict[str, Score]) -> tuple[dict, dict[str, Score]]:
    """The picker's words from the campaign's translation: the title, blurb, about and score names.

    Without them a key pressed before the whole story (and its translation) had loaded showed the
    picker in the story's language. The translation is only read here; the full load checks it.
    """
    src = read_source(cx, translation_of("campaign.toml", lang), required=False)
    if src is None or cx.has_errors():
        return head, scores
    words = src.data.get("campaign", {})
    head = {**head, **{k: v for k, v in words.items() if k in ("title", "blurb", "about") and isinstance(v, str)}}
    labels = src.data.get("scores", {})
    labels = labels if isinstance(labels, dict) else {}
    return head, {sid: replace(sc, label=_label(labels.get(sid), sc.label)) for sid, sc in scores.items()}


def _label(words: object, label: str) -> str:
    found = words.get("label") if isinstance(words, dict) else None
    return found if isinstance(found, str) else label


def head_of(camp: Campaign) -> Head:
    """The head of a campaign already loaded, to show it as the picker shows the others."""
    return Head(camp.id, camp.title, camp.blurb, camp.days, camp.scores, len(camp.rules),
                sum(r.hidden for r in camp.rules.values()), camp.about)
