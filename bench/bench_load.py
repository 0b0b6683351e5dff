"""Load test of ``tally serve`` on loopback: requests/s, p50/p99 latency, errors.

For each backend (SQLite, and PostgreSQL on a throw-away local cluster made
the way the tests make one, ``tests/pg.py``):

1. builds a store holding the bundled examples (16 records, extracted by
   tally), replicated ``--copies`` times under distinct ids (320 reports by
   default, which linking groups into 54 incidents: copies of one event are
   one incident);
2. starts ``tally serve`` (uvicorn, one process) on a free 127.0.0.1 port;
3. sends ``--requests`` requests (default 5,000) from ``--clients`` concurrent
   clients (threads, each with its own keep-alive ``httpx.Client``; default
   20), drawn with a fixed seed from a mix of list pages (``/api/incidents``
   with a random sort, page and sometimes a filter), incident details
   (``/api/incidents/{id}``) and stats (``/api/stats``, all or one country),
   and stops when they are all answered;
4. prints one row per backend, and per endpoint: requests/s, p50 and p99
   latency, and errors (any status but 200, or a failed connection).

The clients run on the same machine as the server, so they share its cores.

    .venv/bin/python bench/bench_load.py [--requests 5000] [--clients 20] [--copies 20] [--backends sqlite,postgresql]

``--mixed`` reads while writing (issue 21). The store holds the examples'
``--copies`` as one-report incidents (``link=False``: 320 by default); then,
for ``--duration`` seconds (default 60), ``--clients`` readers (default 8) ask
for the list page (``/``: table, totals, timeline and map points), the JSON
list, incident pages (HTML, following the 302 from a report id, and
``/api/incidents/{id}``) and the map points (``/api/map``), while at the same
time, each in its own loop of subprocesses:

- ``tally ingest`` stores made-up news reports (``mixed-00000``...: an attack
  near a Sahel town, one a day from 2021, real extraction and linking), a CSV
  of ``--batch`` reports (default 40) at a time, one batch after another;
- ``tally link R P`` and ``tally unlink R`` take turns on ``--pairs`` pairs of
  reports (default 6; two copies of one example), a third of the incident
  reads asking for those reports.

When the readers stop, the writers finish their command, the first batch is
ingested again (it must add nothing), and the store is checked: every report
expected (the copies and every batch) stored once (one source, one document
version), none missing; each in exactly one incident, each incident's
``report_count`` its number of reports, no empty incident; each pair together
after its last ``link`` and apart after its last ``unlink``; the link log
holding each link and unlink once. It prints per endpoint requests/s, p50/p99
and errors, then the writes and the checks, the 1-minute load average before
and after, and any problem (exit status 1).

    .venv/bin/python bench/bench_load.py --mixed [--duration 60] [--clients 8] [--batch 40] [--pairs 6]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from tests.pg import PgServer, create_database, find_bindir, free_port  # noqa: E402

EXAMPLES = ["2015_bamako_hotel_attack.wiki", "2019_ogossagou_massacre.txt", "battle_of_konna.wiki",
            "news_report.txt", "incidents.xml", "reports.csv"]
SORTS = ["-date", "date", "-killed", "title", "country", "-updated"]


def build_store(url: str, copies: int, link: bool = True) -> list[str]:
    """The examples, extracted once and stored ``copies`` times; the report ids
    (``link=False``: each copy an incident of its own)."""
    from tally.extract import extract
    from tally.model import to_dict
    from tally.readers import ReaderError, read
    from tally.store import Store

    docs = [d for name in EXAMPLES for d in read(ROOT / "examples" / name) if not isinstance(d, ReaderError)]
    records = [(doc, to_dict(extract(doc))) for doc in docs]
    ids = []
    with Store(url, link=link) as store:
        for k in range(copies):
            for doc, record in records:
                ident = f"{record['id']}-copy{k}"
                copy = dataclasses.replace(doc, id=ident, text=f"{doc.text}\n[copy {k}]")
                store.save(f"load:{ident}", copy, {**record, "id": ident}, f"{ident}")
                ids.append(ident)
    return ids


def start_server(url: str, log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """``tally serve`` on a free port, its stderr into ``log`` (else a pipe); the process and base URL."""
    port = free_port()
    tally = str(Path(sys.executable).parent / "tally")
    err = open(log, "w") if log is not None else subprocess.PIPE  # noqa: SIM115 (the server writes it)
    proc = subprocess.Popen([tally, "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=err, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise RuntimeError("tally serve exited: "
                               + (log.read_text()[-2000:] if log is not None else proc.stderr.read()[-2000:]))
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("tally serve did not answer /healthz in 30 s")


def plan(n: int, ids: list[str], seed: int) -> list[tuple[str, str]]:
    """``n`` (kind, path) requests: 45% list, 40% detail, 15% stats."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        x = rng.random()
        if x < 0.45:
            q = f"/api/incidents?sort={rng.choice(SORTS)}&page={rng.randint(1, 6)}&per_page=50"
            if rng.random() < 0.3:
                q += "&" + rng.choice(["country=MLI", "min_killed=10", "from=2015&to=2019", "q=killed"])
            out.append(("list", q))
        elif x < 0.85:
            out.append(("detail", f"/api/incidents/{rng.choice(ids)}"))
        else:
            out.append(("stats", "/api/stats" + rng.choice(["", "?country=MLI", "?country=NER"])))
    return out


