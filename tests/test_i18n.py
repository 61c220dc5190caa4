"""Which language the game speaks: --lang, else the player's choice, else the environment, else English."""

from __future__ import annotations

import json
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


def test_an_engine_message_is_english_text_that_the_command_layer_translates() -> None:
    """The engine writes Msg (it imports no gettext); a layer that knows the language says it again."""
    import json
    import pickle

    from game.engine.msg import Msg

    hint = Msg("Did you mean '{name}'?", name="rent")
    m = Msg.counting("{n} problem found:", "{n} problems found:", 2, n=2)
    assert m == "2 problems found:" and hint == "Did you mean 'rent'?"
    assert json.dumps({"hint": hint}) == '{"hint": "Did you mean \'rent\'?"}'
    back = pickle.loads(pickle.dumps(Msg("hint: {hint}", hint=hint)))
    assert back == "hint: Did you mean 'rent'?" and back.args["hint"].template == "Did you mean '{name}'?"
    i18n.use("nl")
    assert i18n.said(m) == "2 problemen gevonden:"
    assert i18n.said(back) == "tip: Bedoel je 'rent'?"
    assert i18n.said("plain text") == "plain text"


def test_check_reports_content_and_translation_problems_in_dutch(tmp_path, capsys) -> None:
    """The engine's findings (a dangling goto, an unknown name, TOML syntax, a stale or unstamped
    translation) read in Dutch, with Dutch hints; --format json keeps them in English."""
    import shutil
    from pathlib import Path

    from game.cli import main

    folder = tmp_path / "syri"
    shutil.copytree(Path(__file__).parents[1] / "content" / "syri", folder)
    days = folder / "scenes" / "days.toml"
    original = days.read_text(encoding="utf-8")
    days.write_text(original.replace('goto = "evening"', 'goto = "evenin"', 1), encoding="utf-8")
    assert main(["--lang", "nl", "check", str(folder), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "1 probleem gevonden:" in err
    assert "error: goto 'evenin' noemt geen scène of stapel" in err and "tip: Bedoel je 'evening'?" in err

    days.write_text(original, encoding="utf-8")
    calendar = folder / "scenes" / "calendar.nl.toml"
    text = calendar.read_text(encoding="utf-8")
    stamp = text.split('from = "', 1)[1][:10]
    calendar.write_text(text.replace(stamp, "0000000000", 1), encoding="utf-8")
    crisis = folder / "scenes" / "crisis.nl.toml"
    crisis.write_text(crisis.read_text(encoding="utf-8").replace("{money: money}", "{money: mony}", 1),
                      encoding="utf-8")
    (folder / "scenes" / "opening.nl.toml").write_text("[scene.x]\nfrom == 1\n", encoding="utf-8")
    assert main(["--lang", "nl", "check", str(folder), "--no-cache"]) == 2
    out = capsys.readouterr()
    assert "onbekende naam 'mony' in `mony`" in out.err and "tip: Bedoel je 'money'?" in out.err
    assert "error: TOML-syntaxis: ongeldige waarde" in out.err
    assert "is veranderd sinds het vertaald is" in out.out and "(translation-stale)" in out.out
    assert "citizen-score translate syri --lang nl --stamp" in out.out
    for english in ("unknown name", "TOML syntax", "has changed since", "Did you mean", "hint:"):
        assert english not in out.out + out.err, english

    assert main(["--lang", "nl", "check", str(folder), "--no-cache", "--format", "json"]) == 2
    messages = [f["message"] for s in json.loads(capsys.readouterr().out)["sections"] for f in s["findings"]]
    assert any(m.startswith("unknown name 'mony'") for m in messages)
    assert any(m == "TOML syntax: Invalid value" for m in messages)


def test_checks_warnings_read_in_dutch_and_stay_english_in_json(capsys) -> None:
    """What check finds dead in a campaign that loads (a flag set and never read, a condition that can
    never hold) is said in Dutch, reason and hint; the JSON keeps the English words."""
    from pathlib import Path

    from game.cli import main

    folder = Path(__file__).parent / "fixtures" / "lint"
    assert main(["--lang", "nl", "check", str(folder / "flags"), str(folder / "dead_rule"), "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "warning: de vlag 'gamer' wordt gezet maar nooit gelezen" in out
    assert 'tip: Gezet door scene.wake.choice[1]. Test hem met has("gamer")' in out
    assert "regel 'saint' kan nooit afgaan: credit > 2000 klopt nooit: credit is altijd tussen 350 en 950" in out
    assert "is set but never read" not in out and "can never fire" not in out
    assert main(["--lang", "nl", "check", str(folder / "flags"), "--no-cache", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    messages = [f["message"] for s in report["sections"] for f in s["findings"]]
    assert "the flag 'gamer' is set but never read" in messages


def test_a_lock_the_engine_words_itself_reads_in_dutch_with_the_translations_names() -> None:
    """A choice locked by a condition with no `locked` text of its own: the reason the engine
    words is said in the language played, naming the stat by the translation's label."""
    from pathlib import Path

    from game.engine import engine as E
    from game.engine.content import load_campaign_in
    from game.engine.play import Play

    seen = {}
    for lang in ("en", "nl"):
        i18n.use(lang)
        camp = load_campaign_in(Path(__file__).parents[1] / "content" / "sesame", lang, seps=i18n.seps(),
                                say=i18n.said)
        st = Play.new(camp, 1).st
        st.vals["money"] = 955
        seen[lang] = E.lock_reason(camp, camp.choices["moving_day.free"], st)
    assert seen == {"en": "needs Money ≥ 1800 — you have 955", "nl": "nodig: Geld ≥ 1800 — je hebt 955"}


@pytest.mark.parametrize(("text", "words"), [
    ("# mine\ntheme = = 1\n", ":2: de TOML kan niet worden gelezen ("),
    ("theme = 3\n", ':1: theme is de naam van een thema tussen aanhalingstekens, bijv. theme = "citizen-high-contrast".'),
    ('lang = ["nl"]\n', ':1: lang is een taalcode tussen aanhalingstekens, bijv. lang = "nl".'),
])
def test_a_broken_settings_file_is_reported_in_the_language_it_could_not_choose(tmp_path, text, words) -> None:
    """The settings file may hold the language, so it is read before one is chosen; its problem is
    said afterwards, in the language the game then speaks (the theme's notice shows it)."""
    from game.settings import SettingsError, load_settings, settings_path

    settings_path(tmp_path).write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_settings(tmp_path)
    i18n.use("nl")
    told = i18n.said_error(err.value)
    assert told.startswith(str(settings_path(tmp_path)) + words)
    assert told.endswith("Het spel gebruikt zijn standaardinstellingen en laat het bestand zoals het is; herstel het "
                         "of verwijder het.")
    assert str(err.value).endswith("The game uses its defaults and leaves the file as it is; fix it or delete it.")
