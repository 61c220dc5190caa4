"""Playing a campaign headless, as the UI does: rules and the ledger, gates and locked choices,
storylets, days, endings, determinism, replays, dead ends and snapshots.

Most tests use the "lab" campaign from conftest_engine_helpers (a hub whose choices each do one
thing); the last ones play every shipped campaign under content/ to an ending with fixed seeds.
"""

from __future__ import annotations

import tomllib
from collections import Counter

import pytest
import tomli_w

import conftest_engine_helpers as h
from game.engine import engine as eng
from game.engine.content import list_campaigns, load_campaign
from game.engine.engine import DeadEnd, PlayError
from game.engine.problems import ContentError
from game.engine.state import GameState

NO_TRAP = frozenset({"hub.trap"})


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    return h.load_lab(tmp_path_factory.mktemp("lab"))


@pytest.fixture(scope="module")
def mini():
    return load_campaign(h.MINI)


@pytest.fixture
def st(lab):
    return eng.new_game(lab, 1)


def entries(outcome):
    return [(e.rule, e.score, e.domain, e.delta) for e in outcome.ledger]


# ---------------------------------------------------------------- a new game

def test_new_game_starts_from_the_campaign(lab, st):
    assert (st.scene, st.day, st.hour) == ("hub", 1, 7)
    assert st.vals["credit"] == 600 and st.vals["money"] == 100
    assert st.friends == {"li"}
    assert st.flags == set() and st.ledger == [] and st.log == [] and not st.ended
    assert eng.scene_text(lab, st).strip() == "Day 1, 7:00. You have ¥100 and 600 points (good)."


# ---------------------------------------------------------------- rules and the ledger

def test_rule_on_act_writes_a_ledger_entry(lab, st):
    out = eng.choose(lab, st, "hub.up")
    assert st.vals["credit"] == 660
    [e] = st.ledger
    assert (e.step, e.day, e.hour, e.rule, e.score, e.domain, e.delta, e.why) == \
        (1, 1, 8, "up", "credit", "commerce", 60, "You bought a state bond.")
    assert out.ledger == [e]  # the notice after the choice shows the same entry
    assert st.domain_net == {"credit.commerce": 60}
    assert st.acts == {"act.up": 1}
    eng.choose(lab, st, "hub.down")
    assert [(x.rule, x.delta, x.step) for x in st.ledger] == [("up", 60, 1), ("down", -60, 2)]
    assert st.domain_net == {"credit.commerce": 60, "credit.society": -60}


def test_rule_condition_on_the_hour(lab):
    late = eng.new_game(lab, 1)
    out = eng.choose(lab, late, "hub.night")  # 16 hours: 7 -> 23
    assert late.hour == 23
    assert entries(out) == [("night", "credit", "society", -15)]
    assert out.ledger[0].why == "Gaming past midnight marks you as idle."
    early = eng.new_game(lab, 1)
    out = eng.choose(lab, early, "hub.nap")  # the same act at 8:00 costs nothing
    assert early.hour == 8 and out.ledger == [] and early.vals["credit"] == 600
    assert early.acts == {"act.night": 1}  # the act still counts for did()


def test_every_day_rule_fires_when_the_day_ends(lab, st):
    out = eng.choose(lab, st, "hub.sleep")
    assert out.new_day and st.day == 2
    assert out.ledger == []  # the pull needs the 'social' flag
    assert out.stats == {"money": 10}  # the daily wage, a rule with effects and no score
    eng.choose(lab, st, "market_day.browse")
    eng.choose(lab, st, "hub.social")
    out = eng.choose(lab, st, "hub.sleep")
    # friends' mean 400 against 600: (400 - 600) / 20 = -10
    assert entries(out) == [("pull", "credit", "society", -10)]
    assert out.ledger[0].day == 2
    assert st.vals["credit"] == 590 and st.day == 3


def test_every_choice_rule(lab, st):
    out = eng.choose(lab, st, "hub.tax")  # sets the flag, then the rule sees it
    assert entries(out) == [("tax", "credit", "commerce", -1)]
    out = eng.choose(lab, st, "hub.up")
    assert entries(out) == [("up", "credit", "commerce", 60), ("tax", "credit", "commerce", -1)]
    assert st.vals["credit"] == 658


