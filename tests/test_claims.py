"""Casualty claims from body sentences and infobox fields (sentences written for these tests)."""

from __future__ import annotations

import pytest

from tally.claims import extract_claims, relation
from tally.model import Actor, Document, Side
from tally.readers.plaintext import parse_plaintext

from .growth import growth


def body(text, sides=()):
    doc = Document.from_text(text, format="csv")
    return doc, extract_claims(doc, list(sides))


def figures(text, cat="killed"):
    _, claims = body(text)
    return [(c.low, c.high) for c in claims if c.categories == [cat]]


def check_evidence(doc, claims):
    for c in claims:
        assert doc.text[c.start:c.end] == c.text
        assert c.figure_start is not None and c.start <= c.figure_start < c.figure_end <= c.end
        assert doc.text[c.figure_start:c.figure_end] == c.figure


# ----------------------------------------------------------------- body: figures and categories


def test_passive_subject_figure():
    assert figures("Nine farmers were killed by raiders near the river on Monday.") == [(9, 9)]


def test_active_object_figure_and_agent_not_counted():
    # "Three gunmen" are the agents, not victims
    assert figures("Three gunmen killed 11 traders at a cattle market.") == [(11, 11)]


def test_word_numbers_and_qualifiers():
    assert figures("At least twenty-two pilgrims died in the blast.") == [(22, None)]


def test_several_categories_in_one_sentence():
    doc, claims = body("A car bomb killed 6 people and wounded 31 others outside the court.")
    got = {tuple(c.categories): (c.low, c.high) for c in claims}
    assert got == {("killed",): (6, 6), ("injured",): (31, 31)}
    check_evidence(doc, claims)


@pytest.mark.parametrize("sentence,cat,value", [
    ("Police arrested 14 suspects after the riot.", "arrested", 14),
    ("Eight demonstrators were detained overnight.", "arrested", 8),
    ("Gunmen abducted 23 schoolgirls from a dormitory.", "hostages", 23),
    ("Five aid workers were kidnapped on the highway.", "hostages", 5),
    ("Twelve fishermen are still missing after the raid.", "missing", 12),
    ("The fighting displaced 4,000 residents of the valley.", "displaced", 4000),
    ("Seven guards were hurt when the gate was rammed.", "injured", 7),
    ("Rebels beheaded four herders near the border.", "killed", 4),
    ("The bodies of 17 migrants were recovered from the lake.", "killed", 17),
    ("Thirty prisoners were executed at dawn.", "killed", 30),
])
def test_categories(sentence, cat, value):
    assert (value, value) in figures(sentence, cat)


def test_dead_or_wounded_is_two_categories():
    _, claims = body("The raid left dozens of people dead or wounded, the council said.")
    assert claims and sorted(claims[0].categories) == ["injured", "killed"]
    assert claims[0].qualifier == "vague"


def test_dates_ages_and_distances_are_not_counts():
    _, claims = body("On 12 March a 45-year-old teacher was shot dead 30 km from the town.")
    assert [(c.low, c.categories) for c in claims] == [(1, ["killed"])]


# ----------------------------------------------------------------- implicit counts


def test_shot_dead_the_village_chief_is_one():
    _, claims = body("Unknown assailants shot dead the village chief of a hamlet near the dam.")
    killed = [c for c in claims if "killed" in c.categories]
    assert [(c.low, c.high) for c in killed] == [(1, 1)]


def test_a_journalist_was_killed_is_one():
    assert figures("A radio journalist was killed outside his home on Friday.") == [(1, 1)]


def test_killed_along_with_eight_others_is_nine():
    doc, claims = body("A district judge was killed along with eight others when his convoy was ambushed.")
    killed = [c for c in claims if c.categories == ["killed"]]
    assert sum(c.low for c in killed) == 9
    check_evidence(doc, claims)


@pytest.mark.parametrize("sentence, dead", [
    ("A district judge was killed along with 11 others evacuated to a clinic in the town.", 1),
    ("A district judge was killed along with 11 others in the ambush.", 12),
])
def test_others_with_a_fate_of_their_own_are_not_dead(sentence, dead):
    # OTHER_FATE_RE: "with N others evacuated" names the living, not more dead
    doc, claims = body(sentence)
    assert sum(c.low for c in claims if c.categories == ["killed"]) == dead


