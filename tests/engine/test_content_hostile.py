"""Content files as a hostile author would leave them: each one is a clear problem naming the file
(and its line, where the file has lines), never a traceback and never a wait — and ``check`` and
the game's loader give the same verdict on it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import conftest_engine_helpers as h
from game.commands.check import check_report
from game.engine.bounds import LIMIT
from game.engine.load.read import MAX_NESTING
from game.engine.problems import ContentError, Problem
from game.stories import load_all

SCENE = "scenes/main.toml"


def refused(root: Path) -> list[Problem]:
    """The game refuses the campaign and ``check`` agrees: both name the same problems."""
    with pytest.raises(ContentError) as info:
        load_all(root.parent)
    section = check_report([root]).sections[0]
    assert section.data["loaded"] is False
    assert {(f.file, f.line, f.message) for f in section.findings} >= \
        {(p.file, p.line, p.message) for p in info.value.problems if p.severity == "error"}
    assert "Traceback" not in info.value.format()
    return info.value.problems


def the_problem(problems: list[Problem], rel: str, fragment: str) -> Problem:
    hits = [p for p in problems if p.file == f"mini/{rel}" and fragment in p.message]
    assert len(hits) == 1, [p.format() for p in problems]
    return hits[0]


def add_line(root: Path, text: str) -> int:
    """Append a line to the scene file; returns its line number."""
    path = root / SCENE
    body = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n[scene.hostile]\n"
    path.write_text(body + text + "\n", encoding="utf-8")
    return body.count("\n") + 1


# ---------------------------------------------------------------- nesting and numbers

@pytest.mark.parametrize("depth", [MAX_NESTING + 5, 300, 50_000])
def test_inline_tables_nested_deep_name_their_line(tmp_path, depth):
    root = h.copy_mini(tmp_path)
    line = add_line(root, "x = " + "{ a = " * depth + "1" + " }" * depth)
    p = the_problem(refused(root), SCENE, f"nested more than {MAX_NESTING} deep")
    assert p.line == line


@pytest.mark.parametrize("depth", [MAX_NESTING + 5, 50_000])
def test_arrays_nested_deep_name_their_line(tmp_path, depth):
    root = h.copy_mini(tmp_path)
    line = add_line(root, "x = " + "[" * depth + "]" * depth)
    assert the_problem(refused(root), SCENE, "nested more than").line == line


def test_nesting_over_several_lines_names_the_line_it_gets_too_deep(tmp_path):
    root = h.copy_mini(tmp_path)
    line = add_line(root, "x = [\n" + "[\n" * 2000 + "]\n" * 2000 + "]")
    assert the_problem(refused(root), SCENE, "nested more than").line == line + MAX_NESTING


@pytest.mark.parametrize("digits", [4000, 5000])  # Python itself refuses to read more than 4300
def test_an_integer_of_thousands_of_digits_names_its_line(tmp_path, digits):
    root = h.copy_mini(tmp_path)
    line = add_line(root, "x = " + "9" * digits)
    assert the_problem(refused(root), SCENE, "outside the game's range").line == line


@pytest.mark.parametrize("value", [str(LIMIT + 1), str(-LIMIT - 1), "1e16", "-2.5e300"])
def test_a_number_past_the_limit_is_refused_at_its_line(tmp_path, value):
    root = h.copy_mini(tmp_path)
    h.patch(root / SCENE, "hours = 16", f"hours = {value}")
    p = the_problem(refused(root), SCENE, "outside the game's range")
    assert p.line == h.line_of(root / SCENE, f"hours = {value}")
    assert p.where == "scene.wake.choice[1].hours"


def test_the_limit_itself_is_a_number_the_loader_takes(tmp_path):
    root = h.copy_mini(tmp_path)
    h.append(root / "campaign.toml", f"\n[stats.hoard]\nstart = {LIMIT}\n")
    assert h.load_campaign(root).stats["hoard"].start == LIMIT


# ---------------------------------------------------------------- encodings and bytes

def test_utf16_text_is_named_as_such(tmp_path):
    root = h.copy_mini(tmp_path)
    path = root / SCENE
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    p = the_problem(refused(root), SCENE, "UTF-16")
    assert p.line == 1 and "UTF-8" in p.hint


def test_bad_bytes_name_their_line_and_column(tmp_path):
    root = h.copy_mini(tmp_path)
    path = root / SCENE
    lines = path.read_bytes().split(b"\n")
    lines[6] = b"# caf\xe9 au lait"
    path.write_bytes(b"\n".join(lines))
    p = the_problem(refused(root), SCENE, "not UTF-8")
    assert (p.line, p.column) == (7, 6)


# ---------------------------------------------------------------- things that are not files

def test_a_folder_named_like_a_scene_file(tmp_path):
    root = h.copy_mini(tmp_path)
    (root / "scenes" / "extra.toml").mkdir()
    assert "folder" in the_problem(refused(root), "scenes/extra.toml", "folder").message


def test_a_dangling_link(tmp_path):
    root = h.copy_mini(tmp_path)
    (root / "scenes" / "extra.toml").symlink_to(tmp_path / "gone.toml")
    the_problem(refused(root), "scenes/extra.toml", "does not exist")


def test_a_link_to_itself(tmp_path):
    root = h.copy_mini(tmp_path)
    (root / "scenes" / "extra.toml").symlink_to(root / "scenes" / "extra.toml")
    the_problem(refused(root), "scenes/extra.toml", "leads back to itself")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path):
    root = h.copy_mini(tmp_path)
    (root / "rules.toml").unlink()
    (root / "rules.toml").symlink_to("/dev/zero")
    the_problem(refused(root), "rules.toml", "not a plain file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    root = h.copy_mini(tmp_path)
    os.mkfifo(root / "scenes" / "extra.toml")
    the_problem(refused(root), "scenes/extra.toml", "not a plain file")


def test_a_file_too_large_to_be_a_story(tmp_path, monkeypatch):
    from game.engine.load import read

    monkeypatch.setattr(read, "MAX_BYTES", 100)
    root = h.copy_mini(tmp_path)
    the_problem(refused(root), SCENE, "larger than")


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="no pipes or /dev/zero")
def test_check_with_its_cache_neither_hangs_nor_crashes_on_devices_and_pipes(tmp_path, monkeypatch, capsys):
    from game.cli import main

    monkeypatch.setenv("CITIZEN_SCORE_CACHE", str(tmp_path / "cache"))
    root = h.copy_mini(tmp_path / "content")
    os.mkfifo(root / "scenes" / "pipe.toml")
    (root / "scenes" / "zero.toml").symlink_to("/dev/zero")
    assert main(["--content", str(root.parent), "check"]) != 0
    out = capsys.readouterr()
    assert "mini/scenes/pipe.toml" in out.out + out.err and "mini/scenes/zero.toml" in out.out + out.err


def test_utf8_with_a_byte_order_mark_loads_as_plain_utf8(tmp_path):
    root = h.copy_mini(tmp_path)
    path = root / SCENE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    camp = h.load_campaign(root)
    assert camp.scenes["wake"].at.line == 1 and set(camp.scenes) == set(h.load_campaign(h.MINI).scenes)


def test_brackets_inside_text_are_text_not_nesting(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / SCENE, 'text = "The day ends."', 'text = "The day ends. ' + "[" * 500 + '"')
    assert "[" * 500 in "".join(p for p in h.load_campaign(root).scenes["evening"].text if isinstance(p, str))


def test_the_line_of_deep_nesting_skips_brackets_in_text_and_comments(tmp_path):
    root = h.copy_mini(tmp_path)
    line = add_line(root, 'title = "' + "[" * 100 + '"  # ' + "{" * 100 + "\nx = " + "[" * 50_000 + "]" * 50_000)
    assert the_problem(refused(root), SCENE, "nested more than").line == line + 1
