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
    ("Avec notre correspondant à Niamey. Huit soldats ont été tués dans une embuscade près de Ouallam, au Niger.",
     "Ouallam", "Niamey"),
])
def test_where_people_were_taken_or_reporters_filed_is_not_the_attack(text, place, not_place):
    names = [p.name for p in find_places(text)]
    assert place in names and not_place not in names, names


def test_a_place_taken_hostage_in_is_still_the_event():
    names = [p.name for p in find_places("Two engineers were taken hostage in Kidal, Mali, on Monday.")]
    assert "Kidal" in names
