"""Ingest speed of the store with linking on and off, as the store grows (issue 17).

    .venv/bin/python bench/bench_store_link.py [--sizes 10000,50000,100000] [--db URL]

Stores synthetic report records (no extraction: the records of
``bench_link.py``, events in 40 countries reported 1 to 4 times, about ten
reports a day) one transaction per report through :meth:`Store.save`, first
with linking off (each report its own incident), then with linking on, each
into a new database (SQLite in a temporary folder unless ``--db`` gives a
PostgreSQL server URL without a database name... or any URL: it is emptied).
Prints, at each size, the reports per second so far and the time per report
over the last 10% stored before that size (flat means the candidate search is
bounded by the date-and-country window, not by the store's size), the ratio
of linking on to off, and the B-cubed F1 of the stored incidents against the
synthetic events.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_link import synthetic_records  # noqa: E402

from tally.link import bcubed  # noqa: E402
from tally.model import Document  # noqa: E402
from tally.store import Store  # noqa: E402
from tally.store import schema as t  # noqa: E402


def _full(rid: str, rec: dict) -> dict:
    """A report record of the stored shape around the linking facts."""
    killed = rec["casualties"]["killed"]
    text = f"{killed['best']} people were killed."
    return {"schema_version": "1.0", "id": rid, "title": None, "language": "en",
            "source": {"path": f"{rid}.txt", "format": "plaintext"}, "date": rec["date"],
            "location": rec["location"], "places": [rec["location"]], "part_of": None, "result": None,
            "sides": [], "perpetrators": [], "targets": [],
            "claims": [{"categories": ["killed"], "low": killed["best"], "high": killed["best"], "text": text,
                        "start": 0, "end": len(text), "qualifier": None, "group": "people", "side": None,
                        "source": None, "section": None, "origin": "body", "other_event": False,
                        "figure": str(killed["best"])}],
            "casualties": {"killed": {**killed, "rule": "single", "claims": [0]}},
            "casualties_by_side": {}, "casualties_by_group": {}, "conflicts": [], "reactions": [],
            "related": []}


def run(url: str, records: list[tuple[str, dict]], sizes: list[int], link: bool) -> dict[int, tuple[float, float]]:
    """Size -> (reports/s so far, ms per report over the last 10% before it)."""
    out: dict[int, tuple[float, float]] = {}
    with Store(url, link=link) as store:
        t0 = time.perf_counter()
        marks: dict[int, float] = {}
        wanted = {int(s * 0.9): s for s in sizes}
        for i, (rid, rec) in enumerate(records, 1):
            doc = Document(text=f"report {rid}", source=f"{rid}.txt", format="plaintext", id=rid)
            store.save(rid, doc, _full(rid, rec), digest=rid)
            if i in wanted:
                marks[wanted[i]] = time.perf_counter()
            if i in sizes:
                now = time.perf_counter()
                out[i] = (i / (now - t0), 1e3 * (now - marks[i]) / (i - int(i * 0.9)))
                print(f"  linking {'on ' if link else 'off'} {i:>7,} reports: {out[i][0]:,.0f} reports/s, "
                      f"last 10%: {out[i][1]:.2f} ms/report", flush=True)
    return out


def grouping(url: str) -> dict[str, str]:
    with Store(url) as store, store.read() as conn:
        return dict(conn.execute(sa.select(t.reports.c.id, t.incidents.c.id)
                                 .join(t.incidents, t.incidents.c.pk == t.reports.c.incident_pk)).all())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,100000")
    ap.add_argument("--db", help="a PostgreSQL server URL (two databases are created on it)")
    args = ap.parse_args()
    sizes = sorted(int(x) for x in args.sizes.split(","))
    records, truth = synthetic_records(sizes[-1], sizes[-1] // 10)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for link in (False, True):
            if args.db:
                engine = sa.create_engine(args.db.replace("postgresql://", "postgresql+psycopg://") + "/postgres",
                                          isolation_level="AUTOCOMMIT")
                name = f"bench_link_{'on' if link else 'off'}"
                with engine.connect() as conn:
                    conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
                    conn.exec_driver_sql(f"CREATE DATABASE {name}")
                engine.dispose()
                url = f"{args.db}/{name}"
            else:
                url = f"sqlite:///{Path(tmp) / ('on.db' if link else 'off.db')}"
            results[link] = run(url, records, sizes, link)
            if link:
                got = grouping(url)
                f1 = bcubed(got, {k: v for k, v in truth.items() if k in got})["f1"]
    print("| reports | linking off: reports/s | on: reports/s | on/off time | off: ms/report, last 10% "
          "| on: ms/report, last 10% |")
    print("|---|---|---|---|---|---|")
    for n in sizes:
        off, on = results[False][n], results[True][n]
        print(f"| {n:,} | {off[0]:,.0f} | {on[0]:,.0f} | {off[0] / on[0]:.2f} | {off[1]:.2f} | {on[1]:.2f} |")
    print(f"B-cubed F1 of the stored incidents against the synthetic events: {f1:.3f}")


if __name__ == "__main__":
    main()
