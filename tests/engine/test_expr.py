"""The expression language as an author writes it and a player reads its reasons.

Every value, every error (with its column and hint) and every reason in words that
``explain`` gives, checked against the names the mini campaign declares.
"""

from __future__ import annotations

import pytest

import conftest_engine_helpers as h
from game.engine import engine as eng
from game.engine.content import Loader
from game.engine.expr import BOOL, NUM, STR, ExprError, compile_expr, explain
from game.engine.model import Npc, Score
from game.engine.scope import CampaignScope
from game.engine.state import GameState


@pytest.fixture(scope="module")
def mini():
    loader = Loader(h.MINI)
    camp = loader.load()
    return camp, loader.scope


@pytest.fixture
def st(mini):
    camp, _ = mini
    return eng.new_game(camp, 7)


def ev(mini, st, src):
    _, scope = mini
    return compile_expr(src, scope)(st)


def err(mini, src, want=None) -> ExprError:
    _, scope = mini
    with pytest.raises(ExprError) as info:
        compile_expr(src, scope, want)
    return info.value


def why(mini, st, src):
    camp, scope = mini
    e = compile_expr(src, scope, BOOL)
    assert not e(st), f"{src} should be false here, or there is nothing to explain"
    return explain(e, st, lambda kind, i: {"flag": camp.flags, "scene": TITLES, "gate": GATES}[kind].get(i, i))


TITLES = {"court": "The court"}
GATES = {"job.clerk": "Bank clerk"}


# ---------------------------------------------------------------- values

@pytest.mark.parametrize("src, value", [
    ("650", 650), ("2.5", 2.5), ('"poor"', "poor"), ("'poor'", "poor"), ("true", True),
    ("false", False), ('"it\\"s"', 'it"s'),
])
def test_literals(mini, st, src, value):
    assert ev(mini, st, src) == value


@pytest.mark.parametrize("src, value", [
    ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("10 - 4 - 3", 3), ("12 / 3 / 2", 2), ("2 * 3 + 4 * 5", 26),
    ("-2 * 3", -6), ("2 - -1", 3), ("- (2 + 3)", -5), ("7 / 2", 3.5), ("10 / 4 * 2", 5),
    ("1 + 2 * 3 - 4 / 2", 5),
])
def test_arithmetic_precedence(mini, st, src, value):
    assert ev(mini, st, src) == value


@pytest.mark.parametrize("src", ["5 / 0", "credit / (money - money)", "-3 / 0", "0 / 0"])
def test_division_by_zero_gives_zero(mini, st, src):
    assert ev(mini, st, src) == 0


@pytest.mark.parametrize("src, value", [
    ("credit >= 610", True), ("credit > 610", False), ("credit <= 610", True), ("credit < 610", False),
    ("credit == 610", True), ("credit != 610", False), ("money > credit", False), ("1 + 1 == 2", True),
    ('band("credit") == "good"', True), ('band("credit") != "good"', False), ("true == false", False),
    ("2.5 < 3", True),
])
def test_comparisons(mini, st, src, value):
    assert ev(mini, st, src) is value


@pytest.mark.parametrize("src, value", [
    ("true and false", False), ("true and true", True), ("false or true", True),
    ("false or false", False), ("not false", True), ("not true", False), ("not not true", True),
    ("not false and false", False),  # not binds tighter than and
    ("true or true and false", True),  # and binds tighter than or
    ("(true or true) and false", False),
    ("not credit >= 650", True),  # not applies to the whole comparison
    ("credit >= 600 and money >= 300 or false", True),
])
def test_logic(mini, st, src, value):
    assert ev(mini, st, src) is value


@pytest.mark.parametrize("src, value", [
    ("min(3, 1, 2)", 1), ("max(3, 1, 2)", 3), ("min(5)", 5), ("max(credit, 700)", 700),
    ("clamp(5, 1, 3)", 3), ("clamp(-5, 1, 3)", 1), ("clamp(2, 1, 3)", 2), ("abs(-4)", 4), ("abs(4)", 4),
    ("round(2.4)", 2), ("round(2.5)", 3), ("round(0.5)", 1), ("round(-2.5)", -2), ("round(-2.6)", -3),
    ("round(7 / 2)", 4), ("abs(money - credit)", 310),
])
def test_numeric_functions(mini, st, src, value):
    assert ev(mini, st, src) == value


