"""The group nouns and source words reconcile reads, in one place: which
words name "people" in general, security forces, armed fighters, a state, an
added group ("a fourth attacker"), a list of names, or an armed group speaking.
"""

from __future__ import annotations

import re

from ..claims.lexicon import all_lexicons

#: words that count no group in particular: the whole toll
GENERIC_GROUP_RE = re.compile(r"^(?:people|persons?|individuals|others?|victims|the\s+dead|dead|bodies|"
                              r"casualties|lives|men|injured|wounded"
                              r"|personnes|autres|victimes|morts|corps|vies)$", re.I)  # and in French
#: soldiers, police, gendarmes...: a state's forces
SECURITY_RE = re.compile(r"\b(?:soldiers?|troops|gendarmes?|gendarmerie|police(?:men|women|\s+officers?)?|"
                         r"policem[ae]n|servicem[ae]n|army|military|security\s+forces|guards?|recruits?|"
                         r"cadets?|conscripts?|officers?)\b", re.I)
#: militants, fighters, rebels...: an armed group's fighters
FIGHTERS_RE = re.compile(r"\b(?:militants?|fighters?|insurgents?|rebels?|jihadists?|militiam[ae]n|"
                         r"guerrillas?|combatants?|terrorists?)\b", re.I)
#: an actor name that is a state ("the Malian army", "Ministry of Defence")
STATE_WORD_RE = re.compile(r"\b(?:government|armed\s+forces|army|military|police|gendarmerie|republic|"
                           r"kingdom|state\s+of|ministry)\b", re.I)
#: "a fourth attacker", "second soldier": a group added to the count
ORDINAL_RE = re.compile(r"^(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b",
                        re.I)
#: "the names of 12 victims": a list of names, the most specific count
NAMES_RE = re.compile(r"\b(?:names?|named|identified|list)\b", re.I)
#: a source that is an armed group (or the group claiming the attack)
ARMED_GROUP_SOURCE_RE = re.compile(r"\b(?:rebels?|insurgents?|militants?|jihadists?|islamic\s+state|isis|isil|"
                                   r"al[-\s]qaeda|taliban|al[-\s]shabaab|boko\s+haram|the\s+group|"
                                   r"claim(?:ed|ing)?\s+(?:of\s+)?responsibility|attackers|gunmen)\b", re.I)

# the nouns of every language's lexicon (claims/lexicon/en.py, fr.py: VICTIM_NOUNS), joined:
# a claim's group phrase is matched against all of them, whatever the report's language
_NOUNS = [(kind, re.compile(r"\b(?:" + "|".join(lex.VICTIM_NOUNS[kind] for lex in all_lexicons()) + r")\b", re.I))
          for kind in ("civilians", "security_forces", "perpetrators")]


def noun_group(group: str | None) -> str | None:
    """The group a noun phrase names by its nouns alone, or None: its leftmost
    noun of the lexicon decides ("members of the security forces": security
    forces); nouns of two kinds joined by "and" / "or" / a comma give None.
    (Reading only the head of the phrase was tried: it raised the tuning
    figure and not the validation one, so it is not done.)"""
    if not group:
        return None
    found = []
    for kind, pat in _NOUNS:
        m = pat.search(group)
        if m:
            found.append((m.start(), kind))
    if not found:
        return None
    found.sort()
    kinds = {k for _, k in found}
    if len(kinds) > 1 and re.search(r"\b(?:and|or|as\s+well\s+as|plus)\b|,", group, re.I):
        return None
    return found[0][1]


#: words that stand for a figure of one person ("a", "his", "le"), never a count of their own
DETERMINERS = {"a", "an", "one", "his", "her", "their", "another", "the", "both",
               "un", "une", "son", "sa", "leur", "un autre", "une autre", "le", "la", "l'", "l’"}


#: an authority that keeps the toll: officials, a government, the police, a governor, a health ministry
AUTHORITY_RE = re.compile(
    r"\b(?:officials?|authorit(?:y|ies)|government|ministry|minister|governor|mayor|prefect|police|army|"
    r"military|spokes(?:man|woman|person)|health|civil\s+defen[cs]e|gendarmerie|emergency\s+services?|"
    r"autorit[ée]s?|gouverneur|gouvernement|pr[ée]fet|maire|minist[èe]re|ministre|responsables?|"
    r"officiels?|arm[ée]e|porte-parole|sant[ée]|security\s+forces|forces\s+de\s+l(?:['’]|\s)\s*ordre|"
    r"forces\s+de\s+(?:d[ée]fense|s[ée]curit[ée])|[ée]tat-major|gendarmes?)\b", re.I)
#: people on the ground counting for themselves: residents, witnesses, survivors, local sources
LOCAL_VOICE_RE = re.compile(
    r"\b(?:residents?|witness(?:es)?|survivors?|villagers?|locals?|local\s+(?:sources?|people|leaders?|elders?)|"
    r"relatives|families|inhabitants|habitants?|t[ée]moins?|rescap[ée]s|survivants?|villageois|sources?\s+locales?|"
    r"populations?|parents)\b", re.I)


def group_head(group: str | None) -> str:
    """The head noun of a claim's group ("U.S. troops" -> "troops"), "" when it names no one in
    particular (GENERIC_GROUP_RE: "people", "others", "personnes", none)."""
    words = [w for w in re.findall(r"[^\W\d_]+", (group or "").lower()) if w not in ("de", "des", "d")]
    head = words[-1] if words else ""
    return "" if GENERIC_GROUP_RE.match(head) else head
