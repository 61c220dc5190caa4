"""The simulation report for a person: sections for the shared printer (``output``), widest facts first.

Reads only the report's plain data (simulate_report.build), so the text and the JSON never disagree.
Dead ends and dry decks become findings at the scene's (or deck's) file and line, like ``check``'s.
"""

from __future__ import annotations

import textwrap
from typing import Any

from game.i18n import N_, _, ngettext, number, pgettext, said

from .findings import Finding, finding
from .output import Report, Section

BAR = 30  # characters of the per-day score bar


def pct(x: float) -> str:
    """A share as a per cent, five wide, as the language writes numbers (" 23.7%", " 23,7%")."""
    return f"{number(x * 100, 1):>5}%"


SEVERITY = {"dead end": "error", "error": "error", "no ending": "error", "empty deck": "warning"}
# The ways a run breaks off (the report's "kind", which JSON keeps in English), as the text says them.
KINDS = {"dead end": N_("dead end"), "error": N_("error"), "no ending": N_("no ending"),
         "empty deck": N_("empty deck")}
# What coverage counts (the report's keys).
COUNTED = {"scenes": N_("scenes"), "choices": N_("choices"), "rules": N_("rules"), "gates": N_("gates")}


def render(rep: dict[str, Any], seconds: float | None = None, jobs: int = 1) -> Report:
    """The report's text in the language spoken (its data, and so its JSON, stay as they are)."""
    sections = [Section(*_head(rep, seconds, jobs)), Section(_("Coverage"), lines=_coverage(rep)),
                Section(_("Endings"), lines=_endings(rep)),
                Section(_("Screens read again, word for word, in the same game"), lines=_reading(rep)),
                # Translators: a section heading: a score's name and its id ("Risicoscore (risk) per dag").
                *[Section(_("{label} ({id}) by day").format(label=s["label"], id=s["id"]), lines=_score(s))
                  for s in rep["scores"]],
                Section(_("Gates"), lines=_gates(rep)),
                Section(_("Flags and lists: share of runs that ever set it"), lines=_flags(rep)),
                Section(_("Dead ends and dry decks (with the shortest path found)"), findings=_findings(rep),
                        lines=[] if rep["problems"] else [_("none: every run reached an ending")]),
                *_threshold(rep)]
    return Report("simulate", sections, _summary(rep))


def _head(rep: dict[str, Any], seconds: float | None, jobs: int) -> tuple[str, list, list[str]]:
    runs, seed = rep["runs"], rep["seed"]
    # Translators: {strategy} is a value to type (random, least-used): keep it; {first}–{last} are seeds.
    title = ngettext("Simulated {runs} run of {title} ({campaign}), strategy {strategy}, seeds {first}–{last}; "
                     "{choices} choices a run",
                     "Simulated {runs} runs of {title} ({campaign}), strategy {strategy}, seeds {first}–{last}; "
                     "{choices} choices a run", runs).format(
        runs=number(runs), title=rep["title"], campaign=rep["campaign"], strategy=rep["strategy"],
        first=seed, last=seed + runs - 1, choices=number(rep["choices_per_run"], 1))
    lines = []
    if seconds is not None:
        # Translators: how long the simulation took, on how many processes, and how fast it played.
        lines.append("  " + ngettext("{seconds} s on {jobs} job: {speed} runs/s",
                                     "{seconds} s on {jobs} jobs: {speed} runs/s", jobs).format(
            seconds=number(seconds, 2), jobs=jobs, speed=number(runs / max(seconds, 1e-9))))
    return title, [], lines


def _summary(rep: dict[str, Any]) -> str:
    kinds: dict[str, int] = {}
    for p in rep["problems"]:
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    runs = rep["runs"]
    if not kinds:
        return ngettext("{runs} run, no dead ends, no dry decks", "{runs} runs, no dead ends, no dry decks",
                        runs).format(runs=number(runs))
    return ngettext("{runs} run: {problems}", "{runs} runs: {problems}", runs).format(
        runs=number(runs), problems=", ".join(_broke_off(k, n) for k, n in kinds.items()))


