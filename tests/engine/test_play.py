"""The play object driven headless exactly as the day screen drives it, and the one misfit wording.

The app starts a game as ``autosaved(Play.new(...), saves, now=True)``, shows ``options()`` and
``text()``, and takes a key through ``choose``; these tests do the same with no screen at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import helpers_runs as hr
from game import saves
from game.autosave import autosaved
from game.engine.challenges import load_challenges
from game.engine.content import load_campaign
from game.engine.play import NoFit, Play, replay
from game.i18n import said, said_error
from game.reload import carry_over
from game.runs import replay as replays
from game.runs.playback import Playback
from game.runs.route import RouteError, parse_route, play_route
from game.runs.run import Run
from game.runs.verify import verify

REPO = Path(__file__).resolve().parents[2]
LOCKED = "step 1: the choice 'wake.apply' is locked: The bank hires from 650 up."


def first_open(play: Play) -> str:
    return next(o.id for o in play.options() if o.open)


def test_a_game_played_headless_autosaves_after_each_choice_and_loads_back(content, tmp_path):
    camp, saves_dir = load_campaign(content / "mini"), tmp_path / "saves"
    play = autosaved(Play.new(camp, 5), saves_dir, now=True)
    slot = saves_dir / f"{saves.autosave_slot(camp.id)}{saves.SUFFIX}"
    assert saves.load_save(slot, {camp.id: camp})[1].log == []  # a new game is saved at once
    heard: list[str] = []
    play.listen(lambda p, out: heard.append(out.choice))
    assert "Morning" in (play.scene.title or "") and play.text()
    out = play.choose("wake.shop")
    assert out.choice == "wake.shop" and play.last is out and play.notes == [] and heard == ["wake.shop"]
    play.choose(first_open(play))
    _, st, note = saves.load_save(slot, {camp.id: camp})
    assert st.to_dict() == play.st.to_dict() and note == ""
    again = autosaved(Play(camp, st), saves_dir)  # "continue", then one more choice
    again.choose(first_open(again))
    assert saves.load_save(slot, {camp.id: camp})[1].log == again.st.log and len(again.st.log) == 3


def test_a_failed_autosave_is_a_note_and_the_game_goes_on(content, tmp_path):
    camp = load_campaign(content / "mini")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the saves folder should be", encoding="utf-8")
    play = autosaved(Play.new(camp, 5), blocked)
    play.choose("wake.shop")
    assert play.st.log == ["wake.shop"] and len(play.notes) == 1 and play.notes[0].startswith("Autosave failed:")


def test_a_choice_that_does_not_fit_is_refused_with_its_step_and_the_state_is_kept(content):
    play = Play.new(load_campaign(content / "mini"), 5)
    play.choose("wake.shop")
    with pytest.raises(NoFit) as err:
        play.choose("wake.apply")
    assert str(err.value) == "step 2: the choice 'wake.apply' is in scene 'wake', but the story is at scene " \
                             "'evening' there"
    assert play.st.log == ["wake.shop"]


def test_replay_says_how_far_a_log_fits_and_why_it_stops(content):
    camp = load_campaign(content / "mini")
    done = replay(camp, 5, ["wake.shop", "evening.sleep"])
    assert (done.fits, done.misfit) == (2, None) and done.st.log == ["wake.shop", "evening.sleep"]
    done = replay(camp, 5, ["wake.shop", "evening.nope", "evening.sleep"])
    assert done.fits == 1 and done.st.log == ["wake.shop"]
    assert done.misfit.words() == "step 2: the choice 'evening.nope' does not exist in the story"


def test_one_misfit_reads_the_same_in_a_save_a_reload_a_verify_and_a_route(content, tmp_path):
    """Each log takes 'wake.apply' on the first morning, where it is locked: every tool says so alike."""
    camp, cs = load_campaign(content / "mini"), load_challenges(content / "mini")

    path = saves.write_save(tmp_path / "saves", "s", camp, Play.new(camp, 7).st)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("log = []", 'log = ["wake.apply"]', 1), encoding="utf-8")  # not the snapshot's
    with pytest.raises(saves.SaveError) as err:
        saves.load_save(path, {camp.id: camp})
    assert f"do not replay on the story 'Mini': {LOCKED} The file was damaged" in err.value.message

    assert carry_over(camp, 7, ["wake.apply"]).note == f"{LOCKED} You are at the last point the old path still reaches."

    with pytest.raises(RouteError) as route_err:
        play_route(cs, cs.challenges["first_light"], parse_route("# a route\nwake.apply\n", "r.txt"), "r.txt")
    assert str(route_err.value) == f"r.txt:2: {LOCKED} Open here: wake.shop, wake.game."

    rep = replays.from_run(play_route(cs, cs.challenges["first_light"], parse_route("\n".join(hr.FIRST_LIGHT))))
    rep.steps[0] = replace(rep.steps[0], choice="wake.apply")
    assert verify(rep, cs) == [LOCKED]


LOCKED_NL = "stap 1: de keuze 'wake.apply' zit op slot: The bank hires from 650 up."


def test_one_misfit_reads_the_same_in_dutch_in_a_save_a_reload_a_verify_and_a_route(content, tmp_path, dutch):
    """The same misfit, said in Dutch by every tool (the lock's reason is the story's own, English here)."""
    camp, cs = load_campaign(content / "mini"), load_challenges(content / "mini")

    path = saves.write_save(tmp_path / "saves", "s", camp, Play.new(camp, 7).st)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("log = []", 'log = ["wake.apply"]', 1), encoding="utf-8")
    with pytest.raises(saves.SaveError) as err:
        saves.load_save(path, {camp.id: camp})
    assert f"de keuzes laten zich niet opnieuw afspelen op het verhaal 'Mini': {LOCKED_NL} " in err.value.message

    assert carry_over(camp, 7, ["wake.apply"]).note == \
        f"{LOCKED_NL} Je staat op het laatste punt dat het oude pad nog haalt."

    with pytest.raises(RouteError) as route_err:
        play_route(cs, cs.challenges["first_light"], parse_route("# a route\nwake.apply\n", "r.txt"), "r.txt")
    assert said_error(route_err.value) == f"r.txt:2: {LOCKED_NL} Wat hier open is: wake.shop, wake.game."
    assert str(route_err.value) == f"r.txt:2: {LOCKED} Open here: wake.shop, wake.game."  # English as data

    rep = replays.from_run(play_route(cs, cs.challenges["first_light"], parse_route("\n".join(hr.FIRST_LIGHT))))
    rep.steps[0] = replace(rep.steps[0], choice="wake.apply")
    assert [said(r) for r in verify(rep, cs)] == [LOCKED_NL]


def test_a_playback_feeds_the_recorded_choices_at_their_recorded_times(content):
    cs = load_challenges(content / "mini")
    stopwatch = iter(range(700, 10_000, 700))
    live = Run.start(cs, cs.challenges["first_light"], real_ms=lambda: next(stopwatch))
    for choice in hr.FIRST_LIGHT:
        live.play.choose(choice)
    back = Playback(cs, replays.from_run(live))
    assert (back.shown_ms(), back.wait_ms()) == (0, 700)
    back.run.play.choose(back.next_choice())
    assert (back.shown_ms(), back.wait_ms()) == (700, 700)
    back.run.play.choose(back.next_choice())
    assert back.run.result == live.result and [s.at for s in back.run.steps] == [s.at for s in live.steps]
    assert back.wait_ms() == 0


RUNS_PROBE = r"""
import importlib, json, pkgutil, sys
import game.runs
for m in pkgutil.iter_modules(game.runs.__path__):
    importlib.import_module("game.runs." + m.name)
from game.engine.challenges import load_challenges
from game.runs import replay
from game.runs.playback import Playback
from game.runs.route import parse_route, play_route
from game.runs.verify import verify
cs = load_challenges(sys.argv[1])
run = play_route(cs, cs.challenges["first_light"], parse_route("wake.shop\nevening.sleep\n"))
rep = replay.from_run(run)
assert verify(rep, cs) == []
back = Playback(cs, rep)
while not back.run.over:
    back.run.play.choose(back.next_choice())
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich")
                        or m.startswith(("game.ui", "game.saves", "game.session", "game.autosave")))))
"""


def test_runs_are_headless_and_stand_apart_from_saved_games():
    """A run, a route, a verify and a playback need no UI and nothing of the saved game's shell."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    r = subprocess.run([sys.executable, "-c", RUNS_PROBE, str(REPO / "tests" / "fixtures" / "mini")], cwd=REPO,
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.strip().splitlines()[-1]) == []