def test_when_rule_fires_once_per_crossing(lab, st):
    eng.choose(lab, st, "hub.down")  # 540
    assert "marked" not in st.flags and st.scene == "hub"
    out = eng.choose(lab, st, "hub.down")  # 480: crosses below 500
    assert st.vals["credit"] == 480
    assert out.flags_set == ["marked"] and out.scene == "notice"
    assert st.fired.get("blacklist") == 1
    eng.choose(lab, st, "notice.read")
    eng.choose(lab, st, "hub.down")  # 420: still below, no second firing
    assert st.scene == "hub" and st.fired["blacklist"] == 1
    eng.choose(lab, st, "hub.up")  # 480
    eng.choose(lab, st, "hub.up")  # 540: back above, the rule re-arms
    assert st.fired["blacklist"] == 1 and st.scene == "hub"
    eng.choose(lab, st, "hub.down")  # 480: a second crossing
    assert st.fired["blacklist"] == 2 and st.scene == "notice"


def test_hidden_rules_still_write_the_ledger(lab, st):
    assert lab.rules["pull"].hidden is True
    assert not any(r.hidden for rid, r in lab.rules.items() if rid != "pull")
    eng.choose(lab, st, "hub.social")
    out = eng.choose(lab, st, "hub.sleep")
    assert [e.rule for e in out.ledger] == ["pull"]


def test_once_rule_fires_at_most_once(lab, st):
    first = eng.choose(lab, st, "hub.bonus")
    second = eng.choose(lab, st, "hub.bonus")
    assert entries(first) == [("bonus", "credit", "commerce", 5)]
    assert second.ledger == []
    assert st.fired["bonus"] == 1 and st.acts["act.bonus"] == 2
    assert st.vals["credit"] == 605


def test_scores_are_clamped_and_the_ledger_shows_the_real_change(lab, st):
    eng.choose(lab, st, "hub.big")  # +1000 from 600
    assert st.vals["credit"] == 950
    assert st.ledger[-1].delta == 350
    eng.choose(lab, st, "hub.big")
    assert st.vals["credit"] == 950
    eng.choose(lab, st, "hub.tiny")  # -1000 from 950
    assert st.vals["credit"] == 350
    assert st.ledger[-1].delta == -600
    eng.choose(lab, st, "notice.read")  # the crash below 500 sent us to the court
    eng.choose(lab, st, "hub.tiny")
    assert st.vals["credit"] == 350
    assert 600 + sum(e.delta for e in st.ledger) == 350
    assert all(e.delta == 0 or e.rule in ("big", "tiny") for e in st.ledger)


def test_stats_are_clamped(lab, st):
    out = eng.choose(lab, st, "hub.earn")  # +500, max 200
    assert st.vals["money"] == 200 and out.stats == {"money": 100}
    out = eng.choose(lab, st, "hub.spend")  # -500, min 0
    assert st.vals["money"] == 0 and out.stats == {"money": -200}


def test_formula_effects_round_half_up(lab, st):
    seen = []
    for _ in range(3):
        eng.choose(lab, st, "hub.halve")  # money -= money / 2
        seen.append(st.vals["money"])
    assert seen == [50, 25, 13]  # 25 - 12.5 -> 13


def test_friends_change_with_choices(lab, st):
    eng.choose(lab, st, "hub.meet_bo")
    assert st.friends == {"li", "bo"}
    eng.choose(lab, st, "hub.drop_li")
    assert st.friends == {"bo"}
    eng.choose(lab, st, "hub.social")
    out = eng.choose(lab, st, "hub.sleep")
    # Bo's 800 against 600: (800 - 600) / 20 = +10
    assert entries(out) == [("pull", "credit", "society", 10)]


# ---------------------------------------------------------------- gates and locked choices

