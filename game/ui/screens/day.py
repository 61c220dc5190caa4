"""The day screen: the story, the choices, what the last choice did, and the side panel."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.engine.engine import DeadEnd, Outcome, PlayError
from game.describe import good, human, rule_known, value_label
from game.engine.model import Campaign
from game.engine.state import GameState
from game.session import Session
from game.ui.text import lit, reflow, signed
from game.ui.widgets import set_text
from game.ui.widgets.choices import ChoiceList
from game.ui.widgets.side_panel import SidePanel


def notice_text(camp: Campaign, st: GameState, out: Outcome) -> Text:
    """A few lines on what a choice did to you and why ("−15 Gaming past midnight...")."""
    lines: list[Text] = []
    for e in out.ledger:
        label = camp.scores[e.score].label + " " if len(camp.scores) > 1 else ""
        is_good = good(camp, e.score, e.delta)
        style = "bold" if is_good is None else "bold green" if is_good else "bold red"
        why = e.why if rule_known(camp, st, e.rule) else "an unknown rule — you do not know why"
        lines.append(Text.assemble((f"{signed(e.delta):>4} ", style), lit(label + why)))
    bits = [f"{value_label(camp, s)} {signed(d)}" for s, d in out.stats.items() if d]  # nets of zero say nothing
    bits += [f"found out: {human(r)}" for r in out.revealed]
    bits += [f"now: {camp.flags[f]}" for f in out.flags_set]
    bits += [f"no longer: {camp.flags[f]}" for f in out.flags_cleared]
    bits += [f"opened: {camp.gates[g].title}" for g in out.opened]
    bits += [f"shut: {camp.gates[g].title}" for g in out.shut]
    if bits:
        lines.append(lit("  ·  ".join(bits), "dim"))
    if out.new_day:
        lines.append(Text("A new day begins.", style="italic"))
    return Text("\n").join(lines) if lines else Text("Nothing changed.", style="dim")


class DayScreen(Screen):
    CSS_PATH = "day.tcss"
    BINDINGS = [
        *(Binding(str(n), f"pick({n})", f"choice {n}", show=False) for n in range(1, 10)),
        Binding("w", "app.ledger", "Why?"),
        Binding("l", "app.life", "Life"),
        Binding("r", "app.rulebook", "Rules"),
        Binding("s", "app.save", "Save"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("escape", "app.to_title", "Menu"),
        Binding("pageup", "story(-1)", "Scroll up", show=False, priority=True),
        Binding("pagedown", "story(1)", "Scroll down", show=False, priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with Horizontal(id="day"):
            with Vertical(id="left"):
                with VerticalScroll(id="story"):
                    yield Static(id="scene-title")
                    yield Static(id="scene-text")
                yield Static(id="notice")
                yield ChoiceList(id="choices")
            yield SidePanel(id="side")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.session.camp.title
        self.refresh_game()
        self.query_one(ChoiceList).focus()

    def refresh_game(self) -> None:
        """Show the session's state; only the pieces whose words changed are redrawn."""
        s = self.session
        scene = s.scene
        set_text(self.query_one("#scene-title", Static), lit(scene.title or "", "bold"))
        self.query_one("#scene-title").display = bool(scene.title)
        set_text(self.query_one("#scene-text", Static), lit(reflow(s.text())))
        self.query_one("#story").scroll_home(animate=False)
        notice = self.query_one("#notice", Static)
        if s.last is not None:
            text = notice_text(s.camp, s.st, s.last)
            if s.autosave_error:
                text.append_text(lit("\n" + s.autosave_error, "bold red"))
            set_text(notice, text)
        notice.display = s.last is not None
        self.query_one(ChoiceList).show(s.options())
        self.query_one(SidePanel).show(s.camp, s.st)

    def action_story(self, direction: int) -> None:
        story = self.query_one("#story", VerticalScroll)
        (story.scroll_page_down if direction > 0 else story.scroll_page_up)(animate=False)

    def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        self.take(event.choice_id)

    def action_pick(self, n: int) -> None:
        options = self.query_one(ChoiceList).shown  # as drawn: the state has not moved since
        if n > len(options):
            return
        opt = options[n - 1]
        if not opt.open:
            self.notify(f"Locked: {opt.reason}", title=f"Choice {n}", severity="warning", markup=False)
            return
        self.take(opt.id)

    def take(self, choice_id: str) -> None:
        try:
            self.session.choose(choice_id, save_now=False)
        except DeadEnd as e:
            self.app.show_message("The story is stuck", f"{e}\n\nThis is a fault in the campaign's content; "
                                  "the author's check tool will find it.")
            return
        except PlayError as e:
            self.notify(str(e), severity="warning", markup=False)
            return
        if self.session.st.ending:
            self.session.flush()
            self.app.show_ending()
        else:
            self.refresh_game()
            self.call_after_refresh(self.save_after_draw)

    def save_after_draw(self) -> None:
        """The autosave, once the screen shows the choice: the player never waits for the disk.

        A failure (or the end of one) is shown as soon as it is known.
        """
        before = self.session.autosave_error
        self.session.flush()
        if self.session.autosave_error != before and self.is_attached:
            self.refresh_game()

    def on_unmount(self) -> None:
        self.session.flush()  # leaving the game, or quitting, before the write came round
