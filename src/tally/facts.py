"""Facts of an incident other than casualties: title, date, places, part-of,
result, sides, perpetrators, targets, related pages and reactions.

:func:`fill_facts` reads the infobox first and falls back to the text (the
lead of a wiki page, the whole of a short report). It runs before the
casualty claims, which use ``incident.sides``. Everything here is regexes and
dict lookups; no spaCy parse.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from datetime import date, timedelta

from .limits import check_time
from .lookup.actors import actor_key, actor_table
from .lookup.gazetteer import country_by_name
from .model import Actor, DateRange, Document, Incident, Place, Side
from .when.dates import find_date, last_day, parse_date, reference_date
from .when.dateline import blank, find_dateline
from .when.furniture import HEAD_CHARS, body_start, captions, page_dates, published, related_links
from .where.context import context_countries
from .where.geotext import find_places, wrong_part
from .where.nerplaces import ner_places
from .where.places import country_place, km, pick_location, resolve_field
from .who.actors import (document_acronyms, make_actor, parse_actors, parse_people, parse_strength,
                         parse_units, split_names)
from .who.reactions import find_reactions

_SIDE_KEY_RE = re.compile(r"^(?P<kind>combatants?|side|belligerents?|parties|party|commanders?|leaders?"
                          r"|units?|strength)(?P<n>\d)(?P<sub>[a-z])?$")
_KIND = {"combatant": "actors", "combatants": "actors", "side": "actors", "belligerent": "actors",
         "belligerents": "actors", "party": "actors", "parties": "actors", "commander": "commanders",
         "commanders": "commanders", "leader": "commanders", "leaders": "commanders", "unit": "units",
         "units": "units", "strength": "strength"}
REPORT_FORMATS = ("csv", "tsv", "jsonl", "text", "html", "feed")
_TITLE_YEAR_RE = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_PERP_KEYS = ("perpetrators", "perpetrator", "perps", "perpetrator(s)", "assailants", "assailant",
              "attackers", "attacker", "perpetrators_and_accomplices")
#: "... during the Guatemalan Civil War", "part of the Boko Haram insurgency": the wider conflict named in the lead
_PART_OF_LEAD_RE = re.compile(
    r"\b(?:during|part\s+of|in\s+the\s+course\s+of|amid|in)\s+the\s+(?P<war>[A-Z][\w'’.-]*\s+(?:(?:[A-Z][\w'’.-]*|of|in)\s+){0,5}"
    r"(?:[Cc]ivil\s+[Ww]ar|War|[Ii]nsurgency|[Cc]onflict|Crisis|Revolution|Uprising|Intifada|Rebellion|Emergency|"
    r"Troubles))\b")
_PAREN_ACR_RE = re.compile(r"\s*\([A-Z][A-Za-z0-9\-]{1,9}\)")
_CLAIM_RE = re.compile(
    r"(?:(?P<a>(?:the\s+)?[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|al|wal|of|the))*)\s+(?:\w+\s+){0,2}?"
    r"claimed\s+(?:responsibility|the\s+attack)"
    r"|(?:claimed|carried out|blamed on|attributed to|by)\s+(?:by\s+)?(?:the\s+)?(?:suspected\s+|Islamist\s+"
    r"|militant\s+|armed\s+)*(?:group\s*,?\s*)?(?P<b>[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|al|wal|of|the))*))")


def fill_facts(doc: Document, incident: Incident) -> None:
    """Fill ``incident`` with everything but casualties, from ``doc``. A news
    report's dateline ("KANO, May 3 (Reuters) -") is read as the report's date
    and filing place, not as the event's: its date resolves "on Sunday", its
    place counts only when the text names no other."""
    filed = doc
    doc = _without_dateline(doc, incident.language)
    ib = doc.infobox
    lead = _lead(doc)
    acronyms = document_acronyms(doc.text[:20000])

    if not incident.title:
        named = ib.get("conflict", "title", "name") if ib else None
        incident.title = named.value.strip() if named else doc.title
    check_time("facts: before the date")
    incident.date = _date(doc, lead, incident.title, incident.language) or DateRange()
    check_time("facts: after the date")
    incident.places, incident.location = _places(doc, lead, incident.title)
    if filed is not doc and (incident.location is None or incident.location.country_iso3 is None):
        places, at_filing = _places(filed, _lead(filed), incident.title)
        unknown = incident.location  # a village the gazetteer does not know, in no country the body names
        incident.places, incident.location = places, at_filing
        if unknown is not None and at_filing is not None and at_filing.country_iso3:
            # the filing place gives the country only: the village is not the reporter's town
            c = country_by_name(at_filing.country or "")
            if c is not None:
                incident.location = country_place(c.name, c)
                incident.location.locality = unknown.locality
    check_time("facts: after the places")
    if ib is not None:
        part = ib.get("partof")
        incident.part_of = _first_line(part.value) if part else None
        result = ib.get("result", "outcome", "status")
        incident.result = result.value.strip() if result else None
        incident.sides = _sides(doc, acronyms)
        incident.perpetrators = _infobox_perpetrators(ib, acronyms)
        target = ib.get("target", "targets")
        incident.targets = split_names(target.value, keep_and=True) if target else []
    if incident.part_of is None:
        incident.part_of = next((ln.target for ln in doc.links if ln.kind == "part_of"), None)
    if incident.part_of is None:
        m = _PART_OF_LEAD_RE.search(lead[:3000])
        incident.part_of = m.group("war") if m else None
    if not incident.perpetrators and (ib is None or not incident.sides):
        incident.perpetrators = text_perpetrators((doc.text if ib is None else lead)[:5000], acronyms)
    check_time("facts: after the sides and perpetrators")
    incident.related = _related(doc)
    incident.reactions = find_reactions(doc, incident.date)


_HEAD_COUNT_RE = re.compile(r"^(?:(?:about|around|approximately|some|at\s+least|over|more\s+than|up\s+to|"
                            r"c\.|ca\.|~)\s*)?\d[\d,]*\b", re.I)


def _infobox_perpetrators(ib, acronyms: dict[str, str]) -> list:
    """The first perpetrator field that names someone: "Assailants: about 450
    paramilitaries" or "Attackers: 9 (3 teams of 3)" is a head count, not a name."""
    for key in _PERP_KEYS:
        f = ib.get(key)
        if f is None:
            continue
        actors = [a for a in parse_actors(f.value, acronyms) if not _HEAD_COUNT_RE.match(a.name)]
        if actors:
            return actors
    return []


