"""Engine facts in the player's words: rule names, hidden rules, what a change means, lists.

Shared by the screens, the ending summary and the headless tools, so a hidden rule is hidden
everywhere and a rank that drops is good news everywhere. No Textual or Rich here.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import textlang
from game.engine.engine import GateStatus, labeler, namer
from game.engine.expr import ExprError, Namer, Token, tokenize
from game.engine.model import Campaign, ListDef, Rule
from game.engine.state import GameState
from game.i18n import N_, _

# Translators: what the ledger and the rulebook call a hidden rule the player has not found out.
UNKNOWN = N_("unknown rule")


def human(ident: str) -> str:
    """An id as words: night_gaming -> Night gaming."""
    return ident.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def rule_title(camp: Campaign, rule_id: str) -> str:
    """A rule's name: the translation's words for it, else its id as words."""
    return camp.names.get(f"rule.{rule_id}") or human(rule_id)


def measure_words(camp: Campaign, measure: str) -> str:
    """A person's own measure in words: the translation's, else its id as words ("rating")."""
    return camp.names.get(f"measure.{measure}") or measure.replace("_", " ")


def act_words(camp: Campaign, act: str) -> str:
    return camp.names.get(f"act.{act}") or act.replace(".", " ").replace("_", " ")


def signed(n: int) -> str:
    """A change as the player reads it: +8, −15 (a real minus sign), ±0."""
    return f"+{n}" if n > 0 else f"−{-n}" if n < 0 else "±0"


def rule_known(camp: Campaign, st: GameState, rule_id: str) -> bool:
    """A hidden rule stays unknown until the player finds it out (reveal / reveal_after)."""
    rule = camp.rules.get(rule_id)
    return rule is None or not rule.hidden or rule_id in st.revealed


def rule_name(camp: Campaign, st: GameState, rule_id: str) -> str:
    return rule_title(camp, rule_id) if rule_known(camp, st, rule_id) else _(UNKNOWN)


def rule_why(camp: Campaign, st: GameState, rule_id: str, why: str = "") -> str:
    if not rule_known(camp, st, rule_id):
        return _("You do not know why.")
    rule = camp.rules.get(rule_id)
    if rule is not None and rule.told is not None:
        return textlang.render(rule.told, st)
    return why or (said_why(rule, st) if rule else "")


def said_why(rule: Rule, st: GameState) -> str:
    """A rule's reason in words for this state, in the language being played (forms filled in)."""
    if rule.told is not None:
        return textlang.render(rule.told, st)
    return rule.why if rule.why_text is None else textlang.render(rule.why_text, st)


def good(camp: Campaign, score_id: str, delta: int) -> bool | None:
    """Whether a change is good for the player: for rank-style scores a drop is a rise."""
    if not delta:
        return None
    sc = camp.scores.get(score_id)
    lower = sc is not None and sc.direction == "lower"
    return (delta < 0) if lower else (delta > 0)


def value_label(camp: Campaign, key: str) -> str:
    """The label of a stat, or "Harbour Clinic's rating" for a measure of a person or organisation."""
    if key in camp.stats:
        return camp.stats[key].label
    if key.startswith("npc."):
        _npc, nid, measure = key.split(".", 2)
        label = camp.scores[measure].label if measure in camp.scores else measure_words(camp, measure)
        # Translators: a person's or an organisation's measure: "Harbour Clinic's rating".
        return _("{name}'s {measure}").format(name=camp.npcs[nid].name, measure=label)
    return human(key)


def lists_on(camp: Campaign, st: GameState) -> list[ListDef]:
    """The lists the player is on and has been told about (``shown_if``)."""
    return [lst for lid, lst in camp.lists.items()
            if lid in st.flags and (lst.shown is None or lst.shown.fn(st))]


def ratings(camp: Campaign, st: GameState) -> list[str]:
    """People and organisations with measures of their own, one line each ("Dr Ren: rating 4")."""
    lines = []
    for nid, npc in camp.npcs.items():
        own = [m for m in npc.scores if m not in camp.scores]
        if own:
            lines.append(f"{npc.name}: " + ", ".join(f"{measure_words(camp, m)} {st.vals[f'npc.{nid}.{m}']}"
                                                     for m in own))
    return lines


def by_kind(gates: list[GateStatus]) -> dict[str, list[GateStatus]]:
    """Gates grouped by their kind (jobs, homes, ...), kinds in the order they first come."""
    kinds: dict[str, list[GateStatus]] = {}
    for g in gates:
        kinds.setdefault(g.kind, []).append(g)
    return kinds


@dataclass(frozen=True)
class RuleCard:
    """One rule as the rulebook shows it."""

    id: str
    name: str
    trigger: str
    effect: str
    why: str
    fired: int


_SIGNS = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}
_LOGIC = {
    # Translators: "and" between the parts of a condition in the rulebook (Money ≤ 0 and ...).
    "and": N_("and"),
    # Translators: "or" between the parts of a condition in the rulebook.
    "or": N_("or"),
    # Translators: "not" before a part of a condition in the rulebook.
    "not": N_("not"),
    "day": N_("day"),
    "hour": N_("the hour"),
}