def test_gates_open_and_shut_with_reasons(lab, st):
    status = {g.id: g for g in eng.gates(lab, st)}
    assert [g.id for g in eng.gates(lab, st)] == ["job.clerk", "travel.train", "home.flat"]
    assert not status["job.clerk"].open
    assert status["job.clerk"].reason == "The bank hires from 650 up."  # why_not as written
    assert status["job.clerk"].title == "Bank clerk"
    assert status["travel.train"].open and status["travel.train"].reason == ""
    # worked out from needs, naming both failing parts
    assert status["home.flat"].reason == ("needs Social Credit ≥ 700 — you have 600; "
                                          "needs Money ≥ 150 — you have 100")
    eng.choose(lab, st, "hub.earn")
    flat = {g.id: g for g in eng.gates(lab, st)}["home.flat"]
    assert flat.reason == "needs Social Credit ≥ 700 — you have 600"


def test_gates_opened_and_shut_by_a_choice_are_reported(lab, st):
    out = eng.choose(lab, st, "hub.up")  # 660
    assert out.opened == ["job.clerk"] and out.shut == []
    assert {g.id: g.open for g in eng.gates(lab, st)}["job.clerk"]
    eng.choose(lab, st, "hub.down")  # 600
    out = eng.choose(lab, st, "hub.down")  # 540
    assert out.opened == []
    out = eng.choose(lab, st, "hub.down")  # 480: blacklisted
    assert out.shut == ["travel.train"]
    train = {g.id: g for g in eng.gates(lab, st)}["travel.train"]
    assert not train.open and train.reason == "not while: On the court blacklist."


def test_locked_choices_stay_listed_with_their_reason(lab, st):
    opts = {o.id: o for o in eng.options(lab, st)}
    assert len(opts) == len(lab.scenes["hub"].choices)  # locked ones are shown, not hidden
    assert opts["hub.up"].open and opts["hub.up"].reason == ""
    assert not opts["hub.yacht"].open
    assert opts["hub.yacht"].reason == "You cannot afford a yacht."  # the author's words
    assert opts["hub.villa"].reason == "needs Money ≥ 1000 — you have 100"  # worked out
    assert opts["hub.apply"].reason == "The bank hires from 650 up."
    assert set(eng.open_ids(lab, st)) == {o.id for o in opts.values() if o.open}


def test_a_choice_that_needs_a_gate_opens_with_it(lab, st):
    with pytest.raises(PlayError, match="locked"):
        eng.choose(lab, st, "hub.apply")
    eng.choose(lab, st, "hub.up")
    assert {o.id: o.open for o in eng.options(lab, st)}["hub.apply"]
    out = eng.choose(lab, st, "hub.apply")
    assert out.choice == "hub.apply" and st.scene == "hub"


def test_locked_choice_raises_and_changes_nothing(lab, st):
    before = st.to_dict()
    with pytest.raises(PlayError) as info:
        eng.choose(lab, st, "hub.villa")
    assert "locked" in str(info.value) and "needs Money ≥ 1000 — you have 100" in str(info.value)
    assert st.to_dict() == before


@pytest.mark.parametrize("cid", ["hub.fly", "notice.read", "", "fly", "hub", "hubx.up"])
def test_unknown_choice_raises_and_changes_nothing(lab, st, cid):
    before = st.to_dict()
    with pytest.raises(PlayError):
        eng.choose(lab, st, cid)
    assert st.to_dict() == before


def test_choice_by_its_id_within_the_scene(lab, st):
    assert eng.choose(lab, st, "up").choice == "hub.up"


def test_no_choice_after_the_end(lab, st):
    h.play(lab, st, "hub.sleep", "market_day.browse", "hub.sleep", "hub.sleep")
    assert st.ended
    with pytest.raises(PlayError, match="over"):
        eng.choose(lab, st, "hub.up")


# ---------------------------------------------------------------- storylets and decks

def fresh_draw(camp, seed, deck="pile", day=1, visited=()):
    st = eng.new_game(camp, seed)
    st.vals["day"] = day
    for sid in visited:
        st.visited[sid] = 1
    return eng.draw(camp, st, deck)


def test_draw_is_deterministic_per_seed(lab):
    for seed in range(20):
        assert fresh_draw(lab, seed) == fresh_draw(lab, seed)
        a, b = eng.new_game(lab, seed), eng.new_game(lab, seed)
        h.play(lab, a, "hub.draw")
        h.play(lab, b, "hub.draw")
        assert a.scene == b.scene and a.rng == b.rng


