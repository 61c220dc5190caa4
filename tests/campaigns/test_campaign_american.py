"""Fine Print, played headless: it loads clean, the one score Dana can watch is a FICO-shaped credit
score moved the way the real one is (a late payment far more than an inquiry, a paid collection not
at all), every ending is reached by a named way of playing (and one well before day 30), refusals
quote the consumer-reporting-agency form letter and never name the score that did it, the broker's
file shows what was bought and never what was guessed, the Guardian's 5 June is the turning point
before which the call records cannot be acted on, three hops and SSSS work as the story guesses,
the rulebook fills in as hidden rules are found out, and every challenge can be won.

Assertions are on ids, flags, values and the form letters' mechanical phrases, not on prose: the
words are the writers', the keys are the lead's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.simulate_strategies import fork
from game.describe import lists_on, rule_known
from game.engine import engine as E
from game.engine.challenges import load_challenges
from game.engine.content import load_campaign
from helpers_scripted import Script, ledger_for, story_words

ROOT = Path(__file__).resolve().parents[2] / "content" / "american"
CAMP = load_campaign(ROOT)

HIDDEN = {r.id for r in CAMP.rules.values() if r.hidden}
CREDIT_RULES = {r.id for r in CAMP.rules.values() if "credit" in r.score}

# The four answers to the news, and every other choice that acts on it.
RESPONSES = {"after_news.encrypt", "after_news.stop_calling", "after_news.speak", "after_news.shrug"}
ON_THE_NEWS = RESPONSES | {"eve_amir.app", "morn_amir_text.app", "eve_letter.send", "eve_meeting.speak"}
RESPONSE_FLAGS = {"encrypted", "stopped_calling", "spoke_up", "shrugged"}
SPEAK = {"after_news.speak", "eve_letter.send", "eve_meeting.speak"}
VERITY = {"day_verity_hiring.take"}
LEASES = {"greenleaf_application.renew", "greenleaf_application.maple"}
# Every way of falling out with someone this month.
FALL_OUT = {"eve_matt.break", "coupon_matt.fight", "morn_carol_call.fight", "coupon_carol.hang_up",
            "eve_tasha.ask_back", "day_tasha_cosign.drop", "eve_kim.maybe"}
# The paper trail that gets the other Dana Brandt out of the file in time for Mercy's interview.
CLEAN = ["arrival.mailbox", "arrival_mail.pay_car", "arrival_hartwells.cash", "day_apply_mercy.apply",
         "day_library.meridian", "broker_file.dispute_id", "keller_news.sign", "background_pre.dispute_id",
         "day_courthouse.letter", "day_reputation.ask", "day_amir_shop.review", "day_bookkeeping.beg_review",
         "day_library.search_self", "day_reputation.renown", "mercy_room.explain", "mercy_yes.accept"]
# What the credit-score forums say: pay the car, read your report, dispute with the paper, keep the job.
GOOD = ["arrival_mail.pay_car", "credit_report.dispute_eob", "day_library.annual_report",
        "keller_news.sign", "background_pre.dispute_id"]
# Tasha's lotion and vitamins and Jayden's diapers, on Dana's own Rewards card.
TASHAS_THINGS = ["arrival_hartwells.card", "day_hartwells.tasha_list", "morn_tasha_text.yes"]


SCRIPT = Script(CAMP, seed=1)
pick, play, gate = SCRIPT.pick, SCRIPT.play, SCRIPT.gate


def at(scene: str, seed: int = 1, **how):
    """A game stopped at its first visit to ``scene``, played by ``how``."""
    st = play(seed, until=lambda s: s.scene == scene, **how)
    assert st.scene == scene, f"seed {seed} never reached {scene}"
    return st


def placed(scene: str, **vals):
    """A game set down in ``scene`` after the first morning's paperwork, with the given values."""
    st = E.new_game(CAMP, 1)
    for cid in ("arrival.mailbox", "arrival_mail.stack", "arrival_hartwells.cash", "arrival_amir.owe",
                "arrival_evening.own_phone"):
        E.apply(CAMP, st, cid)
    st.vals.update(vals)
    E.enter(CAMP, st, scene)
    return st


def on(st, until, **how):
    """Play on from ``st`` until ``until`` holds (or the game ends)."""
    return play(st=st, until=until, **how)


def open_gate(st, gid: str) -> bool:
    return bool(CAMP.gates[gid].needs.fn(st))


def shown(st) -> set[str]:
    return {lst.id for lst in lists_on(CAMP, st)}


# ---------------------------------------------------------------- the campaign as a whole

def test_loads_without_warnings_and_has_the_promised_size():
    assert CAMP.warnings == []
    assert CAMP.days == 30
    assert len(CAMP.scenes) >= 50
    assert sum(s.ending for s in CAMP.scenes.values()) >= 6
    for kind, least in (("job", 3), ("home", 3), ("loan", 3), ("travel", 2)):
        assert sum(g.kind == kind for g in CAMP.gates.values()) >= least, kind
    assert CAMP.calendar[5] == "june_fifth" and CAMP.calendar[6] == "prism_day"
    assert CAMP.blurb and CAMP.about


def test_the_story_runs_to_twenty_thousand_words_of_scenes_and_choices():
    assert story_words(ROOT) >= 20_000


def test_the_one_score_she_can_watch_is_fico_shaped():
    credit = CAMP.main_score
    assert credit.id == "credit" and list(CAMP.scores) == ["credit"]
    assert (credit.min, credit.max, credit.start, credit.direction) == (300, 850, 641, "higher")
    assert {name: low for low, name in credit.bands} == {
        "poor": 300, "fair": 580, "good": 670, "very good": 740, "exceptional": 800}
    assert credit.band(641) == "fair" and credit.band(690) == "good"
    # The weights myFICO publishes, and each of them moved by some rule.
    assert credit.domains == {"payment": 35, "owed": 30, "history": 15, "new_credit": 10, "mix": 10}
    assert {CAMP.rules[r].domain for r in CREDIT_RULES} == set(credit.domains)


def test_the_credit_rules_are_open_and_the_other_scores_are_kept_in_the_dark():
    # Every rule that moves the credit score is in the rulebook from the start ...
    assert CREDIT_RULES and not CREDIT_RULES & HIDDEN
    # ... and most of the others are hidden: all but money, body and nerve, and the broker's letters.
    others = [r for r in CAMP.rules.values() if r.id not in CREDIT_RULES]
    assert sum(r.hidden for r in others) > len(others) / 2
    assert len(HIDDEN) >= 15
    st = E.new_game(CAMP, 1)
    assert not st.revealed
    # On the first morning the broker, the NSA and the three hops are already at work, unseen.
    E.apply(CAMP, st, "arrival.mailbox")
    assert {"mixed_file", "call_records", "three_hops"} <= set(st.fired)
    assert {"namesake_record", "mugshot", "hop_three"} <= st.flags
    assert not st.revealed & HIDDEN
    assert shown(st) == set()  # on two black lists, and the life screen shows neither


