"""Dates of an incident: infobox values and the first date of a text.

Everything here is precompiled regexes over short spans; no date library
scans whole texts. :func:`parse_date` reads an infobox ``date`` value
("17 September 2024", "17–18 September 2024", "3 January – 8 February 2015",
"September 17, 2024", "September 2024", "c. 2010", "2024-09-17T05:00Z"...).
:func:`find_date` finds the first date in running text; relative words
("yesterday", "on Sunday") are resolved only against a known document date
(``ref``) and are otherwise left unresolved, never guessed.

The words are per language (``language="en"`` or ``"fr"``): French dates put
the day first ("mardi 17 septembre 2024", "le 1er mars", "17/09/2024") and
say "hier", "ce mardi", "dans la nuit de samedi à dimanche" (the night that
began on the Saturday). A language without its own table is read as English.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

from ..model import DateRange

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTHS_FR = {name: i for i, names in enumerate(
    ["", "janvier janv", "février fevrier févr fevr", "mars", "avril avr", "mai", "juin", "juillet juil",
     "août aout", "septembre sept", "octobre oct", "novembre nov", "décembre decembre déc dec"]) for name in names.split()}
WEEKDAYS_FR = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}

_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s+of(?=\s))?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|[1-9][0-9]{2}(?=\s*(?:AD|CE)?\b)(?!\s*BCE?\b))"
#: a time of day after a date in a range ("1 July 2016, 21:20 – 2 July 2016, 07:40 (BST)")
_TIME = (r"(?:,?\s*(?:at\s+|c\.\s*|ca\.\s*|~\s*|around\s+)?(?:[01]?\d|2[0-3])[:.][0-5]\d"
         r"(?:\s*[ap]\.?\s?m\.?)?(?:\s*\(?(?:[A-Z]{2,5}|UTC[+−-]\d{1,2}(?::\d\d)?)\)?(?![\w]))?)?")
_DASH = (_TIME + r"\s*(?:–|—|−|-|/|\bto\b|\buntil\b|\bthrough\b)\s*"
         r"(?:(?:c\.|ca\.|circa|about|around)\s*)?")
_DAYDASH = r"\s*(?:–|—|−|-|/|\bto\b|\band\b|&)\s*"
_END = r"(?![\d])"


_MON_FR = r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre" \
          r"|janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec)\.?"
_DAY_FR = r"(?:[12]\d|3[01]|0?[1-9])(?:er)?"
_DASH_FR = (r"\s*(?:–|—|−|-|/|\bau\b|\bjusqu'au\b|\bjusqu’au\b)\s*")
_DAYDASH_FR = r"\s*(?:–|—|−|-|/|\bau\b|\bet\b|&)\s*"


def _p(pattern: str, day: str = _DAY, month: str = _MON, dash: str = _DASH, ddash: str = _DAYDASH
       ) -> re.Pattern[str]:
    """Compile a pattern written with D/M/Y placeholders (``{d1}`` etc.)."""
    groups = {f"{k}{i}": f"(?P<{k}{i}>{v})" for k, v in (("d", day), ("m", month), ("y", _YEAR))
              for i in (1, 2)}
    return re.compile(r"(?<![\w])" + pattern.format(dash=dash, ddash=ddash, **groups) + _END,
                      re.I)


def _fr(pattern: str) -> re.Pattern[str]:
    return _p(pattern, _DAY_FR, _MON_FR, _DASH_FR, _DAYDASH_FR)


#: Patterns tried at each position; the earliest, then longest, match wins.
PATTERNS: list[re.Pattern[str]] = [
    _p(r"{d1}\s+{m1},?\s+{y1}{dash}{d2}\s+{m2},?\s+{y2}"),          # 3 January 2015 – 8 February 2016
    _p(r"{d1}\s+{m1}{dash}{d2}\s+{m2},?\s+{y2}"),                   # 3 January – 8 February 2015
    _p(r"{d1}{ddash}{d2}\s+{m2},?\s+{y2}"),                         # 17–18 September 2024
    _p(r"{d1}\s+{m1},?\s+{y1}"),                                     # 17 September 2024
    _p(r"{m1}\s+{d1},?\s+{y1}{dash}{m2}\s+{d2},?\s+{y2}"),           # January 3, 2015 – February 8, 2016
    _p(r"{m1}\s+{d1}{dash}{m2}\s+{d2},?\s+{y2}"),                    # January 3 – February 8, 2015
    _p(r"{m1}\s+{d1}{ddash}{d2},?\s+{y2}"),                          # September 17–18, 2024
    _p(r"{m1}\s+{d1},?\s+{y1}"),                                     # September 17, 2024
    _p(r"{y1}-(?P<mn1>[01]\d)-(?P<dn1>[0-3]\d)(?:T[\d:.]+Z?)?"
       r"(?:\s*(?:/|–|—|\bto\b)\s*{y2}-(?P<mn2>[01]\d)-(?P<dn2>[0-3]\d))?"),  # ISO
    _p(r"(?<![\d/])(?P<n1>[0-3]?\d)/(?P<n2>[0-3]?\d)/{y1}(?![\d/])"),       # 03/14/2016 (GTD's summaries), 14/03/2016
    _p(r"{m1},?\s+{y1}{dash}{m2},?\s+{y2}"),                         # September 2023 – March 2024
    _p(r"{m1}{dash}{m2},?\s+{y2}"),                                  # September–October 2024
    _p(r"{m1},?\s+{y1}"),                                            # September 2024
    _p(r"(?P<dec>(?:1[0-9]|20)[0-9]0)s"),                            # the 1990s
    _p(r"{y1}{dash}{y2}"),                                           # 2014–2016
    _p(r"(?:c\.|ca\.|circa|around|about)?\s*{y1}"),                  # c. 2010, 2024
]

#: French patterns, day first; the same trailing year-only patterns as English.
PATTERNS_FR: list[re.Pattern[str]] = [
    _fr(r"(?:du\s+)?{d1}\s+{m1}\s+{y1}{dash}{d2}\s+{m2}\s+{y2}"),     # du 3 janvier 2015 au 8 février 2016
    _fr(r"(?:du\s+)?{d1}\s+{m1}{dash}{d2}\s+{m2}\s+{y2}"),            # du 3 janvier au 8 février 2015
    _fr(r"(?:du\s+)?{d1}{ddash}{d2}\s+{m2}\s+{y2}"),                   # 17-18 septembre 2024, du 17 au 18
    _fr(r"{d1}\s+{m1}\s+{y1}"),                                         # 17 septembre 2024
    _p(r"{y1}-(?P<mn1>[01]\d)-(?P<dn1>[0-3]\d)(?:T[\d:.]+Z?)?"),          # ISO
    _fr(r"(?P<dn1>[0-3]?\d)[/.](?P<mn1>[01]?\d)[/.]{y1}"),               # 17/09/2024, 17.09.2024
    _fr(r"{m1}\s+{y1}"),                                                  # septembre 2024
    *PATTERNS[-3:],
]

#: The trailing patterns that state only years: a text's first date skips them unless asked.
_YEAR_PATTERNS = 3

#: Day and month without a year ("on 8 June", "March 19"): resolved against a reference date.
_NOYEAR = [_p(r"{d1}\s+{m1}(?!\s*,?\s*\d)"), _p(r"{m1}\s+{d1}(?!\s*,?\s*\d)(?!:)")]
_NOYEAR_FR = [_fr(r"{d1}\s+{m1}(?!\s*\d)")]

_PRESENT = re.compile(r"\s*(?:(?:–|—|-|to)\s*(?:the\s+)?(?:present|ongoing|now|today)\b|,?\s*\(\s*(?:ongoing|continuing)\s*\))",
                      re.I)
_SINCE = re.compile(r"(?:since|starting(?:\s+on)?|began(?:\s+on)?)\s+$", re.I)

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_RELATIVE = re.compile(
    r"\b(?:(?P<rel>yesterday|today|tonight|last night|the day before|this morning|earlier today|overnight(?!\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)))"
    r"|(?:(?:on|last|early|late|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|morning|evening|afternoon))?)\b",
    re.I)
_RELATIVE_FR = re.compile(
    r"(?<![\w])(?:(?P<rel>hier|avant-hier|aujourd['’]hui|ce\s+soir|cette\s+nuit|la\s+nuit\s+dernière|la\s+veille)"
    r"|(?:(?:ce|dans\s+la\s+nuit\s+d[eu]|la\s+nuit\s+d[eu]|dans\s+la\s+soirée\s+d[eu]|tôt|tard)\s+)?"
    r"(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"(?:\s+(?:soir|matin|après-midi|dernier))?)(?![\w])",
    re.I)
_STATEMENT_BEFORE_RE = re.compile(
    r"\b(?:said|says|told\s+(?:\w+\s+){0,2}?|announced|reported|added|stated|confirmed|declared|indicated|warned"
    r"|a\s+(?:indiqué|annoncé|déclaré|affirmé|précisé|confirmé)|ont\s+(?:indiqué|annoncé|déclaré|affirmé|précisé)"
    r"|a-t-on\s+appris"
    # the noun of a statement: "in a statement on Tuesday", "dans un communiqué publié lundi", "at a news
    # conference on Monday"
    r"|(?:statement|communiqué|communique|press\s+release|(?:press|news)\s+conference|briefing|conférence\s+de\s+presse"
    r"|interview|entretien|tweet)(?:\s+(?:issued|released|published|posted|publié|diffusé|rendu\s+public)e?)?)"
    r"\s*(?:on\s+|le\s+|ce\s+)?$", re.I)
#: a speech verb right after the day ("the Red Cross on Wednesday said", "l'armée a lundi annoncé"):
#: the day of the statement, as with the verb before it
_STATEMENT_AFTER_RE = re.compile(
    r"[\s,]+(?:(?:said|says|told|announced|reported|added|stated|confirmed|declared|warned|indicated)\b"
    r"|(?:(?:a|ont)\s+)?(?:indiqué|annoncé|déclaré|affirmé|précisé|confirmé)\b)", re.I)
#: words before a day that make it the day of something after the attack: a claim, a funeral,
#: mourning, a visit, a condemnation ("claimed responsibility on Wednesday", "the funeral was held on
#: Monday", "les funérailles ont eu lieu lundi"): like a statement's day, it stands only alone
_AFTERMATH_BEFORE_RE = re.compile(
    r"(?<![\w])(?:claimed(?:\s+responsibility)?|funerals?|burials?|buried|mourning|vigils?|memorial|visit(?:ed|s)?"
    r"|condemn(?:ed|s)?|revendiqu[ée]e?s?|revendication|funérailles|obsèques|inhum[ée]e?s?|deuil|visite|rendu"
    r"|condamn[ée]e?s?|hommage)\b[^.;!?]{0,40}$", re.I)
#: a discovery before a day ("his body was found by soldiers on Friday", "the remains were recovered
#: Tuesday", "les corps ont été retrouvés lundi"): the day the dead were found, after the attack; like
#: a statement's day, it stands only when the text gives no other
_DISCOVERY_BEFORE_RE = re.compile(
    r"(?<![\w])(?:found|discovered|recovered|retrieved|retrouvée?s?|découverte?s?|récupérée?s?)\b"
    r"(?:\s+dead)?(?:\s+(?:by|par)\s+[^.;!?,]{1,30}?)?\s*(?:on\s+|le\s+)?$", re.I)
#: an attack's noun right before a weekday ("l'attaque de samedi", "the ambush on Sunday", "the raid late
#: Friday") or its possessive after it ("Saturday's attack"): the weekday is the attack's day
_ATTACK_NOUNS = (r"attacks?|ambush(?:es)?|assault|raids?|massacres?|bombings?|blasts?|explosions?|shootings?"
                 r"|killings?|attaques?|attentats?|embuscades?|assauts?|tueries?|incursions?|explosions?|fusillades?")
_ATTACK_BEFORE_RE = re.compile(rf"(?<![\w])(?:{_ATTACK_NOUNS})\s+(?:(?:on|of|de|du|d['’]|survenue?s?\s+(?:le|dans\s+la\s+nuit\s+de))\s*)?$",
                               re.I)
_ATTACK_AFTER_RE = re.compile(rf"(?:\s+(?:night|morning|evening|afternoon))?['’]s?\s+(?:[a-z-]+\s+){{0,2}}?(?:{_ATTACK_NOUNS})\b",
                              re.I)
#: the time elapsed since the attack, as of the report ("Forty-eight hours after the attack, the toll
#: stands at 28", "Deux jours après l'embuscade, ..."): the attack's day is that long before the report
_ELAPSED_RE = re.compile(
    r"(?<![\w-])(?P<n>\d{1,3}|twenty-four|forty-eight|seventy-two|two|three|four|five|vingt-quatre|quarante-huit"
    r"|soixante-douze|deux|trois|quatre|cinq)\s+(?P<unit>hours|heures|days|jours)\s+(?:after|après)\s+"
    r"(?:the\s+|this\s+|l['’]\s*|cette\s+|cet\s+|le\s+)?(?:deadly\s+|meurtri[eè]re?\s+)?"
    rf"(?:{_ATTACK_NOUNS})\b", re.I)
#: a duration, not the time elapsed: "a mourning of 72 hours", "un deuil de 72 heures", "for 48 hours"
_DURATION_BEFORE_RE = re.compile(r"(?<![\w])(?:de|d['’]|of|for|pendant|durant|during)\s*$", re.I)


def names_elapsed_time(text: str | None) -> bool:
    """True when ``text`` (a date's words) is the time elapsed since the attack ("48 hours after the
    attack"): it dates the attack from the report, never a day of its own."""
    return bool(text) and _ELAPSED_RE.fullmatch(text) is not None


_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "twenty-four": 24, "forty-eight": 48,
                 "seventy-two": 72, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "vingt-quatre": 24,
                 "quarante-huit": 48, "soixante-douze": 72}


