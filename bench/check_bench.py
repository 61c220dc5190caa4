"""How long ``citizen-score check`` takes on the shipped content (the goal: under 200 ms, to run on save).

    .venv/bin/python bench/check_bench.py [CONTENT_DIR]

Prints, for each campaign, the median time to load and to analyse it in one process, then the
wall time of the whole command (Python start-up included) run as a user would. Asserts nothing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.authoring.analysis import analyse  # noqa: E402
from game.engine.content import list_campaigns, load_campaign  # noqa: E402
from game.engine.problems import ContentError  # noqa: E402

REPEAT = 15


def median_ms(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main(content: Path) -> None:
    total = 0.0
    for folder in list_campaigns(content):
        try:
            camp = load_campaign(folder)
        except ContentError as e:
            print(f"{folder.name:>12}: does not load ({len(e.problems)} problems); skipped")
            continue
        load = median_ms(lambda: load_campaign(folder))
        lint = median_ms(lambda: analyse(camp))
        total += load + lint
        print(f"{folder.name:>12}: load {load:6.1f} ms + analysis {lint:6.1f} ms "
              f"({len(camp.scenes)} scenes, {len(camp.rules)} rules, {len(camp.gates)} gates, "
              f"{len(analyse(camp))} findings)")
    print(f"{'all':>12}: {total:6.1f} ms in one process (median of {REPEAT})")
    cmd = [sys.executable, "-m", "game", "check", str(content)]
    walls = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True)
        walls.append(time.perf_counter() - t)
    print(f"{'command':>12}: {statistics.median(walls) * 1000:6.1f} ms wall, start-up included "
          f"(median of 5: {' '.join(cmd[1:])})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "content")
