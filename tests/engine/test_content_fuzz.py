"""Fuzzing the loader: whatever an author's editor leaves in the files, the game answers with a
ContentError listing problems, never with a Python traceback.

The mini campaign's TOML is mutated as text (byte flips, deletions, duplicated and swapped lines,
stray punctuation) and as data (random text put into expression fields, values swapped between
keys, odd numbers), written back and loaded. Runs are derandomized so CI stays stable; set
CITIZEN_FUZZ=1 to explore fresh examples (and more of them).
"""

from __future__ import annotations

import os
import random
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import conftest_engine_helpers as h
from game.engine import engine as eng
from game.engine.content import load_campaign
from game.engine.engine import PlayError
from game.engine.problems import ContentError

EXPLORE = os.environ.get("CITIZEN_FUZZ") == "1"
FUZZ = settings(max_examples=1000 if EXPLORE else 150, deadline=None, derandomize=not EXPLORE,
                database=None, suppress_health_check=[HealthCheck.too_slow])

MINI_FILES: dict[str, bytes] = {p.relative_to(h.MINI).as_posix(): p.read_bytes()
                                for p in sorted(h.MINI.rglob("*.toml"))}
RELS = sorted(MINI_FILES)


def load_files(files: dict[str, bytes]) -> None:
    """Write the files as a campaign folder and load it; only ContentError may escape.

    When the mutated campaign still loads, play a few seeded steps: PlayError (a dead end, say)
    is fine for odd content, anything else is a bug.
    """
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mini"
        for rel, data in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        try:
            camp = load_campaign(root)
        except ContentError as e:
            assert e.problems and all(p.file.startswith("mini") for p in e.problems)
            assert e.format()  # formatting the report must not fail either
            return
        pick = random.Random(0)
        try:
            s = eng.new_game(camp, 1)
            for _ in range(40):
                if s.ended:
                    break
                eng.options(camp, s)
                eng.gates(camp, s)
                eng.scene_text(camp, s)
                eng.choose(camp, s, pick.choice(eng.open_ids(camp, s)))
        except PlayError:
            pass


# ---------------------------------------------------------------- text mutations

JUNK = ["=", '"', "'", '"""', "[", "]", "[[", "]]", "{", "}", ",", ".", "#", "\n", " ", "\t", "\\",
        "\x00", "é", "¥", "0", "-1", "true", "inf", "nan", '"x"', "[scene.x]", "[[scene.wake.choice]]",
        'goto = "x"', 'if = "("', "id = 1", "[rule.x]", "[job.x]", "[campaign]", "text = {money}"]


@st.composite
def text_mutation(draw: st.DrawFn) -> dict[str, bytes]:
    files = dict(MINI_FILES)
    for _ in range(draw(st.integers(1, 3))):
        rel = draw(st.sampled_from(RELS))
        data = bytearray(files[rel])
        kind = draw(st.sampled_from(["flip", "delete", "dup_line", "swap_lines", "del_line", "del_line",
                                     "insert", "truncate"]))
        if kind == "flip" and data:
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        elif kind == "delete" and data:
            i = draw(st.integers(0, len(data) - 1))
            del data[i: i + draw(st.integers(1, 30))]
        elif kind == "truncate":
            del data[draw(st.integers(0, len(data))):]
        elif kind == "insert":
            i = draw(st.integers(0, len(data)))
            data[i:i] = draw(st.sampled_from(JUNK)).encode()
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "dup_line":
                lines.insert(j, lines[i])
            elif kind == "del_line":
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        files[rel] = bytes(data)
    return files


@FUZZ
@given(text_mutation())
def test_text_mutations_give_only_content_errors(files):
    load_files(files)


# ---------------------------------------------------------------- data mutations

def parsed() -> dict[str, Any]:
    return {rel: tomllib.loads(data.decode()) for rel, data in MINI_FILES.items()}


def leaves(node: Any, path: tuple = ()) -> list[tuple]:
    """Paths to scalar values (and lists of scalars) inside parsed TOML."""
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            out += leaves(v, (*path, k))
    elif isinstance(node, list) and node and all(isinstance(x, dict) for x in node):
        for i, v in enumerate(node):
            out += leaves(v, (*path, i))
    else:
        out.append(path)
    return out