def _elapsed(text: str, ref: date) -> DateRange | None:
    """The attack's day from the time a report says has passed since it ("48 hours after the
    attack": two days before ``ref``); None when the text says none or a span over a week."""
    m = _ELAPSED_RE.search(text)
    if m is None or _DURATION_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
        return None  # "un deuil national de 72 heures après l'attaque": how long the mourning lasts
    word = m.group("n").lower()
    n = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    days = round(n / 24) if m.group("unit").lower() in ("hours", "heures") else n
    if not 0 < days <= 7:
        return None
    d = (ref - timedelta(days=days)).isoformat()
    return DateRange(d, d, "day", m.group(0), "relative")


#: a weekday followed by the day of the month and no month ("le mardi 12", "on Tuesday the 12th")
#: the number is a count, not a day, when a lowercase word other than a time's follows it ("On Monday 15
#: people died", "lundi 15 personnes")
_WEEKDAY_DAY_RE = re.compile(r"\s+(?:the\s+)?(?P<d>[12]\d|3[01]|0?[1-9])"
                             r"(?:(?:er|st|nd|rd|th)\b|\b(?!\s+(?!(?:au|à|at|in|dans|vers|et|and|when|lorsque|quand|matin|soir"
                             r"|morning|evening|night|nuit|afternoon|après-midi)\b)(?-i:[a-zà-ÿ])))"
                             r"(?!\s*(?:h\b|:|%|[.,]\d))"
                             r"(?!\s+(?:" + "|".join(list(MONTHS) + list(MONTHS_FR)) + r")\b)", re.I)
