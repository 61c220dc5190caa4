"""The command line: ``citizen-score`` plays; the subcommands in ``game.commands`` work headless.

Headless commands never import Textual, so they start fast; the UI is imported only to play.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import Any

from game import __version__, completion
from game.commands import MODULES, helptext
from game.paths import default_content_dir, default_saves_dir
from game.i18n import available as available_languages
from game.i18n import N_, _, normalise
from game.plain.terminal import wants_plain


def seed_arg(text: str) -> int:
    from game.engine.engine import MAX_SEED

    try:
        seed = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a whole number").format(text=text)) from None
    if not 0 <= seed <= MAX_SEED:
        raise argparse.ArgumentTypeError(_("a seed is from 0 to {max}").format(max=MAX_SEED))
    return seed


def command_named(argv: list[str], valued: set[str]) -> str | None:
    """The subcommand the command line names, if any: the first word that is neither an
    option nor the value of one of the ``valued`` options."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in valued:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


# The options before the subcommand: (option, what add_argument needs). Each subcommand takes them
# after its name too, and play also takes PLAYING. Their help is marked with N_ and translated in
# add_options, once the language is chosen.
SHARED: list[tuple[str, dict[str, Any]]] = [
    ("--lang", {"metavar": "CODE",
                "help": N_("the language to play and report in: en or nl (default: the one chosen in the game, "
                           "else LANGUAGE, LC_ALL, LC_MESSAGES or LANG, else English)")}),
    ("--content", {"type": Path, "metavar": "DIR",
                   "help": N_("folder of campaigns (default: content/ in a checkout, else the shipped story)")}),
    ("--saves", {"type": Path, "metavar": "DIR",
                 "help": N_("folder for saves (default: saves/ in a checkout, else your data folder)")}),
]
PLAYING: list[tuple[str, dict[str, Any]]] = [
    ("--seed", {"type": seed_arg, "help": N_("seed for new games (default: random)")}),
    ("--dev", {"action": "store_true",
               "help": N_("for authors: reload the story when a content file is saved, keeping your place")}),
    ("--plain", {"action": "store_true",
                 "help": N_("play line by line in plain text, for screen readers, braille displays, pipes and "
                            "slow links (also when TERM=dumb or not on a terminal)")}),
]


def add_options(p: argparse.ArgumentParser, options: list[tuple[str, dict[str, Any]]],
                default: Any = None) -> list[str]:
    """Add the options the parser has not got of its own (simulate's --seed is its first run's);
    returns the ones added that take a value."""
    valued = []
    for opt, kwargs in options:
        if "help" in kwargs:
            marked = kwargs["help"]
            kwargs = {**kwargs, "help": _(marked)}
        try:
            p.add_argument(opt, default=default, **kwargs)
        except argparse.ArgumentError:  # the subcommand's own option of that name wins
            continue
        if kwargs.get("action") != "store_true":
            valued.append(opt)
    return valued


def after_command(sub: argparse._SubParsersAction) -> None:
    """Let each subcommand take the global options after its name too: ``simulate sesame
    --content mine`` means ``--content mine simulate sesame``.

    Left unset when absent (SUPPRESS), so they never undo the same option given before the name.
    """
    for name, parser in sub.choices.items():
        add_options(parser, SHARED + (PLAYING if name == "play" else []), argparse.SUPPRESS)


# Marked with N_, translated where the parser is built (after the language is chosen).
PLAY_HELP = N_("Play in the terminal: pick a campaign, then live its days one choice at a time. "
               "The game saves as you go; Continue on the title screen picks up where you left off.")
PLAY_CODES = {0: N_("you quit the game"), 2: N_("content that does not load, a saves folder that cannot be "
                                                "written, or bad input"), 130: N_("interrupted (Ctrl+C)")}


def play_codes() -> dict[int, str]:
    """PLAY_CODES in the language being spoken."""
    return {code: _(meaning) for code, meaning in PLAY_CODES.items()}