def test_draw_differs_across_seeds(lab):
    assert {fresh_draw(lab, seed) for seed in range(50)} == {"s_a", "s_b"}


def test_draw_follows_the_weights(lab):
    counts = Counter(fresh_draw(lab, seed) for seed in range(600))
    assert set(counts) == {"s_a", "s_b"}  # s_c needs day >= 2
    share_b = counts["s_b"] / 600  # weight "1 + 2" against 1
    assert 0.68 <= share_b <= 0.82, counts


def test_storylet_conditions_and_repeat(lab):
    day2 = Counter(fresh_draw(lab, seed, day=2) for seed in range(300))
    assert set(day2) == {"s_a", "s_b", "s_c"}
    # drawn storylets without repeat = true do not come back; s_c (repeat = true) does
    assert {fresh_draw(lab, s, day=2, visited=("s_a", "s_b", "s_c")) for s in range(30)} == {"s_c"}


def test_deck_falls_back_when_nothing_is_eligible(lab, mini):
    assert {fresh_draw(lab, s, day=1, visited=("s_a", "s_b")) for s in range(30)} == {"pile_empty"}
    assert fresh_draw(mini, 1, deck="morning", visited=("park", "market")) == "quiet"


def test_drawing_through_choices_never_repeats_a_storylet(lab, st):
    drawn = []
    for _ in range(3):
        eng.choose(lab, st, "hub.draw")
        drawn.append(st.scene)
        eng.choose(lab, st, f"{st.scene}.back")
    assert sorted(drawn[:2]) == ["s_a", "s_b"] and drawn[2] == "pile_empty"


def test_mini_morning_deck_is_drawn_with_the_seed(mini):
    scenes = set()
    for seed in range(40):
        st = eng.new_game(mini, seed)
        h.play(mini, st, "wake.game", "evening.sleep")
        assert st.day == 2 and st.scene in ("park", "market")
        scenes.add(st.scene)
    assert scenes == {"park", "market"}


# ---------------------------------------------------------------- days and endings

def test_calendar_days_and_the_finale(lab, st):
    eng.choose(lab, st, "hub.sleep")
    assert (st.day, st.hour, st.scene) == (2, 7, "market_day")  # the calendar's scene for day 2
    eng.choose(lab, st, "market_day.browse")
    eng.choose(lab, st, "hub.sleep")
    assert (st.day, st.scene) == (3, "hub")  # no calendar entry: day_start
    out = eng.choose(lab, st, "hub.sleep")  # the last day ends
    assert out.ended and st.ended
    assert st.ending == "end_plain" and st.scene == "end_plain"
    assert "judgement" in st.visited  # through the router
    assert len(st.history["credit"]) == lab.days + 1


def test_mini_calendar_opens_the_court_on_day_three(mini):
    st = eng.new_game(mini, 3)
    h.play(mini, st, "wake.shop", "evening.sleep")
    eng.choose(mini, st, eng.open_ids(mini, st)[-1])  # park.walk or market.leave
    eng.choose(mini, st, "evening.sleep")
    assert (st.day, st.scene) == (3, "court")
    eng.choose(mini, st, "court.train")
    assert st.ending == "end_plain"


@pytest.mark.parametrize("setup, ending", [
    ((), "end_plain"),
    (("hub.down", "hub.down", "notice.read", "hub.up", "hub.up"), "end_marked"),  # flag outranks credit
    (("hub.big",), "end_high"),
])
def test_finale_router_picks_the_first_route_that_holds(lab, setup, ending):
    st = eng.new_game(lab, 5)
    h.play(lab, st, *setup)
    h.play(lab, st, "hub.sleep", "market_day.browse", "hub.sleep", "hub.sleep")
    assert st.ending == ending
    assert lab.scenes[ending].ending


def test_history_records_each_day(lab, st):
    eng.choose(lab, st, "hub.up")
    eng.choose(lab, st, "hub.sleep")
    eng.choose(lab, st, "market_day.browse")
    eng.choose(lab, st, "hub.down")
    eng.choose(lab, st, "hub.sleep")
    assert st.history["credit"] == [600, 660, 600]


