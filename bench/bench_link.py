"""Linking speed as the number of reports grows (issue 17, the library core).

    .venv/bin/python bench/bench_link.py [--sizes 10000,50000,100000]

Makes synthetic incident records (one per report): events in 40 countries,
each reported 1 to 4 times with the day off by up to one and the place moved
by up to 5 km, then adds them to a :class:`tally.link.Linker` in a shuffled
order. With ``--density fixed`` (the default) the span of days grows with the
number of reports (about ten reports a day in all), as a growing archive does;
with ``--density rising`` every size is packed into ten years, so each date
window holds more reports as the size grows. Prints, for each size, reports per
second and the time per report over the last 10% added (flat under a fixed
density means the candidate search is bounded by the date-and-country window,
not by the store's size), the B-cubed F1 against the synthetic events, and the
time of the same records with linking off (just building the records). Seeded:
every run makes the same records.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from tally.link import Linker, bcubed


def synthetic_records(n: int, span: int, seed: int = 7) -> tuple[list[tuple[str, dict]], dict[str, str]]:
    rnd = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(40)]
    out, truth = [], {}
    e = 0
    while len(out) < n:
        e += 1
        day = date(1990, 1, 1) + timedelta(days=rnd.randrange(span))
        iso = rnd.choice(countries)
        lat, lon = rnd.uniform(-30, 30), rnd.uniform(-20, 40)
        killed = rnd.randrange(1, 60)
        for r in range(rnd.randint(1, 4)):
            if len(out) >= n:
                break
            d = day + timedelta(days=rnd.choice((0, 0, 0, 1)))
            rid = f"e{e}-r{r}"
            out.append((rid, {
                "date": {"start": d.isoformat(), "end": d.isoformat(), "precision": "day"},
                "location": {"country_iso3": iso, "lat": lat + rnd.uniform(-0.04, 0.04),
                             "lon": lon + rnd.uniform(-0.04, 0.04), "precision": "exact", "admin1": "A",
                             "geonames_id": None, "name": f"P{e}"},
                "perpetrators": [], "sides": [],
                "casualties": {"killed": {"low": killed, "best": killed, "high": killed + rnd.randrange(3)}},
            }))
            truth[rid] = f"e{e}"
    rnd.shuffle(out)
    return out, truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,100000")
    ap.add_argument("--density", choices=("fixed", "rising"), default="fixed")
    args = ap.parse_args()
    for n in (int(x) for x in args.sizes.split(",")):
        t0 = time.perf_counter()
        records, truth = synthetic_records(n, n // 10 if args.density == "fixed" else 3650)
        t_build = time.perf_counter() - t0
        linker = Linker()
        t0 = time.perf_counter()
        tail_start = None
        for i, (rid, rec) in enumerate(records):
            if i == int(n * 0.9):
                tail_start = time.perf_counter()
            linker.add(rid, rec)
        t_end = time.perf_counter()
        elapsed = t_end - t0
        tail = (t_end - tail_start) / (n - int(n * 0.9))
        f1 = bcubed(linker.grouping(), truth)["f1"]
        print(f"{n:>7} reports: linking on {n / elapsed:,.0f} reports/s ({1e3 * elapsed / n:.3f} ms/report; "
              f"last 10%: {1e3 * tail:.3f} ms/report), {len(linker.incidents):,} incidents, B-cubed F1 {f1:.3f}; "
              f"linking off (records only) {n / t_build:,.0f} reports/s")


if __name__ == "__main__":
    main()
