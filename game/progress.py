"""A progress bar on stderr for long work, shown only to a person watching a terminal.

``simulate --runs 20000`` plays for half a minute and ``check`` on a cold cache loads every
campaign; both would otherwise leave a blank screen. The bar goes to stderr and only when stderr
is a terminal (not ``TERM=dumb``), so a pipe, a log file or the JSON on stdout never holds it.
It appears only once the work has taken ``DELAY`` seconds, so quick work (a warm cache) does not
flash a bar, and it is erased when the work is done. Rich is imported only when a bar is shown:
every command's start-up would pay for it otherwise.

Both decisions can be handed in: ``show`` (is anyone watching?) and ``clock`` (seconds, for the
delay and the bar's own times), so tests need neither a terminal nor the wall clock.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator, TextIO

from game.i18n import _

DELAY = 0.3  # seconds of work before a bar is worth showing


def watched(stream: TextIO) -> bool:
    """Is a person reading this stream in a terminal that can redraw a line?"""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False
    return tty and os.environ.get("TERM", "") != "dumb"


class Bar:
    """Counts work done; draws the bar once the work has taken ``delay`` seconds, if shown at all."""

    def __init__(self, total: int, label: str, stream: TextIO, show: bool, clock: Callable[[], float],
                 delay: float) -> None:
        self.total, self.label, self.stream, self.show = total, label, stream, show
        self.clock, self.delay = clock, delay
        self.start = clock()
        self.done = 0
        self.doing = ""
        self._rich: Any = None  # rich.progress.Progress, once drawn
        self._task: Any = None

    def advance(self, n: int = 1, doing: str = "") -> None:
        """``n`` more units done; ``doing`` names the one now under way (shown after the label)."""
        self.done += n
        self.doing = doing or self.doing
        if self._rich is None and self.show and self.clock() - self.start >= self.delay:
            self._draw()
        if self._rich is not None:
            self._rich.update(self._task, completed=self.done, description=self._description())

    def _description(self) -> str:
        return f"{self.label} {self.doing}" if self.doing else self.label

    def _draw(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, \
            TimeRemainingColumn

        console = Console(file=self.stream, force_terminal=True)
        self._rich = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                              # Translators: between the time a progress bar has taken and the time it has left.
                              TimeElapsedColumn(), TextColumn(_("left")), TimeRemainingColumn(),
                              console=console, transient=True, get_time=self.clock, refresh_per_second=4,
                              redirect_stdout=False, redirect_stderr=False)
        self._task = self._rich.add_task(self._description(), total=self.total, completed=self.done)
        self._rich.start()

    def close(self) -> None:
        if self._rich is not None:
            self._rich.stop()
            self._rich = None


@contextmanager
def progress(total: int, label: str, *, stream: TextIO | None = None, show: bool | None = None,
             clock: Callable[[], float] = time.monotonic, delay: float | None = None) -> Iterator[Bar]:
    """A bar for ``total`` units of work, on stderr (or ``stream``); call ``advance(n)`` as they finish.

    ``show`` defaults to whether the stream is a terminal a person watches (``watched``)."""
    stream = stream if stream is not None else sys.stderr
    bar = Bar(total, label, stream, watched(stream) if show is None else show, clock,
              DELAY if delay is None else delay)
    try:
        yield bar
    finally:
        bar.close()
