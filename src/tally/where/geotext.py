"""Place names in running text (reports without an infobox) -> Places.

Capitalised runs of the text are looked up in the gazetteer (exact names
and aliases; spelling variants only inside a country the text names).
Countries named in the text (names, demonyms such as "Afghan") restrict
the candidates; without any, a place must be cued ("in X", "the city of X")
and populous enough. One regex pass and dict lookups per document: no
spaCy parse, well under a millisecond for a short report.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from ..lookup.actors import actor_table
from ..lookup.gazetteer import ADMIN_WORDS, DIRECTIONS, Country, Entry, gazetteer, key_variants, place_key, skeleton
from ..lookup.placenames import ending_variant
from ..model import Place
from .context import (FEATURE_RE, POSSESSIVE_RE, RUN_RE, STATE_AFTER_RE, context_countries, major_countries, run_words,
                      soft_context)
from .places import choose, country_place, km, nearest_place, to_place

_CONNECTORS = {"de", "del", "la", "le", "du", "des", "of", "the", "da", "do", "dos", "al", "el", "bin", "ibn",
               "an", "ar", "as", "ash", "y"}
_CUE_RE = re.compile(
    r"(?:\b(?P<prep>in|at|near|outside|from|into|around|across|towards?|between|inside|of|on|and|to|bombed|shelled|raided|stormed|attacked|struck|overran|captured|besieged)"
    r"|\b(?P<kind>city|town|village|villages|district|province|capital|region|state|area|neighbou?rhood"
    r"|suburb|camp|market|county|municipality|township|locality|settlement|community|port|outskirts|mayor))"
    r"(?:[ \t]+(?:the|of|northern|southern|eastern|western|central|north|south|east|west|north-?eastern"
    r"|north-?western|south-?eastern|south-?western|restive|remote|troubled|rural|border))*[ \t]*$", re.I)
# the same cues in French reports: "à Konduga", "dans la province du Nord-Kivu", "près de Rutshuru",
# "la localité de Mamove", "le cercle de Niono"
_CUE_FR_RE = re.compile(
    r"(?:(?<![\w])(?P<prep>à|au|aux|dans|près\s+d[e'’]|non\s+loin\s+d[e'’]|vers|depuis|entre|sur"
    r"|(?:kilomètres|km)(?:\s+au\s+(?:nord|sud|est|ouest)(?:-(?:est|ouest))?)?\s+d[e'’])"
    r"|\b(?P<kind>ville|village|localité|quartier|commune|cercle|région|province|territoire|département|secteur"
    r"|chefferie|groupement|site|camp|marché|arrondissement|préfecture|sous-préfecture|chef-lieu|capitale|environs"
    r"|maire|bourgmestre))"
    r"(?:[ \t]+(?:la|le|les|de|du|des|nord|sud|est|ouest|centre|même)|[ \t]+(?:l|d)['’])*[ \t]*(?:(?<=['’])|$)", re.I)
#: the admin words written before a name ("la région de Mopti", "la province du Soum", "the western
#: region of Tillaberi"): the name is the region, as "the Mopti region" is
_ADMIN_KIND_FR_RE = re.compile(r"région|province|préfecture|département|territoire|cercle|arrondissement"
                               r"|region|state|county|governorate|department|prefecture|territory", re.I)
_NEAR_RE = re.compile(r"\b(?:near|outside|close to|km|kilometres|kilometers|miles|north of|south of"
                      r"|east of|west of|outskirts of)\b[^.,;]{0,25}$", re.I)
_ADMIN_AFTER_RE = re.compile(
    r"[ \t]+(?P<w>state|province|district|region|governorate|county|department|prefecture|municipality"
    r"|local government area|lga|woreda|zone|division)\b", re.I)
# "Parachinar, capital of Kurram", "Bria, a town 600 km from ...": the name is a place
_APPOSITIVE_RE = re.compile(r",\s+(?:the\s+|an?\s+)?(?:(?:small|remote|provincial|regional|district|state"
                            r"|northern|southern|eastern|western|central|border|coastal|rural|main)\s+)*"
                            r"(?:capital|town|village|city|district|suburb|neighbou?rhood|settlement|locality)\b"
                            # "Kalanga, une bourgade du nord", "Tiwal, un village de ...": the same in French
                            r"|,\s+(?:une?|la|le)\s+(?:petite\s+|grande\s+)?(?:localité|village|ville|commune|bourgade"
                            r"|cité|agglomération|chef-lieu)\b")
_NAMED_AFTER_RE = re.compile(r"\b(?:a|an)\s+(?:[A-Za-z-]+\s+){0,2}?(?:town|city|village|district),\s*$")  # "a Yemeni town, X"
# "a coalition led by Saudi Arabia", "planning to cross into Iran", "fled to Uganda": a country that
# acts or that people head for, not where it happened ("troops crossed into Chad" still counts)
_DIRECTION_RE = re.compile(r"\b(north|south|east|west|north-?east|north-?west|south-?east|south-?west|central)"
                           r"(?:ern)?\b", re.I)
_POSSESSOR_RE = re.compile(r"\b([A-Z][\w ]*?|country)['’]s?\s+(?:(?:far|restive|volatile|troubled|remote|"
                           r"violence-torn|[\w-]+-torn)\s+)?$")
_PEOPLE_RE = re.compile(r"\b[A-Z][a-z]+(?:['’][a-z]+)?\b")
_INSTITUTION_RE = re.compile(r"\b(?:University|College|Hospital|Airport|Stadium|Hotel|Church|Mosque|School"
                             r"|Bank|Party|Association|Ministry|Council|Organi[sz]ation|Company|Agency"
                             r"|Front|Movement|Army|Forces|Brigade|Observatory|Network|Union|Committee)\b")
#: a name before an institution noun in lower case ("Kasoka secondary school", "l'hôpital ... "): the
#: institution's name, often a namesake's; where it stands is said apart ("... school, in Mpondwe")
_INSTITUTION_AFTER_RE = re.compile(r"[ \t]+(?:(?:secondary|primary|high|boarding|technical|community|teaching|general"
                                   r"|district|referral)[ \t]+)?(?:school|college|university|hospital|clinic)\b")
_ORG_RE = re.compile(r"Party|Association|Organi[sz]ation|Front|Movement|Army|Brigade|Union|Committee")
_NGA_RE = re.compile(r"\bLocal Government (?:Area|Council)|\bLGA\b", re.I)
_ETH_RE = re.compile(r"\b(?:woreda|kebele)\b", re.I)
#: admin words that one country uses ("Niono cercle", "Kajo-Keji payam"): a hint when no country is named
_ADMIN_WORD_COUNTRY = [(re.compile(r"\b[A-Z][\w'’-]*\s+cercle\b|\bcercle\s+(?:of|de)\s+[A-Z]"), "MLI"),
                       (re.compile(r"\b(?:payams?|bomas?)\b", re.I), "SSD"),
                       (re.compile(r"\b(?:upazilas?|upazillas?)\b", re.I), "BGD"),
                       (re.compile(r"\bbarangays?\b", re.I), "PHL"),
                       (re.compile(r"\b[A-Z][\w'’-]*\s+[Cc]hiefdom\b"), "SLE"),
                       (re.compile(r"\b[A-Z][\w'’-]*\s+(?:[Tt]erritory|[Tt]erritoire)\s+(?:of|in)\s+(?:North|South)\s+Kivu"
                                   r"|\bgroupement\b", re.I), "COD")]
_LANDMARK_RE = re.compile(r"\b(?:km|kilometres|kilometers|miles|(?:north|south|east|west)(?:-?(?:east|west))?"
                          r"(?:ern)?\s+of|adjacent\s+to|near|outside|close\s+to)\b[^.;]{0,40}$", re.I)
_VENUE_RE = re.compile(r"\b(?:briefing|reporters|journalists|news conference|press conference|summit|talks"
                       r"|speaking|statement|announced|told [a-z]+)\s+(?:[\w-]+\s+){0,2}?in\s+(?:the\s+)?$", re.I)
#: where people were taken or went after the event ("evacuated to", "flown to", "tous évacués à",
#: "s'est rendu dans"), and where a correspondent files from ("notre correspondant à"): not the event's place
_DESTINATION_RE = re.compile(
    r"(?<![\w])(?:(?:evacuated|taken|flown|airlifted|rushed|transferred|transported|brought|moved"
    r"|travel(?:l)?ed|headed|returned|repatriated)\s+(?:[\w-]+\s+){0,3}?to"
    r"|(?:admitted|treated|hospitali[sz]ed)\s+(?:[\w-]+\s+){0,3}?(?:to|in|at)"
    r"|(?:correspondents?|reporters?|envoys?)\s+in"
    r"|(?:sent|dispatched|despatched|deployed|rushed|drafted)\s+(?:[\w-]+\s+){0,3}?from"
    r"|(?:envoyé|dépêché|déployé|acheminé)e?s?\s+(?:[\w-]+\s+){0,3}?(?:de|d['’]|depuis)"
    r"|(?:évacué|transféré|transporté|acheminé|conduit|ramené|rapatrié|hospitalisé|soigné)e?s?\s+(?:[\w-]+\s+){0,3}?"
    r"(?:à|au|aux|vers|dans|en|sur)"
    r"|s['’]est\s+(?:[\w-]+\s+)?rendue?s?\s+(?:[\w-]+\s+){0,2}?(?:à|au|aux|dans|en)"
    r"|(?:correspondante?s?|envoyée?s?\s+spéciale?s?)\s+(?:[\w-]+\s+){0,1}?(?:à|au|en))"
    r"\s+(?:(?:the|la|le|les|l['’])\s*)?(?:[\w-]+\s+){0,2}(?:(?:of|de|du|d['’])\s*)?$", re.I)
#: where the wounded are treated ("a hospital in Kano", "l'hôpital de Gao"): not the event's place,
#: unless the hospital is what was attacked ("the attack on a hospital in Kunduz")
_TREATED_RE = re.compile(r"(?<![\w])(?:hospitals?|clinics?|infirmary|hôpital|hôpitaux|clinique|CHU|centre\s+hospitalier"
                         r"|centre\s+de\s+santé)\s+(?:[\w'’-]+,?\s+){0,3}?(?:in|at|of|de|d['’]|du|à)\s*(?:la\s+|the\s+)?$", re.I)
_HOSPITAL_ATTACKED_RE = re.compile(r"(?:attack\w*|bomb\w*|raid\w*|strikes?|struck|storm\w*|shell\w*|attaqu\w*|assaut"
                                   r"|bombard\w*|frappes?|explosion|into|inside|entered|target\w*|hit|ciblé\w*"
                                   r"|dans|contre)\s+(?:on|against|at|sur|contre|de|du|d['’])?\s*"
                                   r"(?:[\w'’-]+\s+){0,3}$", re.I)
#: a byline, alone on its line: "Jane Doe in Kampala", "By Jane Doe, Kampala", "Par Jean Dupont à Gao"
_BYLINE_RE = re.compile(r"(?:^|\n)[ \t]*(?:By\s+|Par\s+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3}[ \t]*(?:\bin|\bà|,)[ \t]*$")


def _treated_in(text: str, start: int) -> bool:
    """True when the place starting at ``start`` is named as where a hospital is."""
    m = _TREATED_RE.search(text, max(0, start - 80), start)
    return m is not None and not _HOSPITAL_ATTACKED_RE.search(text, max(0, m.start() - 50), m.start())


def _byline(text: str, start: int, phrase: str) -> bool:
    """True when the place named at ``start`` ends a byline line ("Jane Doe in Kampala")."""
    if not _BYLINE_RE.search(text, max(0, start - 80), start):
        return False
    rest = text[start + len(phrase):start + len(phrase) + 4]
    return rest.strip(" \t.") == "" or rest.lstrip(" \t").startswith("\n")


def not_the_scene(text: str, start: int, phrase: str) -> bool:
    """True when the words before the place named ``phrase`` at ``start`` make it somewhere other
    than the event's scene: where something was said ("told a briefing in Geneva"), where people
    were taken or help came from ("evacuated to Gao", "sent from Kaya"), where the wounded are
    treated ("a hospital in Kano"), where a reporter files ("Jane Doe in Kampala"), or a landmark
    far away ("some 355 km from the capital")."""
    return bool(_VENUE_RE.search(text, max(0, start - 60), start)
                or _DESTINATION_RE.search(text, max(0, start - 80), start) or _treated_in(text, start)
                or _byline(text, start, phrase) or _far_from(text[max(0, start - 60):start]))


_STOP = {
    "the", "a", "an", "at", "in", "on", "of", "and", "but", "he", "she", "it", "they", "we", "his", "her",
    "their", "this", "that", "these", "those", "there", "police", "army", "president", "minister",
    "government", "security", "military", "officials", "official", "local", "state", "province", "district",
    "region", "city", "town", "village", "north", "south", "east", "west", "central", "unidentified",
    "armed", "gunmen", "suspected", "islamic", "islamist", "muslim", "christian", "christians", "shiite",
    "sunni", "kurdish", "fulani", "arab", "african", "union", "united", "nations", "national", "according",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "mr", "mrs", "dr", "gen", "col", "capt", "sgt", "lt", "maj", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "at least", "some", "many", "several", "about", "after",
    "before", "during", "when", "while", "although", "however", "meanwhile", "following", "since", "also",
    "reuters", "afp", "ap", "bbc", "cnn", "un", "red", "cross", "ministry", "interior", "defence", "defense",
    "health", "hospital", "doctors", "witnesses", "residents", "sources", "media", "news", "agency",
    "council", "committee", "commission", "forces", "troops", "soldiers", "rebels", "militants", "militia",
    "group", "party", "front", "movement", "court", "church", "mosque", "school", "university", "market",
    "independent", "democratic", "republic", "people", "peoples", "liberation", "popular", "revolutionary",
    "human", "rights", "watch", "amnesty", "international", "world", "global", "new", "old", "saint", "st",
    "victoria", "mercy", "hope", "justice", "police station", "imam", "sheikh", "emir", "governor",
    "spokesman", "spokesperson", "commander", "chief", "leader", "general", "colonel", "captain", "major",
    "bishop", "pastor", "father", "king", "prince", "queen", "lord", "sir", "al", "el", "bin", "ibn",
    "federal", "northern", "southern", "eastern", "western", "upper", "lower", "greater", "grand",
    "old city", "new city", "city centre", "downtown", "centre", "center",
}


#: "la capitale malienne", "la capitale" (French: the adjective after the noun)
_CAPITAL_FR_RE = re.compile(r"(?<![\w])capitale(?:\s+(?P<adj>[a-zà-ÿ-]+))?(?!\s+(?:de|du|des|d['’])\b)", re.I)
_CAPITAL_RE = re.compile(r"\b(?:the\s+)?(?:(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)(?:['’]s?)?\s+)?capital\b(?!\s+(?:of|city\s+of)\b)")


@dataclass(slots=True)
class Mention:
    """A gazetteer hit in running text."""

    phrase: str
    start: int
    cands: list[Entry]
    cue: int          # 0 none, 1 a preposition ("in X"), 2 a place word ("the town of X")
    admin_hint: bool  # "X Province", "X state"
    near: bool
    partial: bool     # only part of a longer capitalised run ("Ula" of "Ula Upata")
    org: bool = False  # the head of an institution's name ("Aden" of "Aden Clerics Association"): a hint only


def mentions(text: str, actor_countries: Counter[str] | None = None) -> list[Mention]:
    """Capitalised runs of ``text`` that name gazetteer places or subdivisions
    (countries and actor names excluded), longest match first. The countries
    of the actors met on the way ("Boko Haram": NGA) are added to
    ``actor_countries`` when given."""
    g = gazetteer()
    table = actor_table()
    out: list[Mention] = []
    paths = [pm.span(1) for pm in _PATH_RE.finditer(text)] if "(" in text else []
    for m in RUN_RE.finditer(text):
        raw, words, offsets = run_words(m)
        if FEATURE_RE.match(words[0]) and len(words) > 1:
            continue
        consumed = -1  # index of the last word taken by a match (or skipped as a name)
        inst = [n for n, w in enumerate(words) if _INSTITUTION_RE.fullmatch(w)]
        if inst:  # "Aden Clerics Association of ...": the words up to the institution name none
            for j in range(min(inst[-1], 3), 0, -1):  # ... but its head may hint at the country
                k = place_key(" ".join(words[:j]))
                if len(k) >= 4 and k not in _STOP and k not in g.countries and (k in g.places or k in g.admins):
                    out.append(Mention(phrase=" ".join(words[:j]), start=offsets[0], cands=g.lookup(k),
                                       cue=0, admin_hint=False, near=False, partial=False, org=True))
                    break
            consumed = inst[-1] + (1 if inst[-1] + 1 < len(words) and words[inst[-1] + 1] == "of" else 0)
            if _ORG_RE.fullmatch(words[inst[-1]]) and consumed > inst[-1]:
                # "Democratic Party of Iranian Kurdistan": the whole run is the organisation's name
                consumed = len(words) - 1
        i = consumed + 1
        held = -1  # index of the word right after a region in the possessive
        while i < len(words):
            found = None
            if words[i] in _CONNECTORS:  # a connector ("of", "de") starts no name
                i += 1
                continue
            for j in range(min(len(words), i + 5), i, -1):
                phrase = " ".join(words[i:j])
                k = place_key(phrase)
                if k in _STOP or len(k) < 3:
                    continue
                if k in g.countries and (k in g.demonyms or not STATE_AFTER_RE.match(
                        text, offsets[j - 1] + len(words[j - 1]))):
                    found = (j, None)
                    if j < len(words) and k not in g.demonyms and POSSESSIVE_RE.search(raw[j - 1]):
                        held = j  # "in Mali's Mopti", "in CAR's Bangassou": the country holds the name after it
                    break
                known = table.lookup(" ".join(raw[i:j]))
                if known is not None:
                    if actor_countries is not None and known[0] in table.countries:
                        actor_countries[table.countries[known[0]]] += 1
                    found = (j, None)
                    break
                alt = ending_variant(k)
                if k in g.admins or k in g.places or ADMIN_WORDS.search(k) or (
                        " " in k and any(v in g.places or v in g.admins for v in key_variants(k)[1:])) or (
                        alt is not None and (alt in g.places or alt in g.admins)) or g.variant_rows(k):
                    cands = g.lookup(phrase)
                    if cands:
                        found = (j, cands)
                        break
            if found is None:
                pair = _compound(text, words[i], offsets[i])
                if pair:  # "the Gao-Ansongo road": two places, the road between them
                    out.extend(pair)
                    consumed = i
                    i += 1
                    continue
            if found is None:
                found = _unknown_name(text, words, offsets, i)
            if found is None:
                i += 1
                continue
            j, cands = found
            if cands is None:  # a country or an actor: skip its words
                consumed = j - 1
                i = j
                continue
            if words[i] == "The" and j > i + 1 and place_key(" ".join(words[i:j])) not in g.places:
                # "The Kano State government": the name is "Kano State" (but "The Hague" is a name)
                rest = g.lookup(" ".join(words[i + 1:j]))
                if rest:
                    i, cands = i + 1, rest
            phrase = " ".join(words[i:j])
            start = offsets[i]
            end = offsets[j - 1] + len(words[j - 1])
            after = _ADMIN_AFTER_RE.match(text, end) if j == len(words) else None
            before = text[max(0, start - 60):start]
            cue = _CUE_RE.search(before) or _CUE_FR_RE.search(before)
            # "Zamfara's Maru area", "Kwara's Lafiagi town": a region in the possessive holds the name after it
            container = j < len(words) and bool(POSSESSIVE_RE.search(raw[j - 1])) and any(e.level for e in cands)
            out.append(Mention(
                phrase=phrase, start=start, cands=cands,
                cue=2 if ((j == len(words) and (_APPOSITIVE_RE.match(text, end) or _KIND_AFTER_RE.match(text, end)))
                          or _NAMED_AFTER_RE.search(before) or i == held) else
                (0 if cue is None else (2 if cue.group("kind") else 1)),
                admin_hint=bool(after) or bool(ADMIN_WORDS.search(place_key(phrase)))
                or any(a <= start < b for a, b in paths) or container
                or bool(cue and cue.group("kind") and _ADMIN_KIND_FR_RE.fullmatch(cue.group("kind"))),
                near=bool(_NEAR_RE.search(before)), partial=_partial(raw, words, i, j, consumed),
                org=j == len(words) and bool(_INSTITUTION_AFTER_RE.match(text, end))))
            if container:
                held = j
            consumed = j - 1
            i = j
    return out


#: the admin path of event notes, "X village (District, Region)": its parts contain the place named before it
_PATH_RE = re.compile(r"(?<=[\w'’-])[ \t]*"
                      r"\(((?:[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})(?:,[ \t]*[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3}){1,3})\)")
#: "Lafiagi town", "Tse Gabo village", "Niono cercle": a place word right after a name reads it as a place
_KIND_AFTER_RE = re.compile(r"[ \t]+(?:town|village|city|locality|settlement|hamlet|township|community|camp"
                            r"|neighbou?rhood|quarter|suburb|cercle|commune|sub-?county|ward)\b(?![ \t]+(?:of|council)\b)")
#: "the Gao-Ansongo road", "the Jos-Bauchi highway": a road named after the two places it joins
_ROAD_AFTER_RE = re.compile(r"[ \t]+(?:road|highway|motorway|expressway|axis|route|corridor|railway|rail[ \t]+line)\b", re.I)


def _compound(text: str, word: str, start: int) -> list[Mention]:
    """The two places of a hyphenated road name ("the Gao-Ansongo road"), each
    kept to the country both share when they share exactly one; the first
    named is the likelier place of the incident, both near a road."""
    parts = word.split("-")
    if len(parts) != 2 or not all(len(p) >= 3 and p[:1].isupper() for p in parts) \
            or not _ROAD_AFTER_RE.match(text, start + len(word)):
        return []
    g = gazetteer()
    cands = [g.lookup(p) for p in parts]
    if not all(cands):
        return []
    common = {e.iso3 for e in cands[0]} & {e.iso3 for e in cands[1]}
    if len(common) == 1:
        cands = [[e for e in c if e.iso3 in common] for c in cands]
    return [Mention(phrase=p, start=start + (len(parts[0]) + 1) * n, cands=c, cue=2 - n, admin_hint=False,
                    near=True, partial=False) for n, (p, c) in enumerate(zip(parts, cands))]


def _unknown_name(text: str, words: list[str], offsets: list[int], i: int) -> tuple[int, list[Entry]] | None:
    """An unknown name worth a spelling-variant lookup later: "Konduz Province"
    (a name and an admin word) or a cued single word ("in Konduz")."""
    for j in (i + 2, i + 3):
        if j <= len(words) and ADMIN_WORDS.search(" " + place_key(words[j - 1])) \
                and not any(place_key(w) in _STOP for w in words[i:j - 1]):
            return j, []
    k = place_key(words[i])
    before = text[max(0, offsets[i] - 60):offsets[i]]
    if len(k) >= 4 and k not in _STOP and (_CUE_RE.search(before) or _CUE_FR_RE.search(before)):
        return i + 1, []
    return None


def _partial(raw: list[str], words: list[str], i: int, j: int, consumed: int) -> bool:
    """True when a match sits beside other capitalised words of its run that
    are no stopwords ("Ula" of "Ula Upata"): likely part of a longer name. A full stop after a
    word longer than an abbreviation ends a sentence, and the run with it ("... in Gao. Another
    ..." names Gao; "St. Louis" stays one name)."""
    if j < len(words) and not POSSESSIVE_RE.search(raw[j - 1]) and place_key(words[j]) not in _STOP \
            and not _sentence_end(raw[j - 1]):
        return True
    return (i > 0 and i - 1 > consumed and not POSSESSIVE_RE.search(raw[i - 1])
            and place_key(words[i - 1]) not in _STOP and not _sentence_end(raw[i - 1]))


def _sentence_end(word: str) -> bool:
    """True for a word written with the full stop that ends its sentence ("Gao.", not "St." or "U.S.")."""
    return word.endswith(".") and len(word) > 4 and "." not in word[:-1]


def find_places(text: str, context: Counter[str] | None = None, localities: list[str] | None = None) -> list[Place]:
    """Places named in running text, most likely event location first:
    cued, specific and early mentions rank higher. Countries named in the
    text restrict the candidates; a country alone gives a country place,
    "the capital" its capital. ``localities``, when given, receives the names
    the gazetteer does not know that the text gives as places
    (:func:`unknown_localities`)."""
    g = gazetteer()
    # countries named only as actors ("US forces", "French jets") are a tie-break, never a filter:
    # a place named with a locative cue in another country wins over them
    context, soft = soft_context(Counter(context) if context is not None else context_countries(text))
    actor_countries: Counter[str] = Counter()
    found = mentions(text, actor_countries)
    if not context:
        _derive_context(text, found, actor_countries, context)
    _admin_context(found, context, soft)
    if localities is not None:
        localities.extend(unknown_localities(text, found, context))
    if context:
        soft = Counter()
    named = any(w >= 2 for w in context.values())
    picks: list[tuple[Mention, Entry]] = []
    seen: set[str] = set()
    people = person_names(text)
    for mn in found:
        if mn.org or place_key(mn.phrase) in people:
            continue  # an institution's name; a person's ("le président Jean Mbaye", then "le camp Mbaye")
        entry = _pick_text(mn, context)
        if not context and soft and (entry is None or entry.iso3 not in soft):
            # the actor's country breaks a tie between homonyms, unless the one abroad is a
            # bigger town ("a French convoy near Tessit": Tessit in Mali, not the French village)
            mine = [e for e in mn.cands if e.iso3 in soft]
            alt = _pick_text(replace(mn, cands=mine), soft) if mine else None
            if alt is not None and (entry is None or entry.level > 0 or alt.population >= entry.population):
                entry = alt
        if entry is None and (mn.cue or mn.admin_hint) and not mn.partial:
            # a spelling variant inside an actor's country only for a name that is nowhere as written
            entry = _fuzzy(mn, major_countries(context) or (soft if not mn.cands else Counter()))
        if entry is not None and place_key(mn.phrase) not in seen:
            seen.add(place_key(mn.phrase))
            picks.append((mn, entry))
    if not picks and (context or soft):  # "a Mosul City Council official": the institution's city, as a last resort
        for mn in found:
            inside = [e for e in mn.cands if mn.org and e.iso3 in (context or soft) and e.lat is not None
                      and (e.level == 1 or e.population >= 100000)]
            if inside:
                picks.append((mn, choose(inside) or inside[0]))
                break
    anchors = [e for mn, e in picks if e.level > 0 and e.lat is not None and
               (mn.admin_hint or (e.level == 1 and _follows_a_place(text, mn, picks)))]
    scored: list[tuple[float, int, Place]] = []
    for mn, entry in picks:
        if entry.level in (0, 2) and anchors:  # "Rosario town in Cavite Province": the Rosario near Cavite
            entry = _nearest(mn, entry, anchors)
            if _outside(entry, anchors):
                continue  # "Sarioren in Sanliurfa province", but the only Sarioren known lies elsewhere
        if _wrong_part(text, mn, entry):
            continue  # "Meme, northern Cameroon", but the Meme known lies in the south-west
        score = {0: 3.0, 2: 2.0, 1: 1.5}.get(min(entry.level, 2), 1.0)
        if entry.iso3 in context:
            score += 1.0
        elif entry.iso3 in soft:
            score += 0.5
        elif context:
            score -= 3.0 if named else 1.0
        score += mn.cue - mn.start / 2000.0
        if _LANDMARK_RE.search(text, max(0, mn.start - 60), mn.start) and any(
                other.start < mn.start and e.level != 1 and "." not in text[other.start:mn.start]
                for other, e in picks if other is not mn):
            score -= 2.0  # "Bria, a town 600 km northeast of the capital Bangui": Bangui is a landmark
        if not_the_scene(text, mn.start, mn.phrase):
            continue  # "some 355 km from the capital", "told a briefing in Geneva", "evacuated to Gao", "a hospital in Kano",
            # "Jane Doe in Kampala": where it was said, where they went or were treated, where a reporter is
        place = to_place(mn.phrase, entry, near=mn.near)
        _offset(place, text[max(0, mn.start - 80):mn.start])
        scored.append((score, mn.start, place))
    if context and scored and max(t[0] for t in scored) < 1.2:
        iso3 = context.most_common(1)[0][0]
        scored.append((1.2, 0, _country_part(text, g.by_iso3[iso3])))
    scored.sort(key=lambda t: (-t[0], t[1]))
    places = [p for _, _, p in scored]
    context = context or soft  # with nothing else, the actor's country is the last resort
    if not places and context:
        iso3 = context.most_common(1)[0][0]
        cap = _CAPITAL_RE.search(text)
        cap_fr = _CAPITAL_FR_RE.search(text) if cap is None else None
        if cap is not None or cap_fr is not None:
            who = g.country(cap.group("who") or "") if cap is not None and cap.group("who") else None
            adj = (cap_fr.group("adj") or "").lower() if cap_fr is not None else ""
            owner = who.iso3 if who else g.adjectives.get(adj) or iso3
            capital = g.capital(owner)
            if capital is not None:
                places.append(to_place(capital.name, capital))
        places.append(_country_part(text, g.by_iso3[iso3]))
    return places


#: a title before a person's name, English and French: "President Jean Mbaye", "le ministre Diallo"
_TITLE_RE = re.compile(
    r"(?<![\w])(?:président|présidente|ministre|général|colonel|capitaine|commandant|lieutenant|sergent|"
    r"M\.|Mme|Me|Dr|docteur|imam|abbé|père|président-directeur|porte-parole|"
    r"President|Minister|General|Colonel|Captain|Commander|Lieutenant|Sergeant|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|"
    r"Governor|Gov\.|Senator|Sen\.|Rep\.|Imam|Father|Bishop|Pastor|Chief|spokesman|spokeswoman)"
    r"[ \t]+(?P<name>(?:[A-Z][\w'’-]+[ \t]+){0,2}[A-Z][\w'’-]+)")


def person_names(text: str) -> set[str]:
    """The surnames of the people the text names after a title ("President Jean Mbaye",
    "le ministre Moussa Diallo"), as place keys: a place name never stands for them."""
    out: set[str] = set()
    for m in _TITLE_RE.finditer(text):
        words = m.group("name").split()
        out.add(place_key(words[-1]))
        if len(words) > 1:
            out.add(place_key(" ".join(words)))
    return out


#: an office of a place before its name ("the mayor of X", "le maire de X")
_OFFICE_RE = re.compile(r"(?<![\w])(?:mayor|maire|bourgmestre)\b[^.;]{0,30}$", re.I)


#: a village word right before a name ("the island village X", "le village de X") or in an appositive
#: after it ("X, a fishing village", "X, une localité frontalière")
_VILLAGE_WORDS = r"(?:village|hamlet|settlement|localité|bourgade|hameau)"
_VILLAGE_BEFORE_RE = re.compile(rf"(?<![\w]){_VILLAGE_WORDS}[ \t]+(?:of[ \t]+|de[ \t]+|d['’])?$", re.I)
#: a name right after the subdivision that holds it ("dans la province du Lac, à X", "in the Diffa region,
#: at X"): a place of that subdivision
_AFTER_UNIT_RE = re.compile(r"(?<![\w])(?:province|région|region|state|département|department|cercle|préfecture)"
                            r"[ \t]+(?:du[ \t]+|de[ \t]+(?:la[ \t]+)?|d['’]|of[ \t]+(?:the[ \t]+)?)?[A-ZÀ-Ý][\w'’-]*"
                            r"[ \t]*,[ \t]*(?:à|au|in|at)[ \t]+$", re.I)
_VILLAGE_AFTER_RE = re.compile(rf",[ \t]+(?:a|an|une?|la|le)[ \t]+(?:[\w-]+[ \t]+)?{_VILLAGE_WORDS}\b", re.I)


def _village_abroad(text: str, mn: Mention, named: Counter[str]) -> bool:
    """True when ``mn`` is called a village ("the island village X", "X, une localité") or named
    right after its subdivision ("dans la province du Lac, à X"), and every
    place the gazetteer knows by its name lies outside the countries the text names: a village the
    gazetteer lacks, named like a town abroad (a Congolese city for a village on Lake Chad)."""
    if not named or not mn.cands or any(e.iso3 in named for e in mn.cands):
        return False
    return bool(_VILLAGE_BEFORE_RE.search(text, max(0, mn.start - 40), mn.start)
                or _AFTER_UNIT_RE.search(text, max(0, mn.start - 60), mn.start)
                or _VILLAGE_AFTER_RE.match(text, mn.start + len(mn.phrase)))


def unknown_localities(text: str, found: list[Mention], context: Counter[str] | None = None) -> list[str]:
    """Names the gazetteer does not know that ``text`` gives as places: after a
    place word ("the village of Tamzoura", "à Tamzoura, un village") once, or after a
    locative preposition ("in Tamzoura") twice; most often named first. Function
    words capitalised at a sentence start ("Dans", "In") are none. A village named like
    places abroad only, in a text naming its country (``context``, weight 2 or more), counts
    as unknown too (:func:`_village_abroad`)."""
    counts: Counter[str] = Counter()
    strong: set[str] = set()
    office: set[str] = set()
    first: dict[str, int] = {}
    named = Counter({k: w for k, w in (context or {}).items() if w >= 2})
    for mn in found:
        abroad = bool(mn.cands) and _village_abroad(text, mn, named)
        if (mn.cands and not abroad) or mn.partial or mn.org or not mn.cue or \
                len(mn.phrase) < 4 or mn.phrase.lower() in _function_words() or place_key(mn.phrase) in _STOP:
            continue
        key = place_key(mn.phrase)
        counts[key] += 1
        first.setdefault(key, mn.start)
        if mn.cue == 2 or abroad:
            strong.add(key)
            if _OFFICE_RE.search(text, max(0, mn.start - 40), mn.start):
                office.add(key)  # "the mayor of the nearest town X": a place, after any named as the scene
    names = {place_key(mn.phrase): mn.phrase for mn in reversed(found)}
    keep = [k for k in counts if k in strong or counts[k] >= 2]
    keep.sort(key=lambda k: (-counts[k], k not in strong, k in office, first[k]))
    return [names[k] for k in keep]


def _function_words() -> frozenset[str]:
    """English and French function words (spaCy's stop lists)."""
    global _FUNCTION_WORDS
    if _FUNCTION_WORDS is None:
        from spacy.lang.en.stop_words import STOP_WORDS as EN
        from spacy.lang.fr.stop_words import STOP_WORDS as FR

        _FUNCTION_WORDS = frozenset(EN | FR)
    return _FUNCTION_WORDS


_FUNCTION_WORDS: frozenset[str] | None = None


_BEARING = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225,
            "west": 270, "northwest": 315}
