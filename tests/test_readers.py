"""Readers: every input format gives Documents of one shape, and bad input gives
a ReaderError (raised when fatal, yielded when confined to one row or page)."""

from __future__ import annotations

import bz2
import json

import pytest

from tally.errors import ReaderError
from tally.model import Document
from tally.readers import detect_format, read
from tally.readers.plaintext import parse_plaintext
from tally.readers.wikitext import parse_wikitext

from .conftest import EXAMPLES, SEED

BAMAKO = EXAMPLES / "2015_bamako_hotel_attack.wiki"
KONNA = EXAMPLES / "battle_of_konna.wiki"
EXPORT = EXAMPLES / "incidents.xml"
WIKI_INPUTS = [BAMAKO, KONNA, EXPORT, EXAMPLES / "incidents.xml.bz2",
               EXAMPLES / "2019_ogossagou_massacre.txt", SEED]


def documents(path, **options) -> list[Document]:
    """The Documents read from ``path``; fails on a yielded error."""
    out = list(read(path, **options))
    assert all(isinstance(d, Document) for d in out), [str(d) for d in out if not isinstance(d, Document)]
    return out


def one(path, **options) -> Document:
    [doc] = documents(path, **options)
    return doc


def field(doc: Document, key: str) -> str:
    f = doc.infobox.get(key)
    assert f is not None, f"no infobox field {key!r}"
    return f.value


def write(tmp_path, name: str, data: str | bytes):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --------------------------------------------------------------------------- shape of every wiki document


@pytest.mark.parametrize("path", WIKI_INPUTS, ids=lambda p: p.name)
def test_wiki_documents_fields_and_sections_point_into_text(path):
    for doc in documents(path):
        assert doc.infobox is not None and doc.infobox.fields
        for f in doc.infobox.fields:
            assert doc.text[f.start:f.end] == f.value
            assert f.value.strip() and "<ref" not in f.value and "{{" not in f.value
            assert "cite" not in f.value.lower() and "[[" not in f.value and "'''" not in f.value
        assert doc.sections[0].name == "Lead"
        for s in doc.sections[1:]:
            heading = doc.text[:s.start].rstrip("\n").rsplit("\n", 1)[-1]
            assert heading == "=" * s.level + s.name + "=" * s.level
            assert s.start <= s.end <= len(doc.text)


@pytest.mark.parametrize("path", [BAMAKO, KONNA, EXPORT], ids=lambda p: p.name)
def test_wikitext_text_has_no_markup_left(path):
    for doc in documents(path):
        for mark in ("{{", "}}", "[[", "]]", "<ref", "'''", "<br", "<!--", "{|", "Category:", "thumb|"):
            assert mark not in doc.text, f"{doc.source}: {mark!r} left in the text"
        assert doc.text.startswith(f"= {doc.title} =\n\nInfobox\n- ")


# --------------------------------------------------------------------------- wikitext


def test_wikitext_civilian_attack_infobox():
    doc = one(BAMAKO)
    assert doc.format == "wikitext" and doc.title == "2015 Bamako hotel attack" and doc.id is None
    assert doc.infobox.template == "Infobox civilian attack" and doc.infobox.kind == "attack"
    assert field(doc, "fatalities") == "22 (including 2 attackers)"
    assert "<ref" in doc.infobox.get("fatalities").raw
    assert field(doc, "date") == "20 November 2015"
    assert field(doc, "location") == "Radisson Blu hotel, ACI 2000 district, Bamako, Mali"
    assert field(doc, "victims") == "About 170 taken hostage\n20 hostages killed"  # <br />
    assert field(doc, "perpetrators").split("\n") == [
        "al-Mourabitoun and AQIM (claimed)", "Macina Liberation Front (also claimed)"]
    keys = [f.key for f in doc.infobox.fields]
    assert keys[:3] == ["title", "caption", "location"]  # source order; image left out
    assert "coordinates" not in keys
    assert doc.meta["coordinates"] == pytest.approx({"lat": 12.632222, "lon": -8.029167})


