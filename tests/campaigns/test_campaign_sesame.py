"""Sesame Days, played headless: it loads clean and at full size, each ending has a way of playing
that reaches it, the acts the sources name move the score the way they said (diapers up, ten hours
of games down, friends with bad payment records pulling you down), the perks open at their real
thresholds (bikes, cars and Singapore at 700, Japan at 750, flats without a deposit at 650), the
overdue list and the delayed bills bite days later, hidden rules are found out, the score can
still be built late (a provident fund, rentals on credit, the pull of the excellent band) so that
Japan's 750 is within reach, and the challenges can be won.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from game.engine import engine as E
from game.engine.content import load_campaign
from helpers_scripted import Script, ledger_for, story_words

ROOT = Path(__file__).resolve().parents[2] / "content" / "sesame"
CAMP = load_campaign(ROOT)

# Ways out of the game's middle: going home, switching Sesame off, and ignoring the Huabei bill.
LEAVE = {"last_day.leave"}
UNPLUG = {"news_day.unplug"}
IGNORE_BILL = {"statement.ignore", "collector.hang_up", "morn_overdue.wait"}
# Buying on Huabei: every purchase is a line of credit history, and a debt.
HUABEI = ["morn_diapers.huabei", "morn_phone_bill.huabei", "day_phone.huabei",
          "eve_taobao.flagship_huabei", "moving_day.youth", "morn_zhou.buy", "wedding_trip.huabei"]
# What costs points: games at night, late bills, a fake car, doing nothing for the profile.
IDLE = ["eve_games.marathon", "eve_solo_games.play", "first_evening.game", "morn_phone_bill.later",
        "profile.car", "car_check.upload", "profile.done", "morn_profile_nag.ignore",
        "job_fair.nothing", "day_jobless.apply", "morn_diapers.sorry", "eve_taobao.fake",
        "eve_xu_beer.laugh", "morn_courier.skip", "xu_trouble.block", "morn_xu_return.accept",
        "baihe_date.leave", "eve_insomnia.ledger"]
# The forum's recipe: fill in every box, pay on time, buy diapers, save, network upwards.
DUTIFUL = ["arrival.look", "arrival_score.profile", "first_shift.honest", "first_evening.sleep",
           "profile.degree", "profile.title", "profile.address", "profile.done", "car_check.withdraw",
           "morn_profile_nag.degree", "morn_profile_nag.title", "morn_profile_nag.address",
           "morn_diapers.buy", "eve_jia.carrier", "morn_phone_bill.pay", "morn_fund.lock",
           "morn_forum.read", "day_meetup.talk", "eve_qiao.accept", "day_qiao.ask",
           "eve_games.decline", "eve_solo_games.stop", "eve_charity.give", "eve_xu_beer.plan",
           "job_fair.fintech", "job_fair.hotel", "job_fair.carshare", "day_recruiter.fintech",
           "day_recruiter.hotel", "moving_day.free", "moving_day.deposit", "moving_day.village",
           "statement.full", "statement.split", "statement.minimum", "statement.nothing",
           "collector.pay", "morn_overdue.repay", "visa_office.singapore", "visa_office.gift",
           "wedding_trip.fly", "wedding_trip.stay", "day_japan.apply", "morn_car.free",
           "eve_bank.take", "baihe_date.show", "baihe_good.again", "eve_baihe.badge",
           "morn_zhou.no", "eve_taobao.close", "day_phone.tape", "jiebei_due.repay",
           "last_day.close", "xu_trouble.lend", "morn_father.accept", "eve_karaoke.split"]
# A careless month: whatever lowers the mood, and at the bottom, pretending nothing happened.
CARELESS = ["low_point.push_on", "low_point.give_up"]
DROP_FRIENDS = ["xu_trouble.drop", "eve_xu_beer.drop", "morn_zhou.drop"]
KEEP_FRIENDS = {"morn_xu_return.ignore", *DROP_FRIENDS}


SCRIPT = Script(CAMP)
pick, play, first_with = SCRIPT.pick, SCRIPT.play, SCRIPT.first_with


def at(scene: str, **vals):
    """A game standing in ``scene`` with the given values: for checking one choice's effect."""
    st = E.new_game(CAMP, 1)
    st.vals.update(vals)
    E.enter(CAMP, st, scene)
    return st


