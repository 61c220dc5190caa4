"""Screens a player reads again, word for word, in one game: the cost of text that does not answer.

A *screen* is what the player reads before choosing: the scene's text as the engine renders it
(``engine.scene_text``) and its choices in order, each with its text, whether it is open, and the
reason it is locked (``engine.options``). The day, the clock and the side panel are not part of
it. A screen *repeats* when the same words, all of them, were already on a screen earlier in the
same game, in whichever scene. Ending screens, where nothing is chosen, are not counted.

Rendering every screen of every simulated run would cost a good part of playing it, so a screen
is rendered once per process for each *key* and remembered by a small number. The key is what
the words can depend on: the scene, its open choices, and the values of the few things its
texts, conditions and reasons read from the state (names such as ``money``, and calls on a
quoted id such as ``has("x")``); everything else in them is worked out from those values. Equal
keys make equal words, so a game's set of screens holds and compares numbers. A text that
varies by visit or seed ({cycle: …}, {shuffle: …}) reads which of its items shows (the engine's own
``textlang.pick``): that small number, not the visit or the seed, is in the key, so the keys stay
few. A text with a part of unknown kind has no key and is rendered every time (its choices keep
theirs), and so is every screen once too many keys are known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, Sequence

from game.engine import engine as E
from game.engine.expr import Expr, Node
from game.engine.model import Campaign, Choice, Scene, Template
from game.engine.state import GameState
from game.engine.textlang import Choose, Number, Styled, Vary, pick

from .words import count_words

Words = tuple  # (scene text, ((choice text, open, reason), ...)): a screen, comparable and hashable
Read = Callable[[GameState], Any]
MAX_REMEMBERED = 50_000  # screens and keys kept per process; past that, screens are rendered each time
_WORKED_OUT = frozenset({"neg", "not", "and", "or", "cmp", "arith"})  # nodes that read only their parts
_PURE_CALLS = frozenset({"min", "max", "clamp", "abs", "round"})  # calls that read only their arguments


def choice_words(camp: Campaign, st: GameState) -> tuple[tuple[str, bool, str], ...]:
    """The choices as the state shows them, through the engine's own rendering."""
    return tuple((o.text, o.open, o.reason) for o in E.options(camp, st))


def _tree_reads(node: Node, out: dict[Hashable, Read]) -> bool:
    """Collect the parts of a condition or expression that read the state: names, and calls on
    quoted ids (the same parts ``expr.names_in`` names). False when a part is of a kind not known
    to read only its own parts, or has no compiled function: then there is no key."""
    if node.kind == "lit":
        return True
    if node.kind == "name" or (node.kind == "call" and all(a.kind == "lit" for a in node.args)):
        if node.fn is None:
            return False
        out.setdefault((node.kind, node.value, tuple(a.value for a in node.args)), node.fn)
        return True
    worked_out = node.kind in _WORKED_OUT or (node.kind == "call" and node.value in _PURE_CALLS)
    return worked_out and all(_tree_reads(a, out) for a in node.args)


def _template_reads(template: Template, out: dict[Hashable, Read]) -> bool:
    """Collect what a text reads; False for a variation, which reads the visit and the seed."""
    return all(_piece_reads(part, out) for part in template)


def _piece_reads(part: Any, out: dict[Hashable, Read]) -> bool:
    if isinstance(part, str):
        return True
    if isinstance(part, Expr):
        return _tree_reads(part.tree, out)
    if isinstance(part, Number):
        return _tree_reads(part.value.tree, out)
    if isinstance(part, Styled):
        return _template_reads(part.body, out)
    if isinstance(part, Choose):
        return all((b.cond is None or _tree_reads(b.cond.tree, out)) and _template_reads(b.body, out)
                   for b in part.branches)
    if isinstance(part, Vary):  # which item shows is all it reads of the visit and the seed
        out.setdefault(("vary", id(part)), lambda st: pick(part, st))
        return all(_template_reads(item, out) for item in part.items)
    return False


