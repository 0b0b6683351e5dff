"""Hostile inputs (issue 9, inputs): each case is named, read through the
readers and through ``tally extract``, and must end in a Document/record or
a one-line error naming the file (and row or page); never a traceback, never
a stop of the batch. Outcomes and timings: docs/reliability.md."""

from __future__ import annotations

import bz2
import json
import resource
import tracemalloc
from pathlib import Path

import pytest

from tally.errors import ReaderError, TallyError
from tally.extract import extract
from tally.limits import (DEFAULT_MAX_DOC_BYTES, DEFAULT_MAX_DOC_SECONDS, DocumentTimeLimit, ENV_BYTES,
                          ENV_SECONDS, Budget, max_doc_bytes, max_doc_seconds)
from tally.model import Document
from tally.text.quantities import MAX_FIGURE, find_quantities, parse_quantity
from tally.readers import read, read_bytes

from .growth import growth

GOOD_TEXT = "Gunmen killed 12 people in the village on Monday, police said.\n"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<mediawiki><page><title>&lol9;</title><ns>0</ns><id>1</id>
<revision><id>1</id><text>&lol9; 5 people were killed.</text></revision></page></mediawiki>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE mediawiki [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<mediawiki><page><title>X</title><ns>0</ns><id>1</id>
<revision><id>1</id><text>&xxe; 5 people were killed.</text></revision></page></mediawiki>
"""


def _export(n_pages: int) -> bytes:
    pages = "".join(
        f"<page><title>Attack {i}</title><ns>0</ns><id>{i}</id><revision><id>{i}</id>"
        f"<text>The attack on the town of Foo killed {i} people and injured {2 * i}.</text></revision></page>"
        for i in range(1, n_pages + 1))
    return f"<mediawiki>{pages}</mediawiki>".encode()


def _items(data: bytes, name: str, fmt: str | None = None, **options):
    return list(read_bytes(data, name, fmt, **options))


def _docs(items):
    return [i for i in items if isinstance(i, Document)]


# --------------------------------------------------------------------------- readers


def test_empty_file_is_a_reader_error_for_every_format():
    for fmt in ("text", "plaintext", "wikitext", "xml", "csv", "tsv", "jsonl"):
        with pytest.raises(ReaderError) as exc:
            _items(b"", "empty.in", fmt)
        assert str(exc.value).startswith("empty.in")


def test_binary_file_is_refused_for_every_format():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
    for fmt in ("text", "plaintext", "wikitext", "xml", "csv", "tsv", "jsonl"):
        with pytest.raises(ReaderError) as exc:
            _items(png, "photo.png", fmt)
        assert str(exc.value).startswith("photo.png"), fmt


def test_latin1_text_is_read_as_windows_1252():
    data = "Caf\xe9 Ren\xe9: 12 people were killed in S\xe3o Tom\xe9.".encode("latin-1")
    (doc,) = _docs(_items(data, "latin1.txt"))
    assert "Caf\xe9 Ren\xe9" in doc.text and "S\xe3o Tom\xe9" in doc.text
    rec = extract(doc)
    assert [(c.categories, c.low) for c in rec.claims] == [(["killed"], 12)]


def test_utf16_with_bom_and_mixed_line_endings():
    text = "Attack on Foo\r\n\r\nAt least 12 people were killed.\rTwo were injured.\nEnd.\r\n"
    for enc in ("utf-16", "utf-16-be", "utf-32"):
        data = text.encode(enc) if enc != "utf-16-be" else b"\xfe\xff" + text.encode(enc)
        (doc,) = _docs(_items(data, "report.txt"))
        assert "\r" not in doc.text
        assert doc.text.startswith("Attack on Foo\n\nAt least 12")
        rec = extract(doc)
        assert any("killed" in c.categories for c in rec.claims)
        for c in rec.claims:
            assert doc.text[c.start:c.end] == c.text


def test_utf16_csv_with_mixed_line_endings_keeps_rows():
    data = "\ufeffid,text\r\n1,Two people were killed.\n2,\"Three were\r\ninjured.\"\r3,Four died.\r\n"
    items = _items(data.encode("utf-16-le"), "rows.csv", id_column="id")
    docs = _docs(items)
    assert [d.id for d in docs] == ["1", "2", "3"]
    assert docs[1].text == "Three were\ninjured."


def test_truncated_bz2_upload_and_file(tmp_path):
    packed = bz2.compress(_export(400))
    cut = packed[: len(packed) // 2]
    with pytest.raises(ReaderError, match="truncated"):
        _items(cut, "dump.xml.bz2")
    path = tmp_path / "dump.xml.bz2"
    path.write_bytes(cut)
    with pytest.raises(ReaderError, match="truncated") as exc:
        list(read(path))
    assert str(exc.value).startswith(str(path))


def test_multistream_bz2_upload_is_read_whole():
    data = _export(3)
    half = len(data) // 2
    items = _items(bz2.compress(data[:half]) + bz2.compress(data[half:]), "dump.xml.bz2")
    assert len(_docs(items)) == 3


def test_malformed_xml_names_the_line_after_the_good_pages():
    data = _export(2)[: -len("</mediawiki>")] + b"\n<page><title>Broken</title>\n<revision>"
    got = []
    with pytest.raises(ReaderError) as exc:
        for item in read_bytes(data, "broken.xml"):
            got.append(item)
    assert len(_docs(got)) == 2
    assert "malformed XML" in str(exc.value) and "(line " in str(exc.value)


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_entity_xml_is_refused_without_expansion(data):
    with pytest.raises(ReaderError, match="DTD or entity declarations is refused"):
        _items(data, "evil.xml")
    tracemalloc.start()  # once more, counting memory: the 300 kB that &lol9; expands to is never made
    try:
        with pytest.raises(ReaderError, match="DTD or entity declarations is refused"):
            _items(data, "evil.xml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200_000, peak
    # also when the format is forced or detected from content
    with pytest.raises(ReaderError, match="refused"):
        _items(data, "evil.dat")


def test_infobox_with_10000_fields_wikitext_and_plaintext():
    def page(n: int) -> bytes:
        fields = "".join(f"| field{i} = value {i}\n" for i in range(n))
        return ("{{Infobox military conflict\n| conflict = Battle of Foo\n| casualties1 = 40 killed\n" + fields +
                "}}\nThe '''Battle of Foo''' killed 40 people.\n").encode()

    def read_and_extract(data: bytes):
        (doc,) = _docs(_items(data, "many.wiki"))
        return doc, extract(doc)

    doc, rec = read_and_extract(page(10_000))
    assert len(doc.infobox.fields) >= 10_000
    assert any(c.low == 40 for c in rec.claims)
    # twice the fields cost about twice as much (a quadratic reader would cost four times)
    small, large = page(5_000), page(10_000)
    assert growth(lambda: read_and_extract(small), lambda: read_and_extract(large)) < 3.5

    plain = "= Battle of Foo =\n\nInfobox military conflict\n- Casualties1: 40 killed\n" + \
        "".join(f"- Field{i}: value {i}\n" for i in range(10_000)) + "\nThe Battle of Foo killed 40 people.\n"
    (doc,) = _docs(_items(plain.encode(), "many.txt"))
    assert doc.format == "plaintext" and len(doc.infobox.fields) >= 10_000
    rec = extract(doc)
    assert any(c.low == 40 for c in rec.claims)


@pytest.mark.parametrize("figure", ["99999999999999999999", "9" * 400, "9" * 5000,
                                    "99,999,999,999,999,999,999", "100000000000000000000 million"])
def test_absurd_figures_are_not_counts(figure):
    sentence = f"{figure} killed in the attack."
    assert find_quantities(sentence) == []
    rec = extract(Document.from_text(sentence, "absurd.txt"))
    assert rec.claims == []
    assert json.dumps([c.low for c in rec.claims]) == "[]"


def test_figures_up_to_the_clamp_stay_exact():
    assert parse_quantity("9,999,999,999 people").low == 9_999_999_999
    assert parse_quantity(f"{MAX_FIGURE} people").low == MAX_FIGURE
    assert parse_quantity(f"{MAX_FIGURE + 1} people") is None
    assert parse_quantity("2.5 million").low == 2_500_000


def test_csv_with_missing_text_column_names_the_columns():
    with pytest.raises(ReaderError) as exc:
        _items(b"id,headline\n1,Two killed\n", "reports.csv")
    assert str(exc.value).startswith("reports.csv: no text column") and "id, headline" in str(exc.value)
    with pytest.raises(ReaderError, match="no column 'story'"):
        _items(b"id,text\n1,Two killed\n", "reports.csv", text_column="story")


def test_jsonl_bad_lines_are_confined_to_their_line():
    data = b'{"text": "5 killed"}\n[1]\n{bad\n{"text": 5}\n{"text": ""}\n{"text": "Two were injured."}\n'
    items = _items(data, "rows.jsonl")
    assert [type(i).__name__ for i in items] == ["Document", "ReaderError", "ReaderError", "ReaderError",
                                                  "ReaderError", "Document"]
    assert [i.where for i in items if isinstance(i, ReaderError)][:2] == ["line 2", "line 3"]


# --------------------------------------------------------------------------- limits


def test_limits_defaults_and_environment(monkeypatch):
    monkeypatch.delenv(ENV_BYTES, raising=False)
    monkeypatch.delenv(ENV_SECONDS, raising=False)
    assert max_doc_bytes() == DEFAULT_MAX_DOC_BYTES == 20_000_000
    assert max_doc_seconds() == DEFAULT_MAX_DOC_SECONDS == 30
    monkeypatch.setenv(ENV_BYTES, "1_000")
    monkeypatch.setenv(ENV_SECONDS, "2.5")
    assert (max_doc_bytes(), max_doc_seconds()) == (1000, 2.5)
    monkeypatch.setenv(ENV_BYTES, "0")
    monkeypatch.setenv(ENV_SECONDS, "-1")
    assert (max_doc_bytes(), max_doc_seconds()) == (None, None)
    monkeypatch.setenv(ENV_BYTES, "lots")
    with pytest.raises(TallyError, match=ENV_BYTES):
        max_doc_bytes()


@pytest.mark.parametrize("fmt,ext", [("text", "txt"), ("plaintext", "txt"), ("wikitext", "wiki")])
def test_documents_under_the_limit_are_read_whole(tmp_path, fmt, ext):
    """Regression: the capped stream must read past the 64 KiB sniffed head."""
    body = "Gunmen killed 12 people in the village. " * 10_000  # 400,000 bytes
    text = ("= Attack on Foo =\n\n" if fmt == "plaintext" else "") + body + "END\n"
    path = tmp_path / f"long.{ext}"
    path.write_text(text, encoding="utf-8")
    (doc,) = list(read(path, fmt))
    assert doc.text.rstrip().endswith("END") and len(doc.text) >= len(body)
    (doc,) = _items(text.encode(), f"long.{ext}", fmt)
    assert doc.text.rstrip().endswith("END")
    packed = tmp_path / f"long.{ext}.bz2"
    packed.write_bytes(bz2.compress(text.encode()))
    (doc,) = list(read(packed, fmt))
    assert doc.text.rstrip().endswith("END")


def test_large_single_line_over_the_size_limit_text(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_BYTES, "10000")  # raw cap 40,000 bytes
    line = ("Gunmen killed 12 people in the village. " * 5000).encode()  # 200,000 bytes, no newline
    path = tmp_path / "line.txt"
    path.write_bytes(line)
    with pytest.raises(ReaderError) as exc:
        list(read(path))
    msg = str(exc.value)
    assert msg.startswith(str(path)) and "over the per-document limit of 40,000 bytes" in msg and ENV_BYTES in msg
    with pytest.raises(ReaderError, match="over the per-document limit"):
        _items(line, "line.txt")
    # text over the limit but raw under the cap: refused (in place of the document) after decoding
    (item,) = _items(b"x" * 20_000, "short.txt")
    assert isinstance(item, ReaderError) and "document text is 20,000 bytes" in str(item)


def test_large_single_line_over_the_size_limit_csv_and_jsonl(monkeypatch):
    monkeypatch.setenv(ENV_BYTES, "10000")
    cell = "Gunmen killed 12 people. " * 4000  # 100,000 characters
    data = f"id,text\n1,Two died.\n2,{cell}\n3,Three died.\n".encode()
    got = []
    with pytest.raises(ReaderError) as exc:
        for item in read_bytes(data, "big.csv", id_column="id"):
            got.append(item)
    assert [d.id for d in _docs(got)] == ["1"]
    assert exc.value.where == "line 3" and "over the per-document limit" in str(exc.value)
    # JSON Lines: the long line alone is refused, reading goes on
    data = (json.dumps({"text": "Two died."}) + "\n" + json.dumps({"text": cell}) + "\n" +
            json.dumps({"text": "Three died."}) + "\n").encode()
    items = _items(data, "big.jsonl")
    assert [type(i).__name__ for i in items] == ["Document", "ReaderError", "Document"]
    assert items[1].where == "line 2"
    # a cell under the raw cap but over the text limit is refused as a row
    data = f"id,text\n1,{'y' * 20_000}\n2,Two died.\n".encode()
    items = _items(data, "big.csv")
    assert isinstance(items[0], ReaderError) and items[0].where == "row 1 (line 2)"
    assert isinstance(items[1], Document)


def test_xml_page_over_the_size_limit_is_refused_alone(monkeypatch):
    monkeypatch.setenv(ENV_BYTES, "5000")
    for repeat, message in ((500, "document text is 14,"), (1000, "the page's wikitext is 28,000 characters")):
        # 14,000 characters: over the text limit; 28,000: over the raw cap (20,000), refused unparsed
        big = "<page><title>Big</title><ns>0</ns><id>99</id><revision><id>1</id><text>" + \
            "The attack killed 3 people. " * repeat + "</text></revision></page>"
        data = _export(2).replace(b"</mediawiki>", big.encode() + b"</mediawiki>")
        items = _items(data, "dump.xml")
        assert [type(i).__name__ for i in items] == ["Document", "Document", "ReaderError"]
        assert items[2].where == "page 99" and message in str(items[2]), str(items[2])


def test_bz2_bomb_upload_is_not_expanded(monkeypatch):
    monkeypatch.setenv(ENV_BYTES, "100000")  # raw cap 400,000 bytes
    bomb = bz2.compress(b"<mediawiki>" + b" " * 50_000_000 + b"</mediawiki>")
    assert len(bomb) < 10_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ReaderError, match="decompressed file is 400,001 bytes"):
        _items(bomb, "bomb.xml.bz2")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 40_000  # KiB


def test_time_budget_stops_a_slow_extraction(monkeypatch):
    doc = Document.from_text("Gunmen killed 12 people in the village.\n\n" * 200, "slow.txt")
    monkeypatch.setenv(ENV_SECONDS, "0.000001")
    with pytest.raises(DocumentTimeLimit) as exc:
        extract(doc)
    assert isinstance(exc.value, TallyError)
    assert "over the per-document time budget of 1e-06 s" in str(exc.value) and ENV_SECONDS in str(exc.value)
    monkeypatch.setenv(ENV_SECONDS, "30")
    assert extract(doc).claims
    with Budget("x", seconds=None) as budget:
        budget.check("anything")  # no limit: never raises


# --------------------------------------------------------------------------- through the CLI


def _hostile_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty.txt": b"",
        "binary.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8,
        "truncated.xml.bz2": bz2.compress(_export(300))[:400],
        "malformed.xml": b"<mediawiki><page><title>X</title>\n<revision>\n",
        "laughs.xml": BILLION_LAUGHS,
        "external.xml": EXTERNAL_ENTITY,
        "nocolumn.csv": b"id,headline\n1,Two killed\n",
        "badrow.jsonl": b'{"text": "Two people were killed."}\n{oops\n',
    }
    out = {}
    for name, data in files.items():
        out[name] = tmp_path / name
        out[name].write_bytes(data)
    return out


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "truncated.xml.bz2", "malformed.xml",
                                  "laughs.xml", "external.xml", "nocolumn.csv", "badrow.jsonl"])
def test_cli_hostile_input_one_line_exit_2_batch_goes_on(cli, tmp_path, name):
    bad = _hostile_files(tmp_path)[name]
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    result = cli("extract", bad, good, "--format", "jsonl")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"tally: error: {bad}"), errors[0]
    assert "Traceback" not in result.stderr
    if name == "badrow.jsonl":
        assert "(line 2)" in errors[0]
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert any(r["source"]["path"] == str(good) for r in records)


def test_cli_size_and_time_limits_name_the_document(cli, tmp_path, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    big = tmp_path / "big.csv"
    big.write_text("id,text\n1,Two died.\n2," + "z" * 3000 + "\n", encoding="utf-8")
    monkeypatch.setenv(ENV_BYTES, "1000")
    result = cli("extract", big, good, "--format", "jsonl")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"tally: error: {big} (row 2 (line 3)): document text is 3,000 bytes, over the per-document "
                      f"limit of 1,000 bytes (set {ENV_BYTES} to change it)"]
    assert len(result.stdout.splitlines()) == 2
    monkeypatch.delenv(ENV_BYTES)
    monkeypatch.setenv(ENV_SECONDS, "0.000001")
    result = cli("extract", good, "--format", "jsonl")
    assert result.exit_code == 2
    (line,) = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert line.startswith(f"tally: error: {good}: extraction stopped after") and ENV_SECONDS in line


def test_cli_ingest_hostile_batch_stores_the_good_documents(cli, tmp_path, monkeypatch):
    """Into SQLite with the real extractor: absurd figures store (no integer overflow), a row over
    the size limit and a billion-laughs export fail one line each, the rest is stored."""
    from tally.store import Store
    from tally.store.query import list_incidents

    absurd = tmp_path / "absurd.txt"
    absurd.write_text("99999999999999999999 killed. Gunmen killed 7 people in Foo.\n", encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("id,text\nr1,Two people were killed in Bar.\nr2," + "z" * 3000 + "\n", encoding="utf-8")
    laughs = tmp_path / "laughs.xml"
    laughs.write_bytes(BILLION_LAUGHS)
    monkeypatch.setenv(ENV_BYTES, "1000")
    db = f"sqlite:///{tmp_path / 'h.db'}"
    result = cli("ingest", absurd, rows, laughs, "--db", db, "--id-column", "id")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("tally: error:")]
    assert len(errors) == 2 and "Traceback" not in result.stderr
    assert any(f"{rows} (row 2 (line 3))" in e for e in errors) and any(str(laughs) in e for e in errors)
    with Store(db) as s:
        ids = {r["id"] for r in list_incidents(s)}
    assert "r1" in ids and len(ids) == 2
