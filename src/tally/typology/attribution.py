"""Who did it, for a report that names no sides: the sources' attribution,
and the actor its lead names as acting first.

:func:`attributed` reads "sources attributed the attack to X", "the attack was
blamed on X", "suspected to have been carried out by X" (GTD summaries say who
the sources suspect so); :func:`lead_attacker` finds, in the first sentence of
the lead holding an attack word, the actor named nearest before it ("AS
militants attacked", "an AS attack", "US forces carried out an airstrike"), or
after it when "by" follows (a few words on: "an attack on two villages by
X"), or the first community of a clash "between" two. Actors are the actor
table's names (:func:`named_in`) and militias named by their clan or community
("Habar Gidir clan militia": ACLED's "Habar Gidir Clan Militia (Somalia)";
"Murle tribesmen": "Murle Ethnic Militia"). docs/typology.md.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lookup.actors import actor_key, actor_table
from ..lookup.gazetteer import country_by_name
from ..model import Actor

#: a militia named by its clan or community: "Habar Gidir clan militia", "militiamen from the Duduble clan"
_MILITIA_RE = re.compile(
    r"(?P<a>(?:[A-Z][\w'’-]+\s+){1,3})(?P<k>clan|ethnic|communal|tribal)\s+militia(?:s|men)?\b|"
    r"(?:militia(?:s|men)?|tribesm[ae]n|herdsm[ae]n|herders|gunmen|fighters|youths)\s+(?:from|of)\s+(?:the\s+)?"
    r"(?P<b>(?:[A-Z][\w'’-]+\s+){1,3})(?P<j>clan|sub-clan|community|tribe)\b|"
    r"(?=[A-Z])(?<![\w-])(?P<c>(?!(?:The|A|An|Armed|Local|Rival|Suspected|Unknown|Unidentified|Nomadic|Some|Several|Many|"
    r"Other|Both|All|These|Those|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Dozens|Hundreds)\b)"
    r"[A-Z][a-z'’]+(?<!ist))\s+"
    r"(?P<i>militia(?:s|men)?|tribesm[ae]n|clansmen|herdsm[ae]n|herders)\b")
#: the two communities of a communal clash: "clashes between the Hausa and the Yoruba communities", "fighting
#: between Fulanis and Bambaras"
_BETWEEN_RE = re.compile(
    r"\bbetween\s+(?:the\s+)?(?P<a>[A-Z][\w'’-]+?)s?\s+and\s+(?:the\s+)?(?P<b>[A-Z][\w'’-]+?)s?"
    r"(?=\s+(?:ethnic\s+)?(?:communities|community|ethnic\s+groups|groups|tribes|clans|sub-clans|people|herdsmen|"
    r"herders|farmers|militias)\b|[\s,.;])")
_MILITIA_KIND = {"clan": "Clan Militia", "ethnic": "Ethnic Militia", "tribal": "Ethnic Militia",
                 "community": "Ethnic Militia", "tribe": "Ethnic Militia", "communal": "Communal Militia"}
#: a state's forces named by the country's adjective: "Kenyan fighter jets", "Malian soldiers", "Turkish border
#: guards", "a Sudanese Air Force Antonov", "Saudi-led airstrikes", "a Saudi-led coalition"
_FORCES_RE = re.compile(r"\b(?P<d>[A-Z][a-z]+(?:-(?!led\b)[A-Z]?[a-z]+)?)(?:-led)?\s+(?:security\s+|armed\s+|government\s+|"
                        r"special\s+|border\s+|military\s+)?(?i:troops|soldiers|forces|army|military|police(?:men)?|"
                        r"gendarmes|guards|fighter\s+jets|warplanes|jets|aircraft|drones?|navy|air\s+force|coalition|"
                        r"air\s*strikes?|air\s+raids?)\b")
#: the words of an identity militia's name (docs/typology.md): ACLED's actor type 4
IDENTITY_RE = re.compile(r"(?:Clan|Ethnic|Communal) Militia$")

#: "attributed the attack to X", "blamed on X", "carried out by X", "attribuée à X"
_ATTRIBUTED_RE = re.compile(
    r"(?:attributed|blamed)\s+(?:(?:the|this)\s+)?(?:\w+\s+){0,2}?(?:to|on)\s+|"
    r"(?:suspected|believed|thought|said)\s+to\s+(?:be|have\s+been)\s+(?:(?:carried\s+out|perpetrated|committed|"
    r"behind|responsible)(?:\s+by)?\s+|(?:members\s+of\s+)?(?=(?:the\s+)?[A-Z]))|"
    r"(?:attribu[ée]e?s?|imput[ée]e?s?)\s+(?:aux?|à)\s+", re.I)
#: the nouns that end an armed group's name ("Fulani extremists", "Boko Haram fighters")
_ARMED_NOUNS = r"extremists|militants|militia|insurgents|separatists|rebels|jihadists|fighters"
_NAME_RE = re.compile(r"(?:the\s+|l['’]|les\s+|des\s+)?(?P<n>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|the|al|wal|and|"
                      rf"for|in|de|du|des|la|{_ARMED_NOUNS}|"
                      r"gunmen|cattle|herders|herdsmen|tribesmen|militiamen))*)")
#: a people's name before herders or tribesmen: an identity militia
_HERDERS_RE = re.compile(r"([A-Z][\w'’-]+)\s+(?:cattle\s+)?(?:herders|herdsmen|tribesmen|militia|militiamen)")
#: the group named before the words of suspicion: "Boko Haram was suspected", "The ADF were blamed",
#: "Fulani extremists were believed responsible" (GTD attributes an attack to a group its sources suspect)
_SUSPECTED_AFTER_RE = re.compile(
    r"(?:^|(?<=[.;:]\s)|(?<=\n))(?:the\s+|l['’]|les\s+)?(?P<n>[A-Z][\w'’.()-]*(?:\s+(?:[A-Z(][\w'’.()-]*|of|the|al|wal|and|"
    rf"{_ARMED_NOUNS}))*)\s+(?:was|were|is|are)\s+"
    r"(?:also\s+|widely\s+|initially\s+)?(?:suspected|blamed|believed\s+(?:to\s+be\s+)?responsible|held\s+responsible|"
    r"soupçonnée?s?|suspectée?s?)\b", re.M)

_ARMED_NAME_END_RE = re.compile(rf"\b(?:{_ARMED_NOUNS})$")


def _armed_group_in(name: str) -> Actor | None:
    """The first group of the actor table (not a state, its forces or an organisation) that some
    words of ``name`` name, longest first: "suspected Boko Haram fighters" -> Boko Haram."""
    table = actor_table()
    words = name.split()
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            known = table.lookup(" ".join(words[i:j]))
            if known is not None and table.kinds.get(known[0]) not in ("state", "state force", "organization"):
                return Actor(known[0], [" ".join(words[i:j]), *known[1]])
    return None


#: words between a state's name and the attack word that make it no attacker: it speaks, others attacked,
#: or it is the subject of a passive ("police officers were among those killed")
NOT_ACTING_RE = re.compile(r"\b(?:said|says|say|told|reported|according|claimed|announced|stated|confirmed|"
                            r"gunmen|militants|assailants|attackers|fighters|bandits|insurgents|jihadists|"
                            r"terrorists|rebels|armed\s+men|was|were|been|is|are|among|"
                            r"a\s+déclaré|selon|des\s+hommes\s+armés|a\s+été|ont\s+été)\b", re.I)
#: a country's name as a place: "in eastern Mexico", "near Sidon in Lebanon"
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|of|from|near|to|across|into|outside|inside|throughout|with|on|at|towards?|"
                           r"through|en|au|aux|du|de)\s+(?:the\s+)?"
                           r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
                           r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?)$", re.I)
BY_AFTER = re.compile(r"\s+(?:by|par)\b", re.I)
#: "by" a few words after the attack words, in the same phrase: "an attack on two of its communities by"
_BY_SOON = re.compile(r"(?:\s+(?!(?:and|but|as|while|after|before|when|said|says|et|mais)\b)[\w'’-]+){1,6}?\s+(?:by|par)\b",
                      re.I)
_BY_INSIDE = re.compile(r"\s(?:by|par)\b", re.I)
_NEAR_BY = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}")
_BETWEEN_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?between\b", re.I)
#: fighting words whose subject defends ("repelled an attack"): not read as acting first
DEFENSIVE_RE = re.compile(r"repel|repuls|counter|defend|fought|battl|riposte|repouss", re.I)


_CLAIMED_RE = re.compile(r"\b(?:claimed|claims|claiming|has\s+claimed|have\s+claimed|took|takes|has\s+taken|"
                         r"have\s+taken)\s+(?:the\s+)?(?:responsibility|credit|(?:the\s+|both\s+|all\s+|the\s+two\s+)?"
                         r"(?:attacks?|bombings?|blasts?|killings?|assaults?|abductions?))\b|"
                         r"\b(?:said|says)\s+(?:it|they)\s+(?:had\s+)?(?:carried\s+out|was\s+behind|were\s+behind|"
                         r"committed|staged)\b|\brevendiqu\w*", re.I)


def claimed(text: str, sentences: list[tuple[int, int]]) -> tuple[Actor, int, int] | None:
    """The armed group of the actor table named in the same sentence before
    "claimed responsibility" ("A breakaway faction of the Taliban claimed
    responsibility"), with the offsets of the claim's words."""
    table = actor_table()
    for s_start, s_end in sentences:
        for m in _CLAIMED_RE.finditer(text, s_start, s_end):
            groups = [x for x in named_in(text, s_start, m.start())
                      if table.kinds.get(x[2].name) not in ("state", "state force", "organization")]
            if groups:
                return groups[-1][2], groups[-1][0], m.end()
    return None


#: "carried out ... by X", "perpetrated by X", "blamed X for": the group named next is the perpetrator
_DONE_BY_RE = re.compile(r"\b(?:carried\s+out|perpetrated|committed|conducted|orchestrated|masterminded|claimed|"
                         r"commis\w*|perp[ée]tr[ée]\w*|men[ée]e?s?)\b[^.;]{0,120}?\b(?:by|par)\s+|"
                         r"\bblamed\s+(?=(?:the\s+)?[A-Z][^.;]{0,80}?\bfor\b)", re.I)


def _done_by(text: str, start: int, end: int) -> tuple[Actor, int, int] | None:
    """The group of the actor table named within a few words after "carried
    out ... by", "perpetrated by" or "blamed ... for" ("carried out by the
    Basque separatist organisation ETA"), with the offsets of those words; no
    state, no organisation."""
    table = actor_table()
    for m in _DONE_BY_RE.finditer(text, start, end):
        stop = min(end, m.end() + 80, *(i for i in (text.find(".", m.end()), text.find(";", m.end())) if i >= 0))
        groups = [x for x in named_in(text, m.end(), stop)
                  if table.kinds.get(x[2].name) not in ("state", "state force", "organization")]
        if groups:
            return groups[0][2], m.start(), groups[0][1]
    return None


def attributed(text: str, start: int, end: int) -> tuple[Actor, int, int] | None:
    """The group the sources attribute the attack to in ``text[start:end]``,
    with the offsets of the words that say so; an actor of the table when the
    name holds one, else the name as written ("Fulani extremists"); else the
    group the text says carried it out (:func:`_done_by`)."""
    table = actor_table()
    spans = [(m.start(), n) for m in _ATTRIBUTED_RE.finditer(text, start, end)
             if (n := _NAME_RE.match(text, m.end(), end)) is not None]
    # a name before "was suspected" counts when it is an armed group of the table or names armed men
    # ("Fulani extremists were suspected"), never a state's forces or a bare word ("Police were blamed")
    spans += [(m.start(), m) for m in _SUSPECTED_AFTER_RE.finditer(text, start, end)
              if _ARMED_NAME_END_RE.search(m.group("n")) or _armed_group_in(m.group("n")) is not None]
    for at, n in sorted(spans, key=lambda x: x[0]):
        name = re.sub(r"[\s.]+$", "", n.group("n"))
        found = _armed_group_in(name)
        if found is not None:
            return found, at, n.end()
        herders = _HERDERS_RE.fullmatch(name)  # "suspected to be Fulani cattle herders": an identity militia
        if herders is not None and _identity(herders.group(1)):
            return Actor(f"{herders.group(1)} Ethnic Militia", [name]), at, n.end()
        if len(name) > 2 and not (table.lookup(name) and table.kinds.get(table.lookup(name)[0]) == "state"):
            return Actor(name, []), at, n.end()
    return _done_by(text, start, end)


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first word of every name and alias of the actor table (an acronym
    as written, another word folded)."""
    out: set[str] = set()
    for name, aliases in actor_table().entries.values():
        for n in (name, *aliases):
            word = re.split(r"\s+", n.strip())[0].strip(".")
            out.add(word if word.isupper() else actor_key(word))
    return frozenset(out)


def named_in(text: str, start: int, end: int) -> list[tuple[int, int, Actor]]:
    """The actors named in ``text[start:end]``: the actor table's names
    (longest first, then left to right) and militias named by their clan or
    community, as ``(start, end, Actor)`` with the name as written first among
    the aliases: "SNA forces repelled an AS attack" -> the SNA, then AS."""
    table = actor_table()
    starts = _first_words()
    words = [(m.start(), m.end()) for m in re.finditer(r"[\w'’.-]+", text[start:end])]
    out: list[tuple[int, int, Actor]] = []
    i = 0
    while i < len(words):
        first = text[start + words[i][0]:start + words[i][1]].strip(".")
        if first not in starts and actor_key(first) not in starts:  # no name of the table starts so
            i += 1
            continue
        for j in range(min(len(words), i + 8), i, -1):
            phrase = text[start + words[i][0]:start + words[j - 1][1]].strip(".")
            known = table.lookup(phrase)
            if known is not None and (len(phrase) > 3 or phrase.isupper()):
                out.append((start + words[i][0], start + words[i][0] + len(phrase),
                            Actor(name=known[0], aliases=[phrase, *known[1]])))
                i = j - 1
                break
        i += 1
    taken = [(a, b) for a, b, _ in out]
    for m in _FORCES_RE.finditer(text, start, end):  # "Kenyan fighter jets", "Malian soldiers"
        nation = country_by_name(m.group("d"))
        if nation is not None and not any(a < m.end() and m.start() < b for a, b in taken):
            out.append((m.start(), m.end(), Actor(name=nation.name, aliases=[m.group(0)])))
    for m in _MILITIA_RE.finditer(text, start, end):
        name = (m.group("a") or m.group("b") or m.group("c") or "").strip()
        kind = _MILITIA_KIND.get((m.group("k") or m.group("j") or "community").lower(), "Ethnic Militia")
        if name and _identity(name) and not any(a < m.end() and m.start() < b for a, b in taken):
            out.append((m.start(), m.end(), Actor(name=f"{name} {kind}", aliases=[m.group(0)])))
    for m in _BETWEEN_RE.finditer(text, start, end):  # both communities, in the order named
        for g in ("a", "b"):
            if _identity(m.group(g)) and not any(a < m.end(g) and m.start(g) < b for a, b in taken):
                out.append((m.start(g), m.end(g), Actor(name=f"{m.group(g)} Ethnic Militia", aliases=[m.group(g)])))
    return sorted(out, key=lambda x: x[0])


def _identity(name: str) -> bool:
    """Whether ``name`` may name a clan or community: no name of the actor
    table (a group, a state), no country or its people ("Somali herders"),
    no movement ("Islamist")."""
    return actor_table().lookup(name) is None and country_by_name(name) is None and not name.endswith(("ist", "ists"))


def _may_act(name: str) -> bool:
    """An actor that can act in an event: not an organisation, unless ACLED
    names it as a force (a peacekeeping mission: MINUSMA, AMISOM)."""
    table = actor_table()
    if table.kinds.get(name) != "organization":
        return True
    names = table.datasets.get(name)
    return names is not None and bool(names.acled) and names.acled != "United Nations"


def lead_attacker(text: str, sentences: list[tuple[int, int]], attacks: list[tuple[int, int]]
                  ) -> tuple[Actor, list[Actor], tuple[int, int]] | None:
    """In the first sentence holding an attack word (``attacks``: their
    offsets), the actor named nearest before it ("AS militants attacked", "an
    AS attack", "US forces carried out an airstrike"), or after it when "by"
    follows; the other actors of that sentence; the attack word's offsets.
    A state's forces count only when nothing between their name and the attack
    word says they spoke or that others acted ("the army said gunmen
    attacked"), and so does a peacekeeping mission; another organisation (the
    UN, ECOWAS) never. ``None`` when no actor is named so."""
    table = actor_table()
    for s_start, s_end in sentences:
        cues = [(a, b) for a, b in attacks if s_start <= a < s_end]
        if not cues:
            continue
        found = [x for x in named_in(text, s_start, s_end) if _may_act(x[2].name)
                 and not (actor_key(re.sub(r"^the\s+", "", x[2].aliases[0], flags=re.I)) == actor_key(x[2].name)
                          and table.kinds.get(x[2].name) == "state"
                          and _PLACE_BEFORE.search(text[max(s_start, x[0] - 40):x[0]]))]
        for a, b in cues:
            # "by" just after the attack words, a few words on ("an attack on two villages by X"), or inside them
            # ("killed by some Fulani herdsmen")
            by = BY_AFTER.match(text, b)
            near = by is None and (_BY_SOON.match(text, b) or _BY_INSIDE.search(text, a, b))
            if by or near:
                # after a "by" found further on, the actor named within a few words of it ("by some Fulani
                # herdsmen"), not a place named later ("displaced by the conflict in ... Nigeria")
                after = [x for x in found if x[0] >= (by or near).end() and (
                    by is not None or _NEAR_BY.fullmatch(text, (by or near).end(), x[0]))]
                if after:
                    state = table.kinds.get(after[0][2].name) in ("state", "state force", "organization")
                    if state and NOT_ACTING_RE.search(text, b, after[0][0]):  # "by armed men from South Sudan"
                        return None
                    return after[0][2], [x[2] for x in found if x is not after[0]], (a, b)
            if _BETWEEN_AFTER.match(text, b):  # "clashes between the Hausa and the Yoruba communities"
                after = [x for x in found if x[0] >= b]
                if after and not any(table.kinds.get(x[2].name) in ("state", "state force") for x in after[:2]):
                    return after[0][2], [x[2] for x in found if x is not after[0]], (a, b)
            before = [x for x in found if x[0] < a]  # named before, or named where the words begin ("X killed")
            if before:
                pick = before[-1]
                state = table.kinds.get(pick[2].name) in ("state", "state force", "organization")
                if state and NOT_ACTING_RE.search(text, pick[1], a):
                    return None
                return pick[2], [x[2] for x in found if x is not pick], (a, b)
        return None
    return None
