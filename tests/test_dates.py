"""Dates: infobox values, first date of a text, relative dates against a document date."""

from __future__ import annotations

from datetime import date

import pytest

from tally.when.dates import find_date, parse_date, reference_date


@pytest.mark.parametrize("value, start, end, precision", [
    ("17 September 2024", "2024-09-17", "2024-09-17", "day"),
    ("September 17, 2024", "2024-09-17", "2024-09-17", "day"),
    ("17–18 September 2024", "2024-09-17", "2024-09-18", "day"),
    ("17-18 September 2024", "2024-09-17", "2024-09-18", "day"),
    ("September 17–18, 2024", "2024-09-17", "2024-09-18", "day"),
    ("3 January – 8 February 2015", "2015-01-03", "2015-02-08", "day"),
    ("3 January 2015 – 8 February 2016", "2015-01-03", "2016-02-08", "day"),
    ("January 3 – February 8, 2015", "2015-01-03", "2015-02-08", "day"),
    ("September 2024", "2024-09", "2024-09", "month"),
    ("March–May 2019", "2019-03", "2019-05", "month"),
    ("2024", "2024", "2024", "year"),
    ("2014–2016", "2014", "2016", "year"),
    ("c. 2010", "2010", "2010", "year"),
    ("2024-09-17", "2024-09-17", "2024-09-17", "day"),
    ("2024-09-17T05:00:00Z", "2024-09-17", "2024-09-17", "day"),
    ("17 September 2024 (UTC+0)", "2024-09-17", "2024-09-17", "day"),
    ("05:00 – 14:00 (UTC+0), 17 September 2024", "2024-09-17", "2024-09-17", "day"),
    ("Sept. 5, 2019", "2019-09-05", "2019-09-05", "day"),
    ("1st June 2021", "2021-06-01", "2021-06-01", "day"),
    # times of day between the two ends of a range
    ("13 November 2015 21:16 – 14 November 2015 00:58 (CET)", "2015-11-13", "2015-11-14", "day"),
    ("1 July 2016, 21:20 – 2 July 2016, 07:40 (BST)", "2016-07-01", "2016-07-02", "day"),
    ("August 3, 2019, 10:39 a.m. – August 4, 2019, 1:05 a.m. (MDT)", "2019-08-03", "2019-08-04", "day"),
    ("1 July 2016 21:20 (UTC+6) – 2 July 2016", "2016-07-01", "2016-07-02", "day"),
    ("17 September 2024, 05:00 – 14:00 (GMT)", "2024-09-17", "2024-09-17", "day"),
    ("11 September 2001 8:46 a.m. – 10:28 a.m. EDT", "2001-09-11", "2001-09-11", "day"),
    ("Night of 2–3 May 2022, 23:40 – 00:15 (CEST)", "2022-05-02", "2022-05-03", "day"),
    ("16 June 2021 c. 14:30 (WAT)", "2021-06-16", "2021-06-16", "day"),
    # an uncertain end, "of" between day and month, decades
    ("5 March 2016 – c. 6 March 2016", "2016-03-05", "2016-03-06", "day"),
    ("10th of July 2012", "2012-07-10", "2012-07-10", "day"),
    ("1990s", "1990", "1999", "year"),
    ("late 1980s", "1980", "1989", "year"),
    ("Between 12 and 15 July 1995", "1995-07-12", "1995-07-15", "day"),
    ("30 October – 1 November 1993", "1993-10-30", "1993-11-01", "day"),
    ("December 1999 – January 2000", "1999-12", "2000-01", "month"),
    # date templates left as markup in a rendered value
    ("{{start date|2024|9|17|df=y}}", "2024-09-17", "2024-09-17", "day"),
    ("{{Start date|2016|07|01}} – {{End date|2016|07|02}}", "2016-07-01", "2016-07-02", "day"),
    ("{{dts|2001|9|11}}", "2001-09-11", "2001-09-11", "day"),
    # a value listing several days ends on the last of them (within a year)
    ("3 May 2019; 5 May 2019", "2019-05-03", "2019-05-05", "day"),
    ("First attack: 3 May 2019\nSecond attack: 5 May 2019", "2019-05-03", "2019-05-05", "day"),
    ("8 June 2021 and 12 June 2021", "2021-06-08", "2021-06-12", "day"),
    ("5 March 2016 (claimed 6 March 2016)", "2016-03-05", "2016-03-05", "day"),
    ("3 May 2019, 2 May 2021", "2019-05-03", "2019-05-03", "day"),
])
def test_parse_date_formats(value, start, end, precision):
    found = parse_date(value)
    assert found is not None
    assert (found.start, found.end, found.precision) == (start, end, precision)