# ---------------------------------------------------------------- every ending, and how to get there

ENDINGS = {
    # Encrypt after the news, fly to the wedding, and ask at the booth why: the plane leaves without you.
    "ending_secondary": (1, dict(prefer=["prism_day.think", "after_news.encrypt", "day_book_trip.card",
                                         "airport_checkin.take", "ssss_screening.ask"], lean=1)),
    # The paper trail: the broker's file disputed with ID, the background check answered, the name
    # searched and buried or reviewed; then Mercy's interview.
    "ending_corrected": (6, dict(prefer=["prism_day.work", *CLEAN], avoid=SPEAK | VERITY)),
    # Apply for Maple Court with Matt, appeal the refusal with ID, keep Matt, carry the recliner in.
    "ending_maple": (1, dict(prefer=["arrival_mail.pay_car", "arrival_hartwells.cash", "arrival_evening.let_him",
                                     "greenleaf_application.maple", "maple_no.appeal", "keller_news.sign",
                                     "background_pre.dispute_id", "maple_keys.move", "day_library.annual_report",
                                     "credit_report.dispute_eob", "bills_day.all", "greenleaf_application.done"],
                                avoid=FALL_OUT | {"eve_matt.card_dinner", "broker_file.income", "day_cashnow.take",
                                                  "mercy_yes.accept", "day_apply_mercy.apply",
                                                  "greenleaf_application.renew"},
                                lean=1)),
    # The forums' recipe, and no answer to the news at all.
    "ending_good_number": (5, dict(prefer=["prism_day.work", *GOOD], avoid=SPEAK | VERITY | RESPONSES, lean=1)),
    # Say it in public, with your name on it, every time you are asked.
    "ending_on_record": (1, dict(prefer=["prism_day.think", *sorted(SPEAK)], avoid=VERITY)),
    # Tasha's things on your own Rewards card, and a fight when Matt opens the booklet.
    "ending_coupons": (1, dict(prefer=[*TASHAS_THINGS, "coupon_matt.fight"], avoid=SPEAK | VERITY)),
    # Take the job at Verity Recovery, calling people who owe.
    "ending_other_end": (2, dict(prefer=["day_verity_hiring.take"], avoid=SPEAK)),
    # Stop calling Amir after the news.
    "ending_quiet_line": (1, dict(prefer=["prism_day.think", "after_news.stop_calling"], avoid=SPEAK | VERITY)),
    # Let Greenleaf's form go by and, when the lease runs out, go home to your mother.
    "ending_old_room": (1, dict(prefer=["prism_day.work", "greenleaf_application.done", "lease_none.carol"],
                                avoid=SPEAK | VERITY | LEASES | FALL_OUT)),
    # Let Greenleaf's form go by and sleep on Tasha's couch.
    "ending_month_to_month": (1, dict(prefer=["prism_day.work", "greenleaf_application.done", "lease_none.couch"],
                                      avoid=SPEAK | VERITY | LEASES)),
    # Decide the news is not worth caring about, and sign up for the store's app.
    "ending_nothing_to_hide": (1, dict(prefer=["prism_day.think", "after_news.shrug", "lease_none.couch"],
                                       avoid=SPEAK | VERITY)),
}

# The way a month ends early: refuse the background check, lose the job, spend down, sell what
# sells, and on the second round of overdraft texts, the Corolla.
EARLY = {
    "ending_car": (1, dict(prefer=["keller_news.refuse", "let_go.go", "crisis_broke.sell", "crisis_broke.car"],
                           avoid=VERITY | {"crisis_broke.carol", "let_go.ui"}, lean=-1, key="money")),
}


@pytest.mark.parametrize("ending", sorted(ENDINGS))
def test_each_ending_is_reached_by_its_way_of_playing(ending):
    seed, how = ENDINGS[ending]
    st = play(seed, **how)
    assert st.ending == ending, (st.ending, st.vals["credit"], sorted(st.flags))
    assert st.day == 30
    again = E.replay(CAMP, seed, st.log)
    assert again.ending == ending and again.vals == st.vals and again.flags == st.flags


@pytest.mark.parametrize("ending", sorted(EARLY))
def test_a_careless_month_can_end_before_day_30(ending):
    seed, how = EARLY[ending]
    st = play(seed, **how)
    assert st.ending == ending
    assert st.day < 30
    assert {"laid_off", "in_car"} <= st.flags and "employed" not in st.flags
    assert st.visited["crisis_broke"] == 2  # the first time something sells; the second, nothing does
    again = E.replay(CAMP, seed, st.log)
    assert again.ending == ending and again.vals == st.vals and again.flags == st.flags


def test_the_corolla_is_also_where_the_lease_can_end_on_day_28():
    seed, how = ENDINGS["ending_old_room"]
    st = play(seed, until=lambda s: s.scene == "lease_none", **how)
    assert st.day == 28 and "lease_none.carol" in E.open_ids(CAMP, st)
    alone = fork(st)
    alone.friends.discard("carol")
    alone.vals["money"] = 279
    E.enter(CAMP, alone, "lease_none")
    assert "lease_none.car" in E.open_ids(CAMP, alone) and "lease_none.carol" not in E.open_ids(CAMP, alone)
    E.apply(CAMP, alone, "lease_none.car")
    alone = on(alone, lambda s: False, avoid=SPEAK | VERITY)
    assert alone.ending == "ending_car" and alone.day == 30


def test_every_ending_scene_is_one_of_the_tested_ones():
    assert {s.id for s in CAMP.scenes.values() if s.ending} == set(ENDINGS) | set(EARLY)
    assert len(set(ENDINGS) | set(EARLY)) >= 6


def test_every_ending_has_a_hint_for_the_gallery():
    for s in CAMP.scenes.values():
        if s.ending:
            assert s.hint and len(s.hint.split()) <= 25, s.id


