"""The rulebook says a rule's condition in the player's words: "every day, if Money ≤ 0", and in
Dutch "elke dag, als Geld ≤ 0", not the story's code ("money <= 0")."""

from __future__ import annotations

from pathlib import Path

from game.describe import expression_words, trigger_text
from game.engine.content import load_campaign, load_campaign_in

SYRI = Path(__file__).parents[2] / "content" / "syri"


def test_numbers_are_named_and_signs_are_signs():
    camp = load_campaign(SYRI)
    assert expression_words(camp, "money <= 0") == "Money ≤ 0"
    assert expression_words(camp, 'money <= 0 and not has("syri_halted")') == 'Money ≤ 0 and not has("syri_halted")'
    assert expression_words(camp, "clamp((1500 - money)/25, -20, 16) != 0") == "clamp((1500 - Money) / 25, -20, 16) ≠ 0"
    assert expression_words(camp, "not (day >= 3 or hour < 9)") == "not (day ≥ 3 or the hour < 9)"


def test_a_rules_trigger_reads_in_dutch(dutch):
    camp = load_campaign_in(SYRI, "nl")
    rule = next(r for r in camp.rules.values() if r.cond is not None and r.cond.src == "money <= 0")
    said = trigger_text(rule, camp)
    assert "als Geld ≤ 0" in said and "money" not in said
    assert expression_words(camp, 'day <= 20 and not has("x")') == 'dag ≤ 20 en niet has("x")'


def test_flags_scenes_and_gates_are_named_as_a_locked_choice_names_them_and_a_secret_stays_one():
    from game.engine import engine as E

    camp = load_campaign(SYRI.parent / "american")
    st = E.new_game(camp, 1)
    said = expression_words(camp, 'has("encrypted") and not has("seg_strapped")', st)
    assert said == "“calling and texting through an encrypted app” and not something you are not told"
    assert "Credit-Hungry" not in said  # a Meridian segment she has not seen the catalogue of
    assert expression_words(camp, 'visited("ad_settings")', st) == "visited “Lookwell Ads Settings”"
    assert expression_words(camp, 'open("job.mercy")', st).endswith("Mercy Regional” open")
    st.flags.add("saw_catalogue")
    assert "Credit-Hungry Renters" in expression_words(camp, 'has("seg_strapped")', st)


def test_a_formula_in_the_rulebook_names_its_numbers_too():
    from game.describe import effect_text

    camp = load_campaign(SYRI.parent / "circle")
    said = effect_text(camp, camp.rules["zing"])
    assert said.startswith("PartiRank by -max(5, PartiRank / 60)") and "partirank" not in said
