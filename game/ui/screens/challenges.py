"""The challenges screen: every campaign's challenges, with the rules, your best and the local board."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from game.ui.widgets.keys_footer import KeysFooter
from game.i18n import _, ngettext, said, said_error
from game.engine.challenges import Challenge, ChallengeSet, today
from game.engine.content import list_campaigns
from game.engine.problems import ContentError
from game.runs.board import Board
from game.runs.board import read as read_board
from game.runs.clock import game_time, real_time
from game.runs.find import Library
from game.runs.records import RecordsError
from game.runs.splits import Entry, personal_best, ranked, sum_of_best
from game.ui.screens.base import GameScreen
from game.ui.text import lit

BOARD = 5  # runs shown on the local board


def rules_text(ch: Challenge) -> Text:
    t = Text()
    t.append_text(lit(ch.title, "bold"))
    t.append_text(lit(f"   {ch.category}\n", "dim"))
    if ch.about:
        t.append_text(lit(ch.about + "\n"))
    t.append("\n")
    if ch.rank == "time":
        ranked_by = _("in-game time, then actions")
    elif ch.rank == "high":
        ranked_by = _("highest {score}, then time").format(score=ch.score.src)
    else:
        ranked_by = _("lowest {score}, then time").format(score=ch.score.src)
    # Translators: the labels of a challenge's rules stand in a column 10 characters wide.
    lines = [(_("Goal"), ch.goal.src if ch.goal else _("play to the end of the story")),
             # Translators: the number that fixes a run's luck (a random seed)
             (_("Seed"), _("daily: today ({date}) it is {seed}").format(date=today(), seed=ch.seed_for(today()))
              if ch.daily else str(ch.seed)),
             (_("Limit"), ngettext("{count} day", "{count} days", ch.days).format(count=ch.days) if ch.days
              else _("none")),
             (_("Ranked by"), ranked_by)]
    if ch.splits:
        # Translators: a run's splits, as speedrunners say (the parts a run is timed by)
        lines.append((_("Splits"), " ▸ ".join(s.title for s in ch.splits)))
    for key, value in lines:
        t.append(f"{key:<10} ", style="dim")
        t.append_text(lit(value + "\n"))
    return t


def board_text(ch: Challenge, b: Board) -> Text:
    """Best, sum of best and the top of the board from verified runs; the others named as not counted."""
    t = Text()
    pb, sob = personal_best(ch, b.counted), sum_of_best(ch, b.counted)
    t.append("\n" + _("Your best") + "  ", style="dim")
    t.append(f"{game_time(pb.end)}  {ch.score.src} {pb.score}" if pb else _("none yet"), style="bold")
    t.append("\n" + _("Sum of best  {time}   attempts {count}").format(
        time=game_time(sob) if sob else "—", count=b.attempts) + "\n", style="dim")
    rows = ranked(ch, b.counted)[:BOARD]
    if rows:
        t.append("\n" + _("Local board") + "\n", style="bold underline")
    for n, e in enumerate(rows, 1):
        # Translators: who ran a run on the local board: the player, or someone whose run was imported
        who = _("you") if e.local else _("imported")
        t.append(f"{n}. {_run(ch, e)}  {who}\n")
    if b.unverified:
        t.append("\n" + _("Unverified — not counted") + "\n", style="bold underline")
    for u in b.unverified[:BOARD]:
        t.append(f"• {_run(ch, u.entry)}\n  ")
        t.append_text(lit(u.reason + "\n", "dim"))
    if len(b.unverified) > BOARD:
        t.append(_("… and {count} more (citizen-score records {challenge})").format(
            count=len(b.unverified) - BOARD, challenge=ch.ref) + "\n", style="dim")
    return t


def _run(ch: Challenge, e: Entry) -> str:
    return f"{game_time(e.end):>11}  {real_time(e.end.real_ms):>9}  {ch.score.src} {e.score}"


class ChallengesScreen(GameScreen):
    CSS_PATH = "challenges.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", _("Back"))]

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, tuple[ChallengeSet, Challenge]] = {}

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with Horizontal():
            yield OptionList(id="challenge-list")
            with VerticalScroll(id="challenge-info"):
                yield Static(id="challenge-rules")
                yield Static(id="challenge-board")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Challenges — race the clock, chase a score")
        library, sets, problems = Library(self.app.content_dir, self.app.campaigns), [], []
        for folder in list_campaigns(self.app.content_dir):
            try:
                sets.append(library.campaign(folder.name))
            except ContentError as e:  # one broken challenges file does not hide the others
                problems.append(e.format(say=said))
        menu = self.query_one(OptionList)
        for cs in sets:
            for ch in cs.challenges.values():
                self.found[ch.ref] = (cs, ch)
                menu.add_option(Option(lit(f"{ch.title}  ") + lit(f"{cs.campaign.title} · {ch.category}", "dim"),
                                       id=ch.ref))
        if problems:
            self.notify("\n\n".join(problems), title=_("Some challenges cannot be offered"), severity="error",
                        markup=False, timeout=30)
        if not self.found:
            self.query_one("#challenge-rules", Static).update(
                lit(_("No campaign offers challenges yet.") if not problems else "\n\n".join(problems)))
            return
        menu.highlighted = 0
        menu.focus()

    def on_screen_resume(self) -> None:
        menu = self.query_one(OptionList)
        if menu.highlighted is not None:
            self.show(menu.get_option_at_index(menu.highlighted).id or "")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(event.option.id or "")

    def show(self, ref: str) -> None:
        if ref not in self.found:
            return
        cs, ch = self.found[ref]
        self.query_one("#challenge-rules", Static).update(rules_text(ch))
        try:
            board = board_text(ch, read_board(self.app.saves_dir, cs, ch, today()))
        except RecordsError as e:
            board = lit(f"\n{said_error(e)}", "bold red")
        self.query_one("#challenge-board", Static).update(board)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.start(event.option.id or "")

    class Start(Message):
        """Run this challenge (the app starts the attempt and shows it)."""

        def __init__(self, cs: ChallengeSet, ch: Challenge) -> None:
            super().__init__()
            self.cs, self.ch = cs, ch

    def start(self, ref: str) -> None:
        if ref in self.found:
            self.post_message(self.Start(*self.found[ref]))