def test_parse_date_open_ended_range_has_no_end():
    found = parse_date("May 2011 – present")
    assert found.start == "2011-05" and found.end is None and found.precision == "month"


def test_parse_date_rejects_impossible_day_and_text_without_date():
    assert parse_date("31 February 2020") is None
    assert parse_date("Unknown") is None
    assert parse_date("") is None


def test_find_date_takes_first_full_date_of_text():
    text = "Armed men stormed a depot on 4 March 2021 and fled; a trial began on 9 May 2022."
    found = find_date(text)
    assert found.start == "2021-03-04" and found.text == "4 March 2021"


def test_find_date_skips_bare_years_unless_asked():
    text = "The group has been active since 2012."
    assert find_date(text) is None
    assert find_date(text, year_only=True).start == "2012"


def test_weekday_left_unresolved_without_document_date():
    assert find_date("Gunmen opened fire on a bus on Sunday, officials said.") is None


def test_weekday_resolved_against_document_date():
    # 2016-01-20 was a Wednesday: "on Sunday" is 2016-01-17
    found = find_date("Gunmen opened fire on a bus on Sunday, officials said.", date(2016, 1, 20))
    assert (found.start, found.precision) == ("2016-01-17", "day")


def test_same_weekday_as_document_date_is_that_day():
    found = find_date("A market was shelled Wednesday.", date(2016, 1, 20))
    assert found.start == "2016-01-20"


def test_yesterday_and_day_without_year_resolved_against_document_date():
    assert find_date("Two men were shot dead yesterday.", date(2017, 3, 1)).start == "2017-02-28"
    assert find_date("The convoy was hit on 28 December.", date(2017, 1, 2)).start == "2016-12-28"


def test_reference_date_from_meta():
    assert reference_date({"date": "2016-01-20"}) == date(2016, 1, 20)
    assert reference_date({"timestamp": "2024-09-20T10:00:00Z"}) == date(2024, 9, 20)
    assert reference_date({"date": "20 January 2016"}) == date(2016, 1, 20)
    assert reference_date({"date": "2016"}) is None
    assert reference_date({}) is None


def test_forward_resolution_for_later_events():
    # a reaction "on 10 February" to an incident of 3 January 2015 is in 2015, not 2014
    assert find_date("On 10 February, the council met.", date(2015, 1, 3), forward=True).start == "2015-02-10"
    assert find_date("On 10 February, the council met.", date(2015, 1, 3)).start == "2014-02-10"


def test_three_digit_years_and_bc():
    assert parse_date("10 October 732").start == "0732-10-10"
    assert parse_date("480 BC") is None  # not guessed


def test_a_decade_in_running_text_is_not_the_incident_date():
    found = find_date("In the 1990s the town grew quickly. On 3 May 2001 it was attacked.")
    assert (found.start, found.precision) == ("2001-05-03", "day")
    assert find_date("Violence rose through the 1990s.") is None


def test_template_left_as_markup_open_ended():
    found = parse_date("{{start date and age|2014|06}} – present")
    assert (found.start, found.end, found.precision) == ("2014-06", None, "month")


