"""A news report's dateline is the report's place and date, not the event's."""

from __future__ import annotations

from datetime import date

from tally.extract import extract
from tally.model import Document
from tally.when.dateline import find_dateline


def _report(text: str, **meta) -> Document:
    return Document.from_text(text, source="report.txt", format="text", meta=meta)


def test_dateline_parts_english_and_french():
    dl = find_dateline("KADUNA, Oct 4 (Reuters) - Bandits abducted 30 pupils.", "en", year=2021)
    assert (dl.place, dl.published) == ("KADUNA", date(2021, 10, 4))
    dl = find_dateline("Titre\n\nBUNIA, 5 février 2022 — Des hommes armés", "fr")
    assert (dl.place, dl.published) == ("BUNIA", date(2022, 2, 5))
    dl = find_dateline("BUNIA (AFP) - Des hommes armés", "fr")
    assert (dl.place, dl.published) == ("BUNIA", None)  # an agency, no date


def test_text_that_is_not_a_dateline():
    assert find_dateline("Police in KANO said - without naming anyone", "en") is None
    assert find_dateline("MALI: twelve soldiers killed in an ambush", "en") is None  # a headline's colon


def test_the_weekday_resolves_against_the_dateline_date_not_to_it():
    rec = extract(_report("DORI, June 13, 2022 (Reuters) - Gunmen killed at least 20 people in the "
                          "village of Seytenga on Saturday night, the government said."))
    assert rec.date.start == "2022-06-11"  # the Saturday before the Monday of filing


def test_french_night_from_saturday_to_sunday_is_the_saturday():
    rec = extract(_report("BENI, 8 mai 2023 — Des assaillants ont attaqué le village de Mamove dans la "
                          "nuit de samedi à dimanche, selon la société civile locale."))
    assert rec.language == "fr"
    assert rec.date.start == "2023-05-06"


def test_the_filing_place_is_not_the_event_place():
    rec = extract(_report("NIAMEY, March 2, 2021 (AFP) - Gunmen on motorbikes killed 18 villagers in "
                          "Tillaberi region near the border with Mali, officials said."))
    assert rec.location is not None and rec.location.name != "Niamey"


def test_the_filing_place_stands_when_the_text_names_no_other():
    rec = extract(_report("MAIDUGURI, Jan 9, 2020 (Reuters) - Insurgents killed six soldiers in an "
                          "ambush on Thursday, military sources said."))
    assert rec.location is not None and rec.location.name.lower() == "maiduguri"


def test_a_dateline_under_a_headline_with_a_colon_is_still_read():
    # "Officials: ..." is a headline, not a "Place:" dateline: the capitals-and-dash form below it is
    # the dateline, so its date anchors "on Tuesday" and its place is the filing place
    text = ("Officials: 2nd aid worker found dead\n\nConvoy ambushed in the north\n\n\n"
            "NAIROBI, March 2, 2022 — Gunmen on motorbikes ambushed an aid convoy in Kenya on Tuesday, killing "
            "two drivers and wounding three others, officials told reporters at a briefing on Wednesday.")
    rec = extract(_report(text))
    assert rec.date.start == "2022-03-01"
    assert rec.location is not None and rec.location.name != "NAIROBI"


def test_a_dateline_below_the_pages_boilerplate_paragraphs_is_found():
    # a saved page: two paragraphs of site boilerplate (20 words and more each), then the report
    text = ("Sign up today for the full daily coverage of local, national and world news, delivered to your "
            "inbox every morning of the week.\n\n"
            "This copy is for your personal use only; to order copies for distribution to colleagues or clients "
            "please visit our reprints page.\n\n"
            "Twelve soldiers killed in attack on army camp\n\n"
            "BAMAKO, Mali - Gunmen attacked an army camp in the village of Tamzoura on Sunday, killing 12 "
            "soldiers, the army said.")
    rec = extract(_report(text, date="2024-05-07"))
    assert rec.location is not None and rec.location.name != "BAMAKO"
    assert rec.location.country_iso3 == "MLI" and rec.location.locality == "Tamzoura"
