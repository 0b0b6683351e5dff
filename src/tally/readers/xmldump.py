"""MediaWiki XML export (``Special:Export`` or a dump) -> one Document per page.

The file is streamed with ``defusedxml``'s ``iterparse`` and each ``<page>`` is
cleared once read, so memory stays flat however large the dump. DTDs and
entities are refused (no entity expansion, no external fetches). Only
main-namespace (``ns`` 0) pages that are not redirects are read; each goes
through :func:`tally.readers.wikitext.parse_wikitext` with ``meta`` holding
``page_id``, ``revision_id``, ``timestamp`` and ``namespace``, and source
``"<file>#page=<page_id>"``. Of a page with several revisions the last one
is read; with ``history`` (what ``tally ingest`` asks for) each revision whose
casualty text changed is read, oldest first, with source
``"<file>#page=<page_id>&revision=<id>"`` and ``reverted`` in its ``meta``
(:mod:`tally.readers.history`). Each ``<revision>`` is dropped from the tree
once read, so a page's history never sits in memory whole.

With ``prefilter`` (``True`` or a :class:`tally.readers.prefilter.PrefilterStats` that
counts the pages seen and passed by reason) only pages whose raw wikitext looks
like an incident article (:func:`tally.readers.prefilter.classify`) are parsed; the rest
are skipped before the wikitext parse, most of them before the XML parse too, from
their bytes (:mod:`tally.readers.pagescan`). :func:`read_pages` yields the raw pages
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
from .history import HistoryStats, Revision, RevisionWindow, casualty_key, parse_timestamp, revision_meta
from .pagescan import PageFilter, page_check_enabled
from .prefilter import PrefilterStats, classify
from .wikitext import parse_wikitext


class RawPage(NamedTuple):
    """One article page before its wikitext is parsed (picklable)."""

    wikitext: str
    source: str
    title: str | None
    meta: dict[str, Any]
    where: str
    #: False for a revision of a history page whose later revisions are still to come:
    #: a checkpoint names only a page read to its end
    last: bool = True


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
               resume: "Resume | None" = None, history: Any = None) -> Iterator[RawPage | ReaderError]:
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
                          prefilter=prefilter, resume=resume, history=history)


def read_xml(fp: BinaryIO, source: str, prefilter: Any = None, history: Any = None,
             **_: object) -> Iterator[Document | ReaderError]:
    """Documents of the article pages of an export; a page that cannot be read
    is yielded as a ReaderError. Malformed XML raises ReaderError naming the
    line, after the pages before it were yielded. With ``history``, one Document
    per stored revision of a page with several (:func:`read_pages`)."""
    for item in read_pages(fp, source, prefilter=prefilter, history=history):
        yield parse_page(item) if isinstance(item, RawPage) else item


def parse_page(page: RawPage) -> Document | ReaderError:
    """The Document of one raw page (a ReaderError when the parser fails)."""
    try:
        return parse_wikitext(page.wikitext, page.source, title=page.title, meta=page.meta)
    except Exception as exc:  # noqa: BLE001 - a parser failure stays confined to its page
        return ReaderError(page.source.split("#page=")[0], f"cannot parse wikitext: {type(exc).__name__}: {exc}",
                           page.where)


def read_pages(fp: BinaryIO, source: str, prefilter: Any = None, resume: Resume | None = None,
               history: Any = None, **_: object) -> Iterator[RawPage | ReaderError]:
    """The raw article pages of an export (see :func:`read_xml`), unparsed.

    Each ``<revision>`` is read and dropped as soon as it ends, so a page with
    thousands of revisions takes the memory of about one hour of them. Of a page
    with several revisions, the last one is read; with ``history`` (``True`` or a
    :class:`tally.readers.history.HistoryStats` that counts them) every revision
    whose casualty text changed is yielded, oldest first, each a RawPage whose
    ``meta`` has its ``timestamp`` and ``reverted`` (:mod:`tally.readers.history`)."""
    if prefilter is True:
        prefilter = PrefilterStats()
    if history is True:
        history = HistoryStats()
    if isinstance(prefilter, PrefilterStats) and page_check_enabled():
        fp = PageFilter(fp, prefilter, resume)  # pages the pre-filter rejects, left out from their bytes
    events = iterparse(fp, events=("start", "end"), forbid_dtd=True)
    root: Element | None = None
    page: _PageReader | None = None
    depth = 0
    try:
        for event, elem in events:
            if event == "start":
                depth += 1
                if root is None:
                    root = elem
                    if _local(elem.tag) != "mediawiki":
                        raise ReaderError(source, f"not a MediaWiki export (root element <{_local(elem.tag)}>)")
                elif depth == 2 and _local(elem.tag) == "page":
                    skipping = resume is not None and not resume.found
                    page = _PageReader(elem, source, prefilter or None, history, skipping)
                continue
            depth -= 1
            if page is None:
                continue
            if depth == 2 and _local(elem.tag) == "revision":
                yield from page.revision(elem)
                page.elem.remove(elem)  # drop the revision just read
            elif depth == 1 and elem is page.elem:
                assert root is not None
                if page.skipping:  # before the checkpoint: only the id
                    resume.skipped += 1  # type: ignore[union-attr]
                    resume.found = _text(_child(elem, "id")) == str(resume.after)  # type: ignore[union-attr]
                else:
                    yield from page.finish()
                page = None
                root.clear()  # drop the page (and siteinfo) just read
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise ReaderError(source, f"malformed XML: {exc}", f"line {line}" if line else None) from None
    except DefusedXmlException as exc:
        raise ReaderError(source, f"XML with a DTD or entity declarations is refused ({type(exc).__name__})") from None
    if resume is not None and not resume.found:
        raise ReaderError(source, f"the checkpoint's page {resume.after} is not in this dump "
                          "(run the ingest again with --restart)")


class _PageReader:
    """The ``<revision>`` elements of one ``<page>``, read one at a time."""

    def __init__(self, elem: Element, source: str, prefilter: Any, history: Any, skipping: bool) -> None:
        self.elem, self.source, self.prefilter, self.history = elem, source, prefilter, history
        self.skipping = skipping
        self.header: tuple[int, str | None, str] | ReaderError | None = None  # (id, title, where)
        self.count = 0
        self.latest: dict[str, Any] | None = None  # the last revision read, until a second makes it a history
        self.window: RevisionWindow | None = None
        self.pending: RawPage | None = None  # the newest revision to store, held for its ``last``
        self.reason: str | None = None  # the pre-filter's reason for the first revision it passed

    def _header(self) -> tuple[int, str | None, str] | ReaderError | None:
        """(page id, title, where) from the page's fields before its revisions;
        None for a page tally skips; a ReaderError for a page without an id."""
        if self.count == 0 and self.header is None:
            fields = {_local(child.tag): child for child in self.elem if _local(child.tag) != "revision"}
            ns = _text(fields.get("ns")) or "0"
            page_id = _text(fields.get("id"))
            title = _text(fields.get("title")) or None
            where = f"page {page_id or title or '?'}"
            if ns != "0" or "redirect" in fields:
                self.header = None
                self.count = -1  # nothing more to read of this page
            elif not page_id.isdigit():
                self.header = ReaderError(self.source, f"page {title!r} has no numeric <id>", where)
            else:
                self.header = (int(page_id), title, where)
        return self.header

    def revision(self, elem: Element) -> list[RawPage | ReaderError]:
        if self.skipping or self.count < 0 or not isinstance(self._header(), tuple):
            return []
        fields = _revision_fields(elem)
        self.count += 1
        if self.history is None:
            self.latest = fields
            return []
        if self.count == 1:
            self.latest = fields
            return []
        out: list[RawPage | ReaderError] = []
        if self.window is None:  # a second revision: the page is a history
            self.window = RevisionWindow(self.history)
            self.history.pages += 1
            out += self._feed(self.latest)  # type: ignore[arg-type]
            self.latest = None
        return out + self._feed(fields)

    def finish(self) -> list[RawPage | ReaderError]:
        header = self._header()
        if header is None:
            return []
        if isinstance(header, ReaderError):
            return [header]
        page_id, title, where = header
        if self.window is None:
            if self.latest is None:
                return [ReaderError(self.source, "page has no revision", where)]
            item = _latest(self.latest, page_id, title, where, self.source, self.prefilter)
            return [item] if item is not None else []
        out = self._emit(self.window.finish())
        if self.pending is not None:
            out.append(self.pending._replace(last=True))
        if self.prefilter is not None and hasattr(self.prefilter, "reasons"):
            self.prefilter.seen += 1
            if self.reason is not None:
                self.prefilter.reasons[self.reason] += 1
        return out

    def _feed(self, fields: dict[str, Any]) -> list[RawPage | ReaderError]:
        """One revision of a history page into the window."""
        assert self.window is not None and isinstance(self.header, tuple)
        where = f"{self.header[2]} revision {fields['id'] or '?'}"
        at = parse_timestamp(fields["timestamp"])
        if at is None:
            self.history.failed += 1
            return [ReaderError(self.source, "revision has no valid <timestamp>", where)]
        text = fields["text"]
        if not text or not text.strip():
            self.history.without_text += 1
            return []
        cap = max_raw_bytes()
        if cap is not None and len(text) > cap:
            self.history.failed += 1
            return [size_error(self.source, len(text), cap, where, what="the revision's wikitext", unit="characters")]
        passes = True
        if self.prefilter is not None:
            reason = classify(text)
            passes = reason is not None
            if passes and self.reason is None:
                self.reason = reason
        rev = Revision(fields["id"], fields["timestamp"], at, casualty_key(text), sha1=fields["sha1"],
                       user=fields["user"], comment=fields["comment"])
        return self._emit(self.window.add(rev, text if passes else None))

    def _emit(self, revs: list[Revision]) -> list[RawPage | ReaderError]:
        """The stored revisions as RawPages, each held back until the next (the last is the page's)."""
        assert isinstance(self.header, tuple)
        page_id, title, where = self.header
        out: list[RawPage | ReaderError] = []
        for rev in revs:
            raw = RawPage(rev.text or "", f"{self.source}#page={page_id}&revision={rev.rev_id}", title,
                          revision_meta(page_id, rev), f"{where} revision {rev.rev_id}", last=False)
            if self.pending is not None:
                out.append(self.pending)
            self.pending = raw
        return out


def _revision_fields(elem: Element) -> dict[str, Any]:
    """The fields of one ``<revision>`` that tally reads."""
    fields = {_local(child.tag): child for child in elem}
    contributor = fields.get("contributor")
    user = None
    if contributor is not None:
        user = _text(_child(contributor, "username")) or _text(_child(contributor, "ip")) or None
    text = fields.get("text")
    return {"id": _text(fields.get("id")), "timestamp": _text(fields.get("timestamp")),
            "text": text.text if text is not None else None, "sha1": _text(fields.get("sha1")) or None,
            "comment": _text(fields.get("comment")), "user": user}


def _latest(revision: dict[str, Any], page_id: int, title: str | None, where: str, source: str,
            prefilter: Any) -> RawPage | ReaderError | None:
    """The raw page of a page's last revision; ``None`` when the pre-filter skips it."""
    wikitext = revision["text"]
    if not wikitext or not wikitext.strip():
        return ReaderError(source, "page has no text", where)
    if prefilter is not None and prefilter.check(wikitext) is None:
        return None
    cap = max_raw_bytes()
    if cap is not None and len(wikitext) > cap:  # refused before the (slow) wikitext parse
        return size_error(source, len(wikitext), cap, where, what="the page's wikitext", unit="characters")
    rev_id = revision["id"]
    meta = {"page_id": page_id, "revision_id": int(rev_id) if rev_id.isdigit() else None,
            "timestamp": revision["timestamp"] or None, "namespace": 0}
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
