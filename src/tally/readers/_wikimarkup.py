"""Wikitext markup to clean text: the node walker behind the wikitext reader.

``mwparserfromhell``'s own ``strip_code`` keeps reference text, joins ``<br>``
lines and drops every template, so :class:`Renderer` walks the parse tree
itself: references, comments, files, tables and unknown templates vanish;
``<br>`` and list templates give one item per line; dates, conversions, flags
and wrappers keep their text; ``{{coord}}`` leaves no text but its position is
recorded. Links and categories met on the way are collected as
:class:`~tally.model.Link` objects.
"""

from __future__ import annotations

import calendar
import re
from typing import Callable, Iterable

from mwparserfromhell.nodes import ExternalLink, Heading, HTMLEntity, Node, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from ..model import Link

#: Tags whose content is not prose (``ref`` holds citations, ``table`` wiki tables).
DROP_TAGS = frozenset({
    "ref", "references", "gallery", "math", "chem", "ce", "score", "timeline", "graph",
    "imagemap", "mapframe", "maplink", "templatestyles", "syntaxhighlight", "source",
    "hiero", "inputbox", "categorytree", "table", "indicator", "noinclude",
})
VERBATIM_TAGS = frozenset({"nowiki", "pre"})
FILE_NAMESPACES = frozenset({"file", "image", "media"})
INTERLANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[a-z]+)*:")
HEMISPHERES = {"N": 1, "S": -1, "E": 1, "W": -1}

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:!?)\]])")
_EMPTY_PARENS = re.compile(r"\(\s*[,;]?\s*\)")
_BULLETS = re.compile(r"^(?:- )+")
_INLINE_BULLETS = re.compile(r"(?:^|\s)[*#]+\s+")


class Renderer:
    """Renders wikicode to clean text; one renderer per page.

    ``links`` collects ``wikilink`` links (target and label as shown),
    ``categories`` the ``category`` links, and ``coords`` every ``{{coord}}``
    met, as ``(coordinates, display)`` pairs. Nodes in ``skip`` (the infobox
    template, once read) render as nothing.
    """

    def __init__(self) -> None:
        self.links: list[Link] = []
        self.categories: list[Link] = []
        self.coords: list[tuple[dict[str, float], str]] = []
        self.skip: set[int] = set()

    # ----------------------------------------------------------------- public

    def value(self, code: Wikicode) -> str:
        """Clean text of an infobox value: one item per line, no list markers."""
        return tidy(self.render(code.nodes, body=False), body=False)

    def body(self, nodes: Iterable[Node]) -> str:
        """Clean text of article prose: paragraphs, ``- item`` list lines."""
        return tidy(self.render(nodes, body=True), body=True)

    def render(self, nodes: Iterable[Node], body: bool) -> str:
        """Text of ``nodes`` before tidying (whitespace as it falls)."""
        return "".join(self._node(n, body) for n in nodes)

    # ----------------------------------------------------------------- nodes

    def _node(self, node: Node, body: bool) -> str:
        if id(node) in self.skip:
            return ""
        if isinstance(node, Text):
            return node.value
        if isinstance(node, Template):
            return self._template(node, body)
        if isinstance(node, Wikilink):
            return self._wikilink(node, body)
        if isinstance(node, Tag):
            return self._tag(node, body)
        if isinstance(node, HTMLEntity):
            return node.normalize()
        if isinstance(node, ExternalLink):
            return self.render(node.title.nodes, body) if node.title else ""
        if isinstance(node, Heading):  # only headings nested in tags reach here
            return "\n" + self.render(node.title.nodes, False).strip() + "\n"
        return ""  # comments, template arguments

    def _tag(self, tag: Tag, body: bool) -> str:
        name = str(tag.tag).strip().lower()
        if name in ("br", "hr"):
            return "\n"
        if name == "li":  # "*" or "#" at the start of a line
            return "- " if body else "\n"
        if name in ("dd", "dt"):  # ":" and ";" lines
            return "\n"
        if name in DROP_TAGS or tag.contents is None:
            return ""
        if name in VERBATIM_TAGS:
            return str(tag.contents)
        return self.render(tag.contents.nodes, body)

    def _wikilink(self, link: Wikilink, body: bool) -> str:
        title = str(link.title).strip()
        escaped = title.startswith(":")
        target = title.lstrip(":").strip().replace("_", " ")
        prefix = target.split(":", 1)[0].strip().lower() if ":" in target else ""
        if not escaped and prefix in FILE_NAMESPACES:
            return ""
        if not escaped and prefix == "category":
            self.categories.append(Link(target.split(":", 1)[1].strip(), "category"))
            return ""
        if not escaped and link.text is None and INTERLANGUAGE_RE.match(target):
            return ""
        label = self.render(link.text.nodes, body).strip() if link.text is not None else ""
        label = label or target
        target = target[:1].upper() + target[1:]  # MediaWiki's canonical form
        self.links.append(Link(target, "wikilink", label))
        return label

    # ----------------------------------------------------------------- templates

    def _template(self, tpl: Template, body: bool) -> str:
        name = template_name(tpl)
        if name.startswith("formatnum:"):
            return str(tpl.name).split(":", 1)[1].strip()
        handler = TEMPLATES.get(name)
        if handler is None and name.startswith("lang-"):
            handler = _first
        return handler(self, tpl, body) if handler else ""

    def args(self, tpl: Template) -> tuple[list[Wikicode], dict[str, Wikicode]]:
        """Positional (``1``, ``2``... in order) and named parameters."""
        positional: dict[int, Wikicode] = {}
        named: dict[str, Wikicode] = {}
        for p in tpl.params:
            key = str(p.name).strip()
            if key.isdigit():
                positional[int(key)] = p.value
            else:
                named[key.lower()] = p.value
        return [positional[i] for i in sorted(positional)], named

    def plain(self, code: Wikicode | None, body: bool = False) -> str:
        """Text of one parameter, spaces collapsed."""
        return _SPACES.sub(" ", self.render(code.nodes, body)).strip() if code is not None else ""


