"""The editor schemas (schema/*.json) and the campaign loader must agree.

An author's editor validates the story files against these schemas while they type (through the
taplo config, .taplo.toml). A schema that is stricter than the loader puts red lines under good
content; a looser one stays quiet about mistakes the game will refuse. So:

* every shipped content file validates against its schema;
* small good and bad campaigns (unknown key, wrong type, missing required key, broken shape) are
  accepted by the schema exactly when the loader accepts them;
* the keys, required keys and value types of every table kind in the loader's SPEC are the ones
  the schema describes, so the two cannot drift apart;
* .taplo.toml maps every content file to exactly one existing schema.

Cross-references (a goto that names no scene, an unknown flag, a rule's domain) need the whole
campaign, so only the loader checks them; the LOADER_ONLY cases below pin that boundary down.
"""

from __future__ import annotations

import fnmatch
import json
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import tomli_w
from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match

import conftest_engine_helpers as h
from game.engine import content as loader
from game.engine.problems import ContentError

from game.engine.challenges import load_challenges

REPO = h.REPO
SCHEMA_DIR = REPO / "schema"
TAPLO = REPO / ".taplo.toml"
DELETE = object()  # a mutation that removes the key


def taplo_rules() -> list[dict[str, Any]]:
    return tomllib.loads(TAPLO.read_text(encoding="utf-8"))["rule"]


def glob_match(rel: str, pattern: str) -> bool:
    """Match a repo-relative path against a taplo glob, one path segment at a time."""
    parts, pats = PurePosixPath(rel).parts, PurePosixPath(pattern).parts
    return len(parts) == len(pats) and all(fnmatch.fnmatchcase(p, q) for p, q in zip(parts, pats))


def schema_for(rel: str) -> Path:
    """The schema .taplo.toml maps this repo-relative content file to."""
    hits = [r["schema"]["path"] for r in taplo_rules() if any(glob_match(rel, g) for g in r["include"])
            and not any(glob_match(rel, g) for g in r.get("exclude", []))]
    assert len(hits) == 1, f"{rel} is matched by {len(hits)} rules in .taplo.toml: {hits}"
    return REPO / hits[0]


_VALIDATORS: dict[Path, Draft7Validator] = {}


def validator(path: Path) -> Draft7Validator:
    if path not in _VALIDATORS:
        _VALIDATORS[path] = Draft7Validator(json.loads(path.read_text(encoding="utf-8")))
    return _VALIDATORS[path]


def schema_errors(rel: str, data: dict[str, Any]) -> list[str]:
    """Every schema error for one file's parsed TOML, as 'path: message'."""
    errs = validator(schema_for(rel)).iter_errors(data)
    return [f"{'.'.join(map(str, e.absolute_path)) or '<top>'}: {e.message}" for e in errs]


def shipped_files() -> list[str]:
    out = []
    for camp in sorted(p for p in (REPO / "content").iterdir() if (p / "campaign.toml").is_file()):
        out += [f.relative_to(REPO).as_posix() for f in sorted(camp.rglob("*.toml"))]
    return out


# ---------------------------------------------------------------- shipped content

@pytest.mark.parametrize("rel", shipped_files())
def test_shipped_file_validates_against_its_schema(rel):
    data = tomllib.loads((REPO / rel).read_text(encoding="utf-8"))
    errs = validator(schema_for(rel)).iter_errors(data)
    worst = best_match(errs)
    assert worst is None, (f"{rel}: {'.'.join(map(str, worst.absolute_path))}: {worst.message}\n"
                           f"all: {schema_errors(rel, data)}")


# ---------------------------------------------------------------- the taplo config

def test_taplo_config_maps_each_glob_to_an_existing_valid_schema():
    rules = taplo_rules()
    assert {Path(r["schema"]["path"]).name for r in rules} == {
        "campaign.schema.json", "rules.schema.json", "gates.schema.json", "scene.schema.json",
        "challenges.schema.json", "translation.schema.json"}
    for r in rules:
        path = REPO / r["schema"]["path"]
        assert path.is_file(), f".taplo.toml names {r['schema']['path']}, which does not exist"
        Draft7Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
        assert r["include"] and all(g.startswith("content/") for g in r["include"])