@pytest.mark.parametrize("value, start", [
    ("5 October 2017 (ongoing)", "2017-10-05"),
    ("Since 5 October 2017", "2017-10-05"),
    ("5 October 2017 – ongoing", "2017-10-05"),
    ("June 2014 – present", "2014-06"),
])
def test_ongoing_has_no_end(value, start):
    found = parse_date(value)
    assert (found.start, found.end) == (start, None)


def test_a_range_after_from_keeps_its_end():
    found = parse_date("From 5 March 2016 to 8 March 2016")
    assert (found.start, found.end) == ("2016-03-05", "2016-03-08")


# --------------------------------------------------------------------------- French


@pytest.mark.parametrize("text, start, end, precision", [
    ("Le jeudi 9 mars 2023, une embuscade a visé un convoi", "2023-03-09", "2023-03-09", "day"),  # weekday, day first
    ("les violences du 3 au 5 mai 2021 à Goma", "2021-05-03", "2021-05-05", "day"),  # du ... au ...
    ("le 1er février 2020 vers minuit", "2020-02-01", "2020-02-01", "day"),  # ordinal 1er
    ("l'attaque du 28/11/2022 contre un poste de police", "2022-11-28", "2022-11-28", "day"),  # day/month/year
    ("depuis décembre 2019, la région est sous couvre-feu", "2019-12", "2019-12", "month"),  # month and year
])
def test_french_dates_put_the_day_first(text, start, end, precision):
    found = find_date(text, language="fr")
    assert (found.start, found.end, found.precision) == (start, end, precision)


@pytest.mark.parametrize("text, day", [
    ("Dans la nuit de samedi à dimanche, des assaillants ont incendié des maisons", "2023-03-04"),  # the night began Saturday
    ("Ce mardi, des tirs ont été entendus", "2023-03-07"),  # 'ce' + weekday: this week's
    ("Hier soir, un engin explosif a sauté", "2023-03-06"),  # hier
    ("Le 2 mars, des hommes armés ont enlevé trois enseignants", "2023-03-02"),  # no year: the report's
])
def test_french_relative_dates_resolve_against_the_report_date(text, day):
    ref = date(2023, 3, 7)  # a Tuesday
    found = find_date(text, ref, language="fr")
    assert found.start == day and found.precision == "day"


def test_english_month_words_are_not_read_in_french_and_back():
    assert find_date("the attack of 12 mars 2020", language="en") is None  # 'mars' is no English month
    assert find_date("le 12 March 2020", language="fr") is None
    assert find_date("on 12 March 2020").start == "2020-03-12"


def test_a_french_infobox_date_value():
    assert parse_date("17–18 septembre 2024", language="fr").end == "2024-09-18"


def test_a_weekday_right_before_a_full_date_names_that_date():
    ref = date(2023, 3, 14)
    found = find_date("Le samedi 11 mars 2023, des hommes armés ont attaqué", ref, language="fr")
    assert (found.start, found.text) == ("2023-03-11", "11 mars 2023")
    found = find_date("On Sunday, 12 March 2023, gunmen attacked", ref)
    assert (found.start, found.text) == ("2023-03-12", "12 March 2023")


@pytest.mark.parametrize("text, day", [
    ("Gunmen stormed the camp overnight, killing six guards.", "2023-03-13"),   # the night before the report
    ("A bomb went off at the bus station this morning.", "2023-03-14"),
    ("Gunmen attacked the convoy overnight Sunday, officials said.", "2023-03-12"),  # the weekday decides
])
def test_english_relative_words_resolve_against_the_report_date(text, day):
    found = find_date(text, date(2023, 3, 14))
    assert found.start == day and found.precision == "day"


