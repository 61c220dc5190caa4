"""The SyRI campaign, played headless: it loads clean, every ending is reachable by a known way of
playing, the hidden model moves the risk score the way the case file describes, its rules come to
light one by one, and the challenges can be won. A careless month can end before day 30 (the money
runs out after the benefit stops; or you do, on the kitchen floor), every ending has a hint for the
gallery, and the last page names the people this player kept or dropped.

The risk score runs the other way from a credit score: lower is better, and at 75 a report is
registered that nobody tells you about.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.simulate_strategies import fork
from game.engine import engine as E
from game.engine.content import load_campaign
from helpers_scripted import Script, ledger_for, story_words

ROOT = Path(__file__).resolve().parents[2] / "content" / "syri"
CAMP = load_campaign(ROOT)

MOVE = {"flat_offer.charlois", "flat_offer.schiedam", "flat_offer.spijkenisse"}
JOIN = {"day_coalition.sign", "day_coalition.with_fatima"}
JOBS = {"job_interview.care", "job_interview.nights", "job_interview.market"}
HIDDEN = {r.id for r in CAMP.rules.values() if r.hidden}


SCRIPT = Script(CAMP, seed=1)
pick, play, gate = SCRIPT.pick, SCRIPT.play, SCRIPT.gate


def at(scene: str, seed: int = 1, **how):
    st = play(seed, until=lambda s: s.scene == scene, **how)
    assert st.scene == scene, f"seed {seed} never reached {scene}"
    return st


def test_loads_without_warnings_and_has_the_promised_size():
    assert CAMP.warnings == []
    assert CAMP.days == 30
    assert len(CAMP.scenes) >= 50
    assert sum(s.ending for s in CAMP.scenes.values()) >= 6
    for kind in ("benefit", "job", "home", "travel"):
        assert sum(g.kind == kind for g in CAMP.gates.values()) >= 3, kind
    risk = CAMP.scores["risk"]
    assert risk.direction == "lower" and (risk.min, risk.max) == (0, 100)
    assert [name for _, name in risk.bands] == ["low", "elevated", "high", "risk report"]


def test_the_story_runs_to_fifteen_thousand_words_of_scenes_and_choices():
    assert story_words(ROOT) >= 15000


def test_the_model_is_hidden_from_the_start():
    st = E.new_game(CAMP, 1)
    assert len(HIDDEN) >= 12
    assert not st.revealed & HIDDEN


# ---------------------------------------------------------------- every ending, and how to get there

ENDINGS = {
    # Take a job on the books at the interview, then the private flat in Schiedam.
    "ending_moved": (1, dict(prefer=["job_interview.care", "job_interview.nights", "flat_offer.schiedam"],
                             avoid=JOIN)),
    # Live as the files read suspiciously, and leave the investigation letter in the drawer.
    "ending_stopped": (1, dict(prefer=["fraud_letter.drawer"], avoid=MOVE | JOIN, lean=1)),
    # Keep Bilal on the sofa unregistered, get flagged, open the door: a brother's shoes.
    "ending_repay": (2, dict(prefer=["sofa_talk.stay", "bilal_register.friend", "fraud_letter.cooperate",
                                     "home_visit.let_in", "decision_repay.cannot"],
                             avoid=MOVE | JOIN | {"morn_stairwell.register", "new_year_post.report_all"},
                             lean=1)),
    # Sign up at the residents' evening and put your name to a statement.
    "ending_claimant": (1, dict(prefer=["residents_evening.sign_up", "day_coalition.sign"], avoid=MOVE,
                                lean=-1)),
    # Register Bilal honestly, keep nothing off the books, get flagged anyway, cooperate.
    "ending_cleared": (2, dict(prefer=["sofa_talk.stay", "morn_stairwell.register", "bilal_register.register",
                                       "fraud_letter.cooperate", "home_visit.let_in", "decision_cleared.kees"],
                               avoid=MOVE | JOIN | {"christmas_eve.go_quiet", "day_cleaning_offer.take",
                                                    "day_cleaning_offer.take_declare"},
                               lean=1)),
    # Keep your head down until the new year, then pile up signals: flagged too late for a decision.
    "ending_file_open": (7, dict(prefer=["fraud_letter.cooperate", "home_visit.let_in"],
                                 avoid=MOVE | JOIN | JOBS, lean=lambda st: -1 if st.day < 21 else 1)),
    # The care home contract and a quiet life.
    "ending_working": (1, dict(prefer=["job_interview.care"], avoid=MOVE | JOIN, lean=-1)),
    # No job, no move, no statement, every choice the quietest one.
    "ending_unseen": (1, dict(avoid=MOVE | JOIN | JOBS, lean=-1)),
    # Send Bilal away, keep your evenings to yourself, take the contract: everything the file likes.
    "ending_clean": (1, dict(prefer=["sofa_talk.deadline", "mothers_kitchen.share", "job_interview.care"],
                             avoid=MOVE | JOIN, lean=-1)),
}

# The two ways a month ends early, before day 30.
EARLY = {
    # The careless way: the letter in the drawer, the door kept shut, the money all the way down.
    "ending_cutoff": (1, dict(prefer=["fraud_letter.drawer", "home_visit.refuse", "decision_stopped.sister",
                                      "cutoff.sister"], avoid=MOVE | JOIN, lean=1)),
    # Every choice that costs you a little more of yourself, until the kitchen floor.
    "ending_sister": (1, dict(prefer=["the_floor.sister"], avoid=MOVE | JOIN, lean=-1, key="mood")),
}


@pytest.mark.parametrize("ending", sorted(ENDINGS))
def test_each_ending_is_reached_by_its_way_of_playing(ending):
    seed, how = ENDINGS[ending]
    st = play(seed, **how)
    assert st.ending == ending
    assert st.day == 30
    again = E.replay(CAMP, seed, st.log)
    assert again.ending == ending and again.vals == st.vals


@pytest.mark.parametrize("ending", sorted(EARLY))
def test_a_careless_month_can_end_before_day_30(ending):
    seed, how = EARLY[ending]
    st = play(seed, **how)
    assert st.ending == ending
    assert st.day < 30
    again = E.replay(CAMP, seed, st.log)
    assert again.ending == ending and again.vals == st.vals


def test_when_the_money_runs_out_the_neighbours_are_a_way_back_once_each():
    seed, how = EARLY["ending_cutoff"]
    st = play(seed, until=lambda s: s.scene == "cutoff", **{**how, "prefer": how["prefer"][:3]})
    assert st.scene == "cutoff" and st.vals["money"] == 0 and "benefit_stopped" in st.flags
    ids = E.open_ids(CAMP, st)
    assert "cutoff.sister" in ids and "cutoff.mama" in ids
    E.apply(CAMP, st, "cutoff.mama")
    assert st.vals["money"] > 0 and "rescued_by_mama" in st.flags
    assert not st.ended


def test_every_ending_scene_is_one_of_the_tested_ones():
    assert {s.id for s in CAMP.scenes.values() if s.ending} == set(ENDINGS) | set(EARLY)
    assert len(set(ENDINGS) | set(EARLY)) >= 6


def test_every_ending_has_a_hint_for_the_gallery():
    for s in CAMP.scenes.values():
        if s.ending:
            assert s.hint and len(s.hint.split()) <= 25, s.id


def test_the_endings_name_the_people_of_this_month():
    # The same ending reads differently for a player who kept Fatima and one who dropped her.
    seed, how = ENDINGS["ending_clean"]
    st = play(seed, **how)
    assert st.ending == "ending_clean"
    text = E.scene_text(CAMP, st)
    assert "Bilal" in text and "Crooswijk" in text  # he was sent away, and the ending says where
    other = fork(st)
    other.friends = set(other.friends) ^ {"fatima"}
    assert E.scene_text(CAMP, other) != text  # keeping or dropping Fatima is in the last page


def test_the_game_says_where_it_leaves_the_record():
    # The real visits never started (FACTS.md): the opening's leaflet and every ending say so.
    opening = (ROOT / "scenes" / "opening.toml").read_text(encoding="utf-8")
    assert "second run" in opening and "July 2019" in opening
    endings = [s for s in CAMP.scenes.values() if s.ending]
    told = [s for s in endings if "real" in (ROOT / "scenes" / "endings.toml").read_text(encoding="utf-8")
            .split(f"[scene.{s.id}]")[1].split("[scene.")[0]]
    assert len(told) >= len(endings) - 2


# ---------------------------------------------------------------- what the model reads

def test_living_in_the_screened_neighbourhood_is_the_first_input():
    st = E.new_game(CAMP, 1)
    E.apply(CAMP, st, "arrival.walk")
    [entry] = ledger_for(st, "postcode")
    assert entry.delta == 12 and entry.domain == "housing"
    assert "postcode" not in st.revealed


def test_low_water_use_raises_the_risk_and_a_neighbour_tells_you_why():
    st = at("water_statement")
    assert st.day == 4
    E.apply(CAMP, st, "water_statement.ask")
    [entry] = ledger_for(st, "water_low")
    assert entry.delta == 15 and entry.domain == "housing"
    assert "water_low" not in st.revealed
    assert st.scene == "fatima_story"
    E.apply(CAMP, st, "fatima_story.hand")
    assert {"water_low", "two_adults", "tip"} <= st.revealed


def test_showering_at_home_shows_on_the_meter_days_later():
    st = at("water_statement")
    E.apply(CAMP, st, "water_statement.showers")
    while not ledger_for(st, "water_normal"):
        E.apply(CAMP, st, pick(st, avoid=MOVE | JOIN))
    assert ledger_for(st, "water_normal")[0].day == 4 + 6
    assert ledger_for(st, "water_normal")[0].delta == -3


def test_registering_your_brother_honestly_costs_points_and_money():
    st = at("bilal_register", prefer=["sofa_talk.stay"])
    before = st.vals["risk"]
    E.apply(CAMP, st, "bilal_register.register")
    assert ledger_for(st, "two_adults")[0].delta == 12
    assert ledger_for(st, "allowance_change")[-1].delta == 6
    assert st.vals["risk"] == before + 18
    day = st.day
    while st.day == day:
        E.apply(CAMP, st, pick(st))
    assert st.fired.get("cost_sharer") == 1  # the smaller benefit, from the next night on


def test_reporting_every_change_is_itself_a_signal():
    st = at("new_year_post", prefer=["sofa_talk.stay"], avoid=MOVE | JOIN)
    assert st.day == 19
    goodwill = st.vals["npc.benefits_office.goodwill"]
    E.apply(CAMP, st, "new_year_post.report_all")
    assert ledger_for(st, "declare_income")[-1].delta == 4
    assert ledger_for(st, "allowance_change")[-1].delta == 6
    assert st.vals["npc.benefits_office.goodwill"] == goodwill + 2


def test_a_job_on_the_books_is_what_the_files_like_best():
    st = at("job_interview", prefer=["sofa_talk.deadline"], avoid=MOVE | JOIN, lean=-1)
    assert gate(st, "job.care_home").open
    E.apply(CAMP, st, "job_interview.care")
    [entry] = ledger_for(st, "job_contract")
    assert entry.delta == -15 and entry.domain == "work"
    assert not gate(st, "benefit.bijstand").open and gate(st, "benefit.childcare_allowance").open


def test_the_job_coach_holds_placements_while_the_file_carries_a_signal():
    st = E.new_game(CAMP, 1)
    st.vals["risk"] = 60
    care = gate(st, "job.care_home")
    assert not care.open and "on hold" in care.reason
    assert not gate(st, "home.charlois").open


def test_a_trip_nobody_reported_is_found_five_days_later():
    st = at("christmas_eve", avoid=MOVE | JOIN, lean=-1)
    assert gate(st, "travel.morocco").open
    E.apply(CAMP, st, "christmas_eve.go_quiet")
    assert not ledger_for(st, "abroad_unreported")
    while not ledger_for(st, "abroad_unreported"):
        E.apply(CAMP, st, pick(st, avoid=MOVE | JOIN))
    entry = ledger_for(st, "abroad_unreported")[0]
    assert entry.day == 16 + 5 and entry.delta == 12


def test_the_company_you_keep_pulls_on_your_score():
    st = at("fatima_story", prefer=["water_statement.ask"])
    near, far = fork(st), fork(st)
    E.apply(CAMP, near, "fatima_story.hand")
    E.apply(CAMP, far, "fatima_story.distance")
    assert "fatima" in near.friends and "fatima" not in far.friends
    for s in (near, far):
        day = s.day
        while s.day == day:
            E.apply(CAMP, s, pick(s))
    def pull(s):
        return ledger_for(s, "company")[-1].delta
    assert pull(far) < pull(near)


# ---------------------------------------------------------------- flagged, and not told

def test_a_risk_report_is_registered_silently_and_the_letter_comes_three_days_later():
    how = dict(prefer=["fraud_letter.cooperate"], avoid=MOVE | JOIN, lean=1)
    st = play(1, until=lambda s: "risk_register" in s.flags, **how)
    assert st.vals["risk"] >= 75
    assert "risk_report" not in st.revealed  # the flagged are not told
    flagged_on = st.day
    while st.scene != "fraud_letter":
        E.apply(CAMP, st, pick(st, **how))
    # Three days on, or the morning after, when a fixed day of the calendar came first.
    assert flagged_on + 3 <= st.day <= flagged_on + 5
    assert st.day not in CAMP.calendar  # the letter never takes a fixed day's place
    E.apply(CAMP, st, "fraud_letter.cooperate")
    assert "under_investigation" in st.flags
    assert not gate(st, "travel.morocco").open and not gate(st, "job.care_home").open


def test_refusing_the_home_visit_stops_the_benefit():
    how = dict(prefer=["fraud_letter.cooperate", "home_visit.refuse"], avoid=MOVE | JOIN, lean=1)
    st = play(1, until=lambda s: s.scene == "decision_stopped", **how)
    assert st.scene == "decision_stopped"
    assert 0 < ledger_for(st, "refuse")[0].delta <= 20  # up to the top of the scale
    E.apply(CAMP, st, "decision_stopped.food_bank")
    bijstand = gate(st, "benefit.bijstand")
    assert not bijstand.open and "Stopped" in bijstand.reason
    assert not gate(st, "travel.rotterdampas").open


def test_an_unpaid_repayment_lands_on_the_credit_registry():
    seed, how = ENDINGS["ending_repay"]
    st = play(seed, until=lambda s: "bkr" in s.flags, **how)
    assert {"repayment_demand", "bkr"} <= st.flags
    assert not gate(st, "credit.phone").open
    assert not gate(st, "benefit.rent_allowance").open


def test_the_ruling_on_5_february_cuts_the_score_and_opens_the_whole_rulebook():
    st = play(1, until=lambda s: s.scene in ("ruling_court", "ruling_radio"), avoid=MOVE, lean=1)
    assert st.day == 27
    assert CAMP.scenes[st.scene].title == "Wednesday 5 February 2020"
    before = st.vals["risk"]
    E.apply(CAMP, st, E.open_ids(CAMP, st)[0])
    assert st.vals["risk"] == before - round(before / 3)
    assert "syri_halted" in st.flags
    assert HIDDEN <= st.revealed
    # From now on the files are no longer linked: the data rules fall silent; the office's do not.
    ruled = len(st.ledger)
    while not st.ended:
        E.apply(CAMP, st, pick(st, avoid=MOVE, lean=1))
    linked = {"company", "water_low", "allowance_change", "tip", "cash_deposit", "arrears", "risk_report"}
    assert not {e.rule for e in st.ledger[ruled:]} & linked


def test_a_request_for_your_file_comes_back_blacked_out_but_not_empty():
    st = at("day_library_request", seed=3, avoid=MOVE | JOIN)
    E.apply(CAMP, st, "day_library_request.send")
    day = st.day
    while st.scene != "file_arrives":
        E.apply(CAMP, st, pick(st, avoid=MOVE | JOIN))
    assert day + 5 <= st.day <= day + 7  # a fixed day of the calendar goes first
    E.apply(CAMP, st, "file_arrives.read")
    assert {"cash_deposit", "cooperate", "risk_report"} <= st.revealed


# ---------------------------------------------------------------- challenges

CHALLENGE_PLAYS = {
    "no_grounds": ENDINGS["ending_cleared"][1],
    "article_8": dict(prefer=["residents_evening.sign_up", "day_coalition.sign"], avoid=MOVE, lean=-1),
    "nothing_to_see": dict(avoid=MOVE | JOIN | JOBS, lean=-1),
    "paper_trail": dict(prefer=["sofa_talk.stay", "day_cleaning_offer.take_declare", "bilal_register.register",
                                "job_interview.care", "job_interview.nights", "job_interview.market"],
                        avoid=MOVE | JOIN),
    "high_risk": dict(avoid=MOVE, lean=1),
    "come_and_get_us": EARLY["ending_cutoff"][1],
}
