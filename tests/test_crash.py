"""Crash safety (issue 9): SIGKILL a ``tally ingest`` subprocess at seeded
random points; afterwards the SQLite store passes its integrity check, holds
only whole documents (each stored incident equal to the reference run's:
record, text, claim and actor rows) and a re-run completes the set with no
duplicates. The 10-trial version is ``bench/bench_crash.py``."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from .conftest import bench_module


def load_bench():
    return bench_module("bench_crash")


GENERATED = 6


@pytest.fixture(scope="module")
def bench():
    return load_bench()


@pytest.fixture(scope="module")
def trials(bench, tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    results, reference, _ = bench.run_trials(trials=3, seed=9, generated=GENERATED, folder=folder,
                                             log=lambda _: None)
    return results, reference, folder


def test_sigkill_during_ingest_leaves_whole_documents_and_a_rerun_completes(bench, trials):
    results, reference, _ = trials
    total = len(reference)
    assert total == GENERATED + 16
    for t in results:
        assert not t.problems, bench.row(t, total)
        assert t.partial == 0, bench.row(t, total)
        assert t.rerun_status == 0 and t.complete, bench.row(t, total)
        if not t.exited_first:
            assert t.counts_agree(total), bench.row(t, total)
            assert t.rerun_ingested == total - t.stored
    assert any(0 < t.stored < total for t in results), "no trial was killed mid-ingest"


def test_the_checks_see_a_torn_document(bench, trials, tmp_path):
    """The checks can fail: a store with a claim row taken away, or an orphan
    row added, is reported."""
    _, reference, folder = trials
    db = tmp_path / "torn.db"
    shutil.copy(folder / "reference.db", db)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM claims WHERE id = (SELECT max(id) FROM claims)")
        conn.execute("INSERT INTO sources (identity, path, format, first_seen, last_seen) "
                     "VALUES ('orphan', 'x', 'text', 'now', 'now')")
    conn.close()
    assert bench.fingerprint(folder / "reference.db") == reference
    changed = {k for k, v in bench.fingerprint(db).items() if reference[k] != v}
    assert len(changed) == 1
    assert bench.problems(db) == ["1 sources rows without their report"]
    conn = sqlite3.connect(db)
    with conn:  # a report taken out of its incident, and the incident left empty
        conn.execute("UPDATE reports SET incident_pk = NULL WHERE pk = (SELECT max(pk) FROM reports)")
    conn.close()
    assert bench.problems(db) == ["1 sources rows without their report", "1 reports without an incident",
                                  "1 incidents without a report", "1 incidents whose report count is wrong"]