def test_round_is_half_up_not_bankers(mini, st):
    # Python's round(2.5) is 2; an author expects 3 (and 4 for 3.5).
    assert [ev(mini, st, f"round({x})") for x in ("0.5", "1.5", "2.5", "3.5")] == [1, 2, 3, 4]


def test_names_read_the_state(mini, st):
    st.vals["credit"], st.vals["money"], st.vals["day"], st.vals["hour"] = 612, 42, 2, 23
    assert ev(mini, st, "credit") == 612
    assert ev(mini, st, "money") == 42
    assert ev(mini, st, "day") == 2
    assert ev(mini, st, "hour >= 23") is True


def test_flag_functions_and_names(mini, st):
    assert ev(mini, st, 'has("gamer")') is False
    assert ev(mini, st, "flags.gamer") is False
    st.flags.add("gamer")
    assert ev(mini, st, 'has("gamer")') is True
    assert ev(mini, st, "flags.gamer") is True
    assert ev(mini, st, 'not has("blacklisted")') is True


def test_visited_did_band_open(mini, st):
    camp, _ = mini
    assert ev(mini, st, 'visited("wake")') is True  # the start scene is visited on entry
    assert ev(mini, st, 'visited("court")') is False
    assert ev(mini, st, 'did("buy.diapers")') == 0
    eng.choose(camp, st, "wake.shop")
    assert ev(mini, st, 'did("buy.diapers")') == 1
    assert ev(mini, st, 'visited("evening")') is True
    st.vals["credit"] = 612
    assert ev(mini, st, 'band("credit")') == "good"
    st.vals["credit"] = 650
    assert ev(mini, st, 'band("credit")') == "very good"
    st.vals["credit"] = 350
    assert ev(mini, st, 'band("credit")') == "poor"
    st.vals["credit"] = 650
    assert ev(mini, st, 'open("job.clerk")') is True  # credit >= 650 needed
    st.vals["credit"] = 649
    assert ev(mini, st, 'open("job.clerk")') is False
    assert ev(mini, st, 'open("travel.train")') is True
    st.flags.add("blacklisted")
    assert ev(mini, st, 'open("travel.train")') is False


def test_people(mini, st):
    assert ev(mini, st, "friends.count") == 1
    assert ev(mini, st, "npc.li.credit") == 450
    assert ev(mini, st, "npc.li.friend") is True
    assert ev(mini, st, "friends.mean.credit") == 450
    st.friends.clear()
    assert ev(mini, st, "friends.count") == 0
    assert ev(mini, st, "npc.li.friend") is False
    # with no friends, the mean is your own score (so a pull rule does nothing)
    assert ev(mini, st, "friends.mean.credit") == 610
    st.vals["credit"] = 777
    assert ev(mini, st, "friends.mean.credit") == 777
    assert ev(mini, st, "(friends.mean.credit - credit) / 20") == 0


def test_friends_mean_over_several_friends():
    credit = Score("credit", "Social Credit", 350, 950, 600, "higher", [(350, "poor")], {})
    npcs = {"li": Npc("li", "Li Wei", "", True, {"credit": 450}),
            "bo": Npc("bo", "Bo", "", True, {"credit": 800}),
            "an": Npc("an", "An", "", False, {"credit": 100})}
    scope = CampaignScope({"credit": credit}, {}, {}, npcs, set(), {}, set())
    st = GameState(seed=1, rng=1, scene="", vals={"day": 1, "hour": 7, "credit": 600,
                                                  "npc.li.credit": 450, "npc.bo.credit": 800,
                                                  "npc.an.credit": 100})
    st.friends = {"li", "bo"}
    assert compile_expr("friends.mean.credit", scope)(st) == 625
    assert compile_expr("friends.count", scope)(st) == 2
    st.friends = {"li", "bo", "an"}
    assert compile_expr("friends.mean.credit", scope)(st) == 450
    assert compile_expr("npc.an.friend and npc.bo.credit > npc.an.credit", scope)(st) is True


def test_compiled_once_evaluated_many_times(mini, st):
    _, scope = mini
    e = compile_expr("credit >= 650", scope, BOOL)
    results = []
    for v in (600, 649, 650, 900):
        st.vals["credit"] = v
        results.append(e(st))
    assert results == [False, False, True, True]
    assert e.type == BOOL and e.src == "credit >= 650"


