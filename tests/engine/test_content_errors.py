"""What an author sees when a campaign is wrong: every problem, with its file, line and a hint.

Each folder under tests/fixtures/broken/ is the mini campaign with one kind of mistake (or, in
many_problems, several in one file). Line numbers are counted in those fixture files.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import conftest_engine_helpers as h
from game.engine.content import Loader, load_campaign
from game.engine.problems import ContentError

CASES = sorted(p.name for p in h.BROKEN.iterdir() if p.is_dir())


def broken(name: str):
    return h.problems_of(h.BROKEN / name)


def only(problems):
    assert len(problems) == 1, "expected exactly one problem:\n" + "\n".join(p.format() for p in problems)
    return problems[0]


# ---------------------------------------------------------------- the mini campaign is clean

def test_mini_loads_without_problems():
    camp = load_campaign(h.MINI)
    assert camp.id == "mini"
    assert camp.warnings == []
    assert {"wake", "evening", "judgement", "end_plain"} <= set(camp.scenes)


def test_every_broken_fixture_is_rejected():
    assert len(CASES) >= 15
    for name in CASES:
        with pytest.raises(ContentError):
            load_campaign(h.BROKEN / name)


# ---------------------------------------------------------------- one mistake each

def test_toml_syntax_error_names_line_and_column():
    p = h.find(broken("toml_syntax"), "TOML syntax")
    assert p.file == "toml_syntax/scenes/main.toml"
    assert (p.line, p.column) == (13, 8)  # goto = evening  (no quotes)
    assert "quotes" in p.hint
    assert p.format().startswith("toml_syntax/scenes/main.toml:13:8: error: TOML syntax")


def test_toml_syntax_error_is_not_buried_in_follow_on_errors():
    only(broken("toml_syntax"))


def test_unknown_key_with_did_you_mean():
    p = only(broken("unknown_key"))
    assert p.file == "unknown_key/scenes/main.toml"
    assert p.line == 2
    assert "unknown key 'titel'" in p.message
    assert p.hint == "Did you mean 'title'?"
    assert p.where == "scene.wake.titel"


def test_wrong_type():
    p = only(broken("wrong_type"))
    assert p.file == "wrong_type/scenes/main.toml"
    assert p.line == 18
    assert p.message == "'hours' must be a whole number"
    assert "hours = 3" in p.hint


def test_missing_required_key():
    p = only(broken("missing_required"))
    assert p.file == "missing_required/scenes/main.toml"
    assert p.line == 32  # the [[scene.evening.choice]] header of the choice without text
    assert "has no 'text'" in p.message
    assert "text" in p.hint


def test_dangling_goto():
    p = only(broken("dangling_goto"))
    assert p.file == "dangling_goto/scenes/main.toml"
    assert p.line == 13
    assert p.message == "goto 'evenin' names no scene or deck"
    assert p.hint == "Did you mean 'evening'?"


def test_unknown_name_in_condition_with_column():
    p = only(broken("unknown_name"))
    assert p.file == "unknown_name/scenes/main.toml"
    assert p.line == 10
    assert p.column == 20  # of `mony` in `if = "day >= 1 and mony >= 100"`: the line's column, for editors
    assert "unknown name 'mony'" in p.message
    assert "day >= 1 and mony >= 100" in p.message  # the expression is quoted back
    assert p.hint == "Did you mean 'money'?"
    assert p.format().startswith("unknown_name/scenes/main.toml:10:20: error: unknown name 'mony'")


def test_unknown_flag_in_set():
    p = only(broken("unknown_flag"))
    assert p.file == "unknown_flag/scenes/main.toml"
    assert p.line == 20
    assert p.message == "unknown flag 'gamr'"
    assert p.hint == "Did you mean 'gamer'?"


def test_duplicate_scene_across_two_files():
    p = only(broken("duplicate_scene"))
    assert p.file == "duplicate_scene/scenes/side.toml"
    assert p.line == 3
    assert "scene 'quiet'" in p.message and "duplicate_scene/scenes/main.toml" in p.message
    assert "unique" in p.hint


def test_duplicate_choice_id():
    p = only(broken("duplicate_choice"))
    assert p.file == "duplicate_choice/scenes/main.toml"
    assert p.line == 16  # the second id = "shop"
    assert "choice id 'shop' is used twice" in p.message


def test_duplicate_choice_id_has_a_hint():
    assert only(broken("duplicate_choice")).hint


def test_rule_with_both_on_and_every():
    p = only(broken("on_and_every"))
    assert p.file == "on_and_every/rules.toml"
    assert p.line == 1
    assert "needs exactly one of on, every, when" in p.message
    assert "every" in p.hint


def test_domain_not_of_the_score():
    p = only(broken("bad_domain"))
    assert p.file == "bad_domain/rules.toml"
    assert p.line == 4
    assert p.message == "'socity' is not a domain of credit"
    assert "society" in p.hint and "commerce" in p.hint


def test_router_whose_last_route_has_a_condition():
    p = only(broken("router_last_cond"))
    assert p.file == "router_last_cond/scenes/main.toml"
    assert p.line == 102  # routes = [
    assert "last route has a condition" in p.message
    assert "no 'if'" in p.hint


def test_calendar_day_out_of_range():
    p = only(broken("calendar_range"))
    assert p.file == "calendar_range/campaign.toml"
    assert p.line == 12
    assert "calendar day '9'" in p.message
    assert p.hint == "Use 1 to 3."


def test_missing_campaign_toml():
    p = only(broken("no_campaign"))
    assert p.file == "no_campaign/campaign.toml"
    assert p.message == "file not found"
    assert "campaign.toml" in p.hint


def test_scene_with_neither_choices_nor_ending():
    p = only(broken("no_choices"))
    assert p.file == "no_choices/scenes/main.toml"
    assert p.line == 115
    assert p.message == "scene 'limbo' has no choices, routes or ending"
    assert "ending = true" in p.hint


def test_several_problems_in_one_file_are_all_listed_at_once():
    with pytest.raises(ContentError) as info:
        load_campaign(h.BROKEN / "many_problems")
    probs = info.value.problems
    got = sorted((p.line, p.message.split(" in `")[0]) for p in probs)
    assert got == [
        (2, "unknown key 'titel' in scene"),
        (10, "unknown name 'mony'"),
        (18, "'hours' must be a whole number"),
        (20, "unknown flag 'gamr'"),
        (35, "goto 'nowhere' names no scene or deck"),
    ]
    assert {p.file for p in probs} == {"many_problems/scenes/main.toml"}
    assert all(p.hint for p in probs)
    text = str(info.value)
    assert text.startswith("5 problems found:")
    for line in (2, 10, 18, 20, 35):
        assert f"many_problems/scenes/main.toml:{line}" in text


# ---------------------------------------------------------------- more mistakes, built in tmp_path

def test_unknown_name_in_text_hole_names_its_line(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes/main.toml", "You wake with ¥{money}", "You wake with ¥{mony}")
    p = only(h.problems_of(root))
    assert p.line == 4
    assert "unknown name 'mony'" in p.message and p.hint == "Did you mean 'money'?"


@pytest.mark.parametrize("text", ['"""The day {mony}\nends."""', '"The day {mony}\\nends."'])
def test_text_hole_on_the_first_line_of_the_string(tmp_path, text):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes/main.toml", 'text = "The day ends."', f"text = {text}")
    assert only(h.problems_of(root)).line == 30


def test_unclosed_brace_in_text(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes/main.toml", 'text = "The day ends."', 'text = "The day {ends."')
    p = only(h.problems_of(root))
    assert p.line == 30
    assert "never closed" in p.message and "{{" in p.hint


def test_needs_names_an_unknown_gate(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes/main.toml", 'needs = "job.clerk"', 'needs = "job.clerc"')
    p = only(h.problems_of(root))
    assert (p.line, p.message, p.hint) == (26, "unknown gate 'job.clerc'", "Did you mean 'job.clerk'?")


def test_unknown_stat_in_effects(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes/main.toml", "effects = { money = -100 }", "effects = { mony = -100 }")
    p = only(h.problems_of(root))
    assert (p.line, p.message, p.hint) == (11, "unknown stat 'mony'", "Did you mean 'money'?")


def test_an_expression_in_a_multi_line_string_is_placed_on_its_own_line(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "rules.toml", '"(friends.mean.credit - credit) / 20"', '"""(friends.mean.credit\n - credit) // 20"""')
    p = only(h.problems_of(root))
    assert p.line == 16 and p.column == 0 and "(at its character" in p.message


