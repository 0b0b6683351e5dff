"""Across reports (``tally.reconcile.combine``): the records of the reports of
one incident into the incident's record. Every record here is the extractor's
own output on reports written for these tests; the attacks are made up
(Konduga, March 2024; a raid near Gao, May 2019)."""

from __future__ import annotations

import copy
import io
import json

import pytest

from tally.extract import extract
from tally.model import CATEGORIES, Document, to_dict
from tally.readers import get_reader
from tally.reconcile import combine
from tally.reconcile.across import norm_voice


def rec(text: str, published: str | None, rid: str) -> dict:
    doc = Document.from_text(text, source=f"{rid}.txt", format="text", id=rid, meta={"date": published})
    return to_dict(extract(doc))


# Konduga, Saturday 2 March 2024: two wires relaying AFP's 12, another agency's 12, a
# wire with 15, the governor's revised toll two days later, the group's claim of 60
AFP_1 = rec("Gunmen killed 12 villagers in Konduga, in Nigeria's Borno state, on Saturday, according to AFP.",
            "2024-03-03", "afp-1")
AFP_2 = rec("Suspected jihadists shot dead 12 villagers in the town of Konduga in northeast Nigeria on "
            "Saturday, Agence France-Presse reported.", "2024-03-03", "afp-2")
AP = rec("Gunmen killed 12 villagers in Konduga in Borno state on Saturday, according to the Associated Press.",
         "2024-03-03", "ap")
REUTERS = rec("Gunmen killed 15 people in Konduga in Borno state on Saturday, according to Reuters.",
              "2024-03-03", "reuters")
UPDATE = rec("The toll from Saturday's attack on villagers in Konduga, Borno state, rose to 19 dead, the Borno "
             "state governor said on Monday.", "2024-03-04", "update")
CLAIM = rec("Boko Haram claimed the attack on Konduga in a statement and said its fighters had killed 60 people.",
            "2024-03-05", "claim")
FRENCH = rec("Des hommes armés ont tué au moins douze villageois samedi à Konduga, dans l'État de Borno, "
             "selon l'AFP.", "2024-03-03", "afp-fr")
FRIDAY = rec("Residents said gunmen stormed Konduga on Friday night, 1 March 2024, and killed 12 villagers.",
             "2024-03-04", "residents")
MONTH = rec("At least 10 people were killed in an attack in Borno state, Nigeria, in March 2024, a local "
            "official said.", "2024-03-20", "month")
WITNESSES = rec("Witnesses said at least 25 people were killed when gunmen attacked Konduga in Borno state on "
                "Saturday.", "2024-03-04", "witnesses")
HOSPITAL = rec("Gunmen attacked a market in Konduga on Saturday. AFP said 30 people were killed. Doctors at the "
               "state hospital said 52 people had died.", "2024-03-04", "hospital")

# a raid near Gao, 14 May 2019: an encyclopedia-like page, a wire, a French dispatch
TINBARKA_PAGE = """= 2019 Tinbarka raid =

Infobox
- Title: 2019 Tinbarka raid
- Location: Gao, Gao Region, Mali
- Date: 14 May 2019
- Partof: Mali War
- Combatant1: Mali
- Combatant2: Islamic State in the Greater Sahara
- Casualties1: 9 soldiers killed (per the Malian army); 14 soldiers killed (per ISGS)
- Casualties2: 20 militants killed (per the Malian army)
- Casualties3: 3 civilians killed

The Tinbarka raid was an attack by fighters of the Islamic State in the Greater Sahara on an army post \
near Gao, Mali, on 14 May 2019. The Malian army said nine soldiers and three civilians died and that \
twenty militants were killed. The group claimed that it had killed fourteen soldiers.

==Reactions==
The United Nations mission condemned the attack.
"""
PAGE = to_dict(extract(next(get_reader("plaintext")(io.BytesIO(TINBARKA_PAGE.encode()), "tinbarka.txt"))))
WIRE_MALI = rec("Islamic State fighters killed nine Malian soldiers in an attack on an army post in Mali on "
                "Tuesday, the army said.", "2019-05-15", "wire-mali")
DEPECHE = rec("Des combattants de l'État islamique au Grand Sahara ont attaqué mardi un poste de l'armée près "
              "de Gao, au Mali. Le groupe a revendiqué l'attaque et affirme avoir tué 14 soldats.",
              "2019-05-15", "depeche")

SAME_AS_THE_REPORT = ("casualties", "casualties_by_side", "casualties_by_group", "conflicts", "date", "location",
                      "places", "sides", "perpetrators", "targets", "reactions", "related", "part_of", "result")


def killed(record: dict) -> dict:
    return record["casualties"]["killed"]