_OFFSET_RE = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>km|kms|kilometres|kilometers|miles|mi)\b\s*(?:\([^)]{1,25}\)\s*)?"
    r"(?:\(?[a-z-]+\)?\s+)?(?P<dir>north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
    r"\s+(?:of|from)\s+(?:the\s+)?(?:(?:[A-Z][\w-]*['’]s|[A-Z][a-z]+(?=\s+capital))\s+)?"
    r"(?:(?:town|city|village|capital)(?:\s+of|,)?\s+)?$", re.I)


#: the same in French: "à 30 km au nord de Gao", "à 15 kilomètres de Djibo" (no bearing: near the place)
_OFFSET_FR_RE = re.compile(
    r"(?<![\w])(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>km|kms|kilomètres)\s+"
    r"(?:(?:au|à\s+l['’])\s*(?P<dir>nord|sud|est|ouest)(?:-(?P<dir2>est|ouest))?\s+)?"
    r"d[eu'’]\s*(?:la\s+)?(?:(?:ville|localité|commune|capitale)\s+d[e'’]\s*)?$", re.I)
_FR_BEARING = {"nord": "north", "sud": "south", "est": "east", "ouest": "west"}
#: a distance with no bearing, English or French ("some 355 km from X", "à 200 kilomètres de X"): beyond
#: :data:`LANDMARK_KM` it places the event nowhere near X, which is a landmark only
_AWAY_RE = re.compile(
    r"(?<![\w])(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>km|kms|kilomet(?:er|re)s|kilomètres|miles)\s+"
    r"(?:(?:away\s+)?from|d[eu'’])\s*(?:the\s+|la\s+)?(?:(?:town|city|capital|ville|capitale)\s+(?:of\s+|d[e'’]\s*)?)?$", re.I)