def test_every_shipped_content_file_has_exactly_one_schema():
    files = shipped_files()
    assert files
    for rel in files:
        schema_for(rel)  # asserts exactly one rule matches
    assert not glob_match("content/state/scenes/extra/deep.toml", "content/*/scenes/*.toml")


def test_every_file_kind_glob_matches_shipped_content():
    files = shipped_files()
    for r in taplo_rules():
        hit = [f for f in files if any(glob_match(f, g) for g in r["include"])]
        assert hit, f"no shipped file matches {r['include']}"


# ---------------------------------------------------------------- a small campaign to vary

def base_campaign() -> dict[str, dict[str, Any]]:
    """A clean campaign that uses every table kind, as parsed TOML keyed by file."""
    choice_pay = {"id": "pay", "text": "Pay the rent", "does": ["pay.rent"], "goto": "evening",
                  "later": {"days": 1, "does": "rent.receipt"}}
    return {
        "campaign.toml": {
            "campaign": {"id": "probe", "title": "Probe", "start": "home", "days": 3,
                         "finale": "judgement", "day_start": "home"},
            "scores": {"credit": {"min": 0, "max": 100, "start": 50, "domains": {"life": 100}}},
            "stats": {"money": {"start": 10}},
            "flags": {"late": "late with the rent"},
            "list": {"court_blacklist": {"title": "Court blacklist"}},
            "npc": {"li": {"name": "Li Wei"}},
            "deck": {"evening": {"fallback": "quiet"}},
            "calendar": {"2": "home"},
            "gate_kinds": {"job": "Jobs"},
        },
        "rules.toml": {"rule": {
            "pay": {"on": "pay.rent", "score": {"credit": 5}, "domain": "life", "why": "Paid."},
            "pull": {"every": "day", "hidden": True, "score": {"credit": "(friends.mean.credit - credit) / 20"},
                     "domain": "life", "why": "Friends pull."},
        }},
        "gates.toml": {"job": {"clerk": {"title": "Clerk", "needs": "credit >= 60"}}},
        "challenges.toml": {"challenge": {"rent_run": {
            "title": "Rent run", "category": "any%", "goal": 'did("pay.rent") >= 1', "seed": 1,
            "split": [{"id": "home", "when": 'visited("home")'}]}}},
        "scenes/main.toml": {"scene": {
            "home": {"text": "Home.", "choice": [
                choice_pay, {"id": "sleep", "text": "Sleep", "end_day": True}]},
            "street": {"deck": "evening", "text": "The street.",
                        "choice": [{"id": "back", "text": "Back", "goto": "home"}]},
            "quiet": {"text": "Quiet.", "choice": [{"id": "back", "text": "Back", "goto": "home"}]},
            "judgement": {"routes": [{"goto": "end"}]},
            "end": {"ending": True, "text": "The end."},
        }},
    }


# where a table of each SPEC kind sits in base_campaign()
WHERE: dict[str, tuple[str, tuple[Any, ...]]] = {
    "campaign": ("campaign.toml", ("campaign",)),
    "score": ("campaign.toml", ("scores", "credit")),
    "stat": ("campaign.toml", ("stats", "money")),
    "npc": ("campaign.toml", ("npc", "li")),
    "list": ("campaign.toml", ("list", "court_blacklist")),
    "deck": ("campaign.toml", ("deck", "evening")),
    "scene": ("scenes/main.toml", ("scene", "home")),
    "choice": ("scenes/main.toml", ("scene", "home", "choice", 0)),
    "route": ("scenes/main.toml", ("scene", "judgement", "routes", 0)),
    "later": ("scenes/main.toml", ("scene", "home", "choice", 0, "later")),
    "rule": ("rules.toml", ("rule", "pay")),
    "gate": ("gates.toml", ("job", "clerk")),
    "challenge": ("challenges.toml", ("challenge", "rent_run")),
    "split": ("challenges.toml", ("challenge", "rent_run", "split", 0)),
}


def mutate(files: dict[str, dict[str, Any]], rel: str, path: tuple[Any, ...], value: Any) -> None:
    node: Any = files.setdefault(rel, {})
    for key in path[:-1]:
        node = node[key] if isinstance(node, list) or key in node else node.setdefault(key, {})
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value


