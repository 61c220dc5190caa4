"""``citizen-score simulate`` as an author meets it: the same report for the same seeds, problems
with a path that replays them, coverage, greedy players and threshold help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.engine import engine as E
from game.engine.content import load_campaign

FIXTURES = Path(__file__).parents[1] / "fixtures"


def simulate(capsys, *args: str, code: int = 0) -> dict:
    got = main(["--content", str(FIXTURES), "simulate", *args, "--format", "json"])
    out = capsys.readouterr()
    assert got == code, out.err
    return json.loads(out.out)


@pytest.mark.parametrize("strategy", ["random", "least-used"])
def test_same_seeds_give_the_same_report_whatever_the_number_of_jobs(capsys, strategy):
    args = ("mini", "--runs", "120", "--seed", "7", "--strategy", strategy)
    one = simulate(capsys, *args, "--jobs", "1")
    assert simulate(capsys, *args, "--jobs", "2") == one
    assert simulate(capsys, *args, "--jobs", "1") == one
    assert simulate(capsys, "mini", "--runs", "120", "--seed", "8", "--strategy", strategy) != one


def test_a_dead_end_comes_with_its_seed_and_the_shortest_path_that_replays_it(capsys):
    rep = simulate(capsys, "sim_dead", "--runs", "200", "--seed", "1", code=2)
    found = {(p["kind"], p["where"]): p for p in rep["problems"]}
    dead = found["dead end", "shop"]
    assert dead["path"] == ["wake.spend", "evening.shop"]
    assert "Money" in dead["reason"] and dead["runs"] > 1
    assert (dead["file"], dead["line"]) == ("sim_dead/scenes/main.toml", 50)
    assert rep["unfinished"] == dead["runs"]
    camp = load_campaign(FIXTURES / "sim_dead")
    with pytest.raises(E.PlayError, match="step 2 .*dead end.*scene .shop."):
        E.replay(camp, dead["seed"], dead["path"])


def test_a_deck_that_runs_dry_is_reported_with_the_path_to_it(capsys):
    rep = simulate(capsys, "sim_dead", "--runs", "200", "--seed", "1", code=2)
    dry = next(p for p in rep["problems"] if p["kind"] == "empty deck")
    assert (dry["where"], dry["file"], dry["line"]) == ("corner", "sim_dead/campaign.toml", 27)
    assert dry["path"] == ["wake.street", "busker.listen", "evening.sleep", "wake.street"]
    st = E.replay(load_campaign(FIXTURES / "sim_dead"), dry["seed"], dry["path"])
    assert st.scene == "empty_corner"


def test_least_used_opens_every_door_where_random_play_misses_some(capsys):
    least = simulate(capsys, "sim_cover", "--runs", "8", "--strategy", "least-used")
    rand = simulate(capsys, "sim_cover", "--runs", "8", "--strategy", "random")
    doors = [f"hub.{d}" for d in "abcdefgh"]
    assert all(d in least["coverage"]["choices"]["hits"] for d in doors)
    assert least["coverage"]["scenes"]["never"] == []
    assert any(d not in rand["coverage"]["choices"]["hits"] for d in doors)


def test_least_used_covers_everything_mini_can_reach(capsys):
    rep = simulate(capsys, "mini", "--runs", "50", "--strategy", "least-used")
    cov = rep["coverage"]
    # Out of reach in mini by design: the score never falls below 500 (no notice, no blacklist),
    # the morning deck never runs dry (quiet), and the bank is shut on the only day it is offered.
    assert cov["scenes"]["never"] == ["end_black", "notice", "quiet"]
    assert cov["choices"]["never"] == ["notice.read", "quiet.wait", "wake.apply"]
    assert cov["rules"]["never"] == ["blacklist"]
    assert cov["gates"]["never"] == []


def test_greedy_players_push_the_named_score_up_or_down(capsys):
    up = simulate(capsys, "sim_cover", "--runs", "10", "--strategy", "greedy-up:credit")
    down = simulate(capsys, "sim_cover", "--runs", "10", "--strategy", "greedy-down:credit")
    assert up["scores"][0]["final"]["min"] == 640  # helped on both days: 600 + 20 + 20
    assert down["scores"][0]["final"]["max"] == 540  # littered on both days: 600 - 30 - 30


def test_the_json_report_has_the_documented_fields(capsys):
    rep = simulate(capsys, "mini", "--runs", "30")
    assert {"format", "campaign", "strategy", "seed", "runs", "chunk", "choices_per_run", "coverage",
            "endings", "unfinished", "scores", "gates", "problems", "reading", "flags", "lists"} <= rep.keys()
    assert {"screens_per_run", "repeat_share", "repeated_scenes", "new_words"} <= rep["reading"].keys()
    assert all({"start_open", "shut", "shut_share"} <= g.keys() for g in rep["gates"])
    assert set(rep["coverage"]) == {"scenes", "choices", "rules", "gates"}
    assert {"hit", "total", "share", "never", "hits"} <= rep["coverage"]["scenes"].keys()
    assert sum(e["runs"] for e in rep["endings"]) + rep["unfinished"] == 30
    day = rep["scores"][0]["days"][1]
    assert {"day", "runs", "p10", "p50", "p90", "min", "max"} <= day.keys()
    assert day["p10"] <= day["p50"] <= day["p90"]
    assert {g["id"] for g in rep["gates"]} == {"job.clerk", "travel.train"}
    assert all(g["kind"] == g["id"].split(".")[0] for g in rep["gates"])
    assert all(0 <= g["share"] <= 1 for g in rep["gates"])


def test_threshold_suggests_a_score_that_lets_about_the_target_through(capsys):
    rep = simulate(capsys, "mini", "--runs", "200", "--threshold", "job.clerk", "--target", "25")
    t = rep["threshold"]
    (b,) = t["bounds"]
    assert (b["score"], b["op"], b["now"]) == ("credit", ">=", 650)
    assert abs(b["share_ever"] - 0.25) <= min(0.1, abs(b["share_ever_now"] - 0.25))
    assert t["share_open_ever"] == next(g["share"] for g in rep["gates"] if g["id"] == "job.clerk")


def test_threshold_for_a_gate_that_wants_a_low_score_looks_at_the_lowest_values(capsys):
    rep = simulate(capsys, "sim_cover", "--runs", "300", "--threshold", "perk.low_profile", "--target", "10")
    (b,) = rep["threshold"]["bounds"]
    assert (b["op"], b["now"]) == ("<=", 580)
    # 570 after littering once, 540 after littering on both days: the 10 % who did it twice
    assert b["suggest_ever"] == 540 and 0.05 < b["share_ever"] < 0.2 < b["share_ever_now"]


@pytest.mark.parametrize("args, words", [
    (["mini", "--strategy", "bold"], ["unknown strategy 'bold'", "least-used"]),
    (["mini", "--strategy", "greedy-up:karma"], ["'karma' is not a score", "credit"]),
    (["nowhere"], ["no campaign 'nowhere'", "mini"]),
    (["mini", "--threshold", "travel.train"], ["compares no score with a number"]),
    (["mini", "--threshold", "job.pilot"], ["no gate 'job.pilot'", "job.clerk"]),
])
def test_bad_requests_get_one_clear_message(capsys, args, words):
    assert main(["--content", str(FIXTURES), "simulate", *args, "--runs", "5"]) == 2
    err = capsys.readouterr().err
    assert all(w in err for w in words) and "Traceback" not in err


def test_text_report_when_piped_is_plain_with_dead_ends_as_errors_at_their_scene(capsys):
    assert main(["--content", str(FIXTURES), "simulate", "sim_dead", "--runs", "40", "--jobs", "1"]) == 2
    out = capsys.readouterr()
    assert "\x1b[" not in out.out + out.err
    for words in ("Coverage", "Endings", "by day", "Gates", "40 runs: 1 dead end"):
        assert words in out.out
    assert "sim_dead/scenes/main.toml:50: error: dead end at 'shop'" in out.err
    assert "2 choices: wake.spend evening.shop" in out.err


def test_a_deck_running_dry_fails_only_under_strict(capsys):
    assert main(["--content", str(FIXTURES), "simulate", "mini", "--runs", "20"]) == 0
    args = ["--content", str(FIXTURES), "simulate", "sim_dead", "--runs", "200", "--strategy", "greedy-up:money"]
    assert main(args) == 0  # never spends, so never stuck in the shop; the corner still runs dry
    assert main([*args, "--strict"]) == 1
    assert "warning: empty deck at 'corner'" in capsys.readouterr().out


def test_content_that_does_not_load_is_named_with_file_and_line(capsys):
    broken = FIXTURES / "broken" / "dangling_goto"
    assert main(["simulate", str(broken), "--runs", "5"]) == 2
    err = capsys.readouterr().err
    assert "dangling_goto/scenes/main.toml:13" in err and "check" in err and "Traceback" not in err


def test_a_campaign_folder_may_be_named_by_its_path(capsys):
    assert main(["simulate", str(FIXTURES / "mini"), "--runs", "5", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["campaign"] == "mini"


def test_a_long_wander_to_a_dead_end_is_cut_down_to_the_choices_that_matter(capsys):
    # seed 2 wanders for 19 choices (the corner, the shop five times, a night) before it spends
    # its money on day 2 and gets stuck in the shop; the loops do not matter
    rep = simulate(capsys, "sim_dead", "--runs", "1", "--seed", "2", code=2)
    (dead,) = rep["problems"]
    assert (dead["seed"], dead["day"], dead["path"]) == (2, 1, ["wake.spend", "evening.shop"])


def test_a_run_that_goes_round_in_circles_is_reported_not_waited_for(capsys):
    rep = simulate(capsys, "sim_loop", "--runs", "50", "--max-choices", "3", code=2)
    (loop,) = rep["problems"]
    assert loop["kind"] == "no ending" and "3 choices" in loop["reason"]
    assert loop["path"] == ["hall.yard", "yard.hall", "hall.yard"]
    assert rep["unfinished"] == loop["runs"] > 0


def test_the_share_of_screens_read_again_counts_the_same_words_in_any_scene(capsys):
    # sim_reread: each run reads the morning three times (day 3's is another scene, same words)
    # and a diary that names the day, so two of its six screens are read again
    rep = simulate(capsys, "sim_reread", "--runs", "200", "--jobs", "1")
    assert simulate(capsys, "sim_reread", "--runs", "200", "--jobs", "2") == rep
    r = rep["reading"]
    assert r["screens_per_run"] == 6.0
    assert r["repeat_share"] == {"p50": 0.333, "p90": 0.333, "mean": 0.333}
    repeated = {x["id"]: (x["repeats"], x["runs"]) for x in r["repeated_scenes"]}
    assert repeated == {"wake": (200, 200), "wake_again": (200, 200)}  # never the diary
    assert r["repeated_scenes"][0]["file"] == "sim_reread/scenes/main.toml"
    # words shown for the first time: the morning once (7) and "Get up" (2), three diaries (8 each)
    # and their two choices once (5): 38; and 6 more in the runs that paid and saw "Pay" locked
    assert r["new_words"] == {"p10": 38, "p50": 44, "p90": 44}


def test_flags_and_lists_say_how_many_runs_ever_set_them(capsys):
    rep = simulate(capsys, "sim_reread", "--runs", "200")
    flags = {f["id"]: f["share"] for f in rep["flags"]}
    assert flags["woke"] == 1.0 and 0.8 < flags["paid"] < 1.0  # half the days pay, while money lasts
    assert rep["lists"] == [{"id": "watch_list", "runs": 0, "share": 0.0, "title": "Watch list", "kind": "black"}]


def test_a_gate_open_at_the_start_says_how_often_it_shut(capsys):
    rep = simulate(capsys, "sim_reread", "--runs", "200")
    gates = {g["id"]: g for g in rep["gates"]}
    paid = next(f["runs"] for f in rep["flags"] if f["id"] == "paid")
    discount = gates["perk.discount"]  # open until the player pays, then shut for good
    assert (discount["start_open"], discount["shut"]) == (200, paid)
    assert discount["shut_share"] == round(paid / 200, 4)
    assert gates["job.rich"]["start_open"] == 0 and gates["job.rich"]["shut"] == 0


def test_the_text_report_shows_screens_read_again_flags_and_gates_that_shut(capsys):
    paid = next(f["share"] for f in simulate(capsys, "sim_reread", "--runs", "100")["flags"] if f["id"] == "paid")
    assert main(["--content", str(FIXTURES), "simulate", "sim_reread", "--runs", "100"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  6.0 screens a run; read again: median 33.3%, p90 33.3%, mean 33.3%" in lines
    assert any("wake_again" in line and "sim_reread/scenes/main.toml:10" in line for line in lines)
    row = {line.split()[0]: line.split()[1:] for line in lines if line.startswith("  ") and line.split()}
    assert row["perk.discount"][:2] == ["100.0%", f"{paid * 100:.1f}%"]  # open at first; shut where paid
    assert row["job.rich"][:2] == ["0.0%", "-"]  # never open, so never shut
    assert row["watch_list"] == ["(list)", "0.0%", "woke", "100.0%", "paid", f"{paid * 100:.1f}%"]


SHIPPED = FIXTURES.parent.parent / "content"


@pytest.mark.parametrize("folder", [*sorted(p for p in SHIPPED.iterdir() if (p / "campaign.toml").is_file()),
                                    FIXTURES / "sim_reasons", FIXTURES / "sim_reread", FIXTURES / "mini",
                                    FIXTURES / "answers"],
                         ids=lambda p: p.name)
def test_a_screen_counts_as_read_again_exactly_when_the_player_would_see_the_same_words(folder):
    """simulate remembers what cannot change instead of rendering it; the count must not change.
    (sim_reasons: the shop shows the money left in the reason its coat is locked.)"""
    import random

    from game.authoring.simulate_screens import Screens

    camp = load_campaign(folder)
    screens = Screens(camp)
    for seed in range(1, 41):
        st, pick = E.new_game(camp, seed), random.Random(seed)
        cheap, rendered = set(), set()
        while not st.ended:
            ids = E.open_ids(camp, st)
            words = (E.scene_text(camp, st), tuple((o.text, o.open, o.reason) for o in E.options(camp, st)))
            key = screens.screen(st, ids)
            assert (key in cheap) == (words in rendered), (seed, st.log)
            cheap.add(key)
            rendered.add(words)
            try:
                E.apply(camp, st, pick.choice(list(ids)))
            except E.DeadEnd:
                break


def test_the_text_report_speaks_dutch_with_dutch_numbers_while_the_json_stays_english(capsys):
    from game import i18n

    try:
        args = ["--lang", "nl", "--content", str(FIXTURES), "simulate", "sim_dead", "--runs", "1000", "--jobs", "1"]
        assert main(args) == 2
        out = capsys.readouterr()
        for words in ("1.000 runs van", "Dekking", "Eindes", "per dag", "Poorten", "Vlaggen en lijsten",
                      "1.000 runs: 1 doodloper, 1 lege stapel",
                      "warning: lege stapel bij 'corner'", "niets meer te trekken; de vervangende scène"):
            assert words in out.out, words
        assert "sim_dead/scenes/main.toml:50: error: doodloper bij 'shop'" in out.err
        assert "tip: seed" in out.err and "2 keuzes: wake.spend evening.shop" in out.err
        for english in ("Coverage", "Endings", "by day", "dead end", "empty deck", "hint:", "nothing left"):
            assert english not in out.out + out.err, english
        assert main([*args, "--format", "json"]) == 2
        rep = json.loads(capsys.readouterr().out)
        dry = next(p for p in rep["problems"] if p["kind"] == "empty deck")
        assert dry["reason"] == "nothing left to draw; its fallback 'empty_corner' opened"
    finally:
        i18n.use("en")


def test_a_dead_end_and_its_reasons_are_reported_in_dutch(capsys, dutch):
    """The engine's reasons travel home from the workers as messages: Dutch in the report, English in JSON."""
    args = ["--lang", "nl", "--content", str(FIXTURES), "simulate", "sim_dead", "--runs", "40", "--jobs", "2"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert ("sim_dead/scenes/main.toml:50: error: doodloper bij 'shop' op dag 1 in ") in err
    assert "nodig: Money ≥ 100 — je hebt 50" in err and "needs" not in err
    assert main([*args, "--format", "json"]) == 2
    assert "needs Money ≥ 100 — you have 50" in capsys.readouterr().out
