"""Throughput of French reports against English reports (issue 16).

    .venv/bin/python bench/bench_languages.py [--rounds 30]

Extracts the French example reports (``examples/*_fr.txt``) and the English
plain-text example reports (``examples/news_report.txt`` and the English
sentences of the reports in ``examples/reports.csv``) ``--rounds`` times each,
after a warm-up that loads the gazetteer, the language detector and any
pipeline, and prints characters per second for each language and the ratio
of French time to English time per character (goal: at most 1.5).
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from tally.extract import extract
from tally.model import Document

ROOT = Path(__file__).resolve().parent.parent / "examples"


def _docs() -> dict[str, list[Document]]:
    fr = [Document.from_text(p.read_text(encoding="utf-8"), source=str(p), format="text")
          for p in sorted(ROOT.glob("*_fr.txt"))]
    en = [Document.from_text((ROOT / "news_report.txt").read_text(encoding="utf-8"), source="news", format="text")]
    with open(ROOT / "reports.csv", encoding="utf-8", newline="") as fh:
        en += [Document.from_text(r["text"], source=f"reports#{r['id']}", format="csv", meta={"date": r["date"]})
               for r in csv.DictReader(fh)]
    return {"fr": fr, "en": en}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    docs = _docs()
    for group in docs.values():
        for d in group:
            extract(d)  # warm-up
    rate = {}
    for lang, group in docs.items():
        chars = sum(len(d.text) for d in group) * args.rounds
        t0 = time.perf_counter()
        for _ in range(args.rounds):
            for d in group:
                extract(d)
        elapsed = time.perf_counter() - t0
        rate[lang] = chars / elapsed
        langs = {extract(d).language for d in group}
        print(f"{lang}: {len(group)} reports ({', '.join(sorted(langs))}), {chars // args.rounds} characters, "
              f"{rate[lang]:,.0f} characters/s, {len(group) * args.rounds / elapsed:.0f} reports/s")
    print(f"French time per character / English: {rate['en'] / rate['fr']:.2f}  (goal <= 1.5)")


if __name__ == "__main__":
    main()
