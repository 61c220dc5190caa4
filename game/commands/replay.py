"""``citizen-score replay REPLAY [--speed X]``: watch a replay played back in the game's screens."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.commands.helptext import fail, parser
from game.engine.msg import Msg
from game.i18n import _, said
from game.runs.find import Library
from game.runs.verify import verify_file


def speed_arg(text: str) -> float:
    try:
        speed = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a number").format(text=text)) from None
    if not 0.125 <= speed <= 64:
        raise argparse.ArgumentTypeError(_("the speed is from 0.125 to 64"))
    return speed


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(sub, "replay", _("play a replay file back in the game's screens"),
               _("Watch a replay played back in the game's own screens, after it is verified: a replay "
                 "that does not fit the story is explained, not half played."),
               {0: _("the replay was watched"), 1: _("the replay is not valid"),
                2: _("the replay cannot be read, or the content does not load")})
    p.add_argument("replay", type=Path, metavar="REPLAY")
    p.add_argument("--speed", type=speed_arg, default=1.0, metavar="X",
                   help=_("times real speed (default 1; a route moves a choice every 0.6 s)"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """It is verified first: a replay that does not fit the story is explained, not half played."""
    library = Library(args.content)
    v = verify_file(args.replay, library)
    if v.unreadable:
        return fail("replay", said(v.unreadable))
    if not v.valid:
        return fail("replay", _("{file}: NOT valid — {reasons}").format(
            file=args.replay, reasons=said(Msg.listing(v.reasons, "; "))), 1)
    from game.ui.app import make_app  # the UI is loaded only once the replay is known to be good

    assert v.replay is not None
    app = make_app(args.content, args.saves)
    app.opening = app.watch_screen(library.campaign(v.replay.campaign), v.replay, args.speed)
    app.run()
    if app.content_error:
        return fail("replay", app.content_error)
    return 0
