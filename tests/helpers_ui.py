"""Reading what a widget shows as plain text, whatever Rich renderable it holds."""

from __future__ import annotations

import io

from rich.console import Console


def widget_text(widget, width: int = 200) -> str:
    """A Static's content as plain text, on a line wide enough that nothing wraps."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()
