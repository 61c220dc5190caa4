"""Verifying replays: a real run is valid; every kind of tampering is caught and named; imports wait for it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import conftest_engine_helpers as h
import helpers_runs as hr
from game.cli import main
from game.runs import records


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    """Content, saves, and one replay of the_end made by a route (with the run on the board)."""
    return hr.routed_world(tmp_path)


def verify(world: dict[str, Path], *files: Path, lang: str = "en", json_out: bool = False) -> tuple[int, str, str]:
    fmt = ["--format", "json"] if json_out else []
    out = subprocess.run([sys.executable, "-m", "game", "--lang", lang, "--content", str(world["content"]), "--saves",
                          str(world["saves"]), "verify", *map(str, files), *fmt], capture_output=True, text=True,
                         cwd=h.REPO, timeout=60, env={**os.environ, "PYTHONPATH": str(h.REPO)})
    return out.returncode, out.stdout, out.stderr


def tampered(world: dict[str, Path], old: str, new: str, name: str = "t.replay.toml") -> Path:
    text = world["replay"].read_text(encoding="utf-8")
    assert old in text, f"the replay no longer holds {old!r}"
    path = world["tmp"] / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_real_run_verifies(world):
    code, out, err = verify(world, world["replay"])
    assert code == 0 and err == ""
    assert f"{world['replay']}: valid — mini/the_end, done" in out


@pytest.mark.parametrize("old, new, reason", [
    ("hours = 48\nactions = 5", "hours = 40\nactions = 5", "claimed time differs: the replay says 1d 16h 5a"),
    ("actions = 5", "actions = 4", "claimed time differs"),
    ("score = 6", "score = 9", "claimed score differs: the replay says 9"),
    ('why = "goal"', 'why = "limit"', "claimed result differs"),
    ("seed = 7", "seed = 8", "seed differs from the challenge's: the replay has 8, 'the_end' is played with 7"),
    ('content_hash = "', 'content_hash = "0', "content differs: the run was made on content 0"),
    ("0ms wake.shop", "0ms wake.apply",
     "step 1: the choice 'wake.apply' is locked: The bank hires from 650 up."),
    ("#2 day 1 08:00", "#2 day 1 09:00", "step 2 (evening.sleep): claimed at day 1, 09:00, action 2, "
                                         "but the re-simulation is at day 1, 08:00, action 2"),
    ('id = "court", day = 3', 'id = "court", day = 2', "claimed splits differ"),
])
def test_each_kind_of_tampering_is_caught_with_its_reason(world, old, new, reason):
    code, out, _ = verify(world, tampered(world, old, new))
    assert code == 1 and "NOT valid" in out
    assert reason in out


@pytest.mark.parametrize("old, new, reason", [
    ("hours = 48\nactions = 5", "hours = 40\nactions = 5",
     "de opgegeven tijd verschilt: de replay zegt 1d 16h 5a (dag 3, 07:00), het naspelen geeft 2d 00h 5a"),
    ("score = 6", "score = 9", "de opgegeven score verschilt: de replay zegt 9"),
    ('why = "goal"', 'why = "limit"', "het opgegeven resultaat verschilt: de replay zegt done (de daglimiet is "
                                      "voorbij), het naspelen geeft done (doel bereikt)"),
    ("seed = 7", "seed = 8", "de seed verschilt van die van de uitdaging: de replay heeft 8, 'the_end' wordt "
                             "gespeeld met 7"),
    ('content_hash = "', 'content_hash = "0', "de inhoud verschilt: de run is gemaakt op inhoud 0"),
    ("0ms wake.shop", "0ms wake.apply", "stap 1: de keuze 'wake.apply' zit op slot: The bank hires"),
    ("#2 day 1 08:00", "#2 day 1 09:00", "stap 2 (evening.sleep): volgens de replay op dag 1, 09:00, actie 2, "
                                         "maar bij het naspelen op dag 1, 08:00, actie 2"),
    ('id = "court", day = 3', 'id = "court", day = 2', "de opgegeven splits verschillen"),
    ('0ms court.train",\n', '0ms court.train",\n    "#6 day 3 08:00 0ms court.walk",\n',
     "stap 6: de keuze 'court.walk' komt na het einde van de run (doel bereikt na 5 keuzes)"),
])
def test_each_kind_of_tampering_is_caught_with_its_reason_in_dutch(world, old, new, reason):
    """``--lang nl verify``: the verdict in Dutch, and the exit code a script reads, as in English."""
    code, out, err = verify(world, tampered(world, old, new), lang="nl")
    assert code == 1 and err == ""
    assert "NIET geldig — " + reason in out
    assert "claimed" not in out and "re-simulation" not in out and "step " not in out


def test_a_verdict_in_json_stays_english_whatever_the_language(world):
    """Scripts read the JSON: its reasons are the same words in every language."""
    code, out, _ = verify(world, tampered(world, "score = 6", "score = 9"), lang="nl", json_out=True)
    (verdict,) = json.loads(out)["replays"]
    assert code == 1 and verdict["reasons"] == ["claimed score differs: the replay says 922, the re-simulation gives 622"]


def test_a_replay_of_changed_content_is_caught(world):
    h.patch(world["content"] / "mini" / "challenges.toml", 'goal = "day >= 2"', 'goal = "day >= 3"')
    code, out, _ = verify(world, world["replay"])
    assert code == 1 and "content differs" in out and "the story or its challenges were changed" in out


def test_real_time_must_run_forward(world):
    text = world["replay"].read_text(encoding="utf-8").replace("0ms evening.sleep", "500ms evening.sleep", 1)
    path = world["tmp"] / "real.replay.toml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = verify(world, path)
    assert code == 1 and "real time runs backwards" in out or "claimed real time differs" in out


def test_extra_steps_after_the_goal_are_caught(world):
    path = tampered(world, '0ms court.train",\n', '0ms court.train",\n    "#6 day 3 08:00 0ms court.walk",\n')
    code, out, _ = verify(world, path)
    assert code == 1 and "step 6: the choice 'court.walk' comes after the run ended (goal reached after 5 choices)" in out


def test_unreadable_files_exit_2_and_all_files_are_reported(world):
    junk = world["tmp"] / "junk.toml"
    junk.write_text("not = [toml", encoding="utf-8")
    save = world["tmp"] / "save.toml"
    save.write_text('kind = "citizen-score-save"\n', encoding="utf-8")
    code, out, err = verify(world, world["replay"], junk, save, world["tmp"] / "missing.toml")
    assert code == 2 and "valid" in out and "Traceback" not in err
    assert "junk.toml: the TOML cannot be read" in err
    assert "save.toml: it is not a Citizen Score replay" in err
    assert "missing.toml: there is no such file" in err


def test_unreadable_files_are_reported_in_dutch(world):
    junk = world["tmp"] / "junk.toml"
    junk.write_text("not = [toml", encoding="utf-8")
    save = world["tmp"] / "save.toml"
    save.write_text('kind = "citizen-score-save"\n', encoding="utf-8")
    seedless = tampered(world, "seed = 7", 'seed = "7"', "seedless.replay.toml")
    code, out, err = verify(world, world["replay"], junk, save, seedless, world["tmp"] / "missing.toml", lang="nl")
    assert code == 2 and "geldig" in out and "Traceback" not in err
    assert "junk.toml: de TOML kan niet worden gelezen" in err
    assert 'save.toml: het is geen replay van Citizen Score (er staat geen kind = "citizen-score-replay" in).' in err
    assert "seedless.replay.toml: 'seed' ontbreekt of is niet van de goede soort: verwacht een geheel getal." in err
    assert "missing.toml: dat bestand bestaat niet." in err


def test_a_daily_replay_is_held_to_the_seed_of_its_date(world):
    content, saves, tmp = world["content"], world["saves"], world["tmp"]
    route = hr.write_route(tmp / "d.txt", ["wake.game", "evening.sleep"])
    assert main(["--content", str(content), "--saves", str(saves), "route", "daily_gamer", str(route),
                 "--date", "20261126"]) == 0
    (rep,) = (saves / "replays").glob("mini-daily_gamer-*.replay.toml")
    assert 'date = "20261126"' in rep.read_text(encoding="utf-8")
    world = {**world, "replay": rep}
    assert verify(world, rep)[0] == 0
    code, out, _ = verify(world, tampered(world, 'date = "20261126"', 'date = "20261127"'))
    assert code == 1 and "the daily seed of 'daily_gamer' for 20261127 is" in out


def test_import_adds_a_friends_replay_only_once_it_verifies(world, tmp_path, capsys):
    friend_saves = tmp_path / "friend"
    base = ["--content", str(world["content"]), "--saves", str(friend_saves)]
    bad = tampered(world, "score = 6", "score = 9", "bad.replay.toml")
    assert main([*base, "records", "--import", str(bad)]) == 1
    assert "not imported, it does not verify — claimed score differs" in capsys.readouterr().out
    assert records.load(friend_saves, "mini", "the_end").entries == []
    assert main([*base, "records", "--import", str(world["replay"])]) == 0
    assert "valid, added to the board of mini/the_end" in capsys.readouterr().out
    rec = records.load(friend_saves, "mini", "the_end")
    assert [e.source for e in rec.entries] == ["import"] and rec.attempts == 0
    assert (friend_saves / "replays" / rec.entries[0].replay).read_bytes() == world["replay"].read_bytes()
    assert main([*base, "records", "--import", str(world["replay"])]) == 0
    assert "already on the board" in capsys.readouterr().out
    assert len(records.load(friend_saves, "mini", "the_end").entries) == 1
    assert main([*base, "records", "the_end"]) == 0
    out = capsys.readouterr().out
    assert "Personal best: none yet" in out and " import " in out  # on the board, but not your PB


def test_import_says_why_a_replay_is_refused_in_dutch(world, tmp_path, capsys, dutch):
    base = ["--lang", "nl", "--content", str(world["content"]), "--saves", str(tmp_path / "friend")]
    bad = tampered(world, "score = 6", "score = 9", "bad.replay.toml")
    assert main([*base, "records", "--import", str(bad)]) == 1
    assert "niet geïmporteerd" in (out := capsys.readouterr().out) and "de opgegeven score verschilt" in out
    assert main([*base, "records", "--import", str(world["tmp"] / "gone.replay.toml")]) == 2
    assert "gone.replay.toml: dat bestand bestaat niet." in capsys.readouterr().err
    assert main([*base, "records", "nope"]) == 2
    assert "geen campagne heeft een uitdaging 'nope'" in capsys.readouterr().err


PROBE = r"""
import json, sys
import game.commands.verify, game.commands.route, game.commands.records, game.commands.replay
from game.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "ui": sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))}))
"""


def test_headless_commands_never_load_textual_or_rich(world):
    env = {**os.environ, "PYTHONPATH": str(h.REPO)}
    for args in (["verify", str(world["replay"])], ["records", "the_end"]):
        r = subprocess.run([sys.executable, "-c", PROBE, "--content", str(world["content"]), "--saves",
                            str(world["saves"]), *args], capture_output=True, text=True, timeout=60, env=env)
        out = json.loads(r.stdout.strip().splitlines()[-1])
        assert out == {"code": 0, "ui": []}, r.stderr