def test_escapes_before_an_error_do_not_shift_its_column(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes/main.toml", '"money >= 100"', r'"has(\"gamer\") and mony >= 100"')
    p = only(h.problems_of(root))
    line = (root / "scenes/main.toml").read_text().splitlines()[p.line - 1]
    assert line[p.column - 1:].startswith("mony")


def test_formula_error_in_rule_score(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "rules.toml", '"(friends.mean.credit - credit) / 20"', '"(friends.mean.credit - credit) // 20"')
    p = only(h.problems_of(root))
    assert p.file == "mini/rules.toml" and p.line == 16
    assert p.column == 53 and "unexpected '/'" in p.message  # the second '/' of '//' on its line


def test_choice_with_both_goto_and_end_day(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes/main.toml", 'text = "Sleep"\nend_day = true', 'text = "Sleep"\nend_day = true\ngoto = "wake"')
    p = only(h.problems_of(root))
    assert p.line == 32 and "has both goto and end_day" in p.message
    # the hint answers this mistake: keep one, or open the scene tomorrow through `later`
    assert "Keep goto" in p.hint and 'later = { days = 1, goto = "wake" }' in p.hint


def test_choice_with_neither_goto_nor_end_day(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes/main.toml", 'text = "Sleep"\nend_day = true', 'text = "Sleep"')
    p = only(h.problems_of(root))
    assert p.line == 32 and "needs exactly one of goto, end_day = true or back = true" in p.message
    assert "Say where the story goes next" in p.hint


def test_gate_needs_cannot_use_open(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "gates.toml", "needs = 'not has(\"blacklisted\")'", "needs = 'open(\"job.clerk\")'")
    p = only(h.problems_of(root))
    assert p.file == "mini/gates.toml" and p.line == 8 and "open()" in p.message


def test_campaign_id_must_match_folder(tmp_path):
    h.copy_mini(tmp_path)
    (tmp_path / "mini").rename(tmp_path / "other")
    p = only(h.problems_of(tmp_path / "other"))
    assert p.file == "other/campaign.toml" and p.line == 2 and "folder" in p.hint


def test_problems_in_several_files_are_all_listed(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "rules.toml", 'domain = "society"', 'domain = "socity"')
    h.patch(root / "gates.toml", 'needs = "credit >= 650"', 'needs = "credt >= 650"')
    h.patch(root / "scenes/main.toml", 'goto = "evening"', 'goto = "evenin"')
    h.patch(root / "campaign.toml", "days = 3", 'days = "3"')
    probs = h.problems_of(root)
    where = {(p.file, p.line) for p in probs}
    assert {("mini/rules.toml", 4), ("mini/gates.toml", 3), ("mini/scenes/main.toml", 13),
            ("mini/campaign.toml", 6)} <= where


def test_stat_start_outside_its_bounds(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "campaign.toml", "start = 300\nmin = 0", "start = 300\nmin = 500")
    p = only(h.problems_of(root))
    assert p.line == 24


def test_calendar_day_one_is_flagged(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "campaign.toml", '3 = "court"', '1 = "court"')
    try:
        camp = load_campaign(root)
        problems = camp.warnings
    except ContentError as e:
        problems = e.problems
    assert any(p.where == "calendar.1" for p in problems)


# Shapes a writer can plausibly type that currently crash the loader with a Python traceback.
CRASHES = [
    ("choice_not_a_list", "scenes/main.toml",
     '[scene.quiet]\ntext = "Nothing happens."\n\n[[scene.quiet.choice]]\nid = "wait"\ntext = "Wait"\n'
     'goto = "evening"', '[scene.quiet]\ntext = "Nothing happens."\nchoice = 3'),
    ("does_not_a_list", "scenes/main.toml", 'does = ["play.games"]', "does = 5"),
    ("on_is_a_bool", "rules.toml", 'on = "play.games"', "on = true"),
    ("weight_inf", "scenes/main.toml", "weight = 3", "weight = inf"),
    ("weight_nan", "scenes/main.toml", "weight = 3", "weight = nan"),
    ("effect_inf", "scenes/main.toml", "effects = { money = -100 }", "effects = { money = -inf }"),
    ("score_nan", "rules.toml", "score = { credit = 40 }", "score = { credit = nan }"),
    ("domain_weight_inf", "campaign.toml", "society = 50", "society = inf"),
    ("calendar_superscript", "campaign.toml", '3 = "court"', '"³" = "court"'),
]


@pytest.mark.parametrize("name, rel, old, new", CRASHES, ids=[c[0] for c in CRASHES])
def test_odd_shapes_are_problems_not_crashes(tmp_path, name, rel, old, new):
    root = h.copy_mini(tmp_path)
    h.patch(root / rel, old, new)
    with pytest.raises(ContentError) as info:
        Loader(root).load()
    assert any(p.file == f"mini/{rel}" for p in info.value.problems)


# ---------------------------------------------------------------- the checker on the command line

def run_checker(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(h.REPO)}
    return subprocess.run([sys.executable, "-m", "game.engine.content", *args], cwd=h.REPO, env=env,
                          capture_output=True, text=True, timeout=60)


def test_checker_accepts_mini():
    r = run_checker(str(h.MINI))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "ok" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


@pytest.mark.parametrize("name", [c for c in CASES if c != "no_campaign"])
def test_checker_rejects_broken_folder_without_traceback(name):
    r = run_checker(str(h.BROKEN / name))
    out = r.stdout + r.stderr
    assert r.returncode == 2, out
    assert "Traceback" not in out
    assert f"{name}/" in out and "error:" in out


def test_checker_lists_every_problem_with_file_and_line():
    r = run_checker(str(h.BROKEN / "many_problems"))
    assert r.returncode == 2
    for line in (2, 10, 18, 20, 35):
        assert f"many_problems/scenes/main.toml:{line}" in r.stdout
    assert "hint: Did you mean 'title'?" in r.stdout


@pytest.mark.parametrize("where", ["no_campaign", "does_not_exist"])
def test_checker_fails_on_a_folder_that_is_no_campaign(where):
    r = run_checker(str(h.BROKEN / where))
    assert r.returncode == 2
    assert r.stdout.strip()


def test_checker_never_prints_a_traceback(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes/main.toml", 'does = ["play.games"]', "does = 5")
    r = run_checker(str(root))
    assert "Traceback" not in r.stdout + r.stderr
    assert r.returncode == 2


@pytest.mark.parametrize("rel, text", [("gates.toml", 'needs = "credit >= 650"\n'),
                                       ("scenes/extra.toml", "scene = 3\n")])
def test_stray_top_level_values_are_reported(tmp_path, rel, text):
    root = h.copy_mini(tmp_path)
    p = root / rel
    p.write_text(text + (p.read_text() if p.exists() else ""))
    p = only(h.problems_of(root))
    assert p.file == f"mini/{rel}" and p.line == 1
