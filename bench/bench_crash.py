"""Crash trials: crash ``tally`` at points it names, then check the store.

Each trial runs a ``tally`` command through ``bench/crash_child.py``, which
stops the process (or one of its workers) at a seeded crash point, inside a
transaction or between two documents, and says so on a FIFO; the trial then
crashes it there: SIGKILL, an immediate shutdown of the PostgreSQL server,
or a file system that fills up. Nothing waits on a clock: every crash lands
where the child said it stood, and a command that ends before its point is a
failed trial, not a skipped one.

Modes (``--modes``), each compared with a reference run of the same inputs:

- ``sqlite-kill``, ``pg-kill``: SIGKILL ``tally ingest`` (made-up reports plus
  the bundled examples) inside the k-th document's transaction (its rows
  written, not yet linked or committed) or between two documents;
- ``sqlite-relink``, ``pg-relink``: SIGKILL ``tally relink`` inside its one
  transaction, after k of the 40 reports of examples/linked_reports.csv
  (stored with ``--no-link``) are put into their new incidents;
- ``pg-stop``: ``pg_ctl stop -m immediate`` (the server's processes quit at
  once, as in a crash) while ``tally ingest`` is inside a document's
  transaction, between two documents or about to record a dump's checkpoint;
  the command goes on against the dead server, then the server is started again;
- ``workers-parent``, ``dask-parent``: ``tally ingest DUMP --workers 2`` /
  ``--dask local`` (a generated MediaWiki dump), the parent SIGKILLed inside
  the k-th document's transaction;
- ``workers-worker``, ``dask-worker``: the same, one worker process SIGKILLed
  before it extracts the dump's k-th page;
- ``sqlite-disk-full``: ingest a dump into a SQLite store that already holds
  reports, on a file system left with 64 KB to 4 MB (a tmpfs of 16 MB when
  mounting works, as root; else the child's RLIMIT_FSIZE, where SQLite says
  "disk I/O error").

After the crash:

- the command ended as it should: killed by the signal; or (server stopped,
  worker killed, disk full) exit status 2 with exactly one ``tally: error:``
  line naming the input and no traceback; a dask worker's task runs again
  elsewhere, so that ingest ends with 0; and no process of the command is
  left running;
- the store's integrity (SQLite ``integrity_check`` and ``foreign_key_check``),
  no claim, actor, document or source row without its report, no report
  without its incident, no incident without a report or with a wrong count,
  one search entry per document, no duplicate ids;
- every stored report is whole: its record, text, claim and actor rows equal
  the reference run's (a relink: the grouping equals the one before it);
- the database opens (``tally list``, while the disk is still full);
- a re-run of the same command exits 0, stores exactly what was missing
  (``ingested`` = reports of the reference - reports stored; ``unchanged`` plus
  the dump pages skipped by its checkpoint = stored), resumes a dump after
  the page its checkpoint names, and leaves a store equal to the reference
  run's: every report, its incident, its incident's record and the grouping.

    .venv/bin/python bench/bench_crash.py [--modes all] [--trials 10] [--seed 9] [--generated 150] [--pages 120]
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import json
import os
import random
import re
import resource
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLES = ["2015_bamako_hotel_attack.wiki", "2019_ogossagou_massacre.txt", "battle_of_konna.wiki",
            "news_report.txt", "incidents.xml", "reports.csv"]
LINKED = ROOT / "examples" / "linked_reports.csv"
LINKED_OPTIONS = ["--text-column", "text", "--id-column", "id", "--date-column", "date"]
TALLY = [str(Path(sys.executable).parent / "tally")]  # the console script beside this Python
CHILD = Path(__file__).resolve().parent / "crash_child.py"
SHORT = {"sqlite": "sqlite", "postgresql": "pg"}
MODES = ["sqlite-kill", "pg-kill", "sqlite-relink", "pg-relink", "pg-stop", "workers-parent",
         "workers-worker", "dask-parent", "dask-worker", "sqlite-disk-full"]
#: How long the processes of a killed command may take to go (they exit when
#: their parent's pipe closes; this bounds a hang, it synchronises nothing).
LEFT_BEHIND_LIMIT = 60.0
#: False: fill no tmpfs up, limit the child's file size instead (``--no-tmpfs``)
TMPFS = True
COMMAND_LIMIT = 600.0

#: The tally source the subprocesses import: with ``snapshot``, a copy taken
#: when the trials start, so that edits to the working tree during the trials
#: cannot change the records (its gazetteer cache then goes to a folder of its
#: own, as the cache is keyed by the data files' paths).
SRC = ROOT / "src"
CACHE: Path | None = None


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    if CACHE is not None:
        env["TALLY_CACHE_DIR"] = str(CACHE)
    env.update(extra)
    return env


def make_inputs(folder: Path, generated: int) -> list[Path]:
    """``generated`` made-up reports then the bundled examples (their paths)."""
    from tests.store_support import generated_reports, write_reports

    paths = write_reports(folder / "reports", generated_reports(generated))
    return paths + [ROOT / "examples" / name for name in EXAMPLES]


def make_dump(folder: Path, pages: int, seed: int) -> Path:
    """A generated MediaWiki dump of ``pages`` pages, half of them incident articles."""
    sys.path.insert(0, str(ROOT / "bench"))
    import make_dump as md

    path = folder / f"dump-{pages}-{seed}.xml.bz2"
    if not path.exists():
        md.write_dump(pages, str(path), seed=seed, incident_rate=0.5)
    return path


def sqlite_url(db: Path) -> str:
    return f"sqlite:///{db}"


def tally(args: list[str], preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*TALLY, *args], capture_output=True, text=True, env=_env(), timeout=COMMAND_LIMIT,
                          preexec_fn=preexec)


# ----------------------------------------------------------------------------- the store's state


def _target(target: str | Path) -> str:
    """A database URL for a SQLite file path or a URL."""
    return target if isinstance(target, str) else sqlite_url(target)


def _connect(target: str | Path):
    import sqlalchemy as sa

    url = _target(target)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return sa.create_engine(url, poolclass=sa.pool.NullPool)


def _columns(conn: Any, table: str, drop: set[str]) -> list[str]:
    import sqlalchemy as sa

    return [c["name"] for c in sa.inspect(conn).get_columns(table) if c["name"] not in drop]


def _json(value: Any) -> str:
    if isinstance(value, str):
        value = json.loads(value)
    return json.dumps(value, sort_keys=True, default=str)


def fingerprint(target: str | Path, grouping: bool = True) -> dict[str, str]:
    """Per report id, a hash of its record, document text, claim rows and actor
    rows; with ``grouping``, also its incident's id and record and the ids of
    the reports it shares that incident with."""
    import sqlalchemy as sa

    engine = _connect(target)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("reports"):
                return {}
            claim_cols = _columns(conn, "claims", {"id", "report_pk"})
            actor_cols = _columns(conn, "actors", {"id", "pk", "report_pk"})
            rows = conn.execute(sa.text(
                "SELECT r.pk, r.id, r.record, d.text, i.id AS incident, i.record AS incident_record, "
                "r.incident_pk FROM reports r JOIN documents d ON d.id = r.document_id "
                "LEFT JOIN incidents i ON i.pk = r.incident_pk")).all()
            mates: dict[Any, list[str]] = defaultdict(list)
            for row in rows:
                mates[row.incident_pk].append(row.id)
            claims: dict[int, list] = defaultdict(list)
            for row in conn.execute(sa.text(f"SELECT report_pk, {', '.join(claim_cols)} FROM claims "
                                            "ORDER BY report_pk, position")):
                claims[row[0]].append(tuple(row[1:]))
            actors: dict[int, list] = defaultdict(list)
            for row in conn.execute(sa.text(f"SELECT report_pk, {', '.join(actor_cols)} FROM actors")):
                actors[row[0]].append(repr(tuple(row[1:])))
            out = {}
            for row in rows:
                h = hashlib.sha256()
                h.update(_json(row.record).encode())
                h.update(hashlib.sha256(row.text.encode()).digest())
                h.update(repr(claims[row.pk]).encode())
                h.update(repr(sorted(actors[row.pk])).encode())
                if grouping:
                    h.update(f"{row.incident}|{','.join(sorted(mates[row.incident_pk]))}".encode())
                    h.update(_json(row.incident_record).encode() if row.incident_record is not None else b"-")
                out[row.id] = h.hexdigest()
            return out
    finally:
        engine.dispose()


def problems(target: str | Path) -> list[str]:
    """What is wrong with the store's integrity: an empty list when nothing.
    ``target``: a SQLite file (a Path) or a database URL."""
    if isinstance(target, Path) and not target.exists():
        return []
    import sqlalchemy as sa

    found = []
    url = _target(target)
    sqlite = url.startswith("sqlite:")
    if sqlite:
        conn = sqlite3.connect(url[len("sqlite:///"):])
        try:
            check = conn.execute("PRAGMA integrity_check").fetchall()
            if check != [("ok",)]:
                found.append(f"integrity_check: {check[:3]}")
            if conn.execute("PRAGMA foreign_key_check").fetchall():
                found.append("foreign_key_check failed")
        finally:
            conn.close()
    engine = _connect(target)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("reports"):
                return found  # killed before the schema was committed: an empty store
            count = lambda sql: conn.execute(sa.text(sql)).scalar_one()
            orphans = {
                "claims": "SELECT count(*) FROM claims WHERE report_pk NOT IN (SELECT pk FROM reports)",
                "actors": "SELECT count(*) FROM actors WHERE report_pk NOT IN (SELECT pk FROM reports)",
                "documents": "SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM reports)",
                "sources": "SELECT count(*) FROM sources WHERE id NOT IN (SELECT source_id FROM reports)",
            }
            for name, sql in orphans.items():
                if n := count(sql):
                    found.append(f"{n} {name} rows without their report")
            for what, sql in {
                "reports without an incident": "SELECT count(*) FROM reports WHERE incident_pk IS NULL "
                                               "OR incident_pk NOT IN (SELECT pk FROM incidents)",
                "incidents without a report": "SELECT count(*) FROM incidents WHERE pk NOT IN "
                                              "(SELECT incident_pk FROM reports WHERE incident_pk IS NOT NULL)",
                "incidents whose report count is wrong": "SELECT count(*) FROM incidents i WHERE report_count != "
                                                         "(SELECT count(*) FROM reports r WHERE r.incident_pk = i.pk)",
            }.items():
                if n := count(sql):
                    found.append(f"{n} {what}")
            if sqlite:
                docs, fts = count("SELECT count(*) FROM documents"), count("SELECT count(*) FROM documents_fts")
                if docs != fts:
                    found.append(f"{docs} documents but {fts} search index entries")
            for table in ("reports", "incidents"):
                if dupes := count(f"SELECT count(*) - count(DISTINCT id) FROM {table}"):
                    found.append(f"{dupes} duplicate {table[:-1]} ids")
    finally:
        engine.dispose()
    return found


def stored(target: str | Path) -> int:
    """Reports committed so far."""
    import sqlalchemy as sa

    engine = _connect(target)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("reports"):
                return 0
            return conn.execute(sa.text("SELECT count(*) FROM reports")).scalar_one()
    finally:
        engine.dispose()


def checkpoint_page(target: str | Path) -> int | None:
    """The page id of the (one) dump checkpoint in the store, if any."""
    import sqlalchemy as sa

    engine = _connect(target)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("ingest_checkpoints"):
                return None
            return conn.execute(sa.text("SELECT max(page_id) FROM ingest_checkpoints")).scalar_one()
    finally:
        engine.dispose()


def counts(stderr: str, stdout: str) -> tuple[int | None, int | None, int, int | None]:
    """ingested and unchanged from the summary table tally ingest prints, the
    pages a resumed dump skipped unread and the page it resumed after."""
    text = stdout + "\n" + stderr
    resumed = re.findall(r"resumed after page (\d+) \(checkpoint\), (\d+) pages skipped", text)
    skipped = sum(int(n) for _, n in resumed)
    after = int(resumed[-1][0]) if resumed else None
    for line in text.splitlines():
        cells = [c.strip() for c in line.replace("┃", "│").split("│") if c.strip()]
        if len(cells) >= 5 and all(c.isdigit() for c in cells[:5]):
            return int(cells[1]), int(cells[3]), skipped, after
    return None, None, skipped, after


def error_line_problem(stderr: str, names: str) -> str | None:
    """None when ``stderr`` holds exactly one ``tally: error:`` line, naming
    ``names``, and no traceback; else what is wrong."""
    if "Traceback" in stderr:
        return "a traceback on stderr"
    lines = [line for line in stderr.splitlines() if line.startswith("tally: error:")]
    if len(lines) != 1:
        return f"{len(lines)} error lines, not 1: {lines[:3]}"
    if names not in lines[0]:
        return f"the error line does not name {names}: {lines[0]!r}"
    return None


def error_line(stderr: str) -> str:
    return next((line for line in stderr.splitlines() if line.startswith("tally: error:")), "")


# ----------------------------------------------------------------------------- a command with a crash point


def _group(pgid: int) -> list[int]:
    """The live (not zombie) processes of process group ``pgid``."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            out.append(int(entry))
    return out


