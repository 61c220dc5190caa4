"""``citizen-score graph``: print a campaign's scene graph as Mermaid or Graphviz DOT.

Paste the Mermaid into a Markdown file or https://mermaid.live; render DOT with
``dot -Tsvg story.dot > story.svg``.
"""

from __future__ import annotations

import argparse
import sys

from game.commands.helptext import fail, parser
from game.engine.content import load_campaign
from game.engine.problems import ContentError


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(
        sub, "graph", "print the scene graph as Mermaid or Graphviz DOT",
        "The scene graph: choices (locked ones labelled with their condition), routes, "
        "storylet decks, rules that send the player on, delayed consequences, the turn "
        "of the day and the endings.",
        {0: "the graph was printed", 2: "no such campaign, content that does not load, or bad input"})
    p.add_argument("campaign", nargs="?", metavar="CAMPAIGN",
                   help="a campaign id in the content folder, or a campaign folder "
                        "(default: the only campaign there)")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid",
                   help="mermaid (default) or dot")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from game.authoring.graph import render  # imported here: every command's start-up pays for the top
    from game.engine.campaigns import find_campaign
    from game.paths import openable
    from game.tomlcache import parser as toml_parser

    try:
        camp = load_campaign(find_campaign(args.content, args.campaign, "graph"), parse=toml_parser())
    except ContentError as e:
        return fail("graph", e.format(openable(e.base))
                    + "\n\nThe graph needs content that loads (citizen-score check lists every problem).")
    except ValueError as e:
        return fail("graph", str(e))
    sys.stdout.write(render(camp, args.format))
    return 0
