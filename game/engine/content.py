"""Load a campaign folder of TOML into typed objects, validating all of it in one pass.

Every problem is collected (file, line, column, table path, hint) rather than raised at the first,
so an author fixes a whole file at a time. Run ``python -m game.engine.content DIR`` to check a
folder by hand.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .expr import BOOL, NUM, Expr, ExprError, compile_expr, names_in
from .model import (Amount, Campaign, Choice, Deck, Gate, Later, ListDef, Npc, Route, Rule, Scene,
                    Score, Stat, Template, Where)
from .problems import ContentError, Problem
from .draw import prepare_decks
from .rules import prepare
from .scope import CampaignScope
from .tomlpos import Positions, file_column

ID = re.compile(r"^[a-z0-9_]+$")
ACT = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
TOML_ERR = re.compile(r"^(.*?)\s*\(at line (\d+), column (\d+)\)$")
BRACES = re.compile(r"\{\{|\}\}|\{[^{}]*\}?|\}")
MAX_DAYS = 3650  # ten years of days; the engine keeps a table a day
RESERVED = {"day", "hour", "friends", "flags", "npc", "true", "false", "and", "or", "not"}

# How TOML text becomes data. The shell may swap in a caching parser (``use_parser``); the engine
# itself does no I/O beyond reading the campaign folder it is handed.
parse_toml: Callable[[str], dict[str, Any]] = tomllib.loads


def use_parser(parse: Callable[[str], dict[str, Any]]) -> None:
    """Read TOML through ``parse`` from now on; it must behave exactly like ``tomllib.loads``."""
    global parse_toml
    parse_toml = parse


# key -> (accepted python types, required)
S, I, B, T, L = (str,), (int,), (bool,), (dict,), (list,)
A = (int, float, str)
SPEC: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "campaign": {"id": (S, True), "title": (S, True), "blurb": (S, False), "start": (S, True),
                 "days": (I, True), "finale": (S, True), "day_start": (S, True),
                 "start_hour": (I, False)},
    "score": {"label": (S, False), "min": (I, True), "max": (I, True), "start": (I, True),
              "direction": (S, False), "bands": (T, False), "domains": (T, False)},
    "stat": {"label": (S, False), "start": (I, True), "min": (I, False), "max": (I, False),
             "unit": (S, False)},
    "npc": {"name": (S, True), "about": (S, False), "friend": (B, False), "scores": (T, False),
            "kind": (S, False)},
    "list": {"title": (S, True), "kind": (S, False), "on": (S, False), "off": (S, False),
             "shown_if": (S, False)},
    "later": {"days": (I, True), "goto": (S, False), "does": (S + L, False)},
    "deck": {"fallback": (S, True)},
    "scene": {"title": (S, False), "text": (S, False), "choice": (L, False), "deck": (S, False),
              "if": (S, False), "weight": (A, False), "repeat": (B, False), "routes": (L, False),
              "ending": (B, False)},
    "choice": {"id": (S, True), "text": (S, True), "if": (S, False), "locked": (S, False),
               "needs": (S, False), "effects": (T, False), "set": (L, False), "clear": (L, False),
               "befriend": (L, False), "unfriend": (L, False), "does": (L, False),
               "hours": (I, False), "goto": (S, False), "end_day": (B, False),
               "later": (T + L, False), "reveal": (L, False)},
    "route": {"if": (S, False), "goto": (S, True)},
    "rule": {"on": (S + L, False), "every": (S, False), "when": (S, False), "if": (S, False),
             "score": (T, False), "domain": (S, False), "effects": (T, False), "set": (L, False),
             "clear": (L, False), "goto": (S, False), "why": (S, True), "hidden": (B, False),
             "once": (B, False), "later": (T + L, False), "reveal": (L, False),
             "reveal_after": (I, False)},
    "gate": {"title": (S, True), "text": (S, False), "needs": (S, True), "why_not": (S, False)},
}
TOP = {"campaign.toml": {"campaign", "scores", "stats", "flags", "npc", "deck", "calendar",
                         "gate_kinds", "list"},
       "rules.toml": {"rule"}, "scenes": {"scene"}}
TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
              dict: "a table", list: "a list"}


@dataclass(slots=True)
class Source:
    name: str  # path shown in messages
    data: dict[str, Any]
    text: str
    _pos: Positions | None = None

    @property
    def pos(self) -> Positions:
        """Line positions, scanned only when a message or a check needs a line number."""
        if self._pos is None:
            self._pos = Positions(self.text)
        return self._pos

    def line(self, path: str) -> int:
        return self.pos.line(path)

    def column(self, line: int, expr: str, column: int) -> int:
        """The file column of character ``column`` of ``expr`` written on ``line`` (0 if not found there)."""
        lines = self.text.splitlines()
        return file_column(lines[line - 1], expr, column) if 0 < line <= len(lines) else 0


def content_hash(files: dict[str, bytes]) -> str:
    """A hash of the campaign's TOML files (names and bytes), to spot an edited story."""
    h = hashlib.sha256()
    for rel in sorted(files):  # line endings normalised: a Windows checkout is the same story
        h.update(rel.encode() + b"\0" + files[rel].replace(b"\r\n", b"\n") + b"\0")
    return h.hexdigest()[:16]


