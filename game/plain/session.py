"""The plain game's loop: the title menu, then a game's days, one line of input at a time.

It builds the same ``Play`` the full-screen game builds, autosaved after every choice and counted
in the lifetime record when it ends, so a game begun here continues full screen and back.
"""

from __future__ import annotations

import os
from pathlib import Path

from game import saves
from game.autosave import autosaved
from game.engine.engine import DeadEnd, PlayError
from game.engine.model import Campaign
from game.engine.play import Play
from game.i18n import _, said_error
from game.lifetime import counted
from game.plain import words
from game.plain.commands import help_lines, parse
from game.plain.talk import Talk
from game.prose import reflow
from game.textsafe import clean

QUIT = "quit"
LEDGER_NEWEST = 20  # changes the ledger reads out unless asked for all


class PlainGame:
    """Plays until the player quits or the input ends; the game is autosaved all along."""

    def __init__(self, campaigns: dict[str, Campaign], saves_dir: Path, seed: int | None, talk: Talk) -> None:
        self.campaigns, self.saves_dir, self.seed, self.talk = campaigns, saves_dir, seed, talk
        self.play: Play | None = None

    def run(self) -> int:
        self.talk.say(_("Citizen Score, in plain text. Type a number and press Enter to choose; "
                        "type ? for the other things you can type."))
        step = "menu"
        while step != QUIT:
            step = self.menu() if step == "menu" else self.days()
        self.talk.say(_("Goodbye. Your game is autosaved: citizen-score play continues it."))
        return 0

    # ------------------------------------------------------------ the title menu

    def menu(self) -> str:
        """Pick a campaign, continue or load: "play" with ``self.play`` set to the game chosen, or "quit"."""
        camps = list(self.campaigns.values())
        latest = saves.latest_save(self.saves_dir, self.campaigns)
        lines = [_("New game: pick a campaign.")]
        lines += [clean(f"{n}. {c.title}" + (f": {reflow(c.blurb)}" if c.blurb else ""))
                  for n, c in enumerate(camps, 1)]
        if latest is not None:
            # Translators: c is the key typed to continue (it stays c); {label} says the day and the score.
            lines.append(clean(_("c: continue your latest game, {label}.").format(label=latest.label)))
        # Translators: load and q are what the player types: they stay as they are.
        lines.append(_("load: load a saved game. q: quit."))
        self.talk.say(*lines)
        while True:
            # Translators: a prompt; {numbers} is "1 to 3" or "1"; c and q are typed as they are.
            line = self.talk.ask((_("Campaign {numbers}, c to continue, or q:") if latest
                                  else _("Campaign {numbers}, or q:")).format(numbers=span(len(camps))))
            if line is None:
                return QUIT
            command, rest = parse(line)
            if command == "choose" and 1 <= int(rest) <= len(camps):
                self.start(camps[int(rest) - 1])
                return "play"
            if line.lower() in ("c", "continue") and latest is not None:
                if self.load(latest.path):
                    return "play"
            elif command == "load":
                if self.pick_save():
                    return "play"
            elif command == QUIT:
                return QUIT
            elif command == "help":
                self.talk.say(*lines)
            else:
                self.talk.say(clean(_("'{line}' is not on the menu.").format(line=line)) + " "
                              + (_("Type {numbers}, c to continue your latest game, load, or q to quit.") if latest
                                 else _("Type {numbers}, load, or q to quit.")).format(numbers=span(len(camps))))

    def start(self, camp: Campaign) -> None:
        seed = self.seed if self.seed is not None else int.from_bytes(os.urandom(4), "big") >> 1
        self.play = self.saved(Play.new(camp, seed), now=True)

    def saved(self, play: Play, now: bool = False) -> Play:
        """A player's own game, as the full-screen game keeps one: autosaved, and counted when it ends."""
        return counted(autosaved(play, self.saves_dir, now=now), self.saves_dir)

    def load(self, path: Path) -> bool:
        try:
            camp, st, note = saves.load_save(path, self.campaigns)
        except saves.SaveError as e:
            self.talk.say(_("This save cannot be loaded. {why}").format(why=clean(e.message)))
            return False
        self.play = self.saved(Play(camp, st))
        if note:
            self.talk.say(clean(note))
        return True

    def pick_save(self) -> bool:
        found = saves.list_saves(self.saves_dir, self.campaigns)
        if not found:
            self.talk.say(_("There are no saved games yet."))
            return False
        self.talk.say(_("Saved games, newest first:"), *(
            clean(_("{n}. {slot}: {label}, saved {saved_at}").format(n=n, slot=s.slot, label=s.label,
                                                                     saved_at=s.saved_at) if s.ok
                  else _("{n}. {slot}: cannot be loaded, {problem}").format(n=n, slot=s.slot, problem=s.problem))
            for n, s in enumerate(found, 1)))
        line = self.talk.ask(_("Save 1 to {count}, or Enter to go back:").format(count=len(found)))
        if not line:
            return False
        if not (line.isdigit() and line.isascii() and 1 <= int(line) <= len(found)):
            self.talk.say(clean(_("'{line}' is not one of the saves listed; nothing was loaded.").format(line=line)))
            return False
        return self.load(found[int(line) - 1].path)

    # ------------------------------------------------------------ a game's days

    def days(self) -> str:
        """Play the game until it ends or the player leaves: "quit", "menu", or "play" for a game loaded."""
        assert self.play is not None
        play = self.play
        if play.over:
            return self.the_end(play)
        self.show(play)
        while True:
            line = self.talk.ask(_("Choose {numbers}, or ? for help:").format(numbers=span(len(play.options()))))
            if line is None:
                return QUIT
            command, rest = parse(line)
            if command == "choose":
                if self.choose(play, int(rest)):
                    if play.over:
                        return self.the_end(play)
                    self.show(play)
            elif command in ("menu", QUIT):
                return command
            elif command == "load":
                if self.pick_save():
                    return "play"
            elif command:
                self.other(play, command, rest)
            else:
                self.talk.say(clean(_("'{line}' is not a choice or a command.").format(line=line)) + " "
                              + _("Type {numbers} to choose, or ? for the commands.").format(
                                  numbers=span(len(play.options()))))

    def show(self, play: Play) -> None:
        self.talk.say(words.status(play.camp, play.st))
        self.talk.say(*words.scene(play))
        self.talk.say(*words.choices(play.options()))

    def choose(self, play: Play, n: int) -> bool:
        """Take the n-th choice on the list; False, with the reason said, when it cannot be taken."""
        options = play.options()
        if not 1 <= n <= len(options):
            self.talk.say(_("There is no choice {n}: type {numbers}.").format(n=n, numbers=span(len(options))))
            return False
        opt = options[n - 1]
        if not opt.open:
            self.talk.say(clean(_("Choice {n} is locked: {reason}").format(n=n, reason=opt.reason)))
            return False
        try:
            play.choose(opt.id)
        except DeadEnd as e:
            self.talk.say(clean(_("The story is stuck: {why}. This is a fault in the campaign's content; "
                                  "citizen-score check finds it.").format(why=said_error(e))))
            return False
        except PlayError as e:
            self.talk.say(clean(said_error(e)))
            return False
        self.talk.say(*words.after_choice(play))
        return True

    def other(self, play: Play, command: str, rest: str) -> None:
        """A command that is not a choice and does not leave the game."""
        if command == "look":
            self.show(play)
        elif command == "status":
            self.talk.say(words.status(play.camp, play.st))
        elif command == "ledger":
            self.talk.say(*words.ledger(play.camp, play.st, None if rest.lower() == "all" else LEDGER_NEWEST))
        elif command == "life":
            self.talk.say(*words.life(play.camp, play.gates(), play.st))
        elif command == "rules":
            self.talk.say(*words.rules(play.camp, play.st))
        elif command == "save":
            self.save(play, rest)
        elif command == "help":
            self.talk.say(*help_lines())

    def save(self, play: Play, slot: str) -> None:
        if play.st.ending:
            self.talk.say(_("The story has ended; there is nothing to save."))
            return
        if not slot:
            # Translators: the name a save gets if the player gives none: only letters A-Z, digits, spaces, - and _.
            default = _("day {day}").format(day=play.st.day)
            slot = self.talk.ask(_("Name for the save (Enter for '{default}'):").format(default=default)) or default
        problem = saves.check_slot(slot)
        if problem:
            self.talk.say(clean(_("'{slot}' cannot name a save: {problem}").format(slot=slot, problem=problem)))
            return
        try:
            path = saves.write_save(self.saves_dir, slot, play.camp, play.st)
        except (OSError, saves.SaveError) as e:
            self.talk.say(clean(_("The game was not saved: {why}").format(why=e)))
            return
        self.talk.say(clean(_("Saved as '{slot}' in {folder}.").format(slot=slot, folder=path.parent)))

    def the_end(self, play: Play) -> str:
        """The ending and the life it gave; the ledger, life and rules still answer, Enter goes to the menu."""
        self.talk.say(*words.ending(play))
        while True:
            # Translators: w, l, r and q are the keys typed: they stay as they are.
            line = self.talk.ask(_("w, l or r to look back, Enter for the title menu, q to quit:"))
            if line is None:
                return QUIT
            command, rest = parse(line)
            if not line or command == "menu":
                self.play = None
                return "menu"
            if command == QUIT:
                return QUIT
            if command in ("ledger", "life", "rules", "help", "status"):
                self.other(play, command, rest)
            else:
                self.talk.say(clean(_("'{line}' does nothing now: the story has ended.").format(line=line)) + " "
                              + _("Type w, l or r to look back, or press Enter for the title menu."))


def span(n: int) -> str:
    """The numbers there are to choose from, as said in a prompt: "1 to 3", or just "1"."""
    # Translators: the numbers to choose from in a prompt: "Choose 1 to 3".
    return "1" if n == 1 else _("1 to {count}").format(count=n)
