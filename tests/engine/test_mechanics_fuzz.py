"""Fuzzing the newer keys (later, lists, ratings, reveal): odd values and values swapped between
keys of the mechanics fixture give a ContentError or a playable game, never a traceback."""

from __future__ import annotations

import copy
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.engine import engine as eng
from game.engine.content import load_campaign
from game.engine.problems import ContentError

SRC = Path(__file__).parents[1] / "fixtures" / "mechanics"
FILES = {p.relative_to(SRC).as_posix(): tomllib.loads(p.read_text()) for p in sorted(SRC.rglob("*.toml"))}
FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])


def _leaves(d: Any, path: tuple = ()) -> list[tuple]:
    out = [path] if path else []
    items = d.items() if isinstance(d, dict) else enumerate(d) if isinstance(d, list) else ()
    for k, v in items:
        out += _leaves(v, path + (k,))
    return out


LEAVES = [(rel, p) for rel, d in FILES.items() for p in _leaves(d)]
ODD = [3, -1, 0, True, "x", "", [], {}, ["a"], {"days": 0}, {"goto": 5}, [{"days": "x"}], 1e300,
       float("inf"), "has(", 'has("nope")', {"days": 2, "does": [1]}, [[]], "npc.clinic.rating",
       {"title": 3}, {"days": 1, "goto": "letter"}, ["report_lands", 4]]


def _get(d: Any, path: tuple) -> Any:
    for k in path:
        d = d[k]
    return d


def _put(d: Any, path: tuple, value: Any) -> None:
    _get(d, path[:-1])[path[-1]] = value


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(LEAVES), st.one_of(st.sampled_from(ODD), st.sampled_from(LEAVES))),
                min_size=1, max_size=3))
@example([(("campaign.toml", ("list", "quiet_watch")), "x")])  # a list given as text, with shown_if
def test_odd_and_swapped_values_give_only_content_errors(changes):
    data = copy.deepcopy(FILES)
    for (rel, path), value in changes:
        if isinstance(value, tuple):  # another leaf's value, swapped in
            value = copy.deepcopy(_get(FILES[value[0]], value[1]))
        try:
            _put(data[rel], path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change reshaped the path away
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mechanics"
        for rel, d in data.items():
            f = root / rel
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(tomli_w.dumps(d))
        try:
            camp = load_campaign(root)
        except ContentError as e:
            assert e.problems and e.format()
            return
        try:
            s = eng.new_game(camp, 1)
            for _ in range(30):
                if s.ended:
                    break
                eng.choose(camp, s, eng.open_ids(camp, s)[0])
        except eng.PlayError:
            pass  # a dead end in odd content is the engine's own clear error
