"""Reading a content file: bounded bytes, UTF-8 text, TOML data, and every way that can fail.

A hostile or broken file — a folder, a device such as /dev/zero, a pipe, a dangling or looping
link, UTF-16 text, stray bytes, brackets nested thousands deep, a number of thousands of digits —
becomes one problem naming the file (and the line where there is one), never a traceback or a
wait. Only plain files are opened, never blocking, and never more than MAX_BYTES are read.
"""

from __future__ import annotations

import errno
import hashlib
import math
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bounds import LIMIT
from ..msg import N_, Msg
from ..tomlpos import Positions, file_column, path_str
from .context import Context

MAX_BYTES = 4 * 1024 * 1024  # the largest shipped file is some 60 KB
MAX_NESTING = 32  # tables and lists inside each other; the story needs five or six
TOML_ERR = re.compile(r"^(.*?)\s*\(at line (\d+), column (\d+)\)$")
# Strings, comments and brackets, in file order: enough to find where brackets nest too deep.
_TOKENS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]')
RANGE = "±" + f"{LIMIT:,}".replace(",", " ")  # as the message shows it
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{200,}")
# What Python's TOML parser says, as messages a translation can say again (its words, unchanged, in
# English); a message not listed here is shown as the parser wrote it.
_TOML_SAYS = [(re.compile(pattern), template) for pattern, template in (
    (r"^Expected '=' after a key in a key/value pair$", N_("Expected '=' after a key in a key/value pair")),
    (r"^Expected ']' at the end of a table declaration$", N_("Expected ']' at the end of a table declaration")),
    (r"^Expected ']]' at the end of an array declaration$", N_("Expected ']]' at the end of an array declaration")),
    (r"^Expected newline or end of document after a statement$",
     N_("Expected newline or end of document after a statement")),
    (r"^Cannot overwrite a value$", N_("Cannot overwrite a value")),
    (r"^Invalid value$", N_("Invalid value")),
    (r"^Invalid statement$", N_("Invalid statement")),
    (r"^Invalid initial character for a key part$", N_("Invalid initial character for a key part")),
    (r"^Invalid date or datetime$", N_("Invalid date or datetime")),
    (r"^Unclosed array$", N_("Unclosed array")),
    (r"^Unclosed inline table$", N_("Unclosed inline table")),
    (r"^Unterminated string$", N_("Unterminated string")),
    (r"^Unescaped '\\' in a string$", N_("Unescaped '\\' in a string")),
    (r"^Cannot declare (?P<key>.+) twice$", N_("Cannot declare {key} twice")),
    (r"^Cannot redefine namespace (?P<key>.+)$", N_("Cannot redefine namespace {key}")),
    (r"^Cannot mutate immutable namespace (?P<key>.+)$", N_("Cannot mutate immutable namespace {key}")),
    (r"^Duplicate inline table key (?P<key>.+)$", N_("Duplicate inline table key {key}")),
    (r"^Found invalid character (?P<char>.+)$", N_("Found invalid character {char}")),
    (r"^Illegal character (?P<char>.+)$", N_("Illegal character {char}")),
    (r"^Expected (?P<what>'.*')$", N_("Expected {what}")),
)]


@dataclass(slots=True)
class Source:
    name: str  # path shown in messages
    data: dict[str, Any]
    text: str
    _pos: Positions | None = None

    @property
    def pos(self) -> Positions:
        """Line positions, scanned only when a message or a check needs a line number."""
        if self._pos is None:
            self._pos = Positions(self.text)
        return self._pos

    def line(self, path: str) -> int:
        return self.pos.line(path)

    def column(self, line: int, expr: str, column: int) -> int:
        """The file column of character ``column`` of ``expr`` written on ``line`` (0 if not found there)."""
        lines = self.text.splitlines()
        return file_column(lines[line - 1], expr, column) if 0 < line <= len(lines) else 0


def content_hash(files: dict[str, bytes]) -> str:
    """A hash of the campaign's TOML files (names and bytes), to spot an edited story."""
    h = hashlib.sha256()
    for rel in sorted(files):  # line endings normalised: a Windows checkout is the same story
        h.update(rel.encode() + b"\0" + files[rel].replace(b"\r\n", b"\n") + b"\0")
    return h.hexdigest()[:16]


