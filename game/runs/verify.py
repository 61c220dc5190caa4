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
from game.engine.problems import ContentError
from game.paths import openable

from .clock import Stamp, clock, game_time
from .find import Library, NotFound
from .replay import Replay, ReplayError, read
from .run import WHY_WORDS, Run


@dataclass(slots=True)
class Verdict:
    """The answer for one replay file: valid, or the reasons it is not."""

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
        v.unreadable = str(e)
        return v
    rep = v.replay
    try:
        cs = library.campaign(rep.campaign)
    except NotFound as e:
        v.reasons.append(str(e))
        return v
    except ContentError as e:
        v.reasons.append(f"the campaign '{rep.campaign}' here has content problems, so nothing can be "
                         f"verified against it:\n{e.format(openable(e.base))}")
        return v
    v.reasons = verify(rep, cs)
    return v


def verify(rep: Replay, cs: ChallengeSet) -> list[str]:
    """Why a replay is not valid on this content ([] when it is)."""
    ch = cs.challenges.get(rep.challenge)
    if ch is None:
        return [f"the campaign '{rep.campaign}' has no challenge '{rep.challenge}'"]
    if rep.content_hash != cs.content_hash:
        return [f"content differs: the run was made on content {rep.content_hash}, this is "
                f"{cs.content_hash} (the story or its challenges were changed)" + _made_by(rep)]
    seed_problem = check_seed(rep, ch)
    if seed_problem:
        return [seed_problem]
    try:
        run, problem = resimulate(rep, cs, ch)
    except Exception as e:  # noqa: BLE001 - a bug in the engine or the story must not crash verify
        return [f"the re-simulation failed ({type(e).__name__}: {e}); this is a bug in the game or the "
                "story, please report it with this replay"]
    if problem:
        return [problem + _made_by(rep)]
    return [r + _made_by(rep) for r in compare(rep, run)]


def _made_by(rep: Replay) -> str:
    return f" (the replay was made with version {rep.game}, this is {__version__})" \
        if rep.game != __version__ else ""


def check_seed(rep: Replay, ch: Challenge) -> str:
    if not ch.daily:
        return "" if rep.seed == ch.seed else \
            f"seed differs from the challenge's: the replay has {rep.seed}, '{ch.id}' is played with {ch.seed}"
    try:
        want = daily_seed(ch.campaign, ch.id, day_key(rep.date))
    except (ValueError, IndexError):
        return f"'{ch.id}' is a daily challenge, but the replay's date {rep.date!r} is not a date written YYYYMMDD"
    return "" if rep.seed == want else (f"seed differs from the challenge's: the replay has {rep.seed}, "
                                        f"the daily seed of '{ch.id}' for {rep.date} is {want}")


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
            return run, (f"step {k} ({claim.choice}): claimed at {clock(at)}, action {at.actions + 1}, "
                         f"but the re-simulation is at {clock(now)}, action {now.actions + 1}")
        if at.real_ms < last_ms:
            return run, f"step {k} ({claim.choice}): real time runs backwards ({at.real_ms} ms after {last_ms} ms)"
        last_ms = at.real_ms
    if done.misfit is not None:
        return run, done.misfit.words()
    if not run.over:
        return run, (f"the run never finishes: after its {len(rep.steps)} steps the story is at "
                     f"{clock(run.now())} and the challenge is still on")
    return run, ""


def compare(rep: Replay, run: Run) -> list[str]:
    """Each claimed field of the result and splits that the re-simulation does not give."""
    got, claim = run.result, rep.result
    assert got is not None
    out = []
    if (claim.status, claim.why) != (got.status, got.why):
        out.append(f"claimed result differs: the replay says {claim.status} ({WHY_WORDS.get(claim.why, claim.why)}), "
                   f"the re-simulation gives {got.status} ({WHY_WORDS[got.why]})")
    if claim.ending != got.ending:
        out.append(f"claimed ending differs: the replay says {claim.ending!r}, the re-simulation gives {got.ending!r}")
    if _game(claim.at) != _game(got.at):
        out.append(f"claimed time differs: the replay says {_says(claim.at)}, the re-simulation gives {_says(got.at)}")
    if claim.at.real_ms != got.at.real_ms:
        out.append(f"claimed real time differs: the replay says {claim.at.real_ms} ms, but its last step "
                   f"was taken at {got.at.real_ms} ms")
    if claim.score != got.score:
        out.append(f"claimed score differs: the replay says {claim.score}, the re-simulation gives {got.score}")
    claimed = [(s.id, _game(s.at), s.at.real_ms) for s in rep.splits]
    real = [(s.id, _game(s.at), s.at.real_ms) for s in run.splits]
    if claimed != real:
        out.append("claimed splits differ: the replay says " + _splits(rep.splits)
                   + ", the re-simulation gives " + _splits(run.splits))
    return out


def _game(s: Stamp) -> tuple[int, int, int, int]:
    return (s.day, s.hour, s.hours, s.actions)


def _says(s: Stamp) -> str:
    return f"{game_time(s)} ({clock(s)})"


def _splits(splits: list) -> str:
    return "; ".join(f"{s.id} at {game_time(s.at)}, {s.at.real_ms} ms" for s in splits) or "none"
