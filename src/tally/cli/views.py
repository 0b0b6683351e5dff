"""Terminal views (rich) for the store commands: ingest progress and summary,
the incident list, one incident with its reports and claims, a report's
history and link events, an incident's timeline."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..store import IngestResult
from .render import losses_table, typology_table
from ..store.timeline import summary_words

_out = Console()
_err = Console(stderr=True)


@contextmanager
def ingest_progress() -> Iterator[Callable[[IngestResult], None]]:
    """A progress display on stderr; yields the callback ``ingest`` calls after each document."""
    columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(bar_width=None),
               TextColumn("{task.fields[docs]} documents · {task.fields[reports]} reports stored · "
                          "{task.fields[failed]} failed · {task.fields[rate]:.1f} docs/s"),
               TimeElapsedColumn())
    with Progress(*columns, console=_err, transient=False) as progress:
        task = progress.add_task("ingest", total=None, docs=0, reports=0, failed=0, rate=0.0)

        def update(result: IngestResult) -> None:
            progress.update(task, docs=result.documents, reports=result.reports,
                            failed=len(result.failed), rate=result.docs_per_second)

        yield update
        progress.update(task, total=1, completed=1)


def print_ingest_summary(result: IngestResult, where: str) -> None:
    """The table that ends an ingest: counts and speed."""
    table = Table(title=f"tally ingest -> {escape(where)}")
    table.add_column("documents", justify="right")
    for name in ("ingested", "updated", "unchanged", "failed"):
        table.add_column(name, justify="right")
    table.add_column("docs/s", justify="right")
    table.add_row(str(result.documents), str(result.ingested), str(result.updated), str(result.unchanged),
                  str(len(result.failed)), f"{result.docs_per_second:.1f}")
    _out.print(table)
    if result.skipped:
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(result.skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        _out.print(f"{result.skipped_count} news items skipped, not about violence against people "
                   f"({escape(reasons)}); --keep-all stores them")
    if result.history is not None:  # an export with page histories: the revisions stored and skipped
        _out.print(escape(result.history.summary()))


def _figure(low: Any, best: Any, high: Any) -> str:
    if best is None and low is None:
        return "-"
    shown = str(best if best is not None else f"{low}+")
    if low is not None and (low != best or high != best):
        shown += f" [{low}-{'' if high is None else high}]"
    return shown


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def print_list(rows: list[dict[str, Any]]) -> None:
    """The incidents as a table, one line each."""
    table = Table(title=f"{len(rows)} incidents")
    for name, justify, least in (("id", "left", None), ("date", "left", 10), ("country", "left", None),
                                 ("place", "left", None), ("killed", "right", None), ("reports", "right", None)):
        table.add_column(name, justify=justify, overflow="fold", min_width=least)  # type: ignore[arg-type]
    table.add_column("title or text", min_width=20)
    for r in rows:
        when = r["date_start"] or ""
        if r["date_end"] and r["date_end"] != r["date_start"]:
            when += f" to {r['date_end']}"
        count = r.get("report_count")
        table.add_row(escape(r["id"]), when, r["country_iso3"] or "", escape(r["place"] or ""),
                      _figure(r["killed_low"], r["killed_best"], r["killed_high"]),
                      str(count if count is not None else len(r.get("reports") or [])),
                      escape(r["title"] or _shorten(r.get("snippet") or "", 48)))
    _out.print(table)


def _when(date: dict[str, Any] | None) -> str:
    date = date or {}
    return " to ".join(dict.fromkeys(x for x in (date.get("start"), date.get("end")) if x))


def _when_why(date: dict[str, Any] | None) -> str:
    """A report's event date and how it was read: "2024-06-29 (relative: on Saturday)"."""
    date = date or {}
    when = _when(date)
    why = ": ".join(x for x in (date.get("rule"), date.get("text")) if x)
    return f"{when} ({why})" if when and why else when


def _where(r: dict[str, Any]) -> str:
    place, precision = r.get("place") or "", r.get("place_precision")
    return f"{place} ({precision})" if place and precision else place


