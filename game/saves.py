"""Save slots and autosave: a saved game as a small TOML file under ``saves/``.

A save is the game's identity (campaign id, content hash, seed and the log of choice ids) plus a
snapshot of the state. The log is the truth and the snapshot only a cache: when the story was
edited since the save (the content hash differs), or the snapshot is damaged, the log is replayed
on the current story, so a save survives an edit or says exactly which step no longer fits.

Files are written atomically (``game.fileio.atomic_write``: temp file in the same folder, fsync,
rename, fsync the folder), so a crash or a kill leaves either the old save or the new one, never
half of one. Reading never writes:
a broken, foreign or too-new file is reported with one clear message and left as it was.

TOML only (``tomli_w`` out, stdlib ``tomllib`` in); nothing read from a save is ever evaluated.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from game import __version__, fileio
from game.engine.state import GameState, LedgerEntry
from game.i18n import N_, _, ngettext, number, pgettext, said

if TYPE_CHECKING:
    from game.engine.model import Campaign

# The title screen makes the saves folder and reads the newest save's label before any story is
# loaded; the engine that checks and replays a save is imported where a save is loaded, so the
# first frame does not wait for it.

KIND = "citizen-score-save"
FORMAT = 1
SUFFIX = ".save.toml"
MAX_BYTES = 32 * 1024 * 1024  # far above any real save; stops us reading a film into memory
SLOT_RE = re.compile(r"[A-Za-z0-9_\- ]{1,40}")
# Names Windows reserves whatever the extension: "con.save.toml" could not be created there.
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
INT64 = (-(1 << 63), (1 << 63) - 1)
DAMAGED = N_("The file was damaged or edited by hand; restore it from a backup, or delete it.")  # shown as _()

# Header keys every format-1 save carries, with the type each must have.
HEADER: dict[str, type] = {"game": str, "campaign": str, "content_hash": str, "slot": str,
                           "saved_at": str, "label": str, "seed": int, "log": list}


class SaveError(Exception):
    """A save that cannot be written or loaded, in one human sentence naming the file and the fix.

    ``message`` is the whole text, ``reason`` the part after the file name (for a list that
    already shows which file), ``path`` the file concerned. ``subject`` replaces the file name at
    the head of the message where something else is clearer (a refused slot name).
    """

    def __init__(self, path: Path | str, reason: str, fix: str = "", *, subject: str = "") -> None:
        self.path = Path(path)
        self.reason = f"{reason} {fix}".strip()
        self.message = f"{subject or self.path}: {self.reason}"
        super().__init__(self.message)


@dataclass
class SaveInfo:
    """One file in the saves folder as the load screen lists it; broken ones have ok=False."""

    slot: str
    path: Path
    campaign: str
    label: str
    saved_at: str
    day: int
    ok: bool
    problem: str = ""


# ---------------------------------------------------------------- slots and paths

def ensure_saves_dir(path: Path) -> Path:
    """Create the saves folder (and its parents) if needed, so the first save just works."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise SaveError(path, _("this is a file, not a folder for saves."),
                        _("Move it away or choose another saves folder.")) from None
    except OSError as e:
        raise SaveError(path, _("the saves folder cannot be created ({why}).").format(why=e.strerror or e),
                        _("Check that you may write there, or choose another saves folder.")) from None
    return path


def check_slot(slot: object) -> str:
    """Return the reason a slot name is not allowed, or "" when it is fine.

    Only ASCII letters, digits, space, '-' and '_' so that a name means the same file on every
    system: no separators, no dots (so no '..' and no hidden files), no control characters.
    """
    if not isinstance(slot, str) or not slot:
        return _("it is empty; a slot needs a name.")
    if len(slot) > 40:
        return _("it is too long ({count} characters; at most 40).").format(count=len(slot))
    if not SLOT_RE.fullmatch(slot):
        bad = next((c for c in slot if not SLOT_RE.fullmatch(c)), "?")
        # Translators: a save's name may hold only ASCII letters, digits, spaces, - and _; {char} is the one refused.
        return _("only letters, digits, spaces, - and _ are allowed, not {char}.").format(char=repr(bad))
    if slot != slot.strip():
        return _("it cannot start or end with a space.")
    if slot.lower() in RESERVED:
        return _("Windows reserves it for a device.")
    return ""


