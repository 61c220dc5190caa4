"""The results of a run: time, score, the splits table and what was new (a PB, gold segments)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.runs.clock import clock, delta, game_time, real_time
from game.runs.attempt import Attempt
from game.runs.run import WHY_WORDS
from game.runs.splits import sum_of_best
from game.ui.text import lit
from game.ui.widgets.timer import GOLD, row_style


def splits_table(live: Attempt) -> Table:
    table = Table(box=None, padding=(0, 2), show_edge=False)
    for name, justify in (("Split", "left"), ("Time", "right"), ("Segment", "right"), ("vs PB", "right"),
                          ("Real", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    judged = live.judgement or live.standing()
    for r in judged.rows:
        d = "" if r.delta is None else delta(r.delta)
        table.add_row(lit(r.title), game_time(r.time) if r.time else "—",
                      game_time(r.segment) if r.segment else "—",
                      Text(d + (" ★ gold" if r.gold else ""), style=row_style(r)),
                      real_time(r.time.real_ms) if r.time else "—")
    return table


class ResultsScreen(Screen):
    CSS_PATH = "results.tcss"
    BINDINGS = [Binding("f5,ctrl+r", "restart", "Run again"), Binding("escape,enter", "back", "Challenges"),
                Binding("t", "app.to_title", "Title")]

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
        yield Footer()

    def on_mount(self) -> None:
        live, result = self.live, self.live.run.result
        assert result is not None
        self.sub_title = f"{live.ch.title} — results"
        head = Text()
        won = result.status == "done"
        head.append(("Finished" if won else "Failed") + f" — {WHY_WORDS[result.why]}\n",
                    style="bold green" if won else "bold red")
        head.append("In-game time  ", style="dim")
        head.append(f"{game_time(result.at)}", style="bold")
        head.append(f"   ({clock(result.at)})\n", style="dim")
        head.append("Real time     ", style="dim")
        head.append(f"{real_time(result.at.real_ms)}\n")
        head.append("Score         ", style="dim")
        head.append_text(lit(f"{live.ch.score.src} = {result.score}\n"))
        j = live.judgement
        if j is not None and j.new_pb and not self.playback:
            head.append("New personal best!\n", style="bold green")
        if j is not None and j.golds:
            head.append(f"{j.golds} gold segment{'s' if j.golds != 1 else ''} — your best ever\n", style=GOLD)
        self.query_one("#verdict", Static).update(head)
        self.query_one("#splits", Static).update(splits_table(live))
        after = Text()
        sob = sum_of_best(live.ch, live.before + ([live.entry] if live.entry else []))
        if sob is not None:
            after.append(f"Sum of best: {game_time(sob)}\n", style="dim")
        if live.replay_path is not None:
            after.append_text(lit(f"Replay: {live.replay_path}\n", "dim"))
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
