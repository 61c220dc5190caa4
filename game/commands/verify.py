"""``citizen-score verify REPLAY...``: re-simulate replays headless; "valid", or exactly why not."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.helptext import fail, parser
from game.runs import data
from game.runs.find import Library
from game.runs.verify import Verdict, verify_file


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(sub, "verify", "re-simulate replay files and say whether each is valid",
               "Re-simulate each replay headless against the content here and say \"valid\", or "
               "exactly why not (other content, a seed the challenge does not allow, a different "
               "result).",
               {0: "every replay is valid", 1: "a replay is not valid", 2: "a replay cannot be read, or bad input"})
    p.add_argument("replays", nargs="+", type=Path, metavar="REPLAY")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) or json (schema/output/verify.schema.json)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every replay is valid, 1 when one is not, 2 when one cannot be read."""
    library = Library(args.content)
    verdicts = []
    for path in args.replays:
        v = verify_file(path, library)
        verdicts.append(v)
        if v.unreadable:  # on stderr in both formats: with json, stdout holds the JSON alone
            fail("verify", v.unreadable)
        elif args.format == "text":
            print(line(path, v))
    if args.format == "json":
        data.dump(data.document("verify", replays=[data.verdict(v) for v in verdicts]), sys.stdout)
    return max((2 if v.unreadable else 0 if v.valid else 1 for v in verdicts), default=0)


def line(path: Path, v: Verdict) -> str:
    if not v.valid or v.replay is None:
        return f"{path}: NOT valid — " + "; ".join(v.reasons)
    r = v.replay.result
    return (f"{path}: valid — {v.replay.ref}, {r.status}, "
            f"{r.at.hours // 24}d {r.at.hours % 24:02d}h {r.at.actions}a, score {r.score}")
