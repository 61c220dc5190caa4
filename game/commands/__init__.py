"""The headless subcommands of ``citizen-score``, one module each.

Each module defines ``add(sub)``, which adds its parser to the argparse subparsers and sets
``run=function`` as a default; ``function(args)`` returns the exit code. ``args.content`` is
already resolved to the content folder and ``args.saves`` to the saves folder. None of these
modules may import Textual or Rich at import time: they must start fast.
"""

# Listed here, in the order `citizen-score --help` shows them.
MODULES = [
    "game.commands.check",
    "game.commands.simulate",
    "game.commands.graph",
    "game.commands.route",
    "game.commands.verify",
    "game.commands.translate",
    "game.commands.records",
    "game.commands.replay",
    "game.commands.serve",
    "game.commands.completion",
]
