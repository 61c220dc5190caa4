"""Text that answers the player: {if …}, variations, emphasis and numbers, as a player reads them,
and every mistake in them as an author is told it (file, line, column, fix)."""

from __future__ import annotations

import random

import pytest

import conftest_engine_helpers as h
from game.engine import engine as eng
from game.engine import textlang
from game.engine.content import load_campaign
from game.engine.expr import Expr
from game.engine.state import GameState
from game.textsafe import clean

EVENING = 'text = "The day ends."'


def with_evening(tmp_path, text: str, name: str = "mini"):
    """The mini campaign with the evening scene's text replaced (a multi-line string from line 31)."""
    root = h.copy_mini(tmp_path, name)
    h.patch(root / "scenes" / "main.toml", EVENING, f'text = """\n{text}\n"""')
    return root


def evening(camp, seed: int = 1, *choices: str) -> GameState:
    """A game at the evening scene, after waking and the given choices."""
    st = eng.new_game(camp, seed)
    eng.apply(camp, st, "wake.game")
    for c in choices:
        eng.apply(camp, st, c)
    return st


def shown(camp, st) -> str:
    return textlang.plain(eng.scene_text(camp, st)).strip()


def again(camp, st: GameState) -> None:
    """Back into the evening scene: dropping Li Wei leads there (he is made a friend again first)."""
    st.friends.add("li")
    eng.apply(camp, st, "evening.drop_li")


def visits(camp, n: int, seed: int = 1) -> list[str]:
    """The evening text on each of ``n`` visits."""
    st = evening(camp, seed)
    out = [shown(camp, st)]
    for _ in range(n - 1):
        again(camp, st)
        out.append(shown(camp, st))
    return out


def read_run(camp, seed: int, steps: int) -> GameState:
    """A seeded game that reads every scene and choice text before it chooses, as a player does."""
    pick = random.Random(seed)
    st = eng.new_game(camp, seed)
    for _ in range(steps):
        if st.ended:
            break
        eng.scene_text(camp, st)
        eng.options(camp, st)
        eng.choose(camp, st, pick.choice(list(eng.open_ids(camp, st))))
    return st


# ---------------------------------------------------------------- old text reads as before

def test_text_without_forms_is_the_strings_and_expressions_it_always_was():
    camp = load_campaign(h.MINI)
    parts = camp.scenes["wake"].text
    assert [type(p) for p in parts] == [str, Expr, str]
    assert camp.scenes["evening"].text == ("The day ends.",)


# ---------------------------------------------------------------- conditions

def test_if_else_if_else_picks_the_first_branch_that_holds(tmp_path):
    camp = load_campaign(with_evening(
        tmp_path, "You are {if money >= 250: rich | else if money > 0: getting by | else: broke}."))
    st = evening(camp)
    assert shown(camp, st) == "You are rich."
    st.vals["money"] = 10
    assert shown(camp, st) == "You are getting by."
    st.vals["money"] = 0
    assert shown(camp, st) == "You are broke."


def test_if_without_else_shows_nothing_and_forms_nest_across_lines(tmp_path):
    camp = load_campaign(with_evening(
        tmp_path, 'A{if has("gamer"):\n, {if money > 5: rich {em: gamer} | else: poor gamer}\n}.'))
    st = evening(camp)
    assert shown(camp, st) == "A, rich gamer."
    st.flags.discard("gamer")
    assert shown(camp, st) == "A."


def test_an_optional_sentence_that_shows_nothing_leaves_no_double_space(tmp_path):
    camp = load_campaign(with_evening(
        tmp_path, 'You sit down. {if has("gamer"): The screen is still warm.} The kettle ticks. \nIt is late.'))
    st = evening(camp)
    assert shown(camp, st) == "You sit down. The screen is still warm. The kettle ticks.\nIt is late."
    st.flags.discard("gamer")
    assert shown(camp, st) == "You sit down. The kettle ticks.\nIt is late."


# ---------------------------------------------------------------- variations

