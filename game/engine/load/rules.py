"""The scoring rules of rules.toml: what fires them, what they change, and what the player learns."""

from __future__ import annotations

from typing import Any

from ..expr import BOOL
from ..model import Rule, Where
from ..msg import Msg
from .context import Context
from .keys import check_id, check_keys, unknown_tables
from .read import Source
from .scenes import laters
from .values import amounts, expr, flag_list, strs, target, template


def load_rules(cx: Context, src: Source) -> dict[str, Rule]:
    unknown_tables(cx, src, {"rule"}, "rules.toml", Msg("Rules are [rule.<id>] tables."))
    table = src.data.get("rule", {})
    if not isinstance(table, dict):
        return {}
    return {rid: load_rule(cx, src, rid, raw) for rid, raw in table.items()
            if check_id(cx, src, f"rule.{rid}", rid, "rule")}


def load_rule(cx: Context, src: Source, rid: str, raw: Any) -> Rule:
    path = f"rule.{rid}"
    t = check_keys(cx, src, path, raw, "rule")
    on, every = triggers(cx, src, rid, path, t)
    score = amounts(cx, src, f"{path}.score", t.get("score", {}), cx.scores, "score")
    domain = t.get("domain", "")
    check_domain(cx, src, rid, path, score, domain)
    goto = t.get("goto", "")
    if goto:
        target(cx, src, f"{path}.goto", goto)
    why = template(cx, src, f"{path}.why", t.get("why", ""))
    words = [p for p in why if isinstance(p, str)]
    plain = len(words) == len(why)  # the usual why: kept as a string, so firing costs nothing more
    return Rule(
        id=rid, on=on, every=every, why_text=None if plain else why,
        when=expr(cx, src, f"{path}.when", t["when"], BOOL) if "when" in t else None,
        cond=expr(cx, src, f"{path}.if", t["if"], BOOL) if "if" in t else None,
        score=score, domain=domain,
        effects=amounts(cx, src, f"{path}.effects", t.get("effects", {}), cx.targets, "stat"),
        set=flag_list(cx, src, f"{path}.set", t.get("set", [])),
        clear=flag_list(cx, src, f"{path}.clear", t.get("clear", [])),
        goto=goto, why="".join(words) if plain else t.get("why", ""), hidden=t.get("hidden", False),
        once=t.get("once", False), at=Where(src.name, path, src.line),
        later=laters(cx, src, f"{path}.later", t.get("later", ())),
        reveal=strs(cx, src, f"{path}.reveal", t.get("reveal", [])),
        reveal_after=reveal_after(cx, src, path, t))


def triggers(cx: Context, src: Source, rid: str, path: str, t: dict[str, Any]) -> tuple[tuple[str, ...], str]:
    """What fires the rule: exactly one of on (acts), every (a period) or when (a condition)."""
    if sum(k in t for k in ("on", "every", "when")) != 1:
        cx.problem(src, path, Msg("rule '{id}' needs exactly one of on, every, when", id=rid),
                   Msg('on = "buy.diapers", every = "day", or when = "credit < 450".'))
    on = t.get("on", ())
    on = (on,) if isinstance(on, str) else strs(cx, src, f"{path}.on", on) if on else ()
    every = t.get("every", "")
    if every and every not in ("day", "choice"):
        cx.problem(src, f"{path}.every", Msg('every = "{every}" is not a period', every=every),
                   Msg('Use every = "day" or every = "choice".'))
    return on, every


def check_domain(cx: Context, src: Source, rid: str, path: str, score: dict[str, Any], domain: str) -> None:
    """A rule that changes a score made of domains names which domain it counts in."""
    for sid in score:
        doms = cx.scores[sid].domains
        if doms and domain not in doms:
            cx.problem(src, f"{path}.domain" if domain else path,
                       Msg("rule '{id}' needs a domain of {score}", id=rid, score=sid) if not domain
                       else Msg("'{domain}' is not a domain of {score}", domain=domain, score=sid),
                       Msg("Domains: {domains}", domains=", ".join(doms)))


def reveal_after(cx: Context, src: Source, path: str, t: dict[str, Any]) -> int:
    n = t.get("reveal_after", 0)
    if "reveal_after" in t and (n < 1 or not t.get("hidden", False)):
        cx.problem(src, f"{path}.reveal_after", Msg("reveal_after is a count of at least 1, on a hidden rule"),
                   Msg("hidden = true\nreveal_after = 3   # known after it has fired three times"))
    return max(n, 0)
