"""Runs against challenges: timing, splits, results, replays, PB and gold, routes, records, LiveSplit."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import pytest

import conftest_engine_helpers as h
import helpers_runs as hr
from game.cli import main
from game.engine.challenges import load_challenges
from game.engine.engine import PlayError
from game.runs import records, replay
from game.runs.clock import Span, Stamp, delta, elapsed, game_time, real_time
from game.runs.route import RouteError, parse_route, play_route
from game.runs.run import Run
from game.runs.splits import Entry, best_segments, judge, personal_best, ranked, segment_ids, sum_of_best

CS = load_challenges(h.MINI)
NOW = datetime(2026, 11, 26, 1, 0, tzinfo=timezone.utc)


def play(challenge: str, choices: list[str], step_ms: int = 0, today: str = "20261126") -> Run:
    """A run whose stopwatch reads ``step_ms`` more at each choice."""
    run = Run.start(CS, CS.challenges[challenge], today, real_ms=lambda: (len(run.steps) + 1) * step_ms)
    for cid in choices:
        run.take(cid)
    return run


# ---------------------------------------------------------------- a run

def test_a_run_is_timed_by_the_story_clock_and_split_in_order():
    run = play("first_light", hr.FIRST_LIGHT, step_ms=1500)
    assert run.over and run.result.status == "done" and run.result.why == "goal"
    assert [(s.id, s.at.hours, s.at.actions, s.at.real_ms) for s in run.splits] == [("errand", 1, 1, 1500)]
    end = run.result.at
    assert (end.day, end.hour, end.hours, end.actions, end.real_ms) == (2, 7, 24, 2, 3000)
    assert run.result.score == 640  # 610 + 40 for diapers, then Li Wei's lower score pulls 10
    assert game_time(end) == "1d 00h 2a" and real_time(end.real_ms) == "0:03.000"


def test_a_race_fails_when_the_story_or_the_days_run_out_and_a_score_run_ends_at_its_limit(tmp_path):
    route = hr.first_open_route("good_citizen")
    run = play("good_citizen", route)
    assert (run.result.status, run.result.why, run.st.day) == ("done", "limit", 3)
    root = h.copy_mini(tmp_path)
    h.append(root / "challenges.toml", """
[challenge.listed]
title = "Listed"
category = "any%"
goal = 'has("blacklisted")'
seed = 1

