"""The HTTP API and the server-rendered pages (``tally serve``), through
FastAPI's test client on a real SQLite file holding the store tests' reports
plus one hostile document."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from tally.store import Store, ingest  # noqa: E402
from tally.web import create_app  # noqa: E402

from .store_fixtures import pg_server  # noqa: E402,F401  (fixture)
from .store_support import REPORTS, fake_extract, write_reports  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "s3cret-token"
EVIL = "script-alert-title-script-img-src-x-onerror-alert-1-raid-on-gao"

#: A document whose title and text carry markup: it must render inert.
HOSTILE = ("evil", '<script>alert("title")</script><img src=x onerror=alert(1)> Raid on Gao',
           'Fighters raided Gao (MLI) on 2018-05-06, killing 3 people <img src=x onerror="alert(2)">'
           '<script>alert(3)</script>, the mayor said.')


def rich_extract(doc):
    """``fake_extract`` plus, for the Kidal report, a source class, a
    disagreement, a reaction and a related incident (with markup in them)."""
    incident = fake_extract(doc)
    if incident.id == "market-attack-in-kidal":
        incident.claims[0].source_class = "independent"
        incident.conflicts = [{"category": "killed", "side": None, "claims": [0], "kind": "source-disagreement",
                               "text": "a local official says 12 killed; the army says <b>9</b> killed"}]
        incident.reactions = [{"actor": "UN <i>mission</i>", "stance": "condemned", "date": "2016-03-05"}]
        incident.related = [{"title": "Convoy bombing near Gao", "relation": "see_also"}]
    return incident


def build_db(folder: Path, url: str | None = None) -> str:
    """A database (SQLite in ``folder`` unless ``url``) with the five test
    reports and the hostile one."""
    url = url or f"sqlite:///{folder / 'web.db'}"
    paths = write_reports(folder / "reports", [*REPORTS, HOSTILE])
    with Store(url) as store:
        result = ingest(store, paths, extractor=rich_extract)
    assert result.ingested == 6 and not result.failed
    return url


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build_db(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, token=TOKEN, max_upload=4096)) as c:
        yield c


@pytest.fixture(scope="module")
def readonly(db):
    with TestClient(create_app(db)) as c:
        yield c


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()["items"]]


# ---------------------------------------------------------------- read API


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "schema_version": 4, "incidents": 6, "reports": 6, "writable": True}


def test_list_default_newest_first(client):
    r = client.get("/api/incidents")
    body = r.json()
    assert body["total"] == 6 and body["page"] == 1 and body["pages"] == 1
    dates = [row["date_start"] for row in body["items"] if row["date_start"]]
    assert dates == sorted(dates, reverse=True)
    assert {"id", "title", "killed_best", "killed_low", "killed_high", "country_iso3"} <= set(body["items"][0])


@pytest.mark.parametrize("query, expected", [
    ("country=MLI", {"market-attack-in-kidal", "convoy-bombing-near-gao", EVIL}),
    ("country=bfa,CMR", {"shooting-in-ouaga", "raid-on-kumba"}),
    ("from=2017&to=2017-06", {"shooting-in-ouaga"}),
    ("min_killed=10", {"market-attack-in-kidal", "raid-on-kumba"}),
    ("actor=brig", {"raid-on-kumba"}),
    ("q=convoy", {"convoy-bombing-near-gao"}),
    ("q=market&country=MLI&min_killed=5", {"market-attack-in-kidal"}),
    ("q=nothingmatches", set()),
])
def test_list_filters(client, query, expected):
    assert set(ids(client.get(f"/api/incidents?{query}"))) == expected


def test_list_sorting_and_pagination(client):
    by_killed = ids(client.get("/api/incidents?sort=-killed"))
    assert by_killed[:3] == ["raid-on-kumba", "market-attack-in-kidal", "convoy-bombing-near-gao"]
    assert by_killed[-1] == "night-explosion"  # no figure: nulls last
    assert ids(client.get("/api/incidents?sort=title"))[0] == EVIL
    pages = [client.get(f"/api/incidents?sort=-killed&per_page=4&page={p}").json() for p in (1, 2, 3)]
    assert [p["total"] for p in pages] == [6, 6, 6] and pages[0]["pages"] == 2
    assert [r["id"] for p in pages for r in p["items"]] == by_killed
    assert pages[2]["items"] == []


@pytest.mark.parametrize("query, status, words", [
    ("sort=colour", 400, "cannot sort by 'colour'"),
    ("from=2016-13", 400, "--from must be a date"),
    ("min_killed=-1", 422, "min_killed"),
    ("min_killed=ten", 422, "min_killed"),
    ("page=0", 422, "page"),
    ("per_page=100000", 422, "per_page"),
    ("q=%21%21", 400, "needs at least one word"),
])
def test_list_bad_input_is_4xx_with_message(client, query, status, words):
    r = client.get(f"/api/incidents?{query}")
    assert r.status_code == status, r.text
    assert words in r.json()["detail"]


def test_incident_detail_and_claims(client):
    r = client.get("/api/incidents/market-attack-in-kidal")
    assert r.status_code == 200
    body = r.json()
    assert body["record"]["casualties"]["killed"]["best"] == 12
    assert body["source"]["format"] == "plaintext" and body["revision"] == 1
    r = client.get("/api/incidents/market-attack-in-kidal/claims")
    claims, text = r.json()["claims"], r.json()["text"]
    assert len(claims) == 1
    c = claims[0]
    assert text[c["start"]:c["end"]] == c["text"]
    assert text[c["figure_start"]:c["figure_end"]] == "12"


def test_unknown_incident_is_404(client):
    for url in ("/api/incidents/nope", "/api/incidents/nope/claims"):
        r = client.get(url)
        assert r.status_code == 404 and r.json() == {"detail": "no incident 'nope'"}


def test_stats_per_month_and_country(client):
    body = client.get("/api/stats").json()
    assert body["incidents"] == 6 and body["killed"] == 12 + 4 + 2 + 30 + 3
    months = {m["month"]: m for m in body["per_month"]}
    assert months["2016-03"] == {"month": "2016-03", "incidents": 1, "killed": 12}
    assert months["2016-04"]["incidents"] == 0  # months between are filled with zeros
    assert body["per_month"][0]["month"] == "2016-03" and body["per_month"][-1]["month"] == "2018-05"
    countries = {c["country_iso3"]: c for c in body["per_country"]}
    assert countries["MLI"] == {"country_iso3": "MLI", "incidents": 3, "killed": 19}
    assert body["per_country"][0]["country_iso3"] == "CMR"
    assert body["undated"]["incidents"] == 1
    filtered = client.get("/api/stats?country=MLI").json()
    assert filtered["incidents"] == 3 and [c["country_iso3"] for c in filtered["per_country"]] == ["MLI"]


def test_export_csv_geojson_json(client):
    r = client.get("/api/export?format=csv&country=MLI&sort=-killed")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == ["market-attack-in-kidal", "convoy-bombing-near-gao", EVIL]
    r = client.get("/api/export?format=geojson&schema=ucdp&min_killed=30")
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 1
    assert fc["features"][0]["geometry"] == {"type": "Point", "coordinates": [9.45, 4.64]}
    records = client.get("/api/export?format=json&q=kidal").json()
    assert records[0]["id"] == "market-attack-in-kidal" and records[0]["claims"]
    for query, words in (("format=xml", "format"), ("schema=nope", "unknown export schema"),
                         ("format=parquet", "format")):
        r = client.get(f"/api/export?{query}")
        assert 400 <= r.status_code < 500 and words in r.json()["detail"], r.text


def test_openapi_document(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/incidents", "/api/incidents/{incident_id}", "/api/incidents/{incident_id}/claims",
            "/api/stats", "/api/export", "/api/documents", "/healthz"} <= set(paths)


# ---------------------------------------------------------------- upload


REPORT = ("Gunmen killed at least 14 villagers in an attack on Ogossagou in central Mali on 23 March 2019, "
          "a local official told AFP.\n")


def test_upload_needs_a_token(client, readonly):
    files = {"file": ("report.txt", REPORT.encode(), "text/plain")}
    r = client.post("/api/documents", files=files)
    assert r.status_code == 401 and "Bearer" in r.json()["detail"]
    assert r.headers["www-authenticate"] == "Bearer"
    r = client.post("/api/documents", files=files, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403 and r.json()["detail"] == "wrong token"
    r = readonly.post("/api/documents", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    assert readonly.get("/healthz").json()["writable"] is False


def test_upload_ingests_with_the_cli_readers(tmp_path):
    url = build_db(tmp_path)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(url, token=TOKEN)) as c:
        r = c.post("/api/documents", files={"file": ("../../ogossagou.txt", REPORT.encode(), "text/plain")},
                   headers=auth)
        assert r.status_code == 201, r.text
        body = r.json()
        record = body["record"]
        assert body["result"]["ingested"] == 1 and body["ids"] == [record["id"]]
        assert record["casualties"]["killed"]["low"] == 14
        assert record["source"]["path"] == "ogossagou.txt"  # the folder part of the name is dropped
        assert c.get(f"/api/incidents/{record['id']}").status_code == 200
        assert c.get("/healthz").json()["incidents"] == 7
        again = c.post("/api/documents", files={"file": ("ogossagou.txt", REPORT.encode(), "text/plain")},
                       headers=auth).json()
        assert again["result"]["unchanged"] == 1 and again["ids"] == [record["id"]]
        # a raw body with ?filename= works too, and a CSV gives one record per row
        table = "id,text\nr1,Two soldiers were killed in Gao on 5 May 2020.\nr2,\n"
        r = c.post("/api/documents?filename=rows.csv&text_column=text&id_column=id", content=table.encode(),
                   headers={**auth, "Content-Type": "text/csv"})
        assert r.status_code == 201, r.text
        assert r.json()["ids"] == ["r1"] and len(r.json()["failed"]) == 1
        assert "row" in r.json()["failed"][0]
        # the language: detected from the text, or the one ?lang= gives; another is a 422
        french = "Deux gendarmes ont été tués près de Kidal le 5 mai 2020, selon l'armée.\n".encode()
        r = c.post("/api/documents?filename=kidal.txt", content=french, headers={**auth, "Content-Type": "text/plain"})
        assert r.status_code == 201 and r.json()["record"]["language"] == "fr"
        r = c.post("/api/documents?filename=kidal2.txt&lang=en", content=french,
                   headers={**auth, "Content-Type": "text/plain"})
        assert r.status_code == 201 and r.json()["record"]["language"] == "en"
        r = c.post("/api/documents?filename=kidal3.txt&lang=de", content=french,
                   headers={**auth, "Content-Type": "text/plain"})
        assert r.status_code == 422 and "lang" in r.text


@pytest.mark.parametrize("name, payload, params, words", [
    ("empty.txt", b"", "", "empty"),
    ("blank.txt", b"   \n\n", "", "empty"),
    ("binary.txt", bytes(range(256)) * 4, "", "binary.txt"),
    ("dump.xml", b"<mediawiki><page><title>x</title", "", "dump.xml"),
    ("bomb.xml.bz2", b"not bzip2 at all", "", "decompress"),
    ("rows.csv", b"id,text\n1,hello\n", "?text_column=nope", "nope"),
    ("a.txt", b"some words", "?input_format=klingon", "klingon"),
])
def test_upload_bad_input_is_400_not_500(client, name, payload, params, words):
    r = client.post(f"/api/documents{params}", files={"file": (name, payload, "application/octet-stream")},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert 400 <= r.status_code < 500, r.text
    assert words in r.json()["detail"]


def test_upload_size_limit_is_413(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = b"killed " * 1000  # 7,000 bytes; the limit is 4,096
    r = client.post("/api/documents", files={"file": ("big.txt", big, "text/plain")}, headers=auth)
    assert r.status_code == 413 and "too large" in r.json()["detail"]

    def chunks():  # no Content-Length: counted while streaming
        for _ in range(10):
            yield b"x" * 1000

    r = client.post("/api/documents?filename=big.txt", content=chunks(), headers=auth)
    assert r.status_code == 413 and "too large" in r.json()["detail"]


def test_upload_without_file_field(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/documents", files={"document": ("a.txt", b"Two killed.", "text/plain")}, headers=auth)
    assert r.status_code == 400 and "'file'" in r.json()["detail"]
    r = client.post("/api/documents", data={"text": "hello"}, headers=auth)
    assert r.status_code == 400 and "'file'" in r.json()["detail"]
    r = client.post("/api/documents", content=b"--xyz\r\nbroken", headers={
        **auth, "Content-Type": "multipart/form-data; boundary=xyz"})
    assert 400 <= r.status_code < 500


# ---------------------------------------------------------------- pages


def test_list_page(client):
    r = client.get("/?country=MLI&sort=-killed", headers={"accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    rows = re.findall(r'<tr data-id="([^"]+)"', html)
    assert rows == ["market-attack-in-kidal", "convoy-bombing-near-gao", EVIL]
    assert 'aria-sort="descending"' in html and 'class="timeline"' in html and 'id="map"' in html
    points = json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html,
                                  re.S).group(1))
    assert {p["id"] for p in points} == {"market-attack-in-kidal", "convoy-bombing-near-gao", EVIL}
    assert "cdn" not in html.lower() and "https://" not in html


def test_list_page_bad_filter_is_400_page(client):
    r = client.get("/?from=yesterday", headers={"accept": "text/html"})
    assert r.status_code == 400 and "--from must be a date" in r.text and "<!doctype html>" in r.text
    r = client.get("/?min_killed=lots", headers={"accept": "text/html"})
    assert r.status_code == 400 and "whole number" in r.text


def test_incident_page(client):
    html = client.get("/incidents/raid-on-kumba").text
    assert "Raid on Kumba" in html and "River Brigade" in html
    assert 'class="rangebar"' in html and "<code>single</code>" in html
    assert re.search(r'<tr class="claim" tabindex="0" data-claim="0">', html)
    doc = json.loads(re.search(r'id="doc-data">(.*?)</script>', html, re.S).group(1))
    c = doc["claims"][0]
    assert c["report"] == "raid-on-kumba" and doc["first"] == "raid-on-kumba"
    assert doc["reports"][c["report"]]["text"][c["figure_start"]:c["figure_end"]] == "30"
    assert client.get("/incidents/nope", headers={"accept": "text/html"}).status_code == 404


def test_incident_page_conflicts_reactions_related(client):
    html = client.get("/incidents/market-attack-in-kidal").text
    assert "a local official says 12 killed; the army says &lt;b&gt;9&lt;/b&gt; killed." in html
    assert '<a href="#doctext" class="claim-ref" data-claim="0">#1</a>' in html
    assert "UN &lt;i&gt;mission&lt;/i&gt;: condemned (2016-03-05)" in html
    assert '<a href="/?q=Convoy%20bombing%20near%20Gao">Convoy bombing near Gao</a>' in html
    assert '<span class="badge independent">independent</span>' in html


def test_hostile_document_renders_inert(client):
    html = client.get(f"/incidents/{EVIL}").text
    assert html.count('<g class="step"') == 1  # its figure's step in the timeline chart, the sentence as data
    assert "<script>alert" not in html and "<img" not in html
    assert not re.search(r"<[^>]*\sonerror\s*=", html, re.I)  # onerror= only ever appears as text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # the report list shows the hostile title as text too
    row = re.search(rf'<tr class="report" id="report-1" data-report="{EVIL}">(.*?)</tr>', html, re.S).group(1)
    assert '<span class="report-label">&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;&lt;img' in row
    # the embedded JSON cannot close its <script> element
    block = re.search(r'id="doc-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and "\\u003cscript\\u003e" in block
    # only tally's own scripts are on the page
    assert re.findall(r"<script[^>]*>", html) == ['<script type="application/json" id="doc-data">',
                                                   '<script src="/static/incident.js">']
    listing = client.get("/?q=raided").text
    assert "<script>alert" not in listing and "&lt;script&gt;" in listing
    assert "<img src=x" not in listing


def test_security_headers(client):
    for path in ("/", f"/incidents/{EVIL}", "/api/incidents", "/static/app.css"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/docs").status_code == 404  # FastAPI's Swagger UI would load a CDN


def test_api_on_postgresql(tmp_path, request):
    """The same answers from a real PostgreSQL server (skipped without one)."""
    from .pg import create_database

    url = build_db(tmp_path, create_database(request.getfixturevalue("pg_server")))
    with TestClient(create_app(url)) as c:
        assert c.get("/healthz").json()["incidents"] == 6
        assert ids(c.get("/api/incidents?sort=-killed"))[:2] == ["raid-on-kumba", "market-attack-in-kidal"]
        assert set(ids(c.get("/api/incidents?q=convoy&country=MLI"))) == {"convoy-bombing-near-gao"}
        stats = c.get("/api/stats").json()
        assert stats["killed"] == 51 and stats["per_country"][0]["country_iso3"] == "CMR"
        claims = c.get("/api/incidents/raid-on-kumba/claims").json()
        claim = claims["claims"][0]
        assert claims["text"][claim["figure_start"]:claim["figure_end"]] == "30"
        html = c.get(f"/incidents/{EVIL}").text
        assert "<script>alert" not in html and "&lt;script&gt;" in html
        assert len(c.get("/api/export?format=geojson").json()["features"]) == 6


def test_static_assets_are_local(client):
    for path in ("/static/leaflet/leaflet.js", "/static/leaflet/leaflet.css",
                 "/static/vendor/topojson-client/topojson-client.min.js",
                 "/static/vendor/world-atlas/countries-110m.json", "/static/app.css", "/static/map.js",
                 "/static/incident.js"):
        assert client.get(path).status_code == 200, path


def test_serve_command_refuses_a_bad_database(cli, tmp_path):
    result = cli("serve", "--db", f"sqlite:///{tmp_path}/missing/dir/x.db")
    assert result.exit_code == 2
    assert "tally: error: cannot create" in result.stderr
    assert "--token" in cli("serve", "--help").stdout


# ---------------------------------------------------------------- one incident, several reports (issue 17)

#: Two reports of one invented attack (same town, same day) and one of another attack, in words
#: written for these tests, read by the real extractor.
DJIBO_1 = ("Gunmen killed 11 villagers in an attack on the town of Djibo in northern Burkina Faso on "
           "14 February 2021, a local official said.\nThe attackers arrived on motorbikes and set fire to "
           "several houses before fleeing.\n")
DJIBO_2 = ("At least 11 people were killed when armed men attacked Djibo in northern Burkina Faso on "
           "14 February 2021, residents told Reuters.\nWitnesses said the gunmen burned homes and stole cattle.\n")
TESSIT = ("Suspected jihadists killed 6 soldiers in an ambush near Tessit in northern Mali on 2 September 2021, "
          "the army said.\n")


def build_linked(folder: Path, url: str | None = None) -> dict:
    """A store where the first Djibo report and the Tessit report come in
    through ``tally.store.ingest`` and the second Djibo report through
    ``POST /api/documents``, all read by the real extractor."""
    url = url or f"sqlite:///{folder / 'linked.db'}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "djibo-local.txt").write_text(DJIBO_1, encoding="utf-8")
    (folder / "tessit.txt").write_text(TESSIT, encoding="utf-8")
    with Store(url) as store:
        result = ingest(store, [folder / "djibo-local.txt", folder / "tessit.txt"])
    assert result.ingested == 2 and not result.failed
    with TestClient(create_app(url, token=TOKEN)) as c:
        r = c.post("/api/documents", files={"file": ("djibo-wire.txt", DJIBO_2.encode(), "text/plain")},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201, r.text
        upload = r.json()
        items = c.get("/api/incidents").json()["items"]
    djibo = next(i for i in items if i["place"] == "Djibo")
    first, second = (rep["id"] for rep in djibo["reports"])
    return {"url": url, "upload": upload, "incident": djibo["id"], "first": first, "second": second,
            "tessit": next(i["id"] for i in items if i["place"] == "Tessit")}


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> dict:
    return build_linked(tmp_path_factory.mktemp("linked"))


@pytest.fixture(scope="module")
def lclient(linked):
    with TestClient(create_app(linked["url"])) as c:
        yield c


def test_two_reports_of_one_attack_are_one_incident_in_the_list(linked, lclient):
    body = lclient.get("/api/incidents?sort=date").json()
    assert body["total"] == 2  # not 3: the two Djibo reports are one incident
    djibo, tessit = body["items"]
    assert djibo["id"] == linked["incident"] == linked["first"] and tessit["id"] == linked["tessit"]
    assert djibo["report_count"] == 2 and tessit["report_count"] == 1
    assert [(r["id"], r["source"].rsplit("/", 1)[-1], r["language"]) for r in djibo["reports"]] == [
        (linked["first"], "djibo-local.txt", "en"), (linked["second"], "djibo-wire.txt", "en")]
    assert {"id", "source", "title", "language"} == set(djibo["reports"][0])
    assert djibo["killed_best"] == 11 and djibo["date_start"] == "2021-02-14"
    assert lclient.get("/healthz").json()["incidents"] == 2
    assert lclient.get("/healthz").json()["reports"] == 3
    # the upload says where its report went and why
    placed = linked["upload"]["incidents"]
    assert linked["upload"]["ids"] == [linked["second"]]
    assert placed[0]["incident"] == linked["incident"] and placed[0]["report_count"] == 2
    assert placed[0]["link"]["rule"] == "matched" and placed[0]["link"]["matched"] == linked["first"]
    assert linked["upload"]["record"]["id"] == linked["incident"]


def test_stats_and_map_count_the_linked_incident_once(linked, lclient):
    stats = lclient.get("/api/stats").json()
    assert stats["incidents"] == 2 and stats["killed"] == 11 + 6  # not 11 + 11 + 6
    months = {m["month"]: m for m in stats["per_month"]}
    assert months["2021-02"] == {"month": "2021-02", "incidents": 1, "killed": 11}
    assert months["2021-09"] == {"month": "2021-09", "incidents": 1, "killed": 6}
    countries = {c["country_iso3"]: c for c in stats["per_country"]}
    assert countries["BFA"] == {"country_iso3": "BFA", "incidents": 1, "killed": 11}
    points = lclient.get("/api/map").json()["items"]
    assert len(points) == 2
    assert [p["id"] for p in points if p["place"] == "Djibo"] == [linked["incident"]]
    # the list page's summary, map points and timeline agree
    html = lclient.get("/", headers={"accept": "text/html"}).text
    assert re.findall(r'<tr data-id="([^"]+)"', html) == [linked["tessit"], linked["incident"]]
    assert "<strong>2</strong> incidents" in html and "<strong>17</strong> killed" in html
    page_points = json.loads(re.search(r'id="map-data">(.*?)</script>', html, re.S).group(1))
    assert sorted(p["id"] for p in page_points) == sorted([linked["incident"], linked["tessit"]])
    assert "<title>2021-02: 1 incident, 11 killed</title>" in html
    row = re.search(rf'<tr data-id="{linked["incident"]}">(.*?)</tr>', html, re.S).group(1)
    assert ">2 reports</td>" in row
    row = re.search(rf'<tr data-id="{linked["tessit"]}">(.*?)</tr>', html, re.S).group(1)
    assert ">1 report</td>" in row


def test_detail_by_incident_or_report_id_lists_the_reports(linked, lclient):
    by_incident = lclient.get(f"/api/incidents/{linked['incident']}").json()
    by_report = lclient.get(f"/api/incidents/{linked['second']}").json()
    assert by_report == by_incident  # a report's id answers with its incident
    assert by_incident["incident"]["id"] == linked["incident"] and by_incident["incident"]["report_count"] == 2
    assert by_incident["record"]["id"] == linked["incident"]
    first, second = by_incident["reports"]
    assert (first["id"], second["id"]) == (linked["first"], linked["second"])
    for rep in (first, second):
        assert rep["date"]["start"] == "2021-02-14" and rep["place"] == "Djibo" and rep["language"] == "en"
        assert rep["killed"]["low"] == 11
    assert first["link"] == {"rule": "new"}
    assert second["link"]["rule"] == "matched" and second["link"]["matched"] == linked["first"]
    assert second["link"]["score"] >= 0.55 and any("Djibo" in x for x in second["link"]["reasons"])
    assert {c["report"] for c in by_incident["claims"]} == {linked["first"], linked["second"]}
    assert by_incident["links"] == []  # linked on ingest: no analyst's override yet
    r = lclient.get(f"/api/incidents/{linked['tessit']}").json()
    assert r["incident"]["report_count"] == 1 and [x["id"] for x in r["reports"]] == [linked["tessit"]]


def test_claims_name_their_report_and_point_into_its_text(linked, lclient):
    body = lclient.get(f"/api/incidents/{linked['second']}/claims").json()
    assert body["id"] == linked["incident"]
    assert set(body["texts"]) == {linked["first"], linked["second"]}
    assert body["text"] == body["texts"][linked["first"]] == DJIBO_1
    assert body["texts"][linked["second"]] == DJIBO_2
    by_report = {}
    for c in body["claims"]:
        text = body["texts"][c["report"]]
        assert text[c["start"]:c["end"]] == c["text"]
        by_report.setdefault(c["report"], []).append(text[c["figure_start"]:c["figure_end"]])
    assert by_report == {linked["first"]: ["11"], linked["second"]: ["At least 11"]}


def test_incident_page_lists_each_report_and_highlights_in_its_own_text(linked, lclient):
    r = lclient.get(f"/incidents/{linked['second']}", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == f"/incidents/{linked['incident']}"
    html = lclient.get(f"/incidents/{linked['second']}").text  # followed: the incident's page
    assert html == lclient.get(f"/incidents/{linked['incident']}").text
    assert '<span id="report-count">2 reports</span>' in html
    rows = re.findall(r'<tr class="report" id="report-(\d)" data-report="([^"]+)">(.*?)</tr>', html, re.S)
    assert [(n, rid) for n, rid, _ in rows] == [("1", linked["first"]), ("2", linked["second"])]
    for _, _, row in rows:
        assert "2021-02-14" in row and "Djibo" in row and '<span class="badge lang" lang="en">en</span>' in row
    assert '<td class="num killed">11</td>' in rows[0][2] and '<td class="num killed">11+</td>' in rows[1][2]
    assert '<code class="rule">new</code>' in rows[0][2]
    assert '<code class="rule">matched</code>' in rows[1][2] and "same place (Djibo)" in rows[1][2]
    assert f"matched</span> <code>{linked['first']}</code>" in rows[1][2]
    assert "<th>Report</th>" in html
    claim_reports = re.findall(r'<td class="report small"><a href="#report-(\d)"', html)
    assert sorted(claim_reports) == ["1", "2"]
    doc = json.loads(re.search(r'id="doc-data">(.*?)</script>', html, re.S).group(1))
    assert doc["first"] == linked["first"]
    assert {k: v["text"] for k, v in doc["reports"].items()} == {linked["first"]: DJIBO_1,
                                                                  linked["second"]: DJIBO_2}
    for c in doc["claims"]:
        assert doc["reports"][c["report"]]["text"][c["figure_start"]:c["figure_end"]] in ("11", "At least 11")
    assert f'id="doctext" lang="en" data-report="{linked["first"]}"' in html


def test_link_history_shows_the_overrides(tmp_path):
    from tally.store import link, unlink

    built = build_linked(tmp_path)
    with Store(built["url"]) as store:
        alone = unlink(store, built["second"])
        assert alone != built["incident"]
        with TestClient(create_app(built["url"])) as c:
            assert c.get("/api/incidents").json()["total"] == 3
            assert c.get("/api/stats").json()["killed"] == 11 + 11 + 6
        link(store, built["second"], built["incident"])
    with TestClient(create_app(built["url"])) as c:
        body = c.get(f"/api/incidents/{built['incident']}").json()
        assert body["incident"]["report_count"] == 2
        assert [(e["action"], e["report_id"]) for e in body["links"]] == [("unlink", built["second"]),
                                                                           ("link", built["second"])]
        assert body["links"][1]["incident_id"] == built["incident"]
        assert body["reports"][1]["link"] == {"rule": "override", "action": "link"}
        html = c.get(f"/incidents/{built['incident']}").text
        assert "Link history (2)" in html and '<code class="rule">override</code>' in html
        assert c.get("/api/stats").json()["killed"] == 11 + 6


def test_linked_incident_on_postgresql(tmp_path, request):
    """Linking and the once-only totals on a real PostgreSQL server (skipped without one)."""
    from .pg import create_database

    built = build_linked(tmp_path, create_database(request.getfixturevalue("pg_server")))
    with TestClient(create_app(built["url"])) as c:
        body = c.get("/api/incidents").json()
        assert body["total"] == 2
        assert {i["id"]: i["report_count"] for i in body["items"]} == {built["incident"]: 2, built["tessit"]: 1}
        assert c.get("/api/stats").json()["killed"] == 17 and len(c.get("/api/map").json()["items"]) == 2
        assert c.get(f"/api/incidents/{built['second']}").json()["incident"]["id"] == built["incident"]
        assert c.get("/healthz").json()["reports"] == 3
