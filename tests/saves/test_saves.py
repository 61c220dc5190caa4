"""Saves as a player meets them: save and load, autosave, broken files, edited stories, crashes."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w

sys.path[:0] = [p for p in (str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parents[1]))
                if p not in sys.path]

import game  # noqa: E402
from game import fileio, saves  # noqa: E402
from game.engine import engine  # noqa: E402
from game.engine.content import load_campaign  # noqa: E402
from helpers_saves import (  # noqa: E402
    LONG_AGO, MINI, POINTS, ROOT, copy_campaign, leave_temp, play, play_first_open, two_games)

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def camp():
    return load_campaign(MINI)


@pytest.fixture
def good_save(tmp_path, camp):
    """A saved game partway through day 1, and the state it holds."""
    st = play(camp, 3, ["wake.shop"])
    return saves.write_save(tmp_path / "saves", "slot one", camp, st, now=T0), st


def edit_toml(path: Path, change) -> None:
    """Rewrite a save the way a damaged or hand-edited file would look."""
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")


# ---------------------------------------------------------------- round trip

def test_round_trip_gives_the_same_game_and_the_same_future(tmp_path, camp):
    st = play(camp, 3, ["wake.shop"])
    path = saves.write_save(tmp_path, "before bed", camp, st)
    camp2, loaded, note = saves.load_save(path, {"mini": camp})
    assert camp2 is camp and note == ""
    assert loaded.to_dict() == st.to_dict()
    assert engine.options(camp, loaded) == engine.options(camp, st)
    # the seeded draw of tomorrow's storylet and everything after it come out the same
    for game_state in (st, loaded):
        play_first_open(camp, game_state, 10)
    assert loaded.to_dict() == st.to_dict() and loaded.ended


def test_the_file_is_plain_toml_with_what_a_save_promises(good_save, camp):
    path, st = good_save
    assert path.name == "slot one.save.toml"
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert doc["kind"] == "citizen-score-save" and doc["format"] == 1
    assert doc["game"] == game.__version__
    assert doc["campaign"] == "mini" and doc["content_hash"] == camp.content_hash
    assert doc["seed"] == 3 and doc["log"] == ["wake.shop"] and doc["slot"] == "slot one"
    assert datetime.fromisoformat(doc["saved_at"]) == T0
    assert doc["label"] == "Day 1, 08:00 — Social Credit 650"
    assert isinstance(doc["state"]["rng"], str)


def test_a_save_made_in_dutch_is_labelled_in_dutch_and_loads_in_english(tmp_path, camp, dutch):
    """The label is only shown (load list, continue): in the words played; the game it holds is the same."""
    from game import i18n

    st = play(camp, 3, ["wake.shop"])
    path = saves.write_save(tmp_path, "nl", camp, st)
    assert saves.read_save(path)["label"] == "Dag 1, 08:00 — Social Credit 650"
    i18n.use("en")
    _, loaded, note = saves.load_save(path, {"mini": camp})
    assert loaded.to_dict() == st.to_dict() and note == ""


def test_a_finished_game_saves_and_loads(tmp_path, camp):
    st = play_first_open(camp, engine.new_game(camp, 1), 50)
    assert st.ended
    path = saves.write_save(tmp_path, "done", camp, st)
    _, loaded, _ = saves.load_save(path, {"mini": camp})
    assert loaded.to_dict() == st.to_dict()
    assert saves.list_saves(tmp_path)[0].label.startswith("The end")


def test_a_big_seed_and_rng_survive(tmp_path, camp):
    st = play(camp, 2**62, ["wake.shop", "evening.sleep"])
    assert st.rng > 2**63  # beyond TOML's int64: carried as text
    _, loaded, _ = saves.load_save(saves.write_save(tmp_path, "big", camp, st), {"mini": camp})
    assert loaded.rng == st.rng and loaded.seed == st.seed


# ---------------------------------------------------------------- autosave and listing

def test_autosave_keeps_one_file_per_campaign(tmp_path, camp):
    other = load_campaign(copy_campaign(tmp_path, "other"))
    saves_dir = tmp_path / "saves"
    for n in range(1, 4):
        path = saves.autosave(saves_dir, camp, play_first_open(camp, engine.new_game(camp, 5), n))
    saves.autosave(saves_dir, other, engine.new_game(other, 5))
    names = sorted(p.name for p in saves_dir.iterdir())
    assert names == ["autosave-mini.save.toml", "autosave-other.save.toml"]
    _, last, _ = saves.load_save(path, {"mini": camp})
    assert len(last.log) == 3


def test_list_is_newest_first_and_latest_skips_broken_files(tmp_path, camp):
    st = engine.new_game(camp, 1)
    saves.write_save(tmp_path, "oldest", camp, st, now=T0)
    saves.write_save(tmp_path, "newest", camp, st, now=T0 + timedelta(hours=2))
    saves.autosave(tmp_path, camp, st, now=T0 + timedelta(hours=1))
    broken = tmp_path / "wreck.save.toml"
    broken.write_bytes(b"\x00\xff not toml")
    os.utime(broken, (T0.timestamp() + 9000,) * 2)  # its mtime is newer than every save
    infos = saves.list_saves(tmp_path)
    assert [i.slot for i in infos] == ["wreck", "newest", "autosave-mini", "oldest"]
    assert [i.ok for i in infos] == [False, True, True, True]
    assert infos[0].problem and infos[1].day == 1 and infos[1].campaign == "mini"
    assert saves.latest_save(tmp_path).slot == "newest"


def test_latest_save_is_none_without_saves(tmp_path):
    assert saves.latest_save(tmp_path) is None
    assert saves.list_saves(tmp_path / "missing") == []


def test_listing_with_campaigns_marks_saves_of_missing_campaigns(tmp_path, camp):
    saves.write_save(tmp_path, "a", camp, engine.new_game(camp, 1))
    [info] = saves.list_saves(tmp_path, campaigns={})
    assert not info.ok and "not installed" in info.problem
    assert saves.latest_save(tmp_path, campaigns={}) is None


def test_temp_files_are_never_listed(tmp_path, camp):
    saves.autosave(tmp_path, camp, engine.new_game(camp, 1))
    (tmp_path / ".autosave-mini.save.toml.x1y2.tmp").write_text("half a sa")
    (tmp_path / ".hidden.save.toml").write_text("x")
    assert [i.slot for i in saves.list_saves(tmp_path)] == ["autosave-mini"]


# ---------------------------------------------------------------- broken files

def _drop(key):
    return lambda d: d.pop(key)


def _set(key, value):
    return lambda d: d.__setitem__(key, value)


BROKEN = {
    "garbage bytes": (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not text"),
    "empty file": (b"", "not a Citizen Score save"),
    "truncated toml": (None, "damaged"),
    "wrong kind": (_set("kind", "spreadsheet"), "not a Citizen Score save"),
    "a replay, not a save": (_set("kind", "citizen-score-replay"), "replay file"),
    "no kind": (_drop("kind"), "not a Citizen Score save"),
    "format 99": (_set("format", 99), "newer version"),
    "format as text": (_set("format", "1"), "format"),
    "missing seed": (_drop("seed"), "has no 'seed'"),
    "missing log": (_drop("log"), "has no 'log'"),
    "seed as text": (_set("seed", "3"), "'seed' should be a whole number, not text"),
    "log as text": (_set("log", "wake.shop"), "'log' should be a list"),
    "log of numbers": (_set("log", [1, 2]), "entry 1"),
    "campaign as a number": (_set("campaign", 5), "'campaign' should be text"),
    "saved_at not a date": (_set("saved_at", "yesterday"), "saved_at"),
    "a number too long to read": (b'kind = "citizen-score-save"\nformat = 1' + b"0" * 5000, "cannot be read"),
    "a format too large to print": (b'kind = "citizen-score-save"\nformat = 0x' + b"f" * 5000, "newer version"),
    "nested too deeply": (b"kind = " + b"[" * 5000 + b"]" * 5000, "nested too deeply"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_save_gets_one_clear_message_and_is_left_alone(good_save, camp, case):
    path, _ = good_save
    change, words = BROKEN[case]
    if isinstance(change, bytes):
        path.write_bytes(change)
    elif change is None:
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2] + b'\nscene = "ev')
    else:
        edit_toml(path, change)
    before = path.read_bytes()
    with pytest.raises(saves.SaveError) as err:
        saves.load_save(path, {"mini": camp})
    assert path.name in err.value.message and err.value.path == path
    assert words in err.value.message
    assert path.read_bytes() == before
    [info] = saves.list_saves(path.parent)
    assert not info.ok and info.problem == err.value.reason and info.slot == "slot one"
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind, words", [
    ("citizen-score-replay", "het is een replay-bestand van Citizen Score, geen opgeslagen spel."),
    ("citizen-score-lifetime", "het is een levensoverzicht-bestand van Citizen Score, geen opgeslagen spel."),
    ("citizen-score-records", "het is een records-bestand van Citizen Score, geen opgeslagen spel."),
])
def test_another_file_of_the_game_is_named_by_its_kind_in_dutch(good_save, camp, dutch, kind, words):
    path, _ = good_save
    edit_toml(path, _set("kind", kind))
    with pytest.raises(saves.SaveError) as err:
        saves.load_save(path, {"mini": camp})
    assert words in err.value.message


def test_messages_differ_by_what_is_wrong(good_save, camp):
    path, _ = good_save
    seen = set()
    for change in (_set("kind", "x"), _set("format", 99), _drop("seed"), _set("seed", "3")):
        fresh = path.with_name(f"case{len(seen)}.save.toml")
        fresh.write_bytes(path.read_bytes())
        edit_toml(fresh, change)
        with pytest.raises(saves.SaveError) as err:
            saves.load_save(fresh, {"mini": camp})
        seen.add(err.value.reason)
    assert len(seen) == 4


def test_unknown_campaign_says_which_and_what_is_installed(good_save, camp):
    path, _ = good_save
    edit_toml(path, _set("campaign", "sesame"))
    with pytest.raises(saves.SaveError) as err:
        saves.load_save(path, {"mini": camp})
    assert "'sesame'" in err.value.message and "installed: mini" in err.value.message


def test_a_missing_file_or_a_folder_is_a_save_error(tmp_path, camp):
    for path in (tmp_path / "nope.save.toml", tmp_path):
        with pytest.raises(saves.SaveError) as err:
            saves.load_save(path, {"mini": camp})
        assert path.name in err.value.message


@pytest.mark.parametrize("damage", [
    lambda d: d["state"].__setitem__("scene", "nowhere"),
    lambda d: d["state"]["vals"].__setitem__("credit", "650"),
    lambda d: d["state"].__setitem__("flags", "gamer"),
    lambda d: d["state"].__setitem__("log", []),
    lambda d: d["state"].__setitem__("rng", "not a number"),
    lambda d: d.pop("state"),
], ids=["unknown scene", "score as text", "flags as text", "log differs", "bad rng", "no snapshot"])
def test_a_damaged_snapshot_is_rebuilt_from_the_log(good_save, camp, damage):
    path, st = good_save
    edit_toml(path, damage)
    before = path.read_bytes()
    _, loaded, note = saves.load_save(path, {"mini": camp})
    assert loaded.to_dict() == st.to_dict()
    assert "replayed" in note and "1 choice " in note
    assert path.read_bytes() == before


# ---------------------------------------------------------------- a save survives an edit of the story

def test_a_save_survives_an_edit_or_says_what_no_longer_fits(tmp_path):
    root = copy_campaign(tmp_path)
    camp = load_campaign(root)
    st = play(camp, 3, ["wake.shop", "evening.sleep", "market.leave", "evening.sleep"])
    path = saves.write_save(tmp_path / "saves", "journey", camp, st)
    before = path.read_bytes()

    scenes = root / "scenes" / "main.toml"
    scenes.write_text(scenes.read_text(encoding="utf-8").replace("The market is loud.", "The market roars."),
                      encoding="utf-8")
    (root / "scenes" / "extra.toml").write_text(
        '[scene.rooftop]\ntext = "Wind."\n\n[[scene.rooftop.choice]]\nid = "down"\ntext = "Go down"\n'
        'goto = "evening"\n', encoding="utf-8")
    edited = load_campaign(root)
    assert edited.content_hash != camp.content_hash
    _, loaded, note = saves.load_save(path, {"mini": edited})
    assert loaded.to_dict() == st.to_dict()
    assert note == "The story was updated since this save; your 4 choices were replayed on the new version."
    assert path.read_bytes() == before

    doc = tomllib.loads(scenes.read_text(encoding="utf-8"))
    doc["scene"]["market"]["choice"] = [c for c in doc["scene"]["market"]["choice"] if c["id"] != "leave"]
    scenes.write_text(tomli_w.dumps(doc), encoding="utf-8")
    with pytest.raises(saves.SaveError) as err:
        saves.load_save(path, {"mini": load_campaign(root)})
    assert "step 3: the choice 'market.leave' does not exist in the story" in err.value.message
    assert path.name in err.value.message
    assert path.read_bytes() == before


def test_a_save_that_no_longer_fits_says_which_step_and_why_in_dutch(tmp_path, dutch):
    root = copy_campaign(tmp_path)
    camp = load_campaign(root)
    path = saves.write_save(tmp_path / "saves", "journey", camp, play(camp, 3, ["wake.shop", "evening.sleep",
                                                                                "market.leave"]))
    scenes = root / "scenes" / "main.toml"
    doc = tomllib.loads(scenes.read_text(encoding="utf-8"))
    doc["scene"]["market"]["choice"] = [c for c in doc["scene"]["market"]["choice"] if c["id"] != "leave"]
    scenes.write_text(tomli_w.dumps(doc), encoding="utf-8")
    with pytest.raises(saves.SaveError) as err:
        saves.load_save(path, {"mini": load_campaign(root)})
    assert err.value.message == (
        f"{path}: het verhaal 'Mini' is veranderd sinds dit spel is opgeslagen, en het opgeslagen spel past er niet "
        "meer op: stap 3: de keuze 'market.leave' bestaat niet in het verhaal. Begin een nieuw spel, of ga terug "
        "naar de eerdere versie van het verhaal.")


def test_a_choice_that_is_now_locked_is_named(tmp_path):
    root = copy_campaign(tmp_path)
    camp = load_campaign(root)
    path = saves.write_save(tmp_path, "s", camp, play(camp, 3, ["wake.shop"]))
    scenes = root / "scenes" / "main.toml"
    scenes.write_text(scenes.read_text(encoding="utf-8").replace('if = "money >= 100"', 'if = "money >= 1000"'),
                      encoding="utf-8")
    with pytest.raises(saves.SaveError) as err:
        saves.load_save(path, {"mini": load_campaign(root)})
    assert "step 1" in err.value.message and "wake.shop" in err.value.message and "locked" in err.value.message


# ---------------------------------------------------------------- slot names

@pytest.mark.parametrize("slot", ["../x", "a/b", "a\\b", "", ".hidden", "x" * 100, "con\x00", "..", "CON",
                                  " padded", "tab\there", "a.b", "caf\u00e9"])
def test_bad_slot_names_are_refused(tmp_path, camp, slot):
    with pytest.raises(saves.SaveError) as err:
        saves.slot_path(tmp_path, slot)
    assert err.value.reason
    with pytest.raises(saves.SaveError):
        saves.write_save(tmp_path, slot, camp, engine.new_game(camp, 1))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("slot", ["a", "Slot 1", "day-4_evening", "x" * 40, "autosave-mini"])
def test_good_slot_names_land_inside_the_saves_folder(tmp_path, camp, slot):
    path = saves.write_save(tmp_path / "saves", slot, camp, engine.new_game(camp, 1))
    assert path == tmp_path / "saves" / f"{slot}.save.toml"
    assert path.resolve().parent == (tmp_path / "saves").resolve()
    assert saves.list_saves(tmp_path / "saves")[0].slot == slot


def test_a_symlinked_slot_cannot_lead_outside(tmp_path, camp):
    (tmp_path / "saves").mkdir()
    try:
        (tmp_path / "saves" / "evil.save.toml").symlink_to(tmp_path / "outside.save.toml")
    except OSError:
        pytest.skip("no symlinks here")
    with pytest.raises(saves.SaveError):
        saves.write_save(tmp_path / "saves", "evil", camp, engine.new_game(camp, 1))
    assert not (tmp_path / "outside.save.toml").exists()


def test_long_campaign_ids_still_get_a_valid_autosave_slot():
    slot = saves.autosave_slot("a_very_long_campaign_identifier_for_testing")
    assert saves.check_slot(slot) == "" and slot.startswith("autosave-")
    assert slot != saves.autosave_slot("a_very_long_campaign_identifier_for_testing_2")


def test_a_saves_folder_that_cannot_be_made_is_a_save_error(tmp_path, camp):
    (tmp_path / "file").write_text("in the way")
    with pytest.raises(saves.SaveError) as err:
        saves.write_save(tmp_path / "file", "s", camp, engine.new_game(camp, 1))
    assert "file" in err.value.message
    assert saves.ensure_saves_dir(tmp_path / "new" / "saves").is_dir()


# ---------------------------------------------------------------- crash safety

def read_line(child: subprocess.Popen, deadline: float = 60.0) -> str:
    """The child's next line, or fail after ``deadline`` seconds: a hung child must not hang the suite."""
    ready, _, _ = select.select([child.stdout], [], [], deadline)
    assert ready, f"the child said nothing for {deadline} s"
    return child.stdout.readline().decode()