#: how far a place may lie from the landmark a text measures it from and still be "near" it
LANDMARK_KM = 50


def _far_from(before: str) -> bool:
    """True when ``before`` ends with a distance beyond :data:`LANDMARK_KM` and no bearing."""
    m = _AWAY_RE.search(before)
    if m is None:
        return False
    n = float(m.group("n").replace(",", "."))
    return n * (1.609 if m.group("unit").lower().startswith("mi") else 1.0) > LANDMARK_KM


def _offset(place: Place, before: str) -> None:
    """"45 km east of X", "à 30 km au nord de X": the point moved 45 km east
    of X's, precision "near"; "à 15 km de X" (no bearing) is near X."""
    fr = _OFFSET_FR_RE.search(before)
    if fr is not None and place.lat is not None and place.precision in ("exact", "near"):
        if not fr.group("dir"):
            place.precision = "near"
            return
        bearing = _FR_BEARING[fr.group("dir").lower()] + (_FR_BEARING[fr.group("dir2").lower()] if fr.group("dir2") else "")
        _move(place, float(fr.group("n").replace(",", ".")), bearing)
        return
    m = _OFFSET_RE.search(before)
    if m is None or place.lat is None or place.lon is None or place.precision not in ("exact", "near"):
        return
    _move(place, float(m.group("n")) * (1.609 if m.group("unit").lower().startswith("mi") else 1.0),
          m.group("dir").lower().replace("-", ""))