def gate_open(st, gate: str) -> bool:
    return CAMP.gates[gate].needs.fn(st)


# ---------------------------------------------------------------- the campaign as a whole

def test_loads_without_warnings_and_has_the_promised_size():
    assert CAMP.warnings == []
    assert CAMP.days == 30
    assert len(CAMP.scenes) >= 50
    assert sum(s.ending for s in CAMP.scenes.values()) >= 6
    for kind in ("job", "home", "travel"):
        assert sum(g.kind == kind for g in CAMP.gates.values()) >= 3, kind
    assert story_words(ROOT) >= 18_000  # scene and choice text alone; with replies, titles and whys over 20,000
    assert CAMP.blurb


def test_the_score_is_sesame_shaped():
    score = CAMP.scores["sesame"]
    assert (score.min, score.max, score.start) == (350, 950, 600)
    assert {name: low for low, name in score.bands} == {
        "poor": 350, "fair": 550, "good": 600, "very good": 650, "excellent": 700}
    assert score.domains == {"history": 35, "behaviour": 25, "capacity": 20, "identity": 15,
                             "relations": 5}


def test_every_domain_is_moved_by_some_rule():
    domains = {r.domain for r in CAMP.rules.values() if r.score}
    assert domains == set(CAMP.scores["sesame"].domains)


# ---------------------------------------------------------------- endings

ENDING_PLAYS = {
    # The forum's recipe, keeping every friend: excellent, with friends pulling on the sleeve.
    "ending_excellent": (5, dict(prefer=DUTIFUL, avoid=LEAVE | UNPLUG | IGNORE_BILL | KEEP_FRIENDS | set(HUABEI),
                                 climb=True)),
    # The same, dropping the friends with red numbers: excellent, and alone with it.
    "ending_spotless": (5, dict(prefer=DROP_FRIENDS + DUTIFUL,
                                avoid=LEAVE | UNPLUG | IGNORE_BILL | {"morn_xu_return.accept"} | set(HUABEI),
                                climb=True)),
    # Everything on Huabei: a high score and a statement bigger than the bank balance.
    "ending_borrowed": (2, dict(prefer=HUABEI + DUTIFUL, avoid=LEAVE | UNPLUG | IGNORE_BILL)),
    # Ignoring the statement, owing more than you have: the collectors call your contacts.
    "ending_collected": (2, dict(prefer=["statement.ignore", "collector.hang_up", "morn_overdue.wait", *HUABEI],
                                 avoid=LEAVE | UNPLUG)),
    # Ignoring a smaller statement you could pay: reported overdue, and on the list.
    "ending_overdue": (1, dict(prefer=["statement.ignore", "collector.hang_up", "morn_overdue.wait",
                                       "eve_taobao.flagship_huabei"], avoid=LEAVE | UNPLUG)),
    # Careless with yourself: every choice that lowers the mood, until the second low point.
    "ending_breakdown": (1, dict(key="mood", lean=-1, prefer=CARELESS)),
    # Switching Sesame off after the central bank's remark.
    "ending_unplugged": (1, dict(prefer=["news_day.unplug"], avoid=LEAVE)),
    # Going home to Shaoxing on the last day.
    "ending_home": (1, dict(prefer=["last_day.leave"])),
    # Games all night, late bills, a fake car: outside the good life.
    "ending_outside": (1, dict(prefer=IDLE, avoid=LEAVE | UNPLUG | IGNORE_BILL | set(HUABEI))),
    # Doing the first thing that comes, paying what comes due: good, which is fine.
    "ending_ordinary": (1, dict(prefer=["statement.full", "statement.minimum", "statement.nothing"],
                                avoid=LEAVE | UNPLUG | IGNORE_BILL | set(HUABEI))),
}


