"""``citizen-score route CHALLENGE ROUTE_FILE``: play a route headless, print its splits, write its replay."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.commands.helptext import fail, parser
from game.engine.problems import ContentError
from game.i18n import _, said, said_error
from game.paths import openable
from game.runs import data, text
from game.runs.attempt import board_before, finish
from game.runs.find import Library, NotFound
from game.runs.records import RecordsError
from game.runs.route import RouteError, play_route, read_route
from game.runs.run import Run
from game.runs.splits import Judgement, judge, segment_ids


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(sub, "route", _("play a route file (one choice id per line) against a challenge"),
               _("Play a route headless against a challenge: the choices in order, one choice id a line. "
                 "Prints the splits and the result, writes a verifiable replay and puts the run on the "
                 "challenge's board (unless --no-record)."),
               {0: _("the run finished and counts"), 1: _("the run failed or did not finish"),
                2: _("bad input: no such challenge, a route that does not fit, content that does not load")})
    p.add_argument("challenge", metavar="CHALLENGE", help=_("campaign/challenge, or a challenge id used once"))
    p.add_argument("route", metavar="ROUTE_FILE", help=_("one choice id per line; # starts a comment"))
    p.add_argument("--date", metavar="YYYYMMDD", help=_("for a daily challenge: the day whose seed to use"))
    p.add_argument("--no-record", action="store_true", help=_("write the replay but leave the board alone"))
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=_("text (default) or json (schema/output/{name}.schema.json)").format(name="route"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when the run counts, 1 when it failed or did not finish, 2 on bad input."""
    try:
        cs, ch = Library(args.content).find(args.challenge)
        lines = read_route(args.route)
        played = play_route(cs, ch, lines, str(args.route), args.date)
    except (NotFound, RouteError) as e:
        return fail("route", said_error(e))
    except ContentError as e:
        return fail("route", e.format(openable(e.base), said))
    except ValueError as e:  # a --date that is no date
        return fail("route", f"--date: {said_error(e)}")
    if args.format == "text":
        print(text.heading(ch, played.seed) + (f", {played.date}" if played.date else ""))
    if played.result is None:
        ids = segment_ids(ch)
        reached = {s.id: s.at for s in played.splits}
        judged = judge(ch, [reached.get(i) for i in ids], [])
        if args.format == "json":
            data.dump(as_json(args, played, judged), sys.stdout)
            return 1
        for line in text.splits_table(judged):
            print(line)
        print(_("Unfinished: the route ends after {count} choices, at in-game {time} ({clock}); the challenge "
                "is still on.").format(count=len(played.steps), time=text.game_time(played.now()),
                                        clock=text.clock(played.now())))
        return 1
    try:
        done = finish(played, args.saves, board_before(args.saves, played), "route",
                      board=not args.no_record, count=True)
    except (OSError, RecordsError) as e:
        return fail("route", said_error(e))
    judged = done.judgement
    if args.format == "json":
        data.dump(as_json(args, played, judged, done.replay_path), sys.stdout)
        return 0 if played.result.status == "done" else 1
    for line in text.splits_table(judged):
        print(line)
    print(text.result_line(ch, played.result))
    if judged.new_pb and not args.no_record:
        print(_("New personal best!"))
    print(_("Replay: {file}").format(file=done.replay_path))
    return 0 if played.result.status == "done" else 1


def as_json(args: argparse.Namespace, played: Run, judged: Judgement, replay: Path | None = None) -> dict[str, Any]:
    """The run as ``--format json`` prints it (schema/output/route.schema.json)."""
    res = played.result
    return data.document(
        "route", challenge=data.challenge(played.ch), route=str(args.route), seed=played.seed, date=played.date,
        choices=len(played.steps), finished=res is not None, now=data.stamp(played.now()),
        splits=[data.row(r) for r in judged.rows], result=None if res is None else data.result(res),
        new_pb=judged.new_pb and not args.no_record, recorded=res is not None and not args.no_record,
        replay=None if replay is None else str(replay))
