"""The store's tables as they were at schema version 3 (before reports and
incidents were told apart), frozen here so the migration tests can build a
database the way an older tally left it, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

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

incidents = sa.Table(
    "incidents", metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"),
              nullable=False, unique=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
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
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
    sa.Index("ix_incidents_country_date", "country_iso3", "date_start"),
    sa.Index("ix_incidents_date_start", "date_start"),
    sa.Index("ix_incidents_date_end", "date_end"),
    sa.Index("ix_incidents_killed_best", "killed_best"),
    sa.Index("ix_incidents_title", "title"),
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("incident_pk", sa.Integer, sa.ForeignKey("incidents.pk", ondelete="CASCADE"), nullable=False),
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
    sa.Index("ix_claims_incident", "incident_pk", "position"),
)

actors = sa.Table(
    "actors", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("incident_pk", sa.Integer, sa.ForeignKey("incidents.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("role", sa.Text, nullable=False),  # "side" or "perpetrator"
    sa.Column("side", sa.Text),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("aliases", sa.JSON),
    sa.Column("match_key", sa.Text, nullable=False),  # lower-cased name and aliases, "|"-joined
    sa.Index("ix_actors_incident", "incident_pk"),
    sa.Index("ix_actors_match_key", "match_key"),
)

record_history = sa.Table(
    "record_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("incident_pk", sa.Integer, sa.ForeignKey("incidents.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("recorded_at", sa.Text, nullable=False),
    sa.Column("replaced_at", sa.Text, nullable=False),
    sa.UniqueConstraint("incident_pk", "revision", name="uq_history_incident_revision"),
)

TABLES = (sources, documents, incidents, claims, actors, record_history)
