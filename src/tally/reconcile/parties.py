"""Who is who in an incident: the state side, the perpetrators' sides, a
perpetrator's own claim, and the side a security-force or fighters noun
("soldiers", "militants") belongs to."""

from __future__ import annotations

import dataclasses

from ..claims.sources import names_armed_group, source_side
from ..model import Claim, Incident
from .lexicon import ARMED_GROUP_SOURCE_RE, FIGHTERS_RE, SECURITY_RE, STATE_WORD_RE


def perpetrator_claim(c: Claim, incident: Incident) -> bool:
    """A claim made by the perpetrator (an armed group claiming the attack, or
    the side named as perpetrator)."""
    if not c.source or c.source_class != "party":
        return False
    sid = source_side(c.source, incident.sides)
    if sid is not None:
        return sid in perpetrator_sides(incident)
    return bool(ARMED_GROUP_SOURCE_RE.search(c.source)) or names_armed_group(c.source)


def without_perpetrator_claims(claims: list[Claim], incident: Incident) -> list[Claim]:
    """The claims with the perpetrator's own claims marked as not counted
    (``other_event``): kept in the list, left out of the figures."""
    return [dataclasses.replace(c, other_event=True) if perpetrator_claim(c, incident) else c
            for c in claims]


def perpetrator_sides(incident: Incident) -> set[str]:
    """The sides holding a perpetrator; else, of two sides one of them the
    state, the other one."""
    names = {a.name.lower() for a in incident.perpetrators} | {
        al.lower() for a in incident.perpetrators for al in a.aliases}
    out = {s.id for s in incident.sides
           if any(a.name.lower() in names or any(al.lower() in names for al in a.aliases) for a in s.actors)}
    if out:
        return out
    states = state_sides(incident)
    if len(states) == 1 and len(incident.sides) == 2:
        return {s.id for s in incident.sides} - states
    return set()


def state_sides(incident: Incident) -> set[str]:
    """The sides with an actor that is a state (a state word or a country name)."""
    from ..lookup.gazetteer import country_by_name

    out = set()
    for s in incident.sides:
        for a in s.actors:
            names = [a.name, *a.aliases]
            if any(STATE_WORD_RE.search(n) for n in names):
                out.add(s.id)
                break
            try:
                if country_by_name(a.name) is not None:
                    out.add(s.id)
                    break
            except Exception:  # the gazetteer is optional here
                pass
    return out


def map_security_groups(incident: Incident) -> None:
    """Security-force nouns ("gendarme students", "soldiers") with no side, or
    read as civilians, belong to the one state side of the incident; armed-group
    nouns ("militants", "fighters", "rebels") with no side belong to the other
    side when the incident has exactly two, one of them the state."""
    states = state_sides(incident)
    if len(states) != 1:
        return
    sid = next(iter(states))
    others = {s.id for s in incident.sides} - states
    for c in incident.claims:
        if c.origin != "body" or not c.group:
            continue
        if c.side in (None, "civilians") and SECURITY_RE.search(c.group):
            c.side = sid
        elif c.side is None and len(others) == 1 and FIGHTERS_RE.search(c.group):
            c.side = next(iter(others))
