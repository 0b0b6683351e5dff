"""A news report states its own toll and recalls others (issue 23, section 0):
running and campaign totals ("more than 2,000 have died since 2015", "qui
durent depuis dix ans ... plus de 30 000 morts") and earlier attacks ("fin
mars dernier, six personnes avaient été tuées") are context, never part of
the report's figure. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.model import Document


def killed(text: str, lang: str) -> tuple:
    rec = extract(Document.from_text(text, source="r.txt", format="text", meta={"date": "2024-05-08"},
                                     language=lang))
    est = rec.casualties["killed"]
    return est.best, [(c.low, c.other_event) for c in rec.claims if "killed" in c.categories]


@pytest.mark.parametrize("lang, text, best", [
    ("en", "Gunmen killed 14 villagers near the river on Tuesday, officials said. The insurgency has killed "
           "more than 2,000 people since 2015.", 14),
    ("en", "Gunmen killed 14 villagers on Tuesday. Thousands have died and millions have been displaced "
           "across the region.", 14),
    ("en", "Gunmen killed 14 villagers on Tuesday in an area held by a faction that has killed hundreds of "
           "civilians.", 14),
    ("en", "Gunmen killed 14 villagers on Tuesday, and over the past two years more than 300 people have died "
           "in the district.", 14),
    ("fr", "Des hommes armés ont tué quatorze villageois mardi. Ces affrontements, qui durent depuis dix ans dans la "
           "province, ont fait plus de 30 000 morts.", 14),
    ("fr", "Des hommes armés ont tué quatorze villageois mardi. Depuis 2015, ces attaques ont fait près de "
           "500 morts dans la région.", 14),
])
def test_a_running_total_is_context(lang, text, best):
    value, claims = killed(text, lang)
    assert value == best, claims
    assert any(other for _, other in claims)


@pytest.mark.parametrize("lang, text, best", [
    ("en", "The raid on Tuesday, which killed 40 people, was the deadliest attack in the region since 2012.", 40),
    ("en", "Suspected rebels killed at least 25 civilians, marking the deadliest massacre in the troubled "
           "province this year.", 25),
    ("fr", "L'attaque de mardi, la plus meurtrière dans la région depuis 2012, a fait 40 morts.", 40),
])
def test_a_superlative_keeps_the_figure_this_events(lang, text, best):
    assert killed(text, lang)[0] == best


def test_an_earlier_attack_recalled_in_french_is_another_event():
    text = ("Des hommes armés ont tué six fidèles dimanche dans une église. Fin mars dernier, quatre "
            "personnes avaient été tuées lors d'une attaque contre un temple voisin.")
    value, claims = killed(text, "fr")
    assert value == 6 and (4, True) in claims


@pytest.mark.parametrize("lang, text, best", [
    # a sentence that states the toll holds its other figures: the priest is one of the six
    ("en", "Attackers shot dead six farmers at a well. A herder was killed too, bringing the death toll to "
           "seven, the mayor said.", 7),
    ("fr", "Des assaillants ont abattu 6 cultivateurs près d'un puits. Peu après, ils ont tué 2 bergers, portant "
           "à 8 le nombre de morts, selon le maire.", 8),
])
def test_a_sentence_that_states_the_toll_is_not_added_to_its_parts(lang, text, best):
    assert killed(text, lang)[0] == best


@pytest.mark.parametrize("lang, text", [
    ("en", "Rescuers counted 40 dead on the road and 12 survivors hiding in the bush, the governor said."),
    ("fr", "Les secours ont compté 40 morts sur la route et 12 rescapés cachés dans la brousse, selon le gouverneur."),
])
def test_survivors_are_not_dead(lang, text):
    value, claims = killed(text, lang)
    assert value == 40 and 12 not in [low for low, _ in claims]


def test_a_similar_attack_weeks_earlier_is_another_event():
    text = ("Gunmen killed six traders at a market on Sunday. The raid came ten days after a similar "
            "assault on a cattle fair nearby, when armed men killed a butcher and four herders.")
    value, claims = killed(text, "en")
    assert value == 6 and all(other for low, other in claims if low in (1, 4))


@pytest.mark.parametrize("lang, text", [
    ("fr", "Cinq personnes ont péri, dont deux touristes - une Suédoise et un Chilien -, ainsi que trois "
           "guides de la région."),
    ("en", "Five people died, including two tourists - a Swedish woman and a Chilean man - as well as three "
           "local guides."),
])
def test_an_enumeration_after_including_stays_inside_the_total(lang, text):
    assert killed(text, lang)[0] == 5


@pytest.mark.parametrize("lang, text", [
    ("fr", "Huit soldats ont été tués dans l'embuscade. Du côté des assaillants, on compte 25 morts."),
    ("en", "Eight soldiers were killed in the ambush. On the attackers' side, 25 were killed, the army said."),
])
def test_a_sentence_opening_on_a_side_counts_that_side(lang, text):
    rec = extract(Document.from_text(text, source="r.txt", format="text", language=lang))
    assert rec.casualties["killed"].best == 8
    assert [c.side for c in rec.claims if c.low == 25] == ["perpetrators"]