_WEEKDAY_BEFORE_RE = re.compile(
    r"(?<![\w])(?:" + "|".join([*WEEKDAYS, *WEEKDAYS_FR]) + r")(?:\s+(?:the|le))?[\s,]*$", re.I)
#: per language: (patterns, patterns without a year, relative words, weekdays, days back per word)
_WORDS = {
    "en": (PATTERNS, _NOYEAR, _RELATIVE, WEEKDAYS,
           {"yesterday": 1, "today": 0, "tonight": 0, "last night": 1, "the day before": 1,
            "this morning": 0, "earlier today": 0, "overnight": 1}),
    "fr": (PATTERNS_FR, _NOYEAR_FR, _RELATIVE_FR, WEEKDAYS_FR,
           {"hier": 1, "avant-hier": 2, "aujourd'hui": 0, "aujourd’hui": 0, "ce soir": 0, "cette nuit": 0,
            "la nuit dernière": 1, "la veille": 1}),
}


def _words(language: str | None):
    return _WORDS.get(language or "en", _WORDS["en"])


def last_day(iso: str) -> date:
    """The last day an ISO date of any precision allows ("2019-03" -> 31 March 2019)."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], 12, 31)


def _month(text: str | None) -> int | None:
    if not text:
        return None
    key = text.rstrip(".").lower()
    if key.isdigit():
        return int(key) if 1 <= int(key) <= 12 else None
    return MONTHS.get(key) or MONTHS_FR.get(key)


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None for an impossible day."""
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _day(text: str | None) -> int | None:
    return int(re.match(r"\d+", text).group(0)) if text else None  # type: ignore[union-attr]