@pytest.mark.parametrize("ending", sorted(ENDING_PLAYS))
def test_each_ending_is_reached_by_its_way_of_playing(ending):
    seed, how = ENDING_PLAYS[ending]
    st = play(seed, **how)
    assert st.ending == ending, (st.ending, st.vals["sesame"], st.vals["huabei"], st.vals["money"])
    again = E.replay(CAMP, seed, st.log)
    assert again.ending == ending


def test_every_ending_scene_is_one_of_the_tested_ones():
    assert {s.id for s in CAMP.scenes.values() if s.ending} == set(ENDING_PLAYS)


def _raw(scene: str) -> str:
    return " ".join("".join(p for p in CAMP.scenes[scene].text if isinstance(p, str)).split())


ENDINGS = sorted(s.id for s in CAMP.scenes.values() if s.ending)


def test_at_least_six_endings_each_with_a_hint_for_the_gallery():
    assert len(ENDINGS) >= 6
    for ending in ENDINGS:
        hint = CAMP.scenes[ending].hint
        assert hint and len(hint.split()) <= 20, ending


def test_the_endings_keep_the_central_bank_and_stop_claiming_history_weighs_most():
    assert "central bank" in _raw("ending_overdue")
    assert "central bank" in _raw("ending_outside")
    for ending in ENDINGS:
        text = _raw(ending).lower()
        assert "weighs the most" not in text and "history counts most" not in text.replace("said history counts most", ""), ending


def test_the_endings_name_the_people_and_acts_of_this_month():
    seed, how = ENDING_PLAYS["ending_spotless"]
    st = play(seed, **how)
    words = E.scene_text(CAMP, st)
    assert "Xu Lei" in words
    assert f"{st.vals['sesame']}" in words
    # The same ending reads differently for a player who kept Xu Lei and one who dropped him.
    kept = copy.deepcopy(st)
    kept.friends.add("xu_lei")
    assert E.scene_text(CAMP, kept) != words
    # The diapers bought this month are counted back to you, by number, where there were any.
    if st.acts.get("buy.diapers"):
        assert "diapers" in words


def test_a_careless_month_can_end_early_in_a_breakdown():
    seed, how = ENDING_PLAYS["ending_breakdown"]
    st = play(seed, **how)
    assert st.ending == "ending_breakdown"
    assert st.vals["day"] < 30
    assert st.visited.get("low_point", 0) >= 2


def test_energy_and_mood_are_read_by_rules_choices_and_the_finale():
    assert CAMP.rules["exhausted"].when is not None and CAMP.rules["low_point"].when is not None
    st = at("eve_games", energy=1)
    assert "eve_games.marathon" not in E.open_ids(CAMP, st) or not next(
        o for o in E.options(CAMP, st) if o.id.endswith("marathon")).open
    st = at("eve_games", energy=8)
    assert next(o for o in E.options(CAMP, st) if o.id.endswith("marathon")).open
    routes = " ".join(r.cond.src for r in CAMP.scenes["reckoning"].routes if r.cond)
    assert "mood" in routes


def test_the_baby_carrier_is_baby_goods_not_diapers():
    st = at("eve_jia", money=1000)
    E.apply(CAMP, st, "eve_jia.carrier")
    assert ledger_for(st, "diapers") == []
    assert [e.domain for e in ledger_for(st, "baby_goods")] == ["behaviour"]


# ---------------------------------------------------------------- what moves the score

def test_diapers_for_a_sisters_baby_signal_responsibility():
    st = first_with("morn_diapers")
    before = st.vals["sesame"]
    E.apply(CAMP, st, "morn_diapers.buy")
    [entry] = ledger_for(st, "diapers")
    assert (entry.delta, entry.domain) == (8, "behaviour")
    assert st.vals["sesame"] == before + 8


