"""French reports: what the French-language reading adds, from sentences written for these tests."""

from __future__ import annotations

import pytest

from tally.who.actors import make_actor


@pytest.mark.parametrize("french, canonical", [
    ("Forces armées maliennes", "Mali"),                  # a state's army, French name
    ("armée burkinabè", "Burkina Faso"),                 # lower case, accented demonym
    ("EIGS", "Islamic State – Sahel Province"),           # French acronym of an armed group
    ("État islamique au Grand Sahara", "Islamic State – Sahel Province"),
    ("GSIM", "Jama'at Nasr al-Islam wal Muslimin"),
    ("Groupe de soutien à l’islam et aux musulmans", "Jama'at Nasr al-Islam wal Muslimin"),  # curly apostrophe
    ("VDP", "Volunteers for the Defense of the Homeland"),
    ("Forces armées de la République démocratique du Congo", "Democratic Republic of the Congo"),
])
def test_french_actor_names_join_the_english_canonical_actor(french, canonical):
    assert make_actor(french).name == canonical
