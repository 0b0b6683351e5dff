"""Accuracy of tally's totals, dates and countries on real encyclopedia pages (wiki-dev).

    .venv/bin/python bench/bench_wiki.py [--data ../shared/data/wiki-dev] [--errors N]

Reads every ``pages/<id>.txt`` with tally's plain-text reader, extracts its
record and compares it with ``gold.jsonl`` (the data set's README gives the
labelling rules): exact match of ``casualties.killed.low`` / ``.high`` and
``casualties.injured.low`` / ``.high`` with the labelled total (a null label
matches no figure or an open high), the first day of the event (the label's
precision: a day, a month or a year) and the country. Prints each figure for all
pages and for the tuning and validation parts (the fixed 70/30 split of
:func:`tally.evaluate.split_of` by page id), and docs/s. ``--errors N`` lists N
tuning pages with a wrong figure; validation pages are scored, never listed.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from tally.evaluate import PARTS, split_of
from tally.extract import extract
from tally.lookup.gazetteer import country_by_name
from tally.readers import read

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "wiki-dev"
FIELDS = {"killed_low": ("killed", "low"), "killed_high": ("killed", "high"),
          "injured_low": ("injured", "low"), "injured_high": ("injured", "high")}


def _figure(rec, cat: str, bound: str):
    est = rec.casualties.get(cat)
    return None if est is None else getattr(est, bound)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT))
    ap.add_argument("--errors", type=int, default=0, help="list this many tuning pages with a wrong figure")
    args = ap.parse_args()
    root = Path(args.data)
    gold = [json.loads(line) for line in (root / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    docs = {}
    for g in gold:
        (doc,) = list(read(root / "pages" / f"{g['id']}.txt"))
        docs[g["id"]] = doc
    extract(docs[gold[0]["id"]])  # warm-up: the gazetteer and spaCy load before timing
    t0 = time.perf_counter()
    recs = {gid: extract(doc) for gid, doc in docs.items()}
    elapsed = time.perf_counter() - t0

    ok: dict[str, Counter[str]] = {p: Counter() for p in ("all", *PARTS)}
    wrong = []
    for g in gold:
        rec = recs[g["id"]]
        part = split_of(g["id"])
        hits = {f: _figure(rec, cat, bound) == g[f] for f, (cat, bound) in FIELDS.items()}
        want = g.get("date_start") or ""
        got = rec.date.start if rec.date and rec.date.start else ""
        hits["date"] = bool(want) and got[:len(want)] == want
        country = country_by_name(g.get("country") or "")
        hits["country"] = bool(country) and rec.location is not None and \
            rec.location.country_iso3 == country.iso3
        for p in ("all", part):
            ok[p]["pages"] += 1
            ok[p].update({k: int(v) for k, v in hits.items()})
        if part == "tuning" and not all(hits[f] for f in FIELDS):
            wrong.append((g, {f: _figure(rec, *FIELDS[f]) for f in FIELDS}))
    print(f"pages {ok['all']['pages']} (tuning {ok['tuning']['pages']}, validation {ok['validation']['pages']})"
          f"  {len(gold) / elapsed:.1f} docs/s")
    print(f"{'':14}{'all':>6} {'tuning':>7} {'validation':>10}")
    for key in (*FIELDS, "date", "country"):
        cells = [ok[p][key] / ok[p]["pages"] if ok[p]["pages"] else 0.0 for p in ("all", *PARTS)]
        print(f"{key:<14}{cells[0]:>6.3f} {cells[1]:>7.3f} {cells[2]:>10.3f}")
    for g, got in wrong[:args.errors]:
        want = {f: g[f] for f in FIELDS}
        print(f"- {g['id']} {g['title']}: gold {want} got {got}")


if __name__ == "__main__":
    main()
