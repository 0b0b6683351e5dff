"""French number expressions: figures, approximate nouns, qualifiers, ranges and vague words."""

from __future__ import annotations

import pytest

from tally.text.quantities_fr import find_quantities_fr, words_to_int_fr


@pytest.mark.parametrize("text, value", [
    ("soixante-dix", 70),            # 60 + 10, hyphenated
    ("quatre-vingt-un", 81),         # 4 x 20 + 1
    ("quatre-vingts", 80),           # plural vingts
    ("vingt et un", 21),             # 'et' joins the unit
    ("deux cent trente", 230),
    ("mille deux cents", 1200),
    ("1 200", 1200),                 # space as thousands separator
    ("1\u202f200", 1200),            # narrow no-break space
    ("1.200", 1200),                 # dot as thousands separator
    ("2,5 millions", 2_500_000),     # decimal comma with a magnitude
])
def test_french_figures(text, value):
    assert words_to_int_fr(text) == value


@pytest.mark.parametrize("text, low, high, qualifier", [
    ("au moins quatorze villageois", 14, None, "at least"),      # open high
    ("plus de 300 maisons", 300, None, "at least"),
    ("plus d'une centaine de victimes", 100, None, "at least"),  # elided de + approximate noun
    ("près de 40 blessés", 40, 40, "about"),
    ("environ 2 000 déplacés", 2000, 2000, "about"),
    ("une trentaine de morts", 30, 30, "about"),                  # approximate noun
    ("un millier de personnes", 1000, 1000, "about"),
    ("jusqu'à 500 combattants", 500, 500, "up to"),
    ("entre 40 et 60 tués", 40, 60, "range"),
    ("de cinq à sept otages", 5, 7, "range"),
    ("deux ou trois enfants", 2, 3, "range"),
    ("des dizaines de morts", 12, 99, "vague"),                   # vague: documented low-high
    ("plusieurs centaines de personnes", 200, 999, "vague"),
    ("quelques blessés", 2, 5, "vague"),
])
def test_french_qualifiers_ranges_and_vague_words(text, low, high, qualifier):
    (q,) = find_quantities_fr(text)
    assert (q.low, q.high, q.qualifier) == (low, high, qualifier)
    assert text[q.start:q.end] == q.text  # offsets index the text


def test_an_article_is_not_a_figure():
    assert find_quantities_fr("une embuscade contre un convoi") == []


def test_offsets_inside_a_longer_text():
    text = "Selon la MONUSCO, au moins soixante-dix civils ont été tués."
    (q,) = find_quantities_fr(text)
    assert text[q.start:q.end] == "au moins soixante-dix" and q.low == 70


def test_a_change_from_one_figure_to_another_is_the_new_figure():
    text = "Le bilan est passé de 8 à 10 morts."
    (q,) = find_quantities_fr(text)
    assert (q.low, q.high, text[q.start:q.end]) == (10, 10, "10")