def test_wikitext_sections_and_prose():
    doc = one(BAMAKO)
    assert [s.name for s in doc.sections] == ["Lead", "Background", "Attack", "Hostages", "Casualties",
                                              "Perpetrators", "Aftermath", "See also"]
    assert [s.level for s in doc.sections][:4] == [1, 2, 2, 3]
    lead = doc.sections[0]
    assert doc.text[lead.start:].startswith("The 2015 Bamako hotel attack was a hostage-taking")
    casualties = doc.sections[4]
    body = doc.text[casualties.start:casualties.end]
    assert "counted 27 bodies inside the building, while" in body  # ref between gone, no space left
    assert "Nationality" not in body and "Russia ||" not in body  # the wikitable
    assert "citation needed" not in doc.text and "Timeline of the siege" not in doc.text
    see_also = doc.sections[-1]
    assert doc.text[see_also.start:see_also.end].split("\n")[0] == "- 2015 Bamako shooting"


def test_wikitext_links():
    doc = one(BAMAKO)
    by_kind = lambda kind: [(lk.target, lk.label) for lk in doc.links if lk.kind == kind]  # noqa: E731
    assert ("Al-Mourabitoun (Mali)", "al-Mourabitoun") in by_kind("wikilink")
    assert ("MINUSMA", "UN peacekeepers") in by_kind("wikilink")
    assert [t for t, _ in by_kind("see_also")] == [
        "2015 Bamako shooting", "2015 Sévaré hotel attack", "2016 Ouagadougou attacks",
        "List of terrorist incidents in November 2015"]
    assert [t for t, _ in by_kind("category")] == [
        "2015 in Mali", "Terrorist incidents in Mali", "Hostage taking"]
    assert not any("File:" in lk.target for lk in doc.links)


def test_wikitext_military_conflict_infobox():
    doc = one(KONNA)
    assert doc.title == "Battle of Konna"
    assert doc.infobox.template == "Infobox military conflict" and doc.infobox.kind == "conflict"
    assert field(doc, "combatant1") == "Mali\nFrance"  # {{flagicon}} gone, <br /> a newline
    assert field(doc, "commander1") == "Dioncounda Traoré\nFrançois Hollande"  # {{ubl}}
    assert field(doc, "commander2") == "Iyad Ag Ghaly\nAbdelhamid Abou Zeid"  # {{efn}} gone
    assert field(doc, "strength1").split("\n") == [
        "Several hundred soldiers", "French Gazelle helicopters and Mirage 2000 jets"]  # {{plainlist}}
    assert field(doc, "casualties1") == "Mali:\n11 soldiers killed\n60 wounded\nFrance:\n1 helicopter pilot killed"
    assert field(doc, "casualties2") == "40–60 killed (per residents)\nAbout 100 killed (per Malian Army)"
    assert field(doc, "date") == "10 January 2013 – 17 January 2013"
    assert field(doc, "result").split("\n")[1] == "Islamist advance towards Mopti halted"
    assert doc.infobox.get("notes") is None  # only a comment
    assert [lk.target for lk in doc.links if lk.kind == "part_of"] == ["Mali War", "Operation Serval"]
    assert doc.meta["coordinates"] == {"lat": 14.944, "lon": -3.891}
    assert not any(lk.target.startswith("Fr:") or "Bataille" in lk.target for lk in doc.links)
    assert "60 km north-east" in doc.text  # &nbsp; as a space
    assert [s.name for s in doc.sections if s.level == 3] == ["Fall of Konna", "French intervention", "Recapture"]