def _est(est: dict[str, Any] | None) -> str:
    est = est or {}
    return _figure(est.get("low"), est.get("best"), est.get("high"))


def _link_words(link: dict[str, Any] | None) -> str:
    """How a report joined its incident: the rule, its score, the report it matched, the reasons."""
    link = link or {"rule": "new"}
    words = link.get("rule") or "new"
    if link.get("action"):
        words += f" ({link['action']})"
    if link.get("score") is not None:
        words += f" {link['score']:.2f}"
    if link.get("matched"):
        words += f" with {link['matched']}"
    if link.get("reasons"):
        words += ": " + "; ".join(str(r) for r in link["reasons"])
    return words


def print_record(found: dict[str, Any]) -> None:
    """One incident: its facts, then its reports (with the date, place and
    figures each gives and how it was linked), then every claim with its
    report, source and sentence."""
    rec = found["record"]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    date = rec.get("date") or {}
    loc = rec.get("location") or {}
    for label, value in (
        ("id", rec.get("id")), ("title", rec.get("title")),
        ("language", ", ".join(rec.get("languages") or []) or rec.get("language")),
        ("date", " to ".join(dict.fromkeys(x for x in (date.get("start"), date.get("end")) if x)) or None),
        ("place", ", ".join(x for x in (loc.get("name"), loc.get("country")) if x) or None),
        ("reports", str(len(found.get("reports") or [])) if found.get("reports") is not None else None),
        ("source", found["source"]["path"]), ("revision", str(found["revision"])),
        ("updated", found["updated_at"]),
    ):
        if value:
            facts.add_row(label, escape(str(value)))
    for cat, est in (rec.get("casualties") or {}).items():
        if est:
            facts.add_row(cat, _figure(est.get("low"), est.get("best"), est.get("high")))
    for group, row in (rec.get("casualties_by_group") or {}).items():
        for cat, est in (row or {}).items():
            if est:
                facts.add_row(f"{cat}: {group.replace('_', ' ')}",
                              _figure(est.get("low"), est.get("best"), est.get("high")))
    _out.print(facts)
    if rec.get("typology"):
        _out.print(typology_table(rec["typology"]))
    if rec.get("losses"):
        _out.print(losses_table(rec["losses"]))
    reports = found.get("reports") or []
    if reports:
        table = Table(title=f"Reports ({len(reports)})", show_lines=True)
        for name, least, most in (("id", None, 22), ("source", None, 22), ("lang", 4, 4),
                                  ("event date", 10, 18), ("place", None, 14), ("killed", 6, 9),
                                  ("injured", 7, 9), ("link", None, 16)):
            table.add_column(name, overflow="fold", min_width=least, max_width=most)
        for r in reports:
            link = r.get("link") or {"rule": "new"}
            rule = link.get("rule") or "new"
            if link.get("score") is not None:
                rule += f" {link['score']:.2f}"
            elif link.get("action"):
                rule += f" ({link['action']})"
            table.add_row(escape(r["id"]), escape(r.get("source") or ""), r.get("language") or "",
                          escape(_when_why(r.get("date"))), escape(_where(r)), _est(r.get("killed")),
                          _est(r.get("injured")), escape(rule))
        _out.print(table)
        for r in reports:  # why each report is in the incident: the evidence, in full
            _out.print(f"[bold]{escape(r['id'])}[/bold]: {escape(_link_words(r.get('link')))}")

    claims = Table(title=f"{len(found['claims'])} claims", show_lines=True)
    # each claim names its report; the column is shown when the incident has more than one
    by_report = len(reports) > 1
    for name, width in (("#", 3), *((("report", 18),) if by_report else ()), ("categories", 10),
                        ("figure", 12), ("victims", 15), ("source", 16), ("sentence", None)):
        claims.add_column(name, overflow="fold", max_width=width, ratio=None if width else 1)
    # whom each figure counts: the record's claims carry it (found["claims"] are the stored rows)
    groups = [c.get("victim_group") for c in rec.get("claims") or []]
    for i, c in enumerate(found["claims"]):
        figure = c["figure"] or _figure(c["low"], None, c["high"])
        group = groups[i] if i < len(groups) else None
        report = (escape(c.get("report") or "-"),) if by_report else ()
        claims.add_row(str(i), *report, ", ".join(c["categories"]), escape(figure or ""),
                       (group or "-").replace("_", " "), escape(c["source"] or "-"), escape(c["text"]))
    _out.print(claims)