def test_the_day_of_a_statement_is_not_the_event_day():
    ref = date(2023, 3, 17)  # a Friday
    found = find_date("Gunmen raided the market on Wednesday night, officials said on Friday.", ref)
    assert found.start == "2023-03-15"
    found = find_date("Le bilan a été revu à la hausse, a indiqué vendredi l'armée, après l'attaque de mercredi.",
                      ref, language="fr")
    assert found.start == "2023-03-15"
    # with no other day named, the statement's day still bounds the event
    assert find_date("Ten people were killed, police said on Friday.", ref).start == "2023-03-17"


@pytest.mark.parametrize("text, language, start, end", [
    # 2024-03-07 is a Thursday: last week ran from Monday 26 February to Sunday 3 March
    ("Last week's ambush on a supply column killed nine soldiers.", "en", "2024-02-26", "2024-03-03"),
    ("Gunmen raided the camp last week, a spokesman said.", "en", "2024-02-26", "2024-03-03"),
    ("Two herders were shot dead earlier this week.", "en", "2024-03-04", "2024-03-07"),
    ("Des assaillants ont incendié le marché la semaine dernière.", "fr", "2024-02-26", "2024-03-03"),
    ("Trois gendarmes ont été tués cette semaine.", "fr", "2024-03-04", "2024-03-07"),
])
def test_a_week_resolves_to_its_days_against_the_report_date(text, language, start, end):
    found = find_date(text, date(2024, 3, 7), language=language)
    assert (found.start, found.end, found.precision) == (start, end, "day")


def test_a_weekday_is_preferred_to_the_week_it_falls_in():
    found = find_date("Last week, on Tuesday, gunmen killed four people.", date(2024, 3, 7))
    assert (found.start, found.end) == ("2024-02-27", "2024-02-27")  # the Tuesday of last week


def test_a_week_wins_over_the_day_of_a_statement():
    found = find_date("The toll from last week's raid has risen to 8, the diocese said on Tuesday.", date(2024, 3, 26))
    assert (found.start, found.end) == ("2024-03-18", "2024-03-24")


def test_a_speech_verb_after_the_day_makes_it_a_statements_day():
    ref = date(2023, 3, 17)  # a Friday
    found = find_date("The Red Cross on Friday said gunmen had killed nine farmers on Wednesday.", ref)
    assert found.start == "2023-03-15"
    found = find_date("L'armée a jeudi annoncé la mort de six soldats tués mardi.", ref, language="fr")
    assert found.start == "2023-03-14"


@pytest.mark.parametrize("text, language, start", [
    # 2023-03-17 is a Friday; the day the attack's noun names wins over a day named first
    ("A first toll released on Thursday gave 12 dead in the raid on Tuesday in the village.", "en", "2023-03-14"),
    ("Officials gave a toll on Thursday; Tuesday's ambush left 12 soldiers dead.", "en", "2023-03-14"),
    ("Un premier bilan jeudi faisait état de 12 morts dans l'attaque de mardi.", "fr", "2023-03-14"),
    ("Selon un bilan publié jeudi, l'embuscade mercredi dernier a fait neuf morts.", "fr", "2023-03-15"),
])
def test_the_day_attached_to_the_attacks_noun_is_the_event_day(text, language, start):
    assert find_date(text, date(2023, 3, 17), language=language).start == start


@pytest.mark.parametrize("text, language, start", [
    # the weekday belongs to the date after it: read that date, not the weekday backwards
    ("On Monday, March 13, troops retook the town; gunmen had attacked it on Saturday.", "en", "2023-03-13"),
    ("Le lundi 13 mars, les soldats ont repris la ville.", "fr", "2023-03-13"),
])
def test_a_weekday_followed_by_a_date_without_year_names_that_date(text, language, start):
    # 2023-03-21 is a Tuesday: read backwards on its own, "Monday" would be the 20th
    assert find_date(text, date(2023, 3, 21), language=language).start == start


