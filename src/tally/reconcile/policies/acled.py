"""ACLED's convention (``--policy acled``): the most conservative credible
figure, and ACLED's own reading of vague words (its fatalities FAQ). The
totals part ("another source's lower figure wins") is in
:func:`tally.reconcile.totals._narrative_total`; :func:`adjust` changes each
estimate afterwards.

ACLED's event notes also state their own coding in set phrases, which
:func:`claims_used` and :func:`read_coding` read (issue 14 §3):

- a figure or killing marked "(coded separately)" belongs to another event:
  the claims of that clause are not counted;
- "coded as N" (an unspecified number "coded as 10"; "N fatalities split
  across K events ... and coded as M for this event") is the killed figure;
- "no casualties", "no fatalities", "casualties unknown", "fatalities
  unknown" is 0 when no figure is counted.
"""

from __future__ import annotations

import dataclasses
import re

from ...model import Claim, Document, Estimate
from ...text.quantities import words_to_int

#: ACLED's reading of vague words (its fatalities FAQ): the figure it codes.
ACLED_VAGUE = {"tens": 10, "dozens": 12, "a dozen": 12, "hundreds": 100, "scores": 20,
               "thousands": 1000, "several": 10, "many": 10, "numerous": 10, "some": 10,
               "a number": 10, "several dozen": 24, "several hundred": 200, "several thousand": 2000,
               "a few": 3, "few": 3, "a handful": 3}


def adjust(e: Estimate, claims: list[Claim]) -> None:
    """The lowest credible figure as ``best`` (``+acled-lowest``, not for a
    narrative total, whose rule is in totals); an estimate resting on one vague
    word takes ACLED's figure for it (``+acled-vague``)."""
    if e.low is not None and e.best is not None and e.low < e.best and not e.rule.startswith("narrative"):
        e.best = e.low
        e.rule += "+acled-lowest"
    vague = [claims[i] for i in e.claims if i < len(claims) and claims[i].qualifier == "vague"]
    if len(vague) == 1 and len(e.claims) == 1:
        word = re.sub(r"\s+", " ", (vague[0].figure or "").strip().lower())
        if word in ACLED_VAGUE:
            e.best = ACLED_VAGUE[word]
            e.low = min(e.low, e.best) if e.low is not None else e.best
            if e.high is not None and e.high < e.best:
                e.high = e.best
            e.rule += "+acled-vague"


_CODED_SEPARATELY_RE = re.compile(r"\(?\s*coded\s+separately\s*\)?", re.I)
#: where the clause a "(coded separately)" marks begins: a sentence, a ";", ", and", ", while"...
_CLAUSE_START_RE = re.compile(r"(?:[.;:]\s+|,\s+(?:and|while|as\s+well\s+as|but|whereas)\s+|\band\s+|^)", re.I)
_CODED_AS_RE = re.compile(r"\bcoded\s+as\s+(\d[\d,]*|[a-z]+(?:[\s-][a-z]+)?)\b", re.I)
_NO_CASUALTIES_RE = re.compile(r"\b(?:no\s+(?:casualties|fatalities|deaths)|(?:casualties|fatalities)\s+"
                               r"(?:are\s+|were\s+)?unknown)\b", re.I)


def _separately_spans(text: str) -> list[tuple[int, int]]:
    """The clauses a "(coded separately)" marks: from the clause's start to the marker."""
    out = []
    for m in _CODED_SEPARATELY_RE.finditer(text):
        before = text[:m.start()]
        starts = [x.end() for x in _CLAUSE_START_RE.finditer(before)]
        out.append((max(starts) if starts else 0, m.end()))
    return out


def claims_used(claims: list[Claim], doc: Document) -> list[Claim]:
    """The claims the figures rest on: those of a clause marked "(coded
    separately)" are kept, not counted (``other_event``)."""
    spans = _separately_spans(doc.text)
    if not spans:
        return claims
    out = []
    for c in claims:
        at = c.figure_start if c.figure_start is not None else c.start
        out.append(dataclasses.replace(c, other_event=True) if any(s <= at < e for s, e in spans) else c)
    return out


def _coded_as(text: str) -> tuple[int, int] | None:
    """(figure, offset) of the last "coded as N" of the note."""
    found = None
    for m in _CODED_AS_RE.finditer(text):
        word = m.group(1).replace(",", "")
        n = int(word) if word.isdigit() else words_to_int(word.lower())
        if n is not None:
            found = (n, m.start())
    return found


def read_coding(casualties: dict[str, Estimate | None], claims: list[Claim], doc: Document) -> None:
    """The killed figure as the note codes it ("coded as N", "no casualties")."""
    text = doc.text
    coded = _coded_as(text)
    if coded is not None:
        n, at = coded
        near = [i for i, c in enumerate(claims) if "killed" in c.categories and c.start <= at <= c.end]
        casualties["killed"] = Estimate(low=n, best=n, high=n, rule="acled-coded-as", claims=near)
        return
    e = casualties.get("killed")
    if _NO_CASUALTIES_RE.search(text) and (e is None or (e.rule or "").startswith("narrative-unquantified")):
        casualties["killed"] = Estimate(low=0, best=0, high=0, rule="acled-no-casualties", claims=[])