def _move(place: Place, dist: float, bearing: str) -> None:
    """``place``'s point moved ``dist`` km towards ``bearing`` ("north", "southeast"), precision
    "near"; beyond :data:`LANDMARK_KM` ("120 miles north of the capital") a reporter's round
    figure leaves tens of km of doubt: precision "admin1", the region of the gazetteer's place
    nearest the new point in the same country."""
    if not 0 < dist <= 1000 or place.lat is None or place.lon is None:
        return
    brg = math.radians(_BEARING[bearing])
    lat1, lon1, d = math.radians(place.lat), math.radians(place.lon), dist / 6371.0
    lat2 = math.asin(math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(brg))
    lon2 = lon1 + math.atan2(math.sin(brg) * math.sin(d) * math.cos(lat1), math.cos(d) - math.sin(lat1) * math.sin(lat2))
    place.lat, place.lon = round(math.degrees(lat2), 5), round((math.degrees(lon2) + 540) % 360 - 180, 5)
    place.precision = "near"
    if dist > LANDMARK_KM and place.country_iso3:
        near = nearest_place(place.country_iso3, place.lat, place.lon)
        if near is not None and near.admin1:
            place.precision, place.admin1 = "admin1", near.admin1


def _admin_context(found: list[Mention], context: Counter[str], soft: Counter[str] | None = None) -> None:
    """A named subdivision ("Lahij province", "the Turbat district") whose every reading lies in one country is strong evidence
    of that country, stronger than a demonym ("Emirati warplanes"); so is one whose readings lie in
    several countries but in one only of the countries named as actors ("la province du Lac" and
    "des soldats tchadiens": Chad's Lac, not a Swiss district named "Lac" in French)."""
    if context and max(context.values()) >= 3:
        return  # a country named "in X" or twice outweighs any subdivision reading
    for mn in found:
        if mn.partial or not mn.admin_hint:
            continue
        admins = {e.iso3 for e in mn.cands if e.level > 0 and e.lat is not None}
        if len(admins) > 1 and soft:
            admins &= set(soft)
        if len(admins) == 1:
            context[admins.pop()] += 3


