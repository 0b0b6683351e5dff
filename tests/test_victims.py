"""Victim groups (issue 14 §3): whom each killed and injured figure counts,
``casualties_by_group``, and the policies that read them (wad, ucdp, gtd).
Every sentence is written for these tests; each test names the structure it
checks."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.model import Claim, Document, to_dict
from tally.reconcile import POLICIES, apply_policy
from tally.reconcile.victims import Roles, noun_group, victim_group
from tally.store.columns import gtd_row, ucdp_row


def rec(text: str, policy: str = "tally"):
    return extract(Document.from_text(text, format="csv"), policy=policy)


def groups_of(inc, cat="killed"):
    return {c.victim_group for c in inc.claims if cat in c.categories and not c.other_event}


# ----------------------------------------------------------------- the lexicon of group nouns


@pytest.mark.parametrize("group, kind", [
    ("civilians", "civilians"), ("farmers", "civilians"), ("schoolchildren", "civilians"),
    ("worshippers", "civilians"), ("soldiers", "security_forces"), ("Nigerien gendarmes", "security_forces"),
    ("police officers", "security_forces"), ("UN peacekeepers", "security_forces"),
    ("members of the security forces", "security_forces"), ("prison guards", "security_forces"),
    ("gunmen", "perpetrators"), ("suicide bombers", "perpetrators"), ("the assailants", "perpetrators"),
    ("militants", "perpetrators"), ("people", None), ("bodies", None), (None, None),
])
def test_a_group_noun_names_its_kind(group, kind):
    assert noun_group(group) == kind


def test_nouns_of_two_kinds_joined_name_no_single_group():
    assert noun_group("soldiers and civilians") is None
    assert noun_group("villagers, police officers") is None


def test_a_non_combatant_is_a_civilian_not_a_fighter():
    assert noun_group("non-combatants") == "civilians"


def test_the_side_a_claim_names_comes_before_its_noun():
    roles = Roles(states={"1"}, perpetrators={"2"})
    fighter_of_the_perpetrator = Claim(["killed"], 4, 4, "x", 0, 1, group="guards", side="2")
    state_side_no_noun = Claim(["injured"], 3, 3, "x", 0, 1, group="men", side="1")
    attacker_himself = Claim(["killed"], 1, 1, "x", 0, 1, figure="himself")
    arrested = Claim(["arrested"], 5, 5, "x", 0, 1, group="soldiers")
    assert victim_group(fighter_of_the_perpetrator, roles) == "perpetrators"
    assert victim_group(state_side_no_noun, roles) == "security_forces"
    assert victim_group(attacker_himself, roles) == "perpetrators"
    assert victim_group(arrested, roles) is None  # only killed and injured figures get a group


# ----------------------------------------------------------------- claims and casualties_by_group


SEPARATED = ("Armed men stormed the village of Oreku on Tuesday, killing nine villagers and four soldiers "
             "who guarded the well, a district official said. Two of the attackers were also killed.")


def test_every_killed_and_injured_claim_says_whom_it_counts():
    inc = rec(SEPARATED + " Eleven people were wounded.")
    assert all(c.victim_group in ("civilians", "security_forces", "perpetrators", "unknown")
               for c in inc.claims if {"killed", "injured"} & set(c.categories))
    assert {"civilians", "security_forces", "perpetrators"} <= groups_of(inc)
    assert groups_of(inc, "injured") == {"unknown"}


def test_casualties_by_group_has_low_best_high_per_group():
    inc = rec(SEPARATED)
    by = inc.casualties_by_group
    assert by["civilians"]["killed"].best == 9
    assert by["security_forces"]["killed"].best == 4
    assert by["perpetrators"]["killed"].best == 2
    assert all(e.rule and e.claims for row in by.values() for e in row.values() if e)


def test_two_civilian_groups_in_one_sentence_add_up():
    inc = rec("The blast killed six pilgrims and three traders near the shrine, police said.")
    assert inc.casualties_by_group["civilians"]["killed"].best == 9


def test_an_attacker_who_died_alone_counts_one_perpetrator():
    inc = rec("A bomber blew himself up at the gate of the depot; nobody else was hurt.")
    assert inc.casualties_by_group["perpetrators"]["killed"].best == 1


def test_the_record_serialises_groups_and_validates():
    jsonschema = pytest.importorskip("jsonschema")
    import json
    from importlib import resources

    schema = json.loads(resources.files("tally.schema").joinpath("incident.schema.json").read_text())
    data = to_dict(rec(SEPARATED))
    jsonschema.validate(data, schema)
    assert data["casualties_by_group"]["civilians"]["killed"]["best"] == 9
    assert {c["victim_group"] for c in data["claims"]} >= {"civilians", "security_forces"}


# ----------------------------------------------------------------- --policy wad


def test_wad_is_a_policy():
    assert "wad" in POLICIES


def test_a_report_separating_civilians_from_soldiers_gives_wad_the_civilians_figure():
    assert rec(SEPARATED).casualties["killed"].best == 13  # the default: everyone but the attackers
    wad = rec(SEPARATED, "wad").casualties["killed"]
    assert wad.best == 9 and "wad-civilians" in wad.rule


def test_civilians_named_as_part_of_a_toll_give_wad_the_civilians_figure():
    text = "Fighting in the camp killed at least 30 people, including 21 civilians, the mission said."
    assert rec(text).casualties["killed"].best == 30
    assert rec(text, "wad").casualties["killed"].best == 21


def test_security_forces_counted_apart_are_left_out_by_wad():
    text = "The mob killed seven traders and a policeman at the crossing, officials said."
    # the traders are civilians: the civilians' figure
    assert rec(text, "wad").casualties["killed"].best == 7
    text = "Raiders killed twelve people and two gendarmes at the crossing, officials said."
    assert rec(text).casualties["killed"].best == 14
    assert rec(text, "wad").casualties["killed"].best == 12


def test_security_forces_given_as_part_of_a_toll_are_taken_out_by_wad():
    text = "A car bomb killed 20 people, including six soldiers, in the town centre, police said."
    assert rec(text).casualties["killed"].best == 20
    assert rec(text, "wad").casualties["killed"].best == 14


def test_a_report_naming_no_group_gives_wad_the_same_toll():
    text = "Gunmen killed 8 people in a night raid on the hamlet, residents said."
    assert rec(text, "wad").casualties["killed"].best == rec(text).casualties["killed"].best == 8


def test_wad_on_a_stored_record_takes_the_civilians_figure():
    stored = to_dict(rec(SEPARATED))
    out = apply_policy(stored, "wad")
    assert out["casualties"]["killed"]["best"] == 9
    assert stored["casualties"]["killed"]["best"] == 13  # the stored record is not changed


# ----------------------------------------------------------------- UCDP and GTD columns


def test_ucdp_columns_without_sides_soldiers_killed_make_the_state_side_a():
    row = ucdp_row(to_dict(rec(SEPARATED, "ucdp")))
    assert row["side_a"].startswith("Government")
    assert (row["deaths_a"], row["deaths_b"], row["deaths_civilians"]) == (4, 2, 9)
    assert row["best"] == 15 and row["deaths_unknown"] == 0


def test_ucdp_columns_without_sides_or_soldiers_are_one_sided():
    text = "Gunmen killed 9 worshippers at a chapel; one attacker was killed by villagers."
    row = ucdp_row(to_dict(rec(text, "ucdp")))
    assert not (row["side_a"] or "").startswith("Government")
    assert (row["deaths_a"], row["deaths_b"], row["deaths_civilians"]) == (1, None, 9)


def test_ucdp_columns_keep_each_sides_deaths():
    data = to_dict(rec(SEPARATED, "ucdp"))
    data["casualties_by_side"] = {"1": {"killed": {"low": 3, "best": 3, "high": 3, "rule": "r", "claims": []}},
                                  "2": {"killed": {"low": 5, "best": 5, "high": 5, "rule": "r", "claims": []}}}
    row = ucdp_row(data)
    assert (row["deaths_a"], row["deaths_b"], row["deaths_civilians"]) == (3, 5, 9)


def test_gtd_nkill_includes_the_perpetrators_and_nkillter_nwoundte_are_theirs():
    text = ("Four gunmen attacked the bus station, killing 10 passengers. Police killed three of the gunmen. "
            "One attacker was wounded. Twenty travellers were wounded.")
    row = gtd_row(to_dict(rec(text, "gtd")))
    assert row["nkill"] == 13 and row["nkillter"] == 3
    assert row["nwoundte"] == 1


# ----------------------------------------------------------------- shown: tally show and the web page


def _stored(tmp_path):
    from tally.store import Store, ingest

    path = tmp_path / "oreku.txt"
    path.write_text(SEPARATED + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'v.db'}"
    with Store(url) as store:
        assert ingest(store, [path]).ingested == 1
    return url


def test_the_incident_page_shows_each_victim_group(tmp_path):
    import warnings

    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

    from tally.web import create_app

    url = _stored(tmp_path)
    with TestClient(create_app(url)) as client:
        listing = client.get("/api/incidents").json()["items"]
        html = client.get(f"/incidents/{listing[0]['id']}").text
    assert "victims: civilians" in html and "victims: security forces" in html
    assert '<span class="muted small victim-group">perpetrators</span>' in html


def test_tally_show_lists_the_groups_and_each_claims_group(tmp_path):
    from typer.testing import CliRunner

    from tally.cli import app
    from tally.readers import read

    url = _stored(tmp_path)
    rid = extract(next(iter(read(tmp_path / "oreku.txt")))).id
    out = CliRunner().invoke(app, ["show", rid, "--db", url], env={"COLUMNS": "200"}).stdout
    assert "killed: civilians" in out and "killed: security forces" in out
    assert "security forces" in out.split("claims", 1)[1]  # the claims table's victims column


def test_acled_actor2_is_civilians_when_the_civilians_group_was_killed():
    from tally.store.columns import acled_row

    row = acled_row(to_dict(rec("Bandits killed four herders at the well on Monday, a chief said.", "acled")))
    assert row["actor2"].startswith("Civilians")
