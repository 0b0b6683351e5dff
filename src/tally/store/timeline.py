"""How an incident's toll moved: every dated figure of every stored version of
its reports, in order, with the incident's running low / best / high after it.

A *version* is one row of ``documents`` (a report as ingested once: a news
report, a later edit of it, one revision of an encyclopedia article) with the
record extracted from it (``record_history`` for earlier ones, ``reports`` for
the current one). Its time is :func:`version_time`. A *point* is one figure
of a version: a claim's category, victim group, low / best / high and source.
A version repeats no figure its report's previous version already gave (the
same category, group, low, high and source): an unchanged toll is no news.

The running figure after a point is what a reader knew then: the records of
the latest version of each report at that time, combined by the same
cross-report rules as the incident itself (:func:`tally.reconcile.combine`;
:func:`~tally.reconcile.across.combine_casualties` gives only its casualties),
so the last point's running figure is the incident's own. A version whose
meta says ``reverted`` (a vandalised revision undone soon after) gives its
points, marked ``reverted``, but does not count in the running figure.

``docs/store.md`` ("Timeline") describes the output; ``tally timeline``, the
API (``/api/incidents/{id}/timeline``), the incident page and ``export --level
timeline`` all read :func:`incident_timeline`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Iterable

import sqlalchemy as sa

from ..model import CATEGORIES
from ..reconcile.across import combine_casualties
from ..reconcile.figures import best_of
from ..reconcile.policies import claim_from_dict
from ..when.dates import reference_date
from . import schema as t
from .db import Store

#: at most this many characters of earlier versions' texts are read for one incident page
TEXT_BUDGET = 4_000_000

Point = dict[str, Any]


def version_time(meta: dict[str, Any] | None, record: dict[str, Any] | None = None,
                 ingested_at: str | None = None) -> str | None:
    """When a version was published ("at"), as ISO 8601 text, the first of:

    1. ``meta["timestamp"]``: a MediaWiki revision's timestamp (a history
       dump's revisions are each a version with its own);
    2. its publication date: ``meta["date"]`` (a ``--date-column`` value), else
       the record's ``source.date`` (a dateline or a page's date line) or
       ``source.timestamp``;
    3. ``ingested_at``: when the store received it.

    A time with a clock is given in UTC (``2024-03-05T14:02:00Z``), a day as
    ``YYYY-MM-DD``; a value that is not a day ("March 2024") is passed over.
    """
    src = (record or {}).get("source") if isinstance(record, dict) else None
    src = src if isinstance(src, dict) else {}
    meta = meta if isinstance(meta, dict) else {}
    for value in (meta.get("timestamp"), meta.get("date"), src.get("date"), src.get("timestamp"), ingested_at):
        at = iso_time(value)
        if at:
            return at
    return None


def iso_time(value: Any) -> str | None:
    """``value`` (ISO text, a date, "2 March 2024", "2 mars 2024") as a sortable
    ISO day or UTC time; None when it names no day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if len(text) >= 10 and text[4:5] == "-":
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is not None:
            return _utc(parsed) if len(text) > 10 else parsed.date().isoformat()
    day = reference_date({"date": text})
    return day.isoformat() if day else None


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Version:
    """One stored version of a report: its record and when it was published."""

    report: str            # the report's id
    order: int             # the report's place in its incident (the order stored)
    revision: int          # the store's revision number of the report (1, 2, ...)
    revision_id: str | None  # the source's own id of the version (a wiki revision id)
    at: str | None
    record: dict[str, Any]
    reverted: bool = False
    document: int | None = None  # its row in ``documents``
    current: bool = False


# --------------------------------------------------------------------------- pure


