"""The bundled reports with a known grouping (``examples/linked_reports.csv``,
40 made-up reports of 20 attacks, English and French) go through the real
extractor and the store's linking: no two attacks share an incident, the
attacks a day or a province apart stay apart, and the grouping scores as
``bench/bench_link_reports.py`` reports it."""

from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa

from tally.link import bcubed
from tally.store import Store, ingest, show
from tally.store import schema as t

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "linked_reports.csv"


def test_the_bundled_reports_group_into_their_attacks(tmp_path):
    with open(EXAMPLE, encoding="utf-8", newline="") as fh:
        truth = {row["id"]: row["event"] for row in csv.DictReader(fh)}
    with Store(f"sqlite:///{tmp_path / 'linked.db'}") as store:
        result = ingest(store, [EXAMPLE], options={"text_column": "text", "id_column": "id", "date_column": "date"})
        assert result.ingested == len(truth) and not result.failed
        with store.read() as conn:
            got = dict(conn.execute(sa.select(t.reports.c.id, t.incidents.c.id)
                                    .join(t.incidents, t.incidents.c.pk == t.reports.c.incident_pk)).all())
        scores = bcubed(got, truth)
        assert scores["precision"] == 1.0  # never two attacks in one incident
        assert scores["f1"] >= 0.95
        # the follow-up whose toll "has risen" sets the incident's figure, and its reports are listed
        fada = show(store, "fada-3")
        assert fada["record"]["casualties"]["killed"]["best"] == 8
        assert {r["id"] for r in fada["reports"]} == {k for k, v in truth.items() if v == "fada"}


def test_the_incident_page_names_every_language_of_its_reports(tmp_path):
    import re
    import warnings

    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

    from tally.web import create_app

    url = f"sqlite:///{tmp_path / 'two.db'}"
    with Store(url) as store:
        ingest(store, [EXAMPLE], options={"text_column": "text", "id_column": "id", "date_column": "date"})
    with TestClient(create_app(url)) as client:
        html = client.get("/incidents/ouallam-en").text  # an English and a French report of one attack
    row = re.search(r'<dd id="language">(.*?)</dd>', html, re.S).group(1)
    assert re.findall(r'lang="(\w+)">', row) == ["en", "fr"]