def _country_part(text: str, country: Country) -> Place:
    """The country as a place; at a point in its north, south-east... when the
    text says "northern Cameroon", "Pakistan's northwest" or "the country's east"."""
    place = country_place(country.name, country)
    g = gazetteer()
    for m in _DIRECTION_RE.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        pm = _POSSESSOR_RE.search(before)
        after = [w.rstrip(".,;:'’s") for w in text[m.end():m.end() + 60].split()[:4]]
        named = any(g.countries.get(place_key(" ".join(after[:n]))) is country for n in range(1, 5))
        owner = pm is not None and (pm.group(1).lower() == "country"
                                    or g.countries.get(place_key(pm.group(1))) is country)
        if named or owner:
            point = country.part(m.group(1).lower().replace("-", ""))
            if point is not None:
                place.lat, place.lon = point
            break
    return place


def _derive_context(text: str, found: list[Mention], actor_countries: Counter[str],
                    context: Counter[str]) -> None:
    """Countries for a text that names none: "Borno State", "Lower Shabelle"
    or "Konar province" (a subdivision of one country), Nigerian LGAs,
    Ethiopian woredas, then the theatre of an armed group it names, and last
    the country where a people it names mostly lives."""
    g = gazetteer()
    for mn in found:
        if mn.org:
            continue
        isos = {e.iso3 for e in mn.cands if e.level == 1 or (mn.admin_hint and e.level)}
        if not isos and mn.admin_hint and len(skeleton(place_key(mn.phrase))) >= 3:
            isos = {e.iso3 for e in closest(mn.phrase, g.fuzzy(mn.phrase, None, True))}
        big = any(e.level == 0 and e.population >= 20000 for e in mn.cands)
        if len(isos) == 1 and (mn.admin_hint or (" " in mn.phrase and not big)) and not mn.partial:
            context[isos.pop()] += 1
    if not context:  # "the airports in La Paz and Los Cabos": a many-word name of one country only
        for mn in found:
            isos = {e.iso3 for e in mn.cands}
            if len(isos) == 1 and " " in mn.phrase and mn.cue and not mn.partial:
                context[isos.pop()] += 1
    if _NGA_RE.search(text):
        context["NGA"] += 1
    if _ETH_RE.search(text):
        context["ETH"] += 1
    if not context:
        for rx, iso3 in _ADMIN_WORD_COUNTRY:
            if rx.search(text):
                context[iso3] += 1
                break
    if not context:  # "Baghlan Provincial Council": a first-level region of one country heads an institution's name
        for mn in found:
            isos = {e.iso3 for e in mn.cands if e.level == 1}
            if mn.org and len(isos) == 1:
                context[isos.pop()] += 1
                break
    if not context and actor_countries:
        context[actor_countries.most_common(1)[0][0]] += 1
    if not context:  # "Rohingya villagers", "Tiv farmers": where the people mostly lives
        peoples = Counter(g.peoples[k] for k in map(place_key, _PEOPLE_RE.findall(text)) if k in g.peoples)
        if peoples:
            context[peoples.most_common(1)[0][0]] += 1


