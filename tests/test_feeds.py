"""RSS and Atom feeds: one report per item, identified by its link; two items on
one raid become one incident; items not about violence are skipped and
counted unless --keep-all; bad feeds and items fail in one line each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from tally.errors import ReaderError
from tally.extract import extract
from tally.model import Document, to_dict
from tally.readers import detect_format, read
from tally.store import Store, ingest, list_incidents, show
from tally.store import schema as t

NEWS = Path(__file__).resolve().parent / "data" / "news"
RSS = NEWS / "courier_africa.rss"
ATOM = NEWS / "delta_depeches.atom"


def items(path: Path) -> list:
    return list(read(path))


def docs(path: Path) -> list[Document]:
    return [d for d in items(path) if isinstance(d, Document)]


def test_each_rss_item_is_a_document_with_title_link_date_and_clean_text():
    first = docs(RSS)[0]
    assert first.format == "feed" and first.source == f"{RSS}#item=1"
    assert first.title == "Gunmen kill 14 in raid on Tindila market"
    assert first.meta["link"] == "https://sahel-courier.example/africa/tindila-market-raid"
    assert first.meta["date"] == "2025-03-10" and first.meta["feed"] == "The Sahel Courier - Africa"
    assert first.language == "en"
    assert first.text.startswith(first.title + "\n\n")
    assert "killed 14 people on Sunday" in first.text  # the content, longer than the summary
    assert "Traders at the market" not in first.text  # the caption
    rec = to_dict(extract(first))
    assert rec["date"]["start"] == "2025-03-09"  # "on Sunday" before Monday 10 March
    assert rec["casualties"]["killed"]["best"] == 14
    assert 3 not in {c["low"] for c in rec["claims"]}


def test_a_related_box_inside_an_item_is_left_out():
    toll = docs(RSS)[2]
    assert "has risen to 17 dead" in toll.text and "Ogossagou" not in toll.text


def test_an_atom_entry_gives_its_language_dates_and_content():
    soumpi = docs(ATOM)[0]
    assert soumpi.language == "fr"
    assert soumpi.meta["date"] == "2025-04-07" and soumpi.meta["updated"] == "2025-04-08"
    assert soumpi.meta["link"] == "https://journal-delta.example/2025/04/07/mali-attaque-soumpi/"
    assert "incendié plusieurs boutiques" in soumpi.text
    assert "Le marché de Soumpi" not in soumpi.text and "Trente morts" not in soumpi.text
    rec = to_dict(extract(soumpi))
    assert rec["casualties"]["killed"]["low"] == 9
    assert not {c["low"] for c in rec["claims"]} & {4, 30}


def test_feeds_are_detected_by_content_whatever_the_extension(tmp_path):
    data = RSS.read_bytes()
    assert detect_format("feed.xml", data[:4096]) == "feed"
    assert detect_format("feed", data[:4096]) == "feed"
    assert detect_format("atom.xml", ATOM.read_bytes()[:4096]) == "feed"
    assert detect_format("x.rss", b"") == "feed"
    assert detect_format("dump.xml", b"<mediawiki xmlns='http://www.mediawiki.org/xml/export-0.10/'>") == "xml"


def test_a_broken_item_is_one_error_and_the_other_items_are_read():
    got = items(RSS)
    errors = [e for e in got if isinstance(e, ReaderError)]
    assert [str(e) for e in errors] == [
        f"{RSS} (item 4): the item has no headline and no text; nothing stored from it"]
    assert len([d for d in got if isinstance(d, Document)]) == 5


def test_a_feed_declaring_entities_is_refused_without_expanding_them():
    with pytest.raises(ReaderError) as err:
        items(NEWS / "entities.rss")
    assert "declares XML entities" in str(err.value) and str(err.value).startswith(str(NEWS / "entities.rss"))


def test_a_utf16_feed_declaring_entities_is_refused_too(tmp_path):
    path = tmp_path / "wide.xml"
    path.write_bytes((NEWS / "entities.rss").read_text().replace('<?xml version="1.0"?>', "")
                     .encode("utf-16"))
    with pytest.raises(ReaderError, match="declares XML entities"):
        items(path)


def test_a_file_that_is_no_feed_is_one_error(tmp_path):
    path = tmp_path / "odd.rss"
    path.write_text("Gunmen killed 4 people, officials said.")
    with pytest.raises(ReaderError) as err:
        items(path)
    assert str(err.value).startswith(f"{path}: not an RSS or Atom feed")


@pytest.fixture
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'feeds.db'}") as s:
        yield s


def test_two_items_on_one_raid_are_one_incident_whose_best_is_the_risen_toll(store):
    result = ingest(store, [RSS])
    assert result.ingested == 2 and len(result.failed) == 1
    [incident] = list_incidents(store)
    assert incident["report_count"] == 2
    assert incident["killed_best"] == 17
    found = show(store, incident["id"])
    assert {r["title"] for r in found["reports"]} == {"Gunmen kill 14 in raid on Tindila market",
                                                        "Toll of Tindila market raid rises to 17"}


def test_items_not_about_violence_are_skipped_and_counted_by_reason(store):
    result = ingest(store, [RSS, ATOM])
    assert result.skipped == {"sport": 1, "disaster": 1, "accident": 1, "disease": 1}
    assert any(line.startswith(f"{RSS}#item=5: disaster") for line in result.skipped_items)
    titles = {r["title"] for r in list_incidents(store)}
    assert not any("Floods" in (t or "") or "Choléra" in (t or "") for t in titles)


def test_keep_all_stores_every_item(store):
    result = ingest(store, [RSS, ATOM], keep_all=True)
    assert result.skipped == {} and result.ingested == 7


def test_a_reread_of_the_feed_or_a_newer_version_of_it_adds_nothing(store, tmp_path):
    ingest(store, [RSS])
    again = ingest(store, [RSS])
    assert again.ingested == 0 and again.unchanged == 2
    newer = tmp_path / "newer.rss"  # the same items, a new one on top: only the new one is stored
    text = RSS.read_text(encoding="utf-8")
    first = text.index("<item>")
    newer.write_text(text[:first] + "<item><title>Gunmen kill 5 herders near Djenné</title>"
                     "<link>https://sahel-courier.example/africa/djenne-herders</link>"
                     "<pubDate>Thu, 13 Mar 2025 10:00:00 +0000</pubDate>"
                     "<description>Gunmen killed 5 herders on Wednesday near Djenné, in central Mali, "
                     "a local official said.</description></item>" + text[first:], encoding="utf-8")
    later = ingest(store, [newer])
    assert later.ingested == 1 and later.unchanged == 2


def test_ingest_cli_on_a_feed_named_xml(cli, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes(RSS.read_bytes())
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    res = cli("ingest", feed, "--db", db)
    assert res.exit_code == 2  # the broken item
    assert "not a MediaWiki export" not in res.stderr
    assert f"tally: error: {feed} (item 4): the item has no headline" in res.stderr
    assert f"tally: skipped: {feed}#item=2: sport" in res.stderr
    assert "3 news items skipped, not about violence against people" in res.stdout.replace("\n", " ")
    [incident] = json.loads(cli("list", "--db", db, "--format", "json").stdout)
    assert incident["killed_best"] == 17 and incident["report_count"] == 2
    kept = cli("ingest", feed, "--db", db, "--keep-all")
    assert "skipped" not in kept.stdout
    assert len(json.loads(cli("list", "--db", db, "--format", "json").stdout)) == 4


def test_a_feed_uploaded_to_the_api_is_read_like_the_cli_reads_it(tmp_path):
    from fastapi.testclient import TestClient

    from tally.web import create_app

    auth = {"Authorization": "Bearer feed-token"}
    with TestClient(create_app(f"sqlite:///{tmp_path / 'api.db'}", token="feed-token")) as c:
        r = c.post("/api/documents", files={"file": ("africa.xml", RSS.read_bytes(), "application/rss+xml")},
                   headers=auth)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["result"]["skipped_by_reason"] == {"sport": 1, "disaster": 1, "accident": 1}
        assert body["failed"] == ["africa.xml (item 4): the item has no headline and no text; nothing stored from it"]
        [incident] = body["records"]
        assert incident["casualties"]["killed"]["best"] == 17 and len(incident["reports"]) == 2
        kept = c.post("/api/documents?keep_all=true", headers=auth,
                      files={"file": ("africa.xml", RSS.read_bytes(), "application/rss+xml")}).json()
        assert kept["result"]["ingested"] == 3 and kept["result"]["skipped"] == 0


@pytest.mark.parametrize("title, text, verdict", [
    ("Gunmen attack football fans outside stadium", "Gunmen opened fire on fans leaving a football match "
     "in Kaya on Sunday, killing 5 people, officials said.", None),
    ("Floods kill 20 in Niamey", "Floods and heavy rains killed 20 people in Niamey; soldiers helped "
     "residents leave the flooded districts.", "disaster"),
    ("Measles outbreak kills 30 children", "A measles outbreak has killed 30 children in the region, "
     "health officials said, as the epidemic spreads.", "disease"),
    ("Des hommes armés tuent 6 villageois", "Des hommes armés ont tué 6 villageois lors d'une attaque "
     "dimanche près de Djibo.", None),
    ("Naufrage sur le fleuve : 11 morts", "Une pirogue a chaviré sur le fleuve Niger, faisant 11 morts, "
     "selon la protection civile. Le naufrage s'est produit de nuit.", "accident"),
    ("Parliament adopts the budget", "Members of parliament adopted the budget on Tuesday after a long "
     "debate.", None),  # no topic at all: stored as before
])
def test_the_topic_vote(title, text, verdict):
    from tally.topic import off_topic

    found = off_topic(Document.from_text(f"{title}\n\n{text}\n", "t", format="feed", title=title))
    assert (found.topic if found else None) == verdict


def test_a_saved_page_and_the_feed_items_on_one_raid_are_one_incident_at_the_risen_toll(store):
    """The page and the first item say 14, the later item's headline says the
    toll "rises to 17": the update wins over the two earlier reports."""
    ingest(store, [RSS, NEWS / "courier_tindila.html"])
    [incident] = list_incidents(store)
    assert incident["report_count"] == 3 and incident["killed_best"] == 17


def test_a_malformed_item_is_one_error_naming_it_and_spoils_nothing_after_it(store):
    """Item 2 never closes its description: read leniently, it would swallow
    item 3; read item by item, it is one error and items 1 and 3 are stored."""
    path = NEWS / "broken_item.rss"
    got = items(path)
    errors = [str(e) for e in got if isinstance(e, ReaderError)]
    assert errors == [f"{path} (item 2): not well-formed XML at line 13: mismatched tag; nothing stored from the item"]
    assert [d.title for d in got if isinstance(d, Document)] == ["Gunmen kill 6 at a checkpoint near Kaya",
                                                                 "Herders abducted near Djibo"]
    result = ingest(store, [path])
    assert result.ingested == 2 and len(result.failed) == 1
    assert not any("Dori" in (r.get("title") or "") for r in list_incidents(store))


def test_a_feed_whose_head_is_malformed_is_read_leniently_with_one_warning(tmp_path):
    path = tmp_path / "head.rss"
    path.write_text((NEWS / "broken_item.rss").read_text(encoding="utf-8")
                    .replace("<title>Lakeside Daily - Wires</title>", "<title>Lakeside & Wires</title>")
                    .replace("<b>reported", "reported")
                    .replace("residents said.</item>", "residents said.</description></item>"), encoding="utf-8")
    got = items(path)
    assert str(got[0]).startswith(f"{path} (feed): not well-formed XML") and "may be merged or missing" in str(got[0])
    assert len([d for d in got if isinstance(d, Document)]) == 3


def test_a_folder_of_saved_pages_and_feeds_ingests_like_its_files(cli, tmp_path):
    # expand_paths: every level, in name order; files of other kinds named on stderr, never read
    folder = tmp_path / "saved"
    (folder / "feeds").mkdir(parents=True)
    (folder / "feeds" / "africa.atom").write_bytes((NEWS / "delta_depeches.atom").read_bytes())
    (folder / "page.html").write_bytes((NEWS / "courier_tindila.html").read_bytes())
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    (folder / ".hidden.html").write_bytes(b"<html></html>")
    db = f"sqlite:///{tmp_path / 'folder.db'}"
    first = cli("ingest", folder, "--db", db)
    assert first.exit_code == 0, first.stderr
    assert f"1 file(s) of other kinds in {folder} not read (first: {folder / 'photo.png'})" in first.stderr
    def stored():
        with Store(db) as store, store.read() as conn:
            paths = {row[0].split("#")[0] for row in conn.execute(sa.select(t.sources.c.path))}
            return paths, conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar()

    paths, documents = stored()
    assert paths == {str(folder / "feeds" / "africa.atom"), str(folder / "page.html")}
    assert cli("ingest", folder, "--db", db).exit_code == 0  # a re-run adds nothing
    assert stored() == (paths, documents)


def test_a_folder_with_nothing_to_read_is_one_error(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    res = cli("ingest", tmp_path / "empty", "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert res.exit_code != 0 and "no file tally reads in" in res.stderr