class Loader:
    """One pass over a campaign folder; collects problems instead of stopping at the first."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.label = root.name
        self.files: dict[str, bytes] = {}  # what was read, for the content hash
        self.sources: dict[str, Source] = {}  # by the name shown in messages
        self.list_conds: dict[str, str] = {}  # list id -> its shown_if, compiled with the rest

    # ------------------------------------------------------------ reporting

    def problem(self, src: Source, path: str, message: str, hint: str = "", column: int = 0,
                severity: str = "error", line: int = 0) -> None:
        self.problems.append(Problem(src.name, line or src.pos.line(path), message, path, hint,
                                     column, severity))

    def read(self, rel: str, required: bool) -> Source | None:
        path = self.root / rel
        name = f"{self.label}/{rel}"
        if not path.is_file():
            if required:
                self.problems.append(Problem(name, 0, "file not found",
                                             hint=f"A campaign needs {rel} in {self.root}."))
            return None
        try:
            raw = path.read_bytes()
            self.files[rel] = raw
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            self.problems.append(Problem(name, 0, f"cannot read the file: {e}",
                                         hint="Save it as UTF-8 text."))
            return None
        try:
            data = parse_toml(text)
        except tomllib.TOMLDecodeError as e:
            m = TOML_ERR.match(str(e))
            msg, line, col = (m.group(1), int(m.group(2)), int(m.group(3))) if m else (str(e), 0, 0)
            self.problems.append(Problem(name, line, f"TOML syntax: {msg}", column=col,
                                         hint=_toml_hint(msg)))
            return None
        src = Source(name, data, text)
        self.sources[name] = src
        return src

    # ------------------------------------------------------------ shapes

    def keys(self, src: Source, path: str, table: Any, kind: str) -> dict[str, Any]:
        """Check a table against SPEC[kind]; returns it (or {} when it is not a table)."""
        if not isinstance(table, dict):
            self.problem(src, path, f"{path} must be a table", "Write it as [" + path + "].")
            return {}
        spec = SPEC[kind]
        for key, value in table.items():
            if key not in spec:
                close = difflib.get_close_matches(key, list(spec), n=1)
                hint = f"Did you mean '{close[0]}'?" if close else "Allowed: " + ", ".join(spec)
                self.problem(src, f"{path}.{key}", f"unknown key '{key}' in {kind}", hint)
                continue
            types = spec[key][0]
            ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
            if not ok:
                want = " or ".join(TYPE_NAMES[t] for t in types)
                self.problem(src, f"{path}.{key}", f"'{key}' must be {want}", _example(key, types))
        for key, (_, required) in spec.items():
            if required and key not in table:
                self.problem(src, path, f"{kind} '{path}' has no '{key}'", f"Add {key} = ...")
        return {k: v for k, v in table.items()
                if k in spec and isinstance(v, spec[k][0])
                and not (isinstance(v, bool) and bool not in spec[k][0])}

    def check_id(self, src: Source, path: str, ident: str, what: str) -> bool:
        if not ID.match(ident):
            self.problem(src, path, f"the {what} id '{ident}' is not allowed",
                         "Ids use lower-case letters, digits and underscores.")
            return False
        return True

    def strs(self, src: Source, path: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            self.problem(src, path, "this must be a list of text", 'Write ["a", "b"].')
            return ()
        return tuple(value)

    # ------------------------------------------------------------ expressions

    def expr(self, src: Source, path: str, text: str, want: str | None,
             line: Callable[[], int] | None = None) -> Expr | None:
        try:
            return compile_expr(text, self.scope, want)
        except ExprError as e:
            at = line() if line else src.line(path)
            column = src.column(at, text, e.column)
            where = "" if column else f" (at its character {e.column})"  # a multi-line string
            self.problem(src, path, f"{e.message} in `{text}`{where}", e.hint, column, line=at)
            return None

    def amounts(self, src: Source, path: str, table: dict[str, Any], names: dict[str, Any],
                what: str) -> dict[str, Amount]:
        out: dict[str, Amount] = {}
        for key, v in table.items():
            if key not in names:
                close = difflib.get_close_matches(key, list(names), n=1)
                self.problem(src, f"{path}.{key}", f"unknown {what} '{key}'",
                             f"Did you mean '{close[0]}'?" if close else f"Declare the {what} in campaign.toml.")
                continue
            if isinstance(v, bool) or not isinstance(v, (int, float, str)) or \
                    (isinstance(v, float) and not math.isfinite(v)):
                self.problem(src, f"{path}.{key}", "an amount must be a finite number or a formula in quotes")
            elif isinstance(v, str):
                e = self.expr(src, f"{path}.{key}", v, NUM)
                if e is not None:
                    out[key] = e
            else:
                out[key] = round(v)
        return out

    def template(self, src: Source, path: str, text: str) -> Template:
        """Split text into literal pieces and {expression} holes ({{ and }} are literal braces)."""
        if "{" not in text and "}" not in text:
            return (text,) if text else ()
        parts: list[str | Expr] = []
        pos = 0
        for m in BRACES.finditer(text):
            tok = m.group()
            if tok in ("{{", "}}"):
                parts.append(text[pos : m.start()] + tok[0])
            elif tok == "}":
                self.problem(src, path, "a '}' in the text has no '{'", "Write }} for a literal brace.")
                parts.append(text[pos : m.start()])
            elif not tok.endswith("}"):
                self.problem(src, path, "a '{' in the text is never closed", "Write {{ for a literal brace.")
                parts.append(text[pos:])
                pos = len(text)
                break
            else:
                parts.append(text[pos : m.start()])
                at = m.start()
                e = self.expr(src, path, tok[1:-1].strip(), None,
                              line=lambda: self.text_line(src, path, text, at))  # noqa: B023 (called at once)
                if e is not None:
                    parts.append(e)
            pos = m.end()
        parts.append(text[pos:])
        return tuple(p for p in parts if not isinstance(p, str) or p)

    def text_line(self, src: Source, path: str, text: str, at: int) -> int:
        """The file line of position ``at`` in a text value.

        A string that opens with \"\"\" and a line break starts on the next line (TOML drops that
        first break); a one-line string with \\n escapes stays on its key's line.
        """
        line = src.line(path)
        raw = src.text.splitlines()[line - 1] if 0 < line <= src.text.count("\n") + 1 else ""
        if re.search(r'=\s*("""|\'\'\')\s*$', raw):
            return line + 1 + text.count("\n", 0, at)
        if '"""' in raw or "\'\'\'" in raw:
            return line + text.count("\n", 0, at)
        return line

    # ------------------------------------------------------------ the campaign file

    def load(self) -> Campaign:
        camp_src = self.read("campaign.toml", required=True)
        rule_src = self.read("rules.toml", required=False)
        gate_src = self.read("gates.toml", required=False)
        scene_dir = self.root / "scenes"
        scene_srcs = [s for f in sorted(scene_dir.glob("*.toml")) if (s := self.read(f"scenes/{f.name}", True))] \
            if scene_dir.is_dir() else []
        if not scene_dir.is_dir() and camp_src is not None:
            self.problems.append(Problem(f"{self.label}/scenes", 0, "no scenes folder",
                                         hint="Put the story in scenes/*.toml."))
        if camp_src is None or self.problems:
            # A file that cannot be read would make every reference into it look dangling.
            raise ContentError(self.problems)
        cdata = camp_src.data
        for key in cdata:
            if key not in TOP["campaign.toml"]:
                self.problem(camp_src, key, f"unknown table [{key}] in campaign.toml",
                             "Allowed: " + ", ".join(sorted(TOP["campaign.toml"])))
        head = self.keys(camp_src, "campaign", cdata.get("campaign", {}), "campaign")
        scores = self.load_scores(camp_src, cdata.get("scores", {}))
        stats = self.load_stats(camp_src, cdata.get("stats", {}), scores)
        flags = self.load_flags(camp_src, cdata.get("flags", {}))
        lists = self.load_lists(camp_src, cdata.get("list", {}), flags)
        npcs = self.load_npcs(camp_src, cdata.get("npc", {}), scores)
        decks = self.load_decks(camp_src, cdata.get("deck", {}))

        raw_scenes = self.collect_scenes(scene_srcs)
        raw_gates = self.collect_gates(gate_src)
        rules_data = rule_src.data.get("rule", {}) if rule_src else {}
        acts = _acts_named(raw_scenes, rules_data)
        scene_ids = {sid for sid, _, _ in raw_scenes}
        self.scope = CampaignScope(scores, stats, flags, npcs, scene_ids, raw_gates, acts)
        self.stats, self.scores, self.flags, self.npcs = stats, scores, flags, npcs
        self.targets: dict[str, Any] = {**stats, **{f"npc.{n}.{m}": npc for n, npc in npcs.items()
                                                     for m in npc.scores}}
        self.decks = decks
        self.scene_ids = scene_ids

        for lid, raw in self.list_conds.items():  # conditions compile once every name is known
            lists[lid].shown = self.expr(camp_src, f"list.{lid}.shown_if", raw, BOOL)
        gates = self.load_gates(gate_src, raw_gates)
        scenes = {sid: self.load_scene(src, sid, t) for sid, src, t in raw_scenes}
        rules = self.load_rules(rule_src) if rule_src else {}
        campaign = self.finish(camp_src, head, cdata, scores, stats, flags, npcs, decks, gates,
                               scenes, rules)
        campaign.lists = lists
        self.check_reveals(scenes, rules, rule_src)
        if any(p.severity == "error" for p in self.problems):
            raise ContentError(self.problems)
        campaign.warnings = [p for p in self.problems if p.severity == "warning"]
        return campaign

    def load_scores(self, src: Source, table: Any) -> dict[str, Score]:
        if not isinstance(table, dict) or not table:
            self.problem(src, "scores", "the campaign has no score", "Add a [scores.<id>] table.")
            return {}
        out: dict[str, Score] = {}
        sid: str  # TOML keys are text
        for sid, raw in table.items():
            path = f"scores.{sid}"
            if not self.check_id(src, path, sid, "score"):
                continue
            if sid in RESERVED:
                self.problem(src, path, f"'{sid}' is a reserved name", "Pick another score id.")
            t = self.keys(src, path, raw, "score")
            lo, hi, start = t.get("min", 0), t.get("max", 100), t.get("start", 0)
            if not lo <= start <= hi:
                self.problem(src, f"{path}.start", f"start {start} is outside {lo}..{hi}")
            direction = t.get("direction", "higher")
            if direction not in ("higher", "lower"):
                self.problem(src, f"{path}.direction", "direction must be \"higher\" or \"lower\"",
                             "\"lower\" is for rank-style scores where #1 is best.")
            bands = []
            for name, bound in t.get("bands", {}).items():
                if not isinstance(bound, int) or isinstance(bound, bool):
                    self.problem(src, f"{path}.bands.{name}", "a band's lower bound must be a whole number")
                else:
                    bands.append((bound, name))
            domains = {}
            for name, w in t.get("domains", {}).items():
                if not isinstance(w, (int, float)) or isinstance(w, bool) or not math.isfinite(w):
                    self.problem(src, f"{path}.domains.{name}", "a domain's weight must be a finite number")
                else:
                    domains[name] = int(w)
            out[sid] = Score(sid, t.get("label", sid), lo, hi, start, direction, sorted(bands), domains)
        return out

    def load_stats(self, src: Source, table: Any, scores: dict[str, Score]) -> dict[str, Stat]:
        out: dict[str, Stat] = {}
        if not isinstance(table, dict):
            self.problem(src, "stats", "[stats] must be a table")
            return out
        for sid, raw in table.items():
            path = f"stats.{sid}"
            if not self.check_id(src, path, sid, "stat"):
                continue
            if sid in scores or sid in RESERVED:
                self.problem(src, path, f"the name '{sid}' is already taken", "Pick another stat id.")
            t = self.keys(src, path, raw, "stat")
            lo, hi, start = t.get("min"), t.get("max"), t.get("start", 0)
            if (lo is not None and start < lo) or (hi is not None and start > hi):
                self.problem(src, f"{path}.start", f"start {start} is outside "
                             f"{'' if lo is None else lo}..{'' if hi is None else hi}",
                             "Move the start inside the bounds, or widen them.")
            out[sid] = Stat(sid, t.get("label", sid.replace("_", " ").capitalize()), t.get("start", 0),
                            t.get("min"), t.get("max"), t.get("unit", ""))
        return out

    def load_flags(self, src: Source, table: Any) -> dict[str, str]:
        out: dict[str, str] = {}
        if not isinstance(table, dict):
            self.problem(src, "flags", "[flags] must be a table of flag = \"what it means\"")
            return out
        for fid, about in table.items():
            if self.check_id(src, f"flags.{fid}", fid, "flag"):
                if not isinstance(about, str):
                    self.problem(src, f"flags.{fid}", "a flag is declared with what it means, in words",
                                 f'{fid} = "On the court blacklist."')
                out[fid] = about if isinstance(about, str) else fid
        return out

    def load_lists(self, src: Source, table: Any, flags: dict[str, str]) -> dict[str, ListDef]:
        """Blacklists and redlists; each one is also a flag of its own id."""
        out: dict[str, ListDef] = {}
        if not isinstance(table, dict):
            self.problem(src, "list", "[list] must hold tables such as [list.court_blacklist]")
            return out
        lid: str  # TOML keys are text
        for lid, raw in table.items():
            path = f"list.{lid}"
            if not self.check_id(src, path, lid, "list"):
                continue
            if lid in flags:
                self.problem(src, path, f"'{lid}' is both a flag and a list",
                             "A list is a flag already; remove it from [flags].")
            t = self.keys(src, path, raw, "list")
            kind = t.get("kind", "black")
            if kind not in ("black", "red"):
                self.problem(src, f"{path}.kind", 'kind must be "black" or "red"',
                             '"black": bad to be on; "red": good to be on.')
            out[lid] = ListDef(lid, t.get("title", lid), kind, t.get("on", ""), t.get("off", ""))
            if "shown_if" in t:
                self.list_conds[lid] = t["shown_if"]
            flags[lid] = t.get("title", lid)
        return out

    def load_npcs(self, src: Source, table: Any, scores: dict[str, Score]) -> dict[str, Npc]:
        out: dict[str, Npc] = {}
        if not isinstance(table, dict):
            self.problem(src, "npc", "[npc] must hold tables such as [npc.li_wei]")
            return out
        nid: str  # TOML keys are text
        for nid, raw in table.items():
            path = f"npc.{nid}"
            if not self.check_id(src, path, nid, "person"):
                continue
            t = self.keys(src, path, raw, "npc")
            own = {}
            for sid, v in t.get("scores", {}).items():
                if not ID.match(sid) or sid == "friend":
                    self.problem(src, f"{path}.scores.{sid}", f"the measure name '{sid}' is not allowed",
                                 "Use a score id of the campaign, or a lower-case name like rating.")
                elif not isinstance(v, int) or isinstance(v, bool):
                    self.problem(src, f"{path}.scores.{sid}", "a score must be a whole number")
                else:
                    own[sid] = v
            for sid, sc in scores.items():
                own.setdefault(sid, sc.start)
            kind = t.get("kind", "person")
            if kind not in ("person", "org"):
                self.problem(src, f"{path}.kind", 'kind must be "person" or "org"',
                             'Use kind = "org" for a clinic, a school, a company.')
            out[nid] = Npc(nid, t.get("name", nid), t.get("about", ""), t.get("friend", False), own,
                           kind)
        return out

    def load_decks(self, src: Source, table: Any) -> dict[str, Deck]:
        out: dict[str, Deck] = {}
        if not isinstance(table, dict):
            return out
        for did, raw in table.items():
            if self.check_id(src, f"deck.{did}", did, "deck"):
                t = self.keys(src, f"deck.{did}", raw, "deck")
                out[did] = Deck(did, t.get("fallback", ""))
        return out

    # ------------------------------------------------------------ scenes

    def collect_scenes(self, srcs: list[Source]) -> list[tuple[str, Source, dict[str, Any]]]:
        seen: dict[str, str] = {}
        out = []
        for src in srcs:
            for key in src.data:
                if key != "scene":
                    self.problem(src, key, f"unknown table [{key}] in a scene file",
                                 "Scene files hold [scene.<id>] tables.")
            table = src.data.get("scene", {})
            if not isinstance(table, dict):
                self.problem(src, "scene", "scene must hold tables such as [scene.<id>]",
                             "Write each scene as a [scene.<id>] table.")
                continue
            for sid, t in table.items():
                path = f"scene.{sid}"
                if not self.check_id(src, path, sid, "scene"):
                    continue
                if sid in seen:
                    self.problem(src, path, f"scene '{sid}' is also defined in {seen[sid]}",
                                 "Scene ids must be unique across the campaign.")
                    continue
                seen[sid] = src.name
                out.append((sid, src, t if isinstance(t, dict) else {}))
        return out

    def load_scene(self, src: Source, sid: str, raw: dict[str, Any]) -> Scene:
        path = f"scene.{sid}"
        t = self.keys(src, path, raw, "scene")
        at = Where(src.name, path, src.line)
        deck = t.get("deck", "")
        if deck and deck not in self.decks:
            self.problem(src, f"{path}.deck", f"unknown deck '{deck}'", "Declare it as [deck.<id>] in campaign.toml.")
        cond = self.expr(src, f"{path}.if", t["if"], BOOL) if "if" in t else None
        weight: Amount = 1
        if "weight" in t:
            w = t["weight"]
            if isinstance(w, float) and not math.isfinite(w):
                self.problem(src, f"{path}.weight", "a weight must be a finite number")
                w = 1
            weight = (self.expr(src, f"{path}.weight", w, NUM) or 1) if isinstance(w, str) else round(w)
            if isinstance(weight, int) and weight < 1:
                self.problem(src, f"{path}.weight", "a fixed weight must be at least 1",
                             "Use an 'if' to keep a storylet out of the deck.")
                weight = 1
        if not deck:
            for key in ("if", "weight", "repeat"):
                if key in t:
                    self.problem(src, f"{path}.{key}", f"'{key}' only applies to storylets",
                                 "Add deck = \"...\" to make this scene a storylet.", severity="warning")
        choices: list[Choice] = []
        by_id: dict[str, Choice] = {}
        raw_choices = t.get("choice", [])
        for i, c in enumerate(raw_choices):
            ch = self.load_choice(src, sid, f"{path}.choice[{i}]", c)
            if ch is None:
                continue
            if ch.local in by_id:
                self.problem(src, f"{path}.choice[{i}].id", f"choice id '{ch.local}' is used twice in this scene",
                             "Give each choice in a scene its own id; saves and replays refer to it.")
                continue
            by_id[ch.local] = ch
            choices.append(ch)
        routes = self.load_routes(src, path, t.get("routes", []))
        ending = t.get("ending", False)
        kinds = sum(bool(x) for x in (raw_choices, routes, ending))
        if kinds == 0:
            self.problem(src, path, f"scene '{sid}' has no choices, routes or ending",
                         "Add [[scene." + sid + ".choice]] tables, routes = [...], or ending = true.")
        elif kinds > 1:
            self.problem(src, path, f"scene '{sid}' mixes choices, routes and ending",
                         "A scene has choices, or routes, or is an ending.")
        if not ending and not routes and "text" not in t:
            self.problem(src, path, f"scene '{sid}' has no text", "Add text = \"\"\"...\"\"\".")
        text = self.template(src, f"{path}.text", t.get("text", ""))
        return Scene(sid, t.get("title", ""), text, choices, by_id, deck, cond, weight,
                     t.get("repeat", False), routes, ending, at)

    def load_choice(self, src: Source, sid: str, path: str, raw: Any) -> Choice | None:
        t = self.keys(src, path, raw, "choice")
        local = t.get("id", "")
        if not local or not self.check_id(src, f"{path}.id", local, "choice"):
            return None
        goto, end_day = t.get("goto", ""), t.get("end_day", False)
        if bool(goto) == bool(end_day):
            self.problem(src, path, f"choice '{local}' needs exactly one of goto or end_day = true",
                         "Say where the story goes next.")
        if goto:
            self.target(src, f"{path}.goto", goto)
        needs = t.get("needs", "")
        if needs and needs not in self.scope.gates:
            self.problem(src, f"{path}.needs", f"unknown gate '{needs}'",
                         _close(needs, list(self.scope.gates), "Gates are named kind.id, e.g. job.bank_clerk."))
        hours = t.get("hours", 1)
        if hours < 0:
            self.problem(src, f"{path}.hours", "hours cannot be negative")
        flags = {k: self.flag_list(src, f"{path}.{k}", t.get(k, [])) for k in ("set", "clear")}
        people = {k: self.npc_list(src, f"{path}.{k}", t.get(k, [])) for k in ("befriend", "unfriend")}
        does = self.strs(src, f"{path}.does", t.get("does", []))
        self.acts_ok(src, f"{path}.does", does)
        return Choice(
            id=f"{sid}.{local}", local=local,
            text=self.template(src, f"{path}.text", t.get("text", "")),
            cond=self.expr(src, f"{path}.if", t["if"], BOOL) if "if" in t else None,
            locked=t.get("locked", ""), needs=needs,
            effects=self.amounts(src, f"{path}.effects", t.get("effects", {}), self.targets, "stat"),
            set=flags["set"], clear=flags["clear"], befriend=people["befriend"],
            unfriend=people["unfriend"], does=does, hours=hours, goto=goto, end_day=end_day,
            at=Where(src.name, path, src.line), later=self.laters(src, f"{path}.later", t.get("later", ())),
            reveal=self.strs(src, f"{path}.reveal", t.get("reveal", [])))

    def laters(self, src: Source, path: str, value: Any) -> tuple[Later, ...]:
        """`later = {days, goto, does}` or a list of them: consequences that come days later."""
        items = [value] if isinstance(value, dict) else value
        out = []
        for i, raw in enumerate(items):
            p = path if isinstance(value, dict) else f"{path}[{i}]"
            t = self.keys(src, p, raw, "later")
            if not t:
                continue
            days, goto = t.get("days", 1), t.get("goto", "")
            does = t.get("does", [])
            does = (does,) if isinstance(does, str) else self.strs(src, f"{p}.does", does)
            if days < 1:
                self.problem(src, f"{p}.days", "days must be at least 1", "later = { days = 3, ... }")
            if goto:
                self.target(src, f"{p}.goto", goto)
            self.acts_ok(src, f"{p}.does", does)
            if not goto and not does:
                self.problem(src, p, "a later consequence needs goto or does",
                             'later = { days = 3, goto = "letter_arrives" }')
            out.append(Later(max(days, 1), goto, does))
        return tuple(out)

    def acts_ok(self, src: Source, path: str, does: tuple[str, ...]) -> None:
        for act in does:
            if not ACT.match(act):
                self.problem(src, path, f"the act '{act}' is not allowed",
                             "Acts are dotted lower-case words, e.g. buy.diapers.")

    def check_reveals(self, scenes: dict[str, Scene], rules: dict[str, Rule], rule_src: Source | None) -> None:
        """Every `reveal` names a rule, and a hidden one (revealing a known rule does nothing)."""
        owners = [(ch.at, ch.reveal) for sc in scenes.values() for ch in sc.choices]
        owners += [(r.at, r.reveal) for r in rules.values()]
        for at, names in owners:
            for rid in names:
                src = self.sources[at.file]
                if rid not in rules:
                    self.problem(src, f"{at.path}.reveal", f"reveal names no rule '{rid}'",
                                 _close(rid, list(rules), "Rules are the [rule.<id>] tables of rules.toml."))
                elif not rules[rid].hidden:
                    self.problem(src, f"{at.path}.reveal", f"rule '{rid}' is not hidden, so there is nothing to reveal",
                                 "Add hidden = true to the rule, or drop it from reveal.", severity="warning")

    def flag_list(self, src: Source, path: str, value: Any) -> tuple[str, ...]:
        items = self.strs(src, path, value)
        for f in items:
            if f not in self.flags:
                self.problem(src, path, f"unknown flag '{f}'",
                             _close(f, list(self.flags), "Declare it under [flags] in campaign.toml."))
        return items

    def npc_list(self, src: Source, path: str, value: Any) -> tuple[str, ...]:
        items = self.strs(src, path, value)
        for n in items:
            if n not in self.npcs:
                self.problem(src, path, f"unknown person '{n}'",
                             _close(n, list(self.npcs), "Declare them as [npc.<id>] in campaign.toml."))
        return items

    def target(self, src: Source, path: str, goto: str) -> None:
        if goto not in self.scene_ids and goto not in self.decks:
            self.problem(src, path, f"goto '{goto}' names no scene or deck",
                         _close(goto, [*self.scene_ids, *self.decks], "Check the spelling, or add the scene."))

    def load_routes(self, src: Source, path: str, raw: list[Any]) -> list[Route]:
        out = []
        for i, r in enumerate(raw):
            rp = f"{path}.routes[{i}]"
            t = self.keys(src, rp, r, "route")
            if "goto" not in t:
                continue
            self.target(src, f"{rp}.goto", t["goto"])
            cond = self.expr(src, f"{rp}.if", t["if"], BOOL) if "if" in t else None
            out.append(Route(cond, t["goto"]))
        if out and out[-1].cond is not None:
            self.problem(src, f"{path}.routes", "the last route has a condition, so a player can fall through",
                         "End routes with one that has no 'if', e.g. { goto = \"ending_ordinary\" }.")
        return out

    # ------------------------------------------------------------ gates

    def collect_gates(self, src: Source | None) -> dict[str, tuple[str, str, dict[str, Any]]]:
        out: dict[str, tuple[str, str, dict[str, Any]]] = {}
        if src is None:
            return out
        for kind, table in src.data.items():
            if not isinstance(table, dict):
                self.problem(src, kind, f"'{kind}' above the first table is not a gate",
                             "Gates are tables such as [job.bank_clerk], each with its own needs = ...")
                continue
            if not self.check_id(src, kind, kind, "gate kind"):
                continue
            for gid, t in table.items():
                if self.check_id(src, f"{kind}.{gid}", gid, "gate"):
                    out[f"{kind}.{gid}"] = (kind, gid, t)
        return out

    def load_gates(self, src: Source | None, raw: dict[str, tuple[str, str, Any]]) -> dict[str, Gate]:
        out: dict[str, Gate] = {}
        for full, (kind, gid, table) in raw.items():
            assert src is not None
            t = self.keys(src, full, table, "gate")
            needs = self.expr(src, f"{full}.needs", t["needs"], BOOL) if "needs" in t else None
            if needs is not None and any(k == "open" for k, _ in names_in(needs.tree)):
                self.problem(src, f"{full}.needs", "a gate's needs cannot use open()",
                             "Write the other gate's condition out here.")
                needs = None
            if needs is None:
                needs = compile_expr("false", self.scope, BOOL)
            out[full] = Gate(kind, full, t.get("title", gid), t.get("text", ""), needs,
                             t.get("why_not", ""), Where(src.name, full, src.line))
            self.scope.gate_exprs[full] = needs
        return out

    # ------------------------------------------------------------ rules

    def load_rules(self, src: Source) -> dict[str, Rule]:
        out: dict[str, Rule] = {}
        for key in src.data:
            if key != "rule":
                self.problem(src, key, f"unknown table [{key}] in rules.toml", "Rules are [rule.<id>] tables.")
        table = src.data.get("rule", {})
        if not isinstance(table, dict):
            return out
        for rid, raw in table.items():
            path = f"rule.{rid}"
            if not self.check_id(src, path, rid, "rule"):
                continue
            t = self.keys(src, path, raw, "rule")
            triggers = [k for k in ("on", "every", "when") if k in t]
            if len(triggers) != 1:
                self.problem(src, path, f"rule '{rid}' needs exactly one of on, every, when",
                             "on = \"buy.diapers\", every = \"day\", or when = \"credit < 450\".")
            on = t.get("on", ())
            on = (on,) if isinstance(on, str) else self.strs(src, f"{path}.on", on) if on else ()
            every = t.get("every", "")
            if every and every not in ("day", "choice"):
                self.problem(src, f"{path}.every", f"every = \"{every}\" is not a period",
                             "Use every = \"day\" or every = \"choice\".")
            score = self.amounts(src, f"{path}.score", t.get("score", {}), self.scores, "score")
            domain = t.get("domain", "")
            for sid in score:
                doms = self.scores[sid].domains
                if doms and domain not in doms:
                    self.problem(src, f"{path}.domain" if domain else path,
                                 f"rule '{rid}' needs a domain of {sid}" if not domain
                                 else f"'{domain}' is not a domain of {sid}",
                                 "Domains: " + ", ".join(doms))
            goto = t.get("goto", "")
            if goto:
                self.target(src, f"{path}.goto", goto)
            out[rid] = Rule(
                id=rid, on=on, every=every,
                when=self.expr(src, f"{path}.when", t["when"], BOOL) if "when" in t else None,
                cond=self.expr(src, f"{path}.if", t["if"], BOOL) if "if" in t else None,
                score=score, domain=domain,
                effects=self.amounts(src, f"{path}.effects", t.get("effects", {}), self.targets, "stat"),
                set=self.flag_list(src, f"{path}.set", t.get("set", [])),
                clear=self.flag_list(src, f"{path}.clear", t.get("clear", [])),
                goto=goto, why=t.get("why", ""), hidden=t.get("hidden", False),
                once=t.get("once", False), at=Where(src.name, path, src.line),
                later=self.laters(src, f"{path}.later", t.get("later", ())),
                reveal=self.strs(src, f"{path}.reveal", t.get("reveal", [])),
                reveal_after=self.reveal_after(src, path, t))
        return out

    def reveal_after(self, src: Source, path: str, t: dict[str, Any]) -> int:
        n = t.get("reveal_after", 0)
        if "reveal_after" in t and (n < 1 or not t.get("hidden", False)):
            self.problem(src, f"{path}.reveal_after", "reveal_after is a count of at least 1, on a hidden rule",
                         "hidden = true\nreveal_after = 3   # known after it has fired three times")
        return max(n, 0)

    def gate_kinds(self, src: Source, raw: Any) -> dict[str, str]:
        """The life screen's headings for each kind of gate, in the author's order."""
        if not isinstance(raw, dict):
            self.problem(src, "gate_kinds", "[gate_kinds] must be a table of kind = \"Heading\"",
                         'job = "Jobs"')
            return {}
        for k, v in raw.items():
            if not isinstance(v, str):
                self.problem(src, f"gate_kinds.{k}", "a gate kind's heading must be text",
                             f'{k} = "{k.capitalize()}s"')
        return {k: v for k, v in raw.items() if isinstance(v, str)}

    # ------------------------------------------------------------ cross-checks

    def finish(self, src: Source, head: dict[str, Any], cdata: dict[str, Any], scores: dict[str, Score],
               stats: dict[str, Stat], flags: dict[str, str], npcs: dict[str, Npc], decks: dict[str, Deck],
               gates: dict[str, Gate], scenes: dict[str, Scene], rules: dict[str, Rule]) -> Campaign:
        cid = head.get("id", self.root.name)
        if cid != self.root.name:
            self.problem(src, "campaign.id", f"the id '{cid}' differs from the folder name '{self.root.name}'",
                         "Saves find a campaign by its folder; make them the same.")
        for key in ("start", "finale"):
            if key in head and head[key] not in scenes:
                self.problem(src, f"campaign.{key}", f"{key} '{head[key]}' names no scene",
                             _close(head[key], list(scenes), ""))
        if "day_start" in head:
            self.target(src, "campaign.day_start", head["day_start"])
        start_hour = head.get("start_hour", 7)
        if not 0 <= start_hour <= 23:
            self.problem(src, "campaign.start_hour", "start_hour must be an hour of the day, 0 to 23",
                         "start_hour = 7")
        days = head.get("days", 1)
        if not 1 <= days <= MAX_DAYS:
            self.problem(src, "campaign.days", f"days must be from 1 to {MAX_DAYS}")
            days = max(1, min(days, MAX_DAYS))
        calendar: dict[int, str] = {}
        cal = cdata.get("calendar", {})
        for k, v in (cal.items() if isinstance(cal, dict) else []):
            p = f"calendar.{k}"
            if not (k.isascii() and k.isdigit()) or not 1 <= int(k) <= days:
                self.problem(src, p, f"calendar day '{k}' is not a day of this campaign", f"Use 1 to {days}.")
            elif not isinstance(v, str):
                self.problem(src, p, "a calendar entry names a scene or deck")
            else:
                self.target(src, p, v)
                calendar[int(k)] = v
                if int(k) == 1:
                    self.problem(src, p, "calendar day 1 is never used: the first day opens at campaign.start",
                                 "Point campaign.start at this scene instead.", severity="warning")
        for deck in decks.values():
            if deck.id in scenes:
                self.problem(src, f"deck.{deck.id}", f"'{deck.id}' is both a deck and a scene",
                             "A goto could mean either; rename one of them.")
            deck.scenes = [s for s in scenes.values() if s.deck == deck.id]
            if deck.fallback and deck.fallback not in scenes:
                self.problem(src, f"deck.{deck.id}.fallback", f"fallback '{deck.fallback}' names no scene")
            elif deck.fallback and scenes[deck.fallback].deck == deck.id:
                self.problem(src, f"deck.{deck.id}.fallback", "the fallback cannot be in its own deck",
                             "The fallback is for when the deck has nothing left to draw.")
        kinds = self.gate_kinds(src, cdata.get("gate_kinds", {}))
        for g in gates.values():
            kinds.setdefault(g.kind, g.kind.replace("_", " ").capitalize() + "s")
        camp = Campaign(
            id=cid, title=head.get("title", cid), blurb=head.get("blurb", ""),
            start=head.get("start", ""), days=days, finale=head.get("finale", ""),
            day_start=head.get("day_start", ""), start_hour=start_hour, calendar=calendar,
            scores=scores, stats=stats, flags=flags, npcs=npcs, decks=decks, gate_kinds=kinds,
            gates=gates, scenes=scenes, rules=rules, root=str(self.root),
            content_hash=content_hash(self.files))
        for r in rules.values():
            if r.on:
                for act in r.on:
                    camp.rules_on.setdefault(act, []).append(r)
            elif r.every == "day":
                camp.rules_every_day.append(r)
            elif r.every == "choice":
                camp.rules_every_choice.append(r)
            elif r.when is not None:
                camp.rules_when.append(r)
        if not any(p.severity == "error" for p in self.problems):
            prepare(camp)
            prepare_decks(camp)
        return camp


