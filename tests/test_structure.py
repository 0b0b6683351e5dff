"""Sentence structures (issue 14 §2), end to end (claims -> totals) and, for what the
dependency parse reads, at the level of :mod:`tally.claims.structure`. Sentences written
for these tests; each test names the structure it checks."""

from __future__ import annotations

import pytest

from tally.claims import extract_claims
from tally.claims.structure import (coordinated_victims, inside_counted_phrase, other_event_figures, parse_link,
                                    parse_sentences)
from tally.extract import extract
from tally.model import Document
from tally.text.quantities import find_quantities


def best(text, cat="killed"):
    est = extract(Document.from_text(text, format="csv")).casualties.get(cat)
    return None if est is None else est.best


# ----------------------------------------------------------------- coordination


@pytest.mark.parametrize("text,n", [
    ("A nurse and two of her patients were killed when the clinic was shelled.", 3),
    ("Gunmen killed the chief and four of his guards in the village.", 5),
    ("Militants stormed the school and killed a teacher and nine pupils.", 10),
    ("The imam and six worshippers died in the blast at the mosque.", 7),
])
def test_coordination_of_a_person_and_a_figure(text, n):
    assert best(text) == n


def test_coordination_of_named_victims_without_a_number():
    text = ("The mayor and a council member of a small village, Santa Rosa, in the northern hills were "
            "gunned down on Wednesday by men on motorbikes.")
    assert best(text) == 2
    (sdoc,) = parse_sentences([text])
    assert [c[0] for c in coordinated_victims(sdoc)] == [2]


def test_coordination_role_an_attacker_among_the_dead_is_not_a_victim():
    (sdoc,) = parse_sentences(["The clash ended after police shot dead the farmer and a suspect near the barn."])
    assert coordinated_victims(sdoc) == []


# ----------------------------------------------------------------- breakdowns (parts, not additions)


def test_breakdown_among_them_is_a_part():
    assert best("Gunmen killed 14 people, among them four women, in the village.") == 14


def test_breakdown_in_a_later_sentence_is_a_part():
    assert best("Ten died in the attack on the camp. The victims were eight farmers and two herders.") == 10


def test_breakdown_after_a_colon_is_a_part():
    assert best("An attack killed 9 people: six villagers and three policemen.") == 9


# ----------------------------------------------------------------- sums over places and times


def test_sum_over_places():
    assert best("Three died in the market and two more were killed at the checkpoint.") == 5


def test_sum_over_places_does_not_add_the_total_stated_before():
    text = ("Five people were killed in the attacks. "
            "Three died in the market and two more were killed at the checkpoint.")
    assert best(text) == 5


# ----------------------------------------------------------------- updates


@pytest.mark.parametrize("text,n", [
    ("Gunmen killed eight people in the market. The toll climbed to 11 on Tuesday.", 11),
    ("Six people died in the bombing. The figure later reached 14 as victims died in hospital.", 14),
    ("Police said nine people were killed. The death toll has since risen to 13.", 13),
    ("The dead included 9 women and 5 children, bringing the total to 14.", 14),
])
def test_update_replaces_the_earlier_figure(text, n):
    assert best(text) == n


# ----------------------------------------------------------------- non-fatal verbs


def test_non_fatal_shot_and_wounded_is_not_a_death():
    text = "Gunmen shot and wounded two police officers at a checkpoint."
    assert best(text) is None
    assert best(text, "injured") == 2


def test_non_fatal_shot_in_the_arm_is_not_a_death():
    assert best("A trader was shot in the arm during the robbery.") is None
    assert best("A trader was shot in the arm during the robbery.", "injured") == 1


def test_non_fatal_one_person_wounded_without_a_number():
    assert best("A policeman was seriously wounded when the convoy was attacked.", "injured") == 1
    assert best("Gunmen killed 3 farmers and 5 others were injured; a policeman was also wounded.", "injured") == 6


def test_non_fatal_escaped_with_injuries():
    assert best("Three villagers escaped with injuries after the raid.") is None
    assert best("Three villagers escaped with injuries after the raid.", "injured") == 3


def test_non_fatal_wounded_and_later_died_is_a_death():
    assert best("A soldier was wounded and later died of his injuries.") == 1


# ----------------------------------------------------------------- the role of a figure read from the parse


def test_passive_subject_beyond_the_rules_window():
    text = ("At least 30 herders from the settlements along the river in the northern part of the "
            "district were reported killed on Sunday.")
    assert best(text) == 30
    (sdoc,) = parse_sentences([text])
    q = find_quantities(text)[0]
    assert parse_link(sdoc, q, 0) == ("killed", "herders")


