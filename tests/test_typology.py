"""The typology (tally.typology): what happened, in ACLED's, GTD's and UCDP's
own field names and values, each value with the words and rule behind it.

Every sentence here is written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tally.extract import extract
from tally.model import TYPOLOGY_FIELDS, Document, to_dict
from tally.readers import read_bytes

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "src/tally/schema/incident.schema.json")
                    .read_text(encoding="utf-8"))

SUICIDE = "A suicide bomber blew himself up inside a crowded mosque in Kano, killing 14 worshippers, police said."
GUNMEN = "Gunmen stormed the village of Tamba on Sunday and shot dead 9 civilians, residents said."
CLASH = "Clashes between soldiers and rebels near Goma killed 12 soldiers, the army said."
AIRSTRIKE = "An airstrike on a market in Idlib killed 20 civilians, according to rescuers."
KIDNAP = "Militants kidnapped 30 schoolchildren from a school in Kaduna state on Friday."
PROTEST_FIRE = "Security forces opened fire on protesters in Khartoum, killing 5 protesters, medics said."
ARSON = "Attackers set fire to a church and burned 40 houses in the village, leaving 3 people dead."
RIVALS = "Rebels and a rival militia fought for control of the town of Kibua; 8 fighters were killed in the clashes."
RETAKE = "The army recaptured the town of Dabo from the insurgents after two days of fighting in which 4 soldiers were killed."
OVERRUN = "Insurgents seized control of the town of Mora after fighting in which 6 soldiers died."
GAS = "Government forces used chlorine gas on the suburb, killing 11 civilians, doctors said."
SHELLS = "Artillery shelling of the town killed 7 civilians on Monday."
ROADSIDE = "A roadside bomb exploded under a minibus, killing 9 passengers."
GRENADE = "A grenade was thrown into a bar, wounding 12 customers."
RAPE = "Armed men raped 15 women in the village of Lusa on Tuesday."
MARCH = "Hundreds of demonstrators marched peacefully through the capital on Saturday to demand fair elections."
TEARGAS = "Police dispersed protesters with tear gas outside parliament."
RIOT = "Rioters clashed with police and looted shops in the city centre."
MOB = "A mob lynched 2 men accused of theft in the market."
ARREST = "Police arrested 40 people suspected of planning attacks."
MAYOR = "Gunmen assassinated the mayor of Kolo outside his home on Monday."
HIJACK = "Hijackers seized a passenger plane and diverted it to Bangui."
SIEGE = "Militants barricaded themselves with hostages inside a hotel for two days; 6 hostages were killed."
KNIFE = "A man stabbed 3 people with a knife at a bus station."
BEATING = "A man beat 2 villagers to death with a stick."
PIPELINE = "Saboteurs blew up the gas pipeline near the port, cutting supplies."
RAMMING = "A truck rammed into a crowd at a festival, killing 8 people."
ANTHRAX = "Letters laced with anthrax were sent to the embassy."
FAKE = "A fake bomb was found at the university, causing an evacuation."
RADIO = "Radioactive material was left at the power plant by an unknown group."
QUIET = "The committee met on Thursday to discuss the budget."
AIRBASE = ("On 3 May 2021, fighters of the Union of the Hills attacked the air base at Korro, destroying "
           "four aircraft and a hangar. Seven soldiers were killed, the ministry said.")
CASES = [
    # ACLED: event types, sub-event types, disorder types, civilian targeting, interaction
    (SUICIDE, "acled", "sub_event_type", "Suicide bomb"),
    (SUICIDE, "acled", "event_type", "Explosions/Remote violence"),
    (SUICIDE, "acled", "civilian_targeting", "Civilian targeting"),
    (GUNMEN, "acled", "event_type", "Violence against civilians"),
    (GUNMEN, "acled", "sub_event_type", "Attack"),
    (GUNMEN, "acled", "interaction", 37),
    (CLASH, "acled", "event_type", "Battles"),
    (CLASH, "acled", "sub_event_type", "Armed clash"),
    (CLASH, "acled", "civilian_targeting", ""),
    (CLASH, "acled", "disorder_type", "Political violence"),
    (RETAKE, "acled", "sub_event_type", "Government regains territory"),
    (OVERRUN, "acled", "sub_event_type", "Non-state actor overtakes territory"),
    (GAS, "acled", "sub_event_type", "Chemical weapon"),
    (AIRSTRIKE, "acled", "sub_event_type", "Air/drone strike"),
    (SHELLS, "acled", "sub_event_type", "Shelling/artillery/missile attack"),
    (ROADSIDE, "acled", "sub_event_type", "Remote explosive/landmine/IED"),
    (GRENADE, "acled", "sub_event_type", "Grenade"),
    (RAPE, "acled", "sub_event_type", "Sexual violence"),
    (KIDNAP, "acled", "sub_event_type", "Abduction/forced disappearance"),
    (MARCH, "acled", "sub_event_type", "Peaceful protest"),
    (MARCH, "acled", "event_type", "Protests"),
    (MARCH, "acled", "disorder_type", "Demonstrations"),
    (MARCH, "acled", "actor1", "Protesters"),
    (MARCH, "acled", "interaction", 60),
    (TEARGAS, "acled", "sub_event_type", "Protest with intervention"),
    (TEARGAS, "acled", "actor2", "Police Forces"),
    (PROTEST_FIRE, "acled", "sub_event_type", "Excessive force against protesters"),
    (PROTEST_FIRE, "acled", "disorder_type", "Political violence; Demonstrations"),
    (RIOT, "acled", "sub_event_type", "Violent demonstration"),
    (RIOT, "acled", "event_type", "Riots"),
    (RIOT, "acled", "actor1", "Rioters"),
    (MOB, "acled", "sub_event_type", "Mob violence"),
    (PIPELINE, "acled", "sub_event_type", "Looting/property destruction"),
    (ARREST, "acled", "sub_event_type", "Arrests"),
    (ARREST, "acled", "event_type", "Strategic developments"),
    (ARREST, "acled", "disorder_type", "Strategic developments"),
    (ARREST, "acled", "actor1", "Police Forces"),
    (QUIET, "acled", "sub_event_type", "Other"),
    # GTD: attack types (every one of the hierarchy), weapons, targets, flags
    (MAYOR, "gtd", "attacktype1_txt", "Assassination"),
    (HIJACK, "gtd", "attacktype1_txt", "Hijacking"),
    (KIDNAP, "gtd", "attacktype1_txt", "Hostage Taking (Kidnapping)"),
    (SIEGE, "gtd", "attacktype1_txt", "Hostage Taking (Barricade Incident)"),
    (SUICIDE, "gtd", "attacktype1_txt", "Bombing/Explosion"),
    (GUNMEN, "gtd", "attacktype1_txt", "Armed Assault"),
    (BEATING, "gtd", "attacktype1_txt", "Unarmed Assault"),
    (PIPELINE, "gtd", "attacktype1_txt", "Facility/Infrastructure Attack"),
    (QUIET, "gtd", "attacktype1_txt", "Unknown"),
    (SUICIDE, "gtd", "weaptype1_txt", "Explosives"),
    (GUNMEN, "gtd", "weaptype1_txt", "Firearms"),
    (ARSON, "gtd", "weaptype1_txt", "Incendiary"),
    (KNIFE, "gtd", "weaptype1_txt", "Melee"),
    (RAMMING, "gtd", "weaptype1_txt", "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)"),
    (GAS, "gtd", "weaptype1_txt", "Chemical"),
    (ANTHRAX, "gtd", "weaptype1_txt", "Biological"),
    (RADIO, "gtd", "weaptype1_txt", "Radiological"),
    (FAKE, "gtd", "weaptype1_txt", "Fake Weapons"),
    (PIPELINE, "gtd", "weaptype1_txt", "Sabotage Equipment"),
    (QUIET, "gtd", "weaptype1_txt", "Unknown"),
    (SUICIDE, "gtd", "targtype1_txt", "Religious Figures/Institutions"),
    (GUNMEN, "gtd", "targtype1_txt", "Private Citizens & Property"),
    (CLASH, "gtd", "targtype1_txt", "Military"),
    (KIDNAP, "gtd", "targtype1_txt", "Educational Institution"),
    ("Gunmen attacked a police station in Mopti, killing 4 policemen.", "gtd", "targtype1_txt", "Police"),
    (MAYOR, "gtd", "targtype1_txt", "Government (General)"),
    (ANTHRAX, "gtd", "targtype1_txt", "Government (Diplomatic)"),
    (ROADSIDE, "gtd", "targtype1_txt", "Transportation"),
    (GRENADE, "gtd", "targtype1_txt", "Business"),
    (PIPELINE, "gtd", "targtype1_txt", "Utilities"),
    (AIRBASE, "gtd", "targtype1_txt", "Military"),
    ("Gunmen shot dead 2 journalists outside a radio station.", "gtd", "targtype1_txt", "Journalists & Media"),
    ("Armed men ambushed a convoy of aid workers, killing 3 aid workers.", "gtd", "targtype1_txt", "NGO"),
    ("A bomb exploded near a group of tourists, injuring 6 tourists.", "gtd", "targtype1_txt", "Tourists"),
    ("Pirates attacked a tanker off the coast and shot 2 crew members.", "gtd", "targtype1_txt", "Maritime"),
    ("Gunmen destroyed a mobile phone mast in the district overnight.", "gtd", "targtype1_txt", "Telecommunication"),
    ("Militants poisoned the water supply of the camp, sickening 30 people.", "gtd", "targtype1_txt",
     "Food or Water Supply"),
    ("A bomb hit the airport terminal, killing 4 travellers.", "gtd", "targtype1_txt", "Airports & Aircraft"),
    ("Soldiers raided a rebel hideout and killed 5 rebels.", "gtd", "targtype1_txt", "Terrorists/Non-State Militia"),
    (QUIET, "gtd", "targtype1_txt", "Unknown"),
    (QUIET, "gtd", "gname", "Unknown"),
    (SUICIDE, "gtd", "suicide", 1),
    (GUNMEN, "gtd", "suicide", 0),
    (KIDNAP, "gtd", "ishostkid", 1),
    (GUNMEN, "gtd", "ishostkid", 0),
    (ARSON, "gtd", "property", 1),
    (GUNMEN, "gtd", "property", 0),
    (ARSON, "gtd", "propextent", "Unknown"),
    (AIRBASE, "gtd", "propextent", "Major (likely >= $1 million but < $1 billion)"),
    (GUNMEN, "gtd", "propextent", None),
    # UCDP: the three types of violence
    (CLASH, "ucdp", "type_of_violence", 1),
    (RIVALS, "ucdp", "type_of_violence", 2),
    (GUNMEN, "ucdp", "type_of_violence", 3),
]


def _typology(text: str, policy: str = "tally") -> dict:
    return to_dict(extract(Document.from_text(text, language="en"), policy))["typology"]


@pytest.mark.parametrize("text,scheme,field,expected", CASES)
def test_each_value_of_each_vocabulary_is_read_from_words_that_say_it(text, scheme, field, expected):
    assert _typology(text)[scheme][field]["value"] == expected


@pytest.mark.parametrize("policy", ["tally", "ucdp", "acled", "gtd", "wad"])
def test_every_field_of_every_scheme_is_filled_under_every_policy_and_fits_the_schema(policy):
    doc = Document.from_text(AIRBASE, language="en")
    record = to_dict(extract(doc, policy))
    jsonschema.validate(record, SCHEMA)
    assert {k: tuple(v) for k, v in record["typology"].items()} == TYPOLOGY_FIELDS


@pytest.mark.parametrize("text", [SUICIDE, AIRBASE, KIDNAP, ARSON])
def test_a_value_decided_by_words_points_at_them_in_the_text(text):
    doc = Document.from_text(text, language="en")
    typology = to_dict(extract(doc))["typology"]
    with_words = [c for fields in typology.values() for c in fields.values() if c["text"] is not None]
    assert with_words
    for coding in with_words:
        assert doc.text[coding["start"]:coding["end"]] == coding["text"]
        assert coding["rule"]


def test_the_air_base_attack_says_what_kind_of_attack_against_what_and_what_was_lost():
    typology = _typology(AIRBASE)
    assert typology["gtd"]["attacktype1_txt"]["value"] == "Armed Assault"
    assert typology["gtd"]["property"]["text"] == "destroying four aircraft"
    assert typology["acled"]["event_type"]["value"] == "Battles"
    assert typology["ucdp"]["type_of_violence"]["value"] == 1


def test_a_suicide_bomb_is_an_explosion_even_when_soldiers_die_in_the_fighting_after_it():
    text = ("A suicide bomber drove a car into the army post at Dalo before gunmen opened fire; "
            "11 soldiers were killed, the army said.")
    typology = _typology(text)
    assert typology["acled"]["sub_event_type"]["value"] == "Suicide bomb"
    assert typology["gtd"]["suicide"]["value"] == 1
    assert typology["gtd"]["attacktype1_txt"]["value"] == "Bombing/Explosion"


def test_gtd_names_the_group_of_the_side_with_no_government_on_it_and_acled_the_attacking_side_first():
    text = ("= Raid on Korro =\n\nInfobox\n- Conflict: Raid on Korro\n- Combatant1: Mali\n"
            "- Combatant2: Union of the Hills\n\nFighters of the Union of the Hills attacked an army camp "
            "at Korro; 9 soldiers were killed.\n")
    doc = next(iter(read_bytes(text.encode("utf-8"), "korro.txt")))
    typology = to_dict(extract(doc))["typology"]
    assert typology["gtd"]["gname"]["value"] == "Union of the Hills"
    assert typology["ucdp"]["type_of_violence"]["value"] == 1
    # the Union of the Hills (side 2) is named as attacking: ACLED's actor1 is the initiator
    assert typology["acled"]["actor1"]["value"] == "Union of the Hills"
    assert typology["acled"]["actor1"]["text"] == "attacked"
    assert typology["acled"]["actor2"]["value"] == "Military Forces of Mali (2021-)"  # undated: the latest period
    assert (typology["acled"]["inter1"]["value"], typology["acled"]["inter2"]["value"]) == (2, 1)
    assert typology["acled"]["interaction"]["value"] == 12


FRENCH = [
    ("Des hommes armés ont attaqué le village de Tondi, tuant 12 civils, selon des sources locales.",
     {"acled.sub_event_type": "Attack", "acled.civilian_targeting": "Civilian targeting",
      "gtd.attacktype1_txt": "Armed Assault", "gtd.weaptype1_txt": "Firearms", "ucdp.type_of_violence": 3}),
    ("Un kamikaze s'est fait exploser dans une mosquée de Maroua, faisant 9 morts.",
     {"acled.sub_event_type": "Suicide bomb", "gtd.suicide": 1, "gtd.property": 0,
      "gtd.targtype1_txt": "Religious Figures/Institutions"}),
    ("Des affrontements entre l'armée et des jihadistes ont fait 6 morts près de Djibo.",
     {"acled.event_type": "Battles", "acled.actor2": "Military Forces of Burkina Faso (2022-)", "ucdp.type_of_violence": 1}),
    ("Les assaillants ont incendié 30 maisons et enlevé 4 enseignants de l'école.",
     {"gtd.attacktype1_txt": "Hostage Taking (Kidnapping)", "gtd.ishostkid": 1, "gtd.property": 1,
      "acled.sub_event_type": "Abduction/forced disappearance"}),
]


@pytest.mark.parametrize("text,expected", FRENCH)
def test_a_french_report_is_read_with_the_french_word_list(text, expected):
    typology = _typology_fr(text)
    assert {k: typology[k.split(".")[0]][k.split(".")[1]]["value"] for k in expected} == expected


def _typology_fr(text: str) -> dict:
    return to_dict(extract(Document.from_text(text, language="fr")))["typology"]


# ----------------------------------------------------------------------------- where the typology is shown

HOSTILE = ("A suicide bomber blew himself up at the <script>alert(1)</script> market of Dolo, "
           "killing 9 civilians, officials said.")


def _store(tmp_path: Path, text: str) -> str:
    from tally.store import Store, ingest

    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'tally.db'}"
    with Store(url) as store:
        assert ingest(store, [path]).ingested == 1
    return url


@pytest.mark.parametrize("schema,expected", [
    ("acled", {"disorder_type": "Political violence", "event_type": "Explosions/Remote violence",
               "sub_event_type": "Suicide bomb", "civilian_targeting": "Civilian targeting", "interaction": 37}),
    ("gtd", {"suicide": 1, "attacktype1_txt": "Bombing/Explosion", "weaptype1_txt": "Explosives",
             "targtype1_txt": "Private Citizens & Property", "property": 0, "ishostkid": 0, "gname": "Unknown"}),
    ("ucdp", {"type_of_violence": 3}),
])
def test_the_dataset_exports_fill_the_typology_columns(tmp_path, schema, expected):
    import io

    from tally.store import Store
    from tally.store.columns import SCHEMAS
    from tally.store.export import export

    url = _store(tmp_path, HOSTILE)
    buf = io.StringIO()
    with Store(url) as store:
        export(store, "json", schema, stream=buf)
    (row,) = json.loads(buf.getvalue())
    assert list(row) == [name for name, _ in SCHEMAS[schema][0]]
    assert {k: row[k] for k in expected} == expected


def test_show_prints_the_typology_with_its_words(tmp_path):
    from typer.testing import CliRunner

    from tally.cli import app

    url = _store(tmp_path, HOSTILE)
    out = CliRunner().invoke(app, ["list", "--db", url, "--format", "json"])
    ident = json.loads(out.output)
    ident = (ident[0] if isinstance(ident, list) else ident["incidents"][0])["id"]
    shown = CliRunner().invoke(app, ["show", ident, "--db", url], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "acled.sub_event_type" in shown.output and "Suicide bomb" in shown.output
    assert "suicide bomber" in shown.output


def test_the_incident_page_shows_the_typology_escaped(tmp_path):
    import warnings

    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

    from tally.web import create_app

    url = _store(tmp_path, HOSTILE.replace("market", "market where a <b>grenade</b> was also thrown"))
    with TestClient(create_app(url)) as client:
        listing = client.get("/api/incidents").json()["items"]
        html = client.get(f"/incidents/{listing[0]['id']}").text
    assert 'id="typology-table"' in html and "Suicide bomb" in html
    assert "<script>alert(1)</script>" not in html and "<b>grenade</b>" not in html


# ----------------------------------------------------------------------------- material losses


@pytest.mark.parametrize("text,language,expected", [
    (AIRBASE, "en", [("destroyed", "aircraft", 4)]),
    ("Attackers set fire to a church and burned 40 houses in the village, according to the mayor.", "en",
     [("destroyed", "church", 1), ("destroyed", "houses", 40)]),
    ("The rebels seized two armoured vehicles and looted the health centre, the army said.", "en",
     [("seized", "armoured vehicles", 2), ("seized", "health centre", 1)]),
    ("Shells damaged several buildings in the old town overnight.", "en", [("damaged", "buildings", None)]),
    ("Les assaillants ont incendié trente maisons et détruit un pont.", "fr",
     [("destroyed", "maisons", 30), ("destroyed", "pont", 1)]),
])
def test_material_losses_are_listed_with_the_object_and_the_count(text, language, expected):
    record = to_dict(extract(Document.from_text(text, language=language)))
    assert [(x["category"], x["object"], x["count"]) for x in record["losses"]] == expected
    for loss in record["losses"]:
        assert text[loss["start"]:loss["end"]] == loss["text"]
    assert record["typology"]["gtd"]["property"]["value"] == 1


def test_a_loss_names_who_said_so():
    record = to_dict(extract(Document.from_text(
        "Attackers set fire to a church and burned 40 houses in the village, according to the mayor.")))
    assert {x["source"] for x in record["losses"]} == {"the mayor"}
    record = to_dict(extract(Document.from_text(
        "Fighters of the Union of the Hills released videos destroying three helicopters at the airfield.")))
    assert [(x["object"], x["count"], x["source"]) for x in record["losses"]] == \
        [("helicopters", 3, "Fighters of the Union of the Hills")]


def test_no_loss_is_listed_when_none_is_stated():
    record = to_dict(extract(Document.from_text(GUNMEN)))
    assert record["losses"] == [] and record["typology"]["gtd"]["property"]["value"] == 0


def test_the_gtd_export_comments_the_losses(tmp_path):
    import io

    from tally.store import Store
    from tally.store.export import export

    url = _store(tmp_path, AIRBASE)
    buf = io.StringIO()
    with Store(url) as store:
        export(store, "json", "gtd", stream=buf)
    (row,) = json.loads(buf.getvalue())
    assert row["propcomment"] == "4 aircraft destroyed"
    assert (row["property"], row["propextent"]) == (1, 2)
