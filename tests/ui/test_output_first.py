"""The autosave after a choice hands the interpreter lock over often, so the frame goes out
first, and leaves Python's switch interval as it found it, even when the save fails."""

from __future__ import annotations

import sys

import pytest

from game.ui.output_first import HAND_OVER, output_first


def test_the_interval_is_short_inside_and_restored_after():
    before = sys.getswitchinterval()
    with output_first():
        assert sys.getswitchinterval() == pytest.approx(HAND_OVER)
    assert sys.getswitchinterval() == before


def test_a_failure_inside_still_restores_the_interval():
    before = sys.getswitchinterval()
    with pytest.raises(OSError), output_first():
        raise OSError("disk full")
    assert sys.getswitchinterval() == before