def _from_match(m: re.Match[str]) -> DateRange | None:
    """A DateRange from a match of one of :data:`PATTERNS`."""
    g = m.groupdict()
    if g.get("dec"):
        decade = int(g["dec"])
        return DateRange(_iso(decade), _iso(decade + 9), "year", m.group(0).strip(), "stated")
    y1 = int(g["y1"]) if g.get("y1") else None
    y2 = int(g["y2"]) if g.get("y2") else None
    if g.get("n1"):  # a date in digits with slashes: month first as in American English, unless it cannot be
        a, b = int(g["n1"]), int(g["n2"])
        mon, day = (b, a) if a > 12 else (a, b)
        start = _iso(int(g["y1"]), mon, day) if mon <= 12 else None
        return DateRange(start, start, "day", m.group(0).strip(), "stated") if start else None
    if g.get("mn1"):  # ISO
        start = _iso(int(g["y1"]), int(g["mn1"]), int(g["dn1"]))
        end = _iso(int(g["y2"]), int(g["mn2"]), int(g["dn2"])) if g.get("mn2") else start
        return DateRange(start, end, "day", m.group(0).strip(), "stated") if start and end else None
    m1, m2 = _month(g.get("m1")), _month(g.get("m2"))
    d1, d2 = _day(g.get("d1")), _day(g.get("d2"))
    if y1 is None:
        y1 = y2
    if y2 is None:
        y2 = y1
    if m1 is None:
        m1 = m2
    if m2 is None:
        m2 = m1
    if d1 is not None and d2 is None:
        d2 = d1
    if y1 is None or y2 is None:
        return None
    if d1 is not None and m1 is not None:
        precision = "day"
        start, end = _iso(y1, m1, d1), _iso(y2, m2, d2)
    elif m1 is not None:
        precision = "month"
        start, end = _iso(y1, m1), _iso(y2, m2)
    else:
        precision = "year"
        start, end = _iso(y1), _iso(y2)
    if start is None or end is None or end < start:
        return None
    return DateRange(start, end, precision, m.group(0).strip(), "stated")


