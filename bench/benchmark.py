"""Speed figures for the closing notes: start-up, key presses, content loading, headless play.

Run from a checkout with the test extras installed:

    .venv/bin/python bench/benchmark.py            # everything
    .venv/bin/python bench/benchmark.py play load  # some of it
    .venv/bin/python bench/benchmark.py startup keypress --base /tmp/old  # beside another checkout

``--base DIR`` times the game of another checkout (say an older commit, made with ``git worktree
add /tmp/old <commit>``) in the same rounds as this one, so that before and after meet the same
noise. It prints figures and comparisons; it asserts nothing (speed is never a timed test).

The screen figures run the real program in an 80x24 pseudo-terminal and read what it writes, as a
terminal would; every figure is set beside a bare Textual app timed in the same rounds. Key presses
are also timed through tmux, as a player's terminal sees them: the key sent with ``send-keys``, the
screen read with ``capture-pane`` until it has shown the new state (``keypress`` needs tmux for
that part; without it, the part says so and times the pseudo-terminal alone).
"""

from __future__ import annotations

import compileall
import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
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

# The key-press baseline: the same frame, and a block of text rewritten on every key.
BARE_KEYS_APP = """
from textual.app import App
from textual.widgets import Header, Footer, Static
WORDS = ("the campus has no gate which is the first thing everyone tells you as if a gate were "
         "the only way to keep people in there are lawns cut to the height of a good carpet").split()
def block(n):
    words = WORDS[n % len(WORDS):] + WORDS[:n % len(WORDS)]
    return "\\n".join(f"{n:>4} " + " ".join(words)[:70] for _ in range(16))
class Bare(App):
    n = 0
    def compose(self):
        yield Header()
        yield Static(block(0), id="text")
        yield Footer()
    def on_key(self, event):
        self.n += 1
        self.query_one("#text", Static).update(block(self.n))
Bare().run()
"""

OUR_APP = "import sys; from game.cli import main; sys.exit(main(sys.argv[1:]))"

MARKER = b"palette"  # the footer's command-palette hint: on the first frame of both apps
PICKER = b"Choose a system"  # the campaign picker's subtitle: a key can start a game now
DAY = b"Why?"  # the day screen's footer
SEED = 1  # the key-press part plays one seeded game, so it knows which keys are open choices
GAP = 0.08  # seconds of silence that end a redraw (Textual draws at most every 1/60 s)


class Term:
    """A program in an 80x24 pseudo-terminal, read as a terminal would.

    A real terminal, not headless mode: headless Textual skips drawing altogether.
    """

    def __init__(self, code: str, *args: str, cwd: Path = ROOT) -> None:
        self.t0 = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the program under test
            os.chdir(cwd)  # ``python -c`` puts the working folder first on sys.path: that checkout runs
            os.execv(sys.executable, [sys.executable, "-c", code, *args])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def _read(self, wait: float) -> bytes:
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return b""
        try:
            return os.read(self.fd, 65536)
        except OSError:  # the program has gone
            return b""

    def wait_for(self, marker: bytes, timeout: float = 20.0) -> float:
        """Seconds from the spawn until ``marker`` has been drawn."""
        seen = b""
        while marker not in seen and time.perf_counter() - self.t0 < timeout:
            seen = seen[-4096:] + self._read(0.5)
        return time.perf_counter() - self.t0

    def settle(self, timeout: float = 10.0) -> tuple[float, float, bytes]:
        """Read until the output has been quiet for ``GAP``: the times of the first and the last
        byte, and the bytes.

        A redraw may take several frames (layout, then the new content); they all belong to it.
        """
        t = first = last = time.perf_counter()
        out = b""
        while time.perf_counter() - t < timeout:
            chunk = self._read(GAP if out else timeout)
            if not chunk:
                break
            first = first if out else time.perf_counter()
            out += chunk
            last = time.perf_counter()
        return first, last, out

    def press(self, key: str) -> tuple[float, float, bool]:
        """Seconds from writing ``key`` to the first and to the last byte of the redraw it caused,
        and whether it told of a locked choice (the game did not follow the script)."""
        while self._read(0):  # nothing stale counts
            pass
        t = time.perf_counter()
        self.send(key)
        first, last, out = self.settle()
        return first - t, last - t, b"Locked" in out

    def send(self, key: str) -> None:
        """Type a key, named as tmux names it ("Enter", "1")."""
        os.write(self.fd, b"\r" if key == "Enter" else key.encode())

    def close(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


class Tmux:
    """A program in a detached 80x24 tmux window: keys go in by ``send-keys``, the screen is read
    by ``capture-pane``, as the issue measured it. A server of its own (its own socket, no status
    line, no delay after Escape), so nobody's sessions are touched and the window is all 24 rows."""

    CONF = "set -g status off\nset -g escape-time 0\n"

    def __init__(self, code: str, *args: str, cwd: Path = ROOT) -> None:
        self.socket = f"citizen-bench-{os.getpid()}-{id(self)}"
        self.conf = tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False)
        self.conf.write(self.CONF)
        self.conf.close()
        self._tmux("-f", self.conf.name, "new-session", "-d", "-x", "80", "-y", "24", "-c", str(cwd),
                   sys.executable, "-c", code, *args)

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True).stdout

    def screen(self) -> str:
        """What the window shows now, with its colours (a new highlight is a new state too)."""
        return self._tmux("capture-pane", "-p", "-e")

    def wait_for(self, marker: bytes, timeout: float = 20.0) -> None:
        t = time.perf_counter()
        while marker.decode() not in self.screen() and time.perf_counter() - t < timeout:
            time.sleep(0.01)

    def settle(self, timeout: float = 10.0) -> None:
        t = changed = time.perf_counter()
        shown = self.screen()
        while time.perf_counter() - changed < GAP and time.perf_counter() - t < timeout:
            now = self.screen()
            if now != shown:
                shown, changed = now, time.perf_counter()

    def press(self, key: str, timeout: float = 10.0) -> tuple[float, float, bool]:
        """Seconds from sending ``key`` to the first change of the screen, and to its last change
        before ``GAP`` of stillness: the screen as a player sees it come and then sit still; and
        whether it told of a locked choice."""
        shown = self.screen()
        t = time.perf_counter()
        self.send(key)
        first = last = 0.0
        while True:
            now, at = self.screen(), time.perf_counter()
            if now != shown:
                shown, last = now, at - t
                first = first or last
            elif (first and at - t - last > GAP) or at - t > timeout:
                return first, last, "Locked" in shown

    def send(self, key: str) -> None:
        self._tmux("send-keys", key)

    def close(self) -> None:
        self._tmux("kill-server")
        os.unlink(self.conf.name)


