"""``citizen-score simulate``: play many seeded games headless and report what an author needs.

Run i plays seed S+i; a problem's seed and choice path replay it exactly. Text goes to the
terminal (styled when it is one), ``--format json`` gives the same facts for CI. Exit 0 when every
run reached an ending, 2 when some broke off (a dead end), 1 for a deck that ran dry under --strict.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Callable

from game.commands.helptext import fail, parser
from game.engine.campaigns import find_campaign
from game import i18n
from game.i18n import _, said, said_error
from game.engine.content import load_campaign_in
from game.engine.engine import MAX_SEED
from game.engine.msg import kept
from game.engine.problems import ContentError
from game.paths import openable
from game.progress import progress
from game.tomlcache import parser as toml_parser

MAX_CHOICES = 5000  # the same default as game.authoring.simulate, which is imported only when run


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(
        sub, "simulate", _("play many seeded games headless: coverage, endings, scores, dead ends"),
        _("Play N seeded games headless over all cores. Run i plays seed S+i, so any "
          "run can be replayed; a problem is shown with its seed and shortest choice path. "
          "Besides coverage, endings, scores and gates: the share of screens a player reads "
          "again word for word in the same game, how often each flag and list is set, and "
          "how often a gate open at the start shuts."),
        {0: _("every run reached an ending"), 1: _("a deck ran dry, with --strict"),
         2: _("some run broke off in a dead end; or content that does not load, or bad input")})
    p.add_argument("campaign", nargs="?", metavar="CAMPAIGN",
                   help=_("a campaign id in the content folder, or a campaign folder "
                          "(default: the only campaign there)"))
    p.add_argument("--runs", type=_whole(1), default=1000, metavar="N", help=_("games to play (default 1000)"))
    p.add_argument("--seed", dest="first_seed", type=_whole(0), default=1, metavar="S",
                   help=_("seed of the first run (default 1)"))
    p.add_argument("--jobs", type=_whole(0), default=0, metavar="J",
                   help=_("processes (default: one per core)"))
    # Translators: random, least-used, greedy-up:SCORE and greedy-down:SCORE are values to type: keep them.
    p.add_argument("--strategy", default="random", metavar="STRATEGY",
                   help=_("random (default); least-used (counts kept per 50 consecutive runs, so the "
                          "report is the same for any --jobs); greedy-up:SCORE or greedy-down:SCORE"))
    # Translators: argparse shows %% as one per cent sign: write %% for it.
    p.add_argument("--threshold", metavar="GATE",
                   help=_("a gate (e.g. job.bank_teller): which score threshold lets --target %% through"))
    p.add_argument("--target", type=float, default=50.0, metavar="P",
                   help=_("per cent of runs the threshold should let through (default 50)"))
    p.add_argument("--max-choices", type=_whole(1), default=MAX_CHOICES, metavar="N",
                   help=_("a run with no ending after N choices is reported (default {max})").format(
                       max=MAX_CHOICES))
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=_("text (default; styled in a terminal) or json"))
    p.add_argument("--strict", action="store_true", help=_("exit 1 when a deck ran dry"))
    p.set_defaults(run=run)


def _whole(least: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("'{text}' is not a whole number").format(text=text)) from None
        if n < least:
            raise argparse.ArgumentTypeError(_("must be at least {least}").format(least=least))
        return n
    return parse


def run(args: argparse.Namespace) -> int:
    from game.authoring.output import emit, exit_code
    from game.authoring.simulate import SimConfig, job_count, simulate
    from game.authoring.simulate_text import render
    from game.authoring.simulate_report import build
    from game.authoring.simulate_strategies import StrategyError, parse_strategy
    from game.authoring.threshold import ThresholdError, bounds, threshold_report

    if args.first_seed + args.runs - 1 > MAX_SEED:
        return _fail(_("seeds {first}+{runs} go past the largest seed, {largest}").format(
            first=args.first_seed, runs=args.runs, largest=MAX_SEED))
    try:
        folder = find_campaign(args.content, args.campaign, "simulate")
        # The reasons the engine words (a lock, a dead end) stay messages: the report says them in the
        # language spoken, its JSON in English, and the workers send them home whole.
        camp = load_campaign_in(folder, i18n.current(), parse=toml_parser(), seps=i18n.seps(),
                                say=kept)
        spec = parse_strategy(args.strategy, camp)
        if args.threshold:
            bounds(camp, args.threshold)  # a bad gate is reported before the long part
    except ContentError as e:
        return _fail(e.format(openable(e.base), said)
                     + "\n\n" + _("Simulation needs content that loads (citizen-score check lists every problem)."))
    except (ValueError, StrategyError, ThresholdError) as e:
        return _fail(said_error(e))
    cfg = SimConfig(folder, args.runs, args.first_seed, spec, args.jobs, args.max_choices)
    t = time.perf_counter()
    # Translators: the label of the progress bar while simulate plays; {campaign} is an id (syri).
    label = _("Simulating {campaign}").format(campaign=camp.id)
    with progress(args.runs, label) as bar:  # on stderr, and only in a terminal
        tally = simulate(cfg, camp, bar.advance)
    seconds = time.perf_counter() - t
    rep = build(camp, cfg, tally)
    if args.threshold:
        try:
            rep["threshold"] = threshold_report(camp, tally, args.threshold, args.target)
        except ThresholdError as e:
            return _fail(str(e))
    report = render(rep, seconds, job_count(cfg))
    for section in report.sections:
        section.base = openable(folder.parent)  # dead ends' file names start from the campaign's folder
    try:
        if args.format == "json":
            print(json.dumps(rep, indent=2, ensure_ascii=False))
        else:
            emit(report)
        sys.stdout.flush()
    except BrokenPipeError:  # `simulate ... | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return exit_code(report, args.strict)


def _fail(message: str) -> int:
    return fail("simulate", message)