def slot_path(saves_dir: Path, slot: str) -> Path:
    """The file for a slot, ``<slot>.save.toml`` inside saves_dir (spaces kept as they are).

    Validates the name and also checks the resolved path stays inside the folder, so neither a
    crafted name nor a symlink can make the game write somewhere else.
    """
    saves_dir = Path(saves_dir)
    subject = _("The slot name {name}").format(name=_short(slot))
    problem = check_slot(slot)
    if problem:
        raise SaveError(saves_dir, problem, _("Choose another name."), subject=subject)
    path = saves_dir / f"{slot}{SUFFIX}"
    try:
        inside = path.resolve().parent == saves_dir.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    if not inside:
        raise SaveError(path, _("{name} leads outside the saves folder {folder}.").format(
                        name=path.name, folder=saves_dir), _("Choose another name."), subject=subject)
    return path


def slot_of(path: Path) -> str:
    """The slot name a save file stands for ("" for files that are not ``<slot>.save.toml``)."""
    name = Path(path).name
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) else ""


def autosave_slot(campaign_id: str) -> str:
    """``autosave-<campaign>``: one autosave per campaign; a long id is shortened with a hash."""
    slot = f"autosave-{campaign_id}"
    if len(slot) > 40 or check_slot(slot):
        digest = hashlib.sha256(campaign_id.encode()).hexdigest()[:8]
        safe = re.sub(r"[^A-Za-z0-9_-]", "_", campaign_id)[:22]
        slot = f"autosave-{safe}-{digest}"
    return slot


# ---------------------------------------------------------------- writing

def label_for(camp: Campaign, st: GameState) -> str:
    """A short line for the load list, e.g. "Day 4, 14:00 — Social Credit 612".

    Written in the language being played, as the score's label is (the campaign's words): it is
    only shown, never read back, so a save still loads in every language.
    """
    score = camp.main_score
    value = st.vals.get(score.id, 0)
    shown = f"#{number(value)}" if score.direction == "lower" else str(value)
    # Translators: a save's place in the story, shown in the load list: "The end (day 30)", "Day 4, 14:00".
    when = _("The end (day {day})").format(day=st.day) if st.ended else \
        _("Day {day}, {hour}:00").format(day=st.day, hour=f"{st.hour:02d}")
    return f"{when} — {score.label} {shown}"


def render_save(slot: str, camp: Campaign, st: GameState, now: datetime | None = None) -> bytes:
    """The bytes of a save file; kept apart from writing so tests can build saves in memory."""
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    doc: dict[str, Any] = {
        "kind": KIND, "format": FORMAT, "game": __version__, "campaign": camp.id,
        "content_hash": camp.content_hash, "slot": slot,
        "saved_at": now.isoformat(timespec="microseconds"), "label": label_for(camp, st),
        "seed": st.seed, "log": list(st.log), "state": st.to_dict(),
    }
    if not st.ledger:
        return tomli_w.dumps(doc).encode("utf-8")
    del doc["state"]["ledger"]  # written last, entry by entry: the same TOML as tomli_w writes
    return "".join([tomli_w.dumps(doc), *map(ledger_table, st.ledger)]).encode("utf-8")


@lru_cache(maxsize=8192)
def ledger_table(entry: LedgerEntry) -> str:
    """One ``[[state.ledger]]`` table. The ledger is most of a save by the end of a month (35 KB
    of 50 after eighty choices) and grows by a few entries a choice; written whole every time,
    it made the autosave after each choice slower day by day. An entry never changes, so each
    is turned into TOML once."""
    return "\n[[state.ledger]]\n" + tomli_w.dumps(entry._asdict())


def write_save(saves_dir: Path, slot: str, camp: Campaign, st: GameState, *,
               now: datetime | None = None) -> Path:
    """Save the game to a slot (replacing what was there, atomically); returns the file.

    ``now`` is for tests that need a fixed saved_at; the game leaves it out.
    """
    path = slot_path(saves_dir, slot)
    if not INT64[0] <= st.seed <= INT64[1]:
        raise SaveError(path, _("the seed {seed} is too large to store in a save.").format(seed=st.seed),
                        _("Start the game with a seed below 2**63."))
    ensure_saves_dir(Path(saves_dir))
    try:
        fileio.atomic_write(path, render_save(slot, camp, st, now))
    except OSError as e:
        raise SaveError(path, _("the game could not be saved ({why}).").format(why=e.strerror or e),
                        _("Check there is free disk space and that you may write to the saves folder.")) from None
    return path


def autosave(saves_dir: Path, camp: Campaign, st: GameState, *, now: datetime | None = None) -> Path:
    """Save to the campaign's one autosave slot, replacing the previous autosave."""
    return write_save(saves_dir, autosave_slot(camp.id), camp, st, now=now)


# ---------------------------------------------------------------- reading the file

