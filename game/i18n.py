"""The interface's language: gettext catalogues in ``game/locale``, made with Babel.

Every string a player or an author reads goes through ``_`` (or ``ngettext`` for counts,
``pgettext`` where one English word needs two translations). A constant defined at import time is
marked with ``N_`` and translated where it is shown, so the language can be chosen after the
modules are imported. A third language is a new ``game/locale/<code>/LC_MESSAGES/messages.po``
and the campaigns' ``*.<code>.toml`` files: no code.

The language comes from ``--lang``, else the one the player chose in the game (settings.toml),
else the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English.
"""

from __future__ import annotations

import argparse
import gettext as _gettext
import os
from pathlib import Path
from typing import Mapping

from game.engine.msg import N_, Msg

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
SOURCE = "en"
ENV_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# Each language's own name, for the command palette and messages (a new language adds its own here
# only to be listed by name; without it the code is shown).
NAMES = {"en": "English", "nl": "Nederlands"}

_current: _gettext.NullTranslations = _gettext.NullTranslations()
_lang = SOURCE


def available() -> list[str]:
    """English and every language with a compiled catalogue, sorted."""
    found = {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return sorted({SOURCE, *found})


def normalise(value: str) -> str:
    """A locale setting as a language code we may have: nl_NL.UTF-8 -> nl, pt_BR -> pt_BR or pt."""
    code = value.split(".", 1)[0].split("@", 1)[0]
    if code in ("", "C", "POSIX"):
        return ""
    have = available()
    if code in have:
        return code
    short = code.split("_", 1)[0].lower()
    return short if short in have else ""


def from_environment(env: Mapping[str, str]) -> str:
    """The first language the environment asks for that we have ("" if none): LANGUAGE may list
    several (nl:de:en); the first variable that is set decides, as gettext does."""
    for var in ENV_VARS:
        value = env.get(var, "")
        if not value:
            continue
        for item in value.split(":") if var == "LANGUAGE" else [value]:
            if found := normalise(item):
                return found
        if var != "LANGUAGE":
            return ""
    return ""


def choose(asked: str | None, remembered: str, env: Mapping[str, str] | None = None) -> str:
    """--lang, else the player's remembered choice, else the environment, else English."""
    for value in (asked or "", remembered):
        if value and (found := normalise(value)):
            return found
    return from_environment(os.environ if env is None else env) or SOURCE


def use(lang: str) -> str:
    """Speak ``lang`` from now on (English if it has no catalogue); returns the language used."""
    global _current, _lang
    if lang == SOURCE or lang not in available():
        _current, _lang = _gettext.NullTranslations(), SOURCE
    else:
        _current = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])
        _lang = lang
    # argparse looks its own words up (usage:, options:, its errors) through the gettext functions
    # it imported; handing it ours is how its documentation's "translate the argparse output" is
    # done for a program that chooses its language itself (ARGPARSE lists the words).
    argparse._ = _current.gettext  # type: ignore[attr-defined]
    argparse.ngettext = _current.ngettext  # type: ignore[attr-defined]
    return _lang


def current() -> str:
    return _lang


def _(message: str) -> str:
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _current.pgettext(context, message)


def said(text: str) -> str:
    """A message the engine wrote (``game.engine.msg.Msg``) in the language spoken; other text as it
    is. Handed to the engine where it writes messages (``ContentError.format(say=said)``)."""
    return text.translated(_current) if isinstance(text, Msg) else text


def said_error(e: BaseException) -> str:
    """An exception's message in the language spoken: the engine raises with a Msg (see ``said``)."""
    return said(e.args[0]) if len(e.args) == 1 and isinstance(e.args[0], str) else str(e)


# argparse's own words that a player or an author can meet (CPython's Lib/argparse.py asks gettext
# for each, word for word): marked here so our catalogue carries them, and handed to argparse by
# ``use``. A string that a later Python words differently stays English there, nothing worse.
ARGPARSE = (
    # Translators: argparse's heading of a command line's form; keep the space at the end.
    N_("usage: "),
    # Translators: argparse's heading of the arguments without a dash (CAMPAIGN, COMMAND).
    N_("positional arguments"),
    # Translators: argparse's heading of the options (--lang, --content).
    N_("options"),
    N_("show this help message and exit"),
    # Translators: argparse's error line: keep %(prog)s, %(message)s and the line break at the end.
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    # Translators: %(type)s is a function's name in the code (int, float): keep it as it is.
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
)


def seps() -> str:
    """How numbers are written: the thousands separator, then the decimal point (",." in English)."""
    # Translators: the thousands separator and the decimal point, in that order (Dutch: ".,").
    found = pgettext("number format", ",.")
    return found if len(found) == 2 else ",."


def number(value: float, places: int = 0) -> str:
    """A number as the language writes it: 12,345.6 in English, 12.345,6 in Dutch."""
    # One format for the story's numbers and the interface's; imported here because the engine
    # is loaded only after the title is drawn, and this module before it.
    from game.engine.textlang import grouped

    return grouped(value, places, seps())


def language_name(code: str) -> str:
    return NAMES.get(code, code)
