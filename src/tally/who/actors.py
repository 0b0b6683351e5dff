"""Who: actor names, aliases, commanders, units and strengths.

Actor names are compared through :func:`actor_key`, which folds case,
accents, apostrophes, hyphens and spaces, so "Jama'at Nasr al-Islam
wal-Muslimin" and "Jama'at Nasr al-Islam wal Muslimin" are one actor.
``data/actors.csv`` (assembled by hand for tally) maps common states, forces,
organisations and armed groups to a canonical name and aliases; acronyms
introduced in the document ("... wal-Muslimin (JNIM)") add aliases too.
"""

from __future__ import annotations

import re

from ..lookup.actors import actor_key, actor_table
from ..lookup.gazetteer import country_by_name
from ..model import Actor, Strength

_PAREN_RE = re.compile(r"\s*\(([^()]*)\)")
_ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z0-9\-]{1,9})\)")
_NOTE_RE = re.compile(r"\s*(?:\((?:WIA|KIA|POW|MIA|DOW|executed|captured|until|from|since|before|after)"
                      r"[^)]*\)|[†‡✝]|\[[^\]]*\])", re.I)
_HEADING_RE = re.compile(r"^(?:supported by|support|allies|allied|in support|backed by|with support from"
                         r"|logistical support|material support|factions?)\s*:?\s*$", re.I)
_SPLIT_RE = re.compile(r"\s*(?:\n|;|,(?!\d{3})|\s[·•]\s)\s*")
_AND_RE = re.compile(r"\s+(?:and|&)\s+")
_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_NUM_RE = re.compile(_NUM)
_RANGE_RE = re.compile(rf"(?P<a>{_NUM})\s*(?:–|—|-|to)\s*(?P<b>{_NUM})")
_SOURCE_RE = re.compile(r"\((?:per|according to|as per|claimed by|by|source:)\s+([^)]+?)\)"
                        r"|\(([^()]+?)\s+(?:claims?|claimed|estimates?|figures?|sources?)\)", re.I)
_UNKNOWN_RE = re.compile(r"^\W*(?:unknown|n/?a|none|unclear|\?)\W*$", re.I)


def is_known_name(name: str) -> bool:
    """True for a name of the actor table or a country of the gazetteer."""
    return actor_table().lookup(name) is not None or country_by_name(name.strip()) is not None


def clean_name(text: str) -> str:
    """A name without notes (KIA, †, footnote marks), quotes and stray punctuation."""
    text = _NOTE_RE.sub("", text)
    text = re.sub(r"^(?:and|or|&)\s+|\s+(?:and|or|&)$", "", text.strip())
    return text.strip(" \t-–*•:.\"'")


def split_names(value: str, keep_and: bool = False) -> list[str]:
    """The names in an infobox list value: split on lines, semicolons, commas
    and "and" (unless the whole value is one known name), dropping headings
    such as "Supported by:"."""
    whole = clean_name(value)
    if actor_table().lookup(_PAREN_RE.sub("", whole)) is not None:
        return [whole]
    parts: list[str] = []
    for line in value.split("\n"):
        line = line.strip()
        if not line or _HEADING_RE.match(line):
            continue
        line = re.sub(r"^(?:supported by|backed by|allies)\s*:\s*", "", line, flags=re.I)
        line = _INLINE_HEADING_RE.sub("\n", line)  # "Mali Supported by: Russia"
        pieces = []
        for piece in (p for sub in line.split("\n") for p in _split_outside_parens(sub)):
            if keep_and or not _AND_RE.search(piece) or is_known_name(_PAREN_RE.sub("", piece)):
                pieces.extend(_known_run(piece))
            else:
                pieces.extend(_AND_RE.split(piece))
        for piece in pieces:
            name = clean_name(piece)
            if name and not _HEADING_RE.match(name) and not _UNKNOWN_RE.match(name) \
                    and name.lower() not in ("and", "or", "&", "with", "vs", "v"):
                parts.append(name)
    return parts


_INLINE_HEADING_RE = re.compile(r"\s+(?:supported|backed|assisted)\s+by\s*:\s*|\s+allies\s*:\s*", re.I)


