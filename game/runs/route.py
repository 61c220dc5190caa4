"""Route files: a run written down as runners write TAS inputs, one choice id per line.

Blank lines and ``#`` comments (whole-line or after the id) are ignored. Ids are full choice ids
(``wake.shop``) or the id within the current scene (``shop``). Playing a route gives the same run,
replay and time every time: real time is 0 for every step, as no one played it by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.engine.challenges import Challenge, ChallengeSet
from game.engine import engine
from game.engine.msg import Msg

from .run import Run


class RouteError(Exception):
    """A route that cannot be read or played; the message (a Msg) names the file, the line and the fix."""


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    choice: str


def read_route(path: Path) -> list[Line]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RouteError(Msg("{file}: there is no such route file.", file=path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise RouteError(Msg("{file}: the route cannot be read ({why}); a route is a UTF-8 text file.", file=path,
                             why=e)) from None
    return parse_route(text, str(path))


def parse_route(text: str, name: str = "route") -> list[Line]:
    out = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if len(line.split()) > 1:
            raise RouteError(Msg("{file}:{line}: one choice id per line, not {text}. Put each choice on its own "
                                 "line; notes go after a #.", file=name, line=n, text=repr(line)))
        out.append(Line(n, line))
    return out


def play_route(cs: ChallengeSet, ch: Challenge, lines: list[Line], name: str = "route",
               today: str | None = None) -> Run:
    """Play a route from the challenge's start; RouteError names the line that does not fit."""
    run = Run.start(cs, ch, today)
    done = run.play.replay(line.choice for line in lines)
    if done.misfit is None:
        return run
    line = lines[done.fits]
    fix = (Msg("Remove the lines from here on.") if run.over
           else Msg("Open here: {choices}.", choices=", ".join(engine.open_ids(run.camp, run.st)) or Msg("none")))
    raise RouteError(Msg.listing([f"{name}:{line.number}:", done.misfit.sentence(), fix], " "))
