"""Infobox claims: each casualty field (``casualties1``..``casualtiesN``,
``fatalities``, ``injuries``, ``deaths``, ``victims``, ``losses``...) split into
segments ("10 killed (per JNIM), 20 killed or arrested (per Mali)", "7 and at
least two soldiers"), each segment read for its figure, categories, group and
source ("(per X)", "according to X"). The side of ``casualtiesN`` is ``N``
(``"other"`` past the last side); ``x (+y)`` is x victims plus y perpetrators
(two claims). A claim's ``text`` is the line of the value holding the segment."""

from __future__ import annotations

import re

from ..model import Claim, Document, Side
from ..text.quantities import find_quantities, words_to_int
from .figures import bad_number
from .groups import ClaimContext, clean_group, not_people
from .lexicon.en import RIGHT_TRIGGERS, trigger_re
from .lexicon.patterns import categories_in


INFOBOX_KEYS = re.compile(r"^(?:casualties\d*|casualties_?\w*|fatalities|injuries|injured|deaths?|"
                          r"victims|killed|wounded|dead|missing|captured|hostages|arrested|"
                          r"displaced|non_?fatal_?injuries|losses\d*)$")

_PER_RE = re.compile(r"\(\s*(?:per|according\s+to|source:?|by|claimed\s+by|reported\s+by)\s+(?P<src>[^()]+?)\s*\)|"
                     r"\(\s*(?P<src4>[^()]{2,40}?)\s+(?:claims?|estimates?|figures?|sources?)\s*\)|"
                     r"\baccording\s+to\s+(?P<src2>[^,;()]+)|\bper\s+(?P<src3>[A-Z][^,;()]*)", re.I)
#: a breakdown of the figure before it ("52, including 18 men, 20 women and 14 children"): parts of
#: the stated total, never added to it; it runs to the end of the line (or a ";")
_INCLUDING_RE = re.compile(r",?\s*\b(?:including|incl\.|among\s+them|among\s+whom|of\s+whom|of\s+which)\b", re.I)
#: fates that are no death and no category of tally's ("50 escaped", "12 defected", "70 raped"): not
#: casualty figures
_NO_CATEGORY_RE = re.compile(r"^\s*(?:[\w'’-]+\s+){0,3}?(?:escaped|fled|defected|deserted|released|freed|rescued|"
                             r"evacuated|survived|survivors|repatriated|raped|sexually\s+assaulted|tortured)\b", re.I)
#: "surrendered" and "taken prisoner" are prisoners: captured
_SURRENDERED_RE = re.compile(r"\b(?:surrendered|surrender|gave\s+themselves\s+up)\b", re.I)
#: "casualties" alone in a segment: killed and wounded together (a compound figure)
_CASUALTIES_RE = re.compile(r"\bcasualties\b", re.I)
#: a figure for one part of the battle ("5 wounded in the raid on the outpost"): not its total
_PART_RE = re.compile(r"^\s*(?:in|at|during)\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,2}?"
                      r"(?:raid|ambush|skirmish|assault|attack|bombing|shelling|strike|airstrike|fighting|battle|"
                      r"clash|clashes|engagement|siege|defence|defense|sortie|counterattack|counter-attack)\s+"
                      r"(?:on|at|of|near|in|against)\s+(?P<obj>[^,;()]+)", re.I)
_PLUS_RE = re.compile(r"\(\s*(?:\+|plus)\s*(?:(?P<n>\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                      r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)|"
                      r"(?P<one>an?|the|one))\b[^)]*\)", re.I)


def _n_sides(doc: Document, sides: list[Side]) -> int:
    if sides:
        return len(sides)
    n = 0
    if doc.infobox is not None:
        for f in doc.infobox.fields:
            m = re.fullmatch(r"combatant(\d)\w?", f.key)
            if m and f.value.strip():
                n = max(n, int(m.group(1)))
    return n