def test_a_dated_weekday_after_the_reports_date_gives_way_to_the_attacks_day():
    from tally.extract import extract  # noqa: PLC0415
    from tally.model import Document  # noqa: PLC0415

    text = ("On Monday, March 20, troops retook the town. Gunmen attacked it on Saturday, March 18, "
            "killing nine people.")
    doc = Document.from_text(text, source="r.txt", format="text", meta={"date": "2023-03-19"})
    assert extract(doc).date.start == "2023-03-18"


@pytest.mark.parametrize("text, start", [
    ("In August, 37 people were killed in a similar raid.", "2022-08"),  # August before May: last year's
    ("En mars, des hommes armés avaient tué 20 civils.", "2023-03"),
    ("Last month, gunmen killed nine traders.", "2023-04"),
    ("Le mois dernier, neuf commerçants ont été tués.", "2023-04"),
])
def test_a_month_named_alone_is_the_latest_such_month(text, start):
    from tally.when.dates import month_named  # noqa: PLC0415

    found = month_named(text, date(2023, 5, 12))
    assert (found.start, found.precision) == (start, "month")


def test_a_month_with_its_day_or_year_is_no_month_named_alone():
    from tally.when.dates import month_named  # noqa: PLC0415

    assert month_named("In May 2020, gunmen killed nine traders.", date(2023, 5, 12)) is None
    assert month_named("In August 12 attacks were recorded.", date(2023, 5, 12)) is None


@pytest.mark.parametrize("text, language, start, end", [
    ("Les attaques se sont succédé du 3 au 6 mai dans la région.", "fr", "2023-05-03", "2023-05-06"),
    ("Attacks between 3 and 5 May killed 20 people.", "en", "2023-05-03", "2023-05-05"),
    ("Raids from 8 to 10 May left nine dead.", "en", "2023-05-08", "2023-05-10"),
])
def test_a_range_without_a_year_starts_on_its_first_day(text, language, start, end):
    found = find_date(text, date(2023, 5, 17), language=language)
    assert (found.start, found.end) == (start, end)


@pytest.mark.parametrize("text, language", [
    ("JNIM claimed responsibility on Tuesday for Sunday's attack, which killed 12 soldiers.", "en"),
    ("Le président a décrété mercredi un deuil national après l'attaque de dimanche, qui a fait 12 morts.", "fr"),
])
def test_the_attacks_day_stands_in_a_sentence_about_a_claim_or_a_mourning(text, language):
    assert find_date(text, date(2023, 5, 17), language=language).start == "2023-05-14"


@pytest.mark.parametrize("text, language, start", [
    ("03/14/2016: Assailants opened fire on a checkpoint, killing three soldiers.", "en", "2016-03-14"),  # month first
    ("04/05/2016: Gunmen attacked a bus.", "en", "2016-04-05"),  # both could be months: American order in English
    ("14/03/2016 : des hommes armés ont attaqué un car.", "fr", "2016-03-14"),
    ("04/05/2016 : des hommes armés ont attaqué un car.", "fr", "2016-05-04"),  # day first in French
])
def test_a_date_in_digits_with_slashes(text, language, start):
    assert find_date(text, language=language).start == start


@pytest.mark.parametrize("text, lang, day, ordinal", [
    ("On Monday 15 people died in the clashes.", "en", "2024-05-13", False),  # a count after the weekday
    ("By Tuesday evening 12 villagers had been buried.", "en", "2024-05-14", False),
    ("Le lundi 15 personnes ont été enterrées.", "fr", "2024-05-13", False),
    ("On Tuesday the 7th, gunmen raided the camp.", "en", "2024-05-07", True),  # the day of the month
    ("Le mardi 7, des hommes armés ont attaqué le camp.", "fr", "2024-05-07", True),
])
def test_a_number_after_a_weekday_is_a_day_only_when_no_word_of_a_count_follows(text, lang, day, ordinal):
    found = find_date(text, date(2024, 5, 16), language=lang)
    assert found is not None and found.start == day
    assert any(ch.isdigit() for ch in found.text or "") is ordinal
