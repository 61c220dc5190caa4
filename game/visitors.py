"""Browser visitors and their saves: each visitor holds a secret token, and the token names a folder.

``citizen-score serve`` gives every browser a random token (in a cookie) the first time it comes.
The visitor's games run with ``--saves`` pointing at a folder named by a digest of that token, so a
visitor finds their own saves, settings and records again on the next visit, and no other visitor
can reach them: a folder name is useless without the token it came from, and a token is never
written to disk. Nothing here knows about web servers; ``game.webserver`` carries the token.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from pathlib import Path

VISITORS = "visitors"
"""The folder, inside the saves folder, that holds one folder per visitor."""

TOKEN_BYTES = 32
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
"""What ``new_token`` makes: 32 random bytes, URL-safe base64 without padding."""

FOLDER_CHARS = 32
"""Hex characters of the token's SHA-256 kept as the folder name: 128 bits, more than enough to
keep visitors apart, short enough to read in a listing."""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def valid_token(token: str | None) -> bool:
    """Whether ``token`` is one that ``new_token`` could have made. Anything else (an old, edited or
    forged cookie) is replaced with a fresh token rather than trusted as a folder name."""
    return token is not None and TOKEN.fullmatch(token) is not None


def visitor_folder(saves_root: Path, token: str) -> Path:
    """The saves folder of the visitor holding ``token``, created (readable by its owner only) if new.

    Raises ValueError for a token that ``valid_token`` refuses, so no request can choose a path.
    """
    if not valid_token(token):
        raise ValueError("not a visitor token")
    name = hashlib.sha256(token.encode("ascii")).hexdigest()[:FOLDER_CHARS]
    folder = saves_root / VISITORS / name
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder
