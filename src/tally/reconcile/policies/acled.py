"""ACLED's convention (``--policy acled``): the most conservative credible
figure, and ACLED's own reading of vague words (its fatalities FAQ). The
totals part ("another source's lower figure wins") is in
:func:`tally.reconcile.totals._narrative_total`; :func:`adjust` changes each
estimate afterwards.

ACLED's event notes also state their own coding in set phrases (issue 14
§3). "Coded as N", "split across K events and coded as M for this event",
"(coded separately)" and "no casualties" are read as claims for every policy
(:mod:`tally.claims.coding`); only "casualties unknown", which is 0 for ACLED
and unknown for the others, is read here (:func:`unknown_is_zero`).
"""

from __future__ import annotations

import re

from ...model import Claim, Document, Estimate

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


_UNKNOWN_RE = re.compile(r"\b(?:casualties|fatalities)\s+(?:are\s+|were\s+|remain\s+)?unknown\b", re.I)


def unknown_is_zero(casualties: dict[str, Estimate | None], claims: list[Claim], doc: Document) -> None:
    """"Casualties unknown" in a note is 0 for ACLED when no figure is counted
    (``acled-no-casualties``). The note's other coding phrases ("coded as N",
    "(coded separately)", "no casualties") are claims for every policy
    (:mod:`tally.claims.coding`)."""
    e = casualties.get("killed")
    if _UNKNOWN_RE.search(doc.text) and (e is None or (e.rule or "").startswith("narrative-unquantified")):
        casualties["killed"] = Estimate(low=0, best=0, high=0, rule="acled-no-casualties", claims=[])
