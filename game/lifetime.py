"""The lifetime record on disk, the listener that counts a finished game, and the gallery's view.

``<saves>/lifetime.toml`` holds every counted game folded together (see ``game.engine.lifetime``):
per campaign the games, the days, the endings found (day and score when first found, times
reached) and the hidden rules found out; the most points ever lost to one rule; and the keys of
the games already counted. Written whole or not at all through ``fileio.atomic_write``.

A file that cannot be read (damaged, foreign, from a newer version) gives one ``LifetimeError``
naming the file and the fix, and is never written over: the game runs on without counting until
the player restores or moves it away. Nothing read from it is ever evaluated.

Only a saved game counts, when it reaches an ending: a challenge run, a replay watched back or a
save loaded at its end take no choice here that ends a game, and the record's keys keep a game
replayed to the same end (a ``--dev`` reload, a save finished again) from counting twice.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from game import __version__, fileio
from game.describe import human, rule_title, signed
from game.engine.engine import Outcome
from game.engine.lifetime import CampaignLife, Found, Lifetime, Loss, finished, fold
from game.engine.model import Campaign
from game.engine.play import Play
from game.i18n import N_, _

KIND = "citizen-score-lifetime"
FORMAT = 1
NAME = "lifetime.toml"
MAX_BYTES = 8 * 1024 * 1024  # far above any real record
# Translators: an ending in the gallery the player has not reached yet.
NOT_FOUND = N_("Not yet found.")
UNKNOWN_RULE = N_("a rule you have not found out")


class LifetimeError(Exception):
    """The lifetime record cannot be read or written; the message names the file and the fix."""


def lifetime_path(saves_dir: Path) -> Path:
    return Path(saves_dir) / NAME


# ---------------------------------------------------------------- reading

def load(saves_dir: Path) -> Lifetime:
    """The record in the saves folder (empty when there is none yet); LifetimeError if unreadable."""
    path = lifetime_path(saves_dir)
    if not path.exists():
        return Lifetime()
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            raise ValueError(_("it is not a lifetime record the game wrote"))
        doc = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
        _check_header(doc)
        return _lifetime(doc)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, KeyError, TypeError,
            AttributeError, RecursionError) as e:
        raise LifetimeError(_("{file}: the record of your endings and lifetime figures cannot be read ({why}). "
                              "Games still play but are not counted while it is there; restore it from a "
                              "backup, or move it away to start a new record.").format(file=path, why=e)) from None


def _check_header(doc: dict[str, Any]) -> None:
    if doc.get("kind") != KIND:
        raise ValueError(_('it has no kind = "{kind}", so it is not a lifetime record').format(kind=KIND))
    fmt = doc.get("format")
    if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < 1:
        raise ValueError(_("its format is missing or not a whole number"))
    if fmt > FORMAT:
        raise ValueError(_("a newer version of the game wrote it (format {format}; this one reads {reads})").format(
            format=fmt, reads=FORMAT))


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(_("{value} is not a whole number").format(value=f"{value!r:.40}"))
    return value


def _strs(value: object) -> set[str]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ValueError(_("a list of ids holds something other than text"))
    return set(value)


def _campaign(t: dict[str, Any]) -> CampaignLife:
    endings = {str(eid): Found(_int(e["day"]), _int(e["score"]), _int(e["times"]))
               for eid, e in t.get("ending", {}).items()}
    return CampaignLife(_int(t["games"]), _int(t["days"]), endings, _strs(t.get("revealed", [])))


def _lifetime(doc: dict[str, Any]) -> Lifetime:
    w = doc.get("worst")
    worst = None if w is None else Loss(str(w["campaign"]), str(w["rule"]), str(w["score"]), _int(w["points"]))
    campaigns = {str(cid): _campaign(t) for cid, t in doc.get("campaign", {}).items()}
    return Lifetime(campaigns, worst, _strs(doc.get("counted", [])))


# ---------------------------------------------------------------- writing

def render(life: Lifetime) -> bytes:
    """The bytes of the record; kept apart from writing so tests can read what would be written."""
    doc: dict[str, Any] = {"kind": KIND, "format": FORMAT, "game": __version__,
                           "counted": sorted(life.counted)}
    if life.worst is not None:
        w = life.worst
        doc["worst"] = {"campaign": w.campaign, "rule": w.rule, "score": w.score, "points": w.points}
    doc["campaign"] = {cid: {"games": c.games, "days": c.days, "revealed": sorted(c.revealed),
                             "ending": {eid: {"day": f.day, "score": f.score, "times": f.times}
                                        for eid, f in sorted(c.endings.items())}}
                       for cid, c in sorted(life.campaigns.items())}
    return tomli_w.dumps(doc).encode("utf-8")


def save(saves_dir: Path, life: Lifetime) -> Path:
    path = lifetime_path(saves_dir)
    try:
        fileio.atomic_write(path, render(life))
    except OSError as e:
        raise LifetimeError(_("{file}: your lifetime record could not be written ({why}). Check there is free "
                              "disk space and that you may write to the saves folder.").format(
                                  file=path, why=e.strerror or e)) from None
    return path


def record(saves_dir: Path, play: Play) -> bool:
    """Count the play's game if it has reached an ending; True if this added it to the record.

    Reads the record first and never writes over one it cannot read (LifetimeError).
    """
    game = finished(play.camp, play.st)
    if game is None:
        return False
    life = load(saves_dir)
    if game.key in life.counted:
        return False
    save(saves_dir, fold(life, game))
    return True


class Counter:
    """A play's listener: when a choice ends the game, count it (after the frame, with ``defer``)."""

    def __init__(self, saves_dir: Path, *, defer: bool = False) -> None:
        self.saves_dir, self.defer = Path(saves_dir), defer

    def __call__(self, play: Play, out: Outcome | None) -> None:
        if not play.st.ending:
            return
        if self.defer:
            play.deferred.append(lambda: self.count(play))
        else:
            self.count(play)

    def count(self, play: Play) -> None:
        try:
            record(self.saves_dir, play)
        except LifetimeError as e:
            play.notes.append(str(e))


