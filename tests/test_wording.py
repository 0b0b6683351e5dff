"""Wording read since issue 23 §3, in English and French: victims counted without a
number, a casualty figure of killed-or-wounded, "both", a toll given in parts.
Sentences written for these tests; each test names the structure it checks."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.model import Document, to_dict


def record(text: str, language: str, policy: str = "tally"):
    return extract(Document.from_text(text, format="text", language=language), policy=policy)


def best(text: str, language: str = "en", cat: str = "killed"):
    e = record(text, language).casualties.get(cat)
    return None if e is None else e.best


@pytest.mark.parametrize("text, language, expected", [
    ("Gunmen stormed a farm near Tarvo. A farmer and his brother were shot dead.", "en", 2),
    ("Des hommes armés ont attaqué une ferme. Un cultivateur et son frère ont été abattus près de Tarvo.",
     "fr", 2),
])
def test_unnumbered_victims_joined_by_and_are_counted_one_each(text, language, expected):
    assert best(text, language) == expected


def test_a_number_and_an_unnumbered_victim_joined_are_summed_in_french():
    text = "Un policier et quatre passagers ont péri dans l'attaque d'un autocar près de Lorsa."
    assert best(text, "fr") == 5


@pytest.mark.parametrize("text, language, expected", [
    ("Gunmen killed four villagers in Tamba on Sunday. Another villager later died of his wounds.", "en", 5),
    ("Des hommes armés ont tué quatre villageois à Tamba dimanche. Un autre villageois a succombé à ses "
     "blessures lundi.", "fr", 5),
])
def test_another_victim_who_later_died_adds_one(text, language, expected):
    assert best(text, language) == expected


@pytest.mark.parametrize("text, language", [
    ("A trader was shot in Kafa market; he succumbed to his injuries in hospital.", "en"),
    ("Un commerçant a été blessé par balle au marché de Kafa. Il a succombé à ses blessures.", "fr"),
])
def test_succumbed_is_a_death(text, language):
    assert best(text, language) == 1


def test_killed_or_wounded_is_a_casualty_figure_that_bounds_both(validator):
    rec = record("Militants attacked the village of Sora and killed or wounded 40 people.", "en")
    validator.validate(to_dict(rec))  # a ceiling with no low and no best is a valid estimate
    c = next(c for c in rec.claims if c.low == 40)
    assert c.categories == ["killed", "injured"]
    k, w = rec.casualties["killed"], rec.casualties["injured"]
    assert (k.low, k.best, k.high) == (1, 1, 40)  # a killing is reported: at least one, at most the 40
    assert (w.low, w.best, w.high, w.rule) == (None, None, 40, "narrative-ceiling-only")


def test_tue_ou_blesse_is_a_casualty_figure_in_french():
    rec = record("Les assaillants ont tué ou blessé 25 personnes dans le village de Sora.", "fr")
    assert next(c for c in rec.claims if c.low == 25).categories == ["killed", "injured"]


@pytest.mark.parametrize("text", [
    "Soldiers killed both attackers after they opened fire on a church in Lema.",
    "Both attackers were killed by police after they opened fire on a church in Lema.",
])
def test_both_attackers_are_two(text):
    rec = record(text, "en")
    assert [(c.low, c.side) for c in rec.claims if "killed" in c.categories] == [(2, "perpetrators")]
    assert record(text, "en", "gtd").casualties["killed"].best == 2


def test_the_sole_casualty_being_the_bomber_kills_no_one_else():
    rec = record("A suicide bomber blew himself up at a checkpoint in Garo. The sole casualty was the bomber.", "en")
    assert rec.casualties["killed"].best == 0
    assert record("A suicide bomber blew himself up at a checkpoint in Garo.", "en", "gtd").casualties["killed"].best == 1


@pytest.mark.parametrize("text, language, expected", [
    ("Five men were hacked to death by assailants armed with machetes in Dima.", "en", 5),
    ("Residents found a mass grave with 31 bodies near the town of Bouna.", "en", 31),
    ("L'état-major a annoncé la perte de 12 soldats lors de l'attaque d'un poste à Telsa.", "fr", 12),
    ("Après l'attaque du village de Kiri, 27 corps ont été retrouvés par les habitants.", "fr", 27),
    ("Vingt-deux villageois, selon un bilan provisoire, ont été tués par des hommes armés à Dara.", "fr", 22),
])
def test_wording_read_as_deaths(text, language, expected):
    assert best(text, language) == expected


@pytest.mark.parametrize("text, language", [
    ("Le bilan est de 14 soldats et 6 civils tués, selon une source sécuritaire.", "fr"),
    ("The death toll stood at 14 soldiers and 6 civilians after the raid on Kalo.", "en"),
])
def test_a_toll_stated_in_parts_is_their_sum(text, language):
    rec = record(text, language)
    assert rec.casualties["killed"].best == 20
    assert sorted(c.low for c in rec.claims if "killed" in c.categories) == [6, 14]  # kept as parts


def test_a_bracketed_breakdown_of_a_figure_is_a_part_of_it():
    text = ("Trente civils, dont douze femmes, et sept militaires (quatre soldats et trois gendarmes) ont été "
            "tués près de Lorsa.")
    assert best(text, "fr") == 37


@pytest.mark.parametrize("text, killed_cats", [
    # one figure for the dead and the wounded together: a casualty count bounding both
    ("Fighting in the market town left a dozen dead and injured.", ["killed", "injured"]),
    ("The blast left 12 dead or wounded.", ["killed", "injured"]),
    # the wounded given a clause and a figure of their own
    ("The raid left 11 dead and injuring scores of villagers.", ["killed"]),
])
def test_left_n_dead_and_injured_is_one_casualty_count(text, killed_cats):
    claims = extract(Document.from_text(text, format="text")).claims
    assert claims[0].categories == killed_cats
