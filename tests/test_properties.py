"""Property-based tests (issue 9, inputs): any bytes through every reader and
any text through the number parser, the wiki parsers and the extractor ends
in a Document/record or a documented error (ReaderError, TallyError), never
another exception, and every claim quotes its document exactly.

Deterministic (``derandomize=True``) and bounded so CI stays fast and
repeatable; docs/reliability.md gives the example counts and timings."""

from __future__ import annotations

import bz2
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tally.errors import ReaderError, TallyError
from tally.extract import extract
from tally.model import Document
from tally.text.quantities import MAX_FIGURE, find_quantities, parse_quantity, words_to_int
from tally.readers import FORMATS, read_bytes
from tally.readers.plaintext import parse_plaintext
from tally.readers.wikitext import parse_wikitext

SETTINGS = dict(derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: TALLY_FUZZ_SCALE=20 multiplies every example count (a longer hunt; docs/reliability.md).
SCALE = max(1, int(os.environ.get("TALLY_FUZZ_SCALE", "1")))


def examples(n: int) -> int:
    return n * SCALE

EXTENSION = {"plaintext": "txt", "wikitext": "wiki", "xml": "xml", "csv": "csv", "tsv": "tsv",
             "jsonl": "jsonl", "text": "txt", "html": "html", "feed": "rss"}

# Pieces of every input syntax tally reads, so generated inputs reach past the first check.
TOKENS = [
    "<mediawiki>", "</mediawiki>", "<page>", "</page>", "<title>A</title>", "<ns>0</ns>", "<id>7</id>",
    "<revision>", "</revision>", "<text>", "</text>", "<redirect/>", "&amp;", "&lt;", "<!--", "-->",
    "<!DOCTYPE html>", "<html lang='fr'>", "<body>", "<article>", "<p>", "</p>", "<h1>", "<nav>", "<script>",
    "<figcaption>", "<meta property='article:published_time' content='2024-03-04'>", "<rss version='2.0'>",
    "<channel>", "<item>", "</item>", "<description>", "<pubDate>", "<feed xmlns='http://www.w3.org/2005/Atom'>",
    "<entry>", "<![CDATA[", "]]>", "<!ENTITY",
    "{{Infobox military conflict", "{{Infobox civilian attack", "| casualties1 = ", "| conflict = ",
    "}}", "{{", "[[", "]]", "|", "'''", "<ref>", "</ref>", "== Aftermath ==", "= Title =",
    "Infobox", "- Casualties: ", "- Date: ", "\n", "\r\n", "\r", "\t", ",", "\"", "{", "}", ":", "[", "]",
    "text", "id", "date", "killed", "wounded", "injured", "at least", "about", "12", "1,200", "–", "-",
    "twenty-two", "a dozen", "hundreds", "99999999999999999999", "9" * 60, "2.5 million", "or", "and",
    " ", ".", ";", "police said", "according to", "\ufeff", "\x00", "\xe9", "\u202e", "\ud7ff",
]

structured = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
texts = st.one_of(st.text(max_size=300), structured)
raw_bytes = st.one_of(
    st.binary(max_size=600),
    structured.map(lambda s: s.encode("utf-8", "surrogatepass")),
    structured.map(lambda s: s.encode("utf-16", "surrogatepass")),
    structured.map(lambda s: s.encode("latin-1", "replace")),
)


def _check_document(doc: Document) -> None:
    n = len(doc.text)
    for s in doc.sections:
        assert 0 <= s.start <= s.end <= n, (s, n)
    if doc.infobox is not None:
        assert 0 <= doc.infobox.start <= doc.infobox.end <= n


def _check_record(doc: Document) -> None:
    rec = extract(doc)
    for c in rec.claims:
        assert c.text == doc.text[c.start:c.end], c
        if c.figure_start is not None:
            assert c.start <= c.figure_start <= c.figure_end <= c.end, c
        assert c.low is None or 0 <= c.low <= MAX_FIGURE
        assert c.high is None or c.low is None or c.low <= c.high <= MAX_FIGURE


@settings(max_examples=examples(400), **SETTINGS)
@given(data=raw_bytes, fmt=st.sampled_from(FORMATS))
def test_any_bytes_under_every_format_give_documents_or_reader_errors(data, fmt):
    try:
        items = list(read_bytes(data, f"fuzz.{EXTENSION[fmt]}", fmt))
    except ReaderError as exc:
        assert str(exc).startswith("fuzz.")
        return
    for item in items:
        if isinstance(item, ReaderError):
            assert str(item).startswith("fuzz.")
        else:
            assert isinstance(item, Document)
            _check_document(item)


@settings(max_examples=examples(120), **SETTINGS)
@given(data=raw_bytes)
def test_any_bytes_detected_and_extracted(data):
    """Format detection, then extraction of whatever was read."""
    try:
        items = list(read_bytes(data, "fuzz.dat"))
    except ReaderError:
        return
    for item in items[:3]:
        if isinstance(item, Document):
            try:
                _check_record(item)
            except TallyError:
                pass


@settings(max_examples=examples(100), **SETTINGS)
@given(data=st.binary(max_size=300))
def test_any_bytes_as_bz2_upload(data):
    for payload in (data, bz2.compress(data), bz2.compress(data)[: max(1, len(data) // 3)]):
        try:
            list(read_bytes(payload, "fuzz.xml.bz2"))
        except ReaderError as exc:
            assert str(exc).startswith("fuzz.xml.bz2")


@settings(max_examples=examples(1000), **SETTINGS)
@given(text=texts)
def test_quantities_quote_their_text_and_stay_bounded(text):
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert 0 <= q.low <= MAX_FIGURE
        assert q.high is None or q.low <= q.high <= MAX_FIGURE
    q = parse_quantity(text)
    assert q is None or q.low <= MAX_FIGURE
    v = words_to_int(text)
    assert v is None or 0 <= v <= MAX_FIGURE


@settings(max_examples=examples(200), **SETTINGS)
@given(text=texts)
def test_extract_any_text_claims_quote_the_document(text):
    try:
        _check_record(Document.from_text(text, "fuzz.txt"))
    except TallyError:
        pass


@settings(max_examples=examples(150), **SETTINGS)
@given(text=texts)
def test_wiki_parsers_any_text(text):
    for parse in (parse_plaintext, parse_wikitext):
        try:
            doc = parse(text, "fuzz.wiki")
        except TallyError:
            continue
        _check_document(doc)
        try:
            _check_record(doc)
        except TallyError:
            pass