class Child:
    """``tally ARGS`` through crash_child.py, stopping at ``point``, in a
    session of its own (so that its workers can be found and cleaned up)."""

    def __init__(self, args: list[str], point: str, folder: Path) -> None:
        self.dir = folder / f"child-{uuid.uuid4().hex[:8]}"
        self.dir.mkdir(parents=True)
        os.mkfifo(self.dir / "said")
        os.mkfifo(self.dir / "go")
        # read-write: never blocks, never sees end-of-file, whoever writes and closes
        self.said = os.open(self.dir / "said", os.O_RDWR | os.O_NONBLOCK)
        self.out = open(self.dir / "stdout", "w+")
        self.err = open(self.dir / "stderr", "w+")
        self.proc = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=self.out, stderr=self.err,
                                     env=_env(TALLY_CRASH_POINT=point, TALLY_CRASH_DIR=str(self.dir)),
                                     start_new_session=True)
        self.pgid = self.proc.pid

    def wait_point(self) -> tuple[str, int, int] | None:
        """``(kind, n, pid)`` once a process of the command stands at the point;
        None when the command ended first."""
        deadline = time.monotonic() + COMMAND_LIMIT
        buf = b""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.said], [], [], 0.5)
            if ready:
                buf += os.read(self.said, 4096)
                if b"\n" in buf:
                    _, kind, n, pid = buf.split(b"\n")[0].decode().split()
                    return kind, int(n), int(pid)
            elif self.proc.poll() is not None:
                return None
        raise TimeoutError(f"the command neither reached its point nor ended in {COMMAND_LIMIT:.0f} s")

    def go(self) -> None:
        """Let the process at the point go on."""
        with open(self.dir / "go", "w") as go:
            go.write("go\n")

    def wait(self) -> int:
        return self.proc.wait(COMMAND_LIMIT)

    def left_behind(self) -> list[int]:
        """The command's processes still running ``LEFT_BEHIND_LIMIT`` s after it ended (polled)."""
        deadline = time.monotonic() + LEFT_BEHIND_LIMIT
        while (alive := _group(self.pgid)) and time.monotonic() < deadline:
            time.sleep(0.1)  # polling for the processes to go, bounded: not a synchronisation
        return alive

    def output(self) -> tuple[str, str]:
        self.out.seek(0)
        self.err.seek(0)
        return self.out.read(), self.err.read()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for pid in _group(self.pgid):  # what is left of our own command, one by one
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.close(self.said)
        self.out.close()
        self.err.close()


