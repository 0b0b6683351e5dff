"""Saved web pages (``.html``, ``.htm``): one Document per page, its article only.

The article's main text and its metadata come from trafilatura (which drops
the site's furniture: navigation, banners, related-stories boxes, captions,
bylines, footers); its dates from htmldate (meta tags, JSON-LD, ``<time>``
elements, the URL: docs/news.md says which metadata each date comes from).
The Document's text is the headline, a blank line, then the article's
paragraphs separated by blank lines, so the headline stays in the text as in a
plain-text report and every claim's offsets point into what was kept.

``meta`` holds ``date`` (the publication day, ISO: the anchor and bound of
the event's date), ``updated`` (the last update, when later), ``url`` (the
page's canonical address), ``site_name`` and ``author``. The page's
declared language (``<html lang>``, ``og:locale``...) becomes
``Document.language`` when it is one tally reads.

Bounded work on hostile pages: scripts, styles, inline SVG and ``data:``
URIs are cut out first in one linear pass; the markup left may be no longer
than the per-document limit (``TALLY_MAX_DOC_BYTES``); libxml2 stops nesting
past its depth limit, so a bomb of nested tags parses quickly and yields no
article (an error naming the file).
"""

from __future__ import annotations

import html as htmllib
import re
from datetime import date
from typing import Any, BinaryIO, Iterator

from ..errors import ReaderError
from ..limits import max_doc_bytes, size_error, text_bytes
from ..model import Document
from ._text import normalise_newlines

#: Languages whose declaration sets ``Document.language`` (the ones tally has a lexicon for).
LANGUAGES = ("en", "fr")
#: Elements cut out of the markup before parsing (never article text).
_HEAVY_TAGS = ("script", "style", "svg", "template", "noscript", "iframe", "object")
_OPEN_RE = re.compile(r"<(%s)\b" % "|".join(_HEAVY_TAGS), re.I)
_LD_JSON_RE = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.I)
#: JSON-LD blocks larger than this are cut too (metadata is small).
MAX_LD_JSON = 200_000
_DATA_URI_RE = re.compile(r"data:[^\"'\s>]{256,}")
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w:.-]+)""", re.I)
_SAVED_FROM_RE = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
_TITLE_SEPARATORS = (" - ", " | ", " — ", " – ", " :: ", " · ")


def read_html(fp: BinaryIO, source: str, **_: object) -> Iterator[Document]:
    """One Document of the page's article. Raises ReaderError for an empty
    or binary file, markup over the size limit or a page with no article text."""
    yield page_document(decode_html(fp.read(), source), source)


def decode_html(data: bytes, source: str) -> str:
    """The page's markup as text: a BOM, else the ``<meta charset>`` of its
    head, else UTF-8, else Windows-1252. Raises ReaderError for empty or binary input."""
    from ._text import decode

    if not data.strip():
        raise ReaderError(source, "empty file")
    m = _CHARSET_RE.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in data[:8192]:
        charset = m.group(1).decode("ascii", "ignore").lower()
        if charset not in ("utf-8", "utf8") and not charset.startswith(("utf-16", "utf-32", "utf16", "utf32")):
            try:
                return normalise_newlines(data.decode(charset))
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(data, source)


def page_document(markup: str, source: str, *, fmt: str = "html") -> Document:
    """The Document of one page's ``markup`` (see the module docstring)."""
    try:
        page = read_page(markup, source)
    except ReaderError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise ReaderError(source, f"cannot read the page: markup too deep or too large ({type(exc).__name__})") from None
    except Exception as exc:  # a parser library's failure on odd markup: one line, not a traceback
        raise ReaderError(source, f"cannot read the page: {type(exc).__name__}: {exc}") from None
    meta = {k: v for k, v in page.items() if k not in ("title", "text", "language") and v}
    return Document.from_text(page["text"], source, format=fmt, title=page["title"],
                              meta=meta, language=page["language"])