@pytest.mark.parametrize("ending", sorted(ENDINGS))
def test_the_endings_name_the_people_and_acts_of_this_month_and_end_on_the_credit_number(ending):
    seed, how = ENDINGS[ending]
    st = play(seed, **how)
    text = E.scene_text(CAMP, st)
    assert str(st.vals["credit"]) in text
    # Keeping or losing one of the people, or undoing one of the acts, of this month changes the last page.
    changed = []
    for person in ("matt", "tasha", "amir", "carol", "kim"):
        other = fork(st)
        other.friends = set(other.friends) ^ {person}
        changed += [person] if E.scene_text(CAMP, other) != text else []
    for flag in sorted(st.flags):
        other = fork(st)
        other.flags.discard(flag)
        changed += [flag] if E.scene_text(CAMP, other) != text else []
    assert changed, ending


# ---------------------------------------------------------------- the credit score, as the real one moves

def test_the_may_car_payment_caught_up_on_day_one_saves_sixty_points_on_day_14():
    st = at("arrival_mail")
    paid, late = fork(st), fork(st)
    E.apply(CAMP, paid, "arrival_mail.pay_car")
    E.apply(CAMP, late, "arrival_mail.stack")
    assert [(e.delta, e.domain) for e in ledger_for(paid, "car_caught_up")] == [(2, "payment")]
    paid = on(paid, lambda s: s.day >= 15)
    late = on(late, lambda s: s.day >= 15, avoid={"eve_bills.car"})
    assert ledger_for(paid, "car_thirty_days") == [] and "late_car" not in paid.flags
    [entry] = ledger_for(late, "car_thirty_days")
    assert (entry.day, entry.delta, entry.domain) == (14, -60, "payment")
    assert "late_car" in late.flags
    # Seven years on the report: the teller's job and the refinance shut on it, whatever the number.
    late.vals["credit"] = 700
    assert not open_gate(late, "job.bank") and not open_gate(late, "loan.refi")


def test_a_late_payment_costs_more_than_a_collection_and_far_more_than_an_inquiry():
    def score(rule):
        return CAMP.rules[rule].score["credit"]
    assert score("car_thirty_days") < score("collection_reported") < score("hard_inquiry") < 0 < score("bill_on_time")
    assert score("cosigned_late") == score("car_thirty_days")  # a co-signed late payment is your late payment
    # Played: asking the credit union what it would lend costs seven points of new credit.
    st = placed("day_credit_union")
    before = st.vals["credit"]
    E.apply(CAMP, st, "day_credit_union.ask")
    [entry] = ledger_for(st, "hard_inquiry")
    assert (entry.delta, entry.domain) == (-7, "new_credit") and st.vals["credit"] == before - 7
    # ... and the Corolla's thirty days eight and a half times that.
    assert abs(score("car_thirty_days")) > 8 * abs(entry.delta)


def test_the_old_er_bill_lands_on_day_9_and_paying_it_changes_nothing():
    st = play(1, until=lambda s: "collections" in s.flags)
    [entry] = ledger_for(st, "collection_reported")
    assert (entry.day, entry.delta, entry.domain) == (9, -45, "payment")
    assert st.scene == "collection_letter"
    assert "collections" in shown(st)  # this one she is told about
    assert not open_gate(st, "loan.credit_union")
    st.vals["credit"] = 700
    assert not open_gate(st, "job.bank")
    payer = fork(st)
    payer.vals["money"] = 500
    E.enter(CAMP, payer, "morn_collector")
    assert "morn_collector.pay_for_delete" not in E.open_ids(CAMP, payer)  # she has not read her report
    before = payer.vals["credit"]
    E.apply(CAMP, payer, "morn_collector.pay")
    assert payer.fired["collection_paid"] == 1 and ledger_for(payer, "collection_paid") == []
    assert payer.vals["credit"] == before and payer.vals["money"] == 500 - 212
    assert {"collections", "paid_collection"} <= payer.flags


@pytest.mark.parametrize("dispute, won", [("credit_report.dispute_eob", True),
                                          ("credit_report.dispute_online", False)])
def test_a_dispute_wins_six_days_later_only_with_the_insurers_paper(dispute, won):
    st = play(1, until=lambda s: "collections" in s.flags)
    E.enter(CAMP, st, "day_library")
    E.apply(CAMP, st, "day_library.annual_report")
    assert st.scene == "credit_report"
    day, before = st.day, st.vals["credit"]
    E.apply(CAMP, st, dispute)
    assert "pulled_report" in st.flags and st.vals["credit"] == before
    st = on(st, lambda s: s.fired.get("collection_won") or s.fired.get("collection_lost"))
    assert st.day == day + 6
    if won:
        [entry] = ledger_for(st, "collection_won")
        assert (entry.delta, entry.domain) == (45, "payment")  # what the collection cost, no more
        assert "collections" not in st.flags and "collection_deleted" in st.flags
    else:
        assert ledger_for(st, "collection_won") == [] and st.fired["collection_lost"] == 1
        assert "collections" in st.flags  # "verified as accurate"


def test_pay_for_delete_is_offered_once_she_has_read_her_report():
    st = play(1, until=lambda s: "collections" in s.flags)
    E.enter(CAMP, st, "day_library")
    E.apply(CAMP, st, "day_library.annual_report")
    E.apply(CAMP, st, "credit_report.print")
    assert "pulled_report" in st.flags
    st.vals["money"] = 500
    E.enter(CAMP, st, "morn_collector")
    before = st.vals["credit"]
    E.apply(CAMP, st, "morn_collector.pay_for_delete")
    assert [e.delta for e in ledger_for(st, "pay_for_delete")] == [45] and st.vals["credit"] == before + 45
    assert "collections" not in st.flags and {"collection_deleted", "paid_collection"} <= st.flags


@pytest.mark.parametrize("card, delta", [(0, 16), (1000, 16), (1450, 2), (1500, 0), (1700, -8), (2000, -20)])
def test_the_weekly_balance_report_weighs_the_card_against_its_limit(card, delta):
    st = play(1, until=lambda s: s.day == 6 and CAMP.scenes[s.scene].choices[0].end_day)
    st.vals["card"] = card
    E.apply(CAMP, st, E.open_ids(CAMP, st)[0])
    assert st.day == 7 and st.fired["balances_reported"] == 1
    assert [(e.delta, e.domain) for e in ledger_for(st, "balances_reported")] == ([(delta, "owed")] if delta else [])