[challenge.listed_fast]
title = "Listed fast"
category = "any%"
goal = 'has("blacklisted")'
seed = 1
days = 1
""")
    cs = load_challenges(root)
    for cid, why, steps in (("listed", "ending", None), ("listed_fast", "limit", 2)):
        run = Run.start(cs, cs.challenges[cid])
        while not run.over:
            run.take(hr.engine.open_ids(run.camp, run.st)[0])
        assert (run.result.status, run.result.why) == ("failed", why)
        assert steps is None or len(run.steps) == steps


def test_the_run_refuses_choices_after_it_is_over_and_locked_ones_with_the_reason():
    run = play("first_light", hr.FIRST_LIGHT)
    with pytest.raises(PlayError, match=r"step 3: the choice 'wake.shop' comes after the run ended "
                                        r"\(goal reached after 2 choices\)"):
        run.take("wake.shop")
    fresh = Run.start(CS, CS.challenges["first_light"])
    with pytest.raises(PlayError, match="The bank hires from 650 up"):
        fresh.take("wake.apply")


def test_elapsed_hours_never_go_back():
    assert elapsed(1, 7, 7) == 0 and elapsed(2, 7, 7) == 24
    assert elapsed(2, 7, 7, before=30) == 30  # stayed up past the next morning: no time gained


def test_deltas_read_the_part_that_decides():
    assert delta(Span(-3, 5)) == "−3h" and delta(Span(0, 2)) == "+2a" and delta(Span(0, 0)) == "±0"


# ---------------------------------------------------------------- replays

def test_same_seed_and_choices_give_the_same_replay_byte_for_byte(tmp_path):
    a = replay.render(replay.from_run(play("the_end", hr.first_open_route("the_end"), step_ms=250)))
    b = replay.render(replay.from_run(play("the_end", hr.first_open_route("the_end"), step_ms=250)))
    assert a == b
    path = replay.write(tmp_path, replay.from_run(play("the_end", hr.first_open_route("the_end"), step_ms=250)))
    assert path.read_bytes() == a and path.parent.name == "replays"
    again = replay.write(tmp_path, replay.from_run(play("the_end", hr.first_open_route("the_end"), step_ms=250)))
    assert again == path  # the file is named by its bytes: one run, one file


def test_a_replay_holds_everything_needed_to_check_it(tmp_path):
    rep = replay.from_run(play("daily_gamer", ["wake.game", "evening.sleep"], step_ms=1000, today="20261126"))
    text = replay.render(rep).decode()
    for key in ('kind = "citizen-score-replay"', "format = 1", 'game = "', 'campaign = "mini"',
                'challenge = "daily_gamer"', "content_hash = ", 'date = "20261126"',
                f"seed = {CS.challenges['daily_gamer'].seed_for('20261126')}",
                '"#1 day 1 07:00 1000ms wake.game"', '"#2 day 1 23:00 2000ms evening.sleep"',
                'status = "done"', "hours = 24", "score = "):
        assert key in text
    back, _ = replay.read(replay.write(tmp_path, rep))
    assert back == rep or (back.steps[0].choice, back.result) == (rep.steps[0].choice, rep.result)


# ---------------------------------------------------------------- splits, PB, gold, sum of best

def entry(end: tuple[int, int], splits: dict[str, tuple[int, int]], source: str = "route",
          score: int = 0, status: str = "done") -> Entry:
    st = {k: Stamp(1, 7, hrs, acts) for k, (hrs, acts) in splits.items()}
    return Entry(source, "2026-11-26T01:00:00+00:00", "x.replay.toml", "h", status, "goal", "",
                 Stamp(1, 7, *end), score, tuple(st.items()))


def test_pb_gold_and_sum_of_best():
    ch = CS.challenges["the_end"]  # splits day_two, court, then the goal
    first = entry((50, 6), {"day_two": (24, 2), "court": (48, 4)})
    second = entry((52, 5), {"day_two": (20, 2), "court": (49, 4)})
    board = [first, second]
    assert personal_best(ch, board) is first
    assert [b.key for b in best_segments(ch, board)] == [(20, 2), (24, 2), (2, 2)]
    assert sum_of_best(ch, board).key == (46, 6)
    # a third run: ahead at day two (a best-ever segment), behind at court, a new PB by one action
    third = entry((50, 5), {"day_two": (19, 2), "court": (49, 4)})
    j = judge(ch, third.times(segment_ids(ch)), board, third)
    assert [(r.id, r.delta.key, r.gold) for r in j.rows] == [
        ("day_two", (-5, 0), True), ("court", (1, 0), False), (":finish", (0, -1), True)]
    assert [r.segment.key for r in j.rows] == [(19, 2), (30, 2), (1, 1)]
    assert j.new_pb and j.golds == 2
    assert [r.title for r in j.rows] == ["Day two", "Court day", "Goal"]


def test_the_first_run_sets_bests_but_nothing_is_gold_and_imports_set_no_pb():
    ch = CS.challenges["the_end"]
    run = entry((50, 6), {"day_two": (24, 2), "court": (48, 4)})
    j = judge(ch, run.times(segment_ids(ch)), [], run)
    assert j.new_pb and j.golds == 0 and all(r.delta is None for r in j.rows)
    friend = entry((10, 1), {"day_two": (1, 1), "court": (2, 1)}, source="import")
    assert personal_best(ch, [friend]) is None and sum_of_best(ch, [friend]) is None
    assert ranked(ch, [run, friend]) == [friend, run]  # the board shows both


def test_score_challenges_rank_by_score_then_time():
    high, low = CS.challenges["good_citizen"], CS.challenges["spendthrift"]
    a, b, c = entry((48, 5), {}, score=700), entry((40, 5), {}, score=650), entry((30, 5), {}, score=700)
    assert ranked(high, [a, b, c]) == [c, a, b]
    assert ranked(low, [a, b, c]) == [b, c, a]
    assert ranked(high, [entry((1, 1), {}, score=999, status="failed")]) == []


# ---------------------------------------------------------------- routes

def test_route_files_take_ids_and_comments():
    lines = parse_route("# the fastest\nwake.shop   # diapers first\n\nsleep\n")
    assert [(x.number, x.choice) for x in lines] == [(2, "wake.shop"), (4, "sleep")]
    run = play_route(CS, CS.challenges["first_light"], lines)
    assert run.result.status == "done" and [s.choice for s in run.steps] == hr.FIRST_LIGHT


def test_a_route_that_does_not_fit_names_its_line_and_why():
    ch = CS.challenges["first_light"]
    with pytest.raises(RouteError, match=r"r.txt:2: step 1: the choice 'wake.apply' is locked: "
                                         r"The bank hires from 650 up. Open here: wake.shop, wake.game."):
        play_route(CS, ch, parse_route("# x\nwake.apply\n", "r.txt"), "r.txt")
    with pytest.raises(RouteError, match=r"r.txt:3: step 3: the choice 'market.leave' comes after the run ended "
                                         r"\(goal reached after 2 choices\). Remove the lines from here on."):
        play_route(CS, ch, parse_route("wake.shop\nevening.sleep\nmarket.leave\n", "r.txt"), "r.txt")
    with pytest.raises(RouteError, match="one choice id per line"):
        parse_route("wake.shop evening.sleep\n")


def test_route_command_prints_splits_writes_the_replay_and_the_board(tmp_path, capsys):
    content, saves = hr.content(tmp_path), tmp_path / "saves"
    route = hr.write_route(tmp_path / "r.txt", hr.first_open_route("the_end"))
    args = ["--content", str(content), "--saves", str(saves), "route", "mini/the_end", str(route)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "The end — mini/the_end (any%, seed 7, 3 days)" in out
    assert "Day two" in out and "Court day" in out and "Result: done — goal reached" in out
    assert "New personal best!" in out
    (rep,) = (saves / "replays").glob("*.replay.toml")
    assert f"Replay: {rep}" in out
    assert main(args) == 0  # the same route again: same replay file, one more attempt
    assert "±0" in capsys.readouterr().out
    rec = records.load(saves, "mini", "the_end")
    assert rec.attempts == 2 and len(rec.entries) == 2 and len(list((saves / "replays").iterdir())) == 1


def test_route_command_says_what_is_wrong_without_a_traceback(tmp_path, capsys):
    content, saves = hr.content(tmp_path), tmp_path / "saves"
    route = hr.write_route(tmp_path / "r.txt", ["wake.apply"])
    assert main(["--content", str(content), "--saves", str(saves), "route", "first_light", str(route)]) == 2
    err = capsys.readouterr().err
    assert f"{route}:2: step 1: the choice 'wake.apply' is locked" in err and "Traceback" not in err
    assert main(["--content", str(content), "--saves", str(saves), "route", "nope", str(route)]) == 2
    assert "no campaign has a challenge 'nope'" in capsys.readouterr().err
    short = hr.write_route(tmp_path / "short.txt", ["wake.shop"])
    assert main(["--content", str(content), "--saves", str(saves), "route", "first_light", str(short)]) == 1
    assert "Unfinished" in capsys.readouterr().out
    assert not (saves / "replays").exists()


def test_route_command_says_what_is_wrong_in_dutch(tmp_path, capsys, dutch):
    content, saves = hr.content(tmp_path), tmp_path / "saves"
    route = hr.write_route(tmp_path / "r.txt", ["wake.apply"])
    base = ["--lang", "nl", "--content", str(content), "--saves", str(saves), "route"]
    assert main([*base, "first_light", str(route)]) == 2
    err = capsys.readouterr().err
    assert f"{route}:2: stap 1: de keuze 'wake.apply' zit op slot: The bank hires from 650 up. " \
           "Wat hier open is: wake.shop, wake.game." in err and "Traceback" not in err
    late = hr.write_route(tmp_path / "late.txt", ["wake.shop", "evening.sleep", "market.leave"])
    assert main([*base, "first_light", str(late)]) == 2
    assert f"{late}:4: stap 3: de keuze 'market.leave' komt na het einde van de run (doel bereikt na 2 keuzes). " \
           "Haal de regels vanaf hier weg." in capsys.readouterr().err
    friendless = hr.write_route(tmp_path / "f.txt", ["wake.game", "evening.drop_li", "evening.drop_li"])
    assert main([*base, "the_end", str(friendless)]) == 2  # a reason the engine words: in Dutch too
    assert f"{friendless}:4: stap 3: de keuze 'evening.drop_li' zit op slot: nodig: Li Wei als vriend. " \
           "Wat hier open is: evening.sleep." in capsys.readouterr().err
    two = tmp_path / "two.txt"
    two.write_text("wake.shop evening.sleep\n", encoding="utf-8")
    assert main([*base, "first_light", str(two)]) == 2
    assert f"{two}:1: één keuze-id per regel, niet 'wake.shop evening.sleep'." in capsys.readouterr().err
    assert main([*base, "nope", str(route)]) == 2
    assert "geen campagne heeft een uitdaging 'nope' (er zijn: mini/" in capsys.readouterr().err
    assert main([*base, "mini/nope", str(route)]) == 2
    assert "campagne 'mini' heeft geen uitdaging 'nope' (wel: " in capsys.readouterr().err
    assert main([*base, "first_light", str(tmp_path / "gone.txt")]) == 2
    assert f"{tmp_path / 'gone.txt'}: dat routebestand bestaat niet." in capsys.readouterr().err
    assert main([*base, "daily_gamer", str(route), "--date", "20261331"]) == 2
    assert "--date: '20261331' is geen bestaande datum" in capsys.readouterr().err


def test_a_run_checked_in_dutch_reads_the_story_in_dutch_and_fits_the_same_replays(dutch):
    """route and verify load the story as the player reads it: a lock reason its author wrote is
    Dutch in a Dutch run (it stayed English), and the story's hash, which replays carry, is the same."""
    from pathlib import Path as P

    from game import i18n
    from game.runs.find import Library

    content = P(__file__).parents[2] / "content"
    dutch_set = Library(content).campaign("american")
    assert dutch_set.campaign.scenes["eve_carol"].title == "Avondeten op Linden Avenue"
    i18n.use("en")
    english_set = Library(content).campaign("american")
    assert english_set.campaign.scenes["eve_carol"].title == "Dinner on Linden Avenue"
    assert dutch_set.content_hash == english_set.content_hash


