"""History ingest and parallel bz2 benchmark (issue 25, sections 2 and 3).

    .venv/bin/python bench/bench_history.py [--history-pages 6] [--revisions 1500]
        [--long-revisions 20000] [--pages 20000] [--seed 1] [--dir DIR [--reuse]]

In one run, on files written by ``bench/make_dump.py`` (made-up articles only):

1. **History**: a ``pages-meta-history`` style export of ``--history-pages``
   incident articles of ``--revisions`` revisions each (the toll rising now and
   then, about 1% vandalism undone minutes later, the rest edits of the
   background and reactions), as one bz2 stream. Times ``bzcat`` on it and
   ``tally ingest HISTORY`` in one process and with ``--workers 2``, each into a
   fresh SQLite file: revisions read per second, versions stored, revisions
   skipped (casualty text unchanged), versions flagged reverted, peak RSS.
2. **Flat memory**: one page of ``--long-revisions`` revisions read (not
   extracted) by the history reader in a fresh process, and one of a quarter as
   many: their peak RSS should be about the same.
3. **Plain dump against ``bzcat``**: a single-stream dump of ``--pages`` pages
   (2% incident articles): ``bzcat DUMP > /dev/null`` (the floor), two ``bzcat``
   at once (the machine's parallel capacity at that moment, 2.0 on two free
   cores); the parts alone: decompression with ``indexed_bzip2`` on all cores and
   with the bz2 module, and the parent's reading (decompression, XML, pre-filter,
   no extraction) with and without the byte-level page check
   (:mod:`tally.readers.pagescan`); then ``tally ingest DUMP --prefilter --workers
   2`` with the parallel bz2 reader and the page check, without the page check
   (``TALLY_PAGE_CHECK=0``), and, as the baseline of before issue 25, with the bz2
   module (``TALLY_BZ2_THREADS=0``): seconds, the ratio to that file's ``bzcat``
   time measured in this run, and the CPU seconds of the parent's main thread, its
   decompression threads and the workers, whose half is the least time two cores
   can take for that work.

Each run is a fresh process; peak RSS is the largest of the process and its
waited-for descendants. Other work on the machine changes the figures: the load
average before the runs and the parallel capacity are printed with them.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_dump  # noqa: E402
from bench_scale import CPU, LOADS, TALLY, THREADS, run_measured  # noqa: E402

READ_ONLY = """
import sys
from tally.readers import open_binary
from tally.readers.history import HistoryStats
from tally.readers.xmldump import read_pages
stats = HistoryStats()
with open_binary(sys.argv[1]) as fp:
    for _ in read_pages(fp, sys.argv[1], history=stats):
        pass
