"""Reads that a write commits in the middle of (issue 21, load with writes).

``bench/bench_load.py --mixed`` reads the list, incident pages and the map
while ``tally ingest``, ``tally link`` and ``tally unlink`` write. A read of
the store runs several statements (the incident, then its reports; the list
rows, then their reports), and a write may commit between two of them. These
tests make that happen at a chosen statement, with no sleep and no timing: a
hook on the reading engine runs a ``link`` or ``unlink`` (its own store,
connection and transaction, committed) just before the reader's next
statement. Every read must answer from one state of the store, before the
write or after it, never a mix of both (on PostgreSQL, whose default READ
COMMITTED lets each statement see the commits made since the one before, the
incident detail was a 500 and the list showed an incident without its
reports).
"""

from __future__ import annotations

import warnings

import pytest
import sqlalchemy as sa
from sqlalchemy import event

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from tally.store import Store, ingest, link, list_incidents, show, unlink  # noqa: E402
from tally.store import schema as t  # noqa: E402
from tally.web import create_app  # noqa: E402

from .store_fixtures import db_url, pg_server  # noqa: E402,F401  (fixtures)
from .store_support import fake_extract, write_reports  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

#: two reports of two attacks, so ingest leaves each alone in its incident
TWO = [("alpha", "Market attack in Kidal",
        "Gunmen attacked a market in Kidal (MLI) on 2016-03-04, killing 12 civilians, a local official said."),
       ("beta", "Raid on Kumba",
        "Fighters raided Kumba (CMR) on 2017-11-02, killing 30 villagers, residents said.")]


@pytest.fixture
def two(db_url, tmp_path):  # noqa: F811 (the fixture imported above)
    """The URL of a store holding two reports, each its own incident; their ids."""
    with Store(db_url) as store:
        result = ingest(store, write_reports(tmp_path / "two", TWO), extractor=fake_extract)
        assert result.ingested == 2 and not result.failed
        with store.read() as conn:
            ids = list(conn.execute(sa.select(t.reports.c.id).order_by(t.reports.c.pk)).scalars())
    assert len(ids) == 2
    return db_url, ids[0], ids[1]


def write_before(engine: sa.Engine, marker: str, write) -> list[str]:
    """Run ``write()`` once, just before the first statement on ``engine`` that
    holds ``marker``; returns the statements seen (to check the hook fired)."""
    seen: list[str] = []

    def hook(conn, cursor, statement, parameters, context, executemany):
        if marker in statement and not seen:
            seen.append(statement)
            write()

    event.listen(engine, "before_cursor_execute", hook)
    return seen


def test_an_incident_read_while_its_report_moves_out(two):
    """GET /api/incidents/R while ``tally link R P`` commits between the statement
    that finds R's incident and the one that reads it: R's incident as it was
    (its one report), not a 500 because the incident is gone."""
    url, r, p = two
    app = create_app(url)
    with Store(url) as writer, TestClient(app, raise_server_exceptions=False) as client:
        fired = write_before(app.state.store.engine, "WHERE incidents.pk =", lambda: link(writer, r, p))
        got = client.get(f"/api/incidents/{r}")
        assert fired, "the link did not run inside the read"
        assert got.status_code == 200, got.text
        body = got.json()
        assert body["incident"]["id"] == r
        assert [x["id"] for x in body["reports"]] == [r]
        assert body["incident"]["report_count"] == 1
        after = client.get(f"/api/incidents/{r}").json()  # the next read sees the link
        assert after["incident"]["id"] == p
        assert sorted(x["id"] for x in after["reports"]) == sorted([r, p])


def test_claims_read_while_a_report_moves_back(two):
    """GET /api/incidents/P/claims while ``tally unlink R`` (R had been linked into
    P) commits between reading the incident and reading its reports: every claim
    of the incident's record points into a text the answer holds (the claims
    and the texts are of the same reports)."""
    url, r, p = two
    app = create_app(url)
    with Store(url) as writer, TestClient(app, raise_server_exceptions=False) as client:
        link(writer, r, p)
        fired = write_before(app.state.store.engine, "JOIN sources", lambda: unlink(writer, r))
        got = client.get(f"/api/incidents/{p}/claims")
        assert fired, "the unlink did not run inside the read"
        assert got.status_code == 200, got.text
        body = got.json()
        assert sorted({c["report"] for c in body["claims"]}) == sorted([r, p])
        for c in body["claims"]:
            assert body["texts"][c["report"]][c["start"]:c["end"]] == c["text"]
        assert show(writer, r)["incident"]["id"] == r  # and the unlink did commit


def test_the_list_while_a_report_moves(two):
    """The list's rows and their reports come from one state: a ``link`` that
    commits between the two statements shows in neither (every row's reports
    number its report_count, and each report is listed once)."""
    url, r, p = two
    with Store(url) as reader, Store(url) as writer:
        fired = write_before(reader.engine, "JOIN sources", lambda: link(writer, r, p))
        rows = list_incidents(reader)
        assert fired, "the link did not run inside the read"
        assert all(len(row["reports"]) == row["report_count"] for row in rows), rows
        assert sorted(x["id"] for row in rows for x in row["reports"]) == sorted([r, p])
        after = list_incidents(reader)
        assert [row["report_count"] for row in after] == [2]


def test_a_read_transaction_is_one_snapshot(two):
    """What the store's reads rely on: inside ``Store.read()``, a write committed
    after the first statement is not seen by the later ones."""
    url, r, p = two
    with Store(url) as reader, Store(url) as writer, reader.read() as conn:
        def incident_of(report: str) -> int:
            return conn.execute(sa.select(t.reports.c.incident_pk).where(t.reports.c.id == report)).scalar_one()

        before = incident_of(r)
        link(writer, r, p)
        assert incident_of(r) == before
        assert conn.execute(sa.select(sa.func.count()).select_from(t.incidents)).scalar_one() == 2


def test_the_list_snippet_is_the_first_reports_text(two):
    """Each list row's ``snippet`` is the start (120 characters) of its first
    report's text, the report stored first, also when another report joins it
    (read by one grouped query for the page, not one subquery per row)."""
    url, r, p = two
    with Store(url) as store:
        with store.read() as conn:
            texts = dict(conn.execute(sa.select(t.reports.c.id, t.documents.c.text)
                                      .join(t.documents, t.documents.c.id == t.reports.c.document_id)).all())
        rows = {row["id"]: row for row in list_incidents(store)}
        assert {i: row["snippet"] for i, row in rows.items()} == {r: texts[r][:120], p: texts[p][:120]}
        link(store, p, r)  # p (stored second) joins r's incident: r's text stays first
        assert [(row["id"], row["snippet"]) for row in list_incidents(store)] == [(r, texts[r][:120])]
        unlink(store, p)
        link(store, r, p)  # r (stored first) joins p's incident: now r's text is the first
        assert [(row["id"], row["snippet"]) for row in list_incidents(store)] == [(p, texts[r][:120])]
