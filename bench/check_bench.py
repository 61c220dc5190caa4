"""How long ``citizen-score check`` takes on the shipped content (the goal: under 200 ms, to run on save).

    .venv/bin/python bench/check_bench.py [CONTENT_DIR]

Prints, for each campaign, the median CPU time to load and to analyse it in one process, then the
CPU and wall time of the whole command (Python start-up included) run as a user would: afresh,
with every campaign's findings remembered (what checking on save costs for the campaigns not
just edited), and the largest campaign alone, afresh (the one just edited). CPU time is the steadier
figure on a machine others are using too.
Asserts nothing.
"""

from __future__ import annotations

import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.authoring.analysis import analyse  # noqa: E402
from game.commands.check import check_folder  # noqa: E402
from game.engine.challenges import load_challenges  # noqa: E402
from game.engine.content import list_campaigns  # noqa: E402
from game.engine.problems import ContentError  # noqa: E402

REPEAT = 15


def median_ms(fn, repeat: int = REPEAT, clock=time.process_time) -> float:
    """Median CPU time of a call: other work on a shared machine stretches wall time, not this."""
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return statistics.median(times) * 1000


def child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main(content: Path) -> None:
    total = 0.0
    for folder in list_campaigns(content):
        try:
            loaded = load_challenges(folder)  # what check loads: the campaign and its challenges
        except ContentError as e:
            print(f"{folder.name:>12}: does not load ({len(e.problems)} problems); skipped")
            continue
        camp = loaded.campaign
        load = median_ms(lambda: load_challenges(folder))
        lint = median_ms(lambda: analyse(camp, loaded.challenges))
        both = median_ms(lambda: check_folder(folder))
        total += both
        print(f"{folder.name:>12}: {both:6.1f} ms = load {load:6.1f} ms + analysis {lint:5.1f} ms "
              f"({len(camp.scenes)} scenes, {len(camp.rules)} rules, {len(camp.gates)} gates, "
              f"{len(analyse(camp, loaded.challenges))} findings)")
    print(f"{'all':>12}: {total:6.1f} ms CPU in one process (median of {REPEAT} each)")
    # An installed game has its bytecode compiled by pip; do the same for the checkout, so the
    # command starts from .pyc files (this machine may set PYTHONDONTWRITEBYTECODE).
    compileall.compile_dir(ROOT / "game", quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as cache:
        env["CITIZEN_SCORE_CACHE"] = cache
        biggest = max(list_campaigns(content), key=lambda f: sum(p.stat().st_size for p in f.rglob("*.toml")))
        runs = (("afresh", [str(content), "--no-cache"]), ("remembered", [str(content)]),
                (f"{biggest.name} afresh", [str(biggest), "--no-cache"]))
        for label, args in runs:
            cmd = [sys.executable, "-m", "game", "check", *args]
            walls, cpus = [], []
            subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env)  # warm the file cache
            for _ in range(7):
                t, c = time.perf_counter(), child_cpu()
                subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env)
                walls.append(time.perf_counter() - t)
                cpus.append(child_cpu() - c)
            print(f"{label:>16}: {statistics.median(cpus) * 1000:6.1f} ms CPU, "
                  f"{statistics.median(walls) * 1000:6.1f} ms wall, start-up included "
                  f"(median of 7: {' '.join(cmd[1:])})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "content")
