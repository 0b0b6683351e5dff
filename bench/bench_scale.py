"""Scale benchmark (issue 8): dump ingest speed against the decompression floor.

    .venv/bin/python bench/bench_scale.py [--pages 20000] [--seed 1] [--workers 1,2] [--dask 2]
                                          [--layouts plain,multistream] [--no-prefilter-pages 300]
                                          [--dir DIR [--reuse] [--only-write]]

Writes synthetic dumps with ``bench/make_dump.py`` (the same pages, same seed,
in each layout: ``plain``, one bz2 stream; ``multistream``, one stream per 100
pages plus its index, as Wikipedia publishes), then times on each file, in this
run:

- ``bzcat DUMP > /dev/null`` (the decompression floor, one core), and two of
  them at once (what a second process gains on this machine: 2.0x the work per
  second on two free cores, less when other work or the host shares them);
- ``tally ingest DUMP --prefilter`` (one process) and ``--workers N`` for each
  N of ``--workers``, and ``--dask local --workers D`` (a LocalCluster of D
  processes, ``--dask 0`` to leave it out), each into a fresh SQLite database;
- ``tally ingest`` without the pre-filter on the first ``--no-prefilter-pages``
  pages (every page parsed and extracted), to show what the filter saves.

Each run is a fresh process; its peak RSS is the largest of the process and its
waited-for descendants (``wait4``), and it reports on exit the CPU seconds of
the parent and of its worker processes (``getrusage``): where the work ran,
whatever else the machine was doing. Prints one line per run (seconds, pages/s,
incident pages/s, ratio to that file's bzcat time, peak RSS) and a Markdown
table at the end. Other work on the machine changes the figures: run it alone.
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
#: tally, printing on exit the CPU seconds of this process and of its (reaped) worker processes
TALLY = [sys.executable, "-c", """
import atexit, resource, sys
def cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stderr.write(f"cpu: {s.ru_utime + s.ru_stime:.2f} {c.ru_utime + c.ru_stime:.2f}\\n")
atexit.register(cpu)
from tally.cli import app
app()
"""]
CPU: list[tuple[float, float]] = []
#: (main thread, other threads) CPU seconds of a run that reports them (``threads: M O`` on stderr)
THREADS: list[tuple[float, float]] = []
sys.path.insert(0, str(ROOT / "bench"))


LOADS: list[float] = []


def run_measured(cmd: list[str], stdout=subprocess.DEVNULL, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of one command (``env``: variables to set
    for it); the 1-minute load average before it goes to LOADS (other work on the
    machine shows there)."""
    LOADS.append(os.getloadavg()[0])
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE,
                            env={**os.environ, **env} if env else None)
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
        if line.startswith("cpu: "):
            parent, workers = line.split()[1:]
            CPU.append((float(parent), float(workers)))
        if line.startswith("threads: "):
            main, others = line.split()[1:]
            THREADS.append((float(main), float(others)))
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
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--dask", type=int, default=2, help="LocalCluster processes (0: no dask run)")
    ap.add_argument("--layouts", default="plain,multistream")
    ap.add_argument("--no-prefilter-pages", type=int, default=300)
    ap.add_argument("--dir", type=Path, help="write the dumps and databases here (default: a temp dir)")
    ap.add_argument("--reuse", action="store_true", help="use the dumps an earlier run left in --dir "
                    "(same --pages and --seed)")
    ap.add_argument("--only-write", action="store_true", help="write the dumps, time nothing")
    args = ap.parse_args()
    tmp = args.dir or Path(tempfile.mkdtemp(prefix="tally-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    import make_dump

    rows: list[str] = []
    for layout in args.layouts.split(","):
        dump = tmp / ("synth-multistream.xml.bz2" if layout == "multistream" else "synth.xml.bz2")
        count = dump.with_name(dump.name + ".incidents")
        if args.reuse and count.is_file():  # written by an earlier run with the same --dir
            incidents = int(count.read_text())
            print(f"reusing {dump}: {incidents} incident pages, {dump.stat().st_size / 1e6:.1f} MB compressed")
        else:
            started = time.perf_counter()
            incidents = len(make_dump.write_dump(args.pages, str(dump), seed=args.seed,
                                                 multistream=layout == "multistream"))
            count.write_text(str(incidents))
            print(f"wrote {dump}: {args.pages} pages, {incidents} incident pages, "
                  f"{dump.stat().st_size / 1e6:.1f} MB compressed, {time.perf_counter() - started:.1f} s")
        if args.only_write:
            continue
        floor, _, _ = run_measured(["bzcat", str(dump)])
        with bz2.open(dump, "rb") as fp:
            size = sum(len(chunk) for chunk in iter(lambda: fp.read(1 << 20), b""))
        print(f"[{layout}] bzcat > /dev/null: {floor:.2f} s, {size / 1e6:,.0f} MB of XML "
              f"({size / 1e6 / floor:.1f} MB/s), {args.pages / floor:,.0f} pages/s")
        rows.append(f"| {layout} | `bzcat DUMP > /dev/null` | {floor:.2f} | {args.pages / floor:,.0f} | | "
                    f"{size / 1e6 / floor:.1f} | 1.00x | |")
        if layout == args.layouts.split(",")[0]:  # what two processes at once get from this machine
            both, _, _ = run_measured(["sh", "-c", f"bzcat '{dump}' > /dev/null & bzcat '{dump}' > /dev/null; wait"])
            print(f"two bzcat at once: {both:.2f} s, {2 * floor / both:.2f}x the work of one bzcat per second "
                  "(2.00 on two free cores)")
            rows.append(f"| {layout} | two `bzcat` at once (the machine's parallel capacity: "
                        f"{2 * floor / both:.2f} of 2) | {both:.2f} | | | | {both / floor:.2f}x | |")
        runs = [(f"--workers {n}" if n > 1 else "one process", ["--workers", str(n)] if n > 1 else [])
                for n in (int(w) for w in args.workers.split(","))]
        if args.dask:
            runs.append((f"--dask local --workers {args.dask}", ["--dask", "local", "--workers", str(args.dask)]))
        for name, extra in runs:
            db = tmp / f"{layout}-{'-'.join(extra) or 'one'}.db"
            db.unlink(missing_ok=True)
            cmd = TALLY + ["ingest", str(dump), "--db", f"sqlite:///{db}", "--prefilter", "--restart"] + extra
            seconds, rss, _ = run_measured(cmd)
            parent, workers = CPU[-1]
            print(f"[{layout}] ingest --prefilter {name}: {seconds:.2f} s, {args.pages / seconds:,.0f} pages/s, "
                  f"{incidents / seconds:,.1f} incident pages/s, {size / 1e6 / seconds:.1f} MB/s of XML, "
                  f"{seconds / floor:.2f}x bzcat, peak RSS {rss:.0f} MB, CPU s: parent {parent:.1f}, "
                  f"workers {workers:.1f}")
            rows.append(f"| {layout} | `ingest --prefilter {name}` | {seconds:.2f} | {args.pages / seconds:,.0f} | "
                        f"{incidents / seconds:,.1f} | {size / 1e6 / seconds:.1f} | {seconds / floor:.2f}x | "
                        f"{rss:.0f} MB | {parent:.1f} / {workers:.1f} |")
        if args.no_prefilter_pages and layout == "plain":
            head = tmp / "head.xml.bz2"
            _head(dump, head, args.no_prefilter_pages)
            (tmp / "all.db").unlink(missing_ok=True)
            seconds, rss, _ = run_measured(TALLY + ["ingest", str(head), "--db", f"sqlite:///{tmp / 'all.db'}"])
            n = args.no_prefilter_pages
            print(f"ingest without --prefilter, first {n} pages: {seconds:.2f} s, {n / seconds:,.1f} pages/s, "
                  f"peak RSS {rss:.0f} MB")
            rows.append(f"| {layout} | `ingest` without `--prefilter` (first {n} pages) | {seconds:.2f} | "
                        f"{n / seconds:,.1f} | | | | {rss:.0f} MB |")
    if args.only_write:
        return 0
    print(f"\n{args.pages} pages, seed {args.seed}, {os.cpu_count()} CPUs, 1-minute load average before "
          f"the runs {min(LOADS):.1f} to {max(LOADS):.1f} (this benchmark alone adds up to about 1 to 2)")
    print("| dump | run | seconds | pages/s | incident pages/s | MB/s of XML | / bzcat | peak RSS "
          "| CPU s: parent / workers |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
