"""Speed and accuracy of tally's casualty counts on WAD descriptions (issue 3).

    .venv/bin/python bench/bench_counts.py [--data ../shared/data/wad/wad-dev.csv] [--limit N] [--policy wad]

Prints, in one process and on one core:
  * docs/s of the whole ``tally.extract.extract`` (facts, claims, totals) over
    the descriptions, and of the casualty part alone (claims + totals);
  * the time spaCy's small English pipeline (``tally.text.nlp.get_nlp()``, full
    ``nlp.pipe``) takes just to parse the same texts, and the ratio
    extract-time / parse-time (goal: <= 1.0);
  * peak RSS of the process;
  * the accuracy figures of ``tally.evaluate.evaluate`` on the same file, for
    all rows and for its tuning and validation parts side by side (a fixed
    70/30 split by a hash of ``wad_row``; read the tuning rows only).

One-off loading (the spaCy model, any gazetteer) is done before timing: tally
extracts the first 50 documents once untimed (so every lazily loaded part,
the spaCy NER fallback of the place finder included, is loaded), the language
detector loads its profiles, and spaCy parses one warm-up sentence.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "wad" / "wad-dev.csv"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT))
    ap.add_argument("--text-column", default="description")
    ap.add_argument("--id-column", default="wad_row", help="the column the split hashes")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy parse (no ratio)")
    ap.add_argument("--policy", default="tally", help="the policy the accuracy is measured under "
                    "(wad: the atrocities dataset's own coding, civilians killed)")
    args = ap.parse_args()

    from tally.claims import extract_claims
    from tally.extract import extract
    from tally.model import Document
    from tally.reconcile.totals import casualty_totals

    with open(args.data, encoding="utf-8", newline="") as fh:
        texts = [r[args.text_column] or "" for r in csv.DictReader(fh)]
    if args.limit:
        texts = texts[:args.limit]
    docs = [Document.from_text(t, source=f"{args.data}#row={n}", format="csv",
                               meta={"row": n, "line": None, "date": None})
            for n, t in enumerate(texts, 1)]
    n = len(docs)

    from tally.text.language import langdetect_language

    langdetect_language("une phrase pour charger les profils")  # the detector's profiles load on first use
    for d in docs[:50]:  # warm-up: load everything that loads lazily
        extract(d)
    t0 = time.perf_counter()
    for d in docs:
        extract(d)
    t_extract = time.perf_counter() - t0

    t0 = time.perf_counter()
    for d in docs:
        casualty_totals(extract_claims(d, []), d)
    t_counts = time.perf_counter() - t0
    rss_tally = peak_rss_mb()

    print(f"documents: {n} ({sum(map(len, texts)) / max(n, 1):.0f} characters on average)")
    print(f"tally extract(): {t_extract:.2f} s, {n / t_extract:.0f} docs/s")
    print(f"  casualty claims + totals alone: {t_counts:.3f} s, {n / t_counts:.0f} docs/s")
    print(f"peak RSS after tally: {rss_tally:.0f} MB")

    if not args.no_spacy:
        from tally.text.nlp import get_nlp

        nlp = get_nlp()
        list(nlp.pipe(["Warm-up sentence for the parser."]))
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        t_spacy = time.perf_counter() - t0
        print(f"spaCy {nlp.meta.get('name', '?')} full parse ({', '.join(nlp.pipe_names)}): "
              f"{t_spacy:.2f} s, {n / t_spacy:.0f} docs/s")
        print(f"ratio extract / parse: {t_extract / t_spacy:.3f}  (goal <= 1.0)")
        print(f"ratio counts / parse:  {t_counts / t_spacy:.3f}")
        print(f"peak RSS with spaCy: {peak_rss_mb():.0f} MB")

    from tally.evaluate import evaluate

    rep = evaluate(args.data, text_column=args.text_column, id_column=args.id_column, policy=args.policy)
    m, parts = rep["metrics"], rep["parts"]
    head = f"accuracy (policy {args.policy}):"
    print(f"{head}{'all':>{max(43 - len(head), 4)}} {'tuning':>9} {'validation':>11}")
    for key in ("rows", "deaths_exact", "injured_exact", "deaths_interval_coverage",
                "median_high_low_ratio", "open_high_share"):
        vals = [m[key], parts["tuning"][key], parts["validation"][key]]
        cells = [f"{v:.3f}" if isinstance(v, float) else str(v) for v in vals]
        print(f"  {key:<30}{cells[0]:>12} {cells[1]:>9} {cells[2]:>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
