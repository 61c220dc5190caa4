"""``citizen-score graph``: print a campaign's scene graph as Mermaid or Graphviz DOT.

Paste the Mermaid into a Markdown file or https://mermaid.live; render DOT with
``dot -Tsvg story.dot > story.svg``.
"""

from __future__ import annotations

import argparse
import sys

from game.commands.helptext import fail, parser
from game import i18n
from game.i18n import _, said, said_error
from game.engine.content import load_campaign_in
from game.engine.problems import ContentError


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(
        sub, "graph", _("print the scene graph as Mermaid or Graphviz DOT"),
        _("The scene graph: choices (locked ones labelled with their condition), routes, "
          "storylet decks, rules that send the player on, delayed consequences, the turn "
          "of the day and the endings."),
        {0: _("the graph was printed"), 2: _("no such campaign, content that does not load, or bad input")})
    p.add_argument("campaign", nargs="?", metavar="CAMPAIGN",
                   help=_("a campaign id in the content folder, or a campaign folder "
                          "(default: the only campaign there)"))
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid",
                   help=_("mermaid (default) or dot"))
    # Translators: down and right are the values to type: keep them.
    p.add_argument("--direction", choices=("down", "right"), default="down",
                   help=_("down: top to bottom (default); right: left to right, which suits a wide graph"))
    p.add_argument("--cluster", choices=("none", "file", "deck"), default="none",
                   help=_("box the scenes by the content file they are written in, or by their deck"))
    p.add_argument("--no-next-day", dest="next_day", action="store_false",
                   help=_("leave out the edges from the turn of the day to each day's first scene"))
    one = p.add_mutually_exclusive_group()
    one.add_argument("--deck", default="", metavar="ID",
                     help=_("draw one deck: its storylets and where each leads"))
    one.add_argument("--day", type=int, metavar="N",
                     help=_("draw one day: what its first scene reaches before the day turns"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # imported here: every command's start-up pays for the top
    from game.authoring.graph_mermaid import over_limit, too_many_edges
    from game.authoring.graph_view import View, draw, shaped
    from game.engine.campaigns import find_campaign
    from game.paths import openable
    from game.tomlcache import parser as toml_parser

    try:
        camp = load_campaign_in(find_campaign(args.content, args.campaign, "graph"), i18n.current(),
                                parse=toml_parser(), seps=i18n.seps())
    except ContentError as e:
        return fail("graph", e.format(openable(e.base), said)
                    + "\n\n" + _("The graph needs content that loads (citizen-score check lists every problem)."))
    except ValueError as e:
        return fail("graph", said_error(e))
    view = View(args.direction, args.cluster, args.next_day, args.deck, args.day)
    try:
        g = shaped(camp, view)
    except ValueError as e:
        return fail("graph", said_error(e))
    sys.stdout.write(draw(g, args.format, camp.title, view.direction))
    if args.format == "mermaid" and too_many_edges(g):
        # Translators: {limit} says which of Mermaid's limits the graph is over (in English).
        fail("graph", _("warning: {limit}; or draw a part with --day N or --deck ID.").format(limit=over_limit(g)))
    return 0