def _best_match(text: str, patterns: list[re.Pattern[str]]) -> re.Match[str] | None:
    best: re.Match[str] | None = None
    for pat in patterns:
        m = pat.search(text)
        if m and (best is None or m.start() < best.start()
                  or (m.start() == best.start() and m.end() > best.end())):
            best = m
    return best


_TEMPLATE_RE = re.compile(r"\{\{\s*(?:(?:start|end)[ _-]?date(?:[ _]and[ _]age)?|dts|date)\s*\|([^{}]*)\}\}", re.I)


def _template_date(m: re.Match[str]) -> str:
    """``{{start date|2024|9|17|df=y}}`` -> ``17 September 2024`` (fewer parts, less precision)."""
    parts = [p.strip() for p in m.group(1).split("|") if "=" not in p][:3]
    nums = [int(p) for p in parts if p.isdigit()]
    if len(nums) != len(parts) or not nums:
        return " ".join(parts)
    if len(nums) == 1 or not 1 <= nums[1] <= 12:
        return str(nums[0])
    month = calendar.month_name[nums[1]]
    return f"{nums[2]} {month} {nums[0]}" if len(nums) > 2 else f"{month} {nums[0]}"


def parse_date(value: str, ref: date | None = None, language: str | None = None) -> DateRange | None:
    """The date (range) an infobox value states, or None.

    >>> parse_date("17–18 September 2024").start
    '2024-09-17'
    """
    if not value or not value.strip():
        return None
    if "{{" in value:  # date templates left as markup: "{{start date|2024|9|17|df=y}}"
        value = _TEMPLATE_RE.sub(_template_date, value)
    patterns = _words(language)[0]
    m = _best_match(value, patterns)
    if m is not None:
        found = _from_match(m)
        if found is not None:
            since = _SINCE.search(value[:m.start()]) and found.start == found.end
            if since and not re.search(r"\b(?:to|until|till)\b|–|—", value[m.end():]):
                found.end = None  # "Since 5 October 2017": still going on
            elif _PRESENT.match(value, m.end()):
                found.end = None
                found.text = value[m.start():_PRESENT.match(value, m.end()).end()].strip()  # type: ignore[union-attr]
            elif found.precision == "day":
                _extend(found, value, m.end(), patterns)
            return found
    return find_date(value, ref, language=language) if ref else None