def test_the_credit_union_loan_costs_an_inquiry_and_age_and_pays_back_in_mix_and_owed():
    st = placed("day_credit_union")
    assert open_gate(st, "loan.credit_union")
    card, before = st.vals["card"], st.vals["credit"]
    E.apply(CAMP, st, "day_credit_union.loan")
    moved = {e.rule: (e.delta, e.domain) for e in st.ledger}
    assert moved == {"hard_inquiry": (-7, "new_credit"), "new_debt": (-12, "owed"),
                     "new_account_age": (-6, "history"), "mix_installment": (14, "mix")}
    assert st.vals["credit"] == before - 11 and st.vals["card"] == card - 900
    assert not open_gate(st, "loan.credit_union")  # one loan


def test_closing_the_oldest_card_shortens_the_history():
    st = placed("eve_bills")
    E.apply(CAMP, st, "eve_bills.close_old")
    assert [(e.delta, e.domain) for e in ledger_for(st, "closed_oldest")] == [(-15, "history")]
    assert "closed_old_card" in st.flags


def test_bills_paid_on_the_sixteenth_count_six_points_each():
    st = at("bills_day")
    assert st.day == 16
    for choice, payments in (("bills_day.all", 3), ("bills_day.card_it", 2), ("bills_day.car_only", 1),
                             ("bills_day.skip", 0)):
        s = fork(st)
        s.vals["money"] = 1000
        before = s.vals["credit"]
        E.apply(CAMP, s, choice)
        assert [e.delta for e in ledger_for(s, "bill_on_time") if e.day == 16] == [6] * payments, choice
        assert s.vals["credit"] == before + 6 * payments


@pytest.mark.parametrize("friend, delta", [(True, 3), (False, -60)])
def test_tashas_car_payment_is_on_your_report_too(friend, delta):
    st = at("day_tasha_cosign", seed=2)
    before = st.vals["credit"]
    E.apply(CAMP, st, "day_tasha_cosign.sign")
    assert {e.rule: e.delta for e in st.ledger if e.day == st.day and e.rule in ("new_debt", "hard_inquiry")} \
        == {"new_debt": -12, "hard_inquiry": -7}
    assert st.vals["credit"] == before - 19
    signed = st.day
    if not friend:
        st.friends.discard("tasha")
    st = on(st, lambda s: ledger_for(s, "cosigned_paid") or ledger_for(s, "cosigned_late") or s.ended,
            avoid=FALL_OUT)
    [entry] = ledger_for(st, "cosigned_paid" if friend else "cosigned_late")
    assert entry.day == signed + 10 and entry.delta == delta and entry.domain == "payment"
    assert ("tasha_late" in st.flags) is not friend


# ---------------------------------------------------------------- refusals: the form letter, never the reason

CRA = "consumer report"  # "consumer report" / "consumer reporting agency": what the FCRA makes them say


def test_a_refused_renewal_quotes_the_agency_and_names_no_score():
    st = at("renewal_no", prefer=["greenleaf_application.renew", "greenleaf_application.done"])
    assert st.day == 11  # three days after the application: the other Dana Brandt's eviction
    assert "namesake_record" in st.flags and not open_gate(st, "home.renewal")
    E.apply(CAMP, st, "renewal_no.ok")
    home = gate(st, "home.sycamore")
    assert not home.open and "based in whole or in part" in home.reason and "consumer reporting agency" in home.reason
    for secret in ("Meridian", "SafeLease", "Dana M", "eviction", "namesake"):
        assert secret not in home.reason
    assert "namesake_record" not in shown(st)  # she still does not know what was in the file


SECRETS = ("Meridian", "SafeLease", "VeriPoint", "Lookwell", "Localist", "BustedOhio", "Dana M", "namesake",
           "mugshot", "segment", "Credit-Hungry", "collection", "NSA")


@pytest.mark.parametrize("gid, flags, vals, letter", [
    # The adverse-action letters, as the law has them written.
    ("job.keller", {"laid_off"}, {}, CRA),
    ("home.sycamore", {"renewal_denied"}, {}, CRA),
    ("job.bank", {"collections"}, {"credit": 700}, CRA),
    ("loan.credit_union", {"collections"}, {"credit": 700}, "credit report"),
    # The others say less still; none of them says which score it was.
    ("job.bank", {"spoke_up"}, {"credit": 700}, ""),
    ("job.mercy", {"applied_mercy"}, {}, ""),
    ("home.maple_court", {"seg_strapped"}, {"credit": 700}, ""),
    ("home.renewal", set(), {"credit": 700}, ""),
])
def test_a_refusal_by_a_score_says_what_the_refuser_said_and_never_which_score(gid, flags, vals, letter):
    st = placed("morn_plain", **vals)
    st.flags |= flags
    assert {"namesake_record", "mugshot"} <= st.flags
    g = gate(st, gid)
    assert not g.open
    assert letter in g.reason, g.reason
    for secret in SECRETS:
        assert secret.lower() not in g.reason.lower(), (gid, secret)


def test_a_locked_choice_gives_the_gates_letter():
    st = placed("day_credit_union")
    st.flags.add("collections")
    [loan] = [o for o in E.options(CAMP, st) if o.id == "day_credit_union.loan"]
    assert not loan.open and "credit report" in loan.reason


def test_the_background_check_lets_go_of_the_woman_who_does_nothing_about_the_other_dana():
    st = at("background_pre", prefer=["keller_news.sign", "greenleaf_application.done"])
    assert st.day == 12 and "namesake_record" in st.flags
    kept, gone = fork(st), fork(st)
    E.apply(CAMP, kept, "background_pre.dispute_phone")
    E.apply(CAMP, gone, "background_pre.nothing")
    for s in (kept, gone):
        assert "background_seen" in s.flags and "namesake_record" in shown(s)  # the pre-adverse notice
    decided = ("background_kept", "let_go")
    kept = on(kept, lambda s: s.scene in decided, avoid=VERITY)
    gone = on(gone, lambda s: s.scene in decided, avoid=VERITY)
    assert kept.scene == "background_kept" and gone.scene == "let_go"
    assert 12 + 4 <= kept.day <= 12 + 5  # four days on, or the morning after the bills' day
    E.apply(CAMP, gone, "let_go.go")
    gone = on(gone, lambda s: s.day >= 18, avoid=VERITY)
    assert "laid_off" in gone.flags
    keller = gate(gone, "job.keller")
    assert not keller.open and CRA in keller.reason
    assert "employed" not in gone.flags  # the last NorthStar check has cleared


def test_refusing_to_sign_the_authorization_is_refusing_the_job():
    st = at("let_go", prefer=["keller_news.refuse"])
    assert st.day == 12 and "background_pre" not in st.visited


