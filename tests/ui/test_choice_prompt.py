"""The choice prompt draws exactly what a two-column grid draws, at every width.

The prompt is a hand-written renderable because measuring and drawing a Rich table for every
choice after every key was a good part of redrawing the day screen; its look must not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from game.engine.content import list_campaigns, load_campaign
from game.textsafe import clean
from game.ui.widgets.choices import ChoicePrompt

ROOT = Path(__file__).parent.parent


def lines(renderable, width: int) -> list[list[tuple[str, object]]]:
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    drawn = console.render_lines(renderable, console.options.update_width(width), pad=True)
    return [[(s.text, s.style) for s in Segment.simplify(line)] for line in drawn]


def shipped_choice_texts() -> list[str]:
    texts = []
    for folder in list_campaigns(ROOT / "content"):
        for scene in load_campaign(folder).scenes.values():
            texts += ["".join(p if isinstance(p, str) else "12,345" for p in ch.text) for ch in scene.choices]
    return texts


ODD = ["", "x", "a verylongwordthatcannotbebrokenanywhereatallnotevenonce in it", "tab\there, esc \x1b",
       "two\nlines", "wide 漢字 and emoji 🙂 characters that take two cells each"]
REASON = "needs Sesame score ≥ 650 — you have 612, and you are on the court blacklist"


@pytest.mark.parametrize("width", [1, 2, 3, 4, 5, 8, 13, 21, 34, 46, 47, 60, 80, 120])
def test_the_prompt_draws_as_the_grid_did(width):
    texts = shipped_choice_texts()[::7] + ODD
    for n, text in enumerate(texts, 1):
        for rows in ([Text(clean(text))], [Text(clean(text)), Text("locked — " + clean(REASON), style="italic")]):
            prompt = ChoicePrompt(f"{n % 11}." if n % 11 <= 9 else "", rows)
            assert lines(prompt, width) == lines(prompt.grid(), width), (width, text)
