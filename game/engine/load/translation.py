"""A campaign's translation: text files beside the story's, read over a loaded campaign.

``scenes/opening.nl.toml`` holds only the words of ``scenes/opening.toml``, keyed by the same
stable ids (a choice by its id, not its place in the list). Anything it leaves out stays in the
story's own language, field by field. Each translated table may carry ``from``, a short hash of
the original words it was made from, so a changed original shows up as a stale translation.
The content hash is the story's alone: a save, a replay or a record never depends on the
language it was played in.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from .. import textlang
from ..expr import Expr
from ..languages import translation_of
from ..model import DOMAIN_WIDTH, STAT_LABEL_WIDTH, Campaign
from ..msg import Msg
from ..problems import Problem
from .context import Context, Parse, close
from .keys import kind_word
from .crosscheck import acts_in
from .loader import declare, scene_files
from .read import Source, read_source
from .tables import check_shown
from .values import template

# The words of each kind of table: what a translation may hold. Everything else is story.
TEXT_KEYS: dict[str, tuple[str, ...]] = {
    "campaign": ("title", "blurb", "about"), "score": ("label",), "stat": ("label", "unit"),
    "npc": ("name", "about"), "list": ("title", "on", "off"), "gate": ("title", "text", "why_not"),
    "scene": ("title", "text", "hint"), "choice": ("text", "locked", "reply"), "rule": ("name", "why"),
    "challenge": ("title", "about"), "split": ("title",),
}
# Tables of id = words (their keys are ids, every value is words).
WORD_MAPS = {"flags", "gate_kinds", "acts", "measures"}
# Words kept in a table of a score: the shown name of each band and domain, by id.
SCORE_MAPS = ("bands", "domains")
# Kinds whose text is a template ({holes} and forms); the rest is shown as written.
TEMPLATES = {("scene", "text"), ("choice", "text"), ("choice", "locked"), ("choice", "reply"),
             ("gate", "why_not"), ("rule", "why")}
STAMP = "from"
SCORE_MAP_WORDS = {"bands": Msg("band"), "domains": Msg("domain")}
SAME_ALLOWED = {"unit"}  # words a translation may leave as they are without being called missing


@dataclass(slots=True)
class Entry:
    """One translatable table of the original: its path, kind and words."""

    path: str  # "scene.arrival", "scene.arrival.choice.walk", "flags"
    kind: str
    words: dict[str, str]  # key -> original text (for a word map: id -> words)
    file: str  # the original's path in the campaign folder
    children: dict[str, str] = field(default_factory=dict)  # sub-table key -> child kind
    # Words the story does not write but shows, made from an id (a rule's name, an act): they may be
    # translated, and count as missing until they are, but a stamp covers only written words.
    derived: set[str] = field(default_factory=set)

    @property
    def stamp(self) -> str:
        """The hash of the original words a translation of this table was made from."""
        written = {k: v for k, v in self.words.items() if k not in self.derived}
        blob = json.dumps([self.kind, written], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:10]


@dataclass(slots=True)
class Translation:
    """What a translation read: its words by entry path, and what check reports."""

    lang: str
    words: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # the translation files found
    templates: dict[str, textlang.Template] = field(default_factory=dict)  # parsed texts by path.key
    entries: list[Entry] = field(default_factory=list)  # every translatable table of the story


def entries(rel: str, data: dict[str, Any]) -> Iterator[Entry]:
    """The translatable tables of one original file, in file order."""
    if rel == "campaign.toml":
        yield from _campaign_entries(rel, data)
    elif rel == "rules.toml":
        for e in _tables(rel, "rule", data.get("rule"), "rule"):
            if "name" not in e.words:  # named by its id, as the game shows it
                e.words["name"] = words_of(e.path.split(".", 1)[1])
                e.derived.add("name")
            yield e
        acts = sorted({a for _, t in _items(data.get("rule")) for a in _on(t.get("on"))})
        if acts:
            yield Entry("acts", "acts", {a: a.replace(".", " ").replace("_", " ") for a in acts}, rel,
                        derived=set(acts))

    elif rel == "gates.toml":
        for kind, table in data.items():
            yield from _tables(rel, kind, table, "gate")
    elif rel == "challenges.toml":
        for cid, t in _items(data.get("challenge")):
            yield _entry(rel, f"challenge.{cid}", "challenge", t, {"split": "split"})
            yield from _listed(rel, f"challenge.{cid}.split", t.get("split"), "split")
    else:
        for sid, t in _items(data.get("scene")):
            yield _entry(rel, f"scene.{sid}", "scene", t, {"choice": "choice"})
            yield from _listed(rel, f"scene.{sid}.choice", t.get("choice"), "choice")


def words_of(ident: str) -> str:
    """An id as the words screens show for it when nothing else is written: night_gaming -> Night gaming."""
    return ident.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def _on(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [a for a in value if isinstance(a, str)] \
        if isinstance(value, list) else []


def _campaign_entries(rel: str, data: dict[str, Any]) -> Iterator[Entry]:
    if isinstance(data.get("campaign"), dict):
        yield _entry(rel, "campaign", "campaign", data["campaign"])
    for sid, t in _items(data.get("scores")):
        e = _entry(rel, f"scores.{sid}", "score", t)
        for m in SCORE_MAPS:
            if isinstance(t.get(m), dict):
                e.words.update({f"{m}.{k}": k for k in t[m]})
        yield e
    yield from _tables(rel, "stats", data.get("stats"), "stat")
    for name in ("flags", "gate_kinds"):
        if isinstance(data.get(name), dict):
            yield Entry(name, name, {k: v for k, v in data[name].items() if isinstance(v, str)}, rel)
    yield from _tables(rel, "list", data.get("list"), "list")
    yield from _tables(rel, "npc", data.get("npc"), "npc")
    scores = set(data.get("scores", {})) if isinstance(data.get("scores"), dict) else set()
    measures = sorted({m for _, t in _items(data.get("npc")) if isinstance(t.get("scores"), dict)
                       for m in t["scores"] if m not in scores})
    if measures:
        yield Entry("measures", "measures", {m: m.replace("_", " ") for m in measures}, rel, derived=set(measures))


def _items(table: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(table, dict):
        yield from ((k, v) for k, v in table.items() if isinstance(v, dict))


def _tables(rel: str, prefix: str, table: Any, kind: str) -> Iterator[Entry]:
    for tid, t in _items(table):
        yield _entry(rel, f"{prefix}.{tid}", kind, t)


def _listed(rel: str, prefix: str, items: Any, kind: str) -> Iterator[Entry]:
    """Arrays of tables (choices, splits) become tables keyed by their ids."""
    for t in items if isinstance(items, list) else []:
        if isinstance(t, dict) and isinstance(t.get("id"), str):
            yield _entry(rel, f"{prefix}.{t['id']}", kind, t)


def _entry(rel: str, path: str, kind: str, t: dict[str, Any], children: dict[str, str] | None = None) -> Entry:
    words = {k: t[k] for k in TEXT_KEYS[kind] if isinstance(t.get(k), str)}
    return Entry(path, kind, words, rel, children or {})


def story_files(root: Path) -> list[str]:
    """The original files a translation may sit beside, in the order they are checked."""
    found = [rel for rel in ("campaign.toml", "gates.toml", "rules.toml", "challenges.toml")
             if (root / rel).is_file()]
    return found + [f"scenes/{name}" for name in scene_files(root / "scenes")]


def read_translation(root: Path, camp: Campaign, lang: str, parse: Parse, seps: str = ",.",
                     originals: dict[str, Source] | None = None) -> Translation:
    """Read and check every translation file of a campaign, and apply their words to ``camp``.

    ``camp`` must be a campaign loaded for this purpose: its texts are replaced in place;
    ``originals`` are the story's files that load read, by name, so they are not read again. Errors
    (a broken file, an unknown id, a hole naming nothing) are in ``problems`` with severity
    "error"; missing, stale and unstamped translations are warnings.
    """
    cx = Context(root, parse, seps=seps)
    declare(cx, camp.scores, camp.stats, camp.flags, camp.npcs, camp.decks, set(camp.scenes),
            dict(camp.gates), acts_in(camp))
    assert cx.scope is not None  # as reuse() does: open() and since() in a text need these
    cx.scope.gate_exprs.update({gid: g.needs for gid, g in camp.gates.items()})
    cx.scope.choice_acts.update({cid: ch.does for cid, ch in camp.choices.items()})
    out = Translation(lang)
    for rel in story_files(root):
        original = (originals or {}).get(f"{cx.label}/{rel}") or read_source(Context(root, parse), rel, False)
        if original is None:
            continue
        table = {e.path: e for e in entries(rel, original.data)}
        out.entries += table.values()
        trel = translation_of(rel, lang)
        tsrc = read_source(cx, trel, required=False)
        if tsrc is not None:
            out.files.append(tsrc.name)
            _walk(cx, tsrc, tsrc.data, "", table, out)
        _missing(cx, original, table, out, trel, tsrc)
    out.problems = cx.problems
    if not any(p.severity == "error" for p in out.problems):
        apply(camp, out, cx)
        camp.lang, camp.words = lang, out.words
    return out


def _walk(cx: Context, src: Source, node: Any, path: str, table: dict[str, Entry], out: Translation) -> None:
    """Each table of a translation file: an entry's words, or a table on the way to one."""
    entry = table.get(path)
    if entry is not None:
        _entry_words(cx, src, node, entry, table, out)
        return
    if not isinstance(node, dict):
        cx.problem(src, path, Msg("'{path}' is not a table of the original", path=path),
                   Msg("A translation holds only words."))
        return
    for key, value in node.items():
        sub = f"{path}.{key}" if path else key
        if sub in table or any(p.startswith(sub + ".") for p in table):
            _walk(cx, src, value, sub, table, out)
        else:
            near = [p for p in table if p.rsplit(".", 1)[0] == path] or list(table)
            cx.problem(src, sub, Msg("the original has no '{path}'", path=sub),
                       close(sub, near, Msg("Translate only tables the original file has, by the same ids.")))


def _entry_words(cx: Context, src: Source, node: Any, entry: Entry, table: dict[str, Entry],
                 out: Translation) -> None:
    if not isinstance(node, dict):
        cx.problem(src, entry.path, Msg("'{path}' must be a table", path=entry.path),
                   Msg("Write it as [{path}].", path=entry.path))
        return
    words: dict[str, str] = {}
    for key, value in node.items():
        sub = f"{entry.path}.{key}"
        if key in entry.children:
            _walk(cx, src, value, sub, table, out)
        elif key == STAMP:
            _check_stamp(cx, src, entry, value, out.lang)
        elif entry.kind == "score" and key in SCORE_MAPS:
            words.update(_score_map(cx, src, entry, key, value))
        elif key not in entry.words and (entry.kind in WORD_MAPS or key not in TEXT_KEYS.get(entry.kind, ())):
            cx.problem(src, sub, Msg("'{key}' is not words of {kind} '{path}' in the original", key=key,
                                     kind=kind_word(entry.kind), path=entry.path),
                       close(key, list(entry.words), Msg("A translation holds only the original's words.")))
        elif not isinstance(value, str):
            cx.problem(src, sub, Msg("'{key}' must be text", key=key), Msg('Put it in quotes: {key} = "..."', key=key))
        elif key not in entry.words:
            cx.problem(src, sub, Msg("the original {kind} '{path}' has no {key}", kind=kind_word(entry.kind),
                                     path=entry.path, key=key),
                       Msg("Leave it out: there is nothing to translate."), severity="warning")
        else:
            words[key] = value
            if (entry.kind, key) == ("stat", "label"):
                check_shown(cx, src, sub, value, STAT_LABEL_WIDTH)
            if (entry.kind, key) in TEMPLATES or entry.kind in ("scene", "choice"):
                out.templates[sub] = template(cx, src, sub, value)  # type-checked as the original is
    if STAMP not in node and any(k not in entry.derived for k in words):
        cx.problem(src, entry.path, Msg("the translation of '{path}' is not stamped", path=entry.path),
                   Msg("Once it is checked, run: citizen-score translate {campaign} --lang {lang} --stamp",
                       campaign=cx.root.name, lang=out.lang),
                   severity="warning", code="translation-unstamped")
    out.words[entry.path] = words


