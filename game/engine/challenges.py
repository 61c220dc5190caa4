"""Challenges for runners: a campaign's ``challenges.toml``, checked like the rest of the story.

The file is read by the campaign loader itself (same TOML errors, same line numbers, same
expression compiler and scope), so a goal can name every score, stat, flag, gate, scene and act
the story declares, and a mistake is reported with its file, line and a hint.

Format::

    [challenge.deposit_free]
    title = "Deposit-free"                  # required
    category = "any%"                       # required; free text (any%, 100%, low%, ...)
    about = "Rent a flat without a deposit as fast as you can."
    goal = 'has("home_no_deposit")'         # condition: the run is won the moment it holds
    seed = 1234                             # a whole number, or "daily" (the date picks it)
    days = 30                               # optional: the run must end within this many days
    score = "credit"                        # optional number formula, ranked in score categories

    [[challenge.deposit_free.split]]        # optional milestones, reached in this order
    id = "first_job"
    title = "First job"
    when = 'has("employed")'

Ranking: the categories "high score" and "low score" rank finished runs by ``score`` (higher or
lower is better; ties go to the faster run) and need ``score``; every other category ranks by
in-game time and needs a ``goal``. A score challenge may leave out ``goal``: the run then ends
with the story or when the ``days`` limit is over. ``score`` defaults to the campaign's first
score. A time challenge that is not won by the end of the story or the limit has failed.

The content hash of a run covers the campaign and this file, so an edited goal is an edited run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
import tomllib
from pathlib import Path
from typing import Any

from .expr import BOOL, NUM, Expr, compile_expr
from .model import Campaign, Where
from .msg import Msg
from .load.context import Context, Parse
from .load.keys import check_id, check_keys, unknown_tables
from .load.loader import load, reuse
from .load.read import Source, content_hash, read_source
from .load.values import expr
from .problems import ContentError

FILE = "challenges.toml"
DAILY = "daily"
SCORE_CATEGORIES = {"high score": "high", "low score": "low"}
MAX_DAILY_SEED = (1 << 60) - 1

@dataclass(slots=True)
class Split:
    """A named milestone; reached the first time its condition holds after the previous one."""

    id: str
    title: str
    when: Expr


@dataclass(slots=True)
class Challenge:
    id: str
    campaign: str
    title: str
    category: str
    about: str
    goal: Expr | None
    seed: int | None  # None: a daily challenge, the date picks the seed
    days: int | None
    score: Expr
    splits: list[Split]
    at: Where

    @property
    def rank(self) -> str:
        """ "time", "high" or "low": what makes one finished run better than another."""
        return SCORE_CATEGORIES.get(self.category.strip().lower(), "time")

    @property
    def daily(self) -> bool:
        return self.seed is None

    @property
    def ref(self) -> str:
        return f"{self.campaign}/{self.id}"

    def seed_for(self, day: date | str) -> int:
        """The seed of a run: the fixed one, or the daily one for ``day`` (a date or YYYYMMDD)."""
        return self.seed if self.seed is not None else daily_seed(self.campaign, self.id, day)


@dataclass(slots=True)
class ChallengeSet:
    """A campaign with its challenges and the hash that covers both."""

    campaign: Campaign
    challenges: dict[str, Challenge] = field(default_factory=dict)
    content_hash: str = ""


def today() -> str:
    """Today's date in UTC as YYYYMMDD: runners everywhere share one daily seed at a time."""
    return datetime.now(timezone.utc).strftime("%Y%m%d")


def day_key(day: date | str) -> str:
    """YYYYMMDD for a date; checks a string is one (raises ValueError if not)."""
    if isinstance(day, date):
        return day.strftime("%Y%m%d")
    if len(day) != 8 or not day.isdigit():
        raise ValueError(Msg("'{day}' is not a date written YYYYMMDD", day=day))
    try:
        date(int(day[:4]), int(day[4:6]), int(day[6:8]))
    except ValueError:  # a non-date such as 20261331: Python's own words are English only
        raise ValueError(Msg("'{day}' is not a day of the calendar", day=day)) from None
    return day


def daily_seed(campaign: str, challenge: str, day: date | str) -> int:
    """Everyone playing a daily challenge on the same date gets the same seed, and no one can pick it."""
    text = f"citizen-score/daily/{campaign}/{challenge}/{day_key(day)}"
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big") & MAX_DAILY_SEED


def translate(challenges: dict[str, Challenge], words: dict[str, dict[str, str]]) -> None:
    """A translated campaign's words for its challenges and splits (what is not translated stays)."""
    for ch in challenges.values() if words else ():
        w = words.get(f"challenge.{ch.id}", {})
        ch.title, ch.about = w.get("title", ch.title), w.get("about", ch.about)
        for split in ch.splits:
            split.title = words.get(f"challenge.{ch.id}.split.{split.id}", {}).get("title", split.title)


