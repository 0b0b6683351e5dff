"""Readers: bytes -> :class:`~tally.model.Document`.

Each reader is a function ``reader(fp, source, **options) -> Iterator[Document]``
over a binary file object. :func:`read` picks one by ``--input-format`` or by
the file's extension and content, and wraps every failure in a
:class:`~tally.errors.ReaderError` that names the file (and row or page). A
fatal problem is raised; a problem confined to one row or page is yielded as a
ReaderError instance in place of that document, and reading goes on.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import importlib
import io
import re
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from ..errors import ReaderError
from ..limits import check_documents, max_raw_bytes, size_error
from ..model import Document

#: format name -> "module:function" (loaded on first use)
READERS: dict[str, str] = {
    "plaintext": "tally.readers.plaintext:read_plaintext",
    "wikitext": "tally.readers.wikitext:read_wikitext",
    "xml": "tally.readers.xmldump:read_xml",
    "csv": "tally.readers.tabular:read_csv",
    "tsv": "tally.readers.tabular:read_tsv",
    "jsonl": "tally.readers.tabular:read_jsonl",
    "text": "tally.readers.text:read_text",
    "html": "tally.readers.html:read_html",
    "feed": "tally.readers.feed:read_feed",
}

FORMATS = tuple(READERS)
#: Formats whose file is one document: read whole, so capped while read (tally.limits).
ONE_DOCUMENT = frozenset({"plaintext", "wikitext", "text", "html"})
#: Formats read whole into memory (a feed too), so capped while read like one document.
WHOLE_FILE = ONE_DOCUMENT | {"feed"}

_EXTENSIONS = {
    ".wiki": "wikitext", ".wikitext": "wikitext", ".mediawiki": "wikitext",
    ".xml": "xml", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "feed", ".atom": "feed",
}
#: The root element of an RSS 2.0 / RSS 1.0 (RDF) / Atom feed.
FEED_ROOTS = ("rss", "feed", "rdf:rdf")
_ROOT_RE = re.compile(r"\A\s*(?:(?:<\?[^>]*\?>|<!--.*?-->|<!doctype[^>\[]*(?:\[.*?\])?\s*>)\s*)*<([\w:.-]+)",
                      re.I | re.S)


def get_reader(fmt: str) -> Callable[..., Iterator[Document | ReaderError]]:
    try:
        module, func = READERS[fmt].split(":")
    except KeyError:
        raise ValueError(f"unknown input format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    return getattr(importlib.import_module(module), func)


def open_binary(path: str | Path) -> BinaryIO:
    """Open ``path`` for reading, decompressing ``.bz2`` (on several cores:
    :mod:`tally.readers.decompress`) and ``.gz`` on the fly."""
    p = Path(path)
    name = p.name.lower()
    if name.endswith(".bz2"):
        from .decompress import open_bz2

        return open_bz2(p)
    if name.endswith(".gz"):
        return gzip.open(p, "rb")  # type: ignore[return-value]
    return open(p, "rb")


def detect_format(name: str, head: bytes) -> str:
    """The format of a file from its name (extension, ignoring ``.bz2``/``.gz``)
    and, for ``.txt`` and unknown extensions, its first bytes: a MediaWiki
    export, an RSS or Atom feed (also for ``.xml``), an HTML page, the
    plain-text wiki rendering, wikitext, JSON Lines (not for ``.txt``), else
    plain text."""
    lower = name.lower()
    for comp in (".bz2", ".gz"):
        if lower.endswith(comp):
            lower = lower[: -len(comp)]
    suffix = Path(lower).suffix
    sample = _sniff_text(head)
    root = root_element(sample)
    if suffix == ".xml" and root in FEED_ROOTS:
        return "feed"
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    stripped = sample.lstrip()
    if root == "mediawiki" or stripped.startswith("<mediawiki") or (
            stripped.startswith("<?xml") and "<mediawiki" in sample[:2000]):
        return "xml"
    if root in FEED_ROOTS:
        return "feed"
    if root == "html" or re.match(r"\s*<!doctype\s+html", sample[:200], re.I):
        return "html"
    from .plaintext import looks_like

    if looks_like(sample):
        return "plaintext"
    if looks_like_wikitext(sample):
        return "wikitext"
    if stripped.startswith("{") and suffix != ".txt":
        return "jsonl"
    return "text"


def root_element(sample: str) -> str | None:
    """The name of the first element of a markup ``sample`` (lower case, after
    an XML declaration, comments and a doctype), or None."""
    m = _ROOT_RE.match(sample[:20000])
    return m.group(1).lower() if m else None


_WIKI_SIGNS = [re.compile(p, re.M) for p in (
    r"\[\[[^\[\]\n]+\]\]",  # [[link]]
    r"'''",  # bold
    r"<ref[\s>/]",  # references
    r"\{\{[^{}\n]+(?:\}\}|\|)",  # {{template}}
    r"^==[^=\n].*==[ \t]*$",  # == heading ==
)]


def looks_like_wikitext(text: str) -> bool:
    """An infobox template, or two kinds of wiki markup in the first 8,000
    characters (the plain-text rendering has headings but no other markup)."""
    head = text[:8000]
    if re.search(r"\{\{\s*infobox", head, re.I):
        return True
    return sum(1 for sign in _WIKI_SIGNS if sign.search(head)) >= 2


def _sniff_text(head: bytes) -> str:
    """The first bytes as text for sniffing (BOM honoured, errors ignored)."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="ignore")
    return head.decode("utf-8", errors="ignore")