# ----------------------------------------------------------------------------- PostgreSQL


class Postgres:
    """A throw-away PostgreSQL cluster (tests/pg.py) that a trial may stop at once and start again."""

    def __init__(self, durable: bool) -> None:
        from tests.pg import PgServer, find_bindir

        bindir = find_bindir()
        if bindir is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.server = PgServer(bindir, durable=durable).start()

    @property
    def url(self) -> str:
        return self.server.url

    def database(self, template: str | None = None) -> str:
        from tests.pg import create_database

        if template is None:
            return create_database(self.url)
        return create_database_from(self.url, template)

    def stop_immediately(self) -> None:
        self.server.crash()

    def start_again(self) -> None:
        self.server.restart()

    def close(self) -> None:
        self.server.stop()


def create_database_from(server_url: str, template_url: str) -> str:
    """A new database on the server, a copy of ``template_url``'s (nobody may be connected to it)."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    template = template_url.rsplit("/", 1)[1]
    with psycopg.connect(server_url + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')  # generated identifiers
    return f"{server_url}/{name}"


# ----------------------------------------------------------------------------- trials


@dataclass
class Reference:
    """A reference run's store and its fingerprints (with and without the grouping)."""

    url: str
    full: dict[str, str]
    own: dict[str, str]

    @property
    def total(self) -> int:
        return len(self.full)


