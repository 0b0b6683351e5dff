"""ACLED, GTD and UCDP values of one incident, decided from its cues and claims.

Each function takes the :class:`Signals` of an incident (its cues, the victim
groups of its claims, its actors) and returns ``{field: Coding}`` in the
dataset's own field names and value vocabularies; the order of precedence of
each codebook is documented in ``docs/typology.md``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Coding, Incident
from .cues import Cue, Signals, claim_coding, cue_coding, other_event
from .naming import acled_country, acled_state_forces
from .targets import gtd_target

#: GTD attack types in the codebook's hierarchy: the first found wins
GTD_ATTACK_ORDER = ("Assassination", "Hijacking", "Hostage Taking (Kidnapping)",
                    "Hostage Taking (Barricade Incident)", "Bombing/Explosion", "Armed Assault",
                    "Unarmed Assault", "Facility/Infrastructure Attack")
#: the weapon an attack type implies, looked for first
GTD_ATTACK_WEAPON = {"Bombing/Explosion": ("Explosives",), "Armed Assault": ("Firearms", "Melee"),
                     "Facility/Infrastructure Attack": ("Incendiary", "Explosives", "Sabotage Equipment"),
                     "Unarmed Assault": ("Chemical", "Biological", "Radiological", "Melee")}
GTD_MAJOR = "Major (likely >= $1 million but < $1 billion)"
#: GTD's extents of property damage, by the value stated (docs/typology.md)
GTD_EXTENT = {"catastrophic": "Catastrophic (likely >= $1 billion)", "major": GTD_MAJOR,
              "minor": "Minor (likely < $1 million)"}
GTD_PROP_UNKNOWN = "Unknown"
#: ACLED sub-event types of Explosions/Remote violence, in the order tally lets them win
ACLED_REMOTE = ("Chemical weapon", "Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack",
                "Remote explosive/landmine/IED", "Grenade")
ACLED_EVENT = {
    "Armed clash": "Battles", "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    **{s: "Explosions/Remote violence" for s in ACLED_REMOTE},
    "Sexual violence": "Violence against civilians", "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests", "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots", "Mob violence": "Riots",
    "Agreement": "Strategic developments", "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments", "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments", "Other": "Strategic developments",
}
#: ACLED actor type codes (inter1 / inter2): the digits of ``interaction``
ACLED_INTER = {"state": 1, "rebel": 2, "militia": 3, "identity": 4, "rioters": 5, "protesters": 6, "civilians": 7,
               "external": 8}
_INTER_KIND = {v: k for k, v in ACLED_INTER.items()}


def actor_type(name: str, s: Signals) -> str:
    """``state``, ``external``, ``rebel`` (a named armed group), ``militia`` or
    ``identity`` (an ethnic or clan militia) for an actor name of the record
    (ACLED's actor types, :data:`ACLED_INTER`)."""
    if name in s.named:
        return _INTER_KIND[s.named[name].inter]
    if s.external_re is not None and s.external_re.search(name):
        return "external"
    if (s.state_re is not None and s.state_re.search(name)) or (s.country and name.strip() == s.country):
        return "state"
    return "rebel"


def _country(s: Signals) -> str:
    """`` (COUNTRY)`` as ACLED writes it after a generic actor, or nothing."""
    name = acled_country(s.iso3, s.country)
    return f" ({name})" if name else ""


# ----------------------------------------------------------------------------- UCDP


def ucdp(s: Signals) -> dict[str, Coding]:
    """``type_of_violence``: 1 state-based (a government is a side), 2 non-state
    (two organised armed groups, no government), 3 one-sided (an armed group or a
    government against civilians); ``side_a`` and ``side_b`` in UCDP's naming."""
    kind = _ucdp_type(s)
    sides = _ucdp_sides(int(kind.value), s)
    return {"type_of_violence": kind, "side_a": sides[0], "side_b": sides[1]}


def _ucdp_type(s: Signals) -> Coding:
    types = [actor_type(a, s) for a in s.attackers]
    other_types = [actor_type(a, s) for a in s.others]
    if s.sides >= 2:
        value = 1 if "state" in types + other_types else 2
        return Coding(value, "two sides: " + ("a government among them" if value == 1 else "no government"))
    if "security_forces" in s.victims:
        return claim_coding(1, s.victims["security_forces"], "security forces among the victims: state-based")
    clash = s.first("acled", "Armed clash")
    if clash is not None and "civilians" not in s.victims:
        state = "state" in types or s.state_cue is not None
        return cue_coding(1 if state else 2, clash, "fighting with state forces" if state
                          else "fighting between armed groups")
    if "civilians" in s.victims:
        return claim_coding(3, s.victims["civilians"], "civilians killed: one-sided")
    return Coding(3, "default: violence against unarmed victims (one-sided)")


def _ucdp_name(name: str, s: Signals) -> str:
    n = s.named.get(name)
    if n is not None:
        return n.ucdp
    return f"Government of {s.country}" if actor_type(name, s) == "state" and s.country else name


def _ucdp_sides(kind: int, s: Signals) -> tuple[Coding, Coding]:
    """UCDP's side A and side B: in state-based violence the government is
    side A; in one-sided violence side A is the perpetrator and side B the
    civilians; a side nobody names is null."""
    names = [(a, actor_type(a, s)) for a in s.attackers + s.others]
    if kind == 1:
        state = next((a for a, k in names if k == "state"), None)
        a = Coding(_ucdp_name(state, s), "the government of the fighting: UCDP naming") if state else (
            Coding(f"Government of {s.country}", "state-based: the government of the record's country")
            if s.country else Coding(None, "state-based, country unknown"))
        other = next((x for x, k in names if k != "state"), None)
        b = Coding(_ucdp_name(other, s), "the group fighting the government: UCDP naming") if other \
            else Coding(None, "no group named")
        return a, b
    first = Coding(_ucdp_name(s.attackers[0], s), f"{s.attackers_rule}: UCDP naming") if s.attackers \
        else Coding(None, "no perpetrator named")
    if kind == 2:
        b = Coding(_ucdp_name(s.others[0], s), "the other side: UCDP naming") if s.others \
            else Coding(None, "no second group named")
        return first, b
    return first, Coding("Civilians", "one-sided violence: the civilians")


# ----------------------------------------------------------------------------- ACLED


#: strategic developments that are the event when nobody is killed or hurt, in the order tally lets them win
ACLED_STRATEGIC = ("Agreement", "Change to group/activity", "Headquarters or base established",
                   "Non-violent transfer of territory", "Arrests", "Looting/property destruction")


def _acled_sub(s: Signals) -> Coding:
    if (cue := s.first("acled", "Excessive force against protesters")) is not None:
        return cue_coding(cue.value, cue, "protesters killed or fired on")
    if s.people is None and (cue := s.first("acled", "Disrupted weapons use")) is not None:
        return cue_coding(cue.value, cue, "a weapon defused or intercepted, nobody hurt: a strategic development")
    for sub in ACLED_REMOTE:
        if (cue := s.first("acled", sub)) is not None:
            return cue_coding(sub, cue, "explosion or remote weapon: Explosions/Remote violence first")
    if s.sides < 2 and "security_forces" not in s.victims:
        for sub in ("Mob violence", "Violent demonstration"):
            if (cue := s.first("acled", sub)) is not None and cue.origin != "claim":
                return cue_coding(sub, cue, "riot words")
    battle = s.sides >= 2 or "security_forces" in s.victims or (
        s.has("acled", "Armed clash") and "civilians" not in s.victims)
    if battle:
        for sub in ("Government regains territory", "Non-state actor overtakes territory", "Armed clash"):
            if (cue := s.first("acled", sub)) is not None:
                return cue_coding(sub, cue, "two armed sides")
        if s.sides >= 2:
            return Coding("Armed clash", "two armed sides in the infobox")
        return claim_coding("Armed clash", s.victims["security_forces"], "armed forces among the victims")
    if (cue := s.first("acled", "Excessive force against protesters")) is not None:
        return cue_coding(cue.value, cue, "protesters shot or killed: Protests, not an attack")
    for sub in ("Sexual violence", "Abduction/forced disappearance"):
        if (cue := s.first("acled", sub)) is not None:
            return cue_coding(sub, cue, "violence against civilians")
    if (claim := s.unarmed_victims()) is not None:
        return claim_coding("Attack", claim, "civilians (or people of no armed side) killed or injured")
    if s.people is None:  # nobody killed or hurt: an arrest or a looting is the event, not the words around it
        for sub in ACLED_STRATEGIC:
            if (cue := s.first("acled", sub)) is not None:
                return cue_coding(sub, cue, "nobody killed or injured")
    attacks = {c.value for c in s.cues if c.kind == "attack"}
    if attacks == {"Facility/Infrastructure Attack"} and (cue := s.first("property")) is not None:
        return cue_coding("Looting/property destruction", cue, "property destroyed, nobody hurt")
    attack = s.first("attack") or s.first("weapon")
    if attack is not None:
        return cue_coding("Attack", attack, "an attack on unarmed victims")
    for sub in ("Looting/property destruction", "Arrests", "Protest with intervention", "Peaceful protest",
                *ACLED_STRATEGIC[:4]):
        if (cue := s.first("acled", sub)) is not None:
            return cue_coding(sub, cue, "no attack named")
    if (cue := s.first("property")) is not None:
        return cue_coding("Looting/property destruction", cue, "property destroyed, nobody hurt")
    return Coding("Other", "nothing the lexicon knows")


def _acled_actor(name: str, s: Signals, rule: str) -> tuple[Coding, int]:
    """An actor of the record as ACLED names it, with its ``inter`` code."""
    n = s.named.get(name)
    if n is None:
        kind = actor_type(name, s)
        value = _state_forces(name, s) if kind == "state" else name
        return Coding(value, rule + ": ACLED naming"), ACLED_INTER[kind]
    if s.first_cue is not None and rule in (s.attackers_rule,) and name == s.attackers[0]:
        return cue_coding(n.acled, s.first_cue, f"{rule}: ACLED naming ({n.rule})"), n.inter
    return Coding(n.acled, f"{rule}: ACLED naming ({n.rule})"), n.inter


def _state_forces(words: str, s: Signals) -> str:
    """ACLED's name of the record's state forces, dated by the event's date:
    ``Police Forces of Mali (2021-)``, ``Military Forces of Mali (2021-)``."""
    police = bool(re.search(r"police|gendarm", words, re.I))
    return acled_state_forces(s.iso3, acled_country(s.iso3, s.country), s.when, police)


def acled(s: Signals) -> dict[str, Coding]:
    """ACLED's disorder and event types, civilian targeting, actors, their
    ``inter`` codes and interaction. ``actor1`` is the side that acted (a
    perpetrator, the side named as attacking, else side 1), ``actor2`` the
    other."""
    sub = _acled_sub(s)
    event = ACLED_EVENT[str(sub.value)]
    disorder = {"Protests": "Demonstrations", "Strategic developments": "Strategic developments"}.get(
        event, "Political violence")
    if sub.value == "Excessive force against protesters":
        disorder = "Political violence; Demonstrations"
    elif sub.value == "Violent demonstration":
        disorder = "Demonstrations"
    # civilians the main target (ACLED): an explosion that killed more civilians than soldiers targets civilians;
    # protesters met with lethal force are civilians targeted
    civilian = event == "Violence against civilians" or sub.value == "Excessive force against protesters" or (
        (event == "Explosions/Remote violence" or sub.value == "Mob violence") and s.unarmed_victims() is not None) or (
        event == "Explosions/Remote violence" and s.civilians_most() is not None)
    country = _country(s)
    if s.attackers:
        actor1, inter1 = _acled_actor(s.attackers[0], s, s.attackers_rule)
    elif s.state_cue is not None and s.state_acts:
        actor1 = cue_coding(_state_forces(s.state_cue.text, s), s.state_cue, "state forces act first")
        inter1 = ACLED_INTER["state"]
    else:
        actor1 = Coding(f"Unidentified Armed Group{country}", "no perpetrator named")
        inter1 = ACLED_INTER["militia"]
    if s.others:
        actor2, inter2 = _acled_actor(s.others[0], s, "the other side")
    elif sub.value == "Excessive force against protesters":  # civilians targeted, coded as the protesters they are
        actor2, inter2 = Coding(f"Protesters{country}", "protesters met with force"), ACLED_INTER["protesters"]
    elif civilian or sub.value in ("Sexual violence", "Abduction/forced disappearance", "Attack"):
        actor2, inter2 = Coding(f"Civilians{country}", "civilians targeted"), ACLED_INTER["civilians"]
    elif "security_forces" in s.victims and (s.country or s.iso3) and inter1 != ACLED_INTER["state"]:
        police = s.has("target", "Police") and not s.has("target", "Military")  # a police post attacked
        actor2 = claim_coding(_state_forces("police" if police else "", s), s.victims["security_forces"],
                              "security forces among the victims")
        inter2 = ACLED_INTER["state"]
    elif event == "Battles" and s.state_cue is not None and inter1 != ACLED_INTER["state"]:
        actor2 = cue_coding(_state_forces(s.state_cue.text, s), s.state_cue, "state forces in the fighting")
        inter2 = ACLED_INTER["state"]
    elif event == "Protests":
        actor2, inter2 = Coding(f"Protesters{country}", "protest words"), ACLED_INTER["protesters"]
    else:
        actor2, inter2 = Coding(None, "no second actor"), 0
    if event == "Protests" and sub.value != "Excessive force against protesters":
        actor1, inter1 = Coding(f"Protesters{country}", "protest words"), ACLED_INTER["protesters"]
        if sub.value == "Protest with intervention" and s.state_cue is not None:
            actor2 = cue_coding(_state_forces(s.state_cue.text, s), s.state_cue, "state forces intervene")
            inter2 = ACLED_INTER["state"]
        else:
            actor2, inter2 = Coding(None, "no second actor"), 0
    elif event == "Riots" and not s.attackers:
        actor1, inter1 = Coding(f"Rioters{country}", "riot words"), ACLED_INTER["rioters"]
    codes = sorted(x for x in (inter1, inter2) if x) + ([0] if not inter2 else [])
    return {
        "disorder_type": Coding(disorder, f"ACLED: {event} is {disorder}"),
        "event_type": Coding(event, f"ACLED: {sub.value} is a sub-event of {event}"),
        "sub_event_type": sub,
        "civilian_targeting": Coding("Civilian targeting" if civilian else "",
                                     "civilians the target" if civilian else "civilians not the target"),
        "actor1": actor1,
        "inter1": Coding(inter1, f"ACLED actor type of actor1: {_INTER_KIND[inter1]}"),
        "actor2": actor2,
        "inter2": Coding(inter2, f"ACLED actor type of actor2: {_INTER_KIND[inter2]}" if inter2
                         else "no second actor"),
        "interaction": Coding(codes[0] * 10 + codes[1], f"ACLED: inter1 {inter1} and inter2 {inter2}, lower first"),
    }


# ----------------------------------------------------------------------------- GTD


#: attack words that name no means (GTD's Armed Assault needs firearms, blades or incendiaries)
_GENERIC_ATTACK = re.compile(r"(?:attack\w*|assault\w*|massacr\w+|raid\w*|stormed|executed|executions?|slain|slaying|"
                             r"attaqu\w*|assaut)$|"
                             r".*\b(?:killed|murdered|massacred|executed)(?:\s+by\b.*)?$", re.I)


def gtd(s: Signals, incident: Incident) -> dict[str, Coding]:
    """GTD's attack, weapon and target types (the first, and a second and
    third where the text names more), group name, and the suicide, hostage and
    property flags. Attack and suicide words that name another event ("since
    the 2010 bombings": :func:`.cues.other_event`) are not read."""
    year = (s.when or "")[:4]
    s = replace(s, cues=[c for c in s.cues if c.kind not in ("attack", "weapon", "suicide")
                         or not other_event(s.text, c.start, c.end, year)])
    # words that say only that people were attacked or killed ("attack", "massacre", "raid") are an armed
    # assault when no means are named; the means named below it in the hierarchy win (a chemical attack), and
    # so does a facility attack when nobody was killed or hurt (an arson aimed at property, not at people)
    strong = [c for c in s.cues if c.kind == "attack" and not _GENERIC_ATTACK.match(c.text)
              and (c.value != "Facility/Infrastructure Attack" or s.people is None)]
    found = [v for v in GTD_ATTACK_ORDER if any(c.value == v for c in strong)] or \
        [v for v in GTD_ATTACK_ORDER if s.has("attack", v)]
    attack = cue_coding(found[0], s.first("attack", found[0]), "GTD attack hierarchy") if found \
        else Coding("Unknown", "no attack words")
    weapon_cue = next((s.first("weapon", w) for w in GTD_ATTACK_WEAPON.get(str(attack.value), ())
                       if s.has("weapon", w)), None) or s.first("weapon")
    weapon = cue_coding(weapon_cue.value, weapon_cue, "weapon words") if weapon_cue else Coding("Unknown", "no weapon words")
    target = gtd_target(s)
    suicide = s.first("suicide")
    hostage = s.first("hostage")
    prop = s.first("property")
    extent = s.first("extent")
    # the second and third attack types: lower in the hierarchy, named where the attack is told (not a
    # claim's sentence, which may tell another act: a lynching after the attack)
    first = s.first("attack", found[0]) if found else None
    attacks = [cue_coding(c.value, c, f"GTD attack hierarchy: attack type {i + 2}")
               for i, c in enumerate(_more(s, "attack", first, GTD_ATTACK_ORDER))]
    weapons = [cue_coding(c.value, c, "another weapon type in the attack's sentence")
               for c in _more(s, "weapon", weapon_cue)]
    targets = [cue_coding(c.value, c, "another target type in the attack's sentence")
               for c in _more(s, "target", _cue_of(target, s))]
    return {
        "attacktype1_txt": attack, **_numbered("attacktype", attacks),
        "weaptype1_txt": weapon, **_numbered("weaptype", weapons),
        "targtype1_txt": target, **_numbered("targtype", targets),
        "gname": _gname(s),
        "suicide": cue_coding(1, suicide, "suicide attack words") if suicide else Coding(0, "no suicide attack words"),
        "ishostkid": (cue_coding(1, hostage, "hostage or kidnapping words") if hostage
                      else claim_coding(1, s.hostage_claim, "a hostages claim") if s.hostage_claim
                      else Coding(0, "no hostages")),
        "property": (cue_coding(1, prop, f"property {prop.value}") if prop
                     else cue_coding(1, dmg, "damage of a stated value") if (dmg := s.first("damage"))
                     else Coding(0, "no property loss stated")),
        "propextent": _propextent(s, prop),
    }


def _propextent(s: Signals, prop: Cue | None) -> Coding:
    """GTD's extent of the damage: the value the text states ("damage estimated
    at $3 million"), else Major when aircraft were destroyed, else Unknown
    when property was lost, else null."""
    stated = s.first("damage")
    if stated is not None:
        return cue_coding(GTD_EXTENT[stated.value], stated, "the damage's stated value")
    if (extent := s.first("extent")) is not None:
        return cue_coding(GTD_MAJOR, extent, "aircraft destroyed: over $1 million")
    if prop is not None:
        return Coding(GTD_PROP_UNKNOWN, "loss of unknown value")
    return Coding(None, "no property loss stated")


def _numbered(stem: str, codings: list[Coding]) -> dict[str, Coding]:
    """``{stem}2_txt`` and ``{stem}3_txt``: the codings given, else null."""
    return {f"{stem}{i}_txt": codings[i - 2] if len(codings) > i - 2 else Coding(None, f"no {stem} {i} named")
            for i in (2, 3)}


def _cue_of(coding: Coding, s: Signals) -> Cue | None:
    """The cue a coding was read from, if any."""
    return next((c for c in s.cues if c.start == coding.start and c.value == coding.value), None) \
        if coding.start is not None else None


def _sentence(cue: Cue, s: Signals) -> tuple[int, int] | None:
    return next(((a, b) for a, b in s.sentences if a <= cue.start < b), None)


def _more(s: Signals, kind: str, first: Cue | None, order: tuple[str, ...] = ()) -> list[Cue]:
    """GTD's second and third values of ``kind``: other values named in the
    sentence that names the first (or in the infobox's fields), distinct, at
    most two; in ``order``'s order when given (the attack hierarchy), else in
    text order. None when the first value was not read from words."""
    if first is None:
        return []
    span = _sentence(first, s) if first.origin == "lead" else None
    if span is None and not first.origin.startswith("infobox"):
        return []
    seen = {first.value, "Unknown"}
    out: list[Cue] = []
    for cue in s.cues:
        inside = cue.origin.startswith("infobox") if span is None else (
            cue.origin == "lead" and span[0] <= cue.start < span[1])
        if cue.kind == kind and cue.value not in seen and inside:
            seen.add(cue.value)
            out.append(cue)
    if order:
        out.sort(key=lambda c: order.index(c.value) if c.value in order else len(order))
    return out[:2]


def _gname(s: Signals) -> Coding:
    """GTD's ``gname``: the first perpetrator named (a claim, the sources'
    attribution or suspicion) that is no state, in GTD's naming; else the
    group of the side with no government on it; else ``Unknown``."""
    if not s.attackers_rule.startswith("side "):  # perpetrators, the sources' attribution, the lead's actor
        for name in s.attackers:
            n = s.named.get(name)
            if n is None or n.gtd is not None:
                return Coding(n.gtd if n else name, f"{s.attackers_rule}: the first group named or suspected, "
                              "GTD naming" + (f" ({n.rule})" if n else ""))
        if s.attackers and not s.others:  # only a state named: GTD, which names no state, would not code it
            name = s.attackers[0]
            n = s.named.get(name)
            return Coding(name if name[:1].isupper() or n is None else n.ucdp,
                          "a state's forces named as perpetrators: outside GTD's scope")
    return _gtd_group(s)


def _gtd_group(s: Signals) -> Coding:
    """GTD's ``gname`` for a record with sides: the first group of the side
    with no government on it (a foreign force only when no group is named)."""
    for names in (s.others, s.attackers):
        kinds = [actor_type(a, s) for a in names]
        if names and "state" not in kinds:
            groups = [a for a, k in zip(names, kinds) if k != "external"] or names
            n = s.named.get(groups[0])
            return Coding((n.gtd if n else None) or groups[0], "the side with no government on it: GTD naming")
    return Coding("Unknown", "no group named")