def _known_run(piece: str) -> list[str]:
    """``piece`` split into known names when it is nothing but known names
    run together ("Mali Wagner Group", items of a list joined by spaces);
    otherwise ``[piece]``."""
    words = piece.split()
    if len(words) < 2 or len(words) > 12 or "(" in piece or is_known_name(piece):
        return [piece]
    # best[i]: the fewest known names covering words[:i]
    best: list[list[str] | None] = [[]] + [None] * len(words)
    for i in range(1, len(words) + 1):
        for j in range(max(0, i - 8), i):
            if best[j] is not None:
                name = " ".join(words[j:i])
                if is_known_name(name) and (best[i] is None or len(best[j]) + 1 < len(best[i])):  # type: ignore[arg-type]
                    best[i] = best[j] + [name]  # type: ignore[operator]
    found = best[len(words)]
    if not found:
        return _known_prefix(piece, words)
    if len(found) < 2:
        return [piece]
    table = actor_table()
    canon = [actor_key((table.lookup(n) or (n, []))[0]) for n in found]
    if any(a != b and a in b for a in canon for b in canon):
        return [piece]  # "Islamic State Sinai Province": one group named after another
    return found


_PART_WORDS = {"province", "faction", "brigade", "brigades", "wing", "division", "battalion", "regiment", "unit",
               "units", "branch", "cell", "region", "army", "forces", "command", "group", "front"}


def _known_prefix(piece: str, words: list[str]) -> list[str]:
    """"Rapid Support Forces Allied Arab militias": an armed group of the
    actor table (never a state, whose name starts many others: "Sudan
    Liberation Army") followed by another capitalised name of 2+ words."""
    table = actor_table()
    for i in range(len(words) - 2, 0, -1):
        head = " ".join(words[:i])
        known = table.lookup(head)
        if known is None or table.kinds.get(known[0]) in ("state", "") or country_of(head):
            continue
        rest = words[i:]
        if rest[0][:1].isupper() and rest[0].lower() not in _PART_WORDS and \
                rest[-1].lower() not in ("faction", "wing", "cell", "branch", "splinter", "offshoot") and \
                not any(w.lower() in ("of", "in", "for") for w in rest[:1]):
            return [head, " ".join(rest)]
        break
    return [piece]


def country_of(name: str) -> bool:
    """True when ``name`` names a country."""
    return country_by_name(name.strip()) is not None


