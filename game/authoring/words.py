"""How many words of story a campaign holds: everything an author wrote for the player to read.

Issue-sized goals for a campaign are counted in words (a second draft wants 20,000 of them), and
authors counted them each with a script of their own. Every branch and variation counts, since a
player may read any of them; expressions, numbers and ids do not.
"""

from __future__ import annotations

import re

from ..engine.expr import Expr
from ..engine.model import Campaign
from ..engine.textlang import Choose, Number, Styled, Template, Vary


_WORD = re.compile(r"[^\s\ue000-\ue003]*\w[^\s\ue000-\ue003]*")  # a run holding a letter or digit


def count_words(text: str) -> int:
    """The words in a text as a player reads it (a dash, or the comma after a value, is not one;
    the emphasis markers the text language leaves in are not part of a word)."""
    return len(_WORD.findall(text))


def words_in(template: Template | str) -> int:
    """The words written in a text: its strings, in every branch and variation."""
    return count_words(_written(template))


def _written(template: Template | str) -> str:
    """A text's strings as one, each branch set apart by spaces and emphasis kept inline, so that
    "rich {em: today}." is two words, and a value is none."""
    if isinstance(template, str):
        return template
    out: list[str] = []
    for piece in template:
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, Styled):
            out.append(_written(piece.body))
        elif isinstance(piece, Choose):
            out += [f" {_written(b.body)} " for b in piece.branches]
        elif isinstance(piece, Vary):
            out += [f" {_written(item)} " for item in piece.items]
        elif isinstance(piece, (Expr, Number)):
            out.append(" ")
        else:
            raise TypeError(f"unknown piece of text: {piece!r}")
    return "".join(out)


def story_words(camp: Campaign) -> int:
    """Scene titles and texts, choices, replies and locked reasons, the rules' reasons, the gates'
    texts and the endings' hints."""
    total = 0
    for scene in camp.scenes.values():
        total += words_in(scene.title) + words_in(scene.text) + words_in(scene.hint)
        for ch in scene.choices:
            total += words_in(ch.text) + words_in(ch.reply) + words_in(ch.locked)
    for rule in camp.rules.values():
        total += words_in(rule.why_text if rule.why_text is not None else rule.why)
    for gate in camp.gates.values():
        total += words_in(gate.title) + words_in(gate.text) + words_in(gate.why_not)
    return total
