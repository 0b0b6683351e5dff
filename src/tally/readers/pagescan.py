"""The pre-filter's byte-level page check: skip a page before the XML parse.

With the pre-filter on (``--prefilter``), most pages of a dump are read only to
be dropped by :func:`tally.readers.prefilter.classify`, and the XML parse of
those pages (``defusedxml``'s pure-Python parser, an event per element) cost
more than the check itself. :class:`PageFilter` wraps the decompressed stream
that :func:`tally.readers.xmldump.read_pages` parses: it cuts the bytes at
``<page>`` ... ``</page>`` and, for a page laid out as MediaWiki writes one
(leaf elements in the page header, one ``<revision>``, one ``<text>``), reads
the namespace, redirect, id and text from the bytes (:func:`page_verdict`). A
main-namespace page whose text the pre-filter rejects is counted in
``PrefilterStats.seen`` and left out of what the parser sees; a page of another
namespace or a redirect is left out uncounted, as the parser path does. Every
other page goes to the parser unchanged: one the pre-filter passes, a history
(several revisions), a page without text or id, and any page whose bytes the
check cannot vouch for. The result is the same pages, counts and errors as
parsing everything:

- the check reads the text exactly as the parser would (the five XML entities,
  line ends normalised, UTF-8) and runs the same ``classify`` on it;
- a page is left out only when it is well-formed by the rules its bytes can
  break here (balanced leaf tags with quoted attributes, only the five named
  entities, no character references, no control characters, no ``]]>``), so a
  malformed page still reaches the parser and its error;
- a left-out page is replaced by its newlines, so the line of a later parse
  error is the file's;
- the cutting stops (everything goes to the parser from there) at anything that
  could hide a ``<page>`` or ``</page>`` from a byte search: a comment, CDATA,
  a processing instruction or DTD, a nested ``<page``, a non-UTF-8 encoding,
  a header that does not end at depth one, or text between pages;
- with a checkpoint to resume from, pages go to the parser unchanged until the
  checkpoint's page has gone by.
"""

from __future__ import annotations

import io
import os
import re
from typing import Any

from .prefilter import classify

#: Bytes read from the decompressed stream at a time.
BLOCK = 1 << 20
#: A page longer than this is not held to be checked: it streams to the parser.
MAX_PAGE = 4 << 20
#: A header (``<mediawiki>``, ``<siteinfo>``) longer than this stops the cutting.
MAX_HEADER = 16 << 20

_NAME = rb"[A-Za-z_][\w.-]*"
_ENT = rb"&(?:lt|gt|amp|quot|apos);"
_CHARS = rb"(?:[^<&]|" + _ENT + rb")*"
_ATTR = rb"(?:xml:|xmlns:)?" + _NAME + rb"\s*=\s*(?:\"(?:[^\"<>&]|" + _ENT + rb")*\"|'(?:[^'<>&]|" + _ENT + rb")*')"
_LEAF = rb"<(?P<l>" + _NAME + rb")(?:\s+" + _ATTR + rb")*\s*(?:/>|>" + _CHARS + rb"</(?P=l)\s*>)"
_NODE = (rb"<(?P<n>" + _NAME + rb")(?:\s+" + _ATTR + rb")*\s*(?:/>|>(?:" + _CHARS + rb"|(?:\s*" + _LEAF
         + rb")*\s*)</(?P=n)\s*>)")
#: The page's fields before its revision: leaf elements only.
_HEADER = re.compile(rb"(?:\s*" + _LEAF + rb")*\s*")
#: A revision's fields around its text: leaves, or elements of leaves (``<contributor>``).
_FIELDS = re.compile(rb"(?:\s*" + _NODE + rb")*\s*")
_FIELD = re.compile(rb"<(" + _NAME + rb")[^<>]*?(?:/>|>([^<]*)</\1\s*>)")
_TEXT_OPEN = re.compile(rb"<text(?:\s+" + _ATTR + rb")*\s*(/?)>")
_BAD_AMP = re.compile(rb"&(?!(?:lt|gt|amp|quot|apos);)")
#: Bytes XML 1.0 does not allow in a document (all controls but tab, line feed, carriage return).
_CONTROL_BYTES = bytes(range(0, 9)) + b"\x0b\x0c" + bytes(range(14, 32))
_TAG = re.compile(rb"<(/?)(" + _NAME + rb"(?::" + _NAME + rb")?)(?:\s+[\w.:-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'))*\s*(/?)>")
_DECL = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml\s[^<>?]*\?>")
_ENCODING = re.compile(rb"encoding\s*=\s*[\"']([^\"']*)[\"']")
_PAGE_TAG = re.compile(rb"<page[\s/>]")

