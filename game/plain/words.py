"""What the plain game prints: each view of the game as plain lines, built from the same facts
(and mostly the same words) as the full-screen screens.

Every string from the story or a save goes through ``clean`` first, so it cannot move a cursor or
change colours. Nothing here draws boxes or rules of dashes: a screen reader would spell them out.
"""

from __future__ import annotations

from game.describe import UNKNOWN, by_kind, lists_on, rule_title, ratings, rule_known, rule_why, rulebook, signed
from game.engine.engine import GateStatus, Option
from game.engine.model import Campaign
from game.engine.play import Play
from game.engine.state import GameState
from game.i18n import _, ngettext, number
from game.notice import NOTHING, notice
from game.prose import clock, reflow
from game.summary import life_summary
from game.textsafe import clean


def status(camp: Campaign, st: GameState) -> str:
    """Where the player stands, in one line: the day and hour, then each score with its band."""
    scores = "; ".join(f"{sc.label} {st.vals[sc.id]} ({sc.band_word(st.vals[sc.id])})" for sc in camp.scores.values())
    # Translators: the plain game's status line: "Day 3 of 30, 14:00. Social Credit 612 (good)."
    return clean(_("Day {day} of {days}, {time}. {scores}.").format(day=st.day, days=camp.days,
                                                                   time=clock(st.hour), scores=scores))


def scene(play: Play) -> list[str]:
    """The scene: its title, then its paragraphs, a blank line between each."""
    title = play.scene.title
    paras = reflow(clean(play.text())).split("\n\n")
    return ([clean(title), ""] if title else []) + sum(([p, ""] for p in paras), [])[:-1]


def choices(options: list[Option]) -> list[str]:
    """The numbered choices; a locked one says so and why, on the same line, so it is read as one."""
    lines = []
    for n, o in enumerate(options, 1):
        lines.append(f"{n}. {clean(o.text)}" if o.open else
                     _("{n}. {choice} (locked: {reason})").format(n=n, choice=clean(o.text), reason=clean(o.reason)))
    return lines


def after_choice(play: Play) -> list[str]:
    """The story's answer to the choice, then the notice: each change to a score and why."""
    out = play.last
    if out is None:
        return []
    lines = [reflow(clean(out.reply)), ""] if out.reply else []
    said = notice(play.camp, play.st, out)
    lines += [f"{signed(s.delta)} {clean(s.why)}" for s in said.scores]
    lines += [clean(bit) for bit in said.bits]
    lines += [_("A new day begins.")] if said.new_day else []
    lines += [_(NOTHING)] if said.empty else []
    lines += [clean(note) for note in play.notes]  # a failed autosave, said where the player reads
    return lines


def ledger(camp: Campaign, st: GameState, newest: int | None = None) -> list[str]:
    """The ledger, newest change first: day, hour, amount, rule and why; hidden rules stay hidden.

    With ``newest``, only that many, and a line saying how to hear the rest: a long game's
    ledger read aloud in full would bury the latest changes the player asked about.
    """
    if not st.ledger:
        return [_("Nothing has been scored yet. Everything you do will be.")]
    many = len(camp.scores) > 1
    count = len(st.ledger)
    shown = list(reversed(st.ledger))[:newest]
    lines = [ngettext("Ledger, newest first: {count} change.", "Ledger, newest first: {count} changes.",
                      count).format(count=count)]
    for e in shown:
        known = rule_known(camp, st, e.rule)
        name = rule_title(camp, e.rule) + (f" ({e.domain})" if e.domain else "") if known else _(UNKNOWN)
        score = f"{camp.scores[e.score].label} " if many and e.score in camp.scores else ""
        # Translators: one change in the ledger: "Day 3 14:00: −15, Night gaming. Why it happened."
        lines.append(clean(_("Day {day} {time}: {score}{change}, {rule}. {why}").format(
            day=e.day, time=clock(e.hour), score=score, change=signed(e.delta), rule=name,
            why=rule_why(camp, st, e.rule, e.why))).rstrip())
    if len(shown) < count:
        older = count - len(shown)
        # Translators: "w all" is what the player types: it stays as it is.
        lines.append(ngettext("{count} older change not read out: type w all for every one.",
                              "{count} older changes not read out: type w all for every one.",
                              older).format(count=older))
    return lines


def life(camp: Campaign, gates: list[GateStatus], st: GameState) -> list[str]:
    """The life screen as lines: lists you are on, ratings, then each kind of gate, open or shut and why."""
    lines: list[str] = []
    for lst in lists_on(camp, st):
        lines.append(_("On the list: {list}.").format(list=lst.title)
                     + (" " + _("Why: {why}").format(why=lst.on) if lst.on else "")
                     # Translators: how to get off a list: "Off: pay the fine".
                     + (" " + _("Off: {how}").format(how=lst.off) if lst.off else ""))
    lines += ratings(camp, st)
    for kind, of_kind in by_kind(gates).items():
        lines += ["", f"{camp.gate_kinds.get(kind, kind)}:"]
        lines += [_("open: {gate}").format(gate=g.title) if g.open
                  else _("shut: {gate}. {why}").format(gate=g.title, why=g.reason) for g in of_kind]
    shut = sum(not g.open for g in gates)
    # Translators: how many gates (jobs, homes, loans...) are open and shut to the player.
    head = _("Your life: {open} open, {shut} shut.").format(open=len(gates) - shut, shut=shut)
    return [clean(line) for line in [head, *lines]]


def rules(camp: Campaign, st: GameState) -> list[str]:
    """The rulebook as far as the player knows it, and how many rules are still hidden."""
    cards, unknown = rulebook(camp, st)
    lines = [_("Rulebook: {known} known, {unknown} not found out yet.").format(known=len(cards), unknown=unknown)
             if unknown else _("Rulebook: {known} known.").format(known=len(cards))]
    for c in cards:
        fired = ("" if not c.fired else " " + _("Fired once in this life.") if c.fired == 1
                 else " " + ngettext("Fired {count} time in this life.", "Fired {count} times in this life.",
                                     c.fired).format(count=c.fired))
        lines.append(clean(f"{c.name}, {c.trigger}: {c.effect}. {c.why}{fired}"))
    if unknown:
        lines.append(_("The rules you have not found out score you all the same; "
                       "the ledger shows them as unknown rule."))
    return lines


def ending(play: Play) -> list[str]:
    """The last page of the story and the life it gave: scores, the rules that shaped it, the gates."""
    sm = life_summary(play.camp, play.st)
    days = ngettext("{count} day", "{count} days", sm.days).format(count=number(sm.days))
    choices = ngettext("{count} choice", "{count} choices", sm.choices).format(count=number(sm.choices))
    # Translators: the length of the life that ended: "12 days, 40 choices."
    length = _("{days}, {choices}.").format(days=days, choices=choices)
    lines = [_("The end."), "", *scene(play), "", *sm.scores, length]
    if sm.shaped:
        lines += ["", _("The rules that shaped your life") + ":"]
        lines += [f"{signed(total)} {rule}, {why}" for rule, total, why, _good in sm.shaped]
    lines += ["", _("Open to you: ") + (", ".join(sm.open) or _("nothing")) + ".",
              _("Shut: ") + (", ".join(sm.shut) or _("nothing")) + "."]
    return [clean(line) for line in lines]
