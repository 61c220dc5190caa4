"""``citizen-score translate CAMPAIGN --lang CODE --stamp``: mark translations as made from the
current original, so that ``check --lang CODE`` reports them stale once the original changes.

Stamping writes one line, ``from = "<hash of the original words>"``, under each translated
table's header and changes nothing else in the file (comments and layout stay as written); the
file is written atomically.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from game.commands.helptext import fail, parser
from game.i18n import _, ngettext, said, said_error

HEADER = re.compile(r'^\s*\[([A-Za-z0-9_."\- ]+)\]\s*(#.*)?$')
STAMP_LINE = re.compile(r'^\s*from\s*=')


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(sub, "translate", _("stamp a campaign's translation as made from the current original"),
               _("Stamp each translated table of a campaign's translation files (opening.nl.toml beside "
                 "opening.toml) with a hash of the original words, so check --lang reports it stale when "
                 "the original changes. Without ids, every table that has no stamp yet; with ids "
                 "(scene.arrival, rule.postcode), those tables, after you have brought them up to date."),
               {0: _("stamped (or nothing to stamp)"), 2: _("no such campaign or language, or a file that "
                                                            "cannot be read or written")})
    p.add_argument("campaign", metavar="CAMPAIGN", help=_("a campaign id in the content folder, or its folder"))
    p.add_argument("--stamp", nargs="*", metavar="ID", required=True,
                   help=_("stamp tables that have no stamp (no ids), or restamp the tables named"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from game import i18n
    from game.engine.campaigns import find_campaign
    from game.engine.content import load_campaign
    from game.engine.languages import SOURCE
    from game.engine.problems import ContentError

    lang = args.lang or ""
    if not lang or i18n.normalise(lang) in ("", SOURCE):
        return fail("translate", _("name the language to stamp with --lang (e.g. --lang nl)"))
    try:
        folder = find_campaign(args.content, args.campaign, "translate")
        load_campaign(folder)  # stamps are taken against a story that loads
    except (ValueError, ContentError) as e:
        return fail("translate", e.format(say=said) if isinstance(e, ContentError) else said_error(e))
    stamped, problems = stamp(Path(folder), i18n.normalise(lang), set(args.stamp))
    for p in problems:
        print(p)
    print(ngettext("stamped {n} table", "stamped {n} tables", stamped).format(n=stamped))
    return 2 if problems else 0


def stamp(root: Path, lang: str, only: set[str]) -> tuple[int, list[str]]:
    """Write the stamps; (tables stamped, problems)."""
    import tomllib

    from game.engine.languages import translation_of
    from game.engine.load.context import Context
    from game.engine.load.read import read_source
    from game.engine.load.translation import entries, story_files
    from game.fileio import atomic_write

    count, problems, seen = 0, [], set()
    for rel in story_files(root):
        trel = translation_of(rel, lang)
        if not (root / trel).is_file():
            continue
        cx = Context(root, tomllib.loads)
        original = read_source(cx, rel, required=False)
        if original is None:
            continue
        hashes = {e.path: e.stamp for e in entries(rel, original.data)}
        text = (root / trel).read_text(encoding="utf-8")
        new, n, found = stamp_text(text, hashes, only)
        seen |= found
        if n:
            try:
                atomic_write(root / trel, new.encode("utf-8"))
            except OSError as e:
                problems.append(_("{file}: cannot write it: {reason}").format(file=f"{root.name}/{trel}",
                                                                              reason=e.strerror or e))
                continue
            count += n
    # Translators: {table} is a table's id (scene.arrival); [header] means a TOML table's header line.
    problems += [_("{campaign}: no translated table [{table}] to stamp (stamps go under a table's [header])").format(
        campaign=root.name, table=p) for p in sorted(only - seen)]
    return count, problems


def stamp_text(text: str, hashes: dict[str, str], only: set[str]) -> tuple[str, int, set[str]]:
    """The text with stamps under the headers wanted: every unstamped table, or the ``only`` ones."""
    lines = text.split("\n")
    out: list[str] = []
    count, seen = 0, set()
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        m = HEADER.match(line)
        i += 1
        if not m:
            continue
        path = m.group(1).replace('"', "").replace(" ", "")
        seen.add(path)
        if path not in hashes:
            continue
        body_end = i
        while body_end < len(lines) and not HEADER.match(lines[body_end]):
            body_end += 1
        has = next((j for j in range(i, body_end) if STAMP_LINE.match(lines[j])), None)
        if only and path not in only:
            continue
        if has is not None and not only:
            continue  # already stamped: a stale one is restamped only when named
        stamp_line = f'from = "{hashes[path]}"'
        if has is not None:
            if lines[has].strip() != stamp_line:
                lines[has] = stamp_line
                count += 1
        else:
            out.append(stamp_line)
            count += 1
    return "\n".join(out), count, seen
