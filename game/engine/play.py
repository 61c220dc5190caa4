"""One game being played, headless: a campaign, its state, ``choose``, and one ``replay``.

Everything that plays a game drives this object: the day screen (a player's keys, or a replay's
clock), a run's re-simulation in ``verify``, a route file, a save rebuilt from its log, and the
story carried over by ``--dev`` reload. What happens *around* a choice (autosave, a run's clock and
splits, recording a finished run) is not a subclass of it but a listener, called after each choice
in the order it was added, as ink's runtime calls ``onMakeChoice``.

A choice that does not fit (unknown here, locked, in another scene, after the end) raises
``NoFit``, whose ``Misfit`` is worded by one function, so a log that no longer fits reads the same
wherever it is found.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable

from . import engine
from .engine import DeadEnd, GateStatus, Option, Outcome, PlayError
from .errors import OutOfRange
from .model import Campaign, Scene
from .msg import Msg
from .state import GameState

# Called after each choice; the outcome is None on the fast path (``take``), which skips the report.
Listener = Callable[["Play", "Outcome | None"], None]


@dataclass(frozen=True, slots=True)
class Misfit:
    """A step of a log that does not fit the story: where, which choice, and why, in words."""

    step: int  # 1-based position in the log
    choice: str
    why: str  # the rest of the sentence after the choice: "is locked: ...", "does not exist ..." (a Msg)

    def words(self) -> Msg:
        """The one wording for a misfit, the same in a save, a reload, a verify and a route."""
        return Msg("step {step}: the choice '{choice}' {why}", step=self.step, choice=self.choice, why=self.why)

    def sentence(self) -> Msg:
        """The words as a sentence, ending in one full stop (a lock's reason may bring its own)."""
        return full_stop(self.words())


def full_stop(text: str) -> Msg:
    """The text with one full stop at its end; a message stays a message, said whole where it is shown.

    Whether it ends in one is read from the English: each language's wording keeps the ending the
    English has (a reason at the end stays at the end).
    """
    return Msg.listing([text, "" if text.endswith((".", "!", "?")) else "."], "")


class NoFit(PlayError):
    """A choice that cannot be taken at this point of the game; ``misfit`` says which and why."""

    def __init__(self, misfit: Misfit) -> None:
        self.misfit = misfit
        super().__init__(misfit.words())


@dataclass(slots=True)
class Replayed:
    """What replaying a log gave: the state it reached, how many steps fit, and the first that did not."""

    st: GameState
    fits: int
    misfit: Misfit | None = None


def why_not(camp: Campaign, st: GameState, choice_id: str, closed: str = "") -> str:
    """Why a choice cannot be taken now: it comes after the end, is gone, is elsewhere, or is locked.

    Looks at the choice as the story has it rather than at the engine's error text, so every
    caller gets the same words whatever the engine said.
    """
    if closed:
        return Msg("comes after the run ended ({why})", why=closed)
    if st.ending:
        return Msg("comes after the story ended (at '{ending}')", ending=st.ending)
    scene = camp.scenes[st.scene]
    ch = scene.by_id.get(choice_id) or camp.choices.get(choice_id)
    if ch is None:
        return Msg("does not exist in the story") if "." in choice_id else \
            Msg("is not in scene '{scene}'", scene=st.scene)
    if ch.id.rpartition('.')[0] != scene.id:
        return Msg("is in scene '{there}', but the story is at scene '{here}' there",
                   there=ch.id.rpartition('.')[0], here=st.scene)
    reason = next((o.reason for o in engine.options(camp, st) if o.id == ch.id and not o.open), "")
    if not reason and (ch.hide_locked or ch.id in st.taken) and not engine.is_open(camp, ch, st):
        reason = engine.lock_reason(camp, ch, st)  # left off the list, so not among the options
    return Msg("is locked: {reason}", reason=reason) if reason else Msg("cannot be taken here")


class Play:
    """A campaign and the state of one game in it, with listeners told of every choice."""

    def __init__(self, camp: Campaign, st: GameState) -> None:
        self.camp, self.st = camp, st
        self.last: Outcome | None = None  # what the latest choice did, for the notice
        self.notes: list[str] = []  # what listeners had to say about the latest choice (a failed autosave)
        self.closed = ""  # why no more choices are taken although the story goes on (a run that ended)
        self.listeners: list[Listener] = []
        # Work a listener put off until the screen has drawn the choice (an autosave's write);
        # ``settle`` does it, and anything that reads what that work writes settles first.
        self.deferred: list[Callable[[], None]] = []

    @classmethod
    def new(cls, camp: Campaign, seed: int) -> "Play":
        return cls(camp, engine.new_game(camp, seed))

    def listen(self, listener: Listener) -> None:
        self.listeners.append(listener)

    def settle(self) -> None:
        """Do the work listeners put off after the latest choice, in the order they put it off."""
        work, self.deferred = self.deferred, []
        for job in work:
            job()

    def close(self, why: str) -> None:
        """Take no more choices (a listener decided the game is over for it, e.g. a run's goal)."""
        self.closed = why

    @property
    def over(self) -> bool:
        return bool(self.st.ending or self.closed)

    @property
    def scene(self) -> Scene:
        return self.camp.scenes[self.st.scene]

    def options(self) -> list[Option]:
        return engine.options(self.camp, self.st)

    def text(self) -> str:
        return engine.scene_text(self.camp, self.st)

    def gates(self) -> list[GateStatus]:
        return engine.gates(self.camp, self.st)

    def choose(self, choice_id: str) -> Outcome:
        """Take a choice and report what it did (NoFit if it does not fit, DeadEnd if the story jams)."""
        out = self._step(choice_id, engine.choose)
        assert out is not None
        return out

    def take(self, choice_id: str) -> None:
        """Take a choice without the report: the fast path for replays; listeners get no outcome."""
        self._step(choice_id, None)

    def _step(self, choice_id: str, report: Callable[..., Outcome] | None) -> Outcome | None:
        if self.closed:
            raise NoFit(Misfit(len(self.st.log) + 1, choice_id, why_not(self.camp, self.st, choice_id,
                                                                          self.closed)))
        try:
            if report is None:
                engine.apply(self.camp, self.st, choice_id)
                out = None
            else:
                out = report(self.camp, self.st, choice_id)
        except (DeadEnd, OutOfRange):  # the story's fault, not the choice's: said in its own words
            raise
        except PlayError:
            raise NoFit(Misfit(len(self.st.log) + 1, choice_id, why_not(self.camp, self.st, choice_id))) from None
        self.last, self.notes = out, []
        for listener in self.listeners:
            listener(self, out)
        return out

    def replay(self, log: Iterable[str]) -> Replayed:
        """Take the log's choices in turn, as far as they fit; listeners hear each one.

        A misfit's step counts from the start of ``log``, whatever the play had taken before.
        """
        fits = 0
        for choice_id in log:
            try:
                self.take(choice_id)
            except NoFit as e:
                return Replayed(self.st, fits, replace(e.misfit, step=fits + 1))
            except DeadEnd as e:
                why = Msg("leads to a {dead_end}", dead_end=e.args[0])
                return Replayed(self.st, fits, Misfit(fits + 1, choice_id, why))
            fits += 1
        return Replayed(self.st, fits)


def replay(camp: Campaign, seed: int, log: Iterable[str]) -> Replayed:
    """Rebuild a game from its seed and log on this story, as far as the log fits.

    Raises PlayError only when the story cannot even start.
    """
    try:
        play = Play.new(camp, seed)
    except PlayError as e:
        raise PlayError(Msg("the story cannot start: {why}", why=e.args[0])) from None
    return play.replay(log)