def text_reads(template: Template) -> tuple[Read, ...] | None:
    """What a text reads from the state; None when its words cannot be keyed."""
    out: dict[Hashable, Read] = {}
    return tuple(out.values()) if _template_reads(template, out) else None


Locks = tuple[tuple[str, tuple[Read, ...]], ...]  # choice id -> what its reason reads, when locked


def choices_reads(camp: Campaign, scene: Scene) -> tuple[tuple[Read, ...], Locks] | None:
    """What the scene's choices read from the state beside which of them are open: their texts,
    always, and what a choice's reason is made of, only while it is locked (most of the time
    it is open and its reason is not on the screen). None when their words cannot be keyed."""
    texts: dict[Hashable, Read] = {}
    locks: list[tuple[str, tuple[Read, ...]]] = []
    for ch in scene.choices:
        reason: dict[Hashable, Read] = {}
        templates, trees = _reason_parts(camp, ch)
        if not (_template_reads(ch.text, texts) and all(_template_reads(t, reason) for t in templates)
                and all(_tree_reads(t, reason) for t in trees)):
            return None
        if reason:
            locks.append((ch.id, tuple(reason.values())))
    return tuple(texts.values()), tuple(locks)


def _reason_parts(camp: Campaign, ch: Choice) -> tuple[list[Template], list[Node]]:
    """The texts and conditions a locked choice's reason can be made of (as ``engine.options``
    makes it): the written reason, and only if that can come out empty, the condition, the
    gate's why_not, and only if that can come out empty too, the gate's condition. A reason
    that cannot change adds nothing to the key, so the key stays as coarse as the words."""
    if ch.cond is None and not ch.needs:  # never locked
        return [], []
    if _never_empty(ch.locked):
        return [ch.locked], []
    templates, trees = [ch.locked], [ch.cond.tree] if ch.cond is not None else []
    if ch.needs:
        gate = camp.gates[ch.needs]
        templates.append(gate.why_not)
        if not _never_empty(gate.why_not):
            trees.append(gate.needs.tree)
    return templates, trees


def _never_empty(template: Template) -> bool:
    """Text with words of its own outside any hole: however its holes come out, it says something."""
    return any(isinstance(part, str) and part for part in template)


@dataclass(slots=True)
class _Keyed:
    """A scene whose screen is known by keys: the text's by what it reads, the choices' by which
    are open and what they read; ``whole`` holds screens when neither reads anything."""

    text: tuple[Read, ...] | None  # None: a variation, its text rendered every time
    choices: tuple[Read, ...]
    locks: Locks
    texts: dict[Hashable, str] = field(default_factory=dict)
    lists: dict[Hashable, Hashable] = field(default_factory=dict)
    whole: dict[tuple[str, ...], Hashable] | None = None
    fixed: bool = False  # the choices read nothing: they are known by which are open


def _keyed(camp: Campaign, scene: Scene) -> _Keyed | None:
    text, choices = text_reads(scene.text), choices_reads(camp, scene)
    if choices is None:
        return None
    reads, locks = choices
    fixed = not reads and not locks
    whole: dict[tuple[str, ...], Hashable] | None = {} if text is not None and not text and fixed else None
    return _Keyed(text, reads, locks, whole=whole, fixed=fixed)


