"""Every example in the authors' guide, content/README.md, is parsed, loaded or compiled.

An author copies from the guide, so a wrong example costs them an evening. The guide marks its
fenced blocks with info strings, and this test reads them:

``toml tutorial``
    A file of the tutorial campaign, First Week. The block's first line names the file:
    ``# content/first_week/<path>`` (the whole file, created or replaced) or
    ``# add to content/first_week/<path>`` (appended to the end of it).
``toml fragment=KIND``
    A piece of a file of that kind (campaign, scene, rules, gates, challenges): parsed, checked
    against schema/KIND.schema.json, and every expression in it parsed.
``expr``
    Expressions, one a line, each compiled against the finished tutorial campaign.
``expr-errors``
    Bad expressions, one a line, each followed by ``# column N: message``; each must be refused at
    that column with a message that starts that way.
``sh`` containing ``citizen-score check content/first_week``
    A checkpoint: the tutorial campaign as written up to that point must load without errors.

Every ``toml`` block must carry one of these markers, so no example goes untested. Other blocks
(output, folder trees, commands) are not examples and are left alone.

Two HTML comments mark tables: ``<!-- keys: KIND -->`` before a table whose first column lists
exactly the keys the loader accepts for that table kind (its SPEC), with **yes** in the required
column for the required ones; ``<!-- functions -->`` before the table of every function of the
expression language.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

import conftest_engine_helpers as h
from game.engine import content as loader
from game.engine.content import Loader
from game.engine import textlang
from game.engine.expr import FUNCTIONS, ExprError, compile_expr, parse
from game.engine.problems import ContentError

from game.engine.challenges import load_challenges

GUIDE = h.REPO / "content" / "README.md"
CAMPAIGN = "first_week"
PREFIX = f"content/{CAMPAIGN}/"
KINDS = {"campaign", "scene", "rules", "gates", "challenges", "translation"}


@dataclass(frozen=True)
class Block:
    info: str
    text: str
    line: int  # of the opening fence, for messages
    step: str  # the tutorial step it sits in ("" outside the tutorial)


def read_guide() -> tuple[list[Block], dict[str, list[list[str]]], list[str]]:
    """The fenced blocks, the marked key tables ({kind: rows}) and the functions table's rows."""
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    tables: dict[str, list[list[str]]] = {}
    functions: list[str] = []
    step, i = "", 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## Step "):
            step = "step" + line.split()[2].rstrip(".")
        elif line.startswith("# Part 2"):
            step = ""
        if line.startswith("```") and line.strip() != "```":
            end = lines.index("```", i + 1)
            blocks.append(Block(line[3:].strip(), "\n".join(lines[i + 1 : end]) + "\n", i + 1, step))
            i = end + 1
            continue
        marker = re.fullmatch(r"<!-- (keys: (\w+)|functions) -->", line)
        if marker:
            rows = _table(lines, i + 1)
            if marker.group(2):
                tables[marker.group(2)] = rows
            else:
                functions = [r[0] for r in rows]
        i += 1
    return blocks, tables, functions


def _table(lines: list[str], start: int) -> list[list[str]]:
    """The body rows of the markdown table starting at ``start`` (header and rule skipped)."""
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


BLOCKS, TABLES, FUNCTION_ROWS = read_guide()
TUTORIAL = [b for b in BLOCKS if b.info == "toml tutorial"]
FRAGMENTS = [b for b in BLOCKS if b.info.startswith("toml fragment=")]
CHECKPOINTS = [i for i, b in enumerate(BLOCKS) if b.info == "sh" and f"citizen-score check {PREFIX.rstrip('/')}" in b.text]


def tutorial_files(upto: int) -> dict[str, str]:
    """The tutorial campaign's files as the guide has written them before block ``upto``."""
    files: dict[str, str] = {}
    for b in BLOCKS[:upto]:
        if b.info != "toml tutorial":
            continue
        first, _, body = b.text.partition("\n")
        m = re.fullmatch(r"# (add to )?" + re.escape(PREFIX) + r"(\S+)", first.strip())
        assert m, f"line {b.line}: a tutorial block starts with '# {PREFIX}<file>' or '# add to ...'"
        rel = m.group(2)
        if m.group(1):
            assert rel in files, f"line {b.line}: adds to {rel} before the guide creates it"
            files[rel] = files[rel].rstrip("\n") + "\n\n" + body
        else:
            files[rel] = body
    return files


def write(root: Path, files: dict[str, str]) -> Path:
    camp = root / CAMPAIGN
    for rel, text in files.items():
        (camp / rel).parent.mkdir(parents=True, exist_ok=True)
        (camp / rel).write_text(text, encoding="utf-8")
    return camp


