"""The parsed-TOML cache: same data as tomllib, errors still errors, edits always seen."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from game.engine.content import load_campaign
from game.tomlcache import cached_loads

CONTENT = Path(__file__).parents[2] / "content"


def test_a_cached_parse_equals_a_fresh_one(tmp_path):
    loads = cached_loads(tmp_path)
    for f in sorted(CONTENT.rglob("*.toml")):
        text = f.read_text()
        first, again = loads(text), loads(text)
        assert first == again == tomllib.loads(text), f
    assert len(list(tmp_path.glob("*.json"))) == len(list(CONTENT.rglob("*.toml")))


def test_an_edit_is_never_served_from_the_cache(tmp_path):
    loads = cached_loads(tmp_path)
    assert loads('a = 1\n') == {"a": 1}
    assert loads('a = 2\n') == {"a": 2}


def test_a_syntax_error_is_still_raised_and_never_cached(tmp_path):
    loads = cached_loads(tmp_path)
    with pytest.raises(tomllib.TOMLDecodeError):
        loads("a = \n")
    assert not list(tmp_path.glob("*.json"))


def test_a_damaged_cache_file_is_ignored(tmp_path):
    loads = cached_loads(tmp_path)
    loads("a = 1\n")
    for slot in tmp_path.glob("*.json"):
        slot.write_text("{not json")
    assert loads("a = 1\n") == {"a": 1}


def test_an_unwritable_cache_costs_nothing(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert cached_loads(blocked / "sub")("a = 1\n") == {"a": 1}


def test_campaigns_load_the_same_through_the_cache(tmp_path):
    plain = load_campaign(CONTENT / "state")
    loads = cached_loads(tmp_path)
    load_campaign(CONTENT / "state", parse=loads)
    cached = load_campaign(CONTENT / "state", parse=loads)  # now every file is a hit
    assert cached.content_hash == plain.content_hash
    assert set(cached.scenes) == set(plain.scenes) and set(cached.rules) == set(plain.rules)
