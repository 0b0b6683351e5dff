"""tally's figures on real press reports (press-dev), per language and per split.

    PRESS_DEV=/path/to/texts .venv/bin/python bench/bench_press.py [--data ../shared/data/press-dev]
        [--no-date] [--show-misses]

The labels (``gold.jsonl``, ``events.jsonl``) are read from ``--data`` (default
``../shared/data/press-dev`` beside the repository); the texts, third-party
press that is never kept in the project, from ``$PRESS_DEV/<id>.txt``. When
``PRESS_DEV`` is unset or holds none of the ids the benchmark prints one line
and exits 0; a report whose text is absent is skipped and counted. U+00A0,
U+202F and U+2007 are read as spaces.

Each report is fed to tally as ``tally ingest reports.csv --text-column text
--id-column id --date-column date`` would: a temporary CSV (``id``, ``date``,
``text``; ``date`` = the event's day + 1, empty with ``--no-date``) read by the
CSV reader, each row extracted with :func:`tally.extract.extract`, and every
report of a split ingested into a fresh SQLite store with linking on.

The split is by event, fixed once: ``sha1(slug).digest()[0] % 3 == 0`` is
validation, the rest tuning. Measures (docs/accuracy.md, "Press reports"):

- toll among claims: some claim counting ``killed`` has ``low`` (its figure; a
  range's lower end) equal to gold ``killed.figure``; reports with a null gold
  ``killed`` are not counted;
- own best: the record's ``casualties.killed.best`` equals ``killed.figure``
  (same reports);
- day within one: the record's date has a day precision (``start`` a full
  date), spans at most three days (``end - start <= 2``) and overlaps
  [event - 1, event + 1]; a month, a week or an undated record does not count;
- country: the record's ``location.country_iso3`` equals the event's;
- incidents: B-cubed precision / recall / F1 of the store's incidents against
  ``event`` (:func:`tally.link.bcubed`); per language, the same grouping
  restricted to that language's reports.

``--show-misses`` prints one line per miss of a tuning report (id, measure,
expected, got: figures, dates and ids only, never text); validation reports are
scored, never listed.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "press-dev"
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})
PARTS = ("tuning", "validation")
LANGS = ("fr", "en")
MEASURES = (("toll", "toll among claims"), ("best", "own best killed"),
            ("day", "day within one"), ("country", "country"))
OPTIONS = {"text_column": "text", "id_column": "id", "date_column": "date"}


def split_of(slug: str) -> str:
    """The part of an event, fixed by a hash of its slug."""
    return "validation" if hashlib.sha1(slug.encode("utf-8")).digest()[0] % 3 == 0 else "tuning"


def day_within_one(rec: dict, event_day: str) -> bool:
    """The record's date is a day, or a span of at most three days, overlapping
    the event's day +- 1."""
    d = rec.get("date") or {}
    start = d.get("start") or ""
    end = d.get("end") or start
    if len(start) < 10 or len(end) < 10:
        return False
    lo, hi, day = date.fromisoformat(start[:10]), date.fromisoformat(end[:10]), date.fromisoformat(event_day)
    return (hi - lo).days <= 2 and lo <= day + timedelta(days=1) and hi >= day - timedelta(days=1)


def killed_claims(rec: dict) -> list[int]:
    return [c["low"] for c in rec.get("claims") or []
            if "killed" in (c.get("categories") or []) and c.get("low") is not None]


