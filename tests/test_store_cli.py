"""``tally ingest | list | show | history | export``: run the command, then
check through the library (or by reading the output back)."""

from __future__ import annotations

import csv
import io
import json

import pytest

import tally.extract
from tally.store import Store, list_incidents

from .store_fixtures import counts, db_url, pg_server, reports  # noqa: F401 (fixtures)
from .store_support import REPORTS, fake_extract


@pytest.fixture
def fake(monkeypatch):
    """Ingest with the test extractor (rich records whatever today's extractors give)."""
    monkeypatch.setattr(tally.extract, "extract", fake_extract)


def test_cli_ingest_then_query_commands(cli, db_url, reports, tmp_path, fake):
    result = cli("ingest", *reports, "--db", db_url)
    assert result.exit_code == 0, result.stderr
    assert "ingested" in result.stdout and "docs/s" in result.stdout
    again = cli("ingest", *reports, "--db", db_url)
    assert again.exit_code == 0
    with Store(db_url) as s:
        assert counts(s)["incidents"] == 5
        assert len(list_incidents(s)) == 5

    listed = cli("list", "--db", db_url, "--country", "MLI", "--sort", "-killed", "--format", "json")
    assert [r["id"] for r in json.loads(listed.stdout)] == ["market-attack-in-kidal", "convoy-bombing-near-gao"]
    table = cli("list", "--db", db_url, "--min-killed", "10", "--search", "raid")
    assert table.exit_code == 0 and "Raid on Kumba" in table.stdout

    shown = cli("show", "market-attack-in-kidal", "--db", db_url, "--format", "json")
    found = json.loads(shown.stdout)
    assert found["claims"][0]["source"] == "a local official"
    assert "killing 12 civilians" in found["claims"][0]["text"]
    view = cli("show", "market-attack-in-kidal", "--db", db_url)
    assert "a local official" in view.stdout and "Kidal" in view.stdout

    hist = cli("history", "market-attack-in-kidal", "--db", db_url, "--format", "json")
    found = json.loads(hist.stdout)
    assert [v["current"] for v in found["versions"]] == [True] and found["links"] == []
    assert cli("history", "market-attack-in-kidal", "--db", db_url).exit_code == 0

    exported = cli("export", "--db", db_url, "--schema", "acled", "--country", "CMR")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Kumba", "30")]
    out = tmp_path / "all.geojson"
    written = cli("export", "--db", db_url, "--format", "geojson", "--out", out)
    assert written.exit_code == 0 and "5 incidents written" in written.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 5


def test_cli_ingest_failures_exit_2_one_line_each(cli, tmp_path, reports, fake):
    pytest.importorskip("tally.readers.tabular")
    rows = tmp_path / "rows.csv"
    with open(rows, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        w.writerows([["a", REPORTS[0][2]], ["b", "  "], ["c", REPORTS[3][2]]])
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = cli("ingest", rows, tmp_path / "missing.txt", reports[1], "--db", db,
                 "--text-column", "text", "--id-column", "id")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("tally: error:")]
    assert len(errors) == 2
    assert str(rows) in errors[0] and "row 2" in errors[0]
    assert "missing.txt: no such file" in errors[1]
    assert "Traceback" not in result.stderr
    with Store(db) as s:
        assert sorted(r["id"] for r in list_incidents(s)) == ["a", "c", "convoy-bombing-near-gao"]


@pytest.mark.parametrize("args, code, message", [
    (["list", "--db", "sqlite:////no/such/dir/x.db"], 2, "no such directory"),
    (["list", "--db", "mysql://u@h/x"], 2, "unsupported database"),
    (["list", "--from", "2016-99"], 2, "--from must be a date"),
    (["list", "--sort", "colour"], 2, "cannot sort by"),
    (["show", "nope"], 1, "no incident 'nope'"),
    (["history", "nope"], 1, "no incident 'nope'"),
    (["export", "--format", "parquet"], 2, "give a file with --out"),
    (["list", "--min-killed", "99999999999999999999"], 2, "--min-killed must be between 0 and"),
    (["list", "--limit", "99999999999999999999"], 2, "--limit must be between 0 and"),
    (["list", "--actor", "a\x00b"], 2, "--actor cannot hold a NUL"),
])
def test_cli_errors_are_one_clear_line(cli, tmp_path, monkeypatch, args, code, message):
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.exit_code == code
    assert message in result.stderr and "Traceback" not in result.stderr


def test_cli_ingest_with_the_real_extractor_stores_valid_records(cli, tmp_path, reports, validator):
    db = f"sqlite:///{tmp_path / 'real.db'}"
    result = cli("ingest", *reports[:2], "--db", db)
    assert result.exit_code == 0, result.stderr
    ids = [r["id"] for r in json.loads(cli("list", "--db", db, "--format", "json").stdout)]
    assert len(ids) == 2
    exported = json.loads(cli("export", "--db", db, "--format", "json").stdout)
    for record in exported:
        assert not list(validator.iter_errors(record))


def test_cli_export_parquet_to_file(cli, tmp_path, reports, fake):
    pq = pytest.importorskip("pyarrow.parquet")
    db = f"sqlite:///{tmp_path / 'p.db'}"
    assert cli("ingest", *reports, "--db", db).exit_code == 0
    out = tmp_path / "gtd.parquet"
    assert cli("export", "--db", db, "--schema", "gtd", "--out", out).exit_code == 0  # format from extension
    table = pq.read_table(out)
    assert table.num_rows == 5 and "nkill" in table.column_names


def test_cli_default_db_matches_the_library():
    from tally.cli.store import DEFAULT_URL
    from tally.store import DEFAULT_URL as LIBRARY_DEFAULT

    assert DEFAULT_URL == LIBRARY_DEFAULT
