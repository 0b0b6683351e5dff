"""Test inputs for the store tests: short made-up reports and a small
deterministic extractor, so the store is tested on rich records (dates,
places, actors, claims, estimates) whatever today's extractors produce.

A report reads like "Gunmen attacked a market in Kidal (MLI) on 2016-03-04,
killing 12 civilians, a local official said. The attack was claimed by
Northern Front." :func:`fake_extract` reads the place, country code, date,
figure, source and perpetrator from that shape with regular expressions.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
import re
import time
from pathlib import Path

from tally.model import Actor, Claim, DateRange, Document, Estimate, Incident, Place, Side, CATEGORIES

COORDS = {"Kidal": (18.44, 1.41), "Gao": (16.27, -0.04), "Ouaga": (12.37, -1.52), "Kumba": (4.64, 9.45)}
COUNTRIES = {"MLI": "Mali", "BFA": "Burkina Faso", "CMR": "Cameroon"}

#: (file stem, title, text): five reports written for these tests.
REPORTS = [
    ("kidal", "Market attack in Kidal",
     "Gunmen attacked a market in Kidal (MLI) on 2016-03-04, killing 12 civilians, a local official "
     "said. The attack was claimed by Northern Front."),
    ("gao", "Convoy bombing near Gao",
     "A roadside bomb struck a convoy near Gao (MLI) on 2016-07-19, killing 4 soldiers, the army said."),
    ("ouaga", "Shooting in Ouaga",
     "Police opened fire on a crowd in Ouaga (BFA) on 2017-01, killing 2 people, witnesses said. "
     "The shooting was claimed by Security Forces."),
    ("kumba", "Raid on Kumba",
     "Fighters raided Kumba (CMR) on 2017-11-02, killing 30 villagers, residents said. "
     "The raid was claimed by River Brigade."),
    ("quiet", "Night explosion",
     "An explosion was heard overnight near the river; nobody was hurt."),
]

_PLACE = re.compile(r"\b(?:in|near|raided) ([A-Z][a-z]+) \(([A-Z]{3})\)")
_DATE = re.compile(r"\bon (\d{4}-\d{2}(?:-\d{2})?)\b")
_KILLED = re.compile(r"killing (\d+) (\w+)")
_SOURCE = re.compile(r", ((?:a |the )?[\w ]+?) said")
_PERP = re.compile(r"claimed by ([A-Z][\w ]+?)\.")
_SENTENCE = re.compile(r"[^.\n]+\.")


def plaintext(title: str, text: str) -> str:
    """The report as a plain-text wiki rendering (``= Title =`` then the text)."""
    return f"= {title} =\n\n{text}\n"


def write_reports(folder: Path, reports=REPORTS) -> list[Path]:
    """One ``.txt`` file per report; their paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, title, text in reports:
        p = folder / f"{stem}.txt"
        p.write_text(plaintext(title, text), encoding="utf-8")
        paths.append(p)
    return paths


def generated_reports(n: int) -> list[tuple[str, str, str]]:
    """``n`` reports of ``n`` distinct attacks in the same shape (for batch and
    crash tests): each on its own day, so linking keeps them apart."""
    places = list(COORDS)
    out = []
    for i in range(n):
        place = places[i % len(places)]
        code = "BFA" if place == "Ouaga" else "CMR" if place == "Kumba" else "MLI"
        day = date(2016, 1, 1) + timedelta(days=i)
        text = (f"Armed men attacked village number {i} near {place} ({code}) on {day.isoformat()}, "
                f"killing {i % 50 + 1} people, the governor said.")
        out.append((f"gen{i:05d}", f"Attack number {i}", text))
    return out