@pytest.mark.parametrize("sentence, dead", [
    # one figure for two groups of one list: two counts
    ("The raid killed three U.N. peacekeepers and three local guards.", 6),
    # the same figure restated for the same people in other words: one count
    ("Three soldiers were killed when gunmen killed 3 troops at the post.", 3),
])
def test_the_same_figure_for_two_listed_groups_is_two_counts(sentence, dead):
    from tally.extract import extract

    rec = extract(Document.from_text(sentence, format="text"))
    assert rec.casualties["killed"].best == dead


def _killed(text):
    from tally.extract import extract

    rec = extract(Document.from_text(text, format="text"))
    return rec, rec.casualties["killed"]


def test_another_kind_of_victim_in_a_later_sentence_adds():
    # _other_victims: civilians, then members of the security forces, each named: one toll of both
    rec, k = _killed("Gunmen killed 22 villagers in a night raid on Tuesday. "
                     "Four soldiers died in the fighting that followed.")
    assert k.best == 26
    # the same kind named again restates it; a generic noun ("people") updates it
    assert _killed("Gunmen killed 22 villagers on Tuesday. The 22 villagers were buried on Wednesday.")[1].best == 22
    assert _killed("Gunmen killed 22 villagers on Tuesday. By Wednesday 30 people had died.")[1].best == 30


def test_armed_men_of_the_kind_that_killed_civilians_are_the_attackers():
    # one-sided violence: "insurgents" killed by the army stand apart (victim group perpetrators)
    rec, k = _killed("Insurgents killed 18 civilians in a village on Friday. "
                     "The army said it killed 40 insurgents in the pursuit.")
    assert k.best == 18 and rec.casualties_by_group["perpetrators"]["killed"].best == 40
    # in a battle, with no civilians killed, the militants are a side like any other
    rec, k = _killed("Militants attacked an army base on Friday; 12 soldiers and 30 militants were killed.")
    assert k.best == 42


def test_a_vague_word_never_updates_a_numbered_toll():
    # "hundreds" after "14 soldiers": a restatement of the conflict's scale, never the new toll
    assert _killed("Gunmen killed 14 soldiers at a post on Friday. "
                   "Hundreds have been killed in the region, residents said.")[1].best == 14


def test_a_precise_figure_takes_over_from_a_round_one_close_to_it():
    # "about 100" then "at least 97": the precise count is the toll, though lower
    assert _killed("The attack killed about 100 soldiers on Monday. "
                   "At least 97 soldiers died, according to the latest official toll.")[1].best == 97
    # ... but not a figure far from it
    assert _killed("The attack killed about 100 soldiers on Monday. "
                   "At least 60 soldiers died, according to the latest official toll.")[1].best == 100


def test_suicide_bomber_killed_himself_and_five_others():
    _, claims = body("At the checkpoint a suicide bomber killed himself and five others.")
    killed = [c for c in claims if c.categories == ["killed"]]
    perps = [c for c in killed if c.side == "perpetrators"]
    victims = [c for c in killed if c.side != "perpetrators"]
    assert [(c.low, c.high) for c in perps] == [(1, 1)]
    assert [(c.low, c.high) for c in victims] == [(5, 5)]


def test_a_coordinated_person_counts_one():
    _, claims = body("The mortar round killed three boys and a shepherd on the hillside.")
    killed = [c for c in claims if c.categories == ["killed"]]
    assert sorted(c.low for c in killed) == [1, 3]


# ----------------------------------------------------------------- subsets and additions


def test_including_marks_a_subset():
    doc, claims = body("At least 31 people, including 12 students, were killed in the attack on the campus.")
    rel = {c.low: relation(c, doc) for c in claims}
    assert rel[31] is None and rel[12] == "subset"


def test_another_marks_an_addition():
    doc, claims = body("Two officers died in the ambush. Another 6 officers were wounded.")
    inj = [c for c in claims if c.categories == ["injured"]]
    assert relation(inj[0], doc) == "additive"


# ----------------------------------------------------------------- sources


@pytest.mark.parametrize("sentence,source", [
    ("According to the provincial governor, 16 villagers were killed.", "the provincial governor"),
    ("Eleven soldiers were killed in the ambush, the defence ministry said.", "the defence ministry"),
    ("The Red Crescent reported that 40 people were injured.", "The Red Crescent"),
    ("A hospital director stated that 9 patients died in the shelling.", "A hospital director"),
])
def test_sources(sentence, source):
    _, claims = body(sentence)
    assert claims and claims[0].source == source


