"""The simulation report for a person: sections for the shared printer (``output``), widest facts first.

Reads only the report's plain data (simulate_report.build), so the text and the JSON never disagree.
Dead ends and dry decks become findings at the scene's (or deck's) file and line, like ``check``'s.
"""

from __future__ import annotations

import textwrap
from typing import Any

from .findings import Finding, finding
from .output import Report, Section

BAR = 30  # characters of the per-day score bar


def pct(x: float) -> str:
    return f"{x * 100:5.1f}%"


SEVERITY = {"dead end": "error", "error": "error", "no ending": "error", "empty deck": "warning"}


def render(rep: dict[str, Any], seconds: float | None = None, jobs: int = 1) -> Report:
    sections = [Section(*_head(rep, seconds, jobs)), Section("Coverage", lines=_coverage(rep)),
                Section("Endings", lines=_endings(rep)),
                Section("Screens read again, word for word, in the same game", lines=_reading(rep)),
                *[Section(f"{s['label']} ({s['id']}) by day", lines=_score(s)) for s in rep["scores"]],
                Section("Gates", lines=_gates(rep)),
                Section("Flags and lists: share of runs that ever set it", lines=_flags(rep)),
                Section("Dead ends and dry decks (with the shortest path found)", findings=_findings(rep),
                        lines=[] if rep["problems"] else ["none: every run reached an ending"]),
                *_threshold(rep)]
    return Report("simulate", sections, _summary(rep))


def _head(rep: dict[str, Any], seconds: float | None, jobs: int) -> tuple[str, list, list[str]]:
    runs, seed = rep["runs"], rep["seed"]
    title = (f"Simulated {runs:,} runs of {rep['title']} ({rep['campaign']}), strategy {rep['strategy']}, "
             f"seeds {seed}–{seed + runs - 1}; {rep['choices_per_run']} choices a run")
    lines = []
    if seconds is not None:
        lines.append(f"  {seconds:.2f} s on {jobs} job{'s' if jobs > 1 else ''}: "
                     f"{runs / max(seconds, 1e-9):,.0f} runs/s")
    return title, [], lines


def _summary(rep: dict[str, Any]) -> str:
    kinds: dict[str, int] = {}
    for p in rep["problems"]:
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    if not kinds:
        return f"{rep['runs']:,} runs, no dead ends, no dry decks"
    return f"{rep['runs']:,} runs: " + ", ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in kinds.items())


def _wrap(label: str, ids: list[str]) -> list[str]:
    if not ids:
        return []
    return textwrap.wrap(f"{label}: " + ", ".join(ids), 100, initial_indent="    ", subsequent_indent="      ")


def _coverage(rep: dict[str, Any]) -> list[str]:
    lines = []
    for kind, c in rep["coverage"].items():
        share = pct(c["share"]) if c["total"] else "     -"
        lines.append(f"  {kind:<8} {c['hit']:>4}/{c['total']:<4} {share}")
        lines += _wrap("never", c["never"])
    return lines


def _endings(rep: dict[str, Any]) -> list[str]:
    runs = max(rep["runs"], 1)
    rows = [(e["id"], e["runs"]) for e in rep["endings"]]
    if rep["unfinished"]:
        rows.append(("(broke off: see dead ends)", rep["unfinished"]))
    width = max((len(r[0]) for r in rows), default=0)
    return [f"  {eid:<{width}} {n:>7,} {pct(n / runs)}  {'█' * round(n / runs * BAR)}".rstrip() for eid, n in rows]


def _score(s: dict[str, Any]) -> list[str]:
    """A row a day; the bar spans the values the runs reached (p10 to p90), not the score's whole scale."""
    days = [d for d in s["days"] + [{"day": "end", **s["final"]}] if "p50" in d]
    if not days:
        return []
    lo, hi = min(d["p10"] for d in days), max(d["p90"] for d in days)
    lines = [f"  {'day':>4} {'runs':>7} {'p10':>5} {'p50':>5} {'p90':>5}   {lo} … {hi}  (─ p10–p90, ● p50)"]
    for d in days:
        lines.append(f"  {d['day']:>4} {d['runs']:>7,} {d['p10']:>5} {d['p50']:>5} {d['p90']:>5}   "
                     f"{_bar(d['p10'], d['p50'], d['p90'], lo, hi)}")
    return lines


