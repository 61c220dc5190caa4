"""A translation beside the story: read over it field by field, checked like it, and never part
of what a save, a replay or a record depends on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.commands.translate import stamp
from game.describe import rule_why
from game.engine import engine
from game.engine.challenges import load_challenges
from game.engine.content import load_campaign, load_campaign_in
from game.engine.languages import is_translation, translation_of
from game.engine.load.translation import coverage, read_translation
from game.engine.problems import ContentError

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def syri(tmp_path: Path) -> Path:
    """The Rotterdam campaign without its shipped translation, to write small ones into."""
    root = tmp_path / "syri"
    shutil.copytree(REPO / "content" / "syri", root,
                    ignore=lambda d, names: [n for n in names if is_translation(n)])
    return root


def write(root: Path, rel: str, text: str) -> None:
    (root / translation_of(rel, "nl")).write_text(text, encoding="utf-8")


OPENING = '''
[scene.arrival]
title = "Hillesluis, maandag 11 november 2019"
text = 'Je hebt {money 2: money + 1000.5} en je risico is {band("risk")}.'

[scene.arrival.choice.walk]
text = "Breng Noor naar school"
'''


def test_file_names() -> None:
    assert is_translation("opening.nl.toml") and is_translation("campaign.pt_BR.toml")
    assert not is_translation("opening.toml")
    assert translation_of("scenes/opening.toml", "nl") == "scenes/opening.nl.toml"


def test_translated_words_replace_the_original_field_by_field(syri: Path) -> None:
    write(syri, "scenes/opening.toml", OPENING)
    write(syri, "campaign.toml", '[scores.risk]\nbands = { elevated = "verhoogd" }\n')
    camp = load_campaign_in(syri, "nl", seps=".,")
    st = engine.new_game(camp, 1)
    assert engine.scene_text(camp, st) == "Je hebt €1.260,50 en je risico is verhoogd."
    texts = [o.text for o in engine.options(camp, st)]
    assert texts[0] == "Breng Noor naar school"
    assert texts[1] == "Pull the blanket off Bilal and make him walk her"  # not translated: English
    assert camp.scores["risk"].label == "Risk score"  # a table without that key keeps its words
    assert camp.scores["risk"].band_word(40) == "verhoogd" and camp.scores["risk"].band(40) == "elevated"


def test_a_save_does_not_depend_on_the_language(syri: Path) -> None:
    write(syri, "scenes/opening.toml", OPENING)
    write(syri, "rules.toml", '[rule.postcode]\nwhy = "Je adres ligt in een wijk die gescreend wordt."\n')
    english, dutch = load_campaign(syri), load_campaign_in(syri, "nl")
    assert english.content_hash == dutch.content_hash
    a, b = engine.new_game(english, 7), engine.new_game(dutch, 7)
    engine.choose(english, a, "arrival.walk")
    engine.choose(dutch, b, "arrival.walk")
    assert a.ledger == b.ledger  # the ledger keeps the story's words...
    entry = b.ledger[0]
    b.revealed.add(entry.rule)
    assert rule_why(dutch, b, entry.rule, entry.why) == "Je adres ligt in een wijk die gescreend wordt."


def test_every_mistake_is_named_with_file_and_line(syri: Path) -> None:
    write(syri, "scenes/opening.toml", OPENING + '''
[scene.arrival.choice.nope]
text = "?"

[scene.arrival_post]
text = "{has(\\"no_such_flag\\")}"
effects = 3
''')
    with pytest.raises(ContentError) as e:
        load_campaign_in(syri, "nl")
    got = {(p.file, p.line, p.message.split(" '")[0]) for p in e.value.problems}
    assert ("syri/scenes/opening.nl.toml", 9, "the original has no") in got
    assert any(p.line == 13 and "no_such_flag" in p.message for p in e.value.problems)
    assert any(p.line == 14 and "effects" in p.message for p in e.value.problems)


def test_missing_stale_and_stamped(syri: Path) -> None:
    write(syri, "scenes/opening.toml", OPENING)
    camp = load_campaign(syri)
    found = read_translation(syri, camp, "nl", __import__("tomllib").loads)
    codes = {p.code for p in found.problems}
    assert codes == {"translation-missing", "translation-unstamped"}
    done, total, stale = coverage(found)
    assert (done, stale) == (3, 0) and total > 700
    assert stamp(syri, "nl", set()) == (2, [])
    found = read_translation(syri, load_campaign(syri), "nl", __import__("tomllib").loads)
    assert {p.code for p in found.problems} == {"translation-missing"}
    # the original changes: the translation of that table is stale, and only that one
    src = syri / "scenes" / "opening.toml"
    src.write_text(src.read_text().replace("Walk Noor to school", "Take Noor to school"))
    found = read_translation(syri, load_campaign(syri), "nl", __import__("tomllib").loads)
    stale = [p for p in found.problems if p.code == "translation-stale"]
    assert [p.where for p in stale] == ["scene.arrival.choice.walk.from"]
    assert stale[0].file == "syri/scenes/opening.nl.toml" and stale[0].line == 8
    assert stamp(syri, "nl", {"scene.arrival.choice.walk"}) == (1, [])
    found = read_translation(syri, load_campaign(syri), "nl", __import__("tomllib").loads)
    assert not [p for p in found.problems if p.code == "translation-stale"]


def test_challenges_read_the_translation(syri: Path) -> None:
    write(syri, "challenges.toml", '[challenge.no_grounds]\ntitle = "Geen gronden"\n'
                                   '[challenge.no_grounds.split.flagged]\ntitle = "Een risicomelding"\n')
    camp = load_campaign_in(syri, "nl")
    ch = load_challenges(syri, campaign=camp).challenges["no_grounds"]
    assert ch.title == "Geen gronden" and ch.splits[0].title == "Een risicomelding"
    assert ch.about.startswith("Get flagged")  # not translated: the story's words


def test_the_shipped_translations_load_and_play() -> None:
    """Every shipped campaign loads in Dutch with no error, and a random game plays to its end."""
    import random

    for cid in ("sesame", "state", "circle", "syri"):
        camp = load_campaign_in(REPO / "content" / cid, "nl", seps=".,")
        st, rng = engine.new_game(camp, 3), random.Random(3)
        while not st.ended:
            engine.scene_text(camp, st)
            engine.gates(camp, st)
            engine.choose(camp, st, rng.choice([o for o in engine.options(camp, st) if o.open]).id)


def test_a_name_longer_than_the_side_panel_shows_is_warned_of_where_it_is_written(syri: Path) -> None:
    """Dutch runs longer: a stat label past 12 characters or a domain past 10 was cut on screen
    ("Betaalrekeni", "nieuw kred") without a word from check."""
    write(syri, "campaign.toml", '[stats.money]\nlabel = "Betaalrekening"\n\n'
                                 '[scores.risk]\ndomains = { benefits = "uitkeringen en toeslagen" }\n')
    found = read_translation(syri, load_campaign(syri), "nl", __import__("tomllib").loads)
    long = {p.where: p for p in found.problems if p.code == "too-long"}
    assert set(long) == {"stats.money.label", "scores.risk.domains.benefits"}
    assert long["stats.money.label"].file == "syri/campaign.nl.toml" and long["stats.money.label"].line == 2
    assert "Betaalrekeni" in long["stats.money.label"].hint and long["stats.money.label"].severity == "warning"


def test_the_story_own_names_are_held_to_the_same_width(syri: Path) -> None:
    src = syri / "campaign.toml"
    src.write_text(src.read_text().replace('label = "Money"', 'label = "Money in the bank"'))
    camp = load_campaign(syri)
    assert [(p.code, p.where) for p in camp.warnings if p.code == "too-long"] == [("too-long", "stats.money.label")]
