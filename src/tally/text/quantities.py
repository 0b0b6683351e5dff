"""Number expressions in English reporting: digits, words, vague words, ranges,
open figures and qualifiers.

:func:`find_quantities` scans a text with one compiled regular expression and
returns :class:`Quantity` objects (``low``, ``high``, ``qualifier``, span);
:func:`parse_quantity` reads a single expression.

Figures
    digits ``"1,200"``, ``"2.5 million"``; words ``"twenty-two"``,
    ``"one hundred and five"``, ``"a dozen"``, ``"two dozen"``, ``"a hundred"``.

Qualifiers (``model.QUALIFIERS``)
    ``at least`` / ``more than`` / ``over`` / ``no fewer than`` / ``30+`` /
    ``N or more``: low = N, high open (``None``);
    ``about`` / ``around`` / ``some`` / ``nearly`` / ``almost`` /
    ``approximately`` / ``~`` / ``c.``: low = high = N, qualifier ``about``;
    ``up to`` / ``as many as`` / ``no more than`` / ``at most``: low = high = N
    with qualifier ``up to`` (the figure is the stated ceiling; callers may
    widen the low bound);
    ranges ``77-100``, ``77–100``, ``40 to 60``, ``two or three``,
    ``between 40 and 60``: low, high, qualifier ``range``.

Vague quantities (qualifier ``vague``), the documented low-high table
:data:`VAGUE` (``best`` is the low end, ACLED's conservative reading:
"dozens" = 12, "hundreds" = 100):

==================  =====  =====
expression           low    high
==================  =====  =====
a few                 2      5
several               3      9
a handful             3      6
some / a number of    2      9
many / numerous       5     None
tens / dozens        12     99
several dozen        24     99
scores               20     99
hundreds            100    999
several hundred     200    999
thousands          1000   9999
several thousand   2000   9999
==================  =====  =====
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal
from dataclasses import dataclass
from typing import Callable

UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90}
#: The largest figure read as a count: more than the world's population. A
#: larger number ("99999999999999999999 killed") is not a count and is not
#: read as a quantity (docs/reliability.md).
MAX_FIGURE = 10_000_000_000

MAGNITUDES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12, "score": 20}

#: vague expression -> (low, high); ``high`` None = open.
VAGUE: dict[str, tuple[int, int | None]] = {
    "a few": (2, 5),
    "few": (2, 5),
    "several": (3, 9),
    "a handful": (3, 6),
    "a number": (2, 9),
    "some": (2, 9),
    "many": (5, None),
    "numerous": (5, None),
    "tens": (12, 99),
    "dozens": (12, 99),
    "several dozen": (24, 99),
    "scores": (20, 99),
    "hundreds": (100, 999),
    "several hundred": (200, 999),
    "thousands": (1000, 9999),
    "tens of thousands": (10_000, 99_999),
    "hundreds of thousands": (100_000, 999_999),
    "millions": (1_000_000, 9_999_999),
    "several thousand": (2000, 9999),
}

_WORD_NUM = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
             r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|"
             r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen|score(?=\s+of\b))")
_WORDS = (rf"(?:(?:an?\s+)?{_WORD_NUM}(?:(?:[\s-]+|(?:(?<=hundred)|(?<=thousand))\s+and\s+)"
          rf"{_WORD_NUM})*)")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million))?"
_NUM = rf"(?:{_DIGITS}|{_WORDS})"
_VAGUE = (r"(?:(?:tens|hundreds)\s+of\s+thousands|several\s+(?:hundred|thousand|dozen)|a\s+handful|a\s+few|"
          r"a\s+number|tens|dozens|scores|hundreds|thousands|millions|several|many|numerous)")
_PRE = {
    "at least": "at least", "at the very least": "at least", "no fewer than": "at least",
    "no less than": "at least", "not less than": "at least", "more than": "at least",
    "over": "at least", "well over": "at least", "just over": "at least", "above": "at least",
    "in excess of": "at least", "upwards of": "at least", "a minimum of": "at least",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "nearly": "about", "near": "about", "almost": "about", "close to": "about",
    "an estimated": "about", "estimated": "about", "just under": "about", "around about": "about",
    "up to": "up to", "as many as": "up to", "no more than": "up to", "at most": "up to",
    "fewer than": "up to", "less than": "up to", "not more than": "up to",
    "exactly": "exactly",
}
_PRE_RE = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _PRE), key=len, reverse=True))

QUANTITY_RE = re.compile(
    rf"""(?<![\w.,])(?<!\b[Nn][Oo]\s)(?:(?P<pre>{_PRE_RE})\s+|(?P<tilde>~|≈|c\.\s*|ca\.\s*|approx\.\s*)|
        (?P<ge>≥|&ge;|>=?(?=\s?\d)|(?<![(\w+])\+(?=\d))\s?|(?P<le>≤|&le;|<=?(?=\s?\d))\s?)?
    (?:
        between\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM})
      | (?P<r1>{_DIGITS})\s*[-–—]\s*(?P<r2>{_DIGITS})(?!\s*[-–]\s*\d)
      | (?P<s1>{_NUM})\s+(?:to|or)\s+(?P<s2>{_NUM})
      | (?P<num>{_NUM})(?P<plus>\+|\s+or\s+more|\s+plus(?!\s+\w))?
      | (?P<vague>{_VAGUE})
    )(?![\w])""",
    re.I | re.X,
)


@dataclass(slots=True)
class Quantity:
    low: int
    high: int | None
    qualifier: str | None
    start: int
    end: int
    text: str
    vague: bool = False

    @property
    def best(self) -> int:
        return self.low

    def figure_like_one(self) -> bool:
        """A count of one written as a determiner ("and his wife", "a driver")."""
        return self.low == 1 and self.text.strip().lower() in {"a", "an", "one", "his", "her", "their", "another", "the"}


def words_to_int(s: str) -> int | None:
    """``"twenty-two"`` -> 22, ``"one hundred and five"`` -> 105, ``"a dozen"`` -> 12,
    ``"2.5 million"`` -> 2500000; None when ``s`` is not a number or is
    larger than :data:`MAX_FIGURE`."""
    s = s.strip().lower().replace(",", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(hundred|thousand|million))?", s)
    if m:  # exact arithmetic: a float turns 99999999999999999999 into 1e20
        v = Decimal(m.group(1)) * (MAGNITUDES[m.group(2)] if m.group(2) else 1)
        n = int(v.to_integral_value(rounding=ROUND_HALF_EVEN))
        return n if n <= MAX_FIGURE else None
    total = 0
    current = 0
    seen = False
    for w in re.split(r"[\s-]+", s):
        if w == "and":
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in MAGNITUDES:
            mag = MAGNITUDES[w]
            current = max(current, 1) * mag
            if mag >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    n = total + current
    return n if seen and n <= MAX_FIGURE else None


def _quantity(m: re.Match) -> Quantity | None:
    pre = m.group("pre")
    qual = _PRE[re.sub(r"\s+", " ", pre.lower())] if pre else ("about" if m.group("tilde") else
                                                              "at least" if m.group("ge") else
                                                              "up to" if m.group("le") else None)
    if m.group("b1") or m.group("r1") or m.group("s1"):
        a = words_to_int(m.group("b1") or m.group("r1") or m.group("s1"))
        b = words_to_int(m.group("b2") or m.group("r2") or m.group("s2"))
        if a is None or b is None:
            return None
        if b < a:  # "1990-91" style or nonsense
            return None
        low, high, q = a, b, "range"
        if qual == "at least":
            high = None
            q = "at least"
        return Quantity(low, high, q, m.start(), m.end(), m.group(0))
    if m.group("vague"):
        key = re.sub(r"\s+", " ", m.group("vague").lower())
        low, high = VAGUE[key]
        return Quantity(low, high, "vague", m.start(), m.end(), m.group(0), vague=True)
    raw = m.group("num")
    if re.fullmatch(r"an?", raw.strip(), re.I):
        return None
    v = words_to_int(raw)
    if v is None:
        return None
    if m.group("plus"):
        return Quantity(v, None, "at least", m.start(), m.end(), m.group(0))
    if qual == "at least":
        return Quantity(v, None, qual, m.start(), m.end(), m.group(0))
    if qual == "up to":
        return Quantity(v, v, qual, m.start(), m.end(), m.group(0))
    return Quantity(v, v, qual or "exactly", m.start(), m.end(), m.group(0))


#: "the toll rose from 8 to 10", "raising the toll from 10 to 14": a change of figure, not a range; the new
#: figure counts
_CHANGE_BEFORE_RE = re.compile(r"\b(?:rose|risen|rises|climbed|jumped|increased|grew|went\s+up|surged|raising|bringing|"
                               r"taking|pushing|lifting|raised|brought|took|pushed|revised"
                               r"(?:\s+(?:up|upwards?|down|downwards?))?|raised|lowered|fell|dropped)"
                               r"(?:\s+(?:the|its|their)\s+(?:death\s+)?(?:toll|figure|count|tally|number)"
                               r"(?:\s+of\s+(?:the\s+)?(?:dead|deaths|victims|fatalities|people\s+killed))?)?\s+from\s+$", re.I)


def changed_to(m: re.Match, group: str, change_re: re.Pattern, to_int: Callable[[str], int | None],
               window: int = 40) -> Quantity | None:
    """The new figure when the range ``m`` follows a word of change ("rose from 8 to
    10" is 10, not 8-10); ``group`` names the range's second figure."""
    if not m.group(group) or not change_re.search(m.string, max(0, m.start() - window), m.start()):
        return None
    v = to_int(m.group(group))
    return None if v is None else Quantity(v, v, "exactly", m.start(group), m.end(group), m.group(group))


def scan(pattern: re.Pattern, read: Callable[[re.Match], Quantity | None], text: str, start: int = 0,
         end: int | None = None) -> list[Quantity]:
    """The quantities ``read`` makes of the matches of ``pattern`` in ``text[start:end]``;
    none inside a date written in digits ("2019-12-25", "25/12/2019": not a range 12-25)."""
    stop = len(text) if end is None else end
    dates = [d.span() for d in DIGIT_DATE_RE.finditer(text, start, stop)] if "-" in text or "/" in text else []
    out: list[Quantity] = []
    echoed = -1  # the end of a figure's echo in digits ("sept (07)"): nothing in it is read again
    for m in pattern.finditer(text, start, stop):
        if m.start() < echoed:
            continue
        q = read(m)
        if q is not None and (e := _ECHO_RE.match(text, q.end, stop)) is not None and int(e.group(1)) == q.low \
                and q.high in (q.low, None) and not q.text.strip().isdigit():
            # "trente-cinq (35) civils", "seven (7) soldiers": the digits restate the words
            q = Quantity(q.low, q.high, q.qualifier, q.start, e.end(), text[q.start:e.end()], q.vague)
            echoed = e.end()
        if q is not None and not any(a <= q.start and q.end <= b for a, b in dates):
            if out and _chained(text, out[-1], q):
                p = out[-1]  # "15–21–70+": a chain of estimates runs from its first figure to its last
                q = Quantity(p.low, q.high, "range", p.start, q.end, text[p.start:q.end])
                out[-1] = q
                continue
            out.append(q)
    return out


#: a number restated in digits in brackets right after it: "sept (07)", "thirty-five (35)"
_ECHO_RE = re.compile(r"[ \t]*\((\d{1,4})\)")


def _chained(text: str, p: Quantity, q: Quantity) -> bool:
    """True when figure ``p`` and range ``q`` form one chain of rising estimates ("15–21–70"),
    never years ("2015-2016-2017") nor a score."""
    return q.qualifier == "range" and p.qualifier == "exactly" and q.high is not None \
        and re.fullmatch(r"[ \t]*[–-][ \t]*", text[p.end:q.start]) is not None \
        and re.fullmatch(r"\d{1,3}(?:,\d{3})*", p.text.strip()) is not None and p.low < q.low < q.high < 1000


#: a date written in digits: ISO ("2019-12-25", with a time) or day/month/year ("25/12/2019", "25.12.19")
DIGIT_DATE_RE = re.compile(r"(?<![\w.-])(?:\d{4}-\d{1,2}-\d{1,2}(?:T[\d:.]+Z?)?|\d{1,2}/\d{1,2}/\d{2,4})(?![\w/-])")


def _read(m: re.Match) -> Quantity | None:
    return (None if m.group("pre") else changed_to(m, "s2", _CHANGE_BEFORE_RE, words_to_int)) or _quantity(m)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every number expression in ``text[start:end]``, offsets into ``text``."""
    return scan(QUANTITY_RE, _read, text, start, end)


def parse_quantity(s: str) -> Quantity | None:
    """The first number expression of ``s`` (None when there is none)."""
    qs = find_quantities(s)
    return qs[0] if qs else None