def _without_dateline(doc: Document, language: str | None) -> Document:
    """``doc`` with a news report's page furniture blanked (offsets kept): its
    dateline ("KANO, May 3 (Reuters) -") and the dates at the top of the page
    (a date line, a byline, "Updated: ...": :mod:`tally.when.furniture`); when
    the input gives no date, their date is the report's own."""
    if doc.infobox is not None or doc.format not in REPORT_FORMATS:
        return doc
    ref = reference_date(doc.meta)
    text = doc.text
    furniture = page_dates(text, language)
    for f in furniture:
        text = blank(text, f.start, f.end)
    for start, end in captions(text) + related_links(text):  # a photo caption's place and year are the
        text = blank(text, start, end)  # picture's; a link's, another article's
    year = ref.year if ref else None
    at = body_start(text)
    # the capitals-and-dash form first, at the top or where the prose starts ("WASHINGTON — ..." under
    # a headline); only then "Place: ..." (a headline such as "Officials: 3rd guard dies" is no place)
    dl = None
    starts = (0, at) if at else (0,)
    for colon, where in ((colon, where) for colon in (False, True) for where in starts):
        if dl is None:
            dl = find_dateline(text[where:where + 400], language, year=year, colon=colon)
            if dl is not None:
                dl.start, dl.end = dl.start + where, dl.end + where
    if dl is None:  # below a page's boilerplate paragraphs: the capitals-and-dash form opening any line of the head
        for m in re.finditer(r"\n[ \t]*(?=[A-ZÀ-Ý]{3})", text[:HEAD_CHARS]):
            dl = find_dateline(text[m.end():m.end() + 400], language, year=year, colon=False)
            if dl is not None and dl.start == 0:  # the line opens with it
                dl.start, dl.end = dl.start + m.end(), dl.end + m.end()
                break
            dl = None
    if dl is not None:
        text = blank(text, dl.start, dl.end)
    if text is doc.text:
        return doc
    day = (dl.published if dl is not None else None) or published(furniture)
    meta = doc.meta if ref is not None or day is None else {**doc.meta, "date": day.isoformat()}
    return dataclasses.replace(doc, text=text, meta=meta)


