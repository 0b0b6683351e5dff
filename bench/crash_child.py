"""``tally`` with a crash point: the process (or one of its workers) stops at a
point the crash trials name, says so, and waits there to be killed.

    TALLY_CRASH_POINT=save:5 TALLY_CRASH_DIR=DIR python bench/crash_child.py ingest --db URL FILES...

The arguments are ``tally``'s. ``TALLY_CRASH_POINT`` is ``KIND:N``:

- ``save:N``: inside the N-th document's transaction in the process that
  stores (its source, document, report, claim and actor rows written, before
  it is linked and committed);
- ``between:N``: before the N-th document is looked up in the store (no
  transaction open: between two documents);
- ``checkpoint:N``: before the N-th checkpoint of a dump ingest is recorded
  (after a batch's records are committed, no transaction open);
- ``relink:N``: inside ``tally relink``'s one transaction, after N reports have
  been put into their new incidents (every old incident already deleted);
- ``worker:N``: in a worker process of ``--workers`` or ``--dask``, before it
  extracts the dump's page whose id is N; only the first worker to get there
  stops (a marker file in DIR), so the task run again elsewhere after the kill
  goes on.

At the point the process writes ``point KIND N PID`` to the FIFO ``DIR/said``
(which the caller holds open), then opens the FIFO ``DIR/go`` and reads it:
it blocks there until the caller kills it, or writes a line to ``go`` to let
it go on (after stopping the database server, say). Nothing here sleeps or
depends on speed. Used only by ``bench/bench_crash.py`` and its tests: tally
itself has no hook; the points are wrappers installed on its functions here.

Worker processes start with ``spawn``, so they import this file again as
``__mp_main__`` and install the worker point there.
"""

from __future__ import annotations

import os
import sys
from functools import wraps

POINT = os.environ.get("TALLY_CRASH_POINT", "")
DIR = os.environ.get("TALLY_CRASH_DIR", "")
KIND, _, _N = POINT.partition(":")
N = int(_N or 0)


def stop_here(kind: str, n: int) -> None:
    """Say that this process is at the point, then wait for ``go`` (or the kill)."""
    with open(os.path.join(DIR, "said"), "w", encoding="utf-8") as said:
        said.write(f"point {kind} {n} {os.getpid()}\n")
    with open(os.path.join(DIR, "go"), encoding="utf-8") as go:
        go.readline()


def counted(fn, kind: str):
    """``fn`` that stops before its N-th call in this process."""
    calls = 0

    @wraps(fn)
    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == N:
            stop_here(kind, N)
        return fn(*args, **kwargs)

    return wrapper


def _claim() -> bool:
    try:
        os.close(os.open(os.path.join(DIR, "claimed"), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        return True
    except FileExistsError:
        return False


def install_main() -> None:
    """The points of the process that writes to the store."""
    from tally.store import db, linking

    if KIND == "save":
        db.place_report = counted(db.place_report, "save")  # called inside Store.save's transaction
    elif KIND == "between":
        db.Store.is_known = counted(db.Store.is_known, "between")  # before each document, no transaction
    elif KIND == "checkpoint":
        from tally.store import checkpoint

        checkpoint.StoreCheckpoints.set = counted(checkpoint.StoreCheckpoints.set, "checkpoint")
    elif KIND == "relink":
        linking._assign = counted(linking._assign, "relink")  # relink: one call per report, in its transaction


def at_page(fn, kind: str):
    """``fn(doc, ...)`` that stops before it reads the page whose id is N (in the first process only)."""
    @wraps(fn)
    def wrapper(doc, *args, **kwargs):
        if doc.meta.get("page_id") == N and _claim():
            stop_here(kind, N)
        return fn(doc, *args, **kwargs)

    return wrapper


def install_worker() -> None:
    import tally.extract

    if KIND == "worker":  # parallel._work imports tally.extract.extract when it runs
        tally.extract.extract = at_page(tally.extract.extract, "worker")


if __name__ == "__main__":
    if KIND not in ("", "save", "between", "checkpoint", "relink", "worker"):
        sys.exit(f"crash_child: unknown TALLY_CRASH_POINT {POINT!r}")
    install_main()
    from tally.cli import app

    app(prog_name="tally")
elif __name__ == "__mp_main__" and KIND == "worker":
    install_worker()
