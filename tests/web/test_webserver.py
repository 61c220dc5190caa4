"""The browser server without a browser: tokens, refusals, and games that die without the server."""

from __future__ import annotations

import asyncio
import os
import shlex
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import WSCloseCode, WSMsgType
from aiohttp.test_utils import TestClient, TestServer

from game.visitors import VISITORS
from game.webserver import COOKIE, GameServer, game_command

# A stand-in for the game: it leaves a mark in the saves folder it was given, then dies at once.
DIES = "import pathlib, sys; pathlib.Path(sys.argv[1], 'played').write_text('x'); sys.exit(1)"


def dying_game(content: Path, saves: Path) -> str:
    return shlex.join([sys.executable, "-c", DIES, str(saves)])


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient]:
    server = GameServer(tmp_path / "content", tmp_path / "saves", "127.0.0.1", 0, command=dying_game)
    async with TestClient(TestServer(await server._make_app())) as client:
        yield client


async def visit(client: TestClient) -> str:
    """Open the page as a new visitor; returns the token the page gave."""
    client.session.cookie_jar.clear()
    page = await client.get("/")
    assert page.status == 200
    return page.cookies[COOKIE].value


async def play_until_closed(client: TestClient) -> None:
    async with client.ws_connect("/ws?width=80&height=24") as ws:
        message = await ws.receive(timeout=30)
        assert message.type in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.CLOSING)


def played_in(tmp_path: Path) -> list[Path]:
    return sorted(p.parent for p in (tmp_path / "saves" / VISITORS).glob("*/played"))


async def test_the_page_gives_a_token_once_and_points_the_game_at_the_address_used(client: TestClient) -> None:
    first = await client.get("/")
    assert COOKIE in first.cookies
    assert f"ws://{client.host}:{client.port}/ws" in await first.text()
    again = await client.get("/")
    assert COOKIE not in again.cookies  # the browser keeps the one it has


async def test_two_visitors_play_in_two_folders_and_a_dead_game_leaves_the_server_up(
        client: TestClient, tmp_path: Path) -> None:
    await visit(client)
    await play_until_closed(client)  # the game died: the page is told at once
    await visit(client)
    await play_until_closed(client)
    first, second = played_in(tmp_path)
    assert first != second
    assert (await client.get("/")).status == 200


async def test_a_returning_visitor_plays_in_the_same_folder(client: TestClient, tmp_path: Path) -> None:
    await visit(client)
    await play_until_closed(client)
    await play_until_closed(client)
    assert len(played_in(tmp_path)) == 1


async def test_no_game_without_a_token_or_from_another_sites_page(client: TestClient, tmp_path: Path) -> None:
    refused = await client.get("/ws", headers={"Upgrade": "websocket", "Connection": "Upgrade"})
    assert refused.status == 403
    await visit(client)
    forged = await client.get("/ws", headers={"Origin": "http://elsewhere.example"})
    assert forged.status == 403
    assert played_in(tmp_path) == []


async def test_a_visitor_sending_nonsense_does_not_stop_the_server(client: TestClient) -> None:
    await visit(client)
    async with client.ws_connect("/ws") as ws:
        await ws.send_str("not json")
        await ws.receive(timeout=30)
    assert (await client.get("/")).status == 200


def test_the_game_command_names_the_visitors_saves_folder(tmp_path: Path) -> None:
    words = shlex.split(game_command(tmp_path / "my content", tmp_path / "saves" / "visitors" / "ab"))
    assert words[1:3] == ["-m", "game"]
    assert words[words.index("--saves") + 1] == str(tmp_path / "saves" / "visitors" / "ab")
    assert words[words.index("--content") + 1] == str(tmp_path / "my content")
    assert words[-1] == "play"


# A stand-in for a game still being played: it notes its process id, shows "ready" in the page
# (textual-serve's framing: a data packet after the greeting), then waits for the server's first
# word, which, with no browser talking, is the order to quit.
WAITS = ("import os, pathlib, sys; pathlib.Path(sys.argv[1], 'pid').write_text(str(os.getpid())); "
         "sys.stdout.buffer.write(b'__GANGLION__\\n' + b'D' + (5).to_bytes(4, 'big') + b'ready'); "
         "sys.stdout.flush(); sys.stdin.buffer.read(1)")


def waiting_game(content: Path, saves: Path) -> str:
    return shlex.join([sys.executable, "-c", WAITS, str(saves)])


async def test_stopping_the_server_ends_every_game_at_once(tmp_path: Path) -> None:
    server = GameServer(tmp_path / "content", tmp_path / "saves", "127.0.0.1", 0, command=waiting_game)
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    await client.get("/")
    ws = await client.ws_connect("/ws")
    assert await ws.receive_bytes(timeout=30) == b"ready"
    stopping = asyncio.create_task(client.server.close())  # as Ctrl+C does
    closed = await ws.receive(timeout=30)
    assert (closed.type, closed.data) == (WSMsgType.CLOSE, WSCloseCode.GOING_AWAY)  # told, not cut off
    await stopping
    await client.close()
    pid = int(next((tmp_path / "saves" / VISITORS).glob("*/pid")).read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
