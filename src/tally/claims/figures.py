"""The candidate figures of a sentence: its number expressions
(:mod:`tally.text.quantities`) less dates, ages, distances, times and other numbers
that count no one, plus the figures written as words ("a couple", "and a
driver", "another was wounded", "Abdul Razzak and his brother");
:func:`is_implicit` tells a count read from words with no number."""

from __future__ import annotations

import re

from ..model import Claim
from ..text.quantities import Quantity, parse_quantity
from ..text.quantities_fr import find_quantities_fr
from .lexicon import current as _lex
from .lexicon.en import PERSON_SG


_UNIT_AFTER = re.compile(r"^(?:\s*(?:-|–)?\s*(?:%|\$|years?|yrs?|year-old|years-old|-year|km|kms|"
                         r"kilometers?|kilometres?|miles?|metres?|meters?|m\b|kg|percent|per\s+cent|"
                         r"%|hours?|hrs|minutes?|mins?|seconds?|days?|weeks?|months?|am\b|pm\b|"
                         r"a\.m|p\.m|o'clock|GMT|UTC|feet|ft|inches|tons?|tonnes?|"
                         r"times|rounds|bullets|shots|vehicles|cars|houses|homes|buildings|"
                         r"billion|dollars|naira|rupees|euros|pounds|\$|st\b|nd\b|rd\b|th\b|"
                         r"january|february|march|april|may|june|july|august|september|"
                         r"october|november|december|jan\b|feb\b|mar\b|apr\b|jun\b|jul\b|aug\b|"
                         r"sept?\b|oct\b|nov\b|dec\b)(?![\w])|\s*[:/]\d|"
                         # events, not people: "hundreds of massacres", "600 attacks", "two suicide bombings"
                         r"\s+(?:of\s+)?(?:(?:such|similar|separate|deadly|coordinated|suicide|terrorist|armed|"
                         r"militant|rebel|insurgent|other|more)\s+)?(?:massacres|attacks|incidents|raids|bombings|"
                         r"air\s*strikes|strikes|operations|clashes|battles|explosions|blasts|assaults|ambushes|"
                         r"offensives|sieges|events|cases|executions)\b)", re.I)
_MONTH_BEFORE = re.compile(r"(?:january|february|march|april|may|june|july|august|september|"
                           r"october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|"
                           r"dec)\.?\s*$|(?:aged|age|ages|number|no\.|route|highway|km|kilometre|"
                           r"kilometer|resolution|article|chapter|district|zone|sector|phase|"
                           r"battalion|brigade|division|regiment|squadron|unit|[#$€£])\s*$", re.I)


def bad_number(text: str, q: Quantity, s_start: int) -> bool:
    """Dates, ages, distances, times and other non-count numbers."""
    after = text[q.end:q.end + 14]
    if _UNIT_AFTER.match(after) or _lex().NOT_A_COUNT_AFTER_RE.match(after):
        return True
    before = text[max(s_start, q.start - 14):q.start]
    if _MONTH_BEFORE.search(before) or _lex().NOT_A_COUNT_BEFORE_RE.search(before):
        return True
    if not q.vague and q.qualifier in ("exactly", None) and 1800 <= q.low <= 2100 and q.high == q.low \
            and re.fullmatch(r"\d{4}", q.text.strip()):
        return True
    if q.qualifier == "range" and q.high is not None and 1800 <= q.low <= 2100 and 1800 <= q.high <= 2100 \
            and re.fullmatch(r"(?:between\s+|from\s+)?\d{4}\s*(?:-|–|—|to|and|or)\s*\d{2,4}", q.text.strip(), re.I) \
            and (re.search(r"\b(?:from|between|in|since|during)\s+$", before, re.I)
                 or not re.match(r"\s+(?:people|persons|civilians|soldiers|were|are|dead|killed|deaths|victims)\b",
                                 after, re.I)):
        return True  # a span of years: "from 2015 to 2018", "2014-2016"
    if re.match(r"^-(?:year|month|day|week)", text[q.end:q.end + 8], re.I):
        return True
    if re.search(r"[A-Z][\w'’-]+,\s*$", before) and re.match(r"^\s*,", after) and q.high == q.low and q.low < 110:
        return True  # an age in apposition: "Maria Lopez, 54, was found"
    return False