@pytest.mark.parametrize("src, typ", [("1 + 2", NUM), ("credit > 1", BOOL), ('band("credit")', STR),
                                      ('did("buy.diapers")', NUM), ('has("gamer")', BOOL)])
def test_types(mini, src, typ):
    _, scope = mini
    assert compile_expr(src, scope).type == typ


# ---------------------------------------------------------------- errors, each with its column

def test_unknown_name_with_did_you_mean(mini):
    e = err(mini, "money >= 1 and credt > 3")
    assert e.message == "unknown name 'credt'"
    assert e.column == 16
    assert "Did you mean 'credit'?" in e.hint


def test_unknown_name_without_close_match_says_where_to_declare(mini):
    e = err(mini, "zzzzqqq > 1")
    assert e.column == 1
    assert "campaign.toml" in e.hint


def test_unknown_dotted_names(mini):
    e = err(mini, "flags.gamr")
    assert "unknown name 'flags.gamr'" in e.message and "flags.gamer" in e.hint
    e = err(mini, "npc.lee.credit > 1")
    assert "unknown name 'npc.lee.credit'" in e.message and "npc.li.credit" in e.hint


def test_unknown_function(mini):
    e = err(mini, "1 + sqrt(4)")
    assert e.message == "unknown function 'sqrt'"
    assert e.column == 5
    e = err(mini, "mni(1, 2) > 0")
    assert "Did you mean 'min'?" in e.hint


def test_unknown_function_hint_lists_the_functions(mini):
    e = err(mini, "foo(1)")
    assert "campaign.toml" not in e.hint
    assert "min" in e.hint and "has" in e.hint


def test_unknown_scene_hint_does_not_send_author_to_campaign_toml(mini):
    e = err(mini, 'visited("zzzzqqq")')
    assert "campaign.toml" not in e.hint


@pytest.mark.parametrize("src, message, column", [
    ("abs(1, 2)", "abs() takes 1 argument, not 2", 1),
    ("1 + round()", "round() takes 1 argument, not 0", 5),
    ("clamp(1, 2)", "clamp() takes 3 arguments, not 2", 1),
    ("clamp(1, 2, 3, 4)", "clamp() takes 3 arguments, not 4", 1),
    ('has("gamer", "blacklisted")', "has() takes 1 argument, not 2", 1),
    ("has()", "has() takes 1 argument, not 0", 1),
])
def test_wrong_arity(mini, src, message, column):
    e = err(mini, src)
    assert e.message == message
    assert e.column == column


def test_min_with_no_arguments(mini):
    e = err(mini, "min() > 1")
    assert e.message.startswith("min() takes at least 1 argument")
    assert e.column == 1


def test_min_with_no_arguments_grammar(mini):
    assert err(mini, "min()").message == "min() takes at least 1 argument, not 0"


@pytest.mark.parametrize("src, message, column", [
    ("credit and 3", "'and' joins conditions, but this is a number", 1),
    ('has("gamer") and 3', "'and' joins conditions, but this is a number", 18),
    ("credit or true", "'or' joins conditions, but this is a number", 1),
    ("not 3", "'not' takes a true/false condition, but this is a number", 5),
    ("1 + true", "'+' takes numbers, but this is a true/false value", 5),
    ('3 * "a"', "'*' takes numbers, but this is text", 5),
    ('-"a"', "'-' takes a number, but this is text", 2),
    ('min(1, has("gamer"))', "min() takes numbers, but this is a true/false value", 8),
    ('"a" < "b"', "'<' compares numbers only", 5),
    ("true >= false", "'>=' compares numbers only", 6),
    ('credit == "poor"', "cannot compare a number with text", 8),
    ('band("credit") == 3', "cannot compare text with a number", 16),
    ("credit != true", "cannot compare a number with a true/false value", 8),
])
def test_type_errors(mini, src, message, column):
    e = err(mini, src)
    assert e.message == message
    assert e.column == column


def test_text_comparison_hint(mini):
    assert "Use == or != here." in err(mini, '"a" < "b"').hint


def test_condition_must_be_true_or_false(mini):
    e = err(mini, "credit + 1", BOOL)
    assert "a condition must be true or false, but this is a number" in e.message
    assert e.column == 1
    assert "credit >= 600" in e.hint
    e = err(mini, "credit >= 1", NUM)
    assert "this must be a number" in e.message