print(stats.revisions, stats.stored, stats.skipped, stats.reverted)
"""


def _stored(db: Path) -> tuple[int, int]:
    """(versions stored, versions flagged reverted) in a SQLite store."""
    con = sqlite3.connect(db)
    try:
        total = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        reverted = con.execute("SELECT count(*) FROM documents WHERE json_extract(meta, '$.reverted') = 1"
                               ).fetchone()[0]
    finally:
        con.close()
    return total, reverted


def _write(path: Path, reuse: bool, write) -> None:
    if reuse and path.is_file():
        print(f"reusing {path} ({path.stat().st_size / 1e6:.1f} MB)")
        return
    started = time.perf_counter()
    info = write()
    print(f"wrote {path}: {info}, {path.stat().st_size / 1e6:.1f} MB compressed, "
          f"{time.perf_counter() - started:.1f} s")


def history_part(tmp: Path, args: argparse.Namespace, rows: list[str]) -> None:
    hist = tmp / f"history-{args.history_pages}x{args.revisions}.xml.bz2"
    _write(hist, args.reuse, lambda: make_dump.write_history(args.history_pages, args.revisions, str(hist),
                                                              seed=args.seed))
    revisions = args.history_pages * args.revisions
    floor, _, _ = run_measured(["bzcat", str(hist)])
    rows.append(f"| history | `bzcat` | {floor:.2f} | {revisions / floor:,.0f} | | | | | 1.00x |")
    for name, extra in (("one process", []), ("--workers 2", ["--workers", "2"])):
        db = tmp / f"history-{'-'.join(extra) or 'one'}.db"
        db.unlink(missing_ok=True)
        seconds, rss, status = run_measured(TALLY + ["ingest", str(hist), "--db", f"sqlite:///{db}"] + extra)
        stored, reverted = _stored(db)
        parent, workers = CPU[-1]
        print(f"[history] ingest {name}: {seconds:.2f} s, {revisions:,} revisions, {revisions / seconds:,.0f} "
              f"revisions/s, {stored} stored ({stored / seconds:.1f}/s), {revisions - stored} skipped, "
              f"{reverted} reverted, peak RSS {rss:.0f} MB, CPU s parent {parent:.1f} workers {workers:.1f}"
              + ("" if status == 0 else f", exit status {status}"))
        rows.append(f"| history | `ingest` {name} | {seconds:.2f} | {revisions / seconds:,.0f} | {stored} | "
                    f"{revisions - stored} | {reverted} | {rss:.0f} MB | {seconds / floor:.2f}x |")
    for n in (args.long_revisions // 4, args.long_revisions):
        long = tmp / f"history-1x{n}.xml.bz2"
        _write(long, args.reuse, lambda: make_dump.write_history(1, n, str(long), seed=args.seed))
        seconds, rss, _ = run_measured([sys.executable, "-c", READ_ONLY, str(long)])
        print(f"[history] read only, one page of {n:,} revisions ({long.stat().st_size / 1e6:.1f} MB bz2): "
              f"{seconds:.2f} s, {n / seconds:,.0f} revisions/s, peak RSS {rss:.0f} MB")
        rows.append(f"| one page, {n:,} revisions | read only (no extraction) | {seconds:.2f} | "
                    f"{n / seconds:,.0f} | | | | {rss:.0f} MB | |")


#: tally, printing on exit the CPU seconds of its worker processes and of each of its own threads
#: (sampled every 0.1 s from /proc: the main thread parses and stores, the others decompress)
TALLY_THREADS = [sys.executable, "-c", """
import atexit, os, resource, sys, threading, time
SEEN = {}
def sample():
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                parts = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        SEEN[int(tid)] = (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")
def loop():
    while True:
        sample()
        time.sleep(0.1)
threading.Thread(target=loop, daemon=True).start()
def report():
    sample()
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    main = SEEN.get(os.getpid(), 0.0)
    sys.stderr.write(f"cpu: {s.ru_utime + s.ru_stime:.2f} {c.ru_utime + c.ru_stime:.2f}\\n")
    sys.stderr.write(f"threads: {main:.2f} {sum(SEEN.values()) - main:.2f}\\n")
atexit.register(report)
from tally.cli import app
app()
"""]

#: one pass of a reader over a file, printing its CPU seconds: ``decompress`` (the bz2 reader
#: alone) or ``read`` (decompression, XML and the pre-filter: the parent's reading, no extraction)
READER = """
import os, sys, time
from tally.readers import open_binary
from tally.readers.prefilter import PrefilterStats
from tally.readers.xmldump import read_pages
with open_binary(sys.argv[2]) as fp:
    if sys.argv[1] == "decompress":
        while fp.read(1 << 20):
            pass
    else:
        stats = PrefilterStats()
        for _ in read_pages(fp, sys.argv[2], prefilter=stats):
            pass
t = os.times()
sys.stderr.write(f"cpu: {t.user + t.system:.2f} 0\\n")
"""


def plain_part(tmp: Path, args: argparse.Namespace, rows: list[str]) -> None:
    dump = tmp / f"plain-{args.pages}.xml.bz2"
    _write(dump, args.reuse, lambda: f"{len(make_dump.write_dump(args.pages, str(dump), seed=args.seed))} "
                                      "incident pages")
    floor, _, _ = run_measured(["bzcat", str(dump)])
    both, _, _ = run_measured(["sh", "-c", f"bzcat '{dump}' > /dev/null & bzcat '{dump}' > /dev/null; wait"])
    capacity = 2 * floor / both
    print(f"[plain] bzcat > /dev/null: {floor:.2f} s; two at once {both:.2f} s (parallel capacity "
          f"{capacity:.2f} of 2)")
    rows.append(f"| plain dump | `bzcat DUMP > /dev/null` | {floor:.2f} | {args.pages / floor:,.0f} | | | | | 1.00x |")
    rows.append(f"| plain dump | two `bzcat` at once (capacity {capacity:.2f} of 2) | {both:.2f} | | | | | | "
                f"{both / floor:.2f}x |")
    threads = os.cpu_count() or 1
    for name, what, env in ((f"decompression alone, indexed_bzip2, {threads} threads", "decompress",
                             {"TALLY_BZ2_THREADS": str(threads)}),
                            ("decompression alone, indexed_bzip2, 1 thread", "decompress", {"TALLY_BZ2_THREADS": "1"}),
                            ("decompression alone, bz2 module", "decompress", {"TALLY_BZ2_THREADS": "0"}),
                            ("reading alone (decompression, XML, pre-filter with the page check)", "read", None),
                            ("reading alone, no page check (TALLY_PAGE_CHECK=0)", "read", {"TALLY_PAGE_CHECK": "0"})):
        seconds, rss, _ = run_measured([sys.executable, "-c", READER, what, str(dump)], env=env)
        cpu = CPU[-1][0]
        print(f"[plain] {name}: {seconds:.2f} s ({seconds / floor:.2f}x bzcat), CPU {cpu:.1f} s, peak RSS {rss:.0f} MB")
        rows.append(f"| plain dump | {name} | {seconds:.2f} | {args.pages / seconds:,.0f} | | | | {rss:.0f} MB | "
                    f"{seconds / floor:.2f}x |")
    for name, env in (("parallel bz2 (indexed_bzip2), page check", None),
                      ("parallel bz2, no page check (TALLY_PAGE_CHECK=0)", {"TALLY_PAGE_CHECK": "0"}),
                      ("bz2 module (TALLY_BZ2_THREADS=0), no page check",
                       {"TALLY_BZ2_THREADS": "0", "TALLY_PAGE_CHECK": "0"})):
        db = tmp / f"plain-{len(env or {})}.db"
        db.unlink(missing_ok=True)
        cmd = TALLY_THREADS + ["ingest", str(dump), "--db", f"sqlite:///{db}", "--prefilter", "--workers", "2",
                               "--restart"]
        seconds, rss, _ = run_measured(cmd, env=env)
        parent, workers = CPU[-1]
        main, others = THREADS[-1]
        total = parent + workers
        print(f"[plain] ingest --prefilter --workers 2, {name}: {seconds:.2f} s, {args.pages / seconds:,.0f} "
              f"pages/s, {seconds / floor:.2f}x bzcat, peak RSS {rss:.0f} MB; CPU s {total:.1f}: parent "
              f"{parent:.1f} (main thread {main:.1f}, decompression threads {others:.1f}), workers {workers:.1f}; "
              f"on 2 cores at least {total / 2:.1f} s = {total / 2 / floor:.2f}x bzcat")
        rows.append(f"| plain dump | `ingest --prefilter --workers 2`, {name} | {seconds:.2f} | "
                    f"{args.pages / seconds:,.0f} | | | | {rss:.0f} MB | **{seconds / floor:.2f}x** |")
        rows.append(f"| | CPU s: main thread {main:.1f}, decompression threads {others:.1f}, workers {workers:.1f}"
                    f" (total / 2 = {total / 2 / floor:.2f}x bzcat) | | | | | | | |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--history-pages", type=int, default=6)
    ap.add_argument("--revisions", type=int, default=1500)
    ap.add_argument("--long-revisions", type=int, default=20000)
    ap.add_argument("--pages", type=int, default=20000, help="pages of the plain dump (0: no plain part)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", type=Path, help="write the files and databases here (default: a temp dir)")
    ap.add_argument("--reuse", action="store_true", help="use the files an earlier run left in --dir")
    ap.add_argument("--skip-history", action="store_true", help="only the plain-dump part")
    args = ap.parse_args()
    tmp = args.dir or Path(tempfile.mkdtemp(prefix="tally-history-"))
    tmp.mkdir(parents=True, exist_ok=True)
    rows: list[str] = []
    if not args.skip_history:
        history_part(tmp, args, rows)
    if args.pages:
        plain_part(tmp, args, rows)
    from tally.readers.decompress import bz2_threads, parallel_available

    print(f"\n{os.cpu_count()} CPUs, bz2 threads {bz2_threads()} (indexed_bzip2 "
          f"{'installed' if parallel_available() else 'missing'}), 1-minute load average before the runs "
          f"{min(LOADS):.1f} to {max(LOADS):.1f} (this benchmark alone adds up to about 2)")
    print("| file | run | seconds | revisions or pages/s | stored | skipped | reverted | peak RSS | / bzcat |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