#: the kinds of file a folder is read for (text files and compressed files of any kind read too)
_FOLDER_SUFFIXES = frozenset(_EXTENSIONS) | {".txt", ".text"}


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """``paths`` with each folder replaced by the files in it that tally reads (all
    levels, in name order; hidden files and folders left out), and the files of
    other kinds found in those folders (an image, a spreadsheet), which are not read.
    Files named directly are kept whatever their kind."""
    files: list[Path] = []
    other: list[Path] = []
    for path in paths:
        p = Path(path)
        if not p.is_dir():
            files.append(p)
            continue
        for f in sorted(p.rglob("*")):
            if not f.is_file() or any(part.startswith(".") for part in f.relative_to(p).parts):
                continue
            name = f.name.lower()
            for ext in (".bz2", ".gz"):
                name = name[:-len(ext)] if name.endswith(ext) else name
            (files if Path(name).suffix in _FOLDER_SUFFIXES else other).append(f)
    return files, other


def read(path: str | Path, input_format: str | None = None,
         **options: object) -> Iterator[Document | ReaderError]:
    """Documents read from ``path``. ``options`` go to the reader
    (``text_column``, ``id_column``, ``date_column`` for tabular formats), but
    ``language`` (an ISO 639-1 code, ``--lang``) is set on every document read.

    Raises ReaderError for a missing file or unreadable content, possibly
    after yielding earlier documents (a malformed XML export, a truncated
    ``.bz2``); yields a ReaderError in place of a bad row or page.
    """
    language = options.pop("language", None)
    if language:
        yield from _with_language(read(path, input_format, **options), str(language))
        return
    source = str(path)
    p = Path(path)
    if not p.exists():
        raise ReaderError(source, "no such file")
    if p.is_dir():
        raise ReaderError(source, "is a directory, not a file")
    try:
        fp = open_binary(p)
        with fp:
            head = _peek(fp)
            fmt = input_format or detect_format(p.name, head)
            reader = get_reader(fmt)
            stream: BinaryIO = Rewound(head, fp)  # type: ignore[assignment]
            if fmt in WHOLE_FILE:
                stream = _Capped(stream, source)  # type: ignore[assignment]
            yield from check_documents(reader(stream, source, **options), source)
    except ReaderError:
        raise
    except EOFError:
        raise ReaderError(source, "compressed data ends early: the file is truncated") from None
    except (OSError, UnicodeError, ValueError) as exc:
        raise ReaderError(source, f"cannot read: {exc}") from None


