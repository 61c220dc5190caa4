"""The key beside each choice: 1–9, then 0, then the letters the day screen leaves free.

One list, read by the choice list (the key it shows) and the day screen (the key it binds), so
the two cannot disagree. The letters skip the day screen's own keys (w, l, r, s) and q, which
players press to quit; past the last key a choice is still reached with the arrows and Enter.
"""

from __future__ import annotations

CHOICE_KEYS = "1234567890abcdefghijkmnoptuvxyz"


def key_for(n: int) -> str:
    """The key of the n-th choice on the list (1-based), or "" when it has none."""
    return CHOICE_KEYS[n - 1] if 1 <= n <= len(CHOICE_KEYS) else ""
