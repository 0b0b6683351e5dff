"""The set phrases in which ACLED-style event notes state their own coding
(issue 14 §3), read as claims:

* an unspecified number "coded as N" is a figure of N killed
  ("killing an unspecified number of civilians (coded as 10)");
* "N fatalities split across K events (or locations) and coded as M for this
  event" is M; the total it splits (every other killed figure of the document
  larger than M) belongs to several events and is marked ``other_event``;
* a figure marked "(coded separately)" belongs to another event
  (``other_event``);
* "no casualties", "no fatalities", "no one was killed" is a figure of 0 killed
  ("no casualties" and "no injuries" also 0 injured).

"Casualties unknown" (0 for ACLED, unknown for the other policies) is left to
:mod:`tally.reconcile`: a claim cannot say which policy reads it.
"""

from __future__ import annotations

import re

from ..model import Claim
from ..text.quantities import find_quantities

CODED_AS_RE = re.compile(r"\bcoded\s+as\s+", re.I)
SPLIT_RE = re.compile(r"\bsplit\s+(?:across|between|among|over)\s+\S+\s+(?:events?|locations?|incidents?|days?)\b", re.I)
SEPARATE_RE = re.compile(r"\(?\bcoded\s+separately\b\)?", re.I)
NONE_RE = re.compile(r"\bno\s+(?:reported\s+|known\s+)?(?P<what>casualties|fatalities|deaths|injuries)\b(?!\s+(?:among|on|of|in|for|to)\b)|"
                     r"\bno\s+one\s+was\s+(?P<killed>killed|hurt|injured)\b|\bnobody\s+was\s+(?P<killed2>killed|hurt|injured)\b",
                     re.I)


def coding_claims(text: str, ss: int, se: int, found: list[Claim], make) -> list[Claim]:
    """The sentence ``text[ss:se]``'s claims (``found``) with its coding phrases
    read; ``make(low, high, cats, group, fs, fe, figure)`` builds a claim."""
    sent = text[ss:se]
    out = list(found)
    for m in CODED_AS_RE.finditer(sent):
        qs = find_quantities(text, ss + m.end(), min(se, ss + m.end() + 30))
        if not qs or qs[0].start != ss + m.end() or qs[0].low is None:
            continue
        q = qs[0]
        out = [c for c in out if c.figure_start != q.start]
        out.append(make(q.low, q.high, ["killed"], "coded fatalities", q.start, q.end, q.text))
    for m in SEPARATE_RE.finditer(sent):
        clause_start = max(sent.rfind(";", 0, m.start()), sent.rfind(".", 0, m.start())) + 1
        for c in out:
            if c.figure_start is not None and ss + clause_start <= c.figure_start < ss + m.start():
                c.other_event = True
    for m in NONE_RE.finditer(sent):
        what = (m.group("what") or m.group("killed") or m.group("killed2")).lower()
        cats = {"casualties": ["killed", "injured"], "fatalities": ["killed"], "deaths": ["killed"],
                "injuries": ["injured"], "killed": ["killed"], "hurt": ["injured"], "injured": ["injured"]}[what]
        for cat in cats:
            if not any(cat in c.categories for c in out):
                out.append(make(0, 0, [cat], None, ss + m.start(), ss + m.end(), m.group(0)))
    out.sort(key=lambda c: c.figure_start or 0)
    return out


def split_totals(claims: list[Claim]) -> None:
    """Mark the totals an ACLED note splits across events: with a figure "coded
    as M for this event" after "split across K events", every other killed body
    figure larger than M counts several events (``other_event``)."""
    coded = [c for c in claims if c.group == "coded fatalities" and SPLIT_RE.search(c.text)]
    if not coded:
        return
    m = min(c.low for c in coded)
    for c in claims:
        if c.origin == "body" and "killed" in c.categories and c not in coded and c.low is not None and c.low > m:
            c.other_event = True
