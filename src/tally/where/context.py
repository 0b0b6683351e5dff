"""The countries a text names, weighted: the context the place resolvers weigh
when a name has homonyms in several countries (:func:`context_countries`).
Names inside actor names, after feature words or before admin words do not
count."""

from __future__ import annotations

import re
from collections import Counter

from ..lookup.actors import actor_table
from ..lookup.gazetteer import ADMIN_WORDS, gazetteer, place_key

_CONNECT = r"(?:de|del|de la|la|le|du|des|of|of the|da|do|dos|al|el|bin|ibn|an|ar|as|ash|y)"
_WORD = r"(?:(?:al|el|ad|an|ar|as|ash|ad-|at)-|[dl]['’])?[A-Z][\w.\-]*(?:['’][A-Za-z][\w\-]*)?"  # N'Gourma, N’Djamena
RUN_RE = re.compile(rf"(?<![\w'’-]){_WORD}(?:[ \t]+(?:{_CONNECT}[ \t]+)?{_WORD})*")
POSSESSIVE_RE = re.compile(r"['’]s$")
#: a French elided article or preposition before a name: "l'Ouganda", "d’Arbinda", "jusqu'à"
ELISION_RE = re.compile(r"^(?:[dlDL]|[jJ]usqu|[qQ]u|[lL]orsqu)['’](?=[A-ZÀ-Ý])")


def run_words(m: re.Match) -> tuple[list[str], list[str], list[int]]:
    """The words of a capitalised run (as written, as looked up, and their offsets in the text),
    a French elided article left out of the first ("de l'Ouganda" -> "Ouganda", after "de l'")."""
    raw, offsets = [], []
    for mm in re.finditer(r"\S+", m.group(0)):
        w, at = mm.group(0), mm.start() + m.start()
        el = ELISION_RE.match(w)
        if el:
            w, at = w[el.end():], at + el.end()
        raw.append(w)
        offsets.append(at)
    return raw, [POSSESSIVE_RE.sub("", w).rstrip(".") for w in raw], offsets
_ETHNIC_BEFORE_RE = re.compile(r"\bethnic\s+$", re.I)
_REGION_AFTER_RE = re.compile(r"[ \t]+(?:Region(?:al[ \t]+State)?|State)\b")
STATE_AFTER_RE = re.compile(r"[ \t]+(?:[Ss]tate|Delta|Province|Governorate|Region)\b")  # "Niger State"
_BORDER_AFTER_RE = re.compile(r"[ \t]+(?:border|frontier)", re.I)
_BORDER_BEFORE_RE = re.compile(r"\b(?:borders?|frontiers?)\s+(?:with|of)\s+(?:the\s+)?"
                               r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*(?:,|and)\s+)?$", re.I)
_NOT_HERE_BEFORE_RE = re.compile(r"\b(?:(?:led|backed|supported|funded|armed|sponsored|trained)\s+by"
                                 r"|\bto\s+cross\s+(?:into|to)|fle(?:e|d|eing)\s+(?:to|into)"
                                 r"|(?:on\s+their|on\s+his|on\s+her|their|his|her)\s+way\s+to"
                                 r"|deported\s+to|return(?:ed|ing)?\s+to|refugees\s+from"
                                 r"|(?:fled|fleeing|escaped|escaping)\s+(?:[a-z-]+\s+){0,3}?(?:in|from))\s+(?:the\s+)?$",
                                 re.I)
