"""MediaWiki XML export (``Special:Export`` or a dump) -> one Document per page.

The file is streamed with ``defusedxml``'s ``iterparse`` and each ``<page>`` is
cleared once read, so memory stays flat however large the dump. DTDs and
entities are refused (no entity expansion, no external fetches). Only
main-namespace (``ns`` 0) pages that are not redirects are read; each goes
through :func:`tally.readers.wikitext.parse_wikitext` with ``meta`` holding
``page_id``, ``revision_id``, ``timestamp`` and ``namespace``, and source
``"<file>#page=<page_id>"``. Of a page with several revisions the last one
is read.

With ``prefilter`` (``True`` or a :class:`tally.readers.prefilter.PrefilterStats` that
counts the pages seen and passed by reason) only pages whose raw wikitext looks
like an incident article (:func:`tally.readers.prefilter.classify`) are parsed; the rest
are skipped before the wikitext parse. :func:`read_pages` yields the raw pages
(:class:`RawPage`) without parsing them, for parallel ingest
(:mod:`tally.store.parallel`); :func:`parse_page` turns one into a Document.
With ``resume`` (a :class:`Resume`: a page id and a count), the pages up to and
including that page are skipped by reading only their ``<id>``: no pre-filter,
no parse (the ingest checkpoint, :mod:`tally.store.checkpoint`).

A multistream dump (Wikipedia's ``pages-articles-multistream.xml.bz2``: one
bz2 stream per 100 pages, with ``...-multistream-index.txt.bz2`` beside it,
``offset:page_id:title`` lines) can be read in pieces: :func:`stream_ranges`
groups its streams into byte ranges by the index, :func:`read_range` reads the
pages of one range, so several processes can each decompress their own part.
"""

from __future__ import annotations

import bz2
import io
from pathlib import Path
from typing import Any, BinaryIO, Iterator, NamedTuple
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from ..errors import ReaderError
from ..limits import max_raw_bytes, size_error
from ..model import Document
from .wikitext import parse_wikitext


class RawPage(NamedTuple):
    """One article page before its wikitext is parsed (picklable)."""

    wikitext: str
    source: str
    title: str | None
    meta: dict[str, Any]
    where: str


class Resume:
    """Skip the pages of a dump up to and including page ``after``; counts them in ``skipped``."""

    def __init__(self, after: int) -> None:
        self.after = after
        self.skipped = 0
        self.found = False


class StreamRange(NamedTuple):
    """Bytes ``start:end`` of a multistream dump: whole bz2 streams holding ``page_ids``."""

    start: int
    end: int
    page_ids: list[int]


def find_index(path: str | Path) -> Path | None:
    """The multistream index beside a dump (``X.xml.bz2`` -> ``X-index.txt.bz2``), if there is one."""
    name = Path(path).name
    if not name.endswith(".xml.bz2"):
        return None
    index = Path(path).with_name(name[: -len(".xml.bz2")] + "-index.txt.bz2")
    return index if index.is_file() else None


def stream_ranges(path: str | Path, index: str | Path, pages: int = 1000) -> Iterator[StreamRange]:
    """The dump's streams, by its index, grouped into ranges of at least ``pages``
    pages; the last range runs to the end of the file (the closing stream). The
    header stream (before the first indexed offset) is in no range."""
    try:
        yield from _stream_ranges(path, index, pages)
    except (OSError, EOFError, UnicodeError) as exc:
        raise ReaderError(str(index), f"cannot read the multistream index: {exc}") from None


def _stream_ranges(path: str | Path, index: str | Path, pages: int) -> Iterator[StreamRange]:
    size = Path(path).stat().st_size
    start: int | None = None
    ids: list[int] = []
    offset = -1
    with bz2.open(index, "rt", encoding="utf-8") as fp:
        for line in fp:
            at, _, rest = line.partition(":")
            page_id = rest.partition(":")[0]
            if not (at.isdigit() and page_id.isdigit()):
                continue
            if int(at) != offset:  # a new stream
                offset = int(at)
                if start is None:
                    start = offset
                elif len(ids) >= pages:
                    yield StreamRange(start, offset, ids)
                    start, ids = offset, []
            ids.append(int(page_id))
    if start is not None and ids:
        yield StreamRange(start, size, ids)


def read_range(path: str | Path, start: int, end: int, source: str, prefilter: Any = None,
               resume: "Resume | None" = None) -> Iterator[RawPage | ReaderError]:
    """The raw pages of bytes ``start:end`` of a multistream dump (whole bz2
    streams of ``<page>`` elements, the last one possibly ``</mediawiki>``)."""
    try:
        with open(path, "rb") as fp:  # on a cluster: the same path on every worker
            fp.seek(start)
            data = fp.read(end - start)
    except OSError as exc:
        raise ReaderError(source, f"cannot read: {exc}") from None
    try:
        xml = bz2.decompress(data).rstrip()
    except EOFError:
        raise ReaderError(source, "compressed data ends early: the file is truncated") from None
    except OSError as exc:
        raise ReaderError(source, f"cannot read bytes {start}-{end}: {exc}") from None
    if xml.endswith(b"</mediawiki>"):
        xml = xml[: -len(b"</mediawiki>")]
    yield from read_pages(io.BytesIO(b"<mediawiki>" + xml + b"</mediawiki>"), source,
                          prefilter=prefilter, resume=resume)