def _cut(text: str, width: int = 200) -> str:
    """Text cut to size for a message: a hand-edited file may hold megabytes in one string."""
    return text if len(text) <= width else text[: width - 3] + "..."


def _short(value: object, width: int = 40) -> str:
    """A value as it would be written, cut to size, for a message."""
    try:
        return _cut(repr(value), width)
    except ValueError:  # an int too long to print (TOML hex has no size limit)
        return _("a huge number")


def _type_word(value: object) -> str:
    if isinstance(value, bool):
        return _("true or false")
    from game.engine.load.keys import TYPE_WORDS

    return next((w for t, w in TYPE_WORDS.items() if type(value) is t), type(value).__name__)


def _read_toml(path: Path) -> dict[str, Any]:
    """The file's TOML table, or SaveError saying why it cannot be read (never modifies it)."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise SaveError(path, _("this is not a file."), _("Pick a .save.toml file."))
        if size > MAX_BYTES:
            raise SaveError(path, _("it is {size} MB, far larger than any save.").format(size=size // (1 << 20)),
                            _("It is not a Citizen Score save; pick another file."))
        data = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(path, _("there is no such save file."), _("Pick a save from the list.")) from None
    except OSError as e:
        raise SaveError(path, _("the file cannot be read ({why}).").format(why=e.strerror or e),
                        _("Check that you may read it.")) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SaveError(path, _("it is not text (byte {byte} is not UTF-8), so it is damaged or not a save.").format(
                        byte=e.start), _(DAMAGED)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SaveError(path, _("it is damaged: the TOML cannot be read ({why}).").format(why=e),
                        _("A crash or a hand edit may have cut it short; restore it from a backup, "
                          "or delete it.")) from None
    except ValueError as e:  # e.g. a number with more digits than Python will read
        raise SaveError(path, _("it is damaged: a value cannot be read ({why}).").format(why=_cut(str(e), 80)),
                        _(DAMAGED)) from None
    except RecursionError:
        raise SaveError(path, _("it is damaged: its TOML is nested too deeply."), _(DAMAGED)) from None


def _kind_word(kind: str) -> str:
    """The kind of another file of the game in the language spoken (one it does not know, as written)."""
    # Translators: the kinds of file the game writes beside saves, as in "a Citizen Score replay file".
    words = {"replay": pgettext("file kind", "replay"), "records": pgettext("file kind", "records"),
             "lifetime": pgettext("file kind", "lifetime")}
    return words.get(kind, kind)


def _check_header(path: Path, doc: dict[str, Any]) -> None:
    """Kind, format and the identity keys, each with its own message."""
    from game.engine.load.keys import TYPE_WORDS

    kind = doc.get("kind")
    if kind != KIND:
        if isinstance(kind, str) and kind.startswith("citizen-score-"):
            # Translators: {kind} is the kind of file named in it (lifetime, replay...), in the words of "file kind".
            what = _("it is a Citizen Score {kind} file, not a save.").format(
                kind=_kind_word(_cut(kind[len('citizen-score-'):], 30)))
        elif kind is None:
            # Translators: kind = "..." is a line of the file: keep it as it is.
            what = _('it is not a Citizen Score save (it has no kind = "{kind}").').format(kind=KIND)
        else:
            what = _("it is not a Citizen Score save (kind = {kind}).").format(kind=_short(kind))
        raise SaveError(path, what, _("Saves are the .save.toml files the game writes; pick one of those."))
    fmt = doc.get("format")
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        raise SaveError(path, _("its format is missing or not a whole number."), _(DAMAGED))
    if fmt > FORMAT:
        game = doc.get("game")
        raise SaveError(path, (_("it was written by a newer version of the game (Citizen Score {game}): save "
                                 "format {format}, and this version ({version}) reads format {reads}.")
                               if isinstance(game, str) else
                               _("it was written by a newer version of the game: save format {format}, and "
                                 "this version ({version}) reads format {reads}.")).format(
                            game=game[:20] if isinstance(game, str) else "", format=_short(fmt),
                            version=__version__, reads=FORMAT),
                        _("Update Citizen Score to load it."))
    if fmt < 1:
        raise SaveError(path, _("it has save format {format}, which no version of Citizen Score wrote.").format(
                        format=_short(fmt)), _(DAMAGED))
    for key, want in HEADER.items():
        if key not in doc:
            # Translators: {key} is a key of the save file, as written there.
            raise SaveError(path, _("it has no '{key}'.").format(key=key), _(DAMAGED))
        value = doc[key]
        if not isinstance(value, want) or isinstance(value, bool):
            # Translators: {key} is a key of the save file; {want} and {got} are kinds of value ("a whole number").
            raise SaveError(path, _("'{key}' should be {want}, not {got}.").format(
                key=key, want=TYPE_WORDS[want], got=_type_word(value)), _(DAMAGED))
    for i, cid in enumerate(doc["log"], 1):
        if not isinstance(cid, str):
            # Translators: 'log' is a key of the save file, as written there.
            raise SaveError(path, _("'log' should list choice ids as text; entry {n} is {got}.").format(
                n=i, got=_type_word(cid)), _(DAMAGED))
    _saved_at(path, doc["saved_at"])


def _saved_at(path: Path, text: str) -> datetime:
    """Parse saved_at as an aware UTC time (naive times are taken as UTC)."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise SaveError(path, _("'saved_at' is not a date and time ({value}).").format(value=_short(text)),
                        _(DAMAGED)) from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def read_save(path: Path) -> dict[str, Any]:
    """Read and check a save's header (no campaign needed); the snapshot is checked on load."""
    path = Path(path)
    doc = _read_toml(path)
    _check_header(path, doc)
    return doc