def test_source_carried_to_the_next_sentence_that_continues_the_report():
    text = ("According to local radio, 25 people were killed in the market. "
            "Another 60 were injured as well.\nThe army gave no figure. 3 soldiers were hurt.")
    _, claims = body(text)
    by_low = {c.low: c for c in claims}
    assert by_low[25].source == "local radio"
    assert by_low[60].source == "local radio"
    assert by_low[3].source is None  # a new paragraph and no continuation


# ----------------------------------------------------------------- other events and sides


def test_earlier_year_is_another_event():
    text = ("= 2021 Lakeside raid =\n\nGunmen killed 14 people in Lakeside in 2021.\n\n"
            "==Background==\nThe town was attacked in 2016, when 30 people were killed.\n")
    doc = parse_plaintext(text, "t.txt")
    claims = extract_claims(doc, [])
    oe = {c.low: c.other_event for c in claims}
    assert oe == {14: False, 30: True}
    assert [c.section for c in claims] == ["Lead", "Background"]


def test_side_from_actor_names_and_demonyms():
    sides = [Side("1", [Actor("Karvonia")]), Side("2", [Actor("Northern Liberation Front", ["NLF"])])]
    _, claims = body("Twelve Karvonian soldiers and 4 NLF fighters were killed in the clash.", sides)
    got = {c.low: c.side for c in claims}
    assert got == {12: "1", 4: "2"}


# ----------------------------------------------------------------- infobox

INFOBOX_PAGE = """= 2030 Harbour siege =

Infobox
- Conflict: 2030 Harbour siege
- Combatant1: Karvonia
- Combatant2: Sea Wolves
- Casualties1: 12–15 killed, 3 captured
- Casualties2: 8 killed (per Karvonia), 20 killed or arrested (per Sea Wolves)
- Casualties3: 2 civilians injured

The siege of the harbour lasted two days.
"""


def test_infobox_segments():
    doc = parse_plaintext(INFOBOX_PAGE, "t.txt")
    claims = [c for c in extract_claims(doc, []) if c.origin == "infobox"]
    rows = [(c.side, c.categories, c.low, c.high, c.source) for c in claims]
    assert rows == [
        ("1", ["killed"], 12, 15, None),
        ("1", ["captured"], 3, 3, None),
        ("2", ["killed"], 8, 8, "Karvonia"),
        ("2", ["killed", "arrested"], 20, 20, "Sea Wolves"),
        ("civilians", ["injured"], 2, 2, None),  # casualties3 names civilians: their side, not "other"
    ]
    for c in claims:
        # the evidence is the infobox line holding the value
        assert doc.text[c.start:c.end] == c.text
        assert "\n" not in c.text
        assert doc.text[c.figure_start:c.figure_end] == c.figure


def test_infobox_victims_plus_perpetrators():
    page = "= X =\n\nInfobox\n- Title: Mall shooting\n- Fatalities: 9 (+1)\n- Injuries: 30+\n\nText.\n"
    doc = parse_plaintext(page, "t.txt")
    claims = extract_claims(doc, [])
    rows = [(c.categories, c.low, c.high, c.side) for c in claims]
    assert (["killed"], 9, 9, None) in rows
    assert (["killed"], 1, 1, "perpetrators") in rows
    assert (["injured"], 30, None, None) in rows


def test_every_claim_has_exact_evidence():
    doc = parse_plaintext(INFOBOX_PAGE + "\nRebels killed 5 guards. About 40 people were wounded.\n", "t.txt")
    claims = extract_claims(doc, [])
    assert len(claims) >= 7
    check_evidence(doc, claims)


@pytest.mark.parametrize("value,expected", [
    ("49 (+1 perpetrator)", [(49, None), (1, "perpetrators")]),
    ("6 (plus the attacker)", [(6, None), (1, "perpetrators")]),
    ("12 victims + 2 perpetrators", [(12, None), (2, "perpetrators")]),
    ("100 killed and 200 wounded", [(100, None), (200, None)]),
    ("~1,000", [(1000, None)]),
    # a breakdown in brackets is the same figure, not two more
    ("137 (130 victims + 7 perpetrators)", [(137, None)]),
    ("40 (31 civilians and 9 soldiers)", [(40, None)]),
])
def test_infobox_total_field_forms(value, expected):
    page = f"= X =\n\nInfobox\n- Title: Depot bombing\n- Fatalities: {value}\n\nText.\n"
    doc = parse_plaintext(page, "t.txt")
    claims = extract_claims(doc, [])
    assert [(c.low, c.side) for c in claims] == expected
    check_evidence(doc, claims)


