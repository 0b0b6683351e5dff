"""The atrocities dataset's convention (``--policy wad``): PITF's Worldwide
Atrocities Dataset codes civilians deliberately killed (an event needs five
or more; its ``Deaths Number`` column). From the same claims, for the killed
figure:

1. where a report separates civilians from security forces or attackers (its
   killed figures name civilians and soldiers, police, attackers...), or names
   "civilians" as a part of a larger toll ("22 people, including 17
   civilians": the others were not civilians), the civilians' figure
   (``+wad-civilians``);
2. otherwise, where it counts security forces or perpetrators apart ("five
   people and a policeman", "15 people including eight policemen"), everyone
   killed except them: the toll recounted without their figures, less those
   given as a part of it (``+wad-without-combatants``; the interval keeps both
   readings);
3. otherwise the toll as the default rules give it (which already leave out
   the attackers killed in the act).

The victim groups are those of :mod:`tally.reconcile.victims`.
"""

from __future__ import annotations

import dataclasses
import re

from ...claims import relation
from ...claims.relations import AMONG_THE_DEAD_RE
from ...model import Claim, Document, Estimate, Side
from ..readings import total_of_the_rest
from ..totals import casualty_totals
from ..victims import only_group, separates

CATEGORIES = ("killed",)
_COMBATANTS = {"security_forces", "perpetrators"}
_CIVILIAN_WORD_RE = re.compile(r"\bcivilians?\b", re.I)


def adjust(casualties: dict[str, Estimate | None], by_group: dict[str, dict[str, Estimate | None]],
           claims: list[Claim], doc: Document | None = None, sides: list[Side] | None = None) -> None:
    """``casualties`` under WAD's convention (``doc`` None: a stored record,
    where only the civilians' figure of a separating report can be taken)."""
    for cat in CATEGORIES:
        e = casualties.get(cat)
        civ = (by_group.get("civilians") or {}).get(cat)
        if civ is not None and civ.best is not None and (
                (separates(claims, cat) and not _named_inside_a_toll(civ, claims, cat, doc))
                or (doc is not None and _civilians_part(claims, cat, doc))):
            new = dataclasses.replace(civ, claims=list(civ.claims))
            new.rule = (civ.rule or "") + "+wad-civilians"
            casualties[cat] = new
            continue
        if doc is not None and e is not None and e.claims:
            _without_combatants(e, claims, cat, doc, sides)


def _counted(c: Claim, cat: str) -> bool:
    return cat in c.categories and not c.other_event


def _named_inside_a_toll(civ: Estimate, claims: list[Claim], cat: str, doc: Document | None) -> bool:
    """True when the civilians' figure rests only on people named as parts of a larger toll of no
    group ("20 people, including the village chief and his bodyguard"): they are members of that
    toll, not its civilians' count."""
    if doc is None or not civ.claims:
        return False
    return all(relation(claims[i], doc) == "subset" for i in civ.claims) and \
        any(_counted(c, cat) and c.victim_group == "unknown" and relation(c, doc) != "subset" for c in claims)


def _civilians_part(claims: list[Claim], cat: str, doc: Document) -> bool:
    """A figure of "civilians" given as a part of a larger toll of no group."""
    return any(_counted(c, cat) and c.victim_group == "civilians" and c.group
               and _CIVILIAN_WORD_RE.search(c.group) and relation(c, doc) == "subset" for c in claims) \
        and any(_counted(c, cat) and c.victim_group == "unknown" for c in claims)


def _without_combatants(e: Estimate, claims: list[Claim], cat: str, doc: Document,
                        sides: list[Side] | None) -> None:
    combat = [i for i, c in enumerate(claims) if _counted(c, cat) and c.victim_group in _COMBATANTS]
    if not combat:
        return
    # a total and its breakdown ("9 people, three soldiers and six travellers"): the parts are the toll's
    # members, so its soldiers come out of it and its other parts are already in it
    in_breakdown = _breakdown_parts(claims, cat, doc)
    rest = [dataclasses.replace(c, other_event=True) if i in in_breakdown else c
            for i, c in enumerate(only_group(claims, {"civilians", "unknown"}))]
    if not any(_counted(c, cat) for c in rest):
        return
    other = casualty_totals(rest, doc, sides=sides)[0].get(cat)
    if other is None or other.best is None or other.rule == "narrative-unquantified":
        return
    # a part of the toll ("including eight policemen"; "two policemen were among the dead", in a later
    # sentence too) is taken out of it
    spans = [(claims[i].start, claims[i].end) for i in other.claims]
    first = min((s for s, _ in spans), default=0)
    parts = [i for i in combat if (relation(claims[i], doc) == "subset" or i in in_breakdown)
             and (any(s <= claims[i].start < t for s, t in spans)
                  or (claims[i].start > first and AMONG_THE_DEAD_RE.match(doc.text, claims[i].figure_end or 0, claims[i].end)))]
    cut = sum(claims[i].low or 0 for i in parts)
    best = other.best - cut if cut < other.best else other.best
    if best == e.best:
        return
    e.best = best
    e.low = min(x for x in (e.low, other.low, best) if x is not None)
    e.high = None if e.high is None or other.high is None else max(e.high, other.high)
    e.rule = (e.rule or "") + "+wad-without-combatants"
    e.claims = sorted(set(e.claims) | set(other.claims) | set(parts))


def _breakdown_parts(claims: list[Claim], cat: str, doc: Document) -> set[int]:
    """The indexes of the claims that break a total of their sentence down into its parts
    (:func:`tally.reconcile.readings.total_of_the_rest`)."""
    by_sentence: dict[int, list[tuple[int, Claim]]] = {}
    for i, c in enumerate(claims):
        if _counted(c, cat) and c.origin == "body" and c.figure_start is not None:
            by_sentence.setdefault(c.start, []).append((i, c))
    found: set[int] = set()
    for items in by_sentence.values():
        whole = total_of_the_rest(items, doc)
        if whole is not None:
            found |= {i for i, _ in items if i != whole[0]}
    return found