def _lead(doc: Document) -> str:
    """The lead section's text (the whole text when there are no sections)."""
    for s in doc.sections:
        if s.name.lower() == "lead":
            return doc.text[s.start:s.end]
    return doc.text[:5000]


def _first_line(value: str) -> str | None:
    lines = [ln.strip() for ln in re.split(r"[\n;]", value) if ln.strip()]
    return lines[0] if lines else None


# --------------------------------------------------------------------------- when


def _date(doc: Document, lead: str, title: str | None, language: str | None = None) -> DateRange | None:
    ref: date | None = reference_date(doc.meta)
    ib = doc.infobox
    if ib is not None:
        field = ib.get("date", "dates", "start_date", "time", "date_of_attack", "period")
        if field is not None:
            found = parse_date(field.value, ref, language)
            if found is not None:
                found = _finer_in_lead(found, lead, language) if found.precision in ("year", "month") else found
                found.rule = "infobox"
                return found
    report = doc.infobox is None and doc.format in REPORT_FORMATS
    text = doc.text if report else lead
    if report:
        found = _report_date(text[:3000], ref, language)
    else:  # an article's revision date is not its event's: there, "on Sunday" counts only without a full date
        found = find_date(text[:3000], language=language) or find_date(text[:3000], ref, language=language)
    if found is not None:
        return found
    if title:
        m = _TITLE_YEAR_RE.search(title)
        if m:
            return DateRange(m.group(1), m.group(1), "year", m.group(1), "title")
    return None


def _report_date(text: str, ref: date | None, language: str | None) -> DateRange | None:
    """A news report's event day: the first date its text states or implies
    that is not after the report's own date ``ref`` (a later date is a
    planned event or page furniture, never the attack's) and, when the text
    also gives a date within :data:`RECENT_DAYS` of ``ref``, not an older one
    (news reports an event close to its publication: "In March 2023, a similar
    attack killed 20. On Tuesday gunmen killed 12" is Tuesday), and never a
    month or a year ending :data:`BACKGROUND_DAYS` or more before ``ref``. Where the
    text gives none, the report's own date bounds it: the day before it to
    that day (news of an attack appears the same day or the next), rule
    ``publication``."""
    if ref is None:
        return find_date(text, language=language)
    dates: list[DateRange] = []
    pos = 0
    while pos < len(text) and len(dates) < 8:
        found = find_date(text[pos:], ref, language=language)
        if found is None:
            break
        if found.start and found.start <= ref.isoformat():
            dates.append(found)
        at = text.find(found.text, pos) if found.text else -1
        if at < 0:
            break
        pos = at + len(found.text or "x")
    # a month or a year ending BACKGROUND_DAYS or more before the report is history ("the task force,
    # set up in March 2021, ..."), never the attack that makes the news; a full day stays a
    # deliberate date ("five years ago, on 4 October 2017, eight soldiers were killed")
    dates = [d for d in dates if d.precision == "day"
             or last_day(d.end or d.start) >= ref - timedelta(days=BACKGROUND_DAYS)]
    if not dates:
        return DateRange((ref - timedelta(days=1)).isoformat(), ref.isoformat(), "day", None, "publication")
    recent = [d for d in dates if last_day(d.end or d.start) >= ref - timedelta(days=RECENT_DAYS)]
    return (recent or dates)[0]


