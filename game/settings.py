"""The player's settings, kept beside their saves in ``settings.toml``: the theme and the language.

Read once when the game starts and written whole (``atomic_write``) when a setting changes. A
file that cannot be read is reported, with where and how to fix it, and then left alone: the
game runs on the defaults and never writes over a file the player may have edited by hand.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from game.engine.msg import Msg
from game.fileio import atomic_write

FILE = "settings.toml"
HEADER = "# Citizen Score settings. The game rewrites this file when you change a setting.\n"
MAX_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str = ""  # a theme's name, "" for the game's default
    lang: str = ""  # a language code chosen in the game, "" to follow --lang and the environment


class SettingsError(Exception):
    """The settings file cannot be used; the message names the file (and line) and the fix.

    It is a Msg: the file is read before the language is chosen (it may choose it), so the message
    is said in the player's language where it is shown.
    """


def settings_path(saves_dir: Path) -> Path:
    return Path(saves_dir) / FILE


def load_settings(saves_dir: Path) -> Settings:
    """The settings in the saves folder; the defaults when there is no file yet (SettingsError if broken)."""
    path = settings_path(saves_dir)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _broken(path, "", Msg("it is far larger than a settings file."))
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return Settings()
    except OSError as e:
        raise _broken(path, "", Msg("it cannot be read ({why}).", why=e.strerror or e)) from None
    except UnicodeDecodeError as e:
        raise _broken(path, "", Msg("it is not text (byte {byte} is not UTF-8).", byte=e.start)) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise _broken(path, at_line(str(e), text), Msg("the TOML cannot be read ({why}).", why=e)) from None
    theme = doc.get("theme", "")
    if not isinstance(theme, str):
        # Translators: theme = "..." is a line of the settings file: keep it as it is.
        raise _broken(path, at_line_of(text, "theme"), Msg(
            'theme is a theme\'s name in quotes, e.g. theme = "citizen-high-contrast".'))
    lang = doc.get("lang", "")
    if not isinstance(lang, str):
        # Translators: lang = "nl" is a line of the settings file: keep it as it is.
        raise _broken(path, at_line_of(text, "lang"), Msg('lang is a language code in quotes, e.g. lang = "nl".'))
    return Settings(theme=theme, lang=lang)


def _broken(path: Path, line: str, why: Msg) -> SettingsError:
    """The error for a settings file the game cannot use: where, what, and what the game does about it."""
    return SettingsError(Msg("{file}{line}: {why} The game uses its defaults and leaves the file as it is; "
                             "fix it or delete it.", file=path, line=line, why=why))


def save_settings(saves_dir: Path, settings: Settings) -> None:
    """Write the settings whole, or raise OSError and leave the old file as it was."""
    doc = {"theme": settings.theme, **({"lang": settings.lang} if settings.lang else {})}
    atomic_write(settings_path(saves_dir), (HEADER + tomli_w.dumps(doc)).encode())


def at_line(error: str, text: str) -> str:
    """":3" for the line a TOML error names ("... (at line 3, column 5)"); the last line for one
    "at end of document"."""
    found = re.search(r"at line (\d+)", error)
    if found:
        return f":{found.group(1)}"
    return f":{max(1, len(text.splitlines()))}" if "end of document" in error else ""


def at_line_of(text: str, key: str) -> str:
    """":N" for the first line that sets ``key``, else ""."""
    for n, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return f":{n}"
    return ""
