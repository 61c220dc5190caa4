"""The ending screen: the last page of the story and a summary of the life the player got."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from game.ui.widgets.keys_footer import KeysFooter
from game.i18n import _, ngettext, number
from game.engine.play import Play
from game.summary import life_summary
from game.describe import signed
from game.ui.text import lit, reflow


class EndingScreen(Screen):
    CSS_PATH = "ending.tcss"
    BINDINGS = [Binding("escape,enter", "app.to_title", _("Title")), Binding("w", "app.ledger", _("Why?")),
                Binding("l", "app.life", _("Life"))]

    def __init__(self, play: Play) -> None:
        super().__init__()
        self.play = play

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with VerticalScroll(id="ending"):
            yield Static(id="ending-text")
            yield Static(id="ending-summary")
        yield KeysFooter()

    def on_mount(self) -> None:
        s = self.play
        scene = s.scene
        self.sub_title = _("The end")
        head = lit((scene.title or _("The end")) + "\n\n", "bold")
        self.query_one("#ending-text", Static).update(Text.assemble(head, lit(reflow(s.text()))))
        sm = life_summary(s.camp, s.st)
        text = Text()
        for line in sm.scores:
            text.append_text(lit(line + "\n", "bold"))
        days = ngettext("{count} day", "{count} days", sm.days).format(count=number(sm.days))
        choices = ngettext("{count} choice", "{count} choices", sm.choices).format(count=number(sm.choices))
        # Translators: the length of the life that ended: "12 days, 40 choices."
        text.append_text(lit(_("{days}, {choices}.").format(days=days, choices=choices) + "\n\n"))
        if sm.shaped:
            text.append(_("The rules that shaped your life") + "\n", style="bold underline")
            for rule, total, why, is_good in sm.shaped:
                text.append(f"{signed(total):>5} ", style="green" if is_good else "red")
                text.append_text(lit(f"{rule} — {why}\n"))
            text.append("\n")
        text.append(_("Open to you: "), style="bold")
        text.append_text(lit((", ".join(sm.open) or _("nothing")) + "\n"))
        text.append(_("Shut: "), style="bold")
        text.append_text(lit(", ".join(sm.shut) or _("nothing")))
        self.query_one("#ending-summary", Static).update(text)
        for note in s.notes:  # what the last choice's listeners could not do (autosave, the lifetime record)
            self.notify(note, severity="warning", timeout=10, markup=False)