def load_all(camp: Path):
    """Load the campaign and its challenges (when it has them); raise ContentError on errors."""
    return load_challenges(camp).campaign


def finished(tmp_path: Path) -> Path:
    return write(tmp_path, tutorial_files(len(BLOCKS)))


# ---------------------------------------------------------------- every block is marked

def test_the_guide_has_every_kind_of_tested_example():
    assert len(TUTORIAL) >= 10 and len(FRAGMENTS) >= 5 and len(CHECKPOINTS) >= 5
    assert any(b.info == "expr" for b in BLOCKS) and any(b.info == "expr-errors" for b in BLOCKS)


def test_every_toml_block_is_marked():
    unmarked = [b.line for b in BLOCKS if b.info.split(" ")[0] == "toml"
                and b.info != "toml tutorial" and not re.fullmatch(r"toml fragment=(\w+)", b.info)]
    assert not unmarked, f"toml blocks at lines {unmarked} need 'tutorial' or 'fragment=KIND'"
    assert {b.info.split("=")[1] for b in FRAGMENTS} <= KINDS


@pytest.mark.parametrize("block", TUTORIAL + FRAGMENTS, ids=lambda b: f"line{b.line}")
def test_every_toml_example_parses(block):
    tomllib.loads(block.text)


# ---------------------------------------------------------------- the tutorial

@pytest.mark.parametrize("upto", CHECKPOINTS, ids=lambda i: BLOCKS[i].step or f"line{BLOCKS[i].line}")
def test_tutorial_campaign_loads_wherever_the_guide_says_check(tmp_path, upto):
    files = tutorial_files(upto)
    assert "campaign.toml" in files
    try:
        load_all(write(tmp_path, files))
    except ContentError as e:
        pytest.fail(f"{BLOCKS[upto].step}: the tutorial campaign does not load:\n{e.format()}")


def test_finished_tutorial_campaign_loads_without_warnings(tmp_path):
    camp = load_all(finished(tmp_path))
    assert camp.id == CAMPAIGN
    assert camp.warnings == [], [w.format() for w in camp.warnings]
    # the tutorial promised a new scene, rule, gate, storylet deck and the later mechanics
    assert {"supermarket", "noodle_stall", "clinic", "stall_closed"} <= set(camp.scenes)
    assert {"diapers", "friends_pull", "bad_review"} <= set(camp.rules)
    assert "job.bank_clerk" in camp.gates and "street" in camp.decks
    assert "late_payers" in camp.lists and camp.npcs["clinic"].kind == "org"


def test_finished_tutorial_campaign_is_clean_for_check(tmp_path):
    check = pytest.importorskip("game.commands.check")
    section = check.check_folder(finished(tmp_path))
    assert [f for f in section.findings if f.severity in ("error", "warning")] == []


def test_tutorial_files_validate_against_their_schemas(tmp_path):
    files = tutorial_files(len(BLOCKS))
    for rel, text in files.items():
        kind = "scene" if rel.startswith("scenes/") else rel.removesuffix(".toml")
        errors = [e.message for e in schema(kind).iter_errors(tomllib.loads(text))]
        assert not errors, f"{rel}: {errors}"


