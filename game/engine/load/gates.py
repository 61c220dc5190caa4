"""The gates of gates.toml: jobs, flats, tickets and loans, each open or shut by a condition.

Gate ids are collected before any expression compiles, since ``open("job.clerk")`` and a
choice's ``needs`` may name a gate of any kind.
"""

from __future__ import annotations

from typing import Any

from ..expr import BOOL, compile_expr, names_in
from ..model import Gate, Where
from ..msg import Msg
from .context import Context
from .keys import check_id, check_keys
from .read import Source
from .values import expr, template


def collect_gates(cx: Context, src: Source | None) -> dict[str, tuple[str, str, dict[str, Any]]]:
    out: dict[str, tuple[str, str, dict[str, Any]]] = {}
    if src is None:
        return out
    for kind, table in src.data.items():
        if not isinstance(table, dict):
            cx.problem(src, kind, Msg("'{key}' above the first table is not a gate", key=kind),
                       Msg("Gates are tables such as [job.bank_clerk], each with its own needs = ..."))
            continue
        if not check_id(cx, src, kind, kind, "gate kind"):
            continue
        for gid, t in table.items():
            if check_id(cx, src, f"{kind}.{gid}", gid, "gate"):
                out[f"{kind}.{gid}"] = (kind, gid, t)
    return out


def load_gates(cx: Context, src: Source | None, raw: dict[str, tuple[str, str, Any]]) -> dict[str, Gate]:
    out: dict[str, Gate] = {}
    for full, (kind, gid, table) in raw.items():
        assert src is not None
        t = check_keys(cx, src, full, table, "gate")
        needs = expr(cx, src, f"{full}.needs", t["needs"], BOOL) if "needs" in t else None
        if needs is not None and any(k == "open" for k, _ in names_in(needs.tree)):
            cx.problem(src, f"{full}.needs", Msg("a gate's needs cannot use open()"),
                       Msg("Write the other gate's condition out here."))
            needs = None
        if needs is None:
            needs = compile_expr("false", cx.names, BOOL)
        out[full] = Gate(kind, full, t.get("title", gid), t.get("text", ""), needs,
                         template(cx, src, f"{full}.why_not", t.get("why_not", "")), Where(src.name, full, src.line))
        cx.names.gate_exprs[full] = needs
    return out
