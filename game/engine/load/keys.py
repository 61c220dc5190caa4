"""The key table: every key of every kind of content table, declared once.

For each key: the Python types the loader accepts, whether it is required, the words an editor
shows on hover, and any further JSON Schema constraint. The loader checks tables against it
(``check_keys``) and ``game.authoring.schemas`` writes the editor schemas from it, so the game
and an author's editor cannot disagree about which keys exist.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ..msg import Msg
from .context import Context
from .read import Source

ID = re.compile(r"^[a-z0-9_]+$")
ACT = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
RESERVED = {"day", "hour", "friends", "flags", "npc", "true", "false", "and", "or", "not"}

# What a value is called in a message, by its Python type (saves use the same words).
TYPE_WORDS: dict[type, str] = {str: Msg("text"), int: Msg("a whole number"), float: Msg("a number"),
                               bool: Msg("true or false"), dict: Msg("a table"), list: Msg("a list")}
# Each kind of table or thing as a message names it ("unknown key 'titel' in scene").
KINDS: dict[str, str] = {
    "campaign": Msg("campaign"), "score": Msg("score"), "stat": Msg("stat"), "npc": Msg("person"),
    "person": Msg("person"), "list": Msg("list"), "later": Msg("later"), "deck": Msg("deck"),
    "scene": Msg("scene"), "choice": Msg("choice"), "route": Msg("route"), "rule": Msg("rule"),
    "gate": Msg("gate"), "gate kind": Msg("gate kind"), "challenge": Msg("challenge"), "split": Msg("split"),
    "flag": Msg("flag"), "act": Msg("act"), "flags": Msg("flags"), "gate_kinds": Msg("gate kinds"),
    "acts": Msg("acts"), "measures": Msg("measures"),
}


def kind_word(kind: str) -> str:
    """A kind as a message names it, in words a translation can say again (the kind itself if unknown)."""
    return KINDS.get(kind, kind)


@dataclass(frozen=True, slots=True)
class Key:
    types: tuple[type, ...]  # accepted Python types; bool is never taken for int
    required: bool
    doc: str  # hover text in an editor; "" when a shared schema definition carries it
    shape: dict[str, Any] = field(default_factory=dict)  # further JSON Schema, e.g. an enum

    def accepts(self, value: Any) -> bool:
        """Parsed TOML holds exact types, so the type itself is looked up (and True is no int)."""
        return type(value) in self.types


S, I, B, T, L = (str,), (int,), (bool,), (dict,), (list,)
A = (int, float, str)

# The top-level tables each kind of file may hold.
TOP = {"campaign.toml": {"campaign", "scores", "stats", "flags", "npc", "deck", "calendar",
                         "gate_kinds", "list"},
       "rules.toml": {"rule"}, "scenes": {"scene"}, "challenges.toml": {"challenge"}}

# What a choice and a rule both do to the state: one declaration, read by both tables.
EFFECTS: dict[str, Key] = {
    "effects": Key(
        T, False,
        "Changes to stats, and to people's or organisations' measures: the amount is added. Keys are stat"
        " ids (`money`) or quoted `\"npc.<id>.<measure>\"` (`\"npc.clinic.rating\" = -1`). Values are a "
        "number or a formula in quotes.",
        {'additionalProperties': {'$ref': '#/definitions/amount'}}),
    "set": Key(
        L, False,
        "Flags (or lists) to set. Each must be declared under [flags] or as a [list.<id>] in "
        "campaign.toml.",
        {'items': {'type': 'string', 'pattern': '^[a-z0-9_]+$'}}),
    "clear": Key(L, False, "Flags (or lists) to clear.", {'items': {'type': 'string', 'pattern': '^[a-z0-9_]+$'}}),
}

# What a choice and a rule both set off for later, or make known.
AFTERMATH: dict[str, Key] = {
    "later": Key(T + L, False, "", {'$ref': '#/definitions/later'}),
    "reveal": Key(
        L, False,
        "Hidden rules (ids from rules.toml) this makes known: they appear in the rulebook and by name in "
        "the ledger from now on.",
        {'items': {'type': 'string', 'pattern': '^[a-z0-9_]+$'}}),
}


SPEC: dict[str, dict[str, Key]] = {
    "campaign": {
        "id": Key(S, True, "The campaign's id: the same as its folder name. Saves use it."),
        "title": Key(S, True, "The title shown in the campaign picker."),
        "blurb": Key(S, False, "A few lines for the campaign picker."),
        "about": Key(
            S, False,
            "What in the campaign is real and what is invented: the companies, laws, programmes and "
            "dates it draws on, and where it moves or makes them up. Shown on the campaign's About "
            "page (`a` in the campaign picker)."),
        "start": Key(S, True, "The scene where the first day begins."),
        "days": Key(
            I, True,
            "How many days the game lasts (1 to 3650). After the last day the game goes to `finale`.",
            {'minimum': 1, 'maximum': 3650}),
        "finale": Key(S, True, "The scene the game goes to when the days run out (usually a router to the endings)."),
        "day_start": Key(S, True, "Where each new day begins: a scene id, or a deck id to draw a storylet from."),
        "start_hour": Key(I, False, "The clock on each new morning (default 7)."),
    },
    "score": {
        "label": Key(S, False, "The name shown to the player (default: the id)."),
        "min": Key(I, True, "The lowest value."),
        "max": Key(I, True, "The highest value."),
        "start": Key(I, True, "The value a new game starts with (between min and max)."),
        "direction": Key(
            S, False,
            "\"higher\" (default): higher is better. \"lower\": rank-style, #1 is best.",
            {'enum': ['higher', 'lower']}),
        "bands": Key(
            T, False,
            "Named bands with their lower bounds: `{ poor = 350, fair = 550, good = 600 }`. band(\"<score>\") "
            "names the current one.",
            {'additionalProperties': {'type': 'integer'}}),
        "domains": Key(
            T, False,
            "The areas the score is made of, with weights: `{ government = 25, commerce = 25 }`. Rules that "
            "change this score name one with `domain`.",
            {'additionalProperties': {'type': 'number'}}),
    },
    "stat": {
        "label": Key(S, False, "The name shown to the player (default: the id, capitalised)."),
        "start": Key(I, True, "The value a new game starts with."),
        "min": Key(I, False, "Optional lower bound."),
        "max": Key(I, False, "Optional upper bound."),
        "unit": Key(S, False, "Optional unit shown before the number, e.g. \"¥\"."),
    },
    "npc": {
        "name": Key(S, True, "The name shown to the player."),
        "about": Key(S, False, "A line about them."),
        "friend": Key(
            B, False,
            "Whether they start as your friend (default false). Friends' scores pull yours through "
            "friends.mean.<score>."),
        "scores": Key(
            T, False,
            "Their own numbers: campaign score ids (`credit = 520`) and/or measures of their own (`rating = "
            "3`). Read as npc.<id>.<name>; changed by effects `\"npc.<id>.<name>\" = -1`.",
            {'propertyNames': {'pattern': '^[a-z0-9_]+$', 'not': {'const': 'friend'}},
             'additionalProperties': {'type': 'integer'}}),
        "kind": Key(
            S, False,
            "\"person\" (default) or \"org\" (a clinic, a school, a company).",
            {'enum': ['person', 'org']}),
    },
    "list": {
        "title": Key(S, True, "The list's name as the player sees it."),
        "kind": Key(S, False, "\"black\" (default): bad to be on. \"red\": good to be on.", {'enum': ['black', 'red']}),
        "on": Key(S, False, "How a person gets on the list, in words."),
        "off": Key(S, False, "How a person gets off the list, in words."),
        "shown_if": Key(
            S, False,
            "Optional condition: the life screen shows that you are on the list only while it holds (a list "
            "people are not told about). Being on it still counts everywhere else."),
    },
    "later": {
        "days": Key(
            I, True,
            "How many days later, a whole number of at least 1 (1 = tomorrow morning).",
            {'minimum': 1}),
        "goto": Key(S, False, "The scene (or deck) that opens on that morning."),
        "does": Key(
            S + L, False,
            "An act, or a list of acts, done on that morning (rules.toml sees them).",
            {'anyOf': [{'type': 'string', 'pattern': '^[a-z0-9_]+(\\.[a-z0-9_]+)*$'},
                       {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z0-9_]+(\\.[a-z0-9_]+)*$'}}]}),
    },
    "deck": {
        "fallback": Key(S, True, "The scene used when nothing in the deck can be drawn (it must not be in the deck)."),
    },
    "scene": {
        "title": Key(S, False, "Optional title shown above the text."),
        "text": Key(
            S, False,
            "The scene's text. {expression} puts a value in (`{money}`, `{band(\"credit\")}`); {{ and }} are "
            "literal braces; blank lines separate paragraphs. Forms such as {if cond: a | else: b}, "
            "{cycle: a | b} and {em: words} change it; see the guide's \"Text that changes\"."),
        "choice": Key(
            L, False,
            "The choices: [[scene.<id>.choice]] tables.",
            {'items': {'$ref': '#/definitions/choice'}}),
        "deck": Key(S, False, "Makes the scene a storylet of this deck (declared as [deck.<id>] in campaign.toml)."),
        "if": Key(
            S, False,
            "Storylets only: when it may be drawn. An expression that must be true or false, e.g. `credit >= "
            "650 and not has(\"blacklisted\")`."),
        "weight": Key(
            A, False,
            "Storylets only: how likely it is drawn, a number (rounded; at least 1) or a formula in quotes. "
            "Default 1.",
            {'anyOf': [{'type': 'number', 'exclusiveMinimum': 0.5}, {'type': 'string'}]}),
        "repeat": Key(B, False, "Storylets only: may be drawn more than once a game (default false)."),
        "routes": Key(
            L, False,
            "A router: the player goes on at once to the first route whose `if` holds. The last route has no "
            "`if`.",
            {'items': {'$ref': '#/definitions/route'}}),
        "ending": Key(B, False, "An ending: its text is the last page. No choices."),
        "hint": Key(S, False, "Endings only: one line the endings gallery shows while this ending is not yet "
                              "found, once the player has reached any ending of the campaign."),
    },
    "choice": {
        "id": Key(S, True, "The choice's id within the scene; saves record scene.choice.", {'pattern': '^[a-z0-9_]+$'}),
        "text": Key(S, True, "What the player reads on the choice. {expression} puts a value in; forms such as "
                               "{if cond: a | else: b} change it."),
        "if": Key(
            S, False,
            "Optional: the choice is shown but locked while this is false. An expression that must be true or"
            " false, e.g. `credit >= 650 and not has(\"blacklisted\")`."),
        "locked": Key(S, False, "Optional reason shown while locked (otherwise worked out from `if`); "
                                 "may use {expression} and forms like the text."),
        "needs": Key(S, False, "Optional gate (kind.id, e.g. \"job.bank_clerk\") that must be open."),
        **EFFECTS,
        "befriend": Key(
            L, False,
            "People (npc ids) who become your friends.",
            {'items': {'type': 'string', 'pattern': '^[a-z0-9_]+$'}}),
        "unfriend": Key(
            L, False,
            "People (npc ids) who stop being your friends.",
            {'items': {'type': 'string', 'pattern': '^[a-z0-9_]+$'}}),
        "does": Key(
            L, False,
            "Acts the scoring module sees: dotted lower-case words such as \"buy.diapers\".",
            {'items': {'type': 'string', 'pattern': '^[a-z0-9_]+(\\.[a-z0-9_]+)*$'}}),
        "hours": Key(I, False, "Hours the choice takes (default 1).", {'minimum': 0}),
        "goto": Key(S, False, "Where the story goes next: a scene id, or a deck id to draw a storylet from."),
        "end_day": Key(
            B, False,
            "End the day instead of going somewhere; the next day opens on its calendar scene, a rule's or a "
            "due `later` scene, or day_start."),
        **AFTERMATH,
        "reply": Key(S, False, "Words the story answers with once the choice is taken, shown above the next "
                               "scene; may use {expression} and forms like the text."),
        "once": Key(B, False, "Once taken, the choice is gone from the list for the rest of the game "
                              "(default false: it is offered every time the scene is)."),
        "hide_locked": Key(B, False, "While locked, leave the choice off the list instead of showing it "
                                     "dimmed with its reason (default false)."),
        "call": Key(S, False, "Go to this scene first, as a sub-scene: when it (or a scene it leads to) takes"
                              " a choice with `back = true`, the story comes back to `goto`, or without "
                              "`goto` to this scene."),
        "back": Key(B, False, "Go back to where the sub-scene was called from (see `call`), instead of `goto`"
                              " or `end_day`."),
    },
    "route": {
        "if": Key(
            S, False,
            "When this route is taken; the last route has none. An expression that must be true or false, "
            "e.g. `credit >= 650 and not has(\"blacklisted\")`."),
        "goto": Key(S, True, "The scene (or deck) this route goes to."),
    },
    "rule": {
        "on": Key(
            S + L, False,
            "Fires when a choice does this act (or any act of a list): `on = \"buy.diapers\"`.",
            {'anyOf': [{'type': 'string'}, {'type': 'array', 'items': {'type': 'string'}}]}),
        "every": Key(
            S, False,
            "Fires at the end of every day (\"day\") or after every choice (\"choice\").",
            {'enum': ['day', 'choice']}),
        "when": Key(
            S, False,
            "Fires once each time this becomes true (a crossing), e.g. `credit < 450`. An expression that "
            "must be true or false, e.g. `credit >= 650 and not has(\"blacklisted\")`."),
        "if": Key(
            S, False,
            "Optional: the rule only fires while this holds. An expression that must be true or false, e.g. "
            "`credit >= 650 and not has(\"blacklisted\")`."),
        "score": Key(
            T, False,
            "Score changes: `{ credit = 8 }` or a formula `{ credit = \"(friends.mean.credit - credit) / 20\" "
            "}`. Keys are score ids.",
            {'additionalProperties': {'$ref': '#/definitions/amount'}}),
        "domain": Key(
            S, False,
            "Which domain of the score the change counts in (required when the score has domains)."),
        **EFFECTS,
        "goto": Key(
            S, False,
            "A scene (or deck) the player is sent to straight after the choice that fired the rule; at the "
            "end of a day, the next morning opens there (after the day's calendar scene)."),
        "name": Key(S, False, "The rule's name in the rulebook and in \"found out\" (default: its id in words)."),
        "why": Key(S, True, "The reason, shown in the ledger next to every change this rule makes; "
                              "may use {expression} and forms, filled in as the rule fires."),
        "hidden": Key(
            B, False,
            "A hidden rule shows as \"unknown rule\" in the ledger and is missing from the rulebook until "
            "discovered (by `reveal` or `reveal_after`)."),
        "once": Key(B, False, "Fire at most once a game."),
        **AFTERMATH,
        "reveal_after": Key(
            I, False,
            "On a hidden rule: it becomes known by itself once it has fired this many times.",
            {'minimum': 1}),
    },
    "gate": {
        "title": Key(S, True, "What the gate is, as the player sees it: \"Clerk at the Agricultural Bank\"."),
        "text": Key(S, False, "Optional line of description."),
        "needs": Key(
            S, True,
            "When the gate is open. It may not use open(). An expression that must be true or false, e.g. "
            "`credit >= 650 and not has(\"blacklisted\")`."),
        "why_not": Key(S, False, "Optional reason shown while shut; otherwise it is worked out from `needs`. "
                                  "May use {expression} and forms like scene text."),
    },
    # challenges.toml, read by game.engine.challenges with the campaign's names
    "challenge": {
        "title": Key(S, True, "The challenge's name."),
        "category": Key(
            S, True,
            "The kind of run: \"any%\", \"100%\", \"low%\"... (ranked by time), or \"high score\" / \"low score\" "
            "(ranked by `score`)."),
        "about": Key(S, False, "A line on what the runner has to do."),
        "goal": Key(
            S, False,
            "The run is won the moment this holds. A score challenge may leave it out: the run then ends with"
            " the story or the days limit. An expression that must be true or false, e.g. `credit >= 650 and "
            "not has(\"blacklisted\")`."),
        "seed": Key(
            I + S, True,
            "The game's seed: a whole number from 0 to 2**63-1, or \"daily\" (the date picks the seed; everyone"
            " gets the same one that day).",
            {'anyOf': [{'type': 'integer', 'minimum': 0, 'maximum': 9223372036854775807},
                       {'type': 'string', 'const': 'daily'}]}),
        "days": Key(I, False, "Optional limit in days (at most the campaign's length).", {'minimum': 1}),
        "score": Key(
            S, False,
            "What is ranked in score categories: a number formula such as \"credit\" or \"money\". Default: the "
            "campaign's first score."),
        "split": Key(
            L, False,
            "Splits: [[challenge.<id>.split]] tables, reached in this order.",
            {'items': {'$ref': '#/definitions/split'}}),
    },
    "split": {
        "id": Key(S, True, "The split's id (stable: run records use it).", {'pattern': '^[a-z0-9_]+$'}),
        "title": Key(S, False, "The split's name as runners see it (default: the id)."),
        "when": Key(
            S, True,
            "The split is reached the moment this holds. An expression that must be true or false, e.g. "
            "`credit >= 650 and not has(\"blacklisted\")`."),
    },
}


def check_keys(cx: Context, src: Source, path: str, table: Any, kind: str) -> dict[str, Any]:
    """Check a table against SPEC[kind]: unknown keys, wrong types, missing required keys.

    Returns the keys that passed (or {} when it is not a table), so the caller reads only values
    of the right type and one mistake is reported once.
    """
    if not isinstance(table, dict):
        cx.problem(src, path, Msg("{path} must be a table", path=path), Msg("Write it as [{path}].", path=path))
        return {}
    spec = SPEC[kind]
    out: dict[str, Any] = {}
    for key, value in table.items():
        k = spec.get(key)
        if k is None:
            close = difflib.get_close_matches(key, list(spec), n=1)
            hint = Msg("Did you mean '{name}'?", name=close[0]) if close else Msg("Allowed: {keys}",
                                                                                   keys=", ".join(spec))
            cx.problem(src, f"{path}.{key}", Msg("unknown key '{key}' in {kind}", key=key, kind=kind_word(kind)), hint)
        elif type(value) in k.types:  # Key.accepts, inline: this runs for every key of a campaign
            out[key] = value
        else:
            cx.problem(src, f"{path}.{key}", Msg("'{key}' must be {want}", key=key, want=_either(k.types)),
                       _example(key, k.types))
    for key, k in spec.items():
        if k.required and key not in table:
            cx.problem(src, path, Msg("{kind} '{path}' has no '{key}'", kind=kind_word(kind), path=path, key=key),
                       Msg("Add {key} = ...", key=key))
    return out


def check_id(cx: Context, src: Source, path: str, ident: str, what: str) -> bool:
    if not ID.match(ident):
        cx.problem(src, path, Msg("the {what} id '{id}' is not allowed", what=kind_word(what), id=ident),
                   Msg("Ids use lower-case letters, digits and underscores."))
        return False
    return True


def unknown_tables(cx: Context, src: Source, allowed: set[str], where: str, hint: str) -> None:
    """Each top-level table a file may not hold, named with what it may."""
    for key in src.data:
        if key not in allowed:
            cx.problem(src, key, Msg("unknown table [{key}] in {where}", key=key, where=where), hint)


def _either(types: tuple[type, ...]) -> str:
    """The types a key takes, in words: "text", "a whole number or a number or text"."""
    if len(types) == 1:
        return TYPE_WORDS[types[0]]
    if len(types) == 2:
        return Msg("{a} or {b}", a=TYPE_WORDS[types[0]], b=TYPE_WORDS[types[1]])
    return Msg("{a} or {b} or {c}", a=TYPE_WORDS[types[0]], b=TYPE_WORDS[types[1]], c=_either(types[2:]))


def _example(key: str, types: tuple[type, ...]) -> str:
    if types == (str,):
        return Msg('Put it in quotes: {key} = "..."', key=key)
    if types == (list,):
        return Msg('Write a list: {key} = ["..."]', key=key)
    if types == (bool,):
        return Msg("Write {key} = true or {key} = false.", key=key)
    if types == (int,):
        return Msg("Write a whole number without quotes: {key} = 3", key=key)
    return ""