def _broke_off(kind: str, n: int) -> str:
    """"2 dead ends", "1 empty deck": how many runs broke off one way."""
    if kind == "dead end":
        return ngettext("{n} dead end", "{n} dead ends", n).format(n=number(n))
    if kind == "empty deck":
        return ngettext("{n} empty deck", "{n} empty decks", n).format(n=number(n))
    if kind == "no ending":
        return ngettext("{n} run with no ending", "{n} runs with no ending", n).format(n=number(n))
    return ngettext("{n} error", "{n} errors", n).format(n=number(n))


def _wrap(label: str, ids: list[str]) -> list[str]:
    if not ids:
        return []
    return textwrap.wrap(f"{label}: " + ", ".join(ids), 100, initial_indent="    ", subsequent_indent="      ")


def _coverage(rep: dict[str, Any]) -> list[str]:
    lines = []
    kinds = {kind: _(COUNTED.get(kind, kind)) for kind in rep["coverage"]}
    width = max([8, *(len(k) for k in kinds.values())])
    for kind, c in rep["coverage"].items():
        share = pct(c["share"]) if c["total"] else "     -"
        lines.append(f"  {kinds[kind]:<{width}} {c['hit']:>4}/{c['total']:<4} {share}")
        # Translators: before the ids of the scenes (choices, rules, gates) no run reached.
        lines += _wrap(_("never"), c["never"])
    return lines


def _endings(rep: dict[str, Any]) -> list[str]:
    runs = max(rep["runs"], 1)
    rows = [(e["id"], e["runs"]) for e in rep["endings"]]
    if rep["unfinished"]:
        rows.append((_("(broke off: see dead ends)"), rep["unfinished"]))
    width = max((len(r[0]) for r in rows), default=0)
    return [f"  {eid:<{width}} {number(n):>7} {pct(n / runs)}  {'█' * round(n / runs * BAR)}".rstrip()
            for eid, n in rows]


