"""``citizen-score check``: validate campaign content, then warn about what can never happen.

Errors are what the loader rejects; warnings are what loads but is dead (``game.authoring.analysis``).
Exit 0 when clean, 1 when there are warnings and ``--strict`` is given, 2 on errors.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from typing import TYPE_CHECKING, Sequence

from game.commands.helptext import parser
from game.engine.campaigns import named_campaigns
from game.engine.languages import SOURCE
from game.engine.problems import ContentError

if TYPE_CHECKING:  # the tools are imported when check runs: every command's start-up pays for the top
    from game.authoring.output import Report, Section


CODES = """\
warnings (the code is printed after each one):
  unreachable-scene, unreachable-ending, unreachable-deck   no path leads there
  impossible-choice, impossible-storylet                    its condition (or gate) never holds
  route-never-taken, rule-never-fires, gate-never-opens     the same for routes, rules, gates
  flag-never-read, flag-never-set, flag-unused              flags (and lists) half used
  stat-never-read                                           a stat no condition or formula reads
  fallback-never-drawn, empty-deck, deck-no-fallback        decks that never or always run dry
  possible-dead-end                                         every choice can be locked at once
  later-after-end                                           a delay longer than the campaign
  later-overridden                                          a delay the calendar always overrides
  once-runs-dry                                             once-only choices leave a scene empty
  call-never-returns                                        a sub-scene with no way back
  braces-in-plain-text                                      {name} where text is not filled in
  text-never-shown                                          a branch of an {if …} that never shows
  challenge-never-won, split-never-reached                  challenges.toml goals
  deck-runs-dry (a note)                                    one-time storylets run out
Columns count on the line, as editors do (file:line:column), as in load errors."""


def add(sub: argparse._SubParsersAction) -> None:
    p = parser(
        sub, "check", "validate campaign content and list every problem and warning",
        "Check campaigns (ids, campaign folders or folders of campaigns): every loader error, then "
        "warnings about scenes no path reaches, choices and rules that can never happen, gates that "
        "never open, unused flags and decks that run dry.",
        {0: "clean (warnings allowed unless --strict)", 1: "warnings, with --strict",
         2: "errors in the content, or no such campaign"}, epilog=CODES)
    p.add_argument("campaigns", nargs="*", metavar="CAMPAIGN",
                   help="a campaign id in the content folder, a campaign folder, or a folder of campaigns "
                        "(default: every campaign in the content folder)")
    p.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default; styled in a terminal) or json")
    p.add_argument("--no-cache", action="store_true",
                   help="check every campaign afresh (by default an unchanged campaign's findings "
                        "are remembered; CITIZEN_SCORE_CACHE sets where)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from game.authoring.output import emit, exit_code

    from game import i18n

    report = check_report(args.campaigns or [None], cache=not args.no_cache, content=args.content,
                          lang=i18n.current())
    emit(report, args.format)
    return exit_code(report, args.strict)


def check_report(names: Sequence[str | Path | None], cache: bool = False, content: Path | None = None,
                 lang: str = "en") -> Report:
    """The findings for each campaign the names mean, one section a campaign: a name is an id in
    ``content`` (default: the usual content folder), a campaign folder or a folder of campaigns;
    None means every campaign in ``content``."""
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
                "no-campaign", "error", where, 0, 0, "", str(e),
                "Name a campaign by its id, or give its folder (it holds campaign.toml) or a folder "
                "of campaigns.")], data={"folder": where}))
    sections = []
    folders = sum(isinstance(f, Path) for f in found)
    with progress(folders, "Checking") as bar:  # on stderr, only in a terminal, only if it takes a while
        for f in found:
            if isinstance(f, Section):
                sections.append(f)
                continue
            bar.advance(0, f.name)  # a slow campaign shows its name while it is checked
            sections.append(check_folder(f, cache, lang))
            bar.advance(1)
    report = Report("check", sections)
    report.summary = f"Checked {len(sections)} campaign{'s' if len(sections) != 1 else ''}: {tally(report)}."
    return report


def check_folder(folder: Path, cache: bool = False, lang: str = "en") -> Section:
    """One campaign's findings (with its translation into ``lang``'s, unless that is the story's own
    language); with ``cache``, remembered while nothing in the folder changes."""
    from game.authoring import check_cache
    from game.paths import openable

    k = check_cache.key(folder) + lang if cache else ""
    section = check_cache.get(folder, k) if cache else None
    if section is None:
        section = fresh(folder, lang)
        if cache:
            check_cache.put(folder, k, section)
    section.base = openable(folder.parent)  # the findings' file names start from the campaign's folder
    return section


def fresh(folder: Path, lang: str = "en") -> Section:
    from game.authoring.analysis import analyse
    from game.authoring.findings import finding
    from game.authoring.output import Section, plural
    from game.authoring.words import story_words
    from game.engine.challenges import load_challenges
    from game.tomlcache import parser

    try:
        loaded = load_challenges(folder, parse=parser())  # the campaign and its challenges.toml, in one pass
    except ContentError as e:
        findings = list(e.problems)
        errors = sum(f.severity == "error" for f in findings)
        return Section(str(folder), findings, [f"does not load: {plural(errors, 'error')}"],
                       data={"folder": str(folder), "campaign": folder.name, "loaded": False})
    camp = loaded.campaign
    try:
        findings = analyse(camp, loaded.challenges)
    except Exception as e:  # noqa: BLE001 - the content loaded; a fault in the analysis must not hide that
        findings = [finding("analysis-failed", "warning", f"{folder.name}/campaign.toml", 0, 0, "",
                            f"the warnings could not be worked out ({type(e).__name__}: {e})",
                            "The content loads; this is a fault in citizen-score check. Please report it.")]
    words = story_words(camp)
    size = f"{len(camp.scenes)} scenes, {len(camp.rules)} rules, {len(camp.gates)} gates, {words:,} words of story"
    lines, data = [], {"folder": str(folder), "campaign": camp.id, "loaded": True, "words": words}
    if lang != SOURCE:
        findings, cover = translated(folder, lang, findings)
        lines.append(cover)
        data["translation"] = {"lang": lang, "line": cover}
    warnings = sum(f.severity == "warning" for f in findings)
    errors = sum(f.severity == "error" for f in findings)
    verdict = plural(errors, "error") if errors else plural(warnings, "warning") if warnings else "ok"
    return Section(str(folder), findings, [f"{verdict} — {size}", *lines], data=data)


def translated(folder: Path, lang: str, findings: list) -> tuple[list, str]:
    """The translation's problems after the story's, and how much of the story it covers."""
    from game.engine.content import load_campaign
    from game.engine.load.translation import coverage, read_translation
    from game.i18n import seps
    from game.tomlcache import parser

    found = read_translation(folder, load_campaign(folder, parse=parser()), lang, parser(), seps())
    done, total, stale = coverage(found, folder)
    share = f"{100 * done / total:.0f}%" if total else "—"
    line = (f"{lang}: {done:,} of {total:,} texts translated ({share}), {stale} stale, "
            f"{len(found.files)} translation file{'s' if len(found.files) != 1 else ''}")
    return [*findings, *found.problems], line