def fake_extract(doc: Document) -> Incident:
    """A record from a report of the shape above (slow by TALLY_TEST_SLOW seconds)."""
    delay = float(os.environ.get("TALLY_TEST_SLOW", "0") or 0)
    if delay:
        time.sleep(delay)
    text = doc.text
    if "EXPLODE" in text:
        raise RuntimeError("the test extractor was told to fail")
    ident = doc.id or re.sub(r"\W+", "-", (doc.title or doc.source).lower()).strip("-")
    incident = Incident(id=ident, title=doc.title, source={"path": doc.source, "format": doc.format})
    if m := _DATE.search(text):
        value = m.group(1)
        incident.date = DateRange(value, value, "day" if len(value) == 10 else "month", m.group(0))
    if m := _PLACE.search(text):
        name, code = m.group(1), m.group(2)
        lat, lon = COORDS.get(name, (None, None))
        incident.location = Place(name, COUNTRIES.get(code), code, None, lat, lon,
                                  "exact" if lat is not None else None)
        incident.places = [incident.location]
    if m := _PERP.search(text):
        incident.perpetrators = [Actor(m.group(1).strip())]
        incident.sides = [Side("1", [Actor(m.group(1).strip(), aliases=[m.group(1).strip().upper()[:4]])])]
    incident.casualties = {c: None for c in CATEGORIES}
    if m := _KILLED.search(text):
        sentence = next(s for s in _SENTENCE.finditer(text) if s.start() <= m.start() < s.end())
        start = sentence.start() + len(sentence.group(0)) - len(sentence.group(0).lstrip())
        figure = int(m.group(1))
        source = _SOURCE.search(sentence.group(0))
        side = "civilians" if m.group(2) in ("civilians", "villagers", "people") else None
        incident.claims = [Claim(["killed"], figure, figure, text[start:sentence.end()], start, sentence.end(),
                                 qualifier="exactly", group=m.group(2), side=side,
                                 source=source.group(1) if source else None, section="Lead",
                                 figure=m.group(1), figure_start=m.start(1), figure_end=m.end(1))]
        incident.casualties["killed"] = Estimate(figure, figure, figure, "single", [0])
        if side:
            incident.casualties_by_side = {side: {"killed": Estimate(figure, figure, figure, "single", [0])}}
    return incident


# ----------------------------------------------------------------------------- kill tests
#
# A kill test must kill at a point it knows, whatever the machine's speed: the
# child process stops there by itself, says so on stdout, and waits; the parent
# checks that the child holds a write transaction open, then kills it (or lets
# it go on). No sleep decides where the kill lands.

#: Python code a child runs first (``exec``) to stop on the store's own SQL:
#: ``STOP_SQL`` (a regular expression matched at the start of each statement
#: the store sends) and ``STOP_AT`` (comma-separated counts: stop right after
#: the statement matching it for that time).
STOP_ON_SQL = """
import os, re, sys
import sqlalchemy as _sa
from sqlalchemy import event as _event

def _stop_on_sql(pattern, at):
    rx = re.compile(pattern, re.I)
    todo = sorted(at)
    seen = 0

    @_event.listens_for(_sa.engine.Engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):
        nonlocal seen
        if not todo or not rx.match(statement.lstrip()):
            return
        seen += 1
        if seen != todo[0]:
            return
        todo.pop(0)
        pid = (conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
               if conn.dialect.name == "postgresql" else os.getpid())
        print(f"stopped {seen} {pid}", flush=True)
        if not sys.stdin.readline():  # the parent closed the pipe instead of killing: end here
            os._exit(3)

if os.environ.get("STOP_SQL"):
    _stop_on_sql(os.environ["STOP_SQL"], [int(n) for n in os.environ["STOP_AT"].split(",")])
"""


def stopped(child) -> tuple[int, int]:
    """Wait for ``child`` (started with ``STOP_ON_SQL``, stdout piped as text)
    to stop; returns (the statement count, the backend's or process's pid)."""
    line = child.stdout.readline()
    assert line.startswith("stopped "), f"the child did not stop where asked: {line!r} " \
        f"(exit {child.wait(30)}: {child.stderr.read()[-2000:] if child.stderr else ''})"
    _, count, pid = line.split()
    return int(count), int(pid)


def kill_inside_transaction(child, url: str, count: int, while_stopped=None) -> None:
    """Wait for ``child`` to stop after its ``count``-th matching statement,
    check that it holds a write transaction open on ``url`` there, call
    ``while_stopped()`` (checks from another connection), then SIGKILL it and
    check that the signal ended it."""
    import signal

    try:
        at, pid = stopped(child)
        assert at == count
        assert holds_write_transaction(url, pid), "the child stopped outside a write transaction"
        if while_stopped is not None:
            while_stopped()
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL


def holds_write_transaction(url: str, pid: int) -> bool:
    """True when a writer is inside an open transaction on the store at ``url``:
    on SQLite, another connection cannot take the write lock (``BEGIN
    IMMEDIATE`` fails at once); on PostgreSQL, backend ``pid`` is ``idle in
    transaction``."""
    if url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(url.split("///", 1)[1], timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            return "locked" in str(exc)
        else:
            conn.execute("ROLLBACK")
            return False
        finally:
            conn.close()
    import sqlalchemy as sa
    from tally.store.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            state = conn.execute(sa.text("SELECT state FROM pg_stat_activity WHERE pid = :pid"),
                                 {"pid": pid}).scalar()
    finally:
        engine.dispose()
    return state == "idle in transaction"