def _figures(record: dict[str, Any]) -> list[tuple[tuple[Any, ...], Point]]:
    """The dated figures of one record: one per claim and category (claims
    about another event left out), each once."""
    out, seen = [], set()
    for i, c in enumerate(record.get("claims") or []):
        if not isinstance(c, dict) or c.get("other_event") or (c.get("low") is None and c.get("high") is None):
            continue
        try:
            best = best_of(claim_from_dict({"text": "", "start": 0, "end": 0, **c, "categories": []}))
        except TypeError:  # a stored claim of another shape: not a figure
            continue
        for cat in c.get("categories") or []:
            group = c.get("victim_group") if cat in ("killed", "injured") else None
            key = (cat, group, c.get("low"), c.get("high"), (c.get("source") or "").strip().lower())
            if key in seen:
                continue
            seen.add(key)
            out.append((key, {"category": cat, "group": group, "low": c.get("low"), "best": best,
                              "high": c.get("high"), "source": c.get("source"), "claim": i,
                              "text": c.get("text") or "", "start": c.get("start"), "end": c.get("end"),
                              "figure_start": c.get("figure_start"), "figure_end": c.get("figure_end")}))
    return out


def _running(known: dict[str, Version]) -> dict[str, dict[str, Any]]:
    """The incident's casualties from the latest counted version of each report."""
    records = [v.record for v in sorted(known.values(), key=lambda v: v.order)]
    if not records:
        return {}
    cas = combine_casualties(records)
    return {cat: {"low": (cas.get(cat) or {}).get("low"), "best": (cas.get(cat) or {}).get("best"),
                  "high": (cas.get(cat) or {}).get("high")} for cat in CATEGORIES}


def build_timeline(versions: Iterable[Version]) -> list[Point]:
    """The points of ``versions`` (all of one incident's reports), ordered by
    ``at`` (then the report's order and revision), each with ``running``: the
    incident's figure of its category after it (see the module doc)."""
    ordered = sorted(versions, key=lambda v: (v.at or "", v.order, v.revision))
    known: dict[str, Version] = {}
    given: dict[str, set[tuple[Any, ...]]] = {}
    running: dict[str, dict[str, Any]] = {}
    points: list[Point] = []
    empty = {"low": None, "best": None, "high": None}
    for v in ordered:
        figures = _figures(v.record)
        before = given.get(v.report, set())
        new = [p for key, p in figures if key not in before]
        if not v.reverted:
            known[v.report] = v
            given[v.report] = {key for key, _ in figures}
            running = _running(known)
        for p in new:
            points.append({"at": v.at, "report": v.report, "revision": v.revision, "revision_id": v.revision_id,
                           "source": p["source"], "category": p["category"], "group": p["group"],
                           "low": p["low"], "best": p["best"], "high": p["high"],
                           "running": dict(running.get(p["category"]) or empty), "reverted": v.reverted,
                           **{k: p[k] for k in ("claim", "text", "start", "end", "figure_start", "figure_end")}})
    return points


def summary(points: list[Point]) -> dict[str, dict[str, Any]]:
    """Per category, in the order of :data:`~tally.model.CATEGORIES`: when it
    was first reported (its first point not reverted) and its running best
    then, the latest point and its running best, how many times the running
    best changed, how many points and how many of them reverted."""
    out: dict[str, dict[str, Any]] = {}
    for cat in CATEGORIES:
        mine = [p for p in points if p["category"] == cat]
        if not mine:
            continue
        counted = [p for p in mine if not p["reverted"]] or mine
        bests = [p["running"]["best"] for p in counted]
        changes = sum(1 for a, b in zip(bests, bests[1:]) if a != b)
        # a reverted point's running figure is the one before it: the latest point's is the latest
        out[cat] = {"first": counted[0]["at"], "first_best": bests[0], "latest": mine[-1]["at"],
                    "latest_best": mine[-1]["running"]["best"], "changes": changes, "points": len(mine),
                    "reverted": sum(1 for p in mine if p["reverted"])}
    return out


def summary_words(category: str, s: dict[str, Any]) -> str:
    """One category's :func:`summary` in words: "killed: first reported
    2024-03-04 (12), latest 2024-03-08 (31), changed 4 times"."""
    def fig(best: Any) -> str:
        return f" ({best})" if best is not None else ""

    times = "once" if s["changes"] == 1 else f"{s['changes']} times"
    words = (f"{category}: first reported {s['first'] or 'undated'}{fig(s['first_best'])}, "
             f"latest {s['latest'] or 'undated'}{fig(s['latest_best'])}, changed {times}")
    if s.get("reverted"):
        words += f" ({s['reverted']} reverted, not counted)"
    return words


