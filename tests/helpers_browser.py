"""Driving the served game in headless Chromium: reading the terminal, typing, clicking a line.

The page's terminal (xterm.js) is not reachable from the page's scripts, so an init script catches
it as textual-serve's client stores it, and ``screen`` reads its buffer as text: no screenshots, no
pixels to compare.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
WAIT_MS = 15_000

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {configurable: true, set(value) {
  if (value && value.buffer && !window.__terminal) window.__terminal = value;
  Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
}});
window.__screen = () => {
  const term = window.__terminal;
  if (!term) return "";
  const buffer = term.buffer.active, lines = [];
  for (let i = 0; i < term.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i).translateToString(true));
  return lines.join("\\n");
};
"""


def chromium() -> Path:
    """Debian's Chromium; the test is skipped without it only outside CI (``.ci/run`` installs it)."""
    if not CHROMIUM.exists():
        message = f"the browser test needs {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def screen(page) -> str:
    return page.evaluate("window.__screen()")


def wait_for_text(page, text: str) -> None:
    """Wait until the terminal shows ``text``; on a timeout, the failure shows the screen."""
    try:
        page.wait_for_function("text => window.__screen().includes(text)", arg=text, timeout=WAIT_MS)
    except Exception as e:
        raise AssertionError(f"never saw {text!r}; the screen:\n{screen(page)}") from e


def press(page, key: str) -> None:
    page.locator(".xterm-helper-textarea").focus()
    page.keyboard.press(key)


def click_text(page, text: str) -> None:
    """Click the middle of the first cell of ``text`` on the terminal, as a player's mouse would."""
    rows = screen(page).split("\n")
    row = next(i for i, line in enumerate(rows) if text in line)
    col = rows[row].index(text)
    box = page.locator(".xterm-screen").bounding_box()
    cols, lines = page.evaluate("[window.__terminal.cols, window.__terminal.rows]")
    cell_w, cell_h = box["width"] / cols, box["height"] / lines
    page.mouse.click(box["x"] + (col + 0.5) * cell_w, box["y"] + (row + 0.5) * cell_h)
