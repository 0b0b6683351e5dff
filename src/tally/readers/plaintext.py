"""The plain-text rendering of a wiki page::

    = Title =

    Infobox
    - Key: Value
    ...

    Lead paragraph.

    ==Section==            (or "== Section ==", "=== Sub ===")
    Text, and "- item" lists (see-also entries).

``Document.text`` is the file's text itself, so every offset points into the
original (newlines normalised).
"""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

from ..model import Document, Infobox, InfoboxField, Link, Section
from ._infobox import COORD_KEYS, infobox_kind, normalise_key, parse_coordinates, value_skip
from ._text import decode

TITLE_RE = re.compile(r"\A\s*=(?!=)\s*(.+?)\s*=\s*$", re.M)
HEADING_RE = re.compile(r"^(={2,6})\s*([^=\n].*?)\s*\1[ \t]*$", re.M)
INFOBOX_RE = re.compile(r"^[ \t]*Infobox(?:[ \t]+([^\n]*?))?[ \t]*:?[ \t]*$", re.M | re.I)
FIELD_RE = re.compile(r"^[ \t]*[-*][ \t]*([^:\n]{1,60}?)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)
ITEM_RE = re.compile(r"^[ \t]*[-*][ \t]*(.+?)[ \t]*$", re.M)

SEE_ALSO = {"see also", "related", "related articles"}


def looks_like(text: str) -> bool:
    """True when ``text`` has the shape of the plain-text wiki rendering."""
    head = text[:4000]
    return bool(TITLE_RE.match(head)) or bool(INFOBOX_RE.search(head) and FIELD_RE.search(head))


def read_plaintext(fp: BinaryIO, source: str, **_: object) -> Iterator[Document]:
    text = decode(fp.read(), source)
    yield parse_plaintext(text, source)


def parse_plaintext(text: str, source: str) -> Document:
    title = None
    pos = 0
    m = TITLE_RE.match(text)
    if m:
        title = m.group(1).strip()
        pos = m.end()

    headings = list(HEADING_RE.finditer(text, pos))
    first_heading = headings[0].start() if headings else len(text)

    infobox = None
    lead_start = pos
    ib = INFOBOX_RE.search(text, pos, first_heading)
    if ib:
        fields, end = _infobox_fields(text, ib.end(), first_heading)
        if fields:
            template = "Infobox " + ib.group(1) if ib.group(1) else "Infobox"
            infobox = Infobox(template=template, kind=infobox_kind(template, {f.key for f in fields}),
                              fields=fields, start=ib.start(), end=end)
            lead_start = end

    sections = [Section("Lead", 1, _skip_blank(text, lead_start), first_heading)]
    for i, h in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        body_start = min(h.end() + 1, end) if h.end() < len(text) else h.end()
        sections.append(Section(h.group(2).strip(), len(h.group(1)), body_start, end))

    links: list[Link] = []
    if infobox is not None:
        partof = infobox.get("partof")
        if partof:
            links.extend(Link(p.strip(), "part_of") for p in re.split(r"[;\n]", partof.value) if p.strip())
    for s in sections:
        if s.name.lower() in SEE_ALSO:
            links.extend(Link(m.group(1), "see_also") for m in ITEM_RE.finditer(text, s.start, s.end))

    if title is None and infobox is not None:
        named = infobox.get("conflict", "title", "name")
        title = named.value if named else None
    meta = {}
    coords = _coordinates(infobox) if infobox is not None else None
    if coords is not None:
        meta["coordinates"] = coords
    return Document(text=text, source=source, format="plaintext", title=title, id=None,
                    sections=sections, infobox=infobox, links=links, meta=meta)


_COORD_MARKUP_RE = re.compile(r"\{\{\s*coord\s*\|([^{}]*)\}\}", re.I)


def _coord_markup(value: str) -> dict[str, float] | None:
    """A ``{{coord|...}}`` left as markup in a rendered value."""
    from ._wikimarkup import parse_coord

    m = _COORD_MARKUP_RE.search(value)
    if not m:
        return None
    return parse_coord([p.strip() for p in m.group(1).split("|") if "=" not in p])


def _coordinates(infobox: Infobox) -> dict[str, float] | None:
    """The page's point as its infobox writes it out: a ``Coordinates`` line
    (``12°36′N 7°59′W``, ``12.6°N 8.0°W``, ``12.6; -8.0``), else degrees
    written into the place line, else numeric ``Latitude``/``Longitude`` lines."""
    for key in COORD_KEYS:
        f = infobox.get(key)
        if f is not None:
            found = parse_coordinates(f.value, bare_decimals=key.startswith("coord")) or _coord_markup(f.value)
            if found is not None:
                return found
    lat, lon = infobox.get("latitude", "lat"), infobox.get("longitude", "long", "lon")
    if lat is not None and lon is not None:
        try:
            la, lo = float(lat.value.strip()), float(lon.value.strip())
        except ValueError:
            return None
        if -90 <= la <= 90 and -180 <= lo <= 180:
            return {"lat": la, "lon": lo}
    return None


def _infobox_fields(text: str, start: int, stop: int) -> tuple[list[InfoboxField], int]:
    """The ``- Key: Value`` lines right after the ``Infobox`` line."""
    fields = []
    pos = start
    end = start
    line_re = re.compile(r"[^\n]*\n?")
    while pos < stop:
        line = line_re.match(text, pos)
        if line is None or line.end() == pos:
            break
        raw_line = line.group(0)
        if not raw_line.strip():
            if fields:
                break  # a blank line ends the infobox
            pos = line.end()
            continue
        fm = FIELD_RE.match(text, pos, line.end())
        if not fm:
            break
        name, value = fm.group(1), fm.group(2)
        key = normalise_key(name)
        skip = value_skip(key, value)
        fields.append(InfoboxField(key=key, name=name.strip(), raw=value,
                                   value=value[skip:], start=fm.start(2) + skip, end=fm.end(2)))
        end = fm.end()
        pos = line.end()
    return fields, end


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos
