"""Reads keep working while an ingest writes (issue 9): a ``tally ingest``
subprocess stores documents one transaction at a time while this process
reads the list, detail, claims and stats endpoints through the API, on
SQLite (WAL) and PostgreSQL. Zero errors, and every incident the list shows
is whole when its detail is read."""

from __future__ import annotations

import os
import subprocess
import sys
import queue
import time
import threading
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from tally.store import Store  # noqa: E402
from tally.web import create_app  # noqa: E402

from .pg import create_database  # noqa: E402
from .store_fixtures import pg_server  # noqa: E402,F401  (fixture)
from .store_support import STOP_ON_SQL, generated_reports, holds_write_transaction, write_reports  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent
DOCS = 40


#: ``tally ingest`` as the console script runs it, stopping inside the
#: transactions of the documents ``STOP_AT`` names (store_support.STOP_ON_SQL).
INGEST = STOP_ON_SQL + """
from tally.cli import app
app(sys.argv[1:], prog_name="tally")
"""
STOPS = (10, 25)


def _lines(stream, out: queue.Queue) -> None:
    for line in stream:
        out.put(line)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_reads_while_an_ingest_writes(backend, request, tmp_path):
    """The reads go on while the ingest runs; the ingest also stops itself
    inside the transaction of its 10th and 25th documents, where the reads
    must see the documents before it and nothing of the one being written,
    and then goes on. So the reads overlap the ingest on any machine."""
    url = f"sqlite:///{tmp_path / 'busy.db'}" if backend == "sqlite" else \
        create_database(request.getfixturevalue("pg_server"))
    Store(url).close()  # the schema exists before the first read
    paths = write_reports(tmp_path / "reports", generated_reports(DOCS))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "STOP_SQL": "INSERT INTO reports",
           "STOP_AT": ",".join(map(str, STOPS))}
    errors: list[str] = []
    totals: list[int] = []
    seen_stopped: list[int] = []
    reads = 0

    def read_all(client) -> None:
        nonlocal reads
        for path in ("/api/incidents?per_page=20&sort=-updated", "/api/stats", "/healthz"):
            r = client.get(path)
            reads += 1
            if r.status_code != 200:
                errors.append(f"{path}: {r.status_code} {r.text[:200]}")
                continue
            if path.startswith("/api/incidents"):
                totals.append(r.json()["total"])
                for item in r.json()["items"][:3]:
                    for url_ in (f"/api/incidents/{item['id']}", f"/api/incidents/{item['id']}/claims"):
                        d = client.get(url_)
                        reads += 1
                        if d.status_code != 200:
                            errors.append(f"{url_}: {d.status_code} {d.text[:200]}")
                        elif url_.endswith("/claims") and len(d.json()["claims"]) != 1:
                            errors.append(f"{url_}: {len(d.json()['claims'])} claims, not 1")

    with TestClient(create_app(url)) as client:
        proc = subprocess.Popen([sys.executable, "-c", INGEST, "ingest", "--db", url, *map(str, paths)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_lines, args=(proc.stdout, lines), daemon=True).start()
        give_up = time.monotonic() + 600  # a hung child fails the test instead of hanging it
        try:
            while time.monotonic() < give_up:
                running = proc.poll() is None
                read_all(client)
                while not lines.empty():
                    line = lines.get()
                    if not line.startswith("stopped "):
                        continue
                    _, count, pid = line.split()
                    assert holds_write_transaction(url, int(pid)), "the ingest stopped outside a transaction"
                    read_all(client)
                    assert totals[-1] == int(count) - 1, (count, totals[-1])  # no half-written document
                    seen_stopped.append(int(count))
                    proc.stdin.write("go\n")
                    proc.stdin.flush()
                if not running:
                    break
            stderr = proc.communicate(timeout=120)[1]
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0, stderr[-2000:]
    assert seen_stopped == list(STOPS)
    assert not errors, errors[:5]
    assert totals == sorted(totals), "the total went down"
    assert totals[-1] == DOCS
    during = [n for n in totals if 0 < n < DOCS]
    assert {n - 1 for n in STOPS} <= set(during)
    print(f"{backend}: {reads} reads, totals seen {sorted(set(totals))}")
