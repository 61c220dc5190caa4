"""The board counts only runs whose replay is there and verifies, each replay once; the rest are named unverified."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import tomli_w

import helpers_runs as hr
from game.cli import main
from game.engine.challenges import load_challenges
from game.runs import board, records
from helpers_ui import plain

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FAKE = "mini-first_light-0123456789.replay.toml"  # a replay name of the right shape that was never written


@pytest.fixture
def world(tmp_path: Path) -> dict:
    """Content, saves, and one honest run of first_light (errand in 1 hour, the day in 24) on the board."""
    content, saves = hr.content(tmp_path), tmp_path / "saves"
    route = hr.write_route(tmp_path / "r.txt", hr.FIRST_LIGHT)
    assert main(["--content", str(content), "--saves", str(saves), "route", "first_light", str(route)]) == 0
    (rep,) = (saves / "replays").glob("*.replay.toml")
    return {"content": content, "saves": saves, "replay": rep, "tmp": tmp_path,
            "base": ["--content", str(content), "--saves", str(saves)]}


def records_file(world) -> Path:
    return records.records_path(world["saves"], "mini", "first_light")


def hand_written_run(world, **changes) -> None:
    """Append a [[run]] to the records file by hand: the honest run's table with some fields changed."""
    path = records_file(world)
    doc = records.tomllib.loads(path.read_text(encoding="utf-8"))
    run = {**doc["run"][0], "at": "2026-12-01T09:00:00+00:00", **changes}
    doc["run"].append(run)
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")


def board_of(world, *extra: str) -> str:
    assert main([*world["base"], "records", "first_light", *extra]) == 0
    return world["capsys"].readouterr().out


@pytest.fixture(autouse=True)
def _capsys(world, capsys):
    world["capsys"] = capsys
    capsys.readouterr()


def test_a_hand_written_run_without_a_replay_is_unverified_and_never_the_best(world):
    hand_written_run(world, replay=FAKE, hours=2, actions=1, split=[])
    out = board_of(world)
    assert "Personal best: 1d 00h 2a" in out  # the honest run, not the made-up 0d 02h 1a
    ranking = out.split("Board:")[1].split("Unverified")[0]
    assert "0d 02h 1a" not in ranking and ranking.count("replay.toml") == 1
    assert f"its replay {FAKE} is not in the replays folder" in out.split("Unverified (not counted):")[1]
    assert "Sum of best: 1d 00h 2a" in out


def test_a_hand_written_run_that_only_claims_a_better_time_is_caught(world):
    hand_written_run(world, hours=2, actions=1)  # points at the real replay, lies about the time
    out = board_of(world)
    assert "Personal best: 1d 00h 2a" in out
    assert "the records claim another time than its replay" in out


def test_a_replay_edited_after_recording_no_longer_counts(world):
    rep = world["replay"]
    rep.write_text(rep.read_text(encoding="utf-8").replace("score = 640", "score = 950"), encoding="utf-8")
    out = board_of(world)
    assert "Personal best: none yet" in out and "no finished runs yet" in out
    assert f"its replay {rep.name} was changed after the run was recorded" in out
    assert "unverified" in out.split("History:")[1]


def test_a_replay_that_no_longer_verifies_says_why(world):
    (world["content"] / "mini" / "challenges.toml").write_text(
        (world["content"] / "mini" / "challenges.toml").read_text(encoding="utf-8").replace(
            'title = "First light"', 'title = "First light!"'), encoding="utf-8")
    out = board_of(world)
    assert "Personal best: none yet" in out
    assert "made on an earlier version of the story, so it cannot be checked on this one" in out


def test_the_livesplit_export_leaves_unverified_runs_out(world, tmp_path):
    hand_written_run(world, replay=FAKE, hours=2, actions=1, split=[])
    hand_written_run(world, hours=2, actions=1)
    lss = tmp_path / "out.lss"
    out = board_of(world, "--lss", str(lss))
    assert "(1 runs, 1 attempts; 2 unverified left out)" in out
    root = ET.parse(lss).getroot()
    assert len(root.find("AttemptHistory")) == 1
    times = [s.findtext("SplitTimes/SplitTime[@name='Personal Best']/GameTime") for s in root.find("Segments")]
    assert times == ["01:00:00.0000000", "1.00:00:00.0000000"]
    assert all(len(s.find("SegmentHistory")) == 1 for s in root.find("Segments"))