def test_a_number_inside_a_counted_phrase_is_read_as_a_modifier():
    # the parse sees "three" inside the phrase of "30"; the rules still link "three"
    # (body.PARSE_VETO, the parse overruling them, is off: it did not measure better on validation)
    text = ("At least 30 herders from three settlements along the river in the northern part of the "
            "district were reported killed on Sunday.")
    (sdoc,) = parse_sentences([text])
    three = [q for q in find_quantities(text) if q.text == "three"][0]
    assert inside_counted_phrase(sdoc, three, 0)


def test_intention_is_not_a_count():
    (sdoc,) = parse_sentences(["The kidnappers threatened to kill 20 hostages held in the forest."])
    q = [q for q in find_quantities(sdoc.text) if q.text == "20"][0]
    assert parse_link(sdoc, q, 0) is None


def test_alternatives_joined_by_or_are_not_linked_by_the_parse():
    text = "Seven people (police) or eleven people (residents) of the hamlets beside the old road were killed."
    (sdoc,) = parse_sentences([text])
    q = find_quantities(text)[0]
    assert parse_link(sdoc, q, 0) is None


# ----------------------------------------------------------------- roles


@pytest.mark.parametrize("text,n", [
    ("Soldiers killed six attackers after the militants killed two civilians.", 2),
    ("Three gunmen were killed by police after they killed five shoppers.", 5),
    ("Two attackers killed nine worshippers before being shot dead.", 9),
])
def test_roles_attackers_killed_are_not_the_victims(text, n):
    assert best(text) == n


# ----------------------------------------------------------------- other events


def test_other_event_in_a_separate_sentence():
    assert best("Militants killed five villagers on Friday. In a separate attack last week, 16 soldiers were killed.") == 5


@pytest.mark.parametrize("text,other", [
    ("Gunmen killed four farmers on Sunday, two days after an ambush that killed 12 soldiers elsewhere.", "12"),
    ("Three people were killed in the attack; 20 others died in a raid last month.", "20"),
])
def test_other_event_read_from_the_parse(text, other):
    # read by the parse (tally.claims.structure); not yet used by the extractor (body.PARSE_OTHER is off:
    # on wad-dev it did not raise the validation figure)
    (sdoc,) = parse_sentences([text])
    qs = [q for q in find_quantities(text) if q.text.lower() not in ("two",) or other == "two"]
    got = other_event_figures(sdoc, [q.start for q in qs], 0)
    assert {text[o:o + len(other)] for o in got} == {other}


def test_parse_claims_keep_exact_evidence():
    text = ("At least 30 herders from three settlements along the river in the northern part of the "
            "district were reported killed on Sunday. The mayor and a council member were gunned down.")
    doc = Document.from_text(text, format="csv")
    for c in extract_claims(doc, []):
        assert doc.text[c.start:c.end] == c.text
        assert doc.text[c.figure_start:c.figure_end] == c.figure


def test_coordination_of_named_victims_and_a_figure():
    text = "The attackers killed the village head, his wife and three of their children."
    assert best(text) == 5
    (sdoc,) = parse_sentences([text])
    assert [c[0] for c in coordinated_victims(sdoc)] == [5]


def test_coordination_of_verbs_a_possessive_before_the_figure():
    text = "Assailants killed a tribal elder and wounded his two grandsons."
    assert best(text) == 1
    assert best(text, "injured") == 2


def test_roles_a_person_in_the_agent_phrase_is_not_a_victim():
    text = ("Nine herders, all from the same clan, were said by elders and a local priest "
            "to have been hacked to death near the well.")
    assert best(text) == 9


def test_speed_only_sentences_the_parse_can_change_are_parsed():
    from tally.claims.groups import ClaimContext
    from tally.claims.sentence import sentence_claims
    from tally.claims.structure import needs_parse

    def needs(text):  # the rules' claims decide
        doc = Document.from_text(text, format="csv")
        return needs_parse(text, find_quantities(text), sentence_claims(text, 0, len(text), ClaimContext(doc, [])))

    assert not needs("The market reopened on 3 May with 40 stalls.")  # no casualty word
    assert not needs("Gunmen killed 12 people in the market.")  # every figure linked by the rules
    assert needs("At least 30 herders from the settlements along the river in the northern part of the "
                 "district were reported killed on Sunday.")  # a number the rules left unlinked
    assert needs("The attackers killed the village head, his wife and three of their children.")  # no killed figure
    assert not needs("x " * 600 + "killed 5")  # too long to parse


def test_coordination_with_a_singular_verb_is_one_person():
    (sdoc,) = parse_sentences(["The secretary of the council and imam of the old mosque was shot dead by gunmen."])
    assert coordinated_victims(sdoc) == []
