"""Where: infobox place fields -> Places, and the incident's location.

:func:`resolve_field` reads an infobox ``place``/``location`` value such as
"Faladie and Modibo Keita International Airport, Bamako, Mali": segments run
from specific to general, so they are resolved right to left, each inside
the country, region and city already found. A homonym far from the city it
is said to be in (the Faladié village 70 km from Bamako) is refused and kept
by name only. :func:`pick_location` chooses the incident's location among
the places. Place names in running text are :mod:`tally.where.geotext`'s job.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from ..lookup.disputed import country_code
from ..lookup.gazetteer import ADMIN_WORDS, Country, Entry, gazetteer, place_key
from ..model import Place

PRECISION_RANK = {"exact": 5, "near": 4, "district": 3, "admin1": 2, "country": 1, None: 0}

_FIELD_SKIP_RE = re.compile(r"^(?:various|multiple|several|unknown|across|throughout|near)\b", re.I)


def _precision(entry: Entry, near: bool = False) -> str:
    if entry.level == 1:
        return "admin1"
    if entry.level >= 2:
        return "district"
    return "near" if near else "exact"


def to_place(name: str, entry: Entry | None = None, country: Country | None = None,
             near: bool = False) -> Place:
    """A Place named as written, resolved to ``entry`` (or only to ``country``)."""
    g = gazetteer()
    if entry is not None:
        iso3 = country_code(entry.iso3, entry.admin1, entry.lat, entry.lon)  # disputed territories: docs/geo.md
        c = g.by_iso3.get(iso3 or "")
        return Place(name=name, country=c.name if c else None, country_iso3=iso3,
                     admin1=entry.admin1, lat=entry.lat, lon=entry.lon,
                     precision=_precision(entry, near) if entry.lat is not None else None,
                     geonames_id=entry.geonames_id)
    if country is not None:
        return Place(name=name, country=country.name, country_iso3=country.iso3)
    return Place(name=name)


def country_place(name: str, country: Country) -> Place:
    """A Place for a whole country, at its centroid."""
    iso3 = country_code(country.iso3, None, country.lat, country.lon)  # disputed territories: docs/geo.md
    named = gazetteer().by_iso3.get(iso3 or "", country)
    return Place(name=name, country=named.name, country_iso3=iso3, lat=country.lat,
                 lon=country.lon, precision="country" if country.lat is not None else None)


def km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def choose(cands: list[Entry], admin_hint: bool = False) -> Entry | None:
    """The likeliest of same-named entries: a subdivision when the name said
    "Province" or "State" (or no sizeable place has the name), else the most
    populous place."""
    places = sorted((e for e in cands if e.level == 0), key=lambda e: -e.population)
    admins = sorted((e for e in cands if e.level > 0 and e.lat is not None), key=lambda e: e.level)
    if admin_hint and admins:
        return admins[0]
    if places and (places[0].population >= 20000 or not admins):
        return places[0]
    return admins[0] if admins else (places[0] if places else None)


# --------------------------------------------------------------------------- fields


#: Coordinates written into a place value ("Kabul, Afghanistan 34°31′N 69°11′E / 34.52°N 69.18°E").
_COORD_TEXT_RE = re.compile(
    r"-?\d{1,3}(?:\.\d+)?\s*°\s*(?:\d{1,2}(?:\.\d+)?\s*[′'’]\s*)?(?:\d{1,2}(?:\.\d+)?\s*(?:″|\"|''|’’)\s*)?[NSEW]?"
    r"|-?\d{1,3}\.\d+\s*[;,]\s*-?\d{1,3}\.\d+|\(UTC[^)]*\)")
#: Words that open a place value without being part of its name.
_FIELD_PREFIX_RE = re.compile(r"^(?:(?:near|outside|close to|around|between|in|at|on|the outskirts of|the|(?:small\s+)?"
                              r"(?:village|town|city|hamlet|settlement|commune|locality|area)\s+of)\s+)+", re.I)
#: "Multiple locations in Borno State": the value names the region all the same
_MANY_RE = re.compile(r"^(?:(?:various|multiple|several|many|numerous|different)\s+(?:locations|places|sites|villages"
                      r"|areas|towns|cities|communities|districts|regions|provinces)\s+(?:in|across|throughout|around"
                      r"|of|near)\s+(?:the\s+)?|(?:across|throughout)\s+(?:the\s+)?)", re.I)
_PLURAL_ADMIN_RE = re.compile(r"\s+(regions|provinces|states|districts|governorates|departments|counties|oblasts"
                              r"|prefectures|territories)$", re.I)
_DIRECTION_RE = re.compile(r"^(?:the\s+)?(north|south|east|west|north[- ]?east|north[- ]?west|south[- ]?east"
                           r"|south[- ]?west|central)(?:ern)?\s+(.+)$", re.I)
_NEAR_RE = re.compile(r"(?:near|outside|close to|around|between|the outskirts of)\b", re.I)


def _field_segments(line: str, keep_brackets: bool = False) -> list[str]:
    line = _COORD_TEXT_RE.sub(" ", line)
    line = re.sub(r"\s/\s|\s/$|^\s*/\s", " ", line)
    if keep_brackets:  # "Halle (Saale)": the bracket is part of the name
        line = re.sub(r"\[[^\]]*\]", " ", line)
    else:
        line = re.sub(r"\([^()]*\)|\[[^\]]*\]", " ", line)
    return [s.strip(" .") for s in re.split(r"\s*,\s*", line) if s.strip(" .")]


def _segments(line: str) -> list[str]:
    """The comma-separated parts of one line of a place value; a part with a
    bracket ("Halle (Saale)") keeps it when the gazetteer knows it so."""
    plain = _field_segments(line)
    kept = _field_segments(line, keep_brackets=True)
    if len(kept) != len(plain):
        return plain
    g = gazetteer()
    return [k if k != p and "(" in k and g.lookup(k) else p for k, p in zip(kept, plain)]


def resolve_field(value: str, context: Counter[str] | None = None) -> list[Place]:
    """Places of an infobox place/location value, in the order written; the
    country segment itself is listed only when nothing else is named."""
    g = gazetteer()
    context = context or Counter()
    lines = [part for ln in re.split(r"\s*(?:[\n;]|\s[·•]\s)\s*", value) if ln.strip() for part in _split_at_country(ln)]
    countries = [c for ln in lines for s in _segments(ln) if (c := g.countries.get(place_key(s)))]
    field_country = countries[-1] if countries else None
    if field_country is None:  # "Multiple locations across northern Mali"
        from .context import context_countries

        named = context_countries(value)
        if len(named) == 1:
            field_country = g.by_iso3.get(next(iter(named)))
    out: list[Place] = []
    for line in lines:
        segments = _segments(line)
        country = field_country
        admin1: str | None = None
        anchor: Entry | None = None
        containers: list[Entry] = []  # what the segments to the right resolved to
        resolved: list[list[Place]] = []
        for seg in reversed(segments):
            seg = _MANY_RE.sub("", seg).strip() or seg
            c = g.countries.get(place_key(seg))
            if c is not None:
                country = c
                resolved.append([])
                continue
            part = _part_of_country(seg)
            if part is not None:  # "Northern Mali": the north of the country
                country = g.by_iso3.get(part.country_iso3 or "") or country
                resolved.append([part])
                continue
            near_all = bool(_NEAR_RE.match(seg.strip()) or re.search(r"\bbetween\b", seg, re.I))
            whole = _FIELD_PREFIX_RE.sub("", seg.strip())
            if re.search(r"\s(?:and|&)\s", whole) and _resolve_name(whole, country, admin1, anchor, context,
                                                                    containers) is not None:
                names = [seg]  # "Jammu and Kashmir", "Bosnia and Herzegovina": one name
            else:
                names = [n for n in re.split(r"\s+(?:and|&)\s+|\s*,?\s*/\s*|\s*,\s+", seg) if n.strip()]
                plural = _PLURAL_ADMIN_RE.search(names[-1]) if len(names) > 1 else None
                if plural:  # "Gao and Timbuktu regions": each is a region
                    word = plural.group(1)[:-1] if not plural.group(1).endswith("ies") else plural.group(1)[:-3] + "y"
                    names[-1] = names[-1][:plural.start()]
                    names = [f"{n} {word}" for n in names]
            level: list[Place] = []
            for raw in names:
                near = near_all or bool(_NEAR_RE.match(raw.strip()))
                name = _FIELD_PREFIX_RE.sub("", raw.strip())
                if _FIELD_SKIP_RE.match(name) or not name or _STOPWORD_RE.fullmatch(name):
                    continue
                entry = None
                if name != raw.strip() and not _NEAR_RE.match(raw.strip()):  # "In Amenas", "The Hague"
                    entry = _resolve_name(raw.strip(), country, admin1, anchor, context, containers)
                    if entry is not None:
                        name = raw.strip()
                entry = entry or _resolve_name(name, country, admin1, anchor, context, containers)
                cue = _INNER_CUE_RE.match(name) if entry is None else None
                if cue is not None:  # "Highway N16 near Djibo", "20 km north of Djibo", "Outskirts of Maiduguri"
                    inner = _resolve_name(cue.group("name"), country, admin1, anchor, context, containers)
                    if inner is not None:
                        entry = inner
                        near = near or cue.group("cue").lower() not in ("in", "at")
                if entry is not None:
                    containers.append(entry)
                level.append(to_place(name, entry, country, near=near and entry is not None))
                if entry is not None and len(names) == 1:
                    if entry.level > 0:
                        admin1 = entry.admin1 or admin1
                    elif _namesake_region(name, entry):
                        # "Khan Shaykhun, Idlib, Syria": a container named like its region is the
                        # region; the places in it need not lie within 30 km of its town
                        admin1 = entry.admin1 or admin1
                    else:
                        anchor = entry
                        admin1 = entry.admin1 or admin1
                    if country is None:
                        country = g.by_iso3.get(entry.iso3)
            resolved.append(level)
        for level in reversed(resolved):
            out.extend(level)
    if not out and field_country is not None:
        out.append(country_place(field_country.name, field_country))
    for p in out:  # a country learnt from a later line names earlier unresolved places too
        if p.country_iso3 is None and field_country is not None:
            p.country, p.country_iso3 = field_country.name, field_country.iso3
    return out


#: Words joining a German or English town name to its river or qualifier
#: ("Frankfurt am Main", "Halle (Saale)", "Newcastle upon Tyne"), by which
#: GeoNames names the town that a page calls plain "Frankfurt".
_QUALIFIED_RE = re.compile(r"^(?P<head>.+?) (?:am|an der|an|im|in der|ob der|bei|upon|on|sur|saale|main)\b")
_QUALIFIED: dict[str, list[int]] | None = None


def _qualified(key: str, iso3: str | None) -> list[Entry]:
    """Places whose GeoNames name is ``key`` plus a river or qualifier, in ``iso3``."""
    global _QUALIFIED
    g = gazetteer()
    if _QUALIFIED is None:
        table: dict[str, list[int]] = {}
        for k, rows in g.places.items():
            m = _QUALIFIED_RE.match(k)
            if m:
                table.setdefault(m.group("head"), []).extend(rows)
        _QUALIFIED = table
    found = [g._entry(n) for n in _QUALIFIED.get(key, ())]
    return [e for e in found if iso3 is None or e.iso3 == iso3]


def _resolve_name(name: str, country: Country | None, admin1: str | None, anchor: Entry | None,
                  context: Counter[str], containers: list[Entry] | None = None) -> Entry | None:
    g = gazetteer()
    key = place_key(name)
    admin_hint = bool(ADMIN_WORDS.search(key))
    iso3 = country.iso3 if country else None
    cands = g.lookup(name, iso3, admin1)
    if not cands and key.endswith(" city") and len(key) > 8:  # "Gaza City" is GeoNames' "Gaza"
        cands = g.lookup(name[:-5], iso3, admin1)
    found = _pick(cands, key, admin_hint, admin1, anchor, context, containers, country is None)
    if found is None and not admin_hint:
        qualified = sorted(_qualified(key, iso3), key=lambda e: -e.population)
        found = _pick(qualified, key, admin_hint, admin1, anchor, context, containers, country is None)
    return _with_point(found) if found is not None else None


_STOPWORD_RE = re.compile(r"(?:in|around|and|or|at|near|the|its|their|surrounding|areas?|suburbs|outskirts|environs)"
                          r"(?:\s+(?:in|around|and|or|at|near|the|its|their|surrounding|areas?|suburbs|outskirts|environs))*",
                          re.I)
_INNER_CUE_RE = re.compile(r"^.*?\b(?P<cue>near|outside|close\s+to|between|outskirts\s+of|(?:north|south|east|west)"
                           r"(?:[- ]?(?:east|west))?(?:ern)?\s+of|(?:km|kilometres|kilometers|miles|mi)\s+(?:from|of)"
                           r"|on\s+the\s+road\s+(?:to|from)|in|at)\s+(?:the\s+)?(?:town\s+of\s+|village\s+of\s+|city\s+of\s+)?"
                           r"(?P<name>(?-i:[A-Z])[^,]*)$", re.I)


def _split_at_country(line: str) -> list[str]:
    """"Mogadishu, Somalia & Nairobi, Kenya": two places, each with its country."""
    g = gazetteer()
    m = re.search(r"(?P<c>[^,&]+?)\s+(?:&|and)\s+(?=[^,]+,)", line)
    if m and g.countries.get(place_key(m.group("c"))) is not None and "," in line[:m.start("c")]:
        return [line[:m.end("c")], *_split_at_country(line[m.end():])]
    return [line]


def _part_of_country(seg: str) -> Place | None:
    """"Northern Mali", "north-eastern Nigeria": a point in that part of the country."""
    m = _DIRECTION_RE.match(seg.strip())
    if not m or gazetteer().lookup(seg.strip()):  # "West Darfur", "North Kivu": a region's own name
        return None
    c = gazetteer().countries.get(place_key(m.group(2)))
    if c is None:
        return None
    place = country_place(seg.strip(), c)
    direction = m.group(1).lower().replace(" ", "").replace("-", "")
    point = c.part(direction) if direction != "central" else (c.lat, c.lon)
    if point is not None:
        place.lat, place.lon = point
    return place


def _namesake_region(name: str, town: Entry) -> bool:
    """True when a region of the town's country bears the town's name as written."""
    key = place_key(name)
    return any(e.level > 0 and e.iso3 == town.iso3 and ADMIN_WORDS.sub("", place_key(e.name)).strip() == key
               for e in gazetteer().lookup(name, town.iso3, admin_only=True))


def _with_point(entry: Entry) -> Entry:
    """A subdivision without coordinates of its own ("Bankass Cercle") takes
    its namesake seat's point ("Bankass", in the same region), keeping its
    level; failing that, its first-level region's centroid."""
    if entry.lat is not None or entry.level == 0:
        return entry
    g = gazetteer()
    bare = ADMIN_WORDS.sub("", place_key(entry.name)).strip()
    seats = [e for e in g.lookup(bare, entry.iso3, entry.admin1, place_only=True)
             if e.lat is not None and e.admin1 == entry.admin1 and place_key(e.name) == bare] if bare else []
    if seats:
        seat = max(seats, key=lambda e: e.population)
        return replace(entry, lat=seat.lat, lon=seat.lon)
    return g.located(entry) or entry


