"""Issue 25, section 2: an article's revision history ingested as versions of its report.

The history is our own made-up article (``tests/history_article.py``): 24
revisions over five days, the toll rising from 12 to 52, two vandalised
revisions reverted within the hour, ten edits that leave the casualty text alone.
"""

from __future__ import annotations

import bz2
import json
import sqlite3
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tally.cli import app
from tally.readers import read
from tally.readers.history import HistoryStats, casualty_text
from tally.readers.xmldump import read_pages
from tally.store import schema as t
from tally.store.checkpoint import StoreCheckpoints
from tally.store.db import Store
from tally.store.ingest import ingest
from tally.store.parallel import ingest_parallel

from . import history_article as art
from .store_fixtures import db_url, pg_server  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def history_file(tmp_path_factory) -> Path:
    return art.write_history(tmp_path_factory.mktemp("history") / "dankora-history.xml.bz2")


def _versions(store: Store, page_id: int = art.PAGE_ID) -> list[dict]:
    """The stored versions of a page's report, in revision order: the document's
    meta and the killed figure of the record stored with it."""
    d, s, h, r = t.documents.c, t.sources.c, t.record_history.c, t.reports.c
    with store.read() as conn:
        docs = conn.execute(sa.select(d.id, d.revision, d.revision_id, d.meta).join(t.sources, s.id == d.source_id)
                            .where(s.identity == f"wiki-page:{page_id}").order_by(d.revision)).all()
        records = {row.document_id: row.record for row in conn.execute(sa.select(h.document_id, h.record))}
        records.update({row.document_id: row.record for row in conn.execute(sa.select(r.document_id, r.record))})
    out = []
    for row in docs:
        meta = row.meta if isinstance(row.meta, dict) else json.loads(row.meta)
        killed = ((records[row.id].get("casualties") or {}).get("killed") or {}).get("best")
        out.append({"revision": row.revision, "revision_id": int(row.revision_id), "meta": meta, "killed": killed})
    return out


def test_each_changed_revision_is_a_version_dated_in_order_and_the_vandal_edits_are_flagged(history_file, db_url):
    with Store(db_url) as store:
        result = ingest(store, [history_file])
        versions = _versions(store)
    assert not result.failed
    assert result.ingested == 1 and result.updated == len(art.STORED) - 1
    assert result.history.skipped == art.SKIPPED and result.history.revisions == 24
    assert result.history.reverted == len(art.REVERTED) and result.history.pages == 1
    assert [v["revision_id"] for v in versions] == art.STORED
    assert [v["revision"] for v in versions] == list(range(1, len(art.STORED) + 1))
    stamps = [v["meta"]["timestamp"] for v in versions]
    assert stamps == sorted(stamps) and stamps[0] == "2031-04-02T09:14:00Z"
    assert {v["revision_id"]: v["meta"].get("reverted_by") for v in versions if v["meta"]["reverted"]} == art.REVERTED
    # the figures rise, the vandal's 4000 and 52000 are in their own (reverted) versions only
    honest = [v["killed"] for v in versions if not v["meta"]["reverted"]]
    assert honest[0] == 12 and honest[-1] == 52 and max(honest) == 55
    assert [v["killed"] for v in versions if v["meta"]["reverted"]] == [4000, 52000]


def test_reingesting_the_history_adds_nothing(history_file, tmp_path):
    with Store(f"sqlite:///{tmp_path / 'again.db'}") as store:
        ingest(store, [history_file])
        again = ingest(store, [history_file])
        assert len(_versions(store)) == len(art.STORED)
    assert again.unchanged == len(art.STORED) and again.ingested == again.updated == 0
    assert again.history.skipped == art.SKIPPED


def test_casualty_text_ignores_references_comments_and_other_sections():
    a = art.Article()
    base = casualty_text(a.wikitext())
    a.lead_ref, a.background = "<ref name=r1>Radio, 2 April.</ref><!-- check -->", "Rewritten background."
    a.reactions, a.categories = "Other reactions.", ["Other category"]
    assert casualty_text(a.wikitext()) == base
    a.casualties += " Two of the wounded died in hospital."
    assert casualty_text(a.wikitext()) != base
    assert "Two of the wounded died" in casualty_text(a.wikitext())


