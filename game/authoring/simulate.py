"""Play many seeded games headless, over all cores, and count what happened.

Run i plays seed S+i. Runs go out in chunks of ``CHUNK`` consecutive seeds (the same chunks
whatever the number of jobs) and the chunks' tallies are merged in seed order, so the report is
the same for one job or many. Each worker process loads the campaign once.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Hashable

from game.engine import engine as E
from game.engine.content import load_campaign
from game.engine.model import Campaign, Choice
from game.engine.msg import Msg
from game.engine.state import GameState

from .simulate_decks import fallbacks, ran_dry
from .simulate_gates import GatesSeen, GateWatch
from .simulate_screens import Screens
from .simulate_shrink import BUDGET, Budget, shrink
from .simulate_strategies import Player, StrategySpec, make_player
from .simulate_tally import Problem, Reading, Tally

CHUNK = 50  # runs per task; least-used keeps its counts for one chunk
MAX_CHOICES = 5000  # a run still going after this many choices is reported as having no ending


@dataclass(frozen=True, slots=True)
class SimConfig:
    folder: Path
    runs: int
    seed: int
    strategy: StrategySpec
    jobs: int = 0  # 0: one per core
    max_choices: int = MAX_CHOICES


@dataclass(slots=True)
class Prepared:
    """A campaign ready to be played many times in one process."""

    camp: Campaign
    watch: GateWatch
    fallbacks: dict[str, str]  # fallback scene -> its deck: landing there by a draw means a dry deck
    screens: Screens
    replies: dict[str, Choice]  # choice id -> the choice, for choices the story answers

    @classmethod
    def of(cls, camp: Campaign) -> "Prepared":
        return cls(camp, GateWatch(camp), fallbacks(camp), Screens(camp),
                   {cid: ch for cid, ch in camp.choices.items() if ch.reply})


# ---------------------------------------------------------------- one run

def play_run(prep: Prepared, seed: int, player: Player, tally: Tally, max_choices: int,
             count_words: bool = True) -> None:
    """Play one game to its end (or until it breaks off) and fold it into the tally.

    The loop is the hot path: open ids, the screen they make, a pick, apply. Gates are sampled at
    the start of each day and at the end of the game, never per choice; flags are read only
    when a step moved them.
    """
    camp, watch, screen, wholes, new_words = (prep.camp, prep.watch, prep.screens.screen, prep.screens.wholes,
                                              prep.screens.new_words)
    player.start(seed)
    try:
        st = E.new_game(camp, seed)
    except Exception as e:  # noqa: BLE001 - any failure is a finding with its seed, never a traceback
        tally.add_problem(_problem(camp, e, seed, [], camp.start, 1))
        return
    gates = GatesSeen.at_start(watch.open_now(st))
    seen, repeated, ever, ver = set[Hashable](), list[str](), set(st.flags), st.flag_ver
    read, fresh, said = set[str](), 0, prep.screens.said
    replies = prep.replies if count_words else {}
    open_ids, apply, pick, log, open_now = E.open_ids, E.apply, player.pick, st.log, watch.open_now
    fallbacks, dry = prep.fallbacks, set[str]()
    day = st.vals["day"]
    try:
        while not st.ending:
            ids = open_ids(camp, st)
            whole = wholes.get(st.scene)  # the commonest screen, inline: see Screens.screen
            words: Hashable | None = whole.get(tuple(ids)) if whole is not None else None
            if words is None:
                words = screen(st, ids)
            if words in seen:
                repeated.append(st.scene)
            else:
                seen.add(words)
                if count_words:
                    fresh += new_words(words, read)
            cid = pick(camp, st, ids)
            ch = replies.get(cid)
            if ch is None:
                apply(camp, st, cid)
            else:  # the story's answer, read above the next screen
                scene, visit = st.scene, st.visited.get(st.scene, 0)
                apply(camp, st, cid)
                fresh += said(E.reply(camp, st, ch, scene, visit), read)
            if st.flag_ver != ver:
                ver = st.flag_ver
                ever.update(st.flags)
            if st.scene in fallbacks:
                _dry_deck(camp, st, fallbacks[st.scene], dry, tally)
            if st.vals["day"] != day:
                day = st.vals["day"]
                now = open_now(st)
                if now is not gates.last:  # most days: the same gates as last time, nothing to note
                    gates.sample(now)
            if len(log) >= max_choices:
                tally.add_problem(Problem("no ending", st.scene, day, Msg(
                    "still going after {n} choices (a loop? or raise --max-choices)", n=max_choices),
                    1, seed, list(log)))
                break
    except Exception as e:  # noqa: BLE001 - a content error or an engine bug: either way, replayable
        tally.add_problem(_problem(camp, e, seed, list(log), st.scene, st.vals["day"]))
    gates.sample(watch.open_now(st))
    ever.update(st.flags)
    tally.add_run(st, gates.opened, camp.days)
    tally.add_reading(Reading(len(seen) + len(repeated), repeated, ever, gates.start, gates.shut,
                              fresh if count_words else None))


def _dry_deck(camp: Campaign, st: GameState, deck: str, dry: set[str], tally: Tally) -> None:
    """Note a deck that ran dry, once a run."""
    if deck in dry or not ran_dry(camp, st, deck):
        return
    dry.add(deck)
    tally.add_problem(Problem("empty deck", deck, st.vals["day"],
                              Msg("nothing left to draw; its fallback '{scene}' opened", scene=st.scene),
                              1, st.seed, list(st.log)))


def _problem(camp: Campaign, e: Exception, seed: int, path: list[str], scene: str, day: int) -> Problem:
    """A run that broke off: a dead end (every choice locked, or a deck with nothing and no
    fallback), or any other error, named with the scene it happened in."""
    if isinstance(e, E.DeadEnd):
        kind = "empty deck" if e.scene in camp.decks else "dead end"
        return Problem(kind, e.scene, e.day, Msg.listing(e.reasons, "; "), 1, seed, path)
    # the engine's own words (a Msg, said in the report's language), or the exception as it is
    reason = e.args[0] if isinstance(e, E.PlayError) and len(e.args) == 1 else f"{type(e).__name__}: {e}"
    return Problem("error", scene, day, reason, 1, seed, path)


# ---------------------------------------------------------------- chunks and workers

WORD_SAMPLE = 1000  # runs whose new words are counted, at least (see run_chunk)
_PREP: Prepared | None = None  # the campaign a process plays, loaded once per process


def _use(camp: Campaign) -> None:
    global _PREP
    _PREP = Prepared.of(camp)


def _worker_init(folder: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    if _PREP is None or _PREP.camp.root != folder:
        _use(load_campaign(Path(folder)))


def run_chunk(task: tuple[int, int, StrategySpec, int, int, int]) -> Tally:
    """Runs seeds first..first+count-1 with a fresh player; the unit of work sent to a process.

    The words a game shows for the first time are counted in every ``step``-th run from the first
    seed (every run up to WORD_SAMPLE runs): a thousand runs give the median as well as ten
    thousand, and counting them costs a good part of a run."""
    first, count, spec, max_choices, base, step = task
    assert _PREP is not None
    player, tally = make_player(spec), Tally()
    for seed in range(first, first + count):
        play_run(_PREP, seed, player, tally, max_choices, (seed - base) % step == 0)
    tally.settle()
    return tally


def chunks(cfg: SimConfig) -> list[tuple[int, int, StrategySpec, int, int, int]]:
    step = max(1, cfg.runs // WORD_SAMPLE)
    return [(cfg.seed + i, min(CHUNK, cfg.runs - i), cfg.strategy, cfg.max_choices, cfg.seed, step)
            for i in range(0, cfg.runs, CHUNK)]


def job_count(cfg: SimConfig) -> int:
    jobs = cfg.jobs or os.cpu_count() or 1
    return max(1, min(jobs, -(-cfg.runs // CHUNK)))


def simulate(cfg: SimConfig, camp: Campaign, played: Callable[[int], None] = lambda runs: None) -> Tally:
    """Play ``cfg.runs`` games of the (already loaded and checked) campaign and merge the tallies.

    ``played(n)`` is told as each batch of n runs is merged, for a progress bar."""
    _use(camp)  # in this process, and inherited by forked workers without loading again
    tasks, jobs, total = chunks(cfg), job_count(cfg), Tally()
    if jobs == 1:
        for t in tasks:
            total.merge(run_chunk(t))
            played(t[1])
        return shorten(camp, total)
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else methods[0])
    with ctx.Pool(jobs, initializer=_worker_init, initargs=(str(camp.root),)) as pool:
        for t, part in zip(tasks, pool.imap(run_chunk, tasks)):  # in task order: seed order
            total.merge(part)
            played(t[1])
    return shorten(camp, total)


def shorten(camp: Campaign, tally: Tally) -> Tally:
    """Cut each problem's path down to what it needs (the same work for any number of jobs)."""
    for p in sorted(tally.problems.values(), key=lambda p: (p.kind, p.where)):
        shrink(camp, p, Budget(BUDGET // len(tally.problems)))
    return tally
