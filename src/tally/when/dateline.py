"""The dateline of a news report: where it was filed and when, not the event.

"KANO, May 3 (Reuters) -", "BAMAKO, 24 mars 2019 —", "GOMA (AFP) -": the
place in capitals, an optional date, an optional agency, then a dash; or
"Niamey: ..." (a name and a colon). The
dateline's date is the report's publication date, the reference against
which "on Sunday" or "dans la nuit de samedi à dimanche" resolve; its place
is where the reporter was, which is no evidence of where the event happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import find_date

_AGENCY = r"(?:Reuters|AFP|AP|Xinhua|ANI|IANS|UPI|Belga|APS|PTI|dpa|EFE|Anadolu|MAP|APA|ACP|AIP|ATOP)"
DATELINE_RE = re.compile(
    r"^(?P<head>(?:[^\n]{1,200}\n\s*\n)?)"                      # an optional headline line
    r"(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý'’.\-]{2,}(?:[ \-/][A-ZÀ-Ý][A-ZÀ-Ý'’.\-]+){0,3})"  # the place, in capitals
    r"(?:\s*\((?P<country>[^()\n]{2,30})\))?"                     # "ZINDER (Niger)"
    r"(?:\s*,\s*(?P<date>[^()\n—–]{3,40}?))?"                      # ", May 3", ", 24 mars 2019"
    r"\s*(?:\(\s*" + _AGENCY + r"\s*\)\s*)?"                       # "(Reuters)"
    r"(?:—|–|-{1,2})\s+")


#: "Niamey: At least 69 people ...", "Goma (DRC): ...": a place name and a colon opening the body
COLON_DATELINE_RE = re.compile(
    r"(?P<place>[A-ZÀ-Ý][\w'’.\-]+(?:[ \-][A-ZÀ-Ý][\w'’.\-]+){0,2})(?:\s*\((?P<country>[^()\n]{2,30})\))?"
    r"\s*:\s+(?=[A-ZÀ-Ý0-9«\"“])")


@dataclass(slots=True)
class Dateline:
    start: int
    end: int
    place: str
    published: date | None


def find_dateline(text: str, language: str | None = None, year: int | None = None,
                  colon: bool = True) -> Dateline | None:
    """The dateline at the start of ``text`` (after an optional headline), or None.
    A date without a year ("May 3") gets ``year`` when it is known. ``colon=False``
    reads only the capitals-and-dash form ("GOMA (AFP) -"), not "Niamey: ..."."""
    m = DATELINE_RE.match(text)
    if m is None:
        if not colon:
            return None
        colon = COLON_DATELINE_RE.match(text)
        return Dateline(colon.start("place"), colon.end(), colon.group("place"), None) if colon else None
    published = None
    if m.group("date"):
        found = find_date(m.group("date"), language=language)
        if found is None and year is not None:
            found = find_date(m.group("date"), date(year, 12, 31), language=language)
        if found is not None and found.precision == "day" and found.start:
            published = date.fromisoformat(found.start)
        elif found is None and not re.search(r"\d", m.group("date")) and not m.group("date")[:1].isupper():
            return None  # "BAMAKO, the capital -": not a dateline ("BAMAKO, Mali -" is)
    return Dateline(m.start("place"), m.end(), m.group("place"), published)


def blank(text: str, start: int, end: int) -> str:
    """``text`` with ``text[start:end]`` replaced by spaces: offsets stay right."""
    return text[:start] + " " * (end - start) + text[end:]