def template_name(tpl: Template) -> str:
    """``{{Start_date|...}}`` -> ``start date`` (lower case, no ``Template:``)."""
    name = _SPACES.sub(" ", str(tpl.name).replace("_", " ")).strip().lower()
    name = re.sub(r"<!--.*?-->", "", name, flags=re.S).strip()
    return name[9:].strip() if name.startswith("template:") else name


# --------------------------------------------------------------------------- handlers

Handler = Callable[[Renderer, Template, bool], str]


def _first(r: Renderer, tpl: Template, body: bool) -> str:
    pos, _ = r.args(tpl)
    return r.plain(pos[0], body) if pos else ""


def _second(r: Renderer, tpl: Template, body: bool) -> str:
    pos, _ = r.args(tpl)
    return r.plain(pos[1], body) if len(pos) > 1 else ""


def _last(r: Renderer, tpl: Template, body: bool) -> str:
    pos, _ = r.args(tpl)
    return r.plain(pos[-1], body) if pos else ""


def _date(r: Renderer, tpl: Template, body: bool) -> str:
    pos, _ = r.args(tpl)
    return format_date([r.plain(p) for p in pos[:3]])


def _date_range(r: Renderer, tpl: Template, body: bool) -> str:
    pos, _ = r.args(tpl)
    parts = [r.plain(p) for p in pos[:6]]
    start, end = format_date(parts[:3]), format_date(parts[3:6])
    return f"{start} – {end}" if end else start


def _coord(r: Renderer, tpl: Template, body: bool) -> str:
    pos, named = r.args(tpl)
    coord = parse_coord([r.plain(p) for p in pos])
    if coord is not None:
        r.coords.append((coord, r.plain(named.get("display")).lower()))
    return ""


def _convert(r: Renderer, tpl: Template, body: bool) -> str:
    """``{{convert|5|km}}`` -> ``5 km``; ``{{convert|5|-|10|km}}`` -> ``5–10 km``."""
    vals = [r.plain(p) for p in r.args(tpl)[0]]
    if not vals:
        return ""
    out, i = vals[0], 1
    while i + 1 < len(vals) and vals[i] in ("-", "–", "to", "and", "or", "x", "by", "+/-"):
        out += ("–" if vals[i] in ("-", "–") else f" {vals[i]} ") + vals[i + 1]
        i += 2
    return f"{out} {vals[i]}" if i < len(vals) else out


def _items(r: Renderer, tpl: Template, body: bool) -> str:
    """``{{ubl|a|b}}``, ``{{hlist|a|b}}``: one item per line."""
    items = [r.plain(p) for p in r.args(tpl)[0]]
    return "\n" + "\n".join(i for i in items if i) + "\n"


def _bulleted(r: Renderer, tpl: Template, body: bool) -> str:
    """``{{plainlist|* a\\n* b}}``, ``{{flatlist}}``: the ``*`` items, one per line."""
    pos, _ = r.args(tpl)
    text = r.render(pos[0].nodes, False) if pos else ""
    return "\n" + "\n".join(_INLINE_BULLETS.split(text)) + "\n"


def _quote(r: Renderer, tpl: Template, body: bool) -> str:
    """``{{blockquote|text=...|author=...}}``: the quoted words, as prose."""
    pos, named = r.args(tpl)
    text = named.get("text") or named.get("quote") or named.get("quotetext") or (pos[0] if pos else None)
    if text is None:
        return ""
    out = r.render(text.nodes, body).strip()
    return f"\n\n{out}\n\n" if body else out


def _constant(text: str) -> Handler:
    return lambda r, tpl, body: text


def _separator(in_prose: str) -> Handler:
    """A list separator (``{{br}}``, ``{{·}}``): a new item in an infobox value."""
    return lambda r, tpl, body: in_prose if body else "\n"