def page_check_enabled() -> bool:
    """False when ``TALLY_PAGE_CHECK=0``: every page goes through the XML parse (for comparison)."""
    return os.environ.get("TALLY_PAGE_CHECK", "").strip() != "0"


#: page_verdict's answers: leave the page out and count it as seen by the pre-filter;
#: leave it out uncounted (another namespace, a redirect); give it to the parser.
SKIP_SEEN, SKIP_OTHER, PARSE = "seen", "other", "parse"


def page_verdict(chunk: bytes) -> tuple[str, bytes | None]:
    """What to do with one ``<page>...</page>`` (bytes), and the page id read from its bytes.

    The text (nearly all of the bytes) is scanned a few times at memory speed; the
    rest of the page (a few hundred bytes) is matched against the layout in full."""
    rev = chunk.find(b"<revision")
    end = chunk.rfind(b"</revision>")
    if rev < 0 or end < rev or chunk[rev:rev + 10] != b"<revision>" or chunk[end + 11:-7].strip():
        return PARSE, None
    start = chunk.find(b"<text", rev)
    opening = _TEXT_OPEN.match(chunk, start) if 0 <= start < end else None
    if opening is None or opening.group(1):  # no text, or <text .../>: the parser says what is missing
        return PARSE, None
    close = chunk.find(b"<", opening.end(), end)  # the text holds no markup: its first < is </text>
    if close < 0 or not chunk.startswith(b"</text>", close):
        return PARSE, None
    raw = chunk[opening.end():close]
    header, fields = chunk[6:rev], chunk[rev + 10:start] + chunk[close + 7:end]
    outside = header + fields
    if (b"&#" in outside or b"]]>" in outside or b"<revision" in fields or b"<text" in fields
            or _PAGE_TAG.search(outside) or _HEADER.fullmatch(header) is None or _FIELDS.fullmatch(fields) is None):
        return PARSE, None
    found = [(m.group(1), m.group(2)) for m in _FIELD.finditer(header)]
    named = dict(found)
    page_id = (named.get(b"id") or b"").strip()
    ns = (named.get(b"ns") or b"").strip() or b"0"
    if len(named) != len(found) or not (ns.isascii() and page_id.isascii()):  # a field twice: the parser's call
        return PARSE, None
    if ((b"&" in raw and _BAD_AMP.search(raw)) or (b">" in raw and b"]]>" in raw)
            or len(chunk.translate(None, _CONTROL_BYTES)) != len(chunk)):
        return PARSE, page_id
    try:
        outside.decode("utf-8")
    except UnicodeDecodeError:
        return PARSE, page_id
    text = _text(raw)
    if text is None:
        return PARSE, page_id
    if ns != b"0" or b"redirect" in named:
        return SKIP_OTHER, page_id
    if not page_id.isdigit() or not text.strip() or classify(text) is not None:
        return PARSE, page_id
    return SKIP_SEEN, page_id


