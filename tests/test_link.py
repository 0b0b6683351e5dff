"""Linking reports of one event (issue 17, the library core): evidence, vetoes,
incremental grouping through the date index, and B-cubed scoring. The reports
are written for these tests; the attacks they describe are made up."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.link import Linker, bcubed, compare
from tally.model import Document, to_dict


def rec(text: str, date: str | None = None, rid: str = "r") -> dict:
    doc = Document.from_text(text, source=f"{rid}.txt", format="text", id=rid, meta={"date": date})
    return to_dict(extract(doc))


WIRE = rec("MAIDUGURI, Aug 14, 2023 (Reuters) - Gunmen killed at least 12 farmers in Konduga on "
           "Sunday, a local official said.", rid="wire")
FRENCH = rec("MAIDUGURI, 14 août 2023 (AFP) — Des hommes armés ont tué dimanche au moins douze "
             "agriculteurs dans la localité de Konduga, selon un responsable local.", rid="afp-fr")
UPDATE = rec("The toll from Sunday's attack on farmers in Konduga rose to 15, officials said.",
             date="2023-08-16", rid="update")
WRONG_DAY = rec("Gunmen shot dead 12 farmers working in their fields in Konduga on Saturday, "
                "residents said.", date="2023-08-14", rid="wrong-day")
OTHER_TOWN = rec("Gunmen killed five traders at a market in Bama on Sunday, police said.",
                 date="2023-08-14", rid="bama")
OTHER_COUNTRY = rec("Gunmen killed seven people in an attack in Kaya on Sunday, the army said.",
                    date="2023-08-14", rid="kaya")


def test_wire_and_french_report_of_one_attack_link():
    ev = compare(WIRE, FRENCH)
    assert FRENCH["language"] == "fr" and FRENCH["date"]["start"] == WIRE["date"]["start"] == "2023-08-13"
    assert ev.linked and ev.veto is None and ev.days == 0
    assert any("same day" in r for r in ev.reasons) and any("Konduga" in r for r in ev.reasons)


def test_a_follow_up_with_a_revised_toll_links():
    assert compare(WIRE, UPDATE).linked


def test_a_report_one_day_off_still_links():
    ev = compare(WIRE, WRONG_DAY)
    assert ev.days == 1 and ev.linked


def test_the_same_day_in_the_same_province_but_another_town_stays_apart():
    ev = compare(WIRE, OTHER_TOWN)
    assert ev.veto is None and not ev.linked
    assert WIRE["location"]["admin1"] == OTHER_TOWN["location"]["admin1"]
    assert any("two places" in r for r in ev.reasons)


def test_another_country_is_a_veto():
    ev = compare(WIRE, OTHER_COUNTRY)
    assert ev.veto and "different countries" in ev.veto


def _dated(day: str, precision: str = "day", country: str = "NGA") -> dict:
    return {"date": {"start": day, "end": day, "precision": precision},
            "location": {"country_iso3": country, "precision": "country"}}


def test_precise_days_far_apart_are_a_veto_but_a_month_is_not():
    assert "days apart" in compare(_dated("2023-08-01"), _dated("2023-08-13")).veto
    ev = compare(_dated("2023-08", "month"), _dated("2023-08-13"))
    assert ev.veto is None and ev.days == 0


def test_incremental_grouping_matches_the_true_events():
    linker = Linker()
    reports = {"wire": WIRE, "afp-fr": FRENCH, "bama": OTHER_TOWN, "update": UPDATE,
               "kaya": OTHER_COUNTRY, "wrong-day": WRONG_DAY}
    for rid, r in reports.items():
        linker.add(rid, r)
    truth = {"wire": "konduga", "afp-fr": "konduga", "update": "konduga", "wrong-day": "konduga",
             "bama": "bama", "kaya": "kaya"}
    assert bcubed(linker.grouping(), truth)["f1"] == 1.0
    link = linker.links["update"]
    assert link.matched in ("wire", "afp-fr", "wrong-day") and link.evidence.linked


def test_candidates_come_from_the_date_window_not_every_report():
    linker = Linker()
    far = {f"old-{i}": _dated(f"2020-01-{i + 1:02d}") for i in range(20)}
    for rid, r in far.items():
        linker.add(rid, r)
    assert linker._candidates(_dated("2023-08-13")) == set()
    assert len(linker._candidates(_dated("2020-01-10"))) == 15  # days 3..17: the 7-day window each side


def test_bcubed():
    truth = {"a": 1, "b": 1, "c": 2}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, truth)["f1"] == 1.0
    lumped = bcubed({"a": "x", "b": "x", "c": "x"}, truth)
    assert lumped["recall"] == 1.0 and lumped["precision"] == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)
    with pytest.raises(ValueError):
        bcubed({"a": 1}, truth)


def _report(day: str, place: dict, killed: int | None = None) -> dict:
    rec_ = {"date": {"start": day, "end": day, "precision": "day"}, "location": place}
    if killed is not None:
        rec_["casualties"] = {"killed": {"low": killed, "best": killed, "high": None}}
    return rec_


REGION = {"name": "Mopti", "country_iso3": "MLI", "admin1": "Mopti", "lat": 14.5, "lon": -3.5, "precision": "admin1"}
VILLAGE = {"name": "Dioura", "country_iso3": "MLI", "admin1": "Mopti", "lat": 14.7, "lon": -5.1, "precision": "exact"}
COUNTRY = {"name": "Mali", "country_iso3": "MLI", "lat": 17.0, "lon": -4.0, "precision": "country"}
OTHER_REGION = {"name": "Gao", "country_iso3": "MLI", "admin1": "Gao", "lat": 16.3, "lon": -0.04, "precision": "exact"}


def test_a_village_in_the_region_the_other_report_names_links():
    """The place hierarchy: one report knows only the region, the other names a village in it."""
    ev = compare(_report("2019-03-17", REGION), _report("2019-03-17", VILLAGE))
    assert ev.linked and any("in the region the other names" in r for r in ev.reasons)
    assert not compare(_report("2019-03-17", REGION), _report("2019-03-17", OTHER_REGION)).linked


def test_a_country_level_report_links_on_the_same_day_and_the_same_toll():
    ev = compare(_report("2019-03-17", COUNTRY, 21), _report("2019-03-17", VILLAGE, 21))
    assert ev.linked and any("the same killed figure (21)" in r for r in ev.reasons)
    assert not compare(_report("2019-03-17", COUNTRY), _report("2019-03-17", VILLAGE)).linked
    assert not compare(_report("2019-03-17", COUNTRY, 4), _report("2019-03-17", VILLAGE, 21)).linked


# villages the gazetteer does not know (names made up for these tests): the record keeps the name as
# location.locality, its point a coarser place's, and two reports naming one such village link
SAMINADJI_EN = rec("Gunmen killed nine herders in the village of Saminadji, northern Burkina Faso, on Sunday, "
                   "the mayor of Saminadji told reporters.", date="2023-08-14", rid="sam-en")
SAMINADJI_FR = rec("Des hommes armés ont tué dimanche neuf éleveurs à Saminadji, un village du nord du "
                   "Burkina Faso, selon le maire de la commune.", date="2023-08-14", rid="sam-fr")
NDIOUNGANI = rec("Gunmen killed nine herders in the village of Ndioungani, northern Burkina Faso, on Sunday, "
                 "a local official said.", date="2023-08-14", rid="ndi")


def test_a_village_the_gazetteer_does_not_know_is_kept_as_the_locality():
    assert SAMINADJI_EN["location"]["locality"] == SAMINADJI_FR["location"]["locality"] == "Saminadji"
    assert SAMINADJI_EN["location"]["country_iso3"] == "BFA"


def test_two_reports_naming_one_unknown_village_link_and_another_village_does_not():
    ev = compare(SAMINADJI_EN, SAMINADJI_FR)
    assert ev.linked and any("same locality (Saminadji)" in r for r in ev.reasons)
    other = compare(SAMINADJI_EN, NDIOUNGANI)  # two names: no evidence either way (a report may name
    assert not any("locality" in r for r in other.reasons)  # the nearest town instead)


def test_one_unknown_village_named_with_no_country_still_links():
    # each report names only the village (unknown to the gazetteer): location.locality, no country
    a = rec("Gunmen killed nine herders in the village of Saminadji on Sunday, the mayor of Saminadji said.",
            date="2023-08-14", rid="sam-a")
    b = rec("Nine herders were shot dead by gunmen on Sunday in the village of Saminadji, residents said.",
            date="2023-08-14", rid="sam-b")
    assert a["location"]["locality"] == b["location"]["locality"] == "Saminadji"
    assert a["location"]["country_iso3"] is None
    assert compare(a, b).linked



def test_a_town_inside_the_district_the_other_report_names_links():
    """The place hierarchy below the region: a province's point and a town 34 km from it that lies
    nearer that point than any other district's are one place at two precisions, not two towns."""
    district = rec("Gunmen killed eleven herders in Sanmatenga province on Sunday, police said.",
                   date="2023-08-14", rid="province")
    town = rec("Herders were shot dead by gunmen on Sunday in the town of Pissila, residents said.",
               date="2023-08-14", rid="town")
    assert district["location"]["precision"] == "district" and town["location"]["precision"] == "exact"
    ev = compare(district, town)
    assert ev.linked and 25 < ev.km < 60
    assert any("in the district the other names (Sanmatenga)" in r for r in ev.reasons)
    # "in Konduga" (its LGA) and the town of Bama 33 km away: Bama lies nearer its own LGA's point
    ev = compare(WIRE, OTHER_TOWN)
    assert WIRE["location"]["precision"] == "district" and any("two places" in r for r in ev.reasons)


def test_two_close_tolls_of_one_attack_count_as_agreeing_evidence():
    # 12 by one source, 14 by another: one toll counted twice, not two attacks
    a = rec("Gunmen killed 12 farmers in Konduga on Sunday, a local official said.", date="2023-08-14", rid="a")
    b = rec("Gunmen killed 14 farmers in Konduga on Sunday, the police said.", date="2023-08-14", rid="b")
    assert a["casualties"]["killed"]["high"] == 12 and b["casualties"]["killed"]["low"] == 14
    assert any("killed figures close" in r for r in compare(a, b).reasons)
    far = rec("Gunmen killed 40 farmers in Konduga on Sunday, the police said.", date="2023-08-14", rid="c")
    assert not any("close" in r or "overlap" in r for r in compare(a, far).reasons)
