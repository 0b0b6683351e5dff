"""GTD's target type (``targtype1_txt``): what the attack words act on.

The target is the infobox's, else the one a sentence telling the attack names
as acted on (not the attack's agent: :func:`is_agent`), else a specific
target named where the attack is told, else the victims' group; the order is
documented in ``docs/typology.md``.
"""

from __future__ import annotations

import re

from ..model import Claim, Coding
from .cues import Cue, Signals, claim_coding, cue_coding


#: words after a noun that make it the attack's agent, not its target ("soldiers opened fire", "l'armée a tué")
_AGENT_AFTER = re.compile(
    r"(?:\s+(?!(?:were|was|had|been|and|or|et|ou)\b)\w+){0,2}?\s+(?:killed|opened|attacked|massacred|stormed|raided|carried|"
    r"committed|perpetrated|fired|shot|executed|ambushed|rounded|murdered|tortured|looted|besieged|bombed|shelled|"
    r"targeted|a\s+tu[ée]|ont\s+tu[ée]|a\s+attaqu[ée]|ont\s+attaqu[ée]|a\s+ouvert|ont\s+ouvert|ont\s+massacr[ée])\b",
    re.I)
#: words before a noun that make it the agent: "by the army", "par des militaires"
_AGENT_BEFORE = re.compile(r"\b(?:by|par)\s+(?:the\s+|a\s+|an\s+|les\s+|des\s+|l['’]\s*|la\s+|le\s+)?"
                           r"(?:[\w'’-]+\s+){0,3}$", re.I)
#: a number just before a noun makes it a count of victims ("two soldiers killed"), not an agent
_COUNTED = re.compile(r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens of|hundreds of|deux|trois|"
                      r"quatre|cinq|six|sept|huit|neuf|dix)\s+(?:\w+\s+)?$", re.I)
#: what may stand between an attack word and the target it acts on: nothing, or a few words (no "by", no
#: clause break) led by a determiner, a number or a preposition: its object ("stormed a hotel", "fired on the
#: police station", "a bombing at a mosque", "a bomb exploded under a bus"), not a verb it is the subject of
#: ("the attacks prompted the closure of the airport"); a list after "including" restarts it
_TO_TARGET = re.compile(r"^[\s,]*(?:(?:dead|down|exploded|went off|struck|hit|targeted|ripped through|tore through|detonated|"
                        r"rammed|crashed|(?:was|were) (?:thrown|detonated|fired|dropped|set off|planted|placed|hidden|parked)|"
                        r"(?:(?:was|were) (?:an?|the) (?:[\w-]+ ){0,4}?)?(?:(?:which|that) )?(?:occurred|took place|happened)|a explos[ée]|a frapp[ée])\b[\s,]*)?"
                        r"(?:(?:a|an|the|its|his|her|their|several|two|three|four|\d[\d,]*|at|on|in|inside|under|"
                        r"beside|into|near|outside|against|targeting|of|upon|un|une|le|la|les|des|du|contre|sur|dans|"
                        r"including)\b(?:[\s,]*(?!(?:by|par)\b)[\w'’-]+){0,6}?)?[\s,]*$", re.I)
_WORD_END = re.compile(r"\w*")
#: an attack noun: a target noun just before it names the attack with it ("mosque bombing", "bus attack")
_ATTACK_NOUN = re.compile(r"(?:\w+[\s-])*(?:\w+ings?|attacks?|massacres?|blasts?|explosions?|raids?|strikes?|pogroms?)", re.I)
#: what may stand between a target and the attack noun it qualifies: "mosque bombing", "school shooting"
_COMPOUND = re.compile(r"^[\s-]*(?:[\w'’]+[\s-]+)?$")


def is_agent(text: str, start: int, end: int) -> bool:
    """Whether the noun ``text[start:end]`` is who attacked: followed by an
    acting verb ("the military massacred") and not counted as victims, or
    named after "by" ("shot by military police")."""
    if _AGENT_BEFORE.search(text[max(0, start - 60):start]):
        return True
    return bool(_AGENT_AFTER.match(text, end)) and not _COUNTED.search(text[max(0, start - 30):start])


