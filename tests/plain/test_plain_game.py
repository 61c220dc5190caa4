"""The plain game played in-process, line by line, as a screen reader or a pipe would read it."""

from __future__ import annotations

import io
from pathlib import Path

from game import saves
from game.plain.start import run_plain
from game.plain.terminal import wants_plain


def play(content: Path, saves_dir: Path, *lines: str, seed: int = 1) -> tuple[int, str, str]:
    """Type the lines, then let the input end; the exit status, what was printed, and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = run_plain(content, saves_dir, seed, io.StringIO("".join(f"{line}\n" for line in lines)), out, err)
    return code, out.getvalue(), err.getvalue()


def test_a_few_choices_show_story_choices_and_what_each_did(content, tmp_path):
    code, out, err = play(content, tmp_path / "saves", "1", "2", "1", "q")
    assert code == 0 and err == ""
    assert "Day 1 of 3, 07:00. Social Credit 610 (good)." in out
    assert "You wake with ¥300 to your name." in out
    assert "1. Buy diapers (¥100)\n2. Play games all day\n" in out
    # the notice after sleeping off a night of games: the score's change and why, then the new day
    assert "−100 Gaming past midnight marks you as idle." in out
    assert "A new day begins." in out
    assert "Day 2 of 3" in out
    assert out.rstrip().endswith("Goodbye. Your game is autosaved: citizen-score play continues it.")


def test_plain_text_has_no_colour_cursor_moves_or_box_art(content, tmp_path):
    _, out, _ = play(content, tmp_path / "saves", "1", "2", "w", "l", "r", "?", "q")
    assert "\x1b" not in out
    assert not set(out) & set("─│┌┐└┘━┃═║╔╗╚╝█░▏▕")


def test_a_locked_choice_is_listed_with_its_reason_and_pressing_it_says_why(content, tmp_path):
    _, out, _ = play(content, tmp_path / "saves", "1", "3", "q")
    assert "3. Apply at the bank (locked: The bank hires from 650 up.)" in out
    assert "Choice 3 is locked: The bank hires from 650 up." in out
    assert out.count("Day 1 of 3, 07:00") == 1  # nothing was taken


def test_the_ledger_on_request_says_each_change_and_why(content, tmp_path):
    _, out, _ = play(content, tmp_path / "saves", "1", "2", "1", "w", "q")
    assert "Ledger, newest first:" in out
    assert "Day 1 " in out and "−100, Night gaming" in out and "Gaming past midnight marks you as idle." in out


def test_life_rules_and_status_on_request(content, tmp_path):
    _, out, _ = play(content, tmp_path / "saves", "1", "l", "r", "i", "q")
    assert "Your life: 1 open, 1 shut." in out
    assert "shut: Bank clerk. The bank hires from 650 up." in out
    assert "Rulebook:" in out
    assert out.count("Day 1 of 3, 07:00. Social Credit 610 (good).") == 2  # on arrival, and on request


def test_help_lists_every_command_word(content, tmp_path):
    _, out, _ = play(content, tmp_path / "saves", "1", "?", "q")
    for word in ("w or why or ledger", "l or life", "r or rules", "s or save", "load", "q or quit"):
        assert word in out


def test_a_malformed_line_gets_a_helpful_reply_and_the_game_goes_on(content, tmp_path):
    _, out, _ = play(content, tmp_path / "saves", "1", "take the bus\x1b[2J", "42", "", "2", "q")
    assert "'take the bus\ufffd[2J' is not a choice or a command. Type 1 to 3 to choose, or ? for the commands." in out
    assert "There is no choice 42: type 1 to 3." in out
    assert "\x1b" not in out
    assert "Day 1 of 3, 23:00" in out  # the choice after them was taken


def test_each_choice_is_autosaved_and_continue_resumes_it(content, tmp_path):
    saves_dir = tmp_path / "saves"
    play(content, saves_dir, "1", "2", "q")
    latest = saves.latest_save(saves_dir)
    assert latest is not None and latest.slot == "autosave-mini"
    _, out, _ = play(content, saves_dir, "c", "q")
    assert "c: continue your latest game" in out
    assert "Day 1 of 3, 23:00" in out


def test_save_to_a_named_slot_and_load_it(content, tmp_path):
    saves_dir = tmp_path / "saves"
    _, out, _ = play(content, saves_dir, "1", "s before games", "s bad/name", "q")
    assert "Saved as 'before games'" in out
    assert "'bad/name' cannot name a save" in out
    _, out, _ = play(content, saves_dir, "load", "2", "q")
    assert "Saved games, newest first:" in out and "before games" in out


def test_the_ending_shows_the_life_and_still_answers_the_ledger(content, tmp_path):
    _, out, _ = play(content, tmp_path / "saves", "1", "2", "1", "1", "1", "1", "w", "", "q")
    assert "The end." in out and "The rules that shaped your life:" in out
    assert out.index("The end.") < out.index("Ledger, newest first:")
    assert "New game: pick a campaign." in out.split("The end.")[1]  # Enter went back to the menu


def test_input_that_ends_mid_game_quits_cleanly(content, tmp_path):
    code, out, _ = play(content, tmp_path / "saves", "1")
    assert code == 0 and "Goodbye." in out


def test_broken_content_is_one_message_and_exit_2(tmp_path):
    (tmp_path / "content" / "bad").mkdir(parents=True)
    (tmp_path / "content" / "bad" / "campaign.toml").write_text("[campaign\n")
    code, out, err = play(tmp_path / "content", tmp_path / "saves", "1")
    assert code == 2 and out == ""
    assert "campaign.toml" in err and "Traceback" not in err


class Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_plain_is_chosen_off_a_terminal_and_on_a_dumb_one_but_not_for_a_browser_host():
    tty, pipe = Stream(True), Stream(False)
    assert not wants_plain({"TERM": "xterm-256color"}, tty, tty)
    assert wants_plain({"TERM": "dumb"}, tty, tty)
    assert wants_plain({}, pipe, tty) and wants_plain({}, tty, pipe)
    assert not wants_plain({"TEXTUAL_DRIVER": "textual_serve.driver:ServeDriver", "TERM": "dumb"}, pipe, pipe)


def test_on_a_narrow_terminal_lines_wrap_at_word_breaks_and_paragraphs_stay_apart():
    from game.plain.talk import Talk

    out = io.StringIO()
    Talk(io.StringIO(), out, echo=False, width=20).say("one two three four five six seven\n\neight nine")
    assert out.getvalue() == "one two three four\nfive six seven\n\neight nine\n\n"


def test_a_long_ledger_reads_out_the_newest_and_says_how_to_hear_all():
    from types import SimpleNamespace

    from game.engine.state import LedgerEntry
    from game.plain.words import ledger

    camp = SimpleNamespace(scores={"credit": SimpleNamespace(label="Credit")}, rules={}, names={})
    entries = [LedgerEntry(n, 1, 8, "haggle", "credit", "", -1, "Haggling is disorderly.") for n in range(30)]
    st = SimpleNamespace(ledger=entries, revealed=set())
    assert len(ledger(camp, st, 20)) == 1 + 20 + 1
    assert ledger(camp, st, 20)[-1] == "10 older changes not read out: type w all for every one."
    assert len(ledger(camp, st)) == 1 + 30


def test_a_story_that_jams_says_so_in_dutch(tmp_path, dutch):
    """Content whose every choice is locked: the plain game says where and why in Dutch, and goes on."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "lab", content / "lab")
    code, out, err = play(content, tmp_path / "saves", "1", "19", "q")  # the lab's one campaign, then "Trap"
    assert code == 0 and err == ""
    assert ("Het verhaal loopt vast: doodloper: elke keuze in scène 'trap' zit op slot op dag 1 (nodig: "
            "Money ≥ 1000 — je hebt 100). Dit is een fout in de inhoud van de campagne") in out
    assert "dead end" not in out


