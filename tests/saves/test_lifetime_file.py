"""The lifetime record as a file: what it writes reads back, and a record it cannot read is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import lifetime
from game.engine.content import load_campaign
from game.engine.lifetime import CampaignLife, Lifetime, Loss
from game.engine.play import Play


@pytest.fixture
def saves_dir(tmp_path: Path) -> Path:
    """A saves folder that exists, as the game makes it before anything is counted."""
    folder = tmp_path / "saves"
    folder.mkdir()
    return folder


def test_a_record_from_elsewhere_gives_one_message(saves_dir):
    cases = {b"kind = 'citizen-score-save'\nformat = 1\n": "not a lifetime record",
             b"kind = 'citizen-score-lifetime'\nformat = 9\n": "newer version",
             b"\xff\xfe": "cannot be read",
             b"kind = 'citizen-score-lifetime'\nformat = 1\n[campaign.a]\ngames = 'many'\ndays = 1\n": "whole number"}
    for data, words in cases.items():
        (saves_dir / "lifetime.toml").write_bytes(data)
        with pytest.raises(lifetime.LifetimeError, match=words):
            lifetime.load(saves_dir)


def test_the_record_reads_back_what_it_wrote(gallery_content, saves_dir):
    camp = load_campaign(gallery_content / "gallery")
    play = Play.new(camp, 3)
    lifetime.counted(play, saves_dir)
    play.choose("wake.game")
    play.choose("evening.drop_li")  # finds out the hidden rule
    while not play.st.ending:
        play.choose(next(o.id for o in play.options() if o.open))
    life = lifetime.load(saves_dir)
    assert life.games == 1 and life.campaigns["gallery"].revealed == {"friends"}
    assert lifetime.load(saves_dir) == life
    assert lifetime.render(life) == (saves_dir / "lifetime.toml").read_bytes()


def test_a_hidden_rule_stays_unnamed_until_found_out(gallery_content):
    camp = load_campaign(gallery_content / "gallery")
    life = Lifetime({"gallery": CampaignLife(1, 3)}, Loss("gallery", "friends", "credit", 7))
    assert lifetime.worst_words(life, {"gallery": camp}) == \
        "−7 Social Credit to a rule you have not found out, in Gallery"
    life.campaigns["gallery"].revealed.add("friends")
    assert lifetime.worst_words(life, {"gallery": camp}) == "−7 Social Credit to Friends, in Gallery"


def finish(play: Play) -> None:
    while not play.st.ending:
        play.choose(next(o.id for o in play.options() if o.open))


def test_a_game_ending_beside_an_unreadable_record_leaves_it_and_says_so(gallery_content, saves_dir):
    path = saves_dir / "lifetime.toml"
    path.write_text("this is not TOML at all", encoding="utf-8")
    play = lifetime.counted(Play.new(load_campaign(gallery_content / "gallery"), 1), saves_dir)
    finish(play)
    assert path.read_text(encoding="utf-8") == "this is not TOML at all"
    assert len(play.notes) == 1 and "cannot be read" in play.notes[0]
    assert [p.name for p in saves_dir.iterdir()] == ["lifetime.toml"]  # no temp file, no copy


def test_a_record_that_cannot_be_written_gives_one_message(gallery_content, saves_dir, monkeypatch):

    def full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(lifetime.fileio, "atomic_write", full)
    play = Play.new(load_campaign(gallery_content / "gallery"), 1)
    finish(play)
    with pytest.raises(lifetime.LifetimeError, match="could not be written .No space left on device"):
        lifetime.record(saves_dir, play)


def test_a_counted_game_is_put_off_until_the_play_settles(gallery_content, saves_dir):
    play = lifetime.counted(Play.new(load_campaign(gallery_content / "gallery"), 1), saves_dir, defer=True)
    finish(play)
    assert not (saves_dir / "lifetime.toml").exists()
    play.settle()
    assert lifetime.load(saves_dir).games == 1
