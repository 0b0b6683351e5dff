"""Geocoding benchmark on the WAD dev set (issue 5).

Runs ``tally.extract.extract`` on ``Document.from_text(description,
format="csv")`` for every row of ``../shared/data/wad/wad-dev.csv`` and prints
country accuracy (predicted ``location.country_iso3`` equals the coded
``country_iso3``; WAD's non-ISO "ELS" is read as SLV), the share of rows
whose predicted point lies within 161 km of the coded point, and documents
per second (whole extraction, and ``fill_facts`` alone; the gazetteer and the
spaCy pipeline are loaded before timing), for all rows and for the tuning and
validation parts (a fixed 70/30 split by a hash of ``wad_row``,
:func:`tally.evaluate.split_of`). ``--errors N`` lists N misses of the tuning
part by kind; the validation rows are scored, never listed.

    .venv/bin/python bench/bench_geo.py [--path CSV] [--errors 20]
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from pathlib import Path

from tally.evaluate import split_of
from tally.extract import extract
from tally.facts import fill_facts
from tally.lookup.gazetteer import gazetteer
from tally.model import Document, Incident
from tally.where.nerplaces import entities
from tally.where.places import km

#: WAD country codes that are not ISO 3166-1 alpha-3 (El Salvador is coded "ELS", ISO says "SLV")
GOLD_CODES = {"ELS": "SLV"}

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "wad" / "wad-dev.csv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", default=str(DEFAULT))
    ap.add_argument("--errors", type=int, default=0, help="list this many misses")
    ap.add_argument("--facts-only", action="store_true", help="time fill_facts only, skip extract")
    args = ap.parse_args()
    with open(args.path, encoding="utf-8", newline="") as fp:
        rows = list(csv.DictReader(fp))
    t0 = time.perf_counter()
    gazetteer()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    entities("Gunmen attacked a market in Bamako.")  # the spaCy pipeline of the NER fallback
    load_nlp = time.perf_counter() - t0
    docs = [Document.from_text(r["description"], source=f"wad#row={r['wad_row']}", format="csv",
                               meta={"row": r["wad_row"]}) for r in rows]

    t0 = time.perf_counter()
    facts = []
    for d in docs:
        inc = Incident(id="x", title=None, source={})
        fill_facts(d, inc)
        facts.append(inc)
    t_facts = time.perf_counter() - t0
    incidents = facts
    t_extract = None
    if not args.facts_only:
        t0 = time.perf_counter()
        incidents = [extract(d) for d in docs]
        t_extract = time.perf_counter() - t0

    country_ok = near_ok = 0
    part_ok: dict[str, Counter[str]] = {"tuning": Counter(), "validation": Counter()}
    kinds: Counter[str] = Counter()
    misses = []
    for r, inc in zip(rows, incidents):
        loc = inc.location
        ok_c = loc is not None and loc.country_iso3 == GOLD_CODES.get(r["country_iso3"], r["country_iso3"])
        ok_d = (loc is not None and loc.lat is not None and r["lat"] and
                km(loc.lat, loc.lon, float(r["lat"]), float(r["lon"])) <= 161)
        country_ok += ok_c
        near_ok += bool(ok_d)
        part = split_of(r["wad_row"])
        part_ok[part].update(rows=1, country=int(ok_c), near=int(bool(ok_d)))
        if not ok_d and loc is not None and loc.lat is not None and r["lat"] and any(
                km(loc.lat, loc.lon, a, b) <= 161 for a, b in
                ((float(r["lat"]), -float(r["lon"])), (-float(r["lat"]), float(r["lon"])),
                 (-float(r["lat"]), -float(r["lon"])))):
            kinds["gold sign flipped"] += 1  # our point matches the coded one with a sign changed
        if not ok_d:
            kind = ("no location" if loc is None else "wrong country" if not ok_c
                    else f"far ({loc.precision})")
            kinds[kind] += 1
            if part == "tuning":
                misses.append((kind, r, loc))
    n = len(rows)
    print(f"rows {n}  gazetteer load {load:.2f} s  spaCy load {load_nlp:.2f} s (both before timing)")
    tu, va = part_ok["tuning"], part_ok["validation"]
    print(f"{'':19}{'all':>6} {'tuning':>7} {'validation':>10}")
    print(f"country accuracy   {country_ok / n:.3f} {tu['country'] / tu['rows']:>7.3f} "
          f"{va['country'] / va['rows']:>10.3f}")
    print(f"within 161 km      {near_ok / n:.3f} {tu['near'] / tu['rows']:>7.3f} {va['near'] / va['rows']:>10.3f}")
    flipped = kinds["gold sign flipped"]
    print(f"within 161 km, the {flipped} rows whose coded point matches ours with a sign changed left out: "
          f"{near_ok / (n - flipped):.3f}")
    print(f"fill_facts         {n / t_facts:,.0f} docs/s ({1000 * t_facts / n:.3f} ms/doc)")
    if t_extract is not None:
        print(f"extract (all)      {n / t_extract:,.0f} docs/s ({1000 * t_extract / n:.3f} ms/doc)")
    print("misses by kind (all rows):", dict(kinds))
    for kind, r, loc in misses[: args.errors]:
        got = f"{loc.name} {loc.country_iso3} {loc.precision}" if loc else "-"
        gold = f"{r['country_iso3']} {r['region']}/{r['locality']}"
        print(f"- [{kind}] gold {gold} | got {got} | {r['description'][:160]}")


if __name__ == "__main__":
    main()
