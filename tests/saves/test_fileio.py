"""Writing files: whole or not at all, an OSError the caller can word, and no temp file left behind."""

from __future__ import annotations

import os

import pytest

from game import fileio
from helpers_saves import LONG_AGO as OLD
from helpers_saves import leave_temp


def test_a_durable_write_replaces_the_file_whole_and_leaves_nothing_else(tmp_path):
    path = tmp_path / "slot.save.toml"
    path.write_bytes(b"old")
    fileio.atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["slot.save.toml"]


@pytest.mark.parametrize("write", [fileio.atomic_write, fileio.light_write])
def test_a_failed_write_raises_oserror_and_keeps_the_old_file(tmp_path, monkeypatch, write):
    path = tmp_path / "slot.save.toml"
    path.write_bytes(b"old")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        write(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["slot.save.toml"]


def test_a_light_write_makes_its_folder_and_never_waits_for_the_disk(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(fileio.os, "fsync", synced.append)
    fileio.light_write(tmp_path / "cache" / "toml" / "ab.json", b"{}")
    assert (tmp_path / "cache" / "toml" / "ab.json").read_bytes() == b"{}" and synced == []


def test_only_our_own_stale_temp_files_are_swept(tmp_path):
    ours = [leave_temp(tmp_path, "autosave-mini.save.toml").name, leave_temp(tmp_path, "first_light.toml").name]
    players = [".notes.tmp", "slot.save.toml", ".slot.save.toml.tmp", "a.save.toml.abcdefgh.tmp",
               ".x.json.abcdefgh.tmp", ".slot.save.toml.abcdefghi.tmp"]
    for name in players:
        (tmp_path / name).write_text("mine")
        os.utime(tmp_path / name, (OLD, OLD))
    fresh = leave_temp(tmp_path, "slot.save.toml").name
    os.utime(tmp_path / fresh, (OLD + 3600, OLD + 3600))
    removed = fileio.remove_stale_temp_files(tmp_path, now=OLD + 3600 + 1)
    assert sorted(p.name for p in removed) == sorted(ours)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(players + [fresh])  # a write in progress is spared
