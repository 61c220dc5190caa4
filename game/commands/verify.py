"""``citizen-score verify REPLAY...``: re-simulate replays headless; "valid", or exactly why not."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.commands.helptext import fail, parser
from game.runs.find import Library
from game.runs.verify import verify_file


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(sub, "verify", "re-simulate replay files and say whether each is valid",
               "Re-simulate each replay headless against the content here and say \"valid\", or "
               "exactly why not (other content, a seed the challenge does not allow, a different "
               "result).",
               {0: "every replay is valid", 1: "a replay is not valid", 2: "a replay cannot be read, or bad input"})
    p.add_argument("replays", nargs="+", type=Path, metavar="REPLAY")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every replay is valid, 1 when one is not, 2 when one cannot be read."""
    library = Library(args.content)
    code = 0
    for path in args.replays:
        v = verify_file(path, library)
        if v.unreadable:
            code = fail("verify", v.unreadable)
        elif v.valid:
            r = v.replay.result  # type: ignore[union-attr]
            print(f"{path}: valid — {v.replay.ref}, {r.status}, "  # type: ignore[union-attr]
                  f"{r.at.hours // 24}d {r.at.hours % 24:02d}h {r.at.actions}a, score {r.score}")
        else:
            print(f"{path}: NOT valid — " + "; ".join(v.reasons))
            code = max(code, 1)
    return code
