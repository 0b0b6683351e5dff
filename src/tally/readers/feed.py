"""News feeds (RSS 2.0, RSS 1.0, Atom): one Document per item.

feedparser reads the feed from the bytes given (never from the network).
Each item gives a Document whose text is its headline, a blank line, then the
text of its content (or, when shorter or missing, its summary), cleaned of
markup and furniture as a saved page is (:func:`tally.readers.html.fragment_text`).
``meta``: ``item`` (its 1-based position), ``link`` (the item's address: the
report's source URL and, in the store, its identity, so a re-read of the same
feed, or of a newer version of it, adds nothing), ``guid``, ``date`` (the
item's publication day, ISO: the anchor and bound of the event's date),
``updated`` (its last update, when later) and ``feed`` (the feed's title).

A feed that declares entities (a ``<!DOCTYPE>`` with ``<!ENTITY``) is refused
whole: no entity is ever expanded. An item with neither a headline nor any
text is a ReaderError naming the feed and the item, and the other items are
read. A feed that is not well-formed XML is read again item by item (each
item with the channel's head, as a small feed of its own), so that a
malformed item is one ReaderError, nothing read from it, and does not spoil
the items after it.
"""

from __future__ import annotations

import html as htmllib
import io
import re
from typing import Any, BinaryIO, Iterator

from ..errors import ReaderError
from ..model import Document
from .html import fragment_text, language_code, later

_ENTITY_RE = re.compile(rb"<!ENTITY", re.I)
_FIRST_ELEMENT_RE = re.compile(rb"<[A-Za-z]")
_TAG_RE = re.compile(r"<[^>]*>")
_ITEM_RE = re.compile(rb"<(?:item|entry)[\s>/]")
_CLOSE_RE = re.compile(rb"</(?:channel|feed|rdf:RDF)\s*>")


def read_feed(fp: BinaryIO, source: str, **_: object) -> Iterator[Document | ReaderError]:
    """One Document per item of the feed (a ReaderError in place of an item
    without text). Raises ReaderError for an empty file, a feed declaring
    entities or a file that is not a feed."""
    import feedparser

    data = fp.read()
    if not data.strip():
        raise ReaderError(source, "empty file")
    if declares_entities(data):
        raise ReaderError(source, "the feed declares XML entities (<!ENTITY>); refused, entities "
                          "are never expanded")
    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # the parser's failure on odd bytes: one line, not a traceback
        raise ReaderError(source, f"cannot read the feed: {type(exc).__name__}: {exc}") from None
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise ReaderError(source, "not an RSS or Atom feed" + (f": {why}" if why else ""))
    feed = parsed.get("feed") or {}
    feed_language = language_code(feed.get("language"))
    feed_title = _plain(feed.get("title") or "") or None
    entries: Iterator[Any] = iter(parsed.entries)
    if _not_well_formed(parsed):  # the lenient parse may merge or drop items: read them one by one
        pieces = split_items(data)
        if pieces is not None:
            entries = (_parse_piece(*piece) for piece in pieces)
        else:
            yield ReaderError(source, f"not well-formed XML ({parsed.get('bozo_exception')}); its items "
                              "were read leniently and some may be merged or missing", "feed")
    for n, entry in enumerate(entries, 1):
        try:
            if isinstance(entry, Exception):
                raise ReaderError(source, f"{entry}; nothing stored from the item", f"item {n}")
            item = item_document(entry, n, source, feed_title, feed_language)
        except ReaderError as exc:
            yield exc
            continue
        except Exception as exc:  # an item the parser left odd: one line naming it, the others read
            yield ReaderError(source, f"unreadable item: {type(exc).__name__}: {exc}", f"item {n}")
            continue
        yield item


def _not_well_formed(parsed: Any) -> bool:
    import xml.sax

    return bool(parsed.get("bozo")) and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException)


def split_items(data: bytes) -> list[tuple[bytes, bytes, int]] | None:
    """The feed cut into ``(head, item, line)`` pieces, each a small feed of
    its own (the channel's head, one item and the closing tags; ``line``: the
    item's first line in the file), so that a malformed item spoils only
    itself; None when the feed is not in an ASCII-compatible encoding or has
    no ``<item>``/``<entry>`` or its head (before the first item) is itself
    malformed."""
    if b"\x00" in data[:64]:
        return None
    starts = [m.start() for m in _ITEM_RE.finditer(data)]
    if not starts or isinstance(_parse_piece(data[:starts[0]], _closing(data[:starts[0]]), 1, 0), ValueError):
        return None
    close = _CLOSE_RE.search(data, starts[-1])
    end = close.start() if close else len(data)
    head, closing = data[:starts[0]], data[end:] if close else _closing(data[:starts[0]])
    bounds = starts + [end]
    return [(head, data[a:b] + closing, data.count(b"\n", 0, a) + 1) for a, b in zip(bounds, bounds[1:])]


