"""Issue 8: ``tally ingest --dask``, Parquet shards (``--out DIR``) and resume by page id.

Every run is compared with the single-process ingest of the same generated
dump: the same records (ids, record JSON, the indexed columns) and documents,
stored in the same order.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import app
from tally.errors import TallyError
from tally.readers.prefilter import PrefilterStats
from tally.store.checkpoint import StoreCheckpoints
from tally.store.db import Store
from tally.store.ingest import ingest
from tally.store.parallel import ingest_parallel, local_executor, run_ingest
from tally.store.shards import ShardWriter, iter_shard_rows, load_shards

from .conftest import bench_module
from .store_fixtures import db_url, pg_server  # noqa: F401 (fixtures)

PAGES = 120



@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    out = tmp_path_factory.mktemp("dump") / "synth.xml.bz2"
    incidents = bench_module("make_dump").write_dump(PAGES, str(out), seed=11, incident_rate=0.1)
    assert 6 <= len(incidents) <= 25
    return out, incidents


def _stored(path: Path) -> list[tuple]:
    """The reports (all columns but the keys and times), their documents and the
    incident each is in, in insertion order."""
    con = sqlite3.connect(path)
    try:
        return list(con.execute(
            "SELECT r.id, r.record, r.title, r.country_iso3, r.date_start, r.killed_best, r.revision, "
            "d.text, d.title, d.meta, d.content_hash, s.identity, i.id, i.record "
            "FROM reports r JOIN documents d ON d.id = r.document_id JOIN sources s ON s.id = r.source_id "
            "JOIN incidents i ON i.pk = r.incident_pk ORDER BY r.pk"))
    finally:
        con.close()


@pytest.fixture(scope="module")
def reference(dump, tmp_path_factory):
    """The single-process run (the serial ``ingest``, not the pipeline)."""
    path, incidents = dump
    db = tmp_path_factory.mktemp("ref") / "one.db"
    with Store(f"sqlite:///{db}") as store:
        result = ingest(store, [path], options={"prefilter": True})
    assert result.ingested == len(incidents) and not result.failed
    rows = _stored(db)
    assert [json.loads(r[9])["page_id"] for r in rows] == incidents
    return rows


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("distributed")
    from tally.store.dask_ingest import local_cluster

    with local_cluster(2) as c:
        yield c


class Stop(Exception):
    pass


def _stop_after(n: int):
    def progress(result):
        if result.documents >= n:
            raise Stop

    return progress


def test_dask_cluster_ingest_equals_single_process(dump, reference, cluster, tmp_path):
    from tally.store.dask_ingest import dask_executor

    path, incidents = dump
    db = tmp_path / "dask.db"
    with Store(f"sqlite:///{db}") as store:
        result = ingest_parallel(store, [path], prefilter=True, batch=2,
                                 executor=dask_executor(cluster.scheduler_address))
    assert result.ingested == len(incidents) and not result.failed
    assert _stored(db) == reference


def test_cli_dask_local_equals_single_process(dump, reference, tmp_path):
    pytest.importorskip("distributed")
    path, incidents = dump
    db = tmp_path / "cli.db"
    res = CliRunner().invoke(app, ["ingest", str(path), "--db", f"sqlite:///{db}", "--prefilter",
                                   "--dask", "local", "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert f"prefilter: {len(incidents)} of {PAGES} pages passed" in res.output
    assert _stored(db) == reference


def test_dask_without_distributed_names_the_extra(monkeypatch, dump, tmp_path):
    from tally.store.dask_ingest import dask_executor

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(TallyError, match=r"pip install 'tally\[dask\]'"):
        with dask_executor("local"):
            pass
    res = CliRunner().invoke(app, ["ingest", str(dump[0]), "--db", f"sqlite:///{tmp_path / 'x.db'}",
                                   "--dask", "local"])
    assert res.exit_code == 2 and "tally[dask]" in res.output


def test_dask_bad_address_is_one_line(dump, tmp_path):
    res = CliRunner().invoke(app, ["ingest", str(dump[0]), "--db", f"sqlite:///{tmp_path / 'x.db'}",
                                   "--dask", "localhost:1"])
    assert res.exit_code == 2 and "tcp://host:port" in res.output


@pytest.mark.parametrize("executor", ["inline", "dask"])
def test_interrupted_ingest_resumes_after_the_checkpoint(dump, reference, tmp_path, request, executor):
    path, incidents = dump
    db = tmp_path / "resume.db"

    def make_executor():
        if executor == "inline":
            return local_executor(1)
        from tally.store.dask_ingest import dask_executor

        return dask_executor(request.getfixturevalue("cluster").scheduler_address)

    with Store(f"sqlite:///{db}") as store:
        with pytest.raises(Stop):
            ingest_parallel(store, [path], prefilter=True, batch=2, resume=True,
                            progress=_stop_after(5), executor=make_executor())
        done = len(_stored(db))
        page = StoreCheckpoints(store).get(path)
        assert 4 <= done < len(incidents) and page in incidents
        assert page == incidents[done - 1] or page == incidents[done - 2]  # the last whole batch
        stats = PrefilterStats()
        again = ingest_parallel(store, [path], prefilter=stats, batch=2, resume=True,
                                executor=make_executor())
        assert StoreCheckpoints(store).get(path) is None  # read to its end: no checkpoint left
    checkpoint, skipped = again.resumed[str(path)]
    assert checkpoint == page and skipped == page  # pages 1..page were skipped unread
    assert stats.seen == PAGES - page  # the pre-filter saw only the pages after the checkpoint
    assert again.ingested + again.unchanged == len([i for i in incidents if i > page])
    assert again.ingested + done == len(incidents) and not again.failed
    assert _stored(db) == reference  # no duplicate, nothing missing, the same order


def test_restart_and_a_changed_file_read_the_dump_from_the_start(dump, tmp_path):
    path, incidents = dump
    copy = tmp_path / "copy.xml.bz2"
    copy.write_bytes(path.read_bytes())
    db = tmp_path / "restart.db"
    with Store(f"sqlite:///{db}") as store:
        with pytest.raises(Stop):
            ingest_parallel(store, [copy], prefilter=True, batch=2, progress=_stop_after(5),
                            executor=local_executor(1))
        assert _stored(db)  # the interrupted run stored some documents
        assert StoreCheckpoints(store).get(copy) is not None
        os.utime(copy, (1_000_000_000, 1_000_000_000))  # another file now: no resume
        assert StoreCheckpoints(store).get(copy) is None
    res = CliRunner().invoke(app, ["ingest", str(copy), "--db", f"sqlite:///{db}", "--prefilter", "--restart"])
    assert res.exit_code == 0, res.output
    assert "resumed" not in res.output and f"{len(incidents)} of {PAGES} pages passed" in res.output
    assert len(_stored(db)) == len(incidents)


def test_cli_resumes_and_reports_the_checkpoint(dump, reference, tmp_path):
    path, incidents = dump
    db = tmp_path / "cli-resume.db"
    with Store(f"sqlite:///{db}") as store:
        with pytest.raises(Stop):
            ingest_parallel(store, [path], prefilter=True, batch=2, progress=_stop_after(5),
                            executor=local_executor(1))
        page = StoreCheckpoints(store).get(path)
    res = CliRunner().invoke(app, ["ingest", str(path), "--db", f"sqlite:///{db}", "--prefilter",
                                   "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert f"resumed after page {page} (checkpoint), {page} pages skipped" in res.output
    assert f"of {PAGES - page} pages passed" in res.output
    assert _stored(db) == reference


def test_a_checkpoint_page_missing_from_the_dump_is_an_error(dump, tmp_path):
    path, _ = dump
    db = tmp_path / "missing.db"
    with Store(f"sqlite:///{db}") as store:
        StoreCheckpoints(store).set(path, 10_000_000)
        result = ingest_parallel(store, [path], prefilter=True, resume=True, executor=local_executor(1))
    assert result.ingested == 0 and len(result.failed) == 1
    assert "page 10000000 is not in this dump" in result.failed[0] and "--restart" in result.failed[0]


def test_shards_round_trip_equals_a_direct_ingest(dump, reference, tmp_path):
    path, incidents = dump
    out = tmp_path / "shards"
    res = CliRunner().invoke(app, ["ingest", str(path), "--out", str(out), "--prefilter", "--workers", "2",
                                   "--shard-size", "4"])
    assert res.exit_code == 0, res.output
    manifest = json.loads((out / "manifest.json").read_text())
    files = sorted(p.name for p in out.glob("*.parquet"))
    assert files == [s["file"] for s in manifest["shards"]]  # shards end at batch boundaries (16)
    assert sum(s["records"] for s in manifest["shards"]) == len(incidents)
    assert list(manifest["sources"].values())[0]["complete"] is True
    rows = list(iter_shard_rows(out))
    assert [r["page_id"] for r in rows] == incidents and {r["kind"] for r in rows} == {"record"}
    db = tmp_path / "loaded.db"
    res = CliRunner().invoke(app, ["ingest", str(out), "--db", f"sqlite:///{db}"])
    assert res.exit_code == 0, res.output
    assert _stored(db) == reference
    again = CliRunner().invoke(app, ["ingest", str(path), "--out", str(out), "--prefilter"])
    assert again.exit_code == 0 and "already complete" in again.output
    assert sorted(p.name for p in out.glob("*.parquet")) == files  # nothing written twice


def test_interrupted_shard_run_resumes_from_the_manifest(dump, reference, tmp_path):
    path, incidents = dump
    out = tmp_path / "shards"
    with pytest.raises(Stop):
        run_ingest(ShardWriter(out, shard_size=3), [path], prefilter=True, batch=2, resume=True,
                   progress=_stop_after(11), executor=local_executor(1))
    manifest = json.loads((out / "manifest.json").read_text())
    (entry,) = manifest["sources"].values()
    written = [r["page_id"] for r in iter_shard_rows(out)]
    assert entry["complete"] is False and written and entry["checkpoint"] == written[-1]
    assert len(written) < len(incidents) and len(manifest["shards"]) >= 2
    result = run_ingest(ShardWriter(out, shard_size=3), [path], prefilter=True, batch=2, resume=True,
                        executor=local_executor(1))
    assert result.resumed[str(path)] == (written[-1], written[-1])
    assert [r["page_id"] for r in iter_shard_rows(out)] == incidents  # each page once, in order
    db = tmp_path / "loaded.db"
    with Store(f"sqlite:///{db}") as store:
        loaded = load_shards(store, [out])
    assert loaded.ingested == len(incidents) and _stored(db) == reference


def test_shard_directory_refuses_foreign_content(tmp_path, dump):
    (tmp_path / "other.txt").write_text("x")
    with pytest.raises(TallyError, match="not empty"):
        ShardWriter(tmp_path)


@pytest.fixture(scope="module")
def multistream(tmp_path_factory):
    """The same pages as ``dump``, in the multistream layout (10 pages a stream), and the
    single-process ingest of that file (the records name their file)."""
    out = tmp_path_factory.mktemp("ms") / "synth-multistream.xml.bz2"
    incidents = bench_module("make_dump").write_dump(PAGES, str(out), seed=11, incident_rate=0.1, multistream=True,
                                        pages_per_stream=10)
    db = out.parent / "one.db"
    with Store(f"sqlite:///{db}") as store:
        assert ingest(store, [out], options={"prefilter": True}).ingested == len(incidents)
    return out, incidents, _stored(db)


def test_make_dump_multistream_is_the_same_xml_with_an_index(dump, multistream):
    import bz2

    from tally.readers.xmldump import find_index, stream_ranges

    path, incidents = dump
    ms, ms_incidents, _ = multistream
    assert ms_incidents == incidents
    assert bz2.decompress(ms.read_bytes()) == bz2.decompress(path.read_bytes())
    index = find_index(ms)
    assert index is not None and find_index(path) is None
    lines = bz2.decompress(index.read_bytes()).decode().splitlines()
    assert [int(ln.split(":")[1]) for ln in lines] == list(range(1, PAGES + 1))
    offsets = sorted({int(ln.split(":")[0]) for ln in lines})
    assert len(offsets) == PAGES // 10
    data = ms.read_bytes()
    for a, b in zip(offsets, offsets[1:]):  # each offset starts a stream of whole pages
        xml = bz2.decompress(data[a:b])
        assert xml.startswith(b"  <page>") and xml.endswith(b"</page>\n")
    ranges = list(stream_ranges(ms, index, 25))
    assert [r.page_ids for r in ranges] == [list(range(1, 31)), list(range(31, 61)), list(range(61, 91)),
                                           list(range(91, 121))]
    assert ranges[-1].end == len(data) and ranges[0].start == offsets[0]


@pytest.mark.parametrize("executor", ["workers", "dask"])
def test_multistream_split_between_workers_equals_single_process(multistream, tmp_path, request, executor):
    path, incidents, reference = multistream
    if executor == "workers":
        ex = local_executor(2)
    else:
        from tally.store.dask_ingest import dask_executor

        ex = dask_executor(request.getfixturevalue("cluster").scheduler_address)
    stats = PrefilterStats()
    db = tmp_path / "ms.db"
    with Store(f"sqlite:///{db}") as store:
        result = ingest_parallel(store, [path], prefilter=stats, executor=ex, range_pages=20)
    assert result.ingested == len(incidents) and not result.failed
    assert stats.seen == PAGES and stats.passed == len(incidents)  # counted by the workers
    assert _stored(db) == reference


def _on(cluster):
    from tally.store.dask_ingest import dask_executor

    return dask_executor(cluster.scheduler_address)


def test_interrupted_multistream_ingest_resumes_at_its_range(multistream, cluster, tmp_path):
    path, incidents, reference = multistream
    db = tmp_path / "ms-resume.db"
    with Store(f"sqlite:///{db}") as store:
        with pytest.raises(Stop):
            ingest_parallel(store, [path], prefilter=True, executor=_on(cluster), range_pages=20, resume=True,
                            progress=_stop_after(len(incidents) // 2))
        page = StoreCheckpoints(store).get(path)
        assert page is not None and page % 20 == 0  # the last page of the last whole range
        done = len(_stored(db))
        stats = PrefilterStats()
        again = ingest_parallel(store, [path], prefilter=stats, executor=_on(cluster), range_pages=20,
                                resume=True)
    assert again.resumed[str(path)] == (page, page)
    assert stats.seen == PAGES - page
    assert again.ingested + done == len(incidents) and _stored(db) == reference


def test_a_checkpoint_inside_a_range_skips_to_it(multistream, cluster, tmp_path):
    path, incidents, reference = multistream
    db = tmp_path / "ms-mixed.db"
    with Store(f"sqlite:///{db}") as store:
        with pytest.raises(Stop):  # one process, batches of 2: the checkpoint is an incident page
            ingest_parallel(store, [path], prefilter=True, batch=2, resume=True, progress=_stop_after(5),
                            executor=local_executor(1))
        page = StoreCheckpoints(store).get(path)
        assert page in incidents and page % 20 != 0
        stats = PrefilterStats()
        again = ingest_parallel(store, [path], prefilter=stats, executor=_on(cluster), range_pages=20,
                                resume=True)
    assert again.resumed[str(path)] == (page, page) and stats.seen == PAGES - page
    assert _stored(db) == reference


def test_checkpoint_resume_on_each_backend(dump, db_url):
    """The checkpoint table works on SQLite and PostgreSQL: set, read, resumed from, cleared."""
    import sqlalchemy as sa

    path, incidents = dump
    with Store(db_url) as store:
        with pytest.raises(Stop):
            ingest_parallel(store, [path], prefilter=True, batch=2, resume=True, progress=_stop_after(3),
                            executor=local_executor(1))
        checkpoints = StoreCheckpoints(store)
        assert checkpoints.get(path) == incidents[1]
        checkpoints.set(path, incidents[1])  # an update, not a second row
        again = ingest_parallel(store, [path], prefilter=True, batch=2, resume=True,
                                executor=local_executor(1))
        assert again.resumed[str(path)] == (incidents[1], incidents[1]) and not again.failed
        assert checkpoints.get(path) is None
        with store.read() as conn:
            ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM reports ORDER BY pk"))]
    assert ids == [f"page-{i}" for i in incidents]


def test_an_unreadable_multistream_index_is_a_failure_line(multistream, cluster, tmp_path):
    path, _, _ = multistream
    copy = tmp_path / "bad-multistream.xml.bz2"
    copy.write_bytes(path.read_bytes())
    index = path.with_name("synth-multistream-index.txt.bz2").read_bytes()
    (tmp_path / "bad-multistream-index.txt.bz2").write_bytes(index[: len(index) // 2])  # truncated
    with Store(f"sqlite:///{tmp_path / 'bad.db'}") as store:
        result = ingest_parallel(store, [copy], prefilter=True, executor=_on(cluster), range_pages=20)
    assert len(result.failed) == 1 and "cannot read the multistream index" in result.failed[0]


def test_a_killed_ingest_resumes_after_its_checkpoint(dump, reference, tmp_path):
    """SIGKILL in the middle of a run (no clean-up at all), then the CLI goes on from the checkpoint."""
    import signal
    import subprocess

    path, incidents = dump
    db = tmp_path / "killed.db"
    code = f"""
import os, signal
from tally.store.db import Store
from tally.store.parallel import ingest_parallel, local_executor
def die(result):
    if result.documents >= 5:
        os.kill(os.getpid(), signal.SIGKILL)
ingest_parallel(Store({f"sqlite:///{db}"!r}), [{str(path)!r}], prefilter=True, batch=2, resume=True,
                progress=die, executor=local_executor(1))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    done = len(_stored(db))
    with Store(f"sqlite:///{db}") as store:
        page = StoreCheckpoints(store).get(path)
    assert 4 <= done < len(incidents) and page == incidents[3]
    res = CliRunner().invoke(app, ["ingest", str(path), "--db", f"sqlite:///{db}", "--prefilter"])
    assert res.exit_code == 0, res.output
    assert f"resumed after page {page} (checkpoint)" in res.output
    assert _stored(db) == reference