def kill_inside_a_write(saves_dir: Path, point: str, write: int) -> list[Path]:
    """Start the crash child, see it stop at ``point`` of its write number ``write``, and SIGKILL it.

    Returns the temp files present at the moment of the kill (checked while the child is stopped).
    """
    helper = Path(__file__).resolve().parents[1] / "helpers_saves.py"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(helper), "crash-child", str(saves_dir), str(MINI), point,
                              str(write)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, cwd=ROOT)
    try:
        line = read_line(child)
        assert line == f"in-write {point}\n", line + child.stderr.read().decode()
        temps = sorted(saves_dir.glob(".autosave-mini.save.toml.*.tmp"))
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=60) == -signal.SIGKILL  # it died of the kill, inside the write
    finally:
        child.kill()
        child.wait()
        for pipe in (child.stdin, child.stdout, child.stderr):
            pipe.close()
    return temps


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("write", [1, 2])
def test_killing_the_game_inside_an_autosave_leaves_the_old_save_or_the_new_one(tmp_path, camp, point, write):
    """The child autosaves the new and the old game in turn (the parent saved the old one first)."""
    from game.ui.app import make_app

    saves_dir = tmp_path / "saves"
    old, new = two_games(camp)
    by_write = [old, new, old]  # what the save holds after write 0 (the parent's), 1, 2
    save = saves.autosave(saves_dir, camp, old)

    temps = kill_inside_a_write(saves_dir, point, write)

    renamed = point == "renamed"
    assert len(temps) == (0 if renamed else 1), "the kill did not land between temp file and rename"
    _, st, note = saves.load_save(save, {"mini": camp})
    assert st.to_dict() == by_write[write if renamed else write - 1].to_dict() and note == ""
    assert [(i.slot, i.ok) for i in saves.list_saves(saves_dir)] == [("autosave-mini", True)]
    for t in temps:  # the next start comes later than any write could take
        assert t.exists()
        os.utime(t, (LONG_AGO, LONG_AGO))
    make_app(ROOT / "content", saves_dir)
    assert [p.name for p in saves_dir.iterdir()] == [save.name]