# ---------------------------------------------------------------- records and LiveSplit

def test_records_board_and_livesplit_export(tmp_path, capsys):
    content, saves = hr.content(tmp_path), tmp_path / "saves"
    base = ["--content", str(content), "--saves", str(saves)]
    fast = hr.write_route(tmp_path / "fast.txt", hr.FIRST_LIGHT)
    slow = hr.write_route(tmp_path / "slow.txt", ["wake.game", "evening.sleep"])
    assert main([*base, "route", "first_light", str(fast)]) == 0
    assert main([*base, "route", "first_light", str(slow)]) == 0  # a tie keeps the earlier PB
    records.count_attempt(saves, "mini", "first_light")  # a run reset in the game
    capsys.readouterr()
    assert main([*base, "records", "first_light"]) == 0
    out = capsys.readouterr().out
    assert "Attempts: 3   finished: 2" in out
    assert "Personal best: 1d 00h 2a" in out and "credit 640" in out
    assert "Sum of best: 0d 09h 2a" in out  # errand in 1 hour (fast), the rest in 8 (slow)
    assert "History:" in out and out.count(" route ") >= 2
    assert main([*base, "records"]) == 0
    assert "mini/first_light: 3 attempts, 2 finished runs" in capsys.readouterr().out

    lss = tmp_path / "out.lss"
    assert main([*base, "records", "first_light", "--lss", str(lss)]) == 0
    root = ET.parse(lss).getroot()
    assert root.tag == "Run" and root.findtext("GameName") == "Citizen Score: Mini"
    assert root.findtext("AttemptCount") == "3" and len(root.find("AttemptHistory")) == 2
    segs = root.find("Segments")
    assert [s.findtext("Name") for s in segs] == ["An errand", "Goal"]
    pb = [s.find("SplitTimes/SplitTime[@name='Personal Best']") for s in segs]
    assert [p.findtext("GameTime") for p in pb] == ["01:00:00.0000000", "1.00:00:00.0000000"]  # in-game hours
    assert all(p.find("RealTime") is None for p in pb)  # routes run headless: no real time to show
    best = [s.findtext("BestSegmentTime/GameTime") for s in segs]
    assert best == ["01:00:00.0000000", "08:00:00.0000000"]
    assert root.findtext("Metadata/CustomVariables/Variable[@name='Actions']") == "2"
    assert len(segs[0].find("SegmentHistory")) == 2