def load(base: str, requests: list[tuple[str, str]], clients: int) -> tuple[float, list[tuple[str, float, bool]]]:
    results: list[tuple[str, float, bool]] = []
    lock = threading.Lock()
    queue = iter(requests)

    def client() -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            while True:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                kind, path = item
                t0 = time.perf_counter()
                try:
                    ok = http.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    results.append((kind, time.perf_counter() - t0, ok))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, results


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] * 1000


def report(backend: str, seconds: float, results: list[tuple[str, float, bool]]) -> list[str]:
    rows = []
    for kind in ("all", "list", "detail", "stats"):
        sel = [r for r in results if kind == "all" or r[0] == kind]
        lat = [r[1] for r in sel]
        errors = sum(1 for r in sel if not r[2])
        rate = f"{len(sel) / seconds:,.0f}"
        rows.append(f"| {backend} | {kind} | {len(sel):,} | {rate} | {pct(lat, 50):.1f} | {pct(lat, 99):.1f} | "
                    f"{errors} |")
    return rows


def run_backend(backend: str, url: str, args) -> list[str]:
    t0 = time.perf_counter()
    ids = build_store(url, args.copies)
    print(f"{backend}: {len(ids)} incidents stored in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    proc, base = start_server(url)
    try:
        seconds, results = load(base, plan(args.requests, ids, args.seed), args.clients)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    print(f"{backend}: {len(results)} requests in {seconds:.1f} s", file=sys.stderr)
    return report(backend, seconds, results)


# ---------------------------------------------------------------- mixed: reads while writing

#: The reader mix of the mixed run: (kind, share). "list" is the HTML list page
#: (its table, stats, timeline and map points), "list_api" the JSON list, "incident"
#: the HTML incident page (a report id: a 302 to its incident, followed),
#: "incident_api" its JSON detail, "map" the map points (``/api/map``).
MIXED = [("list", 0.10), ("list_api", 0.25), ("incident", 0.20), ("incident_api", 0.30), ("map", 0.15)]
MIXED_KINDS = [k for k, _ in MIXED]

#: Places of the made-up reports the mixed run ingests: (name, country ISO3).
PLACES = [("Kidal", "MLI"), ("Gao", "MLI"), ("Mopti", "MLI"), ("Djibo", "BFA"), ("Dori", "BFA"),
          ("Diffa", "NER"), ("Maiduguri", "NGA"), ("Kumba", "CMR")]


def new_reports(n: int) -> list[tuple[str, str, str]]:
    """``n`` made-up news reports of ``n`` attacks as (id, date, text), ids ``mixed-00000``...;
    dated from 2021, after every bundled example, each on its own day."""
    from datetime import date, timedelta

    out = []
    for i in range(n):
        place, code = PLACES[i % len(PLACES)]
        day = date(2021, 1, 1) + timedelta(days=i)
        text = (f"Armed men attacked a village near {place} on {day:%B} {day.day}, {day.year}, killing "
                f"{i % 40 + 2} civilians and wounding {i % 7 + 1}, a local official said. ({code})")
        out.append((f"mixed-{i:05d}", day.isoformat(), text))
    return out


def write_batch(path: Path, rows: list[tuple[str, str, str]]) -> None:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "date", "text"])
        w.writerows(rows)