@dataclass
class Trial:
    mode: str
    number: int
    point: str                  # the crash point (crash_child.py), or the room left on the disk
    total: int                  # reports of the reference run
    reached: bool = False       # the command stood at its point when it was crashed
    crash: str = ""             # what the trial did there
    exit: int | None = None     # the command's exit status after the crash (-9: killed)
    error: str = ""             # its error line, where it should print one
    left_behind: int = 0        # its processes still running after it ended
    stored: int = 0             # reports in the store after the crash
    checkpoint: int | None = None  # the dump checkpoint's page after the crash
    problems: list[str] = field(default_factory=list)
    rerun_status: int | None = None
    rerun_ingested: int | None = None
    rerun_unchanged: int | None = None
    rerun_skipped: int = 0
    rerun_after: int | None = None
    complete: bool = False      # after the re-run: equal to the reference run

    @property
    def ok(self) -> bool:
        return self.reached and not self.problems and self.rerun_status == 0 and self.complete

    def check(self, condition: bool, problem: str) -> None:
        if not condition:
            self.problems.append(problem)


HEADER = ("| mode | trial | crash point | crash | exit, error line | reports at the crash | checks after the crash | "
          "re-run: exit, ingested / unchanged / skipped | complete |\n|---|---|---|---|---|---|---|---|---|")