def _pick(cands: list[Entry], key: str, admin_hint: bool, admin1: str | None, anchor: Entry | None,
          context: Counter[str], containers: list[Entry] | None, no_country: bool) -> Entry | None:
    """The entry among ``cands`` that a place value's segment means, or None."""
    if not cands:
        return None
    cands = [_with_point(e) if e.lat is None else e for e in cands]
    if no_country and context:
        inside = [e for e in cands if e.iso3 in context]
        cands = inside or cands
    if containers:
        # a part never is the region it is said to lie in ("Menaka, Ménaka Region")
        cands = [e for e in cands if all(c.level == 0 or (e.name, e.level, e.iso3) != (c.name, c.level, c.iso3)
                                         for c in containers)] or cands
    if admin1:
        a1 = place_key(admin1)
        inside = [e for e in cands if e.admin1 and place_key(e.admin1) == a1]
        if not inside:
            # no place of that name in the region the value names: a homonym elsewhere is wrong
            cands = [e for e in cands if e.level > 0]
            if not cands:
                return None
    if anchor is not None:
        # a place said to lie in a city must be near it; a subdivision must contain it
        cands = [e for e in cands if (e.level == 0 and e.lat is not None
                                      and km(e.lat, e.lon, anchor.lat, anchor.lon) <= 30)  # type: ignore[arg-type]
                 or (e.level > 0 and e.admin1 == anchor.admin1 and e.level >= 2)]
    if not admin_hint:
        exact = [e for e in cands if place_key(e.name) == key]
        if exact:
            # "Texas" is the state, not Texas City; "Uvalde" the town, not Uvalde County
            towns = [e for e in exact if e.level == 0]
            if towns and not any(e.level > 0 for e in exact):
                cands = towns
            elif towns and max(towns, key=lambda e: e.population).admin1 and \
                    place_key(max(towns, key=lambda e: e.population).admin1 or "") == key:
                cands = towns  # the town that gives its region its name ("Kidal", "Ménaka")
            else:
                cands = exact
    return choose(cands, admin_hint)


