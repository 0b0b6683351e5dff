"""Where an attack happened, as news reports say it (issue 22), in English
and French: French country names and demonym adjectives as context, and
places people were taken to or reporters filed from, which are not the
attack's. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.model import Document
from tally.where.context import ACTOR_WEIGHT, context_countries
from tally.where.geotext import find_places


def location(text: str, lang: str | None = None):
    doc = Document.from_text(text, source="r.txt", format="text", language=lang) if lang else \
        Document.from_text(text, source="r.txt", format="text")
    return extract(doc).location


@pytest.mark.parametrize("text, iso3, weight", [
    ("Des hommes armés ont tué dix civils au Tchad, selon une source locale.", "TCD", 4),
    ("Le Cameroun a déploré la mort de six gendarmes.", "CMR", 2),
    ("L'attaque a eu lieu dans le nord du Burkina Faso.", "BFA", 4),
    ("Des affrontements ont éclaté en Centrafrique.", "CAF", 4),
    ("Le bilan dans le centre malien reste lourd.", "MLI", 1),
    ("Les populations nigériennes ont fui.", "NER", 1),
])
def test_french_country_names_and_adjectives_are_context(text, iso3, weight):
    assert context_countries(text)[iso3] == weight


def test_a_french_adjective_after_an_actor_noun_is_only_a_hint():
    counts = context_countries("L'armée tchadienne et des soldats nigériens ont riposté.")
    assert counts["TCD"] == ACTOR_WEIGHT and counts["NER"] == ACTOR_WEIGHT
    assert context_countries("Ils ont fui vers la frontière nigérienne.")["NER"] == 0


def test_french_commandos_and_officials_of_a_nationality_are_actors():
    counts = context_countries("Des commandos maliens et canadiens ont été pris en embuscade ; "
                               "un responsable canadien a confirmé la mort de deux soldats.")
    assert counts["CAN"] <= ACTOR_WEIGHT * 3 < 1 and counts["MLI"] < 1


@pytest.mark.parametrize("text, lang", [
    ("Gunmen ambushed a convoy of miners in Burkina Faso on Wednesday, some 300 km from Ouagadougou, "
     "killing 20 people.", "en"),
    ("Des hommes armés ont tendu mercredi une embuscade à un convoi de mineurs au Burkina Faso, à environ "
     "300 kilomètres de Ouagadougou, tuant 20 personnes.", "fr"),
])
def test_a_landmark_hundreds_of_km_away_is_not_the_event_place(text, lang):
    # neither the rules nor the named-entity fallback take the landmark: the country is all the text says
    loc = location(text, lang)
    assert loc is not None and loc.country_iso3 == "BFA" and loc.name != "Ouagadougou"
    # a distance within reach keeps the landmark as a "near" place
    near = location(text.replace("300", "15").replace("some 15 km from", "15 km from"), lang)
    assert near is not None and near.name == "Ouagadougou" and near.precision == "near"


def test_the_scene_named_by_a_place_word_comes_before_the_mayors_town():
    loc = location("Jihadists overran an army post in the village of Kolokoba, Mali, on Sunday, killing 16 soldiers, "
                   "the mayor of the nearest town Tamzoura said.", "en")
    assert loc is not None and loc.locality == "Kolokoba"


def test_a_region_named_alike_in_two_countries_is_the_one_of_the_actors_country():
    # "Lac" is a region of Chad and, in French, a district of Switzerland: the Chadian soldiers decide,
    # and the region then keeps a village out of its big namesake abroad (a Boma in Congo)
    loc = location("Dans la province du Lac, à Boma, des assaillants ont tué vingt soldats tchadiens lundi.", "fr")
    assert loc is not None and loc.country_iso3 == "TCD" and loc.admin1 == "Lac"


def test_the_mayor_of_an_unknown_village_names_it():
    loc = location("Des hommes armés ont tué six fidèles dimanche, a déclaré le maire de Kolokoba, "
                   "au Burkina Faso.", "fr")
    assert loc is not None and loc.country_iso3 == "BFA" and loc.locality == "Kolokoba"


def test_the_country_of_a_french_report_with_an_unknown_village():
    loc = location("Des assaillants ont attaqué lundi le village de Kolokoba, au Tchad, tuant onze "
                   "personnes, selon les autorités locales.", "fr")
    assert loc is not None and loc.country_iso3 == "TCD"


@pytest.mark.parametrize("text, place, not_place", [
    ("Gunmen killed nine people in Djibo on Sunday; the wounded were evacuated to the capital Ouagadougou.",
     "Djibo", "Ouagadougou"),
    ("Militants attacked an army post in Menaka, killing 12 soldiers; the injured were flown to Bamako.",
     "Menaka", "Bamako"),
    ("Des hommes armés ont tué huit civils à Djibo dimanche ; les blessés ont été évacués vers Ouagadougou.",
     "Djibo", "Ouagadougou"),
    ("De notre correspondante à Niamey. Six gendarmes ont été tués dans une embuscade près de Ouallam, au Niger.",
     "Ouallam", "Niamey"),
    # where the wounded are treated (_TREATED_RE)
    ("Gunmen killed seven traders in Damboa, Nigeria, on Friday; the wounded are at a hospital in Maiduguri.",
     "Damboa", "Maiduguri"),
    ("Sept commerçants ont été tués vendredi à Djibo ; le ministre a visité l'hôpital de Ouagadougou.",
     "Djibo", "Ouagadougou"),
    # a byline alone on its line (_BYLINE_RE)
    ("Amina Bello in Maiduguri\nGunmen killed seven traders in Damboa, Nigeria, on Friday.", "Damboa", "Maiduguri"),
    # where help came from (sent / dispatched from, envoyés de)
    ("Gunmen killed nine farmers in Damboa on Monday. Troops were sent from Maiduguri to comb the area.",
     "Damboa", "Maiduguri"),
    ("Neuf paysans ont été tués lundi à Djibo, au Burkina Faso. Des renforts ont été dépêchés depuis Kaya.", "Djibo", "Kaya"),
    # a hospital's own name before its town (_TREATED_RE)
    ("Neuf paysans ont été tués lundi à Djibo, au Burkina Faso ; les blessés sont à l'hôpital Saint-Luc, à Kaya.",
     "Djibo", "Kaya"),
])
def test_where_people_were_taken_or_reporters_filed_is_not_the_attack(text, place, not_place):
    names = [p.name for p in find_places(text)]
    assert place in names and not_place not in names, names


def test_a_hospital_that_was_attacked_is_the_event_place():
    names = [p.name for p in find_places("Gunmen stormed a hospital in Maiduguri, Nigeria, killing four patients.")]
    assert "Maiduguri" in names


def test_a_place_taken_hostage_in_is_still_the_event():
    names = [p.name for p in find_places("Two engineers were taken hostage in Kidal, Mali, on Monday.")]
    assert "Kidal" in names


def test_the_dateline_after_the_page_furniture_is_not_the_attack_place():
    page = ("Africa | World\n\n"
            "Updated: 2021-03-02 08:05\n\n"
            "BAMAKO, Mali - At least 11 soldiers were killed when militants attacked an army camp near "
            "Niono in central Mali on Monday, the army said in a statement on its website.\n")
    loc = location(page)
    assert loc.name == "Niono" and loc.country_iso3 == "MLI"


def test_a_place_and_a_colon_open_the_body_as_a_dateline():
    text = ("Niamey: At least 20 soldiers were killed on Tuesday in an ambush near Banibangou in western "
            "Niger, the defence ministry said, adding that the attackers fled on motorbikes.")
    assert location(text).name == "Banibangou"


def test_a_region_named_first_is_refined_by_a_town_inside_it_only():
    inside = location("Gunmen attacked villages in the Mopti region of Mali on Sunday, killing 20 people "
                      "in Bandiagara, local officials said.")
    assert inside.name == "Bandiagara"
    elsewhere = location("Suicide bombers struck a wedding in the town of Gwoza in Borno state, Nigeria, on "
                         "Saturday, killing 18 people, a week after a market attack in Maiduguri.")
    assert elsewhere.name == "Gwoza"


def test_the_region_of_is_the_region():
    loc = location("Twelve civilians were killed in the western region of Tillaberi, Niger, on Monday.")
    assert loc.precision == "admin1" and loc.country_iso3 == "NER"


def test_a_french_appositive_keeps_a_locality_out_of_its_namesake_abroad():
    loc = location("Des rebelles ont pris d'assaut mardi un poste militaire à Boma, une bourgade proche de la "
                   "frontière entre le Tchad et le Niger, a indiqué l'armée.", "fr")
    assert loc is None or loc.country_iso3 in ("TCD", "NER")



@pytest.mark.parametrize("text, north_of_town", [
    ("Des hommes armés ont attaqué un village à 30 km au nord de Gao, au Mali.", True),
    ("Gunmen attacked a village 30 km north of Gao in Mali.", True),
    ("Des hommes armés ont attaqué un village à 15 kilomètres de Gao, au Mali.", False),
])
def test_a_distance_from_a_town_moves_or_loosens_the_point(text, north_of_town):
    town = find_places("Des hommes armés ont attaqué Gao, au Mali.")[0]
    place = find_places(text)[0]
    assert place.name == "Gao" and place.precision == "near"
    assert (place.lat - town.lat > 0.2) is north_of_town


@pytest.mark.parametrize("text, capital", [
    ("Des hommes armés ont tué cinq personnes dans la capitale malienne mardi.", "Bamako"),
    ("Des hommes armés ont tué cinq personnes mardi dans la capitale tchadienne, selon la police.", "N'Djamena"),
    ("Gunmen killed five people in the Malian capital on Tuesday.", "Bamako"),
])
def test_the_capital_named_by_its_country_adjective(text, capital):
    assert find_places(text)[0].name == capital


@pytest.mark.parametrize("text", [
    # Gisors is a French town; the report is on Niger and names France once, as a reaction
    "Gunmen killed nine herders on Sunday in Gisors, in Niger, the army said. France condemned the attack.",
    "Des hommes armés ont tué neuf éleveurs dimanche à Gisors, au Niger, selon l'armée nigérienne. "
    "La France a condamné l'attaque.",
])
def test_a_small_homonym_in_a_country_named_far_less_is_abroad(text):
    # major_countries: a town of a country the text names half as much as its main one is not read
    loc = location(text)
    assert loc.country_iso3 == "NER"
    assert loc.name != "Gisors"


def test_a_big_city_of_a_minor_country_is_still_readable():
    # the rule drops towns and villages only: Paris stays Paris, though the report is on Niger
    places = find_places("Gunmen killed nine herders in Niger on Sunday, the army said in Niger. "
                         "Ministers met in Paris on Monday.")
    assert "Paris" in [p.name for p in places]


@pytest.mark.parametrize("text, person", [
    # a surname after a title is a person's, here and wherever the text names it again
    ("Le président Patrice Orange a réuni l'armée. Les partis du camp Orange condamnent l'attaque perpétrée à Kandi.",
     "Orange"),
    ("President John Vienne said soldiers repelled the attack on Kandi. The Vienne camp called for calm.",
     "Vienne"),
])
def test_a_persons_name_after_a_title_is_no_place(text, person):
    names = [p.name for p in find_places(text)]
    assert person not in names and "Kandi" in names, names


def test_a_french_acronym_after_an_elided_article_is_no_place():
    names = [p.name for p in find_places("Des hommes armés ont tué neuf soldats dans le nord, selon l'ONG "
                                         "américaine citée par l'armée béninoise.")]
    assert not any("ONG" in n for n in names), names


def test_a_name_before_an_institution_noun_is_the_institutions_not_the_place():
    # _INSTITUTION_AFTER_RE: "Mbarara secondary school" is a school's name; where it stands is "in Kasese"
    names = [p.name for p in find_places("Rebels attacked Mbarara secondary school, in Kasese, Uganda, "
                                         "killing 20 pupils on Friday night.")]
    assert names and names[0] == "Kasese" and "Mbarara" not in names, names


@pytest.mark.parametrize("text, place, iso3", [
    # a French elided article or preposition before a name (context.run_words): "d'Abidjan", "l'Ouganda"
    ("Des hommes armés ont tué neuf civils près d'Abidjan, selon la police.", "Abidjan", "CIV"),
    ("Des hommes armés ont tué neuf civils dans le nord de l’Ouganda, selon l'armée.", "Uganda", "UGA"),
    ("Neuf civils ont été tués à l’est d’Arbinda, selon une source locale.", "Arbinda", "BFA"),
])
def test_a_name_after_a_french_elision_is_read(text, place, iso3):
    loc = location(text, "fr")
    assert (loc.name, loc.country_iso3) == (place, iso3)


@pytest.mark.parametrize("text, lang, background", [
    ("The insurgency, which began in north-east Nigeria in 2009, has spread to its neighbours.", "en", "NGA"),
    ("Le groupe, apparu au Mali en 2012, a étendu ses attaques.", "fr", "MLI"),
])
def test_a_country_in_a_clause_dated_years_back_is_background_not_the_scene(text, lang, background):
    assert context_countries(text)[background] == 2  # a name, not a name after "in" (4)
    now = "Gunmen killed 40 Chadian soldiers on an island in the west of Chad on Monday, the army said. " + text \
        if lang == "en" else "Des hommes armés ont tué lundi 40 soldats tchadiens sur une île à l'ouest du Tchad. " + text
    assert location(now, lang).country_iso3 == "TCD"
    assert context_countries("Gunmen killed 12 herders in Nigeria on Monday.")["NGA"] == 4


@pytest.mark.parametrize("text, lang", [
    ("Gunmen killed seven herders on Sunday in the fishing village Kindia, in the west of Niger, the army said.", "en"),
    ("Des hommes armés ont tué dimanche sept éleveurs à Kindia, une localité de l'ouest du Niger.", "fr"),
])
def test_a_village_named_like_a_town_abroad_is_a_locality_of_the_country_named(text, lang):
    """The gazetteer knows the name only as a city of another country (Guinea); the text calls it a
    village of the country it names: that country, and the village kept by name for linking."""
    loc = location(text, lang)
    assert (loc.country_iso3, loc.precision, loc.locality) == ("NER", "country", "Kindia")
    # named right after the region that holds it: the region, and the village kept by name
    loc = location("Dans la région de Diffa, à Kindia, des hommes armés ont tué sept éleveurs dimanche.", "fr")
    assert (loc.country_iso3, loc.admin1, loc.locality) == ("NER", "Diffa", "Kindia")
    city = location("Gunmen killed seven traders on Sunday in the city of Kindia in Guinea, police said.")
    assert (city.country_iso3, city.precision, city.locality) == ("GIN", "exact", None)


@pytest.mark.parametrize("text, lang, place", [
    ("Des hommes armés ont attaqué un poste de gendarmerie à Téra. Cette attaque a fait dix morts.", "fr", "Téra"),
    ("Gunmen attacked a police post in Tillaberi. Another attack killed two herders.", "en", "Tillaberi"),
])
def test_a_place_ending_its_sentence_is_not_part_of_the_next_capitalised_word(text, lang, place):
    """"in X. Another ...": the full stop ends the name; "St. Louis" (an abbreviation) stays one."""
    assert location(text, lang).name == place
    assert location("Gunmen attacked a church in St. Louis, Missouri, police said.").name == "St Louis"


@pytest.mark.parametrize("text, partners", [
    ("L'opposition lui recommande de travailler notamment avec le Niger et le Burkina Faso.", ("NER", "BFA")),
    ("The minister called for closer cooperation with Chad and Cameroon.", ("TCD", "CMR")),
])
def test_countries_a_government_is_told_to_work_with_are_partners_not_the_scene(text, partners):
    counts = context_countries(text)
    assert all(counts[iso3] == 0 for iso3 in partners)
    assert context_countries("Des hommes armés ont tué six civils au Niger.")["NER"] == 4


@pytest.mark.parametrize("text, iso3", [
    ("L'attaque a été revendiquée selon l'ONG américaine qui suit les groupes armés.", "USA"),
    ("A British charity said the toll had risen.", "GBR"),
])
def test_the_nationality_of_an_organisation_is_an_actors_not_the_scene(text, iso3):
    assert context_countries(text)[iso3] == ACTOR_WEIGHT



@pytest.mark.parametrize("text, lang, admin1", [
    ("Des jihadistes ont attaqué un poste de l'armée béninoise dans la province de Dangbo, tuant dix soldats.",
     "fr", "Ouémé"),
    ("Gunmen killed nine soldiers at an army post in Poni province on Sunday, the army said.", "en", "Sud-Ouest"),
])
def test_a_district_the_gazetteer_holds_without_a_point_gives_its_region(text, lang, admin1):
    """The most precise unit the text names that has a point: the district's region, said in the precision."""
    loc = location(text, lang)
    assert (loc.admin1, loc.precision) == (admin1, "admin1") and loc.lat is not None