def _first_frame(code: str, *args: str, cwd: Path = ROOT, then: bytes = b"") -> float:
    """Seconds from spawning the program to its first drawn screen; with ``then``, that key is
    pressed as soon as the title shows and the time runs on until the campaign picker is drawn."""
    term = Term(code, *args, cwd=cwd)
    try:
        t = term.wait_for(MARKER)
        if then:
            os.write(term.fd, then)
            t = term.wait_for(PICKER)
        return t
    finally:
        term.close()


def _checkouts(base: Path | None) -> list[tuple[str, Path]]:
    """The game's checkouts to time: this one, and another (an older commit) to compare with."""
    out = [("citizen-score", ROOT)]
    if base is not None:
        out.append(("before (" + base.name + ")", base))
    for _, root in out:
        # An installed game has its bytecode compiled by pip; do the same for a checkout, so that
        # every app starts from .pyc files (this machine may set PYTHONDONTWRITEBYTECODE).
        compileall.compile_dir(root / "game", quiet=1)
    return out


def _turn(items: list, r: int) -> list:
    """The items starting from the r-th: each takes its turn first, so that no program always
    runs just after the same other one (a busy machine's trends then fall on all alike)."""
    r %= len(items)
    return items[r:] + items[:r]


def _ms(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:7.1f} ms"


def bench_startup(rounds: int = 15, base: Path | None = None) -> None:
    """Process start to first drawn screen, and to a screen where a key starts a game, ours
    against a bare Textual app's first frame, interleaved in each round."""
    games = _checkouts(base)
    bare: list[float] = []
    title: dict[str, list[float]] = {name: [] for name, _ in games}
    ready: dict[str, list[float]] = {name: [] for name, _ in games}
    with tempfile.TemporaryDirectory() as saves:
        _first_frame(BARE_APP)
        for _, root in games:  # warm the file cache (and the parse cache) for all
            _first_frame(OUR_APP, "--saves", saves, cwd=root, then=b"\r")
        runs = [(bare, BARE_APP, ROOT, b"")]
        for name, root in games:
            runs += [(title[name], OUR_APP, root, b""), (ready[name], OUR_APP, root, b"\r")]
        for r in range(rounds):
            for times, code, root, then in _turn(runs, r):
                args = () if code == BARE_APP else ("--saves", saves)
                times.append(_first_frame(code, *args, cwd=root, then=then))
    b = statistics.median(bare)
    print(f"start-up (median of {rounds}, 80x24 pseudo-terminal, interleaved; load average "
          f"{os.getloadavg()[0]:.2f}):")
    print(f"  bare Textual app with header and footer, first frame   {_ms(bare)}")
    for name, _ in games:
        t, r = statistics.median(title[name]), statistics.median(ready[name])
        print(f"  {name:<22} title drawn                  {_ms(title[name])}   {t / b:.2f}x  (goal: within 1.15x)")
        print(f"  {name:<22} Enter -> campaign picker     {_ms(ready[name])}   {r / b:.2f}x  (goal: within 1.5x)")