@pytest.mark.parametrize("flags, stars, hired", [
    (set(), 3, False),            # the other Dana's records, and a mugshot on page one
    ({"cleared"}, 3, False),      # the records gone; the mugshot still the first result
    ({"cleared", "buried"}, 3, True),   # Renown pushed it to page two
    ({"cleared"}, 4, True),       # four stars for the bookkeeping come up first
    ({"buried"}, 5, False),       # nothing gets past the other Dana's records
])
def test_the_hospital_wants_no_other_dana_and_no_mugshot_on_page_one(flags, stars, hired):
    st = placed("morn_plain")
    st.flags.add("applied_mercy")
    assert {"namesake_record", "mugshot"} <= st.flags
    if "cleared" in flags:
        st.flags.discard("namesake_record")
    st.flags |= flags & {"buried"}
    st.vals["npc.brandt_books.stars"] = stars
    assert open_gate(st, "job.mercy") is hired


def test_the_bank_reads_a_letter_about_the_nsa_as_a_search_result():
    st = placed("morn_plain", credit=670)
    assert open_gate(st, "job.bank")
    st.flags.add("spoke_up")
    assert not open_gate(st, "job.bank")
    st.flags.add("buried")
    assert open_gate(st, "job.bank")


# ---------------------------------------------------------------- the broker's file: bought, never guessed

# Ask Meridian for the file at the library, and let Greenleaf's form go by (an appeal would dispute for her).
FILE_SEED, FILE_WAY = 6, dict(prefer=["day_library.meridian", "greenleaf_application.done", "keller_news.sign"],
                              avoid={"day_library.search_self"})


def test_the_file_shows_the_other_danas_records_and_never_the_segments():
    st = at("broker_file", FILE_SEED, **FILE_WAY)
    assert st.day == 7 and "requested_file" in st.flags and "file_read" not in st.flags
    assert "namesake_record" in st.flags and "namesake_record" not in shown(st)
    # Telling the broker her real income is a correction that hurts: a guessed segment she cannot see.
    E.apply(CAMP, st, "broker_file.income")
    assert {"corrected_income", "seg_strapped", "file_read"} <= st.flags
    assert "seg_strapped" in st.revealed  # the rulebook says what the correction did ...
    E.apply(CAMP, st, "broker_file.done")
    assert "mixed_file" in st.revealed
    assert "namesake_record" in shown(st)  # ... and the file shows what was bought
    assert "seg_strapped" not in shown(st)  # ... and never what was guessed
    assert not E.flag_known(CAMP, st, "seg_strapped")
    # Only the list catalogue, found later, shows the segment she is sold in.
    st.flags.add("saw_catalogue")
    assert "seg_strapped" in shown(st)


def test_the_income_correction_shuts_maple_court():
    st = at("broker_file", FILE_SEED, **FILE_WAY)
    st.vals["credit"] = 650
    st.flags.discard("namesake_record")
    assert open_gate(st, "home.maple_court")
    E.apply(CAMP, st, "broker_file.income")
    assert "seg_strapped" in st.flags
    maple = gate(st, "home.maple_court")
    assert not maple.open and "Credit-Hungry" not in maple.reason and "segment" not in maple.reason


@pytest.mark.parametrize("dispute, cleared", [("broker_file.dispute_id", True), ("broker_file.dispute_plain", False)])
def test_a_dispute_with_id_takes_the_other_dana_out_and_one_without_does_not(dispute, cleared):
    st = at("broker_file", FILE_SEED, **FILE_WAY)
    day = st.day
    E.apply(CAMP, st, dispute)
    E.apply(CAMP, st, "broker_file.done")
    st = on(st, lambda s: s.fired.get("namesake_cleared") or s.fired.get("namesake_stands"), **FILE_WAY)
    assert st.day == day + 5
    assert ("namesake_record" in st.flags) is not cleared
    assert ("namesake_cleared" in st.flags) is cleared


def test_the_mugshot_is_shown_once_she_searches_her_own_name():
    st = at("day_library", FILE_SEED, **FILE_WAY)
    assert "mugshot" in st.flags and "mugshot" not in shown(st)
    E.apply(CAMP, st, "day_library.search_self")
    assert {"mugshot", "namesake_record"} <= shown(st)


def test_a_broker_segment_is_named_in_no_locked_reason_while_she_cannot_see_it():
    st = placed("morn_plain")
    st.flags.add("seg_strapped")
    assert not E.flag_known(CAMP, st, "seg_strapped")
    assert E.namer(CAMP, st)("flag", "seg_strapped") == ""
    st.flags.add("saw_catalogue")
    assert E.namer(CAMP, st)("flag", "seg_strapped")


# ---------------------------------------------------------------- 5 June: before the Guardian, and after

@pytest.mark.parametrize("seed, lean", [(1, 0), (2, 1), (3, -1), (4, 0), (5, 1), (6, -1)])
def test_before_the_verizon_order_is_published_nothing_acts_on_the_call_records(seed, lean):
    offered, known = set(), set()

    def before_news(s):
        if "news_215" in s.flags:
            return True
        offered.update(E.open_ids(CAMP, s))
        known.update(s.revealed)
        return False

    st = play(seed, until=before_news, lean=lean)
    assert st.log[-1].startswith("june_fifth_news.") and (st.day, st.scene) == (6, "prism_day")
    assert not offered & ON_THE_NEWS
    assert not st.flags & RESPONSE_FLAGS
    assert st.acts.get("call.amir", 0) >= 1  # she called Amir, as anyone would
    assert st.fired["call_records"] == 1 and st.fired["three_hops"] == 1  # and it was kept
    assert not known & {"call_records", "three_hops"}  # where she could not know it
    assert "call_records" in st.revealed and "three_hops" not in st.revealed


def test_nothing_that_acts_on_the_news_is_written_to_come_before_it():
    """Every choice that encrypts, stops calling, speaks up or shrugs is behind the news: in the
    scene only the PRISM day leads to, or in a scene or choice that asks for it."""
    for c in CAMP.choices.values():
        acts = set(c.set) & RESPONSE_FLAGS or "speak.up" in c.does
        if not acts:
            continue
        scene = CAMP.scenes[c.id.split(".")[0]]
        needs = " ".join(x.src for x in (scene.cond, c.cond) if x is not None)
        assert scene.id == "after_news" or "news_" in needs, c.id
    leads = {c.id for c in CAMP.choices.values() if "after_news" in (c.goto, c.call)}
    assert leads == {"prism_day.think"}


