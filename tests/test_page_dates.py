"""A news page's own dates (furniture) are the report's date, never the
event's; the event's day comes from the body, resolved against them; a
report whose text gives no day is dated by its publication (the day before
it to that day). Sentences and pages written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from tally.extract import extract
from tally.model import Document
from tally.when.furniture import page_dates, published


def record(text: str, published_on: str | None = None, lang: str | None = None):
    meta = {"date": published_on} if published_on else {}
    return extract(Document.from_text(text, source="page.txt", format="text", meta=meta, language=lang)
                   if lang else Document.from_text(text, source="page.txt", format="text", meta=meta))


BYLINE_EN = ("World | Africa\n"
             "Updated: 2023-04-11 09:40\n\n"
             "Gunmen kill 9 traders on a road in northern Togo\n\n"
             "Gunmen killed nine traders on the road between two market towns in the north of Togo on Sunday, "
             "a regional official said on Monday, adding that the attackers fled towards the border.\n")


def test_an_updated_line_is_the_page_date_and_anchors_the_weekday():
    dates = page_dates(BYLINE_EN)
    assert [d.text for d in dates] == ["Updated: 2023-04-11 09:40"]
    assert published(dates) == date(2023, 4, 11)
    rec = record(BYLINE_EN)
    # Sunday before Tuesday 11 April 2023 is 9 April; the statement's Monday is not the event's day
    assert (rec.date.start, rec.date.end, rec.date.rule) == ("2023-04-09", "2023-04-09", "relative")


def test_a_site_header_date_never_becomes_the_event_day():
    page = ("Lagos, Nigeria  Friday 14 June 2024\n\n"
            "Raid on farming village\n\n"
            "Armed men stormed a farming village near the river in Nigeria's north-east late on Wednesday, "
            "killing 14 farmers and burning granaries, residents told reporters on Thursday.\n")
    rec = record(page)
    assert rec.date.start == "2024-06-12" and rec.date.rule == "relative"


def test_a_french_publication_line():
    page = ("Publié le 24 mars 2019 à 10h15\n\n"
            "Des hommes armés ont tué douze civils samedi dans un village du centre du pays, a-t-on appris "
            "dimanche auprès d'un élu local qui a requis l'anonymat.\n")
    dates = page_dates(page, "fr")
    assert published(dates) == date(2019, 3, 24)
    rec = record(page, lang="fr")
    assert rec.date.start == "2019-03-23"  # the Saturday before Sunday 24 March


def test_a_headline_that_states_a_date_stays_text():
    page = ("Twelve killed on 3 May 2019 as gunmen attack a market near Gao in northern Mali\n\n"
            "Officials gave no further details on the attack, which they blamed on armed bandits operating "
            "in the area around the town.\n")
    assert page_dates(page) == []
    assert record(page).date.start == "2019-05-03"


def test_no_day_in_the_text_gives_the_publication_window():
    text = ("Jihadists killed seven soldiers in an ambush on a patrol in the east of the country, "
            "security sources said.")
    rec = record(text, "2022-08-16")
    assert (rec.date.start, rec.date.end, rec.date.precision, rec.date.rule) == \
        ("2022-08-15", "2022-08-16", "day", "publication")
    assert record(text).date.start is None  # no publication date: no guess


def test_a_date_after_publication_is_not_the_attack():
    text = ("Gunmen killed four people in a village on Tuesday, officials said. The regional council "
            "will meet on 30 September 2021 to discuss security.")
    rec = record(text, "2021-09-15")
    assert (rec.date.start, rec.date.rule) == ("2021-09-14", "relative")
    later_only = "Gunmen killed four people in a village. Talks are planned for 30 September 2021."
    assert record(later_only, "2021-09-15").date.rule == "publication"


@pytest.mark.parametrize("line", ["By Amina Diallo, March 12, 2022", "3 June 2021 | 11:40 AM UTC",
                                  "• Friday, March 8, 2024", "Mis à jour le 2 juin 2021 à 18h05"])
def test_short_date_lines_at_the_top_are_furniture(line):
    page = line + "\n\nSoldiers repelled an attack on their base overnight, killing several of the assailants, the army said in a statement released to the press.\n"
    lang = "fr" if "jour" in line else None
    (found,) = page_dates(page, lang)
    assert found.day is not None and page[found.start:found.end] == found.text


@pytest.mark.parametrize("written", ["2024-03-02", "2 March 2024", "March 2, 2024", "2 mars 2024", "02/03/2024"])
def test_a_report_date_written_in_words_or_in_french_anchors_the_text(written):
    rec = record("Des hommes armés ont tué trois villageois vendredi, selon un élu local.", written, "fr")
    assert (rec.date.start, rec.date.rule) == ("2024-03-01", "relative")


@pytest.mark.parametrize("lang, text, day", [
    ("en", "ISWAP claimed responsibility on Wednesday for the attack in which nine soldiers were killed on Monday.",
     "2024-05-06"),
    ("en", "Gunmen killed 12 villagers on Saturday. The funeral was held on Monday, relatives said.", "2024-05-04"),
    ("fr", "Des hommes armés ont tué douze villageois samedi. Les funérailles ont eu lieu lundi.", "2024-05-04"),
])
def test_the_day_of_a_claim_or_a_funeral_is_not_the_attacks(lang, text, day):
    assert record(text, "2024-05-08", lang).date.start == day


@pytest.mark.parametrize("lang, text, day", [
    ("en", "The missing soldier's body was found by villagers on Friday, days after the patrol was ambushed. "
     "Two wounded soldiers were flown out on Wednesday, hours after the gunfight.", "2024-05-08"),
    ("en", "The bodies of nine herders were recovered on Friday; gunmen had stormed their camp on Wednesday.",
     "2024-05-08"),
    ("fr", "Les corps de neuf éleveurs ont été retrouvés vendredi par des habitants ; des hommes armés avaient "
     "pris d'assaut leur campement mercredi soir.", "2024-05-08"),
])
def test_the_day_the_dead_were_found_gives_way_to_the_attacks(lang, text, day):
    assert record(text, "2024-05-11", lang).date.start == day


@pytest.mark.parametrize("lang, text", [
    ("en", "In a statement on Thursday, the governor said gunmen had killed 12 villagers on Tuesday."),
    ("fr", "Dans un communiqué publié jeudi, le gouverneur indique que des hommes armés ont tué douze villageois mardi."),
])
def test_the_day_of_a_statement_named_by_its_noun_is_not_the_attacks(lang, text):
    assert record(text, "2024-05-10", lang).date.start == "2024-05-07"


@pytest.mark.parametrize("lang, text", [
    ("en", "Forty-eight hours after the attack, the army still counts 20 soldiers dead, officials said on Friday."),
    ("fr", "Deux jours après l'embuscade, l'armée fait toujours état de vingt soldats tués, a-t-on appris vendredi."),
])
def test_the_time_since_the_attack_dates_it_back_from_the_report(lang, text):
    rec = record(text, "2024-05-10", lang)  # a Friday
    assert (rec.date.start, rec.date.end) == ("2024-05-08", "2024-05-08")
    # a weekday of the attack itself wins over the time since it
    assert record("Gunmen killed 20 soldiers on Tuesday. Two days after the attack, the army retook the town.",
                  "2024-05-10").date.start == "2024-05-07"


@pytest.mark.parametrize("lang, text", [
    ("en", "48 hours after the ambush near Kara, the army said 19 soldiers had died."),
    ("fr", "48 heures après l'embuscade de Kara, l'armée a annoncé la mort de 19 soldats."),
])
def test_the_time_since_the_attack_in_digits_keeps_the_toll_of_its_sentence(lang, text):
    # the elapsed time dates the attack from the report; it is no earlier day for the toll beside it
    rec = record(text, "2024-05-10", lang)
    assert rec.date.start == "2024-05-08" and rec.casualties["killed"].best == 19


def test_a_mourning_of_so_many_hours_is_a_duration_not_the_time_since_the_attack():
    rec = record("Le gouvernement a décrété un deuil national de 72 heures après l'attaque qui a coûté la vie "
                 "à 31 soldats.", "2024-05-10", "fr")
    assert rec.casualties["killed"].best == 31
    assert rec.date is None or "72" not in (rec.date.text or "")


def test_the_day_the_dead_were_found_stands_when_the_text_gives_no_other():
    rec = record("The bodies of nine herders were found on Friday near their camp, police said.", "2024-05-11")
    assert (rec.date.start, rec.date.rule) == ("2024-05-10", "relative")


@pytest.mark.parametrize("text", [
    "The government declared three days of national mourning on Monday after gunmen killed 12 villagers.",
    "The president visited the village on Monday, where gunmen had killed 12 people.",
])
def test_a_mourning_or_visit_day_alone_leaves_the_publication_window(text):
    rec = record(text, "2024-05-07")
    assert (rec.date.start, rec.date.end, rec.date.rule) == ("2024-05-06", "2024-05-07", "publication")


def test_a_weekday_with_its_day_of_the_month_is_that_day():
    # 20 June 2024 is a Thursday: "le mardi 11" is 11 June, not the Tuesday before the 20th (18 June)
    rec = record("Le mardi 11, des hommes armés ont tué douze villageois près de la frontière.", "2024-06-20", "fr")
    assert (rec.date.start, rec.date.text) == ("2024-06-11", "mardi 11")


@pytest.mark.parametrize("text", [
    "In March 2023, a similar attack killed 20 people. On Tuesday gunmen killed 12 villagers in the same area.",
    "Gunmen killed 12 villagers on Tuesday. In March 2023, a similar attack killed 20 people.",
])
def test_an_earlier_attack_recalled_is_background_when_the_news_is_dated(text):
    assert record(text, "2024-05-08").date.start == "2024-05-07"


@pytest.mark.parametrize("lang, text", [
    ("en", "Gunmen killed 12 soldiers of the task force, set up in March 2021 to guard the border."),
    ("fr", "Des hommes armés ont tué douze soldats de la force créée en mars 2021 pour garder la frontière."),
])
def test_a_month_long_before_the_report_is_history_not_the_event(lang, text):
    # BACKGROUND_DAYS: with no other date, the publication window, never a month three years back
    rec = record(text, "2024-05-08", lang)
    assert (rec.date.start, rec.date.end, rec.date.rule) == ("2024-05-07", "2024-05-08", "publication")


def test_an_anniversary_report_keeps_its_old_date():
    text = "Five years ago, on 4 October 2017, eight soldiers were killed in an ambush near the border."
    assert record(text, "2022-10-04").date.start == "2017-10-04"


@pytest.mark.parametrize("caption", [
    "Soldiers stand guard outside a hotel in Kidal in 2016. AP",
    "Des soldats devant un hôtel de Kidal en 2016 (AFP Photo/Jean Dupont)",
    "Photo : des soldats devant un hôtel de Kidal en 2016.",
    "Soldiers stand guard outside a hotel in Kidal in 2016 [File: Jane Doe/Reuters]",
    "Soldiers stand guard outside a hotel in Kidal in 2016 [AFP]",
])
def test_a_photo_caption_gives_neither_the_place_nor_the_date(caption):
    # when/furniture.captions: what a picture shows, elsewhere and earlier, is blanked for the facts
    text = caption + "\n\nGunmen killed nine herders on Sunday near Ansongo, in Mali, officials said."
    rec = record(text, "2024-05-07")
    assert rec.location is not None and rec.location.name != "Kidal"
    assert rec.date.start == "2024-05-05"


def test_a_source_at_the_end_of_a_sentence_is_no_caption():
    from tally.when.furniture import captions

    assert captions("A security source told AFP.\nThe toll rose to 9, according to Reuters.") == []


@pytest.mark.parametrize("text, lang, best", [
    ("Des hommes armés ont tué neuf villageois lundi à Djibo, selon un élu local.\n"
     "Lire aussi : Mali : 54 soldats tués dans une attaque\nLes assaillants ont pris la fuite.", "fr", 9),
    # a link glued to the sentence before it and to the one after it
    ("Des hommes armés ont tué neuf villageois lundi à Djibo.Lire aussi Niger : encore 35 civils tués par des "
     "assaillantsCe qui s'est passé ce jour-là reste flou.", "fr", 9),
    ("Gunmen killed nine villagers in Konduga on Monday, officials said.\nREAD MORE: As many as 100 killed in "
     "raids on herders\nThe attackers fled on motorcycles.", "en", 9),
])
def test_a_link_to_another_article_is_not_the_reports_toll(text, lang, best):
    rec = record(text, "2024-03-05", lang)
    assert rec.casualties["killed"].best == best


def test_a_list_of_videos_after_the_report_is_not_its_place_or_toll():
    text = ("Gunmen killed nine villagers near Kandi in northern Benin on Monday, officials said.\n"
            "The attackers fled towards the border.\n"
            "02:14\nFloods in Kinshasa leave 40 dead\nGo to video\nRebels seize a town in Ituri province\n"
            "01:05\nElection results delayed in Gabon\n")
    rec = record(text, "2024-03-05", "en")
    assert rec.casualties["killed"].best == 9
    assert rec.location.country_iso3 == "BEN"


def test_a_live_blogs_time_stamps_are_not_a_list_of_videos():
    from tally.when.furniture import related_links

    text = ("14:30\nGunmen killed nine villagers near Kandi on Monday, officials said, adding that the attackers "
            "fled towards the border on motorcycles before the army arrived in the area.\n15:10\nThe governor "
            "visited the wounded at the district hospital and promised that the army would hunt the attackers down.\n")
    assert related_links(text) == []
