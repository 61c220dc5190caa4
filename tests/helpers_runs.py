"""Shared helpers for the speedrun tests: a private content folder, and routes that finish a challenge."""

from __future__ import annotations

import shutil
from pathlib import Path

import conftest_engine_helpers as h
from game.cli import main
from game.engine import engine
from game.engine.challenges import load_challenges
from game.runs.run import Run

FIRST_LIGHT = ["wake.shop", "evening.sleep"]


def content(tmp_path: Path) -> Path:
    """A content folder holding a private copy of the mini campaign (with its challenges)."""
    root = tmp_path / "content"
    root.mkdir()
    shutil.copytree(h.MINI, root / "mini")
    return root


def first_open_route(challenge: str, root: Path = h.MINI, today: str = "20261126") -> list[str]:
    """A route that always takes the first open choice until the run is over."""
    cs = load_challenges(root)
    run = Run.start(cs, cs.challenges[challenge], today)
    while not run.over:
        run.take(engine.open_ids(run.camp, run.st)[0])
    return [s.choice for s in run.steps]


def write_route(path: Path, choices: list[str]) -> Path:
    path.write_text("# a route\n" + "\n".join(choices) + "\n", encoding="utf-8")
    return path


def routed_world(tmp_path: Path) -> dict[str, Path]:
    """Content, saves, a route that finishes the_end, and its replay (the run on the board)."""
    content_dir, saves = content(tmp_path), tmp_path / "saves"
    route = write_route(tmp_path / "r.txt", first_open_route("the_end"))
    assert main(["--content", str(content_dir), "--saves", str(saves), "route", "the_end", str(route)]) == 0
    (rep,) = (saves / "replays").glob("*.replay.toml")
    return {"content": content_dir, "saves": saves, "replay": rep, "route": route, "tmp": tmp_path}
