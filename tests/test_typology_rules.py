"""The typology's GTD rules measured by bench/bench_typology.py's wiki-dev
accuracy: the target the attack acts on (not its agent, not a word inside
another; the people a killing acts on named by who they are; the aim; a
vehicle's passengers; the most precise mention), attack words that tell another
event, and hostage taking at the scene (a barricade) or taken away (a
kidnapping); and the ACLED actor1 rules measured on WAD (claims of
responsibility, identity militias, a state's forces named by its adjective or
after "by").

Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.model import Document, to_dict
from tally.typology.cues import other_event
from tally.typology.targets import is_agent


def _gtd(text: str) -> dict:
    return {k: v["value"] for k, v in to_dict(extract(Document.from_text(text, language="en")))["typology"]["gtd"].items()}


@pytest.mark.parametrize("text,expected", [
    # the noun that acts is the agent, not the target
    ("Troops massacred 30 villagers near the river town of Oko.", "Private Citizens & Property"),
    ("Twelve farmers were shot dead by police at a roadblock outside Lema.", "Private Citizens & Property"),
    # the target the attack words act on, after them or qualifying the attack noun
    ("Gunmen stormed a hotel in Tarn and shot dead 6 guests.", "Business"),
    ("At least 9 people died in a church bombing in the town of Vila.", "Religious Figures/Institutions"),
    # a target is a whole word: "bus" is not in "business"
    ("Gunmen opened fire in the business district of Sora, killing 4 people.", "Private Citizens & Property"),
    # no target acted on or named where the attack is told: people of no armed side killed are private
    # citizens, not a noun named elsewhere
    ("Five people died when a gunman opened fire in Tema. Police chased him for an hour.",
     "Private Citizens & Property"),
    # a specific target named where the attack is told comes before the victims' group
    ("A journalist was shot dead in Lora on Monday evening.", "Journalists & Media"),
])
def test_the_gtd_target_is_what_the_attack_acts_on(text, expected):
    assert _gtd(text)["targtype1_txt"] == expected


def test_a_counted_noun_before_a_verb_is_the_victims_and_a_noun_after_by_is_the_agent():
    text = "Two soldiers killed in the ambush were buried; the post was attacked by militants."
    assert not is_agent(text, text.index("soldiers"), text.index("soldiers") + 8)
    assert is_agent(text, text.index("militants"), text.index("militants") + 9)


@pytest.mark.parametrize("text,attack,suicide", [
    ("Gunmen opened fire on a crowd in Mura, killing 7 people, the deadliest attack since the suicide bombing "
     "of the ministry.", "Armed Assault", 0),
    ("On 4 June 2021 gunmen shot dead 8 villagers in Dar; the 2016 Kura bombing had killed 30 there.",
     "Armed Assault", 0),
    ("On 4 June 2021 a suicide bomber blew himself up at a checkpoint in Dar, killing 5 people.",
     "Bombing/Explosion", 1),
    # the response told after "in retaliation for" is another event; "since Tuesday" is a time, not one
    ("Gunmen shot dead 6 farmers in Bole; in retaliation for the killings, the air force carried out "
     "airstrikes on two camps.", "Armed Assault", 0),
    ("At least 20 people have been killed since Tuesday after a suicide bomber struck a market in Gao.",
     "Bombing/Explosion", 1),
])
def test_attack_words_that_tell_another_event_do_not_type_this_one(text, attack, suicide):
    gtd = _gtd(text)
    assert (gtd["attacktype1_txt"], gtd["suicide"]) == (attack, suicide)


def test_another_event_is_told_by_since_or_by_another_year():
    text = "the worst attack since the market bombing; the 2016 Kura bombing; the bombing in March 2021"
    assert other_event(text, text.index("market bombing") + 7, text.index("market bombing") + 14, "2021")
    at = text.index("Kura bombing") + 5
    assert other_event(text, at, at + 7, "2021") and not other_event(text, at, at + 7, "2016")
    at = text.rindex("bombing")
    assert not other_event(text, at, at + 7, "2021") and other_event(text, at, at + 7, "2019")


@pytest.mark.parametrize("text,expected", [
    ("Gunmen stormed a hotel in Bira and took 20 guests hostage until police ended the standoff.",
     "Hostage Taking (Barricade Incident)"),
    ("Militants seized 12 hostages and took them away to the forest.", "Hostage Taking (Kidnapping)"),
    ("Artillery shelled the city during the siege of Dorna, killing 14 civilians.", "Bombing/Explosion"),
])
def test_hostages_held_at_the_scene_are_a_barricade_and_taken_away_a_kidnapping(text, expected):
    assert _gtd(text)["attacktype1_txt"] == expected


@pytest.mark.parametrize("text,expected", [
    ("The bombing of the market in Tova, which killed 9 people, was carried out on a Sunday by the separatist "
     "group ETA, police said.", "Basque Fatherland and Freedom (ETA)"),
    ("The governor blamed Boko Haram for the raid on Kaya, in which 12 villagers died.", "Boko Haram"),
    ("Gunmen killed 4 villagers in Dalo overnight; no group has said it was behind the killings.", "Unknown"),
])
def test_gname_is_the_group_the_text_says_carried_it_out_else_unknown(text, expected):
    assert _gtd(text)["gname"] == expected


def _plain_page(lead: str, background: str, rest: str) -> Document:
    from tally.readers.plaintext import parse_plaintext

    return parse_plaintext(f"= A page =\n\n{lead}\n\n== Background ==\n{background}\n\n== Attack ==\n{rest}\n",
                           "page.txt")


def test_a_background_section_of_the_lead_tells_no_attack_type_but_a_later_section_does():
    doc = _plain_page("On 2 May 2019 gunmen shot dead 11 villagers in Hilo.",
                      "The region had seen a car bombing of a market the year before.",
                      "The gunmen burned 20 houses before they left.")
    typology = to_dict(extract(doc))["typology"]["gtd"]
    assert (typology["attacktype1_txt"]["value"], typology["weaptype1_txt"]["value"]) == ("Armed Assault", "Firearms")
    assert typology["property"]["value"] == 1


@pytest.mark.parametrize("text,expected", [
    # a massacre (no means named) by a chemical weapon is an unarmed assault, GTD's definition
    ("The massacre of 40 villagers in Sera was a chemical attack with sarin by the air force.", "Unarmed Assault"),
    # arson that kills is aimed at people: an armed assault; arson with nobody hurt a facility attack
    ("A mob attacked the hostel and set fire to it, killing 12 students.", "Armed Assault"),
    ("Attackers set fire to the town hall of Pela overnight; nobody was in the building.",
     "Facility/Infrastructure Attack"),
])
def test_words_that_name_no_means_are_an_armed_assault_only_when_no_means_are_named(text, expected):
    assert _gtd(text)["attacktype1_txt"] == expected


@pytest.mark.parametrize("text,expected", [
    ("Des hommes armés ont pris en otage 12 clients d'un hôtel de Gao avant l'assaut des forces spéciales.",
     "Hostage Taking (Barricade Incident)"),
    ("Des jihadistes ont pris en otage 5 villageois et les ont emmenés dans la brousse.",
     "Hostage Taking (Kidnapping)"),
])
def test_french_hostages_held_at_the_scene_are_a_barricade_and_taken_away_a_kidnapping(text, expected):
    typology = to_dict(extract(Document.from_text(text, language="fr")))["typology"]["gtd"]
    assert typology["attacktype1_txt"]["value"] == expected


@pytest.mark.parametrize("text,attack,weapon", [
    ("Two air raids hit the village of Ladu on Tuesday, killing 9 civilians.", "Bombing/Explosion", "Explosives"),
    ("Militants fired an RPG into a camp for displaced people near Kiro, killing 4 people.", "Bombing/Explosion",
     "Explosives"),
    ("A shell landed on a house in Bora, killing 3 people.", "Bombing/Explosion", "Explosives"),
    ("The bullet-riddled bodies of 4 traders were found near Sapa.", "Armed Assault", "Firearms"),
    ("The businessman was gunned down outside his shop in Rema.", "Armed Assault", "Firearms"),
    ("The militants publicly executed 3 men in the square of Dobo.", "Armed Assault", "Unknown"),
])
def test_attack_and_weapon_words_of_the_codebook(text, attack, weapon):
    gtd = _gtd(text)
    assert (gtd["attacktype1_txt"], gtd["weaptype1_txt"]) == (attack, weapon)


def test_an_explosion_that_killed_more_civilians_than_soldiers_targets_civilians():
    def acled(text: str) -> str:
        return to_dict(extract(Document.from_text(text, language="en")))["typology"]["acled"]["civilian_targeting"][
            "value"]

    assert acled("A car bomb exploded in the market of Tiko, killing 12 civilians and 1 soldier.") == \
        "Civilian targeting"
    assert acled("A car bomb exploded at the base of Tiko, killing 12 soldiers and 1 civilian.") == ""


def test_a_casino_set_on_fire_is_a_business_attacked_with_fire():
    gtd = _gtd("Attackers set a crowded casino on fire in Lema overnight, killing 9 people.")
    assert (gtd["targtype1_txt"], gtd["weaptype1_txt"]) == ("Business", "Incendiary")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_lexicon_row_has_a_kind_a_value_and_one_pattern_that_compiles(language):
    import csv
    import re
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "src" / "tally" / "data" / f"typology_{language}.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["kind", "value", "pattern"]
    for number, row in enumerate(rows[1:], start=2):
        assert len(row) == 3, f"{path.name}: row {number} has {len(row)} columns (a comma outside quotes?)"
        re.compile(re.sub(r"\{[A-Z]+\}", "x", row[2]))


def _acled(text: str) -> tuple[str, str]:
    a = to_dict(extract(Document.from_text(text, format="csv", language="en"), policy="acled"))["typology"]["acled"]
    return a["event_type"]["value"], a["sub_event_type"]["value"]


@pytest.mark.parametrize("text,expected", [
    # territory regained or taken: the verb of control, with the place's name between it and "town"
    ("On 3 May 2024, army troops recaptured Dalo town from the militants after two days of fighting.",
     ("Battles", "Government regains territory")),
    ("On 3 May 2024, the militants took control of Dalo after a brief firefight with the garrison.",
     ("Battles", "Non-state actor overtakes territory")),
    # a withdrawal without a fight hands territory over: no battle
    ("On 3 May 2024, the militants entered Dalo town after the garrison withdrew without a fight.",
     ("Strategic developments", "Non-violent transfer of territory")),
    # a protest the police break up, whatever it is about ("the arrest of" is its cause, not an arrest)
    ("On 3 May 2024, students marched in Dalo against the arrest of their teacher; police dispersed them "
     "with tear gas.", ("Protests", "Protest with intervention")),
    ("On 3 May 2024, students marched peacefully in Dalo against the arrest of their teacher.",
     ("Protests", "Peaceful protest")),
    ("On 3 May 2024, police arrested 7 suspected smugglers in Dalo.", ("Strategic developments", "Arrests")),
])
def test_acled_territory_protest_and_arrest_words(text, expected):
    assert _acled(text) == expected


def _acled3(text: str) -> tuple[str, str, str]:
    a = to_dict(extract(Document.from_text(text, format="csv", language="en"), policy="acled"))["typology"]["acled"]
    return a["event_type"]["value"], a["sub_event_type"]["value"], a["civilian_targeting"]["value"]


@pytest.mark.parametrize("text,expected", [
    # civilians caught in a fight between armed sides: the fight is the event, civilians not its target
    ("On 4 June 2024, militia fighters and army troops clashed near Dalo; a herder was killed in the crossfire.",
     ("Battles", "Armed clash", "")),
    # a toll of none names no victim: a looting with no casualties is a strategic development
    ("On 4 June 2024, gunmen looted cattle from a village near Dalo. No casualties were reported.",
     ("Strategic developments", "Looting/property destruction", "")),
    ("On 4 June 2024, militants threw a grenade at an army patrol in Dalo. There were no casualties.",
     ("Explosions/Remote violence", "Grenade", "")),
    # a protester shot: Protests met with lethal force, its civilians targeted
    ("On 4 June 2024, police shot dead a demonstrator during a march against fuel prices in Dalo.",
     ("Protests", "Excessive force against protesters", "Civilian targeting")),
])
def test_acled_whom_the_event_targets(text, expected):
    assert _acled3(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("03/02/2024: Assailants set fire to a clinic in Dalo. No casualties were reported. Boko Haram was suspected.",
     "Boko Haram"),
    ("03/02/2024: Assailants hacked four farmers to death near Dalo. The ADF were suspected.",
     "Allied Democratic Forces (ADF)"),
    ("03/02/2024: Gunmen raided a village near Dalo, killing 6 people. Fulani extremists were blamed.",
     "Fulani extremists"),
    # a state's forces or a bare word named as suspects: outside GTD's scope, never the group
    ("03/02/2024: Gunmen raided a village near Dalo, killing 6 people. Police were suspected.", "Unknown"),
])
def test_gtd_group_named_before_the_words_of_suspicion(text, expected):
    assert _gtd(text)["gname"] == expected


def test_the_forces_response_to_the_attacker_is_not_the_attack():
    g = _gtd("05/09/2024: A man drove a van into a crowd of shoppers in Dalo, killing 3 people. "
             "The assailant was shot dead by police.")
    assert g["attacktype1_txt"] == "Unarmed Assault"
    assert g["weaptype1_txt"] == "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)"
    assert g["gname"] == "Unknown"


def test_hostages_held_for_hours_at_the_scene_are_a_barricade_and_a_passenger_plane_an_aircraft():
    assert _gtd("06/01/2024: Gunmen stormed a hotel in Dalo and held 30 guests hostage for ten hours.")[
        "attacktype1_txt"] == "Hostage Taking (Barricade Incident)"
    assert _gtd("06/01/2024: Assailants hijacked a passenger plane flying to Dalo.")["targtype1_txt"] == \
        "Airports & Aircraft"


def _target(text: str) -> tuple[str, str]:
    """(targtype1_txt, its rule) of ``text`` read as an English report."""
    c = to_dict(extract(Document.from_text(text, language="en")))["typology"]["gtd"]["targtype1_txt"]
    return c["value"], c["rule"]


@pytest.mark.parametrize("text", [
    # the object of a killing noun or verb, named by ethnicity or religion, over the place it happened
    "Militiamen stormed a mosque in Kelo and killed 40 Ismaili men at prayer.",
    "The Dorvan massacre was the killing of over 60 Velesians in a camp outside Dorvan in 1952.",
    "In March 1921 a pogrom against the Moravian population of Tesk left 30 dead near the station.",
    # an attack noun said to be against a people
    "The riots of 1921 were an anti-Moravian pogrom at the port of Tesk in which 80 people died.",
])
def test_people_named_by_who_they_are_as_the_object_of_a_killing_are_private_citizens(text):
    value, rule = _target(text)
    assert value == "Private Citizens & Property" and "named by who they are" in rule


@pytest.mark.parametrize("text", [
    "Soldiers killed 12 Kelan Tigers fighters near the border post of Amo.",  # the first word of a longer name
    "Police killed 5 Leninists during a raid on their hideout in Sova.",  # a movement's members ("-ists")
])
def test_a_capitalised_name_that_is_no_people_is_not_read_as_one(text):
    assert "named by who they are" not in _target(text)[1]


@pytest.mark.parametrize("text,expected", [
    # what the attack was aimed at, a few words after "targeting"
    ("A car bomb exploded in Tarn on 3 May 2011, targeting the Department of Customs, and killed 9 people.",
     "Government (General)"),
    ("A landmine exploded under a truck in Bale, in an attack targeting a police patrol, killing 4 people.", "Police"),
])
def test_the_target_named_as_aimed_at_is_the_target(text, expected):
    assert _target(text) == (expected, "the target the attack was aimed at (lead)")


@pytest.mark.parametrize("text,expected", [
    # a vehicle carrying soldiers, policemen or officials is typed by whom it carried, where it is told
    ("On 2 May 2016 a bus carrying presidential guards exploded in Sella. The bus bombing killed 12 people.",
     "Government (General)"),
    ("A bus carrying soldiers hit a landmine on the road to Mena, killing 14.", "Military"),
    # a bus carrying people of no such type is the bus
    ("A bus carrying farmers hit a landmine on the road to Mena, killing 14.", "Transportation"),
])
def test_a_vehicle_carrying_forces_or_officials_is_typed_by_whom_it_carried(text, expected):
    assert _target(text)[0] == expected


def test_the_most_specific_mention_of_the_same_noun_types_the_target():
    text = "The barracks bombing of Aldo. A van was parked beside the carabinieri barracks in Aldo; its bomb killed 6."
    assert _target(text) == ("Police", "the target the attack words act on (lead)")


def test_a_heading_names_the_event_and_a_sentence_that_tells_it_comes_first():
    doc = Document.from_text("= Tova market bombing =\n\nA bomb exploded inside a police station in Tova, killing 8 "
                             "people and wounding 20.\n", language="en")
    assert to_dict(extract(doc))["typology"]["gtd"]["targtype1_txt"]["value"] == "Police"


@pytest.mark.parametrize("text,expected", [
    # each lead first tells the attack with no target, then where it struck: reached across a time and a
    # proper name of several words (each one word) ...
    ("The Avena bombing was an attack in 1992. Two trucks packed with explosives exploded on the avenue at "
     "8:40 pm next to the Banco del Sol Bank, killing 12.", "Business"),
    ("The Pella bombing was an attack in 2009. A bomb went off shortly after 9.30 pm on 14 March 2009 inside a "
     "crowded casino in Pella, killing 3.", "Business"),
    # ... from the whole attack word ("explosive" is read in "explosives") ...
    ("The Rano attack was the deadliest of 2011. Explosives at a police post in Rano went off at dawn; 3 people "
     "died.", "Police"),
    # ... from a bomb set off, planted or parked there ...
    ("The Olm bombing was an attack in 2007. Bombs were set off in two carriages near Olm, killing 30 people.",
     "Transportation"),
    ("The Varn bombing was an attack in 1987. A van holding 200 kg of ammonal was parked outside the police "
     "headquarters in Varn, and 6 people died.", "Police"),
    # ... to a community named by who lives there ("the Velesian towns") ...
    ("Four car bombs exploded in the Velesian towns of Kar and Sol, near an army base, killing 300 people.",
     "Private Citizens & Property"),
    # ... and from an encyclopedia's definition: the attack "was an act of ... that occurred at" a place
    ("The Lanton massacre was an act of mass murder that occurred at a restaurant in Lanton. A gunman shot 21 "
     "people there.", "Business"),
])
def test_attack_words_reach_their_target_across_times_names_and_definitions(text, expected):
    assert _target(text)[0] == expected


@pytest.mark.parametrize("text,expected", [
    # no target reached where the attack is told: the group of the casualty claim types it
    ("Gunmen attacked the town of Sarto on Monday night. Eleven policemen died there, a witness said.", "Police"),
    ("Gunmen attacked the town of Sarto on Monday night. Eleven soldiers died there, a witness said.", "Military"),
])
def test_the_victims_group_of_the_casualty_claim_types_security_forces(text, expected):
    assert _target(text)[0] == expected


def test_a_noun_that_claimed_or_announced_the_toll_is_its_source_not_its_target():
    text = "A bomb exploded in Hera on 12 May which killed six people, which provincial officials have claimed."
    assert _target(text)[0] == "Private Citizens & Property"


def _cible(text: str) -> str:
    """targtype1_txt of ``text`` read as a French report."""
    return to_dict(extract(Document.from_text(text, language="fr")))["typology"]["gtd"]["targtype1_txt"]["value"]


@pytest.mark.parametrize("text,expected", [
    # the people a killing word acts on, named by who they are, over the place
    ("Des hommes armés ont attaqué une école de Bema et ont tué 30 Dorkans, selon le maire.",
     "Private Citizens & Property"),
    # the aim ("visant"), after a time of day
    ("Une voiture piégée a explosé vers 21 heures à Tessa, dans une attaque visant la garde présidentielle.",
     "Government (General)"),
    # a bus carrying gendarmes is typed by whom it carried
    ("Un bus transportant des gendarmes a sauté sur une mine près de Kolo, faisant 9 morts.", "Police"),
    # the most precise mention of the same noun: "la caserne" told as "la caserne de gendarmerie"
    ("L'attaque de la caserne de Douna a fait 12 morts. Les assaillants ont incendié la caserne de gendarmerie.",
     "Police"),
])
def test_french_target_rules(text, expected):
    assert _cible(text) == expected


def _actors(text: str) -> tuple[str, str | None]:
    """ACLED's actor1 and actor2 of ``text`` read as an English report."""
    a = to_dict(extract(Document.from_text(text, language="en")))["typology"]["acled"]
    return a["actor1"]["value"], a["actor2"]["value"]