def read_page(markup: str, source: str) -> dict[str, Any]:
    """The article of a page: ``title``, ``text`` (headline first), ``language``,
    ``date``, ``updated``, ``url``, ``site_name``, ``author``."""
    import trafilatura
    from trafilatura.utils import load_html

    light = strip_heavy(markup)
    limit = max_doc_bytes()
    if limit is not None and len(light) > limit // 4 and text_bytes(light) > limit:
        raise size_error(source, text_bytes(light), limit,
                         what="the page's markup (scripts, styles and inline data left out)")
    tree = load_html(light)
    if tree is None:
        raise ReaderError(source, "no HTML document in the file")
    url = _page_url(tree, markup)
    info = page_metadata(tree, url)  # before the main text, which prunes the tree
    found = trafilatura.bare_extraction(tree, url=url, with_metadata=False, favor_precision=True,
                                        include_comments=False, include_images=False,
                                        include_tables=False, fast=True)
    title = clean_title(info["title"] or "", info["site_name"])
    paragraphs = without_byline(article_paragraphs(found.text if found is not None else "", title))
    if not paragraphs:
        raise ReaderError(source, "no article text found in the page (only navigation, "
                          "boxes or markup, or tags nested too deep to read)")
    text = "\n\n".join(([title] if title else []) + paragraphs) + "\n"
    return {**info, "title": title or None, "text": text}


def page_metadata(tree: Any, url: str | None) -> dict[str, Any]:
    """What the page says about itself: its headline (trafilatura: Open Graph
    and other meta tags, then JSON-LD, then the single ``<h1>`` or the
    ``<title>``), site name, author and declared language, its publication
    day and last update (htmldate: docs/news.md). Trafilatura's own metadata
    pass is not used: it also hunts authors, categories and licences in the
    page, which costs more than the main text."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    md = examine_meta(tree)
    try:
        md = extract_meta_json(tree, md)
    except Exception:  # trafilatura's JSON-LD reader on odd JSON-LD: the meta tags alone
        pass
    site = md.sitename[0] if isinstance(md.sitename, list) and md.sitename else md.sitename
    published = find_date(tree, url=url, original_date=True, extensive_search=False)
    latest = find_date(tree, url=url, original_date=False, extensive_search=False,
                       deferred_url_extractor=True)
    return {"title": md.title or extract_title(tree), "site_name": str(site).lstrip("@") if site else None,
            "author": md.author, "language": _language(tree), "url": url,
            "date": published, "updated": later(latest, published)}


def strip_heavy(markup: str) -> str:
    """``markup`` without the content of scripts (JSON-LD kept when small),
    styles, SVG, templates, iframes and long ``data:`` URIs; one pass, linear
    in the length even when a tag is never closed."""
    out: list[str] = []
    pos = 0
    lower = None
    while True:
        m = _OPEN_RE.search(markup, pos)
        if m is None:
            break
        tag = m.group(1).lower()
        if lower is None:
            lower = markup.lower()
        close = lower.find(f"</{tag}", m.end())
        end = len(markup) if close < 0 else lower.find(">", close)
        end = len(markup) if end < 0 else end + 1
        head_end = markup.find(">", m.end())
        keep = (tag == "script" and 0 <= head_end < end and close >= 0
                and _LD_JSON_RE.search(markup, m.end(), head_end) and close - head_end <= MAX_LD_JSON)
        out.append(markup[pos:end] if keep else markup[pos:m.start()])
        pos = end
    out.append(markup[pos:])
    return _DATA_URI_RE.sub("data:", "".join(out))


def later(updated: str | None, published: str | None) -> str | None:
    """``updated`` when it is a later day than ``published``, else None."""
    day, first = _iso_day(updated or ""), _iso_day(published or "")
    return updated if day is not None and (first is None or day > first) else None


def _iso_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def clean_title(title: str, site: str | None) -> str:
    """The headline without the site's name around it ("Gunmen kill 14 - The
    Courier" -> "Gunmen kill 14"): a part that is the site name, or a short
    last part after a separator when the page names no site."""
    title = " ".join(htmllib.unescape(title).split())
    for sep in _TITLE_SEPARATORS:
        if sep not in title:
            continue
        parts = [p.strip() for p in title.split(sep)]
        if site and any(_same(p, site) for p in parts):
            kept = [p for p in parts if not _same(p, site)]
            return sep.join(kept) if kept else title
        if not site and len(parts) >= 2 and len(parts[-1].split()) <= 3 \
                and len(parts[-1]) < len(sep.join(parts[:-1])):
            return sep.join(parts[:-1])
    return title


def _same(part: str, site: str) -> bool:
    key = re.sub(r"\W+", "", part.lower())
    other = re.sub(r"\W+", "", site.lower())
    return bool(key) and (key == other or key == re.sub(r"^the", "", other))


def article_paragraphs(body: str, title: str | None) -> list[str]:
    """The article's paragraphs: blank ones, a first one repeating the
    headline and exact repeats of an earlier paragraph (an extraction echo)
    left out."""
    seen: set[str] = set()
    out: list[str] = []
    for line in normalise_newlines(body).split("\n"):
        para = " ".join(line.split())
        if not para or para in seen or (not out and title and para == title):
            continue
        seen.add(para)
        out.append(para)
    return out


#: A byline or date line the extractor left at the top of the article ("By Jane Doe, 10 March",
#: "Par Ousmane Diarra, publié le"): its first words.
_BYLINE_RE = re.compile(
    r"(?:(?:[Bb]y|Par|Posted\s+by|Written\s+by)\s+(?:[A-ZÀ-Ý][\w'’.-]*\s*){1,4}(?:$|[,|·•–—-]|and\b|et\b)"
    r"|(?i:published|updated|last\s+updated|publié|mis\s+à\s+jour)(?:\s+(?i:on|le))?\s*[:\d])")
#: A byline is short and comes before the article's first paragraphs.
BYLINE_WORDS = 15
BYLINE_SCAN = 3


def without_byline(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` without a short byline or date line among the first
    ones (the extractor drops most, by their class; a site's own class
    names are not all known to it)."""
    return [p for n, p in enumerate(paragraphs)
            if n >= BYLINE_SCAN or not (_BYLINE_RE.match(p) and len(p.split()) <= BYLINE_WORDS)]


