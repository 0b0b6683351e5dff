"""``ingest`` over worker processes: ``tally ingest DUMP --workers N`` or ``--dask ADDRESS``.

The parent streams the input (for a MediaWiki export, the raw pages, not yet
parsed; for any other format, the Documents its reader yields) and hands
batches to an executor: N local worker processes (a ``spawn`` process pool, so
nothing of the parent's state is shared), the workers of a dask.distributed cluster
(:mod:`tally.store.dask_ingest`), or this process (``workers=1``). A worker
parses the page's wikitext, applies the size limit, and extracts the record
(:func:`_work`); the parent keeps every write, one transaction per document as
in :func:`tally.store.ingest.ingest`, in input order, so the stored records
equal the single-process run's. A local worker that dies (killed, out of
memory) ends the run with one error line (:class:`WorkerLost`), not a hang:
what was written before it stays, and the same command goes on from the
checkpoint. At most ``4 * workers`` batches are in flight,
so memory stays flat however large the dump. A document already stored with
the same content hash counts ``unchanged`` (it is extracted by a worker, then
not written).

Where the records go is a *sink*: :class:`StoreSink` (the database) or
:class:`tally.store.shards.ShardWriter` (Parquet shards, ``--out DIR``). After
each batch is written, the sink records a checkpoint for a dump: the last page
id whose record and all earlier ones are written
(:mod:`tally.store.checkpoint`); with ``resume=True`` a re-run skips the pages
up to it without pre-filtering, parsing or extracting them.

A multistream dump with its index beside it (``X-multistream.xml.bz2`` and
``X-multistream-index.txt.bz2``) and more than one worker is not read by the
parent: it reads the index only and submits byte ranges of whole bz2 streams
(about :data:`RANGE_PAGES` pages each) to :func:`_work_range`, which reads,
decompresses and pre-filters its own pages, so the decompression is spread over
the workers too. The checkpoint is then the last page of the last range written.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections import Counter, deque
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, Iterator

from ..errors import ReaderError, TallyError
from ..model import to_dict
from ..readers.prefilter import PrefilterStats
from .db import Store
from .ingest import IngestResult, Progress, is_known, save_record, skip_outcome, source_identity, source_label
from .records import content_hash

BATCH = 16
#: Pages per task when a multistream dump is split into byte ranges.
RANGE_PAGES = 1000

#: The outcomes of one batch, when they are ready.
Getter = Callable[[], list[tuple[str, Any]]]
#: ``submit(fn, *args)``: start a task (:func:`_work` or :func:`_work_range`) somewhere.
Submit = Callable[..., Getter]


def is_dump(path: str | Path, input_format: str | None = None) -> bool:
    """True for a MediaWiki export file (read page by page, with checkpoints)."""
    from ..readers import detect_format, open_binary

    p = Path(path)
    if input_format is not None or detect_format(p.name, b"") != "xml" or not p.is_file():
        return input_format == "xml" and p.is_file()
    try:  # a .xml file may be a feed
        with open_binary(p) as fp:
            head = fp.read(4096)
    except (OSError, EOFError, ValueError):
        return True  # the dump reader says what is wrong with it
    return detect_format(p.name, head) == "xml"


def iter_work(paths: Iterable[str | Path], input_format: str | None = None, *, prefilter: Any = None,
              resume: Any = None, history: Any = None, **options: Any) -> Iterator[Any]:
    """RawPages (MediaWiki exports), Documents (other formats) and ReaderErrors of every path.
    ``resume`` (a :class:`tally.readers.xmldump.Resume`) skips a dump's pages up to a checkpoint;
    ``history`` (a :class:`tally.readers.history.HistoryStats`) reads every changed revision of
    a page with several (:func:`tally.readers.xmldump.read_pages`)."""
    from ..readers import open_binary, read
    from ..readers.xmldump import read_pages

    for path in paths:
        source, p = str(path), Path(path)
        try:
            if not is_dump(p, input_format):
                yield from read(path, input_format, prefilter=prefilter, history=history, **options)
                continue
            with open_binary(p) as fp:
                yield from read_pages(fp, source, prefilter=prefilter, resume=resume, history=history)
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
        where = source_label(item)
        try:
            identity, digest = source_identity(item), content_hash(item)
            incident = extract(item, policy=policy) if policy else extract(item)
            out.append(("doc", (item, identity, digest, to_dict(incident))))
        except TallyError as exc:
            out.append(("error", f"{where}: {exc}"))
        except Exception as exc:  # an extractor bug must not end the batch
            out.append(("error", f"{where}: internal error while extracting: {type(exc).__name__}: {exc}"))
    return out


class WorkerLost(TallyError):
    """A worker process died with its tasks (the other workers are stopped)."""


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def local_executor(workers: int, context: str = "spawn") -> Iterator[tuple[Submit, int]]:
    """``(submit, window)`` over a pool of ``workers`` local processes, or this
    process for ``workers=1``; ``window`` is the most batches in flight."""
    if workers <= 1:
        def inline(fn: Callable[..., list[tuple[str, Any]]], *args: Any) -> Getter:
            out = fn(*args)
            return lambda: out

        yield inline, 1
        return
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(context),
                               initializer=_exit_with_parent)

    def submit(fn: Callable[..., list[tuple[str, Any]]], *args: Any) -> Getter:
        future = pool.submit(fn, *args)

        def get() -> list[tuple[str, Any]]:
            try:
                return future.result()
            except BrokenProcessPool:  # a worker killed (SIGKILL, the OOM killer) or crashed
                raise WorkerLost("a worker process died while extracting (killed, or out of memory?)") from None

        return get

    try:
        yield submit, 4 * workers
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _exit_with_parent() -> None:
    """In a pool worker: exit as soon as the parent process is gone (a parent
    killed with SIGKILL leaves no worker behind; the pool's own shutdown never runs then)."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])  # ready when the parent's end closes
        os._exit(1)

    threading.Thread(target=watch, name="tally-exit-with-parent", daemon=True).start()


class StoreSink:
    """Writes the workers' records to a :class:`Store`; checkpoints in its ``ingest_checkpoints``."""

    def __init__(self, store: Store, force: bool = False) -> None:
        self.store, self.force = store, force
        self._checkpoints: Any = None
        self.where = store.display_url

    @property
    def checkpoints(self) -> Any:
        if self._checkpoints is None:
            from .checkpoint import StoreCheckpoints

            self._checkpoints = StoreCheckpoints(self.store)
        return self._checkpoints

    def finished(self, path: str | Path) -> bool:
        return False  # a finished dump is read again (its records count unchanged)

    def resume_point(self, path: str | Path) -> int | None:
        return self.checkpoints.get(path)

    def write(self, kind: str, value: Any) -> str:
        """The outcome of one worker outcome: a count name or a failure line."""
        if kind == "error":
            return value
        doc, identity, digest, record = value
        if not self.force and is_known(self.store, identity, digest, source_label(doc)):
            return "unchanged"
        return save_record(self.store, doc, identity, digest, record, force=self.force)

    def checkpoint(self, path: str | Path, page_id: int | None) -> None:
        if page_id is not None:
            self.checkpoints.set(path, page_id)

    def finish(self, path: str | Path) -> None:
        self.checkpoints.clear(path)

    def close(self) -> None:
        pass


def run_ingest(sink: Any, paths: Iterable[str | Path], input_format: str | None = None, *,
               executor: ContextManager[tuple[Submit, int]], options: dict[str, Any] | None = None,
               policy: str | None = None, prefilter: Any = None, progress: Progress | None = None,
               batch: int = BATCH, resume: bool = False, range_pages: int = RANGE_PAGES,
               keep_all: bool = False) -> IngestResult:
    """Stream ``paths``, extract in ``executor`` and write every outcome to ``sink`` in input order.

    With ``resume``, a dump with a checkpoint in ``sink`` is read from the page
    after it (``result.resumed[path] = (page_id, pages skipped)``). A multistream
    dump with its index is split into byte ranges of about ``range_pages`` pages
    that the workers read themselves (not with ``workers=1``). News items off
    topic are counted as skipped, not written, unless ``keep_all``
    (:func:`tally.store.ingest.skip_outcome`)."""
    from ..readers.history import HistoryStats
    from ..readers.xmldump import Resume, find_index

    result = IngestResult()
    history = HistoryStats()
    started = time.perf_counter()
    pending: deque = deque()

    def drain() -> None:
        getter, path, page_id = pending.popleft()
        if getter is None:  # the end of a dump: read to its end, every record written
            sink.finish(path)
            return
        try:
            outcomes = getter()
        except WorkerLost as exc:  # the records before it are written, the checkpoint is theirs
            raise WorkerLost(f"{path}: {exc}; every record before it is stored: run the same ingest "
                             "again to go on" + (" (the dump resumes after its last stored page)"
                                                 if is_dump(path, input_format) else "")) from None
        for kind, value in outcomes:
            if kind == "prefilter":  # the counts of a worker that read its own pages
                if isinstance(prefilter, PrefilterStats):
                    prefilter.merge(PrefilterStats(value[0], Counter(value[1])))
                continue
            if kind == "history":  # the revision counts of a worker that read its own pages
                history.merge(value)
                continue
            skip = skip_outcome(value[0]) if kind == "doc" and not keep_all else None
            result.add(skip or sink.write(kind, value))
            if skip:
                result.skipped_items.append(f"{source_label(value[0])}: {skip.split(':', 1)[1]}")
            result.seconds = time.perf_counter() - started
            if progress is not None:
                progress(result)
        sink.checkpoint(path, page_id)  # None when the task holds no dump page

    with executor as (submit, window):
        for path in paths:
            dump = is_dump(path, input_format)
            if dump and sink.finished(path):
                result.resumed[str(path)] = (None, None)
                continue
            after = sink.resume_point(path) if dump and resume else None
            skip = Resume(after) if after is not None else None
            index = find_index(path) if dump and window > 1 else None
            if index is not None:
                tasks = _range_tasks(path, index, range_pages, prefilter is not None, policy, skip)
            else:
                tasks = _batch_tasks(path, input_format, options or {}, prefilter, policy, skip, batch, history)
            for fn, args, last in tasks:
                pending.append((submit(fn, *args), path, last))
                while len(pending) >= window:
                    drain()
            if skip is not None:
                result.resumed[str(path)] = (after, skip.skipped)
            if dump:
                pending.append((None, path, None))
        while pending:
            drain()
    sink.close()
    result.history = history if history.pages else None
    result.seconds = time.perf_counter() - started
    return result


def _batch_tasks(path: str | Path, input_format: str | None, options: dict[str, Any], prefilter: Any,
                 policy: str | None, skip: Any, batch: int,
                 history: Any = None) -> Iterator[tuple[Callable, tuple, int | None]]:
    """This process reads ``path``; each batch of its items is a :func:`_work` task. Its
    checkpoint is the last page the batch ends (not one whose later revisions are to come)."""
    from ..readers.xmldump import RawPage

    # a ReaderError goes to the workers as its line (the exception does not pickle)
    items = (str(item) if isinstance(item, ReaderError) else item
             for item in iter_work([path], input_format, prefilter=prefilter, resume=skip, history=history,
                                   **options))
    for chunk in _batches(items, batch):
        last = next((i.meta["page_id"] for i in reversed(chunk) if isinstance(i, RawPage) and i.last), None)
        yield _work, (chunk, policy), last


def _range_tasks(path: str | Path, index: Path, pages: int, prefilter: bool, policy: str | None,
                 skip: Any) -> Iterator[tuple[Callable, tuple, int | None]]:
    """A multistream dump: each byte range is a :func:`_work_range` task that reads its own
    pages; the ranges before a checkpoint are not submitted, the one holding it skips up to it."""
    from ..readers.xmldump import stream_ranges

    after = skip.after if skip is not None else None
    ranges = stream_ranges(path, index, pages)
    while True:
        try:
            rng = next(ranges)
        except StopIteration:
            break
        except ReaderError as exc:  # the index cannot be read (further)
            yield _work, ([str(exc)], policy), None
            return
        if skip is not None and not skip.found:
            if after not in rng.page_ids:
                skip.skipped += len(rng.page_ids)
                continue
            skip.found = True
            skip.skipped += rng.page_ids.index(after) + 1
            if after == rng.page_ids[-1]:
                continue
        else:
            after = None
        yield _work_range, (str(path), rng.start, rng.end, prefilter, policy, after), rng.page_ids[-1]
    if skip is not None and not skip.found:
        yield _work, ([str(ReaderError(str(path), f"the checkpoint's page {skip.after} is not in this "
                                       "dump (run the ingest again with --restart)"))], policy), None


def _work_range(path: str, start: int, end: int, prefilter: bool, policy: str | None,
                after: int | None = None) -> list[tuple[str, Any]]:
    """In a worker: read, pre-filter and extract the pages of one byte range of a
    multistream dump (:func:`_work` on them, every changed revision of a history
    page); the pre-filter and revision counts come first."""
    from ..readers.history import HistoryStats
    from ..readers.xmldump import Resume, read_range

    stats = PrefilterStats() if prefilter else None
    history = HistoryStats()
    items: list[Any] = []
    try:
        for item in read_range(path, start, end, path, prefilter=stats,
                               resume=Resume(after) if after is not None else None, history=history):
            items.append(str(item) if isinstance(item, ReaderError) else item)
    except ReaderError as exc:
        items.append(str(exc))
    counts = ("prefilter", (stats.seen, dict(stats.reasons))) if stats else ("prefilter", (0, {}))
    return [counts, ("history", history.counts()), *_work(items, policy)]


def ingest_parallel(store: Store, paths: Iterable[str | Path], input_format: str | None = None, *,
                    workers: int = 2, options: dict[str, Any] | None = None, policy: str | None = None,
                    force: bool = False, prefilter: Any = None, progress: Progress | None = None,
                    context: str = "spawn", batch: int = BATCH, resume: bool = False,
                    executor: ContextManager[tuple[Submit, int]] | None = None,
                    range_pages: int = RANGE_PAGES) -> IngestResult:
    """:func:`tally.store.ingest.ingest` with parsing and extraction in ``workers``
    processes (or in ``executor``, e.g. :func:`tally.store.dask_ingest.dask_executor`)."""
    return run_ingest(StoreSink(store, force), paths, input_format,
                      executor=executor or local_executor(workers, context), options=options,
                      policy=policy, prefilter=prefilter, progress=progress, batch=batch, resume=resume,
                      range_pages=range_pages)
