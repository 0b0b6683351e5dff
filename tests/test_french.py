"""French reports: what the French-language reading adds, from sentences written for these tests."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

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
    english = tmp_path / "kiwanja.txt"  # another attack (Butembo is 200 km north): its own incident
    english.write_text("Armed men attacked the Butembo market overnight, killing at least six people, "
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
    # the export's own columns carry it too
    import csv as _csv

    from tally.cli import app

    out = tmp_path / "incidents.csv"
    result = CliRunner().invoke(app, ["export", "--db", url, "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as fh:
        rows = {r["source_path"].rsplit("/", 1)[-1]: r["language"] for r in _csv.DictReader(fh)}
    assert rows == {"goma.txt": "fr", "kiwanja.txt": "en"}


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


# --------------------------------------------------------------------------- French casualty claims
# Sentences written for these tests about places outside West Africa; each names its structure.

def _fr(text: str, policy: str = "tally"):
    from tally.extract import extract
    from tally.model import Document

    return extract(Document.from_text(text, format="text", language="fr"), policy=policy)


def _killed(rec):
    e = rec.casualties.get("killed")
    return None if e is None else (e.low, e.best, e.high)


@pytest.mark.parametrize("sentence, expected", [
    # a figure, a noun phrase and a passive auxiliary on its right
    ("Au moins quatorze civils ont été tués mardi soir près de Butembo.", (14, 14, None)),
    # a bare participle after the noun
    ("Onze fidèles tués dans l'incendie d'une église à Port-au-Prince.", (11, 11, 11)),
    # an active verb on the left, a weekday between it and the figure
    ("Des hommes armés ont tué dimanche vingt et un villageois dans le territoire de Djugu.", (21, 21, 21)),
    # 'faire' with a count noun: 'a fait 12 morts'
    ("L'explosion a fait 12 morts et une trentaine de blessés à Mogadiscio.", (12, 12, 12)),
    # the toll: 's'élève à', and a change of figure 'est passé de 8 à 10'
    ("Le bilan de l'attaque s'élève à 27 morts, selon le ministère.", (27, 27, 27)),
    ("Le bilan est passé de huit à dix morts après la découverte de nouveaux corps.", (10, 10, 10)),
    # idioms of death: 'ont trouvé la mort', 'ont perdu la vie'
    ("Trois gendarmes ont trouvé la mort dans l'embuscade.", (3, 3, 3)),
    # a subset after 'dont' is part of the figure, not added (as in English, it is the interval's floor)
    ("Dix-sept personnes ont été tuées, dont cinq enfants.", (5, 17, 17)),
    # an approximate noun: 'une vingtaine'
    ("Une vingtaine de civils ont été tués près de Bangui.", (20, 20, 20)),
    # an aside between the noun phrase and a French passive auxiliary ('ont été')
    ("Mardi, dix-neuf pêcheurs, d'après la préfecture, ont été tués sur le lac.", (19, 19, 19)),
    # bodies found: 'corps' before a participle of finding
    ("Quinze corps ont été découverts lundi dans un puits près de Goma.", (15, 15, 15)),
    # military losses: 'la perte de N soldats'
    ("L'état-major a reconnu la perte de 9 militaires lors de l'assaut.", (9, 9, 9)),
    # a number in words restated in digits in brackets: one figure, its group after the brackets
    ("Les assaillants ont tué douze (12) villageois et six (06) gendarmes à Koulikoro.", (6, 18, 18)),
    # a bracketed breakdown of a figure is its parts, not more dead
    ("Les assaillants ont tué neuf civils et cinq militaires (trois soldats et deux gendarmes).", (2, 14, 14)),
    # written-out numbers are numbers: a later count of the civilians updates that part only; the
    # "dizaines" it updates is one other reading of the civilians (up to 99), never added to the count
    ("Plusieurs dizaines de civils tués dans le nord. Quatre gendarmes ont été tués. "
     "Les assaillants ont tué trente et un civils, selon le gouverneur.", (4, 35, 99)),
])
def test_french_death_tolls(sentence, expected):
    assert _killed(_fr(sentence)) == expected


@pytest.mark.parametrize("sentence", [
    "L'armée a signalé la perte de 4 véhicules blindés dans l'attaque.",
    "Les assaillants ont incendié 40 cases et 3 greniers dans la localité.",
    "Le corps expéditionnaire de 600 hommes a été déployé dans la région.",
])
def test_french_figures_of_things_are_no_toll(sentence):
    # nouns of things in the French lexicon (NOT_PEOPLE_RE), and 'corps' only as bodies
    assert _killed(_fr(sentence)) is None


def test_french_attackers_as_subject_are_not_victims():
    # "douze hommes armés ont tué cinq villageois": the subject of an active verb counts no one
    assert _killed(_fr("Douze hommes armés ont tué cinq villageois près de Kalehe.")) == (5, 5, 5)


def test_french_attackers_neutralised_are_kept_apart():
    rec = _fr("Neuf civils ont été tués dans l'attaque. L'armée affirme avoir neutralisé quatre assaillants.")
    assert _killed(rec) == (9, 9, 13)  # the attackers widen the high, as in English
    assert rec.casualties_by_group["perpetrators"]["killed"].best == 4


def test_french_injured_and_hostages():
    rec = _fr("Six policiers ont été blessés et deux ingénieurs ont été enlevés près de Kidal.")
    assert rec.casualties["injured"].best == 6 and rec.casualties["hostages"].best == 2


@pytest.mark.parametrize("sentence, source", [
    ("Huit civils ont été tués, selon la Croix-Rouge locale.", "la Croix-Rouge locale"),         # selon
    ("Quatre soldats ont été tués dans l'embuscade, a indiqué l'état-major.", "l'état-major"),  # a indiqué X
    ("Deux enseignants ont été tués, a-t-on appris de sources concordantes.", "sources concordantes"),
])
def test_french_sources(sentence, source):
    assert [c.source for c in _fr(sentence).claims] == [source]


def test_french_victim_groups_and_the_wad_policy():
    rec = _fr("Dix civils et trois soldats ont été tués dans l'attaque du marché.", policy="wad")
    assert {c.victim_group for c in rec.claims} == {"civilians", "security_forces"}
    assert _killed(rec) == (10, 10, 10)


def test_the_english_lexicon_reads_english_documents_unchanged():
    from tally.claims.lexicon import current, for_language, use

    assert current() is for_language("en") and for_language("de") is for_language("en")
    with use("fr") as lex:
        assert current() is lex and lex.PARSED is False
    assert current() is for_language("en")


def test_a_quoted_verb_still_governs_its_figure():
    rec = _fr("L'armée dit avoir « neutralisé » trois assaillants après l'attaque.")
    assert [(c.low, c.victim_group) for c in rec.claims] == [(3, "perpetrators")]


@pytest.mark.parametrize("sentence, expected", [
    # a contrast and a speech verb: another source's figure is an alternative, never added
    ("Selon la préfecture, 14 villageois ont été tués, mais des habitants affirment que 25 personnes ont été tuées.",
     (14, 14, 25)),
    # a relative clause giving the word to other sources ('qui évoquent', 'qui parlent de')
    ("Au moins 30 morts selon l'armée, d'après des élus locaux qui évoquent plus de 50 civils tués.", (30, 30, None)),
])
def test_french_another_sources_figure_is_an_alternative(sentence, expected):
    assert _killed(_fr(sentence)) == expected


def test_french_day_of_the_month_is_no_figure():
    # 'samedi 14 mars': a number before a French month is a date (lexicon NOT_A_COUNT_AFTER_RE)
    assert _killed(_fr("Samedi 14 mars, au moins 9 civils ont été tués près de Kalemie.")) == (9, 9, None)


def test_french_toll_of_a_series_named_as_such_is_context():
    # 'dans ces attaques': the campaign's toll, not this attack's
    text = ("Jeudi, 11 villageois ont été tués par des hommes armés. Depuis le début de l'année, "
            "les autorités recensent de nombreux raids ; plus de 900 personnes sont mortes dans ces attaques.")
    assert _killed(_fr(text))[1] == 11


@pytest.mark.parametrize("sentence, expected", [
    # the killing that preceded this event ('un mois après la mort de'): another event's figure
    ("Neuf gendarmes ont été tués lundi à Kalemie, un mois après la mort de 30 civils dans la même zone.", (9, 9, 9)),
    # two speakers after a colon, one clause each: the second figure is an alternative
    ("Les chiffres divergent : la mairie parle de 12 morts, la Croix-Rouge rapporte que 16 corps ont été retrouvés.",
     (12, 12, 16)),
    # a loss of people ('a perdu 7 soldats'), never a loss of things
    ("Dans l'embuscade, l'armée a perdu 7 soldats.", (7, 7, 7)),
    ("Le club a perdu 3 matchs et 2 joueurs blessés ont quitté le terrain.", None),
])
def test_french_other_events_speakers_and_losses(sentence, expected):
    assert _killed(_fr(sentence)) == expected


@pytest.mark.parametrize("sentence, expected", [
    # 'victimes' with an injury participle are wounded victims, not dead
    ("Au moins 11 personnes ont été tuées et 23 autres victimes grièvement blessées ont été évacuées.", (11, 11, None)),
    # a relative clause on the attack gives this attack's toll (EVENT_NOUN_BEFORE_RE), not a campaign's
    ("L'attaque qui a fait 17 morts a visé un marché de Beni.", (17, 17, 17)),
    # ... while on the conflict it stays a campaign's
    ("Neuf civils ont été tués lundi. Le conflit, qui a fait plus de 40 000 morts, ne faiblit pas.", (9, 9, 9)),
])
def test_french_wounded_victims_and_relative_clauses(sentence, expected):
    assert _killed(_fr(sentence)) == expected


def test_quotation_marks_around_a_figure_do_not_break_its_link_to_the_verb():
    text = "Les soldats ont tué « plus de 40 assaillants », selon l'état-major, et repoussé l'attaque."
    rec = _fr(text)
    claims = [c for c in rec.claims if "killed" in c.categories]
    assert claims and claims[0].low == 40 and claims[0].side == "perpetrators"
    assert "« plus de 40 assaillants »" in claims[0].text  # the sentence as written
