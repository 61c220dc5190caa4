"""The language inside a text: ``{expression}`` holes, and the forms grown from them.

Every form is a pair of braces with a word and a colon, so an author learns one thing:
``{if cond: … | else if cond: … | else: …}``, ``{sequence: a | b}``, ``{cycle: …}``,
``{shuffle: …}``, ``{once: …}``, ``{em: …}``, ``{strong: …}``, ``{money: x}``, ``{percent: x}``,
``{decimal: x}``, ``{clock: x}``. A text is parsed once at load into a tree of plain pieces and
rendered from the state; it reads the state and never changes it. Variations pick their item from
the scene's visit count, and a shuffle hashes (seed, scene, visit, place in the text) instead of
drawing from the game's generator, so adding one never changes which storylet a seed draws.

Emphasis comes out as private-use marker characters around the words: the UI turns them into
styles and every plain output strips them, so content never reaches Rich markup.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Callable, Union

from .expr import BOOL, NUM, Expr
from .msg import Msg

EM_ON, EM_OFF, STRONG_ON, STRONG_OFF = "\ue000", "\ue001", "\ue002", "\ue003"
MARKERS = re.compile("[\ue000-\ue003]")
_MARKS = {"em": (EM_ON, EM_OFF), "strong": (STRONG_ON, STRONG_OFF)}
VARIATIONS = ("sequence", "cycle", "shuffle", "once")
NUMBERS = ("money", "percent", "decimal", "clock")
HEADS = (*VARIATIONS, *_MARKS, *NUMBERS)
FORMS = ("{if condition: … | else if condition: … | else: …}, {sequence: a | b}, {cycle: a | b}, "
         "{shuffle: a | b}, {once: a | b}, {em: words}, {strong: words}, {money: x}, {percent: x}, "
         "{decimal: x}, {clock: x}")


@dataclass(frozen=True, slots=True)
class Branch:
    cond: Expr | None  # None: the else
    body: "Template"


@dataclass(frozen=True, slots=True)
class Choose:
    """{if …: … | else if …: … | else: …}: the first branch whose condition holds."""

    branches: tuple[Branch, ...]


@dataclass(frozen=True, slots=True)
class Vary:
    """{sequence|cycle|shuffle|once: a | b}; ``key`` names its place, so two shuffles differ."""

    kind: str
    items: tuple["Template", ...]
    key: str


@dataclass(frozen=True, slots=True)
class Styled:
    style: str  # "em" or "strong"
    body: "Template"


@dataclass(frozen=True, slots=True)
class Number:
    kind: str  # money, percent, decimal, clock
    value: Expr
    places: int
    unit: str = ""  # the campaign's currency, for money
    seps: str = ",."  # the thousands separator and the decimal point of the text's language


Piece = Union[str, Expr, Choose, Vary, Styled, Number]
# Text with {holes}: literal pieces, expressions and forms. Text without a form is just
# strings and expressions, as it always was.
Template = tuple[Piece, ...]

# (expression source, offset of its first character in the text, wanted type) -> compiled or None
Compile = Callable[[str, int, "str | None"], "Expr | None"]
# (message, offset in the text, hint)
Report = Callable[[str, int, str], None]

_IF = re.compile(r"\s*if\s")
_HEAD = re.compile(r"\s*([a-z]+)(?:\s+(\d))?\s*:")
_ELSE_IF = re.compile(r"\s*else\s+if\s")
_ELSE = re.compile(r"\s*else\s*:")
_TOP = re.compile(r"[{}]")  # the characters ``seq`` reads one by one; the rest are words
_IN_FORM = re.compile(r"[{}|]")
_INK = {"&": "{cycle: a | b}", "~": "{shuffle: a | b}", "!": "{once: a | b}"}


def parse(text: str, key: str, compile: Compile, report: Report, unit: str = "",
          seps: str = ",.") -> Template:
    """The tree of a text; every problem goes to ``report`` and parsing goes on after it."""
    reader = _Reader(MARKERS.sub("\ufffd", text), key, compile, report, unit, seps)
    pieces, _ = reader.seq(0)
    return tuple(pieces)


class _Reader:
    def __init__(self, text: str, key: str, compile: Compile, report: Report, unit: str, seps: str) -> None:
        self.text, self.key, self.compile, self.report, self.unit = text, key, compile, report, unit
        self.seps = seps
        self.pos = 0

    def seq(self, depth: int) -> tuple[list[Piece], str]:
        """Pieces up to the end, or (inside a form) up to its '|' or '}', which is returned unread."""
        out: list[Piece] = []
        lit: list[str] = []
        text = self.text
        special = _IN_FORM if depth else _TOP
        while self.pos < len(text):
            found = special.search(text, self.pos)  # the words up to the next brace go in one piece
            end = found.start() if found else len(text)
            if end > self.pos:
                lit.append(text[self.pos : end])
                self.pos = end
                continue
            c = text[self.pos]
            nxt = text[self.pos + 1 : self.pos + 2]
            if c == "{" and nxt == "{":
                lit.append("{")
                self.pos += 2
            elif c == "{":
                _flush(lit, out)
                piece = self.hole()
                if piece is not None:
                    out.append(piece)
            elif depth and c in "|}":
                _flush(lit, out)
                return out, c
            elif c == "}" and nxt == "}":
                lit.append("}")
                self.pos += 2
            elif c == "}":
                self.report(Msg("a '}}' in the text has no '{{'"), self.pos, Msg("Write }}}} for a literal brace."))
                self.pos += 1
            else:
                lit.append(c)
                self.pos += 1
        _flush(lit, out)
        return out, ""

    def hole(self) -> Piece | None:
        """The piece for the {…} at ``pos``; None after a problem."""
        start = self.pos
        self.pos += 1
        rest = self.text[self.pos :]
        if _IF.match(rest):
            return self.choose(start)
        m = _HEAD.match(rest)
        if m and m.group(1) in HEADS:
            self.pos += m.end()
            return self.form(m.group(1), int(m.group(2) or -1), start)
        return self.expression(start)

    def inside(self, start: int) -> str | None:
        """The words up to the brace that closes the one at ``start``, read past; None (reported)
        when it is never closed."""
        end = self.scan(self.pos, "}")
        if end < 0:
            self.report(Msg("a '{{' in the text is never closed"), start, Msg("Write {{{{ for a literal brace."))
            self.pos = len(self.text)
            return None
        src = self.text[self.pos : end]
        self.pos = end + 1
        return src

    def expression(self, start: int) -> Piece | None:
        src = self.inside(start)
        if src is None:
            return None
        bad = _misread(src)
        if bad:
            self.report(bad[0], start, bad[1])
            return None
        return self.compile(src.strip(), start, None)

    def scan(self, i: int, stops: str) -> int:
        """The index of the first stop character outside quotes, or -1."""
        quote = ""
        while i < len(self.text):
            c = self.text[i]
            if quote:
                if c == "\\":
                    i += 1
                elif c == quote:
                    quote = ""
            elif c in "\"'":
                quote = c
            elif c in stops:
                return i
            i += 1
        return -1

    def condition(self, start: int) -> Expr | None:
        """The condition after 'if' up to its ':'; _Bad (reported) when there is no ':'."""
        colon = self.scan(self.pos, ":}")
        if colon < 0 or self.text[colon] != ":":
            self.report(Msg("an {{if …}} needs a ':' after its condition"), start,
                        Msg("Write {{if condition: words | else: other words}}."))
            raise _Bad
        src = self.text[self.pos : colon]
        at = self.pos + len(src) - len(src.lstrip())
        self.pos = colon + 1
        return self.compile(src.strip(), at, BOOL)

    def choose(self, start: int) -> Piece | None:
        self.pos = _IF.match(self.text, self.pos).end()  # type: ignore[union-attr]
        try:
            return self.branches(start)
        except _Bad:
            return self.skip()

    def branches(self, start: int) -> Piece | None:
        branches: list[Branch] = []
        ok = True
        while True:
            cond = self.condition(start)
            ok = ok and cond is not None
            body, stop = self.body()
            branches.append(Branch(cond, body))
            if stop != "|":
                break
            self.pos += 1
            if m := _ELSE_IF.match(self.text, self.pos):
                self.pos = m.end()
                continue
            if m := _ELSE.match(self.text, self.pos):
                self.pos = m.end()
                body, stop = self.body()
                branches.append(Branch(None, body))
                if stop == "|":
                    self.report(Msg("nothing can follow the 'else:' of an {{if …}}"), start,
                                Msg("Put the 'else:' last."))
                    return self.skip()
                break
            self.report(Msg("after a '|' an {{if …}} goes on with 'else if condition:' or 'else:'"), start,
                        Msg("Write {{if a: … | else if b: … | else: …}}."))
            return self.skip()
        if not self.closed(start):
            return None
        return Choose(tuple(branches)) if ok else None

    def form(self, head: str, places: int, start: int) -> Piece | None:
        if head in NUMBERS:
            return self.number(head, places, start)
        if places >= 0:
            self.report(Msg("{{{head}: …}} takes no number before its ':'", head=head), start,
                        Msg("Write {{{head}: …}}.", head=head))
        items: list[Template] = []
        while True:
            body, stop = self.body()
            items.append(body)
            if stop != "|":
                break
            self.pos += 1
        if not self.closed(start):
            return None
        if head in _MARKS:
            if len(items) > 1:
                self.report(Msg("{{{head}: …}} takes one text, without '|'", head=head), start,
                            Msg("A '|' separates the items of a variation such as {{cycle: a | b}}."))
                return None
            return Styled(head, items[0])
        return Vary(head, tuple(items), f"{self.key}@{start}")

    def number(self, head: str, places: int, start: int) -> Piece | None:
        at = self.pos
        src = self.inside(start)
        if src is None:
            return None
        at += len(src) - len(src.lstrip())
        value = self.compile(src.strip(), at, NUM)
        if value is None:
            return None
        default = 1 if head == "decimal" else 0
        return Number(head, value, default if places < 0 else places, self.unit, self.seps)

    def body(self) -> tuple[Template, str]:
        """One branch or item, trimmed: the words sit between the ':' or '|' and the next '|' or '}'."""
        pieces, stop = self.seq(1)
        return _trim(pieces), stop

    def closed(self, start: int) -> bool:
        if self.pos < len(self.text) and self.text[self.pos] == "}":
            self.pos += 1
            return True
        self.report(Msg("a '{{' in the text is never closed"), start, Msg("Close it with '}}'."))
        return False

    def skip(self) -> Piece | None:
        """Past the end of a form that went wrong, so one mistake gives one message."""
        depth = 1
        while self.pos < len(self.text) and depth:
            c = self.text[self.pos]
            depth += (c == "{") - (c == "}")
            self.pos += 1
        return None


class _Bad(Exception):
    """A form too broken to read on; its message is already given."""


def _flush(lit: list[str], out: list[Piece]) -> None:
    if lit:
        out.append("".join(lit))
        lit.clear()


def _trim(pieces: list[Piece]) -> Template:
    if pieces and isinstance(pieces[0], str):
        pieces[0] = pieces[0].lstrip()
    if pieces and isinstance(pieces[-1], str):
        pieces[-1] = pieces[-1].rstrip()
    return tuple(p for p in pieces if not isinstance(p, str) or p)


def _misread(src: str) -> tuple[str, str] | None:
    """Forms from other story languages, named with ours, before the expression parser sees them."""
    s = src.strip()
    if s[:1] in _INK:
        return (Msg("'{{{char}…}}' is not a form here", char=s[:1]), Msg("Write {form}.", form=_INK[s[:1]]))
    if "|" in s:
        return (Msg("a '|' only separates the items of a form"), Msg("The forms are {forms}.", forms=FORMS))
    if "?" in s and ":" in s:
        return (Msg("'? :' does not choose words here"), Msg("Write {{if condition: words | else: other words}}."))
    m = re.match(r"([A-Za-z_][\w.]*)\s*(?:\d\s*)?:", s)
    if m:
        return (Msg("unknown form '{{{name}: …}}'", name=m.group(1)), Msg("The forms are {forms}.", forms=FORMS))
    return None


# ---------------------------------------------------------------- rendering

def render(parts: Template, st: Any) -> str:
    """The words of a text for this state: plain text plus emphasis markers."""
    if len(parts) == 1 and isinstance(parts[0], str):  # most choice texts
        return parts[0]
    out: list[str] = []
    _render(parts, st, out)
    return _close_up("".join(out))


_DOUBLED = re.compile(r"(?<=\S) {2,}(?=\S)")
_TRAILING = re.compile(r" +(?=\n)")


def _close_up(text: str) -> str:
    """Spaces a form left doubled between words (an optional sentence that showed nothing sat
    between two spaces) closed up to one, and none left at the end of a line, as ink does."""
    if "  " not in text and " \n" not in text:
        return text
    return _TRAILING.sub("", _DOUBLED.sub(" ", text))


def _render(parts: Template, st: Any, out: list[str]) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Expr):
            out.append(show(part.fn(st)))
        elif isinstance(part, Choose):
            for b in part.branches:
                if b.cond is None or b.cond.fn(st):
                    _render(b.body, st, out)
                    break
        elif isinstance(part, Vary):
            i = pick(part, st)
            if i is not None:
                _render(part.items[i], st, out)
        elif isinstance(part, Styled):
            on, off = _MARKS[part.style]
            out.append(on)
            _render(part.body, st, out)
            out.append(off)
        else:
            out.append(number(part, part.value.fn(st)))


def show(v: Any) -> str:
    """A value in words: yes/no, and numbers whole where they are whole."""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return str(int(v) if v.is_integer() else round(v, 1))
    return str(v)


def pick(v: Vary, st: Any) -> int | None:
    """Which item a variation shows on this visit of the current scene (None: nothing)."""
    n = len(v.items)
    visit = max(st.visited.get(st.scene, 1), 1)
    if v.kind == "sequence":
        return min(visit, n) - 1
    if v.kind == "cycle":
        return (visit - 1) % n
    if v.kind == "once":
        return visit - 1 if visit <= n else None
    digest = hashlib.blake2b(f"{st.seed}\0{st.scene}\0{visit}\0{v.key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % n


def number(n: Number, v: float) -> str:
    if n.kind == "clock":
        minutes = round(v * 60)
        return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
    text = grouped(abs(v), n.places, n.seps)
    sign = "-" if v < 0 and text.strip("0.,") else ""
    if n.kind == "money":
        return f"{sign}{n.unit}{text}"
    if n.kind == "percent":
        return f"{sign}{text}%"
    return f"{sign}{text}"


def grouped(v: float, places: int = 0, seps: str = ",.") -> str:
    """A number with thousands grouped, written with a language's separator and decimal point."""
    text = f"{v:,.{places}f}"
    return text if seps == ",." else text.translate(str.maketrans(",.", seps))


