"""``citizen-score check``: validate campaign content and list every problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.engine.content import list_campaigns, load_campaign
from game.engine.problems import ContentError


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="validate campaign content and list every problem")
    p.add_argument("dirs", nargs="*", type=Path, metavar="CONTENT_DIR")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return check_dirs(args.dirs or [args.content])


def check_dirs(dirs: list[Path]) -> int:
    """Check campaign folders (or folders of campaigns): exit 0 clean, 2 on errors."""
    code = 0
    for d in dirs:
        folders = [d] if (d / "campaign.toml").is_file() else list_campaigns(d)
        if not folders:
            print(f"{d}: no campaign found (a campaign folder holds campaign.toml)", file=sys.stderr)
            code = 2
        for folder in folders:
            try:
                camp = load_campaign(folder)
            except ContentError as e:
                print(e.format(), file=sys.stderr)
                code = 2
                continue
            for w in camp.warnings:
                print(w.format())
            print(f"{folder}: ok — {len(camp.scenes)} scenes, {len(camp.rules)} rules, "
                  f"{len(camp.gates)} gates")
    return code