#: a date this many days or fewer before a report's own date is the news; older ones may be background
RECENT_DAYS = 14
#: a month or year ending this many days or more before a report's own date is background, never its event
BACKGROUND_DAYS = 90


def _finer_in_lead(found: DateRange, lead: str, language: str | None = None) -> DateRange:
    """An infobox date of a year or month ("March 2016") gives way to a finer date
    of the lead that lies inside it ("On 13 March 2016, ...")."""
    finer = find_date(lead[:3000], language=language)
    if finer is None or finer.precision == found.precision or finer.precision == "year" or \
            (found.precision == "year" and finer.precision not in ("month", "day")):
        return found
    inside = finer.start[:len(found.start)] >= found.start and (finer.end or finer.start)[:len(found.end or found.start)] \
        <= (found.end or found.start)
    return finer if inside else found


# --------------------------------------------------------------------------- where


def _places(doc: Document, lead: str, title: str | None) -> tuple[list[Place], Place | None]:
    ib = doc.infobox
    context = context_countries((title or "") + "\n" + lead[:3000])
    if ib is not None:
        named = ib.get("country", "countries")
        if named is not None:
            for part in split_names(named.value, keep_and=True):
                c = country_by_name(part)
                if c is not None:
                    context[c.iso3] += 5
    field = ib.get("place", "location", "locations", "site", "area", "territory") if ib else None
    localities: list[str] = []  # names the gazetteer does not know, given as places by running text
    if field is not None:
        places = resolve_field(field.value, context)
    else:
        text = doc.text if ib is None and len(doc.sections) <= 1 else lead
        places = find_places(text[:5000], context, localities)
    location = pick_location(_same_country(places) if field is None else places)
    if field is not None and (location is None or location.precision == "country"):
        # "Place: Mali": the lead may name the town, inside that country
        iso3 = location.country_iso3 if location else None
        found = [p for p in find_places(lead[:5000], Counter({iso3: 5}) if iso3 else context)
                 if iso3 is None or p.country_iso3 == iso3]
        finer = pick_location(_same_country(found))
        if finer is not None and finer.precision not in (None, "country"):
            places = places + [p for p in found if p.name not in {q.name for q in places}]
            location = finer
    if field is None and (location is None or location.precision == "country"):
        # the rules found no place finer than a country: ask the named-entity recogniser
        check_time("facts: before the NER fallback")
        where = Counter({location.country_iso3: 1}) if location and location.country_iso3 else context
        if location is not None and 0 < context.get(location.country_iso3 or "", 0) < 1:
            # the country is only an actor's ("US forces"): no filter on the recogniser's places
            where = Counter({k: w for k, w in context.items() if w >= 1})
        found = [p for p in ner_places(text[:3000], where)
                 if not any(wrong_part(text, i + len(p.name), p.lat, p.lon, p.country_iso3)
                            for i in _occurrences(text[:3000], p.name))]
        finer = pick_location(_same_country(found))
        if finer is not None:
            places = found + [p for p in places if p.name not in {f.name for f in found}]
            location = finer
    if location is None:
        known = next((p for p in places if p.country_iso3), None)
        if known is not None:
            c = country_by_name(known.country or "")
            location = country_place(c.name, c) if c else None
            if location is not None and known.name:
                location.name = known.name
                location.precision = "country"
        elif context:
            from .lookup.gazetteer import gazetteer

            c = gazetteer().by_iso3[context.most_common(1)[0][0]]
            location = country_place(c.name, c)
    coords = doc.meta.get("coordinates") if isinstance(doc.meta.get("coordinates"), dict) else None
    if coords and coords.get("lat") is not None and coords.get("lon") is not None:
        lat, lon = float(coords["lat"]), float(coords["lon"])
        if location is None or location.lat is None or km(location.lat, location.lon, lat, lon) > 25:
            # the page's point is elsewhere than the place resolved: name it after the place nearest
            # the point (within 50 km), else after the field's first place
            near = min((p for p in places if p.lat is not None and p.precision != "country"),
                       key=lambda p: km(p.lat, p.lon, lat, lon), default=None)
            if near is not None and km(near.lat, near.lon, lat, lon) <= 50:
                first = near
            else:
                first = places[0] if places and field is not None else None
            location = Place(name=first.name if first else (title or ""),
                             country=first.country if first else (location.country if location else None),
                             country_iso3=first.country_iso3 if first else (location.country_iso3 if location else None))
        location.lat, location.lon = lat, lon
        location.precision = "exact"
    if location is not None and location.precision != "exact" and localities and \
            localities[0].lower() != (location.name or "").lower():
        location.locality = localities[0]  # "à Tamzoura, un village à 60 km de Dori": the point is Dori's region
    elif location is None and localities:  # only a village the gazetteer does not know, in no named country
        location = Place(name=localities[0], locality=localities[0])
    return places, location


