"""The progress bar of long work: on stderr, only in a terminal, only once the work takes a while.

The terminal test and the clock are handed in, so nothing here needs a real terminal or waits.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import game.progress
from game.cli import main
from game.progress import progress, watched

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"


class Clock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def work(stream: io.StringIO, clock: Clock, show: bool | None = None, seconds: float = 1.0) -> None:
    """Ten units of work, each taking ``seconds`` on the clock."""
    with progress(10, "Simulating mini", stream=stream, show=show, clock=clock, delay=0.3) as bar:
        for _ in range(10):
            clock.now += seconds
            bar.advance()


def test_nothing_is_written_when_the_stream_is_not_a_terminal():
    out = io.StringIO()
    work(out, Clock())
    assert out.getvalue() == ""


def test_the_bar_shows_when_forced_with_the_label_and_the_count():
    out = io.StringIO()
    work(out, Clock(), show=True)
    text = out.getvalue()
    assert "Simulating mini" in text and "10/10" in text


def test_in_a_terminal_the_bar_shows_and_names_the_work_under_way(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    out, clock = Terminal(), Clock()
    with progress(3, "Checking", stream=out, clock=clock, delay=0.3) as bar:
        clock.now += 1
        bar.advance(0, "sesame")
        assert "Checking sesame" in out.getvalue()


def test_quick_work_shows_no_bar_even_in_a_terminal():
    out = io.StringIO()
    work(out, Clock(), show=True, seconds=0.01)  # all done in 0.1 s, under the delay
    assert out.getvalue() == ""


def test_a_dumb_terminal_or_a_pipe_is_not_watched(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    assert watched(Terminal()) and not watched(io.StringIO())
    monkeypatch.setenv("TERM", "dumb")
    assert not watched(Terminal())


@pytest.mark.parametrize("args", [
    ["simulate", str(FIXTURES / "mini"), "--runs", "120", "--jobs", "1"],
    ["simulate", str(FIXTURES / "mini"), "--runs", "120", "--jobs", "1", "--format", "json"],
    ["check", str(FIXTURES / "mini"), "--no-cache"],
])
def test_commands_write_no_bar_into_a_pipe(args, capsys, monkeypatch):
    monkeypatch.setattr(game.progress, "DELAY", 0.0)  # long enough for a bar, were anyone watching
    main(args)
    out, err = capsys.readouterr()
    assert err == "" and "━" not in out


@pytest.mark.parametrize("args, label", [
    (["simulate", str(FIXTURES / "mini"), "--runs", "120", "--jobs", "1", "--format", "json"], "Simulating mini"),
    (["check", str(FIXTURES / "mini"), "--no-cache"], "Checking mini"),
])
def test_commands_show_the_bar_on_stderr_when_watched(args, label, capsys, monkeypatch):
    monkeypatch.setattr(game.progress, "DELAY", 0.0)
    monkeypatch.setattr(game.progress, "watched", lambda stream: True)
    main(args)
    out, err = capsys.readouterr()
    assert label in err and "━" not in out
    if "json" in args:
        json.loads(out)  # the JSON on stdout is whole


def test_rich_is_imported_only_when_a_bar_is_drawn():
    probe = ("import io, sys\nfrom game.progress import progress\n"
             "with progress(5, 'x', stream=io.StringIO(), show=False, delay=0) as bar:\n    bar.advance(5)\n"
             "print('rich' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=REPO,
                       env={**os.environ, "PYTHONPATH": str(REPO)})
    assert r.stdout.strip() == "False", r.stderr
