"""``--format json``: every command's output validates against its committed schema (schema/output/).

The schemas are generated from schema/output/shapes; each test here runs the real command and
validates what it printed, so a field added to the output without its schema fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import helpers_runs as hr
from game.authoring.output_schemas import OUTPUT_DIR, build
from game.cli import main

REPO = Path(__file__).resolve().parents[2]
LINT = REPO / "tests" / "fixtures" / "lint"


def schema(command: str) -> dict[str, Any]:
    return json.loads((OUTPUT_DIR / f"{command}.schema.json").read_text(encoding="utf-8"))


def valid(command: str, text: str) -> dict[str, Any]:
    """The output read as JSON, after checking it against the command's schema."""
    data = json.loads(text)
    jsonschema.validate(data, schema(command), format_checker=jsonschema.FormatChecker())
    return data


def test_committed_output_schemas_are_the_generators_output():
    """schema/output/*.schema.json come from schema/output/shapes; regenerate, never hand-edit."""
    built = build()
    assert set(built) == {p.name for p in OUTPUT_DIR.glob("*.schema.json")}
    for name, text in built.items():
        assert (OUTPUT_DIR / name).read_text(encoding="utf-8") == text, \
            f"schema/output/{name} differs from its generator: run python -m game.authoring.output_schemas"


def test_every_schema_is_a_valid_schema():
    for path in OUTPUT_DIR.glob("*.schema.json"):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_check_json_validates_and_a_finding_without_a_column_has_no_column_key(capsys):
    assert main(["check", str(LINT / "decks"), str(LINT / "unknown_name_in_text"), "--format", "json",
                 "--no-cache"]) == 2
    data = valid("check", capsys.readouterr().out)
    findings = [f for s in data["sections"] for f in s["findings"]]
    assert any("column" not in f for f in findings) and any("column" in f for f in findings)
    assert all(f.get("column") != 0 for f in findings)


def test_simulate_json_validates_with_its_problems_and_threshold(capsys):
    fixtures = REPO / "tests" / "fixtures"
    assert main(["simulate", str(fixtures / "sim_dead"), "--runs", "40", "--jobs", "1", "--format", "json"]) == 2
    dead = valid("simulate", capsys.readouterr().out)
    assert dead["problems"] and dead["problems"][0]["kind"] == "dead end"
    assert main(["simulate", str(fixtures / "mini"), "--runs", "40", "--jobs", "1", "--format", "json",
                 "--threshold", "job.clerk"]) == 0
    mini = valid("simulate", capsys.readouterr().out)
    assert mini["threshold"]["gate"] == "job.clerk" and mini["gates"]
    assert main(["simulate", str(fixtures / "mechanics"), "--runs", "40", "--jobs", "1", "--format", "json"]) == 0
    assert valid("simulate", capsys.readouterr().out)["lists"]


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    """Content, saves, a route that finishes the_end, and its replay (the run on the board)."""
    return hr.routed_world(tmp_path)


def run(world: dict[str, Path], *args: str) -> list[str]:
    return ["--content", str(world["content"]), "--saves", str(world["saves"]), *args]


def test_verify_json_says_valid_not_valid_and_unreadable_per_file(world, capsys):
    tampered = world["tmp"] / "t.replay.toml"
    tampered.write_text(world["replay"].read_text(encoding="utf-8").replace("score = ", "score = 1", 1), encoding="utf-8")
    missing = world["tmp"] / "gone.replay.toml"
    code = main(run(world, "verify", str(world["replay"]), str(tampered), str(missing), "--format", "json"))
    out, err = capsys.readouterr()
    assert code == 2
    good, bad, gone = valid("verify", out)["replays"]
    assert good["valid"] and good["reasons"] == [] and good["replay"]["ref"] == "mini/the_end"
    assert good["replay"]["result"]["status"] == "done"
    assert not bad["valid"] and bad["reasons"] and bad["replay"]["ref"] == "mini/the_end"
    assert not gone["valid"] and "replay" not in gone and gone["unreadable"]
    assert str(missing) in err  # the person at the terminal still reads why


