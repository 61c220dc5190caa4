"""A choice wraps exactly as it did in a two-column grid (the key, then the text in a column of
its own), at every width.

The choice list wraps its prompts by hand because measuring and drawing a Rich table for every
choice after every key was a good part of redrawing the day screen; its look must not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from game.engine.content import list_campaigns, load_campaign
from game.textsafe import clean
from game.ui.widgets.choices import KEY, prompt_lines

ROOT = Path(__file__).parent.parent


def grid(key: str, rows: list[Text]) -> Table:
    """The prompt as the grid it once was: the reference for its look."""
    table = Table.grid()
    table.add_column(width=KEY, no_wrap=True)
    table.add_column(ratio=1)
    for r, row in enumerate(rows):
        table.add_row(Text(key, style="bold") if r == 0 else "", row)
    return table


def drawn(console: Console, renderable, width: int) -> list[str]:
    """What a renderable shows at ``width``, line by line, trailing blanks cut."""
    out = console.render_lines(renderable, console.options.update_width(width), pad=True)
    return ["".join(s.text for s in line).rstrip() for line in out]


def shipped_choice_texts() -> list[str]:
    texts = []
    for folder in list_campaigns(ROOT / "content"):
        for scene in load_campaign(folder).scenes.values():
            texts += ["".join(p if isinstance(p, str) else "12,345" for p in ch.text) for ch in scene.choices]
    return texts


ODD = ["", "x", "a verylongwordthatcannotbebrokenanywhereatallnotevenonce in it", "tab\there, esc \x1b",
       "two\nlines", "wide 漢字 and emoji 🙂 characters that take two cells each"]
REASON = "needs Sesame score ≥ 650 — you have 612, and you are on the court blacklist"


@pytest.mark.parametrize("width", [4, 5, 8, 13, 21, 34, 46, 47, 60, 80, 120])
def test_a_choice_wraps_as_the_grid_did(width):
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    texts = shipped_choice_texts()[::7] + ODD
    for n, text in enumerate(texts, 1):
        for rows in ([Text(clean(text))], [Text(clean(text)), Text("locked — " + clean(REASON), style="italic")]):
            key = f"{n % 11}." if n % 11 <= 9 else ""
            mine = [line.plain.rstrip() for line in prompt_lines(console, key, rows, width)]
            assert mine == drawn(console, grid(key, rows), width), (width, text)
            assert all(line.cell_len <= width for line in prompt_lines(console, key, rows, width))
