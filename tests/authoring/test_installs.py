"""The game as it is installed: the wheel and sdist carry what they must, and an installed game
run from inside a checkout uses that checkout's content and saves (an author's new campaign is found).

The wheel and sdist are built once, offline (hatchling is a test dependency); the wheel is
installed into a fresh virtual environment that borrows this one's dependencies, so nothing is
downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
MINI = Path(__file__).parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-d", str(out)], cwd=ROOT, check=True,
                   capture_output=True, timeout=300)
    return out


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed (not editable): its bin folder."""
    env = tmp_path_factory.mktemp("env") / "venv"
    venv.create(env, with_pip=False)
    site = Path(subprocess.run([str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # the dependencies come from this environment; its editable install of the game is not seen,
    # because a path named in a .pth file is added without the .pth files it holds
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    wheel = next(dist.glob("*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True, timeout=300)
    return env / "bin"


def play(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITIZEN_SCORE_")}
    return subprocess.run([str(bin_dir / "citizen-score"), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def test_the_wheel_carries_the_licence_and_the_story(dist: Path):
    names = zipfile.ZipFile(next(dist.glob("*.whl"))).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "game/_content/sesame/campaign.toml" in names


def test_the_sdist_carries_what_its_own_tests_read(dist: Path):
    with tarfile.open(next(dist.glob("*.tar.gz"))) as t:
        names = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    schemas = {p.relative_to(ROOT).as_posix() for p in (ROOT / "schema").rglob("*") if p.is_file()}
    assert schemas and schemas <= names, f"left out: {sorted(schemas - names)}"
    for needed in (".taplo.toml", "LICENSE", "saves/.gitkeep", "tests/authoring/test_schema.py",
                   "content/sesame/campaign.toml"):
        assert needed in names


def test_installed_game_in_a_checkout_finds_a_campaign_added_there(installed: Path, tmp_path: Path):
    checkout = tmp_path / "checkout"
    shutil.copytree(MINI, checkout / "content" / "mini")
    shutil.copy(ROOT / "pyproject.toml", checkout)
    inside = checkout / "content" / "mini"  # a sub-folder of the checkout counts too
    out = play(installed, inside, "check", "mini")
    assert out.returncode == 0, out.stderr
    assert "mini" in out.stdout
    where = play(installed, checkout, "--help")  # the installed script runs at all
    assert where.returncode == 0


def test_installed_game_outside_a_checkout_uses_the_shipped_story(installed: Path, tmp_path: Path):
    out = play(installed, tmp_path, "check", "mini")
    assert out.returncode == 2
    assert "_content" in out.stdout + out.stderr
    assert play(installed, tmp_path, "check", "sesame").returncode == 0


def test_another_projects_folder_is_no_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from game import paths

    (tmp_path / "content").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "something-else"\n')
    assert not paths.is_checkout(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "citizen-score"\n')
    assert paths.is_checkout(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CITIZEN_SCORE_CONTENT", raising=False)
    monkeypatch.delenv("CITIZEN_SCORE_SAVES", raising=False)
    assert paths.default_content_dir() == tmp_path / "content"
    assert paths.default_saves_dir() == tmp_path / "saves"
    monkeypatch.setenv("CITIZEN_SCORE_CONTENT", str(tmp_path / "mine"))
    assert paths.default_content_dir() == tmp_path / "mine"
