"""The actor table: canonical names and aliases of ``data/actors.csv``.

Actor names are compared through :func:`actor_key`, which folds case,
accents, apostrophes, hyphens and spaces, so "Jama'at Nasr al-Islam
wal-Muslimin" and "Jama'at Nasr al-Islam wal Muslimin" are one actor. The
table also gives each actor's country, which the place resolvers weigh, and
its names in ACLED, GTD and UCDP (:class:`DatasetNames`, docs/typology.md).

An alias two rows share ("ADF": the Allied Democratic Forces of eastern DR
Congo and the Ambazonia Defence Forces of Cameroon) is resolved by
:meth:`ActorTable.resolve`: the row the text names by a name of its own,
else the row of the record's country; :meth:`ActorTable.lookup`, which has no
country, keeps the first row of the file.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

_FOLD_RE = re.compile(r"[^a-z0-9]+")


def actor_key(name: str) -> str:
    """A folded comparison key: lower case, no accents, letters and digits only."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _FOLD_RE.sub("", text)


@dataclass(frozen=True, slots=True)
class DatasetNames:
    """An actor's names in ACLED, GTD and UCDP (empty: the dataset has none
    or tally does not know it), ACLED's actor type code (``inter1``: 1 state
    forces, 2 rebel group, 3 political militia, 4 identity militia, 8 external
    or other forces; 0 unknown) and which of the names tally is not sure of
    (``unsure``: ``acled``, ``gtd``, ``ucdp``). An ACLED name may hold
    ``{country}``, the record's country ("Islamic State ({country})")."""

    acled: str = ""
    acled_inter: int = 0
    gtd: str = ""
    ucdp: str = ""
    unsure: tuple[str, ...] = ()


def _is_acronym(name: str) -> bool:
    return len(name) <= 5 and name.replace(".", "").isupper()


class ActorTable:
    """Canonical names and aliases of ``data/actors.csv``."""

    def __init__(self, path: Path = DATA / "actors.csv") -> None:
        self.by_key: dict[str, tuple[str, list[str]]] = {}
        self.by_acronym: dict[str, tuple[str, list[str]]] = {}
        self.countries: dict[str, str] = {}  # canonical name -> ISO3 (state, or main theatre)
        self.kinds: dict[str, str] = {}  # canonical name -> state, armed group, organization...
        self.datasets: dict[str, DatasetNames] = {}  # canonical name -> its names in ACLED, GTD, UCDP
        self.entries: dict[str, tuple[str, list[str]]] = {}  # canonical name -> (name, aliases)
        self._all: dict[str, list[tuple[str, list[str]]]] = {}  # acronym or folded key -> every row naming it
        with open(path, encoding="utf-8", newline="") as fp:
            for line, row in enumerate(csv.DictReader(fp), start=2):
                if not row.get("name") or row.get("aliases") is None:
                    raise ValueError(f"{path}: row {line}: a name and an aliases column are needed")
                aliases = [a for a in row["aliases"].split("|") if a]
                entry = (row["name"], aliases)
                self.entries.setdefault(row["name"], entry)
                if row.get("country_iso3"):
                    self.countries[row["name"]] = row["country_iso3"]
                self.kinds[row["name"]] = row.get("kind") or ""
                inter = (row.get("acled_inter") or "0").strip()
                if not inter.isdigit():
                    raise ValueError(f"{path}: row {line}: acled_inter {inter!r} is not an ACLED actor code")
                self.datasets[row["name"]] = DatasetNames(
                    row.get("acled_name") or "", int(inter), row.get("gtd_name") or "", row.get("ucdp_name") or "",
                    tuple(u for u in (row.get("unsure") or "").split("|") if u))
                for name in [row["name"], *aliases]:
                    if _is_acronym(name):
                        self.by_acronym.setdefault(name, entry)  # "IS", "AU": exact case only
                        key = name
                    else:
                        key = actor_key(name)
                        self.by_key.setdefault(key, entry)
                    rows = self._all.setdefault(key, [])
                    if entry not in rows:
                        rows.append(entry)

    def lookup(self, name: str) -> tuple[str, list[str]] | None:
        """The (canonical name, aliases) for ``name``, if the table knows it
        (the first row of the file when several share the name)."""
        name = name.strip()
        if name in self.by_acronym:
            return self.by_acronym[name]
        if len(name) >= 4 and name.istitle() and name.isalpha() and name.upper() in self.by_acronym:
            return self.by_acronym[name.upper()]  # "Jnim", "Aqmi": an acronym written as a word
        key = actor_key(name)
        if key.startswith("the") and key[3:] in self.by_key:
            key = key[3:]
        return self.by_key.get(key)

    def lookup_all(self, name: str) -> list[tuple[str, list[str]]]:
        """Every row whose canonical name or alias is ``name`` (several for an
        alias two groups share), in file order."""
        name = name.strip()
        if name in self._all and _is_acronym(name):
            return list(self._all[name])
        key = actor_key(name)
        if key.startswith("the") and key[3:] in self._all:
            key = key[3:]
        return list(self._all.get(key, []))

    def shared(self, canonical: str) -> list[str]:
        """The canonical names of the rows that share a name or an alias with
        ``canonical``'s row, itself first; ``[canonical]`` when none does."""
        entry = self.entries.get(canonical)
        out = [canonical]
        if entry is None:
            return out
        for name in [entry[0], *entry[1]]:
            for other, _ in self._all.get(name if _is_acronym(name) else actor_key(name), []):
                if other not in out:
                    out.append(other)
        return out

    def resolve(self, canonical: str, written: list[str], country_iso3: str | None = None,
                text: str = "") -> str:
        """The row an actor stands for when a name it is known by is shared
        ("ADF"): among the rows sharing a name with ``canonical``'s, the one
        ``text`` names by a name only it has ("Ambazonia Defence Forces"),
        else the one of ``country_iso3``, else ``canonical``. ``written``: the
        names the actor was found under."""
        rows = self.shared(canonical)
        if len(rows) == 1:
            return canonical
        names_of = {r: [self.entries[r][0], *self.entries[r][1]] for r in rows}
        counts: dict[str, int] = {}
        for r in rows:
            for n in names_of[r]:
                k = actor_key(n) if not _is_acronym(n) else n
                counts[k] = counts.get(k, 0) + 1
        own = {r: [n for n in names_of[r] if counts[actor_key(n) if not _is_acronym(n) else n] == 1
                   and len(n) >= 4] for r in rows}
        by_written = [r for r in rows if any(actor_key(w) == actor_key(n) for w in written for n in own[r])]
        if len(by_written) == 1:
            return by_written[0]
        if text:
            folded = " " + " ".join(re.findall(r"[a-z0-9]+", _fold(text))) + " "
            named = [r for r in rows if any(_named(n, text, folded) for n in own[r])]
            if len(named) == 1:
                return named[0]
        if country_iso3:
            here = [r for r in rows if self.countries.get(r) == country_iso3]
            if len(here) == 1:
                return here[0]
        return canonical


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _named(name: str, text: str, folded: str) -> bool:
    """Whether ``text`` names ``name`` (an acronym: in its exact case; a name:
    its folded words)."""
    if _is_acronym(name):
        return re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text) is not None
    words = " ".join(re.findall(r"[a-z0-9]+", _fold(name)))
    return bool(words) and f" {words} " in folded


@lru_cache(maxsize=1)
def actor_table() -> ActorTable:
    """The actor table, loaded once."""
    return ActorTable()
