"""Who said it: the class of a claim's source, and the side a source speaks for.

:func:`source_class` puts a source into one of two classes (documented in
``docs/reconcile.md``):

``party``
    a party to the conflict: a belligerent named among the incident's sides
    (its name, alias or demonym: "JNIM", "a Malian military source"), a
    national government, ministry, army, military, police or security force,
    an armed group, rebels, militants, a group claiming the attack (a
    perpetrator's own claim).
``independent``
    news agencies and other media (AFP, Reuters, RFI, Le Monde, a newspaper,
    journalists), UN bodies and missions, NGOs and the Red Cross, hospitals,
    doctors and medics, health authorities, witnesses, residents and
    survivors, and local civil authorities (mayors, village chiefs, local
    officials, governors). Local civil authorities are counted as independent
    because they report the dead of their own community rather than a war
    aim; a source that also names a side ("the Malian governor") is a party.

A source that matches neither list is ``independent`` when it names no side
and uses no party word; ``None`` is returned only when there is no source.

:func:`source_side` gives the side id a source speaks for (a belligerent
named in the source), used to tell a party's claim about its own losses from
one about its enemy's.
"""

from __future__ import annotations

import re

from ..lookup.actors import actor_table
from ..model import Side

#: the actor table's kinds of a non-state armed party to a conflict
ARMED_KINDS = ("armed group", "militia")

_PARTY_RE = re.compile(
    r"\b(?:government|govt|ministry|minister|ministers|president|presidency|prime\s+minister|"
    r"army|armed\s+forces|military|militaries|defen[cs]e|troops|soldiers?|officers?|officials?\s+of\s+the\s+army|"
    r"police|gendarmerie|security\s+(?:forces?|sources?|officials?|services?|ministry)|"
    r"commanders?|spokes(?:man|woman|person)\s+(?:for|of)\s+the\s+(?:army|military|group|militants?|rebels?)|"
    r"junta|regime|authorities|state\s+(?:media|television|tv|radio|news\s+agency)|"
    r"rebels?|insurgents?|militants?|militias?|jihadists?|jihadist\s+group|fighters?|"
    r"the\s+group|the\s+organi[sz]ation|claim\s+of\s+responsibility|statement\s+claiming|"
    r"islamic\s+state|al[-\s]qaeda|taliban|al[-\s]shabaab|boko\s+haram|hamas|hezbollah|"
    r"perpetrators?|attackers?|gunmen|kidnappers?)\b",
    re.I,
)
_INDEPENDENT_RE = re.compile(
    r"\b(?:afp|agence\s+france[-\s]presse|reuters|associated\s+press|ap|upi|dpa|efe|ansa|xinhua|anadolu|"
    r"rfi|bbc|cnn|al\s+jazeera|le\s+monde|the\s+guardian|new\s+york\s+times|washington\s+post|"
    r"newspaper|news\s+agency|media|press|journalists?|reporters?|correspondents?|radio|television|tv|"
    r"united\s+nations|u\.?n\.?|unicef|unhcr|ocha|who|minusma|monusco|unmiss|unama|"
    r"ngo|ngos|amnesty|human\s+rights\s+watch|hrw|red\s+cross|red\s+crescent|icrc|msf|"
    r"m[ée]decins\s+sans\s+fronti[èe]res|doctors\s+without\s+borders|acled|observatory|monitors?|"
    r"hospitals?|doctors?|medics?|medical|physicians?|nurses?|health\s+(?:officials?|ministry|authorities|workers?)|"
    r"morgue|coroner|rescuers?|rescue\s+(?:workers?|services?)|civil\s+defen[cs]e|"
    r"witnesses?|residents?|villagers?|survivors?|relatives|families|eyewitness(?:es)?|locals?|"
    r"mayors?|village\s+chiefs?|chiefs?|local\s+(?:officials?|authorities|leaders?|sources?)|governors?|"
    r"community\s+leaders?|elders?|civil\s+society|activists?|researchers?|analysts?)\b",
    re.I,
)
# a health ministry or a hospital speaks for the wounded, not for a war aim
_CIVIL_FIRST_RE = re.compile(r"\b(?:health|hospitals?|medical|civil\s+defen[cs]e|red\s+(?:cross|crescent)|"
                             r"united\s+nations|u\.n\.|news\s+agency|(?:interviewed|quoted|cited)\s+by)\b", re.I)


def _side_patterns(sides: list[Side]) -> list[tuple[str, re.Pattern]]:
    from .groups import demonym_forms  # the same demonym rule the claims use

    out = []
    for side in sides:
        words: set[str] = set()
        for a in side.actors:
            for n in [a.name, *a.aliases]:
                n = (n or "").strip()
                if len(n) < 2:
                    continue
                words.add(re.escape(n))
                for d in demonym_forms(n):
                    words.add(re.escape(d))
        if words:
            out.append((side.id, re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b")))
    return out


def source_side(source: str | None, sides: list[Side]) -> str | None:
    """The id of the side ``source`` names ("a Malian military source" -> the
    side of Mali), or None."""
    if not source:
        return None
    for sid, pat in _side_patterns(sides):
        if pat.search(source):
            return sid
    return None


def source_class(source: str | None, sides: list[Side] | None = None) -> str | None:
    """``party``, ``independent`` or None (no source); see the module doc."""
    if not source or not source.strip():
        return None
    if sides and source_side(source, sides) is not None:
        return "party"
    if _CIVIL_FIRST_RE.search(source):
        return "independent"
    if _PARTY_RE.search(source) or names_armed_group(source):
        return "party"
    return "independent"


_NAME_RE = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+|al[-\s])?[A-Z][\w'’-]*)*")


_DETERMINER_RE = re.compile(r"^(?:the|le|la|les|l['’])\s*", re.I)


def names_armed_group(source: str) -> bool:
    """True when ``source`` names an armed group of the actor table ("le Jnim dans un communiqué")."""
    table = actor_table()
    whole = _DETERMINER_RE.sub("", source.strip())  # "l'État islamique": a name with a lower-case word in it
    hit = table.lookup(whole) if whole else None
    if hit is not None and table.kinds.get(hit[0]) in ARMED_KINDS:
        return True
    for m in _NAME_RE.finditer(source):
        hit = table.lookup(m.group(0))
        if hit is not None and table.kinds.get(hit[0]) in ARMED_KINDS:
            return True
    return False
