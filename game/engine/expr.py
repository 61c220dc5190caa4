"""The safe expression language for conditions, formulas and text.

Content is data, so conditions such as ``credit >= 650 and not has("blacklisted")`` are parsed by
this module's own tokenizer and parser, type-checked against the names the campaign declares, and
compiled once into plain Python closures. Nothing here ever calls ``eval``; a closure can only read
the game state it is handed.
"""

from __future__ import annotations

import difflib
import math
import operator
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from .bounds import LIMIT
from .errors import OutOfRange
from .msg import Msg

Fn = Callable[[Any], Any]

NUM, BOOL, STR = "number", "true/false", "text"


class ExprError(Exception):
    """A problem in an expression, with the 1-based column it starts at."""

    def __init__(self, message: str, column: int, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.hint = hint


# ---------------------------------------------------------------- tokens

@dataclass(slots=True)
class Token:
    kind: str  # num, str, name, op, end
    text: str
    col: int
    value: Any = None


_OPS = ("<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "(", ")", ",")
_KEYWORDS = {"and", "or", "not", "true", "false"}


def tokenize(src: str) -> list[Token]:
    """Split an expression into tokens; dotted names stay one token."""
    out: list[Token] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c in " \t\r\n":
            i += 1
        elif c.isdigit() or (c == "." and i + 1 < n and src[i + 1].isdigit()):
            j = i
            while j < n and (src[j].isdigit() or src[j] in "._"):
                j += 1
            text = src[i:j]
            out.append(Token("num", text, i + 1, _number(text, i + 1)))
            i = j
        elif c in "\"'":
            i = _string(src, i, out)
        elif c.isalpha() or c == "_":
            j = i
            while j < n and (src[j].isalnum() or src[j] in "_."):
                j += 1
            text = src[i:j]
            if text.endswith(".") or ".." in text:
                raise ExprError(Msg("'{text}' is not a valid name", text=text), i + 1,
                                Msg("Dotted names look like flags.blacklisted."))
            out.append(Token("name", text, i + 1))
            i = j
        else:
            op = next((o for o in _OPS if src.startswith(o, i)), None)
            if op is None:
                hint = _CHAR_HINTS.get(c, Msg("Use 'and', 'or', 'not' for logic.") if c in "&|!"
                                       else Msg("Check for a typo."))
                raise ExprError(Msg("unexpected character '{char}'", char=c), i + 1, hint)
            out.append(Token("op", op, i + 1))
            i += len(op)
    out.append(Token("end", "", n + 1))
    return out


# Digits a literal may have before its point: enough for LIMIT, and few enough that no literal
# costs time to convert (an integer of thousands of digits does) or turns into an infinite float.
_MAX_DIGITS = len(str(LIMIT))


def _number(text: str, col: int) -> int | float:
    """The value of a number literal, refused when it lies outside ±LIMIT, as every value must."""
    whole = text.split(".", 1)[0].replace("_", "").lstrip("0")
    if len(whole) > _MAX_DIGITS:
        shown = text if len(text) <= 24 else text[:12] + "…" + text[-4:]
        raise ExprError(Msg("the number {number} ({digits} digits) is outside the range a number may take "
                            "(-10^15 to 10^15)", number=shown, digits=len(whole)), col,
                        Msg("Use a smaller number: at most 1_000_000_000_000_000."))
    try:
        value = float(text) if "." in text else int(text)
    except ValueError:
        raise ExprError(Msg("'{text}' is not a number", text=text), col) from None
    if not math.isfinite(value) or abs(value) > LIMIT:
        raise ExprError(Msg("the number {number} is outside the range a number may take (-10^15 to 10^15)",
                            number=text), col, Msg("Use a smaller number: at most 1_000_000_000_000_000."))
    return value


_CHAR_HINTS = {
    "=": Msg("Compare with '==', not '='."),
    "?": Msg("There is no 'a ? b : c'; in text write {{if condition: b | else: c}}."),
    "%": Msg("There is no remainder ('%'); to show a number as a percentage in text write {{percent: x}}."),
}


def _string(src: str, i: int, out: list[Token]) -> int:
    quote, j, chars = src[i], i + 1, []
    while j < len(src):
        ch = src[j]
        if ch == "\\" and j + 1 < len(src):
            chars.append(src[j + 1])
            j += 2
            continue
        if ch == quote:
            out.append(Token("str", src[i : j + 1], i + 1, "".join(chars)))
            return j + 1
        chars.append(ch)
        j += 1
    raise ExprError(Msg("this text has no closing quote"), i + 1, Msg("Add a {quote} at the end.", quote=quote))


# ---------------------------------------------------------------- syntax tree

@dataclass(slots=True)
class Node:
    kind: str  # lit, name, call, neg, not, and, or, cmp, arith
    col: int
    op: str = ""
    value: Any = None
    args: list["Node"] = field(default_factory=list)
    type: str = ""
    fn: Fn | None = None
    label: str = ""  # how a name reads to a player ("Social Credit")


class _Parser:
    def __init__(self, src: str) -> None:
        self.toks = tokenize(src)
        self.i = 0

    def peek(self) -> Token:
        return self.toks[self.i]

    def take(self) -> Token:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> Token:
        tok = self.take()
        if tok.text != text:
            found = f"'{tok.text}'" if tok.kind != "end" else Msg("the end")
            raise ExprError(Msg("expected '{text}' but found {found}", text=text, found=found), tok.col)
        return tok

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise ExprError(Msg("the expression is empty"), 1, Msg("Write a condition such as credit >= 600."))
        node = self.or_()
        tok = self.peek()
        if tok.kind != "end":
            raise ExprError(Msg("unexpected '{text}'", text=tok.text), tok.col, Msg("Is an 'and' or 'or' missing?"))
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.peek().text == "or" and self.peek().kind == "name":
            col = self.take().col
            node = Node("or", col, args=[node, self.and_()])
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.peek().text == "and" and self.peek().kind == "name":
            col = self.take().col
            node = Node("and", col, args=[node, self.not_()])
        return node

    def not_(self) -> Node:
        if self.peek().text == "not" and self.peek().kind == "name":
            col = self.take().col
            return Node("not", col, args=[self.not_()])
        return self.cmp()

    def cmp(self) -> Node:
        node = self.add()
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("<", "<=", ">", ">=", "==", "!="):
            self.take()
            node = Node("cmp", tok.col, op=tok.text, args=[node, self.add()])
            nxt = self.peek()
            if nxt.kind == "op" and nxt.text in ("<", "<=", ">", ">=", "==", "!="):
                raise ExprError(Msg("comparisons cannot be chained"), nxt.col, Msg("Write a < b and b < c."))
        return node

    def add(self) -> Node:
        node = self.mul()
        while self.peek().kind == "op" and self.peek().text in "+-":
            tok = self.take()
            node = Node("arith", tok.col, op=tok.text, args=[node, self.mul()])
        return node

    def mul(self) -> Node:
        node = self.unary()
        while self.peek().kind == "op" and self.peek().text in "*/":
            tok = self.take()
            node = Node("arith", tok.col, op=tok.text, args=[node, self.unary()])
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "op" and tok.text == "-":
            self.take()
            return Node("neg", tok.col, args=[self.unary()])
        return self.primary()

    def primary(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            return Node("lit", tok.col, value=tok.value, type=NUM)
        if tok.kind == "str":
            return Node("lit", tok.col, value=tok.value, type=STR)
        if tok.kind == "op" and tok.text == "(":
            node = self.or_()
            self.expect(")")
            return node
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                return Node("lit", tok.col, value=tok.text == "true", type=BOOL)
            if tok.text in _KEYWORDS:
                raise ExprError(Msg("'{text}' needs something before it", text=tok.text), tok.col)
            if self.peek().text == "(" and self.peek().kind == "op":
                self.take()
                args: list[Node] = []
                if self.peek().text != ")":
                    args.append(self.or_())
                    while self.peek().text == ",":
                        self.take()
                        args.append(self.or_())
                self.expect(")")
                return Node("call", tok.col, value=tok.text, args=args)
            return Node("name", tok.col, value=tok.text)
        if tok.kind == "end":
            raise ExprError(Msg("the expression ends too early"), tok.col, Msg("Something is missing at the end."))
        raise ExprError(Msg("unexpected '{text}'", text=tok.text), tok.col)


def parse(src: str) -> Node:
    """Parse source text into an untyped syntax tree."""
    return _Parser(src).parse()


# ---------------------------------------------------------------- names and functions

class Scope(Protocol):
    """What the compiler asks the campaign: the type, getter and label of names."""

    def name(self, dotted: str) -> tuple[str, Fn, str] | None: ...

    def known_names(self) -> list[str]: ...

    def check_arg(self, func: str, value: str) -> str | None: ...

    def band_fn(self, score: str) -> Fn: ...

    def gate_fn(self, gate: str) -> Fn: ...

    def since_fn(self, moment: str) -> Fn: ...


def _num(x: Any) -> Any:
    return x


def _div(a: Fn, b: Fn) -> Fn:
    def div(s: Any) -> float:
        d = b(s)
        return a(s) / d if d else 0
    return div


_ARITH: dict[str, Callable[[Fn, Fn], Fn]] = {
    "+": lambda a, b: lambda s: a(s) + b(s),
    "-": lambda a, b: lambda s: a(s) - b(s),
    "*": lambda a, b: lambda s: a(s) * b(s),
    "/": _div,
}

_OP = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}

# a value in the state against a constant, the commonest formula (``partirank / 60``), without a
# call to an operator function; "/" only ever gets a constant that is not 0
_VAL_OP_K: dict[str, Callable[[str, Any], Fn]] = {
    "+": lambda key, k: lambda s: s.vals[key] + k,
    "-": lambda key, k: lambda s: s.vals[key] - k,
    "*": lambda key, k: lambda s: s.vals[key] * k,
    "/": lambda key, k: lambda s: s.vals[key] / k,
}
_K_OP_VAL: dict[str, Callable[[Any, str], Fn]] = {  # "/" never: it goes to _div for the zero test
    "+": lambda k, key: lambda s: k + s.vals[key],
    "-": lambda k, key: lambda s: k - s.vals[key],
    "*": lambda k, key: lambda s: k * s.vals[key],
}


def _arith_fn(op: str, a: Node, b: Node) -> Fn:
    """The closure for ``a op b``, reading a constant or a value on either side inline.

    Formulas are mostly ``x / 60`` or ``12000 - partirank``; a closure per constant and per name
    would be two calls more each time a rule fires. Dividing by zero gives 0, as ``_div`` does.
    """
    fa, fb, f = a.fn, b.fn, _OP[op]
    ka, kb = getattr(fa, "key", None), getattr(fb, "key", None)
    if b.kind == "lit" and not (op == "/" and not b.value):
        k = b.value
        if ka is not None:
            return _VAL_OP_K[op](ka, k)
        return lambda s: f(fa(s), k)  # type: ignore[misc]
    if op == "/":
        return _div(fa, fb)  # type: ignore[arg-type]
    if a.kind == "lit":
        k = a.value
        if kb is not None:
            return _K_OP_VAL[op](k, kb)
        return lambda s: f(k, fb(s))  # type: ignore[misc]
    if kb is not None:
        return lambda s: f(fa(s), s.vals[kb])  # type: ignore[misc]
    return _ARITH[op](fa, fb)  # type: ignore[arg-type]

_CMP: dict[str, Callable[[Fn, Fn], Fn]] = {
    "<": lambda a, b: lambda s: a(s) < b(s),
    "<=": lambda a, b: lambda s: a(s) <= b(s),
    ">": lambda a, b: lambda s: a(s) > b(s),
    ">=": lambda a, b: lambda s: a(s) >= b(s),
    "==": lambda a, b: lambda s: a(s) == b(s),
    "!=": lambda a, b: lambda s: a(s) != b(s),
}

# name-versus-constant comparisons read the state's value dict inline: the commonest condition
_CMP_VAL: dict[str, Callable[[str, Any], Fn]] = {
    "<": lambda key, k: lambda s: s.vals[key] < k,
    "<=": lambda key, k: lambda s: s.vals[key] <= k,
    ">": lambda key, k: lambda s: s.vals[key] > k,
    ">=": lambda key, k: lambda s: s.vals[key] >= k,
    "==": lambda key, k: lambda s: s.vals[key] == k,
    "!=": lambda key, k: lambda s: s.vals[key] != k,
}

_CMP_FN = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
           "!=": operator.ne}

_CMP_CONST: dict[str, Callable[[Fn, Any], Fn]] = {
    "<": lambda a, k: lambda s: a(s) < k,
    "<=": lambda a, k: lambda s: a(s) <= k,
    ">": lambda a, k: lambda s: a(s) > k,
    ">=": lambda a, k: lambda s: a(s) >= k,
    "==": lambda a, k: lambda s: a(s) == k,
    "!=": lambda a, k: lambda s: a(s) != k,
}

# name -> (min args, max args or None, arg type)
_NUM_FUNCS = {"min": (1, None), "max": (1, None), "clamp": (3, 3), "abs": (1, 1), "round": (1, 1)}
# name -> what its one text argument names, and its result type
_STR_FUNCS = {"has": ("flag", BOOL), "visited": ("scene", BOOL), "band": ("score", STR),
              "open": ("gate", BOOL), "did": ("act", NUM), "seen": ("scene", NUM),
              "since": ("scene or act", NUM)}
FUNCTIONS = sorted([*_NUM_FUNCS, *_STR_FUNCS])


def _compile_num_func(node: Node, fns: list[Fn]) -> Fn:
    name = node.value
    if name == "abs":
        (a,) = fns
        return lambda s: abs(a(s))
    if name == "round":
        (a,) = fns
        return _round_fn(a)
    if name == "clamp":
        x, lo, hi = fns
        return lambda s: min(max(x(s), lo(s)), hi(s))
    pick = min if name == "min" else max
    if len(fns) == 1:
        return fns[0]
    if len(fns) == 2:  # the usual case (min(0, x)), without building a sequence each call
        a, b = fns
        if node.args[0].kind == "lit":
            k = node.args[0].value
            return _pick_const(pick, k, node.args[1], False) or (lambda s: pick(k, b(s)))
        return lambda s: pick(a(s), b(s))
    return lambda s: pick([f(s) for f in fns])


def _pick_const(pick: Callable[..., Any], k: Any, node: Node, negate: bool) -> Fn | None:
    """``max(5, rank / 60)`` (or its negation) as one closure, when the second part is a value
    against a constant: the participation formulas of a rank, run after most choices. None otherwise.
    """
    if not (node.kind == "arith" and node.args[0].kind == "name" and node.args[1].kind == "lit"):
        return None
    key = getattr(node.args[0].fn, "key", None)
    k2, op = node.args[1].value, node.op
    if key is None or (op == "/" and not k2):
        return None
    f = _OP[op]
    if negate:
        return lambda s: -pick(k, f(s.vals[key], k2))
    return lambda s: pick(k, f(s.vals[key], k2))


def _round_fn(a: Fn) -> Fn:
    """round() of a value inside ±LIMIT; past it (inf and nan too) the game stops with OutOfRange."""
    def rounded(s: Any) -> int:
        x = a(s)
        if -LIMIT <= x <= LIMIT:
            return math.floor(x + 0.5)
        raise OutOfRange(Msg("a formula"), Msg("round() gets"), x)
    return rounded


def _compile_str_func(node: Node, what: str, arg: str, scope: Scope) -> Fn:
    func = node.value
    if func == "has":
        return lambda s: arg in s.flags
    if func == "visited":
        return lambda s: arg in s.visited
    if func == "did":
        return lambda s: s.acts.get(arg, 0)
    if func == "seen":
        return lambda s: s.visited.get(arg, 0)
    if func == "since":
        return scope.since_fn(arg)
    if func == "band":
        return scope.band_fn(arg)
    return scope.gate_fn(arg)


class Compiler:
    """Type-checks a tree against a scope and turns it into closures."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def compile(self, node: Node) -> Node:
        getattr(self, "_" + node.kind)(node)
        return node

    def _lit(self, node: Node) -> None:
        value = node.value
        node.fn = lambda s: value

    def _name(self, node: Node) -> None:
        found = self.scope.name(node.value)
        if found is None:
            raise ExprError(Msg("unknown name '{name}'", name=node.value), node.col,
                            _suggest(node.value, [n for n in self.scope.known_names() if ":" not in n]))
        node.type, node.fn, node.label = found

    def _call(self, node: Node) -> None:
        name = node.value
        if name in _NUM_FUNCS:
            lo, hi = _NUM_FUNCS[name]
            self._arity(node, lo, hi)
            for arg in node.args:
                self._want(self.compile(arg), NUM, Msg("{name}() takes numbers", name=name))
            node.type = NUM
            node.fn = _compile_num_func(node, [a.fn for a in node.args])  # type: ignore[misc]
            return
        if name in _STR_FUNCS:
            what, result = _STR_FUNCS[name]
            self._arity(node, 1, 1)
            arg = node.args[0]
            if arg.kind != "lit" or arg.type != STR:
                raise ExprError(Msg("{name}() takes the {what} id in quotes", name=name,
                                    what=KIND_WORDS.get(what, what)), arg.col, Msg('Write {name}("...").', name=name))
            problem = self._check_arg(what, arg.value)
            if problem:
                raise ExprError(problem, arg.col, _suggest_hint(arg.value, what, self.scope))
            node.type = result
            node.fn = _compile_str_func(node, what, arg.value, self.scope)
            return
        listed = Msg("The functions are: {names}.", names=", ".join(FUNCTIONS))
        if name in ("random", "rand", "rnd", "roll", "dice"):
            listed = Msg("There is no chance in a formula; text varies with {{shuffle: a | b}}. {listed}",
                         listed=listed)
        raise ExprError(Msg("unknown function '{name}'", name=name), node.col, _suggest(name, FUNCTIONS, listed, 0.65))

    def _check_arg(self, what: str, value: str) -> str | None:
        """None if ``value`` names one of the kinds in ``what`` ("scene or act"), else the problem."""
        kinds = what.split(" or ")
        problems = [self.scope.check_arg(k, value) for k in kinds]
        if all(problems):
            return problems[0] if len(kinds) == 1 else Msg("unknown {what} '{value}'", what=KIND_WORDS.get(what, what),
                                                           value=value)
        return None

    def _arity(self, node: Node, lo: int, hi: int | None) -> None:
        n = len(node.args)
        if n < lo or (hi is not None and n > hi):
            if lo == hi:
                raise ExprError(Msg.counting("{name}() takes {lo} argument, not {n}",
                                             "{name}() takes {lo} arguments, not {n}", lo, name=node.value, lo=lo, n=n),
                                node.col)
            raise ExprError(Msg.counting("{name}() takes at least {lo} argument, not {n}",
                                         "{name}() takes at least {lo} arguments, not {n}", lo, name=node.value,
                                         lo=lo, n=n), node.col)

    def _want(self, node: Node, typ: str, why: str) -> None:
        if node.type != typ:
            raise ExprError(Msg("{why}, but this is {type}", why=why, type=_a(node.type)), node.col)

    def _neg(self, node: Node) -> None:
        (a,) = node.args
        self._want(self.compile(a), NUM, Msg("'-' takes a number"))
        f, key = a.fn, getattr(a.fn, "key", None)
        node.type = NUM
        if key is not None:
            node.fn = lambda s: -s.vals[key]
            return
        fused = None
        if a.kind == "call" and a.value in ("min", "max") and len(a.args) == 2 and a.args[0].kind == "lit":
            fused = _pick_const(min if a.value == "min" else max, a.args[0].value, a.args[1], True)
        node.fn = fused or (lambda s: -f(s))  # type: ignore[misc]

    def _not(self, node: Node) -> None:
        (a,) = node.args
        self._want(self.compile(a), BOOL, Msg("'not' takes a true/false condition"))
        f = a.fn
        node.type = BOOL
        if a.kind == "call" and a.value == "has":  # the commonest negation, read inline
            flag = a.args[0].value
            node.fn = lambda s: flag not in s.flags
        elif a.kind == "call" and a.value == "visited":
            scene = a.args[0].value
            node.fn = lambda s: scene not in s.visited
        else:
            node.fn = lambda s: not f(s)  # type: ignore[misc]

    def _and(self, node: Node) -> None:
        a, b = (self.compile(x) for x in node.args)
        self._want(a, BOOL, Msg("'and' joins conditions"))
        self._want(b, BOOL, Msg("'and' joins conditions"))
        node.type = BOOL
        node.fn = _conjunction(node)

    def _or(self, node: Node) -> None:
        a, b = (self.compile(x) for x in node.args)
        self._want(a, BOOL, Msg("'or' joins conditions"))
        self._want(b, BOOL, Msg("'or' joins conditions"))
        node.type, node.fn = BOOL, _disjunction(node)

    def _arith(self, node: Node) -> None:
        a, b = (self.compile(x) for x in node.args)
        self._want(a, NUM, Msg("'{op}' takes numbers", op=node.op))
        self._want(b, NUM, Msg("'{op}' takes numbers", op=node.op))
        if whole_bound(node) > MAX_WHOLE:
            raise ExprError(Msg("this formula can make numbers too large to compute"), node.col,
                            Msg("Multiply fewer values together; every value stays within ±10^15."))
        node.type, node.fn = NUM, _arith_fn(node.op, a, b)

    def _cmp(self, node: Node) -> None:
        a, b = (self.compile(x) for x in node.args)
        if a.type != b.type:
            raise ExprError(Msg("cannot compare {a} with {b}", a=_a(a.type), b=_a(b.type)), node.col)
        if a.type != NUM and node.op not in ("==", "!="):
            raise ExprError(Msg("'{op}' compares numbers only", op=node.op), node.col, Msg("Use == or != here."))
        key = getattr(a.fn, "key", None)
        if b.kind == "lit" and key is not None:
            node.fn = _CMP_VAL[node.op](key, b.value)
            node.fn.cmp = (_CMP_FN[node.op], key, b.value)  # type: ignore[attr-defined]  # see _with_cmp
        elif b.kind == "lit":
            node.fn = _CMP_CONST[node.op](a.fn, b.value)  # type: ignore[arg-type]
        else:
            node.fn = _CMP[node.op](a.fn, b.fn)  # type: ignore[arg-type]
        node.type = BOOL


# The largest whole number a formula may make on its way to a result: past about 10^308 it could
# no longer meet a fraction (Python cannot turn it into a float), so the loader refuses the formula.
MAX_WHOLE = 10**300


def whole_bound(node: Node) -> int:
    """How large a whole number this subtree can make, given that every value lies within ±LIMIT.

    Only whole numbers grow without end (a fraction turns into inf, which the engine refuses where
    it stores a value); a division makes a fraction, so it starts afresh.
    """
    k, args = node.kind, node.args
    if k == "lit":
        return abs(node.value) if isinstance(node.value, int) and node.type == NUM else 0
    if k == "name":
        return LIMIT
    if k == "neg":
        return whole_bound(args[0])
    if k == "call":
        return max([whole_bound(a) for a in args] + [LIMIT + 1 if node.value in ("round", "did") else 0])
    if k == "arith" and node.op in "+-":
        return whole_bound(args[0]) + whole_bound(args[1])
    if k == "arith" and node.op == "*":
        return whole_bound(args[0]) * whole_bound(args[1])
    return 0


def _conjunction(node: Node) -> Fn:
    """One closure for a whole chain of ``and``: its flag tests become two set tests, done first.

    Flags are what most conditions test (``has("x") and not has("y") and credit >= 600``); a
    closure per part costs a call each, set tests cost next to nothing. Conditions have no side
    effects, so testing the flags first changes nothing but the time.
    """
    need: set[str] = set()
    bar: set[str] = set()
    rest: list[Fn] = []
    for part in conjuncts(node):
        flag, wanted = flag_test(part)
        if flag:
            (need if wanted else bar).add(flag)
        else:
            rest.append(part.fn)  # type: ignore[arg-type]
    others = all_of(rest) if rest else None
    test = _flag_set_test(frozenset(need), frozenset(bar), others)
    return test if test is not None else others  # type: ignore[return-value]


def _flag_set_test(need: frozenset[str], bar: frozenset[str], rest: Fn | None) -> Fn | None:
    """The flag tests of a conjunction, then ``rest``; the shapes that occur, each without a call to spare."""
    if not need and not bar:
        return None
    cmp = getattr(rest, "cmp", None)
    if cmp is not None:
        return _flags_and_cmp(need, bar, *cmp)
    if len(need) == 1 and not bar:
        (f,) = need
        return (lambda s: f in s.flags) if rest is None else (lambda s: f in s.flags and rest(s))
    if len(bar) == 1 and not need:
        (f,) = bar
        return (lambda s: f not in s.flags) if rest is None else (lambda s: f not in s.flags and rest(s))
    if rest is None:
        return lambda s: need <= s.flags and bar.isdisjoint(s.flags)
    return lambda s: need <= s.flags and bar.isdisjoint(s.flags) and rest(s)


def _disjunction(node: Node) -> Fn:
    """One closure for a whole chain of ``or``: its has() tests become one set test, done first.

    ``credit <= 1500 or has("x") or has("y")`` would be five closures deep; conditions have no
    side effects, so testing the flags first changes nothing but the time.
    """
    wanted: set[str] = set()
    rest: list[Fn] = []
    for part in disjuncts(node):
        flag, want = flag_test(part)
        if flag and want:
            wanted.add(flag)
        else:
            rest.append(part.fn)  # type: ignore[arg-type]
    others = any_of(rest) if rest else None
    if not wanted:
        return others  # type: ignore[return-value]
    cmp = getattr(others, "cmp", None)
    if cmp is not None:  # has("x") or rank <= 1500: one closure, as _flags_and_cmp does for "and"
        op, key, k = cmp
        any_flag = frozenset(wanted)
        return lambda s: not any_flag.isdisjoint(s.flags) or op(s.vals[key], k)
    if len(wanted) == 1:
        (f,) = wanted
        return (lambda s: f in s.flags) if others is None else (lambda s: f in s.flags or others(s))
    any_flag = frozenset(wanted)
    if others is None:
        return lambda s: not any_flag.isdisjoint(s.flags)
    return lambda s: not any_flag.isdisjoint(s.flags) or others(s)


def chain(node: Node, kind: str) -> list[Node]:
    """The parts of a chain of ``and`` or ``or`` (a, b, c for a or b or c), in order; the node
    itself otherwise."""
    parts, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.kind == kind:
            stack.extend(reversed(n.args))
        else:
            parts.append(n)
    return parts


def disjuncts(node: Node) -> list[Node]:
    return chain(node, "or")


def any_of(fns: list[Fn]) -> Fn:
    """One test for several alternatives, without a generator per call."""
    if len(fns) == 1:
        return fns[0]
    if len(fns) == 2:
        f1, f2 = fns
        return lambda st: f1(st) or f2(st)
    f1, f2, f3 = fns[0], fns[1], any_of(fns[2:])
    return lambda st: f1(st) or f2(st) or f3(st)


def _flags_and_cmp(need: frozenset[str], bar: frozenset[str], op: Callable[[Any, Any], bool], key: str,
                   k: Any) -> Fn:
    """Flag tests and one value-against-constant comparison (``rank > 9500 and not has("x")``, tested
    after most steps as a `when`), as one closure: the comparison is an operator call, not a closure."""
    if len(need) == 1 and not bar:
        (f,) = need
        return lambda s: f in s.flags and op(s.vals[key], k)
    if len(bar) == 1 and not need:
        (f,) = bar
        return lambda s: f not in s.flags and op(s.vals[key], k)
    return lambda s: need <= s.flags and bar.isdisjoint(s.flags) and op(s.vals[key], k)


def conjuncts(node: Node) -> list[Node]:
    return chain(node, "and")


def flag_test(node: Node) -> tuple[str, bool]:
    """("x", True) for has("x") or flags.x, ("x", False) for their negation, ("", False) otherwise."""
    wanted = True
    while node.kind == "not":
        node, wanted = node.args[0], not wanted
    if node.kind == "call" and node.value == "has":
        return str(node.args[0].value), wanted
    if node.kind == "name" and str(node.value).startswith("flags."):
        return str(node.value)[6:], wanted
    return "", False


def all_of(fns: list[Fn]) -> Fn:
    """One test for several, without a generator per call."""
    if len(fns) == 1:
        return fns[0]
    if len(fns) == 2:
        f1, f2 = fns
        return lambda st: f1(st) and f2(st)
    f1, f2, f3 = fns[0], fns[1], all_of(fns[2:])
    return lambda st: f1(st) and f2(st) and f3(st)


def _a(typ: str) -> str:
    return {NUM: Msg("a number"), BOOL: Msg("a true/false value"), STR: Msg("text")}.get(typ, typ)


# What a function's argument names, as a message says it ("unknown scene 'markt'").
KIND_WORDS = {"flag": Msg("flag"), "scene": Msg("scene"), "score": Msg("score"), "gate": Msg("gate"), "act": Msg("act"),
              "scene or act": Msg("scene or act")}
_WHERE = {
    "scene": Msg("Scenes are the [scene.<id>] tables in scenes/*.toml."),
    "gate": Msg("Gates are the tables of gates.toml, named kind.id (job.bank_clerk)."),
    "act": Msg("Acts are what choices' does and rules' on name (buy.diapers)."),
    "flag": Msg("Declare it under [flags] in campaign.toml."),
    "score": Msg("Scores are the [scores.<id>] tables of campaign.toml."),
    "scene or act": Msg("Scenes are the [scene.<id>] tables in scenes/*.toml. Acts are what choices' does and "
                        "rules' on name (buy.diapers)."),
}


def _suggest(word: str, names: list[str], fallback: str = "", cutoff: float = 0.6) -> str:
    close = difflib.get_close_matches(word, names, n=3, cutoff=cutoff)
    if len(close) == 1:
        return Msg("Did you mean '{name}'?", name=close[0])
    if len(close) == 2:
        return Msg("Did you mean '{a}' or '{b}'?", a=close[0], b=close[1])
    if close:
        return Msg("Did you mean '{a}' or '{b}' or '{c}'?", a=close[0], b=close[1], c=close[2])
    return fallback or Msg("Declare it in campaign.toml, or check the spelling.")


def _suggest_hint(word: str, what: str, scope: Scope) -> str:
    kinds = what.split(" or ")
    names = [n.split(":", 1)[1] for n in scope.known_names() if n.split(":", 1)[0] in kinds]
    return _suggest(word, names, _WHERE.get(what, ""))


@dataclass(slots=True)
class Expr:
    """A compiled expression: its source, its tree and the closure to run."""

    src: str
    tree: Node
    fn: Fn
    type: str

    def __call__(self, state: Any) -> Any:
        return self.fn(state)


def compile_expr(src: str, scope: Scope, want: str | None = None) -> Expr:
    """Parse, type-check and compile ``src``; ``want`` is the type the caller needs."""
    try:
        tree = Compiler(scope).compile(parse(src))
    except RecursionError:
        raise ExprError(Msg("the expression is nested too deeply"), 1,
                        Msg("Split it into simpler parts; a few levels of parentheses are plenty.")) from None
    if want is not None and tree.type != want:
        if want == BOOL:
            raise ExprError(Msg("a condition must be true or false, but this is {type}", type=_a(tree.type)), 1,
                            Msg("Compare it with something, e.g. credit >= 600."))
        raise ExprError(Msg("this must be {want}, but it is {type}", want=_a(want), type=_a(tree.type)), 1)
    return Expr(src, tree, tree.fn, tree.type)  # type: ignore[arg-type]


# ---------------------------------------------------------------- reasons in words

_SAY = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


# Names a thing of the story for a reason: (kind, id) -> words, "" for something the player may
# not know of yet (a secret list). Kinds: "flag", "scene", "gate".
Namer = Callable[[str, str], str]
# A number's name as the player reads it now (a translation's label for a stat or score), "" if none.
Labeler = Callable[[str], str]
UNTOLD = Msg("for a reason you are not told")


def explain(expr: Expr, state: Any, name: Namer, label: Labeler | None = None) -> str:
    """Say in words why a condition is false for this state ("needs Social Credit ≥ 650 — you have 612").

    Things are named as the player knows them (a flag by its description, a scene and a gate by
    their titles, a number by ``label``'s words), never by their ids; a list the player is not told
    about is not named at all. Parts are joined with "; ", each part's own full stop dropped but the
    last one's. The reason is a Msg: the layer that knows the language says it (Campaign.say).
    """
    parts = _why(expr.tree, state, name, False, label or (lambda ident: ""))
    if not parts:
        return Msg("needs {condition}", condition=expr.src)
    if len(parts) == 1:
        return parts[0]
    return Msg.listing([_unstopped(p) for p in parts[:-1]] + parts[-1:], "; ")


def _unstopped(part: str) -> str:
    """A part without its full stop (a flag's words may end in one); a message keeps its template."""
    if not part.endswith("."):
        return part
    if isinstance(part, Msg):
        last = re.search(r"\{(\w+)\}$", part.template)
        if last and isinstance(part.args.get(last.group(1)), str):
            return part.with_args(**{last.group(1): _unstopped(part.args[last.group(1)])})
    return part.rstrip(".")


def _why(node: Node, s: Any, name: Namer, negated: bool, label: Labeler) -> list[str]:
    k = node.kind
    if k == "not":
        return _why(node.args[0], s, name, not negated, label)
    if k in ("and", "or"):
        conj = k == ("or" if negated else "and")
        if conj:  # every part must hold: name the ones that fail
            out: list[str] = []
            for a in node.args:
                if bool(a.fn(s)) == negated:  # type: ignore[misc]
                    out += _why(a, s, name, negated, label)
            return out
        alts = [parts[0] if len(parts) == 1 else Msg.listing(parts, " ")
                for parts in (_why(a, s, name, negated, label) for a in node.args) if parts]
        either = alts[0] if alts else ""
        for alt in alts[1:]:
            either = Msg("{a} or {b}", a=either, b=alt)
        return [either]
    if k == "cmp":
        a, b = node.args
        op = _NEGATE[node.op] if negated else node.op
        if a.kind == "name" and a.type == NUM and b.kind == "lit":
            return [Msg("needs {name} {op} {value} — you have {now}", name=label(a.value) or a.label, op=_SAY[op],
                        value=_fmt(b.value), now=_fmt(a.fn(s)))]  # type: ignore[misc]
        return [Msg("needs {condition}", condition=f"{_src(a)} {_SAY[op]} {_src(b)}")]
    if k == "call" and node.value in _CALLS:
        return [_CALLS[node.value](name, node.args[0].value, negated)]
    if k == "name" and node.type == BOOL and str(node.value).startswith("flags."):
        return [_flag(name, str(node.value)[6:], negated)]
    if k == "name" and node.type == BOOL:
        return [Msg("not while {what}", what=node.label) if negated else Msg("needs {what}", what=node.label)]
    src = _src(node)
    return [Msg("not: {condition}", condition=src) if negated else Msg("needs {condition}", condition=src)]


def _flag(name: Namer, flag: str, negated: bool) -> str:
    words = name("flag", flag)
    if not words:
        return UNTOLD
    return Msg("not while: {words}", words=words) if negated else Msg("needs: {words}", words=words)


def _visited(name: Namer, scene: str, negated: bool) -> str:
    if negated:
        return Msg("only before {scene}", scene=name("scene", scene))
    return Msg("only after {scene}", scene=name("scene", scene))


def _open(name: Namer, gate: str, negated: bool) -> str:
    if negated:
        return Msg("only while {gate} is shut", gate=name("gate", gate))
    return Msg("needs {gate} open", gate=name("gate", gate))


_CALLS: dict[str, Callable[[Namer, str, bool], str]] = {"has": _flag, "visited": _visited, "open": _open}


def _fmt(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, float):
        return f"{v:.1f}"
    return str(v)


def _src(node: Node) -> str:
    """Rebuild readable source for a subtree (for generic reasons)."""
    k = node.kind
    if k == "lit":
        return (f'"{node.value}"' if node.type == STR
                else str(node.value).lower() if node.type == BOOL else _fmt(node.value))
    if k == "name":
        return node.label or node.value
    if k == "call":
        return f"{node.value}({', '.join(_src(a) for a in node.args)})"
    if k == "neg":
        return "-" + _src(node.args[0])
    if k == "not":
        return "not " + _src(node.args[0])
    op = {"and": "and", "or": "or"}.get(k, node.op)
    if k == "cmp":
        op = _SAY[node.op]
    return f"{_src(node.args[0])} {op} {_src(node.args[1])}"


def names_in(node: Node) -> set[tuple[str, str]]:
    """Every (kind, id) a tree reads: ('name', 'credit'), ('has', 'blacklisted'), ...; used by checks."""
    out: set[tuple[str, str]] = set()
    if node.kind == "name":
        out.add(("name", node.value))
    elif node.kind == "call" and node.value in _STR_FUNCS and node.args and node.args[0].kind == "lit":
        out.add((node.value, str(node.args[0].value)))
    for a in node.args:
        out |= names_in(a)
    return out