def row(t: Trial) -> str:
    err = f", `{t.error[:90]}`" if t.error else ""
    ck = f" (checkpoint: page {t.checkpoint})" if t.checkpoint is not None else ""
    rerun = "" if t.rerun_ingested is None else f", {t.rerun_ingested} / {t.rerun_unchanged} / {t.rerun_skipped}"
    return (f"| {t.mode} | {t.number} | {t.point} | {t.crash if t.reached else 'NOT REACHED'} | {t.exit}{err} | "
            f"{t.stored} of {t.total}{ck} | {'; '.join(t.problems) or 'ok'} | "
            f"{t.rerun_status}{rerun} | "
            f"{'yes' if t.complete else 'NO'} |")


class Bench:
    """The inputs, reference runs and servers of one set of trials."""

    def __init__(self, folder: Path, seed: int, generated: int, pages: int, log: Callable[[str], None] = print):
        self.folder, self.rng, self.log = folder, random.Random(seed), log
        self.generated, self.pages, self.seed = generated, pages, seed
        self._inputs: list[Path] | None = None
        self._dump: Path | None = None
        self._refs: dict[str, Reference] = {}
        self._pg: dict[bool, Postgres] = {}
        self.pg_url: str | None = None  # a server for the kill modes (tests: the session's server)

    # -- inputs and references

    @property
    def inputs(self) -> list[Path]:
        if self._inputs is None:
            self._inputs = make_inputs(self.folder, self.generated)
        return self._inputs

    @property
    def dump(self) -> Path:
        if self._dump is None:
            self._dump = make_dump(self.folder, self.pages, self.seed)
        return self._dump

    def postgres(self, durable: bool = False) -> Postgres:
        if durable not in self._pg:
            self._pg[durable] = Postgres(durable)
        return self._pg[durable]

    def pg_database(self) -> str:
        from tests.pg import create_database

        return create_database(self.pg_url or self.postgres().url)

    def new_db(self, backend: str) -> str:
        if backend == "sqlite":
            return sqlite_url(self.folder / f"db-{uuid.uuid4().hex[:8]}.db")
        return self.pg_database()

    def reference(self, key: str, url_for: Callable[[], str], commands: list[list[str]]) -> "Reference":
        """The store after ``commands`` (``--db URL`` added) into a fresh database."""
        if key not in self._refs:
            url = url_for()
            started = time.perf_counter()
            for args in commands:
                done = tally([*args, "--db", url])
                if done.returncode != 0:
                    raise RuntimeError(f"the reference run {args[:2]} failed ({done.returncode}): "
                                       f"{done.stderr[-2000:]}")
            found = problems(url)
            if found:
                raise RuntimeError(f"the reference store has problems: {found}")
            self._refs[key] = Reference(url, fingerprint(url), fingerprint(url, grouping=False))
            self.log(f"reference run, {key}: {len(self._refs[key].full)} reports in "
                     f"{time.perf_counter() - started:.1f} s")
        return self._refs[key]

    def close(self) -> None:
        for pg in self._pg.values():
            pg.close()

    # -- the modes

    def run(self, mode: str, trials: int, points: list[str] | None = None) -> list[Trial]:
        """``trials`` trials of ``mode`` (or one per given crash point)."""
        method = getattr(self, "_" + mode.replace("-", "_"))
        todo = points if points is not None else [None] * trials
        out = []
        for number, point in enumerate(todo, 1):
            t = method(number, point)
            self.log(row(t))
            out.append(t)
        return out

    def _draw(self, kinds: list[str], upto: int) -> str:
        return f"{self.rng.choice(kinds)}:{self.rng.randint(1, upto)}"

    def _sqlite_kill(self, number: int, point: str | None) -> Trial:
        return self._kill_ingest("sqlite", number, point)

    def _pg_kill(self, number: int, point: str | None) -> Trial:
        return self._kill_ingest("postgresql", number, point)

    def _kill_ingest(self, backend: str, number: int, point: str | None) -> Trial:
        files = [str(p) for p in self.inputs]
        ref = self.reference(f"{backend}, files", lambda: self.new_db(backend), [["ingest", *files]])
        point = point or self._draw(["save", "between"], ref.total)
        url = self.new_db(backend)
        return self._crash_and_rerun(f"{SHORT[backend]}-kill", number, point, ["ingest", *files], url, ref,
                                     kill="parent", names=None)

    def _pg_stop(self, number: int, point: str | None) -> Trial:
        pg = self.postgres(durable=True)
        files = [str(p) for p in self.inputs]
        ref = self.reference("postgresql, files", lambda: self.new_db("postgresql"), [["ingest", *files]])
        if point is None:
            point = "checkpoint:1" if self.rng.random() < 0.2 else self._draw(["save", "between"], ref.total)
        url = pg.database()
        return self._crash_and_rerun("pg-stop", number, point, ["ingest", *files], url, ref, kill="server",
                                     names="", server=pg)

    def _workers_parent(self, number: int, point: str | None) -> Trial:
        return self._dump_trial("workers-parent", ["--workers", "2"], "parent", number, point)

    def _workers_worker(self, number: int, point: str | None) -> Trial:
        return self._dump_trial("workers-worker", ["--workers", "2"], "worker", number, point)

    def _dask_parent(self, number: int, point: str | None) -> Trial:
        return self._dump_trial("dask-parent", ["--dask", "local"], "parent", number, point)

    def _dask_worker(self, number: int, point: str | None) -> Trial:
        return self._dump_trial("dask-worker", ["--dask", "local"], "worker", number, point)

    def _dump_trial(self, mode: str, flags: list[str], kill: str, number: int, point: str | None) -> Trial:
        dump = str(self.dump)
        ref = self.reference("sqlite, dump, one process", lambda: self.new_db("sqlite"), [["ingest", dump]])
        if point is None:  # the k-th document stored, or the page with id k (the dump's pages are 1..N)
            point = f"{'save' if kill == 'parent' else 'worker'}:{self.rng.randint(1, ref.total)}"
        url = self.new_db("sqlite")
        return self._crash_and_rerun(mode, number, point, ["ingest", dump, *flags], url, ref, kill=kill,
                                     names=dump)

    def _crash_and_rerun(self, mode: str, number: int, point: str, args: list[str], url: str,
                         ref: "Reference", kill: str, names: str | None, server: Postgres | None = None) -> Trial:
        """Run ``args`` to ``point``, crash it there (``kill``: parent, worker or server), check, re-run."""
        t = Trial(mode, number, point, ref.total)
        child = Child([*args, "--db", url], point, self.folder)
        try:
            at = child.wait_point()
            t.reached = at is not None
            if at is not None:
                _, _, pid = at
                if kill == "parent":
                    t.crash = "SIGKILL the ingest"
                    os.kill(child.proc.pid, signal.SIGKILL)
                elif kill == "worker":
                    t.crash = "SIGKILL a worker"
                    t.check(pid != child.proc.pid, "the point was reached in the parent, not a worker")
                    os.kill(pid, signal.SIGKILL)
                else:
                    t.crash = "pg_ctl stop -m immediate, then the ingest goes on"
                    server.stop_immediately()
                    child.go()
            t.exit = child.wait()
            t.left_behind = len(child.left_behind())
            _, err = child.output()
            if server is not None and t.reached:
                server.start_again()
        finally:
            child.close()
        if not t.reached:
            t.problems.append("the command ended before its crash point")
            return t
        if kill == "parent":
            t.check(t.exit == -signal.SIGKILL, f"exit {t.exit}, not killed by SIGKILL")
        elif mode == "dask-worker":  # dask runs the lost task again on another worker
            t.check(t.exit == 0, f"exit {t.exit}, not 0: {error_line(err)}")
        else:
            t.error = error_line(err)
            t.check(t.exit == 2, f"exit {t.exit}, not 2")
            problem = error_line_problem(err, names if names is not None else "")
            if problem is None and not names:  # the server stopped: the line names a document or the dump
                problem = None if re.search(r"tally: error: .*(/|row|page)", t.error) else \
                    f"the error line names no input: {t.error!r}"
            t.check(problem is None, problem or "")
        t.check(not t.left_behind, f"{t.left_behind} processes of the command left running")
        self._after_crash(t, url, ref)
        done = tally([*args, "--db", url])
        self._after_rerun(t, url, ref, done)
        return t

    def _after_crash(self, t: Trial, url: str, ref: "Reference") -> None:
        """The store's integrity, and every stored report whole (as in the reference run)."""
        t.problems += problems(url)
        own = fingerprint(url, grouping=False)
        t.stored = len(own)
        partial = sum(1 for k, v in own.items() if ref.own.get(k) != v)
        t.check(not partial, f"{partial} stored reports differ from the reference run's")
        t.checkpoint = checkpoint_page(url)

    def _after_rerun(self, t: Trial, url: str, ref: "Reference", done: subprocess.CompletedProcess,
                     unread: int = 0) -> None:
        """The re-run (``done``) stored exactly what was missing, resumed a dump at
        its checkpoint, and left the reference run's store (``unread``: stored
        reports of inputs the re-run does not read)."""
        t.rerun_status = done.returncode
        t.rerun_ingested, t.rerun_unchanged, t.rerun_skipped, t.rerun_after = counts(done.stderr, done.stdout)
        t.check(done.returncode == 0, f"the re-run exited {done.returncode}: {error_line(done.stderr)}")
        t.check(t.rerun_ingested == t.total - t.stored, "the re-run did not ingest exactly what was missing")
        t.check((t.rerun_unchanged or 0) + t.rerun_skipped == t.stored - unread,
                "the re-run's unchanged and skipped do not add up to what was stored")
        t.check(t.rerun_after == t.checkpoint, f"the re-run resumed after page {t.rerun_after}, "
                f"the checkpoint says {t.checkpoint}")
        t.problems += [f"after the re-run: {p}" for p in problems(url)]
        t.complete = fingerprint(url) == ref.full
        t.check(t.complete, "after the re-run the store differs from the reference run's")

    # -- relink

    def _sqlite_relink(self, number: int, point: str | None) -> Trial:
        return self._relink("sqlite", number, point)

    def _pg_relink(self, number: int, point: str | None) -> Trial:
        return self._relink("postgresql", number, point)

    def _copy(self, backend: str, url: str) -> str:
        """A new database holding what ``url`` holds."""
        if backend == "sqlite":
            new = self.folder / f"db-{uuid.uuid4().hex[:8]}.db"
            shutil.copy(url[len("sqlite:///"):], new)  # closed cleanly: no -wal file beside it
            return sqlite_url(new)
        return create_database_from(url.rsplit("/", 1)[0], url)

    def _relink(self, backend: str, number: int, point: str | None) -> Trial:
        base = self.reference(f"{backend}, {LINKED.name} --no-link", lambda: self.new_db(backend),
                              [["ingest", str(LINKED), *LINKED_OPTIONS, "--no-link"]])
        ref = self.reference(f"{backend}, {LINKED.name} --no-link then relink", lambda: self._copy(backend, base.url),
                             [["relink"]])
        point = point or f"relink:{self.rng.randint(1, base.total)}"
        t = Trial(f"{SHORT[backend]}-relink", number, point, ref.total)
        t.check(ref.full != base.full, "the relink changes nothing: the trial proves nothing")
        url = self._copy(backend, base.url)
        child = Child(["relink", "--db", url], point, self.folder)
        try:
            t.reached = child.wait_point() is not None
            if t.reached:
                t.crash = "SIGKILL the relink"
                os.kill(child.proc.pid, signal.SIGKILL)
            t.exit = child.wait()
            t.left_behind = len(child.left_behind())
        finally:
            child.close()
        if not t.reached:
            t.problems.append("the command ended before its crash point")
            return t
        t.check(t.exit == -signal.SIGKILL, f"exit {t.exit}, not killed by SIGKILL")
        t.problems += problems(url)
        t.stored = stored(url)
        t.check(fingerprint(url) == base.full, "the store changed: part of the killed relink landed")
        done = tally(["relink", "--db", url])
        t.rerun_status = done.returncode
        t.check(done.returncode == 0, f"the re-run exited {done.returncode}: {error_line(done.stderr)}")
        t.problems += [f"after the re-run: {p}" for p in problems(url)]
        t.complete = fingerprint(url) == ref.full
        t.check(t.complete, "after the re-run the grouping differs from the reference relink's")
        return t

    # -- disk full

    def _sqlite_disk_full(self, number: int, point: str | None) -> Trial:
        files, dump = [str(p) for p in self.inputs], str(self.dump)
        ref = self.reference("sqlite, files then dump", lambda: self.new_db("sqlite"),
                             [["ingest", *files], ["ingest", dump]])
        room = int(point.split()[0]) if point else self.rng.choice([64, 256, 1024, 2048, 3072, 4096])
        t = Trial("sqlite-disk-full", number, f"{room} KB left", ref.total)
        disk = self.folder / f"disk-{uuid.uuid4().hex[:8]}"
        disk.mkdir()
        mounted = mount_tmpfs(disk, "16m")
        url = sqlite_url(disk / "store.db")
        try:
            first = tally(["ingest", *files, "--db", url])
            if first.returncode != 0:
                t.problems.append(f"the ingest before the disk filled failed: {error_line(first.stderr)}")
                return t
            before = fingerprint(url, grouping=False)
            if mounted:
                t.crash = "tmpfs of 16 MB filled up"
                fill(disk, room * 1024)
                preexec = None
            else:
                t.point, t.crash = f"files limited to {room} KB", "RLIMIT_FSIZE reached (no tmpfs)"
                preexec = limit_file_size(room * 1024)
            done = tally(["ingest", dump, "--db", url], preexec)
            t.exit, t.error = done.returncode, error_line(done.stderr)
            t.reached = done.returncode != 0
            if not t.reached:
                t.problems.append("the disk never filled up: leave less room")
                return t
            t.check(t.exit == 2, f"exit {t.exit}, not 2")
            problem = error_line_problem(done.stderr, dump)
            t.check(problem is None, problem or "")
            t.check(("disk is full" if mounted else "disk I/O error") in t.error,
                    f"the error line does not say the disk is full: {t.error!r}")
            listed = tally(["list", "--db", url, "--format", "json", "--limit", "1000000"])  # the disk still full
            t.check(listed.returncode == 0, f"the store does not open while the disk is full: {error_line(listed.stderr)}")
            self._after_crash(t, url, ref)
            now = fingerprint(url, grouping=False)
            lost = sum(1 for k, v in before.items() if now.get(k) != v)
            t.check(not lost, f"{lost} reports stored before the disk filled were lost or changed")
            if mounted:
                (disk / "filler").unlink()
            self._after_rerun(t, url, ref, tally(["ingest", dump, "--db", url]), unread=len(before))
        finally:
            if mounted:
                unmount(disk)
        return t


