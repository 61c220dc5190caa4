"""Can a condition ever hold? A conservative answer from the parsed expression tree.

``check`` says a condition is impossible only when it can prove it: a number compared beyond the
range its value can ever take, comparisons that contradict each other inside one ``and``, a flag
nothing sets, a scene nothing reaches, a gate that never opens, a band the score does not have.
Everything it cannot reason about counts as possible, so the author never gets a false alarm.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from game.engine.expr import BOOL, NUM, STR, Node
from game.engine.msg import Msg

INF = math.inf
Range = tuple[float, float]
FULL: Range = (-INF, INF)
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEG = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


@dataclass(slots=True)
class Facts:
    """What the game can ever reach, as far as the analysis knows (it only ever grows)."""

    ranges: dict[str, Range]  # numeric names -> the values they can take
    why_range: dict[str, str]  # numeric names -> why the range is what it is, in words
    bands: dict[str, list[tuple[int, str]]]  # score id -> sorted (lower bound, band name)
    gates: dict[str, Node]  # gate id -> its needs tree
    flags: set[str] = field(default_factory=set)  # flags something reachable can set
    scenes: set[str] = field(default_factory=set)  # scenes that can be visited
    acts: set[str] = field(default_factory=set)  # acts that can be done
    befriend: set[str] = field(default_factory=set)  # people who can be (or start as) friends
    unfriend: set[str] = field(default_factory=set)  # people who can be (or start as) not friends


def start(node: Node) -> int:
    """The column where a subtree's text begins (a comparison's own column is its operator's)."""
    return min([node.col, *(start(a) for a in node.args)])


@dataclass(frozen=True, slots=True)
class Culprit:
    """The part of a condition that can never hold, and why (for the message and its column)."""

    col: int
    reason: str


def check(tree: Node, facts: Facts) -> Culprit | None:
    """None when the condition may hold; else the part that never can."""
    return _check(tree, False, facts, {})


def always(tree: Node, facts: Facts) -> Culprit | None:
    """None when the condition may fail; else the part that always holds (its negation never can)."""
    return _check(tree, True, facts, {})


def _check(node: Node, neg: bool, facts: Facts, bounds: dict[str, Range]) -> Culprit | None:
    k = node.kind
    if k == "not":
        return _check(node.args[0], not neg, facts, bounds)
    if (k == "or") != neg and k in ("and", "or"):  # a disjunction: one side is enough
        culprits = [_check(a, neg, facts, bounds) for a in node.args]
        if all(culprits):
            return Culprit(culprits[0].col, Msg.listing([c.reason for c in culprits],  # type: ignore[union-attr]
                                                        " and "))
        return None
    return _conjunction(_conjuncts(node, neg), facts, bounds)


def _conjuncts(node: Node, neg: bool) -> list[tuple[Node, bool]]:
    """The parts of an `and` (or of a negated `or`), with the polarity each must have."""
    if node.kind == "not":
        return _conjuncts(node.args[0], not neg)
    if (node.kind == "and" and not neg) or (node.kind == "or" and neg):
        return [p for a in node.args for p in _conjuncts(a, neg)]
    return [(node, neg)]