_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MOIS = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)"
#: what stands in a gap as one word: a time ("on 18 February 2007", "at 9:15 pm", "around midnight", "le 3 mai
#: 2021", "vers 21 heures"), and a proper name of several words ("the Banco de Crédito del Perú")
_TIME = re.compile(rf"[\s,]*\b(?:(?:on|at|around|about|shortly\s+after|just\s+after|just\s+before)\s+(?:\d{{1,2}}"
                   rf"(?:[:.]\d\d)?\s*(?:[ap]\.?m\b\.?|hours\b|h\b)|midnight|noon|dawn|dusk|(?:\d{{1,2}}\s+)?{_MONTHS}"
                   rf"(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|(?:the\s+)?(?:morning|evening|night|afternoon)\s+of\s+\S+"
                   rf"(?:\s+{_MONTHS})?)|(?:le|vers|dans\s+la\s+nuit\s+du|aux\s+alentours\s+de)\s+(?:\d{{1,2}}\s*(?:h|heures)"
                   rf"(?:\s*\d\d)?|\d{{1,2}}(?:er)?(?:\s+au\s+\d{{1,2}})?\s+{_MOIS}(?:\s+\d{{4}})?))\b,?", re.I)
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:(?:de|del|la|le|of|al|el|di|du|des|da|dos|the)\s+)?[A-Z][\w'’.-]*)+")


def _after_including(gap: str) -> str:
    """The words of ``gap`` after its last "including" (the list of what was
    attacked), a time and a name of several words made one word each."""
    at = gap.rfind("including")
    return _NAME.sub("N", _TIME.sub(" ", gap[at:] if at >= 0 else gap))


#: words that name what the attack was aimed at, a few words before it: "a truck bomb ... targeting the
#: ministry", "a campaign aimed at police stations"
_AIM = re.compile(r"\b(?:targeting|targeted|aimed\s+at|directed\s+at|visant|ciblant|dirig[ée]e?s?\s+contre)\s+"
                  r"(?:(?!(?:by|par)\b)[\w'’-]+[\s,]+){0,5}$", re.I)
#: nouns of the people a killing word acts on when they are named by who they are
_GROUP_NOUN = (r"(?:men|women|boys|girls|children|civilians|villagers|families|people|population|community|"
               r"communities|minority|residents|worshippers|pilgrims|refugees|Muslims|Christians|Jews|Hindus|Sikhs|"
               r"musulmans|chr[ée]tiens)")
#: a people named by who they are (GTD's Private Citizens & Property, subtypes "Race/Ethnicity Identified" and
#: "Religion Identified"): a capitalised word before a people noun ("Muslim men", "the Armenian population",
#: "Shia Muslims"), or a capitalised plural of a people ("Armenians", "Tamils", "Kurds", "Peuls", "Dogons",
#: "Touaregs"), no "-ists" (a movement's members) and not the first word of a longer name ("Tamil Tigers")
_WHO = (rf"[A-Z][\w'’-]+\s+{_GROUP_NOUN}\b"
        r"|(?!(?:Guards|Forces|States|Nations|Islands|Emirates|Highlands|Netherlands)\b)[A-Z][a-z'’-]+"
        r"(?:ians|ans|ese|is|ites|ks|ds|ls|bs|ts|ms|ws|us|hs|ns|gs)(?<!ists)\b(?!\s+[A-Z])")
#: the killing words right before the people they act on, named by who they are: "the killing of over 100
#: Muslim men", "attacked and killed Armenians", "a pogrom against the Armenian population"; in French, "le
#: massacre de 160 Peuls", "ont tué des Dogons"
_KILLING_BEFORE = re.compile(
    r"(?i:\b(?:killings?|murders?|massacres?|slaughter|executions?|extermination|pogroms?|genocide|persecution|"
    r"attacks?|violence)\s+(?:of|against|on|targeting)|\b(?:killed|killing|murdered|massacred|slaughtered|executed|"
    r"exterminated|attacked|targeted|targeting|shot|lynched)|\b(?:massacres?|tueries?|meurtres?|assassinats?|"
    r"pogroms?|attaques?|violences?|exactions?)\s+(?:de|des|contre|visant)|\b(?:tu[ée]s?|tu[ée]es|massacr[ée]s?|"
    r"massacr[ée]es|abattus?|attaqu[ée]s?|ex[ée]cut[ée]s?))\s+(?i:(?:at\s+least|over|about|approximately|around|"
    r"nearly|almost|more\s+than|some|up\s+to|as\s+many\s+as|(?:hundreds|thousands|dozens|scores)\s+of|[\d,.–-]+|"
    r"the|an?|unarmed|innocent|local|ethnic|several|many|its|their|and|mostly|mainly|au\s+moins|plus\s+de|"
    r"pr[èe]s\s+de|environ|des|les|de|d['’]|une?|(?:dizaines|centaines)\s+de)\s*){0,5}$")
_WHO_AT = re.compile(_WHO)
#: a capitalised word, where a people named by who they are may begin (read first: capitals are few)
_CAPITAL = re.compile(r"[A-Z]")
#: an attack noun said to be against a people: "an anti-Tamil pogrom"
_ANTI = re.compile(r"anti-[A-Z][\w'’-]*(?=\s+(?i:pogroms?|riots?|violence|massacres?|attacks?|killings?)\b)")
PRIVATE = "Private Citizens & Property"


def _people_killed(s: Signals, a: int, b: int) -> Cue | None:
    """The people named by who they are that a killing word of ``s.text[a:b]``
    acts on (:data:`_KILLING_BEFORE` before :data:`_WHO`, or :data:`_ANTI`),
    as a target cue of private citizens; not an actor the record names (a
    group called by a plural)."""
    actors = " ".join(s.attackers + s.others)
    text = s.text
    found: list[tuple[int, int]] = [m.span() for m in _ANTI.finditer(text, a, b)][:1]
    for c in _CAPITAL.finditer(text, a, b):
        if c.start() > a and (text[c.start() - 1].isalnum() or text[c.start() - 1] == "-"):
            continue
        m = _WHO_AT.match(text, c.start(), b)
        if m is not None and m.group(0).split()[-1] not in actors and \
                _KILLING_BEFORE.search(text, max(a, c.start() - 100), c.start()):
            found.append(m.span())
            break
    if not found:
        return None
    start, end = min(found)
    return Cue("target", PRIVATE, text[start:end], start, end, "lead")


def _acted_on(s: Signals, targets: list[Cue], here: list[Cue]) -> tuple[Cue, str] | None:
    """In a sentence telling the attack (its attack words ``here``), the
    target it names as aimed at, else the first target an attack word acts on
    (its object a few words after it, a noun before the attack noun it
    qualifies, a word inside the attack words)."""
    aimed = next((t for t in targets if _AIM.search(s.text, max(0, t.start - 80), t.start)
                  and not is_agent(s.text, t.start, t.end)), None)
    if aimed is not None:
        return aimed, "the target the attack was aimed at"
    ends = [_WORD_END.match(s.text, c.end).end() for c in here]  # the whole word: "explosive" read in "explosives"
    for t in targets:
        # a noun before an attack noun names the attack with it, whatever verb follows ("the bus bombing killed 12")
        if any(t.end <= c.start and _COMPOUND.match(s.text[t.end:c.start]) and _ATTACK_NOUN.fullmatch(c.text)
               for c in here):
            return t, "the target the attack words act on"
        if is_agent(s.text, t.start, t.end):
            continue
        if any((c.start <= t.start and t.end <= c.end) or  # within the attack words: "blew up the pipeline"
               (end <= t.start and _TO_TARGET.match(_after_including(s.text[end:t.start]))) or
               (t.end <= c.start and _COMPOUND.match(s.text[t.end:c.start])) for c, end in zip(here, ends)):
            return t, "the target the attack words act on"
    return None


def _attack_target(s: Signals) -> tuple[Cue, str] | None:
    """The first target the lead names as acted on, sentence by sentence: the
    people a killing word acts on when named by who they are (their identity,
    not the place they were in: "the massacre of 40 Muslim men at a mosque");
    else, in a sentence that tells the attack, the target it was aimed at
    ("targeting the ministry") or that an attack word acts on (:func:`_acted_on`:
    "stormed a hotel", "a bombing at a Shia mosque", "a mosque bombing"); not
    the attack's agent (:func:`is_agent`). The target found is made more
    precise by :func:`_refined`."""
    if not s.text:
        return None
    acts = [c for c in s.cues if c.origin == "lead" and c.kind in ("attack", "weapon")]
    lead = [c for c in s.cues if c.kind == "target" and c.origin == "lead"]
    # a heading ("= Kattankudy mosque massacre =") names the event; the sentences tell it, and come first
    for a, b in sorted(s.sentences, key=lambda span: s.text.startswith("=", span[0])):
        if (who := _people_killed(s, a, b)) is not None:
            return who, "the people the killing words act on, named by who they are"
        here = [c for c in acts if a <= c.start < b]
        targets = [t for t in lead if a <= t.start < b]
        if here and targets and (found := _acted_on(s, targets, here)) is not None:
            return _refined(found[0], lead, s), found[1]
    return None


#: words after a vehicle that say whom it carried: "a bus carrying soldiers"
_CARRYING = re.compile(r"[\s,]*(?:carrying|transporting|ferrying|transportant|qui\s+transportait)\s+"
                       r"(?:[\w'’-]+\s+){0,3}?$", re.I)


def _refined(t: Cue, lead: list[Cue], s: Signals) -> Cue:
    """``t`` made precise by the lead: the people a vehicle carried (where the
    lead names it: "a bus carrying soldiers") when they are of another type
    than private citizens (Military); else the longest mention in the lead of the same noun with
    another type ("the barracks" told as "the police barracks", "la caserne"
    as "la caserne de gendarmerie": Police)."""
    noun = t.text.lower()
    for m in (m for m in lead if m.text.lower() == noun):
        carried = next((u for u in lead if m.end < u.start < m.end + 80 and u.value not in (PRIVATE, t.value)
                        and _CARRYING.match(s.text, m.end, u.start)), None)
        if carried is not None:
            return carried
    return max((u for u in lead if u.value != t.value and (u.text.lower().endswith(" " + noun)
                                                            or u.text.lower().startswith(noun + " "))),
               key=lambda u: len(u.text), default=t)


def _event_target(s: Signals) -> Cue | None:
    """The first specific target (not private citizens, not the agent) in the
    sentence of the lead that first tells the attack: its first attack or
    weapon word, or its first killed or injured claim ("a journalist was shot
    dead", "killed 8 people outside a church")."""
    if not s.text:
        return None
    starts = [c.start for c in s.cues if c.origin == "lead" and c.kind in ("attack", "weapon")]
    if s.people is not None and s.people.start is not None:
        starts.append(s.people.start)
    if not starts:
        return None
    first = min(starts)
    span = next(((a, b) for a, b in s.sentences if a <= first < b), None)
    if span is None:
        return None
    return next((c for c in s.cues if c.kind == "target" and c.origin == "lead" and span[0] <= c.start < span[1]
                 and c.value != PRIVATE and not is_agent(s.text, c.start, c.end)), None)


def gtd_target(s: Signals) -> Coding:
    for cue in s.cues:
        if cue.kind == "target" and cue.origin.startswith("infobox"):
            return cue_coding(cue.value, cue, "infobox target")
    if (acted_on := _attack_target(s)) is not None:
        return cue_coding(acted_on[0].value, acted_on[0], acted_on[1])
    if (victim := _event_target(s)) is not None:
        victim = _refined(victim, [c for c in s.cues if c.kind == "target" and c.origin == "lead"], s)
        return cue_coding(victim.value, victim, "a target named where the attack is told")
    if "security_forces" in s.victims:
        claim = s.victims["security_forces"]
        group = _group_target(claim, s)
        return claim_coding(group.value if group is not None and group.value == "Police" else "Military", claim,
                            "security forces among the victims" + (f": {group.text}" if group is not None else ""))
    if (claim := s.unarmed_victims()) is not None:  # civilians, or people of no armed side, killed or hurt
        group = _group_target(claim, s)
        if group is not None and group.value != PRIVATE:  # "12 students were killed": Educational Institution
            return claim_coding(group.value, claim, f"the victims' group: {group.text}")
        return claim_coding(PRIVATE, claim, "civilians killed" if claim.victim_group ==
                            "civilians" else "people of no armed side killed or injured")
    action = _first_action(s)
    named = [c for c in s.cues if c.kind == "target" and c.value != PRIVATE
             and not (s.text and is_agent(s.text, c.start, c.end))]
    # a target named before the first attack word is the attackers' ("Soldiers raided..."), not their target
    specific = next((c for c in named if c.origin != "lead" or c.start > action), None) or next(iter(named), None)
    if specific is not None:
        return cue_coding(specific.value, specific, "the first target named")
    if (cue := s.first("target")) is not None:
        return cue_coding(cue.value, cue, "private citizens named")
    return Coding("Unknown", "no target named")


def _group_target(claim: Claim, s: Signals) -> Cue | None:
    """The target word of a casualty claim's group ("13 policemen": Police,
    "40 worshippers": Religious Figures/Institutions), if the lexicon knows it."""
    at = claim.text.find(claim.group) if claim.group else -1
    if at < 0:
        return None
    a = claim.start + at
    b = a + len(claim.group or "")
    return next((c for c in s.cues if c.kind == "target" and a <= c.start and c.end <= b), None)


def _first_action(s: Signals) -> int:
    """Where the first attack, weapon or event word of the lead is."""
    return min((c.start for c in s.cues if c.kind in ("attack", "weapon", "acled") and c.origin == "lead"),
               default=-1)
