"""Per-document limits: how large a document may be and how long its
extraction may take (docs/reliability.md).

``TALLY_MAX_DOC_BYTES`` (default 20,000,000)
    the largest document text, in UTF-8 bytes. A longer document is refused
    with a :class:`~tally.errors.ReaderError` naming it (and its row or page)
    and the rest of the batch goes on. A one-document file (``text``,
    ``plaintext``, ``wikitext``) is refused while it is read, once more than
    :data:`RAW_FACTOR` times the limit has been read (UTF-16/32 and wiki
    markup take more bytes than the text they give), so a huge file is never
    held in memory whole; a CSV/TSV cell or JSON line longer than that is
    refused the same way, and an in-memory ``.bz2`` upload may not
    decompress to more than that.
``TALLY_MAX_DOC_SECONDS`` (default 30)
    the extraction time budget of one document. It is checked cooperatively
    (no threads, no signals): between the extraction stages, between the
    steps of the facts stage (date, places, NER fallback, sides) and before
    each section of the body, so a document over budget stops at the next
    check with a :class:`DocumentTimeLimit` naming it. One step that runs
    long between two checks is not interrupted.

``0`` (or a negative value) turns a limit off. A value that is not a number
is an error (:class:`~tally.errors.TallyError`) naming the variable.
"""

from __future__ import annotations

import os
import time
from contextvars import ContextVar
from typing import Iterator

from .errors import ReaderError, TallyError

ENV_BYTES = "TALLY_MAX_DOC_BYTES"
ENV_SECONDS = "TALLY_MAX_DOC_SECONDS"
DEFAULT_MAX_DOC_BYTES = 20_000_000
DEFAULT_MAX_DOC_SECONDS = 30.0
#: Raw bytes allowed per byte of text limit, for one-document files and cells.
RAW_FACTOR = 4


class DocumentTimeLimit(TallyError):
    """A document whose extraction ran over the time budget."""

    def __init__(self, source: str, elapsed: float, budget: float, stage: str):
        self.source = source
        self.elapsed = elapsed
        self.budget = budget
        self.stage = stage
        super().__init__(str(self))

    def __str__(self) -> str:
        return (f"extraction stopped after {self.elapsed:.1f} s ({self.stage}): over the "
                f"per-document time budget of {self.budget:g} s (set {ENV_SECONDS} to change it)")


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw.replace("_", ""))
    except ValueError:
        raise TallyError(f"{name}={raw!r} is not a number") from None


def max_doc_bytes() -> int | None:
    """The per-document text limit in UTF-8 bytes (None: no limit)."""
    v = _env_number(ENV_BYTES, DEFAULT_MAX_DOC_BYTES)
    return int(v) if v > 0 else None


def max_raw_bytes() -> int | None:
    """The raw input limit of a one-document file or one cell (None: no limit)."""
    limit = max_doc_bytes()
    return limit * RAW_FACTOR if limit is not None else None


def max_doc_seconds() -> float | None:
    """The per-document extraction time budget in seconds (None: no limit)."""
    v = _env_number(ENV_SECONDS, DEFAULT_MAX_DOC_SECONDS)
    return v if v > 0 else None


def text_bytes(text: str) -> int:
    """``len(text.encode("utf-8"))`` without encoding when the answer is clear."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", errors="surrogatepass"))


def size_error(source: str, size: int, limit: int, where: str | None = None,
               what: str = "document text", unit: str = "bytes") -> ReaderError:
    """A ReaderError for a document, file, line or page over the size limit,
    marked so that :func:`is_too_large` knows it (the web upload answers it
    with 413, other reader errors with 400)."""
    err = ReaderError(source, f"{what} is {size:,} {unit}, over the per-document limit of "
                      f"{limit:,} {unit} (set {ENV_BYTES} to change it)", where)
    err.too_large = True  # type: ignore[attr-defined]
    return err


def is_too_large(item: object) -> bool:
    """True for an error made by :func:`size_error`."""
    return isinstance(item, ReaderError) and getattr(item, "too_large", False) is True


def check_documents(items: Iterator, source: str) -> Iterator:
    """``items`` (Documents and ReaderErrors from a reader) with every Document
    whose text is over the size limit replaced by a ReaderError naming it."""
    limit = max_doc_bytes()
    for item in items:
        if limit is not None and not isinstance(item, ReaderError):
            text = item.text
            if len(text) > limit or (len(text) * 4 > limit and text_bytes(text) > limit):
                yield size_error(source, text_bytes(text), limit, _where(item.meta))
                continue
        yield item


def _where(meta: dict) -> str | None:
    if meta.get("row") is not None:
        return f"row {meta['row']}" + (f" (line {meta['line']})" if meta.get("line") else "")
    if meta.get("page_id") is not None:
        return f"page {meta['page_id']}"
    if meta.get("item") is not None:
        return f"item {meta['item']}"
    return None


# --------------------------------------------------------------------------- time budget

_deadline: ContextVar["Budget | None"] = ContextVar("tally_deadline", default=None)

#: The clock the budget reads (seconds, monotonic). Tests replace it with one
#: that advances only when they say, so that where a budget stops never
#: depends on the machine's speed.
clock = time.perf_counter


class Budget:
    """The time budget of one document's extraction; use as a context manager
    around the extraction and call :func:`check_time` at safe points."""

    def __init__(self, source: str, seconds: float | None = None):
        self.source = source
        self.seconds = max_doc_seconds() if seconds is None else seconds
        self.start = clock()
        self._token = None

    def check(self, stage: str) -> None:
        if self.seconds is None:
            return
        elapsed = clock() - self.start
        if elapsed > self.seconds:
            raise DocumentTimeLimit(self.source, elapsed, self.seconds, stage)

    def __enter__(self) -> "Budget":
        self._token = _deadline.set(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _deadline.reset(self._token)


def check_time(stage: str) -> None:
    """Raise DocumentTimeLimit when the extraction in progress is over budget
    (nothing when no extraction is in progress)."""
    budget = _deadline.get()
    if budget is not None:
        budget.check(stage)
