"""``citizen-score verify REPLAY...``: re-simulate replays headless; "valid", or exactly why not."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.helptext import fail, parser
from game.engine.msg import Msg
from game.i18n import _, said
from game.runs import data
from game.runs.find import Library
from game.runs.verify import Verdict, verify_file


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(sub, "verify", _("re-simulate replay files and say whether each is valid"),
               _("Re-simulate each replay headless against the content here and say \"valid\", or "
                 "exactly why not (other content, a seed the challenge does not allow, a different "
                 "result)."),
               {0: _("every replay is valid"), 1: _("a replay is not valid"),
                2: _("a replay cannot be read, or bad input")})
    p.add_argument("replays", nargs="+", type=Path, metavar="REPLAY")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=_("text (default) or json (schema/output/{name}.schema.json)").format(name="verify"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every replay is valid, 1 when one is not, 2 when one cannot be read."""
    library = Library(args.content)
    verdicts = []
    for path in args.replays:
        v = verify_file(path, library)
        verdicts.append(v)
        if v.unreadable:  # on stderr in both formats: with json, stdout holds the JSON alone
            fail("verify", said(v.unreadable))
        elif args.format == "text":
            print(line(path, v))
    if args.format == "json":
        data.dump(data.document("verify", replays=[data.verdict(v) for v in verdicts]), sys.stdout)
    return max((2 if v.unreadable else 0 if v.valid else 1 for v in verdicts), default=0)


def line(path: Path, v: Verdict) -> str:
    if not v.valid or v.replay is None:
        return _("{file}: NOT valid — {reasons}").format(file=path, reasons=said(Msg.listing(v.reasons, "; ")))
    r = v.replay.result
    # Translators: a valid replay: its challenge, done or failed (as written), the in-game time as days (d),
    # hours (h) and actions (a), and the score: "run.replay.toml: valid — sesame/any, done, 3d 14h 40a, score 612".
    return _("{file}: valid — {ref}, {status}, {days}d {hours}h {actions}a, score {score}").format(
        file=path, ref=v.replay.ref, status=r.status, days=r.at.hours // 24, hours=f"{r.at.hours % 24:02d}",
        actions=r.at.actions, score=r.score)
