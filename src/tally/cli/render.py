"""The ``table`` output of ``tally extract``: a readable terminal view (rich)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from ..model import Estimate, Incident, to_dict

_console = Console()


def _fig(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "?"
    if high is None:
        return f"{low}+"
    if low is None:
        return f"<={high}"
    return str(low) if low == high else f"{low}-{high}"


def _est(e: Estimate | None) -> str:
    if e is None:
        return "-"
    best = "?" if e.best is None else str(e.best)
    return f"{best}  [{_fig(e.low, e.high)}]"


def typology_table(typology: dict) -> Table:
    """The record's typology (``docs/typology.md``): one row per field of each
    scheme, its value, the rule and the words that decided it."""
    table = Table(title="what happened (ACLED, GTD, UCDP)", title_justify="left", show_lines=False)
    for name, width in (("field", 24), ("value", 36), ("rule", 40), ("words", 40)):
        table.add_column(name, overflow="fold", max_width=width)
    for scheme, fields in (typology or {}).items():
        for name, coding in (fields or {}).items():
            coding = coding or {}
            value = coding.get("value")
            table.add_row(escape(f"{scheme}.{name}"), escape("" if value is None else str(value)),
                          escape(coding.get("rule") or ""), escape(coding.get("text") or ""))
    return table


def losses_table(losses: list) -> Table:
    """The material losses: what, how many, destroyed / damaged / seized, who said so, the words."""
    table = Table(title=f"{len(losses)} material losses", title_justify="left")
    for name in ("what", "count", "loss", "source", "words"):
        table.add_column(name, overflow="fold")
    for loss in losses:
        count = loss.get("count")
        table.add_row(escape(loss.get("object") or ""), "?" if count is None else str(count),
                      escape(loss.get("category") or ""), escape(loss.get("source") or "-"),
                      escape(loss.get("text") or ""))
    return table


def record_view(rec: Incident) -> Panel:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    d = rec.date
    if d.start:
        when = d.start if d.end in (None, d.start) else f"{d.start} to {d.end}"
        facts.add_row("date", f"{when} ({d.precision})")
    if rec.location:
        loc = rec.location
        where = ", ".join(x for x in (loc.name, loc.country) if x)
        if loc.lat is not None:
            where += f"  ({loc.lat:.3f}, {loc.lon:.3f})"
        facts.add_row("place", escape(where))
    if rec.language:
        facts.add_row("language", escape(rec.language))
    if rec.places:
        facts.add_row("places", escape("; ".join(p.name for p in rec.places)))
    if rec.part_of:
        facts.add_row("part of", escape(rec.part_of))
    for side in rec.sides:
        parts = [", ".join(a.name + (f" ({', '.join(a.aliases)})" if a.aliases else "") for a in side.actors)]
        if side.commanders:
            parts.append("commanders: " + ", ".join(side.commanders))
        if side.strength:
            parts.append("strength: " + _fig(side.strength.low, side.strength.high)
                         + (f" (per {side.strength.source})" if side.strength.source else ""))
        facts.add_row(f"side {side.id}", escape("; ".join(p for p in parts if p)))
    if rec.perpetrators:
        facts.add_row("perpetrators", escape(", ".join(a.name for a in rec.perpetrators)))
    if rec.targets:
        facts.add_row("targets", escape(", ".join(rec.targets)))

    totals = Table(title="casualties: best [low-high]", title_justify="left", expand=False)
    totals.add_column("category")
    totals.add_column("total")
    side_ids = list(rec.casualties_by_side)
    for sid in side_ids:
        totals.add_column(f"side {sid}")
    groups = [g for g in rec.casualties_by_group if g != "unknown"]
    for g in groups:
        totals.add_column("victims: " + g.replace("_", " "))
    for cat, est in rec.casualties.items():
        by_side = [rec.casualties_by_side[s].get(cat) for s in side_ids]
        by_group = [(rec.casualties_by_group.get(g) or {}).get(cat) for g in groups]
        if est is None and not any(by_side):
            continue
        totals.add_row(cat, _est(est), *[_est(e) for e in by_side], *[_est(e) for e in by_group])

    claims = Table(title=f"{len(rec.claims)} claims", title_justify="left")
    for col in ("#", "figure", "what", "group", "counts", "side", "source", "where"):
        claims.add_column(col)
    for i, c in enumerate(rec.claims):
        fig = (c.qualifier + " " if c.qualifier not in (None, "exactly", "range", "vague") else "") + _fig(c.low, c.high)
        where = (c.section or "") + (" (other event)" if c.other_event else "")
        claims.add_row(str(i), fig, " or ".join(c.categories), escape(c.group or ""),
                       (c.victim_group or "").replace("_", " "), c.side or "",
                       escape(c.source or ""), escape(where))
    title = escape(rec.title or rec.id)
    data = to_dict(rec)
    parts = [facts, totals, typology_table(data["typology"])] + ([losses_table(data["losses"])] if rec.losses else [])
    return Panel(Group(*parts, claims), title=f"[bold]{title}[/]", subtitle=escape(rec.source.get("path", "")))


def print_record(rec: Incident, console: Console | None = None) -> None:
    (console or _console).print(record_view(rec))