@pytest.mark.parametrize("sentence,value", [
    ("Around 12 guards who had been taken to the barracks were later killed in the raid.", 12),
    ("Nine pupils - four of them sisters - have been killed in the air strike.", 9),
    ("Five traders, three of them women, were on Sunday night killed near the ferry.", 5),
    ("A family of seven was massacred at the farm.", 7),
    ("Raiders shot 19 villagers near the well.", 19),
    ("The death toll from the ambush on the convoy near the northern border crossing has risen to 23.", 23),
])
def test_harder_sentence_shapes(sentence, value):
    _, claims = body(sentence)
    killed = [c for c in claims if c.categories == ["killed"] and c.low == value]
    assert killed, [(c.categories, c.low) for c in claims]


def test_animals_are_not_victims():
    _, claims = body("The raiders killed 40 goats and 3 herders.")
    assert [(c.low, c.group) for c in claims] == [(3, "herders")]


def test_shot_in_the_leg_is_not_a_killing():
    _, claims = body("Four protesters were shot in the leg by police.")
    assert not [c for c in claims if "killed" in c.categories]


def test_long_unpunctuated_text_grows_no_worse_than_quadratically():
    """One 'sentence' of thousands of words: every claim is read, and doubling
    the sentence costs at most about four times as much (no backtracking
    blow-up). Today's cost is close to quadratic in one sentence's length,
    since each figure looks back to the sentence's start; real sentences
    are short, and bench/ prints the speed."""
    chunk = "at least 12 people were killed and 30 wounded in the raid by 3 gunmen on 5 May "
    small, large = Document.from_text(chunk * 150), Document.from_text(chunk * 300)
    assert len(extract_claims(large, [])) >= 300
    assert growth(lambda: extract_claims(small, []), lambda: extract_claims(large, []), repeat=2) < 5.5


def test_infobox_claim_sources_and_materiel():
    page = ("= X =\n\nInfobox\n- Combatant1: Karvonia\n- Combatant2: Sea Wolves\n"
            "- Casualties1: 9 soldiers killed; 1 helicopter destroyed; 2 trucks lost\n"
            "- Casualties2: 60+ killed (Karvonian claim); 25 killed (rebel claim)\n\nText.\n")
    doc = parse_plaintext(page, "t.txt")
    claims = extract_claims(doc, [])
    assert [(c.side, c.low, c.source) for c in claims] == [
        ("1", 9, None), ("2", 60, "Karvonian"), ("2", 25, "rebel")]


# ----------------------------------------------------------------- restatements and speakers (issue 4)


def test_ordinal_victim_is_one_claim_not_two():
    _, claims = body("Two gunmen were killed at the gate. A third gunman was shot dead near the river, "
                     "an officer said.")
    third = [c for c in claims if c.start > 30 and "killed" in c.categories]
    assert len(third) == 1 and third[0].low == 1


def test_part_of_the_injured_is_not_a_new_claim():
    _, claims = body("Forty people were wounded in the blast. A nurse said that several of the wounded "
                     "were in critical condition.")
    assert [(c.low, c.high) for c in claims if c.categories == ["injured"]] == [(40, 40)]


def test_part_of_the_dead_is_not_a_new_claim():
    _, claims = body("Twelve miners died in the collapse; four of the dead were teenagers.")
    assert [c.low for c in claims if c.categories == ["killed"]] == [12]


def test_relative_clause_is_not_a_speaker():
    _, claims = body("The militia, the faction that claimed the raid, burned a school where 6 pupils died.")
    assert all(c.source is None or not c.source.lower().endswith("that") for c in claims)


def test_weekday_time_phrase_stripped_from_source():
    _, claims = body("On Sunday Reuters reported 14 people killed in the shelling.")
    assert claims and claims[0].source == "Reuters"


def test_months_earlier_marks_another_event():
    _, claims = body("The group also staged an ambush three months earlier in which 9 drivers died.")
    assert claims and all(c.other_event for c in claims)


def test_sentence_opening_with_an_earlier_year_is_another_event():
    doc = parse_plaintext("= 2030 Dara bombing =\n\nA bomb killed 5 people in Dara.\n\n"
                          "In 2012 a bomb at the same market killed 40 people.\n", "d.txt")
    claims = extract_claims(doc, [])
    assert [c.other_event for c in claims if c.categories == ["killed"]] == [False, True]


