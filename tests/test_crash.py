"""Crash safety (issues 9 and 21): ``bench/bench_crash.py`` on a small scale.

Each trial runs a ``tally`` command through ``bench/crash_child.py``, which
stops the process (or one of its workers) at a named point, inside a
transaction or between two documents, and says so on a FIFO; the trial then
crashes it there: SIGKILL, ``pg_ctl stop -m immediate``, or a full disk. No
sleep and no speed decides where a crash lands, so the number of reports
stored at the crash is known exactly: the k-th document's transaction killed
leaves k - 1. Afterwards the store passes its integrity checks and holds only
whole reports, and a re-run of the same command stores exactly what was
missing (a dump resumes after its checkpoint) and leaves a store equal to the
reference run's, grouping included. The 10-trials-per-mode version is
``.venv/bin/python bench/bench_crash.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from .conftest import bench_module
from .store_fixtures import pg_server  # noqa: F401 (fixture)

GENERATED = 4   # made-up reports besides the 16 reports of the bundled examples
PAGES = 40      # pages of the generated dump: three worker batches of 16, 16 and 8


@pytest.fixture(scope="module")
def crash():
    return bench_module("bench_crash")


@pytest.fixture(scope="module")
def bench(crash, tmp_path_factory):
    b = crash.Bench(tmp_path_factory.mktemp("crash"), seed=9, generated=GENERATED, pages=PAGES, log=lambda _: None)
    yield b
    b.close()


@pytest.fixture
def pg_bench(bench, pg_server):  # noqa: F811
    bench.pg_url = pg_server
    return bench


def _need_pg(crash) -> None:
    from .pg import find_bindir

    if find_bindir() is None:
        why = "PostgreSQL is not installed (apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)


def _one(bench, mode: str, point: str):
    [t] = bench.run(mode, 1, [point])
    assert t.ok, t.problems
    return t


def _k(point: str) -> int:
    return int(point.split(":")[1])


@pytest.mark.parametrize("point", ["save:3", "between:17"])
def test_sigkill_during_a_sqlite_ingest(bench, point):
    t = _one(bench, "sqlite-kill", point)
    assert t.total == GENERATED + 16
    assert t.exit == -signal.SIGKILL and t.stored == _k(point) - 1  # killed inside document k, or just before it
    assert t.rerun_ingested == t.total - t.stored and t.complete


@pytest.mark.parametrize("point", ["save:12", "between:5"])
def test_sigkill_during_a_postgresql_ingest(pg_bench, point):
    t = _one(pg_bench, "pg-kill", point)
    assert t.exit == -signal.SIGKILL and t.stored == _k(point) - 1
    assert t.rerun_ingested == t.total - t.stored and t.complete


@pytest.mark.parametrize("mode", ["sqlite-relink", "pg-relink"])
def test_sigkill_during_relink_leaves_the_grouping_before_it(request, bench, mode):
    if mode == "pg-relink":
        bench = request.getfixturevalue("pg_bench")
    t = _one(bench, mode, "relink:25")  # after 25 of the 40 reports were put into new incidents
    assert t.exit == -signal.SIGKILL and t.stored == 40 and t.complete


@pytest.mark.parametrize("point", ["save:7", "between:15", "checkpoint:1"])
def test_postgresql_server_stopped_mid_ingest(crash, pg_bench, point):
    """The server stops at once (its processes quit as in a crash) while the ingest
    is inside a document's transaction, between two documents, or about to record
    a dump's checkpoint: one error line naming the input, no traceback, exit 2;
    after a restart, whole reports only, and the re-run completes the set."""
    _need_pg(crash)
    t = _one(pg_bench, "pg-stop", point)  # on a server of its own; the reference run on the session's
    assert t.exit == 2 and re.match(r"tally: error: database error (while|before) ", t.error)
    if point == "checkpoint:1":  # the checkpoint of examples/incidents.xml, after its pages are stored
        assert "recording the checkpoint of" in t.error and t.checkpoint is None
        assert t.stored == GENERATED + 4 + 3  # the made-up reports, four files, the three pages
    else:
        assert t.stored == _k(point) - 1
    assert t.complete


def test_workers_parent_killed_mid_dump_resumes_after_its_checkpoint(bench):
    t = _one(bench, "workers-parent", "save:20")
    assert t.exit == -signal.SIGKILL and t.left_behind == 0  # the workers went with their parent
    assert t.stored == 19 and t.checkpoint == 16  # the first batch of 16 pages was checkpointed
    assert t.rerun_after == 16 and t.rerun_skipped == 16 and t.rerun_ingested == PAGES - 19
    assert t.complete  # equal to the single-process run


def test_a_killed_worker_ends_the_ingest_with_one_line_and_the_rerun_completes_it(bench):
    t = _one(bench, "workers-worker", "worker:38")
    assert t.exit == 2 and "a worker process died while extracting" in t.error  # was a hang for ever
    assert t.left_behind == 0 and t.complete


def test_dask_parent_killed_mid_dump(bench):
    pytest.importorskip("distributed")
    t = _one(bench, "dask-parent", "save:20")
    assert t.exit == -signal.SIGKILL and t.left_behind == 0
    assert t.stored == 19 and t.checkpoint == 16 and t.rerun_after == 16 and t.complete


def test_a_killed_dask_worker_has_its_task_run_again(bench):
    pytest.importorskip("distributed")
    t = _one(bench, "dask-worker", "worker:25")
    assert t.exit == 0 and t.stored == PAGES and t.complete


def test_disk_full_is_one_line_and_keeps_what_was_stored(bench):
    """A SQLite store on a file system with 1 MB left (a tmpfs where mounting is
    allowed, else RLIMIT_FSIZE): one error line naming the dump, the store opens
    while the disk is still full, nothing stored before is lost, and once there is
    room the re-run completes it."""
    t = _one(bench, "sqlite-disk-full", "1024 KB left")
    assert t.exit == 2
    assert re.match(r"tally: error: database error .*dump-.*: (database or disk is full|disk I/O error)$", t.error)
    assert GENERATED + 16 <= t.stored < t.total and t.complete


def test_a_point_never_reached_fails_the_trial(bench):
    [t] = bench.run("sqlite-kill", 1, ["save:999"])
    assert not t.reached and not t.ok and t.problems == ["the command ended before its crash point"]


def test_the_checks_see_a_torn_document(crash, bench, tmp_path):
    """The checks can fail: a store with a claim row taken away, or an orphan
    row added, is reported."""
    ref = bench.reference("sqlite, files", lambda: bench.new_db("sqlite"),
                          [["ingest", *map(str, bench.inputs)]])
    db = tmp_path / "torn.db"
    shutil.copy(ref.url[len("sqlite:///"):], db)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM claims WHERE id = (SELECT max(id) FROM claims)")
        conn.execute("INSERT INTO sources (identity, path, format, first_seen, last_seen) "
                     "VALUES ('orphan', 'x', 'text', 'now', 'now')")
    conn.close()
    assert crash.fingerprint(Path(ref.url[len("sqlite:///"):])) == ref.full
    changed = {k for k, v in crash.fingerprint(db).items() if ref.full[k] != v}
    assert len(changed) == 1
    assert crash.problems(db) == ["1 sources rows without their report"]
    conn = sqlite3.connect(db)
    with conn:  # a report taken out of its incident, and the incident left empty
        conn.execute("UPDATE reports SET incident_pk = NULL WHERE pk = (SELECT max(pk) FROM reports)")
    conn.close()
    assert crash.problems(db) == ["1 sources rows without their report", "1 reports without an incident",
                                  "1 incidents without a report", "1 incidents whose report count is wrong"]


def test_the_checks_see_a_torn_document_on_postgresql(crash, pg_bench):
    import psycopg

    ref = pg_bench.reference("postgresql, files", lambda: pg_bench.new_db("postgresql"),
                             [["ingest", *map(str, pg_bench.inputs)]])
    url = crash.create_database_from(ref.url.rsplit("/", 1)[0], ref.url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DELETE FROM claims WHERE id = (SELECT max(id) FROM claims)")
        conn.execute("UPDATE reports SET incident_pk = NULL WHERE pk = (SELECT max(pk) FROM reports)")
    assert {k for k, v in crash.fingerprint(url).items() if ref.full[k] != v}
    assert crash.problems(url) == ["1 reports without an incident", "1 incidents without a report",
                                   "1 incidents whose report count is wrong"]
