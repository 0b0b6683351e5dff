"""The seed article's facts (issue 2 and issue 5 acceptance), read and extracted end to end."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.where.places import km
from tally.readers import read

SEED = "../shared/seeds/000_1452c17848fca342.txt"


@pytest.fixture(scope="module")
def incident(seed_path):
    doc = next(read(seed_path))
    return extract(doc)


def test_seed_read_by_its_path_relative_to_the_repo(seed_path, monkeypatch):
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    incident = extract(next(read(SEED)))
    assert incident.title == "2024 Bamako attacks" and incident.location.country_iso3 == "MLI"


def test_title_and_date(incident):
    assert incident.title == "2024 Bamako attacks"
    assert (incident.date.start, incident.date.end, incident.date.precision) == ("2024-09-17", "2024-09-17", "day")


def test_places_and_country(incident):
    names = [p.name for p in incident.places]
    assert names[:3] == ["Faladie", "Modibo Keita International Airport", "Bamako"]
    assert all(p.country == "Mali" and p.country_iso3 == "MLI" for p in incident.places)


def test_location_is_bamako(incident):
    loc = incident.location
    assert (loc.name, loc.country, loc.country_iso3) == ("Bamako", "Mali", "MLI")
    assert km(loc.lat, loc.lon, 12.6392, -8.0029) <= 15


def test_part_of(incident):
    assert incident.part_of == "Mali War"


def test_side_one(incident):
    side = incident.sides[0]
    assert side.id == "1"
    assert [a.name for a in side.actors] == ["Mali", "Wagner Group"]
    assert side.commanders == ["Oumar Diarra"]
    assert side.strength is None


def test_side_two(incident):
    side = incident.sides[1]
    assert side.id == "2"
    assert [a.name for a in side.actors] == ["Jama'at Nasr al-Islam wal Muslimin"]
    assert "JNIM" in side.actors[0].aliases
    assert side.commanders == ["Salman al-Bambari", "Abdul-Salam al-Fulani"]
    assert (side.strength.low, side.strength.high, side.strength.source) == (10, 10, "JNIM")


def test_reactions_list_condemners(incident):
    condemned = {r["actor"] for r in incident.reactions if r["stance"] == "condemned"}
    assert {"United Nations", "African Union", "ECOWAS", "World Food Programme", "Senegal", "France",
            "United Kingdom"} <= condemned


def test_related_pages(incident):
    assert {"title": "Mali War", "relation": "part_of"} in incident.related
    assert {"title": "War in the Sahel", "relation": "see_also"} in incident.related