def _bar(p10: int, p50: int, p90: int, lo: int, hi: int) -> str:
    def at(v: int) -> int:
        return min(BAR - 1, max(0, round((v - lo) / max(hi - lo, 1) * (BAR - 1))))
    cells = ["·"] * BAR
    for i in range(at(p10), at(p90) + 1):
        cells[i] = "─"
    cells[at(p50)] = "●"
    return "".join(cells)


def _gates(rep: dict[str, Any]) -> list[str]:
    if not rep["gates"]:
        return ["  (this campaign has no gates)"]
    width = max(len(g["id"]) for g in rep["gates"])
    lines = ["  open: share of runs that ever had it open; shut: of the runs that began with it open,",
             "  the share that lost it (both seen at the start of each day and at the end)",
             f"  {'':<{width}} {'open':>6}  {'shut':>6}"]
    for g in rep["gates"]:
        shut = pct(g["shut_share"]) if g.get("start_open") else "     -"
        lines.append(f"  {g['id']:<{width}} {pct(g['share'])}  {shut}  {g['title']}")
    return lines


def _reading(rep: dict[str, Any]) -> list[str]:
    """The share of a run's screens read before, and where players read the same words most."""
    r = rep["reading"]
    s = r["repeat_share"]
    w = r["new_words"]
    lines = [f"  {r['screens_per_run']} screens a run; read again: median {pct(s['p50']).strip()}, "
             f"p90 {pct(s['p90']).strip()}, mean {pct(s['mean']).strip()}",
             f"  words read for the first time in a run (paragraphs, choices and replies not shown before): "
             f"median {w['p50']:,}, p10 {w['p10']:,}, p90 {w['p90']:,}"]
    if not r["repeated_scenes"]:
        return lines
    runs = max(rep["runs"], 1)
    width = max(len(x["id"]) for x in r["repeated_scenes"])
    lines.append("  most read again:")
    lines += [f"    {x['id']:<{width}} {x['repeats']:>8,} times in {x['runs']:>7,} runs "
              f"({pct(x['runs'] / runs).strip()})  {x['file']}:{x['line']}" for x in r["repeated_scenes"]]
    return lines


def _flags(rep: dict[str, Any]) -> list[str]:
    """Lists first, then flags, in columns: each with the share of runs that ever set it."""
    cells = [(f"{x['id']} (list)", x["share"]) for x in rep["lists"]] + [(x["id"], x["share"]) for x in rep["flags"]]
    if not cells:
        return ["  (this campaign has no flags)"]
    width = max(len(c[0]) for c in cells)
    per_line = max(1, 100 // (width + 10))
    row = [f"{name:<{width}} {pct(share)}" for name, share in cells]
    return ["  " + "   ".join(row[i:i + per_line]).rstrip() for i in range(0, len(row), per_line)]


def _findings(rep: dict[str, Any]) -> list[Finding]:
    out = []
    for p in rep["problems"]:
        kind = p["kind"]
        code = kind.replace(" ", "-") if kind != "error" else "play-error"
        table = f"deck.{p['where']}" if kind == "empty deck" else f"scene.{p['where']}"
        msg = f"{kind} at '{p['where']}' on day {p['day']} in {p['runs']:,} runs: {p['reason']}"
        hint = f"seed {p['seed']}, {len(p['path'])} choices: " + " ".join(p["path"])
        out.append(finding(code, SEVERITY.get(kind, "error"), p["file"], p["line"], 0, table, msg, hint))
    return out


def _threshold(rep: dict[str, Any]) -> list[Section]:
    t = rep.get("threshold")
    if not t:
        return []
    lines = [f"  needs: {t['condition']}",
             f"  open at some point in {pct(t['share_open_ever']).strip()} of runs now"]
    for b in t["bounds"]:
        lines += [f"  {b['score']} {b['op']} {b['now']:g}: {pct(b['share_ever_now']).strip()} of runs reach it at "
                  f"some point, {pct(b['share_end_now']).strip()} at the end",
                  f"    for about {t['target']:g}% at some point: {b['score']} {b['op']} {b['suggest_ever']:g}"
                  f"  ({pct(b['share_ever']).strip()})",
                  f"    for about {t['target']:g}% at the end:    {b['score']} {b['op']} {b['suggest_end']:g}"
                  f"  ({pct(b['share_end']).strip()})"]
    lines.append("  (other parts of the condition stay as they are; players choose differently once "
                 "a gate moves, so simulate again after changing it)")
    return [Section(f"Threshold for {t['gate']}", lines=lines)]