def infobox_claims(doc: Document, sides: list[Side]) -> list[Claim]:
    ib = doc.infobox
    if ib is None:
        return []
    nsides = _n_sides(doc, sides)
    ctx = ClaimContext(doc, sides)
    out: list[Claim] = []
    for f in ib.fields:
        key = f.key
        if not INFOBOX_KEYS.match(key) or not f.value.strip():
            continue
        m = re.fullmatch(r"(?:casualties|losses)(\d)\w?", key)
        if m:
            n = int(m.group(1))
            side = str(n) if n <= max(nsides, 2) else "other"
            default = "killed"
        else:
            side = None
            default = ("injured" if re.search(r"injur|wound", key) else
                       "missing" if "missing" in key else
                       "captured" if "captured" in key else
                       "hostages" if "hostage" in key else
                       "arrested" if "arrest" in key else
                       "displaced" if "displaced" in key else "killed")
        text = doc.text
        first = len(out)
        for seg in _field_segments(text, f.start, f.end):
            s0, s1 = seg
            segtext = text[s0:s1]
            qs = [q for q in find_quantities(text, s0, s1) if not bad_number(text, q, s0)]
            src = None
            pm = _PER_RE.search(segtext)
            if pm:
                src = (pm.group("src") or pm.group("src2") or pm.group("src3") or pm.group("src4")).strip()
                if re.fullmatch(r"(?:revised|earlier|initial|first|later|official|final|unofficial|"
                                r"government|disputed|unconfirmed)", src, re.I):
                    src = src if src.lower() in ("government",) else None
            if not qs:
                continue
            q = qs[0]
            incl = _INCLUDING_RE.search(text, q.end, s1)
            words = text[q.end:incl.start() if incl else s1]
            words_nosrc = _PER_RE.sub("", words)
            if _NO_CATEGORY_RE.match(words_nosrc):
                continue  # "50 escaped", "12 defected": no death, no category of tally's
            cats = categories_in(words_nosrc, RIGHT_TRIGGERS) or categories_in(segtext, RIGHT_TRIGGERS)
            if _SURRENDERED_RE.search(words_nosrc) and "killed" in cats or not cats and _SURRENDERED_RE.search(words_nosrc):
                cats = ["captured"]  # those who surrendered are prisoners, not dead
            elif _CASUALTIES_RE.search(words_nosrc) and cats == ["killed"] and \
                    not categories_in(_CASUALTIES_RE.sub("", words_nosrc), RIGHT_TRIGGERS):
                cats = ["killed", "injured"]  # "500 casualties": killed and wounded together, bounding both
            if side is None and cats and re.fullmatch(r"\s*(?:\w+\s+){0,3}?(?:hostages|captives|casualties|prisoners)\b.*",
                                                      words_nosrc, re.I | re.S) and \
                    not categories_in(re.sub(r"(?i)\b(?:hostages|captives|casualties|prisoners)\b", "", words_nosrc),
                                       RIGHT_TRIGGERS):
                cats = []  # "Fatalities: 20 hostages, 2 gunmen": a group, not a category
            if not cats:
                cats = [default]
            # the group: words between the figure and the first trigger word
            gm = trigger_re("right").search(words_nosrc)
            group = clean_group(words_nosrc[:gm.start()] if gm else words_nosrc.split("(")[0])
            if group and re.fullmatch(r"(?:people|persons|total|in\s+total|confirmed|"
                                      r"reported|dead|killed)", group, re.I):
                group = None
            if group and not_people(group) or re.match(r"^\s*(?:\w+\s+){0,3}?(?:destroyed|damaged|shot\s+down|"
                                                          r"sunk|lost)\b", words_nosrc, re.I) and \
                    not re.search(r"\b(?:soldiers|troops|men|personnel|people|killed|dead)\b", words_nosrc, re.I):
                continue  # materiel: "1 helicopter destroyed", "3 tanks lost"
            if re.search(r"\btotal\b", text[s0:q.start], re.I):
                group = "total" + (f" {group}" if group else "")
            ls, le = _line_span(text, q.start, f.start, f.end)
            claim_side = side
            if side is None or side == "other":
                gs = ctx.side_of(group)
                if gs and (side is None or gs == "civilians"):  # "Casualties3: 9 civilians killed"
                    claim_side = gs
            qual, high = q.qualifier, q.high
            gm2 = trigger_re("right").search(words_nosrc)
            part = _PART_RE.match(words_nosrc[gm2.end():]) if gm2 else None
            if part and not _named_by_title(part.group("obj"), doc):
                qual, high = "at least", None  # a part of the battle: at least this many in the whole
            out.append(Claim(categories=cats, low=q.low, high=high, text=text[ls:le], start=ls, end=le,
                             qualifier=qual, group=group, side=claim_side, source=src,
                             section="Infobox", origin="infobox", other_event=False,
                             figure=q.text, figure_start=q.start, figure_end=q.end))
            # "x (+y)": y perpetrators besides x victims
            pl = _PLUS_RE.search(segtext)
            if pl:
                gname = "n" if pl.group("n") else "one"
                ps = s0 + pl.start(gname)
                pe = s0 + pl.end(gname)
                y = (words_to_int(pl.group("n")) or 1) if pl.group("n") else 1
                out.append(Claim(categories=cats, low=y, high=y, text=text[ls:le], start=ls, end=le,
                                 qualifier="exactly", group="perpetrators", side="perpetrators",
                                 source=src, section="Infobox", origin="infobox",
                                 figure=pl.group(gname), figure_start=ps, figure_end=pe))
        out[first:] = _without_bulleted_breakdown(out[first:], f.raw, text, f.start, f.end)
        _other_scopes(out[first:], doc)
    return out


