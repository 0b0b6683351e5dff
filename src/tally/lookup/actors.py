"""The actor table: canonical names and aliases of ``data/actors.csv``.

Actor names are compared through :func:`actor_key`, which folds case,
accents, apostrophes, hyphens and spaces, so "Jama'at Nasr al-Islam
wal-Muslimin" and "Jama'at Nasr al-Islam wal Muslimin" are one actor. The
table also gives each actor's country, which the place resolvers weigh.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

_FOLD_RE = re.compile(r"[^a-z0-9]+")


def actor_key(name: str) -> str:
    """A folded comparison key: lower case, no accents, letters and digits only."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _FOLD_RE.sub("", text)


class ActorTable:
    """Canonical names and aliases of ``data/actors.csv``."""

    def __init__(self, path: Path = DATA / "actors.csv") -> None:
        self.by_key: dict[str, tuple[str, list[str]]] = {}
        self.by_acronym: dict[str, tuple[str, list[str]]] = {}
        self.countries: dict[str, str] = {}  # canonical name -> ISO3 (state, or main theatre)
        self.kinds: dict[str, str] = {}  # canonical name -> state, armed group, organization...
        with open(path, encoding="utf-8", newline="") as fp:
            for row in csv.DictReader(fp):
                aliases = [a for a in row["aliases"].split("|") if a]
                entry = (row["name"], aliases)
                if row.get("country_iso3"):
                    self.countries[row["name"]] = row["country_iso3"]
                self.kinds[row["name"]] = row.get("kind") or ""
                for name in [row["name"], *aliases]:
                    if len(name) <= 5 and name.replace(".", "").isupper():
                        self.by_acronym.setdefault(name, entry)  # "IS", "AU": exact case only
                    else:
                        self.by_key.setdefault(actor_key(name), entry)

    def lookup(self, name: str) -> tuple[str, list[str]] | None:
        """The (canonical name, aliases) for ``name``, if the table knows it."""
        name = name.strip()
        if name in self.by_acronym:
            return self.by_acronym[name]
        if len(name) >= 4 and name.istitle() and name.isalpha() and name.upper() in self.by_acronym:
            return self.by_acronym[name.upper()]  # "Jnim", "Aqmi": an acronym written as a word
        key = actor_key(name)
        if key.startswith("the") and key[3:] in self.by_key:
            key = key[3:]
        return self.by_key.get(key)


@lru_cache(maxsize=1)
def actor_table() -> ActorTable:
    """The actor table, loaded once."""
    return ActorTable()
