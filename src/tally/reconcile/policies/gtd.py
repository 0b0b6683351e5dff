"""GTD's convention (``--policy gtd``).

1. A perpetrator's own claim (a group claiming the attack and its toll) is not
   used for the figures: it stays in the claims, marked as not counted
   (:func:`claims_used`).
2. The attackers killed in the act are counted in the killed total
   (:data:`tally.reconcile.totals.COUNT_ATTACKERS`; ``nkill`` holds victims and
   perpetrators, ``nkillter`` the perpetrators alone).
3. Coordinated attacks (:func:`even_share`): GTD records each attack of a
   coordinated series as its own incident and, where the sources give only a
   combined toll for the series, divides it evenly among them. A summary that
   says so ("This was one of three related attacks ... In total, 12 people were
   killed across the three related attacks") gives this incident the even share
   of the combined figure (4). The series' size N is read from the text ("one
   of three related attacks", "both attacks", "the twin bombings", "a series of
   five attacks"). A remainder goes one each to the first attacks of the series
   (13 across three: 5, 4, 4): this incident takes one more only when the
   summary places it among them ("the first of three related attacks"); else
   its best is the even floor and its high the floor plus one. A figure the
   summary gives for this attack alone wins over the share of the combined one,
   which is then left out (context).
4. No casualty named is none (:func:`none_named_is_zero`): ``nkill`` and ``nwound``
   are 0 where the summary names no death (no wound), and stay unknown only where
   it names them without a number.
"""

from __future__ import annotations

import dataclasses
import re

from ...model import Claim, Document, Estimate, Incident
from ...text.quantities import words_to_int
from ..parties import without_perpetrator_claims

_N = (r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
      r"sixteen|seventeen|eighteen|nineteen|twenty|\d{1,2})")
_ATTACKS = (r"(?:attacks|incidents|bombings|blasts|explosions|assaults|raids|ambushes|shootings|"
            r"suicide\s+bombings|strikes)")
_KIND = r"(?:(?:related|coordinated|simultaneous|separate|similar|linked|connected|near-simultaneous|" \
        r"consecutive|successive|suicide|bomb|armed|coordinated\s+and\s+related)\s+){0,2}"
#: "one of three related attacks", "the second of two coordinated bombings"
_ONE_OF_RE = re.compile(rf"\b(?P<pos>one|first|second|third|fourth|fifth|sixth|last)\s+(?:in\s+a\s+series\s+)?of\s+"
                        rf"(?:the\s+|a\s+series\s+of\s+)?(?P<n>{_N}|several|multiple)\s+{_KIND}{_ATTACKS}\b", re.I)
#: the series named in a sentence: "the three related attacks", "both attacks", "a series of five attacks",
#: "in the series"
_SERIES_RE = re.compile(rf"\b(?:(?P<both>both|twin)\s+{_KIND}{_ATTACKS}|(?:the|these|all|all\s+the)\s+"
                        rf"(?P<n>{_N})\s+{_KIND}{_ATTACKS}|(?:a|the)\s+series\s+of\s+(?P<s>{_N})\s+{_KIND}"
                        rf"{_ATTACKS}|(?:across|in|during|from)\s+(?:the|these)\s+{_KIND}{_ATTACKS}"
                        # "killed in the series", "across the whole series": the series named by its noun
                        rf"|(?:across|in|during|from|throughout)\s+(?:the|this|these)\s+(?:whole\s+|entire\s+)?series)\b", re.I)
#: what makes a plural a series of incidents, not one attack's several blasts ("the two explosions")
_SEPARATE_RE = re.compile(r"\b(?:attacks|incidents|assaults|raids|related|coordinated|simultaneous|separate|"
                          r"linked|connected|series|consecutive|successive)\b", re.I)
_POSITIONS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
RULE = "+gtd-even-share"


def claims_used(claims: list[Claim], incident: Incident) -> list[Claim]:
    """The claims the figures rest on: the perpetrator's own claims left out."""
    return without_perpetrator_claims(claims, incident)


def _count(word: str | None) -> int | None:
    if not word:
        return None
    n = int(word) if word.isdigit() else words_to_int(word.lower())
    return n if n is not None and n >= 2 else None


def series(doc: Document) -> tuple[int | None, int | None]:
    """(N, position): the size of the coordinated series this incident belongs
    to, as the summary states it, and its place in the series (None when not
    said). ``(None, None)`` when the text names no series."""
    m = _ONE_OF_RE.search(doc.text)
    if m and _count(m.group("n")):
        return _count(m.group("n")), _POSITIONS.get(m.group("pos").lower())
    for m in _SERIES_RE.finditer(doc.text):
        n = 2 if m.group("both") else _count(m.group("n") or m.group("s"))
        if n and _SEPARATE_RE.search(m.group(0)):
            return n, None
    return None, None


def _combined(c: Claim, doc: Document) -> bool:
    """True when claim ``c`` gives the series' combined toll: its sentence names
    the series in the plural ("in total, 12 ... across the three attacks",
    "both attacks killed 9", "in the attacks"), not this attack alone."""
    if c.origin != "body" or c.other_event:
        return False
    text = _ONE_OF_RE.sub(" ", c.text)  # "one of three attacks" names this attack, not the series
    return _SERIES_RE.search(text) is not None


def even_share(claims: list[Claim], doc: Document) -> tuple[list[Claim], set[int]]:
    """The claims with each combined toll of a coordinated series replaced by
    this incident's even share (a copy; the record keeps the stated figure),
    and the indexes of the claims so divided. A category that the summary also
    counts for this attack alone keeps that figure: the combined toll is then
    left out of it (``other_event`` on the copy)."""
    n, pos = series(doc)
    if not n:
        return claims, set()
    combined = {i for i, c in enumerate(claims) if _combined(c, doc)}
    if not combined:
        return claims, set()
    out = list(claims)
    divided: set[int] = set()
    for i in combined:
        c = claims[i]
        own = any(j not in combined and not o.other_event and o.origin == "body"
                  and set(o.categories) & set(c.categories) for j, o in enumerate(claims))
        if own:
            out[i] = dataclasses.replace(c, other_event=True)
            continue
        out[i] = dataclasses.replace(c, low=_share(c.low, n, pos), high=_share(c.high, n, pos, up=pos is None))
        divided.add(i)
    return out, divided


def _share(x: int | None, n: int, pos: int | None, up: bool = False) -> int | None:
    """``x`` divided among ``n`` attacks: the floor, plus one for the first
    ``x % n`` attacks of the series (``pos``), or when ``up`` (a high whose
    place in the series is unknown)."""
    if x is None:
        return None
    q, r = divmod(x, n)
    return q + 1 if r and ((pos is not None and pos <= r) or up) else q


def mark(estimates: list[Estimate | None], divided: set[int]) -> None:
    """Name the even share in the rule of every estimate resting on a divided claim."""
    for e in estimates:
        if e is not None and divided & set(e.claims) and RULE not in (e.rule or ""):
            e.rule = (e.rule or "") + RULE


def none_named_is_zero(casualties: dict[str, Estimate | None], claims: list[Claim]) -> None:
    """GTD codes ``nkill`` / ``nwound`` 0 when the sources name no death / no wound (a
    kidnapping, an arson or a defused bomb told without victims); a blank is for deaths or
    wounds known without a number. So under this policy a killed or injured total with no
    claim of its category at all is 0 (rule ``gtd-none-named``)."""
    for cat in ("killed", "injured"):
        if casualties.get(cat) is None and not any(cat in c.categories for c in claims):
            casualties[cat] = Estimate(low=0, best=0, high=0, rule="gtd-none-named", claims=[])