_LIST_SEP_RE = re.compile(r"\s*(?:;|\n|,|\band\b|&)\s*(?:(?:and|then|again|a\s+second\s+attack)\s+)?"
                          r"(?:[A-Z][a-z]+(?:\s+[a-z]+){0,2}\s*:\s*)?", re.I)


def _extend(found: DateRange, value: str, pos: int, patterns: list[re.Pattern[str]] = PATTERNS) -> None:
    """A value listing more days ("3 May 2019; 5 May 2019", "First attack: 3 May 2019
    Second attack: 5 May 2019") ends on the last of them, within a year of the first."""
    text = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), value)  # not "(claimed 6 May)"
    while True:
        sep = _LIST_SEP_RE.match(text, pos)
        if sep is None:
            return
        m = _best_match(text[sep.end():], patterns[:-_YEAR_PATTERNS])
        if m is None or m.start() != 0:
            return
        more = _from_match(m)
        if more is None or more.precision != "day" or not more.end or not found.start:
            return
        if more.start < found.start or (date.fromisoformat(more.end) - date.fromisoformat(found.start)).days > 366:
            return
        if found.end is None or more.end > found.end:
            found.end = more.end
        found.text = value[value.find(found.text) if found.text in value else 0:sep.end() + m.end()].strip()
        pos = sep.end() + m.end()


def find_date(text: str, ref: date | None = None, year_only: bool = False,
              forward: bool = False, language: str | None = None) -> DateRange | None:
    """The first date stated in ``text`` (day or month precision; a bare year
    only with ``year_only``). With a reference date ``ref`` (the document's
    own date), "yesterday", weekdays and dates without a year are resolved
    too, whichever comes first; without ``ref`` they are skipped. ``forward``
    reads them as on or after ``ref`` (for reactions to an incident)."""
    patterns = _words(language)[0]
    patterns = patterns if year_only else patterns[:-_YEAR_PATTERNS]
    found: list[tuple[int, DateRange]] = []
    pos = 0
    while pos < len(text):
        m = _best_match(text[pos:], patterns)
        if m is None:
            break
        dr = _from_match(m)
        if dr is not None:
            found.append((pos + m.start(), dr))
            break
        pos += m.end()
    if ref is not None:
        limit = found[0][0] if found else len(text)
        head = text[:limit]
        if found:  # "samedi 23 mars 2019", "Sunday, 3 May": the weekday names the date after it
            head = _WEEKDAY_BEFORE_RE.sub("", head)
        rel = resolve_relative(head, ref, forward, language)
        if rel is not None:
            return rel
    return found[0][1] if found else None