def expression_words(camp: Campaign | None, src: str, st: GameState | None = None) -> str:
    """A condition or formula of the story as the rulebook says it: stats and scores by the names the player
    reads (money <= 0 is "Money ≤ 0", "Geld ≤ 0" in Dutch), and, or, not in the language played,
    signs for <=, >=, !=, and (given the state) has, visited and open by the words of the flag, the
    scene, the gate, as a locked choice's reason names them; other functions as written."""
    try:
        tokens = tokenize(src)[:-1]
    except ExprError:
        return src
    label = labeler(camp) if camp is not None else (lambda ident: "")
    name = namer(camp, st) if camp is not None and st is not None else None
    out, i = "", 0
    while i < len(tokens):
        t = tokens[i]
        called = _called(tokens, i, name)
        if called is not None:
            word = called
        elif t.kind == "name":
            word = label(t.text) or (_(_LOGIC[t.text]) if t.text in _LOGIC else t.text)
        else:
            word = _SIGNS.get(t.text, t.text)
        out += word if i == 0 or _tight(tokens, i) else " " + word
        i += 1 if called is None else 4  # a call is its name, "(", its argument and ")"
    return out


def _tight(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` follows the one before with no space: after "(" or a minus that is a sign
    (first, or after another operator), before ")" or ",", and a function's "(" after its name."""
    t, before = tokens[i], tokens[i - 1]
    sign = before.text == "-" and (i == 1 or (tokens[i - 2].kind == "op" and tokens[i - 2].text != ")"))
    return (before.text == "(" or sign or t.text in (")", ",")
            or (t.text == "(" and before.kind == "name" and before.text not in _LOGIC))


def _called(tokens: list[Token], i: int, name: Namer | None) -> str | None:
    """has("x"), visited("x") or open("x") at ``i``, in words; None for anything else."""
    if name is None or i + 4 > len(tokens):
        return None
    func, paren, arg, close = tokens[i:i + 4]
    if func.text not in _CALLS or paren.text != "(" or arg.kind != "str" or close.text != ")":
        return None
    kind, words = _CALLS[func.text]
    said = name(kind, arg.value)
    # Translators: a flag or list the player is not told of, in a rule's condition.
    return _(words).format(what=said) if said else _("something you are not told")


_CALLS = {
    # Translators: in a rule's condition: the player has this flag ({what} is its description, quoted).
    "has": ("flag", N_("“{what}”")),
    # Translators: in a rule's condition: the player has been to this scene ({what} is its title).
    "visited": ("scene", N_("visited “{what}”")),
    # Translators: in a rule's condition: this gate (a job, a home...) is open ({what} is its title).
    "open": ("gate", N_("“{what}” open")),
}


def trigger_text(rule: Rule, camp: Campaign | None = None, st: GameState | None = None) -> str:
    if rule.on:  # acts are named by authors as verbs or as events: quote them, do not conjugate
        # Translators: the acts that set a rule off, each in quotes: “go out”, “pay rent”.
        acts = _(" or ").join(f"“{act_words(camp, a) if camp else a.replace('.', ' ').replace('_', ' ')}”"
                              for a in rule.on)
        # Translators: when a rule fires: on the act(s) named, e.g. on “go out” or “pay rent”.
        text = _("on {acts}").format(acts=acts)
    elif rule.every:
        text = _("every day") if rule.every == "day" else _("after every choice")
    else:
        # Translators: {condition} is a condition of the story, its numbers by their names (Money ≤ 0).
        text = (_("when {condition} becomes true").format(condition=expression_words(camp, rule.when.src, st))
                if rule.when is not None else "")
    if rule.cond is not None:
        # Translators: {condition} is a condition of the story, its numbers by their names (Money ≤ 0).
        text += _(", if {condition}").format(condition=expression_words(camp, rule.cond.src, st))
    # Translators: after a rule's trigger: the rule fires only once.
    return text + (_(" (once)") if rule.once else "")


def effect_text(camp: Campaign, rule: Rule) -> str:
    parts = []
    for sid, amount in rule.score.items():
        label = camp.scores[sid].label
        # Translators: a score changed by a formula of the story, its numbers by their names (Money / 60).
        parts.append(f"{label} {signed(amount)}" if isinstance(amount, int)
                     else _("{score} by {expression}").format(score=label,
                                                             expression=expression_words(camp, amount.src)))
    parts += [_("now: {flag}").format(flag=camp.flags.get(f, f)) for f in rule.set]  # the notice's words
    parts += [_("no longer: {flag}").format(flag=camp.flags.get(f, f)) for f in rule.clear]
    # Translators: a rule that changes no score.
    return "; ".join(p.rstrip(".") for p in parts) if parts else _("no points")


def rulebook(camp: Campaign, st: GameState) -> tuple[list[RuleCard], int]:
    """The rules the player knows, in file order, and how many are still unknown."""
    known = [RuleCard(r.id, rule_title(camp, r.id), trigger_text(r, camp, st), effect_text(camp, r), said_why(r, st),
                      st.fired.get(r.id, 0))
             for r in camp.rules.values() if rule_known(camp, st, r.id)]
    return known, len(camp.rules) - len(known)