def get(node: Any, path: tuple) -> Any:
    for p in path:
        node = node[p]
    return node


def put(node: Any, path: tuple, value: Any) -> None:
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value


def dump(data: dict[str, Any]) -> dict[str, bytes]:
    return {rel: tomli_w.dumps(d).encode() for rel, d in data.items()}


ALL_LEAVES = [(rel, path) for rel, d in parsed().items() for path in leaves(d)]
EXPR_KEYS = {"if", "needs", "when", "weight", "text"}
EXPR_LEAVES = [(rel, path) for rel, path in ALL_LEAVES
               if path[-1] in EXPR_KEYS or (len(path) > 1 and path[-2] in ("score", "effects"))]
assert len(EXPR_LEAVES) >= 10

WORDS = ["credit", "money", "day", "hour", "friends.count", "friends.mean.credit", "npc.li.credit",
         "npc.li.friend", "flags.gamer", "has", "visited", "band", "open", "did", "min", "max",
         "clamp", "abs", "round", "and", "or", "not", "true", "false", '"gamer"', '"wake"', '"credit"',
         '"job.clerk"', '"buy.diapers"', "(", ")", ",", "+", "-", "*", "/", "<", "<=", ">", ">=", "==",
         "!=", "=", "&&", "0", "1", "650", "2.5", "{", "}", "{{", "}}", '"', "'", ".", "nope"]
expressions = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=12).map("".join),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(EXPR_LEAVES), expressions), min_size=1, max_size=4))
def test_random_expressions_give_only_content_errors(changes):
    data = parsed()
    for (rel, path), text in changes:
        put(data[rel], path, text)
    load_files(dump(data))


def _swap(pairs):
    data = parsed()
    for (ra, pa), (rb, pb) in pairs:
        a, b = get(data[ra], pa), get(data[rb], pb)
        put(data[ra], pa, b)
        put(data[rb], pb, a)
    return data


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(ALL_LEAVES), st.sampled_from(ALL_LEAVES)), min_size=1, max_size=3))
@example([(("scenes/main.toml", ("scene", "wake", "choice", 1, "hours")),
           ("scenes/main.toml", ("scene", "wake", "choice", 1, "does")))])
def test_swapped_values_give_only_content_errors(pairs):
    load_files(dump(_swap(pairs)))


NUMERIC_LEAVES = [(rel, path) for rel, path in ALL_LEAVES
                  if isinstance(get(parsed()[rel], path), (int, float))
                  and not isinstance(get(parsed()[rel], path), bool)]
odd_numbers = st.sampled_from([0, -1, 10**30, -(10**30), 0.5, -0.5, 1e300, float("inf"), float("-inf"),
                               float("nan")])


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(NUMERIC_LEAVES), odd_numbers), min_size=1, max_size=3))
@example([(("scenes/main.toml", ("scene", "park", "weight")), float("inf"))])
def test_odd_numbers_give_only_content_errors(changes):
    data = parsed()
    for (rel, path), value in changes:
        put(data[rel], path, value)
    load_files(dump(data))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(NUMERIC_LEAVES),
                          st.sampled_from([0, -1, 1, 7, 10**30, -(10**30), 0.5, 2.5, -0.5, 1e300])),
                min_size=1, max_size=3))
def test_finite_odd_numbers_give_only_content_errors(changes):
    data = parsed()
    for (rel, path), value in changes:
        put(data[rel], path, value)
    load_files(dump(data))


def test_unmutated_round_trip_still_loads():
    """The data mutations start from something that loads: tomli_w's rewrite of mini is valid."""
    load_files(dump(parsed()))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mini"
        for rel, data in dump(parsed()).items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        assert set(load_campaign(root).scenes) == set(load_campaign(h.MINI).scenes)


# ---------------------------------------------------------------- hostile shapes, one judge

def nested(draw: st.DrawFn) -> str:
    """A value of brackets and inline tables nested from a few to thousands deep."""
    depth = draw(st.one_of(st.integers(1, 40), st.integers(250, 400), st.integers(2000, 50_000)))
    opener, closer = draw(st.sampled_from([("[", "]"), ("{ a = ", " }"), ("[{ a = ", "}]")]))
    inner = "1" if opener != "[" else ""
    sep = draw(st.sampled_from(["", "\n"]))
    return opener * depth + inner + sep + closer * depth


