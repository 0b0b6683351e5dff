"""Store benchmark: ingest speed (docs/s) into SQLite and PostgreSQL, and
database size per 1,000 incidents.

Documents are the WAD descriptions (``../shared/data/wad/wad-dev.csv``, column
``description``, id ``wad_row``). Two pipelines are measured:

- ``store``: a trivial extractor (the record of an empty extraction), so the
  figure is the cost of reading, hashing and writing, one transaction per
  document. The rows are ingested ``--copies`` times under distinct ids.
- ``full``: tally's own extractor (claims, facts, totals), once over the file.

Each run also re-ingests the same input (every document ``unchanged``).
PostgreSQL is a throw-away local cluster with default durability (fsync on),
or ``--pg URL`` (a server URL without a database: one is created).

    .venv/bin/python bench/bench_store.py [--copies 4] [--skip-full] [--pg URL]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from tally.model import Document, Incident  # noqa: E402
from tally.readers import read  # noqa: E402
from tally.store import Store, ingest, ingest_documents  # noqa: E402
from tests.pg import PgServer, create_database, find_bindir  # noqa: E402

WAD = ROOT.parent / "shared" / "data" / "wad" / "wad-dev.csv"
OPTIONS = {"text_column": "description", "id_column": "wad_row"}


def bare_extract(doc: Document) -> Incident:
    """The record of an extraction that found nothing (store cost only)."""
    return Incident(id=str(doc.id), title=doc.title, source={"path": doc.source, "format": doc.format})


def copies_of(path: Path, copies: int) -> Iterator[Document]:
    """The file's documents ``copies`` times, under ids ``wad_row-k``."""
    docs = [d for d in read(path, None, **OPTIONS) if isinstance(d, Document)]
    for k in range(copies):
        for d in docs:
            yield dataclasses.replace(d, id=f"{d.id}-{k}", meta=dict(d.meta))


def db_size(store: Store, sqlite_path: Path | None) -> int:
    """Bytes the database takes (SQLite after a WAL checkpoint)."""
    with store.engine.connect() as conn:
        if sqlite_path is not None:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return sqlite_path.stat().st_size
        return conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()


def run(backend: str, url: str, sqlite_path: Path | None, pipeline: str, copies: int) -> dict:
    with Store(url) as store:
        empty = db_size(store, sqlite_path)
        t0 = time.perf_counter()
        if pipeline == "store":
            first = ingest_documents(store, copies_of(WAD, copies), extractor=bare_extract)
        else:
            first = ingest(store, [WAD], options=OPTIONS)
        seconds = time.perf_counter() - t0
        if pipeline == "store":
            second = ingest_documents(store, copies_of(WAD, copies), extractor=bare_extract)
        else:
            second = ingest(store, [WAD], options=OPTIONS)
        size = db_size(store, sqlite_path)
    n = first.reports
    return {"backend": backend, "pipeline": pipeline, "docs": first.documents, "incidents": n,
            "failed": len(first.failed), "seconds": seconds, "docs_s": first.documents / seconds,
            "rerun_docs_s": second.docs_per_second, "rerun_unchanged": second.unchanged,
            "kb_per_1000": (size - empty) / n * 1000 / 1024 if n else float("nan"),
            "empty_kb": empty / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=4, help="store pipeline: ingest the rows this many times")
    ap.add_argument("--skip-full", action="store_true", help="skip tally's own extractor")
    ap.add_argument("--pg", help="PostgreSQL server URL (default: a throw-away local cluster)")
    args = ap.parse_args()
    if not WAD.exists():
        sys.exit(f"missing {WAD}")
    pipelines = ["store"] + ([] if args.skip_full else ["full"])
    server = None
    pg_url = args.pg
    if pg_url is None and find_bindir() is not None:
        server = PgServer(find_bindir(), durable=True).start()
        pg_url = server.url
    tmp = Path(tempfile.mkdtemp(prefix="tally-bench-"))
    results = []
    try:
        for pipeline in pipelines:
            path = tmp / f"{pipeline}.db"
            results.append(run("sqlite", f"sqlite:///{path}", path, pipeline, args.copies))
            if pg_url:
                results.append(run("postgresql", create_database(pg_url.rstrip("/")), None, pipeline,
                                   args.copies))
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"tally store benchmark: {WAD.name}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    head = f"{'backend':<11} {'pipeline':<8} {'docs':>6} {'failed':>6} {'seconds':>8} {'docs/s':>8} " \
           f"{'re-run docs/s':>13} {'KB/1000 incidents':>18}"
    print(head)
    print("-" * len(head))
    for r in results:
        print(f"{r['backend']:<11} {r['pipeline']:<8} {r['docs']:>6} {r['failed']:>6} {r['seconds']:>8.2f} "
              f"{r['docs_s']:>8.1f} {r['rerun_docs_s']:>13.1f} {r['kb_per_1000']:>18.0f}")
    print("store: trivial extractor (database cost only); full: tally's extractors; "
          "re-run: the same input again (all unchanged).")


if __name__ == "__main__":
    main()