def counted(play: Play, saves_dir: Path, *, defer: bool = False) -> Play:
    """The play, counted in the lifetime record when it reaches an ending."""
    play.listen(Counter(saves_dir, defer=defer))
    return play


# ---------------------------------------------------------------- the gallery's view

@dataclass(frozen=True, slots=True)
class EndingLine:
    """One ending in the gallery: found (with when) or not, and the line to show if not."""

    id: str
    title: str
    found: Found | None
    hint: str


@dataclass(frozen=True, slots=True)
class CampaignPage:
    """One campaign in the gallery."""

    id: str
    title: str
    games: int
    days: int
    endings: list[EndingLine]
    rules_found: int
    rules_hidden: int
    score_label: str

    @property
    def found(self) -> int:
        return sum(1 for e in self.endings if e.found)


@dataclass(frozen=True, slots=True)
class Gallery:
    games: int
    days: int
    worst: str  # the most points lost to one rule, in words ("" when nothing was ever lost)
    pages: list[CampaignPage]

    @property
    def rules_found(self) -> int:
        return sum(p.rules_found for p in self.pages)

    @property
    def rules_hidden(self) -> int:
        return sum(p.rules_hidden for p in self.pages)


def _page(camp: Campaign, c: CampaignLife) -> CampaignPage:
    ends = [s for s in camp.scenes.values() if s.ending]
    any_found = any(s.id in c.endings for s in ends)
    lines = [EndingLine(s.id, s.title or human(s.id), c.endings.get(s.id),
                        (s.hint or _(NOT_FOUND)) if any_found else _(NOT_FOUND)) for s in ends]
    hidden = {r.id for r in camp.rules.values() if r.hidden}
    return CampaignPage(camp.id, camp.title, c.games, c.days, lines, len(hidden & c.revealed), len(hidden),
                        camp.main_score.label)


def worst_words(life: Lifetime, campaigns: dict[str, Campaign]) -> str:
    """"−140 Social Credit to Night gaming, in Mini": a hidden rule stays unnamed until found out."""
    w = life.worst
    if w is None:
        return ""
    camp = campaigns.get(w.campaign)
    if camp is None:
        # Translators: the most points ever lost to one rule, in a campaign no longer installed.
        return _("{points} points to {rule}, in {campaign}").format(points=w.points, rule=human(w.rule),
                                                                  campaign=w.campaign)
    rule = camp.rules.get(w.rule)
    known = rule is None or not rule.hidden or w.rule in life.campaigns.get(w.campaign, CampaignLife()).revealed
    sc = camp.scores.get(w.score)
    lower = sc is not None and sc.direction == "lower"
    amount = signed(w.points if lower else -w.points)
    # Translators: the most points ever lost to one rule: "−140 Social Credit to Night gaming, in Mini".
    return _("{amount} {score} to {rule}, in {campaign}").format(
        amount=amount, score=sc.label if sc else w.score, rule=rule_title(camp, w.rule) if known else _(UNKNOWN_RULE),
        campaign=camp.title)


def gallery(life: Lifetime, campaigns: dict[str, Campaign]) -> Gallery:
    """The gallery for the campaigns installed now, in their order; the totals cover every game."""
    pages = [_page(camp, life.campaigns.get(cid, CampaignLife())) for cid, camp in campaigns.items()]
    return Gallery(life.games, life.days, worst_words(life, campaigns), pages)