def _outside(entry: Entry, anchors: list[Entry]) -> bool:
    """True when every subdivision the text names lies in ``entry``'s
    country, none contains it and none is within 150 km of it: a homonym,
    not the place meant."""
    same = [a for a in anchors if a.iso3 == entry.iso3]
    if not same or len(same) < len(anchors) or entry.lat is None or entry.population >= 1000000:
        return False  # a big city ("in Kabul city") is meant even beside another province
    for a in same:
        if a.admin1 and entry.admin1 and place_key(a.admin1) == place_key(entry.admin1):
            return False
        if km(entry.lat, entry.lon, a.lat, a.lon) <= 150:  # type: ignore[arg-type]
            return False
    return True


_PART_AFTER_RE = re.compile(r"\s*,?\s*(?:in\s+)?(?:the\s+)?(?:far\s+)?(?P<dir>north|south|east|west|north-?east|"
                            r"north-?west|south-?east|south-?west)(?:ern)?\s+(?:part\s+of\s+)?(?P<country>[A-Z][\w'’ -]{2,30})")


def _wrong_part(text: str, mn: Mention, entry: Entry) -> bool:
    return wrong_part(text, mn.start + len(mn.phrase), entry.lat, entry.lon, entry.iso3)


def wrong_part(text: str, end: int, lat: float | None, lon: float | None, iso3: str | None) -> bool:
    """True when the text puts the place ending at ``end`` in a part of its country
    ("Meme, northern Cameroon") and the point found lies in the opposite half of it."""
    m = _PART_AFTER_RE.match(text, end)
    if m is None or lat is None or lon is None:
        return False
    g = gazetteer()
    words = m.group("country").split()
    country = next((c for n in range(len(words), 0, -1) if (c := g.countries.get(place_key(" ".join(words[:n])))) is not None), None)
    if country is None or country.iso3 != iso3 or country.lat is None or country.lon is None:
        return False
    dy, dx = DIRECTIONS[m.group("dir").lower().replace("-", "")]
    return (lat - country.lat) * dy + (lon - country.lon) * dx < 0