def test_a_damaged_records_file_is_reported_not_overwritten(tmp_path, capsys):
    content, saves = hr.content(tmp_path), tmp_path / "saves"
    path = records.records_path(saves, "mini", "first_light")
    path.parent.mkdir(parents=True)
    path.write_text("this is [not toml", encoding="utf-8")
    assert main(["--content", str(content), "--saves", str(saves), "records", "first_light"]) == 2
    assert "the records cannot be read" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "this is [not toml"


def test_a_daily_board_holds_only_the_runs_of_that_day(tmp_path, capsys):
    content, saves = hr.content(tmp_path), tmp_path / "saves"
    base = ["--content", str(content), "--saves", str(saves)]
    route = hr.write_route(tmp_path / "d.txt", ["wake.game", "evening.sleep"])
    assert main([*base, "route", "daily_gamer", str(route), "--date", "20261126"]) == 0
    assert main([*base, "route", "daily_gamer", str(route), "--date", "20261127"]) == 0
    assert "New personal best!" in capsys.readouterr().out.split("20261127")[1]  # a new day, a new race
    assert main([*base, "records", "daily_gamer", "--date", "20261126"]) == 0
    out = capsys.readouterr().out
    assert "the board of 20261126" in out and out.count(" route ") == 3  # the PB, the board, the history
    rec = records.load(saves, "mini", "daily_gamer")
    assert sorted(e.date for e in rec.entries) == ["20261126", "20261127"]
