"""What the command line says when something is wrong: every error names its command first, and
every file it names can be opened from where the user stands (relative to the current folder when
inside it, else absolute), so a terminal's file:line link works."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("args", [
    ["check", "nowhere"],
    ["simulate", "nowhere", "--runs", "2"],
    ["graph", "nowhere"],
    ["route", "nowhere/daily", "missing.route"],
    ["verify", "missing.replay"],
    ["records", "nowhere/daily"],
    ["replay", "missing.replay"],
])
def test_every_error_starts_with_the_command(args, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--content", str(FIXTURES), "--saves", str(tmp_path / "saves"), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"citizen-score {args[0]}: "), err
    assert "Traceback" not in err


def broken_checkout(where: Path) -> Path:
    """A folder holding content/mini with a goto to no scene at main.toml line 13."""
    camp = where / "content" / "mini"
    shutil.copytree(FIXTURES / "mini", camp)
    scenes = camp / "scenes" / "main.toml"
    scenes.write_text(scenes.read_text().replace('goto = "evenin"', "").replace('goto = "evening"', 'goto = "evenin"', 1))
    return where / "content"


def test_check_names_files_from_where_the_user_stands(tmp_path, monkeypatch, capsys):
    content = broken_checkout(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["--content", "content", "check", "mini"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("citizen-score check: 1 problem found:\n")
    assert "\ncontent/mini/scenes/main.toml:13: error: goto 'evenin' names no scene or deck" in err
    monkeypatch.chdir(content / "mini")  # inside the campaign: the content folder is not under here
    assert main(["--content", str(content), "check", "mini", "--no-cache"]) == 2
    assert f"\n{content}/mini/scenes/main.toml:13: error:" in capsys.readouterr().err


def test_simulate_and_graph_name_files_from_where_the_user_stands(tmp_path, monkeypatch, capsys):
    broken_checkout(tmp_path)
    monkeypatch.chdir(tmp_path)
    for command in (["simulate", "mini", "--runs", "2"], ["graph", "mini"]):
        assert main(["--content", "content", *command]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"citizen-score {command[0]}: 1 problem found:\ncontent/mini/scenes/main.toml:13: error:")
    monkeypatch.chdir(FIXTURES.parent)
    assert main(["--content", str(FIXTURES), "simulate", "sim_dead", "--runs", "40", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("citizen-score simulate: ")
    assert "\nfixtures/sim_dead/scenes/main.toml:50: error: dead end at 'shop'" in err


def test_play_with_broken_content_names_the_command_and_the_file(tmp_path):
    broken_checkout(tmp_path)
    out = subprocess.run([sys.executable, "-m", "game", "--content", "content", "--saves", "saves"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert out.returncode == 2
    # the screen's own escape codes come first on stderr; the message is the last thing written
    assert "citizen-score play: 1 problem found:\ncontent/mini/scenes/main.toml:13: error:" in out.stderr