def _follows_a_place(text: str, mn: Mention, picks: list[tuple[Mention, Entry]]) -> bool:
    """"Argelia in Cauca", "Argelia, Cauca": a region named right after a place it holds."""
    return any(other.start < mn.start and _IN_REGION_RE.fullmatch(text, other.start + len(other.phrase), mn.start)
               for other, _ in picks if other is not mn)


_IN_REGION_RE = re.compile(r"\s*(?:,|\bin(?:\s+the)?)\s*")


def _nearest(mn: Mention, entry: Entry, anchors: list[Entry]) -> Entry:
    """Among same-named places (or districts) of ``entry``'s country, the one
    inside a first-level region the text names, else the one nearest to a
    subdivision the text names, when one lies within 150 km of it."""
    best, best_km = entry, 150.0
    for e in mn.cands:
        if e.level == entry.level and e.iso3 == entry.iso3 and e.lat is not None:
            for a in anchors:
                inside = a.level == 1 and e.admin1 is not None and place_key(e.admin1) == place_key(a.name)
                d = 0.0 if inside else km(e.lat, e.lon, a.lat, a.lon)  # type: ignore[arg-type]
                if d < best_km:
                    best, best_km = e, d
    return best


def closest(name: str, entries: list[Entry], floor: float = 0.75) -> list[Entry]:
    """The spelling variants most like ``name`` (same consonant skeleton,
    then the highest letter similarity, at least ``floor``): "Konduz" keeps
    Kunduz and drops Canindeyu."""
    from difflib import SequenceMatcher

    key = key_variants(place_key(name))[-1]
    scored = [(SequenceMatcher(None, key, key_variants(place_key(e.name))[-1]).ratio(), e) for e in entries]
    best = max((r for r, _ in scored), default=0.0)
    return [e for r, e in scored if r >= max(floor, best - 0.02)]


