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

from ..lookup.gazetteer import country_by_name
from ..model import Coding, Document, Incident
from .cues import Cue, find_cues, windows
from .losses import find_losses
from .schemes import Signals, acled, gtd, ucdp

__all__ = ["classify", "fill_typology"]


def signals(doc: Document, incident: Incident) -> Signals:
    """The :class:`Signals` of ``incident``: its cues, victim groups and actors."""
    cues = find_cues(doc, incident)
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
    sides = [s for s in incident.sides if s.actors]
    attackers = [a.name for a in incident.perpetrators]
    rule = "perpetrators"
    others: list[str] = []
    if sides:
        if not attackers:
            attackers, rule = [a.name for a in sides[0].actors], "side 1"
        others = [a.name for s in sides[1:2] for a in s.actors if a.name not in attackers]
    country = incident.location.country if incident.location else None
    states: dict[str, str | None] = {}
    for actor in [a for side in sides for a in side.actors] + list(incident.perpetrators):
        nation = country_by_name(actor.name)
        if nation is not None or (state is not None and any(state.search(n) for n in [actor.name, *actor.aliases])):
            states[actor.name] = nation.name if nation is not None else None
    lead = next((w for w in windows(doc, incident) if w[2] == "lead"), None)
    state_cue = None
    if state is not None and lead is not None and (m := state.search(doc.text, lead[0], lead[1])):
        state_cue = Cue("state", "1", m.group(0), m.start(), m.end(), "lead")
    return Signals(cues=cues, victims=victims, people=people, hostage_claim=hostage, attackers=attackers, attackers_rule=rule,
                   others=others, sides=len(sides), country=country, states=states, state_cue=state_cue, state_re=state, external_re=external)


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