def test_ten_hours_of_games_mark_an_idle_person():
    st = first_with("eve_games")
    E.apply(CAMP, st, "eve_games.marathon")
    [entry] = ledger_for(st, "marathon")
    assert (entry.delta, entry.domain) == (-15, "behaviour")
    assert "idle person" in entry.why


def test_a_bill_left_till_after_payday_costs_points_three_days_later():
    st = first_with("morn_phone_bill")
    day = st.vals["day"]
    E.apply(CAMP, st, "morn_phone_bill.later")
    assert ledger_for(st, "bill_late") == []
    st = play(0, st=st, until=lambda s: s.vals["day"] >= day + 3 and s.scene not in {"morn_phone_bill"},
              avoid=LEAVE | UNPLUG)
    [entry] = ledger_for(st, "bill_late")
    assert entry.day == day + 3 and entry.delta == -15 and entry.domain == "history"


def test_filling_in_the_profile_raises_the_identity_dimension():
    st = first_with("profile")
    before = st.vals["sesame"]
    for cid in ("profile.degree", "profile.title", "profile.address"):
        E.apply(CAMP, st, cid)
    assert st.vals["sesame"] == before + 12 + 8 + 5
    assert {e.domain for e in st.ledger if e.rule in {"degree", "title", "address"}} == {"identity"}


def test_your_fathers_car_in_your_profile_is_checked_two_days_later():
    st = first_with("profile")
    E.apply(CAMP, st, "profile.car")
    assert ledger_for(st, "car")[0].delta == 10
    E.apply(CAMP, st, "profile.done")
    st = play(0, st=st, until=lambda s: s.scene == "car_check")
    assert st.vals["day"] == 5
    E.apply(CAMP, st, "car_check.upload")
    assert ledger_for(st, "car_found")[0].delta == -25
    assert "id_car" not in st.flags


def test_friends_with_bad_payment_records_pull_you_down_and_dropping_one_helps():
    st = first_with("xu_trouble")
    keep, drop = copy.deepcopy(st), st
    E.apply(CAMP, keep, "xu_trouble.sorry")
    E.apply(CAMP, drop, "xu_trouble.drop")
    assert "xu_lei" in keep.friends and "xu_lei" not in drop.friends
    for s in (keep, drop):
        play(0, st=s, until=lambda x: x.vals["day"] >= 8, avoid=set(DROP_FRIENDS))
    def pull(s):
        return sum(e.delta for e in ledger_for(s, "friends_pull") if e.day >= 6)
    assert pull(drop) > pull(keep)
    # ... and it costs the friend: the evening games and beers with Xu Lei are gone.
    assert not CAMP.scenes["eve_games"].cond.fn(drop)
    assert CAMP.scenes["eve_games"].cond.fn(keep)


def test_paying_xu_leis_debt_raises_his_score_and_so_the_pull_on_yours():
    st = first_with("xu_trouble")
    before = st.vals["npc.xu_lei.sesame"]
    if st.vals["money"] < 1200:
        st.vals["money"] = 1200
    E.apply(CAMP, st, "xu_trouble.pay")
    assert st.vals["npc.xu_lei.sesame"] == before + 60


def test_spending_on_huabei_writes_credit_history_but_the_limit_moves_with_the_score():
    st = at("eve_taobao", sesame=600, huabei=0)
    E.apply(CAMP, st, "eve_taobao.flagship_huabei")
    assert [e.delta for e in ledger_for(st, "huabei_used")] == [2]
    assert st.vals["huabei"] == 1280
    st = at("eve_taobao", sesame=600, huabei=2100)
    assert not gate_open(st, "loan.huabei")
    st.vals["sesame"] = 700
    assert gate_open(st, "loan.huabei")


