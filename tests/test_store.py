"""The incident store, on SQLite and on a real PostgreSQL server.

Every test taking ``store`` (or ``db_url``) runs once per backend. The
PostgreSQL server is a throw-away cluster started for the session
(:mod:`tests.pg`); its tests are skipped, with the reason, when Debian's
PostgreSQL is not installed (``make test`` installs it).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from tally.model import Document
from tally.errors import ReaderError
from tally.store import (Filters, QueryError, Store, StoreError, export, history, ingest,
                         ingest_documents, list_incidents, show)
from tally.store import schema as t
from tally.store.columns import SCHEMAS
from tally.store.migrations import MIGRATIONS

from .store_fixtures import ROOT, counts, db_url, loaded, pg_server, reports, store  # noqa: F401 (fixtures)
from .store_support import (REPORTS, STOP_ON_SQL, fake_extract, generated_reports, kill_inside_transaction, plaintext,
                            write_reports)


def ids(rows) -> list[str]:
    return [r["id"] for r in rows]


# ----------------------------------------------------------------------------- schema

def test_store_migrations_are_named_and_applied_once(db_url):
    with Store(db_url) as s:
        with s.read() as conn:
            rows = conn.execute(sa.select(t.schema_version).order_by(t.schema_version.c.version)).all()
        assert [r.name for r in rows] == [name for name, _ in MIGRATIONS]
        assert s.schema_version() == len(MIGRATIONS)
    with Store(db_url) as again:
        assert again.migrate() == []


def test_store_sqlite_uses_wal_and_foreign_keys(tmp_path):
    with Store(str(tmp_path / "x.db")) as s:
        with s.read() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.mark.parametrize("url", ["mysql://u@h/db", "sqlite:////no/such/dir/x.db",
                                 "postgresql://nobody@127.0.0.1:1/x"])
def test_store_bad_url_is_a_clear_error(url):
    with pytest.raises(StoreError):
        Store(url)


# ----------------------------------------------------------------------------- ingest

def test_ingest_stores_records_claims_and_actors(loaded):
    assert counts(loaded) == {"sources": 5, "documents": 5, "incidents": 5, "reports": 5, "claims": 4, "actors": 6,
                              "record_history": 0}


def test_ingest_again_is_unchanged(loaded, reports, tmp_path, monkeypatch):
    before = counts(loaded)
    again = ingest(loaded, reports, extractor=fake_extract)
    assert (again.ingested, again.updated, again.unchanged, again.failed) == (0, 0, 5, [])
    monkeypatch.chdir(reports[0].parent)  # another spelling of the same path is the same source
    assert ingest(loaded, [Path("./kidal.txt")], extractor=fake_extract).unchanged == 1
    assert counts(loaded) == before


def test_ingest_changed_document_replaces_record_and_keeps_history(loaded, reports):
    old_id = "market-attack-in-kidal"
    reports[0].write_text(plaintext("Market attack in Kidal", REPORTS[0][2].replace("killing 12", "killing 14")
                                    + " Mourners gathered."), encoding="utf-8")
    result = ingest(loaded, reports, extractor=fake_extract)
    assert (result.ingested, result.updated, result.unchanged) == (0, 1, 4)
    current = show(loaded, old_id)
    assert current["revision"] == 2 and current["record"]["casualties"]["killed"]["best"] == 14
    assert [c["low"] for c in current["claims"]] == [14]
    versions = history(loaded, old_id)
    assert [(v["revision"], v["current"]) for v in versions] == [(1, False), (2, True)]
    assert versions[0]["record"]["casualties"]["killed"]["best"] == 12
    assert versions[0]["replaced_at"] is not None
    assert ids(list_incidents(loaded, Filters(search="mourners"))) == [old_id]
    assert counts(loaded)["claims"] == 4 and counts(loaded)["incidents"] == 5
    assert ingest(loaded, reports, extractor=fake_extract).unchanged == 5


def test_ingest_wiki_page_revisions_from_different_dumps(store):
    def page(dump, revision, text):
        return Document.from_text(text, source=f"{dump}#page=77", title="Raid on Kumba",
                                  meta={"page_id": 77, "revision_id": revision})

    first = page("jan.xml", 1001, REPORTS[3][2])
    assert ingest_documents(store, [first, page("jan.xml.bz2", 1001, REPORTS[3][2])],
                            extractor=fake_extract).as_dict()["unchanged"] == 1
    newer = page("feb.xml", 1002, REPORTS[3][2].replace("killing 30", "killing 31"))
    assert ingest_documents(store, [newer], extractor=fake_extract).updated == 1
    versions = history(store, "raid-on-kumba")
    assert [(v["revision_id"], v["record"]["casualties"]["killed"]["best"]) for v in versions] == \
        [("1001", 30), ("1002", 31)]
    assert counts(store)["incidents"] == 1


def test_ingest_bad_input_mid_batch_keeps_earlier_documents(store, reports, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    paths = [reports[0], empty, tmp_path / "missing.txt", reports[1]]
    result = ingest(store, paths, extractor=fake_extract)
    assert (result.ingested, len(result.failed)) == (2, 2)
    assert str(empty) in result.failed[0] and "empty" in result.failed[0]
    assert "missing.txt: no such file" in result.failed[1]
    assert len(list_incidents(store)) == 2


def test_ingest_bad_row_is_reported_with_its_row(store, tmp_path):
    pytest.importorskip("tally.readers.tabular")
    path = tmp_path / "reports.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        w.writerow(["r1", REPORTS[0][2]])
        w.writerow(["r2", ""])
        w.writerow(["r3", REPORTS[1][2]])
    result = ingest(store, [path], options={"text_column": "text", "id_column": "id"}, extractor=fake_extract)
    assert result.ingested == 2 and len(result.failed) == 1
    assert str(path) in result.failed[0] and "row 2" in result.failed[0]
    assert sorted(ids(list_incidents(store))) == ["r1", "r3"]


def test_ingest_extractor_error_fails_one_document(store, reports):
    items = [Document.from_text("EXPLODE now", source="boom.txt", title="Boom"),
             ReaderError("rows.csv", "bad quoting", "row 7")]
    result = ingest_documents(store, items, extractor=fake_extract)
    assert result.failed[0].startswith("boom.txt: internal error while extracting: RuntimeError")
    assert result.failed[1] == "rows.csv (row 7): bad quoting"
    assert counts(store)["documents"] == 0


def test_ingest_text_with_nul_characters_is_stored(store):
    doc = Document.from_text("Gunmen attacked\x00 a market in Kidal (MLI) on 2016-03-04, killing 3 people.",
                             source="nul.txt", title="Nul\x00 attack")
    assert ingest_documents(store, [doc], extractor=fake_extract).ingested == 1
    (row,) = list_incidents(store, Filters(search="market"))
    found = show(store, row["id"])
    assert found["claims"][0]["low"] == 3 and found["claims"][0]["start"] == 0


def test_ingest_failed_write_leaves_no_half_written_document(store, reports, monkeypatch):
    ingest(store, reports[:1], extractor=fake_extract)

    def broken(conn, pk, record):
        raise sa.exc.IntegrityError("INSERT INTO claims", {}, Exception("disk on fire"))

    monkeypatch.setattr(Store, "_insert_children", staticmethod(broken))
    result = ingest(store, reports[1:2], extractor=fake_extract)
    assert len(result.failed) == 1 and "disk on fire" in result.failed[0]
    assert counts(store) == {"sources": 1, "documents": 1, "incidents": 1, "reports": 1, "claims": 1, "actors": 2,
                             "record_history": 0}


def test_ingest_force_extracts_again_and_replaces_only_changed_records(loaded, reports):
    same = ingest(loaded, reports, extractor=fake_extract, force=True)
    assert (same.updated, same.unchanged) == (0, 5)

    def louder(doc):
        incident = fake_extract(doc)
        incident.title = (incident.title or "") + " (re-extracted)"
        return incident

    changed = ingest(loaded, reports, extractor=louder, force=True)
    assert (changed.updated, changed.unchanged) == (5, 0)
    versions = history(loaded, "raid-on-kumba")
    assert [v["record"]["title"] for v in versions] == ["Raid on Kumba", "Raid on Kumba (re-extracted)"]


def test_ingest_concurrent_writers_store_each_document_once(db_url, tmp_path):
    import threading

    paths = write_reports(tmp_path / "many", generated_reports(40))
    Store(db_url).close()  # migrate first
    results = []

    def worker():
        with Store(db_url) as s:
            results.append(ingest(s, paths, extractor=fake_extract))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert [r.failed for r in results] == [[], []]
    assert sum(r.ingested for r in results) == 40 and sum(r.unchanged for r in results) == 40
    with Store(db_url) as s:
        assert counts(s)["documents"] == counts(s)["incidents"] == 40


CHILD = STOP_ON_SQL + """
from pathlib import Path
from tally.store import Store, ingest
from tests.store_support import fake_extract
store = Store(sys.argv[1])
paths = sorted(Path(sys.argv[2]).glob("*.txt"))
ingest(store, paths, extractor=fake_extract)
"""


def test_ingest_killed_inside_a_document_then_rerun_completes(db_url, tmp_path):
    """The ingesting child stops itself right after inserting its 11th report,
    inside that document's transaction; killed there, the store holds the 10
    documents before it, whole, and a re-run stores the rest once."""
    n = 60
    folder = tmp_path / "batch"
    write_reports(folder, generated_reports(n))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "STOP_SQL": "INSERT INTO reports", "STOP_AT": "11"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, db_url, str(folder)], cwd=ROOT, env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    kill_inside_transaction(child, db_url, 11)
    with Store(db_url) as s:
        stored = counts(s)
        assert stored["documents"] == stored["incidents"] == stored["claims"] == stored["reports"] == 10
        result = ingest(s, sorted(folder.glob("*.txt")), extractor=fake_extract)
        assert (result.ingested, result.unchanged, result.failed) == (n - 10, 10, [])
        final = counts(s)
        assert final == {"sources": n, "documents": n, "incidents": n, "reports": n, "claims": n, "actors": 0,
                         "record_history": 0}
        assert len(set(ids(list_incidents(s)))) == n


# ----------------------------------------------------------------------------- queries

@pytest.mark.parametrize("filters, expected", [
    (Filters(), ["kumba", "ouaga", "gao", "kidal", "quiet"]),
    (Filters(country="mli"), ["gao", "kidal"]),
    (Filters(country="BFA,CMR"), ["kumba", "ouaga"]),
    (Filters(date_from="2016-07-19"), ["kumba", "ouaga", "gao"]),
    (Filters(date_to="2016-06"), ["kidal"]),
    (Filters(date_from="2017-01-31", date_to="2017-01-31"), ["ouaga"]),  # month precision overlaps
    (Filters(min_killed=5), ["kumba", "kidal"]),
    (Filters(actor="brigade"), ["kumba"]),
    (Filters(actor="NORT"), ["kidal"]),  # an alias
    (Filters(search="convoy soldiers"), ["gao"]),
    (Filters(search="killed"), ["kumba", "ouaga", "gao", "kidal"]),  # stemmed: "killing"
    (Filters(search='"market" * (NEAR'), []),  # punctuation is not syntax; every word must occur
    (Filters(search='market"*('), ["kidal"]),
    (Filters(search="nowhere"), []),
    (Filters(country="MLI", min_killed=5, search="market"), ["kidal"]),
])
def test_list_filters(loaded, filters, expected):
    stems = {"market-attack-in-kidal": "kidal", "convoy-bombing-near-gao": "gao", "shooting-in-ouaga": "ouaga",
             "raid-on-kumba": "kumba", "night-explosion": "quiet"}
    assert [stems[i] for i in ids(list_incidents(loaded, filters))] == expected


def test_list_sort_and_limit(loaded):
    assert [r["killed_best"] for r in list_incidents(loaded, sort="-killed")] == [30, 12, 4, 2, None]
    assert ids(list_incidents(loaded, sort="title", limit=2)) == ["convoy-bombing-near-gao",
                                                                  "market-attack-in-kidal"]


@pytest.mark.parametrize("kwargs", [{"sort": "nope"}, {"filters": Filters(date_from="2016-13")},
                                    {"filters": Filters(search="!!")}])
def test_list_bad_query_is_a_clear_error(loaded, kwargs):
    with pytest.raises(QueryError):
        list_incidents(loaded, **kwargs)


def test_iter_records_streams_in_batches(loaded):
    from tally.store import count_incidents, iter_records

    records = list(iter_records(loaded, Filters(country="MLI,BFA,CMR"), sort="id", batch_size=2))
    assert [r["id"] for r in records] == sorted(r["id"] for r in records) and len(records) == 4
    assert count_incidents(loaded, Filters(country="MLI,BFA,CMR")) == 4


def test_show_gives_claims_with_source_and_sentence(loaded, reports):
    found = show(loaded, "market-attack-in-kidal")
    (claim,) = found["claims"]
    assert claim["source"] == "a local official" and claim["categories"] == ["killed"]
    text = reports[0].read_text(encoding="utf-8")
    assert text[claim["start"]:claim["end"]] == claim["text"] and "killing 12" in claim["text"]
    assert found["source"]["path"] == str(reports[0])
    assert show(loaded, "no-such-id") is None and history(loaded, "no-such-id") is None


# ----------------------------------------------------------------------------- export

def _export(store, fmt, schema, tmp_path=None, **kw):
    if fmt == "parquet":
        out = tmp_path / "out.parquet"
        n = export(store, fmt, schema, out=out, **kw)
        return n, out
    buf = io.StringIO()
    n = export(store, fmt, schema, stream=buf, **kw)
    return n, buf.getvalue()


@pytest.mark.parametrize("schema", list(SCHEMAS))
def test_export_csv_reads_back(loaded, schema):
    n, text = _export(loaded, "csv", schema)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == len(rows) == 5
    assert list(rows[0]) == [name for name, _ in SCHEMAS[schema][0]]
    kumba = rows[0]  # newest first
    killed = {"tally": "killed_best", "ucdp": "best", "acled": "fatalities", "gtd": "nkill"}[schema]
    assert kumba[killed] == "30" and float(kumba["latitude"]) == 4.64


def test_export_ucdp_acled_gtd_meanings(loaded):
    _, text = _export(loaded, "json", "ucdp", filters=Filters(search="market"))
    (ucdp,) = json.loads(text)
    assert (ucdp["side_a"], ucdp["side_b"], ucdp["deaths_civilians"], ucdp["deaths_unknown"]) == \
        ("Northern Front", "Civilians", 12, 0)
    assert (ucdp["date_start"], ucdp["date_prec"], ucdp["where_prec"]) == ("2016-03-04", 1, 1)
    _, text = _export(loaded, "json", "acled", filters=Filters(search="market"))
    (acled,) = json.loads(text)
    assert acled["actor1"] == "Northern Front" and acled["actor2"] == "Civilians (Mali)"
    assert acled["source"] == "a local official" and "Gunmen attacked" in acled["notes"]
    _, text = _export(loaded, "json", "gtd", filters=Filters(search="ouaga"))
    (gtd,) = json.loads(text)
    assert (gtd["iyear"], gtd["imonth"], gtd["iday"], gtd["gname"], gtd["nkill"]) == (2017, 1, 0,
                                                                                      "Security Forces", 2)


def test_export_json_tally_is_full_valid_records(loaded, validator):
    n, text = _export(loaded, "json", "tally")
    records = json.loads(text)
    assert n == len(records) == 5
    for record in records:
        assert not list(validator.iter_errors(record))


@pytest.mark.parametrize("schema", list(SCHEMAS))
def test_export_geojson_is_a_valid_feature_collection(loaded, schema):
    _, text = _export(loaded, "geojson", schema)
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 5
    located = 0
    for f in doc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        if f["geometry"] is None:
            continue
        located += 1
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert (lat, lon) == (f["properties"]["latitude"], f["properties"]["longitude"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert located == 4
    kidal = next(f for f in doc["features"] if f["id"] == "market-attack-in-kidal")
    assert kidal["geometry"]["coordinates"] == [1.41, 18.44]  # lon, lat


@pytest.mark.parametrize("schema", list(SCHEMAS))
def test_export_parquet_reads_back(loaded, tmp_path, schema):
    pq = pytest.importorskip("pyarrow.parquet")
    n, out = _export(loaded, "parquet", schema, tmp_path, sort="id")
    table = pq.read_table(out)
    assert n == table.num_rows == 5
    assert table.column_names == [name for name, _ in SCHEMAS[schema][0]]
    lat = table.column("latitude").to_pylist()
    assert sorted(x for x in lat if x is not None) == [4.64, 12.37, 16.27, 18.44]


def test_export_parquet_needs_a_file(loaded):
    from tally.store import ExportError

    with pytest.raises(ExportError):
        export(loaded, "parquet", "tally", stream=io.StringIO())


# ----------------------------------------------------------------------------- docs

def test_docs_list_every_migration_and_export_column():
    store_md = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in store_md for name, _ in MIGRATIONS)
    export_md = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    for schema, (columns, _) in SCHEMAS.items():
        section = export_md.split(f"## `--schema {schema}`", 1)[1].split("\n## ", 1)[0]
        missing = [name for name, _ in columns if f"`{name}`" not in section]
        assert not missing, f"docs/export.md does not document {schema} columns {missing}"