def verdicts(tmp_path: Path, changes: list[tuple[str, tuple[Any, ...], Any]]) -> tuple[bool, list[str], list[str]]:
    """(loader accepts?, loader problems, schema errors) for the base campaign with changes."""
    files = base_campaign()
    for rel, path, value in changes:
        mutate(files, rel, path, value)
    root = tmp_path / "probe"
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(tomli_w.dumps(data), encoding="utf-8")
    try:
        load_challenges(root)
        problems: list[str] = []
    except ContentError as e:
        problems = [p.format() for p in e.problems if p.severity == "error"]
    errs = [f"{rel}: {e}" for rel, data in files.items() for e in schema_errors(f"content/probe/{rel}", data)]
    return not problems, problems, errs


def assert_agree(tmp_path: Path, changes: list[tuple[str, tuple[Any, ...], Any]]) -> None:
    ok, problems, errs = verdicts(tmp_path, changes)
    assert ok == (not errs), (f"loader {'accepts' if ok else 'rejects'} but schema "
                              f"{'rejects' if errs else 'accepts'} {changes}\nloader: {problems}\nschema: {errs}")


def test_base_campaign_is_clean_for_both(tmp_path):
    ok, problems, errs = verdicts(tmp_path, [])
    assert ok and not errs, (problems, errs)


# ---------------------------------------------------------------- generated from the SPEC

_BAD_VALUES: list[Any] = [3, "text", True, {"a": 1}, ["x"], 2.5]


def wrong_value(types: tuple[type, ...]) -> Any:
    """A value of a type the loader refuses for a key of these types."""
    for v in _BAD_VALUES:
        if isinstance(v, bool):
            if bool not in types:
                return v
        elif not isinstance(v, types):
            return v
    raise AssertionError(types)


def spec_cases() -> list[tuple[str, list[tuple[str, tuple[Any, ...], Any]]]]:
    """For every kind: an unknown key; each key with a wrong type; each required key missing."""
    out = []
    for kind, keys in loader.SPEC.items():
        if kind not in WHERE:
            continue
        rel, path = WHERE[kind]
        out.append((f"{kind}: unknown key", [(rel, (*path, "colour"), "red")]))
        for key, k in keys.items():
            out.append((f"{kind}.{key}: wrong type", [(rel, (*path, key), wrong_value(k.types))]))
            if k.required:
                out.append((f"{kind}.{key}: missing", [(rel, (*path, key), DELETE)]))
    return out


@pytest.mark.parametrize("changes", [c for _, c in spec_cases()], ids=[n for n, _ in spec_cases()])
def test_schema_and_loader_refuse_the_same_key_and_type_errors(tmp_path, changes):
    ok, _, errs = verdicts(tmp_path, changes)
    assert not ok, f"the loader accepts {changes}"
    assert_agree(tmp_path, changes)


def test_every_spec_kind_has_a_place_in_the_probe_campaign():
    assert set(loader.SPEC) <= set(WHERE), "add the new kind to WHERE and base_campaign()"


# ---------------------------------------------------------------- hand-written shapes

C, R, G, S, X = "campaign.toml", "rules.toml", "gates.toml", "scenes/main.toml", "challenges.toml"
RUN = ("challenge", "rent_run")
HOME = ("scene", "home")
PAY = ("scene", "home", "choice", 0)
RULE = ("rule", "pay")

