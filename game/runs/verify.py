"""Verifying a replay: re-simulate it on this content and say "valid", or exactly why not.

Every claim in the file is checked against what the story's own rules give for its seed and its
choices: the content, the seed the challenge allows, each choice (open at its step?), each step's
in-game time, the splits, and the result (time, score, ending). Real time is the player's word and
cannot be re-simulated, but it must run forward and agree with itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game import __version__
from game.engine.challenges import Challenge, ChallengeSet, day_key, daily_seed
from game.engine.msg import Msg
from game.engine.problems import ContentError
from game.i18n import said
from game.paths import openable

from .clock import Stamp, game_time, moment
from .find import Library, NotFound
from .replay import Replay, ReplayError, read
from .run import WHY_WORDS, Run


@dataclass(slots=True)
class Verdict:
    """The answer for one replay file: valid, or the reasons it is not.

    The reasons are messages (``game.engine.msg.Msg``): English in JSON, said in the language
    spoken where they are printed.
    """

    path: Path
    replay: Replay | None = None
    reasons: list[str] = field(default_factory=list)
    unreadable: str = ""  # the file could not be read as a replay at all
    data: bytes = b""

    @property
    def valid(self) -> bool:
        return not self.reasons and not self.unreadable


def verify_file(path: Path, library: Library) -> Verdict:
    """Read a replay and verify it against the campaign in the library's content folder."""
    v = Verdict(Path(path))
    try:
        v.replay, v.data = read(v.path)
    except ReplayError as e:
        v.unreadable = e.args[0]
        return v
    rep = v.replay
    try:
        cs = library.campaign(rep.campaign)
    except NotFound as e:
        v.reasons.append(e.args[0])
        return v
    except ContentError as e:
        v.reasons.append(Msg("the campaign '{campaign}' here has content problems, so nothing can be "
                             "verified against it:\n{problems}", campaign=rep.campaign,
                             problems=e.format(openable(e.base), said)))  # the list, said now
        return v
    v.reasons = verify(rep, cs)
    return v


def verify(rep: Replay, cs: ChallengeSet) -> list[str]:
    """Why a replay is not valid on this content ([] when it is)."""
    ch = cs.challenges.get(rep.challenge)
    if ch is None:
        return [Msg("the campaign '{campaign}' has no challenge '{challenge}'", campaign=rep.campaign,
                    challenge=rep.challenge)]
    if rep.content_hash != cs.content_hash:
        return [_made_by(rep, Msg("content differs: the run was made on content {then}, this is {now} (the "
                                  "story or its challenges were changed)", then=rep.content_hash,
                                  now=cs.content_hash))]
    seed_problem = check_seed(rep, ch)
    if seed_problem:
        return [seed_problem]
    try:
        run, problem = resimulate(rep, cs, ch)
    except Exception as e:  # noqa: BLE001 - a bug in the engine or the story must not crash verify
        return [Msg("the re-simulation failed ({error}: {why}); this is a bug in the game or the story, please "
                    "report it with this replay", error=type(e).__name__, why=e.args[0] if len(e.args) == 1 else e)]
    if problem:
        return [_made_by(rep, problem)]
    return [_made_by(rep, r) for r in compare(rep, run)]


def _made_by(rep: Replay, reason: str) -> str:
    """The reason, and the versions when the replay was made with another: the likelier cause."""
    if rep.game == __version__:
        return reason
    return Msg("{reason} (the replay was made with version {then}, this is {now})", reason=reason,
               then=rep.game, now=__version__)


def check_seed(rep: Replay, ch: Challenge) -> str:
    if not ch.daily:
        return "" if rep.seed == ch.seed else Msg(
            "seed differs from the challenge's: the replay has {seed}, '{challenge}' is played with {want}",
            seed=rep.seed, challenge=ch.id, want=ch.seed)
    try:
        want = daily_seed(ch.campaign, ch.id, day_key(rep.date))
    except (ValueError, IndexError):
        return Msg("'{challenge}' is a daily challenge, but the replay's date {date} is not a date written "
                   "YYYYMMDD", challenge=ch.id, date=repr(rep.date))
    return "" if rep.seed == want else Msg(
        "seed differs from the challenge's: the replay has {seed}, the daily seed of '{challenge}' for {date} "
        "is {want}", seed=rep.seed, challenge=ch.id, date=rep.date, want=want)