def mount_tmpfs(folder: Path, size: str) -> bool:
    """Mount a tmpfs of ``size`` on ``folder``; False where that is not allowed (not root, a container)."""
    if not TMPFS or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tally-crash", str(folder)],
                          capture_output=True, text=True)
    return done.returncode == 0


def unmount(folder: Path) -> None:
    if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path, room: int) -> None:
    """Fill the file system of ``folder`` up, then leave ``room`` bytes free."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    chunk = b"\0" * 65536
    try:
        while True:
            os.write(fd, chunk)
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - room))


def limit_file_size(limit: int) -> Callable[[], None]:
    """A preexec_fn: files the child writes stop growing at ``limit`` bytes (EFBIG, not a signal)."""
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


# ----------------------------------------------------------------------------- the whole run


def run_trials(modes: list[str], trials: int, seed: int, generated: int, pages: int, folder: Path,
               log: Callable[[str], None] = print, snapshot: bool = False) -> dict[str, list[Trial]]:
    global SRC, CACHE
    if snapshot:
        SRC, CACHE = folder / "src", folder / "cache"
        shutil.copytree(ROOT / "src", SRC)  # with __pycache__ (copy2 keeps the mtimes, so it stays valid)
    bench = Bench(folder, seed, generated, pages, log)
    try:
        return {mode: bench.run(mode, trials) for mode in modes}
    finally:
        bench.close()


def summary(results: dict[str, list[Trial]]) -> str:
    lines = ["| mode | trials | crash landed at its point | problems |", "|---|---|---|---|"]
    for mode, trials in results.items():
        bad = sum(len(t.problems) for t in trials)
        lines.append(f"| {mode} | {len(trials)} | {sum(t.reached for t in trials)} | {bad} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--modes", default="all", help=f"comma-separated, of: {', '.join(MODES)} (default all)")
    ap.add_argument("--trials", type=int, default=10, help="trials per mode")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--generated", type=int, default=150, help="made-up reports besides the examples")
    ap.add_argument("--pages", type=int, default=120, help="pages of the generated dump (half of them incidents)")
    ap.add_argument("--no-tmpfs", action="store_true",
                    help="disk full: limit the file size (RLIMIT_FSIZE) even where a tmpfs could be mounted")
    ap.add_argument("--no-snapshot", action="store_true",
                    help="run the working tree's src/ itself, not a copy taken at the start")
    args = ap.parse_args()
    modes = MODES if args.modes == "all" else args.modes.split(",")
    unknown = set(modes) - set(MODES)
    if unknown:
        ap.error(f"unknown modes: {', '.join(sorted(unknown))}")
    global TMPFS
    TMPFS = not args.no_tmpfs
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tally-crash-") as tmp:
        def log(line: str) -> None:
            print(line, flush=True)

        log(HEADER)
        results = run_trials(modes, args.trials, args.seed, args.generated, args.pages, Path(tmp), log=log,
                             snapshot=not args.no_snapshot)
    print()
    print(summary(results))
    bad = [f"{t.mode} #{t.number}" for ts in results.values() for t in ts if not t.ok]
    total = sum(len(ts) for ts in results.values())
    print(f"\n{total - len(bad)} of {total} trials ok in {time.perf_counter() - started:.0f} s"
          + (f"; failed: {', '.join(bad)}" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
