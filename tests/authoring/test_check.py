"""``citizen-score check``: the warnings an author gets, where they point, and how the command exits.

Each folder in tests/fixtures/lint is a copy of tests/fixtures/mini with one kind of problem
(see its README); the tests name every finding it must give, by code, file, line and column.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import tomllib
from pathlib import Path

import jsonschema
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conftest_engine_helpers as h
from game.authoring import sat
from game.authoring.analysis import analyse
from game.authoring.findings import Finding, finding
from game.authoring.reach import reach
from game.authoring.output import Report, Section, emit
from game.cli import main
from game.commands.check import check_folder
from game.engine import engine as eng
from game.engine.content import Loader
from game.engine.problems import ContentError
from game.engine.expr import BOOL, compile_expr

FIXTURES = Path(__file__).parents[1] / "fixtures"
LINT = FIXTURES / "lint"

# fixture -> every finding it gives: (code, file in the campaign, line, column)
EXPECTED = {
    "unreachable": {
        ("unreachable-deck", "campaign.toml", 40, 0),
        ("unreachable-scene", "scenes/extra.toml", 1, 0),
        ("unreachable-ending", "scenes/extra.toml", 9, 0),
    },
    "impossible_choice": {
        ("impossible-choice", "scenes/main.toml", 118, 7),  # credit > 990, past the score's max
        ("impossible-choice", "scenes/main.toml", 124, 37),  # credit > 700 and credit < 600
        ("impossible-choice", "scenes/main.toml", 130, 7),  # money > 1000: nothing raises money
        ("impossible-choice", "scenes/main.toml", 136, 25),  # a band the score does not have
        ("impossible-choice", "scenes/main.toml", 142, 41),  # band "excellent" and credit < 650
    },
    "dead_rule": {
        ("rule-never-fires", "rules.toml", 28, 0),  # on an act no choice does
        ("rule-never-fires", "rules.toml", 34, 9),  # when credit > 2000
        ("rule-never-fires", "rules.toml", 41, 22),  # if hour > 100 and hour < 50
    },
    "gate_never_opens": {
        ("gate-never-opens", "gates.toml", 12, 10),
        ("impossible-choice", "scenes/main.toml", 118, 0),
    },
    "flags": {
        ("flag-never-read", "campaign.toml", 30, 0),
        ("flag-never-set", "campaign.toml", 31, 0),
        ("flag-unused", "campaign.toml", 32, 0),
        ("impossible-choice", "scenes/main.toml", 118, 7),
    },
    "decks": {
        ("fallback-never-drawn", "campaign.toml", 38, 0),
        ("empty-deck", "campaign.toml", 40, 0),
        ("deck-no-fallback", "campaign.toml", 43, 0),
        ("impossible-storylet", "scenes/night.toml", 12, 7),
    },
    "deck_runs_dry": {("deck-runs-dry", "campaign.toml", 37, 0)},
    "plain_text": {  # locked, why and why_not fill in their {holes}; a title does not
        ("braces-in-plain-text", "scenes/main.toml", 2, 0),
    },
    "later_after_end": {("later-after-end", "scenes/main.toml", 118, 0)},
    "dead_end": {("possible-dead-end", "scenes/main.toml", 125, 0)},
    "route_never_taken": {("route-never-taken", "scenes/main.toml", 104, 11)},
    "calendar_day_one": {("content", "campaign.toml", 12, 0)},  # the loader's own warning, passed on
    "unknown_name_in_text": {("content", "scenes/main.toml", 4, 17)},  # a load error: {mony}
}


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test remembers check results in a folder of its own, never in the user's."""
    monkeypatch.setenv("CITIZEN_SCORE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "check"


def findings(name: str) -> list[Finding]:
    return check_folder(LINT / name).findings


def keys(name: str) -> set[tuple[str, str, int, int]]:
    return {(f.code, f.file.split("/", 1)[1], f.line, f.column) for f in findings(name)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_problem_is_found_exactly_where_it_is(name):
    assert keys(name) == EXPECTED[name]


def test_every_lint_fixture_is_named_in_the_table():
    assert {d.name for d in LINT.iterdir() if d.is_dir()} == {*EXPECTED, "clean"}


@pytest.mark.parametrize("folder", [FIXTURES / "mini", LINT / "clean"])
def test_clean_content_gives_no_findings(folder):
    assert check_folder(folder).findings == []


def test_every_finding_has_a_path_a_message_and_a_hint():
    for name in EXPECTED:
        for f in findings(name):
            assert f.file.startswith(f"{name}/") and f.line > 0 and f.path and f.message and f.hint, f


def test_messages_say_why_in_words():
    said = {f.path: f.message for f in findings("impossible_choice")}
    assert "credit > 990 never holds: credit is always between 350 and 950" in said["scene.evening.choice[2].if"]
    assert "credit < 600 contradicts credit > 700" in said["scene.evening.choice[3].if"]
    assert "(nothing raises it)" in said["scene.evening.choice[4].if"]
    assert 'credit has no band "stellar"' in said["scene.evening.choice[5].if"]
    assert "nothing that can happen sets the flag 'heir'" in findings("flags")[-1].message


def test_a_scene_whose_choices_cover_every_case_is_no_dead_end():
    assert not any("bakery" in f.message for f in findings("dead_end"))


def test_a_scene_only_reached_when_its_choice_is_open_is_no_dead_end():
    # the only way in is `if = "money >= 100"`, and the one choice there needs just that
    assert not any("counter" in f.message for f in findings("dead_end"))


def test_a_disjunction_that_can_hold_is_not_flagged():
    # `money >= 0 or money > 99999` has one side that holds: the choice is fine
    assert not any("saved" in f.message for f in findings("impossible_choice"))


@pytest.fixture(scope="module")
def mini_verdict():
    """Whether a condition can ever hold in the mini campaign, as check judges it."""
    loader = Loader(FIXTURES / "mini")
    camp = loader.load()
    facts = reach(camp).facts
    return lambda src: sat.check(compile_expr(src, loader.scope, BOOL).tree, facts) is None


@pytest.mark.parametrize("src, possible", [
    ("credit > 950", False), ("credit >= 950", True),  # the score's max is 950
    ("credit > 700 and credit < 600", False), ("not (credit <= 700) and credit < 600", False),
    ("credit > 700 or credit < 600", True),
    ("credit > 5 and credit < 6", False),  # scores are whole numbers
    ("money > 300", False), ("money == 300", True), ("money < 0", False),  # starts at 300, only spent
    ("clamp(credit, 400, 500) > 500", False), ("clamp(credit, 400, 500) >= 500", True),
    ('did("buy.diapers") >= 1', True),
    ('has("blacklisted") and not has("blacklisted")', False),
    ('band("credit") == "poor" and credit > 600', False), ('band("credit") == "poor"', True),
    ("day > 3", False), ("day == 3", True), ("hour >= 100", True),
    ("npc.li.friend", True), ("not npc.li.friend", True),  # a friend at the start; drop_li ends it
    ("friends.count > 1", False),
    ("friends.mean.credit > 500.5 and friends.mean.credit < 500.6", True),  # a mean need not be whole
    ("credit / (day - day) > 5", True),  # unsure is possible: no false alarms
])
def test_what_check_counts_as_possible(mini_verdict, src, possible):
    assert mini_verdict(src) is possible


# ---------------------------------------------------------------- never a false alarm

CONTENT = Path(__file__).parents[2] / "content"
PLAYED = [FIXTURES / "mini", *(LINT / n for n in sorted(EXPECTED) if n != "unknown_name_in_text"),
          *sorted(p for p in CONTENT.iterdir() if (p / "campaign.toml").is_file())]


def random_play(camp, seeds: range) -> dict[str, set[str]]:
    """What random games really do: scenes seen, choices taken, rules fired, flags set, gates open."""
    seen: dict[str, set[str]] = {k: set() for k in ("scenes", "choices", "rules", "flags", "gates")}
    for seed in seeds:
        pick = random.Random(seed)
        try:
            st = eng.new_game(camp, seed)
        except eng.PlayError:  # the start is a dead end: nothing to see
            continue
        for _ in range(3000):
            seen["flags"] |= st.flags
            seen["gates"] |= {g for g, gate in camp.gates.items() if gate.needs.fn(st)}
            ids = [] if st.ending else list(eng.open_ids(camp, st))
            if not ids:
                break
            try:
                eng.apply(camp, st, pick.choice(ids))
            except eng.PlayError:  # a dead end is simulate's business; what was seen still counts
                break
        seen["scenes"] |= set(st.visited)
        seen["choices"] |= set(st.log)
        seen["rules"] |= set(st.fired)
    return seen


@pytest.mark.parametrize("folder", PLAYED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_nothing_random_play_does_is_called_impossible(folder):
    try:
        camp = Loader(folder).load()
    except ContentError:
        pytest.skip("does not load (content being written)")
    r = reach(camp)
    seen = random_play(camp, range(40))
    assert seen["scenes"] <= r.targets
    assert seen["choices"] <= r.choices
    assert seen["rules"] <= r.rules
    assert seen["flags"] <= r.facts.flags
    shut = {f.path.rsplit(".", 1)[0] for f in analyse(camp) if f.code == "gate-never-opens"}
    assert not seen["gates"] & shut


# ---------------------------------------------------------------- the command

def test_exit_codes(capsys):
    assert main(["check", str(LINT / "clean")]) == 0
    assert main(["check", str(LINT / "clean"), "--strict"]) == 0
    assert main(["check", str(LINT / "flags")]) == 0
    assert main(["check", str(LINT / "flags"), "--strict"]) == 1
    assert main(["check", str(LINT / "deck_runs_dry"), "--strict"]) == 0  # a note is not a warning
    assert main(["check", str(LINT / "unknown_name_in_text")]) == 2
    assert main(["check", str(LINT / "unknown_name_in_text"), str(LINT / "flags"), "--strict"]) == 2
    assert main(["check", str(LINT / "no_such_folder")]) == 2


def test_plain_text_when_piped_warnings_on_stdout_errors_on_stderr(capsys):
    main(["check", str(LINT / "route_never_taken"), str(LINT / "unknown_name_in_text")])
    out, err = capsys.readouterr()
    assert ("route_never_taken/scenes/main.toml:104:11: warning: route 2 of 'judgement' (to 'end_plain') "
            "is never taken: day > 10 never holds: day is always between 1 and 3 "
            "[scene.judgement.routes[1].if] (route-never-taken)") in out
    assert "    hint: Loosen its `if`, or remove the route." in out
    assert "1 problem found:" in err
    assert "unknown_name_in_text/scenes/main.toml:4:17: error: unknown name 'mony'" in err
    assert "error" not in out.split("Checked")[0].replace("1 error", "")
    assert out.rstrip().endswith("Checked 2 campaigns: 1 error, 1 warning.")
    assert "\x1b[" not in out


def test_json_has_the_documented_fields(capsys):
    assert main(["check", str(LINT / "decks"), str(LINT / "unknown_name_in_text"), "--format", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    schema = json.loads((Path(__file__).parents[2] / "schema" / "output" / "check.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert data["tool"] == "check"
    assert data["counts"] == {"error": 1, "warning": 4, "info": 0}
    first, second = data["sections"]
    assert first["campaign"] == "decks" and first["loaded"] is True
    assert second["campaign"] == "unknown_name_in_text" and second["loaded"] is False
    for f in first["findings"] + second["findings"]:
        assert set(f) - {"column"} == {"code", "severity", "file", "line", "path", "message", "hint"}
        assert f.get("column", 1) > 0  # a finding with no column has no "column" key, never 0
    assert any("column" not in f for f in first["findings"])
    storylet = next(f for f in first["findings"] if f["code"] == "impossible-storylet")
    assert storylet == {
        "code": "impossible-storylet", "severity": "warning", "file": "decks/scenes/night.toml",
        "line": 12, "column": 7, "path": "scene.comet.if",
        "message": "storylet 'comet' can never be drawn: day > 5 never holds: day is always between 1 and 3",
        "hint": "Loosen its `if`, or make what it needs possible."}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_terminal_the_same_findings_are_styled(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = Terminal()
    emit(Report("check", [check_folder(LINT / "later_after_end")], "Checked 1 campaign: 1 warning."), out=out)
    styled = out.getvalue()
    assert "\x1b[" in styled
    text = " ".join(re.sub(r"\x1b\[[0-9;]*m", "", styled).split())  # as read, whatever the wrapping
    assert "later_after_end/scenes/main.toml:118 warning a consequence 3 days later never comes" in text
    assert "later-after-end" in text and "Use fewer than 3 days." in text


def test_text_from_content_cannot_reach_the_terminal_raw():
    f = finding("x", "warning", "a.toml", 1, 0, "p", "evil \x1b]0;title\x07 text", "")
    out = io.StringIO()
    emit(Report("check", [Section("", [f])]), out=out)
    assert "\x1b" not in out.getvalue() and "evil" in out.getvalue()


# ---------------------------------------------------------------- remembered results

def test_an_unchanged_campaign_is_answered_from_the_cache_and_an_edit_is_seen(tmp_path, own_cache, capsys):
    camp = tmp_path / "flags"
    shutil.copytree(LINT / "flags", camp)
    assert main(["check", str(camp), "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert len(list(own_cache.glob("*.json"))) == 1
    assert main(["check", str(camp), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == first  # the same answer, from the cache
    campaign = camp / "campaign.toml"
    campaign.write_text(campaign.read_text().replace('ghost = "Never used."\n', ""))
    assert main(["check", str(camp), "--format", "json"]) == 0
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["sections"][0]["findings"]]
    assert "flag-unused" not in codes and "flag-never-set" in codes


def test_a_broken_cache_file_is_ignored_and_the_cache_can_be_off(own_cache, monkeypatch, capsys):
    main(["check", str(LINT / "flags")])
    (slot,) = own_cache.glob("*.json")
    slot.write_text("{not json")
    main(["check", str(LINT / "flags")])
    out = capsys.readouterr().out
    assert out.count("(flag-unused)") == 2
    shutil.rmtree(own_cache)
    monkeypatch.setenv("CITIZEN_SCORE_CACHE", "")
    assert main(["check", str(LINT / "flags")]) == 0
    assert not own_cache.exists()
    assert main(["check", str(LINT / "flags"), "--no-cache"]) == 0


def test_a_fault_in_the_analysis_is_a_warning_not_a_traceback(monkeypatch, capsys):
    import game.authoring.analysis as analysis

    def broken(*_):
        raise KeyError("oops")

    monkeypatch.setattr(analysis, "analyse", broken)
    assert main(["check", str(LINT / "clean"), "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "warning: the warnings could not be worked out (KeyError: 'oops')" in out


# ---------------------------------------------------------------- random conditions, played

NUMS = ["credit", "money", "day", "hour", "friends.count", "friends.mean.credit", "npc.li.credit",
        'did("buy.diapers")', 'did("play.games")']
FACTS = ['has("gamer")', 'has("blacklisted")', 'visited("court")', 'visited("park")', "npc.li.friend",
         'band("credit") == "good"', 'band("credit") != "poor"', "true", "false"]
GATE_FACTS = ['open("job.clerk")', 'open("travel.train")']
SLOTS = [("scenes/main.toml", ("scene", "wake", "choice", i, "if")) for i in range(3)] + [
    ("scenes/main.toml", ("scene", "evening", "choice", 1, "if")),
    ("scenes/main.toml", ("scene", "market", "if")), ("scenes/main.toml", ("scene", "park", "if")),
    ("scenes/main.toml", ("scene", "court", "choice", 0, "if")),
    ("scenes/main.toml", ("scene", "judgement", "routes", 0, "if")),
    ("rules.toml", ("rule", "diapers", "if")), ("rules.toml", ("rule", "blacklist", "when")),
    ("gates.toml", ("job", "clerk", "needs")), ("gates.toml", ("travel", "train", "needs"))]


def conditions(gates: bool):
    number = st.one_of(st.sampled_from(NUMS),
                       st.sampled_from(["-5", "0", "1", "3", "100", "300", "350", "500", "610", "650", "950", "1000"]))
    term = st.one_of(number, st.tuples(st.sampled_from(NUMS), st.sampled_from("+-*/"), number).map(" ".join),
                     st.tuples(st.sampled_from(["min", "max"]), number, number).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
                     st.tuples(number, number, number).map(lambda t: f"clamp({t[0]}, {t[1]}, {t[2]})"))
    compare = st.tuples(term, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), term).map(" ".join)
    atom = st.one_of(compare, st.sampled_from(FACTS + (GATE_FACTS if gates else [])))
    return st.recursive(atom, lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda x: f"not {x}")), max_leaves=6)


EXPLORE = os.environ.get("CITIZEN_FUZZ") == "1"  # CITIZEN_FUZZ=1: many more, freshly random examples


@settings(max_examples=1500 if EXPLORE else 40, deadline=None, derandomize=not EXPLORE, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(range(len(SLOTS))), conditions(True), conditions(False)),
                min_size=1, max_size=5))
def test_random_conditions_never_make_check_call_played_things_impossible(tmp_path_factory, changes):
    root = tmp_path_factory.mktemp("fuzz") / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    data = {rel: tomllib.loads((root / rel).read_text()) for rel in ("scenes/main.toml", "rules.toml", "gates.toml")}
    for i, cond, gate_cond in changes:
        rel, path = SLOTS[i]
        node = data[rel]
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = gate_cond if rel == "gates.toml" else cond
    for rel, d in data.items():
        (root / rel).write_text(tomli_w.dumps(d))
    camp = Loader(root).load()  # every generated condition is valid
    analyse(camp)  # and the analysis never fails on it
    r = reach(camp)
    seen = random_play(camp, range(25))
    assert seen["scenes"] <= r.targets and seen["choices"] <= r.choices and seen["rules"] <= r.rules
    assert seen["flags"] <= r.facts.flags


def test_a_text_branch_that_can_never_show_is_warned_about(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes" / "main.toml", 'text = "The day ends."',
            'text = "The day ends. {if day > 10: Never. | else if money >= 0: Always. | else: Dead.}"')
    found = [f for f in analyse(Loader(root).load()) if f.code == "text-never-shown"]
    assert [(f.file, f.line, f.column, f.path) for f in found] == [
        ("mini/scenes/main.toml", 30, 27, "scene.evening.text"),
        ("mini/scenes/main.toml", 30, 54, "scene.evening.text")]
    assert found[0].message == ("branch 1 of an {if …} can never show: day > 10 never holds: "
                                "day is always between 1 and 3")
    assert found[1].message.startswith("the branches after branch 2 of an {if …} can never show: "
                                       "`money >= 0` always holds")


def test_text_branches_that_can_show_give_no_warning(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes" / "main.toml", 'text = "The day ends."',
            'text = "{if day > 1: Late. | else: Early.} {cycle: a | {if has(\\"gamer\\"): b}}"')
    assert not [f for f in analyse(Loader(root).load()) if f.code == "text-never-shown"]
