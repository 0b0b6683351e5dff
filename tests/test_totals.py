"""Reconciled totals: narrative rules (WAD-style) and infobox rules (issue 2, section 6)."""

from __future__ import annotations

import pytest

from tally.claims import extract_claims
from tally.model import Document
from tally.readers.plaintext import parse_plaintext
from tally.reconcile.totals import casualty_totals


def totals(text):
    doc = Document.from_text(text, format="csv")
    claims = extract_claims(doc, [])
    cas, by_side = casualty_totals(claims, doc)
    return cas, by_side, claims


def best(text, cat="killed"):
    est = totals(text)[0][cat]
    return None if est is None else est.best


def page_totals(infobox_lines, body="The fighting ended at dusk."):
    text = "= 2031 Test battle =\n\nInfobox\n" + "".join(f"- {l}\n" for l in infobox_lines) + "\n" + body + "\n"
    doc = parse_plaintext(text, "t.txt")
    claims = extract_claims(doc, [])
    return casualty_totals(claims, doc)[0]


# ----------------------------------------------------------------- narrative


def test_distinct_groups_in_one_clause_add_up():
    assert best("Insurgents killed 14 civilians and three soldiers at a checkpoint.") == 17


def test_distinct_groups_across_clauses_add_up():
    text = "Four people died in the first blast while another five were killed in a second explosion."
    assert best(text) == 9


def test_a_subset_is_not_added():
    text = "At least 29 people, including 10 foreigners, were killed in the siege of the hotel."
    est = totals(text)[0]["killed"]
    assert (est.low, est.best, est.high) == (10, 29, None)


def test_a_repeated_figure_is_not_added():
    text = "Gunmen killed 12 villagers on Sunday. The 12 victims were buried on Monday, officials said."
    assert best(text) == 12


def test_an_updated_toll_replaces_the_first():
    text = "A landslide of rubble after the bombing killed 25 people. The toll rose to 30 on Tuesday."
    est = totals(text)[0]["killed"]
    assert est.best == 30
    assert est.rule.endswith("update")


def test_additional_sentence_is_added():
    text = "Six guards were shot dead at the gate. Two more people were killed inside the building."
    assert best(text) == 8


def test_injured_and_killed_are_separate():
    cas = totals("Eleven people were killed and 40 wounded when the bus was bombed.")[0]
    assert (cas["killed"].best, cas["injured"].best) == (11, 40)


def test_no_injury_mention_gives_none():
    assert totals("Soldiers killed 5 herders near the well.")[0]["injured"] is None


def test_implicit_count_used_when_no_number():
    assert best("Gunmen shot dead a tribal elder outside the mosque.") == 1


def test_killed_along_with_others_total():
    assert best("A local mayor was killed along with eight others in the ambush.") == 9


def test_bomber_told_apart_and_kept_out_of_best():
    cas, by_side, claims = totals("A suicide bomber killed himself and five others at the gate.")
    est = cas["killed"]
    assert est.best == 5           # the victims, as WAD coders count
    assert est.high is None or est.high >= 6   # the interval still holds everyone killed
    assert by_side["perpetrators"]["killed"].best == 1


def test_at_least_leaves_high_open():
    est = totals("At least 8 people were killed in the stampede.")[0]["killed"]
    assert (est.low, est.best, est.high) == (8, 8, None)


def test_range_low_best_high():
    est = totals("Between 40 and 60 villagers were massacred, survivors said.")[0]["killed"]
    assert (est.low, est.best, est.high) == (40, 40, 60)


def test_estimate_points_to_its_claims():
    cas, _, claims = totals("Rebels killed 3 monks and 2 novices.")
    est = cas["killed"]
    assert est.best == 5
    assert sorted(claims[i].low for i in est.claims) == [2, 3]
    assert est.rule


def test_other_event_is_left_out():
    text = ("Gunmen killed 7 people in the village. In a previous attack on the village "
            "last year, 40 people were killed.")
    assert best(text) == 7


# ----------------------------------------------------------------- infobox


def test_stated_total_wins():
    cas = page_totals(["Fatalities: 22", "Casualties1: 30 killed", "Casualties2: 5 killed"])
    assert (cas["killed"].best, cas["killed"].rule) == (22, "infobox-total")


def test_total_field_groups_add():
    cas = page_totals(["Fatalities: 20 hostages, 2 gunmen"])
    assert (cas["killed"].low, cas["killed"].best, cas["killed"].high) == (22, 22, 22)


def test_victims_plus_perpetrators():
    cas = page_totals(["Fatalities: 12 (+2)"])
    assert cas["killed"].best == 14


def test_sides_add_with_open_figure():
    cas = page_totals(["Combatant1: Karvonia", "Combatant2: Sea Wolves",
                       "Casualties1: 7 and at least two soldiers", "Casualties2: 4 killed"])
    est = cas["killed"]
    assert (est.low, est.high) == (13, None)


def test_range_row():
    cas = page_totals(["Combatant1: Karvonia", "Casualties1: 77–100 killed"])
    assert (cas["killed"].low, cas["killed"].best, cas["killed"].high) == (77, 77, 100)


def test_side_with_unknown_losses_leaves_high_open():
    cas = page_totals(["Combatant1: Karvonia", "Combatant2: Sea Wolves",
                       "Casualties1: 10 killed", "Casualties2: Unknown"])
    est = cas["killed"]
    assert (est.low, est.best, est.high) == (10, 10, None)


def test_page_without_infobox_figure_uses_the_lead():
    cas = page_totals(["Combatant1: Karvonia"], body="Bandits killed 19 miners near the pit.")
    assert cas["killed"].best == 19
    assert cas["killed"].rule.startswith("narrative")


