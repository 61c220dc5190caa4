"""The headless layers stay headless: the engine, challenge runs, saves and the author tools pull in
neither Textual nor Rich, so they run in a script, a test or a server without the terminal UI."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys

import pytest

import conftest_engine_helpers as h

PROBE = r"""
import importlib, json, pkgutil, sys
import game.engine
names = sorted("game.engine." + m.name for m in pkgutil.iter_modules(game.engine.__path__))
for name in names:
    importlib.import_module(name)
# use the engine a little, so lazy imports inside functions would show up too
from game.engine.content import load_campaign
from game.engine import engine
camp = load_campaign(sys.argv[1])
st = engine.new_game(camp, 1)
engine.options(camp, st); engine.gates(camp, st); engine.choose(camp, st, engine.open_ids(camp, st)[0])
ui = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(json.dumps({"imported": names, "ui": ui}))
"""


def test_engine_imports_no_textual_or_rich():
    env = {**os.environ, "PYTHONPATH": str(h.REPO)}
    r = subprocess.run([sys.executable, "-c", PROBE, str(h.MINI)], cwd=h.REPO, env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    expected = {f"game.engine.{m.name}" for m in pkgutil.iter_modules([str(h.REPO / "game" / "engine")])}
    assert {"game.engine.expr", "game.engine.content", "game.engine.engine", "game.engine.rules",
            "game.engine.state", "game.engine.scope", "game.engine.model"} <= expected
    assert set(out["imported"]) == expected
    assert out["ui"] == [], f"the engine imported UI modules: {out['ui']}"


# Import every module of a package (or the one module), then use it a little where that is cheap,
# so that imports made inside functions would show up too.
LAYER_PROBE = r"""
import importlib, json, pkgutil, sys, tempfile
from pathlib import Path
top = importlib.import_module(sys.argv[1])
names = [sys.argv[1]]
if hasattr(top, "__path__"):
    names += sorted(sys.argv[1] + "." + m.name for m in pkgutil.iter_modules(top.__path__))
for name in names:
    importlib.import_module(name)
from game.engine.content import load_campaign
from game.engine import engine
camp = load_campaign(sys.argv[2])
st = engine.new_game(camp, 1)
engine.choose(camp, st, engine.open_ids(camp, st)[0])
if sys.argv[1] == "game.saves":
    from game import saves
    with tempfile.TemporaryDirectory() as folder:
        saves.load_save(saves.autosave(Path(folder), camp, st), {camp.id: camp})
if sys.argv[1] == "game.authoring":
    from game.authoring.analysis import analyse
    analyse(camp)
ui = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(json.dumps({"imported": names, "ui": ui}))
"""


@pytest.mark.parametrize("layer", ["game.runs", "game.saves", "game.authoring", "game.lifetime"])
def test_headless_layers_import_no_textual_or_rich(layer):
    """Each layer in a process of its own, so one layer's imports cannot hide another's."""
    env = {**os.environ, "PYTHONPATH": str(h.REPO)}
    r = subprocess.run([sys.executable, "-c", LAYER_PROBE, layer, str(h.MINI)], cwd=h.REPO, env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    folder = h.REPO / layer.replace(".", "/")
    expected = {layer} | {f"{layer}.{m.name}" for m in pkgutil.iter_modules([str(folder)])}
    assert set(out["imported"]) == expected  # every module of a package, not just its __init__
    assert out["ui"] == [], f"{layer} imported UI modules: {out['ui']}"


def test_probe_would_notice_a_ui_import():
    """The check above is not vacuous: Textual is installed and would show in sys.modules."""
    env = {**os.environ, "PYTHONPATH": str(h.REPO)}
    code = "import sys, rich.text; print(any(m.split('.')[0] == 'rich' for m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "True", r.stderr