def _parse_piece(head: bytes, piece: bytes, line: int, items: int = 1) -> Any:
    """The one entry of a feed made of ``head`` and one item (starting on
    ``line`` of the file), or a ValueError saying where that item is not
    well-formed (``items=0``: a head alone, None when it is well-formed)."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(head + piece), sanitize_html=True, resolve_relative_uris=False)
    if _not_well_formed(parsed):
        exc = parsed.get("bozo_exception")
        at = exc.getLineNumber() - head.count(b"\n") + line - 1 if hasattr(exc, "getLineNumber") else line
        what = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
        return ValueError(f"not well-formed XML at line {at}: {what}")
    if len(parsed.entries) != items:
        return ValueError(f"{len(parsed.entries)} items read from one item's markup (line {line})")
    return parsed.entries[0] if items else None


def _closing(head: bytes) -> bytes:
    """The closing tags a feed's head opened (``</channel></rss>``, ``</feed>``, ``</rdf:RDF>``)."""
    tags = [m.group(1) for m in re.finditer(rb"<(rss|channel|feed|rdf:RDF)\b", head)]
    return b"".join(b"</" + t + b">" for t in reversed(tags))


def item_document(entry: Any, n: int, source: str, feed_title: str | None = None,
                  feed_language: str | None = None) -> Document:
    """The Document of the feed item ``entry`` (the ``n``-th of ``source``)."""
    where = f"item {n}"
    title = _plain(entry.get("title") or "")
    body = fragment_text(_item_html(entry), source)
    if not title and not body:
        raise ReaderError(source, "the item has no headline and no text; nothing stored from it", where)
    if body.startswith(title + "\n") or body == title:
        body = body[len(title):].lstrip("\n")
    text = "\n\n".join(p for p in (title, body) if p) + "\n"
    published = _day(entry, "published") or _day(entry, "created")
    updated = _day(entry, "updated")
    if published is None:
        published, updated = updated, None
    link = (entry.get("link") or "").strip() or None
    guid = (entry.get("id") or "").strip() or None
    meta = {"item": n, "link": link or (guid if guid and "://" in guid else None), "guid": guid,
            "date": published, "updated": later(updated, published), "feed": feed_title}
    language = language_code(_content_language(entry)) or feed_language
    return Document.from_text(text, f"{source}#item={n}", format="feed", title=title or None,
                              meta={k: v for k, v in meta.items() if v is not None}, language=language)


def declares_entities(data: bytes) -> bool:
    """True when the feed's prolog (before its root element) declares an
    entity; UTF-16 and UTF-32 feeds are read as their ASCII bytes."""
    ascii_bytes = data.replace(b"\x00", b"") if b"\x00" in data[:64] else data
    root = _FIRST_ELEMENT_RE.search(ascii_bytes)  # declarations start with "<!", elements with a letter
    return bool(_ENTITY_RE.search(ascii_bytes, 0, root.start() if root else len(ascii_bytes)))


def _item_html(entry: Any) -> str:
    """The item's longest text: its content, else its summary (or description)."""
    candidates = [c.get("value") or "" for c in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    return max(candidates, key=lambda v: len(_TAG_RE.sub("", v)))


def _content_language(entry: Any) -> str | None:
    for c in entry.get("content") or []:
        if c.get("language"):
            return c.get("language")
    detail = entry.get("summary_detail") or {}
    return detail.get("language")


def _plain(value: str) -> str:
    """A headline without markup or entities, on one line."""
    return " ".join(htmllib.unescape(_TAG_RE.sub(" ", value)).split())


def _day(entry: Any, key: str) -> str | None:
    """The ISO day of the item's date ``key`` as written (its own time zone:
    "Tue, 11 Mar 2025 00:30 +0100" is 11 March), else feedparser's parsed
    date (UTC); None when absent or when feedparser cannot read it."""
    parsed = dict.get(entry, f"{key}_parsed")  # the item's own field, not feedparser's fallback to another
    if not parsed:
        return None
    try:
        from dateutil import parser as dateparser

        return dateparser.parse(str(dict.get(entry, key))).date().isoformat()
    except (ValueError, OverflowError, TypeError):
        pass
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
