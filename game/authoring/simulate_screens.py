"""Screens a player reads again, word for word, in one game: the cost of text that does not answer.

A *screen* is what the player reads before choosing: the scene's text as the engine renders it
(``engine.scene_text``) and its choices in order, each with its text, whether it is open, and the
reason it is locked (``engine.options``). The day, the clock and the side panel are not part of
it. A screen *repeats* when the same words, all of them, were already on a screen earlier in the
same game, in whichever scene. Ending screens, where nothing is chosen, are not counted.

Rendering every screen of every simulated run would cost a good part of playing it, so what
cannot change is rendered once per process and remembered: a scene text without holes, and the
choices of a scene whose choice texts have no holes and whose locked choices give a fixed reason
(then the choices read the same whenever the same ones are open). A screen made only of such
parts is known by a small number, which a game's set of screens holds and compares cheaply;
the rest are rendered through the engine each time and compared word for word.
"""

from __future__ import annotations

from typing import Hashable, Sequence

from game.engine import engine as E
from game.engine.model import Campaign, Choice, Scene, Template
from game.engine.state import GameState

Words = tuple  # (scene text, ((choice text, open, reason), ...)): a screen, comparable and hashable
MAX_REMEMBERED = 50_000  # fixed screens kept per process; past that, they are rendered each time


def _plain(template: Template) -> bool:
    """Text with no hole (nor anything else the engine fills in at display time)."""
    return isinstance(template, tuple) and all(isinstance(part, str) for part in template)


def _fixed_reason(camp: Campaign, ch: Choice) -> bool:
    """The choice, when locked, always gives the same reason: one written out, or its gate's
    ``why_not``; a reason worked out from the condition quotes the state ("you have 612")."""
    if ch.cond is None and not ch.needs:  # never locked
        return True
    if ch.locked:  # written out: fixed unless it has holes or forms, or may come out empty
        return _plain(ch.locked)
    return ch.cond is None and bool(ch.needs) and _plain(camp.gates[ch.needs].why_not) \
        and bool(camp.gates[ch.needs].why_not)


def fixed_choices(camp: Campaign, scene: Scene) -> bool:
    """The scene's choices read the same whenever the same ones are open."""
    return all(_plain(ch.text) and _fixed_reason(camp, ch) for ch in scene.choices)


def choice_words(camp: Campaign, st: GameState) -> tuple[tuple[str, bool, str], ...]:
    """The choices as the state shows them, through the engine's own rendering."""
    return tuple((o.text, o.open, o.reason) for o in E.options(camp, st))


class Screens:
    """Per process: each screen as something a set can hold, equal exactly when the words are.

    A game keeps the screens it showed in a set. Words seen before in this process as part of a
    fixed screen are known by a number (a screen's choices, or a whole screen), so comparing
    them costs no more than comparing numbers; the rest are compared word for word.
    """

    def __init__(self, camp: Campaign) -> None:
        self.camp = camp
        plain = {sid for sid, s in camp.scenes.items() if _plain(s.text)}
        fixed = {sid for sid, s in camp.scenes.items() if fixed_choices(camp, s)}
        self.static: dict[str, dict[tuple[str, ...], Hashable]] = {sid: {} for sid in plain & fixed}
        self.plain, self.fixed = frozenset(plain), frozenset(fixed)
        self.texts: dict[str, str] = {}
        self.choices: dict[tuple[str, tuple[str, ...]], Hashable] = {}
        self.numbers: dict[Hashable, int] = {}  # words -> their number: whole screens and choice lists

    def screen(self, st: GameState, open_ids: Sequence[str]) -> Hashable:
        """The screen now; ``open_ids`` are the open choices the engine offers."""
        known = self.static.get(st.scene)
        if known is None:
            words = self.words(st, open_ids)
            return self.numbers.get(words, words)
        key = tuple(open_ids)
        n = known.get(key)
        if n is None:
            n = known[key] = self.number(self.words(st, key))
        return n

    def number(self, words: Hashable) -> Hashable:
        """The number of words met in a fixed screen; the words themselves once too many are known."""
        n = self.numbers.get(words)
        if n is None:
            if len(self.numbers) >= MAX_REMEMBERED:
                return words
            n = self.numbers[words] = len(self.numbers)
        return n

    def words(self, st: GameState, open_ids: Sequence[str]) -> Words:
        """The words on the screen (the choices by number where they are fixed), rendering only
        what can change."""
        camp, sid = self.camp, st.scene
        text = self.texts.get(sid)
        if text is None:
            text = E.scene_text(camp, st)
            if sid in self.plain:
                self.texts[sid] = text
        if sid not in self.fixed:
            words = choice_words(camp, st)
            return text, self.numbers.get(words, words)
        key = (sid, tuple(open_ids))
        choices = self.choices.get(key)
        if choices is None:
            choices = self.choices[key] = self.number(choice_words(camp, st))
        return text, choices
