"""Let the frame reach the terminal while the game does slower work after drawing it.

Textual sends each frame to the terminal from a thread of its own. Work the screen does right
after drawing (the autosave) holds the interpreter lock, and Python hands the lock to a waiting
thread only every 5 ms (``sys.getswitchinterval``): the frame that was ready waited behind the
save, a twentieth of the time a key press took to show. While that work runs, the lock changes
hands every 0.1 ms instead, so the output thread writes the frame at once.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

HAND_OVER = 0.0001  # seconds between hand-overs of the interpreter lock while the work runs


@contextmanager
def output_first() -> Iterator[None]:
    """Run the body with the interpreter lock handed over often; the old interval after."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(HAND_OVER)
    try:
        yield
    finally:
        sys.setswitchinterval(before)