def fragment_text(fragment: str, source: str) -> str:
    """The text of an HTML fragment (a feed item's content or summary) with
    the same furniture left out as on a page; plain text stays as it is."""
    if "<" not in fragment:
        return "\n\n".join(article_paragraphs(htmllib.unescape(fragment), None))
    import trafilatura

    light = strip_heavy(fragment)
    found = trafilatura.bare_extraction(f"<html><body><div>{light}</div></body></html>",
                                        with_metadata=False, favor_precision=True,
                                        include_comments=False, include_images=False,
                                        include_tables=False, fast=True)
    paragraphs = article_paragraphs(found.text if found is not None else "", None)
    if not paragraphs:  # too short for the extractor: the fragment's own text, boxes left out
        from trafilatura.utils import load_html

        tree = load_html(f"<html><body><div>{light}</div></body></html>")
        if tree is not None:
            for bad in tree.xpath("//figure|//figcaption|//aside|//nav|//footer"):
                bad.getparent().remove(bad)
            paragraphs = article_paragraphs("\n".join(tree.itertext()), None)
    return "\n\n".join(paragraphs)


def _page_url(tree: Any, markup: str) -> str | None:
    """The page's address: its canonical link or ``og:url``, else the
    "saved from url" mark a browser leaves in a saved page."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = tree.xpath(xpath)
        if found and str(found[0]).startswith(("http://", "https://")):
            return str(found[0]).strip()
    m = _SAVED_FROM_RE.search(markup[:2000])
    return m.group(1) if m and m.group(1).startswith(("http://", "https://")) else None


def _language(tree: Any) -> str | None:
    """The page's declared language when tally reads it (``<html lang>``,
    ``og:locale``, ``content-language``), else None (detected from the text)."""
    values = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    values += tree.xpath('//meta[@property="og:locale"]/@content')
    values += tree.xpath('//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")'
                         '="content-language"]/@content')
    for value in values:
        if str(value or "").strip():
            return language_code(value)
    return None


def language_code(value: Any) -> str | None:
    """The language of a declaration ("en-GB", "fr_FR", "fr") when tally reads it, else None."""
    code = re.split(r"[-_,\s]", str(value or "").strip().lower())[0]
    return code if code in LANGUAGES else None