def _occurrences(text: str, name: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(name), text)] if name else []


def _same_country(places: list[Place]) -> list[Place]:
    """Places of running text are ranked: the location is the most specific
    place in the country of the best-ranked one, never a more specific
    homonym abroad ("Tama" in Japan for a report on North Kivu)."""
    top = next((p.country_iso3 for p in places if p.lat is not None and p.precision != "country"), None)
    return [p for p in places if p.country_iso3 == top] if top else places


# --------------------------------------------------------------------------- who


def _sides(doc: Document, acronyms: dict[str, str]) -> list[Side]:
    """Sides from combatantN (and N a/b...), commanderN, unitsN, strengthN."""
    assert doc.infobox is not None
    parts: dict[str, dict[str, list[str]]] = {}
    for f in doc.infobox.fields:
        m = _SIDE_KEY_RE.match(f.key)
        if not m or not f.value.strip():
            continue
        parts.setdefault(m.group("n"), {}).setdefault(_KIND[m.group("kind")], []).append(f.value)
    sides: list[Side] = []
    for n in sorted(parts, key=int):
        got = parts[n]
        if "actors" not in got:
            continue
        side = Side(id=str(len(sides) + 1))
        keys: set[str] = set()
        for value in got.get("actors", []):
            for actor in parse_actors(value, acronyms):
                if actor_key(actor.name) not in keys:
                    keys.add(actor_key(actor.name))
                    side.actors.append(actor)
        for value in got.get("commanders", []):
            side.commanders += [p for p in parse_people(value) if p not in side.commanders]
        for value in got.get("units", []):
            side.units += [u for u in parse_units(value) if u not in side.units]
        for value in got.get("strength", []):
            side.strength = side.strength or parse_strength(value)
        sides.append(side)
    return sides


_RUN_RE = re.compile(r"(?<![\w'’-])(?:[Aa]l-|[Ee]l-)?[A-Z][\w'’\-]*(?:\s+(?:al-[\w'’]+|wal-[\w'’]+|(?:al|wal|of|the|for|and|in)\b"
                     r"|[A-Z][\w'’\-]*))*(?:\s*\([A-Z][A-Za-z0-9\-]{1,9}\))?")
_AGENT = (r"(?:suicide\s+)?(?:gunmen|militants|fighters|insurgents|rebels|jihadists|extremists|militiamen|militia"
          r"|members|assailants|attackers|bombers|terrorists|elements|operatives|herdsmen)")
