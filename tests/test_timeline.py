"""How an incident's toll moved (``tally timeline``, the API, the incident page,
``export --level timeline``), on reports written for these tests: one market
attack reported over five days, the toll rising from "at least 12" to 31, the
wire report updated by its source, read by the real extractor and stored in
real SQLite and PostgreSQL; and an article's revisions with a vandalised one
marked reverted."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import warnings
from datetime import date
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from tally.readers import read  # noqa: E402
from tally.reconcile.across import combine, combine_casualties  # noqa: E402
from tally.store import Store, ingest_documents, iter_report_records, list_incidents, version_time  # noqa: E402
from tally.store.timeline import Version, build_timeline, incident_timeline, iso_time, summary  # noqa: E402
from tally.web import create_app  # noqa: E402
from tally.web.api import TimelinePoint  # noqa: E402

from .store_fixtures import db_url, pg_server  # noqa: E402,F401  (fixtures)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

#: (file, [(report id, publication date, text)]): what came in each day.
DAYS = [
    ("day1.csv", [("kaya-wire", "2024-03-04",
                   "KAYA, Burkina Faso, March 4 - Gunmen on motorbikes attacked the cattle market in Kaya on "
                   "Monday, killing at least 12 people, a local official said.")]),
    ("day2.csv", [("kaya-ministry-1", "2024-03-05",
                   "The health ministry said on Tuesday that 19 people were killed and 25 wounded when gunmen "
                   "attacked the cattle market in Kaya, Burkina Faso, on Monday.")]),
    # the wire's own story again, updated: its source gives a new toll
    ("day3.csv", [("kaya-wire", "2024-03-06",
                   "KAYA, Burkina Faso, March 6 - Gunmen on motorbikes attacked the cattle market in Kaya on "
                   "Monday, killing 23 people, a local official said on Wednesday.")]),
    ("day4.csv", [("kaya-radio", "2024-03-07",
                   "The toll of Monday's attack on the cattle market in Kaya, Burkina Faso, has risen to 27 "
                   "dead, hospital sources said on Thursday.")]),
    ("day5.csv", [("kaya-ministry-2", "2024-03-08",
                   "The health ministry said on Friday that 31 people died and 40 were wounded in Monday's "
                   "attack on the cattle market in Kaya, Burkina Faso.")]),
]

#: the killed points as (at, report, revision, figure, running best), in order
KILLED = [("2024-03-04", "kaya-wire", 1, 12, 12), ("2024-03-05", "kaya-ministry-1", 1, 19, 19),
          ("2024-03-06", "kaya-wire", 2, 23, 23), ("2024-03-07", "kaya-radio", 1, 27, 27),
          ("2024-03-08", "kaya-ministry-2", 1, 31, 31)]


def write_days(folder: Path) -> list[Path]:
    """One CSV per day (``id``, ``date``, ``text``); their paths in day order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in DAYS:
        with open(folder / name, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "date", "text"])
            writer.writerows(rows)
        paths.append(folder / name)
    return paths


def ingest_days(cli, folder: Path, url: str) -> None:
    """``tally ingest`` each day's file in turn, as a feed would come in."""
    for path in write_days(folder):
        r = cli("ingest", path, "--text-column", "text", "--id-column", "id", "--date-column", "date", "--db", url)
        assert r.exit_code == 0, r.output


# ---------------------------------------------------------------- a version's time


def test_a_versions_time_is_its_timestamp_else_its_publication_date_else_when_stored():
    stored = "2026-01-02T03:04:05.678+00:00"
    assert version_time({"timestamp": "2024-03-05T10:20:00Z", "date": "2024-03-01"}, None, stored) \
        == "2024-03-05T10:20:00Z"
    assert version_time({"date": "2024-03-01"}, {"source": {"date": "2024-02-01"}}, stored) == "2024-03-01"
    assert version_time({}, {"source": {"date": "2 mars 2024"}}, stored) == "2024-03-02"
    assert version_time({"date": "March 2024"}, {}, stored) == "2026-01-02T03:04:05Z"  # not a day
    assert version_time(None, None, None) is None
    assert iso_time("2024-03-05T12:20:00+02:00") == "2024-03-05T10:20:00Z"
    assert iso_time(date(2024, 3, 5)) == "2024-03-05"


def _record(rid: str, figure: int, source: str, day: str) -> dict:
    """A record with one killed claim, in the stored JSON shape."""
    claim = {"categories": ["killed"], "low": figure, "high": figure, "source": source,
             "text": f"{figure} were killed, {source} said.", "start": 0, "end": 20, "victim_group": "civilians"}
    est = {"low": figure, "best": figure, "high": figure, "rule": "narrative", "claims": [0]}
    return {"id": rid, "source": {"date": day}, "claims": [claim], "casualties": {"killed": est}}