def _split_outside_parens(line: str) -> list[str]:
    """Split ``line`` with :data:`_SPLIT_RE`, never inside parentheses."""
    out, depth, start = [], 0, 0
    i = 0
    while i < len(line):
        c = line[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _SPLIT_RE.match(line, i)
            if m and m.end() > i and (m.group(0).strip() or m.group(0) == "\n"):
                out.append(line[start:i])
                start = i = m.end()
                continue
        i += 1
    out.append(line[start:])
    return [p for p in (s.strip() for s in out) if p]


def document_acronyms(text: str) -> dict[str, str]:
    """Acronyms introduced in ``text`` ("Full Name (ACR)"): folded key of the
    words before the bracket -> acronym. The key holds the whole preceding
    run of words (up to 12), so callers match it with ``endswith``."""
    found: dict[str, str] = {}
    for m in _ACRONYM_RE.finditer(text):
        acr = m.group(1)
        if sum(c.isupper() for c in acr) < 2:
            continue
        before = text[max(0, m.start() - 120):m.start()]
        words = before.split()[-12:]
        found.setdefault(actor_key(" ".join(words)), acr)
    return found


def make_actor(name: str, acronyms: dict[str, str] | None = None) -> Actor:
    """An Actor for ``name``: canonical name and aliases from the table, the
    name as written and an acronym given in brackets or in the document."""
    written = name.strip()
    aliases: list[str] = []
    m = _ACRONYM_RE.search(written)
    if m and sum(c.isupper() for c in m.group(1)) >= 2:
        aliases.append(m.group(1))
    bare = clean_name(_PAREN_RE.sub("", written)) or written
    canonical = bare
    known = actor_table().lookup(bare) or (actor_table().lookup(aliases[0]) if aliases else None)
    if known is not None:
        canonical = known[0]
        aliases.extend(known[1])
        if actor_key(bare) != actor_key(canonical):
            aliases.insert(0, bare)
    key = actor_key(canonical)
    if acronyms and len(key) >= 6:
        keys = {key, actor_key(bare)}
        for context, acr in acronyms.items():
            if any(context.endswith(k) for k in keys):
                aliases.append(acr)
    seen = {actor_key(canonical)}
    unique = []
    for alias in aliases:
        k = alias if alias.isupper() else actor_key(alias)
        if k not in seen:
            seen.add(k)
            unique.append(alias)
    return Actor(name=canonical, aliases=unique)


#: Words around a group's name in a perpetrator line: "suspected members of Dan Na Ambassagou"
_DESCRIBED_RE = re.compile(
    r"^(?:(?:suspected|alleged|presumed|reportedly|probably|likely|possibly)\s+)?"
    r"(?:(?:members?|militants?|fighters?|gunmen|elements|cells?|operatives?|supporters?|affiliates?)\s+"
    r"(?:of|from|belonging\s+to|linked\s+to|loyal\s+to|affiliated\s+with)\s+(?:the\s+)?)?", re.I)


_AGENT_TAIL_RE = re.compile(r"\s+(?:militants|fighters|gunmen|insurgents|rebels|members|operatives|jihadists"
                            r"|terrorists|militiamen|cell|cells|elements)$", re.I)


def _group_name(name: str) -> str:
    """``name`` without the words describing who acted for it ("suspected
    members of X", "X militants" when X is a known group)."""
    bare = _DESCRIBED_RE.sub("", name, count=1).strip()
    if not bare or not bare[0].isupper():
        return name
    tail = _AGENT_TAIL_RE.search(bare)
    if tail and actor_table().lookup(bare[:tail.start()]) is not None:
        bare = bare[:tail.start()]
    return bare


def parse_actors(value: str, acronyms: dict[str, str] | None = None) -> list[Actor]:
    """The actors listed in an infobox value, one Actor per name, merged by key."""
    actors: list[Actor] = []
    keys: set[str] = set()
    for name in split_names(value):
        actor = make_actor(_group_name(name), acronyms)
        k = actor_key(actor.name)
        if k and k not in keys:
            keys.add(k)
            actors.append(actor)
    return actors


def parse_people(value: str) -> list[str]:
    """Commander names from an infobox value (split on lines, commas, "and")."""
    people = []
    for name in split_names(value):
        name = clean_name(_PAREN_RE.sub("", name))
        if name and name not in people:
            people.append(name)
    return people


def parse_units(value: str) -> list[str]:
    """Units from an infobox value: one per line or semicolon (commas too
    when the value is a single line)."""
    lines = [p for p in re.split(r"\s*[\n;]\s*", value) if p.strip()]
    if len(lines) == 1:
        lines = [p for p in re.split(r",\s*(?![^()]*\))", lines[0]) if p.strip()]
    return [u for u in (clean_name(x) for x in lines) if u and not _HEADING_RE.match(u)]


def _int(text: str) -> int:
    return int(float(text.replace(",", "")))


def parse_strength(value: str) -> Strength | None:
    """A Strength from "10 (per JNIM)", "2,000–3,000", "~500", "300+",
    "at least 300", "up to 500"; None for "Unknown" or no figure. Several
    figures on separate lines are added up."""
    if not value or _UNKNOWN_RE.match(value):
        return None
    source = None
    sm = _SOURCE_RE.search(value)
    if sm:
        source = clean_name(sm.group(1) or sm.group(2))
        if re.fullmatch(r"(?:c\.\s*)?\d{4}", source):
            source = None  # "(2019 estimate)": a date, not a source
    body = _SOURCE_RE.sub(" ", value)
    body = re.sub(r"\[[^\]]*\]", " ", body)
    lows: list[int | None] = []
    highs: list[int | None] = []
    for line in re.split(r"\n|;", body):
        pos = 0
        while True:
            rm = _RANGE_RE.search(line, pos)
            nm = _NUM_RE.search(line, pos)
            if nm is None:
                break
            if rm is not None and rm.start() == nm.start():
                low, high = _int(rm.group("a")), _int(rm.group("b"))
                end = rm.end()
            else:
                low = high = _int(nm.group(0))
                end = nm.end()
                before = line[max(0, nm.start() - 14):nm.start()].lower()
                after = line[end:end + 1]
                if after == "+" or re.search(r"(?:at least|over|more than|>)\s*$", before):
                    high = None
                elif re.search(r"(?:up to|as many as|<)\s*$", before):
                    low = None
            if low is not None and high is not None and high < low:
                low, high = high, low
            if 1800 <= (low or 0) <= 2100 and high == low and re.search(r"\(\s*$|\bin\s*$", line[:nm.start()]):
                pos = end  # "(2019)": a year, not a figure
                continue
            lows.append(low)
            highs.append(high)
            pos = end
            break  # one figure per line: the rest qualifies it
    if not lows:
        return None
    low_total = None if all(v is None for v in lows) else sum(v or 0 for v in lows)
    high_total = None if any(v is None for v in highs) else sum(v for v in highs if v is not None)
    return Strength(low=low_total, high=high_total, source=source, text=value.strip())
