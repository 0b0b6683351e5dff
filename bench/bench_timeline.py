"""How long an incident's timeline takes (issue 25), as the page and the API
compute it on every request.

    .venv/bin/python bench/bench_timeline.py [--reports 50] [--versions 1000]

Two stores (SQLite, in a temporary folder), read by the real extractor:
``--reports`` reports of one attack (each one version, all linked into one
incident), and one article with ``--versions`` revisions (each dated by its
own timestamp, every tenth marked reverted). Prints, for each, the points,
the milliseconds of :func:`tally.store.incident_timeline` (best of 3) and of
:func:`tally.store.show` on the same incident, measured in the same run.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tally.readers import read
from tally.store import Store, ingest_documents, list_incidents, show
from tally.store.timeline import incident_timeline

SOURCES = ["a local official", "the health ministry", "hospital sources", "the regional governor", "witnesses"]
REPORT = ("The toll of Monday's attack on the cattle market in Kaya, Burkina Faso, has risen to {n} dead, "
          "{source} said on {day}.")
ARTICLE = ("= Kaya market attack =\n\nOn 4 March 2024 gunmen attacked the cattle market in Kaya, Burkina Faso, "
           "killing {n} people, according to {source}. {filler}\n")


def best_ms(fn, *args, **kwargs) -> float:
    times = []
    for _ in range(3):
        t = time.perf_counter()
        fn(*args, **kwargs)
        times.append(time.perf_counter() - t)
    return 1000 * min(times)


def reports_store(folder: Path, n: int) -> str:
    url = f"sqlite:///{folder / 'reports.db'}"
    path = folder / "reports.csv"
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    lines = ["id,date,text"]
    for i in range(n):
        text = REPORT.format(n=12 + i, source=SOURCES[i % len(SOURCES)], day=days[min(i * 5 // n, 4)])
        lines.append(f'r{i},2024-03-{4 + min(i * 5 // n, 4):02d},"{text}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(url) as store:
        from tally.store import ingest

        ingest(store, [path], options={"text_column": "text", "id_column": "id", "date_column": "date"})
    return url


def article_store(folder: Path, n: int) -> str:
    url = f"sqlite:///{folder / 'article.db'}"
    start = datetime(2024, 3, 4, 9, tzinfo=timezone.utc)
    docs = []
    for i in range(n):
        path = folder / "article" / str(i) / "kaya.txt"
        path.parent.mkdir(parents=True)
        path.write_text(ARTICLE.format(n=12 + i // 3, source=SOURCES[i % len(SOURCES)],
                                       filler="The market reopened. " * (i % 7)), encoding="utf-8")
        (doc,) = list(read(path))
        at = (start + timedelta(minutes=37 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        docs.append(dataclasses.replace(doc, meta={"page_id": 1, "timestamp": at, "revision_id": str(1000 + i),
                                                   **({"reverted": True} if i % 10 == 9 else {})}))
    with Store(url) as store:
        ingest_documents(store, docs)
    return url


def measure(name: str, url: str) -> None:
    with Store(url) as store:
        rows = list_incidents(store, limit=5)
        inc = max(rows, key=lambda r: r["report_count"])["id"]
        found = incident_timeline(store, inc)
        t_timeline = best_ms(incident_timeline, store, inc)
        t_show = best_ms(show, store, inc)
    print(f"{name}: incident {inc}, {rows[0]['report_count']} report(s), {len(found['points'])} points; "
          f"timeline {t_timeline:.1f} ms, show {t_show:.1f} ms (ratio {t_timeline / t_show:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=50)
    ap.add_argument("--versions", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure(f"{args.reports} reports", reports_store(folder, args.reports))
        measure(f"an article of {args.versions} revisions", article_store(folder, args.versions))


if __name__ == "__main__":
    main()