def print_history(incident_id: str, versions: list[dict[str, Any]]) -> None:
    """Every version of a record, oldest first."""
    table = Table(title=f"history of {escape(incident_id)}")
    for name in ("revision", "current", "source revision", "dated", "recorded", "replaced", "killed", "title"):
        table.add_column(name, overflow="fold")
    for v in versions:
        killed = ((v["record"].get("casualties") or {}).get("killed")) or {}
        source = v["record"].get("source") or {}  # a history revision: its timestamp, and whether it was reverted
        dated = str(source.get("timestamp") or "")[:19] + (" reverted" if source.get("reverted") else "")
        table.add_row(str(v["revision"]), "yes" if v["current"] else "", v["revision_id"] or "", escape(dated),
                      (v["recorded_at"] or "")[:19], (v["replaced_at"] or "")[:19],
                      _figure(killed.get("low"), killed.get("best"), killed.get("high")),
                      escape(v["record"].get("title") or ""))
    _out.print(table)


def print_link_events(ident: str, events: list[dict[str, Any]]) -> None:
    """The link events (link, unlink, merge, relink) naming a report or its incident, oldest first."""
    if not events:
        _out.print(f"no link events for {escape(ident)} (linked on ingest only)")
        return
    table = Table(title=f"link events of {escape(ident)}")
    for name in ("at", "action", "report", "incident", "other", "detail"):
        table.add_column(name, overflow="fold")
    for e in events:
        detail = e.get("detail") or {}
        words = ", ".join(f"{k} {', '.join(map(str, v)) if isinstance(v, list) else v}"
                          for k, v in detail.items()) if isinstance(detail, dict) else str(detail)
        table.add_row((e.get("at") or "")[:19], e.get("action") or "", escape(e.get("report_id") or ""),
                      escape(e.get("incident_id") or ""), escape(e.get("other_id") or ""), escape(words))
    _out.print(table)


def print_texts(reports: list[dict[str, Any]], texts: dict[str, str]) -> None:
    """Each report's stored text under a rule naming the report and its source
    (markup-free: printed as it is, never read as console markup)."""
    for r in reports:
        _out.rule(f"text of report {escape(str(r['id']))} ({escape(str(r.get('source') or ''))})")
        _out.print(texts.get(r["id"], ""), markup=False, highlight=False, soft_wrap=True)


def print_timeline(found: dict[str, Any]) -> None:
    """An incident's dated figures in order, each with the running figure after it,
    then one line per category: first reported, latest, how many changes."""
    table = Table(title=f"timeline of {escape(found['incident'])}")
    reverted = any(p["reverted"] for p in found["points"])
    for name in ("at", "report", "rev", "source", "category", "group", "figure", "running",
                 *(("reverted",) if reverted else ())):
        table.add_column(name, overflow="fold")
    for p in found["points"]:
        run = p["running"]
        table.add_row(escape(p["at"] or "-"), escape(p["report"]), str(p["revision"]), escape(p["source"] or "-"),
                      p["category"], (p["group"] or "-").replace("_", " "), _figure(p["low"], p["best"], p["high"]),
                      _figure(run["low"], run["best"], run["high"]),
                      *(("yes" if p["reverted"] else "",) if reverted else ()), style="dim" if p["reverted"] else None)
    _out.print(table)
    if not found["points"]:
        _out.print(f"no dated figures for {escape(found['incident'])}")
    for cat, s in found["summary"].items():
        _out.print(escape(summary_words(cat, s)))
