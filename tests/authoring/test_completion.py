"""Shell completion: commands, options, campaign ids and challenge ids complete, and
``citizen-score completion SHELL`` prints a script the shell can load."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import argcomplete
import pytest

from game.cli import build_parser, main
from game.completion import attach

FIXTURES = Path(__file__).parents[1] / "fixtures"
ROOT = Path(__file__).parents[2]
BIN = Path(sys.executable).parent


class Done(Exception):
    pass


class Finder(argcomplete.CompletionFinder):
    def _init_debug_stream(self) -> None:
        """argcomplete's debug stream takes file descriptor 9, which pytest may hold: leave it be."""


def complete(line: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The words argcomplete offers for ``line``, as the shell would get them."""

    for name, value in {"_ARGCOMPLETE": "1", "COMP_LINE": line, "COMP_POINT": str(len(line)),
                        "_ARGCOMPLETE_IFS": "\n", "_ARGCOMPLETE_SHELL": "bash"}.items():
        monkeypatch.setenv(name, value)
    parser = build_parser([], everything=True)
    attach(parser)
    out = io.StringIO()

    def stop(code: int) -> None:
        raise Done(code)

    with pytest.raises(Done):
        Finder()(parser, exit_method=stop, output_stream=out)
    return [w.strip() for w in out.getvalue().split("\n") if w.strip()]


def test_a_command_completes_from_its_start(monkeypatch):
    assert complete("citizen-score sim", monkeypatch) == ["simulate"]
    assert "--runs" in complete("citizen-score simulate --r", monkeypatch)


def test_campaign_ids_complete_from_the_content_folder(monkeypatch):
    assert complete(f"citizen-score --content {FIXTURES} simulate mi", monkeypatch) == ["mini"]
    assert complete(f"citizen-score graph --content {FIXTURES} sim_d", monkeypatch) == ["sim_dead"]
    shipped = complete("citizen-score check ", monkeypatch)
    assert {"sesame", "state", "syri", "circle"} <= set(shipped)


def test_challenge_ids_complete_with_and_without_their_campaign(monkeypatch):
    words = complete("citizen-score route sesame/", monkeypatch)
    assert "sesame/deposit_free" in words and all(w.startswith("sesame/") for w in words)
    assert complete("citizen-score records deposit_f", monkeypatch) == ["deposit_free"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_with_the_printed_script(tmp_path):
    script = tmp_path / "try.sh"
    script.write_text(
        'source <(citizen-score completion bash)\n'
        'COMP_LINE="citizen-score sim"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(citizen-score sim); COMP_CWORD=1\n'
        '_python_argcomplete citizen-score; echo "${COMPREPLY[*]}"\n'
        'COMP_LINE="citizen-score graph s"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(citizen-score graph s); COMP_CWORD=2\n'
        '_python_argcomplete citizen-score; echo "${COMPREPLY[*]}"\n')
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run(["bash", str(script)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    lines = out.stdout.splitlines()
    assert lines[0].strip() == "simulate", out.stderr
    assert {"sesame", "state", "syri"} <= set(lines[1].split()) and "circle" not in lines[1]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_its_script(shell, capsys):
    assert main(["completion", shell]) == 0
    assert "citizen-score" in capsys.readouterr().out


def test_an_unknown_shell_is_refused(capsys):
    with pytest.raises(SystemExit) as done:
        main(["completion", "csh"])
    assert done.value.code == 2
    assert "citizen-score completion: error: argument SHELL: invalid choice: 'csh'" in capsys.readouterr().err
