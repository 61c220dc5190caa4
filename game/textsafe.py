"""Make text from content or a save safe to put on a terminal.

Control characters and escape sequences are replaced by a visible mark, so a story file or a
tampered save can never move the cursor, retitle the window or change colours. Markup is never
parsed: the UI builds ``rich.text.Text`` objects from these strings, which show brackets literally.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


_MARKERS = re.compile("[\ue000-\ue003]")  # the engine's emphasis markers (engine/textlang.py)


def clean(text: str) -> str:
    """Replace control characters (all but newline and tab) with U+FFFD; tabs become spaces.

    Emphasis markers are dropped: whatever shows text plainly shows it without them, and the UI's
    ``lit`` turns them into styles before it cleans.
    """
    return _MARKERS.sub("", _CONTROL.sub("\ufffd", text)).replace("\t", "    ")
