"""Language codes and the names of translation files.

A translation sits beside the file it translates, with the language before the extension:
``scenes/opening.toml`` is translated into Dutch by ``scenes/opening.nl.toml``. Saves, replays
and records never name a language, so a run verifies whatever language it was played in.
"""

from __future__ import annotations

import re

SOURCE = "en"  # the language the shipped story and the interface are written in
CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")  # nl, en, pt_BR
_FILE = re.compile(r"^[^.]+\.([a-z]{2,3}(?:_[A-Z]{2})?)\.toml$")


def is_translation(name: str) -> bool:
    """Whether a file name is a translation (``opening.nl.toml``), not story."""
    return _FILE.match(name) is not None


def translation_of(rel: str, lang: str) -> str:
    """The translation's path for a story file's path: scenes/opening.toml -> scenes/opening.nl.toml."""
    stem, dot, ext = rel.rpartition(".")
    return f"{stem}.{lang}.{ext}" if dot else f"{rel}.{lang}"
