"""The engine stays headless: importing every engine module pulls in neither Textual nor Rich."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys

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


def test_probe_would_notice_a_ui_import():
    """The check above is not vacuous: Textual is installed and would show in sys.modules."""
    env = {**os.environ, "PYTHONPATH": str(h.REPO)}
    code = "import sys, rich.text; print(any(m.split('.')[0] == 'rich' for m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "True", r.stderr