GOOD: dict[str, list[tuple[str, tuple[Any, ...], Any]]] = {
    "optional campaign keys": [(C, ("campaign", "blurb"), "Two lines."), (C, ("campaign", "start_hour"), 8)],
    "score with every key": [(C, ("scores", "credit", "label"), "Credit"),
                             (C, ("scores", "credit", "direction"), "lower"),
                             (C, ("scores", "credit", "bands"), {"poor": 0, "good": 60})],
    "stat bounds and unit": [(C, ("stats", "money"), {"label": "Money", "start": 5, "min": 0,
                                                       "max": 50, "unit": "¥"})],
    "an org with its own measure": [(C, ("npc", "clinic"), {"name": "Clinic", "kind": "org",
                                                           "scores": {"rating": 3, "credit": 70}})],
    "a redlist": [(C, ("list", "honour"), {"title": "Honour roll", "kind": "red", "on": "Good deeds.",
                                           "off": "Bad deeds."})],
    "rule on a list of acts": [(R, (*RULE, "on"), ["pay.rent", "pay.fine"])],
    "rule every choice, once": [(R, ("rule", "tick"), {"every": "choice", "once": True, "why": "Tick."})],
    "rule when, with flags and goto": [(R, ("rule", "drop"), {"when": "credit < 10", "set": ["late"],
                                                              "clear": [], "goto": "home", "why": "Low."})],
    "rule effects on a stat and an npc measure": [
        (C, ("npc", "li", "scores"), {"rating": 2}),
        (R, (*RULE, "effects"), {"money": -1, "npc.li.rating": "1 + 1"})],
    "hidden rule revealed after firing": [(R, ("rule", "pull", "reveal_after"), 3)],
    "choice reveals a hidden rule": [(S, (*PAY, "reveal"), ["pull"])],
    "rule later as a list": [(R, (*RULE, "later"), [{"days": 2, "goto": "quiet"},
                                                    {"days": 3, "does": ["rent.due", "rent.late"]}])],
    "choice with every optional key": [(S, (*PAY, "if"), "money >= 1"), (S, (*PAY, "locked"), "Broke."),
                                       (S, (*PAY, "needs"), "job.clerk"), (S, (*PAY, "hours"), 0),
                                       (S, (*PAY, "effects"), {"money": -1}), (S, (*PAY, "set"), ["late"]),
                                       (S, (*PAY, "befriend"), ["li"]), (S, (*PAY, "unfriend"), [])],
    "goto with end_day = false": [(S, (*PAY, "end_day"), False)],
    "a reply, once-only and hidden when locked": [(S, (*PAY, "reply"), "{if money > 1: Paid. | else: Broke.}"),
                                                  (S, (*PAY, "once"), True), (S, (*PAY, "hide_locked"), True)],
    "a call that comes back here": [(S, (*PAY, "goto"), DELETE), (S, (*PAY, "call"), "home")],
    "a call that comes back to its goto": [(S, (*PAY, "call"), "home")],
    "back instead of goto": [(S, (*PAY, "goto"), DELETE), (S, (*PAY, "back"), True)],
    "storylet keys": [(S, ("scene", "street", "weight"), "1 + day"),
                      (S, ("scene", "street", "if"), "day >= 2"), (S, ("scene", "street", "repeat"), True)],
    "fractional fixed weight": [(S, ("scene", "street", "weight"), 2.5)],
    "fixed weight that rounds to 1": [(S, ("scene", "street", "weight"), 0.7)],
    "router with conditions": [(S, ("scene", "judgement", "routes"),
                                [{"if": "credit > 90", "goto": "end"}, {"goto": "end"}])],
    "scene title": [(S, (*HOME, "title"), "Home")],
    "gate with text and why_not": [(G, ("job", "clerk", "text"), "A desk."),
                                   (G, ("job", "clerk", "why_not"), "Needs 60.")],
    "empty choice list beside an ending": [(S, ("scene", "end", "choice"), [])],
    "a daily challenge with a days limit": [(X, (*RUN, "seed"), "daily"), (X, (*RUN, "days"), 2),
                                            (X, (*RUN, "about"), "Pay up.")],
    "a high score challenge without a goal": [(X, ("challenge", "rich"), {
        "title": "Rich", "category": "High Score", "score": "money", "seed": 0})],
    "a low score challenge with a goal": [(X, ("challenge", "broke"), {
        "title": "Broke", "category": "low score", "score": "money", "goal": "day >= 2", "seed": 5})],
    "a split with a title": [(X, (*RUN, "split", 0, "title"), "Home again")],
}

