"""fill_facts on hand-written documents: infobox first, text as fallback."""

from __future__ import annotations

import pytest

from tally.lookup.actors import actor_key
from tally.who.actors import document_acronyms, parse_actors, parse_people, parse_strength, split_names
from tally.facts import fill_facts
from tally.model import Document, Incident, Link
from tally.readers.plaintext import parse_plaintext

CONFLICT = """= Battle of Red Hill =

Infobox military conflict
- Conflict: Battle of Red Hill
- Partof: Northern Insurgency
- Date: 3 January – 8 February 2015
- Place: Kidal, Mali
- Result: Government victory
- Combatant1: Mali
- Combatant1a: France
- Combatant2: Movement for the Liberation of the Dunes (MLD)
- Commander1: Ibrahim Keita and Jean Morel
- Commander2: Ag Hamma (KIA)
- Units1: 3rd Motorised Battalion; Barkhane task force
- Strength1: 1,200–1,500
- Strength2: 300+ (MLD claim)

The Battle of Red Hill was fought near Kidal between the Malian army and the Movement for the
Liberation of the Dunes (MLD) from 3 January to 8 February 2015.

==Reactions==
The fighting was condemned by the African Union and Niger.
On 10 February, the UN expressed its condolences to the families of the victims.

==See also==
- Kidal clashes
"""

ATTACK = """= 2019 Harbour Road bombing =

Infobox civilian attack
- Title: 2019 Harbour Road bombing
- Location: Harbour Road, Mogadishu, Somalia
- Date: 12 March 2019 (UTC+3)
- Target: Hotel guests and police
- Perpetrators: al-Shabab
- Fatalities: 20

A truck bomb exploded on Harbour Road in Mogadishu on 12 March 2019.
"""


def facts(doc: Document) -> Incident:
    incident = Incident(id="t", title=doc.title, source={})
    fill_facts(doc, incident)
    return incident


@pytest.fixture(scope="module")
def conflict() -> Incident:
    return facts(parse_plaintext(CONFLICT, "conflict.txt"))


def test_conflict_title_date_partof_result(conflict):
    assert conflict.title == "Battle of Red Hill"
    assert (conflict.date.start, conflict.date.end, conflict.date.precision) == ("2015-01-03", "2015-02-08", "day")
    assert conflict.part_of == "Northern Insurgency"
    assert conflict.result == "Government victory"


def test_conflict_location(conflict):
    assert conflict.location.name == "Kidal" and conflict.location.country_iso3 == "MLI"
    assert conflict.location.precision == "exact"


def test_conflict_sides_merge_lettered_keys(conflict):
    assert [s.id for s in conflict.sides] == ["1", "2"]
    one, two = conflict.sides
    assert [a.name for a in one.actors] == ["Mali", "France"]
    assert one.commanders == ["Ibrahim Keita", "Jean Morel"]
    assert one.units == ["3rd Motorised Battalion", "Barkhane task force"]
    assert (one.strength.low, one.strength.high) == (1200, 1500)
    assert two.commanders == ["Ag Hamma"]
    assert (two.strength.low, two.strength.high, two.strength.source) == (300, None, "MLD")


def test_acronym_from_text_becomes_alias(conflict):
    group = conflict.sides[1].actors[0]
    assert group.name == "Movement for the Liberation of the Dunes"
    assert "MLD" in group.aliases


def test_reactions_from_section(conflict):
    got = {(r["actor"], r["stance"]) for r in conflict.reactions}
    assert ("African Union", "condemned") in got and ("Niger", "condemned") in got
    un = next(r for r in conflict.reactions if r["actor"] == "United Nations")
    assert un["stance"] == "condolences" and un["date"] == "2015-02-10"


def test_related_links(conflict):
    assert {"title": "Kidal clashes", "relation": "see_also"} in conflict.related
    assert {"title": "Northern Insurgency", "relation": "part_of"} in conflict.related


def test_attack_infobox_fields():
    inc = facts(parse_plaintext(ATTACK, "attack.txt"))
    assert inc.date.start == "2019-03-12" and inc.date.precision == "day"
    assert [a.name for a in inc.perpetrators] == ["Al-Shabaab"]
    assert "al-Shabab" in inc.perpetrators[0].aliases
    assert inc.targets == ["Hotel guests and police"]
    assert inc.location.name == "Mogadishu" and inc.location.country_iso3 == "SOM"
    assert [p.name for p in inc.places] == ["Harbour Road", "Mogadishu"]


