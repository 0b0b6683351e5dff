"""The :class:`Store`: one wrapper over a SQLite or PostgreSQL database.

Open one with a URL (``sqlite:///tally.db``, ``postgresql://user@host/db``, or a
bare file path for SQLite); the schema is created or migrated on open. Writes go
through :meth:`Store.save`, one document per transaction: a record, its claims,
actors, history row and search index entry are committed together or not at all.
"""

from __future__ import annotations

import dataclasses
import json
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import sqlalchemy as sa
from sqlalchemy import event

from ..errors import TallyError
from ..model import Document
from . import schema as t
from .migrations import current_version, migrate
from .linking import place_report, report_changed
from .records import actor_rows, claim_rows, report_columns

DEFAULT_URL = "sqlite:///tally.db"


class StoreError(TallyError):
    """The database cannot be opened or used (bad URL, server down, locked...)."""


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)  # dates etc. in reader meta as text


def now() -> str:
    """The current UTC time as ISO 8601 text (how the store keeps times)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def normalise_url(url: str) -> sa.URL:
    """``url`` as a SQLAlchemy URL: a bare path means SQLite, ``postgresql://``
    and ``postgres://`` mean PostgreSQL through psycopg 3."""
    if "://" not in url:
        url = f"sqlite:///{url}"
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} ({exc})") from None
    backend = parsed.get_backend_name()
    if backend == "postgres":
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend == "postgresql" and parsed.get_driver_name() in ("psycopg2", ""):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend == "postgresql" and "+" not in parsed.drivername:
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend != "sqlite" and backend != "postgresql":
        raise StoreError(f"unsupported database {backend!r}: use sqlite:///FILE or postgresql://...")
    return parsed


