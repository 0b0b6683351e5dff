"""Reading the store: list with filters, show one record, its history.

Every filter is a bound parameter; nothing the user types is pasted into SQL.
Dates filter by overlap: ``date_from`` keeps incidents that end on or after
it, ``date_to`` those that start on or before it (a month- or year-precision
date covers the whole month or year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Iterator

import sqlalchemy as sa

from ..errors import TallyError
from . import schema as t
from .db import Store
from .records import day_bounds

#: --sort keys (prefix ``-`` for descending).
SORTS = {
    "date": t.incidents.c.date_start,
    "killed": t.incidents.c.killed_best,
    "title": t.incidents.c.title,
    "id": t.incidents.c.id,
    "country": t.incidents.c.country_iso3,
    "updated": t.incidents.c.updated_at,
}

#: The columns of a ``list`` row.
LIST_COLUMNS = ("id", "title", "date_start", "date_end", "country_iso3", "place",
                "killed_low", "killed_best", "killed_high", "report_count", "revision", "updated_at")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class QueryError(TallyError):
    """A filter or sort the store cannot apply (bad date, unknown sort key...)."""


@dataclass
class Filters:
    """What ``tally list`` and ``tally export`` select. ``None`` means no filter.

    ``country``: ISO 3166-1 alpha-3 codes, comma-separated; ``actor``: a part of
    an actor's name or alias (any side, or a perpetrator), case-insensitive;
    ``min_killed``: the best (else low) killed figure is at least this;
    ``search``: words that must all occur in the title or text."""

    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None
    min_killed: int | None = None
    search: str | None = None


def _check_date(value: str, name: str) -> None:
    ok = bool(_DATE.match(value))
    if ok:
        try:
            date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
        except ValueError:
            ok = False
    if not ok:
        raise QueryError(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")


def _where(store: Store, f: Filters) -> list[sa.ColumnElement[bool]]:
    inc = t.incidents.c
    conds: list[sa.ColumnElement[bool]] = []
    if f.country:
        codes = [c.strip().upper() for c in f.country.split(",") if c.strip()]
        conds.append(inc.country_iso3.in_(codes))
    if f.date_from:
        _check_date(f.date_from, "--from")
        conds.append(sa.func.coalesce(inc.date_end, inc.date_start) >= day_bounds(f.date_from)[0])
    if f.date_to:
        _check_date(f.date_to, "--to")
        conds.append(inc.date_start <= day_bounds(f.date_to)[1])
    if f.min_killed is not None:
        _check_int(f.min_killed, "--min-killed")
        conds.append(sa.func.coalesce(inc.killed_best, inc.killed_low) >= f.min_killed)
    if f.actor:
        if "\x00" in f.actor:
            raise QueryError("--actor cannot hold a NUL character")
        pattern = "%" + _escape_like(f.actor.lower()) + "%"
        conds.append(sa.exists().where(t.actors.c.report_pk == t.reports.c.pk,
                                       t.reports.c.incident_pk == inc.pk,
                                       t.actors.c.match_key.like(pattern, escape="\\")))
    if f.search is not None:
        conds.append(sa.exists().where(t.reports.c.incident_pk == inc.pk,
                                       t.reports.c.document_id.in_(_search_ids(store, f.search))))
    return conds


#: the largest integer every backend compares without overflow (PostgreSQL's integer)
MAX_INT = 2**31 - 1


def _check_int(value: int, name: str) -> None:
    if not 0 <= value <= MAX_INT:
        raise QueryError(f"{name} must be between 0 and {MAX_INT:,}, not {value}")


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_ids(store: Store, text: str) -> sa.Select:
    """Ids of the documents matching ``text`` (every word must occur)."""
    words = re.findall(r"\w+", text)
    if not words:
        raise QueryError(f"--search needs at least one word, not {text!r}")
    if store.dialect == "sqlite":
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        return sa.select(sa.column("rowid")).select_from(sa.table("documents_fts")).where(
            sa.text("documents_fts MATCH :fts_query").bindparams(fts_query=match))
    return sa.select(t.documents.c.id).where(
        sa.text("documents.tsv @@ plainto_tsquery('english', :fts_query)").bindparams(
            fts_query=" ".join(words)))


def _order(sort: str) -> list[sa.ColumnElement[Any]]:
    key = sort.lstrip("-+")
    if key not in SORTS:
        raise QueryError(f"cannot sort by {sort!r}; choose from {', '.join(SORTS)} (prefix - for descending)")
    col = SORTS[key]
    primary = col.desc().nulls_last() if sort.startswith("-") else col.asc().nulls_last()
    return [primary, t.incidents.c.id.asc()]


def select_incidents(store: Store, filters: Filters | None = None, sort: str = "-date",
                     limit: int | None = None, columns: list[Any] | None = None) -> sa.Select:
    """The SELECT over ``incidents`` for ``filters``, ordered and limited."""
    q = sa.select(*(columns or [t.incidents]))
    for cond in _where(store, filters or Filters()):
        q = q.where(cond)
    q = q.order_by(*_order(sort))
    if limit is not None:
        _check_int(limit, "--limit")
        q = q.limit(limit)
    return q


def first_text(length: int | None = None) -> sa.ScalarSelect[Any]:
    """The text of an incident's first report (the first ``length`` characters), as a column."""
    text: Any = t.documents.c.text if length is None else sa.func.substr(t.documents.c.text, 1, length)
    return (sa.select(text).select_from(t.reports)
            .join(t.documents, t.documents.c.id == t.reports.c.document_id)
            .where(t.reports.c.incident_pk == t.incidents.c.pk)
            .order_by(t.reports.c.pk).limit(1).scalar_subquery())