def test_points_follow_time_not_storage_order_and_a_reverted_version_is_not_counted():
    versions = [  # stored out of time order; the vandal's version is reverted
        Version("b", 1, 1, None, "2024-03-06", _record("b", 30, "the governor", "2024-03-06")),
        Version("a", 0, 1, None, "2024-03-04", _record("a", 10, "the police", "2024-03-04")),
        Version("a", 0, 2, None, "2024-03-05", _record("a", 900, "the police", "2024-03-05"), reverted=True),
        Version("a", 0, 3, None, "2024-03-07", _record("a", 10, "the police", "2024-03-07")),
    ]
    points = build_timeline(versions)
    assert [(p["at"], p["report"], p["best"], p["reverted"]) for p in points] == [
        ("2024-03-04", "a", 10, False), ("2024-03-05", "a", 900, True), ("2024-03-06", "b", 30, False)]
    # the reverted 900 leaves the running figure as it was; "a" giving 10 again is no new point
    assert [p["running"]["best"] for p in points] == [10, 10, 30]
    assert points[1]["group"] == "civilians" and points[0]["source"] == "the police"
    s = summary(points)["killed"]
    assert (s["first"], s["first_best"], s["latest"], s["latest_best"], s["changes"], s["reverted"]) == (
        "2024-03-04", 10, "2024-03-06", 30, 1, 1)


# ---------------------------------------------------------------- five days of reports


