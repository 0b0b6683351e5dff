"""Number expressions: digits, words, vague words, ranges, qualifiers."""

from __future__ import annotations

import pytest

from tally.text.quantities import VAGUE, find_quantities, parse_quantity, words_to_int


def q(text):
    found = parse_quantity(text)
    assert found is not None, text
    return found.low, found.high, found.qualifier


@pytest.mark.parametrize("text,value", [
    ("1,200", 1200), ("45", 45), ("2.5 million", 2_500_000),
    ("twenty-two", 22), ("twenty two", 22), ("one hundred and five", 105),
    ("a dozen", 12), ("two dozen", 24), ("a hundred", 100), ("three thousand", 3000),
    ("seventeen", 17), ("ninety-nine", 99),
])
def test_exact_numbers(text, value):
    assert q(f"{text} villagers") == (value, value, "exactly")


@pytest.mark.parametrize("text,low,high,qual", [
    ("at least 13", 13, None, "at least"),
    ("more than two hundred and fifty", 250, None, "at least"),
    ("over seventy", 70, None, "at least"),
    ("no fewer than 40", 40, None, "at least"),
    ("30+", 30, None, "at least"),
    ("12 or more", 12, None, "at least"),
    ("about 100", 100, 100, "about"),
    ("nearly forty", 40, 40, "about"),
    ("some 60", 60, 60, "about"),
    ("up to 16", 16, 16, "up to"),
    ("as many as nine", 9, 9, "up to"),
])
def test_qualifiers(text, low, high, qual):
    assert q(text + " people") == (low, high, qual)


@pytest.mark.parametrize("text,low,high", [
    ("77-100", 77, 100), ("77–100", 77, 100), ("between 40 and 60", 40, 60),
    ("40 to 60", 40, 60), ("two or three", 2, 3), ("between forty and sixty", 40, 60),
])
def test_ranges(text, low, high):
    assert q(text + " dead") == (low, high, "range")


@pytest.mark.parametrize("text", ["several", "dozens", "scores", "hundreds", "several hundred",
                                  "a few", "thousands", "several dozen"])
def test_vague_words_follow_the_documented_table(text):
    low, high, qual = q(f"{text} of people")
    assert qual == "vague"
    assert (low, high) == VAGUE[text]
    assert high is None or low < high


def test_vague_table_is_ordered():
    assert VAGUE["several hundred"][0] > VAGUE["hundreds"][0]
    assert VAGUE["dozens"][0] == 12 and VAGUE["hundreds"][0] == 100  # ACLED's conservative reading


def test_hyphenated_words_are_not_a_range():
    assert q("thirty-five") == (35, 35, "exactly")


def test_reversed_digits_are_not_a_range():
    assert find_quantities("the 1990-91 season") == []


def test_spans_point_into_the_text():
    text = "Police said at least 14 people died and twenty-one were hurt."
    found = find_quantities(text)
    assert [text[x.start:x.end] for x in found] == ["at least 14", "twenty-one"]


def test_words_to_int_rejects_non_numbers():
    assert words_to_int("banana") is None
    assert words_to_int("forty-four") == 44


@pytest.mark.parametrize("text, value", [
    ("the toll rose from 8 to 10", 10),                 # a change of figure: the new one
    ("officials revised the toll from 40 to 35", 35),
    ("a man died later, raising the toll from 10 to 12", 12),  # the verb of a change in its participle
    ("bringing the number of dead from 3 to 5", 5),
])
def test_a_change_from_one_figure_to_another_is_the_new_figure(text, value):
    (q,) = find_quantities(text)
    assert (q.low, q.high, q.qualifier) == (value, value, "exactly")


def test_a_range_without_a_change_verb_stays_a_range():
    (q,) = find_quantities("from 8 to 10 people")
    assert (q.low, q.high, q.qualifier) == (8, 10, "range")


@pytest.mark.parametrize("text", ["date 2019-12-25 35 civilians killed", "On 25/12/2019, 35 civilians were killed",
                                  "Updated 2019-12-25T08:05Z: 35 civilians were killed"])
def test_a_date_written_in_digits_holds_no_figure(text):
    assert [(q.low, q.high) for q in find_quantities(text)] == [(35, 35)]


def test_a_sign_before_a_figure_is_at_least_or_a_ceiling():
    read = lambda t: [(q.low, q.high, q.qualifier) for q in find_quantities(t)]  # noqa: E731
    assert read("+100 killed") == read("≥100 killed") == read("> 100 killed") == [(100, None, "at least")]
    assert read("≤ 30 dead") == [(30, 30, "up to")]
    assert read("48 (+9)") == [(48, 48, "exactly"), (9, 9, "exactly")]  # the "(+y)" of an infobox: its own reading
    assert read("10+5") == [(10, 10, "exactly"), (5, 5, "exactly")]


@pytest.mark.parametrize("text, value", [
    ("raiders killed a score of herders", 20),   # "score" as a number only before "of"
    ("two score of men were taken", 40),
])
def test_a_score_of_is_twenty(text, value):
    (q,) = find_quantities(text)
    assert (q.low, q.high) == (value, value)


def test_a_score_that_is_no_number_is_not_read():
    assert [q.low for q in find_quantities("the final score was 3")] == [3]