def test_meta_coordinates_override_location():
    doc = parse_plaintext(ATTACK, "attack.txt")
    doc.meta["coordinates"] = {"lat": 2.05, "lon": 45.33}
    inc = facts(doc)
    assert (inc.location.lat, inc.location.lon, inc.location.precision) == (2.05, 45.33, "exact")
    assert inc.location.country_iso3 == "SOM"


def test_title_falls_back_to_infobox_and_date_to_title_year():
    doc = parse_plaintext("Infobox\n- Name: 2003 Lakeside raid\n- Place: Kenya\n\nA raid took place.\n", "x.txt")
    doc.title = None
    inc = Incident(id="t", title=None, source={})
    fill_facts(doc, inc)
    assert inc.title == "2003 Lakeside raid"
    assert (inc.date.start, inc.date.precision) == ("2003", "year")
    assert inc.location.country_iso3 == "KEN" and inc.location.precision == "country"


def test_report_row_place_date_and_perpetrator():
    text = ("Gunmen killed six villagers on Tuesday in the eastern Afghan city of Jalalabad. "
            "The Taliban claimed responsibility for the attack.")
    doc = Document.from_text(text, format="csv", meta={"row": 1, "date": "2016-03-10"})
    inc = facts(doc)
    assert inc.location.name == "Jalalabad" and inc.location.country_iso3 == "AFG"
    assert inc.date.start == "2016-03-08"  # the Tuesday before Thursday 10 March 2016
    assert [a.name for a in inc.perpetrators] == ["Taliban"]
    assert inc.sides == []


def test_report_row_without_document_date_leaves_weekday_unresolved():
    doc = Document.from_text("Gunmen killed six villagers on Tuesday in Kabul.", format="csv", meta={"row": 2})
    inc = facts(doc)
    assert inc.date.start is None
    assert inc.location.country_iso3 == "AFG"


def test_part_of_from_links_when_no_infobox_field():
    doc = Document.from_text("A skirmish.", links=[Link("Long War", "part_of")])
    assert facts(doc).part_of == "Long War"


# ---------------------------------------------------------------- actors


def test_actor_key_normalises_spelling_variants():
    assert actor_key("Jama'at Nasr al-Islam wal-Muslimin") == actor_key("Jama'at Nasr al-Islam wal Muslimin")
    assert actor_key("Al-Shabaab") == actor_key("al Shabaab")


def test_split_names_keeps_country_with_and_and_drops_headings():
    assert split_names("Bosnia and Herzegovina") == ["Bosnia and Herzegovina"]
    assert split_names("Mali\nSupported by:\nRussia") == ["Mali", "Russia"]
    assert split_names("Mali and Niger") == ["Mali", "Niger"]


def test_parse_actors_canonical_names_and_aliases():
    actors = parse_actors("ISIL, Wagner")
    assert [a.name for a in actors] == ["Islamic State", "Wagner Group"]
    assert "ISIL" in actors[0].aliases and "Africa Corps" in actors[1].aliases


def test_parse_actors_merges_duplicates_by_key():
    assert len(parse_actors("Wagner Group\nWagner")) == 1


def test_document_acronyms_attach_to_unknown_group():
    acr = document_acronyms("fighters of the Free Valley Front (FVF) crossed the river")
    assert parse_actors("Free Valley Front", acr)[0].aliases == ["FVF"]
    assert parse_actors("Free Valley Front")[0].aliases == []


def test_parse_people_drops_notes():
    assert parse_people("Oumar Diarra (WIA)\nAmadou Traoré †") == ["Oumar Diarra", "Amadou Traoré"]


@pytest.mark.parametrize("value, low, high, source", [
    ("10 (per JNIM)", 10, 10, "JNIM"),
    ("2,000–3,000", 2000, 3000, None),
    ("~500", 500, 500, None),
    ("300+", 300, None, None),
    ("At least 300", 300, None, None),
    ("up to 500", None, 500, None),
    ("1,200 soldiers\n300 police", 1500, 1500, None),
    ("5,000 (2019 estimate)", 5000, 5000, None),
    ("4,000 (according to the army)", 4000, 4000, "the army"),
])
def test_parse_strength(value, low, high, source):
    s = parse_strength(value)
    assert (s.low, s.high, s.source) == (low, high, source)


@pytest.mark.parametrize("value", ["Unknown", "unknown", "N/A", "?", ""])
def test_parse_strength_unknown(value):
    assert parse_strength(value) is None