# ---------------------------------------------------------------- listing

def _info(path: Path, campaigns: dict[str, Campaign] | None) -> tuple[float, SaveInfo]:
    """A listing entry and its sort time: saved_at when readable, else the file's mtime."""
    slot = slot_of(path)
    try:
        doc = read_save(path)
    except SaveError as e:
        try:
            mtime = path.stat().st_mtime
        except OSError:
            mtime = 0.0
        return mtime, SaveInfo(slot, path, "", "", "", 0, False, e.reason)
    state = doc.get("state")
    vals = state.get("vals") if isinstance(state, dict) else None
    day = vals.get("day") if isinstance(vals, dict) else None
    day = day if isinstance(day, int) and not isinstance(day, bool) else 0
    info = SaveInfo(slot, path, doc["campaign"], doc["label"], doc["saved_at"], day, True)
    if campaigns is not None and doc["campaign"] not in campaigns:
        info.ok, info.problem = False, _unknown_campaign(path, doc["campaign"], campaigns).reason
    try:
        when = _saved_at(path, doc["saved_at"]).timestamp()
    except (ValueError, OverflowError):  # a date at the edge of the calendar
        when = 0.0
    return when, info


def list_saves(saves_dir: Path, campaigns: dict[str, Campaign] | None = None) -> list[SaveInfo]:
    """Every ``*.save.toml`` in the folder, newest first, broken ones included with their problem.

    Temp files from interrupted writes (``.name.xxxx.tmp``) and other hidden files are skipped.
    Give ``campaigns`` to also mark saves of campaigns that are not installed as not ok.
    """
    folder = Path(saves_dir)
    try:
        paths = [p for p in folder.iterdir() if p.name.endswith(SUFFIX) and not p.name.startswith(".")]
    except OSError:
        return []
    found = [_info(p, campaigns) for p in paths]
    found.sort(key=lambda pair: (-pair[0], pair[1].path.name))
    return [info for _, info in found]


def latest_save(saves_dir: Path, campaigns: dict[str, Campaign] | None = None) -> SaveInfo | None:
    """The newest save that can be loaded (for "continue"), or None."""
    return next((info for info in list_saves(saves_dir, campaigns) if info.ok), None)


# ---------------------------------------------------------------- loading

def _unknown_campaign(path: Path, cid: str, campaigns: dict[str, Campaign]) -> SaveError:
    have = ", ".join(sorted(campaigns)) or _("none")
    return SaveError(path, _("it belongs to the campaign {campaign}, which is not installed "
                             "(installed: {installed}).").format(campaign=_short(cid), installed=have),
                     _("Install that campaign, or start a new game."))