def test_an_ignored_statement_reports_you_overdue_three_days_later_and_shuts_doors():
    st = at("statement", huabei=1500, money=4000, sesame=680)
    assert gate_open(st, "home.xixi_free") and gate_open(st, "job.hotel")
    E.apply(CAMP, st, "statement.ignore")
    assert "overdue" not in st.flags
    st = play(0, st=st, until=lambda s: s.scene == "collector", avoid=LEAVE | UNPLUG)
    E.apply(CAMP, st, "collector.hang_up")
    st = play(0, st=st, until=lambda s: "overdue" in s.flags or s.ended, avoid=LEAVE | UNPLUG)
    assert "overdue" in st.flags
    assert ledger_for(st, "huabei_overdue")[0].delta == -45
    assert not gate_open(st, "home.xixi_free") and not gate_open(st, "job.hotel")
    assert not gate_open(st, "loan.huabei")


def test_paying_the_overdue_bill_takes_you_off_the_list():
    st = at("morn_overdue", huabei=900, money=2000)
    st.flags.add("overdue")
    E.apply(CAMP, st, "morn_overdue.repay")
    assert st.vals["huabei"] == 0
    assert "overdue" not in st.flags


def test_lists_say_how_you_get_on_and_off():
    lists = CAMP.lists
    assert lists["overdue"].kind == "black" and lists["honest_tenant"].kind == "red"
    assert "Pay" in lists["overdue"].off


def test_a_deposit_free_flat_paid_on_time_puts_you_on_the_honest_tenants_list():
    st = at("moving_day", sesame=660, money=3000)
    E.apply(CAMP, st, "moving_day.free")
    assert "honest_tenant" in st.flags and "home_deposit_free" in st.flags
    assert [e.delta for e in ledger_for(st, "rent_on_time")] == [6]


def test_rating_the_courier_moves_his_own_approval_rating():
    st = first_with("morn_courier")
    before = st.vals["npc.lao_he.approval"]
    E.apply(CAMP, st, "morn_courier.honest")
    assert st.vals["npc.lao_he.approval"] == before - 2


def test_the_tea_shop_has_a_rating_of_its_own_that_honest_refunds_lower_and_renewals_need():
    st = first_with("day_tea")
    before = st.vals["npc.mingqian.positive"]
    E.apply(CAMP, st, "day_tea.refund")
    assert st.vals["npc.mingqian.positive"] == before - 1
    assert CAMP.npcs["mingqian"].kind == "org"
    st.vals["sesame"], st.vals["npc.mingqian.positive"] = 640, 95
    assert gate_open(st, "job.tea_renewal")
    st.vals["npc.mingqian.positive"] = 94
    assert not gate_open(st, "job.tea_renewal")


# ---------------------------------------------------------------- the perks at their real thresholds

@pytest.mark.parametrize("gate, threshold", [
    ("perk.bike_free", 700), ("perk.car_free", 700), ("travel.singapore", 700),
    ("travel.luxembourg", 700), ("travel.japan", 750), ("home.xixi_free", 650),
])
def test_perks_open_at_their_thresholds(gate, threshold):
    st = E.new_game(CAMP, 1)
    st.vals["sesame"] = threshold - 1
    assert not gate_open(st, gate)
    st.vals["sesame"] = threshold
    assert gate_open(st, gate)


def test_the_baihe_badge_needs_a_profile_and_700():
    st = E.new_game(CAMP, 1)
    st.vals["sesame"] = 720
    assert not gate_open(st, "perk.baihe_badge")
    st.flags.add("baihe_profile")
    assert gate_open(st, "perk.baihe_badge")


def test_the_central_bank_remark_is_in_the_news():
    text = "".join(p for p in CAMP.scenes["news_day"].text if isinstance(p, str))
    assert "central bank" in text and "poor guide" in text


# ---------------------------------------------------------------- building the score late

def test_the_fintech_takes_630_with_a_word_from_an_analyst_you_know():
    st = at("job_fair", sesame=640)
    st.flags.add("id_degree")
    assert not gate_open(st, "job.fintech")
    st.friends.add("qiao_yun")
    assert gate_open(st, "job.fintech")
    st.vals["sesame"] = 629
    assert not gate_open(st, "job.fintech")