def _game_keys(content: Path, presses: int) -> list[str]:
    """The digit keys of a seeded game of the first campaign, each an open choice.

    The benchmark plays the same game headless (the same seed and choices give the same game), so
    every key it sends takes a choice; a pseudo-random open one, so the game wanders.
    """
    camp = load_campaign(list_campaigns(content)[0])
    st = engine.new_game(camp, SEED)
    keys: list[str] = []
    for k in range(presses):
        opts = engine.options(camp, st)
        open_at = [i for i, o in enumerate(opts) if o.open and i < 9]
        i = open_at[_pick(len(open_at), k)]
        engine.choose(camp, st, opts[i].id)
        if st.ending:  # the ending screen is another figure
            break
        keys.append(str(i + 1))
    return keys


def _to_day(root: Path, saves: str, kind: type[Term] | type[Tmux] = Term) -> Term | Tmux:
    """A fresh game on its first day: New game, then the first campaign, from the title."""
    term = kind(OUR_APP, "--saves", saves, "--seed", str(SEED), "--content", str(root / "content"), cwd=root)
    term.wait_for(MARKER)
    term.send("Enter")
    term.wait_for(PICKER)
    term.settle()
    term.send("Enter")
    term.wait_for(DAY)
    term.settle()
    return term


def bench_keypress(rounds: int = 3, presses: int = 40, base: Path | None = None) -> None:
    """A choice key to the redrawn day screen, ours against a bare app that rewrites a block of
    text on each key; each key press goes to each app in turn, so a busy moment hits all alike.

    Timed twice: in a raw pseudo-terminal, from writing the key until the last byte of the redraw
    it caused, where the redraw ends when the output has been quiet for ``GAP`` (the first byte is
    shown too: when the new words start to arrive, before any further frames that settle the
    layout); and through tmux, from ``send-keys`` until ``capture-pane`` last showed a change.
    """
    games = _checkouts(base)
    keys = {name: _game_keys(root / "content", presses) for name, root in games}
    _keypress(Term, "pseudo-terminal", games, keys, rounds)
    if shutil.which("tmux"):
        _keypress(Tmux, "tmux window", games, keys, rounds)
    else:
        print("key press through tmux: skipped, tmux is not installed")


def _keypress(kind: type[Term] | type[Tmux], where: str, games: list[tuple[str, Path]],
              keys: dict[str, list[str]], rounds: int) -> None:
    """The key-press figure in one kind of terminal, printed."""
    first: dict[str, list[float]] = {"bare": [], **{name: [] for name, _ in games}}
    last: dict[str, list[float]] = {"bare": [], **{name: [] for name, _ in games}}
    stray = 0
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as saves:
            terms = {"bare": kind(BARE_KEYS_APP)}
            terms["bare"].wait_for(MARKER)
            terms["bare"].settle()
            for name, root in games:
                terms[name] = _to_day(root, str(Path(saves) / name), kind)
            try:
                for k in range(min(len(v) for v in keys.values())):
                    for name in _turn(list(terms), k):
                        t1, t2, locked = terms[name].press("x" if name == "bare" else keys[name][k])
                        stray += locked
                        first[name].append(t1)
                        last[name].append(t2)
            finally:
                for term in terms.values():
                    term.close()
    b = statistics.median(last["bare"])
    end = "output quiet" if kind is Term else "screen unchanged"
    print(f"key press to redrawn screen ({len(last['bare'])} presses each, {rounds} games, 80x24 {where}, "
          f"interleaved; a redraw ends after {GAP * 1000:.0f} ms of {end}; load average "
          f"{os.getloadavg()[0]:.2f}):")
    for name, ts in last.items():
        label = "bare Textual app, Static rewritten" if name == "bare" else f"{name}, a choice"
        p90 = statistics.quantiles(ts, n=10)[-1]
        ratio = "" if name == "bare" else f"   {statistics.median(ts) / b:.2f}x  (goal: within 2x)"
        begin = "first byte" if kind is Term else "first change"
        print(f"  {label:<40} median {_ms(ts)}  p90 {p90 * 1000:7.1f} ms  "
              f"({begin} {_ms(first[name])}){ratio}")
    if stray:
        print(f"  warning: {stray} presses hit a locked choice; the game did not follow the script")


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
    base = None
    if "--base" in argv:  # another checkout (an older commit) timed beside this one
        at = argv.index("--base")
        base = Path(argv[at + 1]).resolve()
        argv = argv[:at] + argv[at + 2:]
    parts = argv or ["load", "play", "startup", "keypress"]
    if "load" in parts:
        bench_load()
    if "play" in parts:
        print("headless play:")
        bench_play()
    if "startup" in parts:
        bench_startup(base=base)
    if "keypress" in parts:
        bench_keypress(base=base)


if __name__ == "__main__":
    main(sys.argv[1:])
