"""Fuzzing saves: whatever happens to a save file, loading it succeeds or raises SaveError.

Mutations work on two levels: raw bytes (flip, insert, delete, truncate) and the TOML tree
(tomllib -> drop a key, replace a value, change its type, point the log elsewhere -> tomli_w).
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

sys.path[:0] = [p for p in (str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parents[1]))
                if p not in sys.path]

from game import saves  # noqa: E402
from game.engine.content import load_campaign  # noqa: E402
from helpers_saves import MINI, play  # noqa: E402

CAMP = load_campaign(MINI)
CAMPAIGNS = {"mini": CAMP}
BASE = saves.render_save("fuzz", CAMP, play(CAMP, 3, ["wake.shop", "evening.sleep", "market.leave"]))
IDS = sorted({c.id for s in CAMP.scenes.values() for c in s.choices} | set(CAMP.scenes) | set(CAMP.flags)
             | {"mini", "citizen-score-save", CAMP.content_hash, "0"})
# SAVE_FUZZ_EXAMPLES=5000 for a deeper run by hand; the suite keeps it at a few seconds.
FUZZ = settings(max_examples=int(os.environ.get("SAVE_FUZZ_EXAMPLES", "200")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1), st.integers(min_value=-3, max_value=40),
    st.floats(), st.booleans(), st.text(max_size=12), st.sampled_from(IDS),
    st.datetimes(), st.dates(), st.times(),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=6)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def check_load(folder: Path, data: bytes) -> None:
    """The property: SaveError or success, and the file is never touched."""
    path = folder / "fuzz.save.toml"
    path.write_bytes(data)
    try:
        camp, state, note = saves.load_save(path, CAMPAIGNS)
    except saves.SaveError as e:
        assert path.name in e.message and e.reason
    else:
        assert camp is CAMP and isinstance(note, str) and state.scene in CAMP.scenes
    assert path.read_bytes() == data
    for info in saves.list_saves(folder):
        assert info.ok or info.problem


# ---------------------------------------------------------------- bytes

# Mostly TOML-ish text, so that edits get past the UTF-8 check and into the parser and the checks.
blobs = st.one_of(st.binary(min_size=1, max_size=8),
                  st.text(alphabet='"[]{}=.,#\'\n -_019azé', min_size=1, max_size=8).map(str.encode))
byte_edits = st.lists(st.tuples(st.sampled_from(["flip", "insert", "delete", "truncate", "set"]),
                                st.integers(min_value=0, max_value=len(BASE)), blobs),
                      min_size=1, max_size=6)


@FUZZ
@given(edits=byte_edits)
def test_byte_mutations_never_crash_loading(folder, edits):
    data = bytearray(BASE)
    for op, pos, blob in edits:
        pos = min(pos, len(data))
        if op == "flip" and pos < len(data):
            data[pos] ^= (blob[0] & 0x7F) or 1
        elif op == "insert":
            data[pos:pos] = blob
        elif op == "delete":
            del data[pos : pos + len(blob)]
        elif op == "truncate":
            del data[pos:]
        elif op == "set" and pos < len(data):
            data[pos] = blob[0]
    check_load(folder, bytes(data))


# ---------------------------------------------------------------- the TOML tree

def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in the tree a mutation can hit (keys of tables, indexes of lists)."""
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, prefix + (i,))
    return out


def retype(value: Any) -> Any:
    """The same value in another TOML type: 3 -> "3", "x" -> ["x"], [..] -> {..}, {..} -> 1."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return int(value) if value.lstrip("-").isdigit() and len(value) < 18 else [value]
    if isinstance(value, list):
        return {str(i): v for i, v in enumerate(value)}
    if isinstance(value, dict):
        return 1
    return str(value)


def mutate(doc: dict[str, Any], where: tuple, op: str, new: Any) -> None:
    parent = doc
    for key in where[:-1]:
        parent = parent[key]
    key = where[-1]
    if op == "drop":
        del parent[key]
    elif op == "replace":
        parent[key] = new
    elif op == "retype":
        parent[key] = retype(parent[key])
    elif op == "grow" and isinstance(parent[key], list):
        parent[key].append(new)


@FUZZ
@given(data=st.data())
def test_tree_mutations_never_crash_loading(folder, data):
    doc = tomllib.loads(BASE.decode())
    if data.draw(st.booleans(), label="story changed"):
        doc["content_hash"] = "0" * 16  # send the load down the replay path
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="mutations")):
        spots = paths(doc)
        if not spots:
            break
        # a wide integer modulo the count spreads the hits; sampled_from favours the first keys
        where = spots[data.draw(st.integers(min_value=0, max_value=2**32), label="where") % len(spots)]
        op = data.draw(st.sampled_from(["drop", "replace", "retype", "grow"]), label="op")
        mutate(doc, where, op, data.draw(values, label="value"))
    try:
        text = tomli_w.dumps(doc)
    except (TypeError, ValueError):
        assume(False)  # a tree TOML cannot express (e.g. a list at the top level) is no file at all
    check_load(folder, text.encode())


@FUZZ
@given(log=st.lists(st.sampled_from(IDS), max_size=8), stale=st.booleans())
def test_any_log_replays_or_says_which_step_fails(folder, log, stale):
    doc = tomllib.loads(BASE.decode())
    doc["log"] = log
    if stale:
        doc["content_hash"] = "0" * 16
    check_load(folder, tomli_w.dumps(doc).encode())
