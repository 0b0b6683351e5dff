"""``ingest``: read files, extract records and store them, one document per transaction.

A document whose source identity and content hash are already stored is
counted ``unchanged`` without being extracted again, so re-running an ingest
adds nothing. A news item (a saved page or a feed item) that is not about
violence against people (floods, road accidents, disease, sport:
:func:`tally.topic.off_topic`) is counted ``skipped`` with its reason and not
stored, unless ``keep_all``. A failure (an unreadable file, a bad row or page, an extractor
error, a record the database refuses) is recorded with the file and row and the
batch goes on; documents stored before it stay stored.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import sqlalchemy as sa

from ..errors import ReaderError, TallyError
from ..model import Document, Incident, to_dict
from .db import Store, StoreError
from .records import content_hash

Extractor = Callable[[Document], Incident]
#: The formats whose documents are news items read off the web, checked for their topic.
NEWS_FORMATS = ("html", "feed")
_SKIPPED = "skipped:"
#: Called after each document with the running result.
Progress = Callable[["IngestResult"], None]


@dataclass
class IngestResult:
    """The counts of one ingest run."""

    ingested: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    #: reason ("disaster", "sport"...) -> news items not stored because they are not about violence
    skipped: dict[str, int] = field(default_factory=dict)
    #: one line per skipped item: its source and why ("feed.xml#item=3: disaster ('floods')")
    skipped_items: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: dump path -> (checkpoint page id, pages skipped) for the dumps a run resumed
    #: (``(None, None)``: already complete in the ``--out`` shards, not read again)
    resumed: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    #: the revision counts of the history pages read (a :class:`tally.readers.history.HistoryStats`),
    #: None when no page had several revisions
    history: Any = None

    def add(self, outcome: str) -> None:
        """Count one document's outcome: a count name, ``skipped:<reason>``, or else a failure line."""
        if outcome.startswith(_SKIPPED):
            reason = outcome[len(_SKIPPED):].split(" ", 1)[0]
            self.skipped[reason] = self.skipped.get(reason, 0) + 1
        elif outcome in ("ingested", "updated", "unchanged"):
            setattr(self, outcome, getattr(self, outcome) + 1)
        else:
            self.failed.append(outcome)

    @property
    def documents(self) -> int:
        """Documents seen (failed rows and files and skipped items included)."""
        return self.ingested + self.updated + self.unchanged + len(self.failed) + self.skipped_count

    @property
    def skipped_count(self) -> int:
        """News items not stored because they are not about violence against people."""
        return sum(self.skipped.values())

    @property
    def reports(self) -> int:
        """Report records written (new or replaced); linking may put several in one incident."""
        return self.ingested + self.updated

    @property
    def incidents(self) -> int:
        """The same count as :attr:`reports` (its name from before reports were linked into incidents)."""
        return self.reports

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        out = {"ingested": self.ingested, "updated": self.updated, "unchanged": self.unchanged,
               "failed": len(self.failed), "failures": list(self.failed),
               "skipped": self.skipped_count, "skipped_by_reason": dict(self.skipped),
               "documents": self.documents, "seconds": round(self.seconds, 3)}
        if self.history is not None:
            out["revisions"] = self.history.counts()
        return out


def source_identity(doc: Document) -> str:
    """The key that says two documents are versions of the same source:

    - the document's own id when it has one (an ``--id-column`` value);
    - ``wiki-page:<page_id>`` for a page of a MediaWiki export, whichever dump
      file it comes from (prefixed by ``meta["site"]`` when the reader knows it);
    - ``url:<link>`` for a feed item with a link, whichever feed file or
      position in it the item comes from;
    - else its file's absolute path plus the row (``#row=N``), so ``a.txt``
      and ``./a.txt`` are the same source.
    """
    if doc.id:
        return str(doc.id)
    page_id = doc.meta.get("page_id")
    if page_id is not None:
        site = doc.meta.get("site")
        return f"{site + ':' if site else ''}wiki-page:{page_id}"
    link = doc.meta.get("link")
    if link and doc.format == "feed":
        return f"url:{link}"
    path, sep, fragment = doc.source.partition("#")
    try:
        path = str(Path(path).resolve())
    except (OSError, RuntimeError):
        pass
    return f"{path}{sep}{fragment}"


def iter_documents(paths: Iterable[str | Path], input_format: str | None = None,
                   **options: Any) -> Iterator[Document | ReaderError]:
    """Documents of every path, with a :class:`ReaderError` in place of each
    row, page or file that cannot be read."""
    from ..readers import read

    for path in paths:
        try:
            yield from read(path, input_format, **options)
        except ReaderError as exc:
            yield exc