def build_parser(argv: list[str] | None = None, everything: bool = False) -> argparse.ArgumentParser:
    """The parser, with only the subcommands this command line needs.

    Importing every tool costs time that playing and each single tool should not pay; --help, a
    bare ``citizen-score -h``, an unknown word or the shell asking to complete (``everything``) get
    them all, so the listing is complete.
    """
    p = argparse.ArgumentParser(
        prog="citizen-score",
        description=_("A terminal game about living under a social credit score."),
        epilog=helptext.fill(
               _("--content and --saves may also follow the command (citizen-score simulate sesame --content DIR); "
                 "--seed, --dev and --plain may follow play. "
                 "Environment: CITIZEN_SCORE_CONTENT and CITIZEN_SCORE_SAVES set the default folders. "
                 "NO_COLOR turns colour off.\n\n"
                 "Each command's --help (citizen-score COMMAND --help) says what it does and its exit codes."))
               + "\n\n" + helptext.exit_codes(play_codes()) + "\n  " + _("(without a command, citizen-score plays)"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"citizen-score {__version__}",
                   help=_("show the version and exit"))
    valued = add_options(p, SHARED + PLAYING)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    play = helptext.parser(sub, "play", _("play the game (the default)"), _(PLAY_HELP), play_codes())
    play.set_defaults(command="play")
    argv = sys.argv[1:] if argv is None else argv
    wanted = command_named(argv, set(valued))
    everything = everything or (wanted is None and any(a in ("-h", "--help") for a in argv)) or (
        wanted is not None and wanted != "play" and f"game.commands.{wanted}" not in MODULES)
    for name in MODULES:
        if everything or name == f"game.commands.{wanted}":
            importlib.import_module(name).add(sub)
    after_command(sub)
    return p


def cmd_play(content: Path, saves_dir: Path, seed: int | None, dev: bool = False) -> int:
    from game.ui.app import make_app

    try:
        app = make_app(content, saves_dir, seed, dev=dev)
    except OSError as e:
        return helptext.fail("play", _("cannot use the saves folder {folder}: {why}.").format(
            folder=saves_dir, why=e.strerror or e) + "\n"
            + _("Point --saves (or CITIZEN_SCORE_SAVES) at a folder you can write to."))
    app.run()
    if app.relaunch:  # the player chose another language: the same command line, in it
        args = [a for i, a in enumerate(sys.argv) if not a.startswith("--lang")
                and not (i and sys.argv[i - 1] == "--lang")]
        os.execv(sys.executable, [sys.executable, "-m", "game", *args[1:]])
    if app.content_error:
        return helptext.fail("play", app.content_error + "\n\n" + _("The game cannot start until the content is "
                                                                    "fixed (citizen-score check lists every problem)."))
    return app.return_code or 0


def option_value(argv: list[str], name: str) -> str | None:
    """An option's value read before the parser exists (--lang NL, --lang=nl): the language must
    be chosen before the help texts are written."""
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def choose_language(argv: list[str]) -> str:
    """--lang, else the language the player chose in the game, else the environment, else English."""
    from game import i18n
    from game.settings import SettingsError, load_settings

    asked = option_value(argv, "--lang")
    remembered = ""
    if not asked:
        saves = option_value(argv, "--saves")
        try:
            remembered = load_settings(Path(saves) if saves else default_saves_dir()).lang
        except (SettingsError, OSError):
            remembered = ""  # the game itself reports a broken settings file
    return i18n.use(i18n.choose(asked, remembered))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    choose_language(argv)
    if completion.asked():  # the shell wants the words that may come next: answer and exit
        completion.complete(build_parser(argv, everything=True))
    args = build_parser(argv).parse_args(argv)
    if args.lang and not normalise(args.lang):
        speaks = ", ".join(available_languages())
        return helptext.fail(getattr(args, "command", None) or "play",
                             _("there is no language '{lang}'; the game speaks {languages}.").format(
                                 lang=args.lang, languages=speaks))
    content = args.content or default_content_dir()
    try:
        if hasattr(args, "run"):
            args.content, args.saves = content, args.saves or default_saves_dir()
            return args.run(args)
        if args.plain or wants_plain(os.environ, sys.stdin, sys.stdout):
            from game.plain.start import run_plain

            return run_plain(content, args.saves or default_saves_dir(), args.seed)
        return cmd_play(content, args.saves or default_saves_dir(), args.seed, bool(args.dev))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
