"""``citizen-score replay REPLAY [--speed X]``: watch a replay played back in the game's screens."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.runs.find import Library
from game.runs.verify import verify_file


def speed_arg(text: str) -> float:
    try:
        speed = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0.125 <= speed <= 64:
        raise argparse.ArgumentTypeError("the speed is from 0.125 to 64")
    return speed


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="play a replay file back in the game's screens")
    p.add_argument("replay", type=Path, metavar="REPLAY")
    p.add_argument("--speed", type=speed_arg, default=1.0, metavar="X",
                   help="times real speed (default 1; a route moves a choice every 0.6 s)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """It is verified first: a replay that does not fit the story is explained, not half played."""
    library = Library(args.content)
    v = verify_file(args.replay, library)
    if v.unreadable:
        print(v.unreadable, file=sys.stderr)
        return 2
    if not v.valid:
        print(f"{args.replay}: NOT valid — " + "; ".join(v.reasons), file=sys.stderr)
        return 1
    from game.ui.app import make_app  # the UI is loaded only once the replay is known to be good

    assert v.replay is not None
    app = make_app(args.content, args.saves)
    app.opening = app.watch_screen(library.campaign(v.replay.campaign), v.replay, args.speed)
    app.run()
    if app.content_error:
        print(app.content_error, file=sys.stderr)
        return 2
    return 0