def resimulate(rep: Replay, cs: ChallengeSet, ch: Challenge) -> tuple[Run, str]:
    """Play the replay's choices again; the run, and the first step that does not fit ("" if none).

    Each step is taken at its recorded real time; then the steps that fit are checked against the
    moments the replay claims for them, and the first claim or choice that fails is the answer.
    """
    run = Run(cs, ch, rep.seed, rep.date if ch.daily else "")
    run.real_ms = lambda: rep.steps[len(run.steps)].at.real_ms
    done = run.play.replay(s.choice for s in rep.steps)
    last_ms = 0
    for k, (claim, got) in enumerate(zip(rep.steps, run.steps), 1):
        at, now = claim.at, got.at
        if (at.day, at.hour, at.actions) != (now.day, now.hour, now.actions):
            return run, Msg("step {step} ({choice}): claimed at {claimed}, action {claimed_action}, but the "
                            "re-simulation is at {got}, action {got_action}", step=k, choice=claim.choice,
                            claimed=moment(at), claimed_action=at.actions + 1, got=moment(now),
                            got_action=now.actions + 1)
        if at.real_ms < last_ms:
            return run, Msg("step {step} ({choice}): real time runs backwards ({now} ms after {before} ms)",
                            step=k, choice=claim.choice, now=at.real_ms, before=last_ms)
        last_ms = at.real_ms
    if done.misfit is not None:
        return run, done.misfit.words()
    if not run.over:
        return run, Msg.counting("the run never finishes: after its {n} step the story is at {at} and the "
                                 "challenge is still on", "the run never finishes: after its {n} steps the "
                                 "story is at {at} and the challenge is still on", len(rep.steps),
                                 n=len(rep.steps), at=moment(run.now()))
    return run, ""


def compare(rep: Replay, run: Run) -> list[str]:
    """Each claimed field of the result and splits that the re-simulation does not give."""
    got, claim = run.result, rep.result
    assert got is not None
    out: list[str] = []
    if (claim.status, claim.why) != (got.status, got.why):
        out.append(Msg("claimed result differs: the replay says {claimed} ({claimed_why}), the re-simulation "
                       "gives {got} ({got_why})", claimed=claim.status, got=got.status,
                       claimed_why=Msg(WHY_WORDS[claim.why]) if claim.why in WHY_WORDS else claim.why,
                       got_why=Msg(WHY_WORDS[got.why])))
    if claim.ending != got.ending:
        out.append(Msg("claimed ending differs: the replay says {claimed}, the re-simulation gives {got}",
                       claimed=repr(claim.ending), got=repr(got.ending)))
    if _game(claim.at) != _game(got.at):
        out.append(Msg("claimed time differs: the replay says {claimed}, the re-simulation gives {got}",
                       claimed=_says(claim.at), got=_says(got.at)))
    if claim.at.real_ms != got.at.real_ms:
        out.append(Msg("claimed real time differs: the replay says {claimed} ms, but its last step was taken "
                       "at {got} ms", claimed=claim.at.real_ms, got=got.at.real_ms))
    if claim.score != got.score:
        out.append(Msg("claimed score differs: the replay says {claimed}, the re-simulation gives {got}",
                       claimed=claim.score, got=got.score))
    claimed = [(s.id, _game(s.at), s.at.real_ms) for s in rep.splits]
    real = [(s.id, _game(s.at), s.at.real_ms) for s in run.splits]
    if claimed != real:
        out.append(Msg("claimed splits differ: the replay says {claimed}, the re-simulation gives {got}",
                       claimed=_splits(rep.splits), got=_splits(run.splits)))
    return out


def _game(s: Stamp) -> tuple[int, int, int, int]:
    return (s.day, s.hour, s.hours, s.actions)


def _says(s: Stamp) -> Msg:
    return Msg.listing([game_time(s), " (", moment(s), ")"], "")


def _splits(splits: list) -> str:
    # Translators: a split reached in a run: its id, the in-game time ("2d 07h 31a") and the real time.
    parts = [Msg("{split} at {time}, {ms} ms", split=s.id, time=game_time(s.at), ms=s.at.real_ms) for s in splits]
    return Msg.listing(parts, "; ") if parts else Msg("none")
