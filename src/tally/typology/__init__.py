"""Typology: an incident record and its document -> what happened, in ACLED's,
GTD's and UCDP's own terms.

:func:`classify` reads the cues of the typology lexicon (:mod:`.cues`: attack
verbs, weapons, targets, suicide and hostage words, property losses) in the
lead and the claims' sentences, the victim groups of the claims and the
record's sides and perpetrators, and gives the material losses the text states
(:mod:`.losses`: destroyed, damaged, seized, with the object and count) and ``{"acled": {...}, "gtd": {...},
"ucdp": {...}}`` of :class:`tally.model.Coding` values (:mod:`.schemes`), each
with its rule and, where words decided it, their offsets. The actors are named
in each dataset's terms (:mod:`.naming`: the actor table's ACLED, GTD and UCDP
names, ACLED's dated state forces); for a report with no sides, who did it is
read by :mod:`.attribution` (a claim, the sources' attribution, the actor the
lead names as acting first). docs/typology.md.
"""

from __future__ import annotations

import re

from ..lookup.actors import actor_key
from ..model import Actor, Coding, Document, Incident
from ..text.sentences import split
from .attribution import DEFENSIVE_RE, NOT_ACTING_RE, attributed, claimed, lead_attacker
from .cues import RESPONSE_RE, Cue, find_cues, windows
from .losses import damage_values, find_losses
from .naming import Named, initiator, name_actor
from .schemes import Signals, acled, gtd, ucdp

__all__ = ["classify", "fill_typology"]


#: people killed or hurt in a fight between others, not targeted: "killed in the crossfire", "stray bullets"
_CROSSFIRE_RE = re.compile(r"\bcross-?fire\b|\bstray\s+(?:bullets?|rounds?|shells?)\b|\bcaught\s+(?:up\s+)?in\s+"
                           r"(?:the\s+)?(?:fighting|clash(?:es)?|exchange\s+of\s+fire)|\bpris\s+(?:entre\s+deux\s+feux|"
                           r"dans\s+les\s+(?:tirs\s+croisés|échanges\s+de\s+tirs))|\bballes?\s+perdues?\b", re.I)


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
    counts: dict[str, int] = {}
    hostage = people = None
    for c in incident.claims:
        if c.other_event:
            continue
        if (c.high == 0 or (c.high is not None and c.low == 0)) or _CROSSFIRE_RE.search(c.text or ""):
            # "no casualties were reported": nobody is a victim; "two civilians were killed in the
            # crossfire": caught in a fight, not its target (ACLED codes the fight)
            if hostage is None and "hostages" in c.categories:
                hostage = c
            continue
        if people is None and any(x in c.categories for x in ("killed", "injured")) and c.victim_group != "perpetrators":
            people = c
        if c.victim_group and c.victim_group != "unknown" and any(x in c.categories for x in ("killed", "injured")):
            victims.setdefault(c.victim_group, c)
            if "killed" in c.categories and c.low:  # the largest figure of each group's dead
                counts[c.victim_group] = max(counts.get(c.victim_group, 0), c.low)
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
    elif lead is not None:  # no infobox sides: who the sources blame, else whom the lead names as acting first
        first_cue, rule, attackers, others, lead_actors = _lead_actors(doc, cues, sentences, lead, attackers, rule,
                                                                       state)
        for actor in lead_actors:
            if actor.name not in named:
                named[actor.name] = name_actor(actor, iso3=iso3, country=country, when=incident.date.start,
                                               text=doc.text, state_re=state, external_re=external)
    state_cue, state_acts = None, False
    m = next((x for x in state.finditer(doc.text, lead[0], lead[1])  # not "Local Government Area", "Police Station"
              if not _STATE_PLACE.match(doc.text, x.end()) and not doc.text[max(0, x.start() - 6):x.start()].lower()
              .endswith("local ")), None) if state is not None and lead is not None else None
    if m is not None:
        state_cue = Cue("state", "1", m.group(0), m.start(), m.end(), "lead")
        acts = sorted((c.start, c.end) for c in cues if c.kind in ("attack", "weapon", "acled") and c.origin == "lead")
        after = next((e for a, e in acts if a >= m.start()), None)
        # named before the first act, and not "the army said gunmen attacked" (the state speaks, others act)
        state_acts = bool(acts) and m.start() <= acts[0][0] and after is not None and \
            not NOT_ACTING_RE.search(doc.text[m.end():max(m.end(), after)])
    return Signals(cues=cues, victims=victims, people=people, hostage_claim=hostage, attackers=attackers, attackers_rule=rule,
                   others=others, sides=len(sides), country=country, iso3=iso3, when=incident.date.start, named=named,
                   first_cue=first_cue, sentences=sentences, state_cue=state_cue, state_acts=state_acts, state_re=state, external_re=external, text=doc.text,
                   killed=counts)


