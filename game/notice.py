"""What a choice did, in words: the notice under the story after each choice.

The facts and their wording live here, apart from how they are drawn, so the day screen (colour,
bold) and the plain line-by-line game (plain text for a screen reader) say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.describe import good, rule_known, rule_title, rule_why, signed, value_label
from game.engine.engine import Outcome, flag_known
from game.engine.model import Campaign
from game.engine.state import GameState
from game.i18n import N_, _

UNKNOWN_WHY = N_("an unknown rule — you do not know why")
NOTHING = N_("Nothing changed.")  # a choice that changed nothing the player can see; shown as _(NOTHING)


@dataclass(frozen=True, slots=True)
class ScoreLine:
    """One change to a score: its amount, whether it is good for the player (None for ±0), and why."""

    delta: int
    good: bool | None
    why: str  # the score's label first when the campaign has more than one


@dataclass(frozen=True, slots=True)
class Notice:
    scores: list[ScoreLine] = field(default_factory=list)
    bits: list[str] = field(default_factory=list)  # stats, rules found out, flags, gates opened and shut
    new_day: bool = False

    @property
    def empty(self) -> bool:
        return not (self.scores or self.bits or self.new_day)


def told(camp: Campaign, st: GameState, flag: str, cleared: bool = False) -> bool:
    """Whether the notice may say a flag was set (or, with ``cleared``, cleared): not a secret list's,
    and not one that only hidden rules set (or clear) while none of them is known. A hidden rule that
    set "three hops out from a number somebody searched" gave itself away on the first day; and a
    choice that can clear a guess (an ad settings page) does not make its setting any less hidden."""
    if not flag_known(camp, st, flag):
        return False
    movers = camp.run.movers.get((flag, "clear" if cleared else "set"), frozenset())
    return not movers or "" in movers or any(rule_known(camp, st, rid) for rid in movers)


def _summed(out: Outcome) -> dict[tuple[str, str, str], tuple[int, int]]:
    """The choice's score changes, one line per rule, score and reason, in the order they came: a rule
    that fired twice (two surveys answered) is said once, with its total and how often."""
    summed: dict[tuple[str, str, str], tuple[int, int]] = {}
    for e in out.ledger:
        delta, times = summed.get((e.score, e.rule, e.why), (0, 0))
        summed[e.score, e.rule, e.why] = (delta + e.delta, times + 1)
    return summed


def notice(camp: Campaign, st: GameState, out: Outcome) -> Notice:
    """What a choice did to you and why ("−15 Gaming past midnight..."); hidden rules stay hidden."""
    lines = []
    for (score, rule, said), (delta, times) in _summed(out).items():
        label = camp.scores[score].label + ": " if len(camp.scores) > 1 else ""
        why = rule_why(camp, st, rule, said) if rule_known(camp, st, rule) else _(UNKNOWN_WHY)
        if times > 1:
            # Translators: a rule's reason, and how many times it fired in one choice ("... (2×)").
            why = _("{why} ({times}×)").format(why=why, times=times)
        lines.append(ScoreLine(delta, good(camp, score, delta), label + why))
    bits = [f"{value_label(camp, s)} {signed(d)}" for s, d in out.stats.items() if d]  # nets of zero say nothing
    # Translators: a hidden rule of the scoring system that the player has just worked out.
    bits += [_("found out: {rule}").format(rule=rule_title(camp, r)) for r in out.revealed]
    # Translators: a flag that is now true of the player ("now: on the blacklist").
    bits += [_("now: {flag}").format(flag=camp.flags[f])
             for f in out.flags_set if told(camp, st, f)]
    bits += [_("no longer: {flag}").format(flag=camp.flags[f]) for f in out.flags_cleared
             if told(camp, st, f, cleared=True)]
    # Translators: a gate (a job, a home, a loan...) that has just opened to the player.
    bits += [_("opened: {gate}").format(gate=camp.gates[g].title) for g in out.opened]
    bits += [_("shut: {gate}").format(gate=camp.gates[g].title) for g in out.shut]
    return Notice(lines, bits, out.new_day)