def resolve_relative(text: str, ref: date, forward: bool = False, language: str | None = None) -> DateRange | None:
    """The first relative date in ``text`` ("yesterday", "on Sunday",
    "8 June" with no year) as a day, resolved against ``ref``: the latest
    such day up to ``ref`` (a report's own date), or with ``forward`` the
    first on or after it (a day without a year only)."""
    _, noyear, relative, weekdays, back_days = _words(language)
    candidates: list[tuple[int, date, str]] = []
    found = list(relative.finditer(text))
    # "l'attaque de samedi", "the ambush on Sunday", "Saturday's raid": the day the attack's noun names
    # is the event's, before any other day the text gives first (a toll released on Tuesday), even
    # in a sentence about a claim or a mourning ("claimed on Tuesday Sunday's attack")
    attack = [x for x in found if x.group("wd") and (_ATTACK_BEFORE_RE.search(text, max(0, x.start() - 30), x.start())
                                                     or _ATTACK_AFTER_RE.match(text, x.end()))
              and not _STATEMENT_BEFORE_RE.search(text, max(0, x.start() - 40), x.start())
              and not _STATEMENT_AFTER_RE.match(text, x.end())]
    # "..., officials said on Friday", "a indiqué lundi": the day of a statement, not of the
    # event; it stands only when the text gives no other. The day of a claim, a funeral, mourning
    # or a visit never stands for the attack's (reactions, read ``forward``, are about those days)
    if not forward:
        found = [x for x in found if not _AFTERMATH_BEFORE_RE.search(text, max(0, x.start() - 60), x.start())]
    events = [x for x in found if not _STATEMENT_BEFORE_RE.search(text, max(0, x.start() - 40), x.start())
              and not _STATEMENT_AFTER_RE.match(text, x.end())
              and not _DISCOVERY_BEFORE_RE.search(text, max(0, x.start() - 50), x.start())]
    m = (attack or events or found or [None])[0]
    if not attack and not events and not forward and _best_match(text, noyear) is None and \
            (since := _elapsed(text, ref)) is not None:
        return since  # "Forty-eight hours after the attack, ..., officials said on Tuesday"
    if not events and found and _WEEK_RE.search(text):
        return week_named(text, ref)  # "last week's attack ..., officials said on Tuesday": the week, not the statement
    if m and m.group("wd") and (dated := _dated_weekday(text, m, noyear, ref, forward)) is not None:
        if attack or not dated[1]:  # "On Monday, May 15", "lundi 15 mai": the weekday names the date after it
            return dated[0]
    if m:
        if m.group("rel"):
            word = re.sub(r"\s+", " ", m.group("rel").lower())
            delta = back_days.get(word, 1)
            candidates.append((m.start(), ref - timedelta(days=delta), m.group(0)))
        elif (dm := _WEEKDAY_DAY_RE.match(text, m.end())) is not None:  # "le mardi 12": the 12th, backwards
            day = int(dm.group("d"))
            month_start = ref.replace(day=1)
            for first in (month_start, (month_start - timedelta(days=1)).replace(day=1)):
                try:
                    d = first.replace(day=day)
                except ValueError:
                    continue
                if d <= ref:
                    candidates.append((m.start(), d, text[m.start():dm.end()].strip()))
                    break
        else:
            wd = weekdays[m.group("wd").lower()]
            back = (ref.weekday() - wd) % 7
            week = _WEEK_RE.search(text, max(0, m.start() - 40), m.start())
            if week and week.group("last") and back < ref.weekday() + 1:  # "last week, on Tuesday"
                back += 7
            candidates.append((m.start(), ref - timedelta(days=back), m.group(0)))
    if attack and candidates:
        _, d, span = candidates[0]
        return DateRange(d.isoformat(), d.isoformat(), "day", span, "relative")
    nm = _best_match(text, noyear)
    first = None
    if nm:
        d = _noyear_day(nm, ref, forward)
        if d is not None:
            candidates.append((nm.start(), d, nm.group(0)))
            rm = _RANGE_START_RE.search(text, max(0, nm.start() - 30), nm.start())
            if rm is not None and int(rm.group("d")) < d.day:  # "du 3 au 6 mai", "between 3 and 5 May"
                first = (nm.start(), d.replace(day=int(rm.group("d"))), text[rm.start():nm.end()])
    if not candidates:
        return week_named(text, ref)
    pos, d, span = min(candidates, key=lambda c: c[0])
    if first is not None and first[0] == pos:
        return DateRange(first[1].isoformat(), d.isoformat(), "day", first[2], "relative")
    return DateRange(d.isoformat(), d.isoformat(), "day", span, "relative")


#: the first day of a range before a day and month without a year: "du 3 au 6 mai", "between 3 and
#: 5 May", "from 3 to 6 May", "3-6 May"
_RANGE_START_RE = re.compile(r"(?:(?<![\w])(?:du|from|between)\s+)?(?<![\w])(?P<d>[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?"
                             r"\s*(?:au|to|and|et|-|–)\s*$", re.I)


