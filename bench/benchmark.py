"""Speed figures for the closing notes: start-up, content loading, headless play.

Run from a checkout with the test extras installed:

    .venv/bin/python bench/benchmark.py            # everything
    .venv/bin/python bench/benchmark.py play load  # some of it

It prints figures and comparisons; it asserts nothing (speed is never a timed test).
"""

from __future__ import annotations

import compileall
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import engine  # noqa: E402
from game.engine.content import list_campaigns, load_campaign  # noqa: E402
from game.engine.problems import ContentError  # noqa: E402

CONTENT = ROOT / "content"

BARE_APP = """
from textual.app import App
from textual.widgets import Header, Footer
class Bare(App):
    def compose(self):
        yield Header()
        yield Footer()
Bare().run()
"""

OUR_APP = "import sys; from game.cli import main; sys.exit(main(['--saves', sys.argv[1]]))"

MARKER = b"palette"  # the footer's command-palette hint: on the first frame of both apps


def _first_frame(code: str, *args: str, timeout: float = 20.0) -> float:
    """Seconds from spawning the program in an 80x24 pseudo-terminal to its first drawn screen.

    A real terminal, not headless mode: headless Textual skips drawing altogether.
    """
    t = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the program under test
        os.execv(sys.executable, [sys.executable, "-c", code, *args])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    try:
        while MARKER not in seen and time.perf_counter() - t < timeout:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                seen = seen[-4096:] + os.read(fd, 65536)
        return time.perf_counter() - t
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def bench_startup(rounds: int = 15) -> None:
    """Process start to first drawn screen, ours against a bare Textual app, interleaved."""
    bare, ours = [], []
    # An installed game has its bytecode compiled by pip; do the same for the checkout, so that
    # both apps start from .pyc files (this machine may set PYTHONDONTWRITEBYTECODE).
    compileall.compile_dir(ROOT / "game", quiet=1)
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as saves:
        _first_frame(BARE_APP)
        _first_frame(OUR_APP, saves)  # warm the file cache for both
        for _ in range(rounds):
            bare.append(_first_frame(BARE_APP))
            ours.append(_first_frame(OUR_APP, saves))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"start-up to first drawn screen (median of {rounds}, 80x24 pseudo-terminal):")
    print(f"  bare Textual app with header and footer  {b * 1000:7.1f} ms")
    print(f"  citizen-score title screen               {o * 1000:7.1f} ms")
    print(f"  ratio {o / b:.2f}x   (goal: within 1.25x)")


def _campaigns(parse=None) -> list:
    """The shipped campaigns that load; a broken one is named and skipped, not a crash."""
    out = []
    for folder in list_campaigns(CONTENT):
        try:
            load_campaign(folder, **({"parse": parse} if parse else {}))
            out.append(folder)
        except ContentError as e:
            print(f"  {folder.name:<10} skipped: {len(e.problems)} content problems (citizen-score check)")
    return out


def bench_load(rounds: int = 20) -> None:
    """Loading and validating each shipped campaign from its TOML files."""
    print("loading + validating shipped content (best and median of %d):" % rounds)
    total_best = 0.0
    for folder in _campaigns():
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            camp = load_campaign(folder)
            times.append(time.perf_counter() - t)
        total_best += min(times)
        print(f"  {camp.id:<10} {min(times) * 1000:6.1f} ms best  {statistics.median(times) * 1000:6.1f} ms median"
              f"  ({len(camp.scenes)} scenes, {len(camp.rules)} rules, {len(camp.gates)} gates)")
    print(f"  all campaigns {total_best * 1000:.1f} ms, TOML parsed afresh")
    bench_load_cached(rounds)


def bench_load_cached(rounds: int) -> None:
    """The same with the parsed-TOML cache warm: what the game pays from its second start on."""
    import tempfile

    from game.tomlcache import cached_loads

    with tempfile.TemporaryDirectory() as tmp:
        loads = cached_loads(Path(tmp))
        folders = _campaigns(loads)  # fills the cache
        total_best = 0.0
        for folder in folders:
            times = []
            for _ in range(rounds):
                t = time.perf_counter()
                load_campaign(folder, parse=loads)
                times.append(time.perf_counter() - t)
            total_best += min(times)
            print(f"  {folder.name:<10} {min(times) * 1000:6.1f} ms best  "
                  f"{statistics.median(times) * 1000:6.1f} ms median  (parse cache warm)")
    print(f"  all campaigns {total_best * 1000:.1f} ms with the parse cache warm   (goal: under 100 ms)")


def _pick(n: int, k: int) -> int:
    """A cheap deterministic chooser (a multiplicative hash), so the figure is the engine's cost."""
    return (k * 2654435761 >> 7) % n


def _play(camp, full: bool, seconds: float, first_seed: int) -> tuple[int, int, float]:
    """Play whole games for about ``seconds``; returns choices, games and the time taken."""
    choices = games = 0
    seed = first_seed
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        st = engine.new_game(camp, seed)
        games += 1
        seed += 1
        while not st.ending:
            ids = engine.open_ids(camp, st)
            cid = ids[_pick(len(ids), choices)]
            if full:
                engine.choose(camp, st, cid)
            else:
                engine.apply(camp, st, cid)
            choices += 1
    return choices, games, time.perf_counter() - t0


def _replay(camp, logs: list[tuple[int, list[str]]]) -> tuple[int, float]:
    """Replay recorded games from seed and choice log, as verify and replay do; returns choices and time."""
    choices = 0
    t0 = time.perf_counter()
    for seed, log in logs:
        engine.replay(camp, seed, log)
        choices += len(log)
    return choices, time.perf_counter() - t0


def _record(camp, games: int, first_seed: int) -> list[tuple[int, list[str]]]:
    logs, k = [], 0
    for seed in range(first_seed, first_seed + games):
        st = engine.new_game(camp, seed)
        while not st.ending:
            ids = engine.open_ids(camp, st)
            engine.apply(camp, st, ids[_pick(len(ids), k)])
            k += 1
        logs.append((seed, st.log))
    return logs


def bench_play(rounds: int = 7, seconds: float = 1.0) -> None:
    """Headless choices per second on one core: playing (a cheap chooser picks each choice), the
    UI's path with its report, and replaying recorded games (verify, replay).

    Several short rounds, best and median shown: a shared machine's noise only ever slows a round.
    """
    for folder in _campaigns():
        camp = load_campaign(folder)
        for label, full in (("apply (simulate)", False), ("choose (with the UI's report)", True)):
            rates, per_game = [], 0.0
            for r in range(rounds):
                choices, games, dt = _play(camp, full, seconds, r * 100_000)
                rates.append(choices / dt)
                per_game = choices / games
            print(f"  {camp.id:<10} {label:<30} best {max(rates):9,.0f}  median {statistics.median(rates):9,.0f}"
                  f" choices/s  ({per_game:.0f} choices a game)")
        logs = _record(camp, 100, 900_000)
        rates = [choices / dt for choices, dt in (_replay(camp, logs) for _ in range(rounds))]
        print(f"  {camp.id:<10} {'replay (verify, replay)':<30} best {max(rates):9,.0f}  "
              f"median {statistics.median(rates):9,.0f} choices/s  (100 recorded games)")
    print("  (goal: at least 100,000 choices per second on one core)")


def main(argv: list[str]) -> None:
    parts = argv or ["load", "play", "startup"]
    if "load" in parts:
        bench_load()
    if "play" in parts:
        print("headless play:")
        bench_play()
    if "startup" in parts:
        bench_startup()


if __name__ == "__main__":
    main(sys.argv[1:])
