"""GTD's target type (``targtype1_txt``): what the attack words act on.

The target is the infobox's, else the one a sentence telling the attack names
as acted on (not the attack's agent: :func:`is_agent`), else a specific
target named where the attack is told, else the victims' group; the order is
documented in ``docs/typology.md``.
"""

from __future__ import annotations

import re

from ..model import Coding
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
                        r"rammed|crashed|(?:was|were) (?:thrown|detonated|fired|dropped)|a explos[ée]|a frapp[ée])\b[\s,]*)?"
                        r"(?:(?:a|an|the|its|his|her|their|several|two|three|four|\d[\d,]*|at|on|in|inside|under|"
                        r"beside|into|near|outside|against|targeting|of|upon|un|une|le|la|les|des|du|contre|sur|dans|"
                        r"including)\b(?:[\s,]*(?!(?:by|par)\b)[\w'’-]+){0,6}?)?[\s,]*$", re.I)
#: what may stand between a target and the attack noun it qualifies: "mosque bombing", "school shooting"
_COMPOUND = re.compile(r"^[\s-]*(?:[\w'’]+[\s-]+)?$")


def is_agent(text: str, start: int, end: int) -> bool:
    """Whether the noun ``text[start:end]`` is who attacked: followed by an
    acting verb ("the military massacred") and not counted as victims, or
    named after "by" ("shot by military police")."""
    if _AGENT_BEFORE.search(text[max(0, start - 60):start]):
        return True
    return bool(_AGENT_AFTER.match(text, end)) and not _COUNTED.search(text[max(0, start - 30):start])


def _after_including(gap: str) -> str:
    """The words after the last "including" of ``gap`` (the list of what was
    attacked), else ``gap``."""
    at = gap.rfind("including")
    return gap[at:] if at >= 0 else gap


def _attack_target(s: Signals) -> Cue | None:
    """The first target the lead names as acted on, in a sentence that tells
    the attack: after an attack word within a few words ("stormed a hotel",
    "a bombing at a Shia mosque") or just before an attack noun it qualifies
    ("a mosque bombing"), and not the attack's agent (:func:`is_agent`)."""
    if not s.text:
        return None
    acts = [c for c in s.cues if c.origin == "lead" and c.kind in ("attack", "weapon")]
    for a, b in s.sentences:
        here = [c for c in acts if a <= c.start < b]
        if not here:
            continue
        for t in (c for c in s.cues if c.kind == "target" and c.origin == "lead" and a <= c.start < b):
            if is_agent(s.text, t.start, t.end):
                continue
            if any((c.start <= t.start and t.end <= c.end) or  # within the attack words: "blew up the pipeline"
                   (c.end <= t.start and _TO_TARGET.match(_after_including(s.text[c.end:t.start]))) or
                   (t.end <= c.start and _COMPOUND.match(s.text[t.end:c.start])) for c in here):
                return t
    return None


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
                 and c.value != "Private Citizens & Property" and not is_agent(s.text, c.start, c.end)), None)


def gtd_target(s: Signals) -> Coding:
    for cue in s.cues:
        if cue.kind == "target" and cue.origin.startswith("infobox"):
            return cue_coding(cue.value, cue, "infobox target")
    if (acted_on := _attack_target(s)) is not None:
        return cue_coding(acted_on.value, acted_on, "the target the attack words act on")
    if (victim := _event_target(s)) is not None:
        return cue_coding(victim.value, victim, "a target named where the attack is told")
    if "security_forces" in s.victims:
        return claim_coding("Military", s.victims["security_forces"], "security forces among the victims")
    if (claim := s.unarmed_victims()) is not None:  # civilians, or people of no armed side, killed or hurt
        return claim_coding("Private Citizens & Property", claim, "civilians killed" if claim.victim_group ==
                            "civilians" else "people of no armed side killed or injured")
    action = _first_action(s)
    named = [c for c in s.cues if c.kind == "target" and c.value != "Private Citizens & Property"
             and not (s.text and is_agent(s.text, c.start, c.end))]
    # a target named before the first attack word is the attackers' ("Soldiers raided..."), not their target
    specific = next((c for c in named if c.origin != "lead" or c.start > action), None) or next(iter(named), None)
    if specific is not None:
        return cue_coding(specific.value, specific, "the first target named")
    if (cue := s.first("target")) is not None:
        return cue_coding(cue.value, cue, "private citizens named")
    return Coding("Unknown", "no target named")


def _first_action(s: Signals) -> int:
    """Where the first attack, weapon or event word of the lead is."""
    return min((c.start for c in s.cues if c.kind in ("attack", "weapon", "acled") and c.origin == "lead"),
               default=-1)