def _shape(rec: dict, want: int, best: int | None) -> str:
    """A miss described by counts only (never its words): whether the main toll is a claim, how
    many claims and sentences the best rests on, and how far off it is."""
    killed = rec.get("casualties", {}).get("killed") or {}
    used = [rec["claims"][i] for i in killed.get("claims") or [] if i < len(rec.get("claims") or [])]
    sents = {c.get("start") for c in used}
    first = next((c for c in rec.get("claims") or [] if "killed" in (c.get("categories") or [])), None)
    where = "first claim" if first is not None and first.get("low") == want else \
        "a later claim" if want in killed_claims(rec) else "no claim"
    ratio = "-" if best is None or not want else "<=1.5x" if best <= 1.5 * want else "<=3x" if best <= 3 * want else ">3x"
    return f"toll is {where}, best from {len(used)} claim(s) in {len(sents)} sentence(s), {ratio}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT, help="folder with gold.jsonl and events.jsonl")
    ap.add_argument("--no-date", action="store_true", help="leave the date column empty (text alone)")
    ap.add_argument("--show-misses", action="store_true", help="one line per miss of a tuning report")
    args = ap.parse_args()

    def jsonl(name: str) -> list[dict]:
        path = args.data / name
        if not path.is_file():
            sys.exit(f"bench_press: no {path} (--data names the press-dev folder)")
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    gold, events = jsonl("gold.jsonl"), {e["event"]: e for e in jsonl("events.jsonl")}
    texts_dir = os.environ.get("PRESS_DEV", "").strip()
    texts = {}
    if texts_dir:
        for g in gold:
            path = Path(texts_dir) / f"{g['id']}.txt"
            if path.is_file():
                texts[g["id"]] = path.read_text(encoding="utf-8").translate(SPACES)
    if not texts:
        print(f"bench_press: skipped, PRESS_DEV {'is unset' if not texts_dir else f'({texts_dir}) holds none of the ids'}"
              " (the press-dev texts are kept outside the project: see its README)")
        return
    print(f"press-dev: {len(texts)} of {len(gold)} texts present (the others skipped); "
          f"{'no date column' if args.no_date else 'date column = the event day + 1'}")
    gold = [g for g in gold if g["id"] in texts]

    from tally.extract import extract
    from tally.link import bcubed
    from tally.model import to_dict
    from tally.readers import read
    from tally.store import Store, ingest_documents
    from tally.store import schema as t

    part_of = {g["id"]: split_of(g["event"]) for g in gold}
    for p in PARTS:
        evs = {g["event"] for g in gold if part_of[g["id"]] == p}
        per_lang = {lang: sum(1 for g in gold if part_of[g["id"]] == p and g["lang"] == lang) for lang in LANGS}
        print(f"  {p:<10} {len(evs):>2} events, {sum(per_lang.values()):>2} reports ("
              + ", ".join(f"{lang} {k}" for lang, k in per_lang.items()) + ")")

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "reports.csv"
        with open(feed, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "date", "text"])
            for g in gold:
                day = date.fromisoformat(events[g["event"]]["date"]) + timedelta(days=1)
                w.writerow([g["id"], "" if args.no_date else day.isoformat(), texts[g["id"]]])
        docs = {}
        for doc in read(feed, "csv", **OPTIONS):
            if not hasattr(doc, "text"):
                sys.exit(f"bench_press: {doc}")
            docs[doc.id] = doc

        extract(docs[gold[0]["id"]])  # warm-up: the gazetteer, spaCy and the language profiles load untimed
        t0 = time.perf_counter()
        incidents = {rid: extract(doc) for rid, doc in docs.items()}
        extract_s = time.perf_counter() - t0
        recs = {rid: to_dict(inc) for rid, inc in incidents.items()}

        got_incident: dict[str, str] = {}
        toll_of: dict[str, tuple] = {}  # incident id -> (killed low, best, high)
        store_s = 0.0
        for p in PARTS:
            ids = [g["id"] for g in gold if part_of[g["id"]] == p]
            if not ids:
                continue
            with Store(f"sqlite:///{Path(tmp) / f'{p}.db'}", link=True) as store:
                t0 = time.perf_counter()
                result = ingest_documents(store, [docs[i] for i in ids], extractor=lambda d: incidents[d.id])
                store_s += time.perf_counter() - t0
                if result.failed:
                    sys.exit("\n".join(result.failed))
                with store.read() as conn:
                    got_incident.update(conn.execute(
                        sa.select(t.reports.c.id, t.incidents.c.id)
                        .join(t.incidents, t.incidents.c.pk == t.reports.c.incident_pk)).all())
                    toll_of.update({i: (lo, be, hi) for i, lo, be, hi in conn.execute(
                        sa.select(t.incidents.c.id, t.incidents.c.killed_low, t.incidents.c.killed_best,
                                  t.incidents.c.killed_high)).all()})

    # per (part, lang, measure): [hits, counted]
    score: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    miss_kinds: Counter = Counter()
    miss_shapes: Counter = Counter()
    lang_ok = 0
    for g in gold:
        rid, rec, ev = g["id"], recs[g["id"]], events[g["event"]]
        lang_ok += rec.get("language") == g["lang"]
        hits: dict[str, tuple[bool, object, object]] = {}
        want = (g.get("killed") or {}).get("figure")
        if want is not None:
            claims = killed_claims(rec)
            best = ((rec.get("casualties") or {}).get("killed") or {}).get("best")
            hits["toll"] = (want in claims, want, claims)
            hits["best"] = (best == want, want, best)
            if best != want:  # a count of miss kinds per split, like bench_geo's: never the reports themselves
                rule = (((rec.get("casualties") or {}).get("killed") or {}).get("rule") or "none").split("+")
                kind = "none" if best is None else ("above" if best > want else "below")
                miss_kinds[(part_of[rid], f"{kind}, {rule[0]}{'+update' if 'update' in rule else ''}")] += 1
                miss_shapes[(part_of[rid], _shape(rec, want, best))] += 1
        d = rec.get("date") or {}
        hits["day"] = (day_within_one(rec, ev["date"]), ev["date"], f"{d.get('start')}..{d.get('end')}")
        iso3 = (rec.get("location") or {}).get("country_iso3")
        hits["country"] = (iso3 == ev["country_iso3"], ev["country_iso3"], iso3)
        for m, (ok, expected, got) in hits.items():
            cell = score[(part_of[rid], g["lang"], m)]
            cell[0] += ok
            cell[1] += 1
            if not ok and part_of[rid] == "tuning":
                misses.append(f"  {rid} {g['lang']} {m}: expected {expected} got {got}")
    truth = {g["id"]: g["event"] for g in gold}
    lang_of = {g["id"]: g["lang"] for g in gold}
    for rid, mine in got_incident.items():  # tuning reports whose incident is not exactly their event's reports
        if part_of[rid] != "tuning":
            continue
        same_event = sorted(r for r in got_incident if truth[r] == truth[rid])
        same_incident = sorted(r for r, inc in got_incident.items() if inc == mine)
        if same_event != same_incident:
            misses.append(f"  {rid} incident: expected {','.join(same_event)} got {','.join(same_incident)}")

    print(f"\n{'':20}" + "".join(f"{lang + ' ' + p:>22}" for p in PARTS for lang in LANGS))
    for m, label in MEASURES:
        cells = []
        for p in PARTS:
            for lang in LANGS:
                ok, n = score[(p, lang, m)]
                cells.append(f"{ok / n:.2f} ({ok}/{n})" if n else "-")
        print(f"{label:<20}" + "".join(f"{c:>22}" for c in cells))
    print()
    for p in PARTS:
        for lang in (*LANGS, None):
            ids = [r for r in got_incident if part_of[r] == p and (lang is None or lang_of[r] == lang)]
            if not ids:
                continue
            s = bcubed({r: got_incident[r] for r in ids}, {r: truth[r] for r in ids})
            n_inc = len({got_incident[r] for r in ids})
            n_ev = len({truth[r] for r in ids})
            print(f"incidents {p:<10} {lang or 'all':<3} B-cubed precision {s['precision']:.2f} recall "
                  f"{s['recall']:.2f} F1 {s['f1']:.2f} ({len(ids)} reports of {n_ev} events -> {n_inc} incidents)")
    for p in PARTS:
        kinds = {k: n for (q, k), n in miss_kinds.items() if q == p}
        if kinds:
            print(f"own best killed misses by kind, {p}: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
        shapes = {k: n for (q, k), n in miss_shapes.items() if q == p}
        if shapes:
            print(f"own best killed misses by shape, {p}: " + "; ".join(f"{k}: {n}" for k, n in sorted(shapes.items())))
    # each event's main incident (the one holding most of its reports): its best killed within the
    # event's reports' main tolls (10% either side), its low at least half the smallest of them
    print()
    for p in PARTS:
        hit = n_ev = 0
        for ev in sorted({truth[r] for r in got_incident if part_of[r] == p}):
            tolls = [(g.get("killed") or {}).get("figure") for g in gold if g["event"] == ev]
            tolls = [x for x in tolls if x is not None]
            if not tolls:
                continue
            mine = Counter(got_incident[r] for r in got_incident if truth[r] == ev).most_common(1)[0][0]
            low, best, _ = toll_of.get(mine, (None, None, None))
            ok = best is not None and min(tolls) * 0.9 <= best <= max(tolls) * 1.1 and \
                low is not None and low >= min(tolls) / 2
            hit += ok
            n_ev += 1
            if not ok and p == "tuning":
                misses.append(f"  {ev} incident toll: reports say {sorted(tolls)} got {low}/{best}")
        if n_ev:
            print(f"incidents {p:<10} main incident's best killed within the reports' tolls, low >= half: "
                  f"{hit / n_ev:.2f} ({hit}/{n_ev})")
    n = len(recs)
    print(f"\nlanguage detected right {lang_ok}/{n}; extract {n / extract_s:.1f} reports/s "
          f"({1e3 * extract_s / n:.0f} ms each), store and link {n / store_s:.0f} reports/s")
    if args.show_misses:
        print(f"\nmisses on tuning reports ({len(misses)}):")
        print("\n".join(misses))


if __name__ == "__main__":
    main()
