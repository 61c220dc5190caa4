"""Text that can never show: a branch of an {if …} whose condition never holds, or that comes
after a branch whose condition always does.

The same proof as for choices (sat.check): a warning only when the analysis can show it, so an
author never chases a false alarm.
"""

from __future__ import annotations

from typing import Callable, Iterator

from game.engine import textlang
from game.engine.model import Campaign, Template, Where
from game.engine.msg import Msg

from .sat import Culprit, Facts, always, check

# (code, file, path, message, hint, column, where, expression source)
Add = Callable[..., None]


def texts(camp: Campaign) -> Iterator[tuple[Where, str, Template]]:
    """Every text with forms in it, with where it is written and its key."""
    for sc in camp.scenes.values():
        yield sc.at, "text", sc.text
        for ch in sc.choices:
            yield ch.at, "text", ch.text
            yield ch.at, "locked", ch.locked
            yield ch.at, "reply", ch.reply
    for gate in camp.gates.values():
        yield gate.at, "why_not", gate.why_not
    for rule in camp.rules.values():
        yield rule.at, "why", rule.why_text or ()


def choices_in(parts: Template) -> Iterator[textlang.Choose]:
    """Every {if …} of a text, nested ones included."""
    for part in parts:
        if isinstance(part, textlang.Choose):
            yield part
            for b in part.branches:
                yield from choices_in(b.body)
        elif isinstance(part, textlang.Vary):
            for item in part.items:
                yield from choices_in(item)
        elif isinstance(part, textlang.Styled):
            yield from choices_in(part.body)


def check_text_branches(camp: Campaign, facts: Facts, add: Add) -> None:
    for at, key, parts in texts(camp):
        for form in choices_in(parts):
            _dead_branches(form, facts, _warner(add, at, key))


def _warner(add: Add, at: Where, key: str) -> Callable[[str, str, int, str], None]:
    def warn(message: str, hint: str, column: int, src: str) -> None:
        add("text-never-shown", at.file, f"{at.path}.{key}", message, hint, column, where=at, expr=src)
    return warn


def _dead_branches(form: textlang.Choose, facts: Facts,
                   warn: Callable[[str, str, int, str], None]) -> None:
    for n, b in enumerate(form.branches, 1):
        if b.cond is None:
            continue
        c: Culprit | None = check(b.cond.tree, facts)
        if c is not None:
            warn(Msg("branch {n} of an {{if …}} can never show: {reason}", n=n, reason=c.reason),
                 Msg("Loosen its condition, or remove the branch."), c.col, b.cond.src)
            continue
        held = always(b.cond.tree, facts)
        if held is not None and n < len(form.branches):
            warn(Msg("the branches after branch {n} of an {{if …}} can never show: `{condition}` always holds "
                     "({reason})", n=n, condition=b.cond.src, reason=held.reason),
                 Msg("Tighten that condition, or remove the branches after it."), 1, b.cond.src)
            return
