"""Load a campaign folder of TOML into typed objects: the front door to ``game.engine.load``.

The loader itself lives in ``game/engine/load/``, one file per construct; this module keeps the
names the rest of the game imports. Run ``python -m game.engine.content DIR`` to check a folder
by hand.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from .campaigns import list_campaigns
from .load.keys import SPEC, TOP, TYPE_WORDS
from .languages import SOURCE
from .load.loader import Loader, load_campaign
from .load.context import Parse
from .load.translation import read_translation
from .load.read import Source, content_hash
from .model import Campaign
from .msg import Say
from .problems import ContentError

__all__ = ["SPEC", "TOP", "TYPE_WORDS", "Loader", "Source", "content_hash", "list_campaigns",
           "load_campaign", "load_campaign_in", "main"]


def load_campaign_in(root: str | Path, lang: str, parse: Parse = tomllib.loads, seps: str = ",.",
                     say: Say = str) -> Campaign:
    """A campaign with its words in ``lang`` where a translation gives them (the story's own
    elsewhere). A broken translation raises ContentError like broken story; missing and stale
    translations are the campaign's warnings, for check to report. ``say`` writes the reasons the
    engine words itself in the player's language (see ``Campaign.say``)."""
    loader = Loader(root, parse)
    camp = loader.load()
    camp.say = say
    if lang == SOURCE:
        return camp
    found = read_translation(Path(root), camp, lang, parse, seps, loader.cx.sources)
    errors = [p for p in found.problems if p.severity == "error"]
    if errors:
        raise ContentError(errors, Path(root).parent)
    camp.warnings = [*camp.warnings, *found.problems]
    return camp


def main(argv: list[str]) -> int:
    """Check campaign folders from the command line: prints problems, exit 2 on errors."""
    code = 0
    for arg in argv or ["content"]:
        paths = list_campaigns(arg) if not (Path(arg) / "campaign.toml").exists() else [Path(arg)]
        if not paths:
            print(f"{arg}: no campaign found (a campaign folder holds campaign.toml)")
            code = 2
        for p in paths:
            try:
                camp = load_campaign(p)
            except ContentError as e:
                print(e.format())
                code = 2
                continue
            for w in camp.warnings:
                print(w.format())
            print(f"{p}: ok ({len(camp.scenes)} scenes, {len(camp.rules)} rules, {len(camp.gates)} gates)")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
