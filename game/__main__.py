"""``python -m game`` does what the ``citizen-score`` command does."""

import sys

from game.cli import main

sys.exit(main())
