"""Honest Jinhai, played headless: it loads clean, every ending has a known way of playing that
reaches it (one of them, worn out, before day 30), the municipal record moves the way Rongcheng's
points did (1,000 to start, five for a ticket, thirty for a rescue, straight to grade C for drunk
driving, which is also the criminal record), hard work is scored, the court's spending restriction
and its list of dishonest debtors are two things (the list needs the means to pay and a refusal),
the lists weigh more than the number, ratings of a stall, a doctor, a teacher and a factory move with your choices and come back
days later, and the challenges can be won.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import engine as E
from game.engine.content import load_campaign
from helpers_scripted import Script, ledger_for, story_words

ROOT = Path(__file__).resolve().parents[2] / "content" / "state"
CAMP = load_campaign(ROOT)

# Acts that cost points, or leave the city, or the scheme: avoided unless a way of playing wants them.
BAD = {
    "eve_banquet.drive", "morn_crossing.cross", "day_deliveries.red", "day_uncle_car.fast",
    "court_letter.drawer", "morn_bailiff.hang_up", "eve_post_factory.post", "eve_guo_ming.share",
    "eve_book.novel", "eve_games.stay_up", "eve_games.one", "late_night.two",
    "day_supermarket.console", "day_supermarket.whisky", "day_bills.wait", "day_office_grid.fudge",
    "trip_after.stay", "last_day.withdraw", "last_day.ticket", "new_rules.withdraw", "collapse.stay",
    "morn_group_post.plus_one", "eve_residents_meeting.against",
}
LEAVE = {"trip_after.stay", "last_day.ticket"}
CRASH = {"collapse.stay"}
OPT_OUT = {"new_rules.withdraw", "last_day.withdraw"}
PAY_COURT = {"morn_bailiff.pay", "morn_bailiff.instalments"}
DROP_FRIENDS = ["eve_li_wei_court.drop", "eve_guo_ming.drop", "eve_guo_ming_gone.drop",
                "eve_han_rui_second.drop", "eve_chen_jing_angry.argue"]
# A model citizen: consent, good deeds, the right school, and no friends with red numbers.
GOOD = ["credit_hall.sign", "credit_hall_ask.sign", "court_letter.pay", "day_canal_rescue.jump",
        "day_volunteer.vest", "morn_blood_bus.give", *DROP_FRIENDS[:4], "eve_square_dance.carry",
        "morn_mother_call.diapers", "day_supermarket.diapers", "morn_grades.sign",
        "day_study_session.attend", "morn_flag.stay", "eve_mother.stay", "morn_redlist.interview",
        "morn_score_report.share", "day_bills.pay", "eve_book.model", "flat_viewing.talent",
        "school_place.experimental", "job_interview.office", "job_interview.bank",
        "last_day.dinner", "trip_after.home", "morn_wallet.committee", "day_mediation.sign",
        "eve_red_songs.sing", "morn_typhoon.sandbags", "day_honesty_class.attend", "eve_residents_meeting.for",
        "morn_group_post.share_video", "eve_zhang_tea.help"]
# The same, loyal to Li Wei and Guo Ming.
LOYAL = [g for g in GOOD if g not in DROP_FRIENDS] + [
    "eve_li_wei_court.sorry", "eve_han_rui_second.refuse", "eve_guo_ming.like", "eve_guo_ming_gone.fish"]
# A careful stall-keeper: receipts, scrubbing, refunds, paying the flour man, spending little.
STALL = ["day_stall_idea.register", "eve_stall.receipts", "day_stall_inspection.scrub",
         "eve_stall_review.refund", "day_stall_supplier.pay", "morn_stall_plaque.hang",
         "morn_stall_warning.scrub", "job_interview.none_free", "court_letter.dispute",
         "credit_hall.sign", "flat_viewing.mother", "trip_day.stay", "school_place.district",
         "last_day.dinner", "trip_after.home", "day_clinic.clinic", "day_supermarket.browse",
         "morn_mother_call.later", "eve_chen_jing.card", "eve_mahjong.pass", "eve_blind_date.leave",
         "day_bike.walk", "day_travel_agent.leave", "day_school_meeting.five", "morn_exhausted.go",
         "day_bills.pay"]
# Everything that costs points, with consent on file so that grade D comes with supervision.
WORST = ["credit_hall.sign", "credit_hall_ask.sign", *sorted(BAD - LEAVE - OPT_OUT - CRASH), *DROP_FRIENDS,
         "last_day.dinner", "trip_after.home", "new_rules.keep"]


# Work every hour offered, and stay up after: the careless way to the ward before the month is out.
CARELESS = ["collapse.stay", "job_interview.bank", "job_interview.school", "job_interview.factory",
            "day_work.overtime", "eve_boss_calls.go", "day_factory_floor.open", "eve_games.stay_up",
            "late_night.two", "morn_exhausted.go", "morn_typhoon.sandbags", "day_volunteer.vest"]


SCRIPT = Script(CAMP)
pick, play, first_with, gate = SCRIPT.pick, SCRIPT.play, SCRIPT.first_with, SCRIPT.gate


def reach(ending: str):
    """The first seed (of a few) on which the ending's way of playing gets there, and the game.

    Storylets are drawn by the seed, so a new storylet in a deck can move a way of playing off
    one seed; a handful of seeds keeps the test about the way of playing, not one draw."""
    how = ENDINGS[ending]
    for seed in range(30):
        st = play(seed, **how)
        if st.ending == ending:
            return seed, st
    raise AssertionError(f"no seed reaches {ending}")


def _reaches(seed: int, scene: str) -> bool:
    st = play(seed, until=lambda s: s.scene == scene, avoid=BAD)
    return st.scene == scene


def due(day: int, days: int) -> int:
    """The day a `later` scene opens: a calendar day keeps its own scene, so it waits a day."""
    day += days
    return day + 1 if day in CAMP.calendar else day


# ---------------------------------------------------------------- the campaign as a whole

def test_loads_without_warnings_and_has_the_promised_size():
    assert CAMP.warnings == []
    assert len(CAMP.scenes) >= 100
    assert sum(s.ending for s in CAMP.scenes.values()) >= 8
    assert all(s.hint for s in CAMP.scenes.values() if s.ending)
    for kind in ("job", "home", "travel"):
        assert sum(g.kind == kind for g in CAMP.gates.values()) >= 3, kind
    assert story_words(ROOT) >= 20_000


def test_the_record_starts_everyone_on_a_thousand_graded_a():
    score = CAMP.scores["credit"]
    assert score.start == 1000
    assert {name: low for low, name in score.bands} == {
        "D": 0, "C": 600, "B": 850, "A": 960, "AA": 1030, "A+++": 1050}
    assert set(score.domains) == {"government", "commerce", "society", "justice"}
    st = E.new_game(CAMP, 1)
    assert st.vals["credit"] == 1000
    assert "1,000" in CAMP.blurb


def test_every_domain_is_moved_by_some_rule():
    domains = {r.domain for r in CAMP.rules.values() if r.domain}
    assert domains == {"government", "commerce", "society", "justice"}


def test_the_lists_say_how_you_get_on_and_off():
    lists = CAMP.lists
    assert lists["court_blacklist"].kind == "black" and lists["redlist"].kind == "red"
    for lst in lists.values():
        assert lst.on and lst.off


# ---------------------------------------------------------------- every ending, and how to get there

ENDINGS = {
    "ending_spotless": dict(prefer=GOOD, avoid=BAD),
    "ending_model": dict(prefer=LOYAL, avoid=BAD),
    "ending_stall": dict(prefer=STALL, avoid=BAD),
    "ending_ordinary": dict(
        prefer=["credit_hall.refuse", "court_letter.dispute", "eve_li_wei_beer.lend", "day_supermarket.console",
                "day_supermarket.whisky", "eve_games.one", "eve_li_wei_court.sorry", "new_rules.keep",
                "last_day.dinner", "trip_after.home"],
        avoid={"court_letter.drawer", "eve_banquet.drive", "morn_bailiff.hang_up", *LEAVE, *OPT_OUT}),
    "ending_precarious": dict(
        prefer=["court_letter.instalments", "morn_instalment.pay", "morn_instalment.last", "eve_banquet.drive",
                "job_interview.hongda", "job_interview.delivery", "morn_crossing.cross", "day_bills.wait",
                "eve_post_factory.post", "eve_guo_ming.share", "eve_games.stay_up", "late_night.two",
                "new_rules.keep", "last_day.dinner", "trip_after.home"],
        avoid={"court_letter.drawer", "morn_bailiff.hang_up", "morn_instalment.skip", *LEAVE, *OPT_OUT}),
    "ending_blacklisted": dict(
        prefer=["court_letter.drawer", "morn_bailiff.hang_up", "court_blacklisted.carry_on", "last_day.dinner",
                "trip_after.home"],
        avoid=PAY_COURT | LEAVE | OPT_OUT | CRASH | {"court_blacklisted.pay_now"}),
    "ending_list_mates": dict(
        prefer=["court_letter.drawer", "morn_bailiff.hang_up", "court_blacklisted.li_wei", "last_day.dinner",
                "trip_after.home"],
        avoid=PAY_COURT | LEAVE | OPT_OUT | CRASH | {"court_blacklisted.pay_now", *DROP_FRIENDS}),
    "ending_watch": dict(prefer=WORST, avoid=PAY_COURT | LEAVE | OPT_OUT),
    "ending_opted_out": dict(
        prefer=["credit_hall.sign", "new_rules.withdraw", "court_letter.pay", "court_letter.instalments",
                "last_day.dinner", "trip_after.home"],
        avoid={"court_letter.drawer", *LEAVE}),
    "ending_gold_stars": dict(prefer=["morn_honesty_wall.give", "day_charity_drive.big", "eve_mother.tonic",
                                      "morn_routine.books", "day_credit_repair.pledge", *GOOD], avoid=BAD),
    "ending_collapse": dict(prefer=CARELESS, avoid={"collapse.sign_out", "collapse.chen_jing"}),
    "ending_left": dict(
        prefer=["trip_day.slow", "trip_day.hsr", "trip_wedding.card", "trip_after.stay", "court_letter.dispute",
                "credit_hall.sign", "new_rules.keep"],
        avoid=OPT_OUT),
}


@pytest.mark.parametrize("ending", sorted(ENDINGS))
def test_each_ending_is_reached_by_its_way_of_playing(ending):
    seed, st = reach(ending)
    again = E.replay(CAMP, seed, st.log)
    assert again.ending == ending and again.vals == st.vals


def test_every_ending_scene_is_one_of_the_tested_ones():
    assert {s.id for s in CAMP.scenes.values() if s.ending} == set(ENDINGS)


def test_the_model_citizen_drops_friends_and_the_loyal_one_keeps_them():
    spotless, loyal = reach("ending_spotless")[1], reach("ending_model")[1]
    assert "redlist" in spotless.flags and not {"li_wei", "guo_ming"} & spotless.friends
    assert {"li_wei", "guo_ming"} & loyal.friends


def test_a_careless_month_of_overtime_ends_in_the_ward_before_day_30():
    seed, st = reach("ending_collapse")
    assert st.vals["day"] < 30
    assert ledger_for(st, "hard_work_overtime")  # every evening of it was scored
    assert "corridor C" in E.scene_text(CAMP, st) or "ward" in E.scene_text(CAMP, st)


def test_the_collapse_can_be_survived_once():
    st = first_with("collapse", prefer=[c for c in CARELESS if c != "collapse.stay"])
    E.apply(CAMP, st, "collapse.sign_out")
    assert not st.ended and "worn_out" in st.flags


def test_endings_name_the_people_of_this_month():
    loyal = reach("ending_model")[1]
    words = E.scene_text(CAMP, loyal)
    assert "li_wei" in loyal.friends and "Li Wei" in words
    gold = reach("ending_gold_stars")[1]
    assert gold.vals["money"] < 200 and "gold star" in E.scene_text(CAMP, gold).lower()


def test_hard_work_is_a_core_value_and_is_scored():
    st = first_with("day_work", avoid=BAD, prefer=["job_interview.bank", "job_interview.school"])
    before = len(ledger_for(st, "hard_work"))
    E.apply(CAMP, st, "day_work.work")
    assert [e.delta for e in ledger_for(st, "hard_work")[before:]] == [1]
    assert ledger_for(st, "hard_work")[-1].domain == "society"
    late = first_with("day_work", avoid=BAD, prefer=["job_interview.bank", "job_interview.school"])
    E.apply(CAMP, late, "day_work.overtime")
    assert [e.delta for e in ledger_for(late, "hard_work_overtime")][-1:] == [3]


# ---------------------------------------------------------------- the record, as Rongcheng kept it

def test_a_traffic_ticket_costs_five_points():
    st = first_with("day_uncle_car", avoid=BAD)
    before = st.vals["credit"]
    E.apply(CAMP, st, "day_uncle_car.fast")
    assert [e.delta for e in ledger_for(st, "traffic_ticket")] == [-5]
    assert ledger_for(st, "traffic_ticket")[0].domain == "justice"
    assert st.vals["credit"] - before == -5 + 2  # the ticket, and the visit to your mother


def test_a_heroic_act_earns_thirty():
    st = first_with("day_canal_rescue", avoid=BAD)
    E.apply(CAMP, st, "day_canal_rescue.jump")
    assert [e.delta for e in ledger_for(st, "heroic")] == [30]
    assert "hero" in st.flags


def test_drunk_driving_drops_you_straight_to_grade_c():
    st = first_with("eve_banquet", avoid=BAD, prefer=["job_interview.bank", "job_interview.school"])
    assert st.vals["credit"] >= 850
    E.apply(CAMP, st, "eve_banquet.drive")
    assert 600 <= st.vals["credit"] <= 849  # grade C
    assert "drunk_driving" in st.flags
    assert not gate(st, "job.delivery").open


def test_good_grades_bring_free_bikes_and_the_heating_discount_but_only_with_consent():
    st = E.new_game(CAMP, 1)
    E.apply(CAMP, st, "arrival.register")
    refused = E.replay(CAMP, 1, st.log)
    E.apply(CAMP, st, "credit_hall.sign")
    E.apply(CAMP, refused, "credit_hall.refuse")
    assert gate(st, "perk.bike_free").open  # grade A, consent on file
    assert not gate(refused, "perk.bike_free").open
    assert not gate(st, "perk.heating_discount").open  # heating wants AA
    st.vals["credit"] = refused.vals["credit"] = 1040
    assert gate(st, "perk.heating_discount").open and not gate(refused, "perk.heating_discount").open


# ---------------------------------------------------------------- the lists weigh more than the number

DRAWER = dict(prefer=["credit_hall.sign", "court_letter.drawer"], avoid=PAY_COURT | BAD - {"court_letter.drawer"})


def test_an_unpaid_judgment_restricts_spending_and_paying_lifts_it():
    st = play(5, until=lambda s: "spending_limits" in s.flags, **DRAWER)
    assert st.vals["day"] == 12 and st.scene == "new_rules"  # a calendar day keeps its own scene
    st = play(5, st=st, until=lambda s: s.scene == "court_notice", **DRAWER)
    assert st.vals["day"] == 13  # the notice comes the next morning
    assert [e.delta for e in ledger_for(st, "court_listing")] == [-60]
    for gid in ("travel.hsr", "travel.flight", "travel.star_hotel", "school.private"):
        assert not gate(st, gid).open, gid
        assert "court" in gate(st, gid).reason
    assert gate(st, "travel.slow_train").open
    st = play(5, st=st, until=lambda s: "judgment_debtor" not in s.flags, prefer=sorted(PAY_COURT), avoid=BAD)
    paid = st.vals["day"]
    assert "spending_limits" in st.flags  # the court has the money; the restriction has not heard yet
    st = play(5, st=st, until=lambda s: "spending_limits" not in s.flags, avoid=BAD)
    assert st.vals["day"] == paid + 2
    assert [e.delta for e in ledger_for(st, "court_delist")] == [50]
    assert gate(st, "travel.hsr").open and gate(st, "travel.flight").open


def test_the_dishonest_list_needs_the_means_to_pay_and_a_refusal():
    st = play(5, until=lambda s: s.scene == "court_notice", **DRAWER)
    assert "spending_limits" in st.flags and "court_blacklist" not in st.flags
    poor, able = E.replay(CAMP, 5, st.log), E.replay(CAMP, 5, st.log)
    poor.vals["money"], able.vals["money"] = 200, 5000
    E.apply(CAMP, poor, "court_notice.carry_on")
    E.apply(CAMP, able, "court_notice.carry_on")
    while poor.vals["day"] < 20 and not poor.ended:  # a debtor who never has the money
        poor.vals["money"] = min(poor.vals["money"], 200)
        E.apply(CAMP, poor, SCRIPT.pick(poor, prefer=DRAWER["prefer"],
                                        avoid=DRAWER["avoid"] | {"day_micro_loan.take"}))
    assert "court_blacklist" not in poor.flags and "spending_limits" in poor.flags  # cannot pay: not dishonest
    able = play(5, st=able, until=lambda s: s.scene == "court_blacklisted" or s.ended,
                prefer=["morn_bailiff.hang_up", "court_blacklisted.carry_on"], avoid=DRAWER["avoid"])
    assert able.scene == "court_blacklisted" and "court_blacklist" in able.flags
    assert [e.delta for e in ledger_for(able, "court_dishonest")] == [-100]
    assert not gate(able, "job.bank_teller").open and not gate(able, "loan.micro").open


def test_the_gym_letter_comes_from_a_basic_court_and_says_a_debt_is_not_a_crime():
    text = CAMP.scenes["court_letter"].text if isinstance(CAMP.scenes["court_letter"].text, str) else ""
    st = first_with("court_letter", avoid=BAD)
    words = E.scene_text(CAMP, st)
    assert "Intermediate" not in words and "District People's Court" in words
    assert "not a crime" in words
    assert "dangerous driving" in CAMP.lists["drunk_driving"].on and "crime" in CAMP.lists["drunk_driving"].on
    del text


def test_a_restricted_debtor_with_a_good_number_still_cannot_fly():
    st = play(5, until=lambda s: "spending_limits" in s.flags, **DRAWER)
    st.vals["credit"] = 1100
    assert not gate(st, "travel.flight").open
    assert "court" in gate(st, "travel.flight").reason


def test_the_redlist_needs_consent_and_lets_go_when_you_withdraw_it():
    st = play(2, until=lambda s: "redlist" in s.flags, prefer=GOOD, avoid=BAD)
    assert st.vals["credit"] >= 1050 and "consent_given" in st.flags
    assert gate(st, "home.talent_flat").open and gate(st, "travel.green_channel").open
    refuser = play(2, until=lambda s: s.vals["credit"] >= 1050 or s.ended,
                   prefer=["credit_hall.refuse", "credit_hall_ask.refuse", *GOOD],
                   avoid=BAD | {"new_rules.sign_now"})
    assert refuser.vals["credit"] >= 1050 and "redlist" not in refuser.flags
    st = play(2, until=lambda s: s.scene == "last_day", st=st, prefer=GOOD, avoid=BAD)
    E.apply(CAMP, st, "last_day.withdraw")
    assert "redlist" not in st.flags and "opted_out" in st.flags


def _hero_then_worse(seed: int):
    """A hero on the redlist from grade AA, then a month gone wrong: the game at grade A, and below it."""
    st = play(seed, until=lambda s: "redlist" in s.flags, prefer=GOOD, avoid=BAD)
    if "hero" not in st.flags or not 1030 <= st.vals["credit"] < 1050:
        return None
    redlisted = E.replay(CAMP, seed, st.log)
    worse = dict(prefer=sorted(BAD - LEAVE - OPT_OUT - CRASH - {"court_letter.drawer", "morn_bailiff.hang_up"}),
                 avoid=PAY_COURT | LEAVE | OPT_OUT | CRASH | {"court_letter.drawer"})
    at_a = play(seed, st=st, until=lambda s: s.vals["credit"] < 1030 or s.ended, **worse)
    if at_a.ended or at_a.vals["credit"] < 960:  # drunk driving goes straight past grade A
        return None
    a_copy = E.replay(CAMP, seed, at_a.log)
    below = play(seed, st=at_a, until=lambda s: s.vals["credit"] < 960 or s.ended, **worse)
    return (redlisted, a_copy, below) if not below.ended else None


def test_a_hero_goes_on_the_redlist_from_grade_aa_and_the_list_outlasts_the_number():
    found = next(r for r in map(_hero_then_worse, range(40)) if r)
    st, at_a, below = found
    assert gate(st, "home.talent_flat").open and gate(st, "perk.heating_discount").open
    assert at_a.vals["credit"] < 1030 and "redlist" in at_a.flags  # grade A: still on the list, still discounted
    assert gate(at_a, "perk.heating_discount").open
    assert below.vals["credit"] < 960 and "redlist" not in below.flags and "court_blacklist" not in below.flags


def test_grade_d_brings_key_supervision_only_with_consent():
    seed, _ = reach("ending_watch")
    st = play(seed, until=lambda s: "watch_list" in s.flags, **ENDINGS["ending_watch"])
    assert st.vals["credit"] < 600 and st.scene == "watch_notice"
    assert not gate(st, "home.old_block").open and not gate(st, "school.experimental").open
    refuser = E.new_game(CAMP, 1)
    E.apply(CAMP, refuser, "arrival.register")
    E.apply(CAMP, refuser, "credit_hall.refuse")
    refuser.vals["credit"] = 550
    E.apply(CAMP, refuser, "first_evening.tired")
    assert refuser.vals["credit"] < 600 and "watch_list" not in refuser.flags


# ---------------------------------------------------------------- ratings that you move, and that come back

def test_the_stall_has_a_rating_of_its_own_that_receipts_raise_and_cash_lowers():
    st = first_with("eve_stall", prefer=STALL, avoid=BAD)
    rating = st.vals["npc.stall.rating"]
    cash = E.replay(CAMP, st.seed, st.log)
    E.apply(CAMP, st, "eve_stall.receipts")
    E.apply(CAMP, cash, "eve_stall.cash")
    assert st.vals["npc.stall.rating"] == rating + 2
    assert cash.vals["npc.stall.rating"] == rating - 4
    assert ledger_for(st, "stall_tax") and not ledger_for(cash, "stall_tax")


def test_bought_reviews_are_found_out_three_days_later():
    st = first_with("eve_stall_review", prefer=STALL, avoid=BAD)
    day = st.vals["day"]
    rating = st.vals["npc.stall.rating"]
    E.apply(CAMP, st, "eve_stall_review.buy")
    assert st.vals["npc.stall.rating"] == rating + 12
    st = play(0, st=st, until=lambda s: s.scene == "stall_reviews_purged" or s.ended, prefer=STALL, avoid=BAD)
    assert st.scene == "stall_reviews_purged" and st.vals["day"] == due(day, 3)
    assert [e.delta for e in ledger_for(st, "fake_reviews")] == [-15]
    rating = st.vals["npc.stall.rating"]
    E.apply(CAMP, st, "stall_reviews_purged.deny")
    assert st.vals["npc.stall.rating"] == rating - 20


def test_two_stars_for_a_tired_doctor_move_her_to_nights_four_days_later():
    st = first_with("clinic_rate", avoid=BAD)
    assert st.vals["npc.dr_fang.rating"] == 86
    E.apply(CAMP, st, "clinic_rate.two")
    day = st.vals["day"]
    assert st.vals["npc.dr_fang.rating"] == 78
    assert [e.delta for e in ledger_for(st, "rate_doctor")] == [1]
    st = play(0, st=st, until=lambda s: s.scene in ("dr_fang_moved", "dr_fang_board") or s.ended, avoid=BAD)
    assert st.scene == "dr_fang_moved" and st.vals["day"] >= day + 4


def test_five_stars_keep_her_on_the_board():
    st = first_with("clinic_rate", avoid=BAD)
    E.apply(CAMP, st, "clinic_rate.five")
    st = play(0, st=st, until=lambda s: s.scene in ("dr_fang_moved", "dr_fang_board") or s.ended, avoid=BAD)
    assert st.scene == "dr_fang_board"


def test_parents_ratings_decide_whether_teacher_wu_is_invited_for_a_conversation():
    st = first_with("day_school_meeting", avoid=BAD)
    harsh = E.replay(CAMP, st.seed, st.log)
    E.apply(CAMP, st, "day_school_meeting.five")
    E.apply(CAMP, harsh, "day_school_meeting.two")
    ends = ("teacher_wu_talk", "teacher_wu_star")
    st = play(0, st=st, until=lambda s: s.scene in ends or s.ended, avoid=BAD)
    harsh = play(0, st=harsh, until=lambda s: s.scene in ends or s.ended, avoid=BAD)
    assert st.scene == "teacher_wu_star" and harsh.scene == "teacher_wu_talk"


def test_a_complaint_to_the_school_brings_a_call_from_the_head_teacher():
    st = first_with("day_school_stars", avoid=BAD)
    rating = st.vals["npc.harbour_school.rating"]
    E.apply(CAMP, st, "day_school_stars.three")
    assert st.vals["npc.harbour_school.rating"] == rating - 5
    day = st.vals["day"]
    st = play(0, st=st, until=lambda s: s.scene == "school_head_calls" or s.ended, avoid=BAD)
    assert st.scene == "school_head_calls" and st.vals["day"] >= day + 3


def test_a_report_on_the_polluting_factory_comes_back_three_days_later():
    st = first_with("day_factory_smell", avoid=BAD)
    E.apply(CAMP, st, "day_factory_smell.report")
    day = st.vals["day"]
    assert st.vals["npc.hongda.rating"] == 81 and not ledger_for(st, "report_polluter")
    st = play(0, st=st, until=lambda s: s.scene == "report_back" or s.ended, avoid=BAD)
    assert st.scene == "report_back" and st.vals["day"] == due(day, 3)
    assert st.vals["npc.hongda.rating"] == 58
    assert [e.delta for e in ledger_for(st, "report_polluter")] == [10]
    assert not gate(st, "job.hongda").open


def test_a_hidden_rule_is_found_out_when_han_rui_names_it():
    st = next(st for st in (first_with("eve_han_rui_second", seeds=[seed], avoid=BAD) for seed in range(1, 40)
                            if _reaches(seed, "eve_han_rui_second"))
              if "friends_pull" not in st.revealed)
    assert "friends_pull" not in st.revealed
    E.apply(CAMP, st, "eve_han_rui_second.home")
    assert "friends_pull" in st.revealed


# ---------------------------------------------------------------- challenges

def _off_the_list(st) -> str:
    if "spending_limits" in st.flags:
        return pick(st, prefer=sorted(PAY_COURT), avoid=BAD)
    return pick(st, prefer=["credit_hall.sign", "court_letter.drawer"],
                avoid=PAY_COURT | BAD - {"court_letter.drawer"})


CHALLENGE_PLAYS = {
    "off_the_list": _off_the_list,
    "redlisted": lambda st: pick(st, prefer=GOOD, avoid=BAD),
    "grade_a_stall": lambda st: pick(st, prefer=STALL, avoid=BAD),
    "whistleblower": lambda st: pick(st, prefer=["day_factory_smell.report", "day_factory_floor.report"],
                                     avoid=BAD),
    "a_triple_plus": lambda st: pick(st, prefer=GOOD, avoid=BAD),
    "grade_d": lambda st: pick(st, prefer=WORST, avoid=PAY_COURT | LEAVE | OPT_OUT),
}
