"""Finding campaigns: the one answer to "which campaigns are in this folder, and which is meant?".

The game's picker, the challenges screen, ``check``, ``simulate``, ``graph`` and the run tools all
ask here, so a folder counts as a campaign (it holds campaign.toml) the same way everywhere.
"""

from __future__ import annotations

from pathlib import Path

from .msg import Msg


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


def named_campaigns(content: Path, name: str | None) -> list[Path]:
    """The campaign folders a CAMPAIGN argument means; ValueError says what exists instead.

    ``check``, ``simulate`` and ``graph`` read the argument the same way, trying in turn: a
    campaign folder, a folder of campaigns, the id of a campaign in the content folder. No name
    means every campaign in the content folder.
    """
    ids = [f.name for f in list_campaigns(content)]
    if name is None:
        if not ids:
            raise ValueError(Msg("no campaigns in {content}; point --content at a folder of campaigns, "
                                 "or name a campaign folder", content=str(content)))
        return list_campaigns(content)
    found = campaigns_in(name)
    if found:
        return found
    if name in ids:
        return [Path(content) / name]
    folder = (Msg("that folder holds no campaign.toml, nor campaign folders") if Path(name).is_dir()
              else Msg("no such folder"))
    there = Msg("campaigns there: {ids}", ids=", ".join(ids)) if ids else Msg("it holds none")
    raise ValueError(Msg("no campaign '{name}': {folder}, and no campaign with that id in {content} ({there})",
                         name=name, folder=folder, content=str(content), there=there))


def find_campaign(content: Path, name: str | None, verb: str = "use") -> Path:
    """The one campaign folder a CAMPAIGN argument means (see ``named_campaigns``); without a name,
    the only campaign there is. ValueError says what exists."""
    folders = named_campaigns(content, name)
    if len(folders) == 1:
        return folders[0]
    where = name or content
    raise ValueError(Msg("name the campaign to {verb}: {where} holds {n} campaigns ({ids}); give an id or one "
                         "campaign's folder", verb=verb, where=str(where), n=len(folders),
                         ids=", ".join(f.name for f in folders)))