def test_the_last_night_ends_the_game_even_when_a_rule_fires(lab, st):
    h.play(lab, st, "hub.sleep", "market_day.browse", "hub.sleep", "hub.social", "hub.down")
    assert st.day == 3 and st.vals["credit"] == 540
    eng.choose(lab, st, "hub.sleep_down")  # 480 (crossing) and the day ends
    assert st.ended and st.ending == "end_marked"
    assert len(st.history["credit"]) == lab.days + 1
    assert sum(1 for e in st.ledger if e.rule == "pull" and e.day == 3) == 1


# ---------------------------------------------------------------- dead ends

def test_dead_end_is_raised_not_a_hang(lab, st):
    with pytest.raises(DeadEnd) as info:
        eng.choose(lab, st, "hub.trap")
    e = info.value
    assert isinstance(e, PlayError)
    assert (e.scene, e.day) == ("trap", 1)
    assert e.reasons == ["needs Money ≥ 1000 — you have 100"]
    assert "trap" in str(e) and "needs Money ≥ 1000" in str(e)


def test_dead_end_is_said_in_dutch_with_each_reason(tmp_path, dutch):
    """The player (or the author) who plays in Dutch reads the stuck story in Dutch: the frame and
    the reasons the engine words itself; what the story writes stays the story's own."""
    from game.engine.content import load_campaign_in
    from game.i18n import said, said_error

    camp = load_campaign_in(h.make_lab(tmp_path), "nl", say=said)
    with pytest.raises(DeadEnd) as info:
        eng.choose(camp, eng.new_game(camp, 1), "hub.trap")
    told = said_error(info.value)
    assert told.startswith("doodloper: elke keuze in scène 'trap' zit op slot op dag 1 (") and "1000" in told
    assert "dead end" not in told and "needs" not in told
    assert str(info.value).startswith("dead end: every choice in scene 'trap' is locked on day 1 (")


def test_dead_end_at_the_start(tmp_path):
    root = h.make_lab(tmp_path)
    h.patch(root / "campaign.toml", 'start = "hub"', 'start = "trap"')
    camp = load_campaign(root)
    with pytest.raises(DeadEnd, match="trap"):
        eng.new_game(camp, 1)


def test_dead_end_after_a_day_ends(tmp_path):
    root = h.make_lab(tmp_path)
    h.patch(root / "campaign.toml", '2 = "market_day"', '2 = "trap"')
    camp = load_campaign(root)
    st = eng.new_game(camp, 1)
    with pytest.raises(DeadEnd) as info:
        eng.choose(camp, st, "hub.sleep")
    assert (info.value.scene, info.value.day) == ("trap", 2)


# ---------------------------------------------------------------- determinism, replays, snapshots

def test_same_seed_and_choices_give_the_same_game(lab):
    for seed in (1, 2, 99):
        a = h.random_run(lab, seed, seed * 31, 400, NO_TRAP)
        b = h.random_run(lab, seed, seed * 31, 400, NO_TRAP)
        assert a.to_dict() == b.to_dict()
        c = eng.new_game(lab, seed)
        h.play(lab, c, *a.log)
        assert c.to_dict() == a.to_dict()


def test_different_seeds_give_different_games(lab):
    def game(seed):
        st = eng.new_game(lab, seed)
        for cid in ("hub.draw", "back", "hub.sleep", "market_day.browse", "hub.draw", "back"):
            eng.choose(lab, st, cid)
        return st
    games = [game(seed) for seed in range(12)]
    assert len({tuple(st.visited) for st in games}) > 1  # each seed draws its own storylets
    assert len({tuple(st.log) for st in games}) > 1
    assert all(a.to_dict() == b.to_dict() for a, b in zip(games, map(game, range(12))))


def test_replay_reproduces_the_state(lab):
    for seed in (3, 4, 5):
        played = h.random_run(lab, seed, seed + 1000, 400, NO_TRAP)
        again = eng.replay(lab, seed, list(played.log))
        assert again.to_dict() == played.to_dict()


