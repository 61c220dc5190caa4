"""Instructions a headless choice costs, per campaign: a figure that a busy machine does not move.

Wall-clock figures on a shared machine wander by more than the 2-5 % a change to the hot path
makes. This counts machine instructions instead, with valgrind's cachegrind: N games played with
the benchmark's chooser through ``engine.apply``, minus the same process playing none (start-up
and loading), divided by the choices made. Same code, same count, to a few parts in 10,000.

    .venv/bin/python bench/instructions.py               # 100 games of every shipped campaign
    .venv/bin/python bench/instructions.py --games 30 circle

Needs valgrind (apt-get install valgrind). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def play(campaign: str, games: int) -> int:
    """Play ``games`` games of a shipped campaign as bench/benchmark.py does; returns the choices made."""
    from bench.benchmark import _pick
    from game.engine import engine
    from game.engine.content import load_campaign

    camp = load_campaign(ROOT / "content" / campaign)
    k = 0
    for seed in range(games):
        st = engine.new_game(camp, seed)
        while not st.ending:
            ids = engine.open_ids(camp, st)
            engine.apply(camp, st, ids[_pick(len(ids), k)])
            k += 1
    return k


def count(campaign: str, games: int) -> tuple[int, int]:
    """Instructions and choices of one process that plays ``games`` games."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "choices"
        cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
               sys.executable, __file__, "--child", campaign, str(games), str(out)]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        refs = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
        if refs is None:
            raise SystemExit("valgrind printed no instruction count:\n" + done.stderr[-2000:])
        return int(refs.group(1).replace(",", "")), int(out.read_text())


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        campaign, games, out = argv[1], int(argv[2]), Path(argv[3])
        out.write_text(str(play(campaign, games)))
        return 0
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("campaigns", nargs="*", help="shipped campaign ids; all of them when left out")
    p.add_argument("--games", type=int, default=100)
    a = p.parse_args(argv)
    names = a.campaigns or sorted(d.name for d in (ROOT / "content").iterdir() if (d / "campaign.toml").is_file())
    print(f"instructions a choice through engine.apply ({a.games} games minus none, cachegrind):")
    for name in names:
        base, _ = count(name, 0)
        total, choices = count(name, a.games)
        print(f"  {name:<10} {(total - base) / choices:9,.0f} a choice   ({choices:,} choices, "
              f"{total - base:,} instructions)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
