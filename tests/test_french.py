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


def test_a_french_report_is_stored_with_its_language_and_its_page_says_so(tmp_path):
    import warnings

    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

    from tally.store import Store, ingest
    from tally.web import create_app

    report = tmp_path / "goma.txt"
    report.write_text("Des hommes armés ont attaqué le marché de Kiwanja dans la nuit de lundi à mardi, "
                      "tuant au moins six personnes, selon la société civile locale.\n", encoding="utf-8")
    english = tmp_path / "kiwanja.txt"
    english.write_text("Armed men attacked the Kiwanja market overnight, killing at least six people, "
                       "local civil society said.\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'fr.db'}"
    with Store(url) as store:
        result = ingest(store, [report, english])
    assert result.ingested == 2 and not result.failed
    with TestClient(create_app(url)) as client:
        items = client.get("/api/incidents").json()["items"]
        langs = {}
        for item in items:
            record = client.get(f"/api/incidents/{item['id']}").json()["record"]
            lang = record["language"]
            langs[record["source"]["path"].rsplit("/", 1)[-1]] = lang
            page = client.get(f"/incidents/{item['id']}").text
            assert f'<span class="badge lang" lang="{lang}">{lang}</span>' in page
            assert f'id="doctext" lang="{lang}"' in page
    assert langs == {"goma.txt": "fr", "kiwanja.txt": "en"}


@pytest.mark.parametrize("sentence, place", [
    ("Des hommes armés ont attaqué dimanche la localité de Kiwanja, selon la société civile.", "Kiwanja"),  # kind + de
    ("Trois civils ont été tués mardi près de Rutshuru.", "Rutshuru"),                                      # près de
    ("L'embuscade a eu lieu à une quinzaine de kilomètres de Djibo.", "Djibo"),                             # km de
    ("Les assaillants ont ouvert le feu à Konduga avant de fuir.", "Konduga"),                             # à
    ("Le poste de gendarmerie du cercle de Niono a été visé.", "Niono"),                                    # cercle de
])
def test_french_locative_cues_find_the_place(sentence, place):
    from tally.where.geotext import find_places

    assert place in [p.name for p in find_places(sentence)]
