"""The editor schemas (schema/*.schema.json), written from the loader's key table.

A key is declared once, in ``game.engine.load.keys.SPEC``: its types, whether it is required,
its hover text and any further constraint. The shape of each kind of file — which tables it
holds, and rules that tie keys together (a choice has goto or end_day, an ending has no
choices) — is kept in schema/shapes/*.shape.json, where ``"x-keys": "<kind>"`` marks each table
whose keys come from the key table. Run ``python -m game.authoring.schemas`` after changing
either; a test checks that the committed schemas are this module's output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from game.engine.load.keys import SPEC, Key
from game.engine.load.translation import STAMP, TEXT_KEYS

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", dict: "object",
              list: "array"}


def property_schema(key: Key) -> dict[str, Any]:
    """One key's schema: its JSON type (unless its constraint says it in an anyOf or a $ref),
    its hover text, and its constraint."""
    out: dict[str, Any] = {}
    if "anyOf" not in key.shape and "$ref" not in key.shape:
        names = [JSON_TYPES[t] for t in key.types]
        out["type"] = names[0] if len(names) == 1 else names
    if key.doc:
        out["description"] = key.doc
    return {**out, **key.shape}


def table_keys(kind: str) -> dict[str, Any]:
    """The properties (and required keys) of one kind of table, from the key table."""
    spec = SPEC[kind]
    out: dict[str, Any] = {"properties": {name: property_schema(k) for name, k in spec.items()}}
    required = [name for name, k in spec.items() if k.required]
    if required:
        out["required"] = required
    return out


def fill(node: Any) -> Any:
    """A shape with each ``"x-keys"`` marker replaced by that kind's keys."""
    if isinstance(node, list):
        return [fill(x) for x in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for k, v in node.items():
        if k == "x-keys":
            out.update(table_keys(v))
        else:
            out[k] = fill(v)
    return out


def build(shapes: Path = SCHEMA_DIR / "shapes") -> dict[str, str]:
    """Each schema file's name and text."""
    out = {}
    for shape in sorted(shapes.glob("*.shape.json")):
        schema = fill(json.loads(shape.read_text(encoding="utf-8")))
        name = shape.name.replace(".shape.json", ".schema.json")
        out[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    out["translation.schema.json"] = json.dumps(translation_schema(), indent=2, ensure_ascii=False) + "\n"
    return dict(sorted(out.items()))


def words(kind: str, children: dict[str, Any] | None = None) -> dict[str, Any]:
    """A translated table of one kind: its words (with the original's hover text), its stamp and sub-tables."""
    props: dict[str, Any] = {k: {"type": "string", "description": SPEC[kind][k].doc} for k in TEXT_KEYS[kind]}
    props[STAMP] = {"type": "string", "description": STAMP_DOC}
    return {"type": "object", "properties": {**props, **(children or {})}, "additionalProperties": False}


def by_id(table: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": table}


STAMP_DOC = ("A hash of the original words this table was translated from, written by `citizen-score translate "
             "CAMPAIGN --lang CODE --stamp`; check reports the translation as stale when the original changes.")
NAME_DOC = "The rule's name as the rulebook and the ledger show it (the story names a rule only by its id)."
WORD_MAP = {"type": "object", "additionalProperties": {"type": "string"},
            "description": "The words for each id of the original table."}


def translation_schema() -> dict[str, Any]:
    """Any translation file (scenes/opening.nl.toml, campaign.nl.toml...): the words of the original's
    tables, keyed by the same ids; a gate kind's table holds gates."""
    score = words("score", {"bands": WORD_MAP, "domains": WORD_MAP})
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Citizen Score translation",
        "description": "A translation beside a story file: only words, keyed by the original's ids "
                       "(content/README.md, \"Translating a campaign\").",
        "type": "object",
        "properties": {
            "campaign": words("campaign"), "scores": by_id(score), "stats": by_id(words("stat")),
            "flags": {**WORD_MAP, "properties": {STAMP: {"type": "string", "description": STAMP_DOC}}},
            "gate_kinds": {**WORD_MAP, "properties": {STAMP: {"type": "string", "description": STAMP_DOC}}},
            "list": by_id(words("list")), "npc": by_id(words("npc")),
            "rule": by_id(words("rule", {"name": {"type": "string", "description": NAME_DOC}})),
            "acts": {**WORD_MAP, "description": "The words shown for each act rules.toml names (`\"post.zing\" = "
                     "\"een zing posten\"`)."},
            "measures": {**WORD_MAP, "description": "The words shown for each measure of its own a person or "
                         "organisation has (`goodwill = \"welwillendheid\"`)."},
            "scene": by_id(words("scene", {"choice": by_id(words("choice"))})),
            "challenge": by_id(words("challenge", {"split": by_id(words("split"))})),
        },
        "additionalProperties": by_id(words("gate")),
    }


def write(built: dict[str, str], target: Path) -> None:
    """Write each schema whose text changed into ``target``, and say which."""
    for name, text in built.items():
        path = target / name
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")


def main(argv: list[str]) -> int:
    """Write the schemas into schema/ (or the folder given); prints what changed."""
    write(build(), Path(argv[0]) if argv else SCHEMA_DIR)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
