"""The names a campaign's expressions may use, and how each one reads the game state."""

from __future__ import annotations

from typing import Any, Callable

from .expr import BOOL, KIND_WORDS, NUM, Expr
from .model import Score, measure_label
from .msg import Msg

Fn = Callable[[Any], Any]


def _val(key: str) -> Fn:
    def get(s: Any) -> Any:
        return s.vals[key]
    get.key = key  # type: ignore[attr-defined]  # lets the compiler read the value inline
    return get


def _friends_mean(score: str, keys: dict[str, str]) -> Fn:
    def mean(s: Any) -> float:
        fr = s.friends
        if not fr:
            return s.vals[score]
        v = s.vals
        total = 0
        for n in fr:  # a plain loop: for a handful of friends, a list comprehension costs twice as much
            total += v[keys[n]]
        return total / len(fr)
    return mean


class CampaignScope:
    """Answers the expression compiler's questions from a campaign's declarations."""

    def __init__(self, scores: dict[str, Score], stats: dict[str, Any], flags: dict[str, str],
                 npcs: dict[str, Any], scenes: set[str], gates: dict[str, Any], acts: set[str]) -> None:
        self.scores, self.flags, self.scenes, self.gates, self.acts = scores, flags, scenes, gates, acts
        self.gate_exprs: dict[str, Expr] = {}
        self.choice_acts: dict[str, tuple[str, ...]] = {}  # choice id -> its does, filled once loaded
        # The words a reason names each by (messages: said in the player's language with the reason).
        self.names: dict[str, tuple[str, Fn, str]] = {
            "day": (NUM, _val("day"), Msg("day")), "hour": (NUM, _val("hour"), Msg("the hour")),
            "friends.count": (NUM, lambda s: len(s.friends), Msg("your number of friends")),
        }
        for sid, sc in scores.items():
            self.names[sid] = (NUM, _val(sid), sc.label)
            keys = {n: f"npc.{n}.{sid}" for n in npcs}
            self.names[f"friends.mean.{sid}"] = (NUM, _friends_mean(sid, keys),
                                                 Msg("your friends' mean {score}", score=sc.label))
        for sid, st in stats.items():
            self.names[sid] = (NUM, _val(sid), st.label)
        for flag, about in flags.items():
            self.names[f"flags.{flag}"] = (BOOL, (lambda f: lambda s: f in s.flags)(flag), about)
        for nid, npc in npcs.items():
            for sid in npc.scores:  # the campaign's scores and the npc's own measures
                key = f"npc.{nid}.{sid}"
                self.names[key] = (NUM, _val(key), measure_label(npc, sid, scores))
            self.names[f"npc.{nid}.friend"] = (BOOL, (lambda n: lambda s: n in s.friends)(nid),
                                               Msg("{name} as a friend", name=npc.name))

    def name(self, dotted: str) -> tuple[str, Fn, str] | None:
        return self.names.get(dotted)

    def known_names(self) -> list[str]:
        return [*self.names, *(f"flag:{f}" for f in self.flags), *(f"scene:{s}" for s in self.scenes),
                *(f"score:{s}" for s in self.scores), *(f"gate:{g}" for g in self.gates),
                *(f"act:{a}" for a in self.acts)]

    def check_arg(self, what: str, value: str) -> str | None:
        known = {"flag": self.flags, "scene": self.scenes, "score": self.scores, "gate": self.gates,
                 "act": self.acts}[what]
        if value not in known:
            if what == "flag":
                return Msg("unknown flag '{value}' (declare it under [flags] in campaign.toml)", value=value)
            return Msg("unknown {what} '{value}'", what=KIND_WORDS.get(what, what), value=value)
        return None

    def band_fn(self, score: str) -> Fn:
        sc = self.scores[score]
        return lambda s: sc.band(s.vals[score])

    def since_fn(self, moment: str) -> Fn:
        """Choices taken since the player last chose in a scene (0 while there) or did an act; -1: never.

        Read from the choice log, so it needs no state of its own and a loaded game has it too.
        """
        if moment in self.scenes:
            prefix = moment + "."
            def since_scene(s: Any) -> int:
                if s.scene == moment:
                    return 0
                log = s.log
                for back in range(1, len(log) + 1):
                    cid = log[-back]
                    if cid.startswith(prefix) and "." not in cid[len(prefix):]:
                        return back
                return -1
            return since_scene
        acts = self.choice_acts
        def since_act(s: Any) -> int:
            log = s.log
            for back in range(1, len(log) + 1):
                if moment in acts.get(log[-back], ()):
                    return back
            return -1
        return since_act

    def gate_fn(self, gate: str) -> Fn:
        exprs = self.gate_exprs  # filled in once the gates are compiled
        return lambda s: bool(exprs[gate].fn(s))