def test_chained_comparison(mini):
    e = err(mini, "1 < credit < 3")
    assert e.message == "comparisons cannot be chained"
    assert e.column == 12
    assert "and" in e.hint


def test_unclosed_string(mini):
    e = err(mini, 'credit > 1 and has("gamer)')
    assert e.message == "this text has no closing quote"
    assert e.column == 20
    assert '"' in e.hint


@pytest.mark.parametrize("src, char, column, hint", [
    ("credit = 650", "=", 8, "=="),
    ("credit > 1 && money > 1", "&", 12, "'and'"),
    ("credit > 1 || money > 1", "|", 12, "'or'"),
    ("!flags.gamer", "!", 1, "'not'"),
    ("credit > 1 # comment", "#", 12, "typo"),
    ("credit % 2", "%", 8, "no remainder"),
])
def test_unexpected_character_with_hint(mini, src, char, column, hint):
    e = err(mini, src)
    assert e.message == f"unexpected character '{char}'"
    assert e.column == column
    assert hint in e.hint


@pytest.mark.parametrize("src", ["", "   ", "\n\t"])
def test_empty_expression(mini, src):
    e = err(mini, src)
    assert e.message == "the expression is empty"
    assert e.column == 1
    assert e.hint


@pytest.mark.parametrize("src, column, message", [
    ("credit >= 650 money", 15, "unexpected 'money'"),
    ("1 2", 3, "unexpected '2'"),
    ("(credit > 1))", 13, "unexpected ')'"),
])
def test_trailing_tokens(mini, src, column, message):
    e = err(mini, src)
    assert e.message == message
    assert e.column == column
    assert "'and' or 'or'" in e.hint


@pytest.mark.parametrize("src, column, message", [
    ("credit >=", 10, "the expression ends too early"),
    ("money >= 1 and", 15, "the expression ends too early"),
    ("(credit > 1", 12, "expected ')' but found the end"),
    ("and credit", 1, "'and' needs something before it"),
    ("flags.", 1, "'flags.' is not a valid name"),
    ("1.2.3", 1, "'1.2.3' is not a number"),
])
def test_incomplete_expressions(mini, src, column, message):
    e = err(mini, src)
    assert e.message == message
    assert e.column == column


def test_unknown_flag_in_has(mini):
    e = err(mini, 'credit > 1 and has("blacklistd")')
    assert e.message.startswith("unknown flag 'blacklistd'")
    assert e.column == 20
    assert "Did you mean 'blacklisted'?" in e.hint


@pytest.mark.parametrize("src, what, column", [
    ("has(gamer)", "flag", 5), ("has(credit)", "flag", 5), ('has("ga" + "mer")', "flag", 10),
    ("visited(wake)", "scene", 9), ("band(credit)", "score", 6), ("open(job.clerk)", "gate", 6),
    ("did(1)", "act", 5),
])
def test_function_needs_a_literal_id(mini, src, what, column):
    e = err(mini, src)
    assert e.message.endswith(f"takes the {what} id in quotes")
    assert e.column == column
    assert '("...")' in e.hint


@pytest.mark.parametrize("src, message, column, hint", [
    ('visited("wak")', "unknown scene 'wak'", 9, "'wake'"),
    ('band("credi")', "unknown score 'credi'", 6, "'credit'"),
    ('open("job.clerc")', "unknown gate 'job.clerc'", 6, "'job.clerk'"),
    ('did("buy.diaper")', "unknown act 'buy.diaper'", 5, "'buy.diapers'"),
])
def test_unknown_ids_in_functions(mini, src, message, column, hint):
    e = err(mini, src)
    assert e.message == message
    assert e.column == column
    assert hint in e.hint


@pytest.mark.parametrize("src", ['__import__("os")', "().__class__", "open('/etc/passwd')",
                                 'exec("1")', "credit.__class__", "lambda: 1"])
def test_content_cannot_reach_python(mini, src):
    with pytest.raises(ExprError):
        compile_expr(src, mini[1])


@pytest.mark.parametrize("depth", [300, 50_000])
def test_deep_nesting_is_an_error_not_a_crash(mini, depth):
    src = "(" * depth + "1" + ")" * depth + " > 0"
    with pytest.raises(ExprError) as info:
        compile_expr(src, mini[1], BOOL)
    assert "nested too deeply" in info.value.message


