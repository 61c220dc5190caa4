"""The results of a run: time, score, the splits table and what was new (a PB, gold segments)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from game.ui.widgets.keys_footer import KeysFooter
from game.i18n import _, ngettext
from game.runs.clock import clock, delta, game_time, real_time
from game.runs.attempt import Attempt
from game.runs.run import WHY_WORDS
from game.runs.splits import sum_of_best
from game.ui.text import lit
from game.ui.widgets.timer import GOLD, row_style


def splits_table(live: Attempt) -> Table:
    table = Table(box=None, padding=(0, 2), show_edge=False)
    # Translators: the columns of a run's splits table (speedrunners' words: PB is the personal best)
    for name, justify in ((_("Split"), "left"), (_("Time"), "right"), (_("Segment"), "right"),
                          (_("vs PB"), "right"), (_("Real"), "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    judged = live.judgement or live.standing()
    for r in judged.rows:
        d = "" if r.delta is None else delta(r.delta)
        table.add_row(lit(r.title), game_time(r.time) if r.time else "—",
                      game_time(r.segment) if r.segment else "—",
                      Text(d + (" ★ " + _("gold") if r.gold else ""), style=row_style(r)),
                      real_time(r.time.real_ms) if r.time else "—")
    return table


class ResultsScreen(Screen):
    CSS_PATH = "results.tcss"
    BINDINGS = [Binding("f5,ctrl+r", "restart", _("Run again")),
                Binding("escape,enter", "back", _("Challenges")),
                Binding("t", "app.to_title", _("Title"))]

    class Again(Message):
        """Run the challenge again (the app starts a new attempt in place of this screen)."""

    def __init__(self, live: Attempt) -> None:
        super().__init__()
        self.live, self.playback = live, live.watching

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with VerticalScroll(id="results"):
            yield Static(id="verdict")
            yield Static(id="splits")
            yield Static(id="after")
        yield KeysFooter()

    def on_mount(self) -> None:
        live, result = self.live, self.live.run.result
        assert result is not None
        self.sub_title = _("{challenge} — results").format(challenge=live.ch.title)
        head = Text()
        won = result.status == "done"
        head.append((_("Finished") if won else _("Failed")) + " — " + _(WHY_WORDS[result.why]) + "\n",
                    style="bold green" if won else "bold red")
        # Translators: the labels of a run's results stand in a column 14 characters wide
        head.append(_("In-game time").ljust(14), style="dim")
        head.append(f"{game_time(result.at)}", style="bold")
        head.append(f"   ({clock(result.at)})\n", style="dim")
        head.append(_("Real time").ljust(14), style="dim")
        head.append(f"{real_time(result.at.real_ms)}\n")
        head.append(_("Score").ljust(14), style="dim")
        head.append_text(lit(f"{live.ch.score.src} = {result.score}\n"))
        j = live.judgement
        if j is not None and j.new_pb and not self.playback:
            head.append(_("New personal best!") + "\n", style="bold green")
        if j is not None and j.golds:
            head.append(ngettext("{count} gold segment — your best ever", "{count} gold segments — your best ever",
                                 j.golds).format(count=j.golds) + "\n", style=GOLD)
        self.query_one("#verdict", Static).update(head)
        self.query_one("#splits", Static).update(splits_table(live))
        after = Text()
        sob = sum_of_best(live.ch, live.before + ([live.entry] if live.entry else []))
        if sob is not None:
            after.append(_("Sum of best: {time}").format(time=game_time(sob)) + "\n", style="dim")
        if live.replay_path is not None:
            after.append_text(lit(_("Replay: {path}").format(path=live.replay_path) + "\n", "dim"))
        if live.problem:
            after.append_text(lit(live.problem + "\n", "bold red"))
        self.query_one("#after", Static).update(after)

    def action_restart(self) -> None:
        if not self.playback:
            self.post_message(self.Again())

    def action_back(self) -> None:
        if self.playback:
            self.app.exit()
            return
        self.app.pop_screen()