def _conjunction(parts: list[tuple[Node, bool]], facts: Facts, outer: dict[str, Range]) -> Culprit | None:
    bounds = dict(outer)
    said: dict[str, str] = {}  # name -> the comparisons here that narrowed it, for the message
    truth: dict[tuple[str, str], tuple[bool, int]] = {}
    rest: list[tuple[Node, bool]] = []
    unequal: list[tuple[Node, str, float, str]] = []  # name != k: checked once the bounds are known
    for node, neg in parts:
        bound = _bound(node, neg, facts)
        if bound is not None and bound[1] is None:
            unequal.append((node, bound[0], bound[2], bound[3]))
            continue
        if bound is not None:
            name, lo, hi, what = bound
            assert lo is not None  # a bound without a low end is a != and went to `unequal`
            old = bounds.get(name, _range(name, facts))
            new = (max(old[0], lo), min(old[1], hi))
            if new[0] > new[1] or _no_whole(name, new):
                return Culprit(start(node), _bound_reason(name, what, old, facts, bounds, said))
            bounds[name] = _whole(name, new)
            said[name] = Msg("{a} and {b}", a=said[name], b=what) if name in said else what
            continue
        fact = _fact(node, neg)
        if fact is not None:
            key, want = fact
            seen = truth.get(key)
            if seen is not None and seen[0] != want:
                return Culprit(start(node), Msg("contradicts the condition at column {column}", column=seen[1]))
            truth[key] = (want, start(node))
            culprit = _atom(node, key, want, facts, bounds)
            if culprit:
                return culprit
            continue
        rest.append((node, neg))
    for node, name, k, what in unequal:
        if bounds.get(name, _range(name, facts)) == (k, k):
            return Culprit(start(node), _bound_reason(name, what, (k, k), facts, bounds, said))
    for node, neg in rest:
        culprit = _check(node, neg, facts, bounds) if node.kind in ("and", "or", "not") else \
            _general(node, neg, facts, bounds)
        if culprit:
            return culprit
    return None


def _no_whole(name: str, r: Range) -> bool:
    """Scores, stats and days are whole numbers: 3 < x < 4 holds for none of them."""
    if name.startswith("friends.mean.") or r[0] == -INF or r[1] == INF:
        return False
    return math.ceil(r[0]) > math.floor(r[1])


def _whole(name: str, r: Range) -> Range:
    """Narrow a range of a whole-number value to whole ends: x < 1 is x <= 0."""
    if name.startswith("friends.mean."):
        return r
    return (math.ceil(r[0]) if r[0] != -INF else r[0], math.floor(r[1]) if r[1] != INF else r[1])


def _range(name: str, facts: Facts) -> Range:
    if name.startswith("did:"):
        return (0.0, INF) if name[4:] in facts.acts else (0.0, 0.0)
    return facts.ranges.get(name, FULL)


def _bound_reason(name: str, what: str, old: Range, facts: Facts, bounds: dict[str, Range],
                  said: dict[str, str]) -> str:
    if name in said:
        return Msg("{what} contradicts {other}", what=what, other=said[name])
    if name not in bounds:  # the value's own range rules it out
        why = facts.why_range.get(name, "") if not name.startswith("did:") else \
            Msg("nothing that can happen does it") if name[4:] not in facts.acts else ""
        if why:
            return Msg("{what} never holds: {name} is always {range} ({why})", what=what, name=_label(name),
                       range=_say_range(old), why=why)
        return Msg("{what} never holds: {name} is always {range}", what=what, name=_label(name), range=_say_range(old))
    return Msg("{what} contradicts another condition here on {name}", what=what, name=_label(name))


def _label(name: str) -> str:
    return Msg("{act} times done", act=name[4:]) if name.startswith("did:") else name


def _say_range(r: Range) -> str:
    lo, hi = (_num(r[0]), _num(r[1]))
    if r[0] == r[1]:
        return lo
    if r[0] == -INF:
        return Msg("at most {hi}", hi=hi)
    if r[1] == INF:
        return Msg("at least {lo}", lo=lo)
    return Msg("between {lo} and {hi}", lo=lo, hi=hi)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


# ---------------------------------------------------------------- simple bounds: name op number