@pytest.mark.parametrize("markup, value", [
    ("{{convert|5|km}}", "5 km"),
    ("{{convert|5|-|10|km|mi}}", "5–10 km"),
    ("{{start date|2024|9}}", "September 2024"),
    ("{{start date and age|2024}}", "2024"),
    ("{{End date|2024|09|17|df=y}}", "17 September 2024"),
    ("{{flag|Mali}} and {{flagcountry|Niger}}", "Mali and Niger"),
    ("{{flagicon|Mali}} {{flagu|Burkina Faso}}", "Burkina Faso"),
    ("{{nowrap|12 killed}}, {{lang|fr|la ville}}", "12 killed, la ville"),
    ("{{small|(per JNIM)}} {{nobold|x}}", "(per JNIM) x"),
    ("{{hlist|a|b|c}}", "a\nb\nc"),
    ("{{unbulleted list|one|two}}", "one\ntwo"),
    ("{{plainlist|* a * b}}", "a\nb"),
    ("{{flatlist|\n* a\n* b\n}}", "a\nb"),
    ("[[Gao Region|Gao]] and [[Kidal]]", "Gao and Kidal"),
    ("'''10''' killed<ref name=x/>{{efn|note}}{{sfn|Smith|2020|p=3}}{{cn}}", "10 killed"),
    ("3 dead<!-- disputed --><br>4 hurt<br/>5 missing", "3 dead\n4 hurt\n5 missing"),
    ("[[File:Flag.svg|20px]] ''Mali''", "Mali"),
    ("{{Unknown template|x}}About 5", "About 5"),
])
def test_wikitext_infobox_value_cleaning(markup, value):
    doc = parse_wikitext("{{Infobox event\n| name = T\n| deaths = " + markup + "\n}}\nBody.", "t.wiki")
    f = doc.infobox.get("deaths")
    assert f is not None and f.value == value
    assert doc.text[f.start:f.end] == value


@pytest.mark.parametrize("markup, coord", [
    ("{{coord|12.65|-8.0}}", {"lat": 12.65, "lon": -8.0}),
    ("{{coord|12.5|S|30.25|E}}", {"lat": -12.5, "lon": 30.25}),
    ("{{Coord|12|30|N|7|59|24|W|region:ML}}", {"lat": 12.5, "lon": -7.99}),
    ("{{coord|91|0}}", None),
    ("{{coord|abc|def}}", None),
])
def test_wikitext_coordinates(markup, coord):
    doc = parse_wikitext("{{Infobox event\n| name = T\n| coordinates = " + markup + "\n}}\n", "t.wiki")
    assert doc.meta.get("coordinates") == coord


def test_wikitext_page_coordinates_need_display_title():
    inline = parse_wikitext("A town at {{coord|1|2}}.\n", "t.wiki")
    titled = parse_wikitext("A town.\n{{coord|1|2|display=title}}\n", "t.wiki")
    assert "coordinates" not in inline.meta
    assert titled.meta["coordinates"] == {"lat": 1.0, "lon": 2.0}


def test_wikitext_body_lists_tables_and_title_fallback():
    text = ("'''Foo''' was an ''attack''.<ref>{{cite web|title=x}}</ref>\n\n"
            "{| class=wikitable\n| a || b\n|}\n== Events ==\n* First [[a|item]]\n** nested\n# numbered\n\n"
            "== Notes ==\nnot shown\n=== More notes ===\nhidden too\n== Later ==\nshown\n")
    doc = parse_wikitext(text, "data/2020_foo_attack.wiki")
    assert doc.title == "2020 foo attack"  # file stem: no title given, no infobox
    assert doc.infobox is None
    assert doc.text == ("= 2020 foo attack =\n\nFoo was an attack.\n\n"
                        "==Events==\n- First item\n- nested\n- numbered\n\n==Later==\nshown\n\n")
    assert [(s.name, doc.text[s.start:s.end]) for s in doc.sections] == [
        ("Lead", "Foo was an attack.\n\n"), ("Events", "- First item\n- nested\n- numbered\n\n"),
        ("Later", "shown\n\n")]


def test_wikitext_given_title_and_meta_win():
    doc = parse_wikitext("{{Infobox military conflict|conflict=Inner}}\nText.", "x", title="Outer",
                         meta={"page_id": 7})
    assert doc.title == "Outer" and doc.meta == {"page_id": 7}


