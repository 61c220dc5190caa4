"""Speed of ``citizen-score verify`` on a 500-choice replay against loading the content alone.

    .venv/bin/python bench/verify_bench.py [ROUNDS]

Both are timed as whole processes, start-up included, interleaved round by round:

    python -m game --content C verify REPLAY       # load the story and its challenges, re-simulate
    python -c "load_campaign('C/state')"           # just load and validate the story

The shipped story ends after about ninety choices, so the bench plays a copy of it with one extra
opening scene where the runner may wait (a choice that costs no time and leads back to the same
scene): the waits make the replay 500 choices long and the rest is the real story, played to its
end by always taking the first open choice. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import engine  # noqa: E402
from game.engine.challenges import load_challenges  # noqa: E402
from game.runs import replay  # noqa: E402
from game.runs.find import Library  # noqa: E402
from game.runs.run import Run  # noqa: E402
from game.runs.verify import verify_file  # noqa: E402

CHOICES = 500
LOOP = '''
[scene.bench_wait]
title = "The waiting room"
text = "You wait to be called."

[[scene.bench_wait.choice]]
id = "wait"
text = "Keep waiting"
hours = 0
goto = "bench_wait"

[[scene.bench_wait.choice]]
id = "begin"
text = "Go in"
hours = 0
goto = "{start}"
'''
CHALLENGE = '''
[challenge.bench]
title = "Bench"
category = "high score"
about = "Wait, then live the story to its end."
score = "{score}"
seed = 1
'''


def make_content(tmp: Path) -> Path:
    """A copy of the shipped story that starts in a waiting room, with one challenge."""
    root = tmp / "content" / "state"
    shutil.copytree(ROOT / "content" / "state", root)
    camp = root / "campaign.toml"
    text = camp.read_text(encoding="utf-8")
    start = text.split('start = "', 1)[1].split('"', 1)[0]
    camp.write_text(text.replace(f'start = "{start}"', 'start = "bench_wait"', 1), encoding="utf-8")
    (root / "scenes" / "zz_bench.toml").write_text(LOOP.format(start=start), encoding="utf-8")
    score = load_challenges(root).campaign.main_score.id
    (root / "challenges.toml").write_text(CHALLENGE.format(score=score), encoding="utf-8")
    return root


def play(root: Path, waits: int) -> Run:
    cs = load_challenges(root)
    run = Run(cs, cs.challenges["bench"], 1, real_ms=lambda: len(run.steps) * 700)  # 0.7 s a choice
    for _ in range(waits):
        run.take("bench_wait.wait")
    run.take("bench_wait.begin")
    while not run.over:
        run.take(engine.open_ids(run.camp, run.st)[0])
    return run


def make_replay(root: Path, saves: Path) -> Path:
    waits = CHOICES
    for _ in range(5):
        run = play(root, waits)
        if len(run.steps) == CHOICES:
            return replay.write(saves, replay.from_run(run))
        waits += CHOICES - len(run.steps)
    raise SystemExit(f"could not make a {CHOICES}-choice replay (got {len(run.steps)})")


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=ENV)
    took = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")
    return took


ENV = dict(os.environ)


def main(rounds: int = 15) -> None:
    """Compare with the parse cache off (both sides parse TOML) and on (both read the cache)."""
    with tempfile.TemporaryDirectory() as cache:
        for label, where in (("parse cache off", ""), ("parse cache warm", cache)):
            ENV["CITIZEN_SCORE_CACHE"] = where
            print(f"[{label}]")
            compare(rounds)


def compare(rounds: int) -> None:
    compileall.compile_dir(ROOT / "game", quiet=1)  # start from .pyc, as an installed game does
    with tempfile.TemporaryDirectory() as tmp:
        root = make_content(Path(tmp))
        saves = Path(tmp) / "saves"
        rep = make_replay(root, saves)
        steps = len(replay.read(rep)[0].steps)
        verify = [sys.executable, "-m", "game", "--content", str(root.parent), "--saves", str(saves),
                  "verify", str(rep)]
        load = [sys.executable, "-c", "from game.tomlcache import parser; "
                f"from game.engine.content import load_campaign; load_campaign({str(root)!r}, parse=parser())"]
        cli = [sys.executable, "-m", "game", "--version"]
        timed(verify), timed(load), timed(cli)  # warm the file cache
        v, lo, c = [], [], []
        for _ in range(rounds):
            v.append(timed(verify))
            lo.append(timed(load))
            c.append(timed(cli))
        inside = []
        for _ in range(rounds):
            t = time.perf_counter()
            assert verify_file(rep, Library(root.parent)).valid
            inside.append(time.perf_counter() - t)
    vm, lm = statistics.median(v), statistics.median(lo)
    print(f"verify a {steps}-choice replay vs load the content alone "
          f"(whole processes, median and best of {rounds}):")
    print(f"  python -c 'load_campaign(state)'      {lm * 1000:7.1f} ms  (best {min(lo) * 1000:.1f})")
    print(f"  citizen-score verify REPLAY           {vm * 1000:7.1f} ms  (best {min(v) * 1000:.1f})")
    print(f"  ratio {vm / lm:.2f}x   (goal: within 1.5x)")
    print(f"  for scale: python -m game --version (the command line starting, no content) "
          f"{statistics.median(c) * 1000:.1f} ms")
    print(f"  in-process: load story + challenges, read and re-simulate: {statistics.median(inside) * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