def test_page_coordinates_far_from_resolved_place_name_the_first_place():
    doc = parse_plaintext(CONFLICT, "conflict.txt")
    doc.meta["coordinates"] = {"lat": 17.1, "lon": 0.5}  # 100+ km from Kidal
    inc = facts(doc)
    assert inc.location.name == "Kidal" and inc.location.geonames_id is None
    assert (inc.location.lat, inc.location.lon) == (17.1, 0.5)


def test_article_lead_full_date_beats_weekday_and_revision_timestamp():
    text = "= Quarry Road ambush =\n\nInfobox\n- Place: Kenya\n\nOn Sunday, 5 May 2019, gunmen ambushed a bus.\n"
    doc = parse_plaintext(text, "a.txt")
    doc.meta["timestamp"] = "2021-06-01T10:00:00Z"
    assert facts(doc).date.start == "2019-05-05"


REACTIONS = """= Harbour market attack =

A market was attacked.

==Reactions==
===Domestic===
President Amina Diallo condemned the attack.
===International===
- Kenya: The government expressed condolences to the families.
- Norway's foreign ministry denounced the bombing.
Several countries expressed solidarity.

==See also==
- Other attack
"""


def test_reactions_in_subsections_and_lists():
    from tally.who.reactions import find_reactions

    got = {r["actor"]: r["stance"] for r in find_reactions(parse_plaintext(REACTIONS, "r.txt"))}
    assert got == {"Amina Diallo": "condemned", "Kenya": "condolences", "Norway": "condemned"}


def test_page_point_takes_the_name_of_the_place_nearest_it():
    doc = Document.from_text("Sevare is a town in central Mali, on the main road from Bamako to Gao, "
                             "about 12 km from Mopti.", source="t", format="wikitext")
    doc.meta["coordinates"] = {"lat": 14.53, "lon": -4.10}  # Sévaré, not Bamako 600 km away
    inc = facts(doc)
    assert (inc.location.name, inc.location.country_iso3) == ("Sevare", "MLI")
    assert (inc.location.lat, inc.location.lon) == (14.53, -4.10)


@pytest.mark.parametrize("field, lead, expected", [
    ("March 2016", "On 13 March 2016, gunmen attacked the beach.", ("2016-03-13", "day")),
    ("2016", "On 13 March 2016, gunmen attacked the beach.", ("2016-03-13", "day")),
    ("March 2016", "On 2 April 2016, gunmen attacked the beach.", ("2016-03", "month")),  # outside: kept
])
def test_infobox_month_or_year_takes_a_finer_lead_date_inside_it(field, lead, expected):
    doc = parse_plaintext(f"= Beach attack =\n\nInfobox\n- Title: Beach attack\n- Date: {field}\n\n{lead}\n", "t.txt")
    d = facts(doc).date
    assert (d.start, d.precision) == expected


def test_country_only_place_field_takes_the_town_of_the_lead():
    doc = parse_plaintext("= Hotel attack =\n\nInfobox\n- Title: Hotel attack\n- Place: Mali\n\n"
                          "Gunmen attacked a hotel in Sévaré, killing five guests.\n", "t.txt")
    loc = facts(doc).location
    assert (loc.name, loc.country_iso3, loc.precision) == ("Sévaré", "MLI", "exact")
    # a town abroad does not replace the country the field names
    doc = parse_plaintext("= Hotel attack =\n\nInfobox\n- Title: Hotel attack\n- Place: Mali\n\n"
                          "Gunmen attacked a hotel in Niamey.\n", "t.txt")
    assert facts(doc).location.precision == "country"


@pytest.mark.parametrize("lead, expected", [
    ("Soldiers killed 40 villagers on 14 March 1982, during the Guatemalan Civil War.", "Guatemalan Civil War"),
    ("The raid was part of the Boko Haram insurgency in the north-east.", "Boko Haram insurgency"),
    ("Gunmen killed 4 people during the night in the conflict zone.", None),
])
def test_part_of_from_the_lead_without_an_infobox_field(lead, expected):
    doc = parse_plaintext(f"= Village massacre =\n\n{lead}\n", "t.txt")
    assert facts(doc).part_of == expected


def test_head_count_is_not_a_perpetrator_and_prose_fills_in():
    page = ("= Village massacre =\n\nInfobox\n- Title: Village massacre\n- Date: 2000\n"
            "- Assailants: about 450 paramilitaries\n\n"
            "Gunmen from Boko Haram killed 12 people. Boko Haram claimed responsibility for the attack.\n")
    assert [a.name for a in facts(parse_plaintext(page, "t.txt")).perpetrators] == ["Boko Haram"]