def test_one_replay_imported_eleven_times_counts_once(world, tmp_path):
    friend = tmp_path / "friend"
    base = ["--content", str(world["content"]), "--saves", str(friend)]
    text = world["replay"].read_text(encoding="utf-8")
    spellings = [world["replay"]]
    for n in range(10):  # the same run, spelled ten other ways: comments, line endings
        p = tmp_path / f"copy{n}.replay.toml"
        p.write_bytes((f"# sent by a friend, take {n}\n" + text).replace("\n", "\r\n" if n % 2 else "\n").encode())
        spellings.append(p)
    for p in spellings:
        assert main([*base, "records", "--import", str(p)]) == 0
    out = world["capsys"].readouterr().out
    assert out.count("valid, added to the board") == 1
    assert out.count("already on the board of mini/first_light") == 10 and "a replay counts once" in out
    assert len(list((friend / "replays").iterdir())) == 1
    assert len(records.load(friend, "mini", "first_light").entries) == 1


def test_a_board_that_already_holds_one_replay_eleven_times_shows_it_once(world):
    rec = records.load(world["saves"], "mini", "first_light")
    for _ in range(10):
        records.add(world["saves"], rec.entries[0], "mini", "first_light")
    out = board_of(world)
    assert out.split("Board:")[1].split("History:")[0].count("replay.toml") == 1
    assert "(10 more runs of a replay already on the board, counted once)" in out
    assert "Unverified" not in out


def test_the_challenges_screen_shows_unverified_runs_plainly_and_not_as_the_best(world):
    from game.ui.screens.challenges import board_text

    hand_written_run(world, replay=FAKE, hours=2, actions=1, split=[])
    cs = load_challenges(world["content"] / "mini")
    shown = plain(board_text(cs.challenges["first_light"],
                             board.read(world["saves"], cs, cs.challenges["first_light"])))
    assert "Your best  1d 00h 2a" in shown
    assert "Unverified — not counted" in shown and f"its replay {FAKE} is not in the replays folder" in shown
    assert shown.split("Local board")[1].split("Unverified")[0].count("1d 00h 2a") == 1


def test_a_board_is_verified_once_then_only_read_even_by_the_next_process(world, monkeypatch, tmp_path):
    monkeypatch.setenv("CITIZEN_SCORE_CACHE", str(tmp_path / "own cache"))
    monkeypatch.setattr(board, "_verdicts", {})
    calls = []
    real = board.verify
    monkeypatch.setattr(board, "verify", lambda rep, cs: calls.append(rep) or real(rep, cs))
    cs = load_challenges(world["content"] / "mini")
    ch = cs.challenges["first_light"]
    for _ in range(3):
        assert len(board.read(world["saves"], cs, ch).counted) == 1
    monkeypatch.setattr(board, "_verdicts", {})  # as a new process finds it: only the cache folder
    assert len(board.read(world["saves"], cs, ch).counted) == 1
    assert len(calls) == 1


def test_records_written_before_runs_were_checked_still_load_and_count(world, tmp_path):
    saves = tmp_path / "old saves"
    shutil.copytree(FIXTURES / "records-format1", saves)
    cs = load_challenges(world["content"] / "mini")
    b = board.read(saves, cs, cs.challenges["first_light"])
    assert b.attempts == 1 and len(b.history) == 1
    story_changed = b.history[0].content_hash != cs.content_hash
    if story_changed:  # once the mini fixture is edited the old run can only be shown, not verified
        assert "earlier version of the story" in b.unverified[0].reason
    else:
        assert b.counted == b.history and not b.unverified


def test_a_new_run_is_judged_against_verified_runs_only(tmp_path, capsys):
    (tmp_path / "fresh").mkdir()
    content, saves = hr.content(tmp_path / "fresh"), tmp_path / "fresh" / "saves"
    records.save(saves, records.Records("mini", "first_light", 1, [records.Entry(
        "play", "2026-12-01T09:00:00+00:00", FAKE, "0", "done", "goal", "", records.Stamp(1, 8, 1, 1, 0), 999)]))
    route = hr.write_route(tmp_path / "r.txt", hr.FIRST_LIGHT)
    assert main(["--content", str(content), "--saves", str(saves), "route", "first_light", str(route)]) == 0
    assert "New personal best!" in capsys.readouterr().out  # the made-up 0d 01h 1a is nobody's best
