"""Saved news pages: the article's text, headline, language and dates are read,
the site's furniture (navigation, banners, captions, bylines, related stories,
footers) never becomes a claim, and hostile pages fail in one line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tally.errors import ReaderError
from tally.extract import extract
from tally.model import Document, to_dict
from tally.readers import detect_format, read
from tally.readers.html import clean_title, strip_heavy, without_byline

NEWS = Path(__file__).resolve().parent / "data" / "news"
TINDILA = NEWS / "courier_tindila.html"
LIVEBLOG = NEWS / "liveblog_kambia.html"
SOUMPI = NEWS / "depeche_soumpi.html"


def page(path: Path) -> Document:
    [doc] = list(read(path))
    assert isinstance(doc, Document), str(doc)
    return doc


def record(path: Path) -> dict:
    return to_dict(extract(page(path)))


def claimed_figures(rec: dict) -> set[int]:
    return {c["low"] for c in rec["claims"]} | {c["high"] for c in rec["claims"] if c["high"] is not None}


def test_a_page_gives_its_headline_article_dates_and_language():
    doc = page(TINDILA)
    assert doc.format == "html"
    assert doc.title == "Gunmen kill 14 villagers in raid on Tindila"  # " - The Sahel Courier" left out
    assert doc.text.startswith(doc.title + "\n\n")
    assert "Gunmen on motorbikes killed 14 villagers on Sunday" in doc.text
    assert doc.language == "en"
    assert doc.meta["date"] == "2025-03-10" and doc.meta["updated"] == "2025-03-11"
    assert doc.meta["url"] == "https://sahel-courier.example/africa/gunmen-kill-14-villagers-tindila"
    assert doc.meta["site_name"] == "The Sahel Courier"


@pytest.mark.parametrize("furniture", [
    "Home", "Breaking", "Lake Kivu", "Relatives mourn", "Related stories", "Ogossagou",
    "Over 300", "bureaux", "About us", "window.ads", "99 killed", "color: red", "By Mariam",
])
def test_the_sites_furniture_is_left_out_of_the_text(furniture):
    assert furniture not in page(TINDILA).text


def test_furniture_figures_are_never_claims_and_the_toll_is_the_articles():
    rec = record(TINDILA)
    assert rec["casualties"]["killed"]["best"] == 14
    assert rec["casualties"]["injured"]["best"] == 9
    assert not claimed_figures(rec) & {40, 6, 22, 300, 99, 12, 2023}


def test_the_publication_date_anchors_the_event_day():
    """Published Monday 10 March 2025: "on Sunday" is 9 March, not a Sunday
    read from the markup's first date string."""
    rec = record(TINDILA)
    assert rec["date"]["start"] == "2025-03-09" and rec["date"]["rule"] == "relative"
    assert rec["source"]["date"] == "2025-03-10" and rec["source"]["updated"] == "2025-03-11"


def test_evidence_spans_point_into_the_kept_text():
    doc = page(TINDILA)
    rec = to_dict(extract(doc))
    assert rec["claims"]
    for c in rec["claims"]:
        assert doc.text[c["start"]:c["end"]] == c["text"]
        assert doc.text[c["figure_start"]:c["figure_end"]] in c["text"]


def test_a_live_blog_gives_its_posts_and_its_latest_toll():
    doc = page(LIVEBLOG)
    assert doc.title == "Live: attack on Kambia military camp"
    assert doc.meta["date"] == "2025-05-18" and doc.meta["updated"] == "2025-05-19"  # JSON-LD
    for post in ("Soldiers repelled an attack", "at least 8 soldiers", "the toll has risen to 11"):
        assert post in doc.text
    for furniture in ("Podcasts", "Freetown storm", "bus crash", "Floods", "Wilkinson"):
        assert furniture not in doc.text
    rec = to_dict(extract(doc))
    assert rec["casualties"]["killed"]["best"] == 11
    assert not claimed_figures(rec) & {3, 25, 60, 4}


def test_a_french_page_with_a_time_element_and_a_dated_url():
    doc = page(SOUMPI)
    assert doc.language == "fr"
    assert doc.title == "Mali : neuf civils tués dans une attaque près de Soumpi"
    assert doc.meta["date"] == "2025-04-07"  # the canonical URL's /2025/04/07/, the <time> agrees
    for furniture in ("Accueil", "Par Ousmane", "Des habitants devant", "Trente morts", "500 morts", "rue du Fleuve"):
        assert furniture not in doc.text
    rec = to_dict(extract(doc))
    assert rec["language"] == "fr"
    assert rec["casualties"]["killed"]["low"] == 9
    assert rec["date"]["start"] == "2025-04-05"  # the night of Saturday to Sunday before Monday 7 April
    assert not claimed_figures(rec) & {4, 30, 500, 3}


def test_html_is_detected_by_extension_and_by_content():
    assert detect_format("page.htm", b"") == "html"
    assert detect_format("saved", b"<!DOCTYPE html>\n<html><head>") == "html"
    assert detect_format("saved.txt", b"<?xml version='1.0'?>\n<html xmlns='x'>") == "html"
    assert detect_format("report.txt", b"Gunmen killed 4 people on Sunday.") == "text"