# --------------------------------------------------------------------------- the store


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for n in range(0, len(items), size):
        yield items[n:n + size]


def versions_of(conn: sa.Connection, incident_pk: int) -> list[Version]:
    """Every stored version of every report of incident ``incident_pk``."""
    r, h, d = t.reports.c, t.record_history.c, t.documents.c
    reports = conn.execute(sa.select(r.pk, r.id, r.revision, r.document_id, r.record)
                           .where(r.incident_pk == incident_pk).order_by(r.pk)).all()
    order = {row.pk: n for n, row in enumerate(reports)}
    ids = {row.pk: row.id for row in reports}
    rows = [(row.pk, row.revision, row.document_id, row.record, True) for row in reports]
    for part in _chunks(list(order)):
        rows += [(x.report_pk, x.revision, x.document_id, x.record, False) for x in conn.execute(
            sa.select(h.report_pk, h.revision, h.document_id, h.record).where(h.report_pk.in_(part)))]
    docs: dict[int, Any] = {}
    for part in _chunks(sorted({row[2] for row in rows})):
        docs.update((x.id, x) for x in conn.execute(
            sa.select(d.id, d.revision_id, d.meta, d.ingested_at).where(d.id.in_(part))))
    out = []
    for pk, revision, doc_id, record, current in rows:
        doc = docs.get(doc_id)
        meta = doc.meta if doc is not None and isinstance(doc.meta, dict) else {}
        record = record if isinstance(record, dict) else {}
        out.append(Version(report=ids[pk], order=order[pk], revision=revision,
                           revision_id=doc.revision_id if doc is not None else None,
                           at=version_time(meta, record, doc.ingested_at if doc is not None else None),
                           record=record, reverted=bool(meta.get("reverted")), document=doc_id, current=current))
    return out


def incident_timeline(store: Store, ident: str, *, texts: bool = False) -> dict[str, Any] | None:
    """The timeline of the incident ``ident`` (or of the incident of the report
    ``ident``): ``{"incident", "points", "summary"}``; with ``texts``, also
    ``"texts"``: ``"report@revision"`` -> the text of each earlier version that
    has a point (its offsets point there), up to :data:`TEXT_BUDGET` characters.
    None when there is no such incident or report."""
    from .linking import resolve_incident

    with store.read() as conn:
        found = resolve_incident(conn, ident)
        if found is None:
            return None
        versions = versions_of(conn, found.pk)
        points = build_timeline(versions)
        out: dict[str, Any] = {"incident": found.id, "points": points, "summary": summary(points)}
        if texts:
            out["texts"] = _version_texts(conn, versions, points)
    return out


def _version_texts(conn: sa.Connection, versions: list[Version], points: list[Point]) -> dict[str, str]:
    wanted = {(p["report"], p["revision"]) for p in points}
    docs = {v.document: f"{v.report}@{v.revision}" for v in versions
            if not v.current and v.document is not None and (v.report, v.revision) in wanted}
    out, size = {}, 0
    for part in _chunks(sorted(docs)):
        for row in conn.execute(sa.select(t.documents.c.id, t.documents.c.text).where(t.documents.c.id.in_(part))):
            size += len(row.text or "")
            if size > TEXT_BUDGET:
                return out
            out[docs[row.id]] = row.text or ""
    return out


def iter_timeline_rows(store: Store, incident_ids: Iterable[str]) -> Iterable[Point]:
    """The points of each incident of ``incident_ids`` in turn, each with its
    ``incident_id`` (for ``export --level timeline``)."""
    for ident in incident_ids:
        found = incident_timeline(store, ident)
        if found is None:  # deleted since it was selected
            continue
        for p in found["points"]:
            yield {"incident_id": found["incident"], **p}