def test_linking_the_provident_fund_counts_as_fulfilment_capacity():
    st = at("morn_provident", sesame=700)
    E.apply(CAMP, st, "morn_provident.link")
    [entry] = ledger_for(st, "provident")
    assert (entry.delta, entry.domain) == (15, "capacity")
    assert st.vals["sesame"] == 715


def _one_night(sesame: int):
    st = at("morn_plain", sesame=sesame)
    day = st.vals["day"]
    return play(0, st=st, until=lambda s: s.vals["day"] > day, avoid=LEAVE | UNPLUG)


def test_above_700_the_score_climbs_by_itself_and_a_rental_shows_you_why():
    assert [e.delta for e in ledger_for(_one_night(690), "credit_life")] == []
    st = _one_night(720)
    assert [e.delta for e in ledger_for(st, "credit_life")] == [2]
    assert CAMP.rules["credit_life"].hidden and "credit_life" not in st.revealed
    st = at("day_credit_life", sesame=720, money=500)
    E.apply(CAMP, st, "day_credit_life.camera")
    assert [e.delta for e in ledger_for(st, "rental_returned")] == [4]
    assert "credit_life" in st.revealed


def test_the_osaka_trip_comes_back_only_while_japan_is_within_reach():
    japan = CAMP.scenes["day_japan"]
    st = at("morn_plain", day=23, sesame=700)
    assert japan.cond.fn(st)
    st.visited["day_japan"] = 1
    assert not japan.cond.fn(st)
    st.vals["sesame"] = 740
    assert japan.cond.fn(st)
    E.enter(CAMP, st, "day_japan")
    assert "day_japan.apply" not in E.open_ids(CAMP, st)
    st = at("day_japan", day=23, sesame=750, money=1000)
    E.apply(CAMP, st, "day_japan.apply")
    assert "visa_japan" in st.flags


# ---------------------------------------------------------------- hidden rules

def test_the_friends_rule_is_hidden_until_you_drop_a_friend_or_read_the_forum():
    rule = CAMP.rules["friends_pull"]
    assert rule.hidden
    st = first_with("xu_trouble")
    assert "friends_pull" not in st.revealed or st.fired.get("friends_pull", 0) >= 6
    E.apply(CAMP, st, "xu_trouble.drop")
    assert "friends_pull" in st.revealed


def test_moving_house_is_a_hidden_rule_the_fintech_job_shows_you():
    st = at("moving_day", sesame=600, money=3000)
    E.apply(CAMP, st, "moving_day.village")
    assert ledger_for(st, "moved")[0].delta == -6
    assert "moved" not in st.revealed
    E.enter(CAMP, st, "job_fintech_hired")
    E.apply(CAMP, st, "job_fintech_hired.start")
    assert "moved" in st.revealed


# ---------------------------------------------------------------- challenges

CHALLENGE_PLAYS = {
    "deposit_free": dict(prefer=DUTIFUL, avoid=LEAVE | UNPLUG | IGNORE_BILL | set(HUABEI), climb=True),
    "singapore": dict(prefer=DROP_FRIENDS + DUTIFUL, avoid=LEAVE | UNPLUG | IGNORE_BILL | set(HUABEI),
                      climb=True),
    "no_one_left_behind": dict(prefer=["xu_trouble.pay", *DUTIFUL],
                               avoid=LEAVE | UNPLUG | IGNORE_BILL | KEEP_FRIENDS | set(HUABEI), climb=True),
    "high_950": dict(prefer=DROP_FRIENDS + DUTIFUL, avoid=LEAVE | UNPLUG | IGNORE_BILL | set(HUABEI),
                     climb=True),
    "idle_person": dict(prefer=IDLE, avoid=LEAVE | UNPLUG | IGNORE_BILL | set(HUABEI)),
}


def won(cid, run):
    """What a won challenge must show besides being done (test_campaigns_whole runs the races)."""
    if cid == "high_950":
        assert run.result.score >= 700
    if cid == "idle_person":
        assert run.result.score < 550
