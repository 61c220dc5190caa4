"""Test-wide set-up: keep every cache the game writes inside a temporary folder."""

from __future__ import annotations

import os
import tempfile

# The game caches parsed content and check results in the user's cache folder; tests (and the
# subprocesses they start, which inherit this) must never write there.
os.environ["CITIZEN_SCORE_CACHE"] = tempfile.mkdtemp(prefix="citizen-score-test-cache-")
