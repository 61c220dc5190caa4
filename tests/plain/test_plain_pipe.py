"""The plain game through real pipes: a separate process, its stdin and stdout not terminals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def run(content: Path, saves_dir: Path, typed: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"} | env
    return subprocess.run([sys.executable, "-m", "game", "--content", str(content), "--saves", str(saves_dir),
                           "--seed", "1", *args], input=typed, capture_output=True, text=True, cwd=ROOT,
                          env=environ, timeout=60)


def test_a_pipe_plays_in_plain_text_without_being_asked(content, tmp_path):
    got = run(content, tmp_path / "saves", "1\n2\n1\nw\nq\n", "play")
    assert got.returncode == 0, got.stderr
    assert got.stderr == ""
    out = got.stdout
    assert "\x1b" not in out  # no colour, no cursor movement, no full screen
    # each typed line is said back after its prompt, so the transcript reads as the exchange it was
    assert "Choose 1 to 3, or ? for help: 2\n" in out
    assert "−100 Gaming past midnight marks you as idle." in out
    assert "Ledger, newest first:" in out
    assert (tmp_path / "saves" / "autosave-mini.save.toml").exists()


def test_plain_on_request_with_a_dumb_terminal_and_a_malformed_line(content, tmp_path):
    got = run(content, tmp_path / "saves", "1\n\x00\xff??\n9\nq\n", "play", "--plain", TERM="dumb")
    assert got.returncode == 0, got.stderr
    assert "is not a choice or a command. Type 1 to 3 to choose" in got.stdout
    assert "There is no choice 9: type 1 to 3." in got.stdout
    assert "Traceback" not in got.stderr


def test_an_output_that_cannot_carry_the_minus_sign_gets_a_hyphen(content, tmp_path):
    environ = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"} | {"PYTHONIOENCODING": "latin-1"}
    got = subprocess.run([sys.executable, "-m", "game", "--content", str(content), "--saves", str(tmp_path), "play"],
                         input=b"1\n2\nq\n", capture_output=True, cwd=ROOT, env=environ, timeout=60)
    assert got.returncode == 0, got.stderr
    out = got.stdout.decode("latin-1")
    assert "-100 Gaming past midnight marks you as idle." in out and "¥300" in out


def test_the_plain_game_loads_neither_textual_nor_rich():
    code = ("import sys, game.cli, game.plain.start; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))")
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert got.stdout.strip() == "[]", got.stderr