def test_june_fifth_is_a_dull_day_until_the_evening_news():
    st = at("june_fifth")
    assert st.day == 5 and "news_215" not in st.flags
    assert all(ch in CAMP.choices and "call.amir" in CAMP.choices[ch].does for ch in E.open_ids(CAMP, st))
    E.apply(CAMP, st, "june_fifth.home")
    assert st.scene == "june_fifth_news"
    E.apply(CAMP, st, "june_fifth_news.read")
    assert "news_215" in st.flags and "call_records" in st.revealed and "three_hops" not in st.revealed
    assert st.day == 6 and st.scene == "prism_day"


def test_after_the_news_she_can_encrypt_stop_calling_speak_up_or_shrug_and_each_is_read():
    st = at("after_news")
    assert st.day == 6 and {"news_215", "news_prism"} <= st.flags
    assert set(E.open_ids(CAMP, st)) == RESPONSES
    enc, stop, speak, shrug = (fork(st) for _ in range(4))
    stars = st.vals["npc.brandt_books.stars"]
    E.apply(CAMP, enc, "after_news.encrypt")
    assert "encrypted" in enc.flags  # read at the airport, with the third hop (below)
    E.apply(CAMP, stop, "after_news.stop_calling")
    assert "amir" not in stop.friends and stop.vals["npc.brandt_books.stars"] == stars - 1
    E.apply(CAMP, speak, "after_news.speak")
    assert {"spoke_up", "ad_politics"} <= speak.flags and speak.acts["speak.up"] == 1
    E.apply(CAMP, shrug, "after_news.shrug")
    assert "loyalty_card" in shrug.flags and "cash_only" not in shrug.flags


def test_amirs_encrypted_app_is_offered_only_after_the_news():
    st = placed("eve_amir")
    assert "eve_amir.app" not in E.open_ids(CAMP, st)
    st.flags.add("news_215")
    E.enter(CAMP, st, "eve_amir")
    assert "eve_amir.app" in E.open_ids(CAMP, st)
    E.apply(CAMP, st, "eve_amir.app")
    assert "encrypted" in st.flags


# ---------------------------------------------------------------- three hops, and four letters on a boarding pass

THIRD_HOP = dict(prefer=["prism_day.think", "after_news.encrypt", "day_book_trip.card", "airport_checkin.take"],
                 lean=1)


def test_she_is_three_hops_out_from_day_one_and_learns_it_only_on_the_last_day():
    seed, how = ENDINGS["ending_nothing_to_hide"]
    st = play(seed, until=lambda s: s.scene == "last_day", **how)
    assert "hop_three" in st.flags and "three_hops" not in st.revealed
    E.apply(CAMP, st, "last_day.news")
    assert "three_hops" in st.revealed and st.ended


@pytest.mark.parametrize("flags, ssss", [
    ({"encrypted"}, True),             # a third-hop number that went dark into encryption
    (set(), False),                    # the third hop alone: nothing on the pass
    ({"bought_late"}, True),           # a ticket bought late
])
def test_ssss_is_printed_for_a_third_hop_gone_dark_or_a_late_ticket(flags, ssss):
    st = at("airport_checkin", **THIRD_HOP)
    assert st.day == 21 and "hop_three" in st.flags and "bought_late" not in st.flags
    st.flags = (st.flags - {"encrypted"}) | flags
    E.apply(CAMP, st, "airport_checkin.take")
    assert ("ssss" in st.flags) is ssss
    assert (st.scene == "ssss_screening") is ssss
    assert ("selectee" in shown(st)) is ssss
    assert "selectee" not in st.revealed  # no reason is given


def test_a_ticket_bought_from_day_17_is_bought_late():
    st = placed("day_book_trip", day=16)
    E.apply(CAMP, st, "day_book_trip.card")
    assert "bought_late" not in st.flags
    st = placed("day_book_trip", day=17)
    E.apply(CAMP, st, "day_book_trip.card")
    assert "bought_late" in st.flags


def test_asking_why_misses_the_wedding_and_dhs_trip_neither_confirms_nor_denies():
    st = at("ssss_screening", **THIRD_HOP)
    asked, complied = fork(st), fork(st)
    E.apply(CAMP, asked, "ssss_screening.ask")
    E.apply(CAMP, complied, "ssss_screening.comply")
    assert "missed_wedding" in asked.flags and "at_wedding" in complied.flags
    assert asked.scene == "wedding_phone" and complied.scene == "wedding"
    E.apply(CAMP, asked, "wedding_phone.redress")
    assert asked.scene == "dhs_trip"
    E.apply(CAMP, asked, "dhs_trip.file")
    assert "filed_trip" in asked.flags and "selectee" in asked.revealed
    assert asked.scene == "wedding_phone" and "ssss" in asked.flags  # filing takes nothing off


# ---------------------------------------------------------------- the store, the ad profile, the reviews

def test_tashas_things_on_your_rewards_card_make_a_pregnancy_and_coupons_three_days_later():
    how = dict(prefer=TASHAS_THINGS, avoid=SPEAK | VERITY)
    st = play(1, until=lambda s: "predicted_pregnant" in s.flags, **how)
    guessed = st.day
    assert "seg_expecting" in st.flags and "seg_expecting" not in shown(st)
    assert "pregnancy_guess" not in st.revealed
    assert open_gate(st, "perk.baby_club")
    st = on(st, lambda s: s.scene.startswith("coupon_"), **how)
    assert st.day == guessed + 3 or (st.day == guessed + 4 and guessed + 3 in CAMP.calendar)
    assert st.scene == "coupon_matt"  # Matt opens the mail
    told = fork(st)
    E.apply(CAMP, told, "coupon_matt.truth")
    assert "pregnancy_guess" in told.revealed and "matt" in told.friends
    E.apply(CAMP, st, "coupon_matt.fight")
    assert "matt" not in st.friends and {"coupons_opened", "matt_left"} <= st.flags


def test_paying_cash_keeps_the_register_blind():
    how = dict(prefer=["arrival_hartwells.cash", "day_hartwells.tasha_list", "morn_tasha_text.yes"],
               avoid=SPEAK | VERITY | RESPONSES | {"day_hartwells.app"})
    st = play(1, **how)
    bought = sum(st.acts.get(a, 0) for a in ("buy.unscented", "buy.supplements", "buy.cotton", "buy.diapers"))
    assert bought >= 3 and st.fired.get("cash_is_blind", 0) == bought
    assert "predicted_pregnant" not in st.flags and "pregnancy_guess" not in st.fired