@pytest.mark.parametrize("sentence, expected", [
    ("Raiders shot dead a herder and his four brothers at a well.", [(1, 1), (4, 4)]),
    ("Two nurses and their three patients were killed when the clinic was shelled.", [(2, 2), (3, 3)]),
])
def test_possessive_after_and_continues_the_count(sentence, expected):
    doc, claims = body(sentence)
    assert sorted((c.low, c.high) for c in claims if c.categories == ["killed"]) == expected
    assert all(not (c.group or "").endswith(("their", "his")) for c in claims)
    check_evidence(doc, claims)


@pytest.mark.parametrize("text, expected", [
    ("A commission later listed the killing among hundreds of massacres committed by the army.", []),
    ("More than 600 massacres were recorded in the highlands between 1978 and 1984.", []),
    ("Two suicide bombings killed 20 people at the bus station.", [(20, 20)]),
    ("Militants carried out 14 attacks in the province last year, killing 35 soldiers.", [(35, 35)]),
])
def test_counted_events_are_not_victims(text, expected):
    """A number of massacres, attacks or bombings counts events, not the dead."""
    assert figures(text) == expected


@pytest.mark.parametrize("text, group", [
    ("The raiders burned the market, killing dozens of villagers.", "villagers"),
    ("The army said 50 of its soldiers were killed in the assault.", "its soldiers"),
])
def test_group_drops_the_linking_of(text, group):
    _, claims = body(text)
    assert [c.group for c in claims] == [group]


@pytest.mark.parametrize("text, expected", [
    # one person described twice in an apposition
    ("Rosa Mendes, the owner of a bakery and a critic of the local council, was shot and killed at her shop.",
     [(1, 1)]),
    # an earlier victim of a series is not one more victim
    ("A village chief was shot dead by gunmen on Sunday, the fourth killing of a chief in the district this year.",
     [(1, 1)]),
    # but a real second victim joined by "and a" still counts
    ("Gunmen killed a teacher and a nurse outside the clinic.", [(1, 1), (1, 1)]),
])
def test_one_person_described_twice_is_one_victim(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Raiders decapitated three village elders near the well.", [(3, 3)]),
    ("Fourteen prisoners were put to death after the failed escape.", [(14, 14)]),
    ("Nine passengers, most of them children, drowned when gunmen fired on the ferry.", [(9, 9)]),
])
def test_more_ways_of_killing(text, expected):
    assert figures(text) == expected


def test_infobox_br_left_in_a_rendered_value_separates_segments():
    page = ("= X =\n\nInfobox\n- Combatant1: A\n- Combatant2: B\n"
            "- Casualties2: 2,000+ killed (government claim)<br />400 killed (rebel claim)\n\nText.\n")
    doc = parse_plaintext(page, "t.txt")
    claims = extract_claims(doc, [])
    assert [(c.low, c.high, c.source) for c in claims] == [(2000, None, "government"), (400, 400, "rebel")]
    check_evidence(doc, claims)


@pytest.mark.parametrize("text, cat, expected", [
    ("Eleven fishermen remain missing after the raid on the island.", "missing", [(11, 11)]),
    ("The toll rose to 45, with more than 100 people treated in hospital.", "injured", [(100, None)]),
    ("The toll rose to 45, with more than 100 people treated in hospital.", "killed", [(45, 45)]),
])
def test_missing_and_treated(text, cat, expected):
    assert figures(text, cat) == expected


def test_documented_and_recorded_name_the_source():
    _, claims = body("Human Rights Watch documented the deaths of 41 villagers in the district.")
    assert [(c.low, c.source) for c in claims] == [(41, "Human Rights Watch")]
    _, claims = body("The UN mission recorded 212 civilian deaths in the province.")
    assert [(c.low, c.source) for c in claims] == [(212, "The UN mission")]


def test_source_drops_a_trailing_adverb():
    _, claims = body("Police initially said 19 people had died.")
    assert [c.source for c in claims] == ["Police"]


def test_lost_fighters_are_dead_and_each_clause_keeps_its_speaker():
    _, claims = body("The army said it killed 120 militants, while the group said it lost only 15 fighters.")
    assert [(c.low, c.group, c.source) for c in claims] == [(120, "militants", "The army"),
                                                           (15, "fighters", "the group")]
    assert figures("The rebels lost three tanks and a helicopter in the fighting.") == []
    assert figures("The town lost 40% of its population.") == []
    _, claims = body("Police said 12 people were killed, but witnesses said at least 30 died.")
    assert [(c.low, c.source) for c in claims] == [(12, "Police"), (30, "witnesses")]


