"""A player's lifetime across games: endings found, games played, days lived, rules found out.

Pure and headless: ``finished`` reads what a game that reached an ending adds (plain data), and
``fold`` adds it to a ``Lifetime`` (plain data out, the old record untouched). Everything is keyed
by stable string ids from the story (campaign, ending scene, rule, score), never by a position, so
a record survives edits to the campaigns: an id the story no longer has is kept and simply not
shown. Reading and writing the record is ``game.lifetime``'s.

A game counts once. Its key is the campaign, the seed and the choices taken, so the same finished
game reached again (a save loaded and finished the same way, a ``--dev`` reload that replays it)
adds nothing; a game that ends differently is another game.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field

from .model import Campaign
from .state import GameState


@dataclass(frozen=True, slots=True)
class Loss:
    """Points one rule cost the player on one score over one game (always above zero)."""

    campaign: str
    rule: str
    score: str
    points: int


@dataclass(frozen=True, slots=True)
class Found:
    """An ending as first found: on which day and with which main score; how often reached since."""

    day: int
    score: int
    times: int = 1


@dataclass(frozen=True, slots=True)
class Finished:
    """What one game that reached an ending adds to a lifetime."""

    key: str  # campaign, seed and choices, hashed: the same game is never counted twice
    campaign: str
    ending: str
    day: int
    score: int  # the main score at the end
    worst: Loss | None  # the rule that cost the most in this game, if any cost anything
    revealed: frozenset[str]  # hidden rules found out in this game


@dataclass(slots=True)
class CampaignLife:
    """One campaign's share of a lifetime."""

    games: int = 0
    days: int = 0
    endings: dict[str, Found] = field(default_factory=dict)  # ending scene id -> first found
    revealed: set[str] = field(default_factory=set)  # hidden rule ids found out in any counted game


@dataclass(slots=True)
class Lifetime:
    """Every counted game folded together; totals are worked out, never stored twice."""

    campaigns: dict[str, CampaignLife] = field(default_factory=dict)
    worst: Loss | None = None  # the most points ever lost to one rule in one game
    counted: set[str] = field(default_factory=set)  # keys of the games already counted

    @property
    def games(self) -> int:
        return sum(c.games for c in self.campaigns.values())

    @property
    def days(self) -> int:
        return sum(c.days for c in self.campaigns.values())


def game_key(campaign: str, seed: int, log: list[str]) -> str:
    """A short stable name for one game: the same campaign, seed and choices give the same key."""
    text = "\n".join([campaign, str(seed), *log])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def worst_loss(camp: Campaign, st: GameState) -> Loss | None:
    """The rule that cost the player most on one score over the game (net, as the ending sums it).

    "Cost" is against the player: a drop of a score where higher is better, a rise of a rank or a
    risk where lower is. Ties go to the first rule and score in name order, so the answer is stable.
    """
    net: dict[tuple[str, str], int] = {}
    for e in st.ledger:
        net[(e.rule, e.score)] = net.get((e.rule, e.score), 0) + e.delta
    best: Loss | None = None
    for (rule, score), total in sorted(net.items()):
        sc = camp.scores.get(score)
        cost = total if sc is not None and sc.direction == "lower" else -total
        if cost > 0 and (best is None or cost > best.points):
            best = Loss(camp.id, rule, score, cost)
    return best


def finished(camp: Campaign, st: GameState) -> Finished | None:
    """What this game adds to a lifetime, or None while it has not reached an ending."""
    if not st.ending:
        return None
    return Finished(game_key(camp.id, st.seed, st.log), camp.id, st.ending, st.day,
                    st.vals.get(camp.main_score.id, 0), worst_loss(camp, st), frozenset(st.revealed))


def fold(life: Lifetime, game: Finished) -> Lifetime:
    """The lifetime with this game added: a new record, the given one left as it was.

    A game already counted (the same key) returns an equal copy: nothing is counted twice.
    """
    out = copy.deepcopy(life)
    if game.key in out.counted:
        return out
    out.counted.add(game.key)
    camp = out.campaigns.setdefault(game.campaign, CampaignLife())
    camp.games += 1
    camp.days += game.day
    camp.revealed |= game.revealed
    seen = camp.endings.get(game.ending)
    camp.endings[game.ending] = (Found(game.day, game.score) if seen is None
                                 else Found(seen.day, seen.score, seen.times + 1))
    if game.worst is not None and (out.worst is None or game.worst.points > out.worst.points):
        out.worst = game.worst
    return out
