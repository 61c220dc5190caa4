"""``citizen-score completion bash|zsh|fish``: print the script that makes the shell complete
citizen-score's commands, options, campaign ids and challenge ids (see the README)."""

from __future__ import annotations

import argparse

from game.commands.helptext import parser
from game.i18n import N_, _

SHELLS = ("bash", "zsh", "fish")
# Translators: the commands and file names stay as they are; keep the columns lined up.
HOW = N_("""\
how to load it:
  bash   eval "$(citizen-score completion bash)"                  (in ~/.bashrc)
  zsh    eval "$(citizen-score completion zsh)"                   (in ~/.zshrc, after compinit)
  fish   citizen-score completion fish > ~/.config/fish/completions/citizen-score.fish""")


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(sub, "completion", _("print the shell completion script for bash, zsh or fish"),
               _("Print a script that teaches your shell to complete citizen-score's commands, options, "
                 "campaign ids and challenge ids (from the content folder: --content on the line, "
                 "CITIZEN_SCORE_CONTENT, the checkout you are in, or the shipped story)."),
               {0: _("the script was printed"), 2: _("a shell other than bash, zsh or fish")}, epilog=_(HOW))
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help=_("bash, zsh or fish"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import argcomplete

    print(argcomplete.shellcode(["citizen-score"], shell=args.shell), end="")
    return 0