TEMPLATES: dict[str, Handler] = {
    **dict.fromkeys(("start date", "start date and age", "end date", "end date and age",
                     "dts", "start-date"), _date),
    "start and end dates": _date_range,
    "coord": _coord,
    **dict.fromkeys(("convert", "cvt"), _convert),
    **dict.fromkeys(("flag", "flagcountry", "flagu", "flagcu", "flag country"), _first),
    **dict.fromkeys(("nowrap", "nobr", "small", "smaller", "big", "larger", "nobold", "noitalic",
                     "ill", "interlanguage link", "tooltip", "abbr", "sic", "keep together"), _first),
    "lang": _second,
    "transl": _last,
    **dict.fromkeys(("ubl", "ubil", "ublist", "unbulleted list", "hlist", "bulleted list", "blist",
                     "ordered list", "collapsible list", "plain list"), _items),
    **dict.fromkeys(("plainlist", "flatlist", "endplainlist", "endflatlist"), _bulleted),
    **dict.fromkeys(("circa", "c."), lambda r, tpl, body: "c. " + _first(r, tpl, body)),
    "nbsp": _constant(" "),
    **dict.fromkeys(("br", "break", "crlf", "clear"), _separator("\n")),
    **dict.fromkeys(("·", "dot", "•", "bull", "middot", "dot separator", "hlist separator", "spaced dot"),
                    _separator(" · ")),
    # a flag opens a new item of an infobox list ("{{flagicon|Mali}} Mali {{flagicon|France}} France")
    **dict.fromkeys(("flagicon", "flagdeco", "flagicon image", "flag icon"), _separator("")),
    "ndash": _constant("–"),
    "mdash": _constant("—"),
    **dict.fromkeys(("snd", "spaced ndash", "spaced en dash"), _constant(" – ")),
    **dict.fromkeys(("en dash", "endash"), _constant("–")),
    **dict.fromkeys(("date", "nihongo"), _first),
    **dict.fromkeys(("blockquote", "quote", "cquote", "quotation", "quote box", "rquote", "talk quote"), _quote),
    **dict.fromkeys(("birth date", "death date", "birth date and age", "death date and age"), _date),
    "as of": lambda r, tpl, body: "As of " + format_date([r.plain(p) for p in r.args(tpl)[0][:3]]),
    **dict.fromkeys(("transliteration", "translit"), _last),
    "sort": _last,
    # casualty icons of military infoboxes: "12 {{KIA}}<br />40 {{WIA}}"
    **dict.fromkeys(("kia", "killed in action"), _constant(" killed")),
    **dict.fromkeys(("wia", "wounded in action"), _constant(" wounded")),
    **dict.fromkeys(("pow", "prisoner of war"), _constant(" captured")),
    **dict.fromkeys(("mia", "missing in action"), _constant(" missing")),
}


# --------------------------------------------------------------------------- helpers


def format_date(parts: list[str]) -> str:
    """``["2024", "9", "17"]`` -> ``17 September 2024``; fewer parts give
    ``September 2024`` or ``2024``; non-numeric parts are joined as written."""
    nums: list[int] = []
    for part in parts:
        if not part:
            break
        if not part.isdigit():
            return " ".join(p for p in parts if p)
        nums.append(int(part))
    if not nums:
        return ""
    year = str(nums[0])
    if len(nums) == 1 or not 1 <= nums[1] <= 12:
        return year
    month = calendar.month_name[nums[1]]
    return f"{nums[2]} {month} {year}" if len(nums) > 2 else f"{month} {year}"


def parse_coord(values: list[str]) -> dict[str, float] | None:
    """``{{coord}}`` positional values -> ``{"lat": .., "lon": ..}``: decimal
    (``12.6|-8.0``), decimal with hemispheres (``12.6|N|8.0|W``) or
    degrees/minutes/seconds (``12|38|N|8|0|W``). ``None`` when unreadable."""
    vals = [v for v in values if v and ":" not in v]  # "type:city" etc.
    hemi = [i for i, v in enumerate(vals) if v.upper() in HEMISPHERES]
    try:
        if len(hemi) >= 2 and vals[hemi[0]].upper() in "NS" and vals[hemi[1]].upper() in "EW":
            i, j = hemi[0], hemi[1]
            lat = _degrees(vals[:i]) * HEMISPHERES[vals[i].upper()]
            lon = _degrees(vals[i + 1:j]) * HEMISPHERES[vals[j].upper()]
        elif not hemi and len(vals) >= 2:
            lat, lon = float(vals[0]), float(vals[1])
        else:
            return None
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return {"lat": round(lat, 6), "lon": round(lon, 6)}


def _degrees(parts: list[str]) -> float:
    if not 1 <= len(parts) <= 3:
        raise ValueError("expected degrees, minutes, seconds")
    return sum(float(p) / 60 ** k for k, p in enumerate(parts))


def tidy(text: str, body: bool) -> str:
    """Whitespace of rendered text made regular: spaces collapsed, lines
    stripped, no space before punctuation, no empty brackets. Values keep
    one non-empty line per item; prose keeps paragraphs (one blank line
    between) and ``- item`` lines."""
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        line = _EMPTY_PARENS.sub("", _SPACE_BEFORE_PUNCT.sub(r"\1", line)).strip()
        if body:
            line = _BULLETS.sub("- ", line)
            if line == "-":
                line = ""
        lines.append(line)
    if not body:
        return "\n".join(line for line in lines if line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
