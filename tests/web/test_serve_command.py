"""``citizen-score serve`` on the command line: where it listens, and what it says when it cannot."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from game.commands.serve import announce, is_loopback, url

REPO = Path(__file__).resolve().parents[2]


def serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "serve", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=60)


def test_a_taken_port_is_one_clear_message_and_exit_2(content: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = serve("--content", str(content), "--saves", str(tmp_path / "saves"), "--port", str(port))
    assert r.returncode == 2
    assert r.stderr.startswith(f"citizen-score serve: cannot listen on 127.0.0.1 port {port}")
    assert "--port" in r.stderr and "Traceback" not in r.stderr


def test_a_missing_content_folder_is_named(tmp_path: Path) -> None:
    r = serve("--content", str(tmp_path / "nowhere"), "--saves", str(tmp_path / "saves"))
    assert r.returncode == 2
    assert r.stderr == f"citizen-score serve: no content folder {tmp_path / 'nowhere'}. Point --content " \
                       "(or CITIZEN_SCORE_CONTENT) at the campaigns.\n"


def test_help_says_what_it_does_and_its_exit_codes() -> None:
    r = serve("--help")
    assert r.returncode == 0
    assert "Serve the game to web browsers" in r.stdout and "exit codes:" in r.stdout


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("127.0.0.2", True), ("0.0.0.0", False), ("::", False),
                                                ("192.0.2.7", False), ("example.org", False)])
def test_only_loopback_addresses_count_as_this_machine_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_an_ipv6_address_is_bracketed_in_the_address_shown() -> None:
    assert url("::1", 8000) == "http://[::1]:8000/"
    assert url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"


def test_it_says_where_it_listens_and_warns_only_beyond_this_machine(tmp_path: Path, capsys) -> None:
    announce("127.0.0.1", 8000, tmp_path)
    out, err = capsys.readouterr()
    assert out.startswith("Citizen Score is served at http://127.0.0.1:8000/") and err == ""
    announce("0.0.0.0", 8000, tmp_path)
    out, err = capsys.readouterr()
    assert err.startswith("citizen-score serve: warning: listening on 0.0.0.0, not only on this machine")
