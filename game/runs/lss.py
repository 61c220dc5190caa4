"""Export a challenge's records as a LiveSplit splits file (``.lss``) for runners who keep history there.

Segments are the challenge's splits then the finish; each carries the personal best's split time,
the best segment and the segment history of every local run that verifies (see ``board``). Both
timing methods are filled: RealTime is the player's clock; GameTime is the in-game time, written
as elapsed in-game hours with the actions taken as seconds (``2.07:00:31`` is 2 days, 7 hours and
31 actions), so sorting by game time in LiveSplit ranks runs as the game does.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

from game.engine.challenges import Challenge
from game.engine.model import Campaign
from game.fileio import atomic_write

from .clock import Span, Stamp, span
from .board import Board
from .splits import Entry, best_segments, personal_best, segment_ids, segment_titles, segments

VERSION = "1.7.0"


def timespan(seconds: float) -> str:
    """A .NET TimeSpan as LiveSplit writes it: ``[d.]hh:mm:ss.fffffff``."""
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    ticks = round(seconds * 10_000_000)
    total, frac = divmod(ticks, 10_000_000)
    m, s = divmod(total, 60)
    h, m = divmod(m, 60)
    d, h = divmod(h, 24)
    day = f"{d}." if d else ""
    return f"{sign}{day}{h:02d}:{m:02d}:{s:02d}.{frac:07d}"


def _times(parent: ET.Element, tag: str, t: Stamp | Span | None, attrs: dict[str, str] | None = None,
           real: Span | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs or {})
    if t is not None:
        ET.SubElement(el, "RealTime").text = timespan((real or t).real_ms / 1000)
        ET.SubElement(el, "GameTime").text = timespan(t.hours * 3600 + t.actions)
    return el


def _date(iso: str, minus_ms: int = 0) -> str:
    try:
        when = datetime.fromisoformat(iso) - timedelta(milliseconds=minus_ms)
    except ValueError:
        return ""
    return when.strftime("%m/%d/%Y %H:%M:%S")


def build(camp: Campaign, ch: Challenge, board: Board) -> ET.Element:
    """The LiveSplit XML tree of a challenge's board: the player's own verified runs, nothing else."""
    local = [e for e in board.counted if e.local]
    ids = segment_ids(ch)
    root = ET.Element("Run", {"version": VERSION})
    ET.SubElement(root, "GameIcon")
    ET.SubElement(root, "GameName").text = f"Citizen Score: {camp.title}"
    ET.SubElement(root, "CategoryName").text = f"{ch.title} ({ch.category})"
    ET.SubElement(root, "LayoutPath")
    meta = ET.SubElement(root, "Metadata")
    ET.SubElement(meta, "Run", {"id": ""})
    ET.SubElement(meta, "Platform", {"usesEmulator": "False"}).text = "Terminal"
    ET.SubElement(meta, "Region")
    ET.SubElement(meta, "Variables")
    ET.SubElement(root, "Offset").text = timespan(0)
    ET.SubElement(root, "AttemptCount").text = str(max(board.attempts, len(local)))
    history = ET.SubElement(root, "AttemptHistory")
    for n, e in enumerate(local, 1):
        attrs = {"id": str(n)}
        if _date(e.at):
            attrs |= {"started": _date(e.at, e.end.real_ms), "isStartedSynced": "False",
                      "ended": _date(e.at), "isEndedSynced": "False"}
        _times(history, "Attempt", e.end if e.done else None, attrs)
    _segments(ET.SubElement(root, "Segments"), ch, local, ids)
    ET.SubElement(root, "AutoSplitterSettings")
    return root


def _segments(parent: ET.Element, ch: Challenge, local: list[Entry], ids: list[str]) -> None:
    pb = personal_best(ch, local)
    pb_times = pb.times(ids) if pb else [None] * len(ids)
    best_game, best_real = best_segments(ch, local), best_segments(ch, local, real=True)
    runs = [segments(e.times(ids)) for e in local]
    for i, title in enumerate(segment_titles(ch)):
        seg = ET.SubElement(parent, "Segment")
        ET.SubElement(seg, "Name").text = title
        ET.SubElement(seg, "Icon")
        split_times = ET.SubElement(seg, "SplitTimes")
        t = pb_times[i]
        _times(split_times, "SplitTime", span(t) if t is not None else None, {"name": "Personal Best"})
        _times(seg, "BestSegmentTime", best_game[i], real=best_real[i])
        hist = ET.SubElement(seg, "SegmentHistory")
        for n, run in enumerate(runs, 1):
            if run[i] is not None:
                _times(hist, "Time", run[i], {"id": str(n)})


def write_lss(path: Path, camp: Campaign, ch: Challenge, board: Board) -> None:
    """Write the .lss file (atomically, like every file the game writes); OSError if it cannot."""
    root = build(camp, ch, board)
    ET.indent(root, space="  ")
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")
    atomic_write(Path(path), data + b"\n")
