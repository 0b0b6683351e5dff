"""Typology: an incident record and its document -> what happened, in ACLED's,
GTD's and UCDP's own terms.

:func:`classify` reads the cues of the typology lexicon (:mod:`.cues`: attack
verbs, weapons, targets, suicide and hostage words, property losses) in the
lead and the claims' sentences, the victim groups of the claims and the
record's sides and perpetrators, and gives the material losses the text states
(:mod:`.losses`: destroyed, damaged, seized, with the object and count) and ``{"acled": {...}, "gtd": {...},
"ucdp": {...}}`` of :class:`tally.model.Coding` values (:mod:`.schemes`), each
with its rule and, where words decided it, their offsets. docs/typology.md.
"""

from __future__ import annotations

from ..lookup.actors import actor_key
from ..model import Coding, Document, Incident
from ..text.sentences import split
from .cues import Cue, find_cues, windows
from .losses import damage_values, find_losses
from .naming import Named, initiator, lead_attacker, name_actor
from .schemes import Signals, acled, gtd, ucdp

__all__ = ["classify", "fill_typology"]


def signals(doc: Document, incident: Incident) -> Signals:
    """The :class:`Signals` of ``incident``: its cues, victim groups and actors
    (each in the datasets' naming, :mod:`.naming`)."""
    cues = find_cues(doc, incident)
    cues += damage_values(doc.text, windows(doc, incident))
    from .cues import lexicon

    rows = lexicon(incident.language)
    state = next((p for k, _, p in rows if k == "state"), None)
    external = next((p for k, _, p in rows if k == "external"), None)
    victims = {}
    hostage = people = None
    for c in incident.claims:
        if c.other_event:
            continue
        if people is None and any(x in c.categories for x in ("killed", "injured")) and c.victim_group != "perpetrators":
            people = c
        if c.victim_group and c.victim_group != "unknown" and any(x in c.categories for x in ("killed", "injured")):
            victims.setdefault(c.victim_group, c)
        if hostage is None and "hostages" in c.categories:
            hostage = c
    country = incident.location.country if incident.location else None
    iso3 = incident.location.country_iso3 if incident.location else None
    named: dict[str, Named] = {}
    sides = [s for s in incident.sides if s.actors]
    for actor in [a for side in sides for a in side.actors] + list(incident.perpetrators):
        if actor.name not in named:
            named[actor.name] = name_actor(actor, iso3=iso3, country=country, when=incident.date.start,
                                           text=doc.text, state_re=state, external_re=external)
    attackers = [a.name for a in incident.perpetrators]
    rule, first_cue = "perpetrators", None
    others: list[str] = []
    lead = next((w for w in windows(doc, incident) if w[2] == "lead"), None)
    sentences = [(a, b) for a, b, _ in split(doc.text, lead[0], lead[1])] if lead is not None else []
    if sides:
        side1, side2 = sides[0].actors, (sides[1].actors if len(sides) > 1 else [])
        keys = {actor_key(n) for n in attackers}
        attacking = 2 if keys and any(actor_key(a.name) in keys for a in side2) and \
            not any(actor_key(a.name) in keys for a in side1) else 1
        if not attackers:
            found = None
            if side2 and lead is not None:
                acts = [(c.start, c.end) for c in cues if c.kind == "attack" and c.origin == "lead"]
                found = initiator(doc.text, sentences, acts, side1, side2)
            if found is not None and found[0] == 2:
                attacking, rule = 2, "side 2, named as acting first"
                first_cue = Cue("attack", "side 2", doc.text[found[1]:found[2]], found[1], found[2], "lead")
            else:
                rule = "side 1" if found is None else "side 1, named as acting first"
            attackers = [a.name for a in (side2 if attacking == 2 else side1)]
        others = [a.name for a in (side1 if attacking == 2 else side2) if a.name not in attackers]
    elif not attackers and lead is not None:  # no infobox sides: the group the lead names as attacking
        acts = [(c.start, c.end) for c in cues if c.kind == "attack" and c.origin == "lead"]
        found_lead = lead_attacker(doc.text, sentences, acts)
        if found_lead is not None:
            group, rest, (a, b) = found_lead
            rule, first_cue = "the group named as acting first", Cue("attack", "lead", doc.text[a:b], a, b, "lead")
            attackers = [group.name]
            for actor in [group, *rest]:
                if actor.name not in named:
                    named[actor.name] = name_actor(actor, iso3=iso3, country=country, when=incident.date.start,
                                                   text=doc.text, state_re=state, external_re=external)
            others = [x.name for x in rest if x.name != group.name][:1]
    state_cue = None
    if state is not None and lead is not None and (m := state.search(doc.text, lead[0], lead[1])):
        state_cue = Cue("state", "1", m.group(0), m.start(), m.end(), "lead")
    return Signals(cues=cues, victims=victims, people=people, hostage_claim=hostage, attackers=attackers, attackers_rule=rule,
                   others=others, sides=len(sides), country=country, iso3=iso3, when=incident.date.start, named=named,
                   first_cue=first_cue, sentences=sentences, state_cue=state_cue, state_re=state, external_re=external)


def classify(doc: Document, incident: Incident, s: Signals | None = None) -> dict[str, dict[str, Coding]]:
    """``{"acled": ..., "gtd": ..., "ucdp": ...}``: each scheme's fields of
    ``incident`` (read from ``doc``), as :class:`Coding` values."""
    s = s or signals(doc, incident)
    return {"acled": acled(s), "gtd": gtd(s, incident), "ucdp": ucdp(s)}


def fill_typology(doc: Document, incident: Incident) -> None:
    """Set ``incident.typology`` (:func:`classify`) and ``incident.losses``
    (:func:`tally.typology.losses.find_losses`)."""
    s = signals(doc, incident)
    incident.typology = classify(doc, incident, s)
    incident.losses = find_losses(s.cues, incident, doc.text)
