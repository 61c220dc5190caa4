"""``citizen-score check``: validate campaign content, then warn about what can never happen.

Errors are what the loader rejects; warnings are what loads but is dead (``game.authoring.analysis``).
Exit 0 when clean, 1 when there are warnings and ``--strict`` is given, 2 on errors.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from typing import TYPE_CHECKING, Sequence

from game import i18n
from game.commands.helptext import parser
from game.engine.campaigns import named_campaigns
from game.engine.languages import SOURCE
from game.engine.problems import ContentError
from game.i18n import N_, _, ngettext, said_error

if TYPE_CHECKING:  # the tools are imported when check runs: every command's start-up pays for the top
    from game.authoring.output import Report, Section


# The warnings' codes, and what each means (the codes are printed after each warning: they stay as they are).
CODES = (
    ("unreachable-scene, unreachable-ending, unreachable-deck", N_("no path leads there")),
    ("impossible-choice, impossible-storylet", N_("its condition (or gate) never holds")),
    ("route-never-taken, rule-never-fires, gate-never-opens", N_("the same for routes, rules, gates")),
    ("flag-never-read, flag-never-set, flag-unused", N_("flags (and lists) half used")),
    ("stat-never-read", N_("a stat no condition or formula reads")),
    ("fallback-never-drawn, empty-deck, deck-no-fallback", N_("decks that never or always run dry")),
    ("possible-dead-end", N_("every choice can be locked at once")),
    ("later-after-end", N_("a delay longer than the campaign")),
    ("later-overridden", N_("a delay the calendar always overrides")),
    ("once-runs-dry", N_("once-only choices leave a scene empty")),
    ("call-never-returns", N_("a sub-scene with no way back")),
    # Translators: {name} is written as it is: it shows what a hole in a text looks like.
    ("braces-in-plain-text", N_("{name} where text is not filled in")),
    # Translators: {if …} is written as it is: it shows the form of a variation in a text.
    ("text-never-shown", N_("a branch of an {if …} that never shows")),
    ("challenge-never-won, split-never-reached", N_("challenges.toml goals")),
    ("deck-runs-dry", N_("one-time storylets run out")),
)
NOTES = ("deck-runs-dry",)  # codes of notes, not warnings


def codes_help() -> str:
    """The --help epilog: every warning's code and what it means, in the language spoken."""
    rows = []
    for codes, meaning in CODES:
        # Translators: after a code in check's --help, for a finding that is only a note, not a warning.
        shown = codes + " " + _("(a note)") if codes in NOTES else codes
        rows.append(f"  {shown:<58}{_(meaning)}")
    # Translators: the heading of the list of warning codes in `citizen-score check --help`.
    head = _("warnings (the code is printed after each one):")
    tail = _("Columns count on the line, as editors do (file:line:column), as in load errors.")
    return "\n".join([head, *rows, tail])


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(
        sub, "check", _("validate campaign content and list every problem and warning"),
        _("Check campaigns (ids, campaign folders or folders of campaigns): every loader error, then "
          "warnings about scenes no path reaches, choices and rules that can never happen, gates that "
          "never open, unused flags and decks that run dry."),
        {0: _("clean (warnings allowed unless --strict)"), 1: _("warnings, with --strict"),
         2: _("errors in the content, or no such campaign")}, epilog=codes_help())
    p.add_argument("campaigns", nargs="*", metavar="CAMPAIGN",
                   help=_("a campaign id in the content folder, a campaign folder, or a folder of campaigns "
                          "(default: every campaign in the content folder)"))
    p.add_argument("--strict", action="store_true", help=_("exit 1 when there are warnings"))
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=_("text (default; styled in a terminal) or json"))
    p.add_argument("--no-cache", action="store_true",
                   help=_("check every campaign afresh (by default an unchanged campaign's findings "
                          "are remembered; CITIZEN_SCORE_CACHE sets where)"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from game.authoring.output import emit, exit_code

    lang = i18n.current()
    if args.format == "json":  # JSON is for machines: its words stay English, whatever the language
        spoken, seps = i18n.current(), i18n.seps()
        i18n.use(SOURCE)
        try:
            report = check_report(args.campaigns or [None], cache=not args.no_cache, content=args.content,
                                  lang=lang, seps=seps)
        finally:
            i18n.use(spoken)
    else:
        report = check_report(args.campaigns or [None], cache=not args.no_cache, content=args.content,
                              lang=lang)
    emit(report, args.format)
    return exit_code(report, args.strict)


def check_report(names: Sequence[str | Path | None], cache: bool = False, content: Path | None = None,
                 lang: str = "en", seps: str | None = None) -> Report:
    """The findings for each campaign the names mean, one section a campaign: a name is an id in
    ``content`` (default: the usual content folder), a campaign folder or a folder of campaigns;
    None means every campaign in ``content``. The report's own words are in the language spoken;
    ``seps`` writes the translation's numbers (default: as the language spoken writes them)."""
    from game.authoring.findings import finding
    from game.authoring.output import Report, Section, tally
    from game.paths import default_content_dir
    from game.progress import progress

    content = content or default_content_dir()
    found: list[Path | Section] = []  # each campaign folder to check, or why a name names none
    for name in names:
        try:
            found += named_campaigns(content, None if name is None else str(name))
        except ValueError as e:
            where = str(name or content)
            found.append(Section(where, [finding(
                "no-campaign", "error", where, 0, 0, "", said_error(e),
                _("Name a campaign by its id, or give its folder (it holds campaign.toml) or a folder "
                  "of campaigns."))], data={"folder": where}))
    sections = []
    folders = sum(isinstance(f, Path) for f in found)
    with progress(folders, _("Checking")) as bar:  # on stderr, only in a terminal, only if it takes a while
        for f in found:
            if isinstance(f, Section):
                sections.append(f)
                continue
            bar.advance(0, f.name)  # a slow campaign shows its name while it is checked
            sections.append(check_folder(f, cache, lang, seps))
            bar.advance(1)
    report = Report("check", sections)
    # Translators: {problems} is "no problems" or a count of each kind ("1 error, 3 warnings").
    report.summary = ngettext("Checked {n} campaign: {problems}.", "Checked {n} campaigns: {problems}.",
                              len(sections)).format(n=len(sections), problems=tally(report))
    return report


def check_folder(folder: Path, cache: bool = False, lang: str = "en", seps: str | None = None) -> Section:
    """One campaign's findings (with its translation into ``lang``'s, unless that is the story's own
    language); with ``cache``, remembered while nothing in the folder changes (and its lines are in
    the language spoken)."""
    from game.authoring import check_cache
    from game.paths import openable

    spoken = i18n.current()  # the section's lines are in it: a cached one is kept for each
    k = check_cache.key(folder) + lang + ("" if spoken == lang else ":" + spoken) if cache else ""
    section = check_cache.get(folder, k) if cache else None
    if section is None:
        section = fresh(folder, lang, seps)
        if cache:
            check_cache.put(folder, k, section)
    section.base = openable(folder.parent)  # the findings' file names start from the campaign's folder
    return section


def fresh(folder: Path, lang: str = "en", seps: str | None = None) -> Section:
    from game.authoring.analysis import analyse
    from game.authoring.findings import finding, spoken
    from game.authoring.output import Section, counted
    from game.authoring.words import story_words
    from game.engine.challenges import load_challenges
    from game.tomlcache import parser

    try:
        loaded = load_challenges(folder, parse=parser())  # the campaign and its challenges.toml, in one pass
    except ContentError as e:
        findings = [spoken(f) for f in e.problems]
        errors = sum(f.severity == "error" for f in findings)
        return Section(str(folder), findings, [_("does not load: {errors}").format(errors=counted(errors, "error"))],
                       data={"folder": str(folder), "campaign": folder.name, "loaded": False})
    camp = loaded.campaign
    try:
        findings = analyse(camp, loaded.challenges)
    except Exception as e:  # noqa: BLE001 - the content loaded; a fault in the analysis must not hide that
        findings = [finding("analysis-failed", "warning", f"{folder.name}/campaign.toml", 0, 0, "",
                            _("the warnings could not be worked out ({error})").format(
                                error=f"{type(e).__name__}: {e}"),
                            _("The content loads; this is a fault in citizen-score check. Please report it."))]
    words = story_words(camp)
    size = ", ".join([ngettext("{n} scene", "{n} scenes", len(camp.scenes)).format(n=len(camp.scenes)),
                      ngettext("{n} rule", "{n} rules", len(camp.rules)).format(n=len(camp.rules)),
                      ngettext("{n} gate", "{n} gates", len(camp.gates)).format(n=len(camp.gates)),
                      ngettext("{n} word of story", "{n} words of story", words).format(n=i18n.number(words))])
    lines, data = [], {"folder": str(folder), "campaign": camp.id, "loaded": True, "words": words}
    if lang != SOURCE:
        findings, cover = translated(folder, lang, findings, seps)
        lines.append(cover)
        data["translation"] = {"lang": lang, "line": cover}
    warnings = sum(f.severity == "warning" for f in findings)
    errors = sum(f.severity == "error" for f in findings)
    # Translators: the verdict on a campaign with no errors and no warnings, before its size ("ok — 12 scenes, ...").
    verdict = counted(errors, "error") if errors else counted(warnings, "warning") if warnings else _("ok")
    return Section(str(folder), [spoken(f) for f in findings], [f"{verdict} — {size}", *lines], data=data)


def translated(folder: Path, lang: str, findings: list, seps: str | None = None) -> tuple[list, str]:
    """The translation's problems after the story's, and how much of the story it covers."""
    from game.engine.content import load_campaign
    from game.engine.load.translation import coverage, read_translation
    from game.tomlcache import parser

    found = read_translation(folder, load_campaign(folder, parse=parser()), lang, parser(), seps or i18n.seps())
    done, total, stale = coverage(found)
    # Translators: a share of the texts translated, {share} a whole number ("87%").
    share = _("{share}%").format(share=i18n.number(100 * done / total)) if total else "—"
    files = len(found.files)
    # Translators: {lang} is a language code (nl); {files} ends the line ("3 translation files").
    line = _("{lang}: {done} of {total} texts translated ({share}), {stale} stale, {files}").format(
        lang=lang, done=i18n.number(done), total=i18n.number(total), share=share, stale=i18n.number(stale),
        files=ngettext("{n} translation file", "{n} translation files", files).format(n=files))
    return [*findings, *found.problems], line
