"""The output schemas (schema/output/*.schema.json): the shape of each command's ``--format json``.

Each command's shape is in schema/output/shapes/<command>.shape.json. The pieces several commands
print — a finding, a moment of a run, a run on a board — are declared once, in
schema/output/shapes/defs.json, and a shape names one with ``{"$ref": "#/$defs/<name>"}``; pieces
only one command prints go in its shape's own ``$defs``. Every
written schema carries the pieces it uses (and the ones those use) in its own ``$defs``, so each
file stands alone for any validator. Run ``python -m game.authoring.output_schemas`` after changing
a shape; a test checks that the committed schemas are this module's output and that each
command's real output validates against its schema.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from game.authoring.schemas import write

OUTPUT_DIR = Path(__file__).resolve().parents[2] / "schema" / "output"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://citizen-score.invalid/schema/output/"
REF = "#/$defs/"


def refs(node: Any) -> set[str]:
    """The names of the shared pieces a shape refers to directly."""
    if isinstance(node, list):
        return set().union(*(refs(x) for x in node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = {node["$ref"].removeprefix(REF)} if str(node.get("$ref", "")).startswith(REF) else set()
    return found.union(*(refs(v) for v in node.values()))


def used(shape: Any, defs: dict[str, Any]) -> list[str]:
    """Every shared piece a shape needs, following the pieces' own references; unknown ones are an error."""
    wanted, todo = set(), refs(shape)
    while todo:
        name = todo.pop()
        if name not in defs:
            raise KeyError(f"no shape '{name}' in defs.json or the shape's own $defs")
        if name not in wanted:
            wanted.add(name)
            todo |= refs(defs[name])
    return sorted(wanted)


def schema(command: str, shape: dict[str, Any], shared: dict[str, Any]) -> dict[str, Any]:
    """One command's schema: its shape, with an id and the pieces it uses (its own ``$defs`` first)."""
    own = shape.pop("$defs", {})
    defs = {**shared, **own}
    out = {"$schema": DRAFT, "$id": f"{BASE_ID}{command}.schema.json", **shape}
    pieces = used([shape, own], defs)
    if pieces:
        out["$defs"] = {name: defs[name] for name in pieces}
    return out


def build(folder: Path = OUTPUT_DIR / "shapes") -> dict[str, str]:
    """Each schema file's name and text."""
    defs = json.loads((folder / "defs.json").read_text(encoding="utf-8"))
    out = {}
    for path in sorted(folder.glob("*.shape.json")):
        command = path.name.removesuffix(".shape.json")
        shape = json.loads(path.read_text(encoding="utf-8"))
        out[f"{command}.schema.json"] = json.dumps(schema(command, shape, defs), indent=2, ensure_ascii=False) + "\n"
    return out


def main(argv: list[str]) -> int:
    """Write the schemas into schema/output/ (or the folder given); prints what changed."""
    write(build(), Path(argv[0]) if argv else OUTPUT_DIR)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