def test_five_days_of_reports_cli_api_page_and_export_agree(cli, db_url, tmp_path):
    ingest_days(cli, tmp_path / "days", db_url)
    r = cli("timeline", "kaya-ministry-2", "--db", db_url, "--format", "json")  # a report id: its incident
    assert r.exit_code == 0, r.output
    points = json.loads(r.stdout)
    assert [p["at"] for p in points] == sorted(p["at"] for p in points)
    killed = [p for p in points if p["category"] == "killed"]
    assert [(p["at"], p["report"], p["revision"], p["best"], p["running"]["best"]) for p in killed] == KILLED
    assert killed[0]["high"] is None and killed[0]["running"]["high"] is None  # "at least 12": open
    assert killed[0]["source"] == "a local official" and killed[2]["source"] == "a local official"
    assert killed[1]["source"] == "The health ministry" and killed[1]["group"] == "unknown"
    injured = [(p["at"], p["best"], p["running"]["best"]) for p in points if p["category"] == "injured"]
    assert injured == [("2024-03-05", 25, 25), ("2024-03-08", 40, 40)]
    for p in points:  # each point's sentence and figure are where it says
        assert p["text"][p["figure_start"] - p["start"]:p["figure_end"] - p["start"]].endswith(str(p["low"]))
    assert set(points[0]) >= {"at", "report", "revision", "source", "category", "group", "low", "best", "high",
                              "running"}
    assert all(set(TimelinePoint.model_validate(p).model_dump()) == set(p) for p in points)  # the API's model

    with TestClient(create_app(db_url)) as client:
        incident = client.get("/api/incidents/kaya-wire").json()
        assert incident["timeline"] == points
        assert client.get("/api/incidents/kaya-radio/timeline").json() == points
        assert client.get("/api/incidents/no-such/timeline").status_code == 404
        # the last running figure is the incident's own
        final = incident["record"]["casualties"]["killed"]
        assert (final["low"], final["best"], final["high"]) == tuple(killed[-1]["running"].values())
        page = client.get("/incidents/kaya-wire").text
        assert "killed: first reported 2024-03-04 (12), latest 2024-03-08 (31), changed 4 times" in page
        assert "injured: first reported 2024-03-05 (25), latest 2024-03-08 (40), changed once" in page
        assert page.count('<g class="step') == len(points)
        api_csv = client.get("/api/export?level=timeline&format=csv").text

    r = cli("timeline", "kaya-wire", "--db", db_url)
    assert r.exit_code == 0 and "changed 4 times" in r.stdout
    with Store(db_url) as store:  # the running figures' shortcut gives what combine() gives
        records = [{k: v for k, v in rec.items() if k != "incident_id"} for rec in iter_report_records(store)]
    assert len(records) == 4 and combine_casualties(records) == combine(records)["casualties"]

    out = tmp_path / "timeline.json"
    assert cli("export", "--db", db_url, "--level", "timeline", "--out", out).exit_code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert [{k: v for k, v in p.items() if k != "incident_id"} for p in exported] == points
    assert {p["incident_id"] for p in exported} == {"kaya-wire"}

    r = cli("export", "--db", db_url, "--level", "timeline", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows == list(csv.DictReader(io.StringIO(api_csv)))
    assert [(x["at"], x["report"], x["best"], x["running_best"]) for x in rows if x["category"] == "killed"] == [
        (at, rep, str(fig), str(run)) for at, rep, _, fig, run in KILLED]
    assert rows[0]["running_high"] == "" and rows[0]["reverted"] == "0"

    geo = tmp_path / "timeline.geojson"
    assert cli("export", "--db", db_url, "--level", "timeline", "--out", geo).exit_code == 0
    features = json.loads(geo.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["running_best"] for f in features] == [p["running"]["best"] for p in points]
    assert features[0]["geometry"]["type"] == "Point"  # Kaya has coordinates

    import pyarrow.parquet as pq

    pqt = tmp_path / "timeline.parquet"
    assert cli("export", "--db", db_url, "--level", "timeline", "--out", pqt).exit_code == 0
    table = pq.read_table(pqt).to_pylist()
    assert [(x["at"], x["best"], x["running_best"]) for x in table] == [
        (p["at"], p["best"], p["running"]["best"]) for p in points]

    r = cli("export", "--db", db_url, "--level", "timeline", "--schema", "ucdp")
    assert r.exit_code == 2 and "use --schema tally" in r.stderr
    r = cli("export", "--db", db_url, "--level", "timeline", "--policy", "acled")
    assert r.exit_code == 2 and "--policy does not apply to --level timeline" in r.stderr
    r = cli("export", "--db", db_url, "--level", "timeline", "--limit", "2", "--format", "json")
    assert json.loads(r.stdout) == exported[:2]  # --limit counts points


def test_an_unknown_incident_is_one_line_and_exit_1(cli, tmp_path):
    r = cli("timeline", "nothing-here", "--db", f"sqlite:///{tmp_path / 'empty.db'}")
    assert r.exit_code == 1 and r.stderr.strip().count("\n") == 0 and "no incident 'nothing-here'" in r.stderr


# ---------------------------------------------------------------- an article's revisions

ARTICLE = "= Kaya market attack =\n\nOn 4 March 2024 gunmen attacked the cattle market in Kaya, Burkina Faso, {}.\n"
REVISIONS = [  # (timestamp, revision id, the words that change, reverted)
    ("2024-03-04T09:00:00Z", "501", "killing at least 12 people", False),
    ("2024-03-05T10:00:00Z", "502", "killing 19 people, according to the health ministry", False),
    ("2024-03-05T10:20:00Z", "503", "killing 900 people, according to the health ministry", True),
    ("2024-03-07T16:30:00Z", "505", "killing 31 people, according to the health ministry", False),
]


def test_article_revisions_are_dated_by_timestamp_and_a_reverted_one_is_faded(cli, db_url, tmp_path):
    docs = []
    for n, (ts, rid, words, reverted) in enumerate(REVISIONS):
        path = tmp_path / f"revision-{n}" / "kaya-article.txt"
        path.parent.mkdir()
        path.write_text(ARTICLE.format(words), encoding="utf-8")
        (doc,) = list(read(path))
        docs.append(dataclasses.replace(doc, meta={"page_id": 4242, "timestamp": ts, "revision_id": rid,
                                                   **({"reverted": True} if reverted else {})}))
    with Store(db_url) as store:
        result = ingest_documents(store, docs)
        assert result.ingested == 1 and result.updated == 3, result.failed
        (incident,) = list_incidents(store)
        found = incident_timeline(store, incident["id"], texts=True)
    killed = [p for p in found["points"] if p["category"] == "killed"]
    assert [(p["at"], p["revision_id"], p["best"], p["reverted"], p["running"]["best"]) for p in killed] == [
        ("2024-03-04T09:00:00Z", "501", 12, False, 12), ("2024-03-05T10:00:00Z", "502", 19, False, 19),
        ("2024-03-05T10:20:00Z", "503", 900, True, 19), ("2024-03-07T16:30:00Z", "505", 31, False, 31)]
    assert found["summary"]["killed"]["changes"] == 2 and found["summary"]["killed"]["reverted"] == 1
    # the earlier revisions' texts come with it, for the page
    assert "killing 900 people" in found["texts"][f"{killed[2]['report']}@3"]
    with TestClient(create_app(db_url)) as client:
        page = client.get(f"/incidents/{incident['id']}").text
    assert page.count('class="step reverted"') == 1
    assert "changed 2 times (1 reverted, not counted)" in page
    r = cli("timeline", incident["id"], "--db", db_url)
    assert r.exit_code == 0 and "900" in r.stdout  # the reverted figure is listed, not counted:
    assert "killed: first reported 2024-03-04T09:00:00Z (12), latest 2024-03-07T16:30:00Z (31), changed 2 " \
           "times (1 reverted, not counted)" in " ".join(r.stdout.split())