def test_wikitext_layout_is_the_plain_text_rendering():
    """With one-line infobox values, the plain-text reader reads the wikitext
    reader's text back to the same title, fields and sections."""
    doc = documents(EXPORT)[1]
    assert all("\n" not in f.value for f in doc.infobox.fields)
    again = parse_plaintext(doc.text, "again")
    assert (again.title, again.sections) == (doc.title, doc.sections)
    assert [(f.key, f.value, f.start, f.end) for f in again.infobox.fields] == [
        (f.key, f.value, f.start, f.end) for f in doc.infobox.fields]


def test_wikitext_empty_heading_stays_in_previous_section():
    doc = parse_wikitext("Lead.\n== == \nmore\n==Next==\nx", "t.wiki", title="T")
    assert [s.name for s in doc.sections] == ["Lead", "Next"]
    assert doc.text == "= T =\n\nLead.\n\nmore\n\n==Next==\nx\n\n"


# --------------------------------------------------------------------------- XML export


def test_xml_export_yields_article_pages_with_revision_meta():
    docs = documents(EXPORT)
    assert [d.title for d in docs] == ["2015 Sévaré hotel attack", "2016 Grand-Bassam shootings", "Sévaré"]
    first = docs[0]
    assert first.format == "wikitext" and first.id is None
    assert first.source == f"{EXPORT}#page=47650321"
    assert first.meta["page_id"] == 47650321 and first.meta["revision_id"] == 1183920457
    assert first.meta["timestamp"] == "2023-11-02T14:21:09Z" and first.meta["namespace"] == 0
    assert first.meta["coordinates"] == pytest.approx({"lat": 14.5383, "lon": -4.0978})
    assert field(first, "fatalities") == "13 (including 4 attackers)"
    assert field(docs[1], "fatalities") == "22 (16 civilians, 3 soldiers and 3 attackers)"
    assert docs[1].infobox.template == "Infobox terrorist attack"
    assert docs[2].infobox.kind == "other"


def test_xml_bz2_gives_the_same_documents():
    plain = documents(EXPORT)
    packed = documents(EXAMPLES / "incidents.xml.bz2")
    assert bz2.decompress((EXAMPLES / "incidents.xml.bz2").read_bytes()) == EXPORT.read_bytes()
    for a, b in zip(plain, packed, strict=True):
        assert b.source == a.source.replace("incidents.xml#", "incidents.xml.bz2#")
        assert (a.text, a.title, a.meta, a.sections, a.infobox, a.links) == (
            b.text, b.title, b.meta, b.sections, b.infobox, b.links)


def _export(*pages: str, ns: str = "http://www.mediawiki.org/xml/export-0.10/") -> str:
    return f'<mediawiki xmlns="{ns}" version="0.10">\n' + "\n".join(pages) + "\n</mediawiki>\n"


def _page(page_id: int, title: str, text: str, ns: int = 0, extra: str = "") -> str:
    return (f"<page><title>{title}</title><ns>{ns}</ns><id>{page_id}</id>{extra}"
            f"<revision><id>{page_id * 10}</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
            f'<text xml:space="preserve">{text}</text></revision></page>')


def test_xml_skips_other_namespaces_and_redirects_and_reports_empty_pages(tmp_path):
    path = write(tmp_path, "dump.xml", _export(
        _page(1, "Talk:Attack", "talk", ns=1),
        _page(2, "Old name", "#REDIRECT [[Attack]]", extra='<redirect title="Attack" />'),
        _page(3, "Empty", ""),
        _page(4, "Attack", "'''Attack''' killed 3 people."),
    ))
    items = list(read(path))
    assert isinstance(items[0], ReaderError) and items[0].where == "page 3"
    assert [d.title for d in items[1:]] == ["Attack"]
    assert items[1].meta["revision_id"] == 40