def test_a_figure_changed_back_after_more_than_an_hour_is_not_reverted(history_file):
    stats = HistoryStats()
    docs = list(read(history_file, history=stats))
    flags = {d.meta["revision_id"]: d.meta["reverted"] for d in docs}
    assert flags[1023] is False and flags[1024] is False  # 55 stood two hours: a change, not vandalism
    assert flags[1007] is flags[1020] is True


def test_a_reverted_revisions_record_says_so_and_fits_the_schema(history_file, validator):
    from tally.extract import extract
    from tally.model import to_dict

    vandal = next(d for d in read(history_file, history=True) if d.meta["revision_id"] == 1007)
    record = to_dict(extract(vandal))
    assert not list(validator.iter_errors(record))
    assert record["source"]["reverted"] is True and record["source"]["reverted_by"] == 1008
    assert record["source"]["timestamp"] == "2031-04-02T12:20:00Z"


def test_extract_reads_the_last_revision_of_a_history_page(history_file):
    docs = list(read(history_file))
    assert len(docs) == 1 and docs[0].meta["revision_id"] == 1024 and "reverted" not in docs[0].meta


def test_history_pages_stream_in_flat_memory(tmp_path):
    """A page of 3,000 revisions (each ~5 KB, 14 MB in all) is read holding about an hour of them."""
    a = art.Article()
    start = datetime(2031, 5, 1, tzinfo=timezone.utc)
    path = tmp_path / "long.xml"
    with path.open("w", encoding="utf-8") as fp:
        fp.write(art.HEADER + "  <page>\n    <title>Long</title>\n    <ns>0</ns>\n    <id>9</id>\n")
        for i in range(3000):
            a.killed = str(10 + i // 3)
            a.background = "Filler sentence about the town. " * 120
            a.reactions = f"Edit number {i}."
            stamp = (start + timedelta(minutes=20 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")  # one every 20 minutes
            fp.write(art.page_xml(9, "Long", [art.Rev(10 + i, stamp, a.wikitext(), "Ed")])
                     .split("<id>9</id>\n", 1)[1].rsplit("  </page>", 1)[0])
        fp.write("  </page>\n</mediawiki>\n")
    assert path.stat().st_size > 14_000_000
    stats = HistoryStats()
    tracemalloc.start()
    with path.open("rb") as fp:
        count = sum(1 for _ in read_pages(fp, str(path), history=stats))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert stats.revisions == 3000 and count == stats.stored == 1000 and stats.skipped == 2000
    assert peak < 3_000_000  # a few revisions' worth, not the page's 15 MB


def test_workers_ingest_of_histories_equals_single_process(tmp_path):
    path = art.write_history(tmp_path / "more.xml", more=True)
    with Store(f"sqlite:///{tmp_path / 'one.db'}") as one:
        r1 = ingest(one, [path])
        v1 = [_versions(one, p) for p in (art.PAGE_ID, 7303, 7302)]
    with Store(f"sqlite:///{tmp_path / 'two.db'}") as two:
        r2 = ingest_parallel(two, [path], workers=2, batch=3)
        v2 = [_versions(two, p) for p in (art.PAGE_ID, 7303, 7302)]
    assert not r1.failed and not r2.failed and v1 == v2
    assert [len(v) for v in v1] == [len(art.STORED), 3, 1]
    assert r1.history.counts() == r2.history.counts() and r2.history.pages == 2
    assert r2.history.skipped == art.SKIPPED + 2 and "reverted" not in v1[2][0]["meta"]


def test_dask_ingest_of_histories_equals_single_process(tmp_path):
    pytest.importorskip("distributed")
    from tally.store.dask_ingest import dask_executor

    path = art.write_history(tmp_path / "more.xml.bz2", more=True)
    with Store(f"sqlite:///{tmp_path / 'one.db'}") as one:
        ingest(one, [path])
        v1 = [_versions(one, p) for p in (art.PAGE_ID, 7303, 7302)]
    with Store(f"sqlite:///{tmp_path / 'dask.db'}") as store:
        result = ingest_parallel(store, [path], executor=dask_executor("local", 2), batch=4)
        assert [_versions(store, p) for p in (art.PAGE_ID, 7303, 7302)] == v1
    assert not result.failed and result.history.reverted == 2 and result.history.skipped == art.SKIPPED + 2


def test_an_interrupted_history_ingest_resumes_without_losing_revisions(tmp_path):
    path = art.write_history(tmp_path / "more.xml.bz2", more=True)
    with Store(f"sqlite:///{tmp_path / 'ref.db'}") as ref:
        ingest(ref, [path])
        reference = [_versions(ref, p) for p in (art.PAGE_ID, 7303, 7302)]

    class Stop(Exception):
        pass

    def stop(result):
        if result.documents >= 6:  # in the middle of the first page's versions
            raise Stop

    with Store(f"sqlite:///{tmp_path / 'resume.db'}") as store:
        with pytest.raises(Stop):
            ingest_parallel(store, [path], workers=1, batch=2, resume=True, progress=stop)
        assert StoreCheckpoints(store).get(path) is None  # no page was read to its end yet
        again = ingest_parallel(store, [path], workers=1, batch=2, resume=True)
        assert [_versions(store, p) for p in (art.PAGE_ID, 7303, 7302)] == reference
    assert again.unchanged == 6 and not again.failed


def test_a_checkpoint_names_only_a_page_read_to_its_end(tmp_path):
    path = art.write_history(tmp_path / "more.xml", more=True)

    class Stop(Exception):
        pass

    def stop(result):
        if result.documents >= len(art.STORED) + 2:  # the battle's versions half stored
            raise Stop

    with Store(f"sqlite:///{tmp_path / 'resume.db'}") as store:
        with pytest.raises(Stop):
            ingest_parallel(store, [path], workers=1, batch=2, resume=True, progress=stop)
        assert StoreCheckpoints(store).get(path) == art.PAGE_ID
        again = ingest_parallel(store, [path], workers=1, batch=2, resume=True)
        assert len(_versions(store, 7303)) == 3 and len(_versions(store, 7302)) == 1
    assert again.resumed[str(path)] == (art.PAGE_ID, 1)


def test_a_multistream_history_split_between_workers(tmp_path):
    """A history page inside one stream of a multistream dump, read by a worker itself."""
    path = tmp_path / "hist-multistream.xml.bz2"
    pages = [art.page_xml(art.PAGE_ID, "2031 Dankora market bombing", art.revisions()), art.single_page()]
    with path.open("wb") as fp, bz2.open(tmp_path / "hist-multistream-index.txt.bz2", "wt") as index:
        fp.write(bz2.compress(art.HEADER.encode()))
        for page_id, xml in zip((art.PAGE_ID, 7302), pages):
            index.write(f"{fp.tell()}:{page_id}:x\n")
            fp.write(bz2.compress(xml.encode()))
        fp.write(bz2.compress(b"</mediawiki>\n"))
    with Store(f"sqlite:///{tmp_path / 'ms.db'}") as store:
        result = ingest_parallel(store, [path], workers=2, range_pages=1)
        assert [v["revision_id"] for v in _versions(store)] == art.STORED
    assert not result.failed and result.history.skipped == art.SKIPPED and result.history.reverted == 2


def test_cli_ingest_of_a_history_says_what_it_skipped(history_file, tmp_path):
    db = tmp_path / "cli.db"
    res = CliRunner().invoke(app, ["ingest", str(history_file), "--db", f"sqlite:///{db}", "--prefilter"])
    assert res.exit_code == 0, res.output
    assert (f"history: 1 pages, 24 revisions: {len(art.STORED)} stored (2 reverted within the hour), "
            f"{art.SKIPPED} skipped (casualty text unchanged)") in " ".join(res.output.split())
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(art.STORED)
    finally:
        con.close()
    shown = CliRunner().invoke(app, ["history", f"page-{art.PAGE_ID}", "--db", f"sqlite:///{db}", "-f", "json"])
    assert shown.exit_code == 0, shown.output
    sources = [v["record"]["source"] for v in json.loads(shown.output)["versions"]]
    assert [s["revision_id"] for s in sources] == art.STORED
    assert [s["revision_id"] for s in sources if s["reverted"]] == list(art.REVERTED)


def test_a_revision_without_a_timestamp_is_one_error_line(tmp_path):
    revs = art.revisions()[:3]
    revs[1].stamp = "yesterday"
    path = tmp_path / "bad.xml"
    path.write_text(art.HEADER + art.page_xml(art.PAGE_ID, "X", revs) + "</mediawiki>\n", encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'bad.db'}") as store:
        result = ingest(store, [path])
    assert result.failed == [f"{path} (page {art.PAGE_ID} revision 1002): revision has no valid <timestamp>"]
    assert result.ingested == 1 and result.updated == 1


def test_cli_extract_of_a_history_gives_a_record_per_stored_revision(history_file):
    """`tally extract` reads a history as `tally ingest` does, not only its last revision."""
    res = CliRunner().invoke(app, ["extract", str(history_file), "--format", "jsonl"])
    assert res.exit_code == 0, res.stderr
    sources = [json.loads(line)["source"] for line in res.stdout.splitlines() if line.strip()]
    assert [s["revision_id"] for s in sources] == art.STORED
    assert {s["revision_id"]: s["reverted_by"] for s in sources if s["reverted"]} == art.REVERTED
    stamps = [s["timestamp"] for s in sources]
    assert stamps == sorted(stamps)
    assert (f"history: 1 pages, 24 revisions: {len(art.STORED)} stored (2 reverted within the hour), "
            f"{art.SKIPPED} skipped (casualty text unchanged)") in " ".join(res.stderr.split())


def test_cli_extract_of_a_plain_page_prints_no_history_line(tmp_path):
    path = tmp_path / "one.xml"
    path.write_text(art.HEADER + art.single_page() + "</mediawiki>\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert res.exit_code == 0, res.stderr
    assert len(res.stdout.splitlines()) == 1 and "history:" not in res.stderr


@pytest.mark.filterwarnings("ignore:.*httpx2")
def test_an_upload_of_a_history_stores_the_versions_ingest_stores(history_file, tmp_path):
    """POST /api/documents with a history export: the same versions, flags and counts as `tally ingest`."""
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from tally.web import create_app

    with Store(f"sqlite:///{tmp_path / 'cli.db'}") as store:
        ingest(store, [history_file])
        expected = _versions(store)
    url = f"sqlite:///{tmp_path / 'api.db'}"
    Store(url).close()
    with TestClient(create_app(url, token="t0ken")) as c:
        r = c.post("/api/documents", files={"file": (history_file.name, history_file.read_bytes(),
                                                     "application/octet-stream")},
                   headers={"Authorization": "Bearer t0ken"})
        assert r.status_code == 201, r.text
        body = r.json()
        again = c.post("/api/documents", files={"file": (history_file.name, history_file.read_bytes(),
                                                         "application/octet-stream")},
                       headers={"Authorization": "Bearer t0ken"}).json()
    assert body["result"]["ingested"] == 1 and body["result"]["updated"] == len(art.STORED) - 1
    assert body["result"]["revisions"]["skipped"] == art.SKIPPED
    assert body["result"]["revisions"]["reverted"] == len(art.REVERTED)
    assert body["ids"] == [f"page-{art.PAGE_ID}"] and body["record"]["source"]["revision_id"] == art.STORED[-1]
    assert again["result"]["unchanged"] == len(art.STORED) and again["ids"] == body["ids"]
    with Store(url) as store:
        assert _versions(store) == expected
