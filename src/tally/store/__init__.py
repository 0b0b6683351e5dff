"""The incident store: ingest records into SQLite or PostgreSQL, query and export them.

Library first; the ``tally ingest|list|show|history|timeline|export`` commands are thin
wrappers over these functions::

    from tally.store import Store, ingest, list_incidents, Filters

    with Store("sqlite:///tally.db") as store:
        result = ingest(store, ["reports.csv"], options={"text_column": "text"})
        rows = list_incidents(store, Filters(country="MLI", min_killed=10), limit=20)

See ``docs/store.md`` (schema, migrations) and ``docs/export.md`` (exports).
"""

from .db import DEFAULT_URL, Store, StoreError
from .export import FORMATS as EXPORT_FORMATS, ExportError, export
from .ingest import IngestResult, ingest, ingest_documents, source_identity
from .linking import LinkError
from .overrides import link, merge, relink, unlink
from .timeline import incident_timeline, version_time
from .query import (Filters, QueryError, count_incidents, count_reports, history, iter_records,
                    iter_report_records, link_history, list_incidents, report_texts, show)

__all__ = [
    "DEFAULT_URL", "Store", "StoreError", "IngestResult", "ingest", "ingest_documents",
    "source_identity", "Filters", "QueryError", "count_incidents", "history", "iter_records",
    "list_incidents", "show", "EXPORT_FORMATS", "ExportError", "export", "LinkError", "link",
    "merge", "relink", "unlink", "count_reports", "iter_report_records", "link_history", "report_texts",
    "incident_timeline", "version_time",
]