def _bound(node: Node, neg: bool, facts: Facts) -> tuple[str, float | None, float, str] | None:
    """`credit >= 650` as ("credit", 650, inf); also band("credit") == "good" as its score range."""
    if node.kind != "cmp":
        return None
    a, b = node.args
    op = _NEG[node.op] if neg else node.op
    if a.kind == "lit" and b.kind != "lit":
        a, b, op = b, a, _FLIP[op]
    if b.kind != "lit":
        return None
    name = _numeric_name(a)
    what = f"{_show(a)} {op} {_show(b)}"
    if name is not None and b.type == NUM:
        k = float(b.value)
        lo, hi = {"<": (-INF, math.nextafter(k, -INF)), "<=": (-INF, k), ">": (math.nextafter(k, INF), INF),
                  ">=": (k, INF), "==": (k, k)}.get(op, (None, k))
        if lo is None:  # != rules out one value only: (name, None, k) is checked at the end
            return name, None, k, what
        return name, lo, hi, what
    if a.kind == "call" and a.value == "band" and b.type == STR and op == "==":
        score = a.args[0].value
        bands = facts.bands.get(score, [])
        if not any(n == b.value for _, n in bands):
            return None  # an unknown band: said in words by _strings
        span = _band_span(bands, b.value)
        return score, span[0], span[1], what
    return None


def _band_span(bands: list[tuple[int, str]], name: str) -> Range:
    """The score values in which band() reads `name` (empty when the score has no such band)."""
    for i, (lower, band) in enumerate(bands):
        if band == name:
            lo = -INF if i == 0 else lower  # the lowest band also covers values under its bound
            hi = bands[i + 1][0] - 1 if i + 1 < len(bands) else INF
            return lo, hi
    return FULL


def _numeric_name(node: Node) -> str | None:
    if node.kind == "name" and node.type == NUM:
        return node.value
    if node.kind == "call" and node.value == "did":
        return "did:" + node.args[0].value
    return None


def _show(node: Node) -> str:
    if node.kind == "lit":
        return f'"{node.value}"' if node.type == STR else str(node.value).lower() if node.type == BOOL \
            else _num(node.value)
    if node.kind == "name":
        return node.value
    if node.kind == "call":
        return f"{node.value}({', '.join(_show(a) for a in node.args)})"
    return "(...)"


# ---------------------------------------------------------------- true/false facts

def _fact(node: Node, neg: bool) -> tuple[tuple[str, str], bool] | None:
    """has("x"), visited("s"), open("g"), flags.x, npc.x.friend, true/false as (key, wanted truth)."""
    if node.kind == "call" and node.value in ("has", "visited", "open"):
        return (node.value, node.args[0].value), not neg
    if node.kind == "name" and node.type == BOOL:
        name = node.value
        if name.startswith("flags."):
            return ("has", name[6:]), not neg
        return ("name", name), not neg
    if node.kind == "lit" and node.type == BOOL:
        return ("lit", ""), bool(node.value) != neg
    return None


def _atom(node: Node, key: tuple[str, str], want: bool, facts: Facts,
          bounds: dict[str, Range]) -> Culprit | None:
    kind, ident = key
    if kind == "lit":
        return None if want else Culprit(start(node), Msg("the condition is always false"))
    if kind == "has" and want and ident not in facts.flags:
        return Culprit(start(node), Msg("nothing that can happen sets the flag '{id}'", id=ident))
    if kind == "visited" and want and ident not in facts.scenes:
        return Culprit(start(node), Msg("no path reaches the scene '{id}'", id=ident))
    if kind == "open" and ident in facts.gates:
        inner = _check(facts.gates[ident], not want, facts, bounds)
        if inner:
            if want:
                return Culprit(start(node), Msg("the gate '{id}' is never open: {reason}", id=ident,
                                                reason=inner.reason))
            return Culprit(start(node), Msg("the gate '{id}' is never shut: {reason}", id=ident, reason=inner.reason))
    if kind == "name" and ident.startswith("npc.") and ident.endswith(".friend"):
        person = ident[4:-7]
        if want and person not in facts.befriend:
            return Culprit(start(node), Msg("'{person}' is never a friend", person=person))
        if not want and person not in facts.unfriend:
            return Culprit(start(node), Msg("'{person}' is always a friend", person=person))
    return None


# ---------------------------------------------------------------- anything else: interval arithmetic

