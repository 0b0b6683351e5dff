"""Crash trials: SIGKILL a ``tally ingest`` at random points, then check the store.

One reference run ingests the whole input set into a fresh SQLite store. Each
trial starts the same ``tally ingest`` into another fresh store and kills it
with SIGKILL at a seeded random point: a random 0-50 ms after the k-th
incident is committed (k drawn from 0..N-1, watched from outside through a
read-only connection), or, for k = 0, 0.2-1.2 s after the start (imports,
schema creation, the first documents). Then it checks:

- ``PRAGMA integrity_check`` says ``ok`` and ``PRAGMA foreign_key_check`` is empty;
- the store holds only whole documents: every stored incident has exactly the
  record, document text, claim rows and actor rows of the reference run, there
  is no claim, actor, document or source row without its incident, and the
  search index has one entry per document;
- a second ``tally ingest`` of the same inputs exits 0, stores the missing
  documents (``ingested`` = total - stored at the kill; ``unchanged`` plus the
  XML pages a resumed dump skips unread by its checkpoint = stored) and leaves
  a store equal to the reference run's, with no duplicates.

Inputs: ``--generated`` made-up reports (tests/store_support.py) plus the
bundled examples (two wiki pages, two text reports, a 3-page XML export, a
CSV with 9 data rows).

    .venv/bin/python bench/bench_crash.py [--trials 10] [--seed 9] [--generated 150]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLES = ["2015_bamako_hotel_attack.wiki", "2019_ogossagou_massacre.txt", "battle_of_konna.wiki",
            "news_report.txt", "incidents.xml", "reports.csv"]
TALLY = [str(Path(sys.executable).parent / "tally")]  # the console script beside this Python


def make_inputs(folder: Path, generated: int) -> list[Path]:
    """``generated`` made-up reports then the bundled examples (their paths)."""
    from tests.store_support import generated_reports, write_reports

    paths = write_reports(folder / "reports", generated_reports(generated))
    return paths + [ROOT / "examples" / name for name in EXAMPLES]


def ingest_cmd(db: Path, inputs: list[Path]) -> list[str]:
    return [*TALLY, "ingest", "--db", f"sqlite:///{db}", *map(str, inputs)]


#: The tally source the subprocesses import: with ``snapshot``, a copy taken
#: when the trials start, so that edits to the working tree during the trials
#: cannot change the records (its gazetteer cache then goes to a folder of its
#: own, as the cache is keyed by the data files' paths).
SRC = ROOT / "src"
CACHE: Path | None = None


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    if CACHE is not None:
        env["TALLY_CACHE_DIR"] = str(CACHE)
    return env


def run_ingest(db: Path, inputs: list[Path]) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    done = subprocess.run(ingest_cmd(db, inputs), capture_output=True, text=True, env=_env(), timeout=600)
    return done, time.perf_counter() - started


def _columns(conn: sqlite3.Connection, table: str, drop: set[str]) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in drop]


def fingerprint(db: Path) -> dict[str, str]:
    """Per report id, a hash of its record, document text, claim rows and actor rows,
    and the ids of the reports it shares an incident with."""
    conn = sqlite3.connect(db)
    try:
        claim_cols = _columns(conn, "claims", {"id", "report_pk"})
        actor_cols = _columns(conn, "actors", {"id", "pk", "report_pk"})
        out = {}
        for pk, ident, record, text, together in conn.execute(
                "SELECT r.pk, r.id, r.record, d.text, (SELECT group_concat(o.id) FROM reports o "
                "WHERE o.incident_pk = r.incident_pk) FROM reports r JOIN documents d ON d.id = r.document_id"):
            h = hashlib.sha256()
            h.update(json.dumps(json.loads(record), sort_keys=True).encode())
            h.update(hashlib.sha256(text.encode()).digest())
            claims = conn.execute(f"SELECT {', '.join(claim_cols)} FROM claims WHERE report_pk = ? "
                                  "ORDER BY position", (pk,)).fetchall()
            actors = sorted(map(repr, conn.execute(f"SELECT {', '.join(actor_cols)} FROM actors "
                                                   "WHERE report_pk = ?", (pk,)).fetchall()))
            h.update(",".join(sorted((together or "").split(","))).encode())
            h.update(repr(claims).encode())
            h.update(repr(actors).encode())
            out[ident] = h.hexdigest()
        return out
    finally:
        conn.close()


def problems(db: Path) -> list[str]:
    """What is wrong with the store's integrity: an empty list when nothing."""
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        found = []
        check = conn.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            found.append(f"integrity_check: {check[:3]}")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            found.append("foreign_key_check failed")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "reports" not in tables:
            return found  # killed before the schema was committed: an empty store
        orphans = {
            "claims": "SELECT count(*) FROM claims WHERE report_pk NOT IN (SELECT pk FROM reports)",
            "actors": "SELECT count(*) FROM actors WHERE report_pk NOT IN (SELECT pk FROM reports)",
            "documents": "SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM reports)",
            "sources": "SELECT count(*) FROM sources WHERE id NOT IN (SELECT source_id FROM reports)",
        }
        for name, sql in orphans.items():
            n = conn.execute(sql).fetchone()[0]
            if n:
                found.append(f"{n} {name} rows without their report")
        for what, sql in {
            "reports without an incident": "SELECT count(*) FROM reports WHERE incident_pk IS NULL "
                                           "OR incident_pk NOT IN (SELECT pk FROM incidents)",
            "incidents without a report": "SELECT count(*) FROM incidents WHERE pk NOT IN "
                                          "(SELECT incident_pk FROM reports WHERE incident_pk IS NOT NULL)",
            "incidents whose report count is wrong": "SELECT count(*) FROM incidents i WHERE report_count != "
                                                     "(SELECT count(*) FROM reports r WHERE r.incident_pk = i.pk)",
        }.items():
            n = conn.execute(sql).fetchone()[0]
            if n:
                found.append(f"{n} {what}")
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
        if docs != fts:
            found.append(f"{docs} documents but {fts} search index entries")
        for table in ("reports", "incidents"):
            dupes = conn.execute(f"SELECT count(*) - count(DISTINCT id) FROM {table}").fetchone()[0]
            if dupes:
                found.append(f"{dupes} duplicate {table[:-1]} ids")
        return found
    finally:
        conn.close()


