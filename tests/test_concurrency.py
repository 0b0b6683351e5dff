"""Reads keep working while an ingest writes (issue 9): a ``tally ingest``
subprocess stores documents one transaction at a time while this process
reads the list, detail, claims and stats endpoints through the API, on
SQLite (WAL) and PostgreSQL. Zero errors, and every incident the list shows
is whole when its detail is read."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from tally.store import Store  # noqa: E402
from tally.web import create_app  # noqa: E402

from .pg import create_database  # noqa: E402
from .store_fixtures import pg_server  # noqa: E402,F401  (fixture)
from .store_support import generated_reports, write_reports  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent
DOCS = 40


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_reads_while_an_ingest_writes(backend, request, tmp_path):
    url = f"sqlite:///{tmp_path / 'busy.db'}" if backend == "sqlite" else \
        create_database(request.getfixturevalue("pg_server"))
    Store(url).close()  # the schema exists before the first read
    paths = write_reports(tmp_path / "reports", generated_reports(DOCS))
    tally = str(Path(sys.executable).parent / "tally")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    errors: list[str] = []
    totals: list[int] = []
    reads = 0
    with TestClient(create_app(url)) as client:
        proc = subprocess.Popen([tally, "ingest", "--db", url, *map(str, paths)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, env=env)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            running = proc.poll() is None
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
            if not running:
                break
            time.sleep(0.01)  # leave the ingest some of the machine's cores
        stderr = proc.communicate(timeout=60)[1]
    assert proc.returncode == 0, stderr[-2000:]
    assert not errors, errors[:5]
    assert totals == sorted(totals), "the total went down"
    assert totals[-1] == DOCS
    during = [n for n in totals if 0 < n < DOCS]
    assert len(set(during)) >= 2, f"the reads did not overlap the ingest: {sorted(set(totals))}"
    assert reads > 50
    print(f"{backend}: {reads} reads, totals seen {sorted(set(totals))}")