def load_challenges(root: str | Path, parse: Parse = tomllib.loads,
                    campaign: Campaign | None = None) -> ChallengeSet:
    """Load a campaign folder and its challenges; raises ContentError listing every problem.

    challenges.toml is read with the campaign's context (same TOML errors, same line numbers,
    same expression scope), after the story itself has loaded — or, given the ``campaign`` the
    game already loaded from this folder, with its names, if the story is unchanged since.
    """
    cx = Context(Path(root), parse)
    camp = campaign if campaign is not None and reuse(cx, campaign) else load(cx)
    cx.problems = []  # the story's warnings are the story's; these are the file's
    src = read_source(cx, FILE, required=False)
    out = ChallengeSet(camp, {}, content_hash(cx.files))
    if src is not None:
        out.challenges = load_all(cx, src, camp)
        translate(out.challenges, camp.words)
    if cx.has_errors():
        raise ContentError(cx.problems, cx.root.parent)
    return out


def load_all(cx: Context, src: Source, camp: Campaign) -> dict[str, Challenge]:
    unknown_tables(cx, src, {"challenge"}, FILE, Msg("Challenges are [challenge.<id>] tables."))
    table = src.data.get("challenge", {})
    out: dict[str, Challenge] = {}
    if not isinstance(table, dict):
        return out
    for cid, raw in table.items():
        path = f"challenge.{cid}"
        if check_id(cx, src, path, cid, "challenge"):
            out[cid] = load_challenge(cx, src, camp, path, cid, raw)
    return out


def load_challenge(cx: Context, src: Source, camp: Campaign, path: str, cid: str, raw: Any) -> Challenge:
    t = check_keys(cx, src, path, raw, "challenge")
    category = t.get("category", "any%")
    scored = category.strip().lower() in SCORE_CATEGORIES
    goal = expr(cx, src, f"{path}.goal", t["goal"], BOOL) if "goal" in t else None
    if "goal" not in t and not scored and "category" in t:
        cx.problem(src, path, Msg("challenge '{id}' has no goal", id=cid),
                   Msg('A race needs a goal, e.g. goal = "credit >= 700" (only "high score" and '
                       '"low score" challenges may run to the end of the story instead).'))
    if "score" in t:
        score = expr(cx, src, f"{path}.score", t["score"], NUM)
    elif scored:
        cx.problem(src, path, Msg("a {category} challenge needs a score to rank", category=category),
                   Msg('Add score = "{score}" (any number formula).', score=camp.main_score.id))
        score = None
    else:
        score = None
    return Challenge(
        id=cid, campaign=camp.id, title=t.get("title", cid), category=category,
        about=t.get("about", ""), goal=goal, seed=seed(cx, src, path, t.get("seed", 0)),
        days=days(cx, src, path, t.get("days"), camp), splits=splits(cx, src, path, t.get("split", [])),
        score=score or compile_expr(camp.main_score.id, cx.names, NUM),
        at=Where(src.name, path, src.line))


def seed(cx: Context, src: Source, path: str, value: int | str) -> int | None:
    if value == DAILY:
        return None
    if isinstance(value, str) or not 0 <= value <= (1 << 63) - 1:
        cx.problem(src, f"{path}.seed", Msg('the seed must be a whole number from 0 to 2**63-1, or "daily"'),
                   Msg('Write seed = 1234, or seed = "daily" for a new seed every day.'))
        return 0
    return value


def days(cx: Context, src: Source, path: str, value: int | None, camp: Campaign) -> int | None:
    if value is None:
        return None
    if not 1 <= value <= camp.days:
        cx.problem(src, f"{path}.days", Msg("days must be from 1 to {days}, the campaign's length", days=camp.days),
                   Msg("Leave days out to allow the whole story."))
        return None
    return value


def splits(cx: Context, src: Source, path: str, raw: list[Any]) -> list[Split]:
    out: list[Split] = []
    seen: set[str] = set()
    for i, t in enumerate(raw):
        sp = f"{path}.split[{i}]"
        t = check_keys(cx, src, sp, t, "split")
        sid = t.get("id", "")
        if not sid or not check_id(cx, src, f"{sp}.id", sid, "split"):
            continue
        if sid in seen:
            cx.problem(src, f"{sp}.id", Msg("split id '{id}' is used twice in this challenge", id=sid))
            continue
        seen.add(sid)
        when = expr(cx, src, f"{sp}.when", t["when"], BOOL) if "when" in t else None
        if when is not None:
            out.append(Split(sid, t.get("title", sid.replace("_", " ").capitalize()), when))
    return out