def read_bytes(data: bytes, name: str, input_format: str | None = None,
               **options: object) -> Iterator[Document | ReaderError]:
    """Documents from an in-memory upload called ``name`` (same rules as :func:`read`)."""
    language = options.pop("language", None)
    if language:
        yield from _with_language(read_bytes(data, name, input_format, **options), str(language))
        return
    if name.lower().endswith(".bz2"):
        data = _bunzip2(data, name)
    fmt = input_format or detect_format(name, data[:65536])
    reader = get_reader(fmt)
    if fmt in WHOLE_FILE:
        cap = max_raw_bytes()
        if cap is not None and len(data) > cap:
            raise size_error(name, len(data), cap, what="the file")
    try:
        yield from check_documents(reader(io.BytesIO(data), name, **options), name)
    except ReaderError:
        raise
    except (OSError, UnicodeError, ValueError) as exc:
        raise ReaderError(name, f"cannot read: {exc}") from None


def _with_language(items: Iterator[Document | ReaderError], language: str) -> Iterator[Document | ReaderError]:
    for item in items:
        if isinstance(item, Document):
            item.language = language
        yield item


def _bunzip2(data: bytes, name: str) -> bytes:
    """``data`` decompressed, refused once it grows past the raw limit (a
    "bzip2 bomb" is never expanded whole)."""
    cap = max_raw_bytes()
    out = []
    size = 0
    try:
        while data:
            dec = bz2.BZ2Decompressor()
            chunk = dec.decompress(data, max_length=-1 if cap is None else cap + 1 - size)
            out.append(chunk)
            size += len(chunk)
            if cap is not None and size > cap:
                raise size_error(name, size, cap, what="the decompressed file")
            if not dec.eof:
                raise ReaderError(name, "compressed data ends early: the file is truncated")
            data = dec.unused_data  # a multi-stream file (pbzip2)
    except (OSError, ValueError) as exc:
        raise ReaderError(name, f"cannot decompress: {exc}") from None
    return b"".join(out)


def _peek(fp: BinaryIO, n: int = 65536) -> bytes:
    return fp.read(n)


class Rewound(io.RawIOBase):
    """A binary stream that replays ``head`` (already read for detection)
    before the rest of ``fp``, so compressed inputs need not be reopened."""

    def __init__(self, head: bytes, fp: BinaryIO):
        self._head = head
        self._pos = 0
        self._fp = fp

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        if self._pos < len(self._head):
            n = min(len(b), len(self._head) - self._pos)
            b[:n] = self._head[self._pos:self._pos + n]
            self._pos += n
            return n
        data = self._fp.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            rest = self._head[self._pos:] + self._fp.read()
            self._pos = len(self._head)
            return rest
        return super().read(size)


class _Capped(io.RawIOBase):
    """A binary stream that raises ReaderError once more than the raw limit
    (:func:`tally.limits.max_raw_bytes`) has been read from it."""

    def __init__(self, fp: BinaryIO, source: str):
        self._fp = fp
        self._source = source
        self._cap = max_raw_bytes()
        self._read = 0

    def readable(self) -> bool:
        return True

    def _count(self, n: int) -> None:
        self._read += n
        if self._cap is not None and self._read > self._cap:
            raise size_error(self._source, self._read, self._cap, what="the file (at least)")

    def readinto(self, b) -> int:  # type: ignore[override]
        n = self._fp.readinto(b)
        self._count(n or 0)
        return n

    def read(self, size: int = -1) -> bytes:
        if size is not None and size >= 0:
            data = self._fp.read(size)
            self._count(len(data))
            return data
        if self._cap is None:
            return self._fp.read()
        chunks = []  # to the end, one short read at a time, never past the cap
        while chunk := self._fp.read(min(1 << 20, self._cap + 1 - self._read)):
            chunks.append(chunk)
            self._count(len(chunk))
        return b"".join(chunks)
