"""``evaluate`` and ``tally eval`` on small coded files written for these tests."""

from __future__ import annotations

import csv
import json

import pytest

from tally.errors import TallyError
from tally.evaluate import evaluate

ROWS = [
    # id, text, deaths, injured
    ("a1", "Bandits killed 12 villagers and wounded 4 in a night raid.", "12", "4"),
    ("a2", "At least 9 worshippers died when a bomb exploded at the shrine.", "9", "0"),
    ("a3", "Gunmen shot dead a district official outside his office.", "1", ""),
    ("a4", "Militia fighters killed 5 farmers, the mayor said.", "7", "several"),
]


def write_csv(path, rows=ROWS):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["row_id", "story", "dead", "hurt"])
        w.writerows(rows)


def test_metrics_on_csv(tmp_path):
    path = tmp_path / "gold.csv"
    write_csv(path)
    rep = evaluate(path, text_column="story", id_column="row_id", killed_column="dead",
                   injured_column="hurt")
    m = rep["metrics"]
    assert m["rows"] == 4
    assert m["deaths_rows"] == 4
    assert m["deaths_exact"] == pytest.approx(3 / 4)
    # "" and "several" are not scored; "0" is, and no injury mention counts as 0
    assert m["injured_rows"] == 2
    assert m["injured_exact"] == 1.0
    # a2's "at least 9" is open-ended and covers 9; a4's 5 misses 7
    assert m["deaths_interval_coverage"] == pytest.approx(3 / 4)
    assert m["median_high_low_ratio"] >= 1.0
    assert m["docs_per_s"] > 0
    (mm,) = rep["mismatches"]
    assert mm["id"] == "a4"
    assert mm["gold"]["deaths"] == "7"
    assert mm["predicted"]["killed"]["best"] == 5
    assert "Militia" in mm["text"]


def test_jsonl_and_numeric_values(tmp_path):
    path = tmp_path / "gold.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for rid, text, d, i in ROWS[:2]:
            fh.write(json.dumps({"n": int(rid[1:]), "text": text, "deaths": int(d), "injured": int(i)}) + "\n")
    rep = evaluate(path, text_column="text", id_column="n", killed_column="deaths", injured_column="injured")
    assert rep["metrics"]["rows"] == 2
    assert rep["metrics"]["deaths_exact"] == 1.0
    assert rep["mismatches"] == []


def test_documents_are_built_like_the_csv_reader(tmp_path, monkeypatch):
    path = tmp_path / "gold.csv"
    write_csv(path, ROWS[:2])
    seen = []
    import tally.extract as ex

    real = ex.extract

    def spy(doc, **kw):
        seen.append(doc)
        return real(doc, **kw)

    monkeypatch.setattr(ex, "extract", spy)
    evaluate(path, text_column="story", id_column="row_id", killed_column="dead", injured_column="hurt")
    d = seen[1]
    assert d.id == "a2" and isinstance(d.id, str)
    assert d.format == "csv"
    assert d.source == f"{path}#row=2"
    assert d.meta == {"row": 2, "line": 3, "date": None}
    assert d.text == ROWS[1][1]


def test_unknown_column_is_a_clear_error(tmp_path):
    path = tmp_path / "gold.csv"
    write_csv(path)
    with pytest.raises(TallyError, match="no column 'description'"):
        evaluate(path, text_column="description", killed_column="dead", injured_column="hurt")


def test_cli_eval_prints_metrics(tmp_path):
    from typer.testing import CliRunner

    from tally.cli import app

    runner = CliRunner()
    path = tmp_path / "gold.csv"
    write_csv(path)
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["eval", str(path), "--text-column", "story", "--id-column", "row_id",
                                 "--killed-column", "dead", "--injured-column", "hurt", "--json",
                                 "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["deaths_exact"] == pytest.approx(0.75)
    assert len(errors.read_text().splitlines()) == 1


def test_the_split_is_fixed_by_the_id_and_near_seventy_thirty():
    from tally.evaluate import split_of

    ids = [f"row-{n}" for n in range(2000)]
    parts = [split_of(i) for i in ids]
    assert 0.66 < parts.count("tuning") / len(ids) < 0.74
    # the part is a function of the id alone: any order, any file, any run
    assert [split_of(i) for i in reversed(ids)] == parts[::-1]
    assert split_of(17) == split_of("17") == split_of(" 17 ")


def test_validation_rows_are_scored_but_never_listed(tmp_path):
    from tally.evaluate import split_of

    # find one id of each part, both with a wrong figure
    tune = next(f"t{n}" for n in range(100) if split_of(f"t{n}") == "tuning")
    val = next(f"v{n}" for n in range(100) if split_of(f"v{n}") == "validation")
    path = tmp_path / "gold.csv"
    write_csv(path, [(tune, "Gunmen killed 5 people in a village.", "7", "0"),
                     (val, "Gunmen killed 5 people in a village.", "7", "0")])
    rep = evaluate(path, text_column="story", id_column="row_id", killed_column="dead", injured_column="hurt")
    assert rep["parts"]["tuning"]["deaths_rows"] == rep["parts"]["validation"]["deaths_rows"] == 1
    assert rep["parts"]["validation"]["deaths_exact"] == 0.0
    assert [m["id"] for m in rep["mismatches"]] == [tune]


def test_eval_measures_under_a_policy(tmp_path):
    """A coded file whose deaths count civilians only: the wad policy reads the
    civilians' figure where the report separates them from soldiers."""
    path = tmp_path / "gold.csv"
    write_csv(path, [("c1", "Gunmen killed five herders and three soldiers at the well.", "5", "0")])
    assert evaluate(path, text_column="story", id_column="row_id", killed_column="dead",
                    injured_column="hurt")["metrics"]["deaths_exact"] == 0.0
    assert evaluate(path, text_column="story", id_column="row_id", killed_column="dead",
                    injured_column="hurt", policy="wad")["metrics"]["deaths_exact"] == 1.0
