"""Warnings on where choices lead: a scene that once-only choices run dry, a sub-scene that never
comes back, and a delayed scene the calendar always takes the place of.

Each is a plain walk over the authored model, kept apart from the reachability proof: a warning
only where the content shows it, so an author never chases a false alarm.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.model import Campaign, Later, Scene, Where
from game.engine.msg import Msg

if TYPE_CHECKING:
    from .analysis import Ctx


def check_choice_paths(ctx: Ctx) -> None:
    camp = ctx.camp
    for sid in sorted(ctx.r.targets):
        sc = camp.scenes.get(sid)
        if sc is not None and sc.choices and all(ch.once for ch in sc.choices) and comes_back(camp, sc):
            ctx.add("once-runs-dry", sc.at.file, sc.at.path,
                    Msg("scene '{id}' runs out of choices: every choice is once-only, and the story comes "
                        "back to it", id=sid),
                    Msg("Leave one choice without once = true: a way on that is always offered."),
                    where=sc.at)
    returns: dict[str, bool] = {}
    for ch in camp.choices.values():
        if ch.call and not returns.setdefault(ch.call, bool(back_scenes(camp, ch.call))):
            ctx.add("call-never-returns", ch.at.file, f"{ch.at.path}.call",
                    Msg("the sub-scene '{scene}' that choice '{id}' calls never comes back: no choice "
                        "with back = true can be reached from it", scene=ch.call, id=ch.id),
                    Msg("End the sub-scene on a choice with back = true, or use goto instead of call."), where=ch.at)
    for at, lt in _laters(camp):
        first = 1 + lt.days
        if lt.goto and first <= camp.days and all(d in camp.calendar for d in range(first, camp.days + 1)):
            ctx.add("later-overridden", at.file, f"{at.path}.later",
                    Msg("'{scene}' {days} days later never opens: the calendar has a scene on every "
                        "day from day {first} to the last", scene=lt.goto, days=lt.days, first=first),
                    Msg("Send it sooner, or leave a day of the calendar free."), where=at)


def comes_back(camp: Campaign, sc: Scene) -> bool:
    """Whether the story surely returns to a scene: a choice of its own leads back to it, a new day
    starts on it, or it is a storylet drawn more than once."""
    return (sc.id == camp.day_start or (bool(sc.deck) and sc.repeat)
            or any(ch.goto == sc.id or (ch.call and not ch.goto) for ch in sc.choices))


def back_scenes(camp: Campaign, start: str) -> list[str]:
    """The scenes reachable from a called scene that hold a choice with back = true, in walk order.

    A nested call is followed to where it comes back, not into it: its own `back` returns there.
    """
    todo, seen, out = [start], set(), []
    while todo:
        target = todo.pop()
        if target in seen:
            continue
        seen.add(target)
        deck = camp.decks.get(target)
        if deck is not None:
            todo += [s.id for s in deck.scenes] + ([deck.fallback] if deck.fallback else [])
            continue
        sc = camp.scenes.get(target)
        if sc is None:
            continue
        todo += [route.goto for route in sc.routes]
        for ch in sc.choices:
            if ch.back and sc.id not in out:
                out.append(sc.id)
            elif not ch.back:
                todo.append(ch.goto or sc.id if ch.call else ch.goto)
    return out


def _laters(camp: Campaign) -> list[tuple[Where, Later]]:
    out = [(ch.at, lt) for ch in camp.choices.values() for lt in ch.later]
    return out + [(rule.at, lt) for rule in camp.rules.values() for lt in rule.later]