def ingest(store: Store, paths: Iterable[str | Path], input_format: str | None = None, *,
           options: dict[str, Any] | None = None, extractor: Extractor | None = None,
           force: bool = False, progress: Progress | None = None, keep_all: bool = False) -> IngestResult:
    """Read ``paths`` and store one incident record per document.

    :param input_format: read every input as this format instead of detecting it.
    :param options: reader options (``text_column``, ``id_column``, ``date_column``).
    :param extractor: ``Document -> Incident`` (default :func:`tally.extract.extract`).
    :param force: extract documents again even when their content hash is
        stored, replacing the record when the new one differs.
    :param progress: called after every document with the running result.
    :param keep_all: store news items that are not about violence against people too.

    A MediaWiki export whose pages have several revisions stores each revision
    whose casualty text changed as a version of the page's report, oldest first
    (``result.history`` counts them; :mod:`tally.readers.history`).
    """
    from ..readers.history import HistoryStats

    history = HistoryStats()
    items = iter_documents(paths, input_format, history=history, **(options or {}))
    result = ingest_documents(store, items, extractor=extractor, force=force, progress=progress,
                              keep_all=keep_all)
    result.history = history if history.pages else None
    return result


def ingest_documents(store: Store, items: Iterable[Document | ReaderError], *,
                     extractor: Extractor | None = None, force: bool = False,
                     progress: Progress | None = None, keep_all: bool = False) -> IngestResult:
    """Store one record per Document of ``items``; ReaderErrors count as
    failures; news items off topic are counted as skipped unless ``keep_all``."""
    if extractor is None:
        from ..extract import extract

        extractor = extract
    result = IngestResult()
    started = time.perf_counter()
    for item in items:
        if isinstance(item, ReaderError):
            result.add(str(item))
        else:
            skip = None if keep_all else skip_outcome(item)
            result.add(skip or _ingest_one(store, item, extractor, force))
            if skip:
                result.skipped_items.append(f"{source_label(item)}: {skip[len(_SKIPPED):]}")
        result.seconds = time.perf_counter() - started
        if progress is not None:
            progress(result)
    result.seconds = time.perf_counter() - started
    return result


def skip_outcome(doc: Document) -> str | None:
    """``skipped:<topic> (<word>)`` for a news item that is not about violence
    against people (:func:`tally.topic.off_topic`), else None."""
    if doc.format not in NEWS_FORMATS:
        return None
    from ..topic import off_topic

    verdict = off_topic(doc)
    return f"{_SKIPPED}{verdict}" if verdict is not None else None


def _ingest_one(store: Store, doc: Document, extractor: Extractor, force: bool) -> str:
    """The outcome for one document: a count name, or a failure line."""
    where = source_label(doc)
    try:
        identity = source_identity(doc)
        digest = content_hash(doc)
        if not force and is_known(store, identity, digest, where):
            return "unchanged"
        record = to_dict(extractor(doc))
    except StoreError:  # the store, not the document, failed (server gone...): the batch cannot go on
        raise
    except TallyError as exc:
        return f"{where}: {exc}"
    except Exception as exc:  # an extractor bug must not end the batch
        return f"{where}: internal error while extracting: {type(exc).__name__}: {exc}"
    return save_record(store, doc, identity, digest, record, force=force)


def save_record(store: Store, doc: Document, identity: str, digest: str, record: dict, *,
                force: bool) -> str:
    """Store one extracted record in its own transaction: the outcome
    (``ingested``/``updated``/``unchanged``) or a failure line naming the
    document. A lost connection raises StoreError (the batch cannot go on)."""
    where = source_label(doc)
    try:
        return store.save(identity, doc, record, digest, force=force)
    except sa.exc.IntegrityError as exc:
        return f"{where}: cannot store record {record.get('id')!r}: {_first_line(exc)}"
    except sa.exc.DBAPIError as exc:
        if exc.connection_invalidated or isinstance(exc, sa.exc.OperationalError):
            raise StoreError(f"database error while storing {where}: {_first_line(exc)}") from None
        return f"{where}: database error: {_first_line(exc)}"
    except sa.exc.StatementError as exc:  # a value the driver cannot take
        return f"{where}: cannot store record {record.get('id')!r}: {exc.orig or exc}"
    except StoreError:
        raise
    except Exception as exc:  # a bug in linking or combining must not end the batch (nothing was stored)
        return f"{where}: internal error while storing: {type(exc).__name__}: {exc}"


def source_label(doc: Document) -> str:
    """The document's source as the failure lines name it (file plus row or page)."""
    source = doc.source
    row = doc.meta.get("row")
    if row is not None and "#" not in source:
        source += f" (row {row})"
    return source


def is_known(store: Store, identity: str, digest: str, where: str) -> bool:
    """:meth:`Store.is_known`, a database failure raised as a StoreError naming the document."""
    try:
        return store.is_known(identity, digest)
    except sa.exc.DBAPIError as exc:
        raise StoreError(f"database error before storing {where}: {_first_line(exc)}") from None


def _first_line(exc: sa.exc.DBAPIError) -> str:
    return (str(exc.orig) if exc.orig is not None else str(exc)).strip().splitlines()[0]
