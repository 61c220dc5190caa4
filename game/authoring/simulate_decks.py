"""Telling when a storylet deck ran dry: the story landed on its fallback because nothing was left.

The engine opens a deck's fallback scene when no storylet can be drawn. That is worth an author's
attention (is the fallback meant to be seen, and that early?), but the engine does not say it
happened, so it is worked out from the state, the same way in a run and in a replay.
"""

from __future__ import annotations

from game.engine.draw import candidates
from game.engine.model import Campaign
from game.engine.state import GameState


def fallbacks(camp: Campaign) -> dict[str, str]:
    """Fallback scene -> its deck."""
    return {d.fallback: d.id for d in camp.decks.values() if d.fallback}


def deck_empty(camp: Campaign, st: GameState, deck_id: str) -> bool:
    """True when no storylet of the deck could be drawn now (the engine's draw, without drawing)."""
    _, cum = candidates(camp.run.decks[deck_id], st)
    return not cum or cum[-1] <= 0


def ran_dry(camp: Campaign, st: GameState, deck_id: str) -> bool:
    """The state stands on the deck's fallback because the deck had nothing to draw.

    A fallback the last choice named outright is no dry draw; one reached otherwise (a draw, or a
    router) counts when the deck has nothing eligible right now.
    """
    return (st.scene == camp.decks[deck_id].fallback and camp.choices[st.log[-1]].goto != st.scene
            and deck_empty(camp, st, deck_id))
