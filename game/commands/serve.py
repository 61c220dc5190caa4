"""``citizen-score serve``: play the game in a web browser, each visitor with saves of their own.

The server (``game.webserver``, on textual-serve) starts one game process per browser tab; each
visitor's saves, settings and records live in a folder of their own under the saves folder
(``game.visitors``). It listens on loopback unless ``--host`` says otherwise.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path

from game.commands.helptext import fail, parser
from game.i18n import _

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(sub, "serve", _("play in a web browser: serve the game, each visitor with saves of their own"),
               _("Serve the game to web browsers (needs the serve extra: pip install 'citizen-score[serve]'). "
                 "Each visitor gets a game of their own, and saves of their own in a folder under "
                 "SAVES/visitors/, found again by a cookie their browser keeps. Stop with Ctrl+C."),
               {0: _("stopped with Ctrl+C"),
                2: _("cannot serve: textual-serve is not installed, the address is taken or not this machine's, "
                     "or the content or saves folder cannot be used")})
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=_("address to listen on (default: {host}, this machine only; "
                          "0.0.0.0 lets anyone who can reach it play)").format(host=DEFAULT_HOST))
    p.add_argument("--port", type=port_number, default=DEFAULT_PORT,
                   help=_("port (default: {port})").format(port=DEFAULT_PORT))
    p.set_defaults(run=run)


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a port number").format(text=text)) from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(_("a port is from 1 to 65535"))
    return port


def _fail(message: str) -> int:
    return fail("serve", message)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a name: only "localhost" is known to stay on this machine
        return False


def url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def announce(host: str, port: int, saves: Path) -> None:
    """Say where the game is served, once it is; warn when more than this machine can reach it."""
    print(_("Citizen Score is served at {url} (saves in {folder}). Press Ctrl+C to stop.").format(
        url=url(host, port), folder=saves / "visitors"), flush=True)
    if not is_loopback(host):
        print("citizen-score serve: " + _("warning: listening on {host}, not only on this machine: anyone "
                                          "who can reach it can play, and each game runs a process here.").format(
            host=host), file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    content: Path = args.content
    saves: Path = args.saves
    if not content.is_dir():
        return _fail(_("no content folder {folder}. Point --content (or CITIZEN_SCORE_CONTENT) at the "
                       "campaigns.").format(folder=content))
    try:
        saves.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        return _fail(_("cannot use the saves folder {folder}: {reason}. "
                       "Point --saves (or CITIZEN_SCORE_SAVES) at a folder you can write to.").format(
            folder=saves, reason=e.strerror or e))
    try:
        from game.webserver import GameServer
    except ImportError:
        return _fail(_("playing in a browser needs textual-serve: pip install 'citizen-score[serve]'."))

    server = GameServer(content.resolve(), saves.resolve(), args.host, args.port,
                        on_listening=lambda: announce(args.host, args.port, saves))
    try:
        server.serve()
    except OSError as e:
        return _fail(_("cannot listen on {host} port {port}: {reason}. Pick another with --port (or --host).").format(
            host=args.host, port=args.port, reason=e.strerror or e))
    return 0