def _score_map(cx: Context, src: Source, entry: Entry, key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        cx.problem(src, f"{entry.path}.{key}", Msg("'{key}' must be a table of id = words", key=key),
                   Msg('Write {key} = {{ id = "..." }}.', key=key))
        return {}
    out: dict[str, str] = {}
    for k, v in value.items():
        if f"{key}.{k}" not in entry.words:
            cx.problem(src, f"{entry.path}.{key}", Msg("the score '{path}' has no {what} '{id}'", path=entry.path,
                                                       what=SCORE_MAP_WORDS.get(key, key), id=k),
                       close(k, [w.split(".", 1)[1] for w in entry.words if w.startswith(key)],
                             Msg("Use the original's ids as keys.")))
        elif not isinstance(v, str):
            cx.problem(src, f"{entry.path}.{key}", Msg("the words for '{id}' must be text", id=k),
                       Msg('Write {id} = "...".', id=k))
        else:
            out[f"{key}.{k}"] = v
            if key == "domains":
                check_shown(cx, src, f"{entry.path}.{key}.{k}", v, DOMAIN_WIDTH)
    return out


def _check_stamp(cx: Context, src: Source, entry: Entry, value: Any, lang: str) -> None:
    if value != entry.stamp:
        cx.problem(src, f"{entry.path}.{STAMP}",
                   Msg("the original of '{path}' has changed since it was translated", path=entry.path),
                   Msg("Bring the words up to date with {file}, then run: citizen-score translate {campaign} "
                       "--lang {lang} --stamp {path}", file=entry.file, campaign=cx.root.name, lang=lang,
                       path=entry.path), severity="warning",
                   line=src.line(f"{entry.path}.{STAMP}"), code="translation-stale")


def _missing(cx: Context, original: Source, table: dict[str, Entry], out: Translation, trel: str,
             tsrc: Source | None) -> None:
    """Each original table with words the translation does not give, at the original's line."""
    for entry in table.values():
        have = out.words.get(entry.path, {})
        lacking = [k for k in entry.words if k not in have and k not in SAME_ALLOWED]
        if not lacking:
            continue
        what = Msg("it is not translated") if not have else Msg("no translation of {keys}", keys=", ".join(lacking))
        cx.problem(original, entry.path, Msg("{kind} '{path}': {what} ({lang})", kind=kind_word(entry.kind),
                                             path=entry.path, what=what, lang=out.lang),
                   Msg("Add [{path}] to {file}", path=entry.path, file=f"{cx.label}/{trel}")
                   if tsrc is None or not have
                   else Msg("Add {keys} to [{path}] in {file}.", keys=", ".join(lacking), path=entry.path,
                            file=tsrc.name),
                   severity="warning", code="translation-missing")



# ---------------------------------------------------------------- applying the words

def apply(camp: Campaign, found: Translation, cx: Context) -> None:
    """Put the translated words in place of the original's (what a translation leaves out stays)."""
    def parsed(path: str) -> textlang.Template:
        return _banded(found.templates[path], cx)

    for path, w in found.words.items():
        if not w:
            continue
        head, _, rest = path.partition(".")
        if head == "campaign":
            camp.title, camp.blurb = w.get("title", camp.title), _para(w.get("blurb"), camp.blurb)
            camp.about = _para(w.get("about"), camp.about)
        elif head == "scores" and rest in camp.scores:
            sc = camp.scores[rest]
            sc.label = w.get("label", sc.label)
            sc.band_words.update({k[6:]: v for k, v in w.items() if k.startswith("bands.")})
            sc.domain_words.update({k[8:]: v for k, v in w.items() if k.startswith("domains.")})
        elif head == "stats" and rest in camp.stats:
            stat = camp.stats[rest]
            stat.label, stat.unit = w.get("label", stat.label), w.get("unit", stat.unit)
        elif head == "flags":
            camp.flags.update({k: v for k, v in w.items() if k in camp.flags})
        elif head == "gate_kinds":
            camp.gate_kinds.update({k: v for k, v in w.items() if k in camp.gate_kinds})
        elif head == "list" and rest in camp.lists:
            lst = camp.lists[rest]
            if camp.flags.get(rest) == lst.title:  # being on a list is its flag, named by its title
                camp.flags[rest] = w.get("title", lst.title)
            lst.title, lst.on, lst.off = w.get("title", lst.title), w.get("on", lst.on), w.get("off", lst.off)
        elif head == "npc" and rest in camp.npcs:
            npc = camp.npcs[rest]
            npc.name, npc.about = w.get("name", npc.name), w.get("about", npc.about)
        elif head == "rule" and rest in camp.rules:
            if "why" in w:  # the rule's closures keep the story's why for the ledger; screens read told
                camp.rules[rest].told = parsed(f"{path}.why")
            if "name" in w:
                camp.names[f"rule.{rest}"] = w["name"]
        elif head in ("acts", "measures"):
            camp.names.update({f"{head[:-1]}.{k}": v for k, v in w.items()})
        elif head == "scene":
            _apply_scene(camp, rest, w, parsed)
        elif path in camp.gates:
            _apply_gate(camp, path, w, parsed)


def _para(new: str | None, old: str) -> str:
    return new.strip() if new is not None else old


_BAND = re.compile(r'^\s*band\(\s*"([a-z0-9_]+)"\s*\)\s*$')


def _band_words(part: Expr, words: dict[str, str]) -> Callable[[Any], Any]:
    fn = part.fn

    def shown(st: Any) -> Any:
        band = fn(st)
        return words.get(band, band)
    return shown


def _banded(parts: textlang.Template, cx: Context) -> textlang.Template:
    """A {band("score")} hole shows the band in the translation's words; conditions that compare
    band() with a name still see the id the author wrote."""
    out: list[textlang.Piece] = []
    for part in parts:
        if isinstance(part, Expr) and (m := _BAND.match(part.src)) and m.group(1) in cx.scores:
            part = Expr(part.src, part.tree, _band_words(part, cx.scores[m.group(1)].band_words), part.type)
        elif isinstance(part, textlang.Choose):
            part = textlang.Choose(tuple(textlang.Branch(b.cond, _banded(b.body, cx)) for b in part.branches))
        elif isinstance(part, textlang.Vary):
            part = textlang.Vary(part.kind, tuple(_banded(i, cx) for i in part.items), part.key)
        elif isinstance(part, textlang.Styled):
            part = textlang.Styled(part.style, _banded(part.body, cx))
        out.append(part)
    return tuple(out)


def _apply_scene(camp: Campaign, rest: str, w: dict[str, str],
                 parsed: Callable[[str], textlang.Template]) -> None:
    sid, _, cid = rest.partition(".choice.")
    scene = camp.scenes.get(sid)
    if scene is None:
        return
    if not cid:
        scene.title, scene.hint = w.get("title", scene.title), w.get("hint", scene.hint)
        if "text" in w:
            scene.text = parsed(f"scene.{sid}.text")
        return
    choice = scene.by_id.get(cid)
    if choice is None:
        return
    for key in ("text", "locked", "reply"):
        if key in w:
            setattr(choice, key, parsed(f"scene.{sid}.choice.{cid}.{key}"))


def _apply_gate(camp: Campaign, gid: str, w: dict[str, str],
                parsed: Callable[[str], textlang.Template]) -> None:
    gate = camp.gates[gid]
    gate.title, gate.text = w.get("title", gate.title), w.get("text", gate.text)
    if "why_not" in w:
        gate.why_not = parsed(f"{gid}.why_not")


def coverage(found: Translation) -> tuple[int, int, int]:
    """(texts translated, texts the story has, tables whose original changed since): for check."""
    done = total = 0
    for e in found.entries:
        have = found.words.get(e.path, {})
        total += sum(k not in SAME_ALLOWED or k in have for k in e.words)
        done += sum(k in have for k in e.words)
    stale = sum(p.code == "translation-stale" for p in found.problems)
    return done, total, stale