def test_loading_a_save_the_edited_story_no_longer_fits_says_which_step_in_dutch(content, tmp_path, dutch):
    import tomllib

    import tomli_w

    saves_dir = tmp_path / "saves"
    play(content, saves_dir, "1", "1", "q", seed=3)  # the one campaign, then "Buy diapers": autosaved
    scenes = content / "mini" / "scenes" / "main.toml"
    doc = tomllib.loads(scenes.read_text(encoding="utf-8"))
    doc["scene"]["wake"]["choice"] = [c for c in doc["scene"]["wake"]["choice"] if c["id"] != "shop"]
    scenes.write_text(tomli_w.dumps(doc), encoding="utf-8")
    code, out, err = play(content, saves_dir, "load", "1", "q", seed=3)
    assert code == 0 and err == ""
    assert "1. autosave-mini: Dag 1, 08:00 — Social Credit 650, opgeslagen " in out
    assert ("Dit opgeslagen spel kan niet worden geladen. " in out and "het verhaal 'Mini' is veranderd sinds dit "
            "spel is opgeslagen, en het opgeslagen spel past er niet meer op: stap 1: de keuze 'wake.shop' bestaat "
            "niet in het verhaal. Begin een nieuw spel, of ga terug naar de eerdere versie van het verhaal.") in out