def _acts_named(raw_scenes: list[tuple[str, Source, dict[str, Any]]], rules: Any) -> set[str]:
    """Every act the content names (choices' and laters' `does`, rules' `on`), read before the
    typed load so that `did("...")` can be checked against it."""
    def listed(v: Any) -> set[str]:
        return {v} if isinstance(v, str) else {a for a in v if isinstance(a, str)} if isinstance(v, list) else set()

    def from_later(v: Any) -> set[str]:
        items = [v] if isinstance(v, dict) else v if isinstance(v, list) else []
        return {a for x in items if isinstance(x, dict) for a in listed(x.get("does"))}

    acts: set[str] = set()
    for _, _, t in raw_scenes:
        choices = t.get("choice", [])
        for c in choices if isinstance(choices, list) else []:
            if isinstance(c, dict):
                acts |= listed(c.get("does")) | from_later(c.get("later"))
    for r in rules.values() if isinstance(rules, dict) else []:
        if isinstance(r, dict):
            acts |= listed(r.get("on")) | from_later(r.get("later"))
    return acts


def _close(word: str, names: list[str], fallback: str) -> str:
    close = difflib.get_close_matches(word, names, n=1)
    return f"Did you mean '{close[0]}'?" if close else fallback


def _example(key: str, types: tuple[type, ...]) -> str:
    if types == (str,):
        return f'Put it in quotes: {key} = "..."'
    if types == (list,):
        return f'Write a list: {key} = ["..."]'
    if types == (bool,):
        return f"Write {key} = true or {key} = false."
    if types == (int,):
        return f"Write a whole number without quotes: {key} = 3"
    return ""