@pytest.mark.parametrize("country, town, later", [("Mali", "Douentza", "Boni"), ("Cameroon", "Kolofata", "Mora")])
def test_a_place_after_its_country_in_the_possessive_is_cued_as_a_place(country, town, later):
    """"in Mali's Douentza": the country holds the name after it, as "the town of X" does; named
    first, it comes before a town named later with a place word (a photo's caption)."""
    text = (f"Gunmen kill 12 in {country}'s {town}\n\n"
            f"Soldiers patrol a road in the town of {later}, {country}\n\n"
            "Gunmen killed 12 traders at a market on Sunday, residents said.")
    assert location(text).name == town


@pytest.mark.parametrize("text", [
    "Gunmen ambushed a patrol about 120 miles north of Niger's capital, Niamey, officials said.",
    "Gunmen ambushed a patrol 190 km north of the Nigerien capital Niamey, officials said.",
])
def test_a_point_far_from_the_capital_it_is_measured_from_is_only_as_precise_as_its_region(text):
    """The point moves with the distance and bearing, but a reporter's round figure 190 km out leaves
    tens of km of doubt: precision admin1, the region around the moved point, not the capital's."""
    capital = find_places("Gunmen attacked Niamey, Niger.")[0]
    place = location(text)
    assert place.lat - capital.lat > 1.5
    assert (place.precision, place.admin1) == ("admin1", "Tillabéri")
