"""Actors in ACLED's, GTD's and UCDP's naming (tally.typology.naming), the
ACLED actor type codes, which side ACLED puts first, GTD's second and third
types and the values of each vocabulary the first typology tests leave out.

Every sentence here is written for these tests."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tally.extract import extract
from tally.lookup.actors import ActorTable
from tally.model import Document, to_dict
from tally.readers import read_bytes
from tally.typology.naming import acled_state_forces


def _typology(text: str, language: str = "en") -> dict:
    return to_dict(extract(Document.from_text(text, language=language)))["typology"]


def _values(typology: dict, *keys: str) -> dict:
    return {k: typology[k.split(".")[0]][k.split(".")[1]]["value"] for k in keys}


def _page(text: str) -> dict:
    doc = next(iter(read_bytes(text.encode("utf-8"), "page.txt")))
    return to_dict(extract(doc))["typology"]


# ----------------------------------------------------------------------------- shared acronyms

def test_an_acronym_two_groups_share_is_resolved_by_the_country_of_the_record():
    cameroon = _typology("ADF fighters attacked a checkpoint near Bamenda in Cameroon, killing 3 soldiers.")
    congo = _typology("ADF fighters attacked the village of Mbau near Beni in North Kivu, DR Congo, killing 12 civilians.")
    assert cameroon["gtd"]["gname"]["value"] == "Ambazonia Defense Forces (ADF)"
    assert cameroon["acled"]["actor1"]["value"] == "ADF: Ambazonia Defence Forces"
    assert congo["gtd"]["gname"]["value"] == "Allied Democratic Forces (ADF)"
    assert congo["acled"]["actor1"]["value"] == "ADF: Allied Democratic Forces"
    assert congo["ucdp"]["side_a"]["value"] == "ADF"


def test_a_shared_acronym_spelled_out_in_the_text_names_its_group_whatever_the_country():
    typology = _typology("Fighters of the Ambazonia Defence Forces (ADF) opened fire on a bus, killing 2 passengers.")
    assert typology["gtd"]["gname"]["value"] == "Ambazonia Defense Forces (ADF)"


def test_an_acronym_for_national_army_is_the_army_of_the_record_s_country():
    typology = _typology("SNA forces repelled an AS attack on their base near Afgooye in Somalia; 4 soldiers were killed.")
    assert _values(typology, "acled.actor1", "acled.inter1", "acled.actor2", "acled.inter2", "ucdp.side_a",
                   "ucdp.side_b", "gtd.gname") == {
        "acled.actor1": "Al Shabaab", "acled.inter1": 2, "acled.actor2": "Military Forces of Somalia (2022-)",
        "acled.inter2": 1, "ucdp.side_a": "Government of Somalia", "ucdp.side_b": "Al-Shabaab",
        "gtd.gname": "Al-Shabaab"}


def test_the_actor_table_keeps_the_first_row_when_no_country_is_given():
    from tally.lookup.actors import actor_table

    assert actor_table().lookup("ADF")[0] == "Allied Democratic Forces"
    assert [r[0] for r in actor_table().lookup_all("ADF")] == ["Allied Democratic Forces", "Ambazonia Defence Forces"]


def test_a_bad_row_of_the_actor_table_is_named_in_a_one_line_error(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,aliases,kind,country_iso3,acled_name,acled_inter,gtd_name,ucdp_name,unsure\n"
                    "Union of the Hills,UH,armed group,MLI,UH: Union of the Hills,rebel,,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"actors\.csv: row 2: acled_inter 'rebel'"):
        ActorTable(path)


# ----------------------------------------------------------------------------- state forces dated by government

@pytest.mark.parametrize("when,police,expected", [
    ("2019-03-10", False, "Military Forces of Mali (2013-2020)"),
    ("2021-01-15", False, "Military Forces of Mali (2020-2021)"),
    ("2024-09-17", True, "Police Forces of Mali (2021-)"),
    ("2021", False, "Military Forces of Mali (2020-2021)"),
    (None, False, "Military Forces of Mali (2021-)"),
])
def test_acled_dates_a_state_s_forces_by_the_government_of_the_event_s_date(when, police, expected):
    assert acled_state_forces("MLI", "Mali", when, police) == expected


def test_a_state_without_dated_periods_keeps_the_undated_name():
    assert acled_state_forces("ATL", "Atlantis", "2020-01-01") == "Military Forces of Atlantis"


def test_the_victim_state_forces_take_the_period_of_the_event():
    typology = _typology("On 10 March 2019, suspected JNIM militants attacked an army camp near Dioura in Mali, "
                         "killing 21 soldiers.")
    assert _values(typology, "acled.actor1", "acled.actor2", "acled.interaction", "gtd.gname") == {
        "acled.actor1": "JNIM: Group for Support of Islam and Muslims",
        "acled.actor2": "Military Forces of Mali (2013-2020)", "acled.interaction": 12,
        "gtd.gname": "Jamaat Nusrat al-Islam wal Muslimin (JNIM)"}


# ----------------------------------------------------------------------------- attribution

def test_gtd_writes_unknown_and_acled_an_unidentified_group_when_nobody_is_named():
    typology = _typology("On 2 June 2023, unidentified gunmen killed 5 villagers near Koro in Mali.")
    assert _values(typology, "gtd.gname", "acled.actor1", "acled.inter1", "acled.actor2", "acled.inter2",
                   "ucdp.side_a", "ucdp.side_b") == {
        "gtd.gname": "Unknown", "acled.actor1": "Unidentified Armed Group (Mali)", "acled.inter1": 3,
        "acled.actor2": "Civilians (Mali)", "acled.inter2": 7, "ucdp.side_a": None, "ucdp.side_b": "Civilians"}


def test_a_group_that_claims_the_attack_is_gtd_s_group():
    typology = _typology("A car bomb killed 8 people outside a hotel in Mogadishu. Al-Shabaab claimed responsibility.")
    assert _values(typology, "gtd.gname", "acled.actor1") == {"gtd.gname": "Al-Shabaab", "acled.actor1": "Al Shabaab"}


# ----------------------------------------------------------------------------- which side is actor1

KORRO = ("= Raid on Korro =\n\nInfobox\n- Conflict: Raid on Korro\n- Date: 4 April 2022\n- Combatant1: Mali\n"
         "- Combatant2: Union of the Hills\n\n{lead}\n")


def test_a_side_named_after_an_attack_word_and_by_is_the_one_that_attacked():
    typology = _page(KORRO.format(lead="The army camp at Korro was attacked by the Union of the Hills; 9 soldiers "
                                       "were killed."))
    assert _values(typology, "acled.actor1", "acled.actor2") == {
        "acled.actor1": "Union of the Hills", "acled.actor2": "Military Forces of Mali (2021-)"}


def test_side_one_stays_actor1_when_it_is_named_as_attacking():
    typology = _page(KORRO.format(lead="The Malian Army attacked a camp of the Union of the Hills near Korro; "
                                       "9 fighters were killed."))
    assert typology["acled"]["actor1"]["value"] == "Military Forces of Mali (2021-)"
    assert typology["acled"]["actor2"]["value"] == "Union of the Hills"


def test_foreign_state_forces_are_external_forces():
    typology = _page("= Strike on Tessit =\n\nInfobox\n- Conflict: Strike on Tessit\n- Date: 2 May 2020\n"
                     "- Combatant1: France\n- Combatant2: Union of the Hills\n\nThe French Army attacked fighters of "
                     "the Union of the Hills near Tessit in Mali; 12 fighters were killed.\n")
    assert _values(typology, "acled.actor1", "acled.inter1", "acled.interaction") == {
        "acled.actor1": "Military Forces of France (2017-)", "acled.inter1": 8, "acled.interaction": 28}


# ----------------------------------------------------------------------------- ACLED actor types

@pytest.mark.parametrize("text,inter1,inter2,interaction", [
    ("Dan Na Ambassagou militiamen attacked the village of Sobane in Mali, killing 30 civilians.", 4, 7, 47),
    ("Rioters clashed with police and looted shops in the city centre.", 5, 0, 50),
    ("Hundreds of demonstrators marched peacefully through the capital on Saturday to demand fair elections.",
     6, 0, 60),
    ("Gunmen stormed the village of Tamba on Sunday and shot dead 9 civilians, residents said.", 3, 7, 37),
    ("Security forces opened fire on protesters in Khartoum, killing 5 protesters, medics said.", 1, 6, 16),
])
def test_each_acled_actor_type_code_is_given_with_the_interaction(text, inter1, inter2, interaction):
    assert _values(_typology(text), "acled.inter1", "acled.inter2", "acled.interaction") == {
        "acled.inter1": inter1, "acled.inter2": inter2, "acled.interaction": interaction}


# ----------------------------------------------------------------------------- GTD's second and third types

def test_gtd_second_attack_type_is_the_next_one_down_the_hierarchy():
    typology = _typology("Militants kidnapped 4 engineers after detonating a car bomb at the gate of the oil "
                         "company compound.")
    assert _values(typology, "gtd.attacktype1_txt", "gtd.attacktype2_txt", "gtd.attacktype3_txt") == {
        "gtd.attacktype1_txt": "Hostage Taking (Kidnapping)", "gtd.attacktype2_txt": "Bombing/Explosion",
        "gtd.attacktype3_txt": None}


def test_gtd_second_target_and_weapon_types_are_the_others_named():
    typology = _typology("A bomb exploded on a bus outside a school, and gunmen then opened fire on a police post; "
                         "6 passengers were killed.")
    assert _values(typology, "gtd.targtype1_txt", "gtd.targtype2_txt", "gtd.targtype3_txt",
                   "gtd.weaptype1_txt", "gtd.weaptype2_txt") == {
        "gtd.targtype1_txt": "Transportation", "gtd.targtype2_txt": "Educational Institution",
        "gtd.targtype3_txt": "Police", "gtd.weaptype1_txt": "Explosives", "gtd.weaptype2_txt": "Firearms"}


def test_the_gtd_export_puts_the_second_and_third_types_in_gtd_s_column_order(tmp_path):
    from tally.store import Store, ingest
    from tally.store.columns import SCHEMAS
    from tally.store.export import export

    path = tmp_path / "report.txt"
    path.write_text("A bomb exploded on a bus outside a school, killing 6 passengers.", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'tally.db'}"
    with Store(url) as store:
        ingest(store, [path])
        buf = io.StringIO()
        export(store, "json", "gtd", stream=buf)
        acled = io.StringIO()
        export(store, "json", "acled", stream=acled)
    (row,) = json.loads(buf.getvalue())
    columns = [name for name, _ in SCHEMAS["gtd"][0]]
    assert columns.index("attacktype1_txt") + 1 == columns.index("attacktype2_txt")
    assert columns.index("target1") + 1 == columns.index("targtype2_txt")
    assert columns.index("weaptype1_txt") + 1 == columns.index("weaptype2_txt")
    assert (row["targtype1_txt"], row["targtype2_txt"], row["attacktype2_txt"]) == (
        "Transportation", "Educational Institution", None)
    (arow,) = json.loads(acled.getvalue())
    acols = [name for name, _ in SCHEMAS["acled"][0]]
    assert acols[acols.index("actor1"):acols.index("interaction") + 1] == [
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction"]
    assert (arow["inter1"], arow["inter2"], arow["interaction"]) == (3, 7, 37)


# ----------------------------------------------------------------------------- values no other test covers

VALUES = [
    ("Police defused a bomb found near the market.", "acled.sub_event_type", "Disrupted weapons use"),
    ("The two factions signed a ceasefire agreement in Doha.", "acled.sub_event_type", "Agreement"),
    ("The rebels set up a new base near the border.", "acled.sub_event_type", "Headquarters or base established"),
    ("The army withdrew from the town of Kelo without a fight.", "acled.sub_event_type",
     "Non-violent transfer of territory"),
    ("The militia pledged allegiance to a new leader.", "acled.sub_event_type", "Change to group/activity"),
    ("The group threatened to use a nuclear weapon against the capital.", "gtd.weaptype1_txt", "Nuclear"),
    ("Attackers wounded 3 farmers with crossbows near the river.", "gtd.weaptype1_txt", "Other"),
    ("A man set fire to an abortion clinic in the suburb overnight.", "gtd.targtype1_txt", "Abortion Related"),
    ("Gunmen fired on supporters of an armed party at a rally, killing 2.", "gtd.targtype1_txt",
     "Violent Political Party"),
    ("Gunmen fired on an ambulance near the hospital, wounding the driver.", "gtd.targtype1_txt", "Other"),
    ("Militants blew up the dam, causing $2 billion worth of damage.", "gtd.propextent",
     "Catastrophic (likely >= $1 billion)"),
    ("The fire at the depot caused damage estimated at $3 million.", "gtd.propextent",
     "Major (likely >= $1 million but < $1 billion)"),
    ("Arsonists burned a kiosk; damage was put at $40,000.", "gtd.propextent", "Minor (likely < $1 million)"),
]


@pytest.mark.parametrize("text,key,expected", VALUES)
def test_each_remaining_value_of_each_vocabulary_is_read_from_words_that_say_it(text, key, expected):
    assert _values(_typology(text), key)[key] == expected


def test_a_french_damage_value_sets_the_extent():
    typology = _typology("Des inconnus ont incendié la mairie, causant des dégâts estimés à 200 000 euros.", "fr")
    assert _values(typology, "gtd.property", "gtd.propextent") == {
        "gtd.property": 1, "gtd.propextent": "Minor (likely < $1 million)"}


def test_every_value_the_schema_allows_has_a_test_sentence():
    """The vocabularies of the JSON Schema, against the values the tests of
    this file and test_typology.py expect."""
    from tests.test_typology import CASES

    schema = json.loads((Path(__file__).resolve().parent.parent / "src/tally/schema/incident.schema.json")
                        .read_text(encoding="utf-8"))
    tested = {(f"{scheme}.{field}", value) for _, scheme, field, value in CASES}
    tested |= {(key, value) for _, key, value in VALUES}
    # the ACLED actor codes: test_each_acled_actor_type_code_is_given_with_the_interaction, and 8 (foreign
    # forces) and 1 / 2 in the tests of which side is actor1
    codes = {3, 4, 5, 6, 1, 8, 2}
    tested |= {("acled.inter1", v) for v in codes} | {("acled.inter2", v) for v in codes | {0, 7}}
    missing = []
    for scheme, spec in schema["properties"]["typology"]["properties"].items():
        for field, rule in spec["properties"].items():
            enum = rule["allOf"][1]["properties"]["value"].get("enum")
            if enum and field[-5:-4] not in ("2", "3"):
                missing += [(f"{scheme}.{field}", v) for v in enum if (f"{scheme}.{field}", v) not in tested]
    assert missing == []


# ----------------------------------------------------------------------------- who the sources blame, who acted first

def test_the_group_the_sources_attribute_the_attack_to_is_gtd_s_group():
    typology = _typology("Assailants attacked a police checkpoint in Damboa, Nigeria, killing 2 officers. No group "
                         "claimed responsibility; however, sources attributed the attack to Boko Haram.")
    assert _values(typology, "gtd.gname", "acled.actor1", "acled.actor2") == {
        "gtd.gname": "Boko Haram", "acled.actor1": "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
        "acled.actor2": "Police Forces of Nigeria (2023-)"}
    assert typology["gtd"]["gname"]["rule"].startswith("attributed by the sources")


def test_a_group_the_actor_table_does_not_know_keeps_the_name_the_sources_give():
    typology = _typology("Assailants opened fire on farmers near Agatu, Nigeria, killing 12 people. Sources "
                         "attributed the attack to Hill Country extremists.")
    assert typology["gtd"]["gname"]["value"] == "Hill Country extremists"


def test_no_attribution_and_no_claim_leave_the_group_unknown():
    typology = _typology("Assailants abducted three aid workers in Kidal, Mali. No group claimed responsibility.")
    assert typology["gtd"]["gname"]["value"] == "Unknown"


def test_militias_named_by_their_clan_are_identity_militias():
    typology = _typology("On 20 June 2023, Rer Hawo clan militia clashed with Rer Dubo clan militia over a well "
                         "near Adado in Somalia; 4 militiamen were killed.")
    assert _values(typology, "acled.actor1", "acled.actor2", "acled.interaction") == {
        "acled.actor1": "Rer Hawo Clan Militia (Somalia)", "acled.actor2": "Rer Dubo Clan Militia (Somalia)",
        "acled.interaction": 44}


def test_a_state_that_speaks_before_the_attack_word_is_not_the_attacker():
    typology = _typology("On 9 August 2023, the Nigerian Army said gunmen attacked the village of Kauru, killing "
                         "7 residents.")
    assert typology["acled"]["actor1"]["value"] == "Unidentified Armed Group (Nigeria)"


def test_a_group_named_as_the_target_of_a_foreign_airstrike_is_actor2():
    typology = _typology("On 7 May 2023, US forces carried out an airstrike against AS militants near Jilib in "
                         "Somalia, killing 10 militants.")
    assert _values(typology, "acled.actor1", "acled.inter1", "acled.actor2", "acled.interaction") == {
        "acled.actor1": "Military Forces of the United States (2021-2025)", "acled.inter1": 8,
        "acled.actor2": "Al Shabaab", "acled.interaction": 28}


def test_a_group_named_before_claimed_responsibility_is_the_perpetrator():
    typology = _typology("Gunmen killed 9 students at a college in Kohat. A splinter Taliban faction claimed "
                         "responsibility for the attack.")
    assert _values(typology, "gtd.gname", "acled.actor1") == {"gtd.gname": "Taliban", "acled.actor1": "Taliban"}
    assert typology["gtd"]["gname"]["rule"].startswith("the group that claimed it")


def test_state_forces_named_after_by_are_the_attackers():
    typology = _typology("On 12 May 2022, six marchers were shot dead by the military in Aba, Nigeria.")
    assert _values(typology, "acled.actor1", "acled.inter1") == {
        "acled.actor1": "Military Forces of Nigeria (2015-2023)", "acled.inter1": 1}


def test_a_country_named_as_the_place_is_not_an_actor():
    typology = _typology("Two teachers were found dead in eastern Mexico hours after they were kidnapped from "
                         "their school.")
    assert typology["acled"]["actor1"]["value"] == "Unidentified Armed Group (Mexico)"


def test_a_peacekeeping_mission_named_as_attacking_is_an_external_force():
    typology = _typology("On 5 March 2021, AMISOM troops attacked an AS position near Afgooye in Somalia, killing "
                         "6 militants.")
    assert _values(typology, "acled.actor1", "acled.inter1", "acled.actor2") == {
        "acled.actor1": "AMISOM: African Union Mission in Somalia (2007-2022)", "acled.inter1": 8,
        "acled.actor2": "Al Shabaab"}


def test_a_state_named_by_its_adjective_is_that_state_s_forces():
    typology = _typology("On 8 January 2024, Kenyan fighter jets bombed a camp near Bardhere in Somalia, killing "
                         "12 people.")
    assert _values(typology, "acled.actor1", "acled.inter1") == {
        "acled.actor1": "Military Forces of Kenya (2022-)", "acled.inter1": 8}