BAD: dict[str, list[tuple[str, tuple[Any, ...], Any]]] = {
    "unknown table in campaign.toml": [(C, ("people",), {"x": {"name": "X"}})],
    "unknown table in rules.toml": [(R, ("rules",), {"x": {"why": "x"}})],
    "unknown table in a scene file": [(S, ("scenes",), {"x": {"text": "x"}})],
    "a key above the first gate table": [(G, ("title",), "Gates")],
    "no scores": [(C, ("scores",), DELETE)],
    "bad score id": [(C, ("scores", "Credit"), {"min": 0, "max": 1, "start": 0})],
    "reserved score id": [(C, ("scores", "day"), {"min": 0, "max": 1, "start": 0})],
    "reserved stat id": [(C, ("stats", "hour"), {"start": 0})],
    "bad flag id": [(C, ("flags", "Late"), "late")],
    "flag without words": [(C, ("flags", "late"), True)],
    "direction up": [(C, ("scores", "credit", "direction"), "up")],
    "band bound not whole": [(C, ("scores", "credit", "bands"), {"poor": "low"})],
    "days 0": [(C, ("campaign", "days"), 0)],
    "days beyond ten years": [(C, ("campaign", "days"), 3651)],
    "calendar day not a number": [(C, ("calendar", "two"), "home")],
    "calendar entry not text": [(C, ("calendar", "2"), 3)],
    "list of a third kind": [(C, ("list", "court_blacklist", "kind"), "grey")],
    "npc of a third kind": [(C, ("npc", "li", "kind"), "robot")],
    "npc measure named friend": [(C, ("npc", "li", "scores"), {"friend": 1})],
    "npc measure not whole": [(C, ("npc", "li", "scores"), {"rating": "high"})],
    "rule with two triggers": [(R, (*RULE, "every"), "day")],
    "rule with no trigger": [(R, (*RULE, "on"), DELETE)],
    "every week": [(R, ("rule", "pull", "every"), "week")],
    "amount that is true": [(R, (*RULE, "score"), {"credit": True})],
    "reveal_after 0": [(R, ("rule", "pull", "reveal_after"), 0)],
    "later days 0": [(S, (*PAY, "later", "days"), 0)],
    "later with nothing to do": [(S, (*PAY, "later"), {"days": 2})],
    "later with an unknown key": [(R, (*RULE, "later"), [{"days": 2, "goto": "quiet", "when": "x"}])],
    "choice with goto and end_day": [(S, (*PAY, "end_day"), True)],
    "choice with neither goto nor end_day": [(S, (*PAY, "goto"), DELETE)],
    "choice with goto and back": [(S, (*PAY, "back"), True)],
    "choice with call and end_day": [(S, (*PAY, "goto"), DELETE), (S, (*PAY, "call"), "home"),
                                     (S, (*PAY, "end_day"), True)],
    "choice with back = false and nothing else": [(S, (*PAY, "goto"), DELETE), (S, (*PAY, "back"), False)],
    "once that is not true or false": [(S, (*PAY, "once"), "yes")],
    "choice id with capitals": [(S, (*PAY, "id"), "Pay")],
    "act with capitals": [(S, (*PAY, "does"), ["Pay.Rent"])],
    "negative hours": [(S, (*PAY, "hours"), -1)],
    "flags list holds a number": [(S, (*PAY, "set"), [1])],
    "fixed weight 0": [(S, ("scene", "street", "weight"), 0)],
    "fixed weight that rounds to 0": [(S, ("scene", "street", "weight"), 0.5)],
    "calendar day 0": [(C, ("calendar", "0"), "home")],
    "scene with nothing to do": [(S, ("scene", "quiet", "choice"), DELETE)],
    "scene with choices and ending": [(S, (*HOME, "ending"), True)],
    "scene with choices but no text": [(S, (*HOME, "text"), DELETE)],
    "route without goto": [(S, ("scene", "judgement", "routes"), [{"if": "day > 1"}, {"goto": "end"}])],
    "choice is not a table": [(S, (*HOME, "choice"), ["pay"])],
    "gate kind with capitals": [(G, ("Job",), {"x": {"title": "X", "needs": "true"}})],
    "unknown table in challenges.toml": [(X, ("challenges",), {})],
    "a race without a goal": [(X, (*RUN, "goal"), DELETE)],
    "a score challenge without a score": [(X, (*RUN, "category"), "high score")],
    "a negative seed": [(X, (*RUN, "seed"), -1)],
    "a seed that is a word": [(X, (*RUN, "seed"), "weekly")],
    "a days limit of 0": [(X, (*RUN, "days"), 0)],
    "a split id with capitals": [(X, (*RUN, "split", 0, "id"), "Home")],
}