_AGENT_AFTER_RE = re.compile(rf"\s+(?:\([^)]{{1,40}}\)\s+)?{_AGENT}\b(?!\s+(?:were|was|have\s+been|had\s+been)\b)")
_CLAIM_AFTER_RE = re.compile(r"\s*(?:,[^,.]{1,80},\s*)?(?:has\s+|have\s+|had\s+|later\s+|quickly\s+|swiftly\s+)*"
                             r"(?:claimed\s+(?:responsibility|the\s+(?:attack|killing|killings|bombing|assault|raid))"
                             r"|(?:said|says)\s+it\s+(?:carried\s+out|was\s+behind))")
_BY_BEFORE_RE = re.compile(rf"(?:\b(?:claimed|carried\s+out|blamed\s+on|attributed\s+to|by)\s+(?:by\s+)?"
                           rf"|\b(?i:{_AGENT})\s+(?:from|of|belonging\s+to|loyal\s+to|linked\s+to|affiliated\s+with)\s+)"
                           r"(?:the\s+)?(?:(?:suspected|alleged|Islamist|militant|armed|jihadist)\s+)*(?:group\s*,?\s*)?$")


_TRAILING_RE = re.compile(r"(?:\s+(?:al|wal|of|the|for|and|in))+$")
_LEAD_AGENT_RE = re.compile(rf"(?i:{_AGENT})\s+(?:of|from)\s+(?:the\s+)?")


def text_perpetrators(text: str, acronyms: dict[str, str]) -> list[Actor]:
    """Armed groups that a report says acted: "X claimed responsibility",
    "suspected X militants", "gunmen from the X", "an attack by X". A name
    counts when the actor table knows it (longest known run of its words)
    or when it introduces an acronym ("... Renaissance (FPRC) fighters");
    with none such, spaCy's ORG entity just before "claimed" is taken."""
    found: list[Actor] = []
    table = actor_table()
    claim_cue = None

    def add(actor: Actor) -> None:
        if all(actor_key(a.name) != actor_key(actor.name) for a in found):
            found.append(actor)

    for m in _RUN_RE.finditer(text):
        end = m.end()
        name = _TRAILING_RE.sub("", m.group(0))
        lead = _LEAD_AGENT_RE.match(name)  # "Fighters of the Popular Front ... (FPRC)" at a sentence start
        if lead:
            name = name[lead.end():]
        claimed = _CLAIM_AFTER_RE.match(text, end)
        agent = lead or claimed or _AGENT_AFTER_RE.match(text, end) or \
            _BY_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())
        if not agent or not name:
            continue
        if claimed and claim_cue is None:
            claim_cue = end
        name = re.sub(r"^(?:The|the|Suspected|Alleged)\s+", "", name).strip()
        words = _PAREN_ACR_RE.sub("", name).split()
        actor = None
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                known = table.lookup(" ".join(words[i:j]))
                if known is not None:
                    if table.kinds.get(known[0]) not in ("organization", "state"):
                        actor = make_actor(" ".join(words[i:j]), acronyms)
                    break
            if actor is not None or known is not None:
                break
        if actor is None and _PAREN_ACR_RE.search(name) and len(words) >= 2:
            actor = make_actor(name, acronyms)  # a group introduced with its acronym
        if actor is not None:
            add(actor)
    if not found and claim_cue is not None:
        from .where.nerplaces import entities

        window = text[max(0, claim_cue - 150):claim_cue]
        orgs = [(t, st) for t, label, st in entities(window) if label == "ORG"]
        if orgs and window[orgs[-1][1] + len(orgs[-1][0]):].strip(" ,()") == "" or (
                orgs and len(window) - (orgs[-1][1] + len(orgs[-1][0])) < 12):
            add(make_actor(re.sub(r"^(?:The|the)\s+", "", orgs[-1][0]), acronyms))
    return found


def _related(doc: Document) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for link in doc.links:
        if link.kind not in ("see_also", "part_of"):
            continue
        key = (link.target, link.kind)
        if key not in seen:
            seen.add(key)
            out.append({"title": link.target, "relation": link.kind})
    return out


__all__ = ["fill_facts"]