@pytest.mark.parametrize("cat", ["killed", "injured", "arrested", "captured", "missing", "hostages",
                                 "displaced"])
def test_every_category_has_a_key(cat):
    assert cat in totals("Nothing happened.")[0]


def test_one_group_counted_twice_gives_alternatives():
    cas = page_totals(["Fatalities: 61 (revised figure); 64 (first report)"])
    est = cas["killed"]
    assert (est.low, est.best, est.high) == (61, 61, 64)
    assert est.rule == "infobox-total-alternatives"


def test_side_row_sources_are_alternatives():
    cas = page_totals(["Combatant1: Karvonia", "Casualties1: 30–45 killed (per villagers), about 90 killed (per the army)"])
    est = cas["killed"]
    assert (est.low, est.best, est.high) == (30, 30, 90)


def test_hostages_killed_are_killed():
    cas = totals("Police said 14 hostages were killed along with the three kidnappers.")[0]
    assert cas["killed"].best == 14
    assert cas["hostages"] is None


def test_also_killed_in_a_later_sentence_is_added():
    text = ("More than 30 fishermen were killed when the boats were shelled. "
            "A trader said a family of five had also been killed nearby.")
    assert best(text) == 35


def test_things_and_animals_are_not_counted_but_people_beside_them_are():
    assert best("Bandits killed 120 cattle and 7 village elders at the market.") == 7


def test_adverb_before_the_category_word():
    cas = totals("Two guards died. Nine people were seriously injured in the blast.")[0]
    assert cas["injured"].best == 9


def test_named_victim_coordinated_with_a_relative():
    assert best("Councillor Ama Ofori and her driver were shot dead near the toll gate.") == 2


@pytest.mark.parametrize("text,value", [
    ("A retired couple was found murdered at their farm near the lake.", 2),
    ("A news presenter and an announcer have been fatally shot outside the studio.", 2),
    ("A village mayor was shot dead by police, the governor said; his cellmate was also killed.", 2),
    ("A driver was killed along with two other men near the bridge, one of his cousins said.", 3),
])
def test_implicit_and_coordinated_counts(text, value):
    assert best(text) == value


def test_arrested_attackers_count_as_arrested():
    cas = totals("Police arrested two gunmen and one more suspect after the raid.")[0]
    assert cas["arrested"].best == 3


def test_freed_hostages_are_hostages_and_killed_hostages_are_killed():
    cas = totals("Troops said 80 hostages had been freed. Six hostages were killed during the rescue.")[0]
    assert cas["hostages"].best == 80
    assert cas["killed"].best == 6


def test_chain_after_a_finished_clause():
    cas = totals("Three porters were killed and two guards and a cook injured when the camp was shelled.")[0]
    assert (cas["killed"].best, cas["injured"].best) == (3, 3)


def test_figure_governed_by_along_with_does_not_open_a_chain():
    cas = totals("Nine pilgrims were killed along with the two attackers, and at least 14 people were wounded.")[0]
    assert cas["killed"].best == 9
    assert cas["injured"].best == 14


def test_another_sources_figure_in_the_same_sentence_is_not_added():
    text = ("Police confirmed 7 deaths in the raid on the market, although residents said "
            "12 people were killed.")
    est = totals(text)[0]["killed"]
    assert est.best == 7
    assert est.low <= 7 and est.high == 12


def test_low_not_below_the_toll_for_a_breakdown_elsewhere():
    text = ("At least 31 people were killed when gunmen opened fire on the hotel, officials said. "
            "Four Italians and two Dutch citizens were among the dead, their embassies said.")
    est = totals(text)[0]["killed"]
    assert est.best == 31 and est.low == 31


def test_low_can_be_a_subset_in_the_tolls_own_sentence():
    est = totals("The blast killed 29 people, including 10 foreigners.")[0]["killed"]
    assert (est.low, est.best) == (10, 29)


ARTICLE = """= 2035 Theatre attack =

A gunman killed 14 people and wounded 25 others at a theatre on 9 May 2035.

==Attack==
He shot 9 people in the foyer and 5 in the auditorium.

==Victims==
Of the 14 dead, 11 were citizens and three were visitors. One of them died on 12 May, raising the death toll to 15.
"""


def test_article_toll_is_not_widened_by_breakdowns_in_other_sections_nor_by_a_later_death():
    doc = parse_plaintext(ARTICLE, "t.txt")
    killed = casualty_totals(extract_claims(doc, []), doc)[0]["killed"]
    assert (killed.low, killed.best, killed.high) == (15, 15, 15)


def _headed(headline: str, body: str):
    doc = Document.from_text(f"{headline}\n\n{body}", format="text", title=headline)
    claims = extract_claims(doc, [])
    return casualty_totals(claims, doc)[0]["killed"]


def test_a_headline_restating_the_toll_is_not_added_to_the_high():
    """Structure: a news headline (the title as the text's first line) sums up
    the story; its figure is the body's toll, not more dead beside it."""
    est = _headed("Bandits kill 9 herders in Zamfara",
                  "Bandits on motorcycles killed 9 herders grazing cattle near Anka on Tuesday, police said.")
    assert (est.low, est.best, est.high) == (9, 9, 9)
    # without a headline the two sentences could be two groups: the high stays their sum
    doc = Document.from_text("Bandits killed 9 herders near Anka. Gunmen killed 9 traders near Gusau.", format="csv")
    est = casualty_totals(extract_claims(doc, []), doc)[0]["killed"]
    assert est.high == 18


def test_a_headline_with_a_later_toll_gives_way_to_it():
    est = _headed("Toll in Anka raid rises to 14", "Bandits killed 9 herders near Anka on Tuesday, police said. "
                  "The toll later rose to 14 as more bodies were found.")
    assert est.best == 14