def test_sequence_cycle_and_once_follow_the_visits_to_the_scene(tmp_path):
    camp = load_campaign(with_evening(tmp_path, "{sequence: s1 | s2} {cycle: c1 | c2} {once: o1 | o2}"))
    assert [s.replace("  ", " ").strip() for s in visits(camp, 4)] == [
        "s1 c1 o1", "s2 c2 o2", "s2 c1", "s2 c2"]


def test_shuffle_is_the_same_for_a_seed_and_differs_across_seeds(tmp_path):
    items = " | ".join(f"w{i}" for i in range(20))
    camp = load_campaign(with_evening(tmp_path, f"{{shuffle: {items}}}"))
    assert visits(camp, 5, seed=3) == visits(camp, 5, seed=3)
    assert len({tuple(visits(camp, 3, seed=s)) for s in range(6)}) > 1


def test_a_shuffle_never_changes_what_a_seed_draws(tmp_path):
    """The storylet 'market' gets a shuffle: every game plays and draws exactly as before."""
    plain_root = h.copy_mini(tmp_path, "mini")
    varied = h.copy_mini(tmp_path / "v", "mini")
    h.patch(varied / "scenes" / "main.toml", 'text = "The market is loud."',
            'text = "The market is {shuffle: loud | quiet | shut}."')
    a, b = load_campaign(plain_root), load_campaign(varied)
    drew_market = False
    for seed in range(30):
        sa, sb = read_run(a, seed, 40), read_run(b, seed, 40)
        assert sa.to_dict() == sb.to_dict()
        drew_market = drew_market or "market" in sb.visited
    assert drew_market


def test_a_loaded_game_reads_on_where_the_sequence_was(tmp_path):
    camp = load_campaign(with_evening(tmp_path, "{sequence: first | second | third}"))
    st = evening(camp, 1, "evening.drop_li")
    assert shown(camp, st) == "second"
    loaded = GameState.from_dict(st.to_dict())
    assert shown(camp, loaded) == "second"
    again(camp, loaded)
    assert shown(camp, loaded) == "third"


# ---------------------------------------------------------------- visit counts and memory

def test_seen_and_since_count_visits_and_choices(tmp_path):
    camp = load_campaign(with_evening(
        tmp_path, 'seen {seen("evening")}, since wake {since("wake")}, since games {since("play.games")}, '
                  'since diapers {since("buy.diapers")}, here {since("evening")}'))
    st = evening(camp)
    assert shown(camp, st) == "seen 1, since wake 1, since games 1, since diapers -1, here 0"
    again(camp, st)
    assert shown(camp, st) == "seen 2, since wake 2, since games 2, since diapers -1, here 0"


