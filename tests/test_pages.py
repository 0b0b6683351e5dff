"""Whole pages, plain-text rendering and wikitext, against facts decided by hand.

Each page in ``tests/data/pages/`` was written for these tests (invented or
paraphrased facts in our own words); its ``.json`` sidecar states the title,
date, location, part-of, perpetrators and sides that a reader of the page
would record. Nothing in ``src/`` knows these pages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tally.extract import extract
from tally.model import to_dict
from tally.where.places import km
from tally.readers import read

PAGES = Path(__file__).parent / "data" / "pages"
CASES = sorted(p for p in PAGES.iterdir() if p.suffix in (".txt", ".wiki"))


def _record(page: Path) -> dict:
    records = [to_dict(extract(doc)) for doc in read(page)]
    assert len(records) == 1
    return records[0]


def _names(actors: list[dict]) -> set[str]:
    out = set()
    for a in actors:
        out.add(a["name"].lower())
        out.update(x.lower() for x in a.get("aliases") or [])
    return out


@pytest.fixture(scope="module", params=CASES, ids=lambda p: p.name)
def case(request: pytest.FixtureRequest) -> tuple[dict, dict]:
    page: Path = request.param
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    return _record(page), expected


def test_there_are_pages_of_both_formats() -> None:
    assert {p.suffix for p in CASES} == {".txt", ".wiki"}
    assert len(CASES) >= 6


def test_title(case: tuple[dict, dict]) -> None:
    got, want = case
    assert got["title"] == want["title"]


def test_date(case: tuple[dict, dict]) -> None:
    got, want = case
    d = got["date"]
    assert (d["start"], d["end"], d["precision"]) == (want["date"]["start"], want["date"]["end"],
                                                     want["date"]["precision"])


def test_location(case: tuple[dict, dict]) -> None:
    got, want = case
    loc, where = got["location"], want["location"]
    assert loc is not None and loc["lat"] is not None
    assert loc["country_iso3"] == where["country_iso3"]
    assert km(loc["lat"], loc["lon"], where["lat"], where["lon"]) <= where["km"]


def test_part_of(case: tuple[dict, dict]) -> None:
    got, want = case
    assert got["part_of"] == want["part_of"]


def test_perpetrators(case: tuple[dict, dict]) -> None:
    got, want = case
    names = _names(got["perpetrators"])
    for name in want["perpetrators"]:
        assert name.lower() in names, (name, names)
    if not want["perpetrators"]:
        assert got["perpetrators"] == []


def test_sides(case: tuple[dict, dict]) -> None:
    got, want = case
    assert len(got["sides"]) == len(want["sides"])
    for side, names in zip(got["sides"], want["sides"]):
        found = _names(side["actors"])
        assert len(side["actors"]) == len(names), (side["actors"], names)
        for name in names:
            assert name.lower() in found, (name, found)


# --------------------------------------------------------------------------- reader shapes


@pytest.mark.parametrize("line, lat, lon", [
    ("- Coordinates: 12°36′N 7°59′W", 12.6, -7.983333),
    ("- Coordinates: 12°36′30″N 7°59′12″W", 12.608333, -7.986667),
    ("- Coordinates: 12°36′N 7°59′W / 12.608°N 7.983°W / 12.608; -7.983", 12.608, -7.983),
    ("- Coordinates: 12.608; -7.983", 12.608, -7.983),
    ("- Location: Bamako, Mali 12°36′N 7°59′W", 12.6, -7.983333),
    ("- Coordinates: {{coord|12|38|N|8|0|W|display=inline,title}}", 12.633333, -8.0),
])
def test_plaintext_infobox_coordinates(line: str, lat: float, lon: float) -> None:
    from tally.readers.plaintext import parse_plaintext

    doc = parse_plaintext(f"= T =\n\nInfobox\n- Date: 1 May 2020\n{line}\n\nLead.\n", "t.txt")
    assert doc.meta["coordinates"] == pytest.approx({"lat": lat, "lon": lon}, abs=1e-4)


def test_plaintext_without_coordinates_has_none() -> None:
    from tally.readers.plaintext import parse_plaintext

    doc = parse_plaintext("= T =\n\nInfobox\n- Location: Bamako, Mali\n- Date: 2020\n\nLead.\n", "t.txt")
    assert "coordinates" not in doc.meta


def test_partof_drops_the_leading_article_in_both_readers() -> None:
    from tally.readers.plaintext import parse_plaintext
    from tally.readers.wikitext import parse_wikitext

    doc = parse_plaintext("= T =\n\nInfobox\n- Partof: the Mali War\n- Date: 2020\n\nLead.\n", "t.txt")
    f = doc.infobox.get("partof")
    assert f.value == "Mali War" and doc.text[f.start:f.end] == "Mali War"
    wiki = parse_wikitext("{{Infobox military conflict\n| conflict = T\n| partof = the [[Mali War]]\n}}\nLead.\n",
                          "t.wiki")
    f = wiki.infobox.get("partof")
    assert f.value == "Mali War" and wiki.text[f.start:f.end] == "Mali War"


def test_wikitext_coordinates_written_as_text() -> None:
    from tally.readers.wikitext import parse_wikitext

    doc = parse_wikitext("{{Infobox civilian attack\n| title = T\n| coordinates = 12°36′N 7°59′W\n}}\nLead.\n",
                         "t.wiki")
    assert doc.meta["coordinates"] == pytest.approx({"lat": 12.6, "lon": -7.983333}, abs=1e-4)


def test_wikitext_separators_and_flags_split_infobox_items() -> None:
    from tally.readers.wikitext import parse_wikitext

    doc = parse_wikitext(
        "{{Infobox military conflict\n| conflict = T\n"
        "| place = [[Ménaka]]{{br}}[[Gao Region]], [[Mali]]\n"
        "| combatant1 = {{flagicon|Mali}} [[Mali]] {{flagicon|France}} [[France]]{{·}} [[Niger]]\n}}\nLead.\n",
        "t.wiki")
    assert doc.infobox.get("place").value.split("\n") == ["Ménaka", "Gao Region, Mali"]
    assert doc.infobox.get("combatant1").value.split("\n") == ["Mali", "France", "Niger"]


@pytest.mark.parametrize("value, names", [
    ("Gunmen dressed as Dozo hunters, suspected members of Dan Na Ambassagou",
     ["Gunmen dressed as Dozo hunters", "Dan Na Ambassagou"]),
    ("Suspected Islamic State militants", ["Islamic State"]),
    ("Boko Haram (suspected)", ["Boko Haram"]),
    ("Fulani militants", ["Fulani militants"]),  # the actor table's own name (GTD names it "Fulani extremists")
    # list items run together by a rendering, and inline "Supported by:" headings
    ("Mali Wagner Group", ["Mali", "Wagner Group"]),
    ("Ukraine Supported by: United States, United Kingdom", ["Ukraine", "United States", "United Kingdom"]),
    ("Islamic State Sinai Province", ["Islamic State – Sinai Province"]),  # one group, not two
    ("Niger Delta Avengers", ["Niger Delta Avengers"]),
    ("Neo-JMB", ["Jamaat-ul-Mujahideen Bangladesh"]),
    ("Rapid Support Forces Allied Arab militias", ["Rapid Support Forces", "Allied Arab militias"]),
    ("Sudan Liberation Army", ["Sudan Liberation Movement/Army"]),  # a state's name starts it: one group
    ("Boko Haram Shekau faction", ["Boko Haram Shekau faction"]),
    ("Mali · Wagner Group • Russia", ["Mali", "Wagner Group", "Russia"]),  # an hlist rendered with dots
])
def test_perpetrator_lines_name_the_group(value: str, names: list[str]) -> None:
    from tally.who.actors import parse_actors

    assert [a.name for a in parse_actors(value)] == names


@pytest.mark.parametrize("name, key", [
    ("Perpetrator(s)", "perpetrators"), ("Location(s)", "locations"), ("Death(s)", "deaths"),
    ("Injured (non-fatal)", "injured"), ("Susperps", "perps"), ("Casualties 1", "casualties1"),
    ("Part of", "partof"),
])
def test_infobox_parameter_names(name: str, key: str) -> None:
    from tally.readers._infobox import normalise_key

    assert normalise_key(name) == key


def test_wikitext_quotes_and_as_of_keep_their_words() -> None:
    from tally.readers.wikitext import parse_wikitext

    doc = parse_wikitext("'''T''' was a battle. It was {{As of|2024|9}} ongoing.\n\n"
                         "{{Blockquote|text=The attack left 12 soldiers dead, the army said.|author=Army}}\n", "t.wiki")
    assert "As of September 2024 ongoing" in doc.text
    assert "The attack left 12 soldiers dead, the army said." in doc.text


def test_reactions_name_the_country_or_body_that_spoke() -> None:
    from tally.when.dates import parse_date
    from tally.who.reactions import find_reactions
    from tally.readers.plaintext import parse_plaintext

    text = ("= T =\n\nOn 3 May 2020 gunmen killed 10 people in Gao.\n\n==Reactions==\n"
            "UN Secretary-General António Guterres condemned the attack.\n"
            "French President Emmanuel Macron expressed his condolences to the families.\n"
            "The attack was also condemned by the African Union and the governments of Niger and Burkina Faso.\n"
            "The U.S. State Department said it \"strongly condemns\" the killings.\n\n"
            "===International===\n- Canada – Prime Minister Justin Trudeau offered condolences.\n")
    got = {r["actor"]: r["stance"] for r in find_reactions(parse_plaintext(text, "t.txt"), parse_date("3 May 2020"))}
    assert got == {"United Nations": "condemned", "France": "condolences", "African Union": "condemned",
                   "Niger": "condemned", "Burkina Faso": "condemned", "United States": "condemned",
                   "Canada": "condolences"}