#: the event a segment's figure is for, after its category word: "killed in the massacre on 12 May",
#: "wounded in protests", "killed in the Tarn incident"; the head phrase is the group "head"
_SCOPE_RE = re.compile(r"^\s*(?:in|during|at)\s+(?:the\s+)?(?P<head>(?:[\w'’-]+\s+){0,3}?[\w'’-]+?)"
                       r"(?=\s+(?:on|of|in|at|from|near|since|between|against|by)\b|\s*$|\s*[,;(])", re.I)


def _scope(c: Claim, doc: Document) -> str | None:
    """The event the infobox segment of ``c`` gives its figure for ("in the massacre on 12 May":
    "massacre"), None when it names none."""
    if c.figure_end is None:
        return None
    line_end = doc.text.find("\n", c.figure_end)
    words = _PER_RE.sub("", doc.text[c.figure_end:line_end if line_end >= 0 else len(doc.text)])
    gm = trigger_re("right").search(words)
    m = _SCOPE_RE.match(words[gm.end():]) if gm and gm.start() < 40 else None
    return m.group("head") if m else None


def _other_scopes(claims: list[Claim], doc: Document) -> None:
    """Segments of one field for different events ("1500 killed in the massacre, 3000 killed in the
    siege and massacre", "64 killed in the Beni massacre, 15 wounded in protests"): where one names
    the page's own event (its title's words), those naming another event are another event's."""
    scopes = [(c, _scope(c, doc)) for c in claims]
    named = [c for c, sc in scopes if sc and _named_by_title(sc, doc)]
    if not named:
        return
    for c, sc in scopes:
        if sc and c not in named:
            c.other_event = True


def _named_by_title(words: str, doc: Document) -> bool:
    """True when the page's title names what ``words`` name ("the Battle of Lorem" on its own page)."""
    title = (doc.title or "").lower()
    content = [w.rstrip("s") for w in re.findall(r"[^\W\d_]{3,}", words.lower()) if w not in ("the", "and")]
    return bool(content) and all(w in title for w in content)


