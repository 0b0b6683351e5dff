"""MediaWiki wikitext -> :class:`~tally.model.Document`.

The page is parsed once with mwparserfromhell and laid out in the same shape
as the plain-text rendering read by :mod:`tally.readers.plaintext`, so the
extractors see one format::

    = Title =

    Infobox
    - Key: clean value          (a value may run over several lines)
    ...

    Lead text...

    ==Section==
    body, with "- item" list lines

Reference-only sections (References, Notes, External links, Further
reading...) are left out of the text, and so are infobox parameters that
only lay out the box (:data:`LAYOUT_KEYS`, ``map_*``); ``{{coord}}`` leaves
no text, so a ``coordinates`` field never appears. ``meta["coordinates"]`` holds
``{"lat", "lon"}`` from the infobox's first ``{{coord}}`` (else a page
``{{coord|...|display=title}}``, else numeric ``latitude``/``longitude``
infobox fields). Links: ``part_of`` (the infobox ``partof`` field),
``wikilink`` (every ``[[link]]`` of the infobox and prose, once per target
and label), ``see_also`` (links of a See also section) and ``category``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, BinaryIO, Iterator

import mwparserfromhell
from mwparserfromhell.nodes import Heading, Node, Template
from mwparserfromhell.parser import ParserError
from mwparserfromhell.wikicode import Wikicode

from ..errors import ReaderError
from ..model import Document, Infobox, InfoboxField, Link, Section
from ._infobox import infobox_kind, normalise_key, parse_coordinates, value_skip
from ._text import decode
from ._wikimarkup import Renderer, template_name

#: Sections that hold citations and outside links, not prose about the event.
REFERENCE_SECTIONS = frozenset({
    "references", "notes", "footnotes", "citations", "sources", "external links",
    "further reading", "bibliography", "works cited", "notes and references",
    "references and notes", "explanatory notes",
})
SEE_ALSO = frozenset({"see also", "related", "related articles"})
#: Infobox parameters that only lay out the box (pictures, maps): not read.
LAYOUT_KEYS = frozenset({"image", "image_name", "image_size", "imagesize", "image_upright", "alt",
                         "image_alt", "width", "campaignbox", "coordinates", "module", "embed"})
TITLE_KEYS = ("conflict", "title", "name")
_SPACES = re.compile(r"\s+")


def read_wikitext(fp: BinaryIO, source: str, **_: object) -> Iterator[Document]:
    """One Document from a file of wikitext (``.wiki``, ``.wikitext``)."""
    text = decode(fp.read(), source)
    try:
        doc = parse_wikitext(text, source)
    except (ParserError, RecursionError, ValueError) as exc:
        raise ReaderError(source, f"cannot parse wikitext: {type(exc).__name__}: {exc}") from None
    yield doc


def parse_wikitext(wikitext: str, source: str, title: str | None = None,
                   meta: dict[str, Any] | None = None) -> Document:
    """The Document of one page of wikitext. ``title`` defaults to the
    infobox's ``conflict``/``title``/``name``, then to the file name."""
    code = mwparserfromhell.parse(wikitext)
    renderer = Renderer()
    template = _find_infobox(code)
    fields: list[tuple[str, str, str]] = []  # (name, raw, clean value)
    part_of: list[Link] = []
    if template is not None:
        renderer.skip.add(id(template))
        fields, part_of = _read_fields(template, renderer)
    infobox_coords = list(renderer.coords)

    if title is None:
        named = {normalise_key(n): v for n, _, v in reversed(fields)}
        title = next((named[k].split("\n")[0] for k in TITLE_KEYS if named.get(k)), None)
        stem = Path(source.split("#", 1)[0]).stem.replace("_", " ")
        title = title or (stem if _descriptive(stem) else _bold_title(wikitext) or stem)

    layout = _Layout(title)
    infobox = layout.add_infobox(template, fields) if fields else None
    see_also = _add_sections(code, renderer, layout)

    doc_meta = dict(meta or {})
    coords = _coordinates(infobox_coords, renderer.coords, infobox)
    if coords is not None:
        doc_meta["coordinates"] = coords
    links = _unique(part_of + renderer.links + see_also + renderer.categories)
    return Document(text=layout.text(), source=source, format="wikitext", title=title, id=None,
                    sections=layout.sections, infobox=infobox, links=links, meta=doc_meta)


_BOLD_RE = re.compile(r"'{3}(?!')(.{3,150}?)(?<!')'{3}")


_PLACEHOLDER_WORDS = frozenset({"page", "pages", "doc", "document", "article", "input", "test", "file", "text", "wiki",
                                "wikitext", "sample", "example", "untitled", "stdin", "data", "item"})


def _descriptive(stem: str) -> bool:
    """True when a file name reads as the page's title ("2015 Bamako hotel
    attack"), not as a number, hash or placeholder ("000 1452c17848fca342", "page 12")."""
    words = re.findall(r"[^\W\d_]{3,}|\w+", stem)
    return any(re.search(r"[^\W\d_]", w) and not re.fullmatch(r"[0-9a-f]+", w, re.I)
               and w.lower() not in _PLACEHOLDER_WORDS for w in words)


def _bold_title(wikitext: str) -> str | None:
    """The article's name as its first sentence writes it in bold ("The
    '''2014 Kano mosque bombing''' was..."), for a page with no title given."""
    lead = re.split(r"^==", wikitext, maxsplit=1, flags=re.M)[0]
    lead = re.sub(r"\{\{[^{}]*\}\}", "", lead)  # short templates (hatnotes, short descriptions)
    m = _BOLD_RE.search(lead)
    if m is None:
        return None
    title = re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", m.group(1))
    title = re.sub(r"<[^>]+>|'{2,}", "", title).strip()
    return title if title and "\n" not in title and not title.startswith(("{", "|")) else None


