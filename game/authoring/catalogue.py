"""The interface catalogues: every ``_()`` string of the game, extracted, merged and compiled with Babel.

``python -m game.authoring.catalogue`` (in a checkout with the test extras) extracts the strings
into ``game/locale/messages.pot``, merges them into each language's ``messages.po`` (a string
whose English changed comes back marked fuzzy, for the translator to check) and compiles each
``messages.mo`` the game reads. ``--check`` changes nothing and lists each string a language
lacks, is fuzzy in, or whose compiled catalogue is out of date; a test runs it.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from game.i18n import DOMAIN, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent.parent
# N_ marks a constant translated where it is shown; the engine's messages are Msg(...) and
# Msg.counting(singular, plural, n) (game.engine.msg): the engine imports no gettext.
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "Msg": None, "counting": (1, 2)}


def template() -> Catalog:
    """Every translatable string in the package, with where it is used and its translator comments."""
    cat = Catalog(project="citizen-score", domain=DOMAIN, fuzzy=False)
    for file, line, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("Translators:",), strip_comment_tags=True):
        if file.startswith(("authoring/catalogue", "engine/msg")):
            continue
        cat.add(message, None, [(f"game/{file}", line)], auto_comments=comments, context=context)
    return cat


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang)


def compiled(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def problems(lang: str, tmpl: Catalog) -> list[str]:
    """What a language lacks: strings untranslated, fuzzy or gone, and a stale compiled catalogue."""
    cat = read(lang)
    out = []
    for msg in tmpl:
        if not msg.id:
            continue
        have = cat.get(msg.id, context=msg.context)
        where = ", ".join(f"{f}:{n}" for f, n in msg.locations[:2])
        if have is None or not (have.string if isinstance(have.string, str) else all(have.string or ())):
            out.append(f"{po_path(lang)}: no {lang} for {_show(msg.id)} ({where})")
        elif have.fuzzy:
            out.append(f"{po_path(lang)}: the {lang} for {_show(msg.id)} is marked fuzzy: check it ({where})")
    mo = po_path(lang).with_suffix(".mo")
    if not mo.is_file() or _entries(mo.read_bytes()) != _entries(compiled(cat)):
        out.append(f"{mo}: out of date; run python -m game.authoring.catalogue")
    return out


def _entries(data: bytes) -> dict[object, object]:
    cat = read_mo(io.BytesIO(data))
    return {(m.context, _key(m.id)): _key(m.string) for m in cat if m.id}


def _key(value: object) -> object:
    """Plural messages are lists in a read catalogue: as tuples they can be compared and keyed."""
    return tuple(value) if isinstance(value, list) else value


def _show(msgid: object) -> str:
    text = msgid[0] if isinstance(msgid, tuple) else str(msgid)
    return repr(text if len(text) < 70 else text[:67] + "...")


def update() -> None:
    tmpl = template()
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("wb") as f:
        write_po(f, tmpl, width=100, omit_header=False)
    for lang in languages():
        cat = read(lang)
        cat.update(tmpl, update_header_comment=False)
        with po_path(lang).open("wb") as f:
            write_po(f, cat, width=100, ignore_obsolete=True)
        po_path(lang).with_suffix(".mo").write_bytes(compiled(read(lang)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m game.authoring.catalogue", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="change nothing; list what each language lacks")
    ap.add_argument("--new", metavar="LANG", help="start a catalogue for a new language")
    args = ap.parse_args(argv)
    if args.new:
        po_path(args.new).parent.mkdir(parents=True, exist_ok=True)
        with po_path(args.new).open("wb") as f:
            write_po(f, Catalog(locale=args.new, domain=DOMAIN, project="citizen-score"))
    if args.check:
        tmpl = template()
        found = [p for lang in languages() for p in problems(lang, tmpl)]
        print("\n".join(found) or "every catalogue is complete and compiled")
        return 1 if found else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