def _snapshot_problem(camp: Campaign, st: GameState, seed: int, log: list[str]) -> str:
    """Why a snapshot does not fit this campaign and log ("" when it does). Cheap checks only."""
    if st.seed != seed or st.log != log:
        return "its seed or log differs from the save's"
    if not 0 <= st.rng < 1 << 64:
        return "its random generator is out of range"
    scene = camp.scenes.get(st.scene)
    if scene is None or scene.routes:
        return f"its scene {st.scene!r} is not a place the story can stop"
    if (st.ending or scene.ending) and st.ending != st.scene:
        return "its ending does not match its scene"
    want = {"day", "hour", *camp.scores, *camp.stats,
            *(f"npc.{n}.{s}" for n, npc in camp.npcs.items() for s in npc.scores)}
    if set(st.vals) != want:
        return "its values do not match the campaign's scores and stats"
    if not 1 <= st.day <= camp.days or st.hour < 0:
        return "its day or hour is out of range"
    for sid, sc in camp.scores.items():
        if not sc.min <= st.vals[sid] <= sc.max:
            return f"its {sid} is out of range"
    for sid, stat in camp.stats.items():
        v = st.vals[sid]
        if (stat.min is not None and v < stat.min) or (stat.max is not None and v > stat.max):
            return f"its {sid} is out of range"
    when_ids = {r.id for r in camp.rules_when}
    if not (st.flags <= set(camp.flags) and st.friends <= set(camp.npcs) and st.holding <= when_ids
            and set(st.fired) <= set(camp.rules) and set(st.visited) <= set(camp.scenes)
            and set(st.history) == set(camp.scores)):
        return "it names flags, people, rules or scenes the campaign does not have"
    if any(n < 0 for d in (st.visited, st.acts, st.fired) for n in d.values()):
        return "it has negative counts"
    return ""


def _restore(camp: Campaign, doc: dict[str, Any]) -> GameState | None:
    """The snapshot as a state, or None when it is missing, malformed or does not fit.

    The snapshot is only a cache of what the log rebuilds, so any failure here (including errors
    from evaluating the story's expressions on odd values) just means "replay instead".
    """
    from game.engine import engine

    raw = doc.get("state")
    if not isinstance(raw, dict):
        return None
    try:
        st = GameState.from_dict(raw)
        if st.to_dict() != raw:  # anything coerced on the way in (1.0 -> 1, "ab" -> {a, b}) is suspect
            return None
        if _snapshot_problem(camp, st, doc["seed"], doc["log"]):
            return None
        engine.options(camp, st)
        engine.gates(camp, st)
        engine.scene_text(camp, st)
        if not st.ended and not engine.open_ids(camp, st):
            return None
    except Exception:  # noqa: BLE001 - see docstring: a bad cache is replaced, never fatal
        return None
    return st


def _replay(path: Path, camp: Campaign, doc: dict[str, Any], changed: bool) -> GameState:
    """Rebuild the game from seed and log on the current story; SaveError says what no longer fits.

    ``changed`` says whether the story was edited since the save (else the log itself is bad).
    """
    from game.engine.engine import PlayError
    from game.engine.play import full_stop, replay

    try:
        done = replay(camp, doc["seed"], doc["log"])
    except PlayError as e:
        why = _cut(said(full_stop(e.args[0] if e.args else str(e))))
    except Exception as e:  # noqa: BLE001 - a bug in the engine or story must not crash loading
        raise SaveError(path, _("replaying it on the current story failed ({error}: {why}).").format(
                        error=type(e).__name__, why=_cut(str(e))),
                        _("This is a bug in the game or the story; please report it with this file.")) from None
    else:
        if done.misfit is None:
            return done.st
        why = _cut(said(done.misfit.sentence()))
    if changed:
        raise SaveError(path, _("the story '{story}' was changed since this save, and the save no longer fits "
                                "it: {why}").format(story=camp.title, why=why),
                        _("Start a new game, or go back to the earlier version of the story."))
    raise SaveError(path, _("its choices do not replay on the story '{story}': {why}").format(
        story=camp.title, why=why), _(DAMAGED))


def load_save(path: Path, campaigns: dict[str, Campaign]) -> tuple[Campaign, GameState, str]:
    """Load a save: (campaign, state, note). Raises only SaveError; never writes to the file.

    With the same content hash the snapshot is restored (fast); if the story changed, or the
    snapshot is damaged, the log is replayed on the current story and the note says so.
    """
    path = Path(path)
    doc = read_save(path)
    cid = doc["campaign"]
    camp = campaigns.get(cid)
    if camp is None:
        raise _unknown_campaign(path, cid, campaigns)
    count = len(doc["log"])
    changed = doc["content_hash"] != camp.content_hash
    if not changed:
        st = _restore(camp, doc)
        if st is not None:
            return camp, st, ""
        note = ngettext("The saved snapshot was damaged, so your {count} choice was replayed to rebuild the game.",
                        "The saved snapshot was damaged, so your {count} choices were replayed to rebuild the game.",
                        count).format(count=count)
    else:
        note = ngettext("The story was updated since this save; your {count} choice was replayed on the new version.",
                        "The story was updated since this save; your {count} choices were replayed on the new "
                        "version.", count).format(count=count)
    return camp, _replay(path, camp, doc, changed), note
