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


def test_the_french_pipeline_loads_offline_and_parses_french():
    from tally.text.nlp import get_nlp

    nlp = get_nlp(("ner",), language="fr")
    doc = nlp("Au moins douze civils ont été tués mardi près de Bunia.")
    killed = next(t for t in doc if t.lemma_ == "tuer")
    assert killed.dep_ == "ROOT"
    assert any(t.text == "civils" for t in killed.subtree)
    assert get_nlp(("ner",), language="fr") is nlp  # loaded once


def test_a_language_without_a_pipeline_is_a_clear_error():
    from tally.errors import TallyError
    from tally.text.nlp import get_nlp

    with pytest.raises(TallyError, match="no spaCy pipeline for language 'xx'"):
        get_nlp(language="xx")