def test_verify_text_is_unchanged(world, capsys):
    assert main(run(world, "verify", str(world["replay"]))) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{world['replay']}: valid — mini/the_end, done, ") and out.count("\n") == 1


def test_route_json_for_a_finished_and_an_unfinished_route(world, capsys):
    assert main(run(world, "route", "the_end", str(world["route"]), "--format", "json")) == 0
    done = valid("route", capsys.readouterr().out)
    assert done["finished"] and done["result"]["status"] == "done" and done["recorded"]
    assert done["challenge"]["ref"] == "mini/the_end" and done["splits"][-1]["id"] == ":finish"
    assert done["replay"] and Path(done["replay"]).is_file()
    short = hr.write_route(world["tmp"] / "short.txt", hr.first_open_route("the_end")[:1])
    assert main(run(world, "route", "the_end", str(short), "--format", "json", "--no-record")) == 1
    part = valid("route", capsys.readouterr().out)
    assert not part["finished"] and part["result"] is None and part["replay"] is None
    assert part["choices"] == 1 and part["now"]["actions"] == 1


def test_route_json_on_bad_input_prints_nothing_on_stdout(world, capsys):
    bad = hr.write_route(world["tmp"] / "bad.txt", ["no.such_choice"])
    assert main(run(world, "route", "the_end", str(bad), "--format", "json")) == 2
    out, err = capsys.readouterr()
    assert out == "" and "bad.txt:2" in err


def test_records_json_for_the_list_a_board_an_export_and_imports(world, capsys):
    assert main(run(world, "records", "--format", "json")) == 0
    (tally,) = valid("records", capsys.readouterr().out)["boards"]
    assert tally == {"campaign": "mini", "challenge": "the_end", "verified": True, "attempts": 1, "runs": 1,
                     "finished": 1, "unverified": 0}
    assert main(run(world, "records", "the_end", "--format", "json")) == 0
    b = valid("records", capsys.readouterr().out)["board"]
    assert b["challenge"]["ref"] == "mini/the_end" and b["personal_best"] == b["ranked"][0]
    assert b["history"][0]["reason"] == "" and b["sum_of_best"] is not None
    lss = world["tmp"] / "out.lss"
    assert main(run(world, "records", "the_end", "--lss", str(lss), "--format", "json")) == 0
    assert valid("records", capsys.readouterr().out)["lss"] == {"file": str(lss), "runs": 1, "attempts": 1, "left_out": 0}
    junk = world["tmp"] / "junk.replay.toml"
    junk.write_text("not = [toml", encoding="utf-8")
    assert main(run(world, "records", "--import", str(world["replay"]), "--import", str(junk), "--format", "json")) == 2
    out, err = capsys.readouterr()
    again, unreadable = valid("records", out)["imports"]
    assert again["outcome"] == "already" and again["ref"] == "mini/the_end"
    assert unreadable["outcome"] == "unreadable" and unreadable["reasons"] and "junk.replay.toml" in err


def test_records_json_of_an_empty_saves_folder_is_an_empty_list(world, capsys):
    assert main(["--content", str(world["content"]), "--saves", str(world["tmp"] / "none"), "records", "--format", "json"]) == 0
    assert valid("records", capsys.readouterr().out)["boards"] == []


def test_records_json_import_of_a_friends_replay_is_added(world, capsys):
    fresh = ["--content", str(world["content"]), "--saves", str(world["tmp"] / "fresh")]
    assert main([*fresh, "records", "--import", str(world["replay"]), "--format", "json"]) == 0
    (added,) = valid("records", capsys.readouterr().out)["imports"]
    assert added["outcome"] == "added" and added["replay"] == world["replay"].name
    assert added["personal_best"] is None  # a friend's run goes on the board but is not your PB
