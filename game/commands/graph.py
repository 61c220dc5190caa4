"""``citizen-score graph``: print a campaign's scene graph as Mermaid or Graphviz DOT.

Paste the Mermaid into a Markdown file or https://mermaid.live; render DOT with
``dot -Tsvg story.dot > story.svg``.
"""

from __future__ import annotations

import argparse
import sys

from game.engine.content import load_campaign
from game.engine.problems import ContentError


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "graph", help="print the scene graph as Mermaid or Graphviz DOT",
        description="The scene graph: choices (locked ones labelled with their condition), routes, "
                    "storylet decks, rules that send the player on, delayed consequences, the turn "
                    "of the day and the endings.")
    p.add_argument("campaign", nargs="?", metavar="CAMPAIGN",
                   help="a campaign id in the content folder, or a campaign folder "
                        "(default: the only campaign there)")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid",
                   help="mermaid (default) or dot")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from game.authoring.graph import render  # imported here: every command's start-up pays for the top
    from game.engine.campaigns import find_campaign
    from game.tomlcache import parser

    try:
        camp = load_campaign(find_campaign(args.content, args.campaign, "draw"), parse=parser())
    except ContentError as e:
        print(e.format() + "\n\nThe graph needs content that loads (citizen-score check lists every problem).",
              file=sys.stderr)
        return 2
    except ValueError as e:
        print(f"citizen-score graph: {e}", file=sys.stderr)
        return 2
    sys.stdout.write(render(camp, args.format))
    return 0