def estimates(record: dict):
    """Every (category, estimate) of the record: totals, sides, victim groups."""
    tables = [record["casualties"], *record["casualties_by_side"].values(), *record["casualties_by_group"].values()]
    for table in tables:
        for cat, e in table.items():
            if e:
                yield cat, e


@pytest.mark.parametrize("report", [AFP_1, FRENCH, HOSPITAL, PAGE], ids=lambda r: r["id"])
def test_one_report_is_its_own_record(report):
    before = copy.deepcopy(report)
    out = combine([report])
    assert report == before  # the input is not changed
    for key in SAME_AS_THE_REPORT:
        assert out.get(key) == report.get(key), key
    assert [{k: v for k, v in c.items() if k != "report"} for c in out["claims"]] == report["claims"]
    assert {c["report"] for c in out["claims"]} <= {report["id"]}
    assert out["id"] == report["id"]
    if report is PAGE:  # an encyclopedia page names its incident
        assert out["title"] == report["title"]
    else:  # a news report's incident is named from its facts, not from one outlet's words
        assert out["title"].startswith("Attack ") and report["location"]["name"] in out["title"]
    assert out["languages"] == [report["language"]] and out["source"]["reports"] == 1
    assert [r["id"] for r in out["reports"]] == [report["id"]]
    assert out["reports"][0]["killed"] == report["casualties"]["killed"]
    assert set(out) - set(report) == {"reports", "languages"}


def test_the_page_with_sides_is_rich_enough_to_test_identity():
    assert PAGE["sides"] and PAGE["reactions"] and PAGE["related"] and PAGE["casualties_by_side"]
    assert HOSPITAL["conflicts"]


def test_agency_names_are_one_voice():
    assert norm_voice("Agence France-Presse") == norm_voice("according to the AFP") == norm_voice("l'AFP") == "afp"
    assert norm_voice("the Associated Press") == "ap" and norm_voice("Reuters") == "reuters"
    assert norm_voice(None) is None


def test_two_wires_relaying_one_agency_count_once():
    out = combine([AFP_1, AFP_2], incident_id="konduga")
    k = killed(out)
    assert (k["low"], k["best"], k["high"]) == (12, 12, 12)
    assert k["rule"] == "across:counted-once"
    assert sorted(out["claims"][i]["report"] for i in k["claims"]) == ["afp-1", "afp-2"]
    assert out["id"] == "konduga" and out["conflicts"] == []


def test_a_french_relay_of_the_same_agency_counts_once_too():
    out = combine([FRENCH, AFP_1])
    assert killed(out)["rule"] == "across:counted-once" and killed(out)["best"] == 12
    assert out["languages"] == ["en", "fr"] and out["language"] == "fr"


def test_counting_an_agency_once_changes_the_best():
    # AFP's 12 twice is one voice against Reuters' 15: no majority, the latest figure
    once = combine([AFP_1, AFP_2, REUTERS])
    k = killed(once)
    assert (k["low"], k["best"], k["high"], k["rule"]) == (12, 15, 15, "across:latest-update")
    # two agencies saying 12 are two voices: they outvote one saying 15
    two = combine([AFP_1, AP, REUTERS])
    assert (killed(two)["best"], killed(two)["rule"]) == (12, "across:agreement")


def test_disagreeing_reports_are_one_conflict_naming_them():
    out = combine([AFP_1, AFP_2, REUTERS])
    across = [c for c in out["conflicts"] if c["kind"] == "reports-disagree"]
    assert len(across) == 1
    c = across[0]
    assert c["category"] == "killed" and c["reports"] == ["afp-1", "afp-2", "reuters"]
    assert [f["best"] for f in c["figures"]] == [12, 15]
    assert c["figures"][0]["reports"] == ["afp-1", "afp-2"]
    assert "afp-1 and afp-2 say 12 killed" in c["text"] and "reuters says 15 killed (Reuters)" in c["text"]
    assert {out["claims"][i]["report"] for i in c["claims"]} == {"afp-1", "afp-2", "reuters"}


def test_a_later_official_toll_replaces_the_earlier_figures():
    out = combine([AFP_1, AFP_2, REUTERS, UPDATE])
    k = killed(out)
    assert (k["low"], k["best"], k["high"], k["rule"]) == (19, 19, 19, "across:latest-update")
    assert [out["claims"][i]["report"] for i in k["claims"]] == ["update"]
    assert out["claims"][k["claims"][0]]["low"] == 19
    assert len(out["claims"]) == 4  # the replaced figures are kept as claims
    assert not [c for c in out["conflicts"] if c["kind"] == "reports-disagree" and c["category"] == "killed"]


def test_reports_are_weighed_in_publication_order_not_input_order():
    shuffled = combine([UPDATE, REUTERS, AFP_2, AFP_1])
    assert (killed(shuffled)["best"], killed(shuffled)["low"]) == (19, 19)
    assert out_ids(shuffled) == ["update", "reuters", "afp-2", "afp-1"]  # the list keeps the input order