def make_engine(url: str) -> sa.Engine:
    """An engine for ``url``; SQLite in WAL mode with foreign keys on."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "postgresql":
        try:
            return sa.create_engine(parsed, json_serializer=_dumps)
        except ModuleNotFoundError:
            raise StoreError("PostgreSQL needs psycopg 3: pip install 'psycopg[binary]'") from None
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        parent = Path(database).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError(f"cannot create {database}: no such directory {parent}")
    kwargs: dict[str, Any] = {"json_serializer": _dumps, "connect_args": {"timeout": 30}}
    if database in ("", ":memory:"):
        kwargs["poolclass"] = sa.pool.StaticPool
    engine = sa.create_engine(parsed, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # writers take the write lock up front, so two writers never deadlock
        immediate = conn.get_execution_options().get("tally_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Store:
    """An incident database.

    :param url: ``sqlite:///path``, ``postgresql://...`` or a SQLite file path.
    :param migrate: create or upgrade the schema on open (default).
    :param link: link each new report with the stored reports of the same event
        (default); with False each new report is an incident of its own.
    """

    def __init__(self, url: str = DEFAULT_URL, *, migrate: bool = True, link: bool = True) -> None:
        self.url = url
        #: link each new report into an incident with the reports of the same event
        #: (False: every new report starts its own incident; ``relink`` links them later)
        self.link = link
        self.engine = make_engine(url)
        self.dialect = self.engine.dialect.name
        if migrate:
            try:
                self.migrate()
            except sa.exc.OperationalError as exc:
                self.engine.dispose()
                raise StoreError(f"cannot open {self.display_url}: {_reason(exc)}") from None

    @property
    def display_url(self) -> str:
        """The URL as given, with any password hidden."""
        if "://" not in self.url:
            return f"sqlite:///{self.url}"
        return sa.make_url(self.url).render_as_string(hide_password=True)

    def migrate(self) -> list[str]:
        """Apply pending migrations; returns their names."""
        return migrate(self.engine)

    def schema_version(self) -> int:
        with self.read() as conn:
            return current_version(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A connection in a read transaction: one snapshot of the store, so a
        write that commits between two of its statements shows in neither (a
        SQLite read transaction is one already; on PostgreSQL it is REPEATABLE
        READ, not the default READ COMMITTED, where an incident found by one
        statement can be gone, or have other reports, in the next)."""
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """A connection in a write transaction, committed when the block ends
        without an exception and rolled back otherwise."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(tally_write=True)
            with conn.begin():
                yield conn

    # ------------------------------------------------------------------ writes

    def is_known(self, identity: str, digest: str) -> bool:
        """True when the source ``identity`` has a version with this content hash."""
        q = (sa.select(t.documents.c.id)
             .join(t.sources, t.sources.c.id == t.documents.c.source_id)
             .where(t.sources.c.identity == identity, t.documents.c.content_hash == digest)
             .limit(1))
        with self.read() as conn:
            return conn.execute(q).first() is not None

    def save(self, identity: str, doc: Document, record: dict[str, Any], digest: str,
             *, force: bool = False) -> str:
        """Store ``record`` (extracted from ``doc``) as the current record of
        ``identity``, in one transaction. Returns ``"ingested"`` (a new source),
        ``"updated"`` (a new version; the earlier record goes to the history) or
        ``"unchanged"`` (this content hash was already stored; with ``force``,
        when the record itself is the same)."""
        if self.dialect == "postgresql" and ("\x00" in doc.text or "\x00" in (doc.title or "")):
            doc, record = _without_nul(doc), _without_nul(record)
        with self.write() as conn:
            if self.dialect == "postgresql":  # one writer per source at a time
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": identity})
            src = conn.execute(sa.select(t.sources).where(t.sources.c.identity == identity)).first()
            stamp = now()
            if src is None:
                source_id = _new_id(conn.execute(t.sources.insert(), dict(
                    identity=identity, path=doc.source, format=doc.format,
                    first_seen=stamp, last_seen=stamp)))
                doc_id = self._insert_document(conn, source_id, 1, doc, digest, stamp)
                pk = _new_id(conn.execute(t.reports.insert(), dict(
                    source_id=source_id, document_id=doc_id, revision=1, record=record,
                    updated_at=stamp, **report_columns(record))))
                self._insert_children(conn, pk, record)
                place_report(conn, pk, record["id"], record, enabled=self.link)
                return "ingested"
            cur = conn.execute(sa.select(t.reports).where(t.reports.c.source_id == src.id)).first()
            known = conn.execute(sa.select(t.documents.c.id).where(
                t.documents.c.source_id == src.id, t.documents.c.content_hash == digest).limit(1)).first()
            if known and (not force or cur is None or _same(cur.record, record)):
                return "unchanged"
            revision = conn.execute(sa.select(sa.func.max(t.documents.c.revision)).where(
                t.documents.c.source_id == src.id)).scalar_one() + 1
            doc_id = self._insert_document(conn, src.id, revision, doc, digest, stamp)
            conn.execute(t.sources.update().where(t.sources.c.id == sa.bindparam("_id")),
                         dict(_id=src.id, path=doc.source, format=doc.format, last_seen=stamp))
            values = dict(document_id=doc_id, revision=revision, record=record, updated_at=stamp,
                          **report_columns(record))
            if cur is None:
                pk = _new_id(conn.execute(t.reports.insert(), dict(source_id=src.id, **values)))
            else:
                pk = cur.pk
                conn.execute(t.record_history.insert(), dict(
                    report_pk=pk, revision=cur.revision, document_id=cur.document_id,
                    record=cur.record, recorded_at=cur.updated_at, replaced_at=stamp))
                conn.execute(t.reports.update().where(t.reports.c.pk == sa.bindparam("_pk")),
                             dict(_pk=pk, **values))
                conn.execute(t.claims.delete().where(t.claims.c.report_pk == pk))
                conn.execute(t.actors.delete().where(t.actors.c.report_pk == pk))
                self._unindex(conn, cur.document_id)
            self._insert_children(conn, pk, record)
            report_changed(conn, pk, record["id"], record, enabled=self.link)
            return "updated"

    def _insert_document(self, conn: sa.Connection, source_id: int, revision: int, doc: Document,
                         digest: str, stamp: str) -> int:
        meta = {k: v for k, v in doc.meta.items() if v is not None}
        revision_id = meta.get("revision_id")
        doc_id = _new_id(conn.execute(t.documents.insert(), dict(
            source_id=source_id, revision=revision,
            revision_id=None if revision_id is None else str(revision_id),
            content_hash=digest, title=doc.title, text=doc.text, meta=meta or None,
            ingested_at=stamp)))
        if self.dialect == "sqlite":
            conn.execute(sa.text("INSERT INTO documents_fts (rowid, title, text) VALUES (:id, :title, :text)"),
                         {"id": doc_id, "title": doc.title or "", "text": doc.text})
        return doc_id

    def _unindex(self, conn: sa.Connection, doc_id: int) -> None:
        """Take a replaced document out of the SQLite search index (PostgreSQL
        searches only current documents by joining on ``reports``)."""
        if self.dialect != "sqlite":
            return
        old = conn.execute(sa.select(t.documents.c.title, t.documents.c.text)
                           .where(t.documents.c.id == doc_id)).one()
        conn.execute(sa.text("INSERT INTO documents_fts (documents_fts, rowid, title, text) "
                             "VALUES ('delete', :id, :title, :text)"),
                     {"id": doc_id, "title": old.title or "", "text": old.text})

    @staticmethod
    def _insert_children(conn: sa.Connection, pk: int, record: dict[str, Any]) -> None:
        claims = claim_rows(record)
        if claims:
            conn.execute(t.claims.insert(), [{"report_pk": pk, **c} for c in claims])
        actors = actor_rows(record)
        if actors:
            conn.execute(t.actors.insert(), [{"report_pk": pk, **a} for a in actors])


def _without_nul(obj: Any) -> Any:
    """``obj`` with NUL characters replaced by U+FFFD (PostgreSQL text cannot
    hold NUL; one character for one keeps every offset valid)."""
    if isinstance(obj, str):
        return obj.replace("\x00", "\ufffd")
    if isinstance(obj, dict):
        return {k: _without_nul(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_without_nul(v) for v in obj]
    if isinstance(obj, Document):
        return dataclasses.replace(obj, text=_without_nul(obj.text), title=_without_nul(obj.title),
                                   meta=_without_nul(obj.meta))
    return obj


def _new_id(result: sa.CursorResult[Any]) -> int:
    """The primary key of the row an INSERT added."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _reason(exc: sa.exc.DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
