"""Resume an interrupted dump ingest by page id.

While ``tally ingest DUMP`` runs, the parent process records, after each batch
of records it has committed, the dump's last page id whose record and every
earlier one are stored: one row of ``ingest_checkpoints`` per dump (its
absolute path, with its size and modification time). A re-run of the same
dump skips the pages up to and including that page without pre-filtering,
parsing or extracting them (:class:`tally.readers.xmldump.Resume`) and goes on
from there. The row is deleted when the dump has been read to its end, so a
finished dump is read again in full (and its records count ``unchanged``).
A dump whose size or mtime changed is read from the start. ``--restart`` (or
``--force``) ignores the checkpoint.

The table is created on first use (``CREATE TABLE IF NOT EXISTS``), not by a
numbered migration: it holds only transient state, and a database that never
ingests a dump never has it.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlalchemy as sa

from . import schema as t
from .db import Store, StoreError, now


def dump_key(path: str | Path) -> tuple[str, int, int]:
    """(absolute path, size, mtime in whole seconds) of a dump file."""
    p = Path(path).resolve()
    st = os.stat(p)
    return str(p), st.st_size, int(st.st_mtime)


@contextmanager
def _failing_as_store_error(what: str) -> Iterator[None]:
    """A database failure (server gone, disk full...) as one StoreError line."""
    try:
        yield
    except sa.exc.DBAPIError as exc:
        reason = str(exc.orig if exc.orig is not None else exc).strip().splitlines()[0]
        raise StoreError(f"database error while {what}: {reason}") from None


class StoreCheckpoints:
    """The checkpoints of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        with _failing_as_store_error("creating the checkpoint table"), store.write() as conn:
            t.metadata.create_all(conn, tables=[t.ingest_checkpoints])

    def get(self, path: str | Path) -> int | None:
        """The page id to resume after, or None (no checkpoint, or the file changed)."""
        source, size, mtime = dump_key(path)
        c = t.ingest_checkpoints.c
        with _failing_as_store_error(f"reading the checkpoint of {path}"), self.store.read() as conn:
            row = conn.execute(sa.select(c.size, c.mtime, c.page_id).where(c.source == source)).first()
        if row is None or (row.size, row.mtime) != (size, mtime):
            return None
        return int(row.page_id)

    def set(self, path: str | Path, page_id: int) -> None:
        source, size, mtime = dump_key(path)
        table = t.ingest_checkpoints
        values = dict(size=size, mtime=mtime, page_id=page_id, updated_at=now())
        with _failing_as_store_error(f"recording the checkpoint of {path}"), self.store.write() as conn:
            if conn.execute(table.update().where(table.c.source == source), values).rowcount == 0:
                conn.execute(table.insert(), dict(source=source, **values))

    def clear(self, path: str | Path) -> None:
        source = dump_key(path)[0]
        with _failing_as_store_error(f"clearing the checkpoint of {path}"), self.store.write() as conn:
            conn.execute(t.ingest_checkpoints.delete().where(t.ingest_checkpoints.c.source == source))
