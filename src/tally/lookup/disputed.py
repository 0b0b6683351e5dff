"""Country codes for places in disputed territories, per a convention
(``data/disputed.csv``; see docs/geo.md).

``iso`` (the default) gives the ISO 3166-1 entity the place lies in (Gaza
and the West Bank PSE, Western Sahara ESH, Crimea UKR) and Kosovo the
user-assigned XKX; ``iso-strict`` gives Kosovo SRB (ISO 3166-2:RS-KM);
``de-facto`` gives the administering state (Crimea RUS, Western Sahara MAR).
The convention is read from ``$TALLY_DISPUTED`` when not passed.
"""

from __future__ import annotations

import csv
import os
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
POLICIES = ("iso", "iso-strict", "de-facto")


@lru_cache(maxsize=1)
def _rules() -> list[dict]:
    out = []
    with open(DATA / "disputed.csv", encoding="utf-8", newline="") as fp:
        for row in csv.DictReader(fp):
            box = tuple(float(x) for x in row["box"].split(":")) if row["box"] else None
            out.append({"territory": row["territory"], "iso3_in": set(row["iso3_in"].split("|")),
                        "admin1_in": {a for a in row["admin1_in"].split("|") if a}, "box": box,
                        **{p: row[p] for p in POLICIES}})
    return out


def policy() -> str:
    """The convention in force: ``$TALLY_DISPUTED`` when it names one, else ``iso``."""
    p = os.environ.get("TALLY_DISPUTED", "iso").strip().lower()
    return p if p in POLICIES else "iso"


def territory(iso3: str | None, admin1: str | None = None, lat: float | None = None,
              lon: float | None = None) -> str | None:
    """The disputed territory a place lies in, or None."""
    if not iso3:
        return None
    for r in _rules():
        if iso3 not in r["iso3_in"]:
            continue
        if r["admin1_in"]:
            if admin1 in r["admin1_in"]:
                return r["territory"]
            continue
        if r["box"] is not None:
            if lat is None or lon is None:
                continue  # a whole country: only its own code decides (below)
            s, n, w, e = r["box"]
            if s <= lat <= n and w <= lon <= e:
                return r["territory"]
            continue
        return r["territory"]
    return None


def country_code(iso3: str | None, admin1: str | None = None, lat: float | None = None,
                 lon: float | None = None, convention: str | None = None) -> str | None:
    """``iso3`` as the convention codes the place: unchanged outside the
    disputed territories."""
    name = territory(iso3, admin1, lat, lon)
    if name is None:
        return iso3
    conv = convention if convention in POLICIES else policy()
    rule = next(r for r in _rules() if r["territory"] == name)
    return rule[conv] or iso3