def out_ids(record: dict) -> list[str]:
    return [r["id"] for r in record["reports"]]


def test_a_party_claim_only_widens_the_high():
    out = combine([AFP_1, UPDATE, CLAIM])
    k = killed(out)
    assert (k["low"], k["best"], k["high"]) == (19, 19, 60)
    assert k["rule"] == "across:latest-update+party-high"
    assert {out["claims"][i]["report"] for i in k["claims"]} == {"update", "claim"}
    # the group's figure is the latest, and still not the best
    alone = killed(combine([CLAIM, AFP_1]))
    assert (alone["low"], alone["best"], alone["high"]) == (12, 12, 60)
    assert out["perpetrators"][0]["name"] == "Boko Haram"


def test_an_open_floor_above_every_count_keeps_the_high_open():
    below = killed(combine([MONTH, REUTERS]))  # "at least 10" and 15: 15 bounds it
    assert (below["low"], below["high"]) == (10, 15)
    above = killed(combine([REUTERS, WITNESSES]))  # 15 and "at least 25": no bound
    assert above["high"] is None and above["low"] == 15


def test_the_most_precise_date_and_place_win():
    out = combine([MONTH, AFP_1, FRIDAY])
    assert MONTH["date"]["precision"] == "month" and MONTH["location"]["precision"] == "admin1"
    assert out["date"] == {"start": "2024-03-01", "end": "2024-03-02", "precision": "day",
                           "text": FRIDAY["date"]["text"], "rule": FRIDAY["date"]["rule"]}
    assert out["location"]["name"] == "Konduga" and out["location"]["precision"] == "district"
    names = [p["name"] for p in out["places"]]
    assert sorted(names) == ["Borno", "Konduga"]  # each place once


def test_an_encyclopedia_page_gives_title_place_and_sides():
    out = combine([WIRE_MALI, DEPECHE, PAGE], incident_id="tinbarka")
    assert WIRE_MALI["location"]["precision"] == "country"
    assert out["title"] == "2019 Tinbarka raid"
    assert out["location"]["name"] == "Gao" and out["location"]["precision"] == "exact"
    assert out["date"]["start"] == out["date"]["end"] == "2019-05-14"
    assert [s["id"] for s in out["sides"]] == ["1", "2"] and out["part_of"] == "Mali War"
    assert [x["report"] for x in out["reactions"]] == [PAGE["id"]]
    assert out["languages"] == ["en", "fr"] and out["source"]["reports"] == 3


def test_perpetrators_are_merged_by_name():
    again = rec("Boko Haram said in a second statement that its fighters killed 60 people in Konduga.",
                "2024-03-06", "claim-2")
    out = combine([CLAIM, again])
    assert [a["name"] for a in out["perpetrators"]] == ["Boko Haram"]
    k = killed(out)  # the group's own word, twice: one voice, and nothing else to go by
    assert (k["best"], k["rule"]) == (60, "across:party-only")


def test_a_reports_own_conflicts_are_kept_with_their_report():
    out = combine([AFP_1, HOSPITAL])
    own = [c for c in out["conflicts"] if c.get("report") == "hospital"]
    assert len(own) == len(HOSPITAL["conflicts"]) == 1
    for i, j in zip(own[0]["claims"], HOSPITAL["conflicts"][0]["claims"]):
        assert out["claims"][i]["report"] == "hospital"
        assert out["claims"][i]["text"] == HOSPITAL["claims"][j]["text"]


@pytest.mark.parametrize("reports", [[AFP_1, AFP_2, REUTERS, UPDATE, CLAIM], [MONTH, FRIDAY, HOSPITAL, WITNESSES],
                                     [WIRE_MALI, DEPECHE, PAGE], [FRENCH, AP, AFP_1]])
def test_every_estimate_points_at_claims_of_its_category(reports):
    out = combine(reports)
    assert out["reports"] and all(r["source"] for r in out["reports"])
    for cat, e in estimates(out):
        assert e["rule"] and e["claims"], (cat, e)
        for i in e["claims"]:
            claim = out["claims"][i]
            assert cat in claim["categories"]
            original = next(r for r in reports if r["id"] == claim["report"])
            assert {k: v for k, v in claim.items() if k != "report"} in original["claims"]
        if e["best"] is not None:
            assert (e["low"] is None or e["low"] <= e["best"]) and (e["high"] is None or e["best"] <= e["high"])
    assert set(out["casualties"]) == set(CATEGORIES)


