"""Incidents made of reports, on the command line: ``tally list`` / ``show`` /
``history`` at incident level, the overrides ``tally link | unlink | merge |
relink`` and ``ingest --no-link``, and ``tally export`` at incident and report
level. Run through the CLI on SQLite and PostgreSQL, checked by reading the
output back.

The test reports (written for these tests) describe two invented attacks close
in time and place: a market attack in Kidal told by two reports (same town, same
day, tolls 12 and 14) and, the next day, a checkpoint attack near Gao, some 300 km
away. A last test uses tally's real extractor on three plain news reports.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import tally.extract

from .store_fixtures import db_url, pg_server  # noqa: F401 (fixtures)
from .store_support import fake_extract, write_reports

KIDAL_A, KIDAL_B, GAO = "market-attack-in-kidal", "kidal-market-toll-rises", "checkpoint-attack-near-gao"

#: (file stem, title, text), in the shape the test extractor reads
ATTACKS = [
    ("kidal_a", "Market attack in Kidal",
     "Gunmen attacked a market in Kidal (MLI) on 2016-03-04, killing 12 civilians, a local official "
     "said. The attack was claimed by Northern Front."),
    ("kidal_b", "Kidal market toll rises",
     "Gunmen stormed the cattle market in Kidal (MLI) on 2016-03-04, killing 14 civilians, the governor "
     "said. The attack was claimed by Northern Front."),
    ("gao", "Checkpoint attack near Gao",
     "Gunmen attacked a checkpoint near Gao (MLI) on 2016-03-05, killing 3 soldiers, the army said."),
]


@pytest.fixture
def fake(monkeypatch):
    """Ingest with the test extractor (fast, and the records say what the texts say)."""
    monkeypatch.setattr(tally.extract, "extract", fake_extract)


@pytest.fixture
def attacks(tmp_path) -> list[Path]:
    return write_reports(tmp_path / "attacks", ATTACKS)


def ok(result):
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def grouping(cli, db) -> dict[str, list[str]]:
    """Incident id -> the ids of its reports, from ``tally list --format json``."""
    items = json.loads(ok(cli("list", "--db", db, "--format", "json")).stdout)
    return {item["id"]: sorted(r["id"] for r in item["reports"]) for item in items}


def groups(cli, db) -> list[list[str]]:
    return sorted(grouping(cli, db).values())


def sort(expected: list[list[str]]) -> list[list[str]]:
    """A grouping in the order :func:`groups` gives it."""
    return sorted(sorted(g) for g in expected)


def export_rows(cli, db, *args) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ok(cli("export", "--db", db, *args)).stdout)))


def test_list_show_and_export_give_incidents(cli, db_url, attacks, fake):
    ok(cli("ingest", *attacks, "--db", db_url))
    items = json.loads(ok(cli("list", "--db", db_url, "--format", "json")).stdout)
    assert len(items) == 2
    by_id = {item["id"]: item for item in items}
    kidal = by_id[KIDAL_A]
    assert kidal["report_count"] == 2
    assert kidal["reports"] == [
        {"id": KIDAL_A, "source": str(attacks[0]), "title": "Market attack in Kidal", "language": None},
        {"id": KIDAL_B, "source": str(attacks[1]), "title": "Kidal market toll rises", "language": None},
    ]
    assert by_id[GAO]["report_count"] == 1 and [r["id"] for r in by_id[GAO]["reports"]] == [GAO]
    table = ok(cli("list", "--db", db_url)).stdout
    assert "2 incidents" in table and "reports" in table

    # show: a report's id shows its incident, with the reports and why they were linked
    found = json.loads(ok(cli("show", KIDAL_B, "--db", db_url, "--format", "json")).stdout)
    assert found["incident"]["id"] == KIDAL_A and found["incident"]["report_count"] == 2
    assert [r["id"] for r in found["reports"]] == [KIDAL_A, KIDAL_B]
    assert found["reports"][1]["link"]["rule"] == "matched"
    assert {c["report"] for c in found["claims"]} == {KIDAL_A, KIDAL_B}
    view = ok(cli("show", KIDAL_A, "--db", db_url)).stdout
    assert "Reports (2)" in view and "matched 0.95" in view and "day" in view  # 12 and 14 killed: close figures

    # export: one row per incident by default; the linked attack is counted once
    incidents = export_rows(cli, db_url)
    assert len(incidents) == 2
    row = next(r for r in incidents if r["id"] == KIDAL_A)
    assert row["reports"] == "2" and row["report_ids"] == f"{KIDAL_A};{KIDAL_B}"
    assert [r["report_ids"] for r in incidents if r["id"] == GAO] == [GAO]
    killed = {r["id"]: int(r["killed_best"]) for r in incidents}
    assert killed[GAO] == 3 and killed[KIDAL_A] in (12, 14)
    assert sum(killed.values()) == killed[KIDAL_A] + 3  # not 12 + 14 + 3
    assert sum(int(r["fatalities"]) for r in export_rows(cli, db_url, "--schema", "acled")) == sum(killed.values())

    # --level reports: one row per report, incident_id first
    text = ok(cli("export", "--db", db_url, "--level", "reports")).stdout
    assert text.splitlines()[0].startswith("incident_id,id,")
    reports = list(csv.DictReader(io.StringIO(text)))
    assert sorted((r["incident_id"], r["id"]) for r in reports) == sorted([
        (GAO, GAO), (KIDAL_A, KIDAL_A), (KIDAL_A, KIDAL_B)])
    assert sorted(int(r["killed_best"]) for r in reports) == [3, 12, 14]
    assert "reports" not in reports[0] and "report_ids" not in reports[0]


def test_overrides_survive_relink_and_reingest(cli, db_url, attacks, tmp_path, fake):
    ok(cli("ingest", *attacks, "--db", db_url))
    auto = [[KIDAL_A, KIDAL_B], [GAO]]
    assert groups(cli, db_url) == sort(auto)

    def survives(expected):
        expected = sort(expected)
        assert groups(cli, db_url) == expected
        assert "relinked 3 reports" in ok(cli("relink", "--db", db_url)).stdout
        assert groups(cli, db_url) == expected
        ok(cli("ingest", *attacks, "--db", db_url, "--force"))
        assert groups(cli, db_url) == expected

    # link: the Gao report into the Kidal incident
    said = ok(cli("link", GAO, KIDAL_B, "--db", db_url)).stdout
    assert said.strip() == f"report {GAO} is now in incident {KIDAL_A} (3 reports)"
    survives([[GAO, KIDAL_A, KIDAL_B]])

    # unlink: it goes back to an incident of its own, and stays apart
    said = ok(cli("unlink", GAO, "--db", db_url)).stdout
    assert said.startswith(f"report {GAO} is now incident ") and "keeps 2 reports" in said
    survives(auto)

    # unlink one of two reports the rules link: kept apart, even when its text changes
    ok(cli("unlink", KIDAL_B, "--db", db_url))
    survives([[GAO], [KIDAL_A], [KIDAL_B]])
    revised = write_reports(tmp_path / "revised", [
        ("kidal_b", ATTACKS[1][1], ATTACKS[1][2].replace("killing 14", "killing 15"))])[0]
    attacks[1].write_text(revised.read_text(encoding="utf-8"), encoding="utf-8")
    ok(cli("ingest", attacks[1], "--db", db_url))
    assert groups(cli, db_url) == sort([[GAO], [KIDAL_A], [KIDAL_B]])
    assert len(json.loads(ok(cli("history", KIDAL_B, "--db", db_url, "--format", "json")).stdout)["versions"]) == 2

    # merge: the two Kidal incidents again, by any of their ids
    said = ok(cli("merge", KIDAL_A, KIDAL_B, "--db", db_url)).stdout
    assert said.strip().endswith(f"merged into incident {KIDAL_A} (2 reports)")
    survives(auto)

    # every override is in the history, with what it did
    hist = json.loads(ok(cli("history", GAO, "--db", db_url, "--format", "json")).stdout)
    assert [e["action"] for e in hist["links"] if e["report_id"] == GAO] == ["link", "unlink"]
    view = ok(cli("history", KIDAL_B, "--db", db_url)).stdout
    assert "link events" in view and "unlink" in view and "merge" in view


def test_ingest_no_link_then_relink(cli, db_url, attacks, fake):
    ok(cli("ingest", *attacks, "--db", db_url, "--no-link"))
    assert groups(cli, db_url) == sort([[GAO], [KIDAL_A], [KIDAL_B]])
    assert len(export_rows(cli, db_url)) == 3
    said = ok(cli("relink", "--db", db_url)).stdout.strip()
    assert said == "relinked 3 reports into 2 incidents; 1 moved"
    assert groups(cli, db_url) == sort([[GAO], [KIDAL_A, KIDAL_B]])


@pytest.mark.parametrize("args, message", [
    (["link", "nope", KIDAL_A], "no report 'nope'"),
    (["link", GAO, "nope"], "no incident or report 'nope'"),
    (["unlink", "nope"], "no report 'nope'"),
    (["merge", "nope", KIDAL_A], "no incident or report 'nope'"),
    (["merge", KIDAL_A, "nope"], "no incident or report 'nope'"),
    (["merge", KIDAL_A, KIDAL_B], "already one incident"),
    (["export", "--level", "events"], "--level"),
])
def test_unknown_ids_are_one_line_and_exit_2(cli, tmp_path, attacks, fake, args, message):
    db = f"sqlite:///{tmp_path / 'e.db'}"
    ok(cli("ingest", *attacks, "--db", db))
    before = grouping(cli, db)
    result = cli(*args, "--db", db)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(lines) == 1 or args[0] == "export"  # click's own usage message for a bad choice
    assert grouping(cli, db) == before


def test_unknown_ids_on_both_stores(cli, db_url, attacks, fake):
    ok(cli("ingest", *attacks, "--db", db_url))
    for args in (["link", "nope", KIDAL_A], ["unlink", "nope"], ["merge", KIDAL_A, "nope"]):
        result = cli(*args, "--db", db_url)
        assert result.exit_code == 2 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "'nope'" in result.stderr


@pytest.mark.parametrize("schema", ["tally", "ucdp", "acled", "gtd"])
def test_report_level_export_in_every_format(cli, db_url, attacks, tmp_path, fake, schema):
    ok(cli("ingest", *attacks, "--db", db_url))
    pairs = sorted([(GAO, GAO), (KIDAL_A, KIDAL_A), (KIDAL_A, KIDAL_B)])
    first = {"tally": "id", "ucdp": "id", "acled": "event_id_cnty", "gtd": "eventid"}[schema]
    base = ["--db", db_url, "--schema", schema]

    rows = list(csv.DictReader(io.StringIO(ok(cli("export", *base, "--level", "reports")).stdout)))
    assert list(rows[0])[:2] == ["incident_id", first]
    assert sorted((r["incident_id"], r[first]) for r in rows) == pairs
    assert len(list(csv.DictReader(io.StringIO(ok(cli("export", *base)).stdout)))) == 2

    items = json.loads(ok(cli("export", *base, "--level", "reports", "--format", "json")).stdout)
    assert list(items[0])[0] == "incident_id"
    assert sorted((i["incident_id"], i[first]) for i in items) == pairs
    if schema == "tally":  # the full report records, each with its incident
        assert all("claims" in i and "casualties" in i and "reports" not in i for i in items)
        incidents = json.loads(ok(cli("export", *base, "--format", "json")).stdout)
        kidal = next(i for i in incidents if i["id"] == KIDAL_A)
        assert [r["id"] for r in kidal["reports"]] == [KIDAL_A, KIDAL_B]
        assert {c["report"] for c in kidal["claims"]} == {KIDAL_A, KIDAL_B}

    geo = json.loads(ok(cli("export", *base, "--level", "reports", "--format", "geojson")).stdout)
    assert sorted((f["properties"]["incident_id"], f["id"]) for f in geo["features"]) == pairs
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])

    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / f"{schema}.parquet"
    said = ok(cli("export", *base, "--level", "reports", "--out", out))
    assert "3 reports written" in said.stderr
    table = pq.read_table(out)
    assert table.column_names[0] == "incident_id" and table.num_rows == 3
    out2 = tmp_path / f"{schema}-incidents.parquet"
    assert "2 incidents written" in ok(cli("export", *base, "--out", out2)).stderr
    assert pq.read_table(out2).num_rows == 2


# ------------------------------------------------------------------ the real extractor

#: three plain news reports written for this test: two of one invented market attack in
#: Djibo (same day, tolls 11 and 13) and one of an ambush near Arbinda, about 80 km away,
#: the next day
NEWS = {
    "djibo_wire.txt": (
        "Gunmen kill 11 at a market in northern Burkina Faso\n\n"
        "Armed men on motorbikes opened fire on traders at the weekly market in Djibo, in Burkina "
        "Faso's Soum province, on 14 March 2021, killing 11 civilians, a regional official said. "
        "Several stalls were set alight before the attackers fled towards the border with Mali.\n"),
    "djibo_local.txt": (
        "Djibo market attack: toll reaches 13\n\n"
        "The attack on the Djibo market on 14 March 2021 killed 13 civilians and wounded 6 others, "
        "the governor of the Sahel region said on Monday. Witnesses said the gunmen arrived on "
        "motorbikes in the early afternoon and shot at people buying grain.\n"),
    "arbinda.txt": (
        "Soldiers killed in ambush near Arbinda\n\n"
        "Four soldiers were killed when their patrol was ambushed near Arbinda, in Burkina Faso's "
        "Soum province, on 15 March 2021, the army said. The patrol was returning from an escort "
        "mission when an explosive device struck the lead vehicle.\n"),
}


def test_real_extractor_links_the_reports_of_one_attack(cli, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    paths = []
    for name, text in NEWS.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    db = f"sqlite:///{tmp_path / 'news.db'}"
    ok(cli("ingest", *paths, "--db", db))
    items = json.loads(ok(cli("list", "--db", db, "--format", "json")).stdout)
    sources = sorted(sorted(Path(r["source"]).name for r in item["reports"]) for item in items)
    assert sources == [["arbinda.txt"], ["djibo_local.txt", "djibo_wire.txt"]]
    djibo = next(item for item in items if item["report_count"] == 2)
    assert all(r["language"] == "en" and r["title"] for r in djibo["reports"])
    assert djibo["place"] == "Djibo"

    rows = export_rows(cli, db)
    assert len(rows) == 2 and sorted(r["reports"] for r in rows) == ["1", "2"]
    by_report = export_rows(cli, db, "--level", "reports")
    assert len(by_report) == 3
    assert sorted(r["incident_id"] for r in by_report).count(djibo["id"]) == 2

    # the analyst disagrees: the local report is kept apart, and relink keeps it so
    local = next(r["id"] for r in djibo["reports"] if r["source"].endswith("djibo_local.txt"))
    ok(cli("unlink", local, "--db", db))
    ok(cli("relink", "--db", db))
    assert len(json.loads(ok(cli("list", "--db", db, "--format", "json")).stdout)) == 3
