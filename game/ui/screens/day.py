"""The day screen: the story, the choices, what the last choice did, and the side panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from rich.text import Text
from textual.app import ComposeResult
from textual.geometry import Size
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Header

from game.ui.widgets.keys_footer import KeysFooter
from game.i18n import _, pgettext, said_error
from game.engine.engine import DeadEnd, Outcome, PlayError
from game.notice import NOTHING, notice
from game.engine.model import Campaign
from game.engine.play import Play
from game.engine.state import GameState
from game.ui.choice_keys import CHOICE_KEYS, key_for
from game.ui.output_first import output_first
from game.ui.screens.base import GameScreen
from game.describe import signed
from game.ui.text import lit, reflow
from game.ui.widgets.choices import ChoiceList
from game.ui.widgets.side_panel import SidePanel
from game.ui.widgets.story import Column, StoryView

if TYPE_CHECKING:  # a game's day screen needs neither; runs and replays bring their own
    from game.ui.replay_chooser import ReplayChooser
    from game.ui.widgets.timer import TimerPanel

SETTLE = 3  # layouts at most after the first: a scrollbar that comes, then the width it takes


def notice_text(camp: Campaign, st: GameState, out: Outcome) -> Text:
    """The notice in colour: a change good for you green, bad red; the rest dim."""
    said = notice(camp, st, out)
    lines: list[Text] = []
    for line in said.scores:
        style = "bold" if line.good is None else "bold green" if line.good else "bold red"
        lines.append(Text.assemble((f"{signed(line.delta):>4} ", style), lit(line.why)))
    if said.bits:
        lines.append(lit("  ·  ".join(said.bits), "dim"))
    if said.new_day:
        lines.append(Text(_("A new day begins."), style="italic"))
    return Text("\n").join(lines) if lines else Text(_(NOTHING), style="dim")


class DayScreen(GameScreen):
    """The day screen of any play: a game, a run (with its timer panel), or a replay watched back.

    It takes a play and, for a run, the timer panel; for a replay, the chooser that takes the
    choices instead of the player. Choices go through ``take`` whoever makes them; what comes
    after a play is over, or when the player leaves, is the app's to decide (messages up).
    """

    CSS_PATH = ["day.tcss", "run.tcss"]
    BINDINGS = [
        # Translators: {key} is the key of the choice (1-9, 0, a letter); not shown in the footer.
        *(Binding(key, f"pick({n})", _("choice {key}").format(key=key), show=False)
          for n, key in enumerate(CHOICE_KEYS, 1)),
        # Translators: the footer's key descriptions; keep each as short as the English (80 columns).
        Binding("w", "app.ledger", _("Why?")),
        Binding("l", "app.life", _("Life")),
        Binding("r", "app.rulebook", _("Rules")),
        Binding("s", "app.save", _("Save")),
        Binding("question_mark", "app.help", _("Help"), key_display="?"),
        Binding("escape", "leave('game')", _("Menu")),
        # Translators: Escape in a challenge's run: leave the run for the list of challenges. The run's
        # footer has no room to spare: keep its descriptions (with Restart) as short as the English.
        Binding("escape", "leave('run')", pgettext("run", "Challenges")),
        Binding("escape", "leave('replay')", _("Quit")),
        Binding("pageup", "story(-1)", _("Scroll up"), show=False, priority=True),
        Binding("pagedown", "story(1)", _("Scroll down"), show=False, priority=True),
        Binding("f5,ctrl+r", "restart", _("Restart")),
        Binding("space", "pause", _("Pause")),
        Binding("full_stop", "step", _("Step"), key_display="."),
        Binding("plus,equals_sign", "speed(2)", _("Faster"), key_display="+"),
        Binding("minus", "speed(0.5)", _("Slower"), key_display="-"),
    ]
    REPLAY_ACTIONS = {"pause", "step", "speed"}

    class Over(Message):
        """The play is over (the story's end, or a run's): the app shows what comes after."""

        def __init__(self, play: Play) -> None:
            super().__init__()
            self.play = play

    class Leave(Message):
        """The player leaves this play (Escape): the app goes back to where it came from."""

        def __init__(self, play: Play) -> None:
            super().__init__()
            self.play = play

    class Restart(Message):
        """Start this run again from the challenge's start."""

        def __init__(self, play: Play) -> None:
            super().__init__()
            self.play = play

    def __init__(self, play: Play, timer: TimerPanel | None = None, chooser: ReplayChooser | None = None,
                 subtitle: str = "") -> None:
        super().__init__()
        self.play, self.timer, self.chooser, self.subtitle = play, timer, chooser, subtitle

    @property
    def mode(self) -> str:
        """What this play is, for the keys it offers: "game", "run" or "replay"."""
        return "replay" if self.chooser is not None else "run" if self.timer is not None else "game"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return parameters == (self.mode,)
        if action == "restart":
            return self.mode == "run"
        if action in self.REPLAY_ACTIONS:
            return self.mode == "replay"
        return True

    def compose(self) -> ComposeResult:
        if self.timer is not None:
            yield self.timer  # in the flow, so under the docked header
        yield Header(show_clock=False, icon="◉")
        with Horizontal(id="day"):
            with Vertical(id="left"):
                yield StoryView(id="story")
                yield ChoiceList(id="choices")
            yield SidePanel(id="side")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = self.chooser.title if self.chooser else self.subtitle or self.play.camp.title
        self.refresh_game()
        self.query_one(ChoiceList).focus()
        if self.chooser is not None:
            self.chooser.start(self.take, self.set_timer)

    def refresh_game(self) -> None:
        """Show the play's state; only the pieces whose words changed are redrawn."""
        p = self.play
        said = p.last.reply if p.last is not None else ""
        done = Text()
        if p.last is not None:
            done = notice_text(p.camp, p.st, p.last)
            for note in p.notes:
                done.append_text(lit("\n" + note, "bold red"))
        self.query_one(StoryView).show(Column(lit(reflow(said), "italic"), done, lit(p.scene.title or "", "bold"),
                                              lit(reflow(p.text()))))
        self.query_one(ChoiceList).show(p.options())
        self.query_one(SidePanel).show(p.camp, p.st)
        if self.timer is not None:
            self.timer.show()

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        """Lay the screen out until it stops moving, then draw one frame.

        Textual answers a layout that resized a widget (new content, a scrollbar come or gone)
        with another layout on its next tick, 1/60 s later, and draws each; a choice resizes
        several of this screen's pieces, so it took two or three frames to settle. Here the
        layouts and repaints that a layout asks for are done at once, and drawn in one frame.
        """
        with self.app.batch_update():
            super()._refresh_layout(size, scroll)
            for _ in range(SETTLE):
                asked = [w for w in self._laid_out() if w._layout_required]
                for bar in [w for w in asked if isinstance(w, ScrollBar)]:
                    bar._layout_required = False  # its own size is already placed; it only repaints
                    bar._repaint_required = True
                asked = [w for w in asked if not isinstance(w, ScrollBar)]
                if not asked:
                    break
                for widget in asked:
                    widget._layout_required = False
                    for ancestor in widget.ancestors_with_self:
                        if isinstance(ancestor, Widget):
                            ancestor._clear_arrangement_cache()
                super()._refresh_layout(size)
            repaint = {w for w in self._laid_out() if w._repaint_required}
            for widget in repaint:
                widget._repaint_required = False
            self._compositor.update_widgets(repaint)

    def _laid_out(self) -> Iterator[Widget]:
        """Every widget a layout places: the screen's, and their scrollbars."""
        for widget in self.walk_children(Widget):
            yield widget
            yield from (bar for bar in (widget._vertical_scrollbar, widget._horizontal_scrollbar) if bar)

    def action_story(self, direction: int) -> None:
        story = self.query_one(StoryView)
        (story.scroll_page_down if direction > 0 else story.scroll_page_up)(animate=False)

    def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        self.pick(event.choice_id)

    def action_pick(self, n: int) -> None:
        options = self.query_one(ChoiceList).shown  # as drawn: the state has not moved since
        if n > len(options):
            return
        opt = options[n - 1]
        if not opt.open:
            self.notify(_("Locked: {reason}").format(reason=opt.reason),
                        title=_("Choice {key}").format(key=key_for(n)), severity="warning", markup=False)
            return
        self.pick(opt.id)

    def pick(self, choice_id: str) -> None:
        """The player's choice, unless someone else is choosing (a replay: the player watches)."""
        if self.chooser is not None:
            self.notify(self.chooser.hint, markup=False)
            return
        self.take(choice_id)

    def take(self, choice_id: str) -> bool:
        """Take a choice, then show the next scene or tell the app the play is over; False if it did not fit."""
        try:
            self.play.choose(choice_id)
        except DeadEnd as e:
            fault = _("This is a fault in the campaign's content; the author's check tool will find it.")
            self.app.show_message(_("The story is stuck"), f"{said_error(e)}\n\n{fault}")
            return False
        except PlayError as e:
            if self.chooser is not None:
                self.app.show_message(_("The replay does not fit this story"), said_error(e))
            else:
                self.notify(said_error(e), severity="warning", markup=False)
            return False
        if self.play.over:
            self.play.settle()
            self.post_message(self.Over(self.play))
        else:
            self.refresh_game()
            self.call_after_refresh(self.save_after_draw)
        return True

    def save_after_draw(self) -> None:
        """Do what the choice put off until the screen showed it (the autosave): the player never
        waits for the disk. A failure is shown as soon as it is known."""
        before = len(self.play.notes)
        with output_first():  # the frame was only queued: let Textual's output thread send it
            self.play.settle()
        if len(self.play.notes) != before and self.is_attached:
            self.refresh_game()

    def on_unmount(self) -> None:
        self.play.settle()  # leaving the game, or quitting, before the write came round

    def action_leave(self, mode: str) -> None:
        self.post_message(self.Leave(self.play))

    def action_restart(self) -> None:
        self.post_message(self.Restart(self.play))

    def action_pause(self) -> None:
        assert self.chooser is not None
        self.chooser.pause()
        self.notify(_("Paused") if self.chooser.paused else _("Playing"), markup=False, timeout=1)

    def action_step(self) -> None:
        assert self.chooser is not None
        self.chooser.step()

    def action_speed(self, factor: float) -> None:
        assert self.chooser is not None
        self.chooser.faster(factor)
        self.sub_title = self.chooser.title
