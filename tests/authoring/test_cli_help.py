"""Every subcommand's --help says what it does and what its exit codes mean, in one shape."""

from __future__ import annotations

import argparse
import importlib
import shutil
from pathlib import Path

import pytest

from game.cli import build_parser, main
from game.commands import MODULES

FIXTURES = Path(__file__).parents[1] / "fixtures"
COMMANDS = ["play", *(m.rsplit(".", 1)[1] for m in MODULES)]


def subcommands() -> dict[str, argparse.ArgumentParser]:
    p = build_parser(["--help"])
    sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_module_is_listed_and_shown():
    assert set(subcommands()) == set(COMMANDS)
    for name in MODULES:
        assert callable(importlib.import_module(name).add)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_says_what_the_command_does_and_its_exit_codes(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: citizen-score {command}")
    description = out.split("\n\n")[1]  # the paragraph after the usage
    assert len(description.split()) >= 8 and not description.lstrip().startswith(("options:", "positional"))
    codes = [line.split(maxsplit=1) for line in out.split("\nexit codes:\n", 1)[1].splitlines() if line.strip()]
    assert codes[0][0] == "0" and "2" in {c[0] for c in codes}  # success, and a command line it cannot read
    assert all(len(c) == 2 and c[0].isdigit() for c in codes), "each code says what it means"


def test_the_main_help_lists_every_command_and_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(c in out for c in COMMANDS)
    assert "exit codes:" in out


def test_graph_without_a_campaign_asks_for_one_to_graph(tmp_path, capsys):
    for name in ("mini", "sim_dead"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    assert main(["--content", str(tmp_path), "graph"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("citizen-score graph: name the campaign to graph:")
