"""The game state and its history: everything that changes while a game is played.

Kept as one mutable object with slots because the engine applies many thousands of choices a
second; everything in it is plain data (ids, numbers, lists) so it snapshots to TOML and back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

MASK64 = (1 << 64) - 1


class LedgerEntry(NamedTuple):
    """One change to one score: when, which rule, by how much and why.

    A named tuple rather than a dataclass: the rules write one for most choices, and build it
    with ``tuple.__new__``, without a Python-level ``__init__``.
    """

    step: int
    day: int
    hour: int
    rule: str
    score: str
    domain: str
    delta: int
    why: str

    def to_dict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self))


@dataclass(slots=True)
class GameState:
    seed: int
    rng: int
    scene: str
    vals: dict[str, int]  # scores, stats, "day", "hour", "npc.<id>.<score>"
    flags: set[str] = field(default_factory=set)
    friends: set[str] = field(default_factory=set)
    visited: dict[str, int] = field(default_factory=dict)
    acts: dict[str, int] = field(default_factory=dict)
    fired: dict[str, int] = field(default_factory=dict)  # rule id -> times fired
    holding: set[str] = field(default_factory=set)  # `when` rules whose condition holds now
    log: list[str] = field(default_factory=list)  # choice ids, in order
    ledger: list[LedgerEntry] = field(default_factory=list)
    history: dict[str, list[int]] = field(default_factory=dict)  # score -> value at each day's start
    domain_net: dict[str, int] = field(default_factory=dict)  # "score.domain" -> net change
    ending: str = ""
    pending: list[tuple[int, str, str]] = field(default_factory=list)  # (day, "goto" or "does", id)
    revealed: set[str] = field(default_factory=set)  # hidden rules the player has found out
    taken: set[str] = field(default_factory=set)  # once-only choices taken, which are offered no more
    returns: list[str] = field(default_factory=list)  # sub-scenes' way back: scene ids, the latest call last
    # The open choices worked out on entering the scene, with the log length they belong to:
    # the engine needs them for its dead-end check anyway, so the next open_ids is free.
    # Not saved; any state rebuilt from a snapshot starts without it.
    offer: tuple = field(default=(), compare=False, repr=False)
    # Counts changes to flags within the engine, so a step knows whether any flag moved.
    flag_ver: int = field(default=0, compare=False, repr=False)

    @property
    def day(self) -> int:
        return self.vals["day"]

    @property
    def hour(self) -> int:
        return self.vals["hour"]

    @property
    def ended(self) -> bool:
        return bool(self.ending)

    def random(self) -> float:
        """A float in [0, 1) from the game's own seeded generator (splitmix64).

        Its whole state is one integer, so saves and replays carry it exactly.
        """
        z = self.rng = (self.rng + 0x9E3779B97F4A7C15) & MASK64
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return ((z ^ (z >> 31)) >> 11) * 2.0**-53  # exact, like dividing by 2**53, and folded at compile time

    def to_dict(self) -> dict[str, Any]:
        """A snapshot in TOML-friendly types (sets as sorted lists, no None)."""
        return {
            "seed": self.seed, "rng": str(self.rng), "scene": self.scene, "vals": dict(self.vals),
            "flags": sorted(self.flags), "friends": sorted(self.friends),
            "visited": dict(self.visited), "acts": dict(self.acts), "fired": dict(self.fired),
            "holding": sorted(self.holding), "log": list(self.log),
            "ledger": [e.to_dict() for e in self.ledger],
            "history": {k: list(v) for k, v in self.history.items()},
            "domain_net": dict(self.domain_net), "ending": self.ending,
            "pending": [[d, k, t] for d, k, t in self.pending], "revealed": sorted(self.revealed),
            # Written only by a game that uses once-only choices or sub-scenes, so the snapshot of
            # any other game reads exactly as before they existed (and older snapshots still fit).
            **({"taken": sorted(self.taken)} if self.taken else {}),
            **({"returns": list(self.returns)} if self.returns else {}),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "GameState":
        """Rebuild a snapshot; raises KeyError/TypeError/ValueError on a malformed one."""
        st = cls(seed=int(d["seed"]), rng=int(d["rng"]), scene=str(d["scene"]),
                 vals={str(k): int(v) for k, v in d["vals"].items()})
        st.flags = {str(x) for x in d["flags"]}
        st.friends = {str(x) for x in d["friends"]}
        st.visited = {str(k): int(v) for k, v in d["visited"].items()}
        st.acts = {str(k): int(v) for k, v in d["acts"].items()}
        st.fired = {str(k): int(v) for k, v in d["fired"].items()}
        st.holding = {str(x) for x in d["holding"]}
        st.log = [str(x) for x in d["log"]]
        st.ledger = [LedgerEntry._make(int(e[k]) if k in ("step", "day", "hour", "delta") else str(e[k])
                                       for k in LedgerEntry._fields) for e in d["ledger"]]
        st.history = {str(k): [int(x) for x in v] for k, v in d["history"].items()}
        st.domain_net = {str(k): int(v) for k, v in d["domain_net"].items()}
        st.ending = str(d["ending"])
        # Snapshots written before delayed consequences and discoveries have neither key.
        st.pending = [(int(x[0]), str(x[1]), str(x[2])) for x in d.get("pending", [])]
        st.revealed = {str(x) for x in d.get("revealed", [])}
        # Nor have those written before once-only choices and sub-scenes these two.
        st.taken = {str(x) for x in d.get("taken", [])}
        st.returns = [str(x) for x in d.get("returns", [])]
        return st