def test_replay_names_the_step_that_no_longer_fits(lab):
    with pytest.raises(PlayError, match=r"step 2 \(hub\.yacht\)"):
        eng.replay(lab, 1, ["hub.up", "hub.yacht"])
    with pytest.raises(PlayError, match=r"step 1 \(hub\.gone\)"):
        eng.replay(lab, 1, ["hub.gone"])


def test_snapshot_round_trip(lab):
    st = h.random_run(lab, 8, 8, 400, NO_TRAP)
    assert GameState.from_dict(st.to_dict()).to_dict() == st.to_dict()
    mid = eng.new_game(lab, 8)
    h.play(lab, mid, "hub.up", "hub.draw")
    snap = mid.to_dict()
    back = GameState.from_dict(snap)
    assert back.to_dict() == snap


def test_snapshot_survives_toml_and_plays_on_identically(lab):
    st = eng.new_game(lab, 12345)
    h.play(lab, st, "hub.social", "hub.up", "hub.draw")
    eng.choose(lab, st, f"{st.scene}.back")
    back = GameState.from_dict(tomllib.loads(tomli_w.dumps(st.to_dict())))
    assert back.to_dict() == st.to_dict()
    for s in (st, back):  # the generator state travels too: later draws agree
        h.play(lab, s, "hub.draw")
        eng.choose(lab, s, f"{s.scene}.back")
        h.play(lab, s, "hub.sleep", "market_day.browse", "hub.draw")
    assert back.to_dict() == st.to_dict()
    assert back.scene in ("s_a", "s_b", "s_c", "pile_empty")


# ---------------------------------------------------------------- whole games, headless

SEEDS = (1, 2, 3, 17, 2024)


def check_run(camp, st: GameState) -> None:
    assert st.ended and camp.scenes[st.ending].ending
    for sid, sc in camp.scores.items():
        v = st.vals[sid]
        assert sc.min <= v <= sc.max, f"{sid} = {v} outside {sc.min}..{sc.max}"
        assert sc.start + sum(e.delta for e in st.ledger if e.score == sid) == v, \
            f"the ledger of {sid} does not add up to its value"
    for sid, stat in camp.stats.items():
        v = st.vals[sid]
        assert (stat.min is None or v >= stat.min) and (stat.max is None or v <= stat.max), (sid, v)
    assert 1 <= st.day <= camp.days
    for e in st.ledger:
        assert e.rule in camp.rules and e.why


@pytest.mark.parametrize("seed", SEEDS)
def test_lab_and_mini_play_to_an_ending(lab, mini, seed):
    for camp, avoid in ((lab, NO_TRAP), (mini, frozenset())):
        st = h.random_run(camp, seed, seed * 7919, 100 * camp.days + 200, avoid)
        check_run(camp, st)
        assert eng.replay(camp, seed, st.log).to_dict() == st.to_dict()


SHIPPED = [p.name for p in list_campaigns(h.CONTENT)]


def _shipped(name: str):
    if name == "<none>":
        pytest.skip("no campaign under content/ yet")
    try:
        return load_campaign(h.CONTENT / name)
    except ContentError as e:
        pytest.skip(f"content/{name} does not load (see test_shipped_campaign_loads):\n{e.format()}")


@pytest.mark.parametrize("name", SHIPPED or ["<none>"])
def test_shipped_campaign_loads(name):
    if name == "<none>":
        pytest.skip("no campaign under content/ yet")
    try:
        load_campaign(h.CONTENT / name)
    except ContentError as e:
        pytest.fail(f"content/{name} does not load:\n{e.format()}", pytrace=False)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", SHIPPED or ["<none>"])
def test_shipped_campaign_plays_to_an_ending(name, seed):
    camp = _shipped(name)
    try:
        st = h.random_run(camp, seed, seed * 7919, 60 * camp.days + 500)
    except DeadEnd as e:
        pytest.fail(f"content/{name}, seed {seed}: {e}", pytrace=False)
    check_run(camp, st)
    assert eng.replay(camp, seed, st.log).to_dict() == st.to_dict()