def test_the_record_keeps_the_shape_and_is_deterministic(validator):
    reports = [AFP_1, AFP_2, REUTERS, UPDATE, CLAIM, FRENCH, PAGE]
    out = combine(reports)
    assert json.dumps(out, sort_keys=True) == json.dumps(combine(copy.deepcopy(reports)), sort_keys=True)
    plain = {k: v for k, v in out.items() if k not in ("reports", "languages")}
    plain["claims"] = [{k: v for k, v in c.items() if k != "report"} for c in out["claims"]]
    errors = sorted(e.message for e in validator.iter_errors(plain))
    assert not errors, errors


def test_no_reports_is_an_error():
    with pytest.raises(ValueError):
        combine([])


def test_an_older_record_with_missing_keys_is_read():
    old = {"id": "old", "source": {"path": "old.csv", "format": "csv", "date": "2024-03-02"},
           "claims": [{"categories": ["killed"], "low": 11, "high": 11, "source": "AFP"}],
           "casualties": {"killed": {"low": 11, "best": 11, "high": 11, "rule": "narrative-sum", "claims": [0]}}}
    out = combine([old, AFP_1])
    k = killed(out)  # the same agency a day later: its new figure replaces the old one
    assert (k["low"], k["best"], k["high"], k["rule"]) == (12, 12, 12, "across:latest-update")
    assert [out["claims"][i]["report"] for i in k["claims"]] == ["afp-1"]
    assert out["date"] == AFP_1["date"] and out["location"] == AFP_1["location"]
    assert out["reports"][0] == {"id": "old", "title": None, "source": "old.csv", "format": "csv", "language": None,
                                 "published": "2024-03-02", "date": None, "place": None,
                                 "killed": old["casualties"]["killed"], "injured": None}


def test_a_later_report_saying_the_toll_rose_replaces_the_earlier_figures():
    """Structure: a later report whose words before the figure say the toll grew
    ("has risen to", "s'est alourdi à") supersedes earlier, lower figures, even
    from other voices and with no named source."""
    def rec_(rid: str, day: str, text: str, lang: str) -> dict:
        return rec(text, day, rid)

    first = rec_("a", "2023-05-02", "Nine villagers were killed in a raid on a hamlet near Beni on Monday, "
                                   "a civil society leader said.", "en")
    second = rec_("b", "2023-05-02", "Neuf civils ont été tués lundi dans une attaque près de Beni, selon la "
                                    "société civile locale.", "fr")
    later = rec_("c", "2023-05-05", "The death toll from Monday's raid near Beni has risen to 14 after more "
                                   "bodies were found in the bush.", "en")
    both = combine([first, second, later])
    killed = both["casualties"]["killed"]
    assert killed["best"] == 14 and killed["low"] == 14, killed
    assert killed["rule"].startswith("across:latest-update")
    # without the words of a rise, the two earlier voices agreeing on nine win
    flat = rec_("c", "2023-05-05", "Fourteen people were killed in Monday's raid near Beni.", "en")
    assert combine([first, second, flat])["casualties"]["killed"]["best"] == 9


def test_an_undated_encyclopedia_page_is_weighed_after_the_news_reports():
    """Policy: an article sums up the reports written before it, so with no date
    of its own it is the latest voice, wherever it was stored."""
    page = rec("= Raid on Ngala =\\n\\nThe raid on Ngala killed 31 villagers, the state government "
               "said in its final count.", None, "page")
    page["source"]["format"] = "plaintext"
    wire = rec("Gunmen killed 24 villagers in Ngala, in Borno state, on Sunday, officials said.", None, "wire")
    assert "date" not in page["source"] or not page["source"]["date"]
    for order in ([page, wire], [wire, page]):
        killed = combine(order)["casualties"]["killed"]
        assert killed["best"] == 31, (order[0]["id"], killed)


def test_a_day_is_more_precise_than_a_week_of_days():
    """Policy: 'last week' (a span of days) gives way to the single days other
    reports give; the incident's date is not widened to the whole week."""
    day = rec("Gunmen killed six traders at the cattle market in Gamboru on Thursday, police said.",
              "2024-03-22", "day")
    week = rec("The toll from last week's raid on the Gamboru cattle market has risen to nine, police said "
               "on Tuesday.", "2024-03-26", "week")
    assert week["date"]["start"] != week["date"]["end"]  # the extractor read a week
    both = combine([day, week])["date"]
    assert (both["start"], both["end"]) == (day["date"]["start"], day["date"]["end"])


def test_a_reports_low_that_is_one_part_of_its_toll_is_not_the_incidents_floor():
    parts = rec("Gunmen killed a priest and five worshippers at a church in Kaya on Sunday, officials said.",
                "2024-03-04", "parts")
    whole = rec("Six people were killed when gunmen stormed a church in Kaya on Sunday, police said.",
                "2024-03-04", "whole")
    assert parts["casualties"]["killed"]["low"] == 1 and parts["casualties"]["killed"]["best"] == 6
    k = combine([parts, whole])["casualties"]["killed"]
    assert (k["low"], k["best"]) == (6, 6)
