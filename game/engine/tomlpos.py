"""Where a key sits in a TOML file.

``tomllib`` gives values but no positions, and authors need line numbers. This scans the source
text once and maps each table path (``scene.market.choice[1].goto``) to the line it is written on.
It is forgiving: when a path is not found, the nearest enclosing table's line is used.
"""

from __future__ import annotations

import re

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _keys(text: str) -> tuple[list[str], int]:
    """Parse a dotted key at the start of ``text``; return the keys and how much was read."""
    keys: list[str] = []
    i = 0
    while True:
        while i < len(text) and text[i] in " \t":
            i += 1
        if i < len(text) and text[i] in "\"'":
            q = text[i]
            j = text.find(q, i + 1)
            if j < 0:
                return keys, i
            keys.append(text[i + 1 : j])
            i = j + 1
        else:
            m = _BARE.match(text, i)
            if not m:
                return keys, i
            keys.append(m.group())
            i = m.end()
        while i < len(text) and text[i] in " \t":
            i += 1
        if i < len(text) and text[i] == ".":
            i += 1
            continue
        return keys, i


def path_str(parts: tuple[object, ...]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else ("." if out else "") + str(p)
    return out


class Positions:
    """Line numbers of table paths in one TOML source."""

    def __init__(self, source: str) -> None:
        self.lines: dict[str, int] = {}
        self._scan(source.splitlines())

    def _scan(self, lines: list[str]) -> None:
        table: tuple[object, ...] = ()
        counts: dict[tuple[object, ...], int] = {}
        in_string: str | None = None
        array_key: tuple[object, ...] | None = None
        depth = 0
        item = -1
        for n, raw in enumerate(lines, 1):
            line = raw.strip()
            if in_string:
                if in_string in line:
                    in_string = None
                continue
            if depth > 0 and array_key is not None:
                if line.startswith("{"):
                    item += 1
                    self.lines.setdefault(path_str((*array_key, item)), n)
                depth += _depth(line)
                continue
            if not line or line.startswith("#"):
                continue
            if line.startswith("[["):
                keys, _ = _keys(line[2:])
                base = tuple(keys)
                counts[base] = counts.get(base, -1) + 1
                table = (*base, counts[base])
                self.lines.setdefault(path_str(table), n)
                continue
            if line.startswith("["):
                keys, _ = _keys(line[1:])
                table = tuple(keys)
                self.lines.setdefault(path_str(table), n)
                continue
            keys, end = _keys(line)
            if not keys or end >= len(line) or line[end] != "=":
                continue
            full = (*table, *keys)
            self.lines.setdefault(path_str(full), n)
            value = line[end + 1 :].strip()
            for q in ('"""', "'''"):
                if value.startswith(q) and value.count(q) == 1:
                    in_string = q
            if value.startswith("[") and in_string is None:
                d = _depth(value)
                if d > 0:
                    depth, array_key, item = d, full, -1

    def line(self, path: str) -> int:
        """The line of ``path`` or of the nearest enclosing table that is written down."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return 1 if self.lines else 0


def _depth(text: str) -> int:
    """Net bracket depth of a line, ignoring brackets inside quoted strings and comments."""
    d, q = 0, ""
    for ch in text:
        if q:
            if ch == q:
                q = ""
        elif ch in "\"'":
            q = ch
        elif ch == "#":
            break
        elif ch in "[{":
            d += 1
        elif ch in "]}":
            d -= 1
    return d


def file_column(line: str, expr: str, column: int) -> int:
    """Where character ``column`` of an expression stands on the line it is written on (1-based).

    Editors jump to file:line:column, so a column counted inside the expression would land off
    by the key and the quote. The expression is looked for in each single-line string on the
    line (escapes undone), then as it stands (a line inside a multi-line string); 0 when it is
    not found, so the message falls back to the line alone.
    """
    for start, chars in _strings(line):
        decoded = "".join(ch for ch, _ in chars)
        found = decoded.find(expr)
        if found < 0:
            continue
        i = found + column - 1
        if i < len(chars):
            return chars[i][1] + 1
        return (chars[-1][1] + 1 if chars else start) + 1
    found = line.find(expr)
    return found + column if found >= 0 else 0


_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _strings(line: str) -> list[tuple[int, list[tuple[str, int]]]]:
    """Each quoted string on a line: where its text starts, and each character with its index."""
    out: list[tuple[int, list[tuple[str, int]]]] = []
    i, n = 0, len(line)
    while i < n:
        q = line[i]
        if q == "#":
            break
        if q not in "\"'":
            i += 1
            continue
        start, chars, i = i + 1, [], i + 1
        while i < n and line[i] != q:
            if q == '"' and line[i] == "\\" and i + 1 < n:
                esc = line[i + 1]
                if esc in "uU":
                    size = 4 if esc == "u" else 8
                    try:
                        chars.append((chr(int(line[i + 2:i + 2 + size], 16)), i))
                    except ValueError:
                        chars.append(("?", i))
                    i += 2 + size
                    continue
                chars.append((_ESCAPES.get(esc, esc), i))
                i += 2
                continue
            chars.append((line[i], i))
            i += 1
        out.append((start, chars))
        i += 1
    return out