def test_step_6_simulation_covers_everything_as_the_guide_says(tmp_path, capsys):
    """Step 6 says least-used play reaches every scene, choice, rule and gate, that no run gets
    stuck, and that the one thing reported is the street deck running dry into its fallback."""
    pytest.importorskip("game.commands.simulate")
    from game.cli import main

    upto = next(i for i in CHECKPOINTS if BLOCKS[i].step == "step6")
    write(tmp_path, tutorial_files(upto))
    code = main(["--content", str(tmp_path), "simulate", CAMPAIGN, "--runs", "1000", "--jobs", "1",
                 "--strategy", "least-used", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {k: v["never"] for k, v in report["coverage"].items() if v["never"]} == {}
    assert report["unfinished"] == 0
    assert {(p["kind"], p["where"]) for p in report["problems"]} <= {("empty deck", "street")}


# ---------------------------------------------------------------- reference fragments

_SCHEMAS: dict[str, Draft7Validator] = {}


def schema(kind: str) -> Draft7Validator:
    if kind not in _SCHEMAS:
        path = h.REPO / "schema" / f"{kind}.schema.json"
        _SCHEMAS[kind] = Draft7Validator(json.loads(path.read_text(encoding="utf-8")))
    return _SCHEMAS[kind]


def expressions(kind: str, data: Any, key: str = "") -> list[str]:
    """Every expression in a parsed fragment: conditions, formulas and the holes in text."""
    out: list[str] = []
    if isinstance(data, dict):
        for k, v in data.items():
            out += expressions(kind, v, k if k not in ("score", "effects") or not isinstance(v, dict) else "amounts")
    elif isinstance(data, list):
        for v in data:
            out += expressions(kind, v, key)
    elif isinstance(data, str):
        conditions = {"if", "when", "goal", "weight", "amounts"} | ({"needs"} if kind == "gates" else set()) \
            | ({"score"} if kind == "challenges" else set())
        if key in conditions:
            out.append(data)
        elif key in ("text", "locked") or (key == "why_not" and kind == "gates"):
            out += text_expressions(data)
    return out


def text_expressions(text: str) -> list[str]:
    """The expressions in a text's holes and forms, as the loader finds them; a bad form fails."""
    found: list[str] = []

    def keep(src: str, at: int, want: str | None) -> None:
        found.append(src)

    def refuse(message: str, at: int, hint: str) -> None:
        pytest.fail(f"{message} at character {at} of {text!r}")

    textlang.parse(text, "text", keep, refuse)
    return found


@pytest.mark.parametrize("block", FRAGMENTS, ids=lambda b: f"{b.info.split('=')[1]}-line{b.line}")
def test_reference_fragment_fits_its_schema_and_its_expressions_parse(block):
    kind = block.info.split("=")[1]
    data = tomllib.loads(block.text)
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in schema(kind).iter_errors(data)]
    assert not errors, f"guide line {block.line}: {errors}"
    for src in expressions(kind, data):
        parse(src)


# ---------------------------------------------------------------- expressions

@pytest.fixture(scope="module")
def scope(tmp_path_factory):
    """The finished tutorial campaign's names, which the expression examples use."""
    ld = Loader(finished(tmp_path_factory.mktemp("guide")))
    ld.load()
    return ld.scope


EXPRS = [(b.line + 1 + n, line.strip()) for b in BLOCKS if b.info == "expr"
         for n, line in enumerate(b.text.splitlines()) if line.strip()]
ERRORS = [(b.line + 1 + n, line) for b in BLOCKS if b.info == "expr-errors"
          for n, line in enumerate(b.text.splitlines()) if line.strip()]


@pytest.mark.parametrize("line,src", EXPRS, ids=[s for _, s in EXPRS])
def test_expression_example_compiles(scope, line, src):
    parse(src)
    try:
        compile_expr(src, scope)
    except ExprError as e:
        pytest.fail(f"guide line {line}: `{src}` is refused at column {e.column}: {e.message}")


@pytest.mark.parametrize("line,row", ERRORS, ids=[r.split("#")[0].strip() for _, r in ERRORS])
def test_expression_error_example_fails_as_the_guide_says(scope, line, row):
    m = re.fullmatch(r"(.+?)\s+# column (\d+): (.+)", row)
    assert m, f"guide line {line}: write 'expression   # column N: message'"
    src, column, message = m.group(1), int(m.group(2)), m.group(3)
    with pytest.raises(ExprError) as info:
        compile_expr(src, scope, "true/false")
    assert (info.value.column, info.value.message[: len(message)]) == (column, message), f"guide line {line}"


# ---------------------------------------------------------------- the reference tables

def test_every_table_kind_of_the_loader_has_a_key_table():
    assert set(TABLES) == set(loader.SPEC)


@pytest.mark.parametrize("kind", sorted(TABLES))
def test_key_table_lists_exactly_the_keys_the_loader_accepts(kind):
    rows = TABLES[kind]
    keys = [r[0].strip("`") for r in rows]
    assert sorted(keys) == sorted(loader.SPEC[kind]), f"the guide's table of {kind} keys"
    required = {r[0].strip("`") for r in rows if r[2] == "**yes**"}
    assert required == {k for k, key in loader.SPEC[kind].items() if key.required}, kind


def test_functions_table_lists_every_function():
    assert sorted(r.split("(")[0].strip("`") for r in FUNCTION_ROWS) == sorted(FUNCTIONS)


def slug(heading: str) -> str:
    """The anchor a markdown renderer gives a heading (GitHub's rule, enough for this guide)."""
    text = heading.lower().replace("&lt;", "").replace("&gt;", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def test_links_inside_the_guide_lead_to_a_heading():
    text = re.sub(r"^```.*?^```$", "", GUIDE.read_text(encoding="utf-8"), flags=re.M | re.S)
    anchors = {slug(m) for m in re.findall(r"^#+ (.+)$", text, flags=re.M)}
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links and links <= anchors, sorted(links - anchors)
