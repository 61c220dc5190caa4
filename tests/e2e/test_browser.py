"""Playing the served game in a real headless Chromium, as two visitors would."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_browser import CATCH_TERMINAL, chromium, click_text, press, screen, wait_for_text

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(content: Path, tmp_path: Path) -> Iterator[str]:
    """``citizen-score serve`` on a free port, with the small test campaign; yields its address."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "game", "--content", str(content), "--saves",
                               str(tmp_path / "saves"), "serve", "--port", str(port)],
                              cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        ready, _, _ = select.select([server.stdout], [], [], 30)
        line = server.stdout.readline() if ready else ""
        if f"http://127.0.0.1:{port}/" not in line:
            server.kill()
            pytest.fail(f"the server did not start: {line}{server.communicate()[1]}")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def browser() -> Iterator[object]:
    path = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("the browser test needs playwright (the test extra)")
        pytest.skip("the browser test needs playwright (the test extra)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(path))
        yield browser
        browser.close()


def visitor(browser, url: str):
    context = browser.new_context(viewport={"width": 1100, "height": 700})
    context.add_init_script(CATCH_TERMINAL)
    page = context.new_page()
    page.goto(url)
    return page


def test_a_visitor_plays_by_key_and_click_reloads_and_goes_on_and_a_second_sees_none_of_it(
        served: str, browser, tmp_path: Path) -> None:
    page = visitor(browser, served)
    wait_for_text(page, "New game")
    press(page, "Enter")
    wait_for_text(page, "A tiny campaign for tests.")
    press(page, "Enter")
    wait_for_text(page, "You wake with ¥300")
    assert "good  (350–950)" in screen(page) and "very good" not in screen(page)

    press(page, "1")  # buy diapers: a responsible parent
    wait_for_text(page, "+40 Buying diapers suggests a responsible parent.")
    wait_for_text(page, "very good  (350–950)")

    click_text(page, "Sleep")  # the hidden rule pulls the score toward a friend's
    wait_for_text(page, "−10 an unknown rule")
    wait_for_text(page, "Day 2 of 3")

    page.reload()
    wait_for_text(page, "Continue — Day 2, 07:00 — Social Credit 640")  # this visitor's autosave
    press(page, "Enter")
    wait_for_text(page, "Day 2 of 3")
    wait_for_text(page, "Money        ¥200")
    assert "+30" in screen(page)

    stranger = visitor(browser, served)  # another browser: no cookie, so a folder of its own
    wait_for_text(stranger, "Endings and lifetime")
    assert "New game" in screen(stranger) and "Continue — " not in screen(stranger)
    assert len(list((tmp_path / "saves" / "visitors").iterdir())) == 2