def test_shallow_nesting_still_compiles(mini):
    assert compile_expr("(" * 30 + "1" + ")" * 30 + " > 0", mini[1], BOOL) is not None


# ---------------------------------------------------------------- reasons in words

def test_explain_comparison_with_the_current_value(mini, st):
    st.vals["credit"] = 612
    assert why(mini, st, "credit >= 650") == "needs Social Credit ≥ 650 — you have 612"
    assert why(mini, st, "credit > 700") == "needs Social Credit > 700 — you have 612"
    assert why(mini, st, "credit < 600") == "needs Social Credit < 600 — you have 612"
    assert why(mini, st, "credit == 650") == "needs Social Credit = 650 — you have 612"
    assert why(mini, st, "money >= 1000") == "needs Money ≥ 1000 — you have 300"


def test_explain_negation_flips_the_comparison(mini, st):
    st.vals["credit"] = 700
    assert why(mini, st, "not credit >= 650") == "needs Social Credit < 650 — you have 700"
    assert why(mini, st, "not (credit > 650)") == "needs Social Credit ≤ 650 — you have 700"
    st.vals["credit"] = 650
    assert why(mini, st, "not credit != 700") == "needs Social Credit = 700 — you have 650"


def test_explain_and_names_only_the_failing_parts(mini, st):
    st.vals["credit"] = 612
    reason = why(mini, st, "credit >= 600 and money >= 1000")
    assert reason == "needs Money ≥ 1000 — you have 300"
    assert "Social Credit" not in reason
    reason = why(mini, st, "credit >= 650 and money >= 100")
    assert reason == "needs Social Credit ≥ 650 — you have 612"
    both = why(mini, st, "credit >= 650 and money >= 1000")
    assert both == "needs Social Credit ≥ 650 — you have 612; needs Money ≥ 1000 — you have 300"


def test_explain_or_lists_the_alternatives(mini, st):
    st.vals["credit"] = 612
    reason = why(mini, st, "credit >= 650 or money >= 1000")
    assert reason == "needs Social Credit ≥ 650 — you have 612 or needs Money ≥ 1000 — you have 300"


def test_explain_negated_and_becomes_alternatives(mini, st):
    st.vals["credit"] = 612
    reason = why(mini, st, "not (credit >= 600 and money >= 100)")
    assert reason == "needs Social Credit < 600 — you have 612 or needs Money < 100 — you have 300"


def test_explain_has_uses_the_flag_description(mini, st):
    assert why(mini, st, 'has("blacklisted")') == "needs: On the court blacklist."
    st.flags.add("blacklisted")
    assert why(mini, st, 'not has("blacklisted")') == "not while: On the court blacklist."
    st.vals["credit"] = 700
    assert why(mini, st, 'credit >= 650 and not has("blacklisted")') == "not while: On the court blacklist."
    assert why(mini, st, "not flags.blacklisted") == "not while: On the court blacklist."


def test_explain_people_and_other_names(mini, st):
    st.friends.clear()
    assert why(mini, st, "npc.li.friend") == "needs Li Wei as a friend"
    assert why(mini, st, "friends.count >= 3") == "needs your number of friends ≥ 3 — you have 0"
    st.friends.add("li")
    assert why(mini, st, "npc.li.credit >= 600") == "needs Li Wei's Social Credit ≥ 600 — you have 450"
    assert why(mini, st, "friends.mean.credit >= 600") == \
        "needs your friends' mean Social Credit ≥ 600 — you have 450"


def test_explain_generic_fallbacks_still_read_as_words(mini, st):
    # no "you have" when the number is not a plain name against a literal, but still no raw syntax
    assert why(mini, st, "money + credit >= 5000") == "needs Money + Social Credit ≥ 5000"
    assert why(mini, st, 'visited("court")') == "only after The court"
    assert why(mini, st, 'not visited("wake")') == "only before wake"
    assert why(mini, st, 'open("job.clerk")') == "needs Bank clerk open"


def test_explain_joins_parts_without_a_full_stop_before_the_semicolon(mini, st):
    st.vals["credit"] = 612
    reason = why(mini, st, 'has("blacklisted") and credit >= 650')
    assert reason == "needs: On the court blacklist; needs Social Credit ≥ 650 — you have 612"
