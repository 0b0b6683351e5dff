"""How a news report's sentences relate its figures (issue 23, section 0): a total and its
breakdown, a correction, a clause set a time apart or in an earlier year, a running count
for an area or a whole year. Each test names the structure; sentences written for these tests."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.model import Document


def estimate(text: str, lang: str = "en"):
    rec = extract(Document.from_text(text, source="r.txt", format="text", meta={"date": "2024-05-08"},
                                     language=lang))
    return rec.casualties["killed"], [(c.low, c.other_event) for c in rec.claims if "killed" in c.categories]


@pytest.mark.parametrize("lang, text, best", [
    ("en", "The two raids killed 17 people in all, 11 in Dorowa and six in Kasuma.", 17),
    ("en", "Officials counted 25 dead: 19 civilians and six policemen.", 25),
    ("fr", "Les deux attaques ont fait 17 morts au total, onze à Dorowa et six à Kasuma.", 17),
])
def test_a_total_followed_by_its_breakdown_is_one_count(lang, text, best):
    est, claims = estimate(text, lang)
    assert est.best == best, claims


@pytest.mark.parametrize("text, best", [
    ("Gunmen killed five soldiers, two policemen and three civilians.", 10),  # groups listed, none a total
    ("The attack killed five people and two soldiers and three policemen.", 10),  # "and" adds a group
])
def test_groups_that_happen_to_sum_to_one_of_them_still_add(text, best):
    assert estimate(text)[0].best == best


@pytest.mark.parametrize("lang, text", [
    ("en", "The ambush on Friday, in which 9 rangers died, is the latest in a string of raids that have "
           "killed at least 80 people in the park since March."),
    ("fr", "L'embuscade de vendredi, au cours de laquelle 9 gardes ont péri, est la dernière d'une série "
           "d'attaques qui ont fait au moins 80 morts dans le parc depuis mars."),
])
def test_a_period_marker_dates_only_the_relative_clause_it_is_in(lang, text):
    est, claims = estimate(text, lang)
    assert est.best == 9, claims
    assert (9, False) in claims


@pytest.mark.parametrize("lang, text", [
    ("en", "The assault on Thursday, which killed 9 herders, came two weeks after gunmen burned a market "
           "nearby and left 31 dead."),
    ("en", "Nine herders were killed on Thursday in Kolabe, days after a similar attack that left 31 dead."),
    ("fr", "L'assaut de jeudi, qui a tué 9 éleveurs, survient deux semaines après une attaque contre un "
           "marché voisin qui avait fait 31 morts."),
])
def test_figures_after_a_time_apart_marker_belong_to_another_event(lang, text):
    est, claims = estimate(text, lang)
    assert est.best == 9, claims
    assert (31, True) in claims


@pytest.mark.parametrize("lang, text", [
    ("en", "The raid, which killed 9 herders, was the deadliest since June 2019, when 64 villagers were "
           "massacred in Dorowa."),
    ("fr", "Le raid, qui a tué 9 éleveurs, est le plus meurtrier depuis juin 2019, lorsque 64 villageois "
           "avaient été massacrés à Dorowa."),
])
def test_a_when_clause_after_an_earlier_year_recalls_that_years_event(lang, text):
    est, claims = estimate(text, lang)
    assert (est.best, est.claims) == (9, [0]), claims


@pytest.mark.parametrize("lang, text", [
    ("en", "Bandits killed 9 traders near Kasuma on Tuesday. The raid brings to 38 the number of people "
           "killed in the province this week."),
    ("fr", "Des bandits ont tué 9 commerçants mardi près de Kasuma. Ce raid porte à 38 le nombre de personnes "
           "tuées dans la province cette semaine."),
])
def test_a_running_count_for_an_area_this_week_is_context(lang, text):
    est, claims = estimate(text, lang)
    assert est.best == 9, claims


@pytest.mark.parametrize("lang, text", [
    ("en", "Bandits killed 9 traders near Kasuma on Tuesday. Aid groups say about 1,500 civilians were killed "
           "in the province in 2024."),
    ("fr", "Des bandits ont tué 9 commerçants mardi près de Kasuma. Selon des ONG, environ 1 500 civils ont été "
           "tués dans la province en 2024."),
])
def test_a_figure_ten_times_the_toll_set_in_a_whole_year_is_a_campaigns(lang, text):
    assert estimate(text, lang)[0].best == 9


def test_a_count_so_far_of_this_event_is_not_a_campaigns():
    text = "Soldiers shot 3 guards at the gate, then razed Kasuma in March. Elders have listed 40 dead so far."
    assert estimate(text)[0].best == 40  # the later, larger count is this event's


@pytest.mark.parametrize("lang, text", [
    ("en", "Police first said 26 people had died, but the governor later put the toll at 21."),
    ("en", "Police first said 26 people had died. The toll was later revised down to 21."),
    ("fr", "La police avait d'abord fait état de 26 morts. Le bilan a été revu à la baisse à 21 morts."),
])
def test_a_correction_replaces_the_toll_even_downwards(lang, text):
    est, claims = estimate(text, lang)
    assert est.best == 21, claims
    assert est.high == 26 or est.high is None or est.high >= 26


def test_a_correction_naming_one_group_is_a_part_not_the_toll():
    text = "Twelve people were killed on Sunday. Officials later put the number of policemen killed at 5."
    assert estimate(text)[0].best == 12


def test_more_dead_added_later_do_not_lower_the_low():
    est, _ = estimate("Gunmen killed 12 people on Monday. Three others later died of their wounds.")
    assert (est.low, est.best) == (12, 15)


@pytest.mark.parametrize("lang, text", [
    ("en", "Gunmen killed 9 miners at Kiro on Tuesday. In June 2021, 150 people were killed in the same camp."),
    ("fr", "Des hommes armés ont tué 9 orpailleurs mardi à Kiro. En juin 2021, 150 personnes avaient été tuées "
           "dans ce même camp."),
])
def test_a_sentence_opening_on_an_earlier_year_recalls_that_years_event(lang, text):
    est, claims = estimate(text, lang)
    assert (est.best, est.claims) == (9, [0]), claims


@pytest.mark.parametrize("text", [
    "Selon un bilan officiel, 11 gendarmes ont été tués. Des sources locales parlent de 20 morts.",
    "Selon la gendarmerie, 11 personnes ont été tuées. Des habitants évoquent 20 morts.",
])
def test_a_french_speaker_counting_in_the_present_is_another_voice(text):
    est, claims = estimate(text, "fr")
    assert est.best == 11, claims
    assert est.high is not None and est.high >= 20  # the other voice widens the high


@pytest.mark.parametrize("lang, text", [
    ("en", "Gunmen killed 12 people and wounded 20 on Monday. Two of the wounded later died in hospital."),
    ("en", "Gunmen killed 12 people and wounded 20 on Monday. Two of the injured succumbed to their wounds."),
    ("fr", "Des hommes armés ont tué 12 personnes lundi. Deux des blessés ont succombé à leurs blessures."),
])
def test_some_of_the_wounded_who_died_since_add_to_the_toll(lang, text):
    est, claims = estimate(text, lang)
    assert (est.low, est.best) == (12, 14), claims


def test_some_of_the_dead_are_still_a_part_of_the_toll():
    est, _ = estimate("Gunmen killed 12 people on Monday. Two of the dead were teachers.")
    assert est.best == 12


@pytest.mark.parametrize("lang, text, n", [
    ("en", "Raiders killed 11 herders in two camps, six in Wuro and five in Kadi, on Sunday.", 11),
    ("fr", "Les assaillants ont tué 11 éleveurs dans deux campements, six à Wuro et cinq à Kadi.", 11),
])
def test_a_groups_total_followed_by_its_places_is_one_count(lang, text, n):
    assert estimate(text, lang)[0].best == n


@pytest.mark.parametrize("lang, text", [
    ("fr", "Un premier bilan faisait état de 7 morts. Le bilan s'est ensuite alourdi à 10 morts, puis à 13 morts."),
    ("en", "A first toll gave 7 dead. The toll later rose to 10, then to 13."),
])
def test_successive_updates_in_one_sentence_keep_the_last(lang, text):
    assert estimate(text, lang)[0].best == 13


def test_a_french_definite_person_is_a_figure_of_one_and_others_add():
    text = ("Des hommes armés ont fait irruption au hameau, tuant le chef coutumier et ses deux fils. "
            "Trois autres habitants ont été abattus dans leur fuite.")
    assert estimate(text, "fr")[0].best == 6


@pytest.mark.parametrize("lang, text", [
    ("en", "Gunmen killed 12 villagers in Kora on Sunday. Residents told reporters they had buried 16 bodies."),
    ("fr", "Des hommes armés ont tué 12 villageois dimanche à Kora. Des habitants évoquent 16 morts."),
])
def test_a_witness_count_after_the_reports_own_toll_widens_the_high(lang, text):
    est, claims = estimate(text, lang)
    assert est.best == 12, claims
    assert est.high is None or est.high >= 16


@pytest.mark.parametrize("lang, text", [
    ("en", "More than 20 people were killed in the attack on the school. Police said 25 students died."),
    ("fr", "Plus d'une vingtaine de personnes ont été tuées dans l'attaque de l'école. Selon les forces de l'ordre, "
           "l'attaque a fait 25 morts."),
])
def test_an_authoritys_count_after_the_reports_own_toll_is_the_count(lang, text):
    assert estimate(text, lang)[0].best == 25


def test_a_clause_after_a_figure_naming_an_earlier_month_recalls_that_months_event():
    text = ("Six peacekeepers were killed and 12 injured, the UN said; it was the deadliest attack on the "
            "mission this year, after 9 were killed in February.")
    est, claims = estimate(text)  # the report is dated 8 May 2024
    assert est.best == 6, claims


@pytest.mark.parametrize("lang, text", [
    ("en", "Gunmen killed 14 villagers in Kara on Sunday. In another attack, five soldiers were killed near Dori."),
    ("en", "Gunmen killed 14 villagers in Kara on Sunday. Another raid on Monday killed five soldiers near Dori."),
    ("fr", "Des hommes armés ont tué 14 villageois dimanche à Kara. Lors d'une autre attaque, cinq soldats ont été "
           "tués près de Dori."),
])
def test_a_sentence_opening_on_another_attack_after_the_toll_is_another_event(lang, text):
    assert estimate(text, lang)[0].best == 14


@pytest.mark.parametrize("lang, text", [
    ("en", "Another attack kills 20 in Burkina\nAnother attack killed 20 villagers in Kara on Sunday, officials said."),
    ("fr", "Une nouvelle attaque fait 20 morts au Burkina\nUne nouvelle attaque a fait 20 morts dimanche à Kara."),
])
def test_a_report_about_another_attack_in_a_series_keeps_its_own_toll(lang, text):
    assert estimate(text, lang)[0].best == 20


# --- a later, larger figure: another count, unless it is worded as the toll now (stop 32) ---

@pytest.mark.parametrize("lang, text", [
    ("en", "Gunmen killed 12 villagers in Tamba on Sunday. A hospital source spoke of 15 dead."),
    ("en", "At least 12 people were killed when gunmen raided the market. Other reports put the dead at 16."),
    ("fr", "Des hommes armés ont tué 12 villageois dimanche à Tamba. Une source hospitalière évoque 15 morts."),
    ("fr", "Au moins 12 personnes ont été tuées lors de l'attaque du marché. D'autres sources parlent de 16 morts."),
])
def test_a_later_larger_figure_with_no_word_of_an_update_widens_the_high(lang, text):
    est, claims = estimate(text, lang)
    assert est.best == 12 and (est.high is None or est.high >= 15), claims


@pytest.mark.parametrize("lang, text, best", [
    ("en", "Gunmen killed 12 villagers in Tamba on Sunday. By Monday evening 15 people had died.", 15),
    ("en", "Gunmen killed 12 villagers in Tamba on Sunday. Elders have counted 15 dead so far.", 15),
    ("en", "Gunmen killed 12 villagers in Tamba on Sunday. The death toll of the raid now stands at 15.", 15),
    ("fr", "Des hommes armés ont tué 12 villageois dimanche à Tamba. Le bilan provisoire est de 15 morts.", 15),
    ("fr", "Des hommes armés ont tué 12 villageois dimanche à Tamba. On compte 15 morts à ce jour.", 15),
    ("fr", "Des hommes armés ont tué 12 villageois dimanche à Tamba. Le bilan s'élève à 15 morts.", 15),
])
def test_a_later_figure_worded_as_the_toll_now_replaces_it(lang, text, best):
    est, claims = estimate(text, lang)
    assert est.best == best, claims


@pytest.mark.parametrize("lang, text", [
    ("en", "Dozens of people were killed in the raid on Tamba. The village chief said 37 people died."),
    ("fr", "Une vingtaine de personnes ont été tuées dans le raid sur Tamba. Un habitant a compté 23 morts."),
])
def test_a_count_after_an_approximate_figure_is_the_count(lang, text):
    est, claims = estimate(text, lang)
    assert est.best > 20 and est.best in (23, 37), claims


def test_the_leads_count_after_a_headline_figure_is_the_count():
    # the headline sums the lead up: its "5" leaves out the priest the lead counts
    text = ("Priest, 5 parishioners killed in raid on chapel\n"
            "Gunmen killed a priest and five parishioners at a chapel in Soba on Sunday, a teacher said.")
    est, claims = estimate(text)
    assert est.best == 6, claims


@pytest.mark.parametrize("lang, text", [
    ("en", "It was the second raid this month, after the one in Lena that had killed 8 people. "
           "On Monday, 17 herders were killed in Soba."),
    ("fr", "Il s'agit du deuxième raid ce mois-ci, après celui de Lena qui avait fait 8 morts. "
           "Lundi, 17 éleveurs ont été tués à Soba."),
])
def test_the_one_before_named_by_a_pronoun_is_another_event(lang, text):
    est, claims = estimate(text, lang)
    assert est.best == 17 and est.high == 17, claims


def test_a_french_row_read_without_a_language_uses_the_french_rules():
    # the language is detected, never given: the French reading of "portant le bilan à" applies
    text = ("Des hommes armés ont tué cinq villageois dimanche soir à Soba, selon un élu local. "
            "Un sixième villageois a succombé à ses blessures lundi, portant le bilan à six morts.")
    rec = extract(Document.from_text(text, source="r.csv#row=2", format="csv"))
    assert rec.language == "fr"
    assert rec.casualties["killed"].best == 6


@pytest.mark.parametrize("lang, text, best", [
    ("fr", "Quatre gendarmes ont été tués dans l'embuscade. Un civil a également été tué.", 5),
    ("fr", "Quatre gendarmes ont été tués dans l'embuscade. Un chauffeur a aussi été tué.", 5),
])
def test_a_french_adverb_between_auxiliary_and_participle_still_reads_the_victim(lang, text, best):
    est, claims = estimate(text, lang)
    assert est.best == best and est.low >= 4, claims


@pytest.mark.parametrize("lang, text", [
    ("fr", "Au moins treize villageois ont été tués dimanche, a dit un élu : « Treize personnes sont mortes »."),
    ("en", "At least thirteen villagers were killed on Sunday, an official said: \"Thirteen people died.\""),
])
def test_a_floor_and_the_same_exact_figure_in_one_sentence_are_one_count(lang, text):
    est, claims = estimate(text, lang)
    assert est.best == 13, claims


def test_a_local_voices_count_after_a_headlines_approximate_figure_is_the_count():
    text = ("Burkina : une attaque fait une dizaine de morts à Soba\n"
            "Au moins douze personnes ont été tuées dimanche à Soba, selon des habitants.")
    est, claims = estimate(text, "fr")
    assert est.best == 12, claims


def test_a_toll_restated_in_other_sentences_is_one_reading_not_added_to_the_high():
    text = ("Gunmen killed 14 people in Tamba overnight, officials said. \"We buried fourteen of our people this "
            "morning,\" an elder said. Police confirmed the toll of 14.")
    est, claims = estimate(text)
    assert (est.low, est.best, est.high) == (14, 14, 14), claims


def test_a_wounded_person_who_later_died_is_one_more_dead():
    text = "A lawyer was shot dead in Tamba. A clerk was injured in the attack and later succumbed to his wounds."
    est, claims = estimate(text)
    assert est.best == 2, claims


@pytest.mark.parametrize("lang, text", [
    ("en", "At least 35 civilians were killed in Nodin, the army said. Residents said 44 people died."),
    ("fr", "Au moins 35 civils ont été tués lundi à Seytenga, a annoncé l'armée, tandis que la société civile "
           "avance un bilan de 44 morts."),
])
def test_a_floor_and_another_voices_larger_count_give_the_sources_range(lang, text):
    est, claims = estimate(text, lang)
    assert (est.low, est.best, est.high) == (35, 35, 44), claims


@pytest.mark.parametrize("lang, text", [
    ("en", "Soldiers shot 12 detained herders in Soba, bringing to more than 300 the number of civilians killed "
           "in the region since March."),
    ("fr", "Des soldats ont abattu 12 éleveurs détenus à Soba, portant à plus de 300 le nombre de civils tués "
           "dans la région depuis mars."),
])
def test_a_running_count_brought_by_a_participle_holds_only_its_own_figure(lang, text):
    est, claims = estimate(text, lang)
    assert (est.best, est.high) == (12, 12), claims


def _headed(headline: str, body: str):
    rec = extract(Document.from_text(f"{headline}\n\n{body}", source="r.txt", format="text", title=headline,
                                     meta={"date": "2024-05-08"}, language="en"))
    return rec.casualties["killed"], [(c.low, c.source) for c in rec.claims if "killed" in c.categories]


def test_a_headlines_exact_figure_stands_against_residents_larger_floor():
    est, claims = _headed("Army confirms 21 dead in raid on Lena",
                          "Residents of Lena said that at least 30 people had been killed when gunmen raided the "
                          "village. On Sunday the army put the toll at 21 dead.")
    assert est.best == 21 and (est.high is None or est.high >= 30), claims


def test_a_lead_that_restates_the_headlines_figure_and_adds_a_person_is_the_count():
    est, claims = _headed("Mother and two sons killed in shelling",
                          "A woman and her two sons were killed when a shell hit their home in Lena, relatives said.")
    assert est.best == 3, claims
