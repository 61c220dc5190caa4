"""Visitors' saves folders: one per token, out of reach of any other token or of a forged one."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from game.visitors import new_token, valid_token, visitor_folder


def test_each_visitor_gets_a_folder_of_their_own_and_finds_it_again(tmp_path: Path) -> None:
    alice, bob = new_token(), new_token()
    assert alice != bob
    folder = visitor_folder(tmp_path, alice)
    assert folder.is_dir() and folder.parent == tmp_path / "visitors"
    assert visitor_folder(tmp_path, alice) == folder
    assert visitor_folder(tmp_path, bob) != folder
    assert alice not in str(folder)  # the folder's name does not give the key away
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0


@pytest.mark.parametrize("token", ["", "../../etc", "a" * 42, "a" * 44, "a" * 42 + "/", None])
def test_a_token_we_did_not_make_names_no_folder(tmp_path: Path, token: str | None) -> None:
    assert not valid_token(token)
    if token is not None:
        with pytest.raises(ValueError):
            visitor_folder(tmp_path, token)
    assert not (tmp_path / "visitors").exists()