def _toml_hint(msg: str) -> str:
    low = msg.lower()
    if "cannot declare" in low or "overwrite" in low or "duplicate" in low:
        return "A key or table is written twice; each id must be unique."
    if "invalid value" in low:
        return "Text values need quotes; multi-line text uses triple quotes \"\"\"."
    if "expected" in low and "=" in low:
        return "Each line is key = value."
    return "Check the line for a missing quote, bracket or '='."


def load_campaign(root: str | Path) -> Campaign:
    """Load and validate a campaign folder; raises ContentError listing every problem."""
    return Loader(Path(root)).load()


def list_campaigns(content_dir: str | Path) -> list[Path]:
    """Campaign folders under a content folder, in name order."""
    root = Path(content_dir)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "campaign.toml").is_file())


def main(argv: list[str]) -> int:
    """Check campaign folders from the command line: prints problems, exit 2 on errors."""
    code = 0
    for arg in argv or ["content"]:
        paths = list_campaigns(arg) if not (Path(arg) / "campaign.toml").exists() else [Path(arg)]
        if not paths:
            print(f"{arg}: no campaign found (a campaign folder holds campaign.toml)")
            code = 2
        for p in paths:
            try:
                camp = load_campaign(p)
            except ContentError as e:
                print(e.format())
                code = 2
                continue
            for w in camp.warnings:
                print(w.format())
            print(f"{p}: ok ({len(camp.scenes)} scenes, {len(camp.rules)} rules, {len(camp.gates)} gates)")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
