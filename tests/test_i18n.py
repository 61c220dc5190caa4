"""Which language the game speaks: --lang, else the player's choice, else the environment, else English."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game import i18n


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.use("en")


@pytest.mark.parametrize(("asked", "remembered", "env", "want"), [
    ("nl", "", {}, "nl"),
    (None, "nl", {"LANG": "en_GB.UTF-8"}, "nl"),
    (None, "", {"LANG": "nl_NL.UTF-8"}, "nl"),
    (None, "", {"LANGUAGE": "fr:nl:en", "LANG": "en_US.UTF-8"}, "nl"),
    (None, "", {"LC_ALL": "nl_BE.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
    (None, "", {"LC_ALL": "C", "LANG": "nl_NL.UTF-8"}, "en"),  # the first variable set decides
    (None, "", {"LANG": "fr_FR.UTF-8"}, "en"),
    ("en", "nl", {"LANG": "nl_NL.UTF-8"}, "en"),
    (None, "", {}, "en"),
])
def test_the_language_is_chosen_in_order(asked, remembered, env, want) -> None:
    assert i18n.choose(asked, remembered, env) == want


def test_dutch_numbers_and_words() -> None:
    i18n.use("nl")
    assert i18n.number(1234567.5, 1) == "1.234.567,5"
    assert i18n.seps() == ".,"
    i18n.use("en")
    assert i18n.number(1234567.5, 1) == "1,234,567.5"


def test_an_unknown_language_is_refused_with_the_ones_there_are(tmp_path) -> None:
    out = subprocess.run([sys.executable, "-m", "game", "--lang", "xx", "--saves", str(tmp_path)],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert "there is no language 'xx'" in out.stderr and "en, nl" in out.stderr


def test_check_reports_the_dutch_translation_and_its_coverage() -> None:
    out = subprocess.run([sys.executable, "-m", "game", "check", "syri", "--lang", "nl", "--no-cache",
                          "--format", "json"], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    assert '"translation"' in out.stdout and "texts translated" in out.stdout


def test_argparse_writes_its_own_words_in_the_language_spoken(capsys) -> None:
    """usage:, options: and argparse's errors come from our catalogue, not only the words we wrote."""
    from game import cli

    with pytest.raises(SystemExit):
        cli.main(["--lang", "nl", "check", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("gebruik: citizen-score check")
    assert "\nargumenten:\n" in out and "\nopties:\n" in out and "toon deze hulp en stop" in out
    assert "usage:" not in out and "options:" not in out and "positional arguments" not in out
    with pytest.raises(SystemExit):
        cli.main(["--lang", "nl", "simulate", "--runs", "x"])
    assert "citizen-score simulate: fout: argument --runs: 'x' is geen geheel getal" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "check", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: citizen-score check") and "\noptions:\n" in out
