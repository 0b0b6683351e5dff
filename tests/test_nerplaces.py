"""Named-entity fallback for places (spaCy ``ner`` only)."""

from __future__ import annotations

from collections import Counter

from tally.facts import fill_facts
from tally.model import Document, Incident
from tally.where.nerplaces import entities, ner_places


def test_entities_carry_label_and_offset():
    text = "Gunmen attacked a bus station in Maiduguri on Friday."
    ents = entities(text)
    kabul = [e for e in ents if e[0] == "Maiduguri"]
    assert kabul and kabul[0][1] == "GPE" and text[kabul[0][2]:].startswith("Maiduguri")


def test_ner_place_resolves_inside_context_without_population_floor():
    ents = [("Mong Yaw", "GPE", 30)]
    text = "Soldiers killed five villagers in Mong Yaw village last month."
    places = ner_places(text, Counter({"MMR": 1}), ents=ents)
    assert places and places[0].country_iso3 == "MMR" and places[0].precision == "exact"


def test_person_label_repaired_only_after_a_place_cue():
    text = "Police said Maiduguri residents met; later a blast hit the market in Maiduguri."
    ents = [("Maiduguri", "PERSON", 12), ("Maiduguri", "PERSON", text.rindex("Maiduguri"))]
    assert [p.name for p in ner_places(text, None, ents=ents)] == ["Maiduguri"]
    assert ner_places(text, None, ents=[("Maiduguri", "PERSON", 12)]) == []


def test_ner_place_outside_context_is_refused():
    text = "A blast hit a market in Paris, officials in Chad said."
    assert ner_places(text, Counter({"TCD": 4}), ents=[("Paris", "GPE", 24)]) == []


def test_report_naming_only_an_unlisted_spelling_gets_a_place_from_ner():
    text = "Eight people were killed when two car bombs exploded at checkpoints in Falluja on Sunday."
    inc = Incident(id="t", title=None, source={})
    fill_facts(Document.from_text(text, source="t", format="csv"), inc)
    assert inc.location is not None and inc.location.country_iso3 == "IRQ"


def test_short_skeleton_variant_needs_a_close_spelling_inside_context():
    text = "Two guards died when a grenade hit the port gate in Bosasso."
    ents = [("Bosasso", "GPE", text.index("Bosasso"))]
    places = ner_places(text, Counter({"SOM": 2}), ents=ents)
    assert places and places[0].country_iso3 == "SOM" and places[0].precision == "exact"
    assert ner_places(text, Counter({"KEN": 2}), ents=ents) == []