def _text(raw: bytes) -> str | None:
    """The element text the XML parser gives for ``raw`` (None when it is not valid UTF-8 XML text)."""
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if b"&" in raw:
        raw = (raw.replace(b"&lt;", b"<").replace(b"&gt;", b">").replace(b"&quot;", b'"')
               .replace(b"&apos;", b"'").replace(b"&amp;", b"&"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\ufffe" in text or "\uffff" in text:
        return None
    return text


def _header_ok(header: bytes) -> bool:
    """True when the bytes before the first ``<page>`` leave the parser at depth one
    (inside ``<mediawiki>``), in UTF-8, with nothing a byte search could misread."""
    decl = _DECL.match(header)
    if decl is not None:
        enc = _ENCODING.search(decl.group(0))
        if enc is not None and enc.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
            return False
        header = header[decl.end():]
    if b"<!" in header or b"<?" in header or b"&#" in header:
        return False
    tags = list(_TAG.finditer(header))
    if len(tags) != header.count(b"<") or not tags or tags[0].group(2).rsplit(b":", 1)[-1] != b"mediawiki":
        return False
    depth = 0
    for m in tags:
        if m.group(3):
            continue
        depth += -1 if m.group(1) else 1
        if depth < 1:
            return False
    return depth == 1


class PageFilter(io.RawIOBase):
    """The decompressed export ``fp`` with the pages the pre-filter rejects cut out
    (see the module docstring); ``stats`` (a :class:`PrefilterStats`) counts them as
    seen, ``resume`` (a :class:`tally.readers.xmldump.Resume`) holds the cutting back
    until its page has gone by. ``cut`` counts the pages left out."""

    def __init__(self, fp: Any, stats: Any, resume: Any = None) -> None:
        self._fp, self._stats = fp, stats
        self._waiting = str(resume.after).encode() if resume is not None else None
        self._buf = b""
        self._pos = 0
        self._eof = False
        self._out: list[memoryview] = []  # pieces for the parser, the first one given up to _given
        self._given = 0
        self._mode = "head"  # head, pages, stream (one long page), pass (no more cutting), done
        self._tail = b""  # the last bytes of a long page given to the parser
        self.cut = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:  # type: ignore[override]
        while not self._out:
            if self._mode == "done":
                return 0
            self._step()
        piece = self._out[0]
        n = min(len(b), len(piece) - self._given)
        b[:n] = piece[self._given:self._given + n]
        self._given += n
        if self._given == len(piece):
            self._out.pop(0)
            self._given = 0
        return n

    def _more(self) -> bool:
        """Read another block after the unread part of the buffer; False at the end."""
        if self._eof:
            return False
        data = self._fp.read(BLOCK)
        if not data:
            self._eof = True
            return False
        self._buf = self._buf[self._pos:] + data
        self._pos = 0
        return True

    def _emit(self, data: bytes) -> None:
        if data:
            self._out.append(memoryview(data))

    def _step(self) -> None:
        if self._mode == "pass":
            self._pass()
        elif self._mode == "head":
            self._head()
        elif self._mode == "stream":
            self._stream()
        else:
            self._page()

    def _pass(self) -> None:
        """The rest of the stream to the parser as it is."""
        if self._pos < len(self._buf):
            self._emit(self._buf[self._pos:])
            self._buf, self._pos = b"", 0
            return
        data = b"" if self._eof else self._fp.read(BLOCK)
        if data:
            self._emit(data)
        else:
            self._mode = "done"

    def _head(self) -> None:
        at = self._buf.find(b"<page>")
        if at < 0:
            if len(self._buf) > MAX_HEADER or not self._more():
                self._mode = "pass"
            return
        header = self._buf[:at]
        self._mode = "pages" if _header_ok(header) else "pass"
        self._emit(header)
        self._pos = at

    def _page(self) -> None:
        buf, pos = self._buf, self._pos
        at = buf.find(b"<page>", pos)
        if at < 0:
            tail = buf[pos:].strip()
            if (tail and not b"<page>".startswith(tail)) or not self._more():
                self._mode = "pass"
            return
        if buf[pos:at].strip():  # not whitespace between two pages: stop cutting
            self._mode = "pass"
            return
        end = buf.find(b"</page>", at)
        if end < 0:
            if len(buf) - at > MAX_PAGE:  # a long page streams to the parser
                self._mode = "pass" if self._waiting is not None or _unsafe(buf[at:], 1) else "stream"
                if self._mode == "stream":
                    self._emit(buf[pos:-7])
                    self._tail, self._pos = buf[-15:-7], len(buf) - 7
            elif not self._more():
                self._mode = "pass"
            return
        chunk = buf[at:end + 7]
        self._pos = end + 7
        verdict, page_id = page_verdict(chunk)  # a page it leaves out has nothing a byte search misreads
        if self._waiting is not None:  # resuming: every page to the parser up to the checkpoint's
            if page_id == self._waiting:
                self._waiting = None
            verdict = PARSE
        if verdict == PARSE:
            self._emit(buf[pos:end + 7])
            if _unsafe(chunk, 1):  # a comment, CDATA or nested page: the next <page> may not be one
                self._mode = "pass"
            return
        if verdict == SKIP_SEEN:
            self._stats.seen += 1
        self.cut += 1
        self._emit(buf[pos:at] + b"\n" * chunk.count(b"\n"))

    def _stream(self) -> None:
        """A long page goes to the parser as it comes, up to its ``</page>``."""
        buf, pos = self._buf, self._pos
        end = buf.find(b"</page>", pos)
        stop = end + 7 if end >= 0 else max(pos, len(buf) - 7)  # a </page> may start in the last 7 bytes
        piece = buf[pos:stop]
        self._emit(piece)
        self._pos = stop
        seen, self._tail = self._tail + piece, (self._tail + piece)[-8:]
        if _unsafe(seen, 0):
            self._mode = "pass"
        elif end >= 0:
            self._mode = "pages"
        elif not self._more():
            self._mode = "pass"


def _unsafe(data: bytes, pages: int) -> bool:
    """True when ``data`` holds what a byte search cannot follow: a comment, CDATA, a
    processing instruction, or more than ``pages`` page tags."""
    return b"<!" in data or b"<?" in data or len(_PAGE_TAG.findall(data)) > pages
