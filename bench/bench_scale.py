"""Scale benchmark (issue 8): dump ingest speed against the decompression floor.

    .venv/bin/python bench/bench_scale.py [--pages 20000] [--dump FILE] [--seed 1]
                                          [--workers 1,2] [--no-prefilter-pages 300]

Writes a synthetic dump with ``bench/make_dump.py`` (unless ``--dump`` names
one), then times on that same file, in this run:

- ``bzcat DUMP > /dev/null`` (the decompression floor);
- ``tally ingest DUMP --prefilter`` (one process) and
  ``tally ingest DUMP --prefilter --workers N`` for each N of ``--workers``,
  each into a fresh SQLite database;
- ``tally ingest`` without the pre-filter on the first ``--no-prefilter-pages``
  pages (every page parsed and extracted), to show what the filter saves.

Each run is a fresh process; its peak RSS is the largest of the process and its
workers (``wait4``). Prints one line per run: seconds, pages/s, incident
pages/s, ratio to the bzcat time, peak RSS.
"""

from __future__ import annotations

import argparse
import bz2
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TALLY = [sys.executable, "-c", "from tally.cli import app; app()"]
sys.path.insert(0, str(ROOT / "bench"))


def _run(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of one command."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.stderr.close()
    if proc.returncode not in (0, 2):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    for line in err.splitlines():
        if line.startswith("prefilter:"):
            print("   ", line)
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def _head(src: Path, dst: Path, pages: int) -> None:
    """The first ``pages`` pages of a dump, as a dump."""
    with bz2.open(src, "rt", encoding="utf-8") as fin, bz2.open(dst, "wt", encoding="utf-8") as fout:
        seen = 0
        for line in fin:
            fout.write(line)
            if line.strip() == "</page>":
                seen += 1
                if seen >= pages:
                    break
        fout.write("</mediawiki>\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=20000)
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--no-prefilter-pages", type=int, default=300)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tally-scale-"))
    dump = args.dump
    if dump is None:
        import make_dump

        dump = tmp / "synth.xml.bz2"
        started = time.perf_counter()
        incidents = len(make_dump.write_dump(args.pages, str(dump), seed=args.seed))
        print(f"wrote {dump}: {args.pages} pages, {incidents} incident pages, "
              f"{dump.stat().st_size / 1e6:.1f} MB compressed, {time.perf_counter() - started:.1f} s")
        pages = args.pages
    else:
        pages = incidents = None
    floor, _, _ = _run(["bzcat", str(dump)])
    with bz2.open(dump, "rb") as fp:
        size = sum(len(chunk) for chunk in iter(lambda: fp.read(1 << 20), b""))
    print(f"bzcat > /dev/null: {floor:.2f} s, {size / 1e6:,.0f} MB of XML ({size / 1e6 / floor:.1f} MB/s)"
          + (f", {pages / floor:,.0f} pages/s" if pages else ""))

    def report(name: str, seconds: float, rss: float, n_pages: int | None, n_inc: int | None,
               ratio_to: float | None) -> None:
        rate = f"{n_pages / seconds:,.0f} pages/s, " if n_pages else ""
        inc = f"{n_inc / seconds:,.1f} incident pages/s, " if n_inc is not None else ""
        ratio = f"{seconds / ratio_to:.2f}x bzcat, " if ratio_to else ""
        mbs = f"{size / 1e6 / seconds:.1f} MB/s of XML, " if ratio_to else ""
        print(f"{name}: {seconds:.2f} s, {rate}{inc}{mbs}{ratio}peak RSS {rss:.0f} MB")

    for n in [int(w) for w in args.workers.split(",")]:
        db = tmp / f"w{n}.db"
        cmd = TALLY + ["ingest", str(dump), "--db", f"sqlite:///{db}", "--prefilter"]
        if n > 1:
            cmd += ["--workers", str(n)]
        seconds, rss, _ = _run(cmd)
        report(f"ingest --prefilter {'(one process)' if n == 1 else f'--workers {n}'}", seconds, rss,
               pages, incidents, floor)
    if args.no_prefilter_pages:
        head = tmp / "head.xml.bz2"
        _head(dump, head, args.no_prefilter_pages)
        seconds, rss, _ = _run(TALLY + ["ingest", str(head), "--db", f"sqlite:///{tmp / 'all.db'}"])
        report(f"ingest without --prefilter, first {args.no_prefilter_pages} pages", seconds, rss,
               args.no_prefilter_pages, None, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