# Loader-only: these need the whole campaign, so a schema of one file cannot see them.
LOADER_ONLY: dict[str, list[tuple[str, tuple[Any, ...], Any]]] = {
    "goto names no scene": [(S, (*PAY, "goto"), "nowhere")],
    "call names no scene": [(S, (*PAY, "call"), "nowhere")],
    "a bad form in a reply": [(S, (*PAY, "reply"), "{if money: Paid.}")],
    "unknown flag": [(S, (*PAY, "set"), ["unknown_flag"])],
    "unknown gate in needs": [(S, (*PAY, "needs"), "job.pilot")],
    "unknown stat in effects": [(S, (*PAY, "effects"), {"gold": 1})],
    "unknown name in a condition": [(S, (*PAY, "if"), "gold > 1")],
    "expression syntax": [(S, (*PAY, "if"), "money >")],
    "rule without a domain of its score": [(R, (*RULE, "domain"), DELETE)],
    "start names no scene": [(C, ("campaign", "start"), "nowhere")],
    "id differs from the folder": [(C, ("campaign", "id"), "other")],
    "reveal names no rule": [(S, (*PAY, "reveal"), ["no_such_rule"])],
    "reveal_after on a rule that is not hidden": [(R, (*RULE, "reveal_after"), 2)],
    "score start outside min..max": [(C, ("scores", "credit", "start"), 500)],
    "last route has a condition": [(S, ("scene", "judgement", "routes"), [{"if": "day > 1", "goto": "end"}])],
    "a days limit past the campaign's end": [(X, (*RUN, "days"), 4)],
    "a goal that names an unknown flag": [(X, (*RUN, "goal"), 'has("rich")')],
}


# Where the two still differ. The schema is stricter: the loader drops a gate_kinds label that is
# not text without a word. The schema is looser: JSON Schema counts 3.0 as a whole number.
SCHEMA_STRICTER = {
    "gate_kinds label that is not text": [(C, ("gate_kinds", "job"), 3)],
    "gate_kinds that is not a table": [(C, ("gate_kinds",), "Jobs")],
}
SCHEMA_LOOSER = {
    "a whole number written 3.0": [(C, ("campaign", "days"), 3.0)],
}


@pytest.mark.parametrize("name", sorted(SCHEMA_STRICTER))
def test_loader_refuses_what_the_schema_refuses(tmp_path, name):
    ok, _, errs = verdicts(tmp_path, SCHEMA_STRICTER[name])
    assert errs, f"the schema accepts {name}"
    assert not ok, f"the loader accepts {name}"


@pytest.mark.parametrize("name", sorted(SCHEMA_LOOSER))
def test_known_place_where_the_schema_is_looser(tmp_path, name):
    ok, problems, errs = verdicts(tmp_path, SCHEMA_LOOSER[name])
    assert not ok and not errs, (problems, errs)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_both_accept(tmp_path, name):
    ok, problems, errs = verdicts(tmp_path, GOOD[name])
    assert ok, f"the loader refuses {name}: {problems}"
    assert not errs, f"the schema refuses {name}: {errs}"


@pytest.mark.parametrize("name", sorted(BAD))
def test_both_refuse(tmp_path, name):
    ok, problems, errs = verdicts(tmp_path, BAD[name])
    assert not ok, f"the loader accepts {name}"
    assert errs, f"the schema accepts {name}; the loader says {problems}"


@pytest.mark.parametrize("name", sorted(LOADER_ONLY))
def test_cross_reference_errors_are_the_loaders_alone(tmp_path, name):
    ok, problems, errs = verdicts(tmp_path, LOADER_ONLY[name])
    assert not ok, f"the loader accepts {name}"
    assert not errs, f"the schema now catches {name}; move it to BAD: {errs}"


# ---------------------------------------------------------------- keys and types cannot drift

def load_schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        node = root
        for part in ref[2:].split("/"):
            node = node[part]
    return node