@dataclasses.dataclass
class Writes:
    """What the writers did during a mixed run."""

    batches: int = 0
    batch_failures: list[str] = dataclasses.field(default_factory=list)
    ingested_ids: list[str] = dataclasses.field(default_factory=list)
    links: int = 0
    unlinks: int = 0
    op_failures: list[str] = dataclasses.field(default_factory=list)
    last: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)  # pair -> "link"/"unlink"


def _tally(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    tally = str(Path(sys.executable).parent / "tally")
    return subprocess.run([tally, *args], capture_output=True, text=True, timeout=timeout, check=False)


def ingest_loop(url: str, folder: Path, batch: int, stop: threading.Event, writes: Writes,
                known: list[str], lock: threading.Lock) -> None:
    """``tally ingest`` of ``batch`` new reports at a time, one batch after another until ``stop``;
    the ids of each batch that ended well join ``known`` (the readers ask for them)."""
    pool = new_reports(100_000)
    k = 0
    while not stop.is_set():
        rows = pool[k * batch:(k + 1) * batch]
        path = folder / f"batch-{k:04d}.csv"
        write_batch(path, rows)
        done = _tally("ingest", str(path), "--text-column", "text", "--id-column", "id",
                      "--date-column", "date", "--db", url)
        writes.batches += 1
        if done.returncode != 0:
            writes.batch_failures.append(f"{path.name}: exit {done.returncode}: {done.stderr.strip()[-500:]}")
        writes.ingested_ids += [r[0] for r in rows]
        with lock:
            known += [r[0] for r in rows]
        k += 1


def link_loop(url: str, pairs: list[tuple[str, str]], stop: threading.Event, writes: Writes) -> None:
    """For each pair (R, P) in turn: ``tally link R P``, next time ``tally unlink R``; until ``stop``."""
    step = 0
    while not stop.is_set():
        pair = pairs[step % len(pairs)]
        action = "unlink" if writes.last.get(pair) == "link" else "link"
        done = _tally(action, *(pair if action == "link" else pair[:1]), "--db", url)
        if done.returncode != 0:
            writes.op_failures.append(f"{action} {' '.join(pair)}: exit {done.returncode}: "
                                      f"{(done.stderr or done.stdout).strip()[-500:]}")
        else:
            writes.last[pair] = action
            if action == "link":
                writes.links += 1
            else:
                writes.unlinks += 1
        step += 1


def read_loop(base: str, seconds: float, clients: int, known: list[str], hot: list[str], lock: threading.Lock,
              seed: int) -> tuple[float, list[tuple[str, float, bool]], list[str]]:
    """``clients`` threads reading the ``MIXED`` mix for ``seconds``; a third of the incident reads
    are of ``hot`` reports (the ones being linked and unlinked)."""
    results: list[tuple[str, float, bool]] = []
    errors: list[str] = []
    kinds, weights = MIXED_KINDS, [w for _, w in MIXED]
    deadline = time.perf_counter() + seconds

    def path_of(kind: str, rng: random.Random) -> str:
        if kind == "list":
            return f"/?sort={rng.choice(SORTS)}&page={rng.randint(1, 4)}"
        if kind == "list_api":
            q = f"/api/incidents?sort={rng.choice(SORTS)}&page={rng.randint(1, 6)}&per_page=50"
            if rng.random() < 0.3:
                q += "&" + rng.choice(["country=MLI", "min_killed=10", "from=2021", "q=killed"])
            return q
        if kind == "map":
            return "/api/map" + rng.choice(["", "", "?country=MLI", "?from=2021"])
        with lock:
            ident = rng.choice(hot) if rng.random() < 0.33 else rng.choice(known)
        return ("/incidents/" if kind == "incident" else "/api/incidents/") + ident

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        with httpx.Client(base_url=base, timeout=60, follow_redirects=True) as http:
            while time.perf_counter() < deadline:
                kind = rng.choices(kinds, weights)[0]
                path = path_of(kind, rng)
                t0 = time.perf_counter()
                try:
                    r = http.get(path)
                    ok = r.status_code == 200
                    why = f"{r.status_code} {r.text[:200]}"
                except httpx.HTTPError as exc:
                    ok, why = False, f"{type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - t0
                with lock:
                    results.append((kind, elapsed, ok))
                    if not ok:
                        errors.append(f"GET {path}: {why}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, results, errors


def check_store(url: str, expected: list[str], writes: Writes) -> dict[str, int]:
    """Counts that must hold after a mixed run: every expected report stored once, in exactly one
    incident; each incident's report_count right; each pair as its last link/unlink left it; the
    link log holding each operation once."""
    import sqlalchemy as sa

    from tally.store import Store
    from tally.store import schema as t

    with Store(url) as store, store.read() as conn:
        ids = list(conn.execute(sa.select(t.reports.c.id)).scalars())
        per_source = conn.execute(sa.select(t.documents.c.source_id, sa.func.count())
                                  .group_by(t.documents.c.source_id)).all()
        orphans = conn.execute(sa.select(sa.func.count()).select_from(t.reports).where(
            t.reports.c.incident_pk.is_(None) | ~t.reports.c.incident_pk.in_(sa.select(t.incidents.c.pk)))
        ).scalar_one()
        actual = dict(conn.execute(sa.select(t.reports.c.incident_pk, sa.func.count())
                                   .group_by(t.reports.c.incident_pk)).all())
        incidents = conn.execute(sa.select(t.incidents.c.pk, t.incidents.c.report_count)).all()
        where = dict(conn.execute(sa.select(t.reports.c.id, t.reports.c.incident_pk)).all())
        logged = dict(conn.execute(sa.select(t.link_log.c.action, sa.func.count())
                                   .group_by(t.link_log.c.action)).all())
    stored = set(ids)
    wrong_pairs = sum(1 for (a, b), last in writes.last.items()
                      if (where.get(a) == where.get(b)) != (last == "link"))
    return {
        "expected": len(set(expected)),
        "stored": len(ids),
        "missing": len(set(expected) - stored),
        "unexpected": len(stored - set(expected)),
        "duplicated": (len(ids) - len(stored)) + sum(n - 1 for _, n in per_source if n > 1),
        "without_incident": orphans,
        "incidents": len(incidents),
        "bad_report_count": sum(1 for pk, n in incidents if actual.get(pk, 0) != n),
        "empty_incidents": sum(1 for pk, _ in incidents if actual.get(pk, 0) == 0),
        "wrong_pairs": wrong_pairs,
        "log_mismatch": abs(logged.get("link", 0) - writes.links) + abs(logged.get("unlink", 0) - writes.unlinks),
    }


def run_mixed(backend: str, url: str, args, tmp: Path) -> tuple[list[str], list[str], list[str]]:
    """One mixed run on ``url``: rows of the latency table, a line of writes and checks, problems."""
    t0 = time.perf_counter()
    load_before = os.getloadavg()[0]
    ids = build_store(url, args.copies, link=False)
    print(f"{backend}: {len(ids)} reports stored (one incident each) in {time.perf_counter() - t0:.1f} s",
          file=sys.stderr)
    # pairs (R, P): two copies of one example, so R's detail and page are read while it moves
    n_examples = len(ids) // args.copies
    pairs = [(ids[(2 * k + 1) * n_examples + k % n_examples], ids[2 * k * n_examples + k % n_examples])
             for k in range(min(args.pairs, args.copies // 2))]
    hot = [r for pair in pairs for r in pair]
    folder = tmp / f"batches-{backend}"
    folder.mkdir()
    log = tmp / f"serve-{backend}.log"
    proc, base = start_server(url, log)
    writes, known, lock, stop = Writes(), list(ids), threading.Lock(), threading.Event()
    writers = [threading.Thread(target=ingest_loop, args=(url, folder, args.batch, stop, writes, known, lock)),
               threading.Thread(target=link_loop, args=(url, pairs, stop, writes))]
    try:
        for w in writers:
            w.start()
        seconds, results, errors = read_loop(base, args.duration, args.clients, known, hot, lock, args.seed)
        stop.set()
        for w in writers:
            w.join()
    finally:
        stop.set()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    # the first batch again: everything unchanged, nothing stored twice
    again = _tally("ingest", str(folder / "batch-0000.csv"), "--text-column", "text", "--id-column", "id",
                   "--date-column", "date", "--db", url)
    if again.returncode != 0:
        writes.batch_failures.append(f"re-ingest of batch-0000.csv: exit {again.returncode}")
    load_after = os.getloadavg()[0]
    checks = check_store(url, ids + writes.ingested_ids, writes)
    tracebacks = log.read_text(errors="replace").count("Traceback")
    print(f"{backend}: {len(results)} reads in {seconds:.1f} s; {writes.batches} ingest batches of {args.batch}, "
          f"{writes.links} links and {writes.unlinks} unlinks", file=sys.stderr)
    rows = []
    for kind in ["all", *MIXED_KINDS]:
        sel = [r for r in results if kind == "all" or r[0] == kind]
        if not sel:
            continue
        lat = [r[1] for r in sel]
        rows.append(f"| {backend} | {kind} | {len(sel):,} | {len(sel) / seconds:,.1f} | {pct(lat, 50):.1f} | "
                    f"{pct(lat, 99):.1f} | {sum(1 for r in sel if not r[2])} |")
    ops_failed = len(writes.op_failures)
    line = (f"| {backend} | {len(writes.ingested_ids):,} in {writes.batches} batches "
            f"({len(writes.batch_failures)} failed) | {checks['expected']:,} / {checks['stored']:,} / "
            f"{checks['missing']} / {checks['duplicated']} | {checks['without_incident']} / "
            f"{checks['bad_report_count']} / {checks['empty_incidents']} | {writes.links} / {writes.unlinks} / "
            f"{ops_failed} | {checks['wrong_pairs']} / {checks['log_mismatch']} | {tracebacks} | "
            f"{load_before:.1f} / {load_after:.1f} |")
    problems = [f"{backend}: {e}" for e in errors[:5]] + [f"{backend}: {f}" for f in
                                                         writes.batch_failures[:5] + writes.op_failures[:5]]
    for name in ("missing", "unexpected", "duplicated", "without_incident", "bad_report_count",
                 "empty_incidents", "wrong_pairs", "log_mismatch"):
        if checks[name]:
            problems.append(f"{backend}: {checks[name]} {name.replace('_', ' ')}")
    if tracebacks:
        problems.append(f"{backend}: {tracebacks} tracebacks in tally serve's log: "
                        + log.read_text(errors="replace")[-1500:])
    if len(errors) > 5:
        problems.append(f"{backend}: ... {len(errors) - 5} more read errors")
    return rows, [line], problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--clients", type=int, default=None, help="concurrent readers (default 20; --mixed: 8)")
    ap.add_argument("--copies", type=int, default=20, help="copies of the 16 example incidents")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--mixed", action="store_true",
                    help="reads while tally ingest, link and unlink write (see the module docstring)")
    ap.add_argument("--duration", type=float, default=60, help="--mixed: seconds of reading")
    ap.add_argument("--batch", type=int, default=40, help="--mixed: new reports per tally ingest")
    ap.add_argument("--pairs", type=int, default=6, help="--mixed: report pairs linked and unlinked in turn")
    args = ap.parse_args()
    if args.clients is None:
        args.clients = 8 if args.mixed else 20
    if args.mixed:
        rows = ["| backend | endpoint | requests | requests/s | p50 ms | p99 ms | errors |",
                "|---|---|---|---|---|---|---|"]
        lines = ["| backend | new reports ingested | reports expected / stored / missing / duplicated | "
                 "without incident / wrong report_count / empty incidents | link / unlink / failed | "
                 "pairs wrong / link log mismatch | server tracebacks | load before / after |",
                 "|---|---|---|---|---|---|---|---|"]
        problems: list[str] = []
    else:
        rows = ["| backend | endpoint | requests | requests/s | p50 ms | p99 ms | errors |",
                "|---|---|---|---|---|---|---|"]
    tmp = Path(tempfile.mkdtemp(prefix="tally-load-"))

    def run(backend: str, url: str) -> list[str]:
        if not args.mixed:
            return run_backend(backend, url, args)
        r, line, trouble = run_mixed(backend, url, args, tmp)
        lines.extend(line)
        problems.extend(trouble)
        return r

    try:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                rows += run("SQLite", f"sqlite:///{tmp / 'load.db'}")
            elif backend == "postgresql":
                bindir = find_bindir()
                if bindir is None:
                    print("PostgreSQL is not installed: skipped", file=sys.stderr)
                    continue
                server = PgServer(bindir, durable=True).start()
                try:
                    rows += run("PostgreSQL", create_database(server.url))
                finally:
                    server.stop()
            else:
                raise SystemExit(f"unknown backend {backend!r}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("\n".join(rows))
    errors = sum(int(r.rsplit("|", 2)[1]) for r in rows[2:] if "| all |" in r)
    if args.mixed:
        print()
        print("\n".join(lines))
        for p in problems:
            print(f"PROBLEM {p}")
        return 1 if problems or errors else 0
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
