"""What needs the whole campaign: the campaign head's references, the calendar, decks and their
scenes, reveals, the acts the story names, and the indexes the engine looks rules up by.
"""

from __future__ import annotations

from typing import Any

from ..draw import prepare_decks
from ..model import Campaign, Choice, Deck, Gate, Npc, Rule, Scene, Score, Stat
from ..rules import prepare
from ..msg import Msg
from .context import Context, close
from .read import Source, content_hash
from .tables import gate_kinds
from .values import target

MAX_DAYS = 3650  # ten years of days; the engine keeps a table a day


def finish(cx: Context, src: Source, head: dict[str, Any], cdata: dict[str, Any], scores: dict[str, Score],
           stats: dict[str, Stat], flags: dict[str, str], npcs: dict[str, Npc], decks: dict[str, Deck],
           gates: dict[str, Gate], scenes: dict[str, Scene], rules: dict[str, Rule]) -> Campaign:
    """The campaign itself, once its head, calendar and decks agree with the scenes loaded."""
    cid, start_hour, days = check_head(cx, src, head, scenes)
    calendar = load_calendar(cx, src, cdata.get("calendar", {}), days)
    check_decks(cx, src, decks, scenes)
    kinds = gate_kinds(cx, src, cdata.get("gate_kinds", {}))
    for g in gates.values():
        kinds.setdefault(g.kind, g.kind.replace("_", " ").capitalize() + "s")
    camp = Campaign(
        id=cid, title=head.get("title", cid), blurb=head.get("blurb", ""), about=head.get("about", ""),
        start=head.get("start", ""), days=days, finale=head.get("finale", ""),
        day_start=head.get("day_start", ""), start_hour=start_hour, calendar=calendar,
        scores=scores, stats=stats, flags=flags, npcs=npcs, decks=decks, gate_kinds=kinds,
        gates=gates, scenes=scenes, rules=rules, root=str(cx.root),
        content_hash=content_hash(cx.files))
    index_rules(camp, rules)
    if not cx.has_errors():
        prepare(camp)
        prepare_decks(camp)
    return camp


def check_head(cx: Context, src: Source, head: dict[str, Any], scenes: dict[str, Scene]) -> tuple[str, int, int]:
    """The [campaign] table against the folder and the scenes: its id, start hour and days."""
    cid = head.get("id", cx.root.name)
    if cid != cx.root.name:
        cx.problem(src, "campaign.id", Msg("the id '{id}' differs from the folder name '{folder}'", id=cid,
                                           folder=cx.root.name),
                   Msg("Saves find a campaign by its folder; make them the same."))
    for key in ("start", "finale"):
        if key in head and head[key] not in scenes:
            cx.problem(src, f"campaign.{key}", Msg("{key} '{scene}' names no scene", key=key, scene=head[key]),
                       close(head[key], list(scenes), ""))
    if "day_start" in head:
        target(cx, src, "campaign.day_start", head["day_start"])
    start_hour = head.get("start_hour", 7)
    if not 0 <= start_hour <= 23:
        cx.problem(src, "campaign.start_hour", Msg("start_hour must be an hour of the day, 0 to 23"),
                   "start_hour = 7")
    days = head.get("days", 1)
    if not 1 <= days <= MAX_DAYS:
        cx.problem(src, "campaign.days", Msg("days must be from 1 to {most}", most=MAX_DAYS))
        days = max(1, min(days, MAX_DAYS))
    return cid, start_hour, days


def load_calendar(cx: Context, src: Source, cal: Any, days: int) -> dict[int, str]:
    """[calendar]: day number = the scene or deck that day opens with."""
    calendar: dict[int, str] = {}
    for k, v in (cal.items() if isinstance(cal, dict) else []):
        p = f"calendar.{k}"
        if not (k.isascii() and k.isdigit()) or not 1 <= int(k) <= days:
            cx.problem(src, p, Msg("calendar day '{day}' is not a day of this campaign", day=k),
                       Msg("Use 1 to {days}.", days=days))
        elif not isinstance(v, str):
            cx.problem(src, p, Msg("a calendar entry names a scene or deck"))
        else:
            target(cx, src, p, v)
            calendar[int(k)] = v
            if int(k) == 1:
                cx.problem(src, p, Msg("calendar day 1 is never used: the first day opens at campaign.start"),
                           Msg("Point campaign.start at this scene instead."), severity="warning")
    return calendar


def check_decks(cx: Context, src: Source, decks: dict[str, Deck], scenes: dict[str, Scene]) -> None:
    """Each deck gets its storylets; its fallback is a scene outside it."""
    for deck in decks.values():
        if deck.id in scenes:
            cx.problem(src, f"deck.{deck.id}", Msg("'{id}' is both a deck and a scene", id=deck.id),
                       Msg("A goto could mean either; rename one of them."))
        deck.scenes = [s for s in scenes.values() if s.deck == deck.id]
        if deck.fallback and deck.fallback not in scenes:
            cx.problem(src, f"deck.{deck.id}.fallback", Msg("fallback '{scene}' names no scene", scene=deck.fallback))
        elif deck.fallback and scenes[deck.fallback].deck == deck.id:
            cx.problem(src, f"deck.{deck.id}.fallback", Msg("the fallback cannot be in its own deck"),
                       Msg("The fallback is for when the deck has nothing left to draw."))


def index_rules(camp: Campaign, rules: dict[str, Rule]) -> None:
    """Rules by what fires them, in the author's order, so the engine never scans them all."""
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


def check_reveals(cx: Context, scenes: dict[str, Scene], rules: dict[str, Rule], rule_src: Source | None) -> None:
    """Every `reveal` names a rule, and a hidden one (revealing a known rule does nothing)."""
    owners = [(ch.at, ch.reveal) for sc in scenes.values() for ch in sc.choices]
    owners += [(r.at, r.reveal) for r in rules.values()]
    for at, names in owners:
        for rid in names:
            src = cx.sources[at.file]
            if rid not in rules:
                cx.problem(src, f"{at.path}.reveal", Msg("reveal names no rule '{id}'", id=rid),
                           close(rid, list(rules), Msg("Rules are the [rule.<id>] tables of rules.toml.")))
            elif not rules[rid].hidden:
                cx.problem(src, f"{at.path}.reveal",
                           Msg("rule '{id}' is not hidden, so there is nothing to reveal", id=rid),
                           Msg("Add hidden = true to the rule, or drop it from reveal."), severity="warning")


def acts_done(camp: Campaign) -> set[str]:
    """Every act a choice or a later consequence does, in a loaded campaign (what check reasons with)."""
    things: list[Choice | Rule] = [*camp.choices.values(), *camp.rules.values()]
    return {a for ch in camp.choices.values() for a in ch.does} | \
        {a for thing in things for lt in thing.later for a in lt.does}


def acts_in(camp: Campaign) -> set[str]:
    """Every act a loaded campaign names: those done, and those rules fire on (what did() may name)."""
    return acts_done(camp) | {a for r in camp.rules.values() for a in r.on}


def acts_named(raw_scenes: list[tuple[str, Source, dict[str, Any]]], rules: Any) -> set[str]:
    """``acts_in`` before the typed load: read from the raw tables, so that `did("...")` in any
    condition can be checked while the conditions themselves are being compiled."""
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

