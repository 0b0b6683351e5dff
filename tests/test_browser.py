"""The web UI in a real browser: Playwright for Python driving Debian's
``/usr/bin/chromium`` (never a downloaded browser) against ``tally serve``
started on a free 127.0.0.1 port. Screenshots go to ``test-artifacts/``.

Skipped, with the reason, when /usr/bin/chromium is missing (``make test``
installs Debian's chromium package when it is absent)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .test_api import DJIBO_2 as DJIBO_2_TEXT, EVIL, build_db

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
#: Flags for this offline machine: without the networking ones Chromium keeps
#: trying to reach Google's hosts.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    # `make test` installs chromium: in CI (CI=true) a missing browser fails the tests instead
    pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"), reason="/usr/bin/chromium is missing: apt-get install chromium "
                       "(make test installs it)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``tally serve`` on a free loopback port over the test reports; its base URL."""
    folder = tmp_path_factory.mktemp("browser")
    url = build_db(folder)
    port = _free_port()
    tally = Path(sys.executable).with_name("tally")
    cmd = [str(tally)] if tally.exists() else [sys.executable, "-c", "from tally.cli import app; app()"]
    log = open(folder / "serve.log", "w+")
    proc = subprocess.Popen([*cmd, "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "TALLY_TOKEN": ""})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # a ceiling for a slow machine, not a pace
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.seek(0)
            pytest.fail(f"tally serve did not start: {log.read()}")
        time.sleep(0.1)
    log.seek(0)
    assert f"http://127.0.0.1:{port}/" in log.read()  # it prints its URL
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    console: list[str] = []
    pg.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    external: list[str] = []
    pg.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:")) else external.append(r.url))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors: {errors}"
    assert not console, f"console errors (a Content-Security-Policy violation?): {console}"
    assert not dialogs, f"a document's markup ran: {dialogs}"
    assert not external, f"requests left the machine: {external}"


def row_ids(page) -> list[str]:
    return page.locator("#incidents tbody tr[data-id]").evaluate_all("rows => rows.map(r => r.dataset.id)")


def test_list_filter_map_timeline(server, page):
    page.goto(server + "/")
    assert len(row_ids(page)) == 6
    page.wait_for_selector("#map[data-borders=loaded]")
    assert page.locator("#map .leaflet-overlay-pane path.incident-marker").count() == 5  # one has no place
    assert page.locator("#map .leaflet-overlay-pane path").count() > 100  # the country borders
    assert page.locator("svg#timeline rect.bar").count() == 27  # 2016-03 .. 2018-05
    page.screenshot(path=str(ARTIFACTS / "list.png"), full_page=True)

    page.fill("input[name=country]", "MLI")
    page.fill("input[name=min_killed]", "3")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**/?*country=MLI*")
    assert set(row_ids(page)) == {"market-attack-in-kidal", "convoy-bombing-near-gao", EVIL}
    page.wait_for_selector("#map[data-borders=loaded]")
    assert page.locator("path.incident-marker").count() == 3
    assert page.locator("#summary").inner_text().startswith("3 incidents, 19 killed")

    page.click("th a[data-sort=killed]")  # descending first
    page.wait_for_url("**sort=-killed*")
    assert row_ids(page) == ["market-attack-in-kidal", "convoy-bombing-near-gao", EVIL]
    assert page.locator("th[aria-sort=descending]").inner_text().startswith("Killed")
    page.click("th a[data-sort=killed]")
    page.wait_for_url("**sort=killed*")
    assert row_ids(page) == [EVIL, "convoy-bombing-near-gao", "market-attack-in-kidal"]
    assert page.locator("tr[data-id=market-attack-in-kidal] td.num").inner_text() == "12"

    page.fill("input[name=q]", "market")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**q=market*")
    assert row_ids(page) == ["market-attack-in-kidal"]
    assert page.locator("svg#timeline rect.bar").count() == 1


def test_marker_popup_opens_the_incident_and_a_claim_highlights(server, page):
    page.goto(server + "/?country=CMR")
    page.wait_for_selector("#map[data-borders=loaded]")
    page.locator("path.incident-marker").first.click()
    link = page.locator(".leaflet-popup-content a.popup-link")
    assert link.inner_text() == "Raid on Kumba"
    page.screenshot(path=str(ARTIFACTS / "map-popup.png"))
    link.click()
    page.wait_for_url("**/incidents/raid-on-kumba")
    assert page.locator("h1#title").inner_text() == "Raid on Kumba"
    assert page.locator("#estimates .rangebar").count() == 2  # all sides, and civilians
    assert page.locator("#doctext mark").count() == 0

    page.locator("tr.claim[data-claim='0']").click()
    sentence = page.locator("#doctext mark.sentence")
    assert sentence.inner_text() == "Fighters raided Kumba (CMR) on 2017-11-02, killing 30 villagers, residents said."
    assert page.locator("#doctext mark.sentence mark.figure").inner_text() == "30"
    assert "selected" in page.locator("tr.claim[data-claim='0']").get_attribute("class")
    assert sentence.is_visible()
    page.screenshot(path=str(ARTIFACTS / "incident.png"), full_page=True)


def test_disagreement_points_at_its_claim(server, page):
    page.goto(server + "/incidents/market-attack-in-kidal")
    assert page.locator("#conflicts li").inner_text().startswith("a local official says 12 killed; the army says <b>9</b>")
    page.click("#conflicts a.claim-ref")
    assert page.locator("#doctext mark.sentence mark.figure").inner_text() == "12"
    page.click("ul.related a")
    page.wait_for_url("**/?q=Convoy*")
    assert row_ids(page) == ["convoy-bombing-near-gao"]


def test_open_from_list_and_hostile_document_stays_inert(server, page):
    page.goto(server + "/?sort=title")
    page.locator(f"tr[data-id='{EVIL}'] a").click()
    page.wait_for_url(f"**/incidents/{EVIL}")
    title = page.locator("h1#title").inner_text()
    assert title.startswith('<script>alert("title")</script><img src=x onerror=alert(1)>')
    page.locator("tr.claim[data-claim='0']").click()
    assert '<script>alert(3)</script>' in page.locator("#doctext mark.sentence").inner_text()
    page.locator("svg#steps-killed g.step").click()  # the timeline's step: the same sentence, as text
    assert '<script>alert(3)</script>' in page.locator("#doctext mark.sentence").inner_text()
    assert page.locator("main img").count() == 0
    assert page.locator("main script").count() == 1  # only the JSON data block
    page.wait_for_timeout(200)  # a dialog, had one opened, is caught by the fixture
    page.screenshot(path=str(ARTIFACTS / "hostile.png"), full_page=True)


def _serve(url: str, folder: Path):
    """``tally serve --db url`` on a free loopback port, until the generator is closed; yields its base URL."""
    port = _free_port()
    tally = Path(sys.executable).with_name("tally")
    cmd = [str(tally)] if tally.exists() else [sys.executable, "-c", "from tally.cli import app; app()"]
    log = open(folder / "serve.log", "w+")
    proc = subprocess.Popen([*cmd, "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "TALLY_TOKEN": ""})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # a ceiling for a slow machine, not a pace
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.seek(0)
            pytest.fail(f"tally serve did not start: {log.read()}")
        time.sleep(0.1)
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def linked_server(tmp_path_factory):
    """``tally serve`` over a store holding two reports of one attack and one of another."""
    from .test_api import build_linked

    folder = tmp_path_factory.mktemp("browser-linked")
    built = build_linked(folder)
    for base in _serve(built["url"], folder):
        yield base, built


def test_linked_reports_show_once_and_each_claim_highlights_in_its_report(linked_server, page):
    base, built = linked_server
    page.goto(base + "/")
    assert row_ids(page) == [built["tessit"], built["incident"]]  # 3 reports, 2 incidents
    row = page.locator(f"tr[data-id='{built['incident']}']")
    assert row.locator("td.report-count").inner_text() == "2 reports"
    assert page.locator(f"tr[data-id='{built['tessit']}'] td.report-count").inner_text() == "1 report"
    assert page.locator("#summary").inner_text().startswith("2 incidents, 17 killed")
    page.wait_for_selector("#map[data-borders=loaded]")
    assert page.locator("path.incident-marker").count() == 2
    assert page.locator("svg#timeline rect.bar[data-month='2021-02'] title").text_content().startswith(
        "2021-02: 1 incident, 11 killed")
    page.screenshot(path=str(ARTIFACTS / "linked-list.png"), full_page=True)

    row.locator("a").first.click()
    page.wait_for_url(f"**/incidents/{built['incident']}")
    assert page.locator("#report-list tbody tr.report").count() == 2
    assert page.locator("#report-list tr#report-2 code.rule").inner_text() == "matched"
    # a claim of the second report: its sentence in the second report's text
    second = page.locator("tr.claim", has=page.locator("td.report code", has_text=built["second"]))
    second.first.click()
    assert page.locator("#doctext").get_attribute("data-report") == built["second"]
    assert page.locator("#doctext mark.sentence").inner_text().startswith("At least 11 people were killed")
    assert page.locator("#doctext mark.figure").inner_text() == "At least 11"
    assert built["second"] in page.locator("#doctext-report").inner_text()
    # and one of the first report: back to the first report's text
    first = page.locator("tr.claim", has=page.locator("td.report code", has_text=built["first"]))
    first.first.click()
    assert page.locator("#doctext").get_attribute("data-report") == built["first"]
    assert page.locator("#doctext mark.sentence").inner_text().startswith("Gunmen killed 11 villagers")
    assert "Witnesses" not in page.locator("#doctext").inner_text()
    page.locator("#report-2 a.report-text").click()
    assert page.locator("#doctext mark").count() == 0
    assert page.locator("#doctext").inner_text().strip() == DJIBO_2_TEXT.strip()
    page.screenshot(path=str(ARTIFACTS / "linked-incident.png"), full_page=True)

    page.goto(base + f"/incidents/{built['second']}")  # a report's id opens its incident
    page.wait_for_url(f"**/incidents/{built['incident']}")
    assert page.locator("#report-count").inner_text() == "2 reports"


@pytest.fixture(scope="module")
def timeline_server(tmp_path_factory):
    """``tally serve`` over the five days of reports of the Kaya market attack."""
    from .conftest import CLI
    from .test_timeline import ingest_days

    folder = tmp_path_factory.mktemp("browser-timeline")
    url = f"sqlite:///{folder / 'timeline.db'}"
    ingest_days(CLI(), folder / "days", url)
    yield from _serve(url, folder)


def test_timeline_chart_steps_show_each_figure_in_its_version(timeline_server, page):
    page.goto(timeline_server + "/incidents/kaya-wire")
    assert page.locator("#timeline-summary").inner_text().startswith(
        "killed: first reported 2024-03-04 (12), latest 2024-03-08 (31), changed 4 times")
    steps = page.locator("svg#steps-killed g.step")
    assert steps.count() == 5 and page.locator("svg#steps-injured g.step").count() == 2
    # the running best climbs step by step: each step's line is higher than the one before
    heights = page.locator("svg#steps-killed circle.figure").evaluate_all(
        "cs => cs.map(c => c.getBoundingClientRect().top)")
    assert heights == sorted(heights, reverse=True) and len(set(heights)) == 5
    assert page.locator("svg#steps-killed rect.band.open").count() == 1  # "at least 12": open-ended
    assert "kaya-ministry-1" in steps.nth(1).locator("title").text_content()

    steps.first.click()  # the wire's first version, since replaced: its own text
    assert page.locator("#doctext").get_attribute("data-report") == "kaya-wire@1"
    assert page.locator("#doctext mark.sentence mark.figure").inner_text() == "at least 12"
    assert "revision 1" in page.locator("#doctext-report").inner_text()
    assert page.locator("#report-list tr.report.shown").get_attribute("data-report") == "kaya-wire"
    assert "selected" in steps.first.get_attribute("class")
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
    page.mouse.move(0, 0)  # no step under the pointer in the picture of the charts
    page.locator("section#toll").screenshot(path=str(ARTIFACTS / "timeline-chart.png"))

    steps.nth(2).click()  # the wire's current version
    assert page.locator("#doctext").get_attribute("data-report") == "kaya-wire"
    assert page.locator("#doctext mark.sentence mark.figure").inner_text() == "23"
    assert "selected" not in steps.first.get_attribute("class")
    steps.nth(4).focus()
    page.keyboard.press("Enter")
    assert page.locator("#doctext").get_attribute("data-report") == "kaya-ministry-2"
    assert page.locator("#doctext mark.figure").inner_text() == "31"

    page.locator("#timeline-details summary").click()
    page.locator("tr.point[data-point='4']").click()  # the radio's figure, from the table
    assert page.locator("#doctext mark.sentence").inner_text().startswith("The toll of Monday's attack")