def is_implicit(claim: Claim) -> bool:
    """True for a count read from words with no number ("killed a journalist")."""
    if claim.figure is None:
        return False
    if claim.figure.strip().lower() in {"a", "an", "one", "his", "her", "their", "another", "the", "both",
                                        "un", "une", "son", "sa", "leur", "un autre", "une autre", "le", "la", "l'", "l’"}:
        return False  # "and a driver", "un policier et quatre passagers": a coordinated figure of one
    if _NAME_AND_RE.fullmatch(claim.figure.strip()) or re.fullmatch(r"[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+){1,3}",
                                                                     claim.figure.strip()):
        return False  # a named person: "Abdul Razzak and his brother"
    # a number in words of either language ("quarante", "plus de cent", "une soixantaine") is a number
    return parse_quantity(claim.figure) is None and not find_quantities_fr(claim.figure)


_AND_ONE_RE = re.compile(rf"(?<![\w'’-])(?<!\bby\s)(?P<q>an?|one|his|her|their|another|the)\s+(?=(?:(?!of\b)[\w'’.-]+\s+){{0,3}}?(?:{PERSON_SG})\b(?!['’-])(?![^,.;]{{0,40}}\b(?:said|says|told|reported|stated|added|confirmed)\b)(?!\s+(?:said|says|told|reported|stated|claimed|added|confirmed|camp|camps|stronghold|strongholds|roadblock|roadblocks|cell|cells|network|attack|attacks|territory|position|positions|area|zone|station|office|house|home|"
    rf"centre|center|market|school|site|village|area|compound|vehicle|car|convoy|base|post|checkpoint|building|"
    rf"headquarters|group|party|community|family|council|movement|organi[sz]ation|association|union|wing|"
    rf"leader|leaders|rights|forces|militia|unit|team|residence|quarters|programme|program)\b))", re.I)


_ANOTHER_RE = re.compile(r"\b(?:and|while|but)\s+(?P<q>another|one\s+other|one)\s+(?=(?:was\s+|were\s+|is\s+)?(?:\w+ly\s+)?"
                         r"(?:wounded|injured|hurt|killed|died|abducted|kidnapped|arrested|missing)\b)", re.I)

_COUPLE_RE = re.compile(r"\b(?P<q>an?|the)\s+(?=(?:[\w'’.-]+\s+){0,2}?(?:couple|pair\s+of\s+(?:brothers|sisters|"
                        r"journalists|activists|men|women))\b(?!\s+of\s+(?:days|weeks|months|hours|times)))", re.I)
_NAME_AND_RE = re.compile(r"(?<![\w'’-])(?P<q>[A-Z][a-z]+(?:\s+(?:[A-Z][a-z'’-]+|al|bin|de|van|von|da|del)){1,3})"
                          r"(?=\s*,?\s+and\s+(?:his|her|their|an?|one|two|three|four|five|six|seven|eight|nine|"
                          r"ten|\d))")


#: "the third killing of a Salafist imam this month": an earlier victim of a series, not one more here
_SERIES_BEFORE_RE = re.compile(r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|"
                               r"\d+(?:st|nd|rd|th))\s+(?:such\s+)?(?:killing|murder|death|assassination|"
                               r"attack|abduction|kidnapping)s?\s+(?:of|on)\s+$", re.I)
#: "Maria Lopez, the editor of a weekly and a critic of ...,": one person described twice
_APPOSITION_BEFORE_RE = re.compile(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*,\s+(?:the|an?)\s+[^,;()]*\band\s+$")


def _extra_figure_ok(text: str, ss: int, m: re.Match) -> bool:
    before = text[max(ss, m.start("q") - 120):m.start("q")]
    if _SERIES_BEFORE_RE.search(before):
        return False
    return not (m.group("q").lower() in ("a", "an") and _APPOSITION_BEFORE_RE.search(before))


def sentence_quantities(text: str, ss: int, se: int) -> list[Quantity]:
    qs = [q for q in _lex().find_quantities(text, ss, se) if not bad_number(text, q, ss)]
    taken = {q.start for q in qs}
    extra = []
    lex = _lex()
    for rx in (_COUPLE_RE, lex.BOTH_RE, _AND_ONE_RE, lex.ONE_FIGURE_RE, _ANOTHER_RE, _NAME_AND_RE):
        n = 2 if rx in (_COUPLE_RE, lex.BOTH_RE) else 1
        for m in rx.finditer(text, ss, se):
            if m.start("q") not in taken and _extra_figure_ok(text, ss, m):
                taken.add(m.start("q"))
                extra.append(Quantity(n, n, "exactly", m.start("q"), m.end("q"), m.group("q")))
    if extra:
        qs = sorted(qs + extra, key=lambda q: q.start)
    return qs