def test_xml_malformed_raises_with_line_after_earlier_pages(tmp_path):
    path = write(tmp_path, "bad.xml", _export(_page(1, "A", "one"), "<page><title>B</title>\n<ns>0</ns></oops>"))
    got = []
    with pytest.raises(ReaderError) as err:
        for item in read(path):
            got.append(item)
    assert [d.title for d in got] == ["A"]
    assert err.value.where == "line 4" and "malformed XML" in err.value.message


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<mediawiki><page><title>&lol3;</title><ns>0</ns><id>1</id>
<revision><id>2</id><text>&lol3;</text></revision></page></mediawiki>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE mediawiki [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<mediawiki><page><title>x</title><ns>0</ns><id>1</id>
<revision><id>2</id><text>&secret;</text></revision></page></mediawiki>
"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_xml_entities_are_refused(tmp_path, xml):
    path = write(tmp_path, "evil.xml", xml)
    with pytest.raises(ReaderError) as err:
        list(read(path))
    assert "DTD" in err.value.message
    assert "lollol" not in str(err.value) and "root:" not in str(err.value)


def test_xml_other_root_and_truncated_bz2(tmp_path):
    with pytest.raises(ReaderError, match="not a MediaWiki export"):
        list(read(write(tmp_path, "books.xml", "<catalog><book/></catalog>")))
    assert list(read(write(tmp_path, "feed.xml", "<rss><channel/></rss>"))) == []  # a feed, read as one (empty)
    data = bz2.compress(EXPORT.read_bytes())
    with pytest.raises(ReaderError, match="truncated"):
        list(read(write(tmp_path, "cut.xml.bz2", data[: len(data) // 2])))
    with pytest.raises(ReaderError, match="cannot read"):
        list(read(write(tmp_path, "fake.xml.bz2", b"not bzip2 at all")))


# --------------------------------------------------------------------------- CSV, TSV, JSONL


def test_csv_example_rows_become_documents_with_ids():
    docs = documents(EXAMPLES / "reports.csv", text_column="text", id_column="id")
    assert len(docs) == 9
    first = docs[0]
    assert first.id == "rpt-001" and first.format == "csv" and first.title is None
    assert first.source == f"{EXAMPLES / 'reports.csv'}#row=1"
    assert first.meta == {"row": 1, "line": 2, "date": "2024-03-04"}  # the `date` column, found by name
    assert first.text.startswith("MOPTI, Mali — At least 12 civilians")
    assert first.sections[0].name == "Lead" and first.sections[0].end == len(first.text)


def test_csv_default_text_column_date_column_and_multiline_cells(tmp_path):
    path = write(tmp_path, "r.csv", 'ID,Day,Description\n7,2024-01-02,"Two killed.\r\nThree hurt."\n\n8,,One dead.\n')
    a, b = documents(path, id_column="id", date_column="day")
    assert a.text == "Two killed.\nThree hurt." and a.id == "7" and a.meta == {"row": 1, "line": 2, "date": "2024-01-02"}
    assert b.meta == {"row": 2, "line": 5, "date": None} and b.id == "8"


def test_csv_date_column_is_found_by_name_when_not_given(tmp_path):
    path = write(tmp_path, "r.csv", "id,Date,text\n1,2023-05-06,Four killed on Sunday.\n")
    (doc,) = documents(path)
    assert doc.meta["date"] == "2023-05-06"
    (doc,) = documents(write(tmp_path, "s.csv", "id,text\n1,Four killed.\n"))
    assert doc.meta["date"] is None


def test_csv_unknown_column_names_it_and_lists_columns(tmp_path):
    path = write(tmp_path, "r.csv", "id,text\n1,Two people were killed.\n")
    with pytest.raises(ReaderError) as err:
        list(read(path, text_column="story"))
    assert "'story'" in str(err.value) and "id, text" in str(err.value) and str(path) in str(err.value)
    with pytest.raises(ReaderError, match="'ident'"):
        list(read(path, id_column="ident"))
    with pytest.raises(ReaderError, match="no text column"):
        list(read(write(tmp_path, "n.csv", "a,b\n1,2\n")))


def test_csv_empty_row_is_yielded_as_error_and_reading_goes_on(tmp_path):
    path = write(tmp_path, "r.csv", "id,text\n1,Five killed.\n2,   \n3,Six killed.\n")
    items = list(read(path, id_column="id"))
    assert [type(i).__name__ for i in items] == ["Document", "ReaderError", "Document"]
    assert items[1].where == "row 2 (line 3)"
    assert [d.id for d in items if isinstance(d, Document)] == ["1", "3"]


def test_csv_long_cells_and_tsv(tmp_path):
    long_text = "Ten people were killed. " * 20000  # ~480 KB, above the csv default limit
    assert one(write(tmp_path, "big.csv", f'text\n"{long_text}"\n')).text == long_text
    doc = one(write(tmp_path, "r.tsv", "id\tsummary\nx1\tA bomb killed four, police said.\n"), id_column="id")
    assert doc.format == "tsv" and doc.id == "x1" and doc.text == "A bomb killed four, police said."


def test_jsonl_ids_as_text_and_bad_lines_yielded(tmp_path):
    path = write(tmp_path, "r.jsonl", '{"id": 17, "body": "Nine killed."}\n{oops\n\n[1, 2]\n'
                                      '{"id": 18, "body": ""}\n{"id": 19, "body": "Two abducted."}\n')
    items = list(read(path, id_column="id"))
    kinds = [(type(i).__name__, getattr(i, "where", None)) for i in items]
    assert kinds == [("Document", None), ("ReaderError", "line 2"), ("ReaderError", "line 4"),
                     ("ReaderError", "row 2 (line 5)"), ("Document", None)]
    assert "invalid JSON" in items[1].message
    assert [(d.id, d.meta["row"], d.meta["line"]) for d in items if isinstance(d, Document)] == [
        ("17", 1, 1), ("19", 3, 6)]
    assert items[0].format == "jsonl" and items[0].source.endswith("r.jsonl#row=1")


def test_tabular_decodes_utf16_bom_and_latin1(tmp_path):
    utf16 = write(tmp_path, "u.csv", 'id,text\n1,"À Gao, 3 morts"\n'.encode("utf-16"))
    assert one(utf16).text == "À Gao, 3 morts"
    latin1 = write(tmp_path, "l.csv", 'id,text\n1,"À Gao, 3 morts"\n'.encode("latin-1"))
    assert one(latin1).text == "À Gao, 3 morts"


# --------------------------------------------------------------------------- plain text and bad files


def test_text_news_report_headline_title():
    doc = one(EXAMPLES / "news_report.txt")
    assert doc.format == "text" and doc.infobox is None
    assert doc.title == "Gunmen kill at least 29 in siege of Ouagadougou hotel and cafe"
    assert doc.text.startswith(doc.title + "\n\n")  # the headline stays in the text
    assert [(s.name, s.start, s.end) for s in doc.sections] == [("Lead", 0, len(doc.text))]


def test_text_without_headline_and_encodings(tmp_path):
    assert one(write(tmp_path, "a.txt", "Three people died in Gao.\n\nMore text.\n")).title is None
    assert one(write(tmp_path, "b.txt", "One line only, no blank line")).title is None
    utf16 = one(write(tmp_path, "c.txt", "Attaque à Gao\n\nDeux morts.\n".encode("utf-16")))
    assert utf16.title == "Attaque à Gao" and utf16.text.endswith("Deux morts.\n")
    latin1 = one(write(tmp_path, "d.txt", "Café attack\r\n\r\nDeux blessés.\r\n".encode("latin-1")))
    assert latin1.text == "Café attack\n\nDeux blessés.\n"


@pytest.mark.parametrize("name", ["x.txt", "x.wiki", "x.csv", "x.jsonl", "x.xml"])
def test_empty_and_binary_files_raise(tmp_path, name):
    with pytest.raises(ReaderError):
        list(read(write(tmp_path, name, b"  \n")))
    with pytest.raises(ReaderError) as err:
        list(read(write(tmp_path, "bin-" + name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)))
    assert str(tmp_path) in str(err.value)


# --------------------------------------------------------------------------- detection and the CLI


@pytest.mark.parametrize("name, head, fmt", [
    ("a.wiki", b"", "wikitext"),
    ("a.xml.bz2", b"", "xml"),
    ("a.csv.gz", b"", "csv"),
    ("a.TSV", b"", "tsv"),
    ("a.jsonl", b"", "jsonl"),
    ("a.txt", SEED.read_bytes()[:4000], "plaintext"),
    ("a.txt", b"{{Infobox civilian attack\n| title = X\n}}\n'''X''' was", "wikitext"),
    ("a.txt", b"'''Konna''' is a town in [[Mali]].", "wikitext"),
    ("a.txt", b'<?xml version="1.0"?>\n<mediawiki xmlns="x">', "xml"),
    ("a.txt", "Attaque à Gao\n\nDeux morts.".encode("utf-16"), "text"),
    ("a.txt", "{{Infobox event|name=x}}".encode("utf-16"), "wikitext"),
    ("a.txt", b'{"text": "a report"}', "text"),
    ("a.dat", b'{"text": "a report"}', "jsonl"),
    ("report", b"Gunmen killed 3 people on Monday [in Gao].", "text"),
])
def test_detect_format(name, head, fmt):
    assert detect_format(name, head) == fmt


@pytest.mark.parametrize("path", sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".wiki", ".xml", ".bz2")),
                         ids=lambda p: p.name)
def test_cli_extracts_every_example(cli, path):
    result = cli("extract", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == (3 if path.name.startswith("incidents.xml") else 1)
    assert all(r["title"] for r in records)


def test_cli_extracts_example_csv(cli):
    result = cli("extract", EXAMPLES / "reports.csv", "--text-column", "text", "--id-column", "id",
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)] == [f"rpt-00{i}" for i in range(1, 10)]


def test_wikitext_casualty_icons_become_words():
    doc = parse_wikitext("{{Infobox military conflict\n| conflict = Raid\n| combatant1 = A\n| combatant2 = B\n"
                         "| casualties1 = 12 {{KIA}}<br />40 {{WIA}}\n| casualties2 = 4 {{POW}}, 2 {{MIA}}\n}}\n"
                         "'''Raid''' text.", "raid.wiki")
    assert doc.infobox.get("casualties1").value.split("\n") == ["12 killed", "40 wounded"]
    assert doc.infobox.get("casualties2").value == "4 captured, 2 missing"


def test_a_date_cell_that_is_no_date_is_a_warning_naming_the_row(tmp_path, caplog):
    path = tmp_path / "dated.csv"
    path.write_text("id,date,text\na,notadate,Four people were killed.\nb,2024-13-45,Five were killed.\n"
                    "c,2024-03-05,Six were killed.\nd,2 mars 2024,Trois morts.\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="tally"):
        docs = list(read(path))
    assert [d.meta["date"] for d in docs] == [None, None, "2024-03-05", "2 mars 2024"]
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert "row 1 (line 2)" in lines[0] and "'notadate' is not a date" in lines[0]
    assert "row 2 (line 3)" in lines[1] and "'2024-13-45'" in lines[1]


def test_the_cli_prints_the_date_warning_as_one_line(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "dated.csv"
    path.write_text("id,date,text\na,notadate,Gunmen killed four people in Gao on Sunday.\n", encoding="utf-8")
    tally = str(Path(sys.executable).parent / "tally")
    done = subprocess.run([tally, "extract", str(path), "--format", "json"], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        f"tally: warning: {path}: row 1 (line 2): the date 'notadate' is not a date; the row is read without it"]
