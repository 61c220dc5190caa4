"""Finding campaigns: the one answer to "which campaigns are in this folder, and which is meant?".

The game's picker, the challenges screen, ``check``, ``simulate``, ``graph`` and the run tools all
ask here, so a folder counts as a campaign (it holds campaign.toml) the same way everywhere.
"""

from __future__ import annotations

from pathlib import Path


def is_campaign(folder: str | Path) -> bool:
    return (Path(folder) / "campaign.toml").is_file()


def list_campaigns(content_dir: str | Path) -> list[Path]:
    """Campaign folders under a content folder, in name order."""
    root = Path(content_dir)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if is_campaign(p))


def campaigns_in(folder: str | Path) -> list[Path]:
    """A campaign folder itself, or the campaigns of a content folder."""
    return [Path(folder)] if is_campaign(folder) else list_campaigns(folder)


def find_campaign(content: Path, name: str | None) -> Path:
    """The campaign folder for a CAMPAIGN argument (an id or a folder); ValueError says what exists."""
    if name and is_campaign(name):
        return Path(name)
    folders = list_campaigns(content)
    ids = [f.name for f in folders]
    if name is None and len(folders) == 1:
        return folders[0]
    if name in ids:
        return folders[ids.index(name)]
    what = f"no campaign '{name}'" if name else "name the campaign to simulate"
    raise ValueError(f"{what} in {content}; campaigns there: {', '.join(ids) or 'none'}")
