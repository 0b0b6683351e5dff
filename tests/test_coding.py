"""ACLED-style coding phrases read as claims (issue 14 §3; sentences written for these tests)."""

from __future__ import annotations

import pytest

from tally.claims import extract_claims
from tally.extract import extract
from tally.model import Document


def killed(text, policy="tally"):
    est = extract(Document.from_text(text, format="csv"), policy=policy).casualties.get("killed")
    return None if est is None else est.best


@pytest.mark.parametrize("policy", ["tally", "acled"])
def test_unspecified_number_coded_as_n_is_n(policy):
    text = "Militants raided a hamlet near the river, killing an unspecified number of herders (coded as 10)."
    assert killed(text, policy) == 10


def test_fatalities_coded_as_n_after_a_semicolon():
    assert killed("Troops killed an unknown number of fighters in a raid on a camp; fatalities coded as 3.") == 3


@pytest.mark.parametrize("policy", ["tally", "acled"])
def test_split_across_events_coded_as_m_for_this_event(policy):
    text = ("Gunmen raided three hamlets, killing 24 people. "
            "24 fatalities split across 3 events and coded as 8 for this event.")
    assert killed(text, policy) == 8
    claims = extract_claims(Document.from_text(text, format="csv"), [])
    assert [c.low for c in claims if not c.other_event] == [8]


def test_split_across_locations_without_restating_the_total():
    text = ("Gunmen killed 30 civilians in attacks on two localities; "
            "fatalities split across 2 locations and coded as 15 for this event.")
    assert killed(text) == 15


def test_a_figure_coded_separately_is_another_event():
    text = ("Rebels ambushed an army patrol, killing 5 soldiers. "
            "3 civilians were also killed in a nearby village (coded separately).")
    assert killed(text) == 5
    claims = extract_claims(Document.from_text(text, format="csv"), [])
    assert [(c.low, c.other_event) for c in claims] == [(5, False), (3, True)]


@pytest.mark.parametrize("text", [
    "Unidentified gunmen fired on a police post in the town. No casualties.",
    "Assailants set fire to a clinic in the district. There were no reported casualties.",
])
def test_no_casualties_is_zero(text):
    rec = extract(Document.from_text(text, format="csv"))
    assert rec.casualties["killed"].best == 0
    assert rec.casualties["injured"].best == 0


def test_no_casualties_does_not_hide_a_stated_figure():
    text = "Gunmen killed two guards at the gate. There were no casualties among the pupils."
    assert killed(text) == 2


def test_coded_as_without_a_number_is_no_figure():
    text = "The bodies of five men were found near the road. This is coded as a distinct event."
    assert killed(text) == 5
