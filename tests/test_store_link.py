"""Reports linked into incidents in the store (issue 17), on SQLite and PostgreSQL:
linking on ingest, what stays apart, the evidence kept, overrides that survive
relink and re-ingest, the migration from one record per source, two ingests at
once, and a SIGKILL in the middle of relinking.

The reports are written for these tests in the shape the fake extractor of
``store_support`` reads ("... near Kidal (MLI) on 2016-03-04, killing 12
people ..."), so each test states the places, days and figures it relies on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from tally.model import Document
from tally.store import (Filters, LinkError, Store, history, ingest, ingest_documents, link, link_history,
                         list_incidents, merge, relink, show, unlink)
from tally.store import schema as t
from tally.store.db import make_engine
from tally.store.migrations import full_text_search, incidents_location_index

from . import store_v3 as v3
from .pg import create_database
from .store_fixtures import counts, db_url, pg_server, store  # noqa: F401  (fixtures)
from .store_support import STOP_ON_SQL, fake_extract, kill_inside_transaction, write_reports

ROOT = Path(__file__).resolve().parent.parent


def doc(rid: str, text: str, title: str | None = None) -> Document:
    return Document(text=text, source=f"{rid}.txt", format="plaintext", title=title or rid, id=rid)


def add(store: Store, *docs: Document, force: bool = False) -> None:
    result = ingest_documents(store, list(docs), extractor=fake_extract, force=force)
    assert not result.failed, result.failed


def report(rid: str, place: str, day: str, killed: int, code: str = "MLI", who: str = "the governor") -> Document:
    return doc(rid, f"Armed men attacked a village near {place} ({code}) on {day}, "
                    f"killing {killed} people, {who} said.")


def grouping(store: Store) -> dict[str, list[str]]:
    """Incident id -> its report ids, as the store holds them."""
    with store.read() as conn:
        rows = conn.execute(sa.select(t.incidents.c.id, t.reports.c.id.label("rid"))
                            .join(t.reports, t.reports.c.incident_pk == t.incidents.c.pk)
                            .order_by(t.reports.c.pk)).all()
    out: dict[str, list[str]] = {}
    for inc, rid in rows:
        out.setdefault(inc, []).append(rid)
    return out


def invariants(store: Store) -> None:
    """Every report in exactly one existing incident; no empty incident; counts right."""
    with store.read() as conn:
        orphans = conn.execute(sa.select(sa.func.count()).select_from(t.reports).where(
            sa.or_(t.reports.c.incident_pk.is_(None),
                   ~t.reports.c.incident_pk.in_(sa.select(t.incidents.c.pk))))).scalar_one()
        empty = conn.execute(sa.select(sa.func.count()).select_from(t.incidents).where(
            ~t.incidents.c.pk.in_(sa.select(t.reports.c.incident_pk).where(
                t.reports.c.incident_pk.is_not(None))))).scalar_one()
        counts_ = conn.execute(sa.select(t.incidents.c.report_count, sa.select(sa.func.count())
                                         .where(t.reports.c.incident_pk == t.incidents.c.pk)
                                         .scalar_subquery())).all()
    assert orphans == 0 and empty == 0
    assert all(a == b for a, b in counts_)


# ------------------------------------------------------------------ linking on ingest


def test_reports_of_one_event_become_one_incident(store):
    add(store,
        report("wire", "Kidal", "2016-03-04", 12),
        report("local", "Kidal", "2016-03-05", 14, who="a local official"),  # a day later: publication lag
        report("gao", "Gao", "2016-03-04", 4),  # the same day, 300 km away: another attack
        report("later", "Kidal", "2016-03-25", 3))  # the same town three weeks on: another attack
    assert grouping(store) == {"wire": ["wire", "local"], "gao": ["gao"], "later": ["later"]}
    invariants(store)
    found = show(store, "wire")
    assert [r["id"] for r in found["reports"]] == ["wire", "local"]
    joined = found["reports"][1]["link"]
    assert joined["rule"] == "matched" and joined["matched"] == "wire" and joined["score"] >= 0.55
    assert any(reason.startswith("one day apart") for reason in joined["reasons"])
    assert found["reports"][0]["link"] == {"rule": "new"}
    # the incident's record holds both reports' claims, each naming its report
    assert sorted({c["report"] for c in found["record"]["claims"]}) == ["local", "wire"]
    assert found["record"]["casualties"]["killed"]["best"] in (12, 14)
    # a report id finds its incident; the list counts the incident once and names its reports
    assert show(store, "local")["incident"]["id"] == "wire"
    rows = {r["id"]: r for r in list_incidents(store)}
    assert set(rows) == {"wire", "gao", "later"}
    assert rows["wire"]["report_count"] == 2
    assert [r["id"] for r in rows["wire"]["reports"]] == ["wire", "local"]
    assert set(rows["wire"]["reports"][0]) == {"id", "source", "title", "language"}


def test_two_attacks_in_one_region_on_one_day_stay_apart(store, monkeypatch):
    """Precise places 25 to 75 km apart on the same day are two attacks."""
    from . import store_support

    monkeypatch.setitem(store_support.COORDS, "Tinzar", (18.05, 1.20))  # about 48 km from Kidal
    add(store, report("a", "Kidal", "2016-03-04", 12), report("b", "Tinzar", "2016-03-04", 12))
    assert grouping(store) == {"a": ["a"], "b": ["b"]}


def test_filters_and_search_reach_every_report_of_an_incident(store):
    add(store, report("wire", "Kidal", "2016-03-04", 12),
        doc("local", "Armed men attacked a village near Kidal (MLI) on 2016-03-04, killing 12 people, "
                     "the governor said. The raid was claimed by Northern Front."))
    assert [r["id"] for r in list_incidents(store, Filters(actor="northern"))] == ["wire"]
    assert [r["id"] for r in list_incidents(store, Filters(search="raid"))] == ["wire"]


def test_linking_off_then_relink(db_url):
    docs = [report("wire", "Kidal", "2016-03-04", 12), report("local", "Kidal", "2016-03-04", 12),
            report("gao", "Gao", "2016-03-04", 4)]
    with Store(db_url, link=False) as s:
        add(s, *docs)
        assert grouping(s) == {"wire": ["wire"], "local": ["local"], "gao": ["gao"]}
    with Store(db_url) as s:
        assert relink(s) == {"reports": 3, "incidents": 2, "moved": 1}
        assert grouping(s) == {"wire": ["wire", "local"], "gao": ["gao"]}
        invariants(s)
        assert relink(s)["moved"] == 0  # relinking twice changes nothing
        assert grouping(s) == {"wire": ["wire", "local"], "gao": ["gao"]}
        assert link_history(s, "wire") == [] and [e["action"] for e in link_history(s, "local")] == []


def test_relink_gives_the_grouping_ingest_gave(store):
    add(store, *(report(f"r{i}", place, day, killed) for i, (place, day, killed) in enumerate([
        ("Kidal", "2016-03-04", 12), ("Gao", "2016-03-04", 4), ("Kidal", "2016-03-05", 13),
        ("Gao", "2016-03-05", 5), ("Kidal", "2016-05-01", 2), ("Ouaga", "2016-03-04", 7)])))
    before = grouping(store)
    assert before == {"r0": ["r0", "r2"], "r1": ["r1", "r3"], "r4": ["r4"], "r5": ["r5"]}
    assert relink(store)["moved"] == 0
    assert grouping(store) == before


def test_a_revised_report_alone_is_placed_again(store):
    add(store, report("wire", "Kidal", "2016-03-04", 12), report("local", "Kidal", "2016-04-04", 12))
    assert grouping(store) == {"wire": ["wire"], "local": ["local"]}
    add(store, report("local", "Kidal", "2016-03-04", 12))  # the date corrected in a new revision
    assert grouping(store) == {"wire": ["wire", "local"]}
    assert len(history(store, "local")) == 2
    invariants(store)


# ------------------------------------------------------------------ overrides


def test_unlink_link_and_merge_survive_relink_and_reingest(store):
    add(store, report("wire", "Kidal", "2016-03-04", 12), report("local", "Kidal", "2016-03-04", 40),
        report("gao", "Gao", "2016-03-04", 4), report("gao2", "Gao", "2016-03-04", 4))
    assert grouping(store) == {"wire": ["wire", "local"], "gao": ["gao", "gao2"]}

    assert unlink(store, "local") == "local"
    assert grouping(store) == {"wire": ["wire"], "local": ["local"], "gao": ["gao", "gao2"]}
    assert link(store, "gao2", "wire") == "wire"  # an analyst knows better than the evidence
    assert grouping(store) == {"wire": ["wire", "gao2"], "local": ["local"], "gao": ["gao"]}
    assert merge(store, "gao", "local") == "gao"
    expected = {"wire": ["wire", "gao2"], "gao": ["local", "gao"]}
    assert grouping(store) == expected
    invariants(store)

    relink(store)
    assert grouping(store) == expected
    add(store, *(report(r, p, "2016-03-04", k) for r, p, k in
                 [("wire", "Kidal", 12), ("local", "Kidal", 40), ("gao", "Gao", 4), ("gao2", "Gao", 4)]),
        force=True)
    assert grouping(store) == expected
    # a new report of the Kidal attack joins 'wire': 'gao2', put there by an analyst, does not veto it
    add(store, report("third", "Kidal", "2016-03-04", 12))
    assert grouping(store)["wire"] == ["wire", "gao2", "third"]
    assert [e["action"] for e in link_history(store, "local")] == ["unlink", "merge"]
    assert show(store, "gao2")["reports"][1]["link"]["rule"] == "override"


def test_unknown_ids_are_clear_errors(store):
    add(store, report("wire", "Kidal", "2016-03-04", 12))
    with pytest.raises(LinkError, match="no report 'nope'"):
        unlink(store, "nope")
    with pytest.raises(LinkError, match="no incident or report 'nope'"):
        link(store, "wire", "nope")
    with pytest.raises(LinkError, match="already one incident"):
        merge(store, "wire", "wire")


# ------------------------------------------------------------------ migration


def _old_store(url: str, tmp_path: Path) -> None:
    """A database as tally left it at schema version 3: three sources, one of
    them with a replaced revision, each a record of the test extractor."""
    engine = make_engine(url)
    texts = {
        "wire": "Armed men attacked a village near Kidal (MLI) on 2016-03-04, killing 12 people, the governor said.",
        "local": "Gunmen raided a village near Kidal (MLI) on 2016-03-04, killing 14 people, an official said.",
        "gao": "A bomb went off near Gao (MLI) on 2016-07-19, killing 4 soldiers, the army said.",
    }
    from tally.model import to_dict
    from tally.store.records import actor_rows, claim_rows, content_hash, incident_columns

    with engine.connect() as conn:
        conn = conn.execution_options(tally_write=True)
        with conn.begin():
            v3.metadata.create_all(conn, tables=list(v3.TABLES))
            full_text_search(conn)
            incidents_location_index(conn)
            t.metadata.create_all(conn, tables=[t.schema_version])
            for version, name in enumerate(["create_tables", "full_text_search", "incidents_location_index"], 1):
                conn.execute(t.schema_version.insert().values(version=version, name=name, applied_at="2026-01-01"))
            for i, (rid, text) in enumerate(texts.items(), 1):
                d = doc(rid, text)
                record = to_dict(fake_extract(d))
                conn.execute(v3.sources.insert().values(id=i, identity=rid, path=d.source, format="plaintext",
                                                        first_seen="2026-01-01", last_seen="2026-01-01"))
                conn.execute(v3.documents.insert().values(id=i, source_id=i, revision=1, content_hash=content_hash(d),
                                                          title=rid, text=text, ingested_at="2026-01-01"))
                if url.startswith("sqlite"):
                    conn.execute(sa.text("INSERT INTO documents_fts (rowid, title, text) VALUES (:i, :t, :x)"),
                                 {"i": i, "t": rid, "x": text})
                conn.execute(v3.incidents.insert().values(pk=i, source_id=i, document_id=i, revision=1, record=record,
                                                          updated_at="2026-01-01", **incident_columns(record)))
                conn.execute(v3.claims.insert(), [{"incident_pk": i, **c} for c in claim_rows(record)])
                if actor_rows(record):
                    conn.execute(v3.actors.insert(), [{"incident_pk": i, **a} for a in actor_rows(record)])
            conn.execute(v3.record_history.insert().values(incident_pk=1, revision=0, document_id=1,
                                                           record={"id": "wire"}, recorded_at="2025-12-01",
                                                           replaced_at="2026-01-01"))
            if url.startswith("postgresql"):
                for table in ("sources", "documents", "incidents", "claims", "record_history"):
                    conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', "
                                         f"'{'pk' if table == 'incidents' else 'id'}'), 10)")
    engine.dispose()


def _shape(url: str) -> dict[str, object]:
    """Tables, their columns and their indexes' columns, as the database reports them."""
    engine = make_engine(url)
    try:
        insp = sa.inspect(engine)
        out: dict[str, object] = {}
        for table in sorted(insp.get_table_names()):
            if table.startswith("documents_fts") or table == "ingest_checkpoints":
                continue
            out[table] = (sorted(c["name"] for c in insp.get_columns(table)),
                          sorted((ix["name"], tuple(ix["column_names"])) for ix in insp.get_indexes(table)),
                          sorted(tuple(fk["constrained_columns"]) + (fk["referred_table"],)
                                 for fk in insp.get_foreign_keys(table)))
        return out
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migration_keeps_every_record_as_a_one_report_incident(backend, request, tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else \
        create_database(request.getfixturevalue("pg_server"))
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}" if backend == "sqlite" else \
        create_database(request.getfixturevalue("pg_server"))
    _old_store(url, tmp_path)
    with Store(url) as s:
        assert s.schema_version() == 4
        assert grouping(s) == {"wire": ["wire"], "local": ["local"], "gao": ["gao"]}
        invariants(s)
        assert counts(s)["claims"] == 3 and counts(s)["record_history"] == 1
        assert show(s, "local")["claims"][0]["figure"] and show(s, "local")["record"]["id"] == "local"
        assert [h["revision"] for h in history(s, "wire")] == [0, 1]
        assert [r["id"] for r in list_incidents(s, Filters(search="soldiers"))] == ["gao"]
        relink(s)
        assert grouping(s) == {"wire": ["wire", "local"], "gao": ["gao"]}
        add(s, report("new", "Gao", "2016-07-19", 4))  # ingest goes on in the migrated store
        assert grouping(s)["gao"] == ["gao", "new"]
    Store(fresh).close()
    assert _shape(url) == _shape(fresh)  # a migrated database and a new one have the same shape