@pytest.mark.parametrize("text,expected", [
    # a group's claim of responsibility, in its several forms
    ("At least 9 people were killed in an attack on a hotel in Kismayo. Al-Shabaab took responsibility for it.",
     "Al Shabaab"),
    ("Gunmen shot dead 4 elders in Baidoa. The group Al-Shabaab have claimed the responsibility.", "Al Shabaab"),
    ("A truck bomb killed 30 people at a checkpoint in Tikrit. The Islamic State group issued a statement "
     "claiming the attack.", "Islamic State"),
    ("A car bomb killed 11 people in Mogadishu, in an attack claimed by the Islamist group al-Shabaab.",
     "Al Shabaab"),
])
def test_actor1_is_the_group_that_claims_the_attack(text, expected):
    assert _actors(text)[0].startswith(expected)


@pytest.mark.parametrize("text", [
    # "by" a few words after the attack word, or inside the attack words
    "Twelve farmers were killed in Benue after an attack on two villages by Dorkan herdsmen early on Sunday.",
    "About 30 people have been killed by some Dorkan herdsmen at Nimbo in Enugu State.",
    # the group named where the attack words begin ("... herdsmen on Tuesday killed")
    "In a dawn attack on four villages in Benue State, suspected Dorkan herdsmen on Tuesday killed 8 residents.",
    # a people before militia, tribesmen, herders: an identity militia
    "Dorkan tribesmen killed 11 people and abducted 20 children in a raid on a village in Gambella.",
    # suspected to be a people's herders
    "Unknown gunmen, suspected to be Dorkan cattle herders, killed six people in Agatu villages in Benue State.",
])
def test_actor1_is_an_identity_militia_the_text_names_as_acting(text):
    assert _actors(text)[0].startswith("Dorkan Ethnic Militia")


