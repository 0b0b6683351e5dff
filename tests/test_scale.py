"""Issue 8 (subset): the synthetic dump generator, the raw-wikitext pre-filter,
and ``--workers`` ingest equal to the single-process run."""

from __future__ import annotations

import bz2
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import app
from tally.readers.prefilter import PrefilterStats, classify
from tally.readers import read
from tally.store.db import Store
from tally.store.ingest import ingest
from tally.store.parallel import ingest_parallel

from .conftest import bench_module




@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    out = tmp_path_factory.mktemp("dump") / "synth.xml.bz2"
    incidents = bench_module("make_dump").write_dump(120, str(out), seed=7, incident_rate=0.08)
    assert 4 <= len(incidents) <= 20
    return out, incidents


def _rows(path: Path) -> list[tuple[str, dict]]:
    con = sqlite3.connect(path)
    try:
        return [(i, json.loads(r)) for i, r in con.execute("SELECT id, record FROM incidents ORDER BY id")]
    finally:
        con.close()


def test_make_dump_is_deterministic_real_export_xml(tmp_path):
    mod = bench_module("make_dump")
    a, b = tmp_path / "a.xml.bz2", tmp_path / "b.xml.bz2"
    assert mod.write_dump(30, str(a), seed=3) == mod.write_dump(30, str(b), seed=3)
    data = bz2.decompress(a.read_bytes())
    assert data == bz2.decompress(b.read_bytes())
    assert b'xmlns="http://www.mediawiki.org/xml/export-0.11/"' in data and b"<siteinfo>" in data
    docs = list(read(a))
    assert len(docs) == 30 and all(d.meta["page_id"] and d.meta["revision_id"] for d in docs)
    assert sum(len(d.text) for d in docs) / len(docs) > 1000  # ordinary pages of a few KB


def test_prefilter_passes_exactly_the_incident_pages(dump):
    path, incidents = dump
    stats = PrefilterStats()
    docs = list(read(path, prefilter=stats))
    assert sorted(d.meta["page_id"] for d in docs) == incidents
    assert stats.seen == 120 and stats.passed == len(incidents)
    assert set(stats.reasons) <= {"infobox:civilian attack", "infobox:military conflict"}
    assert "prefilter: %d of 120 pages passed" % len(incidents) in stats.summary()


@pytest.mark.parametrize("text, reason", [
    ("{{Infobox civilian attack\n| title = X}}", "infobox:civilian attack"),
    ("{{infobox_Military  conflict|x=1}}", "infobox:military conflict"),
    ("Prose.\n[[Category:2016 attacks in France]]", "category:attacks in"),
    ("[[Category:Massacres in Syria|S]]", "category:massacres"),
    ("[[ category : Battles involving Norland]]", "category:battles"),
    ("[[Category:Suicide bombings in Iraq]]", "category:bombings"),
    ("[[Category:Terrorist incidents in Kenya in 2013]]", "category:terrorist incidents"),
    ("[[Category:Mass shootings in the United States]]", "category:mass shootings"),
    ("{{Infobox settlement|name=X}} [[Category:Towns in Norland]]", None),
    ("A battle of wits; the bombings were a metaphor.", None),
])
def test_prefilter_reasons(text, reason):
    assert classify(text) == reason


def test_workers_ingest_equals_single_process(dump, tmp_path):
    path, incidents = dump
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    s1 = Store(f"sqlite:///{one}")
    try:
        r1 = ingest(s1, [path], options={"prefilter": True})
    finally:
        s1.close()
    s2 = Store(f"sqlite:///{two}")
    try:
        r2 = ingest_parallel(s2, [path], workers=2, prefilter=True, batch=3)
    finally:
        s2.close()
    assert r1.ingested == r2.ingested == len(incidents) and not r1.failed and not r2.failed
    rows = _rows(one)
    assert rows and rows == _rows(two)


def test_interrupted_workers_ingest_reruns_without_duplicates(dump, tmp_path):
    path, incidents = dump
    db = tmp_path / "resume.db"

    def stop(result):
        if result.documents >= 3:
            raise KeyboardInterrupt

    store = Store(f"sqlite:///{db}")
    try:
        with pytest.raises(KeyboardInterrupt):
            ingest_parallel(store, [path], workers=2, prefilter=True, progress=stop, batch=2)
        done = len(_rows(db))
        assert 3 <= done < len(incidents)
        again = ingest_parallel(store, [path], workers=2, prefilter=True, batch=2)
    finally:
        store.close()
    assert again.unchanged == done and again.ingested == len(incidents) - done
    ids = [i for i, _ in _rows(db)]
    assert len(ids) == len(set(ids)) == len(incidents)


def test_cli_ingest_workers_prefilter(dump, tmp_path):
    path, incidents = dump
    db = tmp_path / "cli.db"
    res = CliRunner().invoke(app, ["ingest", str(path), "--db", f"sqlite:///{db}", "--prefilter",
                                   "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert f"prefilter: {len(incidents)} of 120 pages passed" in res.output
    assert len(_rows(db)) == len(incidents)


def test_workers_ingest_of_a_truncated_dump_stores_the_pages_before_the_cut(dump, tmp_path):
    path, incidents = dump
    cut = tmp_path / "cut.xml.bz2"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    store = Store(f"sqlite:///{tmp_path / 'cut.db'}")
    try:
        one = ingest(store, [cut], options={"prefilter": True})
    finally:
        store.close()
    store = Store(f"sqlite:///{tmp_path / 'cut2.db'}")
    try:
        two = ingest_parallel(store, [cut], workers=2, prefilter=True)
    finally:
        store.close()
    assert one.failed == two.failed and len(two.failed) == 1 and "truncated" in two.failed[0]
    assert one.ingested == two.ingested < len(incidents) and _rows(tmp_path / "cut.db") == _rows(tmp_path / "cut2.db")


def test_cli_extract_prefilter(dump):
    path, incidents = dump
    res = CliRunner().invoke(app, ["extract", str(path), "--prefilter", "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.output.splitlines() if ln.startswith("{")]
    assert len(lines) == len(incidents)
    assert f"prefilter: {len(incidents)} of 120 pages passed" in res.output
