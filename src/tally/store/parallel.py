"""``ingest`` over local worker processes: ``tally ingest DUMP --workers N``.

The parent streams the input (for a MediaWiki export, the raw pages, not yet
parsed; for any other format, the Documents its reader yields) and hands
batches to N worker processes (a ``spawn`` pool, so nothing of the parent's
state is shared). A worker parses the page's wikitext, applies the size limit,
and extracts the record; the parent keeps every database write, one
transaction per document as in :func:`tally.store.ingest.ingest`, in input
order, so the stored records equal the single-process run's. At most
``4 * workers`` batches are in flight, so memory stays flat however large the
dump. A document already stored with the same content hash counts
``unchanged`` (it is extracted by a worker, then not written).
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import ReaderError, TallyError
from ..model import Document, to_dict
from .db import Store
from .ingest import IngestResult, Progress, _where, save_record, source_identity
from .records import content_hash

BATCH = 16


def iter_work(paths: Iterable[str | Path], input_format: str | None = None, *, prefilter: Any = None,
              **options: Any) -> Iterator[Any]:
    """RawPages (MediaWiki exports), Documents (other formats) and ReaderErrors of every path."""
    from ..readers import detect_format, open_binary, read
    from ..readers.xmldump import read_pages

    for path in paths:
        source, p = str(path), Path(path)
        fmt = input_format or detect_format(p.name, b"")  # by extension: .xml, .xml.bz2, .xml.gz
        try:
            if fmt != "xml" or not p.is_file():
                yield from read(path, input_format, prefilter=prefilter, **options)
                continue
            with open_binary(p) as fp:
                yield from read_pages(fp, source, prefilter=prefilter)
        except ReaderError as exc:
            yield exc
        except EOFError:
            yield ReaderError(source, "compressed data ends early: the file is truncated")
        except (OSError, UnicodeError, ValueError) as exc:
            yield ReaderError(source, f"cannot read: {exc}")


def _work(batch: list[Any], policy: str | None) -> list[tuple[str, Any]]:
    """In a worker: each item -> ("error", line) or ("doc", (doc, identity, digest, record))."""
    from ..extract import extract
    from ..limits import check_documents
    from ..readers.xmldump import RawPage, parse_page

    out: list[tuple[str, Any]] = []
    for item in batch:
        if isinstance(item, str):  # a failure line from the parent's reader
            out.append(("error", item))
            continue
        if isinstance(item, RawPage):
            file = item.source.split("#page=")[0]
            item = parse_page(item)
            if not isinstance(item, ReaderError):
                item = next(check_documents(iter([item]), file))
        if isinstance(item, ReaderError):
            out.append(("error", str(item)))
            continue
        where = _where(item)
        try:
            identity, digest = source_identity(item), content_hash(item)
            incident = extract(item, policy=policy) if policy else extract(item)
            out.append(("doc", (item, identity, digest, to_dict(incident))))
        except TallyError as exc:
            out.append(("error", f"{where}: {exc}"))
        except Exception as exc:  # an extractor bug must not end the batch
            out.append(("error", f"{where}: internal error while extracting: {type(exc).__name__}: {exc}"))
    return out


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_parallel(store: Store, paths: Iterable[str | Path], input_format: str | None = None, *,
                    workers: int = 2, options: dict[str, Any] | None = None, policy: str | None = None,
                    force: bool = False, prefilter: Any = None, progress: Progress | None = None,
                    context: str = "spawn", batch: int = BATCH) -> IngestResult:
    """:func:`tally.store.ingest.ingest` with parsing and extraction in ``workers`` processes."""
    result = IngestResult()
    started = time.perf_counter()
    # a ReaderError goes to the workers as its line (the exception does not pickle)
    items = (str(item) if isinstance(item, ReaderError) else item
             for item in iter_work(paths, input_format, prefilter=prefilter, **(options or {})))
    ctx = multiprocessing.get_context(context)
    pending: deque = deque()
    with ctx.Pool(workers) as pool:
        batches = _batches(items, batch)
        for chunk in batches:
            pending.append(pool.apply_async(_work, (chunk, policy)))
            while len(pending) >= 4 * workers:
                _store_batch(store, pending.popleft().get(), result, force, started, progress)
        while pending:
            _store_batch(store, pending.popleft().get(), result, force, started, progress)
    result.seconds = time.perf_counter() - started
    return result


def _store_batch(store: Store, outcomes: list[tuple[str, Any]], result: IngestResult, force: bool,
                 started: float, progress: Progress | None) -> None:
    for kind, value in outcomes:
        if kind == "error":
            result.failed.append(value)
        else:
            outcome = _save(store, *value, force=force)
            if outcome in ("ingested", "updated", "unchanged"):
                setattr(result, outcome, getattr(result, outcome) + 1)
            else:
                result.failed.append(outcome)
        result.seconds = time.perf_counter() - started
        if progress is not None:
            progress(result)


def _save(store: Store, doc: Document, identity: str, digest: str, record: dict, *, force: bool) -> str:
    if not force and store.is_known(identity, digest):
        return "unchanged"
    return save_record(store, doc, identity, digest, record, force=force)
