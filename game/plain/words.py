"""What the plain game prints: each view of the game as plain lines, built from the same facts
(and mostly the same words) as the full-screen screens.

Every string from the story or a save goes through ``clean`` first, so it cannot move a cursor or
change colours. Nothing here draws boxes or rules of dashes: a screen reader would spell them out.
"""

from __future__ import annotations

from game.describe import UNKNOWN, by_kind, human, lists_on, ratings, rule_known, rule_why, rulebook, signed
from game.engine.engine import GateStatus, Option
from game.engine.model import Campaign
from game.engine.play import Play
from game.engine.state import GameState
from game.notice import NOTHING, notice
from game.prose import clock, reflow
from game.summary import life_summary
from game.textsafe import clean


def status(camp: Campaign, st: GameState) -> str:
    """Where the player stands, in one line: the day and hour, then each score with its band."""
    scores = "; ".join(f"{sc.label} {st.vals[sc.id]} ({sc.band_word(st.vals[sc.id])})" for sc in camp.scores.values())
    return clean(f"Day {st.day} of {camp.days}, {clock(st.hour)}. {scores}.")


def scene(play: Play) -> list[str]:
    """The scene: its title, then its paragraphs, a blank line between each."""
    title = play.scene.title
    paras = reflow(clean(play.text())).split("\n\n")
    return ([clean(title), ""] if title else []) + sum(([p, ""] for p in paras), [])[:-1]


def choices(options: list[Option]) -> list[str]:
    """The numbered choices; a locked one says so and why, on the same line, so it is read as one."""
    lines = []
    for n, o in enumerate(options, 1):
        lines.append(f"{n}. {clean(o.text)}" + ("" if o.open else f" (locked: {clean(o.reason)})"))
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
    lines += ["A new day begins."] if said.new_day else []
    lines += [NOTHING] if said.empty else []
    lines += [clean(note) for note in play.notes]  # a failed autosave, said where the player reads
    return lines


def ledger(camp: Campaign, st: GameState, newest: int | None = None) -> list[str]:
    """The ledger, newest change first: day, hour, amount, rule and why; hidden rules stay hidden.

    With ``newest``, only that many, and a line saying how to hear the rest: a long game's
    ledger read aloud in full would bury the latest changes the player asked about.
    """
    if not st.ledger:
        return ["Nothing has been scored yet. Everything you do will be."]
    many = len(camp.scores) > 1
    count = len(st.ledger)
    shown = list(reversed(st.ledger))[:newest]
    lines = [f"Ledger, newest first: {count} change{'' if count == 1 else 's'}."]
    for e in shown:
        known = rule_known(camp, st, e.rule)
        name = human(e.rule) + (f" ({e.domain})" if e.domain else "") if known else UNKNOWN
        score = f"{camp.scores[e.score].label} " if many and e.score in camp.scores else ""
        lines.append(clean(f"Day {e.day} {clock(e.hour)}: {score}{signed(e.delta)}, {name}. "
                           f"{rule_why(camp, st, e.rule, e.why)}").rstrip())
    if len(shown) < count:
        lines.append(f"{count - len(shown)} older changes not read out: type w all for every one.")
    return lines


def life(camp: Campaign, gates: list[GateStatus], st: GameState) -> list[str]:
    """The life screen as lines: lists you are on, ratings, then each kind of gate, open or shut and why."""
    lines: list[str] = []
    for lst in lists_on(camp, st):
        lines.append(f"On the list: {lst.title}." + (f" Why: {lst.on}" if lst.on else "")
                     + (f" Off: {lst.off}" if lst.off else ""))
    lines += ratings(camp, st)
    for kind, of_kind in by_kind(gates).items():
        lines += ["", f"{camp.gate_kinds.get(kind, kind)}:"]
        lines += [f"open: {g.title}" if g.open else f"shut: {g.title}. {g.reason}" for g in of_kind]
    shut = sum(not g.open for g in gates)
    return [clean(line) for line in [f"Your life: {len(gates) - shut} open, {shut} shut.", *lines]]


def rules(camp: Campaign, st: GameState) -> list[str]:
    """The rulebook as far as the player knows it, and how many rules are still hidden."""
    cards, unknown = rulebook(camp, st)
    lines = [f"Rulebook: {len(cards)} known" + (f", {unknown} not found out yet." if unknown else ".")]
    for c in cards:
        fired = {0: "", 1: " Fired once in this life."}.get(c.fired, f" Fired {c.fired} times in this life.")
        lines.append(clean(f"{c.name}, {c.trigger}: {c.effect}. {c.why}{fired}"))
    if unknown:
        lines.append("The rules you have not found out score you all the same; "
                     "the ledger shows them as unknown rule.")
    return lines


def ending(play: Play) -> list[str]:
    """The last page of the story and the life it gave: scores, the rules that shaped it, the gates."""
    sm = life_summary(play.camp, play.st)
    lines = ["The end.", "", *scene(play), "", *sm.scores, f"{sm.days} days, {sm.choices} choices."]
    if sm.shaped:
        lines += ["", "The rules that shaped your life:"]
        lines += [f"{signed(total)} {human(rule)}, {why}" for rule, total, why, _good in sm.shaped]
    lines += ["", "Open to you: " + (", ".join(sm.open) or "nothing") + ".",
              "Shut: " + (", ".join(sm.shut) or "nothing") + "."]
    return [clean(line) for line in lines]