class Screens:
    """Per process: each screen as something a set can hold, equal exactly when the words are.

    A game keeps the screens it showed in a set. A screen is held as a pair: its text, and the
    number of its choices' words, each found from its key without rendering once the key has
    been met. The text stands for itself: a remembered string hashes once and compares by
    identity. Choices with no number (the table is full) are compared word for word.
    """

    def __init__(self, camp: Campaign) -> None:
        self.camp = camp
        found = {sid: _keyed(camp, s) for sid, s in camp.scenes.items()}
        self.keyed = {sid: k for sid, k in found.items() if k is not None}
        # scene -> its screens by the open choices, for scenes that read nothing else
        self.wholes = {sid: k.whole for sid, k in self.keyed.items() if k.whole is not None}
        self.keys = 0  # keys remembered, over all scenes
        self.numbers: dict[Hashable, int] = {}  # a scene's choices in words -> their number
        self.by_number: list[Hashable] = []  # and back
        self.pieces: dict[Hashable, tuple[tuple[str, int], ...]] = {}  # a screen -> its paragraphs and choices, counted

    def screen(self, st: GameState, open_ids: Sequence[str]) -> Hashable:
        """The screen now; ``open_ids`` are the open choices the engine offers."""
        k = self.keyed.get(st.scene)
        if k is None:
            return E.scene_text(self.camp, st), self.number(choice_words(self.camp, st))
        ids = tuple(open_ids)
        whole = k.whole
        if whole is None:
            return self.parts(k, st, ids)
        n = whole.get(ids)
        return self.remember(whole, ids, self.parts(k, st, ids)) if n is None else n

    def parts(self, k: _Keyed, st: GameState, ids: tuple[str, ...]) -> tuple[str, Hashable]:
        """The text and the choices' number, each from its key, rendered only when the key is
        new. One method, not one for each: it is asked a good third of a game's screens."""
        reads = k.text
        if reads is None:  # a variation: its choices are still known by their key
            text = E.scene_text(self.camp, st)
        else:
            key = reads[0](st) if len(reads) == 1 else tuple([read(st) for read in reads])
            known = k.texts.get(key)
            text = self.remember(k.texts, key, E.scene_text(self.camp, st)) if known is None else known
        key = ids if k.fixed else (ids, *[read(st) for read in k.choices],
                                   *[read(st) for cid, reads in k.locks if cid not in ids for read in reads])
        n = k.lists.get(key)
        if n is None:
            n = self.remember(k.lists, key, self.number(choice_words(self.camp, st)))
        return text, n

    def remember(self, table: dict[Any, Any], key: Hashable, n: Any) -> Any:
        """Keep ``n`` under ``key`` while there is room, and hand it back."""
        if self.keys < MAX_REMEMBERED:
            self.keys += 1
            table[key] = n
        return n

    def number(self, words: Hashable) -> Hashable:
        """The number of the words; the words themselves once too many are known (then they
        never get one, so the same words always come back the same way)."""
        n = self.numbers.get(words)
        if n is None:
            if len(self.numbers) >= MAX_REMEMBERED:
                return words
            n = self.numbers[words] = len(self.numbers)
            self.by_number.append(words)
        return n

    def new_words(self, screen: Hashable, read: set[str]) -> int:
        """The words of a screen the game has not shown before: its paragraphs and choices not in
        ``read`` (a game's paragraphs and choices so far, which this adds to). A screen that
        changed one line of five brings one line's words, not five."""
        pieces = self.pieces.get(screen)
        if pieces is None:
            pieces = self._keep(screen, self._pieces(screen))
        return _fresh(pieces, read)

    def said(self, reply: str, read: set[str]) -> int:
        """The words of a choice's reply not read before in the game, as ``new_words``."""
        pieces = self.pieces.get(reply)
        if pieces is None:
            pieces = self._keep(reply, _counted(reply.split("\n\n")))
        return _fresh(pieces, read)

    def _keep(self, key: Hashable, pieces: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
        if len(self.pieces) < MAX_REMEMBERED:
            self.pieces[key] = pieces
        return pieces

    def _pieces(self, screen: Any) -> tuple[tuple[str, int], ...]:
        text, choices = screen
        shown = choices if isinstance(choices, tuple) else self.by_number[choices]
        return _counted([*text.split("\n\n"), *(part for choice, _open, reason in shown for part in (choice, reason))])


def _fresh(pieces: tuple[tuple[str, int], ...], read: set[str]) -> int:
    fresh = 0
    for piece, words in pieces:
        if piece not in read:
            read.add(piece)
            fresh += words
    return fresh


def _counted(parts: list[str]) -> tuple[tuple[str, int], ...]:
    """Paragraphs (or choices), each with its words."""
    return tuple((p, count_words(p)) for p in (part.strip() for part in parts) if p)