def test_seen_and_since_work_in_conditions_and_rules(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes" / "main.toml", 'if = "npc.li.friend"', 'if = \'npc.li.friend and seen("evening") < 2\'')
    camp = load_campaign(root)
    st = evening(camp)
    assert "evening.drop_li" in eng.open_ids(camp, st)
    again(camp, st)
    st.friends.add("li")
    assert not next(o for o in eng.options(camp, st) if o.id == "evening.drop_li").open


# ---------------------------------------------------------------- emphasis and numbers

def test_emphasis_is_markers_the_ui_styles_and_plain_output_drops(tmp_path):
    camp = load_campaign(with_evening(tmp_path, "a {em: b {strong: c}} d"))
    text = eng.scene_text(camp, evening(camp)).strip()
    assert textlang.runs(text) == [("a ", ""), ("b ", "em"), ("c", "em strong"), (" d", "")]
    assert textlang.plain(text) == clean(text) == "a b c d"


def test_marker_characters_written_in_content_are_neutralised(tmp_path):
    camp = load_campaign(with_evening(tmp_path, "x\ue000y {money}"))
    assert textlang.runs(eng.scene_text(camp, evening(camp)).strip()) == [("x\ufffdy 300", "")]


@pytest.mark.parametrize("form, value, words", [
    ("{money: money * 10}", 300, "¥3,000"),
    ("{money: 0 - money}", 300, "-¥300"),
    ("{money 2: money / 8}", 300, "¥37.50"),
    ("{percent: money / 4}", 300, "75%"),
    ("{decimal: money / 64}", 300, "4.7"),
    ("{decimal 2: money / 64}", 300, "4.69"),
    ("{clock: hour + 1.5}", 300, "00:30"),  # wake.game takes 16 hours: 23:00
])
def test_numbers_in_text(tmp_path, form, value, words):
    camp = load_campaign(with_evening(tmp_path, form))
    st = evening(camp)
    st.vals["money"] = value
    assert shown(camp, st) == words


def test_locked_text_and_why_not_fill_in_too(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "scenes" / "main.toml", 'id = "drop_li"\ntext = "Stop answering Li Wei"',
            'id = "drop_li"\ntext = "Stop answering Li Wei"\nlocked = "{if money > 5: You have {money: money}. | else: Broke.}"')
    camp = load_campaign(root)
    st = evening(camp)
    st.friends.clear()
    reason = next(o.reason for o in eng.options(camp, st) if o.id == "evening.drop_li")
    assert reason == "You have ¥300."


# ---------------------------------------------------------------- mistakes

@pytest.mark.parametrize("text, message, column, hint", [
    ("A {if money >= : x} b", "the expression ends too early", 15, "missing"),
    ("A {money > 1 ? rich : poor}", "'? :' does not choose words here", 3, "{if condition:"),
    ("A {&rich|poor}", "'{&…}' is not a form here", 3, "{cycle: a | b}"),
    ("A {~rich|poor}", "'{~…}' is not a form here", 3, "{shuffle: a | b}"),
    ("A {rich|poor}", "a '|' only separates the items of a form", 3, "{sequence:"),
    ("A {if money > 1: x | y}", "after a '|' an {if …} goes on with", 3, "else if"),
    ("A {if money > 1: x | else: y | z}", "nothing can follow the 'else:'", 3, "last"),
    ("A {if money > 1 x}", "an {if …} needs a ':' after its condition", 3, "{if condition:"),
    ("A {if money: x}", "a condition must be true or false, but this is a number", 7, "Compare"),
    ("A {em: x | y}", "{em: …} takes one text, without '|'", 3, "variation"),
    ("A {money: \"x\"}", "this must be a number, but it is text", 11, ""),
    ("A {sparkle: x}", "unknown form '{sparkle: …}'", 3, "{shuffle: a | b}"),
    ("A {cycle: x | y", "a '{' in the text is never closed", 3, "'}'"),
    ("A {random(1, 6)}", "unknown function 'random'", 4, "{shuffle: a | b}"),
    ("A {day % 7}", "unexpected character '%'", 8, "no remainder"),
    ('A {seen("evenin")}', "unknown scene 'evenin'", 9, "'evening'"),
    ('A {since("buy.diaper")}', "unknown scene or act 'buy.diaper'", 10, "'buy.diapers'"),
])
def test_each_mistake_names_line_column_and_fix(tmp_path, text, message, column, hint):
    (p,) = h.problems_of(with_evening(tmp_path, text))
    assert p.message.startswith(message), p.format()
    assert (p.file, p.line, p.column) == ("mini/scenes/main.toml", 31, column), p.format()
    assert hint in p.hint


def test_every_mistake_in_a_text_is_listed_at_once(tmp_path):
    problems = h.problems_of(with_evening(tmp_path, "{if mony > 1: a}\n{cycle: {em: x | y}}\n{sparkle: z}"))
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [(31, "unknown"), (32, "{em:"), (33, "unknown")]


def test_a_rules_why_is_filled_in_as_it_fires_and_kept_in_the_ledger(tmp_path):
    root = h.copy_mini(tmp_path)
    h.patch(root / "rules.toml", 'why = "Buying diapers suggests a responsible parent."',
            'why = "Diapers at {clock: hour}{if money < 250:, and only {money: money} left}."')
    camp = load_campaign(root)
    st = eng.new_game(camp, 1)
    (out,) = h.play(camp, st, "wake.shop")
    assert [e.why for e in out.ledger] == ["Diapers at 08:00, and only ¥200 left."]
    st.vals["money"] = 999  # the ledger keeps what was said then
    assert GameState.from_dict(st.to_dict()).ledger[0].why == "Diapers at 08:00, and only ¥200 left."
    assert camp.rules["night_gaming"].why_text is None  # a plain why stays a plain string