def pick_location(places: list[Place]) -> Place | None:
    """The incident's location among ``places`` (most likely first): the first
    that has coordinates, refined by a more specific place that lies inside it
    (its region holds it, or it is near): "Gwoza, in Borno state" is Gwoza,
    but a town named later that lies elsewhere ("the wounded were taken to
    the capital") does not displace a district or region named first."""
    best: Place | None = None
    for p in places:
        if p.lat is None:
            continue
        if best is None or (PRECISION_RANK[p.precision] > PRECISION_RANK[best.precision] and within(p, best)):
            best = p
    return replace(best) if best else None


def _nearest(iso3: str, lat: float, lon: float, level: int) -> Entry | None:
    """The entry of ``level`` (0 a place, 2 a district) in ``iso3`` whose point lies nearest ``(lat, lon)``."""
    return min(gazetteer().in_country(iso3, level), key=lambda e: km(lat, lon, e.lat, e.lon),  # type: ignore[arg-type]
               default=None)


def nearest_district(iso3: str, lat: float, lon: float) -> Entry | None:
    """The second-level unit (district, LGA, cercle, territory) of ``iso3`` whose point lies
    nearest ``(lat, lon)``: the gazetteer holds points, not boundaries, so this stands for the
    district that holds a place ("Pissila" -> the Sanmatenga province, not the one of the next
    town); None when the country has no such unit."""
    return _nearest(iso3, lat, lon, 2)


def nearest_place(iso3: str, lat: float, lon: float) -> Entry | None:
    """The gazetteer's place of ``iso3`` nearest ``(lat, lon)`` (its first-level region stands for
    the region holding a point that no name gives)."""
    return _nearest(iso3, lat, lon, 0)


#: how far a more specific place may lie from a district or a point it refines (km)
WITHIN_KM = {"district": 60.0, "near": 40.0, "exact": 25.0}


def within(p: Place, container: Place) -> bool:
    """True when ``p`` lies in ``container``: the same country, and the same
    first-level region for a region, or within :data:`WITHIN_KM` of a
    district or a point."""
    if p.country_iso3 != container.country_iso3:
        return False
    if container.precision in ("country", None):
        return True
    if container.precision == "admin1":
        return bool(p.admin1 and container.admin1 and place_key(p.admin1) == place_key(container.admin1))
    if None in (p.lat, p.lon, container.lat, container.lon):
        return False
    return km(p.lat, p.lon, container.lat, container.lon) <= WITHIN_KM.get(container.precision, 25.0)  # type: ignore[arg-type]
