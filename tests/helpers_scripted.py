"""A scripted player for the campaign tests: plays a shipped campaign headless by a way of playing.

A way of playing is ``prefer`` (choice ids taken whenever open, in order of preference), ``avoid``
(never taken while something else is open) and ``lean`` (+1 or -1: otherwise take the choice that
moves the score furthest that way; a function of the state may change its mind by the day).
Storylets are drawn by the seed, so tests search a few seeds for a way of playing rather than pin
one draw. Imported as ``from helpers_scripted import Script``.
"""

from __future__ import annotations

import tomllib

from game.engine.languages import is_translation
from pathlib import Path
from typing import Callable, Iterable

from game.authoring.simulate_strategies import fork
from game.engine import engine as E
from game.engine.challenges import load_challenges
from game.engine.model import Campaign
from game.engine.state import GameState
from game.runs.run import Run


class Script:
    def __init__(self, camp: Campaign, seed: int = 1, score: str = "") -> None:
        self.camp, self.seed = camp, seed
        self.score = score or camp.main_score.id

    def pick(self, st: GameState, prefer: Iterable[str] = (), avoid=frozenset(),
             lean: int | Callable[[GameState], int] = 0, key: str = "", climb: bool = False) -> str:
        """One step: the first open choice in ``prefer``; else the best of the rest by ``lean``."""
        ids = [i if "." in i else f"{st.scene}.{i}" for i in E.open_ids(self.camp, st)]
        chosen = next((p for p in prefer if p in ids), None)
        if chosen is not None:
            return chosen
        pool = [i for i in ids if i not in avoid] or ids
        way = lean(st) if callable(lean) else (lean or int(climb))
        if not way or len(pool) == 1:
            return pool[0]
        measure = key or self.score

        def moved(cid: str) -> int:
            trial = fork(st)
            E.apply(self.camp, trial, cid)
            return (trial.vals[measure] - st.vals[measure]) * way

        return max(pool, key=moved)  # the first of equals: the story lists its choices in order

    def play(self, seed: int | None = None, until: Callable[[GameState], bool] | None = None,
             st: GameState | None = None, **how) -> GameState:
        """A whole game (or until ``until(st)`` holds) by the way of playing ``how``."""
        st = st or E.new_game(self.camp, self.seed if seed is None else seed)
        while not st.ended and not (until and until(st)):
            E.apply(self.camp, st, self.pick(st, **how))
        return st

    def first_with(self, scene: str, seeds: Iterable[int] = range(1, 60), **how) -> GameState:
        """A game stopped at the first seed's first visit to ``scene``."""
        for seed in seeds:
            st = self.play(seed, until=lambda s: s.scene == scene, **how)
            if st.scene == scene:
                return st
        raise AssertionError(f"no seed reached {scene}")

    def race(self, root: Path, challenge: str, chooser: Callable[[GameState], str] | None = None,
             **how) -> Run:
        """Run a challenge of the campaign to its end, by a way of playing (or a chooser)."""
        cs = load_challenges(root)
        run = Run.start(cs, cs.challenges[challenge], "20260101")
        while not run.over:
            run.take(chooser(run.st) if chooser else self.pick(run.st, **how))
        return run

    def gate(self, st: GameState, gid: str):
        return next(g for g in E.gates(self.camp, st) if g.id == gid)


def assert_a_play_for_each_challenge(root: Path, plays: dict) -> None:
    """A campaign ships at least four challenges, and its tests name a way to win every one."""
    cs = load_challenges(root)
    assert len(cs.challenges) >= 4
    assert set(cs.challenges) == set(plays)


def ledger_for(st: GameState, rule: str) -> list:
    return [e for e in st.ledger if e.rule == rule]


def story_words(root: Path) -> int:
    """Words of story: every scene's text and every choice's, as the player reads them."""
    words = 0
    for path in (root / "scenes").glob("*.toml"):
        if is_translation(path.name):
            continue
        for scene in tomllib.loads(path.read_text(encoding="utf-8")).get("scene", {}).values():
            words += len(scene.get("text", "").split())
            words += sum(len(c["text"].split()) for c in scene.get("choice", []))
    return words
