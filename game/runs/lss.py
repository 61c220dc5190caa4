"""Export a challenge's records as a LiveSplit splits file (``.lss``) for runners who keep history there.

Segments are the challenge's splits then the finish; each carries the personal best's split time,
the best segment and the segment history of every local run that verifies (see ``board``).

Only what LiveSplit can show truthfully goes in:

- GameTime is the in-game time the run took, in in-game hours, one for one: 269 hours (day 12,
  5 o'clock) is ``11.05:00:00``, which LiveSplit shows as 269:00:00. Actions are not time, so they
  are not folded in as seconds; the personal best's count is the custom variable ``Actions``.
- RealTime is written only for runs played live on screen. A route or replay played headless
  has no real time (its stopwatch reads zero throughout), so it has none here, and no zero beats
  a real best segment.
- LiveSplit ranks runs by time. A score challenge's personal best is its best score, which LiveSplit
  cannot rank; its score goes in as the custom variable ``Score``, and ``caveats`` says so.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

from game.engine.challenges import Challenge
from game.engine.model import Campaign
from game.fileio import atomic_write
from game.i18n import _

from .board import Board
from .clock import Span, Stamp, span
from .splits import Entry, best_segments, personal_best, segment_ids, segment_titles, segments

LIVE = "play"  # the one source whose real time is a stopwatch the player ran

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


def _times(parent: ET.Element, tag: str, game: Stamp | Span | None, real: Stamp | Span | None,
           attrs: dict[str, str] | None = None) -> ET.Element:
    """A LiveSplit time: GameTime in in-game hours, RealTime only where there is one (else left out)."""
    el = ET.SubElement(parent, tag, attrs or {})
    if real is not None:
        ET.SubElement(el, "RealTime").text = timespan(real.real_ms / 1000)
    if game is not None:
        ET.SubElement(el, "GameTime").text = timespan(game.hours * 3600)
    return el


def _live(e: Entry, t: Stamp | Span | None) -> Stamp | Span | None:
    return t if e.source == LIVE else None


def caveats(ch: Challenge) -> list[str]:
    """What the export cannot carry, for the player to read before trusting LiveSplit with it."""
    if ch.rank == "time":
        return []
    # Translators: {score} is the challenge's score formula as written; Score is LiveSplit's variable: keep it.
    return [_("LiveSplit ranks runs by time, not score: the personal best written is your best {score} "
              "({category}), its score in the custom variable Score; runs you time in LiveSplit itself will be "
              "compared by time.").format(score=ch.score.src, category=ch.category)]


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
    pb = personal_best(ch, local)
    custom = ET.SubElement(meta, "CustomVariables")  # shown by LiveSplit's Variable component
    if pb is not None:
        ET.SubElement(custom, "Variable", {"name": "Actions"}).text = str(pb.end.actions)
        if ch.rank != "time":
            ET.SubElement(custom, "Variable", {"name": "Score"}).text = f"{ch.score.src} {pb.score}"
    ET.SubElement(root, "Offset").text = timespan(0)
    ET.SubElement(root, "AttemptCount").text = str(max(board.attempts, len(local)))
    history = ET.SubElement(root, "AttemptHistory")
    for n, e in enumerate(local, 1):
        attrs = {"id": str(n)}
        if _date(e.at):
            attrs |= {"started": _date(e.at, e.end.real_ms), "isStartedSynced": "False",
                      "ended": _date(e.at), "isEndedSynced": "False"}
        end = e.end if e.done else None
        _times(history, "Attempt", end, _live(e, end), attrs)
    _segments(ET.SubElement(root, "Segments"), ch, local, ids)
    ET.SubElement(root, "AutoSplitterSettings")
    return root


def _segments(parent: ET.Element, ch: Challenge, local: list[Entry], ids: list[str]) -> None:
    pb = personal_best(ch, local)
    pb_times = pb.times(ids) if pb else [None] * len(ids)
    best_game = best_segments(ch, local)
    best_real = best_segments(ch, [e for e in local if e.source == LIVE], real=True)
    runs = [(e, segments(e.times(ids))) for e in local]
    for i, title in enumerate(segment_titles(ch)):
        seg = ET.SubElement(parent, "Segment")
        ET.SubElement(seg, "Name").text = title
        ET.SubElement(seg, "Icon")
        split_times = ET.SubElement(seg, "SplitTimes")
        t = pb_times[i]
        pt = span(t) if t is not None else None
        _times(split_times, "SplitTime", pt, _live(pb, pt) if pb else None, {"name": "Personal Best"})
        _times(seg, "BestSegmentTime", best_game[i], best_real[i])
        hist = ET.SubElement(seg, "SegmentHistory")
        for n, (e, run) in enumerate(runs, 1):
            if run[i] is not None:
                _times(hist, "Time", run[i], _live(e, run[i]), {"id": str(n)})


def write_lss(path: Path, camp: Campaign, ch: Challenge, board: Board) -> None:
    """Write the .lss file (atomically, like every file the game writes); OSError if it cannot."""
    root = build(camp, ch, board)
    ET.indent(root, space="  ")
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")
    atomic_write(Path(path), data + b"\n")
