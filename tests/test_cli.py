"""The command line: help texts, output formats, and bad input handled per file."""

from __future__ import annotations

import bz2
import json

import pytest

from tally.model import SCHEMA_VERSION

from .conftest import EXAMPLES


def test_cli_help_names_every_command(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("extract", "eval"):
        assert command in result.stdout


@pytest.mark.parametrize("command", ["extract", "eval"])
def test_cli_subcommand_help_describes_options(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "--" in result.stdout and len(result.stdout.splitlines()) > 5


def test_cli_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("tally ")


def test_extract_json_is_an_array_of_records(cli, seed_path):
    result = cli("extract", seed_path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 1
    assert records[0]["schema_version"] == SCHEMA_VERSION
    assert records[0]["title"] == "2024 Bamako attacks"


def test_extract_jsonl_one_record_per_line_with_id_column(cli, tmp_path):
    csv_path = tmp_path / "reports.csv"
    csv_path.write_text(
        "ref,body\n"
        "17,\"Gunmen killed four farmers near the river on Monday, police said.\"\n"
        "0042,\"A roadside bomb wounded three soldiers, the army said.\"\n",
        encoding="utf-8",
    )
    result = cli("extract", csv_path, "--format", "jsonl", "--text-column", "body", "--id-column", "ref")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["17", "0042"]


def test_extract_table_is_readable(cli, seed_path):
    result = cli("extract", seed_path, "--format", "table")
    assert result.exit_code == 0
    assert "2024 Bamako attacks" in result.stdout
    assert "claims" in result.stdout


def test_extract_table_shows_language_and_victim_groups(cli, tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text('id,text\nk1,"Raiders killed 6 herders and 2 soldiers near the well, officials said."\n',
                    encoding="utf-8")
    result = cli("extract", str(rows), "--text-column", "text", "--id-column", "id", "--format", "table")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "language en" in out
    assert "victims: civilians" in out and "victims: security forces" in out


def _bad_inputs(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.xml"
    broken.write_text("<mediawiki>\n<page>\n<title>X</title>\n<revision><text>abc</text>\n</mediawiki>\n")
    return {"missing": tmp_path / "nope.txt", "binary": binary, "empty": empty, "malformed": broken}


@pytest.mark.parametrize("kind", ["missing", "binary", "empty", "malformed"])
def test_extract_bad_input_one_line_exit_2_batch_goes_on(cli, tmp_path, seed_path, kind):
    bad = _bad_inputs(tmp_path)[kind]
    result = cli("extract", bad, seed_path, "--format", "jsonl")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, result.stderr
    assert str(bad) in errors[0]
    assert "Traceback" not in result.stderr
    # the good input of the same batch was still processed
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [r["title"] for r in records] == ["2024 Bamako attacks"]


def test_extract_unknown_text_column_names_file_and_column(cli, tmp_path):
    csv_path = tmp_path / "reports.csv"
    csv_path.write_text("id,text\n1,Two people were killed.\n", encoding="utf-8")
    result = cli("extract", csv_path, "--text-column", "story", "--format", "jsonl")
    assert result.exit_code == 2
    assert str(csv_path) in result.stderr and "story" in result.stderr


def test_extract_reads_bz2_export_like_plain_export(cli):
    plain = EXAMPLES / "incidents.xml"
    packed = EXAMPLES / "incidents.xml.bz2"
    assert bz2.decompress(packed.read_bytes()) == plain.read_bytes()
    a = [json.loads(x) for x in cli("extract", plain, "--format", "jsonl").stdout.splitlines()]
    b = [json.loads(x) for x in cli("extract", packed, "--format", "jsonl").stdout.splitlines()]
    strip = lambda recs: [{k: v for k, v in r.items() if k not in ("source", "id")} for r in recs]  # noqa: E731
    assert len(a) >= 2 and strip(a) == strip(b)