@dataclass
class Trial:
    number: int
    target: int                # kill once this many incidents are committed (0: during startup)
    extra: float               # ... and this many seconds later
    killed_at: float = 0.0     # seconds after the start
    stored: int = 0            # incidents in the store after the kill
    exited_first: bool = False  # the ingest had finished before the kill
    problems: list[str] = field(default_factory=list)
    partial: int = 0           # stored incidents that differ from the reference run
    rerun_status: int | None = None
    rerun_ingested: int | None = None
    rerun_unchanged: int | None = None
    rerun_skipped: int = 0     # XML pages the re-run skipped unread: the dump's checkpoint
    complete: bool = False     # after the re-run: equal to the reference run
    rerun_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.partial and self.rerun_status == 0 and self.complete

    def counts_agree(self, total: int) -> bool:
        """The re-run stored exactly what was missing: the rest was unchanged
        or skipped by a dump's checkpoint."""
        return (self.rerun_ingested == total - self.stored
                and (self.rerun_unchanged or 0) + self.rerun_skipped == self.stored)


def _counts(stderr: str, stdout: str) -> tuple[int | None, int | None, int]:
    """ingested and unchanged from the summary table tally ingest prints, and
    the pages a resumed MediaWiki dump skipped unread (its checkpoint)."""
    text = stdout + "\n" + stderr
    skipped = sum(int(m) for m in re.findall(r"resumed after page \d+ \(checkpoint\), (\d+) pages skipped", text))
    for line in text.splitlines():
        cells = [c.strip() for c in line.replace("┃", "│").split("│") if c.strip()]
        if len(cells) >= 5 and all(c.isdigit() for c in cells[:5]):
            return int(cells[1]), int(cells[3]), skipped
    return None, None, skipped


