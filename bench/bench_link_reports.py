"""Linking quality on reports with a known grouping (issue 17).

    .venv/bin/python bench/bench_link_reports.py [--path examples/linked_reports.csv] [--show]

Ingests a CSV of reports (``id``, ``date`` = publication date, ``event`` = the
true event, ``event_date`` = its day, ``text``) with the real extractor into a
new SQLite store, with linking on, and prints the share of reports whose event
date is within one day of ``event_date`` (by language), the B-cubed precision,
recall and F1 of the store's incidents against the ``event`` column, the share of events whose reports all
landed in one incident and of incidents that hold one event only, and the time
per report with linking on and off (after a warm-up run that loads the models). ``--show`` prints each incident with its
reports, its killed interval and the evidence of each link.

The bundled set (``examples/linked_reports.csv``) was written by us while
building the linker: it is tuning material, not a held-out measure.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent

from tally.link import bcubed  # noqa: E402
from tally.store import Store, ingest  # noqa: E402
from tally.store import schema as t  # noqa: E402

OPTIONS = {"text_column": "text", "id_column": "id", "date_column": "date"}


def run(path: Path, db: Path, link: bool) -> tuple[float, dict[str, str]]:
    """Seconds per report, and report id -> incident id (the reports' records are
    left in ``RECORDS``)."""
    with Store(f"sqlite:///{db}", link=link) as store:
        t0 = time.perf_counter()
        result = ingest(store, [path], options=OPTIONS)
        seconds = time.perf_counter() - t0
        if result.failed:
            sys.exit("\n".join(result.failed))
        with store.read() as conn:
            got = dict(conn.execute(sa.select(t.reports.c.id, t.incidents.c.id)
                                    .join(t.incidents, t.incidents.c.pk == t.reports.c.incident_pk)).all())
            RECORDS.update(conn.execute(sa.select(t.reports.c.id, t.reports.c.record)).all())
    return seconds / max(1, result.documents), got


RECORDS: dict[str, dict] = {}


def day_right(record: dict, truth: str) -> bool:
    """The record's event date is a day (or a span of at most three days) within
    one day of ``truth``; a week ("last week") is not the day."""
    d = record.get("date") or {}
    start, end = d.get("start"), d.get("end") or d.get("start")
    if not start or len(start) < 10:
        return False
    t0 = date.fromisoformat(truth)
    lo, hi = date.fromisoformat(start[:10]), date.fromisoformat((end or start)[:10])
    return lo - timedelta(days=1) <= t0 <= hi + timedelta(days=1) and (hi - lo).days <= 2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", type=Path, default=ROOT / "examples" / "linked_reports.csv")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    with open(args.path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    truth = {row["id"]: row["event"] for row in rows}
    days = {row["id"]: row.get("event_date") for row in rows}
    with tempfile.TemporaryDirectory() as tmp:
        run(args.path, Path(tmp) / "warm.db", link=False)  # loads the models: not timed
        off, _ = run(args.path, Path(tmp) / "off.db", link=False)
        on, got = run(args.path, Path(tmp) / "on.db", link=True)
        scores = bcubed(got, truth)
        events: dict[str, set[str]] = defaultdict(set)
        incidents: dict[str, set[str]] = defaultdict(set)
        for rid, inc in got.items():
            events[truth[rid]].add(inc)
            incidents[inc].add(truth[rid])
        whole = sum(1 for e in events.values() if len(e) == 1) / len(events)
        pure = sum(1 for e in incidents.values() if len(e) == 1) / len(incidents)
        print(f"{len(truth)} reports of {len(events)} events -> {len(incidents)} incidents")
        print(f"B-cubed precision {scores['precision']:.3f}  recall {scores['recall']:.3f}  F1 {scores['f1']:.3f}")
        print(f"events whole in one incident {whole:.3f}; incidents holding one event {pure:.3f}")
        by_lang: dict[str, list[bool]] = defaultdict(list)
        for rid, day in days.items():
            if day:
                rec = RECORDS[rid]
                by_lang[rec.get("language") or "?"].append(day_right(rec, day))
        if by_lang:
            every = [ok for oks in by_lang.values() for ok in oks]
            print(f"event day within one day: {sum(every) / len(every):.3f} ("
                  + ", ".join(f"{lang} {sum(v)}/{len(v)}" for lang, v in sorted(by_lang.items())) + ")")
        print(f"ingest with the real extractor: {1e3 * off:.0f} ms/report linking off, "
              f"{1e3 * on:.0f} ms/report linking on")
        if args.show:
            with Store(f"sqlite:///{Path(tmp) / 'on.db'}") as store, store.read() as conn:
                rows = conn.execute(sa.select(t.incidents.c.id, t.incidents.c.killed_low, t.incidents.c.killed_best,
                                              t.incidents.c.killed_high, t.incidents.c.record)
                                    .order_by(t.incidents.c.pk)).all()
                links = dict(conn.execute(sa.select(t.reports.c.id, t.reports.c.link)).all())
            for inc, low, best, high, record in rows:
                rule = ((record.get("casualties") or {}).get("killed") or {}).get("rule")
                print(f"\n{inc}: killed {low} / {best} / {high} ({rule})")
                for r in record.get("reports") or []:
                    link = links.get(r["id"]) or {}
                    why = f"{link.get('rule')} {link.get('score', '')} {'; '.join(link.get('reasons') or [])}"
                    print(f"  {r['id']:<14} event={truth.get(r['id'])}  {why}")


if __name__ == "__main__":
    main()