def _noyear_day(nm: re.Match[str], ref: date, forward: bool) -> date | None:
    """The day of a date written without its year ("8 June"), the year taken from ``ref``."""
    mon, day = _month(nm.group("m1")), _day(nm.group("d1"))
    try:
        d = date(ref.year, mon, day)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return None
    if forward and d < ref - timedelta(days=1):
        return date(ref.year + 1, mon, day)  # type: ignore[arg-type]
    if not forward and d > ref + timedelta(days=7):
        return date(ref.year - 1, mon, day)  # type: ignore[arg-type]
    return d


def _dated_weekday(text: str, m: re.Match[str], noyear: list[re.Pattern[str]], ref: date,
                   forward: bool) -> tuple[DateRange, bool] | None:
    """A weekday followed by its date without a year ("Monday, May 15", "lundi 15 mai"), as (the
    day, whether the text names a date without a year before the weekday); ``None`` when no date
    follows the weekday."""
    after = text[m.end():m.end() + 30]
    sep = re.match(r"[\s,]*(?:the\s+)?", after)
    nm = _best_match(after, noyear)
    if nm is None or sep is None or nm.start() != sep.end():
        return None
    d = _noyear_day(nm, ref, forward)
    if d is None:
        return None
    dr = DateRange(d.isoformat(), d.isoformat(), "day", text[m.start():m.end() + nm.end()].strip(), "relative")
    return dr, _best_match(text[:m.start()], noyear) is not None


_WEEK_RE = re.compile(
    r"(?<![\w])(?:(?P<last>last\s+week(?:['’]s)?|the\s+previous\s+week|la\s+semaine\s+(?:dernière|passée))"
    r"|(?P<this>(?:earlier\s+)?this\s+week|cette\s+semaine|en\s+début\s+de\s+semaine))(?![\w])", re.I)


def week_named(text: str, ref: date) -> DateRange | None:
    """"last week" (the calendar week before ``ref``'s, Monday to Sunday) or
    "earlier this week" (``ref``'s week up to ``ref``), as a range of days."""
    m = _WEEK_RE.search(text)
    if not m:
        return None
    monday = ref - timedelta(days=ref.weekday())
    if m.group("last"):
        start, end = monday - timedelta(days=7), monday - timedelta(days=1)
    else:
        start, end = monday, ref
    return DateRange(start.isoformat(), end.isoformat(), "day", m.group(0), "relative")


#: a month named without its day or year as the time of a clause ("In August, ...", "en août", "last
#: month", "le mois dernier"): :func:`month_named`
_MONTH_ALONE_RE = re.compile(
    r"(?<![\w])(?:(?:in|since|during|early|late|mid-?|en|depuis|début|fin|courant|mi-)\s*(?P<m>"
    + "|".join(sorted({*MONTHS, *MONTHS_FR}, key=len, reverse=True)) +
    r")(?![\w])(?![ \t]*\d)|(?P<last>last\s+month|the\s+previous\s+month|le\s+mois\s+(?:dernier|précédent|passé)))",
    re.I)


def month_named(text: str, ref: date) -> DateRange | None:
    """The first month ``text`` names without a day or a year ("In August, 37 were killed", "en
    août", "last month"), as the latest such month up to ``ref``'s (August before May is last
    year's), month precision; None when it names none."""
    m = _MONTH_ALONE_RE.search(text)
    if m is None:
        return None
    if m.group("last"):
        first = (ref.replace(day=1) - timedelta(days=1)).replace(day=1)
    else:
        word = m.group("m").lower()
        mon = MONTHS.get(word) or MONTHS_FR.get(word)
        if mon is None:
            return None
        first = date(ref.year if mon <= ref.month else ref.year - 1, mon, 1)
    iso = first.isoformat()[:7]
    return DateRange(iso, iso, "month", m.group(0).strip(), "relative")


_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def reference_date(meta: dict[str, Any]) -> date | None:
    """The document's own date from ``meta`` (``date`` of a CSV column or
    ``timestamp`` of an XML revision), when it is a full date."""
    for key in ("date", "timestamp", "published"):
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, date):
            return value
        text = str(value)
        m = _ISO_RE.search(text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
        for language in ("fr", "en"):  # "2 mars 2024", "2 March 2024"; "02/03/2024" in a column is day first
            dr = parse_date(text, language=language)
            if dr and dr.precision == "day" and dr.start:
                return date.fromisoformat(dr.start)
    return None