def test_the_title_loses_the_site_name_on_either_side():
    assert clean_title("Gunmen kill 14 - The Sahel Courier", "The Sahel Courier") == "Gunmen kill 14"
    assert clean_title("Sahel Courier | Gunmen kill 14", "The Sahel Courier") == "Gunmen kill 14"
    assert clean_title("Gunmen kill 14 in Tindila | Lakeside Daily", None) == "Gunmen kill 14 in Tindila"
    assert clean_title("Mali - Burkina Faso: border raid kills 5 people", None) == \
        "Mali - Burkina Faso: border raid kills 5 people"


def test_a_byline_left_at_the_top_is_dropped_but_a_sentence_starting_with_by_is_kept():
    kept = ["By Sunday evening, 12 people had died in the clashes.", "Published figures show 30 dead."]
    assert without_byline(["By Amadou Sow and Jane Doe, 3 May 2025", *kept]) == kept
    assert without_byline(["Par Ousmane Diarra, publié le", "Updated: 11 March 2025 10:40", *kept]) == kept
    assert without_byline(["Gunmen killed 4 people.", "Text.", "More text.", "By Amadou Sow"])[-1] == "By Amadou Sow"


def test_scripts_styles_and_inline_data_are_cut_but_json_ld_is_kept():
    markup = ('<head><script type="application/ld+json">{"datePublished": "2025-01-02"}</script>'
              '<script>var toll = 99;</script><style>p{}</style></head><body><img src="data:image/png;base64,'
              + "A" * 5000 + '"><p>Text</p><script>never closed')
    light = strip_heavy(markup)
    assert "datePublished" in light and "toll = 99" not in light and "p{}" not in light
    assert "AAAA" not in light and "<p>Text</p>" in light and "never closed" not in light


def test_a_page_without_article_text_is_one_error_naming_the_file():
    with pytest.raises(ReaderError) as err:
        list(read(NEWS / "no_article.html"))
    assert str(err.value).startswith(f"{NEWS / 'no_article.html'}: no article text")
    assert "\n" not in str(err.value)


def test_a_bomb_of_nested_tags_is_one_error(tmp_path):
    bomb = tmp_path / "bomb.html"
    bomb.write_text("<html><body><article>" + "<div>" * 200_000 + "<p>Gunmen killed 5 people in Tindila "
                    "on Sunday, officials said.</p>" + "</div>" * 200_000 + "</article></body></html>")
    with pytest.raises(ReaderError) as err:
        list(read(bomb))
    assert str(err.value).startswith(f"{bomb}: ") and "\n" not in str(err.value)


def test_a_50_mb_page_is_read_when_its_bulk_is_scripts_and_refused_when_it_is_markup(tmp_path):
    article = TINDILA.read_text(encoding="utf-8")
    heavy = tmp_path / "heavy.html"
    blob = "<script>" + "x" * 50_000_000 + "</script>"
    heavy.write_text(article.replace("</head>", blob + "</head>"), encoding="utf-8")
    assert page(heavy).title == "Gunmen kill 14 villagers in raid on Tindila"
    big = tmp_path / "big.html"
    para = "<p>" + "The market reopened and traders returned to their stalls. " * 8 + "</p>\n"
    big.write_text("<html><body><article>" + para * (50_000_000 // len(para)) + "</article></body></html>")
    with pytest.raises(ReaderError) as err:
        list(read(big))
    message = str(err.value)
    assert message.startswith(f"{big}: the page's markup ") and "TALLY_MAX_DOC_BYTES" in message
    assert "over the per-document limit" in message and "\n" not in message


def test_extract_cli_reads_a_page(cli):
    res = cli("extract", TINDILA, "--format", "json")
    assert res.exit_code == 0, res.stderr
    [rec] = json.loads(res.stdout)
    assert rec["title"] == "Gunmen kill 14 villagers in raid on Tindila"
    assert rec["casualties"]["killed"]["best"] == 14 and rec["source"]["format"] == "html"


def test_ingest_then_show_text_prints_what_was_kept(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'news.db'}"
    res = cli("ingest", TINDILA, LIVEBLOG, "--db", db)
    assert res.exit_code == 0, res.stderr
    listed = json.loads(cli("list", "--db", db, "--format", "json").stdout)
    tindila = next(r for r in listed if r["killed_best"] == 14)
    shown = json.loads(cli("show", tindila["id"], "--db", db, "--format", "json", "--text").stdout)
    text = shown["texts"][shown["reports"][0]["id"]]
    assert text == page(TINDILA).text
    for c in shown["record"]["claims"]:
        assert text[c["start"]:c["end"]] == c["text"]
    table = cli("show", tindila["id"], "--db", db, "--text").stdout
    assert "text of report" in table and "Gunmen on motorbikes killed 14 villagers" in table
    assert re.search(r"Related stories|Lake Kivu", table) is None


def test_a_page_is_decoded_with_its_declared_charset(tmp_path):
    """Mac Roman bytes: read as UTF-8 or Windows-1252 (the fallbacks) the accents would be wrong."""
    path = tmp_path / "latin.html"
    path.write_bytes(SOUMPI.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="macintosh"')
                     .encode("mac_roman"))
    doc = page(path)
    assert doc.title == "Mali : neuf civils tués dans une attaque près de Soumpi"
    assert "sécuritaire" in doc.text