def read_xml(fp: BinaryIO, source: str, prefilter: Any = None, **_: object) -> Iterator[Document | ReaderError]:
    """Documents of the article pages of an export; a page that cannot be read
    is yielded as a ReaderError. Malformed XML raises ReaderError naming the
    line, after the pages before it were yielded."""
    for item in read_pages(fp, source, prefilter=prefilter):
        yield parse_page(item) if isinstance(item, RawPage) else item


def parse_page(page: RawPage) -> Document | ReaderError:
    """The Document of one raw page (a ReaderError when the parser fails)."""
    try:
        return parse_wikitext(page.wikitext, page.source, title=page.title, meta=page.meta)
    except Exception as exc:  # noqa: BLE001 - a parser failure stays confined to its page
        return ReaderError(page.source.split("#page=")[0], f"cannot parse wikitext: {type(exc).__name__}: {exc}",
                           page.where)


def read_pages(fp: BinaryIO, source: str, prefilter: Any = None, resume: Resume | None = None,
               **_: object) -> Iterator[RawPage | ReaderError]:
    """The raw article pages of an export (see :func:`read_xml`), unparsed."""
    if prefilter is True:
        from .prefilter import PrefilterStats

        prefilter = PrefilterStats()
    events = iterparse(fp, events=("start", "end"), forbid_dtd=True)
    root: Element | None = None
    try:
        for event, elem in events:
            if root is None:
                root = elem
                if _local(elem.tag) != "mediawiki":
                    raise ReaderError(source, f"not a MediaWiki export (root element <{_local(elem.tag)}>)")
            if event == "end" and _local(elem.tag) == "page":
                if resume is not None and not resume.found:  # before the checkpoint: only the id
                    resume.skipped += 1
                    resume.found = _text(_child(elem, "id")) == str(resume.after)
                    root.clear()
                    continue
                item = _page(elem, source, prefilter or None)
                root.clear()  # drop the page (and siteinfo) just read
                if item is not None:
                    yield item
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise ReaderError(source, f"malformed XML: {exc}", f"line {line}" if line else None) from None
    except DefusedXmlException as exc:
        raise ReaderError(source, f"XML with a DTD or entity declarations is refused ({type(exc).__name__})") from None
    if resume is not None and not resume.found:
        raise ReaderError(source, f"the checkpoint's page {resume.after} is not in this dump "
                          "(run the ingest again with --restart)")


def _page(page: Element, source: str, prefilter: Any = None) -> RawPage | ReaderError | None:
    """The raw page of one ``<page>``; ``None`` for pages tally skips."""
    fields = {_local(child.tag): child for child in page}
    ns = _text(fields.get("ns")) or "0"
    if ns != "0" or "redirect" in fields:
        return None
    page_id = _text(fields.get("id"))
    title = _text(fields.get("title")) or None
    where = f"page {page_id or title or '?'}"
    if not page_id.isdigit():
        return ReaderError(source, f"page {title!r} has no numeric <id>", where)
    revisions = [child for child in page if _local(child.tag) == "revision"]
    if not revisions:
        return ReaderError(source, "page has no revision", where)
    revision = {_local(child.tag): child for child in revisions[-1]}
    wikitext = revision["text"].text if "text" in revision else None
    if not wikitext or not wikitext.strip():
        return ReaderError(source, "page has no text", where)
    if prefilter is not None and prefilter.check(wikitext) is None:
        return None
    cap = max_raw_bytes()
    if cap is not None and len(wikitext) > cap:  # refused before the (slow) wikitext parse
        return size_error(source, len(wikitext), cap, where, what="the page's wikitext", unit="characters")
    rev_id = _text(revision.get("id"))
    meta = {"page_id": int(page_id), "revision_id": int(rev_id) if rev_id.isdigit() else None,
            "timestamp": _text(revision.get("timestamp")) or None, "namespace": 0}
    return RawPage(wikitext, f"{source}#page={page_id}", title, meta, where)


def _local(tag: str) -> str:
    """``{http://www.mediawiki.org/xml/export-0.11/}page`` -> ``page``."""
    return tag.rsplit("}", 1)[-1]


def _child(elem: Element, name: str) -> Element | None:
    for child in elem:
        if _local(child.tag) == name:
            return child
    return None


def _text(elem: Element | None) -> str:
    return (elem.text or "").strip() if elem is not None else ""
