"""Load test of ``tally serve`` on loopback: requests/s, p50/p99 latency, errors.

For each backend (SQLite, and PostgreSQL on a throw-away local cluster made
the way the tests make one, ``tests/pg.py``):

1. builds a store holding the bundled examples (16 incidents, extracted by
   tally), replicated ``--copies`` times under distinct ids (320 incidents by
   default);
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
"""

from __future__ import annotations

import argparse
import dataclasses
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


def build_store(url: str, copies: int) -> list[str]:
    """The examples, extracted once and stored ``copies`` times; the incident ids."""
    from tally.extract import extract
    from tally.model import to_dict
    from tally.readers import ReaderError, read
    from tally.store import Store

    docs = [d for name in EXAMPLES for d in read(ROOT / "examples" / name) if not isinstance(d, ReaderError)]
    records = [(doc, to_dict(extract(doc))) for doc in docs]
    ids = []
    with Store(url) as store:
        for k in range(copies):
            for doc, record in records:
                ident = f"{record['id']}-copy{k}"
                copy = dataclasses.replace(doc, id=ident, text=f"{doc.text}\n[copy {k}]")
                store.save(f"load:{ident}", copy, {**record, "id": ident}, f"{ident}")
                ids.append(ident)
    return ids


def start_server(url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    tally = str(Path(sys.executable).parent / "tally")
    proc = subprocess.Popen([tally, "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise RuntimeError(f"tally serve exited: {proc.stderr.read()[-2000:]}")
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--copies", type=int, default=20, help="copies of the 16 example incidents")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--backends", default="sqlite,postgresql")
    args = ap.parse_args()
    rows = ["| backend | endpoint | requests | requests/s | p50 ms | p99 ms | errors |",
            "|---|---|---|---|---|---|---|"]
    tmp = Path(tempfile.mkdtemp(prefix="tally-load-"))
    try:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                rows += run_backend("SQLite", f"sqlite:///{tmp / 'load.db'}", args)
            elif backend == "postgresql":
                bindir = find_bindir()
                if bindir is None:
                    print("PostgreSQL is not installed: skipped", file=sys.stderr)
                    continue
                server = PgServer(bindir, durable=True).start()
                try:
                    rows += run_backend("PostgreSQL", create_database(server.url), args)
                finally:
                    server.stop()
            else:
                raise SystemExit(f"unknown backend {backend!r}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("\n".join(rows))
    errors = sum(int(r.rsplit("|", 2)[1]) for r in rows[2:] if "| all |" in r)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