def list_incidents(store: Store, filters: Filters | None = None, sort: str = "-date",
                   limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Summary rows of the incidents matching ``filters``: the
    :data:`LIST_COLUMNS`, ``snippet`` (the first 120 characters of its first
    report's text) and ``reports`` (:func:`reports_of`)."""
    q = select_incidents(store, filters, sort, limit,
                         [t.incidents.c.pk, *(t.incidents.c[c] for c in LIST_COLUMNS)])
    if offset:
        q = q.offset(offset)
    with store.read() as conn:
        rows = [dict(row._mapping) for row in conn.execute(q)]
        pks = [r["pk"] for r in rows]
        snippets = first_texts(conn, pks, 120)
        reports = reports_of(conn, pks)
    for row in rows:
        row["snippet"] = snippets.get(row["pk"])
        row["reports"] = reports.get(row.pop("pk"), [])
    return rows


def first_texts(conn: sa.Connection, incident_pks: list[int], length: int) -> dict[int, str]:
    """Incident pk -> the first ``length`` characters of its first report's text, in one
    grouped query per 500 incidents. (A :func:`first_text` column per row lets PostgreSQL,
    whose statistics lag behind an ingest, walk the whole reports index for each row: 33 ms
    for a page of 50 among 640 incidents, growing with the store.)"""
    r, d = t.reports.c, t.documents.c
    out: dict[int, str] = {}
    for chunk in range(0, len(incident_pks), 500):
        first = (sa.select(r.incident_pk, sa.func.min(r.pk).label("pk"))
                 .where(r.incident_pk.in_(incident_pks[chunk:chunk + 500])).group_by(r.incident_pk).subquery())
        q = (sa.select(first.c.incident_pk, sa.func.substr(d.text, 1, length))
             .join(t.reports, r.pk == first.c.pk).join(t.documents, d.id == r.document_id))
        out.update((pk, text) for pk, text in conn.execute(q))
    return out


def reports_of(conn: sa.Connection, incident_pks: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Incident pk -> its reports as ``{id, source, title, language}``, in the order stored."""
    out: dict[int, list[dict[str, Any]]] = {pk: [] for pk in incident_pks}
    r = t.reports.c
    for chunk in range(0, len(incident_pks), 500):
        pks = incident_pks[chunk:chunk + 500]
        q = (sa.select(r.incident_pk, r.id, t.sources.c.path, r.title, r.language)
             .join(t.sources, t.sources.c.id == r.source_id)
             .where(r.incident_pk.in_(pks)).order_by(r.pk))
        for row in conn.execute(q):
            out[row.incident_pk].append({"id": row.id, "source": row.path, "title": row.title,
                                         "language": row.language})
    return out


def count_incidents(store: Store, filters: Filters | None = None) -> int:
    """How many incidents match ``filters``."""
    inner = select_incidents(store, filters, columns=[t.incidents.c.pk]).order_by(None).subquery()
    with store.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(inner)).scalar_one()


def count_reports(store: Store) -> int:
    """How many reports the store holds."""
    with store.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(t.reports)).scalar_one()


def iter_records(store: Store, filters: Filters | None = None, sort: str = "-date",
                 limit: int | None = None, with_text: bool = False,
                 batch_size: int = 500) -> Iterator[dict[str, Any]]:
    """The incident records matching ``filters`` (their JSON), streamed; with
    ``with_text`` each record gets its first report's text under ``"_text"``."""
    cols: list[Any] = [t.incidents.c.record]
    if with_text:
        cols.append(first_text().label("text"))
    q = select_incidents(store, filters, sort, limit, cols)
    with store.read() as conn:
        result = conn.execution_options(yield_per=batch_size).execute(q)
        for row in result:
            record = dict(row.record)
            if with_text:
                record["_text"] = row.text
            yield record


def iter_report_records(store: Store, filters: Filters | None = None, sort: str = "-date",
                        limit: int | None = None, with_text: bool = False,
                        batch_size: int = 500) -> Iterator[dict[str, Any]]:
    """The records of the reports of the incidents matching ``filters``, each
    with ``incident_id`` first, incident by incident in ``sort`` order and the
    reports of one incident in the order stored; ``limit`` counts reports. With
    ``with_text`` each record has its report's text under ``"_text"``."""
    cols: list[Any] = [t.incidents.c.id.label("incident_id"), t.reports.c.record]
    if with_text:
        cols.append(t.documents.c.text)
    q = select_incidents(store, filters, sort, None, cols).join_from(
        t.incidents, t.reports, t.reports.c.incident_pk == t.incidents.c.pk)
    if with_text:
        q = q.join_from(t.reports, t.documents, t.documents.c.id == t.reports.c.document_id)
    q = q.order_by(t.reports.c.pk)  # appended after the incident order
    if limit is not None:
        _check_int(limit, "--limit")
        q = q.limit(limit)
    with store.read() as conn:
        for row in conn.execution_options(yield_per=batch_size).execute(q):
            record = {"incident_id": row.incident_id, **dict(row.record)}
            if with_text:
                record["_text"] = row.text
            yield record


def show(store: Store, incident_id: str) -> dict[str, Any] | None:
    """The incident ``incident_id`` (or the incident of the report with that id):
    its combined record, its claims (each naming its report), its reports with
    their dates, figures and link evidence, and its first report's source;
    ``None`` when there is no such incident or report."""
    from .linking import resolve_incident

    r, src, docs = t.reports, t.sources, t.documents
    with store.read() as conn:
        found = resolve_incident(conn, incident_id)
        if found is None:
            return None
        inc = conn.execute(sa.select(t.incidents).where(t.incidents.c.pk == found.pk)).one()
        q = (sa.select(r.c.pk, r.c.id, r.c.record, r.c.revision, r.c.updated_at, r.c.link, r.c.language,
                       r.c.title, src.c.identity, src.c.path, src.c.format, src.c.first_seen,
                       docs.c.revision_id, docs.c.content_hash)
             .join(src, src.c.id == r.c.source_id).join(docs, docs.c.id == r.c.document_id)
             .where(r.c.incident_pk == inc.pk).order_by(r.c.pk))
        rows = conn.execute(q).all()
    first = rows[0]
    record = inc.record
    return {
        "record": record,
        "revision": first.revision if len(rows) == 1 else inc.revision,
        "updated_at": inc.updated_at,
        "incident": {"id": inc.id, "report_count": inc.report_count, "revision": inc.revision,
                     "updated_at": inc.updated_at},
        "source": {"identity": first.identity, "path": first.path, "format": first.format,
                   "first_seen": first.first_seen, "revision_id": first.revision_id,
                   "content_hash": first.content_hash},
        "reports": [_report_summary(row) for row in rows],
        "claims": [_claim(c) for c in record.get("claims") or []],
    }


def _report_summary(row: Any) -> dict[str, Any]:
    rec = row.record
    cas = rec.get("casualties") or {}
    return {"id": row.id, "title": row.title, "source": row.path, "format": row.format,
            "language": row.language, "revision": row.revision, "updated_at": row.updated_at,
            "published": (rec.get("source") or {}).get("date"), "date": rec.get("date") or {},
            "place": (rec.get("location") or {}).get("name"),
            "place_precision": (rec.get("location") or {}).get("precision"), "killed": cas.get("killed"),
            "injured": cas.get("injured"), "link": row.link or {"rule": "new"}}


def _claim(c: dict[str, Any]) -> dict[str, Any]:
    return {"categories": list(c.get("categories") or []), "low": c.get("low"), "high": c.get("high"),
            "qualifier": c.get("qualifier"), "group": c.get("group"), "side": c.get("side"),
            "source": c.get("source"), "section": c.get("section"), "origin": c.get("origin"),
            "other_event": bool(c.get("other_event")), "figure": c.get("figure"), "text": c.get("text") or "",
            "start": c.get("start"), "end": c.get("end"), "report": c.get("report")}


def history(store: Store, record_id: str) -> list[dict[str, Any]] | None:
    """Every version of report ``record_id``'s record (for an incident id: of
    its first report), oldest first, the current one last (``current: True``);
    ``None`` when there is no such report or incident."""
    r, hist, docs = t.reports, t.record_history, t.documents
    with store.read() as conn:
        cur = conn.execute(sa.select(r).where(r.c.id == record_id)).first()
        if cur is None:
            inc = conn.execute(sa.select(t.incidents.c.pk).where(t.incidents.c.id == record_id)).first()
            if inc is not None:
                cur = conn.execute(sa.select(r).where(r.c.incident_pk == inc.pk).order_by(r.c.pk)).first()
        if cur is None:
            return None
        q = (sa.select(hist.c.revision, hist.c.record, hist.c.recorded_at, hist.c.replaced_at,
                       docs.c.revision_id, docs.c.content_hash)
             .join(docs, docs.c.id == hist.c.document_id)
             .where(hist.c.report_pk == cur.pk).order_by(hist.c.revision))
        rows = [dict(row._mapping, current=False) for row in conn.execute(q)]
        doc = conn.execute(sa.select(docs.c.revision_id, docs.c.content_hash)
                           .where(docs.c.id == cur.document_id)).one()
    rows.append({"revision": cur.revision, "record": cur.record, "recorded_at": cur.updated_at,
                 "replaced_at": None, "revision_id": doc.revision_id,
                 "content_hash": doc.content_hash, "current": True})
    return rows


def link_history(store: Store, *idents: str) -> list[dict[str, Any]]:
    """The link events (link, unlink, merge, rename, relink) that name any of
    ``idents`` as a report, an incident or the incident left or merged away,
    each once, oldest first."""
    names = sorted(set(idents))
    log = t.link_log.c
    events: dict[int, dict[str, Any]] = {}
    with store.read() as conn:
        for chunk in range(0, len(names), 300):
            part = names[chunk:chunk + 300]
            q = (sa.select(log.id, log.at, log.action, log.report_id, log.incident_id, log.other_id, log.detail)
                 .where(sa.or_(log.report_id.in_(part), log.incident_id.in_(part), log.other_id.in_(part))))
            for row in conn.execute(q):
                events[row.id] = {"at": row.at, "action": row.action, "report_id": row.report_id,
                                  "incident_id": row.incident_id, "other_id": row.other_id,
                                  "detail": row.detail if isinstance(row.detail, dict) else None}
    return [events[k] for k in sorted(events)]


def report_texts(store: Store, report_ids: Iterable[str]) -> dict[str, str]:
    """Report id -> the text of its current document (each claim's offsets
    point into its own report's text)."""
    ids = sorted(set(report_ids))
    out: dict[str, str] = {}
    with store.read() as conn:
        for chunk in range(0, len(ids), 500):
            q = (sa.select(t.reports.c.id, t.documents.c.text)
                 .join(t.documents, t.documents.c.id == t.reports.c.document_id)
                 .where(t.reports.c.id.in_(ids[chunk:chunk + 500])))
            out.update((row.id, row.text or "") for row in conn.execute(q))
    return out
