"""Every string of the interface has its Dutch, and the compiled catalogue the game reads is up to date.

A new _("...") without Dutch fails here; ``python -m game.authoring.catalogue`` merges it into
game/locale/nl/LC_MESSAGES/messages.po, where it waits for its translation.
"""

from __future__ import annotations

import pytest

pytest.importorskip("babel")

from game.authoring.catalogue import languages, problems, template  # noqa: E402


def test_dutch_is_a_language_of_the_game() -> None:
    assert "nl" in languages()


@pytest.mark.parametrize("lang", languages())
def test_every_interface_string_is_translated_and_compiled(lang: str) -> None:
    missing = problems(lang, template())
    assert not missing, "\n".join(missing[:20])