def _score(s: dict[str, Any]) -> list[str]:
    """A row a day; the bar spans the values the runs reached (p10 to p90), not the score's whole scale."""
    days = [d for d in s["days"] + [{"day": "end", **s["final"]}] if "p50" in d]
    if not days:
        return []
    lo, hi = min(d["p10"] for d in days), max(d["p90"] for d in days)
    # Translators: column headings of the score table, at most 4 and 7 characters; "end" is at most 4.
    day, runs, end = pgettext("column", "day"), pgettext("column", "runs"), pgettext("day", "end")
    lines = [f"  {day:>4} {runs:>7} {'p10':>5} {'p50':>5} {'p90':>5}   {lo} … {hi}  (─ p10–p90, ● p50)"]
    for d in days:
        shown = end if d["day"] == "end" else d["day"]
        lines.append(f"  {shown:>4} {number(d['runs']):>7} {d['p10']:>5} {d['p50']:>5} {d['p90']:>5}   "
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
        return ["  " + _("(this campaign has no gates)")]
    width = max(len(g["id"]) for g in rep["gates"])
    # Translators: column headings of the gates table, at most 6 characters each.
    shown, lost = pgettext("column", "open"), pgettext("column", "shut")
    lines = ["  " + _("{open}: share of runs that ever had it open; {shut}: of the runs that began with it open,")
             .format(open=shown, shut=lost),
             "  " + _("the share that lost it (both seen at the start of each day and at the end)"),
             f"  {'':<{width}} {shown:>6}  {lost:>6}"]
    for g in rep["gates"]:
        shut = pct(g["shut_share"]) if g.get("start_open") else "     -"
        lines.append(f"  {g['id']:<{width}} {pct(g['share'])}  {shut}  {g['title']}")
    return lines


def _reading(rep: dict[str, Any]) -> list[str]:
    """The share of a run's screens read before, and where players read the same words most."""
    r = rep["reading"]
    s = r["repeat_share"]
    w = r["new_words"]
    lines = ["  " + _("{screens} screens a run; read again: median {p50}, p90 {p90}, mean {mean}").format(
                 screens=number(r["screens_per_run"], 1), p50=pct(s["p50"]).strip(), p90=pct(s["p90"]).strip(),
                 mean=pct(s["mean"]).strip()),
             "  " + _("words read for the first time in a run (paragraphs, choices and replies not shown before): "
                      "median {p50}, p10 {p10}, p90 {p90}").format(
                 p50=number(w["p50"]), p10=number(w["p10"]), p90=number(w["p90"]))]
    if not r["repeated_scenes"]:
        return lines
    runs = max(rep["runs"], 1)
    width = max(len(x["id"]) for x in r["repeated_scenes"])
    lines.append("  " + _("most read again:"))
    # Translators: a scene read again: how often, in how many runs, and the share of runs; the numbers are
    # right-aligned ({times:>8} is 8 wide): keep the :>8 and :>7.
    row = _("{times:>8} times in {runs:>7} runs ({share})")
    lines += [f"    {x['id']:<{width}} " + row.format(times=number(x["repeats"]), runs=number(x["runs"]),
                                                      share=pct(x["runs"] / runs).strip())
              + f"  {x['file']}:{x['line']}" for x in r["repeated_scenes"]]
    return lines


def _flags(rep: dict[str, Any]) -> list[str]:
    """Lists first, then flags, in columns: each with the share of runs that ever set it."""
    # Translators: after a list's id among the flags ("bkr (lijst)").
    cells = ([(_("{id} (list)").format(id=x["id"]), x["share"]) for x in rep["lists"]]
             + [(x["id"], x["share"]) for x in rep["flags"]])
    if not cells:
        return ["  " + _("(this campaign has no flags)")]
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
        # Translators: {kind} is a dead end, an empty deck, an error or no ending; {reason} says why.
        msg = ngettext("{kind} at '{where}' on day {day} in {runs} run: {reason}",
                       "{kind} at '{where}' on day {day} in {runs} runs: {reason}", p["runs"]).format(
            kind=_(KINDS.get(kind, kind)), where=p["where"], day=p["day"], runs=number(p["runs"]),
            reason=said(p["reason"]))
        # Translators: how to play the run again: its seed and the choices it took, listed after the colon.
        hint = ngettext("seed {seed}, {n} choice:", "seed {seed}, {n} choices:", len(p["path"])).format(
            seed=p["seed"], n=len(p["path"])) + " " + " ".join(p["path"])
        out.append(finding(code, SEVERITY.get(kind, "error"), p["file"], p["line"], 0, table, msg, hint))
    return out


def _threshold(rep: dict[str, Any]) -> list[Section]:
    t = rep.get("threshold")
    if not t:
        return []
    # The conditions are written as in the content (a decimal point); the shares as the language writes them.
    target = f"{number(t['target'], 0 if t['target'] == int(t['target']) else 1)}%"
    lines = ["  " + _("needs: {condition}").format(condition=t["condition"]),
             "  " + _("open at some point in {share} of runs now").format(share=pct(t["share_open_ever"]).strip())]
    for b in t["bounds"]:
        lines += [f"  {b['score']} {b['op']} {b['now']:g}: " + _(
                      "{ever} of runs reach it at some point, {end} at the end").format(
                      ever=pct(b["share_ever_now"]).strip(), end=pct(b["share_end_now"]).strip()),
                  # Translators: {condition} is a score, a comparison and a number ("risk < 30"), as written in
                  # the content; the two lines are aligned: pad the shorter so the conditions line up.
                  "    " + _("for about {target} at some point: {condition}  ({share})").format(
                      target=target, condition=f"{b['score']} {b['op']} {b['suggest_ever']:g}",
                      share=pct(b["share_ever"]).strip()),
                  "    " + _("for about {target} at the end:    {condition}  ({share})").format(
                      target=target, condition=f"{b['score']} {b['op']} {b['suggest_end']:g}",
                      share=pct(b["share_end"]).strip())]
    lines.append("  " + _("(other parts of the condition stay as they are; players choose differently once "
                          "a gate moves, so simulate again after changing it)"))
    return [Section(_("Threshold for {gate}").format(gate=t["gate"]), lines=lines)]
