"""Speed of ``citizen-score simulate``: runs per second over all cores, and on one.

    .venv/bin/python bench/simulate_bench.py                      # 10,000 runs of the shipped `state`
    .venv/bin/python bench/simulate_bench.py --runs 2000 --campaign content/state --strategy least-used

Goal: 10,000 runs of the shipped campaign in under 10 seconds on a two-core machine. Prints the
load average before and after, since other programs on the machine slow every figure down; it
asserts nothing (speed is never a timed test).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.authoring.simulate import SimConfig, job_count, simulate  # noqa: E402
from game.authoring.simulate_strategies import parse_strategy  # noqa: E402
from game.engine.content import load_campaign  # noqa: E402
from game.engine.problems import ContentError  # noqa: E402


def load_avg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def measure(camp, folder: Path, runs: int, jobs: int, strategy: str, seed: int) -> tuple[float, float]:
    """Wall time and CPU time of one simulation; on a busy machine the CPU time says more."""
    cfg = SimConfig(folder, runs, seed, parse_strategy(strategy, camp), jobs)
    c, t = cpu_seconds(), time.perf_counter()
    tally = simulate(cfg, camp)
    dt, cpu = time.perf_counter() - t, cpu_seconds() - c
    n = job_count(cfg)
    print(f"  {runs:>6,} runs  {n} job(s)  {dt:6.2f} s  {runs / dt:7,.0f} runs/s  "
          f"{tally.choices_made / dt:9,.0f} choices/s  ({tally.choices_made / runs:.0f} choices a run)  "
          f"CPU {cpu:6.2f} s = {cpu / n:5.2f} s on {n} idle core(s)")
    return dt, cpu / n


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--campaign", type=Path, default=ROOT / "content" / "state")
    p.add_argument("--runs", type=int, default=10_000)
    p.add_argument("--strategy", default="random")
    p.add_argument("--rounds", type=int, default=3, help="rounds of the full figure (best shown too)")
    a = p.parse_args(argv)
    try:
        t = time.perf_counter()
        camp = load_campaign(a.campaign)
        load_ms = (time.perf_counter() - t) * 1000
    except ContentError as e:
        print(e.format(), file=sys.stderr)
        return 2
    print(f"simulate {camp.id} ({a.strategy}); {os.cpu_count()} cores; load average before: {load_avg()}")
    print(f"  campaign loaded in {load_ms:.0f} ms")
    print("one core:")
    measure(camp, a.campaign, max(a.runs // 10, 1), 1, a.strategy, 1)
    print("all cores:")
    got = [measure(camp, a.campaign, a.runs, 0, a.strategy, 1 + r * a.runs) for r in range(a.rounds)]
    walls, idle = [g[0] for g in got], [g[1] for g in got]
    print(f"best {min(walls):.2f} s, worst {max(walls):.2f} s wall for {a.runs:,} runs "
          f"(goal: 10,000 runs in under 10 s); from CPU time, on idle cores: {min(idle):.2f} s")
    print(f"load average after: {load_avg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
