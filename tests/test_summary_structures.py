"""How short coded summaries (GTD's, WAD's, ACLED's) state whom they count (issue 23, sections 1
and 3): a group joined by one attacker, a sole fatality, hostages killed beside their captors, a
perpetrator's figure in a concessive clause, hostages said dead without a number, and GTD's zero
where no casualty is named. Each test names the structure; sentences written for these tests."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.model import Document


def record(text: str, policy: str = "tally", lang: str = "en"):
    return extract(Document.from_text(text, source="r.txt", format="csv", language=lang), policy=policy)


def best(text: str, policy: str = "tally", lang: str = "en", cat: str = "killed"):
    est = record(text, policy, lang).casualties.get(cat)
    return None if est is None else est.best


@pytest.mark.parametrize("lang, text", [
    ("en", "A bomb went off at a bus station in Kaduna. Three guards and the bomber were killed."),
    ("fr", "Une bombe a explosé à la gare routière de Kaduna. Trois gardes et le kamikaze ont été tués."),
])
def test_a_group_joined_by_one_attacker_is_that_group_and_one_attacker(lang, text):
    rec = record(text, "gtd", lang)
    assert rec.casualties["killed"].best == 4
    three = next(c for c in rec.claims if c.low == 3)
    assert three.side != "perpetrators"
    assert any(c.side == "perpetrators" and c.low == 1 for c in rec.claims)
    assert best(text, "tally", lang) == 3  # the attacker stands apart


@pytest.mark.parametrize("text", [
    "A suicide bomber struck a checkpoint near Gao. The bomber was the only fatality.",
    "A suicide bomber struck a checkpoint near Gao. The only fatality was the bomber.",
])
def test_a_sole_fatality_is_one_death(text):
    assert best(text, "gtd") == 1


def test_hostages_killed_beside_their_captors_are_dead_not_hostages():
    text = "Kidnappers seized a school bus near Kano. In the rescue, 6 hostages and 2 kidnappers were killed."
    assert best(text, "gtd") == 8
    assert best(text) == 6


@pytest.mark.parametrize("lang, text", [
    ("en", "Militants raided a police post in Arish. Although the Islamic State claimed that 40 policemen were "
           "killed, officials said six policemen were killed."),
    ("fr", "Des jihadistes ont attaqué un poste de police. Alors que l'État islamique affirme avoir tué 40 policiers, "
           "les autorités ont fait état de six policiers tués."),
])
def test_a_perpetrators_figure_in_a_concessive_clause_only_widens_the_high(lang, text):
    est = record(text, "tally", lang).casualties["killed"]
    assert (est.best, est.high) == (6, 40)
    assert best(text, "gtd", lang) == 6


@pytest.mark.parametrize("lang, text, n", [
    ("en", "Gunmen abducted two nurses near Mopti. The victims were later found dead.", 2),
    ("fr", "Des hommes armés ont enlevé trois enseignants près de Mopti. Les otages ont été retrouvés morts.", 3),
])
def test_hostages_said_dead_without_a_number_are_the_hostages_counted_before(lang, text, n):
    assert best(text, "tally", lang) == n


def test_the_victims_said_dead_after_a_death_toll_restate_it():
    text = "Gunmen killed two nurses near Mopti. The victims were later found dead by villagers."
    assert best(text) == 2


def test_gtd_codes_zero_where_no_casualty_is_named():
    text = "Assailants abducted four engineers at a quarry near Kidal. They were released a week later."
    assert best(text, "gtd") == 0
    assert best(text, "gtd", cat="injured") == 0
    assert best(text) is None  # under tally's own policy an unnamed toll stays unknown


def test_gtd_keeps_a_named_but_unnumbered_death_unknown_not_zero():
    text = "Assailants attacked a village near Beni, killing several people."
    assert best(text, "gtd") != 0


def test_people_named_inside_a_toll_are_its_members_not_its_civilians_count():
    text = "Attackers killed 20 people in Sake, including the village chief and his bodyguard."
    # WAD counts civilians: the toll less the armed guard, never the chief alone
    assert best(text, "wad") == 19


def test_a_breakdown_after_a_colon_counting_attackers_leaves_them_apart():
    text = "The raid left 30 dead: 25 villagers and five attackers."
    assert best(text) == 25
    assert best(text, "gtd") == 30  # GTD's nkill counts the attackers


@pytest.mark.parametrize("lang, text", [
    ("en", "Militiamen attacked Kabo, killing 14 civilians and three members of a local defence militia."),
    ("fr", "Des miliciens ont attaqué Kabo, tuant 14 civils et trois membres d'une milice d'autodéfense."),
])
def test_armed_village_defenders_are_not_civilians_for_wad(lang, text):
    assert best(text, "wad", lang) == 14
    assert best(text, "tally", lang) == 17


@pytest.mark.parametrize("lang, text", [
    ("en", "Police said 17 worshippers and the imam were killed when the mosque was attacked."),
    ("fr", "Dix-sept fidèles et l'imam ont été tués dans l'attaque de la mosquée."),
])
def test_a_group_joined_by_one_named_person_is_one_more(lang, text):
    assert best(text, "tally", lang) == 18
