"""Shell completion (bash, zsh, fish) through argcomplete: commands, options, campaign and
challenge ids.

The completers are attached here, by each argument's dest, after the parser is built, so a
subcommand needs nothing of its own to complete well. argcomplete is imported only when the shell
asks for completions (it sets _ARGCOMPLETE), so a plain run never pays for it.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, Callable


CAMPAIGN_DESTS = {"campaign", "campaigns"}
CHALLENGE_DESTS = {"challenge"}
FOLDER_OPTIONS = {"--content", "--saves"}


def asked() -> bool:
    """True when the shell runs us to complete a word, not to do anything."""
    return "_ARGCOMPLETE" in os.environ


def content_of(parsed: argparse.Namespace) -> Path:
    from game.paths import default_content_dir

    return Path(getattr(parsed, "content", None) or default_content_dir()).expanduser()


def campaign_ids(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    from game.engine.campaigns import list_campaigns  # only when the shell asks: every start imports this module

    return [p.name for p in list_campaigns(content_of(parsed_args)) if p.name.startswith(prefix)]


def challenge_ids(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """``campaign/challenge`` for every challenge, and the bare id of one that a single campaign uses
    (what ``Library.find`` accepts). challenges.toml is read as plain TOML: completing never loads a story."""
    import tomllib

    from game.engine.campaigns import list_campaigns

    pairs = []
    for folder in list_campaigns(content_of(parsed_args)):
        try:
            with (folder / "challenges.toml").open("rb") as f:
                table = tomllib.load(f).get("challenge", {})
        except (OSError, tomllib.TOMLDecodeError):
            continue
        pairs += [(folder.name, chid) for chid in table if isinstance(table, dict)]
    bare = [chid for _, chid in pairs]
    words = [f"{cid}/{chid}" for cid, chid in pairs] + [c for c in bare if bare.count(c) == 1]
    return [w for w in words if w.startswith(prefix)]


def attach(parser: argparse.ArgumentParser) -> None:
    """Give every campaign, challenge and folder argument, in every subcommand, its completer."""
    from argcomplete.completers import DirectoriesCompleter

    for action in parser._actions:
        completer: Callable[..., Any] | None = None
        if action.dest in CAMPAIGN_DESTS and not action.option_strings:
            completer = campaign_ids
        elif action.dest in CHALLENGE_DESTS and not action.option_strings:
            completer = challenge_ids
        elif FOLDER_OPTIONS & set(action.option_strings):
            completer = DirectoriesCompleter()
        if completer is not None:
            action.completer = completer  # type: ignore[attr-defined]
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                attach(sub)


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell and exit, when it asked; otherwise do nothing."""
    if not asked():
        return
    import argcomplete

    attach(parser)
    argcomplete.autocomplete(parser)
