"""Messages the engine writes for people, in English, with what they were made of kept apart.

The engine never imports gettext, Textual or Rich, yet its problems (a dangling goto, an unknown
name, a translation not stamped) are read by Dutch authors too. So a message is written as a
``Msg``: ``Msg("goto '{goto}' names no scene or deck", goto=name)`` is that English text wherever a
str is read (JSON, a log, a test), and it remembers its template and arguments, so a layer that
knows the language writes it again through a catalogue (``translated``). An argument that is a
Msg itself (a word such as "stat") is translated too; any other argument is put in as it is.

``Msg`` is also the marker the catalogue tool extracts the templates by (as ``_`` is elsewhere);
``Msg.counting`` counts (``ngettext``); ``N_`` marks a template kept in a table until its
arguments are known (``Msg(template, **args)`` then). A template's literal braces are written
twice, as in ``str.format``: every template is formatted, with or without arguments.
"""

from __future__ import annotations

from typing import Any, Callable, Protocol, Sequence


def N_(template: str) -> str:
    """Marks a template for the catalogue where it is defined; it becomes a message with ``Msg(template, ...)``."""
    return template


class Catalogue(Protocol):
    """What translating needs of a gettext translations object (``gettext.NullTranslations`` is one)."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


class Msg(str):
    """English text that keeps its template and arguments (see the module's words)."""

    template: str
    plural: str  # "" unless counted: then the template is the singular, and ``times`` chooses
    times: int
    args: dict[str, Any]

    def __new__(cls, template: str, /, **args: Any) -> Msg:
        return cls._make(template, "", 0, args)

    @classmethod
    def counting(cls, singular: str, plural: str, times: int, /, **args: Any) -> Msg:
        """A counted message: ``Msg.counting("{n} problem found:", "{n} problems found:", k, n=k)``."""
        return cls._make(singular, plural, times, args)

    @classmethod
    def listing(cls, parts: Sequence[str], sep: str = ", ") -> Msg:
        """Parts (messages or plain text) joined by ``sep``, each said in its turn when translated.
        The joining template is not in any catalogue, so it is kept as it is."""
        template = sep.replace("{", "{{").replace("}", "}}").join(f"{{p{i}}}" for i in range(len(parts)))
        return cls._make(template, "", 0, {f"p{i}": part for i, part in enumerate(parts)})

    @classmethod
    def _make(cls, template: str, plural: str, times: int, args: dict[str, Any]) -> Msg:
        chosen = plural if plural and times != 1 else template
        self = super().__new__(cls, chosen.format(**args))
        self.template, self.plural, self.times, self.args = template, plural, times, args
        return self

    def with_args(self, **args: Any) -> Msg:
        """The same message with some arguments put differently."""
        return Msg._make(self.template, self.plural, self.times, {**self.args, **args})

    def __reduce__(self) -> tuple[Callable[..., Msg], tuple[str, str, int, dict[str, Any]]]:
        """Pickled whole (the simulation's workers send problems home): template and arguments too."""
        return _rebuild, (self.template, self.plural, self.times, self.args)

    def translated(self, catalogue: Catalogue) -> str:
        """This message in the catalogue's language (its arguments that are messages too)."""
        args = {k: v.translated(catalogue) if isinstance(v, Msg) else v for k, v in self.args.items()}
        if self.plural:
            return catalogue.ngettext(self.template, self.plural, self.times).format(**args)
        return catalogue.gettext(self.template).format(**args)


def _rebuild(template: str, plural: str, times: int, args: dict[str, Any]) -> Msg:
    return Msg._make(template, plural, times, args)


# How a message is written where it is shown: English (``str``) unless a layer that knows the
# language hands its own in (game.i18n.said).
Say = Callable[[str], str]


def kept(text: str) -> str:
    """The ``Say`` that leaves a message a message, for a layer that says it later: a report or a
    verdict that prints it in the player's language and writes it in English to JSON."""
    return text
