"""A fingerprint of hundreds of games per campaign, to prove a change leaves every game the same.

Run it before and after a change to the engine, the loader or the content's plumbing; the lines
must be identical. Each game is played with a cheap deterministic chooser through ``engine.choose``
(the UI's path) and hashed twice: every field of the final state, and everything a player saw on
the way (scene text, every offered choice with its lock reason, every outcome's notice).

    .venv/bin/python bench/fingerprint.py            # 300 games per campaign
    .venv/bin/python bench/fingerprint.py --games 50
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import engine  # noqa: E402
from game.engine.content import list_campaigns, load_campaign  # noqa: E402


def _pick(n: int, k: int) -> int:
    return (k * 2654435761 >> 7) % n


def _plain(value: object) -> object:
    """A value with every set sorted, so the hash does not depend on set order."""
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, dict):
        return sorted((k, _plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# Fields added since the fingerprint was first taken, hashed only when they hold something: a game
# that does not use what they record hashes as it always did, so old fingerprints stay comparable.
LATER_FIELDS = {"taken", "returns", "reply"}


def _fields(obj: object) -> list[tuple[str, object]]:
    return [(f.name, getattr(obj, f.name)) for f in dataclasses.fields(obj)  # type: ignore[arg-type]
            if f.compare and not (f.name in LATER_FIELDS and not getattr(obj, f.name))]


def state_text(st: object) -> str:
    return repr([(name, _plain(value)) for name, value in _fields(st)])


def play(camp, seed: int, k: int, seen: "hashlib._Hash") -> tuple[object, int]:
    st = engine.new_game(camp, seed)
    while not st.ending:
        seen.update(engine.scene_text(camp, st).encode())
        for o in engine.options(camp, st):
            seen.update(repr(sorted(vars(o).items()) if hasattr(o, "__dict__")
                             else dataclasses.astuple(o)).encode())
        ids = engine.open_ids(camp, st)
        out = engine.choose(camp, st, ids[_pick(len(ids), k)])
        seen.update(repr(tuple(v for _, v in _fields(out))).encode())
        k += 1
    return st, k


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=300)
    ap.add_argument("--content", type=Path, default=ROOT / "content")
    args = ap.parse_args(argv)
    for folder in list_campaigns(args.content):
        camp = load_campaign(folder)
        states, seen, k = hashlib.sha256(), hashlib.sha256(), 0
        for seed in range(args.games):
            st, k = play(camp, seed, k, seen)
            states.update(state_text(st).encode())
        print(f"{camp.id:<10} {args.games} games  state {states.hexdigest()[:16]}  screens {seen.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
