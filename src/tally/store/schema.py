"""The store's tables, as SQLAlchemy Core metadata.

One set of tables serves SQLite and PostgreSQL; the parts that differ between
them (full-text search) are created by :mod:`tally.store.migrations`. See
``docs/store.md`` for what each table and column means.

- ``sources``: one row per source identity (the record id: an ``--id-column``
  value, a wiki page id, or a slug of the title plus a hash of the path).
- ``documents``: every version of every source ever ingested (text, title,
  revision, content hash). Only the current one is searched.
- ``reports``: the current record of each source (a *report*): its JSON, the
  columns the filters need, indexed, its incident and how it joined it.
- ``incidents``: the reports of one event linked together: their records
  combined, with the same indexed columns; lists, totals and exports read it.
- ``claims`` and ``actors``: the current report's claims and actors, one row
  each, for the ``--actor`` filter.
- ``record_history``: the earlier records of a report, kept when a new
  revision replaces them.
- ``link_overrides`` and ``link_log``: an analyst's constraints between
  reports (same / apart) and every link, unlink, merge, rename and relink.
- ``schema_version``: the named migrations applied so far.
- ``ingest_checkpoints``: for a dump ingest under way, the last page id whose
  record and every earlier one are stored. Not part of a migration: created by
  :mod:`tally.store.checkpoint` on the first dump ingest, and a row lives only
  while its dump is unfinished.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("applied_at", sa.Text, nullable=False),
)

sources = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("identity", sa.Text, nullable=False, unique=True),
    sa.Column("path", sa.Text),
    sa.Column("format", sa.Text),
    sa.Column("first_seen", sa.Text, nullable=False),
    sa.Column("last_seen", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("revision_id", sa.Text),
    sa.Column("content_hash", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("meta", sa.JSON),
    sa.Column("ingested_at", sa.Text, nullable=False),
    sa.UniqueConstraint("source_id", "revision", name="uq_documents_source_revision"),
    sa.Index("ix_documents_source_hash", "source_id", "content_hash"),
)

def _summary_columns() -> list[sa.Column]:
    """The columns the filters, sorts, lists and maps read (:func:`records.incident_columns`),
    the same in ``reports`` and ``incidents``."""
    return [
        sa.Column("title", sa.Text),
        sa.Column("country_iso3", sa.String(3)),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("killed_low", sa.Integer),
        sa.Column("killed_best", sa.Integer),
        sa.Column("killed_high", sa.Integer),
        sa.Column("injured_best", sa.Integer),
        sa.Column("place", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
    ]


def _summary_indexes(table: str) -> list[sa.Index]:
    """The indexes on the summary columns of ``table`` (names ``ix_<table>_...``)."""
    return [
        sa.Index(f"ix_{table}_country_date", "country_iso3", "date_start"),
        sa.Index(f"ix_{table}_date_start", "date_start"),
        sa.Index(f"ix_{table}_date_end", "date_end"),
        sa.Index(f"ix_{table}_killed_best", "killed_best"),
        sa.Index(f"ix_{table}_title", "title"),
        sa.Index(f"ix_{table}_lat_lon", "lat", "lon"),
    ]


reports = sa.Table(
    "reports", metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"),
              nullable=False, unique=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    *_summary_columns(),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
    # migration 4: the incident this report belongs to, and why
    sa.Column("incident_pk", sa.Integer, sa.ForeignKey("incidents.pk")),
    sa.Column("language", sa.String(8)),
    sa.Column("link_facts", sa.JSON),  # what linking compares: date, location, actors, killed
    sa.Column("link", sa.JSON),  # {rule, score, reasons, matched}: how it joined its incident
    *_summary_indexes("reports"),
    sa.Index("ix_reports_incident", "incident_pk"),
)

incidents = sa.Table(
    "incidents", metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("revision", sa.Integer, nullable=False),  # how many times its record was written
    sa.Column("report_count", sa.Integer, nullable=False),
    *_summary_columns(),
    sa.Column("record", sa.JSON, nullable=False),  # the reports' records combined
    sa.Column("updated_at", sa.Text, nullable=False),
    *_summary_indexes("incidents"),
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_pk", sa.Integer, sa.ForeignKey("reports.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("categories", sa.Text, nullable=False),
    sa.Column("low", sa.Integer),
    sa.Column("high", sa.Integer),
    sa.Column("qualifier", sa.Text),
    sa.Column("group_name", sa.Text),
    sa.Column("side", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("section", sa.Text),
    sa.Column("origin", sa.Text),
    sa.Column("other_event", sa.Boolean, nullable=False, default=False),
    sa.Column("figure", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer),
    sa.Column("end_char", sa.Integer),
    sa.Index("ix_claims_report", "report_pk", "position"),
)

actors = sa.Table(
    "actors", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_pk", sa.Integer, sa.ForeignKey("reports.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("role", sa.Text, nullable=False),  # "side" or "perpetrator"
    sa.Column("side", sa.Text),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("aliases", sa.JSON),
    sa.Column("match_key", sa.Text, nullable=False),  # lower-cased name and aliases, "|"-joined
    sa.Index("ix_actors_report", "report_pk"),
    sa.Index("ix_actors_match_key", "match_key"),
)

record_history = sa.Table(
    "record_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_pk", sa.Integer, sa.ForeignKey("reports.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("recorded_at", sa.Text, nullable=False),
    sa.Column("replaced_at", sa.Text, nullable=False),
    sa.UniqueConstraint("report_pk", "revision", name="uq_history_report_revision"),
)

link_overrides = sa.Table(
    "link_overrides", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(8), nullable=False),  # "same" or "apart"
    sa.Column("report_a", sa.Text, nullable=False),  # report ids, report_a < report_b
    sa.Column("report_b", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),  # the command that made it
    sa.Column("created_at", sa.Text, nullable=False),
    sa.UniqueConstraint("report_a", "report_b", name="uq_link_overrides_pair"),
)

link_log = sa.Table(
    "link_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),  # link, unlink, merge, relink
    sa.Column("report_id", sa.Text),
    sa.Column("incident_id", sa.Text),
    sa.Column("other_id", sa.Text),
    sa.Column("detail", sa.JSON),
    sa.Index("ix_link_log_report", "report_id"),
    sa.Index("ix_link_log_incident", "incident_id"),
)

#: Every table a new database gets from migration 1 (the current shape: later
#: migrations see it is already there), in creation order.
CORE_TABLES = (sources, documents, incidents, reports, claims, actors, record_history,
               link_overrides, link_log)

ingest_checkpoints = sa.Table(
    "ingest_checkpoints", metadata,
    sa.Column("source", sa.Text, primary_key=True),  # the dump's absolute path
    sa.Column("size", sa.BigInteger, nullable=False),  # the file's size and mtime when the checkpoint
    sa.Column("mtime", sa.BigInteger, nullable=False),  # was written: another file means no resume
    sa.Column("page_id", sa.BigInteger, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
)