def test_a_loss_given_as_the_cause_is_another_event():
    doc, claims = body("Insurgents killed 23 civilians after they lost 29 of their fighters in an attack on police.")
    from tally.extract import extract
    assert extract(doc).casualties["killed"].best == 23


def test_attackers_who_blew_themselves_up_are_counted_from_their_subject():
    _, claims = body("Two women wearing explosive belts blew themselves up a few minutes apart, "
                     "killing twelve people besides themselves.")
    assert [(c.low, c.high, c.group, c.side) for c in claims] == [
        (12, 12, "people", None), (2, 2, "the attackers", "perpetrators")]
    _, claims = body("The attackers blew themselves up when police arrived.")
    assert [(c.low, c.high, c.qualifier) for c in claims] == [(1, None, "at least")]


@pytest.mark.parametrize("text, expected", [
    ("Hundreds of thousands of residents fled across the border into the next country.", [(100_000, 999_999)]),
    ("More than 3,000 villagers fled the fighting.", [(3000, None)]),
    ("Five gunmen fled the area after the attack.", []),
])
def test_displaced_by_flight(text, expected):
    assert figures(text, "displaced") == expected


def test_toll_put_near_a_figure():
    _, claims = body("Some investigators later put the toll near 100.")
    assert [(c.low, c.qualifier, c.source) for c in claims] == [(100, "about", "Some investigators")]


def test_citation_marks_are_not_part_of_a_group():
    page = "= X =\n\nInfobox\n- Title: Depot bombing\n- Fatalities: 29[3]\n- Injuries: 50+[4]\n\nText.\n"
    claims = extract_claims(parse_plaintext(page, "t.txt"), [])
    assert [(c.low, c.group) for c in claims] == [(29, None), (50, None)]


def test_military_abbreviations_name_the_category():
    page = ("= X =\n\nInfobox\n- Combatant1: A\n- Combatant2: B\n- Casualties1: 12 KIA, 40 WIA, 3 MIA\n"
            "- Casualties2: 4 POWs\n\nText.\n")
    claims = extract_claims(parse_plaintext(page, "t.txt"), [])
    assert [(c.categories, c.low) for c in claims] == [(["killed"], 12), (["injured"], 40), (["missing"], 3),
                                                       (["captured"], 4)]


@pytest.mark.parametrize("text, attacker", [
    ("A gunman killed 14 people and wounded 25 others before he was shot dead by police.", "he"),
    ("He shot 9 people in the foyer before police killed him.", "him"),
    ("The gunman then shot himself.", "himself"),
    ("Police said the victim was killed when he was shot dead by a neighbour.", None),
])
def test_attackers_own_death_told_with_a_pronoun(text, attacker):
    _, claims = body(text)
    got = [c.figure for c in claims if c.side == "perpetrators"]
    assert got == ([attacker] if attacker else [])


def test_a_span_of_years_is_not_a_count():
    from tally.extract import extract
    from tally.model import Document

    rec = extract(Document.from_text("Raids on the valley from 2011 to 2014 killed hundreds of herders.", format="text"))
    assert (rec.casualties["killed"].low, rec.casualties["killed"].high) == (100, 999)
    rec = extract(Document.from_text("Between 1990 and 1994, the fighting killed 300 people.", format="text"))
    assert rec.casualties["killed"].best == 300
    rec = extract(Document.from_text("Officials said 1850-1900 people were killed.", format="text"))
    assert (rec.casualties["killed"].low, rec.casualties["killed"].high) == (1850, 1900)  # a toll, not years


def test_a_follow_up_on_last_weeks_attack_reports_its_own_toll():
    """Structure: "the toll from last week's attack has risen to N" is a
    follow-up's subject (a toll that rose), not an earlier event; "last week's
    attack killed N" in a report of a new attack still is."""
    from tally.extract import extract

    follow = extract(Document.from_text("The death toll from last week's raid on a mosque in Maradi has risen "
                                        "to eleven, the governor said on Monday.", format="text"))
    assert follow.casualties["killed"].best == 11
    other = [c for c in extract_claims(Document.from_text(
        "Gunmen killed four herders on Monday. Last week's raid on a nearby village killed nine people.",
        format="text"), []) if c.low == 9]
    assert other and other[0].other_event
