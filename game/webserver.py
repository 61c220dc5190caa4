"""The game in a browser: textual-serve's server, with one game process and one saves folder per visitor.

textual-serve runs one fixed shell command for every browser that connects, so every visitor would
share one set of saves. ``GameServer`` changes three things:

- the page hands each new visitor a random token in a cookie (``game.visitors``), and the
  websocket that starts a game reads it back: the game runs with ``--saves`` set to that visitor's
  own folder. A websocket with no valid token, or from another site's page, is refused;
- the page's websocket address is the one the browser used to reach it (textual-serve's is built
  from the listening host, which is wrong for ``0.0.0.0`` and drops the cookie when a visitor uses
  ``localhost`` for ``127.0.0.1``);
- when a visitor's game process ends, however it ends, the browser is told (its page offers
  "Restart"), and nothing of it reaches the server: each game is a process of its own.

Imported only by ``citizen-score serve``: textual-serve is an optional extra.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from game.visitors import new_token, valid_token, visitor_folder

log = logging.getLogger("textual-serve")

COOKIE = "citizen_score_visitor"
COOKIE_MAX_AGE = 400 * 24 * 3600
"""As long as browsers keep a cookie (400 days): the token is the only key to a visitor's saves."""


def game_command(content: Path, saves: Path) -> str:
    """The shell command that plays the game for one visitor (textual-serve runs it through a shell)."""
    return shlex.join([sys.executable, "-m", "game", "--content", str(content), "--saves", str(saves), "play"])

GRACE = 10.0
"""Seconds a game whose output has ended may take to exit before it is killed."""


class VisitorGame(AppService):
    """One visitor's game process; closes the visitor's page when the process ends, for whatever reason.

    textual-serve closes it only when the game says it is quitting, so a game that crashed or could
    not start would leave a dead screen.
    """

    async def run(self) -> None:
        await super().run()
        if self._process is not None:  # its output has ended: reap it, so no process outlives its page
            try:
                await asyncio.wait_for(self._process.wait(), GRACE)
            except TimeoutError:
                self._process.kill()
                await self._process.wait()
        await self.remote_close()


class GameServer(Server):
    def __init__(self, content: Path, saves_root: Path, host: str, port: int,
                 command: Callable[[Path, Path], str] = game_command,
                 on_listening: Callable[[], None] = lambda: None) -> None:
        super().__init__(command="citizen-score play", host=host, port=port, title="Citizen Score")
        self.content = content
        self.saves_root = saves_root
        self.make_command = command
        self.on_listening = on_listening
        self.pages: set[web.WebSocketResponse] = set()

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: the command says where it listens once it does (textual-serve prints a banner)."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every page's connection, which ends its game: without this, stopping the server
        waits for every visitor to leave."""
        for page in list(self.pages):
            await page.close(code=WSCloseCode.GOING_AWAY, message=b"the server is stopping")

    def serve(self, debug: bool = False) -> None:
        """Serve until interrupted. Raises OSError when the address cannot be listened on."""
        self.debug = debug
        self.initialize_logging()
        web.run_app(self._make_app(), host=self.host, port=self.port, print=lambda _text: self.on_listening(),
                    access_log=None)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, with a visitor token set on a first visit (or in place of one that is not ours)."""
        scheme = "wss" if request.secure else "ws"
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        if not valid_token(request.cookies.get(COOKIE)):
            response.set_cookie(COOKIE, new_token(), max_age=COOKIE_MAX_AGE, path="/", httponly=True,
                                samesite="Strict", secure=request.secure)
        return response

    def visitor_saves(self, request: web.Request) -> Path:
        """The saves folder of the visitor making ``request``; 403 without a token of ours or from
        another site's page (which must not play, or read, a visitor's games)."""
        origin = request.headers.get("Origin")
        if origin is not None and origin.split("://", 1)[-1] != request.host:
            raise web.HTTPForbidden(text="citizen-score serve: games start only from this server's own page.")
        token = request.cookies.get(COOKIE)
        if token is None or not valid_token(token):
            raise web.HTTPForbidden(text="citizen-score serve: open the page first; it gives you a place "
                                         "for your saves.")
        return visitor_folder(self.saves_root, token)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One visitor's game: textual-serve's handler, with the visitor's own command."""
        try:
            saves = self.visitor_saves(request)
        except OSError as e:
            log.error("cannot make a visitor's saves folder under %s: %s", self.saves_root, e)
            raise web.HTTPInternalServerError(text="citizen-score serve: no room for your saves.") from None
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        game: VisitorGame | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            self.pages.add(websocket)
            game = VisitorGame(self.make_command(self.content, saves), write_bytes=websocket.send_bytes,
                               write_str=websocket.send_str, close=close,
                               download_manager=self.download_manager, debug=self.debug)
            await game.start(width, height)
            await self._process_messages(websocket, game)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one visitor's bad message or dead game never stops the server
            log.exception(error)
        finally:
            self.pages.discard(websocket)
            if game is not None:
                await game.stop()
        return websocket