def long_number(draw: st.DrawFn) -> str:
    digits = draw(st.one_of(st.integers(14, 18), st.integers(4000, 6000)))
    return draw(st.sampled_from(["", "-", "+"])) + "9" * digits


def bounded_number(draw: st.DrawFn) -> str:
    return str(draw(st.sampled_from([10**15, 10**15 + 1, -(10**15), -(10**15) - 1, 2**63 - 1])))


@st.composite
def hostile_value(draw: st.DrawFn) -> dict[str, bytes]:
    """The mini campaign with one value replaced by a deep, long or out-of-range one."""
    files = dict(MINI_FILES)
    rel, path = draw(st.sampled_from(NUMERIC_LEAVES))
    text = draw(st.sampled_from([nested, long_number, bounded_number]))(draw)
    key = path[-1]
    lines = files[rel].decode().split("\n")
    hits = [i for i, line in enumerate(lines) if line.strip().startswith(f"{key} =")]
    if hits:
        i = draw(st.sampled_from(hits))
        lines[i] = f"{key} = {text}"
    files[rel] = "\n".join(lines).encode()
    return files


@st.composite
def hostile_bytes(draw: st.DrawFn) -> dict[str, bytes]:
    """A file in another encoding, or with bytes that are no UTF-8."""
    files = dict(MINI_FILES)
    rel = draw(st.sampled_from(RELS))
    text = files[rel].decode()
    kind = draw(st.sampled_from(["utf-16", "utf-16-be", "latin-1", "cut", "bom"]))
    if kind == "cut":
        i = draw(st.integers(0, len(files[rel])))
        files[rel] = files[rel][:i] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xe2\x82", b"\x80\x80"])) + files[rel][i:]
    elif kind == "bom":
        files[rel] = b"\xef\xbb\xbf" + files[rel]
    else:
        files[rel] = (text + "\n# café ¥\n").encode(kind)
    return files


def judged_alike(files: dict[str, bytes], odd: str = "") -> None:
    """The game and ``check`` give the same verdict (and no traceback) on the same folder.

    The game judges twice: the story when it starts, challenges.toml when the challenges screen
    offers them; check judges both at once.
    """
    from game.commands.check import check_folder
    from game.runs.find import Library
    from game.stories import load_all

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mini"
        for rel, data in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        if odd:
            _make_odd(root / "scenes" / "odd.toml", odd)
        try:  # the game refuses to start, or its challenges screen refuses the challenges
            load_all(Path(tmp))
            Library(Path(tmp)).campaign("mini")
            game_ok = True
        except ContentError as e:
            assert e.problems and e.format()
            game_ok = False
        section = check_folder(root)
        check_ok = not any(f.severity == "error" for f in section.findings)
        assert game_ok == check_ok, [f.format() for f in section.findings]


def _make_odd(path: Path, kind: str) -> None:
    if kind == "folder":
        path.mkdir()
    elif kind == "dangling":
        path.symlink_to(path.parent / "gone.toml")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "zero" and Path("/dev/zero").exists():
        path.symlink_to("/dev/zero")
    elif kind == "fifo" and hasattr(os, "mkfifo"):
        os.mkfifo(path)


HOSTILE = settings(max_examples=300 if EXPLORE else 40, deadline=None, derandomize=not EXPLORE,
                   database=None, suppress_health_check=[HealthCheck.too_slow])


@HOSTILE
@given(hostile_value())
def test_deep_long_and_out_of_range_values_are_judged_alike(files):
    judged_alike(files)


@HOSTILE
@given(hostile_bytes())
def test_other_encodings_are_judged_alike(files):
    judged_alike(files)


@HOSTILE
@given(st.one_of(text_mutation(), hostile_value()),
       st.sampled_from(["", "folder", "dangling", "loop", "zero", "fifo"]))
def test_files_that_are_not_files_are_judged_alike(files, odd):
    judged_alike(files, odd)
