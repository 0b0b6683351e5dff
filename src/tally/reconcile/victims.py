"""Whom each figure counts (issue 14 §3): every killed and injured claim gets
a victim group, and the record gets low / best / high per group.

The groups (:data:`GROUPS`):

- ``civilians``: villagers, residents, worshippers, children, passengers...;
- ``security_forces``: soldiers, troops, police, gendarmes, peacekeepers, guards...;
- ``perpetrators``: the attackers killed or hurt in the act (gunmen, assailants,
  suicide bombers; militants or fighters of the perpetrator's side);
- ``unknown``: a figure that names nobody in particular ("12 people", "the dead").

``victim_group(claim, roles)`` reads it from what the claim already carries,
in this order: the claim's side when it says it (``perpetrators``,
``civilians``, a side holding the perpetrator); else the group noun (a small
lexicon of nouns, the leftmost noun of the phrase deciding; two kinds joined,
"soldiers and civilians", are ``unknown``); else the claim's side (the state
side: ``security_forces``); else ``unknown``.

``casualties_by_group(incident, claims, doc, policy)`` gives, per group and
for killed and injured, the estimate the totals rules
(:func:`tally.reconcile.totals.casualty_totals`) give when only that group's
claims are counted: distinct figures in a sentence add, a later figure
replaces the toll, subsets never add, an infobox row keeps its rules.
"""

from __future__ import annotations

import dataclasses
import re

from ..model import Claim, Document, Estimate, Incident, Side
from .lexicon import noun_group
from .parties import perpetrator_sides, state_sides
from .totals import casualty_totals

GROUPS = ("civilians", "security_forces", "perpetrators", "unknown")
#: the categories a victim group is read for
GROUP_CATEGORIES = ("killed", "injured")

#: an attacker counting himself ("blew himself up"): the figure is the reflexive pronoun
_SELF_RE = re.compile(r"^(?:himself|herself|themselves)$", re.I)


@dataclasses.dataclass
class Roles:
    """The incident's sides by role: the state's and the perpetrators'."""

    states: set[str]
    perpetrators: set[str]

    @classmethod
    def of(cls, incident: Incident) -> "Roles":
        return cls(states=state_sides(incident), perpetrators=perpetrator_sides(incident))


def victim_group(c: Claim, roles: Roles) -> str | None:
    """The victim group of a killed or injured claim (None for other categories)."""
    if not any(cat in GROUP_CATEGORIES for cat in c.categories):
        return None
    if c.side == "perpetrators" or (c.figure and _SELF_RE.match(c.figure.strip())):
        return "perpetrators"
    if c.side == "civilians":
        return "civilians"
    if c.side is not None and c.side in roles.perpetrators:
        return "perpetrators"
    by_noun = noun_group(c.group)
    if by_noun is not None:
        return by_noun
    if c.side is not None and c.side in roles.states:
        return "security_forces"
    return "unknown"


def mark_victim_groups(incident: Incident) -> None:
    """Set ``victim_group`` on every killed and injured claim of the incident."""
    roles = Roles.of(incident)
    for c in incident.claims:
        c.victim_group = victim_group(c, roles)


def only_group(claims: list[Claim], groups: set[str] | frozenset[str]) -> list[Claim]:
    """The claims with every killed / injured claim outside ``groups`` marked as
    not counted (``other_event``); indexes are kept."""
    return [c if c.victim_group in groups or c.victim_group is None
            else dataclasses.replace(c, other_event=True) for c in claims]


def casualties_by_group(claims: list[Claim], doc: Document, policy: str = "tally",
                        sides: list[Side] | None = None) -> dict[str, dict[str, Estimate | None]]:
    """``{group: {category: Estimate}}`` for killed and injured, for the groups
    that some counted claim of the category names."""
    out: dict[str, dict[str, Estimate | None]] = {}
    for g in GROUPS:
        row: dict[str, Estimate | None] = {}
        for cat in GROUP_CATEGORIES:
            if not any(c.victim_group == g and cat in c.categories and not c.other_event for c in claims):
                continue
            est = casualty_totals(_counted_as_victims(only_group(claims, {g}), g), doc, policy,
                                  sides)[0].get(cat)
            if est is not None and est.rule != "narrative-unquantified":
                row[cat] = est
        if row:
            out[g] = {cat: row.get(cat) for cat in GROUP_CATEGORIES}
    return out


def _counted_as_victims(claims: list[Claim], g: str) -> list[Claim]:
    """The perpetrators' own count: their claims read as the figures of this
    group (the totals rules otherwise keep attackers apart from the toll)."""
    if g != "perpetrators":
        return claims
    return [dataclasses.replace(c, side=None) if c.victim_group == g and c.side == "perpetrators" else c
            for c in claims]


def separates(claims: list[Claim], cat: str = "killed") -> bool:
    """Does the report separate civilians from security forces or attackers
    (counted claims of ``cat`` naming civilians and one of the others)?"""
    seen = {c.victim_group for c in claims if cat in c.categories and not c.other_event}
    return "civilians" in seen and bool(seen & {"security_forces", "perpetrators"})
