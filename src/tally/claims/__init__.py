"""Casualty claims: every statement of a casualty figure in a document.

Two sources of claims:

* **infobox** fields (``casualties1``..``casualtiesN``, ``fatalities``,
  ``injuries``, ``deaths``, ``victims``, ``casualties``...): each value is split
  into segments ("10 killed (per JNIM), 20 killed or arrested (per Mali)"),
  each segment read for its figure, categories, group and source. The side of
  ``casualtiesN`` is ``N`` (``casualties3`` is ``"other"`` unless a third side
  exists). ``x (+y)`` is x victims plus y perpetrators (two claims). The claim's
  ``text`` is the line of the infobox value holding the segment.
* **body** sentences (lead and sections; see-also/references skipped): a
  compiled-regex extractor over the sentence that links each number
  expression (:mod:`tally.text.quantities`) to a casualty trigger word, then
  the dependency parse (:mod:`.structure`; only the sentences where it can
  change a claim, one ``nlp.pipe`` batch per document) for what the rules'
  windows miss (a passive subject far from its verb, a coordination of named
  victims), then the coding phrases of ACLED-style notes (:mod:`.coding`).
  The rules:

  - *left trigger*: "killed 14 civilians", "wounding another 26",
    "the death toll rose to 30", "the bodies of 42 fishermen";
  - *right trigger* through a short noun phrase and a passive auxiliary:
    "13 people were killed", "14 others wounded", "five dead"; an active verb
    with an object after it ("two bombers killed 12 people") marks an agent,
    not a victim count;
  - *conjunction*: "killed 14 civilians and three soldiers" (the second
    figure inherits the category of the first);
  - *implicit* counts with no number: "shot dead the village chief" (1),
    "a journalist was killed" (1), "X was killed along with eight others"
    (1 + 8), "a suicide bomber killed himself and five others" (a perpetrator
    claim of 1 plus 5 victims).

  A claim's ``text`` is its sentence; ``figure_start``/``figure_end`` locate the
  figure. Its source comes from "according to X", "X said/reported/stated",
  "..., X said", "per X", carried to the next sentence of the same paragraph
  when that sentence has no source of its own and continues the report ("as
  well", "also", "another"...). ``other_event`` is set for counts in a
  Background/History section, in sentences about an earlier incident ("in
  2015", "last year", "a previous attack") or in a relative clause about
  another named attack.

:func:`relation` tells :mod:`tally.reconcile.totals` how a body claim relates to the
figures before it in its sentence (``subset`` for "including 10 foreigners",
``additive`` for "another 26", "five others").

The modules of this package, each what it produces: :mod:`.lexicon` (the
trigger words and patterns), :mod:`.figures` (a sentence's candidate figures),
:mod:`.groups` (a figure's group and side), :mod:`.attribution` (its source and
event), :mod:`.implicit` (counts read without a number), :mod:`.sentence` (one
sentence's claims), :mod:`.structure` (what the dependency parse adds),
:mod:`.coding` (ACLED-style coding phrases), :mod:`.body` and :mod:`.infobox` (the claims of each part of
the document), :mod:`.relations` (how a claim relates to the figures before it).
"""

from __future__ import annotations

from ..model import Claim, Document, Side
from .body import body_claims, mentions_killing
from .figures import is_implicit
from .infobox import infobox_claims
from .relations import relation

__all__ = ["extract_claims", "is_implicit", "mentions_killing", "relation"]


def extract_claims(doc: Document, sides: list[Side]) -> list[Claim]:
    """All casualty claims of ``doc``: infobox claims first, then body claims
    in text order."""
    from .sources import source_class

    claims = infobox_claims(doc, sides)
    claims.extend(body_claims(doc, sides))
    for c in claims:
        c.source_class = source_class(c.source, sides)
    return claims
