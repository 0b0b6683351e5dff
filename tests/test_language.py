"""The language of each document: detected offline, overridable with --lang, kept in the record."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from tally.cli import app
from tally.extract import extract
from tally.model import Document
from tally.text.language import detect_language, lexicon_language

FR = ("Des hommes armés ont attaqué dans la nuit de samedi à dimanche un camp de déplacés près de "
      "Bunia, tuant au moins quatorze personnes, selon un responsable de la société civile.")
EN = ("Armed men attacked a camp for displaced people near Bunia overnight, killing at least "
      "fourteen people, a civil society leader said.")
# no function word of either list, so the detector itself must decide
FR_TERSE = "Haïti : enlèvement spectaculaire à Croix-des-Bouquets, quinze missionnaires toujours portés disparus"


def test_function_words_tell_english_from_french():
    assert detect_language(FR) == "fr"
    assert detect_language(EN) == "en"


def test_a_text_without_function_words_goes_to_the_detector():
    assert detect_language(FR_TERSE) == "fr"


def test_a_text_too_short_to_tell_gets_the_default():
    assert detect_language("Beni, 12") == "en"
    assert detect_language("Beni, 12", default="fr") == "fr"


def test_the_same_text_always_gets_the_same_answer():
    assert len({detect_language(FR_TERSE) for _ in range(5)}) == 1


def test_a_language_without_a_lexicon_is_read_with_the_default():
    assert lexicon_language("fr") == "fr"
    assert lexicon_language("de") == "en"
    assert lexicon_language(None) == "en"


def test_the_record_keeps_the_language():
    assert extract(Document.from_text(FR)).language == "fr"
    assert extract(Document.from_text(EN)).language == "en"
    # a language the input states wins over detection
    assert extract(Document.from_text(EN, language="fr")).language == "fr"


def _rows_file(tmp_path):
    path = tmp_path / "mixed.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        w.writerow(["r1", EN])
        w.writerow(["r2", FR])
    return path


def test_a_mixed_csv_is_detected_row_by_row(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(_rows_file(tmp_path)), "--text-column", "text",
                                      "--id-column", "id", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {r["id"]: r["language"] for r in json.loads(result.stdout)} == {"r1": "en", "r2": "fr"}


def test_lang_sets_every_document(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(_rows_file(tmp_path)), "--text-column", "text",
                                      "--id-column", "id", "--format", "json", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert {r["language"] for r in json.loads(result.stdout)} == {"fr"}


@pytest.mark.parametrize("value", ["de", "french"])
def test_an_unknown_lang_is_refused(tmp_path, value):
    result = CliRunner().invoke(app, ["extract", str(_rows_file(tmp_path)), "--lang", value])
    assert result.exit_code == 2
    assert "--lang" in result.output
