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
from typing import Any, Iterator

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
                "killed_low", "killed_best", "killed_high", "revision", "updated_at")

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
        conds.append(sa.exists().where(t.actors.c.incident_pk == inc.pk,
                                       t.actors.c.match_key.like(pattern, escape="\\")))
    if f.search is not None:
        conds.append(inc.document_id.in_(_search_ids(store, f.search)))
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


def list_incidents(store: Store, filters: Filters | None = None, sort: str = "-date",
                   limit: int | None = None) -> list[dict[str, Any]]:
    """Summary rows of the current records matching ``filters``: the
    :data:`LIST_COLUMNS` and ``snippet``, the first 120 characters of the text."""
    snippet = sa.func.substr(t.documents.c.text, 1, 120).label("snippet")
    q = select_incidents(store, filters, sort, limit, [*(t.incidents.c[c] for c in LIST_COLUMNS), snippet])
    q = q.join_from(t.incidents, t.documents, t.documents.c.id == t.incidents.c.document_id)
    with store.read() as conn:
        return [dict(row._mapping) for row in conn.execute(q)]


def count_incidents(store: Store, filters: Filters | None = None) -> int:
    """How many current records match ``filters``."""
    inner = select_incidents(store, filters, columns=[t.incidents.c.pk]).order_by(None).subquery()
    with store.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(inner)).scalar_one()


def iter_records(store: Store, filters: Filters | None = None, sort: str = "-date",
                 limit: int | None = None, with_text: bool = False,
                 batch_size: int = 500) -> Iterator[dict[str, Any]]:
    """The current records matching ``filters`` (their JSON), streamed; with
    ``with_text`` each record gets its document text under ``"_text"``."""
    cols: list[Any] = [t.incidents.c.record]
    if with_text:
        cols.append(t.documents.c.text)
    q = select_incidents(store, filters, sort, limit, cols)
    if with_text:
        q = q.join_from(t.incidents, t.documents, t.documents.c.id == t.incidents.c.document_id)
    with store.read() as conn:
        result = conn.execution_options(yield_per=batch_size).execute(q)
        for row in result:
            record = dict(row.record)
            if with_text:
                record["_text"] = row.text
            yield record


def show(store: Store, incident_id: str) -> dict[str, Any] | None:
    """The current record of ``incident_id`` with its stored claims and its
    source; ``None`` when there is no such record."""
    inc, src, docs = t.incidents, t.sources, t.documents
    q = (sa.select(inc.c.pk, inc.c.record, inc.c.revision, inc.c.updated_at, src.c.identity,
                   src.c.path, src.c.format, src.c.first_seen, docs.c.revision_id, docs.c.content_hash)
         .join(src, src.c.id == inc.c.source_id).join(docs, docs.c.id == inc.c.document_id)
         .where(inc.c.id == incident_id))
    with store.read() as conn:
        row = conn.execute(q).first()
        if row is None:
            return None
        claims = conn.execute(sa.select(t.claims).where(t.claims.c.incident_pk == row.pk)
                              .order_by(t.claims.c.position)).mappings().all()
    return {
        "record": row.record,
        "revision": row.revision,
        "updated_at": row.updated_at,
        "source": {"identity": row.identity, "path": row.path, "format": row.format,
                   "first_seen": row.first_seen, "revision_id": row.revision_id,
                   "content_hash": row.content_hash},
        "claims": [_claim(c) for c in claims],
    }


def _claim(c: Any) -> dict[str, Any]:
    return {"categories": c["categories"].split(",") if c["categories"] else [],
            "low": c["low"], "high": c["high"], "qualifier": c["qualifier"], "group": c["group_name"],
            "side": c["side"], "source": c["source"], "section": c["section"], "origin": c["origin"],
            "other_event": bool(c["other_event"]), "figure": c["figure"], "text": c["text"],
            "start": c["start_char"], "end": c["end_char"]}


def history(store: Store, incident_id: str) -> list[dict[str, Any]] | None:
    """Every version of ``incident_id``'s record, oldest first, the current one
    last (``current: True``); ``None`` when there is no such record."""
    inc, hist, docs = t.incidents, t.record_history, t.documents
    with store.read() as conn:
        cur = conn.execute(sa.select(inc).where(inc.c.id == incident_id)).first()
        if cur is None:
            return None
        q = (sa.select(hist.c.revision, hist.c.record, hist.c.recorded_at, hist.c.replaced_at,
                       docs.c.revision_id, docs.c.content_hash)
             .join(docs, docs.c.id == hist.c.document_id)
             .where(hist.c.incident_pk == cur.pk).order_by(hist.c.revision))
        rows = [dict(r._mapping, current=False) for r in conn.execute(q)]
        doc = conn.execute(sa.select(docs.c.revision_id, docs.c.content_hash)
                           .where(docs.c.id == cur.document_id)).one()
    rows.append({"revision": cur.revision, "record": cur.record, "recorded_at": cur.updated_at,
                 "replaced_at": None, "revision_id": doc.revision_id,
                 "content_hash": doc.content_hash, "current": True})
    return rows
