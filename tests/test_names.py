"""An incident's name from its facts (issue 22): news reports give no name
for the event, so their incident is named "Attack near X, Country, date";
an encyclopedia page's title wins when one is linked. Reports written for
these tests."""

from __future__ import annotations

import pytest

from tally.model import Document
from tally.reconcile.names import fact_name
from tally.store import Store, ingest_documents, list_incidents, show


@pytest.mark.parametrize("location, date, name", [
    ({"name": "Gwoza", "country": "Nigeria", "precision": "near"}, {"start": "2024-12-01", "end": "2024-12-01"},
     "Attack near Gwoza, Nigeria, 1 December 2024"),
    ({"name": "Gwoza", "country": "Nigeria", "precision": "exact"}, {"start": "2024-12-01"},
     "Attack in Gwoza, Nigeria, 1 December 2024"),
    ({"name": "Mopti", "country": "Mali", "precision": "admin1"}, {"start": "2019-03", "end": "2019-03"},
     "Attack in the Mopti region, Mali, March 2019"),
    ({"name": "Mali", "country": "Mali", "precision": "country"}, {"start": "2024-06-28", "end": "2024-06-29"},
     "Attack in Mali, 28–29 June 2024"),
    (None, {"start": "2024-06-30", "end": "2024-07-01"}, "Attack, 30 June 2024 – 1 July 2024"),
    (None, None, None),
])
def test_a_name_from_place_and_date(location, date, name):
    assert fact_name({"location": location, "date": date}) == name


def _news(rid: str, text: str, published: str) -> Document:
    return Document.from_text(text, source=f"{rid}.csv#row=1", format="csv", id=rid, meta={"date": published})


def test_an_incident_of_news_reports_is_named_from_its_facts(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'names.db'}") as store:
        result = ingest_documents(store, [
            _news("wire", "Gunmen killed nine traders at a market in Mopti, Mali, on Sunday, officials said.",
                  "2022-05-09"),
            _news("update", "The toll from Sunday's attack on the market in Mopti, Mali, has risen to 11, "
                            "a local official said.", "2022-05-10")])
        assert not result.failed
        (row,) = list_incidents(store)
        assert row["title"] == "Attack in Mopti, Mali, 8 May 2022"
        assert show(store, row["id"])["record"]["title"] == row["title"]


def test_show_says_how_each_report_gave_its_date_and_place(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'why.db'}") as store:
        ingest_documents(store, [
            _news("first", "Gunmen killed nine traders at a market in Mopti, Mali, on Sunday, officials said.",
                  "2022-05-09"),
            _news("later", "The toll from the attack on the market in Mopti, Mali, has risen to 11.", "2022-05-10")])
        reports = {r["id"]: r for r in show(store, "first")["reports"]}
    assert reports["first"]["date"]["rule"] == "relative" and reports["first"]["date"]["text"] == "on Sunday"
    assert reports["later"]["date"] == {"start": "2022-05-09", "end": "2022-05-10", "precision": "day",
                                        "text": None, "rule": "publication"}
    assert reports["first"]["place"] == "Mopti" and reports["first"]["place_precision"] == "exact"