def _stored(db: Path) -> int:
    """Incidents committed so far (read beside the writer: WAL readers do not block it)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def trial(number: int, target: int, extra: float, inputs: list[Path], folder: Path,
          reference: dict[str, str]) -> Trial:
    """Kill the ingest ``extra`` seconds after the ``target``-th incident is
    committed (``target`` 0: ``extra`` seconds after the start, in startup)."""
    db = folder / f"trial{number}.db"
    out = Trial(number, target, extra)
    started = time.perf_counter()
    proc = subprocess.Popen(ingest_cmd(db, inputs), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=_env())
    while target and proc.poll() is None and _stored(db) < target:
        time.sleep(0.01)
    try:
        proc.wait(timeout=extra)
        out.exited_first = True
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    out.killed_at = time.perf_counter() - started
    out.problems = problems(db)
    stored = fingerprint(db) if db.exists() and not out.problems and _stored(db) else {}
    out.stored = len(stored)
    out.partial = sum(1 for k, v in stored.items() if reference.get(k) != v)
    done, out.rerun_seconds = run_ingest(db, inputs)
    out.rerun_status = done.returncode
    out.rerun_ingested, out.rerun_unchanged, out.rerun_skipped = _counts(done.stderr, done.stdout)
    out.problems += [f"after the re-run: {p}" for p in problems(db)]
    out.complete = fingerprint(db) == reference
    return out


def reference_run(inputs: list[Path], folder: Path) -> tuple[dict[str, str], float]:
    db = folder / "reference.db"
    done, seconds = run_ingest(db, inputs)
    if done.returncode != 0:
        raise RuntimeError(f"the reference ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    assert not problems(db), problems(db)
    return fingerprint(db), seconds


def run_trials(trials: int, seed: int, generated: int, folder: Path, log=print,
               snapshot: bool = False) -> tuple[list[Trial], dict[str, str], float]:
    global SRC, CACHE
    if snapshot:
        SRC, CACHE = folder / "src", folder / "cache"
        shutil.copytree(ROOT / "src", SRC)  # with __pycache__ (copy2 keeps the mtimes, so it stays valid)
    inputs = make_inputs(folder, generated)
    reference, seconds = reference_run(inputs, folder)
    log(f"reference run: {len(reference)} incidents in {seconds:.2f} s (startup included)")
    rng = random.Random(seed)
    results = []
    for i in range(1, trials + 1):
        target = rng.randint(0, len(reference) - 1)
        extra = rng.uniform(0.2, 1.2) if target == 0 else rng.uniform(0, 0.05)
        results.append(trial(i, target, extra, inputs, folder, reference))
        if not results[-1].exited_first and not results[-1].counts_agree(len(reference)):
            results[-1].problems.append("the re-run's counts do not add up")
        log(row(results[-1], len(reference)))
    return results, reference, seconds


HEADER = ("| trial | killed | incidents at the kill | integrity | partial documents | re-run exit | "
          "re-run ingested / unchanged / skipped | complete, no duplicates |\n|---|---|---|---|---|---|---|---|")


def row(t: Trial, total: int) -> str:
    when = f"{t.extra * 1000:.0f} ms after incident {t.target}" if t.target else f"{t.extra:.2f} s after the start"
    killed = f"{when} ({t.killed_at:.2f} s)" + (" (had finished)" if t.exited_first else "")
    return (f"| {t.number} | {killed} | {t.stored} of {total} | {'; '.join(t.problems) or 'ok'} | {t.partial} | "
            f"{t.rerun_status} | {t.rerun_ingested} / {t.rerun_unchanged} / {t.rerun_skipped} | "
            f"{'yes' if t.complete else 'NO'} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--generated", type=int, default=150, help="made-up reports besides the examples")
    ap.add_argument("--no-snapshot", action="store_true",
                    help="run the working tree's src/ itself, not a copy taken at the start")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="tally-crash-") as tmp:
        lines: list[str] = []
        results, reference, _ = run_trials(args.trials, args.seed, args.generated, Path(tmp), log=lines.append,
                                           snapshot=not args.no_snapshot)
        print(lines[0])
        print(HEADER)
        for line in lines[1:]:
            print(line)
    bad = [t.number for t in results if not t.ok]
    print(f"{len(results) - len(bad)} of {len(results)} trials ok" + (f"; failed: {bad}" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