def _field_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The segments of a field's value. A value that opens with a bracketed
    breakdown ("(1 passenger and 11 pedestrians)") lost the total before it (a
    template or magic word the reader could not resolve): its parts stand in."""
    segs = _segments(text, start, end)
    if segs:
        s0, s1 = segs[0]
        inner = text[s0 + 1:s1 - 1]
        if text[s0] == "(" and text[s1 - 1] == ")" and "(" not in inner and \
                len(find_quantities(text, s0 + 1, s1 - 1)) > 1:
            return _segments(text, s0 + 1, s1 - 1) + segs[1:]
    return segs


_BULLET_RE = re.compile(r"^\s*[*#•]")


def _without_bulleted_breakdown(claims: list[Claim], raw: str, text: str, start: int, end: int) -> list[Claim]:
    """A total followed by bulleted lines whose figures of the same category add
    up to no more than it ("12" then "* 1 guard", "* 11 workers") breaks the
    total down: the bullets are not counted again."""
    raw_lines = [ln for ln in raw.split("\n") if ln.strip()]
    if len(raw_lines) < 2 or _BULLET_RE.match(raw_lines[0]) or not any(_BULLET_RE.match(ln) for ln in raw_lines[1:]):
        return claims
    value_lines = []
    pos = start
    for ln in text[start:end].split("\n"):
        if ln.strip():
            value_lines.append((pos, pos + len(ln)))
        pos += len(ln) + 1
    if len(value_lines) != len(raw_lines):
        return claims  # the value's lines do not follow the source's: leave it

    def line_of(c: Claim) -> int:
        at = c.figure_start if c.figure_start is not None else c.start
        return next((i for i, (a, b) in enumerate(value_lines) if a <= at <= b), -1)

    bullets = {i for i, ln in enumerate(raw_lines) if _BULLET_RE.match(ln)}
    totals = [c for c in claims if line_of(c) == 0]
    parts = [c for c in claims if line_of(c) in bullets]
    if len(totals) != 1 or not parts or totals[0].low is None:
        return claims
    total = totals[0]
    if any(c.categories != total.categories for c in parts) or sum(c.low or 0 for c in parts) > total.low:
        return claims
    return [c for c in claims if c not in parts]


_AND_NUM_RE = re.compile(r"\s+(?:and|plus|&|\+)\s+(?=\d|(?:at\s+least|over|more\s+than|about|around|some|up\s+to|"
                         r"\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
                         r"thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred|several|dozens)\b)", re.I)


_BR_RE = re.compile(r"<\s*br\s*/?\s*>", re.I)


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segs = []
    pos = start
    depth = 0
    i = start
    while i < end:
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and c == "," and _INCLUDING_RE.match(text, i, end):
            # "52, including 18 men, 20 women": the breakdown stays with its total, up to the line's end
            stop = min([j for j in (text.find("\n", i, end), text.find(";", i, end)) if j >= 0] or [end])
            br = _BR_RE.search(text, i, stop)
            i = br.start() if br else stop
            continue
        elif depth == 0 and (c in "\n;" or (c == "," and not re.match(r",\d{3}\b", text[i:i + 5]))):
            segs.append((pos, i))
            pos = i + 1
        elif c == "<" and (br := _BR_RE.match(text, i, end)):  # a <br> left in a rendered value
            segs.append((pos, i))
            pos = br.end()
            i = pos
            continue
        i += 1
    segs.append((pos, end))
    # "7 and at least two soldiers": two figures, two segments; not inside brackets, where
    # "137 (130 victims + 7 perpetrators)" breaks the one figure down
    split_segs = []
    for s, e in segs:
        cut = s
        incl = _INCLUDING_RE.search(text, s, e)
        for m in _AND_NUM_RE.finditer(text, s, e):
            if text.count("(", s, m.start()) > text.count(")", s, m.start()) or incl and m.start() > incl.start():
                continue
            split_segs.append((cut, m.start()))
            cut = m.end()
        split_segs.append((cut, e))
    out = []
    for s, e in split_segs:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _line_span(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    s = text.rfind("\n", lo, pos) + 1 if text.rfind("\n", lo, pos) >= 0 else lo
    s = max(s, lo)
    e = text.find("\n", pos, hi)
    e = hi if e < 0 else e
    return s, e
