"""A line of the day screen's text looks the same drawn the quick way (straight from its spans)
as drawn through Rich, at any width: the quick way exists only to draw a key press sooner."""

from __future__ import annotations

import io

from hypothesis import given, strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from game.ui.widgets import _layered_strip, line_strip

CONSOLE = Console(file=io.StringIO(), width=80, color_system="truecolor", force_terminal=True)
BASE = Style(color="#e0e0e0", bgcolor="#1e1e1e")
STYLES = st.sampled_from(["", "bold", "italic", "dim", "bold green", "bold red", Style(color="#ffaa00")])
PIECES = st.lists(st.tuples(st.text(st.sampled_from("ab €冰 ·—█"), max_size=8), STYLES), max_size=6)


def cells(strip) -> list[tuple[str, Style]]:
    return [(ch, seg.style) for seg in Segment.simplify(strip) for ch in seg.text]


@given(pieces=PIECES, own=STYLES, width=st.integers(1, 40))
def test_a_line_is_drawn_the_same_the_quick_way_and_through_rich(pieces, own, width):
    line = Text.assemble(*pieces, style=own)
    quick, layered = line_strip(CONSOLE, line, BASE, width), _layered_strip(CONSOLE, line, BASE, width)
    assert quick.cell_length == layered.cell_length == width
    assert cells(quick) == cells(layered)


def test_overlapping_spans_are_layered_as_rich_layers_them():
    line = Text("overlap")
    line.stylize("bold", 0, 5)
    line.stylize("italic", 2, 7)
    assert cells(line_strip(CONSOLE, line, BASE, 10)) == cells(_layered_strip(CONSOLE, line, BASE, 10))
