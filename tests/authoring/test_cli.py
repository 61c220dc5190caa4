"""The command line as a user meets it: versions, help, checking content, bad folders."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game import __version__
from game.cli import main

ROOT = Path(__file__).parents[2]
MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60)


def test_version_and_help():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"citizen-score {__version__}"
    helptext = run("--help").stdout
    for word in ("--content", "--saves", "--seed", "check", "CITIZEN_SCORE_CONTENT"):
        assert word in helptext


def test_check_passes_on_shipped_content(capsys):
    assert main(["check", str(ROOT / "content")]) == 0
    assert "state" in capsys.readouterr().out


def test_check_lists_every_problem_with_file_and_line(tmp_path, capsys):
    camp = tmp_path / "mini"
    shutil.copytree(MINI, camp)
    rules = camp / "rules.toml"
    rules.write_text(rules.read_text().replace('on = "buy.diapers"', 'on = "buy.diapers"\nif = "credt > 3"')
                     .replace('domain = "society"\nwhy = "Gaming', 'domain = "socety"\nwhy = "Gaming'))
    assert main(["check", str(camp)]) == 2
    err = capsys.readouterr().err
    assert "mini/rules.toml:3:7: error: unknown name 'credt'" in err
    assert "Did you mean 'credit'?" in err
    assert "'socety' is not a domain of credit" in err
    assert "2 problems found" in err


def test_play_with_broken_content_exits_cleanly_naming_the_file(tmp_path):
    camp = tmp_path / "content" / "mini"
    shutil.copytree(MINI, camp)
    scenes = camp / "scenes" / "main.toml"
    scenes.write_text(scenes.read_text().replace('goto = "evening"', 'goto = "evenin"', 1))
    out = run("--content", str(tmp_path / "content"), "--saves", str(tmp_path / "saves"))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "mini/scenes/main.toml:13: error: goto 'evenin' names no scene or deck" in out.stderr
    assert "Did you mean 'evening'?" in out.stderr


def test_play_with_an_empty_content_folder_says_what_to_do(tmp_path):
    (tmp_path / "empty").mkdir()
    out = run("--content", str(tmp_path / "empty"), "--saves", str(tmp_path / "saves"))
    assert out.returncode == 2 and "No campaigns in" in out.stderr and "Traceback" not in out.stderr


def test_check_never_imports_the_ui():
    code = ("import sys; from game.cli import main; main(['check', 'content']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_environment_variables_choose_the_folders(tmp_path, monkeypatch):
    from game import paths

    monkeypatch.setenv("CITIZEN_SCORE_CONTENT", str(tmp_path / "c"))
    monkeypatch.setenv("CITIZEN_SCORE_SAVES", str(tmp_path / "s"))
    assert paths.default_content_dir() == tmp_path / "c"
    assert paths.default_saves_dir() == tmp_path / "s"


def test_checkout_defaults_to_its_own_content_and_saves(monkeypatch):
    from game import paths

    monkeypatch.delenv("CITIZEN_SCORE_CONTENT", raising=False)
    monkeypatch.delenv("CITIZEN_SCORE_SAVES", raising=False)
    assert paths.default_content_dir() == ROOT / "content"
    assert paths.default_saves_dir() == ROOT / "saves"


FIXTURES = MINI.parent
TOOLS = ["check", "simulate", "graph"]


def tool(command: str, *args: str) -> list[str]:
    """The command line of a tool, cheap to run: simulate plays a few games."""
    return [command, *args, *(["--runs", "5", "--format", "json"] if command == "simulate" else [])]


def test_the_folders_may_follow_the_subcommand(tmp_path, capsys):
    assert main(tool("simulate", "mini", "--content", str(FIXTURES))) == 0
    assert '"campaign": "mini"' in capsys.readouterr().out
    # given on both sides, the later one counts; given only before, the subcommand keeps it
    assert main(["--content", str(tmp_path), "check", "mini", "--content", str(FIXTURES)]) == 0
    assert main(["--content", str(FIXTURES), "graph", "mini", "--saves", str(tmp_path)]) == 0


def test_play_takes_its_seed_and_dev_after_its_name_and_a_bad_seed_is_named():
    from game.cli import build_parser

    args = build_parser(["play", "--seed", "5", "--dev"]).parse_args(["play", "--seed", "5", "--dev"])
    assert (args.seed, args.dev) == (5, True)
    out = run("play", "--seed", "five")
    assert out.returncode == 2 and "'five' is not a whole number" in out.stderr and "Traceback" not in out.stderr


def test_simulate_keeps_its_own_seed_option():
    out = run("simulate", "mini", "--content", str(FIXTURES), "--seed", "7", "--runs", "3", "--format", "json")
    assert out.returncode == 0 and '"seed": 7' in out.stdout


@pytest.mark.parametrize("command", TOOLS)
def test_check_simulate_and_graph_take_a_campaign_by_id_or_by_folder(command, capsys):
    assert main(tool(command, "mini", "--content", str(FIXTURES))) == 0
    by_id = capsys.readouterr().out
    assert main(tool(command, str(MINI), "--content", str(ROOT / "content"))) == 0
    assert capsys.readouterr().out.replace(str(MINI), "mini") == by_id.replace(str(FIXTURES / "mini"), "mini")


@pytest.mark.parametrize("command", TOOLS)
def test_a_campaign_that_is_neither_an_id_nor_a_folder_gets_one_message(command, tmp_path, capsys):
    assert main(tool(command, "nowhere", "--content", str(FIXTURES))) == 2
    err = capsys.readouterr().err
    assert "no campaign 'nowhere': no such folder" in err and "mini, sim_cover" in err and "Traceback" not in err
    (tmp_path / "notes").mkdir()
    assert main(tool(command, str(tmp_path / "notes"), "--content", str(FIXTURES))) == 2
    assert "that folder holds no campaign.toml" in capsys.readouterr().err


def test_simulate_and_graph_ask_which_campaign_when_the_content_folder_holds_several(capsys):
    for command in ("simulate", "graph"):
        assert main(tool(command, "--content", str(FIXTURES))) == 2
        err = capsys.readouterr().err
        assert "name the campaign to" in err and "mini" in err and "Traceback" not in err
