"""Printing the author tools' reports: Rich in a terminal, plain text in a pipe, JSON for CI.

A report is a list of headed sections; each holds findings (with file, line, column, table path,
message and hint) and/or plain lines. The same report prints three ways, so a tool builds it once:

- plain (stdout is not a terminal, or NO_COLOR is set): ``file:line[:col]: severity: message [path]
  (code)`` with the hint indented below. Errors go to stderr under "N problems found:", so a
  pipe of warnings stays clean and a script sees failures where it expects them.
- rich (stdout is a terminal): the same facts, coloured by severity. Rich is imported only then.
- json: ``{"tool", "summary", "counts": {"error", "warning", "info"}, "sections": [{"title",
  "findings": [{"code", "severity", "file", "line", "column" (only when it has one), "path", "message",
  "hint"}], "lines", ...the section's data}]}``, as schema/output/check.schema.json says.

Text that comes from content is made safe for a terminal (no control characters) before printing.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from game.i18n import _, ngettext, pgettext, said
from game.textsafe import clean

from .findings import SEVERITIES, Finding, counts

FORMATS = ("text", "json")
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


@dataclass
class Section:
    title: str
    findings: list[Finding] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # shown after the findings
    data: dict[str, Any] = field(default_factory=dict)  # extra fields for JSON only
    base: Path | None = None  # the folder the findings' file names start from, as printed (not in JSON)


@dataclass
class Report:
    tool: str
    sections: list[Section]
    summary: str = ""

    def findings(self) -> list[Finding]:
        return [f for s in self.sections for f in s.findings]

    def counts(self) -> dict[str, int]:
        return counts(self.findings())

    def to_dict(self) -> dict[str, Any]:
        return {"tool": self.tool, "summary": self.summary, "counts": self.counts(),
                "sections": [{"title": s.title, **s.data, "findings": [finding_json(f) for f in s.findings],
                              "lines": s.lines} for s in self.sections]}


def finding_json(f: Finding) -> dict[str, Any]:
    """A finding as ``--format json`` prints it: a finding with no column has no "column" key, so a
    reader never takes 0 for a place on the line."""
    out = f.to_dict()
    if not f.column:
        del out["column"]
    return out


def exit_code(report: Report, strict: bool) -> int:
    """2 with errors; 1 with warnings when strict; else 0. Notes (info) never fail a build."""
    c = report.counts()
    if c["error"]:
        return 2
    return 1 if strict and c["warning"] else 0


def emit(report: Report, fmt: str = "text", out: TextIO | None = None, err: TextIO | None = None) -> None:
    out = out or sys.stdout
    err = err or sys.stderr
    if fmt == "json":
        out.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    elif out.isatty() and not os.environ.get("NO_COLOR"):
        _rich(report, out)
    else:
        _plain(report, out, err)


def counted(n: int, severity: str) -> str:
    """"1 error", "3 warnings", "2 notes" in the language spoken (severity: error, warning or info)."""
    if severity == "error":
        return ngettext("{n} error", "{n} errors", n).format(n=n)
    if severity == "warning":
        return ngettext("{n} warning", "{n} warnings", n).format(n=n)
    return ngettext("{n} note", "{n} notes", n).format(n=n)


def severity_word(severity: str) -> str:
    """"error", "warning" or "note" as a person reads them in a terminal; plain and JSON output keep
    the English word, which editors and scripts match."""
    if severity == "error":
        return pgettext("severity", "error")
    if severity == "warning":
        return pgettext("severity", "warning")
    return pgettext("severity", "info")


def tally(report: Report) -> str:
    """"1 error, 3 warnings, 2 notes" (the kinds there are none of are left out)."""
    c = report.counts()
    parts = [counted(c[s], s) for s in SEVERITIES if c[s]]
    # Translators: the summary of `citizen-score check` when it found nothing ("Checked 3 campaigns: no problems.").
    return ", ".join(parts) or _("no problems")


def _plain(report: Report, out: TextIO, err: TextIO) -> None:
    for i, s in enumerate(report.sections):
        errors = [f for f in s.findings if f.severity == "error"]
        if errors:
            found = ngettext("{n} problem found:", "{n} problems found:", len(errors)).format(n=len(errors))
            err.write(f"citizen-score {report.tool}: {found}\n")
            err.write("".join(clean(f.format(s.base, said)) + "\n" for f in errors))
        if s.title:
            out.write(("\n" if i else "") + clean(s.title) + "\n")
        out.write("".join(clean(f.format(s.base, said)) + "\n" for f in s.findings if f.severity != "error"))
        out.write("".join(clean(line) + "\n" for line in s.lines))
    if report.summary:
        out.write(clean(report.summary) + "\n")


def _rich(report: Report, out: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False)
    for i, s in enumerate(report.sections):
        if s.title:
            if i:
                console.print()
            console.print(Text(clean(s.title), style="bold"))
        for f in s.findings:
            pos = f.at(s.base)
            line = Text("  ")
            line.append(clean(pos), style="dim")
            line.append(" ")
            line.append(severity_word(f.severity), style=STYLE.get(f.severity, ""))
            line.append(" " + clean(said(f.message)))
            if f.path:
                line.append(f" [{clean(f.path)}]", style="dim")
            if f.code != "content":
                line.append(f" {f.code}", style="dim italic")
            console.print(line)
            if f.hint:
                console.print(Text("    " + clean(said(f.hint)), style="italic"))
        for text in s.lines:
            console.print(Text("  " + clean(text)))
    if report.summary:
        c = report.counts()
        style = "bold red" if c["error"] else "yellow" if c["warning"] else "green"
        console.print(Text(clean(report.summary), style=style))