#: killing words that are no cue of their own ("were killed by security forces")
_KILLED_BY = re.compile(r"\b(?:killed|shot\s+dead|shot|murdered|executed|tortured\s+to\s+death|beaten\s+to\s+death|"
                        r"tu[ée]s?|abattus?)(?=(?:\s+\w+){0,3}?\s+(?:by|par)\b)", re.I)
_BY_STATE = re.compile(r"(?:\s+\w+){0,3}?\s+(?:by|par)\s+(?:the\s+|l['’]|les\s+|des\s+|a\s+)?(?:\w+\s+){0,2}?")
_STATE_PLACE = re.compile(r"\s+(?:Area|Station|Secondary|School|Hospital|House|Quarters|Council)\b")
#: the acting words of the lead that say who acted first: attacks, and ACLED's acts of war but for a defence
_ACTING = ("Chemical weapon", "Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack",
           "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Abduction/forced disappearance",
           "Armed clash", "Government regains territory", "Non-state actor overtakes territory")
#: the infobox fields that name perpetrators (tally.facts reads them): perpetrators found there are not re-read
_PERP_FIELDS = ("perpetrator", "perpetrators", "perps", "assailants", "assailant", "attackers", "attacker")


def _lead_actors(doc: Document, cues: list[Cue], sentences: list[tuple[int, int]], lead: tuple[int, int, str],
                 attackers: list[str], rule: str, state_re: re.Pattern[str] | None
                 ) -> tuple[Cue | None, str, list[str], list[str], list[Actor]]:
    """For a record without sides: the group the sources attribute the
    attack to (when no perpetrator is named), else the actor the lead names
    as acting first (:func:`.attribution.lead_attacker`), which also replaces
    a perpetrator read from the text when that one is named after the attack
    word as its target ("US forces carried out an airstrike against AS
    militants"). Returns the evidence, the rule, the attackers, the others
    and the actors found (to be named in the datasets' terms)."""
    found_actors: list[Actor] = []
    first_cue = None
    others: list[str] = []
    for how, find in (("the group that claimed it", lambda: claimed(doc.text, sentences)),
                      ("attributed by the sources", lambda: attributed(doc.text, lead[0], lead[1]))):
        if not attackers and (att := find()) is not None:
            actor, a, b = att
            return Cue("attribution", how, doc.text[a:b], a, b, "lead"), how, [actor.name], [], [actor]
    from_infobox = doc.infobox is not None and any(f.key in _PERP_FIELDS for f in doc.infobox.fields)
    if not attackers or not from_infobox:
        acts = sorted((c.start, c.end) for c in cues if c.origin == "lead" and (
            c.kind == "attack" or (c.kind == "acled" and c.value in _ACTING and not DEFENSIVE_RE.search(c.text))))
        found = lead_attacker(doc.text, sentences, acts)
        if found is not None:
            group, rest, (a, b) = found
            keys = [actor_key(x.name) for x in rest]
            if not attackers or (actor_key(group.name) != actor_key(attackers[0]) and actor_key(attackers[0]) in keys):
                target = attackers[:1]
                found_actors.extend([group, *rest])
                first_cue = Cue("attack", "lead", doc.text[a:b], a, b, "lead")
                rule = "named as acting first" + (" (the group the text names is its target)" if target else "")
                attackers = [group.name]
                others = target or [x.name for x in rest if x.name != group.name][:1]
    if not attackers and state_re is not None:  # "shot dead by the military", "killed by police"
        acting = [(c.start, c.end) for c in cues if c.origin == "lead" and c.kind in ("attack", "weapon", "acled")]
        # "were killed by security forces"; not the forces' response ("the assailant was shot dead by police")
        killed = [m.span() for m in _KILLED_BY.finditer(doc.text, lead[0], lead[1])]
        if killed:
            response = [m.span() for m in RESPONSE_RE.finditer(doc.text, lead[0], lead[1])]
            acting += [k for k in killed if not any(a <= k[0] < b for a, b in response)]
        for start, end in sorted(acting):
            by = _BY_STATE.match(doc.text, end)
            if by and (m := state_re.match(doc.text, by.end())) is not None and not _STATE_PLACE.match(doc.text, m.end()):
                return (Cue("attack", "lead", doc.text[start:m.end()], start, m.end(), "lead"),
                        "state forces named after 'by'", [m.group(0)], [], [Actor(m.group(0), [])])
    return first_cue, rule, attackers, others, found_actors


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