# ---------------------------------------------------------------- emphasis

def plain(text: str) -> str:
    """Rendered text without its emphasis, for every output that is not the UI."""
    return MARKERS.sub("", text)


def runs(text: str) -> list[tuple[str, str]]:
    """Rendered text as (words, style) runs; the style is "", "em", "strong" or "em strong"."""
    out: list[tuple[str, str]] = []
    em = strong = 0
    for i, chunk in enumerate(re.split(f"({MARKERS.pattern})", text)):
        if i % 2:
            em += (chunk == EM_ON) - (chunk == EM_OFF)
            strong += (chunk == STRONG_ON) - (chunk == STRONG_OFF)
        elif chunk:
            out.append((chunk, " ".join(s for s, on in (("em", em > 0), ("strong", strong > 0)) if on)))
    return out


def exprs(parts: Template) -> list[Expr]:
    """Every expression in a text, branches and items included (for checks that read them all)."""
    out: list[Expr] = []
    for part in parts:
        if isinstance(part, Expr):
            out.append(part)
        elif isinstance(part, Choose):
            for b in part.branches:
                out += ([b.cond] if b.cond is not None else []) + exprs(b.body)
        elif isinstance(part, Vary):
            for item in part.items:
                out += exprs(item)
        elif isinstance(part, Styled):
            out += exprs(part.body)
        elif isinstance(part, Number):
            out.append(part.value)
    return out