def _fuzzy(mn: Mention, context: Counter[str]) -> Entry | None:
    """A spelling variant ("Konduz" for Kunduz), only inside the text's countries."""
    g = gazetteer()
    if context:
        found = g.fuzzy(mn.phrase, context) or (g.fuzzy(mn.phrase, context, True) if mn.admin_hint else [])
        if not found and mn.cue and not mn.admin_hint:  # "in Nemekte": letters swapped or dropped
            found = g.similar(mn.phrase, context)
        return choose(found, mn.admin_hint) if found else None
    return None  # with no country named, spelling variants are too risky


def _pick_text(mn: Mention, context: Counter[str]) -> Entry | None:
    """A candidate for a name found in text, or None when it is too doubtful. A district named as
    one ("la province de X") that the gazetteer holds without a point stands for its first-level
    region (precision ``admin1``), the most precise unit with a point."""
    cands = mn.cands
    if mn.admin_hint and any(e.level >= 2 and e.lat is None for e in cands):
        g = gazetteer()
        cands = [(g.located(e) or e) if e.level >= 2 and e.lat is None else e for e in cands]
    if gazetteer().ambiguous_alternate(cands, context):  # "Quseir": an alternate spelling in two countries
        return None
    if mn.admin_hint and cands and all(e.alternate for e in cands):
        # "Konduz Province": the unit spelt otherwise before a town spelt otherwise (alternates are towns)
        unit = _fuzzy(mn, major_countries(context))
        if unit is not None:
            return unit
    if context:
        # a town or village of a country the text names half as much as another (a French village named
        # like a Sahel one, in a report on Niger that mentions French jets) is a homonym abroad, not the place
        major = major_countries(context)
        inside = [e for e in cands if e.iso3 in major or (
            e.iso3 in context and (e.level > 0 or e.population >= 100000))]
        if inside:
            entry = choose(inside, mn.admin_hint)
            if entry is not None and entry.level == 0 and not mn.admin_hint:
                # a bare name inside a longer one ("Puente" of "Puente del Rey") or uncued
                # ("Ambrosio Soto Duarte") is often a person or a homonym: it must be sizeable
                need = 50000 if mn.partial else (0 if mn.cue else 10000)
                if entry.population < need:
                    return None
            return entry
        if mn.partial or not mn.cue or (mn.cue == 2 and max(context.values()) >= 2):
            return None  # uncued, or "the village of Bangui" in Niger: not the big Bangui abroad
        big = [e for e in cands if e.level == 0 and e.population >= 100000]  # "in Mogadishu"
        return choose(big) if big else None
    if mn.partial:
        return None
    entry = choose(cands, mn.admin_hint)
    if entry is None:
        return None
    if entry.level == 0:
        need = {2: 1000, 1: 20000, 0: 200000}[mn.cue]
        if entry.population >= need:
            return entry
        admins = [e for e in cands if e.level > 0 and e.lat is not None]
        return admins[0] if admins and mn.cue else None
    return entry if (mn.cue or mn.admin_hint) else None