def test_a_communal_clash_between_two_communities_names_both_as_actors():
    actor1, actor2 = _actors("Renewed clashes between the Olo and the Bemba communities in Kwara State killed 12 people.")
    assert actor1.startswith("Olo Ethnic Militia") and actor2.startswith("Bemba Ethnic Militia")


@pytest.mark.parametrize("text", [
    # a place named after a later "by" is not who attacked
    "Seven people were killed when jihadists fired a rocket into a camp for people displaced by the conflict in "
    "Ngala in Nigeria.",
    # the forces' response to the attacker ("before police killed him") is not the attack
    "A gunman opened fire in a shrine in Kabul, killing 18 civilians, before Afghan security forces killed him.",
    # a number before herders counts victims, no community
    "Seven herdsmen were killed near Kadugli on Friday morning, and the attackers stole their cows.",
])
def test_actor1_is_not_read_from_a_place_a_response_or_a_count(text):
    actor1 = _actors(text)[0]
    assert not actor1.startswith(("Military Forces", "Police Forces", "Seven"))


@pytest.mark.parametrize("text,expected", [
    # a state's forces named by the country's adjective: "-led", border guards, an air force in capitals
    ("Fourteen civilians were killed by an airstrike by the Saudi-led military coalition near Hodeida.",
     "Military Forces of Saudi Arabia"),
    ("Saudi-led warplanes struck a wedding hall near Sanaa, killing 20 guests.", "Military Forces of Saudi Arabia"),
    ("An air raid by a Sudanese Air Force Antonov near Golo left five members of one family dead.",
     "Military Forces of Sudan"),
    # a killing word that is no cue of its own, then "by" the state's forces
    ("In Ethiopia, at least 20 people were killed by police at a rally in Gondar on Sunday.",
     "Police Forces of Ethiopia"),
])
def test_actor1_is_the_state_forces_the_text_names_as_acting(text, expected):
    assert _actors(text)[0].startswith(expected)
