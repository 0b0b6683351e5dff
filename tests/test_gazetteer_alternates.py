"""GeoNames alternate spellings as the gazetteer's last fallback
(``tally.lookup.alternates``). The place spellings are real (GeoNames'); the
sentences are invented for these tests."""

from __future__ import annotations

import gzip

from tally.lookup.alternates import MAX_SHARED, AlternateNames, kept, read_source
from tally.lookup.gazetteer import gazetteer

from .test_geo_unseen import located  # a report's location, as fill_facts gives it


# ---------------------------------------------------------------- the shipped index, through the gazetteer

def test_alternate_spelling_resolves_to_the_gazetteers_own_place():
    g = gazetteer()
    main = [e for e in g.lookup("Mogadishu") if e.level == 0][0]
    found = g.lookup("Mogadiscio")  # the Italian and French spelling
    assert [e.geonames_id for e in found] == [main.geonames_id]
    e = found[0]
    assert e.alternate and not main.alternate
    assert (e.name, e.iso3, e.lat, e.lon, e.admin1) == (main.name, main.iso3, main.lat, main.lon, main.admin1)


def test_alternate_spelling_in_a_sentence_gives_the_place():
    loc = located("Gunmen on motorbikes killed two traders at the cattle market in Kafr Nabl on Friday.")
    assert loc is not None and loc.country_iso3 == "SYR"
    assert loc.geonames_id == gazetteer().lookup("Kafranbel")[0].geonames_id


def test_alternate_spelling_in_a_french_sentence_gives_the_place():
    loc = located("Mardi soir, des hommes armés ont abattu deux commerçants dans un marché de Mogadiscio.")
    assert loc is not None and loc.country_iso3 == "SOM"
    assert loc.geonames_id == [e for e in gazetteer().lookup("Mogadishu") if e.level == 0][0].geonames_id


def test_main_names_win_over_alternates():
    g = gazetteer()
    # "Damasco" is GeoNames' alternate of Damascus and the main name of a Mexican village
    found = g.lookup("Damasco")
    assert found and not any(e.alternate for e in found)
    assert {e.iso3 for e in found} == {"MEX"}
    assert g.alternate_rows("damasco") == []  # a key that names a place is never indexed as an alternate


def test_alternate_is_not_used_for_a_key_that_names_a_country():
    g = gazetteer()
    assert g.alternate_rows("syria") == [] and g.country("Syria") is not None


def test_alternate_shared_across_countries_is_resolved_by_the_named_country():
    g = gazetteer()
    assert {e.iso3 for e in g.lookup("Quseir")} == {"SYR", "EGY"}  # Al Qusayr in both
    loc = located("Shelling killed four civilians in Quseir, near Homs in western Syria, on Monday.")
    assert loc is not None and loc.country_iso3 == "SYR"
    loc = located("Two fishermen were shot dead in Quseir, on Egypt's Red Sea coast.")
    assert loc is not None and loc.country_iso3 == "EGY"


def test_alternate_shared_across_countries_is_dropped_without_a_country():
    loc = located("Unknown gunmen killed three men outside a bakery in Quseir late on Monday.")
    assert loc is None or loc.geonames_id is None


def test_unit_named_with_an_admin_word_is_not_read_as_a_town_spelt_otherwise():
    # "Konduz" is an alternate of the city of Kunduz; "Konduz Province" is the province
    loc = located("A roadside bomb killed the district chief in northern Konduz Province on Sunday.")
    assert loc is not None and loc.country_iso3 == "AFG" and loc.precision == "admin1"


# ---------------------------------------------------------------- building the index

def test_kept_alternates_are_latin_capitalised_and_new():
    alts = ["Bosasso", "Босасо", "bwsasw", "BSA", "Bosaso", "Bosasso", "Selon", "Station"]
    common = (frozenset({"selon"}), frozenset({"station"}))
    assert kept(alts, "Bosaso", 1000, common) == ["Bosasso"]
    assert kept(["Station"], "Bosaso", 200000, common) == ["Station"]  # a sizeable place keeps its exonyms


def _source(tmp_path, lines: list[str]):
    path = tmp_path / "alternates.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fp:
        fp.write("".join(line + "\n" for line in lines))
    return path


def test_index_points_alternates_at_rows_and_skips_taken_and_generic_keys(tmp_path):
    many = [f"{100 + n}\tCentro Viejo" for n in range(MAX_SHARED + 1)]  # a generic alternate of many places
    source = _source(tmp_path, ["1\tOuterham|Kingsbridge", "2\tOuterham Town", "3\tNowhere Else", *many])
    rows = {1: 10, 2: 20, **{100 + n: 100 + n for n in range(MAX_SHARED + 1)}}  # id 3 is not in the gazetteer
    index = AlternateNames(tmp_path / "cache" / "alt.sqlite", lambda: iter(rows.items()),
                           lambda k: k == "kingsbridge", source)
    assert index.rows("outerham") == [10]
    assert index.rows("outerham town") == [20]
    assert index.rows("kingsbridge") == []  # taken: it names something in the gazetteer
    assert index.rows("nowhere else") == []
    assert index.rows("centro viejo") == []
    assert (tmp_path / "cache" / "alt.sqlite").exists()
    again = AlternateNames(tmp_path / "cache" / "alt.sqlite", lambda: iter(()), lambda k: False, source)
    assert again.rows("outerham") == [10]  # read from the file built before, not rebuilt


def test_index_without_a_cache_directory_lives_in_memory(tmp_path):
    source = _source(tmp_path, ["7\tPort Alderney"])
    index = AlternateNames(None, lambda: iter({7: 70}.items()), lambda k: False, source)
    assert index.rows("port alderney") == [70]
    assert list(read_source(source)) == [(7, ["Port Alderney"])]


def test_index_with_no_shipped_file_finds_nothing(tmp_path):
    index = AlternateNames(tmp_path / "alt.sqlite", lambda: iter({7: 70}.items()), lambda k: False,
                           tmp_path / "absent.tsv.gz")
    assert index.rows("port alderney") == []
