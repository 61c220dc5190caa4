"""The simulation report as plain data: what ``--format json`` prints and the text view reads.

Everything is sorted by id or count and rounded, so the same seed and runs give the same bytes
whatever the number of jobs. Timing is not part of it (it differs from one run to the next).

Fields (``format`` 1):
  tool ("simulate"), campaign, title, content_hash, strategy, seed, runs, chunk, choices_per_run
  coverage.{scenes,choices,rules,gates}: hit, total, share, never (ids), hits ({id: runs})
  endings: [{id, title, runs, share}], unfinished (runs that broke off without an ending)
  scores: [{id, label, min, max, days: [{day, runs, p10, p50, p90, min, max}], final: {...}}]
  gates: [{id, kind, title, runs, share, start_open, shut, shut_share}]   (runs/share: runs that ever
         had it open; start_open: runs that had it open at the start; shut: of those, the runs in
         which it was shut at the start of a later day or at the end; shut_share: shut/start_open)
  reading: {screens_per_run, repeat_share: {p50, p90, mean}, repeated_scenes: [{id, file, line,
           repeats, runs}], new_words: {p10, p50, p90}}
           (screens read again word for word, see simulate_screens; repeat_share
           is per run, repeats count screens over all runs, the TOP_REPEATED scenes with the most)
  flags, lists: [{id, runs, share}]   (runs that ever set it; lists also have title and kind)
  problems: [{kind, where, file, line, day, reason, runs, seed, path}]   (the shortest path found,
            with the loops that do not matter cut out: replay(seed, path) ends in the problem;
            kind is "dead end", "empty deck", "error" or "no ending")
  threshold: see threshold.threshold_report (only when asked for)
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from game.engine.model import Campaign

from .findings import Locator
from .simulate import CHUNK, SimConfig
from .simulate_tally import Tally

FORMAT = 1
PERCENTILES = (10, 50, 90)
TOP_REPEATED = 5


def share(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


def percentile(values: Counter, p: float) -> int:
    """Nearest-rank percentile of a value -> count table."""
    total = sum(values.values())
    rank, seen = max(1, math.ceil(total * p / 100)), 0
    for v in sorted(values):
        seen += values[v]
        if seen >= rank:
            return v
    return 0


def spread(values: Counter) -> dict[str, int]:
    out = {"runs": sum(values.values())}
    if not values:
        return out
    out.update({f"p{p}": percentile(values, p) for p in PERCENTILES})
    out.update({"min": min(values), "max": max(values)})
    return out


def coverage(ids: list[str], hits: Counter, runs: int) -> dict[str, Any]:
    hit = [i for i in ids if hits.get(i)]
    return {"hit": len(hit), "total": len(ids), "share": share(len(hit), len(ids)),
            "never": sorted(i for i in ids if not hits.get(i)),
            "hits": {i: hits[i] for i in sorted(hit)}}


def build(camp: Campaign, cfg: SimConfig, tally: Tally) -> dict[str, Any]:
    runs = tally.runs
    return {
        "tool": "simulate", "format": FORMAT,
        "campaign": camp.id, "title": camp.title, "content_hash": camp.content_hash,
        "strategy": cfg.strategy.label, "seed": cfg.seed, "runs": runs, "chunk": CHUNK,
        "choices_per_run": round(tally.choices_made / runs, 1) if runs else 0,
        "coverage": {
            "scenes": coverage(list(camp.scenes), tally.scenes, runs),
            "choices": coverage(list(camp.choices), tally.choices, runs),
            "rules": coverage(list(camp.rules), tally.rules, runs),
            "gates": coverage(list(camp.gates), tally.gates, runs),
        },
        "endings": [{"id": e, "title": camp.scenes[e].title, "runs": n, "share": share(n, runs)}
                    for e, n in sorted(tally.endings.items(), key=lambda x: (-x[1], x[0]))],
        "unfinished": runs - sum(tally.endings.values()),
        "scores": [_score(camp, sid, tally) for sid in camp.scores],
        "gates": [_gate(camp, gid, tally) for gid in camp.gates],
        "reading": _reading(camp, tally),
        "flags": [_ever(f, tally, runs) for f in camp.flags if f not in camp.lists],
        "lists": [{**_ever(lid, tally, runs), "title": ld.title, "kind": ld.kind} for lid, ld in camp.lists.items()],
        "problems": [{"kind": p.kind, "where": p.where, **_place(camp, p.where), "day": p.day,
                      "reason": p.reason, "runs": p.runs, "seed": p.seed, "path": p.path}
                     for p in sorted(tally.problems.values(), key=lambda p: (-p.runs, p.kind, p.where))],
    }


def _gate(camp: Campaign, gid: str, tally: Tally) -> dict[str, Any]:
    g, start = camp.gates[gid], tally.start_open.get(gid, 0)
    return {"id": g.id, "kind": g.kind, "title": g.title, "runs": tally.gates.get(gid, 0),
            "share": share(tally.gates.get(gid, 0), tally.runs), "start_open": start,
            "shut": tally.shut.get(gid, 0), "shut_share": share(tally.shut.get(gid, 0), start)}


def _reading(camp: Campaign, tally: Tally) -> dict[str, Any]:
    """How much of what the players read they had read before in the same game."""
    shares, read = tally.repeat_share, sum(tally.repeat_share.values())
    top = sorted(tally.repeated.items(), key=lambda x: (-x[1], x[0]))[:TOP_REPEATED]
    return {"screens_per_run": round(tally.screens / read, 1) if read else 0,
            "repeat_share": {"p50": percentile(shares, 50) / 1000, "p90": percentile(shares, 90) / 1000,
                             "mean": round(sum(k * n for k, n in shares.items()) / read / 1000, 4) if read else 0.0},
            "repeated_scenes": [{"id": sid, **_place(camp, sid), "repeats": n, "runs": tally.repeated_runs[sid]}
                                for sid, n in top],
            "new_words": {f"p{p}": percentile(tally.new_words, p) for p in (10, 50, 90)}}


def _ever(fid: str, tally: Tally, runs: int) -> dict[str, Any]:
    return {"id": fid, "runs": tally.flags_set.get(fid, 0), "share": share(tally.flags_set.get(fid, 0), runs)}


def _place(camp: Campaign, where: str) -> dict[str, Any]:
    """The file and line of the scene or deck a problem happened at."""
    scene = camp.scenes.get(where)
    if scene is not None:
        return {"file": scene.at.file, "line": scene.at.line}
    file = f"{camp.id}/campaign.toml"
    return {"file": file, "line": Locator(camp.root).line(file, f"deck.{where}") if where in camp.decks else 0}


def _score(camp: Campaign, sid: str, tally: Tally) -> dict[str, Any]:
    sc = camp.scores[sid]
    days = tally.days.get(sid, [])
    return {"id": sid, "label": sc.label, "min": sc.min, "max": sc.max,
            "days": [{"day": d, **spread(c)} for d, c in enumerate(days, 1)],
            "final": spread(tally.final.get(sid, Counter()))}
