"""Compressed inputs: a ``.bz2`` file decompressed on several cores.

A Wikipedia dump, plain or history, is one bz2 stream: the ``bz2`` module
decompresses it on one core, which bounded a dump ingest at that core's speed.
:func:`open_bz2` reads it with ``indexed_bzip2`` (a pinned dependency) instead:
its ``ParallelBZ2Reader`` finds the bz2 blocks (each about 900 kB of text,
compressed on its own) and decodes them in C++ threads, outside the GIL, ahead
of the reader, so the XML parse in this process overlaps the decompression
spread over the machine's cores. Every block's CRC is checked.

The bytes are those the ``bz2`` module gives (a test compares them), and so are
the failures: when ``indexed_bzip2`` fails (a truncated file, a corrupt block)
or cannot vouch for the file's start (no block right after the stream header,
where its parallel block search could skip damaged data), the rest of the file
is read again with the ``bz2`` module from the same position, which yields the
same complete bytes and raises its own error (``EOFError`` for a truncated file,
``OSError`` for an invalid stream) at the same point.

Threads: ``TALLY_BZ2_THREADS`` (default: the machine's cores; ``1`` decodes in
one C++ thread; ``0`` uses the ``bz2`` module). Without ``indexed_bzip2``
installed, the ``bz2`` module is used.
"""

from __future__ import annotations

import bz2
import io
import os
from pathlib import Path
from typing import Any, BinaryIO

#: The first block of a bz2 stream starts 32 bits in, after ``BZh`` and the level digit.
_FIRST_BLOCK_BIT = 32


def bz2_threads() -> int:
    """Decompression threads for a ``.bz2`` input (``TALLY_BZ2_THREADS``, default the cores)."""
    value = os.environ.get("TALLY_BZ2_THREADS", "").strip()
    if value.isdigit():
        return int(value)
    return os.cpu_count() or 1


def parallel_available() -> bool:
    """True when ``indexed_bzip2`` can be imported."""
    try:
        import indexed_bzip2  # noqa: F401
    except ImportError:
        return False
    return True


def open_bz2(path: str | Path, threads: int | None = None) -> BinaryIO:
    """``path`` decompressed, on ``threads`` threads (default :func:`bz2_threads`) with
    ``indexed_bzip2`` when it is installed and the file starts as bz2, else with the bz2 module."""
    threads = bz2_threads() if threads is None else threads
    if threads < 1 or not parallel_available():
        return bz2.open(path, "rb")  # type: ignore[return-value]
    with open(path, "rb") as fp:
        head = fp.read(4)
    if len(head) < 4 or not head.startswith(b"BZh") or head[3:4] not in b"123456789":
        return bz2.open(path, "rb")  # type: ignore[return-value]  # it raises the usual error
    return io.BufferedReader(ParallelBz2(path, threads), buffer_size=1 << 20)  # type: ignore[return-value]


class ParallelBz2(io.RawIOBase):
    """A bz2 file read through ``indexed_bzip2``, continued by the bz2 module where that fails."""

    def __init__(self, path: str | Path, threads: int) -> None:
        import indexed_bzip2

        self._path = str(path)
        self._fp: Any = indexed_bzip2.open(self._path, parallelization=threads)
        self._fallback: Any = None
        self._pos = 0  # bytes given so far
        self._checked = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:  # type: ignore[override]
        if self._fallback is not None:
            return self._from_fallback(b)
        try:
            n = self._fp.readinto(b)
        except (RuntimeError, ValueError, OSError):
            return self._switch(b)
        if not self._checked and (n or self._pos == 0):
            self._checked = True
            offsets = self._fp.available_block_offsets() if n else {}
            if not offsets or min(offsets) != _FIRST_BLOCK_BIT:  # nothing decoded, or data skipped
                return self._switch(b)
        self._pos += n
        return n

    def _switch(self, b: Any) -> int:
        """Go on with the bz2 module from the current position (its bytes, its error)."""
        self._close_parallel()
        self._fallback = bz2.open(self._path, "rb")
        left = self._pos
        while left:
            chunk = self._fallback.read1(min(left, 1 << 20))
            if not chunk:
                raise EOFError("Compressed file ended before the end-of-stream marker was reached")
            left -= len(chunk)
        return self._from_fallback(b)

    def _from_fallback(self, b: Any) -> int:
        """What the bz2 module has ready, one read at a time (a larger read would drop the
        bytes decoded before a truncation along with the read that fails)."""
        data = self._fallback.read1(len(b))
        b[:len(data)] = data
        return len(data)

    def _close_parallel(self) -> None:
        if self._fp is not None:
            try:
                self._fp.close()
            except Exception:  # noqa: BLE001 - a failed reader may fail to close too
                pass
            self._fp = None

    def close(self) -> None:
        self._close_parallel()
        if self._fallback is not None:
            self._fallback.close()
        super().close()
