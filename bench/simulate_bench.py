"""Speed of ``citizen-score simulate``: runs per second over all cores, and on one.

    .venv/bin/python bench/simulate_bench.py                      # 10,000 runs of every shipped campaign
    .venv/bin/python bench/simulate_bench.py --runs 2000 --campaign content/state --strategy least-used

Goal: 10,000 runs of each shipped campaign in under 10 seconds on a two-core machine. Prints the
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
from game.engine.content import list_campaigns, load_campaign  # noqa: E402
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
    p.add_argument("--campaign", type=Path, action="append",
                   help="a campaign folder (repeatable); every shipped campaign when left out")
    p.add_argument("--runs", type=int, default=10_000)
    p.add_argument("--strategy", default="random")
    p.add_argument("--rounds", type=int, default=3, help="rounds of the full figure (best shown too)")
    a = p.parse_args(argv)
    code = 0
    summary = []
    for folder in a.campaign or list_campaigns(ROOT / "content"):
        got = bench_campaign(folder, a.runs, a.rounds, a.strategy)
        if got is None:
            code = 2
        else:
            summary.append(got)
    print("summary (best wall, and from CPU time on idle cores, for %s runs; goal: under 10 s):" % f"{a.runs:,}")
    for line in summary:
        print("  " + line)
    return code


def bench_campaign(folder: Path, runs: int, rounds: int, strategy: str) -> str | None:
    """The figures for one campaign; its summary line, or None when it does not load."""
    try:
        t = time.perf_counter()
        camp = load_campaign(folder)
        load_ms = (time.perf_counter() - t) * 1000
    except ContentError as e:
        print(e.format(), file=sys.stderr)
        return None
    print(f"simulate {camp.id} ({strategy}); {os.cpu_count()} cores; load average before: {load_avg()}")
    print(f"  campaign loaded in {load_ms:.0f} ms")
    print("one core:")
    measure(camp, folder, max(runs // 10, 1), 1, strategy, 1)
    print("all cores:")
    got = [measure(camp, folder, runs, 0, strategy, 1 + r * runs) for r in range(rounds)]
    walls, idle = [g[0] for g in got], [g[1] for g in got]
    print(f"best {min(walls):.2f} s, worst {max(walls):.2f} s wall for {runs:,} runs "
          f"(goal: 10,000 runs in under 10 s); from CPU time, on idle cores: {min(idle):.2f} s")
    print(f"load average after: {load_avg()}")
    return f"{camp.id:<10} {min(walls):6.2f} s wall   {min(idle):6.2f} s on idle cores"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
