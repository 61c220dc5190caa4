"""Values that name things: expressions, amounts, text with {holes}, lists of flags, people and
acts, and gotos. Each is checked against the campaign's declared names, so a typo is reported at
load with its line and the nearest real name, never met in play.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable

from .. import textlang
from ..expr import NUM, Expr, ExprError, compile_expr
from ..model import Amount, Template
from ..msg import Msg
from .context import Context, close
from .keys import ACT, kind_word
from .read import Source


def expr(cx: Context, src: Source, path: str, text: str, want: str | None,
         line: Callable[[], int] | None = None) -> Expr | None:
    """A compiled expression, or None and a problem pointing at the file column of the mistake.

    The same text wanted as the same type compiles to the same thing (the scope is fixed for the
    load and compiling has no side effects), so a third of a campaign's expressions, written more
    than once, are compiled once. A mistake is not kept: each place it is written reports it.
    """
    assert cx.scope is not None
    key = (text, want)
    done = cx.exprs.get(key)
    if done is not None:
        return done
    try:
        done = cx.exprs[key] = compile_expr(text, cx.scope, want)
        return done
    except ExprError as e:
        at = line() if line else src.line(path)
        column = src.column(at, text, e.column)
        where = "" if column else Msg(" (at its character {n})", n=e.column)  # a multi-line string
        cx.problem(src, path, Msg("{message} in `{text}`{where}", message=e.message, text=text, where=where),
                   e.hint, column, line=at)
        return None


def amounts(cx: Context, src: Source, path: str, table: dict[str, Any], names: dict[str, Any],
            what: str) -> dict[str, Amount]:
    """A table of name = number or "formula", each name one the campaign declares."""
    out: dict[str, Amount] = {}
    for key, v in table.items():
        if key not in names:
            cx.problem(src, f"{path}.{key}", Msg("unknown {what} '{key}'", what=kind_word(what), key=key),
                       close(key, list(names), Msg("Declare the {what} in campaign.toml.", what=kind_word(what))))
            continue
        if isinstance(v, bool) or not isinstance(v, (int, float, str)) or \
                (isinstance(v, float) and not math.isfinite(v)):
            cx.problem(src, f"{path}.{key}", Msg("an amount must be a finite number or a formula in quotes"))
        elif isinstance(v, str):
            e = expr(cx, src, f"{path}.{key}", v, NUM)
            if e is not None:
                out[key] = e
        else:
            out[key] = round(v)
    return out


def template(cx: Context, src: Source, path: str, text: str) -> Template:
    """Parse a text's {holes} and forms (textlang); each problem names its line and column."""
    if "{" not in text and "}" not in text:
        return (textlang.MARKERS.sub("\ufffd", text),) if text else ()

    def compile(source: str, at: int, want: str | None) -> Expr | None:
        return expr(cx, src, path, source, want, line=lambda: text_line(src, path, text, at))

    def report(message: str, at: int, hint: str) -> None:
        line = text_line(src, path, text, at)
        piece = text[at : at + 12].split("\n", 1)[0]
        cx.problem(src, path, message, hint, src.column(line, piece, 1), line=line)

    return textlang.parse(text, path, compile, report, currency(cx), cx.seps)


def currency(cx: Context) -> str:
    """The campaign's money sign: the unit of its first stat that has one ("¥"), else none."""
    return next((s.unit for s in cx.stats.values() if s.unit), "")


def text_line(src: Source, path: str, text: str, at: int) -> int:
    """The file line of position ``at`` in a text value.

    A string that opens with \"\"\" and a line break starts on the next line (TOML drops that
    first break); a one-line string with \\n escapes stays on its key's line.
    """
    line = src.line(path)
    raw = src.text.splitlines()[line - 1] if 0 < line <= src.text.count("\n") + 1 else ""
    if re.search(r'=\s*("""|\'\'\')\s*$', raw):
        return line + 1 + text.count("\n", 0, at)
    if '"""' in raw or "\'\'\'" in raw:
        return line + text.count("\n", 0, at)
    return line


def strs(cx: Context, src: Source, path: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        cx.problem(src, path, Msg("this must be a list of text"), Msg('Write ["a", "b"].'))
        return ()
    return tuple(value)


def flag_list(cx: Context, src: Source, path: str, value: Any) -> tuple[str, ...]:
    return known(cx, src, path, value, cx.flags, "flag", Msg("Declare it under [flags] in campaign.toml."))


def npc_list(cx: Context, src: Source, path: str, value: Any) -> tuple[str, ...]:
    return known(cx, src, path, value, cx.npcs, "person", Msg("Declare them as [npc.<id>] in campaign.toml."))


def known(cx: Context, src: Source, path: str, value: Any, names: Any, what: str, hint: str) -> tuple[str, ...]:
    """A list of ids, each of which must name one of ``names``; each one that does not is reported."""
    items = strs(cx, src, path, value)
    for item in items:
        if item not in names:
            cx.problem(src, path, Msg("unknown {what} '{key}'", what=kind_word(what), key=item),
                       close(item, list(names), hint))
    return items


def acts_ok(cx: Context, src: Source, path: str, does: tuple[str, ...]) -> None:
    for act in does:
        if not ACT.match(act):
            cx.problem(src, path, Msg("the act '{act}' is not allowed", act=act),
                       Msg("Acts are dotted lower-case words, e.g. buy.diapers."))


def target(cx: Context, src: Source, path: str, goto: str) -> None:
    """A goto names a scene or a deck."""
    if goto not in cx.scene_ids and goto not in cx.decks:
        cx.problem(src, path, Msg("goto '{goto}' names no scene or deck", goto=goto),
                   close(goto, [*cx.scene_ids, *cx.decks], Msg("Check the spelling, or add the scene.")))
