"""The words of story a campaign holds, as `check` reports them: every branch and variation an
author wrote counts once, values do not."""

from __future__ import annotations

import conftest_engine_helpers as h
from game.authoring.words import story_words
from game.engine.content import load_campaign


def test_every_branch_and_variation_counts_and_values_do_not(tmp_path):
    root = h.copy_mini(tmp_path)
    before = story_words(load_campaign(root))
    h.patch(root / "scenes" / "main.toml", 'text = "The day ends."',
            'text = "The day ends. {if money > 5: You are rich {em: today}. | else: You are poor.} '
            '{cycle: Rain. | Sun.} You have {money}, or {money: money / 2}."')
    added = "You are rich today. You are poor. Rain. Sun. You have or".split()
    assert story_words(load_campaign(root)) - before == len(added)


def test_check_reports_the_words_of_each_campaign(tmp_path, capsys):
    from game.cli import main

    root = h.copy_mini(tmp_path)
    main(["check", str(root)])
    assert f"{story_words(load_campaign(root)):,} words of story" in capsys.readouterr().out