# SPEC kind -> (schema file, pointer to the object schema that describes that table)
SCHEMA_OF = {
    "campaign": ("campaign.schema.json", ("properties", "campaign")),
    "score": ("campaign.schema.json", ("definitions", "score")),
    "stat": ("campaign.schema.json", ("definitions", "stat")),
    "npc": ("campaign.schema.json", ("definitions", "npc")),
    "list": ("campaign.schema.json", ("definitions", "list")),
    "deck": ("campaign.schema.json", ("definitions", "deck")),
    "scene": ("scene.schema.json", ("definitions", "scene")),
    "choice": ("scene.schema.json", ("definitions", "choice")),
    "route": ("scene.schema.json", ("definitions", "route")),
    "later": ("scene.schema.json", ("definitions", "later_one")),
    "rule": ("rules.schema.json", ("definitions", "rule")),
    "gate": ("gates.schema.json", ("definitions", "gate")),
    "challenge": ("challenges.schema.json", ("definitions", "challenge")),
    "split": ("challenges.schema.json", ("definitions", "split")),
}
JSON_TYPE = {str: "string", int: "integer", float: "number", bool: "boolean", dict: "object", list: "array"}


def object_schema(kind: str) -> tuple[dict[str, Any], dict[str, Any]]:
    name, pointer = SCHEMA_OF[kind]
    root = load_schema(name)
    node = root
    for part in pointer:
        node = node[part]
    return root, resolve(root, node)


def json_types(root: dict[str, Any], node: dict[str, Any]) -> set[str]:
    """The JSON types a property schema admits (through $ref and anyOf)."""
    node = resolve(root, node)
    if "type" not in node:
        return set().union(*(json_types(root, n) for n in node["anyOf"]))
    t = node["type"]
    return set(t) if isinstance(t, list) else {t}


def loader_types(types: tuple[type, ...]) -> set[str]:
    out = {JSON_TYPE[t] for t in types}
    return out - {"integer"} if "number" in out else out


def test_every_spec_kind_has_a_schema():
    assert set(loader.SPEC) == set(SCHEMA_OF)


@pytest.mark.parametrize("kind", sorted(SCHEMA_OF))
def test_schema_keys_and_types_equal_the_loaders(kind):
    root, node = object_schema(kind)
    spec = loader.SPEC[kind]
    assert node.get("additionalProperties") is False, f"{kind}: the loader refuses unknown keys"
    assert set(node["properties"]) == set(spec), f"{kind}: schema and loader name different keys"
    assert set(node.get("required", [])) == {k for k, key in spec.items() if key.required}, kind
    for key, k in spec.items():
        assert json_types(root, node["properties"][key]) == loader_types(k.types), f"{kind}.{key}"
        assert resolve(root, node["properties"][key]).get("description"), f"{kind}.{key} has no hover text"


def test_top_level_tables_equal_the_loaders():
    assert set(load_schema("campaign.schema.json")["properties"]) == loader.TOP["campaign.toml"]
    assert set(load_schema("rules.schema.json")["properties"]) == loader.TOP["rules.toml"]
    assert set(load_schema("scene.schema.json")["properties"]) == loader.TOP["scenes"]
    assert set(load_schema("challenges.schema.json")["properties"]) == {"challenge"}


def test_shared_definitions_are_the_same_in_every_schema():
    """amount and later are written out in both rules and scene schemas (editors need one file each)."""
    rules, scene = load_schema("rules.schema.json"), load_schema("scene.schema.json")
    for name in ("amount", "later", "later_one"):
        assert rules["definitions"][name] == scene["definitions"][name], name
    assert rules["definitions"]["rule"]["properties"]["effects"] == \
        scene["definitions"]["choice"]["properties"]["effects"]


# ---------------------------------------------------------------- generated, not written by hand

def test_committed_schemas_are_the_generators_output():
    """schema/*.schema.json come from the key table and schema/shapes; regenerate, never hand-edit."""
    from game.authoring.schemas import build

    built = build()
    assert set(built) == {p.name for p in SCHEMA_DIR.glob("*.schema.json")}
    for name, text in built.items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, \
            f"schema/{name} differs from its generator: run python -m game.authoring.schemas"


def test_a_key_declared_in_the_key_table_reaches_its_schema(monkeypatch):
    from game.authoring.schemas import build
    from game.engine.load.keys import Key

    monkeypatch.setitem(loader.SPEC["gate"], "colour", Key((str,), False, "A colour for the life screen."))
    gate = json.loads(build()["gates.schema.json"])["definitions"]["gate"]["properties"]
    assert gate["colour"] == {"type": "string", "description": "A colour for the life screen."}
