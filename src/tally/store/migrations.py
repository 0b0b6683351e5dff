"""Named schema migrations, applied in order and recorded in ``schema_version``.

Each migration is a function ``(connection) -> None`` registered with
:func:`migration` under a stable name; :func:`migrate` applies those not yet
recorded, each in its own transaction together with its ``schema_version``
row, so a database is never left half-migrated. Never edit a migration that
has shipped: add a new one (``docs/store.md`` lists them).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

import sqlalchemy as sa

from . import schema

Migration = Callable[[sa.Connection], None]

#: (name, function) in the order they must run; the version is the position + 1.
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    """Register the decorated function as the next migration, called ``name``."""

    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((name, fn))
        return fn

    return register


@migration("create_tables")
def create_tables(conn: sa.Connection) -> None:
    """Sources, documents, incidents, claims, actors, record history and their indexes."""
    schema.metadata.create_all(conn, tables=list(schema.CORE_TABLES))


@migration("full_text_search")
def full_text_search(conn: sa.Connection) -> None:
    """Full-text search over the current documents' title and text.

    SQLite: an FTS5 table ``documents_fts`` over ``documents`` (external
    content, so the text is not stored twice), kept in step by the store.
    PostgreSQL: a generated ``tsvector`` column ``documents.tsv`` (title weighted
    A, text B) with a GIN index.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "title, text, content='documents', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
        )
    else:
        conn.exec_driver_sql(
            "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', coalesce(text, '')), 'B')) STORED"
        )
        conn.exec_driver_sql("CREATE INDEX ix_documents_tsv ON documents USING GIN (tsv)")


@migration("incidents_location_index")
def incidents_location_index(conn: sa.Connection) -> None:
    """An index on ``incidents (lat, lon)`` for map and bounding-box queries."""
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_incidents_lat_lon ON incidents (lat, lon)")


@migration("incidents_of_reports")
def incidents_of_reports(conn: sa.Connection) -> None:
    """Reports and incidents (issue 17): the table that held one record per
    source becomes ``reports``; a new ``incidents`` table holds the incidents
    that reports are linked into, with ``link_overrides`` and ``link_log``.

    Every stored record becomes a one-report incident with the record's id, as
    before the change; ``tally relink`` then links them. Claims, actors and the
    history now name their report (``report_pk``). A database created at this
    version or later already has the new tables (migration 1 creates the
    current shape), and this migration leaves it as it is.
    """
    inspector = sa.inspect(conn)
    if inspector.has_table("reports"):
        return
    old_indexes = [ix["name"] for ix in inspector.get_indexes("incidents") if ix["name"].startswith("ix_")]
    if conn.dialect.name == "sqlite":
        for name in old_indexes:
            conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')
        conn.exec_driver_sql("ALTER TABLE incidents RENAME TO reports")
        for child in ("claims", "actors", "record_history"):
            for ix in sa.inspect(conn).get_indexes(child):
                if "incident_pk" in ix["column_names"]:
                    conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{ix["name"]}"')
            conn.exec_driver_sql(f"ALTER TABLE {child} RENAME COLUMN incident_pk TO report_pk")
    else:
        conn.exec_driver_sql("ALTER TABLE incidents RENAME TO reports")
        for name in old_indexes:
            conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')
        names = conn.exec_driver_sql(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'reports'::regclass").scalars().all()
        for name in names:
            if name.startswith("incidents_"):
                conn.exec_driver_sql(
                    f'ALTER TABLE reports RENAME CONSTRAINT "{name}" TO "reports_{name[len("incidents_"):]}"')
        conn.exec_driver_sql("ALTER SEQUENCE IF EXISTS incidents_pk_seq RENAME TO reports_pk_seq")
        for child in ("claims", "actors", "record_history"):
            conn.exec_driver_sql(f"ALTER TABLE {child} RENAME COLUMN incident_pk TO report_pk")
            for ix in sa.inspect(conn).get_indexes(child):
                if "report_pk" in ix["column_names"] and ix["name"].startswith("ix_"):
                    conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{ix["name"]}"')
        conn.exec_driver_sql("ALTER TABLE record_history RENAME CONSTRAINT "
                             "uq_history_incident_revision TO uq_history_report_revision")
    schema.incidents.create(conn)
    for column in ("incident_pk", "language", "link_facts", "link"):
        kind = schema.reports.c[column].type.compile(dialect=conn.dialect)
        ref = " REFERENCES incidents (pk)" if column == "incident_pk" else ""
        conn.exec_driver_sql(f"ALTER TABLE reports ADD COLUMN {column} {kind}{ref}")
    for table in (schema.reports, schema.claims, schema.actors):
        for index in table.indexes:
            index.create(conn, checkfirst=True)
    schema.link_overrides.create(conn)
    schema.link_log.create(conn)
    from .linking import adopt_reports

    adopt_reports(conn)


def applied(conn: sa.Connection) -> dict[int, str]:
    """Version -> name of the migrations already applied (empty for a new database)."""
    if not sa.inspect(conn).has_table("schema_version"):
        return {}
    rows = conn.execute(sa.select(schema.schema_version.c.version, schema.schema_version.c.name))
    return {version: name for version, name in rows}


def migrate(engine: sa.Engine) -> list[str]:
    """Apply every pending migration; returns the names applied."""
    with engine.connect() as conn:
        conn = conn.execution_options(tally_write=True)
        with conn.begin():
            _lock(conn)
            schema.metadata.create_all(conn, tables=[schema.schema_version])
    done: list[str] = []
    for version, (name, fn) in enumerate(MIGRATIONS, start=1):
        with engine.connect() as conn:
            conn = conn.execution_options(tally_write=True)
            with conn.begin():
                _lock(conn)
                if version in applied(conn):
                    continue
                fn(conn)
                conn.execute(schema.schema_version.insert().values(
                    version=version, name=name,
                    applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
        done.append(name)
    return done


def _lock(conn: sa.Connection) -> None:
    """Serialise concurrent migrations (SQLite already does, with BEGIN IMMEDIATE)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})


_MIGRATION_LOCK = 0x7A11  # an arbitrary constant shared by every tally process


def current_version(conn: sa.Connection) -> int:
    """The highest migration version applied (0 for a new database)."""
    return max(applied(conn), default=0)