def read_source(cx: Context, rel: str, required: bool) -> Source | None:
    """Read, decode and parse one file of the campaign; None (and a problem) if it cannot be used."""
    path = cx.root / rel
    if not os.path.lexists(path):
        if required:
            cx.file_problem(rel, Msg("file not found"), Msg("A campaign needs {file} in {folder}.", file=rel,
                                                                  folder=str(cx.root)))
        return None
    raw = read_bytes(cx, rel, path)
    if raw is None:
        return None
    cx.files[rel] = raw
    text = decode(cx, rel, raw)
    data = None if text is None else parse(cx, rel, text)
    if data is None or text is None:
        return None
    src = Source(f"{cx.label}/{rel}", data, text)
    cx.sources[src.name] = src
    return src if check_values(cx, src) else None


def text_source(root: Path, name: str, rel: str) -> Source | None:
    """A file's text for line numbers only (author tools, after a load): None if it cannot be read."""
    cx = Context(root, tomllib.loads)
    raw = read_bytes(cx, rel, root / rel)
    text = None if raw is None else decode(cx, rel, raw)
    return None if text is None else Source(name, {}, text)


def read_bytes(cx: Context, rel: str, path: Path) -> bytes | None:
    """A plain file's bytes, opened without blocking (a pipe cannot stall the game) and bounded."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        cx.file_problem(rel, _open_failure(path, e), Msg("Replace it with a plain UTF-8 text file."))
        return None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            cx.file_problem(rel, Msg("this is a folder, not a file"), Msg("Content files are plain TOML text files."))
            return None
        if not stat.S_ISREG(info.st_mode):
            cx.file_problem(rel, Msg("this is not a plain file (a device, a pipe or a socket)"),
                            Msg("Content files are plain TOML text files."))
            return None
        raw = os.read(fd, MAX_BYTES + 1) if info.st_size <= MAX_BYTES else b""
        if info.st_size > MAX_BYTES or len(raw) > MAX_BYTES:
            cx.file_problem(rel, Msg("the file is larger than {mb} MB", mb=MAX_BYTES // (1024 * 1024)),
                            Msg("Split the story into several files under scenes/."))
            return None
        return _read_rest(fd, raw)
    except OSError as e:
        cx.file_problem(rel, Msg("cannot read the file: {why}", why=str(e.strerror or e)),
                        Msg("Check that it is readable."))
        return None
    finally:
        os.close(fd)


def _read_rest(fd: int, raw: bytes) -> bytes:
    """os.read may return less than asked of a plain file; read on to its end (bounded above)."""
    while len(raw) <= MAX_BYTES:
        more = os.read(fd, MAX_BYTES + 1 - len(raw))
        if not more:
            break
        raw += more
    return raw


def _open_failure(path: Path, e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return Msg("this is a link that leads back to itself")
    if e.errno == errno.ENOENT and path.is_symlink():
        return Msg("this is a link to {target}, which does not exist", target=os.readlink(path))
    return Msg("cannot open the file: {why}", why=str(e.strerror or e))


def decode(cx: Context, rel: str, raw: bytes) -> str | None:
    """UTF-8 text, or a problem at the line and column of the first byte that is not."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:200]:
        cx.file_problem(rel, Msg("the file is UTF-16 text, not UTF-8"), Msg("Save it as UTF-8 text."), line=1)
        return None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")  # some editors mark UTF-8 with a BOM
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        cx.file_problem(rel, Msg("these bytes are not UTF-8 text"), Msg("Save the file as UTF-8 text."),
                        line=line, column=column)
        return None


def parse(cx: Context, rel: str, text: str) -> dict[str, Any] | None:
    """TOML data, or one problem at the line the parser stopped at."""
    try:
        return cx.parse(text)
    except tomllib.TOMLDecodeError as e:
        m = TOML_ERR.match(str(e))
        msg, line, col = (m.group(1), int(m.group(2)), int(m.group(3))) if m else (str(e), 0, 0)
        cx.file_problem(rel, Msg("TOML syntax: {message}", message=_toml_says(msg)), _toml_hint(msg),
                        line=line, column=col)
    except RecursionError:
        cx.file_problem(rel, Msg("tables or lists are nested more than {n} deep", n=MAX_NESTING),
                        Msg("Flatten the value; no key needs more than a few levels."),
                        line=too_deep_line(text))
    except ValueError:  # Python refuses to read an integer of thousands of digits
        m = _LONG_NUMBER.search(text)
        cx.file_problem(rel, Msg("a number is outside the game's range, {range}", range=RANGE),
                        Msg("Write a smaller number."), line=text.count("\n", 0, m.start()) + 1 if m else 0)
    return None