# ------------------------------------------------------------------ two writers, and a kill


def _event_reports(n_events: int, per_event: int) -> list[tuple[str, str, str]]:
    """``per_event`` reports of each of ``n_events`` attacks, each attack on its own day."""
    from datetime import date, timedelta

    places = ["Kidal", "Gao", "Ouaga", "Kumba"]
    out = []
    for e in range(n_events):
        day = (date(2016, 1, 1) + timedelta(days=3 * e)).isoformat()
        place = places[e % len(places)]
        code = "BFA" if place == "Ouaga" else "CMR" if place == "Kumba" else "MLI"
        for k in range(per_event):
            out.append((f"ev{e:03d}-{k}", f"Attack {e}, report {k}",
                        f"Armed men attacked a village near {place} ({code}) on {day}, killing {e % 9 + 3} "
                        f"people, source {k} said."))
    return out


INGEST = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from tally.store import Store, ingest
from tests.store_support import fake_extract
store = Store(sys.argv[1])
ingest(store, [Path(p) for p in sys.argv[2].split(",")], extractor=fake_extract)
"""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_ingests_at_once_link_every_event_once(backend, request, tmp_path):
    url = f"sqlite:///{tmp_path / 'busy.db'}" if backend == "sqlite" else \
        create_database(request.getfixturevalue("pg_server"))
    Store(url).close()
    reports = _event_reports(20, 3)
    paths = write_reports(tmp_path / "reports", reports)
    halves = [paths[0::2], paths[1::2]]  # each event's reports split between the two writers
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TALLY_TEST_SLOW": "0.005"}
    procs = [subprocess.Popen([sys.executable, "-c", INGEST, url, ",".join(map(str, half)), str(ROOT)],
                              env=env, stderr=subprocess.PIPE, text=True) for half in halves]
    for p in procs:
        assert p.wait(120) == 0, p.stderr.read()
    with Store(url) as s:
        invariants(s)
        groups = grouping(s)
        assert len(groups) == 20
        assert sorted(sorted(g) for g in groups.values()) == \
            sorted([f"attack-{e}-report-{k}" for k in range(3)] for e in range(20))


RELINK = STOP_ON_SQL + """
sys.path.insert(0, sys.argv[2])
from tally.store import Store, relink
relink(Store(sys.argv[1]))
print("done", flush=True)
"""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_sigkill_inside_relink_leaves_the_old_grouping_whole(backend, request, tmp_path):
    """The relinking child stops itself right after writing its 10th new
    incident, inside relink's one transaction; the test checks that the
    transaction is open, kills the child there, and finds the old grouping."""
    url = f"sqlite:///{tmp_path / 'big.db'}" if backend == "sqlite" else \
        create_database(request.getfixturevalue("pg_server"))
    with Store(url, link=False) as s:
        add(s, *(doc(rid, text, title) for rid, title, text in _event_reports(40, 2)))
        before = grouping(s)
    assert len(before) == 80
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "STOP_SQL": "INSERT INTO incidents", "STOP_AT": "10"}
    child = subprocess.Popen([sys.executable, "-c", RELINK, url, str(ROOT)], env=env, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def unchanged_meanwhile() -> None:
        with Store(url, migrate=False) as s:
            assert grouping(s) == before  # other connections never see a relink half done

    kill_inside_transaction(child, url, 10, unchanged_meanwhile)
    if backend == "sqlite":
        from bench import bench_crash  # the crash trials' integrity checks

        assert bench_crash.problems(Path(tmp_path / "big.db")) == []
    with Store(url) as s:
        invariants(s)
        assert grouping(s) == before  # all or nothing: the relink's one transaction never landed
        relink(s)
        assert len(grouping(s)) == 40


def test_an_incident_never_keeps_the_name_of_a_report_that_left_it(store):
    add(store, report("wire", "Kidal", "2016-03-04", 12), report("local", "Kidal", "2016-03-04", 12),
        report("third", "Kidal", "2016-03-04", 12))
    assert grouping(store) == {"wire": ["wire", "local", "third"]}
    assert unlink(store, "wire") == "wire"  # the report keeps its name for its own incident
    assert grouping(store) == {"local": ["local", "third"], "wire": ["wire"]}
    assert show(store, "wire")["incident"]["id"] == "wire"
    assert link(store, "local", "wire") == "wire"
    assert grouping(store) == {"third": ["third"], "wire": ["wire", "local"]}
    assert [e["action"] for e in link_history(store, "local")] == ["rename", "unlink", "rename", "link"]
    invariants(store)


def test_dates_at_the_ends_of_the_calendar_link_without_error(store):
    """A window of days around year 1 or 9999 is held inside the calendar."""
    add(store, report("early", "Kidal", "0001-01-02", 3), report("early2", "Kidal", "0001-01-02", 3),
        report("late", "Gao", "9999-12-30", 2))
    assert grouping(store) == {"early": ["early", "early2"], "late": ["late"]}


def test_an_error_while_linking_is_one_failure_line_and_stores_nothing(store, monkeypatch):
    """Fault injection: combining an incident's reports raises for one report;
    the batch goes on, that report is a failure line, and nothing of it is stored."""
    from tally.store import linking

    real = linking.combine

    def flaky(records, incident_id=None):
        if any(r.get("id") == "bad" for r in records):
            raise RuntimeError("combine failed")
        return real(records, incident_id=incident_id)

    monkeypatch.setattr(linking, "combine", flaky)
    result = ingest_documents(store, [report("wire", "Kidal", "2016-03-04", 12),
                                      report("bad", "Kidal", "2016-03-04", 12),
                                      report("gao", "Gao", "2016-03-04", 4)], extractor=fake_extract)
    assert result.ingested == 2 and len(result.failed) == 1
    assert result.failed[0] == "bad.txt: internal error while storing: RuntimeError: combine failed"
    assert grouping(store) == {"wire": ["wire"], "gao": ["gao"]}
    assert counts(store)["sources"] == counts(store)["documents"] == 2
    invariants(store)
