"""The LiveSplit export writes only what LiveSplit can show truthfully.

Game time is in-game hours one for one (actions are no seconds); real time only for runs played
live; a score challenge's score as a custom variable, with a warning that LiveSplit ranks time.
The .lss is XML, read back here as LiveSplit would read it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import conftest_engine_helpers as h
import helpers_runs as hr
from game.cli import main
from game.engine.challenges import load_challenges
from game.runs.board import Board
from game.runs.clock import Stamp
from game.runs.lss import build, timespan
from game.runs.splits import Entry

CS = load_challenges(h.MINI)
CAMP = CS.campaign


def run(source: str, hours: int, actions: int, real_ms: int, *, errand: tuple[int, int] = (1, 1),
        score: int = 640) -> Entry:
    """A finished run of first_light: the errand split, then the end (real time at each a share of the whole)."""
    split = Stamp(1, 9, errand[0], errand[1], real_ms // 4)
    return Entry(source, "2026-12-01T09:00:00+00:00", f"{source}-{hours}.replay.toml", CS.content_hash, "done",
                 "", "", Stamp(2, 8, hours, actions, real_ms), score, (("errand", split),))


def lss(challenge: str, *entries: Entry) -> ET.Element:
    board = Board("mini", challenge, attempts=len(entries), history=list(entries), counted=list(entries))
    return ET.fromstring(ET.tostring(build(CAMP, CS.challenges[challenge], board)))


def pb_times(root: ET.Element, method: str) -> list[str | None]:
    return [s.findtext(f"SplitTimes/SplitTime[@name='Personal Best']/{method}") for s in root.find("Segments")]


def test_game_time_is_in_game_hours_not_actions_as_seconds():
    root = lss("first_light", run("route", hours=269, actions=95, real_ms=0))
    assert pb_times(root, "GameTime") == ["01:00:00.0000000", "11.05:00:00.0000000"]  # 269 hours: 11 days 5
    assert root.findtext("AttemptHistory/Attempt/GameTime") == "11.05:00:00.0000000"
    assert root.findtext("Metadata/CustomVariables/Variable[@name='Actions']") == "95"


def test_a_headless_route_has_no_real_time_at_all():
    root = lss("first_light", run("route", hours=24, actions=2, real_ms=0))
    assert root.findall(".//RealTime") == []
    assert pb_times(root, "GameTime") == ["01:00:00.0000000", "1.00:00:00.0000000"]


def test_a_run_played_live_keeps_its_real_time_and_a_route_never_sets_the_best_real_segment():
    live = run("play", hours=30, actions=3, real_ms=80_000)
    route = run("route", hours=24, actions=2, real_ms=0)  # faster in game: the personal best
    root = lss("first_light", live, route)
    assert pb_times(root, "RealTime") == [None, None]  # the PB is the route's, which has no real time
    best_real = [s.findtext("BestSegmentTime/RealTime") for s in root.find("Segments")]
    assert best_real == [timespan(20), timespan(60)]  # the live run's, not the route's zeros
    attempts = root.find("AttemptHistory")
    assert [a.findtext("RealTime") for a in attempts] == [timespan(80), None]
    history = root.find("Segments/Segment/SegmentHistory")
    assert [t.findtext("RealTime") for t in history] == [timespan(20), None]


def test_a_live_personal_best_shows_real_time_beside_game_time():
    root = lss("first_light", run("play", hours=24, actions=2, real_ms=80_000))
    assert pb_times(root, "RealTime") == [timespan(20), timespan(80)]


def test_a_score_challenge_exports_its_score_as_a_custom_variable():
    best = run("route", hours=48, actions=9, real_ms=0, score=900)
    faster = run("route", hours=24, actions=2, real_ms=0, score=600)
    root = lss("good_citizen", faster, best)
    assert root.findtext("Metadata/CustomVariables/Variable[@name='Score']") == "credit 900"
    assert pb_times(root, "GameTime") == ["2.00:00:00.0000000"]  # the best score's run, not the fastest
    assert root.findtext("CategoryName") == "Good citizen (high score)"
    assert lss("first_light", faster).find("Metadata/CustomVariables/Variable[@name='Score']") is None


@pytest.mark.parametrize(("challenge", "warned"), [("good_citizen", True), ("first_light", False)])
def test_exporting_a_score_challenge_warns_that_livesplit_ranks_time(tmp_path, capsys, challenge, warned):
    content, saves = hr.content(tmp_path), tmp_path / "saves"
    base = ["--content", str(content), "--saves", str(saves)]
    route = hr.write_route(tmp_path / "r.txt", hr.first_open_route(challenge))
    assert main([*base, "route", challenge, str(route)]) == 0
    capsys.readouterr()
    assert main([*base, "records", challenge, "--lss", str(tmp_path / "out.lss")]) == 0
    err = capsys.readouterr().err
    assert ("citizen-score records: warning: LiveSplit ranks runs by time, not score" in err) == warned
    ET.parse(tmp_path / "out.lss")  # well-formed either way