def too_deep_line(text: str) -> int:
    """The line where brackets first nest deeper than MAX_NESTING (0 if they never do)."""
    depth = 0
    for m in _TOKENS.finditer(text):
        tok = m.group()
        if tok == "[" or tok == "{":
            depth += 1
            if depth > MAX_NESTING:
                return text.count("\n", 0, m.start()) + 1
        elif tok == "]" or tok == "}":
            depth = max(depth - 1, 0)
    return 0


def check_values(cx: Context, src: Source) -> bool:
    """Every number inside the game's range and no value nested too deep; False if one is not.

    A challenge's seed is the one number allowed past the range: it seeds the random generator
    and is never a value the game holds. Content that passes ``_clean`` (all shipped content) is
    not walked again; only a file with a problem pays for the paths its messages name.
    """
    if _clean(src.data, 0):
        return True
    ok = True
    stack: list[tuple[Any, tuple[object, ...]]] = [(src.data, ())]
    while stack:
        node, path = stack.pop()
        if len(path) > MAX_NESTING:
            cx.problem(src, path_str(path), Msg("tables or lists are nested more than {n} deep", n=MAX_NESTING),
                       Msg("Flatten the value; no key needs more than a few levels."))
            ok = False
            continue
        for k, v in node.items() if type(node) is dict else enumerate(node):
            kind = type(v)
            if kind is dict or kind is list:
                stack.append((v, (*path, k)))
            elif (kind is int or kind is float) and _out_of_range(v) and not _is_seed((*path, k)):
                cx.problem(src, path_str((*path, k)), Msg("{number} is outside the game's range, {range}",
                                                          number=_shown(v), range=RANGE),
                           Msg("Write a smaller number."))
                ok = False
    return ok


def _clean(node: Any, depth: int) -> bool:
    """True when nothing under ``node`` is out of range or too deep; builds no paths, so it is cheap.

    A seed past the range makes this False, and the full walk then lets it through.
    """
    if depth > MAX_NESTING:
        return False
    for v in node.values() if type(node) is dict else node:
        kind = type(v)
        if kind is str or kind is bool:
            continue
        if kind is dict or kind is list:
            if not _clean(v, depth + 1):
                return False
        elif (kind is int or kind is float) and (v > LIMIT or v < -LIMIT):  # inf too: the full walk decides
            return False
    return True


def _out_of_range(value: int | float) -> bool:
    """Past ±LIMIT; inf and nan are left to the keys that take decimals, which name them."""
    return (value > LIMIT or value < -LIMIT) and (type(value) is int or math.isfinite(value))


def _is_seed(path: tuple[object, ...]) -> bool:
    return len(path) == 3 and path[0] == "challenge" and path[2] == "seed"


def _shown(value: int | float) -> str:
    """A number as a message can show it: thousands of digits are counted, not printed."""
    if isinstance(value, float):
        return f"{value:g}"
    digits = len(str(abs(value)))
    return str(value) if digits <= 24 else Msg("a number of {n} digits", n=digits)


def _toml_says(msg: str) -> str:
    """The parser's message as a Msg when it is one we know (see _TOML_SAYS); else as it is."""
    for pattern, template in _TOML_SAYS:
        m = pattern.match(msg)
        if m:
            return Msg(template, **m.groupdict())
    return msg


def _toml_hint(msg: str) -> str:
    low = msg.lower()
    if "cannot declare" in low or "overwrite" in low or "duplicate" in low:
        return Msg("A key or table is written twice; each id must be unique.")
    if "invalid value" in low:
        return Msg('Text values need quotes; multi-line text uses triple quotes """.')
    if "expected" in low and "=" in low:
        return Msg("Each line is key = value.")
    return Msg("Check the line for a missing quote, bracket or '='.")
