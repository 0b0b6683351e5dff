"""Number expressions in French reporting, read into the same :class:`Quantity`
as English ones (:mod:`tally.text.quantities`).

Figures
    digits with French separators: ``"1 200"`` (space, no-break space or narrow
    no-break space), ``"1.200"``, decimals with a comma (``"2,5 millions"``);
    number words (``"soixante-dix"``, ``"quatre-vingt-un"``, ``"vingt et un"``,
    ``"deux cent trente"``) through ``text2num``. A bare ``un``/``une`` is an
    article, not a figure (as English "a").

Approximate nouns (qualifier ``about``)
    ``une dizaine`` 10, ``une douzaine`` 12, ``une quinzaine`` 15, ``une
    vingtaine`` 20 ... ``une soixantaine`` 60, ``une centaine`` 100, ``un millier``
    1,000 (also ``deux centaines``, ``trois milliers``).

Qualifiers
    ``au moins``, ``plus de``, ``au-delà de``, ``pas moins de``, ``au minimum``:
    low = N, high open; ``environ``, ``près de``, ``quelque``, ``autour de``,
    ``approximativement``: ``about``; ``jusqu'à``, ``au plus``, ``moins de``,
    ``pas plus de``: ``up to``; ranges ``entre 40 et 60``, ``de 40 à 60``,
    ``40 à 60``, ``40-60``, ``deux ou trois``: ``range``.

Vague quantities (qualifier ``vague``, the low end is the best figure, as in
English): ``quelques`` 2-5, ``plusieurs`` 3-9, ``une poignée`` 3-6, ``de
nombreux`` 5-open, ``des dizaines`` 12-99, ``plusieurs dizaines`` 24-99, ``des
centaines`` 100-999, ``plusieurs centaines`` 200-999, ``des milliers``
1,000-9,999, ``plusieurs milliers`` 2,000-9,999.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal

from .quantities import MAX_FIGURE, Quantity, changed_to, scan

#: approximate nouns: "une vingtaine" is about 20
APPROX = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
          "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000}

#: vague expression -> (low, high); high None = open
VAGUE: dict[str, tuple[int, int | None]] = {
    "quelques": (2, 5), "plusieurs": (3, 9), "une poignée": (3, 6),
    "de nombreux": (5, None), "de nombreuses": (5, None), "nombreux": (5, None), "nombreuses": (5, None),
    "des dizaines": (12, 99), "plusieurs dizaines": (24, 99),
    "des centaines": (100, 999), "plusieurs centaines": (200, 999),
    "des milliers": (1000, 9999), "plusieurs milliers": (2000, 9999),
    "des dizaines de milliers": (10_000, 99_999), "des centaines de milliers": (100_000, 999_999),
}
MAGNITUDES = {"mille": 1000, "millier": 1000, "milliers": 1000, "million": 1_000_000, "millions": 1_000_000,
              "milliard": 1_000_000_000, "milliards": 1_000_000_000}

_UNIT = (r"(?:zéro|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|"
         r"seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|millions?)")
_WORDS = rf"(?:{_UNIT}(?:(?:[\s-]+(?:et[\s-]+)?){_UNIT})*)"
_SEP = r"[  \u202f.]"
_DIGITS = (rf"(?:\d{{1,3}}(?:{_SEP}\d{{3}})+(?!\d)|\d+(?:,\d+)?)"
           r"(?:\s+(?:mille|millions?|milliards?))?")
_APPROX_RE = r"(?:(?:une?|deux|trois|quatre|cinq|plusieurs)\s+)?(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|centaine|millier)s?"
_NUM = rf"(?:{_DIGITS}|{_WORDS})"
_VAGUE = (r"(?:des\s+(?:dizaines|centaines)\s+de\s+milliers|plusieurs\s+(?:dizaines|centaines|milliers)|"
          r"des\s+(?:dizaines|centaines|milliers)|une\s+poignée|de\s+nombreu(?:x|ses)|quelques|plusieurs)")
_DE = r"d(?:e\s+|['’]\s*)"
_PRE = [
    (rf"au\s+moins\s+|au\s+minimum\s+|pas\s+moins\s+{_DE}|plus\s+{_DE}|au-delà\s+{_DE}|au\s+delà\s+{_DE}", "at least"),
    (rf"environ\s+|près\s+{_DE}|quelque\s+|autour\s+{_DE}|approximativement\s+|presque\s+|quasiment\s+", "about"),
    (rf"jusqu['’]\s*à\s+|au\s+plus\s+|pas\s+plus\s+{_DE}|moins\s+{_DE}", "up to"),
]
_PRE_RE = "|".join(f"(?P<pre{i}>{p})" for i, (p, _) in enumerate(_PRE))

QUANTITY_FR_RE = re.compile(
    rf"""(?<![\w.,])(?:{_PRE_RE})?
    (?:
        entre\s+(?P<b1>{_NUM})\s+et\s+(?P<b2>{_NUM})
      | de\s+(?P<f1>{_NUM})\s+à\s+(?P<f2>{_NUM})
      | (?P<r1>{_DIGITS})\s*(?:[-–—]|\s+à\s+)\s*(?P<r2>{_DIGITS})
      | (?P<s1>{_WORDS})\s+(?:à|ou)\s+(?P<s2>{_WORDS})
      | (?P<approx>{_APPROX_RE})
      | (?P<vague>{_VAGUE})
      | (?P<num>{_NUM})
    )(?![\w])""",
    re.I | re.X,
)


def words_to_int_fr(s: str) -> int | None:
    """``"soixante-dix"`` -> 70, ``"1 200"`` -> 1200, ``"2,5 millions"`` -> 2500000;
    None when ``s`` is not a number or larger than :data:`MAX_FIGURE`."""
    s = re.sub(r"\s+de$", "", s.strip().lower())
    m = re.fullmatch(rf"(\d{{1,3}}(?:{_SEP}\d{{3}})+|\d+(?:,\d+)?)(?:\s+(mille|millions?|milliards?))?", s)
    if m:
        digits = re.sub(_SEP, "", m.group(1)) if re.search(rf"{_SEP}\d{{3}}", m.group(1)) else m.group(1)
        v = Decimal(digits.replace(",", ".")) * (MAGNITUDES[m.group(2)] if m.group(2) else 1)
        n = int(v.to_integral_value(rounding=ROUND_HALF_EVEN))
        return n if n <= MAX_FIGURE else None
    from text_to_num import text2num

    try:
        n = text2num(re.sub(r"\s+", " ", s), "fr")
    except ValueError:
        return None
    return n if 0 <= n <= MAX_FIGURE else None


def _approx(text: str) -> int | None:
    words = re.sub(r"\s+de$", "", text.lower()).split()
    noun = words[-1].rstrip("s")
    count = 1
    if len(words) > 1 and words[0] not in ("un", "une"):
        count = words_to_int_fr(words[0]) if words[0] != "plusieurs" else None
        if count is None:
            return None
    return count * APPROX[noun]


def _quantity(m: re.Match) -> Quantity | None:
    qual = next((q for i, (_, q) in enumerate(_PRE) if m.group(f"pre{i}")), None)
    pair = next(((m.group(a), m.group(b)) for a, b in (("b1", "b2"), ("f1", "f2"), ("r1", "r2"), ("s1", "s2"))
                 if m.group(a)), None)
    if pair:
        a, b = words_to_int_fr(pair[0]), words_to_int_fr(pair[1])
        if a is None or b is None or b < a:
            return None
        if qual == "at least":
            return Quantity(a, None, "at least", m.start(), m.end(), m.group(0))
        return Quantity(a, b, "range", m.start(), m.end(), m.group(0))
    if m.group("approx"):
        if m.group("approx").lower().startswith("plusieurs"):
            key = re.sub(r"\s+de$", "", re.sub(r"\s+", " ", m.group("approx").lower()))
            if key not in VAGUE:
                return None
            low, high = VAGUE[key]
            return Quantity(low, high, "vague", m.start(), m.end(), m.group(0), vague=True)
        v = _approx(m.group("approx"))
        if v is None:
            return None
        if qual == "at least":
            return Quantity(v, None, "at least", m.start(), m.end(), m.group(0))
        return Quantity(v, v, "up to" if qual == "up to" else "about", m.start(), m.end(), m.group(0))
    if m.group("vague"):
        low, high = VAGUE[re.sub(r"\s+", " ", m.group("vague").lower())]
        return Quantity(low, high, "vague", m.start(), m.end(), m.group(0), vague=True)
    raw = m.group("num")
    if raw.strip().lower() in ("un", "une"):
        return None  # an article
    v = words_to_int_fr(raw)
    if v is None:
        return None
    if qual == "at least":
        return Quantity(v, None, qual, m.start(), m.end(), m.group(0))
    return Quantity(v, v, qual or "exactly", m.start(), m.end(), m.group(0))


#: "le bilan est passé de 8 à 10": a change of figure, not a range; the new figure counts
_CHANGE_BEFORE_RE = re.compile(r"(?:passée?s?|passant|passe|grimpée?|augmentée?|évolué|revue?\s+à\s+la\s+hausse)\s+$",
                               re.I)


def _read(m: re.Match) -> Quantity | None:
    return changed_to(m, "f2", _CHANGE_BEFORE_RE, words_to_int_fr, window=30) or _quantity(m)


def find_quantities_fr(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every French number expression in ``text[start:end]``, offsets into ``text``."""
    return scan(QUANTITY_FR_RE, _read, text, start, end)
