"""The pre-filter's byte-level page check (tally.readers.pagescan): a dump read
with it gives the same pages, counts and errors as one read through the XML
parser alone (TALLY_PAGE_CHECK=0), and it really leaves pages out."""

from __future__ import annotations

import io

import pytest

from tally.errors import ReaderError
from tally.readers import pagescan
from tally.readers.prefilter import PrefilterStats
from tally.readers.xmldump import Resume, read_pages

from . import history_article as art

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="0.11" xml:lang="en">\n'
          "  <siteinfo>\n    <sitename>Testpedia</sitename>\n    <namespaces>\n"
          '      <namespace key="0" case="first-letter" />\n    </namespaces>\n  </siteinfo>\n')


def page(page_id: int, title: str, text: str, ns: int = 0, extra: str = "", text_open: str | None = None) -> str:
    """One page with one revision; ``text`` is written as it stands (escape it yourself)."""
    opening = text_open or f'<text bytes="{len(text)}" xml:space="preserve">'
    return (f"  <page>\n    <title>{title}</title>\n    <ns>{ns}</ns>\n    <id>{page_id}</id>\n{extra}"
            f"    <revision>\n      <id>{page_id}0</id>\n      <timestamp>2030-01-0{page_id % 9 + 1}T10:00:00Z"
            f"</timestamp>\n      <contributor>\n        <username>Oumar K</username>\n        <id>4</id>\n"
            f"      </contributor>\n      <comment>tidy &amp; link</comment>\n      <model>wikitext</model>\n"
            f"      <format>text/x-wiki</format>\n      {opening}{text}</text>\n"
            f"      <sha1>abc{page_id}</sha1>\n    </revision>\n  </page>\n")


ATTACK = ("{{Infobox civilian attack\n| title = Sirba bridge attack\n| location = Sirba, Niger\n"
          "| date = 4 March 2030\n| fatalities = 9\n}}\nOn 4 March 2030 gunmen attacked the Sirba bridge, "
          "killing 9 people.&lt;ref&gt;Radio Sahel, 5 March.&lt;/ref&gt;\n[[Category:2030 attacks in Niger]]\n")
ORDINARY = ("'''Tondikiwindi''' is a rural commune in Niger. Its market is held on Fridays &amp; Sundays.\n"
            "{{Infobox settlement\n| name = Tondikiwindi\n}}\n== History ==\nThe well was dug in 1961.\n"
            "[[Category:Communes of Niger]]\n")


def plain_dump() -> str:
    pages = [page(1, "Tondikiwindi", ORDINARY), page(2, "Sirba bridge attack", ATTACK),
             page(3, "Talk:Sirba", ATTACK, ns=1), page(4, "Sirba attack", "#REDIRECT [[Sirba bridge attack]]",
                                                        extra='    <redirect title="Sirba bridge attack" />\n'),
             page(5, "Ayorou", ORDINARY.replace("\n", "\r\n")),
             page(6, "Battle of Inates", "{{Infobox military conflict\r\n| conflict = Battle of Inates\n}}\n"
                  "Forty soldiers were killed at Inates."),
             page(7, "Markoye", ORDINARY.replace("Fridays", "Fridays ('''&quot;Jumaa&quot;''')")),
             page(8, "Empty", "   "), page(9, "Téra", ORDINARY.replace("Tondikiwindi", "Téra")),
             page(10, "Tillabéri massacre", "A massacre in Tillabéri.\n[[Catégorie:x]]\n"
                  "[[Category:Massacres in Niger]]")]
    return HEADER + "".join(pages) + "</mediawiki>\n"


def _read(xml: str | bytes, check: bool, monkeypatch, resume: Resume | None = None):
    """(items, stats, error line or None) of read_pages with the pre-filter, with or without the check."""
    monkeypatch.setenv("TALLY_PAGE_CHECK", "1" if check else "0")
    stats = PrefilterStats()
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    items, error = [], None
    try:
        for item in read_pages(io.BytesIO(data), "dump.xml", prefilter=stats, resume=resume):
            items.append(str(item) if isinstance(item, ReaderError) else item)
    except ReaderError as exc:
        error = str(exc)
    return items, (stats.seen, dict(stats.reasons)), error


def _same(xml: str | bytes, monkeypatch, **kw):
    slow = _read(xml, False, monkeypatch, **kw)
    fast = _read(xml, True, monkeypatch, **kw)
    assert fast == slow
    return fast


@pytest.mark.parametrize("block", [5, 64, 1 << 20])
def test_the_check_leaves_out_the_pages_the_prefilter_rejects_and_reads_the_rest_alike(block, monkeypatch):
    monkeypatch.setattr(pagescan, "BLOCK", block)
    items, (seen, reasons), error = _same(plain_dump(), monkeypatch)
    assert error is None
    kept = [i.meta["page_id"] for i in items if not isinstance(i, str)]
    assert kept == [2, 6, 10] and reasons == {"infobox:civilian attack": 1, "infobox:military conflict": 1,
                                              "category:massacres": 1}
    assert seen == 7
    assert any(isinstance(i, str) and "page has no text" in i for i in items)  # page 8, from the parser


