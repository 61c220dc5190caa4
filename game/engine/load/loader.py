"""The order of a load: read every file, declare the names, then load each construct against them.

Problems are collected, not raised at the first, so an author fixes a whole campaign at a time;
only a file that cannot be read stops the load early, since every reference into it would then
look dangling.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from ..expr import BOOL
from ..model import Campaign
from ..msg import Msg
from ..problems import ContentError, Problem
from ..scope import CampaignScope
from .context import Context, Parse
from .crosscheck import acts_in, acts_named, check_reveals, finish
from .gates import collect_gates, load_gates
from .keys import TOP, check_keys, unknown_tables
from .read import Source, content_hash, read_bytes, read_source
from .rules import load_rules
from .scenes import collect_scenes, load_scene
from .tables import load_decks, load_flags, load_lists, load_npcs, load_scores, load_stats
from .values import expr
from ..languages import is_translation


class Loader:
    """One load of one campaign folder; keeps its context so tools can reuse the names (``scope``)."""

    def __init__(self, root: str | Path, parse: Parse = tomllib.loads) -> None:
        self.cx = Context(Path(root), parse)

    @property
    def scope(self) -> CampaignScope:
        assert self.cx.scope is not None, "load() first"
        return self.cx.scope

    @property
    def problems(self) -> list[Problem]:
        return self.cx.problems

    def load(self) -> Campaign:
        return load(self.cx)


def load_campaign(root: str | Path, parse: Parse = tomllib.loads) -> Campaign:
    """Load and validate a campaign folder; raises ContentError listing every problem."""
    return load(Context(Path(root), parse))


def scene_files(folder: Path) -> list[str]:
    """The story's scene files by name; a translation beside one (opening.nl.toml) is not story."""
    if not folder.is_dir():
        return []
    return sorted(f.name for f in folder.glob("*.toml") if not is_translation(f.name))


def read_all(cx: Context) -> tuple[Source, Source | None, Source | None, list[Source]]:
    """campaign.toml, rules.toml, gates.toml and the scene files; ContentError if one cannot be read."""
    camp_src = read_source(cx, "campaign.toml", required=True)
    rule_src = read_source(cx, "rules.toml", required=False)
    gate_src = read_source(cx, "gates.toml", required=False)
    scene_dir = cx.root / "scenes"
    scene_srcs = [s for name in scene_files(scene_dir)
                  if (s := read_source(cx, f"scenes/{name}", True))]
    if not scene_dir.is_dir() and camp_src is not None:
        cx.file_problem("scenes", Msg("no scenes folder"), Msg("Put the story in scenes/*.toml."))
    if camp_src is None or cx.problems:
        raise ContentError(cx.problems, cx.root.parent)
    return camp_src, rule_src, gate_src, scene_srcs


def load(cx: Context) -> Campaign:
    camp_src, rule_src, gate_src, scene_srcs = read_all(cx)
    cdata = camp_src.data
    unknown_tables(cx, camp_src, TOP["campaign.toml"], "campaign.toml",
                   Msg("Allowed: {keys}", keys=", ".join(sorted(TOP["campaign.toml"]))))
    head = check_keys(cx, camp_src, "campaign", cdata.get("campaign", {}), "campaign")
    scores = load_scores(cx, camp_src, cdata.get("scores", {}))
    stats = load_stats(cx, camp_src, cdata.get("stats", {}), scores)
    flags = load_flags(cx, camp_src, cdata.get("flags", {}))
    lists = load_lists(cx, camp_src, cdata.get("list", {}), flags)
    npcs = load_npcs(cx, camp_src, cdata.get("npc", {}), scores)
    decks = load_decks(cx, camp_src, cdata.get("deck", {}))

    raw_scenes = collect_scenes(cx, scene_srcs)
    raw_gates = collect_gates(cx, gate_src)
    rules_data = rule_src.data.get("rule", {}) if rule_src else {}
    declare(cx, scores, stats, flags, npcs, decks, {sid for sid, _, _ in raw_scenes}, raw_gates,
            acts_named(raw_scenes, rules_data))

    for lid, raw in cx.list_conds.items():  # conditions compile once every name is known
        lists[lid].shown = expr(cx, camp_src, f"list.{lid}.shown_if", raw, BOOL)
    gates = load_gates(cx, gate_src, raw_gates)
    scenes = {sid: load_scene(cx, src, sid, t) for sid, src, t in raw_scenes}
    cx.names.choice_acts.update({ch.id: ch.does for sc in scenes.values() for ch in sc.choices})
    rules = load_rules(cx, rule_src) if rule_src else {}
    campaign = finish(cx, camp_src, head, cdata, scores, stats, flags, npcs, decks, gates, scenes, rules)
    campaign.lists = lists
    campaign.names.update({f"rule.{rid}": t["name"] for rid, t in rules_data.items()
                           if rid in rules and isinstance(t, dict) and isinstance(t.get("name"), str)}
                          if isinstance(rules_data, dict) else {})
    check_reveals(cx, scenes, rules, rule_src)
    if cx.has_errors():
        raise ContentError(cx.problems, cx.root.parent)
    campaign.warnings = [p for p in cx.problems if p.severity == "warning"]
    return campaign


def read_story_bytes(cx: Context) -> None:
    """The story files' bytes, as a full load would read them (for the content hash), unparsed."""
    scene_dir = cx.root / "scenes"
    scenes = [f"scenes/{name}" for name in scene_files(scene_dir)]
    for rel in ["campaign.toml", "rules.toml", "gates.toml", *scenes]:
        if os.path.lexists(cx.root / rel) and (raw := read_bytes(cx, rel, cx.root / rel)) is not None:
            cx.files[rel] = raw


def reuse(cx: Context, camp: Campaign) -> bool:
    """Take the names of a campaign loaded before, if its folder still holds the same story.

    A later file (challenges.toml) then compiles against them without loading the story again.
    """
    read_story_bytes(cx)
    if cx.problems or content_hash(cx.files) != camp.content_hash:
        cx.problems, cx.files = [], {}
        return False
    declare(cx, camp.scores, camp.stats, camp.flags, camp.npcs, camp.decks, set(camp.scenes),
            dict(camp.gates), acts_in(camp))
    assert cx.scope is not None
    cx.scope.gate_exprs.update({gid: g.needs for gid, g in camp.gates.items()})
    cx.scope.choice_acts.update({cid: ch.does for cid, ch in camp.choices.items()})
    return True


def declare(cx: Context, scores: dict[str, Any], stats: dict[str, Any], flags: dict[str, str],
            npcs: dict[str, Any], decks: dict[str, Any], scene_ids: set[str], raw_gates: dict[str, Any],
            acts: set[str]) -> None:
    """Make the campaign's names known to the constructs loaded after this point."""
    cx.scope = CampaignScope(scores, stats, flags, npcs, scene_ids, raw_gates, acts)
    cx.stats, cx.scores, cx.flags, cx.npcs, cx.decks, cx.scene_ids = stats, scores, flags, npcs, decks, scene_ids
    cx.targets = {**stats, **{f"npc.{n}.{m}": npc for n, npc in npcs.items() for m in npc.scores}}
