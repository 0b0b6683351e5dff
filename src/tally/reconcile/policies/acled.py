"""ACLED's convention (``--policy acled``): the most conservative credible
figure, and ACLED's own reading of vague words (its fatalities FAQ). The
totals part ("another source's lower figure wins") is in
:func:`tally.reconcile.totals._narrative_total`; this module adjusts each
estimate afterwards."""

from __future__ import annotations

import re

from ...model import Claim, Estimate

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