def test_the_check_really_cuts_the_rejected_pages(monkeypatch):
    stats = PrefilterStats()
    scan = pagescan.PageFilter(io.BytesIO(plain_dump().encode()), stats)
    out = scan.read()
    # pages 1, 5, 7, 9 rejected by the pre-filter, 3 (talk) and 4 (redirect) not articles; their lines stay
    assert scan.cut == 6 and stats.seen == 4
    assert b"Tondikiwindi" not in out and b"Sirba bridge" in out and b"Talk:Sirba" not in out
    assert out.count(b"\n") == plain_dump().encode().count(b"\n")


@pytest.mark.parametrize("bad, message", [
    ("&nbsp;", "undefined entity"),
    ("\x01", "not well-formed"),
    ("]]&gt;", None),  # ]]&gt; is fine
    ("]]>", "not well-formed"),
    ("&#1;", "reference to invalid character"),
    ("caf\udcff", None),
])
def test_a_malformed_page_the_prefilter_would_reject_still_fails_on_the_same_line(bad, message, monkeypatch):
    """A page with bad bytes is not left out: the parser reads it and fails where it did."""
    pages = [page(1, "Tondikiwindi", ORDINARY), page(2, "Kollo", ORDINARY.replace("dug", f"dug {bad}")),
             page(3, "Sirba bridge attack", ATTACK)]
    xml = (HEADER + "".join(pages) + "</mediawiki>\n").encode("utf-8", "surrogateescape")
    items, _, error = _same(xml, monkeypatch)
    if message is None and bad != "caf\udcff":
        assert error is None and [i.meta["page_id"] for i in items] == [3]
    else:
        line = xml[:xml.index(bad.encode("utf-8", "surrogateescape"))].count(b"\n") + 1
        assert error is not None and error.startswith(f"dump.xml (line {line}): malformed XML")
        assert message is None or message in error


def test_comments_cdata_and_nested_pages_stop_the_cutting_not_the_reading(monkeypatch):
    tricky = [
        page(1, "Tondikiwindi", ORDINARY),
        "  <!-- a comment with <page> in it -->\n",
        page(2, "Kollo", ORDINARY),
        page(3, "Sirba bridge attack", ATTACK),
    ]
    items, (seen, _), error = _same(HEADER + "".join(tricky) + "</mediawiki>\n", monkeypatch)
    assert error is None and [i.meta["page_id"] for i in items] == [3] and seen == 3
    cdata = page(4, "Gothèye", "<![CDATA[Not a page: </page><page> at all.]]> [[Category:Massacres in Niger]]")
    items, _, error = _same(HEADER + page(1, "Tondikiwindi", ORDINARY) + cdata + page(2, "Kollo", ORDINARY)
                            + "</mediawiki>\n", monkeypatch)
    assert error is None and [i.meta["page_id"] for i in items] == [4]


def test_a_history_page_a_long_page_and_a_resumed_read_go_through_alike(monkeypatch):
    long_text = ORDINARY + "The road was paved in 1970. " * 400
    xml = (HEADER + page(1, "Tondikiwindi", ORDINARY)
           + art.page_xml(art.PAGE_ID, "2031 Dankora market bombing", art.revisions())
           + page(2, "Kollo", long_text) + page(3, "Sirba bridge attack", ATTACK) + page(5, "Ayorou", ORDINARY)
           + "</mediawiki>\n")
    monkeypatch.setattr(pagescan, "MAX_PAGE", 2000)  # the history and page 2 stream to the parser
    monkeypatch.setattr(pagescan, "BLOCK", 700)
    items, _, error = _same(xml, monkeypatch)
    assert error is None and list(dict.fromkeys(i.meta["page_id"] for i in items)) == [art.PAGE_ID, 3]
    resumed = [Resume(art.PAGE_ID), Resume(art.PAGE_ID)]
    slow = _read(xml, False, monkeypatch, resume=resumed[0])
    fast = _read(xml, True, monkeypatch, resume=resumed[1])
    assert fast == slow and [i.meta["page_id"] for i in fast[0]] == [3]
    assert resumed[0].skipped == resumed[1].skipped == 2


def test_a_header_the_check_cannot_follow_turns_it_off(monkeypatch):
    odd = HEADER.replace("<siteinfo>", "<siteinfo><!-- generated -->")
    stats = PrefilterStats()
    scan = pagescan.PageFilter(io.BytesIO((odd + page(1, "Tondikiwindi", ORDINARY) + "</mediawiki>\n").encode()),
                               stats)
    scan.read()
    assert scan.cut == 0
    items, (seen, _), error = _same(odd + page(1, "Tondikiwindi", ORDINARY) + "</mediawiki>\n", monkeypatch)
    assert items == [] and seen == 1 and error is None