def _general(node: Node, neg: bool, facts: Facts, bounds: dict[str, Range]) -> Culprit | None:
    if node.kind != "cmp":
        return None
    a, b = node.args
    if a.type != NUM or b.type != NUM:
        return _strings(node, neg, facts)
    ra, rb = interval(a, facts, bounds), interval(b, facts, bounds)
    op = _NEG[node.op] if neg else node.op
    if _may(ra, op, rb):
        return None
    return Culprit(start(node), Msg("{what} never holds: the left side is always {left} and the right side {right}",
                                    what=f"{_show(a)} {op} {_show(b)}", left=_say_range(ra), right=_say_range(rb)))


def _strings(node: Node, neg: bool, facts: Facts) -> Culprit | None:
    """band("credit") == "excelent": a band the score does not have."""
    a, b = node.args
    if a.kind == "lit" and b.kind != "lit":
        a, b = b, a
    if a.kind == "call" and a.value == "band" and b.kind == "lit":
        score = a.args[0].value
        names = [n for _, n in facts.bands.get(score, [])]
        op = _NEG[node.op] if neg else node.op
        if op == "==" and names and b.value not in names:
            return Culprit(b.col, Msg('{score} has no band "{band}" (its bands: {bands})', score=score, band=b.value,
                                      bands=", ".join(names)))
    return None


def _may(a: Range, op: str, b: Range) -> bool:
    if op == "<":
        return a[0] < b[1]
    if op == "<=":
        return a[0] <= b[1]
    if op == ">":
        return a[1] > b[0]
    if op == ">=":
        return a[1] >= b[0]
    if op == "==":
        return a[0] <= b[1] and b[0] <= a[1]
    return not (a[0] == a[1] == b[0] == b[1])


def interval(node: Node, facts: Facts, bounds: dict[str, Range] | None = None) -> Range:
    """The values a numeric expression can take (FULL when unsure)."""
    bounds = bounds or {}
    k = node.kind
    if k == "lit":
        return (float(node.value), float(node.value)) if node.type == NUM else FULL
    name = _numeric_name(node)
    if name is not None:
        return bounds.get(name, _range(name, facts))
    args = [interval(a, facts, bounds) for a in node.args] if node.args and node.type == NUM else []
    if k == "neg" and args:
        return -args[0][1], -args[0][0]
    if k == "arith" and len(args) == 2:
        return _arith(node.op, args[0], args[1])
    if k == "call" and args:
        return _func(node.value, args)
    return FULL


def _arith(op: str, a: Range, b: Range) -> Range:
    if op == "+":
        return a[0] + b[0], a[1] + b[1]
    if op == "-":
        return a[0] - b[1], a[1] - b[0]
    if op == "*":
        products = [x * y for x in a for y in b]
        if any(math.isnan(p) for p in products):
            return FULL
        return min(products), max(products)
    if b[0] <= 0 <= b[1]:  # dividing by zero gives 0 in the engine; anything else is possible
        return FULL
    quotients = [x / y for x in a for y in b if not (math.isinf(x) and math.isinf(y))]
    if len(quotients) < 4 or any(math.isnan(q) for q in quotients):
        return FULL
    return min(quotients), max(quotients)


def _func(name: str, args: list[Range]) -> Range:
    if name == "min":
        return min(a[0] for a in args), min(a[1] for a in args)
    if name == "max":
        return max(a[0] for a in args), max(a[1] for a in args)
    if name == "clamp" and len(args) == 3:  # min(max(x, lo), hi) grows with each argument
        (x, lo, hi) = args
        return min(max(x[0], lo[0]), hi[0]), min(max(x[1], lo[1]), hi[1])
    if name == "abs":
        a = args[0]
        if a[0] >= 0:
            return a
        if a[1] <= 0:
            return -a[1], -a[0]
        return 0.0, max(-a[0], a[1])
    if name == "round":
        a = args[0]
        return math.floor(a[0] + 0.5) if a[0] != -INF else -INF, math.floor(a[1] + 0.5) if a[1] != INF else INF
    return FULL