def test_matt_on_your_laptop_makes_you_a_hunter_of_fifty_and_the_settings_page_shows_it():
    st = play(1, until=lambda s: s.scene == "arrival_evening")
    E.apply(CAMP, st, "arrival_evening.let_him")
    assert {"ad_male", "ad_older"} <= st.flags and "ad_shared_laptop" not in st.revealed
    E.enter(CAMP, st, "morn_inbox")
    E.apply(CAMP, st, "morn_inbox.why")
    assert st.scene == "ad_settings"
    E.apply(CAMP, st, "ad_settings.fix")
    assert not {"ad_male", "ad_older"} & st.flags and "ads_edited" in st.flags
    assert "ad_shared_laptop" in st.revealed
    assert CAMP.scenes[st.scene].deck == "day" or st.scene == CAMP.decks["day"].fallback  # back on her way


def test_the_cheaper_fare_is_shown_only_to_a_profile_she_has_edited_or_switched_off():
    st = placed("day_book_trip", day=10, money=600)
    assert "day_book_trip.cheap" not in E.open_ids(CAMP, st)
    profiled = fork(st)
    E.apply(CAMP, profiled, "day_book_trip.card")
    assert profiled.fired.get("ad_prices") == 1 and profiled.vals["card"] == st.vals["card"] + 389
    st.flags.add("ads_opted_out")
    E.enter(CAMP, st, "day_book_trip")
    assert "day_book_trip.cheap" in E.open_ids(CAMP, st)
    E.apply(CAMP, st, "day_book_trip.cheap")
    assert st.vals["money"] == 600 - 329 and "ad_prices" not in st.fired


def test_debt_searches_bring_the_platinum_offer_and_opting_out_stops_it():
    st = placed("morn_plain")  # the first evening's searches on her own phone: "debt relief"
    assert "ad_debt" in st.flags and open_gate(st, "loan.platinum")
    st.flags.add("opted_out_prescreen")
    assert not open_gate(st, "loan.platinum")


def test_bought_reviews_lift_the_stars_until_the_filter_finds_them_four_days_later():
    st = placed("day_reputation", money=500)
    stars = st.vals["npc.brandt_books.stars"]
    E.apply(CAMP, st, "day_reputation.buy")
    assert st.vals["npc.brandt_books.stars"] == stars + 2
    day = st.day
    st = on(st, lambda s: "reviews_pulled" in s.flags or s.ended, avoid=SPEAK | VERITY)
    assert st.day == day + 4 and st.vals["npc.brandt_books.stars"] == stars


# ---------------------------------------------------------------- the rulebook fills in

def test_two_screenings_show_the_tenant_screen_in_the_rulebook():
    st = at("greenleaf_application")
    assert st.day == 8
    E.apply(CAMP, st, "greenleaf_application.renew")
    assert st.fired["tenant_screen"] == 1 and "tenant_screen" not in st.revealed
    E.apply(CAMP, st, "greenleaf_application.maple")
    assert st.fired["tenant_screen"] == 2 and "tenant_screen" in st.revealed


@pytest.mark.parametrize("rule, scene, choice, how", [
    ("call_records", "june_fifth_news", "june_fifth_news.close", {}),
    ("mixed_file", "broker_file", "broker_file.done", dict(seed=FILE_SEED, **FILE_WAY)),
    ("pregnancy_guess", "coupon_matt", "coupon_matt.truth", dict(prefer=TASHAS_THINGS)),
    ("selectee", "dhs_trip", "dhs_trip.file", dict(prefer=[*THIRD_HOP["prefer"], "ssss_screening.ask",
                                                           "wedding_phone.redress"], lean=1)),
    ("three_hops", "last_day", "last_day.news", {}),
])
def test_a_hidden_rule_becomes_known_when_it_is_found_out(rule, scene, choice, how):
    how = dict(how)
    st = at(scene, how.pop("seed", 1), **how)
    assert rule in HIDDEN and rule not in st.revealed
    assert not rule_known(CAMP, st, rule)
    E.apply(CAMP, st, choice)
    assert rule in st.revealed and rule_known(CAMP, st, rule)


def _found_out_at(scene: str, **flags_and_vals):
    st = placed(scene, **{k: v for k, v in flags_and_vals.items() if not isinstance(v, bool)})
    st.flags |= {k for k, v in flags_and_vals.items() if v is True}
    E.enter(CAMP, st, scene)
    return st


@pytest.mark.parametrize("scene, choice, rules, setup", [
    # the list catalogue says what the segments are made of, and that names come off them
    ("day_catalogue", "day_catalogue.read", {"seg_strapped", "seg_good_prospect", "seg_strapped_fades"}, {}),
    # VeriPoint, on the phone about the adverse-action notice: county records, matched by name
    ("background_pre", "background_pre.dispute_id", {"employment_screen"}, {}),
    ("background_pre", "background_pre.dispute_phone", {"employment_screen"}, {}),
    # Localist's help page, read while the real reviews go up
    ("day_reputation", "day_reputation.ask", {"bought_reviews_caught"}, {}),
    # her own name in quotes: the page whoever hires or rents reads from the top
    ("day_library", "day_library.search_self", {"search_seen"}, {}),
    # and again, after she has said it in public with her name on it
    ("day_library", "day_library.search_again", {"speech_searchable"}, dict(searched_self=True, spoke_up=True)),
    # the cheaper fare, signed out: the first one was a price for a profile
    ("day_book_trip", "day_book_trip.cheap", {"ad_prices"}, dict(day=10, money=600, ads_opted_out=True)),
])
def test_each_hidden_score_has_a_place_where_she_finds_it_out(scene, choice, rules, setup):
    st = _found_out_at(scene, **setup)
    assert rules <= HIDDEN and not rules & st.revealed
    assert choice in E.open_ids(CAMP, st)
    E.apply(CAMP, st, choice)
    assert rules <= st.revealed


def test_the_settings_page_says_why_each_interest_is_there():
    st = _found_out_at("morn_inbox", ad_baby=True, ad_politics=True)
    E.apply(CAMP, st, "morn_inbox.why")
    assert st.scene == "ad_settings" and not {"ad_baby", "ad_politics"} & st.revealed
    E.apply(CAMP, st, "ad_settings.why")
    assert {"ad_baby", "ad_politics", "ad_debt"} <= st.revealed


def test_tasha_reads_her_the_article_on_the_third_night_on_the_porch():
    st = placed("eve_tasha")
    assert "eve_tasha.article" not in E.open_ids(CAMP, st)
    E.enter(CAMP, st, "eve_tasha")
    E.enter(CAMP, st, "eve_tasha")
    assert "eve_tasha.article" in E.open_ids(CAMP, st)
    E.apply(CAMP, st, "eve_tasha.article")
    assert {"cash_is_blind", "rewards_lotion", "rewards_diapers"} <= st.revealed
    assert "pregnancy_guess" not in st.revealed  # the coupons tell that one