def test_starting_the_game_clears_temp_files_that_killed_writes_left(tmp_path, camp):
    from game.runs import records
    from game.ui.app import make_app

    saves_dir = tmp_path / "saves"
    old, _ = two_games(camp)
    save = saves.autosave(saves_dir, camp, old)
    board = records.save(saves_dir, records.Records("mini", "first_light", attempts=3))
    (saves_dir / "replays").mkdir()
    left = [leave_temp(saves_dir, save.name), leave_temp(saves_dir, "slot two.save.toml"),
            leave_temp(board.parent, board.name), leave_temp(saves_dir / "replays", "mini-x-0123456789.replay.toml")]
    mine = saves_dir / ".my notes.tmp"  # hidden, .tmp, but not a name the game makes
    mine.write_text("keep me")
    before = {p: p.read_bytes() for p in (save, board, mine)}
    assert all(p.exists() for p in left)

    make_app(ROOT / "content", saves_dir)

    assert not any(p.exists() for p in left)
    assert {p: p.read_bytes() for p in (save, board, mine)} == before
    assert saves.load_save(save, {"mini": camp})[1].to_dict() == old.to_dict()
    assert records.load(saves_dir, "mini", "first_light").attempts == 3


def test_a_failed_write_keeps_the_old_save_and_says_so(tmp_path, camp, monkeypatch):
    old, new = two_games(camp)
    path = saves.autosave(tmp_path, camp, old)
    before = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", disk_full)
    with pytest.raises(saves.SaveError) as err:
        saves.autosave(tmp_path, camp, new)
    monkeypatch.undo()
    assert "No space left" in err.value.message and path.name in err.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # the temp file was cleaned up


