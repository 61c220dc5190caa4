"""Reading what a widget shows as plain text, whatever Rich renderable it holds."""

from __future__ import annotations

import io

from rich.console import Console


def plain(renderable, width: int = 200) -> str:
    """A Rich renderable as plain text, on lines wide enough that nothing wraps, trailing spaces cut."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def widget_text(widget, width: int = 200) -> str:
    """A Static's content as plain text."""
    return plain(widget.content, width)


def notice_of(app) -> str:
    """What the last choice did, as the day screen shows it under the reply."""
    from game.ui.widgets.story import StoryView

    return app.screen.query_one(StoryView).shown.notice.plain