def test_filing_with_dhs_trip_brings_the_late_ticket_theory_into_the_rulebook():
    st = at("dhs_trip", prefer=[*THIRD_HOP["prefer"], "ssss_screening.ask", "wedding_phone.redress"], lean=1)
    assert "late_booking" not in st.revealed
    E.apply(CAMP, st, "dhs_trip.file")
    assert {"selectee", "late_booking"} <= st.revealed


# ---------------------------------------------------------------- what the tester found (issue 17)

def test_cash_bought_things_stay_unseen_when_she_joins_rewards_later():
    # "Paying cash keeps the register blind": the guess counts only what the card scanned, so
    # joining Rewards after the news (after_news.shrug) does not make the store see the cash baskets.
    st = play(1, until=lambda s: s.day >= 7,
              prefer=["arrival_hartwells.cash", "morn_tasha_text.yes", "prism_day.think", "after_news.shrug"])
    assert st.acts.get("buy.diapers") and "cash_only" not in st.flags and "loyalty_card" in st.flags
    assert st.acts["buy.unscented"] + st.acts["buy.supplements"] + st.acts["buy.diapers"] >= 3
    assert "predicted_pregnant" not in st.flags and "pregnancy_guess" not in st.fired
    assert not {"rewards_lotion", "rewards_vitamins", "rewards_diapers"} & st.flags
    # From now on the card scans: Tasha's list on it is three of the products, and the guess comes.
    E.enter(CAMP, st, "day_hartwells")
    st.vals["money"] = max(st.vals["money"], 100)
    E.apply(CAMP, st, "day_hartwells.tasha_list")
    assert "predicted_pregnant" in st.flags and st.fired["pregnancy_guess"] == 1


def test_a_collection_deleted_twice_is_not_worth_more_than_it_cost():
    # A pending dispute with the EOB and a pay-for-delete: the dispute's result finds nothing left to
    # delete, and the one deletion gives back the 45 the collection took.
    st = play(1, until=lambda s: "collections" in s.flags)
    E.enter(CAMP, st, "day_library")
    E.apply(CAMP, st, "day_library.annual_report")
    E.apply(CAMP, st, "credit_report.dispute_eob")
    st.vals["money"] = 600
    E.enter(CAMP, st, "morn_collector")
    E.apply(CAMP, st, "morn_collector.pay_for_delete")
    st = play(st=st, until=lambda s: s.day >= 16)
    assert st.acts["collection.dispute_result"] == 1
    gained = sum(e.delta for e in st.ledger if e.rule in ("pay_for_delete", "collection_won"))
    lost = -sum(e.delta for e in ledger_for(st, "collection_reported"))
    assert gained == lost == 45
    assert "collection_won" not in st.fired and "collection_lost" not in st.fired


def test_the_search_rule_is_found_out_where_an_employer_searches_her():
    assert CAMP.rules["search_seen"].reveal_after == 1
    st = placed("mercy_room")
    st.flags.add("searched_self")
    E.enter(CAMP, st, "mercy_room")
    E.apply(CAMP, st, "mercy_room.explain")
    assert st.fired["search_seen"] == 1 and "search_seen" in st.revealed


def test_every_hidden_rule_can_come_to_light():
    found = {r for c in CAMP.choices.values() for r in c.reveal} | {r for x in CAMP.rules.values() for r in x.reveal}
    found |= {r.id for r in CAMP.rules.values() if r.reveal_after}
    never = sorted(r.id for r in CAMP.rules.values() if r.hidden and r.id not in found)
    assert never == []


@pytest.mark.parametrize("missed", ["arrival_mail.stack", "bills_day.car_only", "statement_day.none"])
def test_the_subprime_challenge_does_not_count_a_month_with_a_missed_bill(missed):
    # "Without missing a single bill of your own": the May car payment let go thirty days late, the
    # student loan and card left on the 16th, or the card's minimum on the 25th, and the run fails.
    how = dict(CHALLENGE_PLAYS["subprime"])
    how["prefer"] = [missed, *how["prefer"]]
    how["avoid"] = how["avoid"] - {missed}
    run = SCRIPT.race(ROOT, "subprime", **how)
    assert missed in run.st.log
    assert run.result.status == "failed"
    assert {"late_car", "missed_bill"} & run.st.flags


# ---------------------------------------------------------------- challenges

# Every choice that lets a bill of her own go unpaid (the subprime challenge does not count a run with one).
MISSED_BILLS = {"bills_day.skip", "bills_day.car_only", "bills_day.card_it", "statement_day.none"}

CHALLENGE_PLAYS = {
    "clean_file": dict(prefer=CLEAN, lean=1),
    # The forums' recipe, and the flight to Tucson kept off the card (or not taken at all).
    "good_number": dict(prefer=GOOD, avoid={"day_book_trip.card"}, lean=1),
    "third_hop": dict(prefer=["after_news.encrypt", "prism_day.think", "day_book_trip.card", "airport_checkin.take",
                              "wedding.redress", "wedding_phone.redress", "dhs_trip.file", "keller_news.sign",
                              "background_pre.dispute_id"], lean=1),
    # As low as it goes while paying her own bills (all three on the 16th, the minimum on the 25th):
    # co-sign for Tasha, close the old card, ask for credit, and never dispute the collection.
    "subprime": dict(prefer=["arrival_mail.pay_car", "day_tasha_cosign.sign", "eve_tasha.ask_back",
                             "eve_bills.close_old", "bills_day.all", "statement_day.minimum",
                             "day_credit_union.ask", "credit_report.print"],
                     avoid={"credit_report.dispute_eob", "morn_collector.pay_for_delete", "arrival_mail.stack",
                            *MISSED_BILLS},
                     lean=-1),
}


def test_the_challenges_are_a_race_a_high_score_and_a_low_score():
    cs = load_challenges(ROOT)
    assert {c.category for c in cs.challenges.values()} >= {"any%", "high score", "low score"}


def won(cid, run):
    """What a won challenge must show besides being done (test_campaigns_whole runs the races)."""
    if cid == "good_number":
        assert run.result.score >= 690
    if cid == "subprime":
        assert run.result.score < CAMP.main_score.start - 100
        assert not {"late_car", "missed_bill"} & run.st.flags and not MISSED_BILLS & set(run.st.log)