#: a country a government works with ("travailler avec le Niger et le Burkina Faso", "cooperation with
#: Chad and Niger", "talks with Mali"): a partner, not where it happened
_PARTNER_BEFORE_RE = re.compile(
    r"(?<![\w])(?:work(?:s|ed|ing)?|cooperat\w*|co-operat\w*|collaborat\w*|partnership|talks|ties|relations"
    r"|coordinat\w*|travailler|coopér\w*|collabor\w*|partenariat|relations|dialogue|coordonner)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:with|avec)\s+(?:the\s+|le\s+|la\s+|les\s+|l['’])?"
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*(?:,|and|et)\s+(?:the\s+|le\s+|la\s+|les\s+|l['’])?){0,3}$")
FEATURE_RE = re.compile(r"^(?:Lake|River|Mount|Mt\.?|Gulf|Sea|Bay|Strait|Ocean|Desert|Forest|Valley)\b")
_LED_RE = re.compile(r"-(?:led|backed|based|born|made|owned|run|funded|trained|supported|allied)\b", re.I)
#: "US forces", "French jets", "Chadian and Nigerien troops": a nationality or state named as an actor
_ACTOR_AFTER_RE = re.compile(
    r"(?:[ \t]*(?:,|and)[ \t]+[A-Z][\w'’-]*)*[ \t]+(?i:(?:special|armed|security|military|air|naval|ground|national"
    r"|government|defen[cs]e|fighter|war|coalition)[ \t]+)*(?i:forces|troops|soldiers|army|military|jets|warplanes"
    r"|planes|aircraft|drones?|helicopters|gunships|navy|marines|commandos|air[ \t]+force|peacekeepers"
    r"|contingent|air[ \t]*strikes?|strikes?|battalions?|units?|personnel|force|coalition|warships|artillery"
    r"|tanks|convoys?|patrols?|NGO|NGOs|charity|agency|newspaper|broadcaster|think[ \t-]+tank)\b")
#: the weight of a country named only as an actor ("US forces"): context at most, below any
#: place-like mention (weights under 1 are "soft" context, see :func:`soft_context`)
ACTOR_WEIGHT = 0.25
#: a year right after "in X" ("the insurgency, which began in north-east Nigeria in 2009", "apparu au Mali
#: en 2012"): history told as background, a name like any other rather than where the news happened
_YEAR_AFTER_RE = re.compile(r"[ \t]+(?:in|since|en|depuis)[ \t]+(?:1[89]|20)\d\d(?![\w-])")
_IN_RE = re.compile(r"\b(?:in|into|inside|across|throughout)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$")
#: the same in French: "au Mali", "en Centrafrique", "dans le nord du Burkina Faso"
_IN_FR_RE = re.compile(r"(?<![\w])(?:(?:au|aux|en|dans\s+(?:le|la|les|l['’])|à\s+travers\s+(?:le|la|l['’]))\s*"
                       r"|(?:nord|sud|est|ouest|centre)(?:-(?:nord|sud|est|ouest))?\s+(?:du|de\s+la|de\s+l['’])\s*)$",
                       re.I)


def context_countries(text: str) -> Counter[str]:
    """Countries the text names: ISO3 -> weight (1 a demonym, 2 a name,
    4 a name after "in"; a country named only as an actor, "US forces" or
    "French jets", weighs :data:`ACTOR_WEIGHT`, at most 0.75 in all). Names inside actor names ("Sudan People's
    Liberation Army"), after a feature word ("Lake Chad") or before an
    admin word ("Niger State") do not count."""
    g = gazetteer()
    table = actor_table()
    counts: Counter[str] = Counter()
    for m in RUN_RE.finditer(text):
        raw, words, offsets = run_words(m)
        i = 0
        while i < len(words):
            step = 1
            for j in range(min(len(words), i + 6), i, -1):
                k = place_key(" ".join(words[i:j]))
                c = g.countries.get(k)
                if c is None:
                    if j - i > 1 and table.lookup(" ".join(raw[i:j])) is not None:
                        step = j - i
                        break
                    continue
                step = j - i
                end = offsets[j - 1] + len(words[j - 1])
                if (i > 0 and FEATURE_RE.match(words[i - 1])) or (k not in g.demonyms and (
                        (j == len(words) and STATE_AFTER_RE.match(text, end)) or (
                        j < len(words) and ADMIN_WORDS.search(" " + place_key(words[j]))))):
                    break
                if _LED_RE.match(text, end) or _BORDER_AFTER_RE.match(text, end) or \
                        _BORDER_BEFORE_RE.search(text, max(0, offsets[i] - 60), offsets[i]) or \
                        _NOT_HERE_BEFORE_RE.search(text, max(0, offsets[i] - 60), offsets[i]) or \
                        _PARTNER_BEFORE_RE.search(text, max(0, offsets[i] - 80), offsets[i]):
                    break  # "Saudi-led coalition", "the border with Chad", "work with Niger": not where it happened
                if k in g.demonyms and _ETHNIC_BEFORE_RE.search(text, max(0, offsets[i] - 12), offsets[i]):
                    break  # "ethnic Somalis": a people, not a country
                if _ACTOR_AFTER_RE.match(text, end):  # "US forces", "French jets": who acted, not where
                    if counts[c.iso3] < 1:
                        counts[c.iso3] = min(0.75, counts[c.iso3] + ACTOR_WEIGHT)
                elif k in g.demonyms:
                    region = _REGION_AFTER_RE.match(text, end)
                    other = [e for e in g.lookup(words[i] if j - i == 1 else " ".join(words[i:j]), admin_only=True)
                             if e.level == 1 and e.iso3 != c.iso3] if region else []
                    # "the Somali Regional State" is a region of Ethiopia, not Somalia
                    counts[other[0].iso3 if len({e.iso3 for e in other}) == 1 else c.iso3] += 1
                else:
                    before = text[max(0, offsets[i] - 30):offsets[i]]
                    located = (_IN_RE.search(before) or _IN_FR_RE.search(before)) and not _YEAR_AFTER_RE.match(text, end)
                    counts[c.iso3] += 4 if located else 2
                break
            i += step
    _adjectives(text, g.adjectives, counts)
    return counts


#: before a French demonym adjective, a noun that makes it an actor's nationality
#: ("l'armée malienne", "des soldats tchadiens", "deux ressortissants français"), or a border
_ACTOR_NOUN_FR_RE = re.compile(
    r"(?<![\w])(?:armée|soldats?|militaires?|forces|troupes|gouvernement|autorités|police|policiers"
    r"|gendarmes?|gendarmerie|aviation|avions?|drones?|hélicoptères?|président|ministre|état-major|ambassade"
    r"|diplomates?|ressortissants?|otages?|touristes?|journalistes?|humanitaires?|ingénieurs?|contingent"
    r"|commandos?|patrouilles?|responsables?|officiels?|conseillers?|instructeurs?|partenaires?|alliés"
    r"|casques\s+bleus|(?:garde|défense|sécurité)\s+nationale|justice|médias|presse|opposition"
    r"|ONG|organisation|agence|institut|société|entreprise|quotidien|journal|chaîne|radio|télévision)"
    r"(?:\s+(?:[a-zà-ÿ-]+\s+){0,2}?)?\s*$", re.I)
_BORDER_FR_RE = re.compile(r"(?<![\w])frontières?\s+$", re.I)
_ADJ_RE_CACHE: dict[int, re.Pattern[str]] = {}


def _adjectives(text: str, adjectives: dict[str, str], counts: Counter[str]) -> None:
    """French demonym adjectives, written in lower case: "le nord malien", "la
    capitale tchadienne" weigh 1 like a demonym; "l'armée malienne", "des
    soldats nigériens" name an actor (:data:`ACTOR_WEIGHT`); "la frontière
    nigérienne" names a border, not where it happened."""
    if not adjectives:
        return
    rx = _ADJ_RE_CACHE.get(id(adjectives))
    if rx is None:
        words = sorted(adjectives, key=len, reverse=True)
        rx = _ADJ_RE_CACHE[id(adjectives)] = re.compile(
            r"(?<![\w'’-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")
    for m in rx.finditer(text):
        iso3 = adjectives[m.group(0)]
        before = text[max(0, m.start() - 40):m.start()]
        if _BORDER_FR_RE.search(before):
            continue
        if _ACTOR_NOUN_FR_RE.search(before):
            if counts[iso3] < 1:
                counts[iso3] = min(0.75, counts[iso3] + ACTOR_WEIGHT)
        else:
            counts[iso3] += 1


def soft_context(context: Counter[str]) -> tuple[Counter[str], Counter[str]]:
    """``context`` split into (countries named as places, countries named
    only as actors): the second ("US forces") is a tie-break at most."""
    strong = Counter({k: w for k, w in context.items() if w >= 1})
    soft = Counter({k: w for k, w in context.items() if 0 < w < 1})
    return strong, soft


#: a country named this many times less than the text's main country (or less still) holds no small homonyms
MINOR_COUNTRY = 2


def major_countries(context: Counter[str]) -> Counter[str]:
    """The countries of ``context`` not named :data:`MINOR_COUNTRY` times less than the text's
    main country (all of them when none weighs 4, a name after "in"): a town or village of a
    minor one (a French village named like a Sahel one, in a report on Niger that mentions French jets) is a homonym
    abroad, while its regions and big cities stay readable."""
    top = max(context.values(), default=0)
    if top < 4:
        return context
    return Counter({k: w for k, w in context.items() if w * MINOR_COUNTRY > top})
