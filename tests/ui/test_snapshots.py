"""The look of the main screens at 80x24, pinned as SVG snapshots.

After an intended change, refresh with ``pytest tests/ui/test_snapshots.py --snapshot-update`` and look
at the new SVGs before committing. ``snap_compare`` needs plain ``def`` tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.ui.app import make_app

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def app(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content / "mini")
    return make_app(content, tmp_path / "saves", seed=1)


def test_title_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24))


def test_campaign_picker(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), press=["enter"])


def test_day_screen_with_notice_and_locked_choice(snap_compare, app):
    # New game, the campaign, then play games all day (a score drop) and sleep into day 2.
    assert snap_compare(app, terminal_size=(80, 24), press=["enter", "enter", "2"])


def test_ledger_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), press=["enter", "enter", "2", "1", "w"])


def test_life_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), press=["enter", "enter", "2", "l"])


def test_ending_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), press=["enter", "enter", *["1"] * 8])


def test_rulebook_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), press=["enter", "enter", "2", "r"])