def test_a_refused_slot_name_says_what_is_wrong(tmp_path):
    with pytest.raises(saves.SaveError) as err:
        saves.slot_path(tmp_path, "../x")
    assert err.value.message == ("The slot name '../x': only letters, digits, spaces, - and _ are allowed, "
                                 "not '.'. Choose another name.")


def test_a_log_that_does_not_replay_on_the_same_story_is_called_damaged(good_save, camp):
    path, _ = good_save
    edit_toml(path, lambda d: d.__setitem__("log", ["wake.shop", "evening.fly"]))
    with pytest.raises(saves.SaveError) as err:
        saves.load_save(path, {"mini": camp})
    assert "step 2: the choice 'evening.fly' does not exist" in err.value.message
    assert "damaged" in err.value.message and "was changed" not in err.value.message


def test_a_format_1_save_from_the_fixtures_still_loads(camp):
    """A save written by version 0.1.0, kept as a file: later versions must keep reading it."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "saves" / "format1-mini.save.toml"
    before = path.read_bytes()
    _, st, note = saves.load_save(path, {"mini": camp})
    assert st.log == ["wake.shop", "evening.sleep", "market.leave"] and st.scene == "evening"
    assert st.to_dict() == play(camp, 3, st.log).to_dict()
    assert note == "" or "replayed" in note  # replayed once the mini fixture itself is edited
    assert path.read_bytes() == before


def test_a_snapshot_written_before_once_only_choices_and_sub_scenes_is_used_as_it_is(camp):
    """Such a snapshot has no `taken` or `returns`; it still fits, so the game loads from it without
    replaying the log or calling the save damaged (a game that uses neither writes neither)."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "saves" / "format1-mini-with-snapshot.save.toml"
    _, st, note = saves.load_save(path, {"mini": camp})
    assert note == ""
    assert st.to_dict() == play(camp, 5, st.log).to_dict()
    assert "taken" not in st.to_dict() and "returns" not in st.to_dict()


def test_once_only_choices_and_the_way_back_from_a_sub_scene_are_saved_and_restored(tmp_path):
    camp = load_campaign(Path(__file__).resolve().parents[1] / "fixtures" / "answers")
    st = engine.new_game(camp, 1)
    for choice in ("square.bread", "square.baker"):  # a once-only choice, then a call into the bakery
        engine.choose(camp, st, choice)
    assert st.taken and st.returns
    path = saves.write_save(tmp_path, "midway", camp, st)
    _, back, note = saves.load_save(path, {camp.id: camp})
    assert note == "" and back.taken == st.taken and back.returns == st.returns