def _find_infobox(code: Wikicode) -> Template | None:
    """The first template whose name starts with "Infobox"."""
    for tpl in code.ifilter_templates(recursive=True):
        if template_name(tpl).startswith("infobox"):
            return tpl
    return None


def _read_fields(template: Template, renderer: Renderer) -> tuple[list[tuple[str, str, str]], list[Link]]:
    """The named, non-empty parameters of the infobox, and its ``partof`` links."""
    fields = []
    part_of: list[Link] = []
    for param in template.params:
        name = str(param.name).strip()
        if not name or name.isdigit():
            continue
        key = normalise_key(name)
        first_link = len(renderer.links)
        value = renderer.value(param.value)  # also records a {{coord}}
        value = value[value_skip(key, value):]
        if value and key in ("coordinates", "coords"):  # written out, not a {{coord}}
            written = parse_coordinates(value, bare_decimals=True)
            if written is not None:
                renderer.coords.append((written, "inline"))
        if not value or key in LAYOUT_KEYS or key.startswith(("map_", "pushpin")):
            del renderer.links[first_link:]
            continue
        fields.append((name, str(param.value).strip(), value))
        if key == "partof":
            linked = renderer.links[first_link:]
            part_of = ([Link(lk.target, "part_of", lk.label) for lk in linked] if linked else
                       [Link(p.strip(), "part_of") for p in re.split(r"[;\n]", value) if p.strip()])
    return fields, part_of


def _add_sections(code: Wikicode, renderer: Renderer, layout: "_Layout") -> list[Link]:
    """Lays out the lead and every section (reference sections left out);
    returns the links of See also sections, taken out of ``renderer.links``."""
    chunks: list[tuple[str, int, list[Node]]] = [("Lead", 1, [])]
    for node in code.nodes:
        name = renderer.value(node.title) if isinstance(node, Heading) else ""
        if name:
            chunks.append((name, node.level, []))
        else:  # an empty heading stays in the section before it
            chunks[-1][2].append(node)
    see_also: list[Link] = []
    dropped_level: int | None = None
    for i, (name, level, nodes) in enumerate(chunks):
        if dropped_level is not None and level <= dropped_level:
            dropped_level = None
        first_link = len(renderer.links)
        body = renderer.body(nodes)
        if i and (dropped_level is not None or name.lower() in REFERENCE_SECTIONS):
            dropped_level = level if dropped_level is None else dropped_level
            del renderer.links[first_link:]  # categories are kept apart
            continue
        if name.lower() in SEE_ALSO:
            see_also += [Link(lk.target, "see_also", lk.label) for lk in renderer.links[first_link:]]
            del renderer.links[first_link:]
        if i == 0:
            layout.add_lead(body)
        else:
            layout.add_section(name, level, body)
    return see_also


def _coordinates(infobox_coords: list[tuple[dict[str, float], str]],
                 all_coords: list[tuple[dict[str, float], str]],
                 infobox: Infobox | None) -> dict[str, float] | None:
    if infobox_coords:
        return infobox_coords[0][0]
    for coord, display in all_coords:
        if "title" in display or display == "t":
            return coord
    if infobox is not None:
        lat, lon = infobox.get("latitude"), infobox.get("longitude")
        try:
            if lat and lon:
                return {"lat": float(lat.value), "lon": float(lon.value)}
        except ValueError:
            pass
    return None


def _unique(links: list[Link]) -> list[Link]:
    seen: set[tuple[str, str, str | None]] = set()
    out = []
    for link in links:
        key = (link.kind, link.target, link.label)
        if key not in seen:
            seen.add(key)
            out.append(link)
    return out


class _Layout:
    """Builds ``Document.text`` piece by piece, recording the offsets of the
    infobox fields and sections as it goes."""

    def __init__(self, title: str | None) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.sections: list[Section] = []
        if title:
            self._add(f"= {title} =\n\n")

    def _add(self, piece: str) -> int:
        """Appends ``piece``; returns its start offset."""
        start = self._len
        self._parts.append(piece)
        self._len += len(piece)
        return start

    def add_infobox(self, template: Template | None, fields: list[tuple[str, str, str]]) -> Infobox:
        start = self._add("Infobox\n")
        out = []
        for name, raw, value in fields:
            self._add(f"- {name[:1].upper()}{name[1:]}: ")
            at = self._add(value)
            self._add("\n")
            out.append(InfoboxField(key=normalise_key(name), name=name, raw=raw, value=value,
                                    start=at, end=at + len(value)))
        end = out[-1].end
        self._add("\n")
        name = str(template.name) if template is not None else "Infobox"
        name = _SPACES.sub(" ", re.sub(r"<!--.*?-->", "", name, flags=re.S).replace("_", " ")).strip()
        return Infobox(template=name, kind=infobox_kind(name, {f.key for f in out}),
                       fields=out, start=start, end=end)

    def add_lead(self, body: str) -> None:
        start = self._len
        if body:
            self._add(body + "\n\n")
        self.sections.append(Section("Lead", 1, start, self._len))

    def add_section(self, name: str, level: int, body: str) -> None:
        marks = "=" * level
        self._add(f"{marks}{name}{marks}\n")
        start = self._len
        self._add(body + "\n\n" if body else "")
        self.sections.append(Section(name, level, start, self._len))

    def text(self) -> str:
        return "".join(self._parts)

