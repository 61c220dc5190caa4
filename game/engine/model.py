"""The typed objects a campaign loads into: what authors wrote, as plain data; every reference is a
stable string id. What the engine derives from it to play fast is in prepared.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .expr import Expr
from .msg import Say
from .prepared import Prepared
from .textlang import Template as Template  # text with {holes}, re-exported for the loader

# A value in an effects or score table: a fixed amount, or a formula.
Amount = int | Expr


@dataclass(slots=True)
class Where:
    """Where something was written, for messages; the line is looked up only when asked for."""

    file: str
    path: str
    locate: Callable[[str], int]

    @property
    def line(self) -> int:
        return self.locate(self.path)


# How much of a name the side panel has room for: a stat's label and a score's domain (their
# words in a translation too). Longer words are cut there, so the loader warns of them.
STAT_LABEL_WIDTH = 12
DOMAIN_WIDTH = 10


@dataclass(slots=True)
class Score:
    id: str
    label: str
    min: int
    max: int
    start: int
    direction: str  # "higher" or "lower"
    bands: list[tuple[int, str]]  # sorted by lower bound
    domains: dict[str, int]
    # What the player reads for a band or a domain, by id, where a translation gives other words;
    # band() in conditions always names the id the author wrote.
    band_words: dict[str, str] = field(default_factory=dict)
    domain_words: dict[str, str] = field(default_factory=dict)

    def band(self, value: float) -> str:
        name = self.bands[0][1] if self.bands else ""
        for lower, band in self.bands:
            if value >= lower:
                name = band
        return name

    def band_word(self, value: float) -> str:
        """The band as the player reads it, in the language being played."""
        name = self.band(value)
        return self.band_words.get(name, name)

    def domain_word(self, domain: str) -> str:
        """The domain as the player reads it: a translation's word, else its id with spaces."""
        return self.domain_words.get(domain, domain.replace("_", " "))


@dataclass(slots=True)
class Stat:
    id: str
    label: str
    start: int
    min: int | None
    max: int | None
    unit: str = ""


@dataclass(slots=True)
class Npc:
    """A person or an organisation (a clinic, a school, your shop) with scores of its own."""

    id: str
    name: str
    about: str
    friend: bool
    scores: dict[str, int]  # campaign score ids and the npc's own measures ("rating")
    kind: str = "person"  # or "org"


def measure_label(npc: Npc, measure: str, scores: dict[str, "Score"]) -> str:
    """"Harbour Clinic's rating", "Li Wei's Social Credit": one wording for reasons and notices."""
    label = scores[measure].label if measure in scores else measure.replace("_", " ")
    return f"{npc.name}'s {label}"


@dataclass(slots=True)
class ListDef:
    """A blacklist or redlist; being on it is the flag of the same id."""

    id: str
    title: str
    kind: str  # "black" (bad to be on) or "red" (good to be on)
    on: str  # how people get on it
    off: str  # how people get off it
    shown: Expr | None = None  # the life screen shows it only while this holds (None: always)


@dataclass(slots=True)
class Later:
    """A delayed consequence: acts done and/or a scene opened some days from now."""

    days: int
    goto: str
    does: tuple[str, ...]


@dataclass(slots=True)
class Gate:
    kind: str
    id: str  # "kind.name"
    title: str
    text: str
    needs: Expr
    why_not: Template
    at: Where


@dataclass(slots=True)
class Route:
    cond: Expr | None
    goto: str


@dataclass(slots=True)
class Choice:
    id: str  # full id "scene.choice"
    local: str
    text: Template
    cond: Expr | None
    locked: Template
    needs: str  # gate id or ""
    effects: dict[str, Amount]
    set: tuple[str, ...]
    clear: tuple[str, ...]
    befriend: tuple[str, ...]
    unfriend: tuple[str, ...]
    does: tuple[str, ...]
    hours: int
    goto: str
    end_day: bool
    at: Where
    later: tuple[Later, ...] = ()
    reveal: tuple[str, ...] = ()  # hidden rules the player finds out by taking this choice
    reply: Template = ()  # words the story answers with once the choice is taken ("": none)
    once: bool = False  # gone from the list once taken (the default: offered every time)
    hide_locked: bool = False  # left off the list while locked, instead of shown with its reason
    call: str = ""  # a sub-scene to go to first; `goto` (or this scene) is where it comes back to
    back: bool = False  # go back to where the latest call said to return


@dataclass(slots=True)
class Scene:
    id: str
    title: str
    text: Template
    choices: list[Choice]
    by_id: dict[str, Choice]
    deck: str
    cond: Expr | None
    weight: Amount
    repeat: bool
    routes: list[Route]
    ending: bool
    at: Where
    hint: str = ""  # endings only: a one-line hint for the gallery, shown once the campaign has been finished


@dataclass(slots=True)
class Deck:
    id: str
    fallback: str
    scenes: list[Scene] = field(default_factory=list)


@dataclass(slots=True)
class Rule:
    id: str
    on: tuple[str, ...]
    every: str
    when: Expr | None
    cond: Expr | None
    score: dict[str, Amount]
    domain: str
    effects: dict[str, Amount]
    set: tuple[str, ...]
    clear: tuple[str, ...]
    goto: str
    why: str
    hidden: bool
    once: bool
    at: Where
    later: tuple[Later, ...] = ()
    reveal: tuple[str, ...] = ()
    reveal_after: int = 0  # a hidden rule becomes known after firing this often (0: never by itself)
    why_text: Template | None = None  # a why with {holes} or forms, rendered as it fires (None: why as written)
    # The why in the language being played, when a translation gives one. The ledger keeps the
    # story's own words (saves do not depend on the language); screens show these instead.
    told: Template | None = None


@dataclass(slots=True)
class Campaign:
    id: str
    title: str
    blurb: str
    start: str
    days: int
    finale: str
    day_start: str
    start_hour: int
    calendar: dict[int, str]
    scores: dict[str, Score]
    stats: dict[str, Stat]
    flags: dict[str, str]
    npcs: dict[str, Npc]
    decks: dict[str, Deck]
    gate_kinds: dict[str, str]
    gates: dict[str, Gate]
    scenes: dict[str, Scene]
    rules: dict[str, Rule]
    root: str
    content_hash: str
    lists: dict[str, ListDef] = field(default_factory=dict)
    about: str = ""  # what in it is real and what invented (the picker's About page)
    lang: str = "en"  # the language its words are in (a translation read over the story changes it)
    words: dict[str, dict[str, str]] = field(default_factory=dict)  # a translation's words by table path
    # Words a translation gives for what the story names only by id: "rule.<id>", "act.<act>",
    # "measure.<name>" (screens otherwise make words of the id itself).
    names: dict[str, str] = field(default_factory=dict)
    # How the reasons the engine words itself (a lock with no `locked` text: "needs Money ≥ 100 —
    # you have 50") are said to the player: English unless the layer that loaded it hands in its
    # language (game.stories: i18n.said).
    say: Say = field(default=str, compare=False, repr=False)
    # indexes by id
    choices: dict[str, Choice] = field(default_factory=dict)  # by full id "scene.choice"
    rules_on: dict[str, list[Rule]] = field(default_factory=dict)
    rules_every_choice: list[Rule] = field(default_factory=list)
    rules_every_day: list[Rule] = field(default_factory=list)
    rules_when: list[Rule] = field(default_factory=list)
    warnings: list = field(default_factory=list)
    # What the engine works out from all this at load (rules.prepare, draw.prepare_decks)
    run: Prepared = field(default_factory=Prepared, compare=False, repr=False)

    @property
    def main_score(self) -> Score:
        return next(iter(self.scores.values()))
