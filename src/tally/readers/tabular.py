"""CSV, TSV and JSON Lines: one Document per row (one report a row).

Options: ``text_column`` (default: the first of :data:`TEXT_COLUMNS` present,
matched case-insensitively), ``id_column`` (used only when given) and
``date_column`` (default: a column named one of :data:`DATE_COLUMNS`, if any). Every row becomes::

    Document.from_text(text, source=f"{source}#row={n}", format=fmt, id=<id as str or None>,
                       meta={"row": n, "line": line, "date": <date value or None>})

where ``n`` counts data rows (JSON objects) from 1, blank lines not counted,
``line`` is the file line the row starts on (the CSV header is line 1),
``text`` is the cell with newlines normalised to ``\\n``, and the id and date
are the values as written (``None`` when empty; a date that is no date, such as
``notadate`` or ``2024-13-45``, is left out with a one-line warning naming the row on the
``tally`` logger). Files are decoded as a
stream (UTF-8, or UTF-8/16/32 with a BOM; bytes that are not UTF-8 are read
as Windows-1252), so large files are never held in memory whole.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import re
import sys
from datetime import date as _date
from typing import Any, BinaryIO, Iterator, Sequence, TextIO

from ..errors import ReaderError
from ..limits import max_raw_bytes, size_error
from ..model import Document
from . import Rewound
from ._text import normalise_newlines

log = logging.getLogger("tally.readers")

#: Columns tried, in order, when no ``text_column`` is given.
TEXT_COLUMNS = ("text", "description", "body", "content", "summary", "notes", "article")
#: Columns taken as the report's date when no ``date_column`` is given.
DATE_COLUMNS = ("date", "report_date", "published")

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode error handler: bytes that are not UTF-8 are read as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("tally-cp1252", _cp1252_fallback)
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # long articles in one cell


def read_csv(fp: BinaryIO, source: str, **options: Any) -> Iterator[Document | ReaderError]:
    """Rows of a comma-separated file with a header line."""
    return _read_delimited(fp, source, ",", "csv", **options)


def read_tsv(fp: BinaryIO, source: str, **options: Any) -> Iterator[Document | ReaderError]:
    """Rows of a tab-separated file with a header line."""
    return _read_delimited(fp, source, "\t", "tsv", **options)


def read_jsonl(fp: BinaryIO, source: str, text_column: str | None = None, id_column: str | None = None,
               date_column: str | None = None, **_: Any) -> Iterator[Document | ReaderError]:
    """One JSON object per line. A line that is not a JSON object is yielded
    as a ReaderError and reading goes on."""
    columns: tuple[str, str | None, str | None] | None = None
    row = 0
    for line_no, line in enumerate(_lines(_open_text(fp, source), source, skip_long=True), start=1):
        if isinstance(line, ReaderError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReaderError(source, f"invalid JSON: {exc.msg} (column {exc.colno})", f"line {line_no}")
            continue
        if not isinstance(obj, dict):
            yield ReaderError(source, f"expected a JSON object, got {type(obj).__name__}", f"line {line_no}")
            continue
        row += 1
        keys = {k.lower(): k for k in obj}
        if columns is None:  # resolved against the first object
            names = list(obj)
            columns = (_text_column(names, text_column, source),
                       _column(names, id_column, source), _date_column(names, date_column, source))
        text_key, id_key, date_key = (keys.get(c.lower(), c) if c else None for c in columns)
        yield _document(source, "jsonl", row, line_no, obj.get(text_key),
                        obj.get(id_key) if id_key else None, obj.get(date_key) if date_key else None)
    if columns is None:
        raise ReaderError(source, "no records")


def _read_delimited(fp: BinaryIO, source: str, delimiter: str, fmt: str, text_column: str | None = None,
                    id_column: str | None = None, date_column: str | None = None,
                    **_: Any) -> Iterator[Document | ReaderError]:
    cap = max_raw_bytes()
    csv.field_size_limit(min(cap or sys.maxsize, 2**31 - 1))
    reader = csv.reader(_lines(_open_text(fp, source), source), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise ReaderError(source, "empty file")
        names = [h.strip() for h in header]
        text_i = names.index(_text_column(names, text_column, source))
        id_i, date_i = (names.index(c) if c else None for c in
                        (_column(names, id_column, source), _date_column(names, date_column, source)))
        row = 0
        last_line = reader.line_num
        for cells in reader:
            line_no, last_line = last_line + 1, reader.line_num
            if not cells:
                continue  # blank line
            row += 1
            yield _document(source, fmt, row, line_no, _cell(cells, text_i),
                            _cell(cells, id_i), _cell(cells, date_i))
    except csv.Error as exc:
        raise ReaderError(source, f"malformed {fmt.upper()}: {exc}", f"line {reader.line_num}") from None
    if row == 0:
        raise ReaderError(source, "no data rows after the header")


def _document(source: str, fmt: str, row: int, line: int, text: Any, ident: Any,
              date: Any) -> Document | ReaderError:
    """The Document of one row, or a ReaderError when its text is empty."""
    where = f"row {row} (line {line})"
    if text is not None and not isinstance(text, str):
        return ReaderError(source, f"the text is a {type(text).__name__}, not a string", where)
    if not text or not text.strip():
        return ReaderError(source, "empty text", where)
    day = _scalar(date)
    if day is not None and not looks_like_date(day):
        log.warning("%s: %s: the date %r is not a date; the row is read without it", source, where, day[:40])
        day = None
    return Document.from_text(normalise_newlines(text), source=f"{source}#row={row}", format=fmt,
                              id=_scalar(ident), meta={"row": row, "line": line, "date": day})


_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\s*$")
_YEAR_RE = re.compile(r"(?<!\d)(?:1\d{3}|2\d{3})(?!\d)")


def looks_like_date(value: str) -> bool:
    """True for a value that can be a date: an ISO date that exists
    (``2024-03-02``, ``2024-03``, with a time), or any other writing that
    holds a year (``2 March 2024``, ``02/03/2024``, ``2 mars 2024``)."""
    m = _ISO_RE.match(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
        try:
            _date(y, mo, d)
        except ValueError:
            return False
        return True
    return bool(_YEAR_RE.search(value)) and not re.match(r"^\s*\d{4}-\d", value)


def _scalar(value: Any) -> str | None:
    """A cell or JSON value as text, as written; ``None`` when missing or empty."""
    return None if value is None or value == "" else str(value)


def _cell(cells: Sequence[str], index: int | None) -> str | None:
    return cells[index] if index is not None and index < len(cells) else None


def _text_column(names: list[str], wanted: str | None, source: str) -> str:
    """The column holding the text: ``wanted`` or the first of TEXT_COLUMNS."""
    if wanted:
        return _column(names, wanted, source) or wanted
    lower = {n.lower(): n for n in reversed(names)}
    for candidate in TEXT_COLUMNS:
        if candidate in lower:
            return lower[candidate]
    raise ReaderError(source, f"no text column: expected one of {', '.join(TEXT_COLUMNS)} "
                      f"(or --text-column); columns are: {', '.join(names) or '(none)'}")


def _date_column(names: list[str], wanted: str | None, source: str) -> str | None:
    """The report-date column: ``wanted``, else a column named ``date`` if there is one."""
    if wanted:
        return _column(names, wanted, source)
    return next((n for n in names if n.strip().lower() in DATE_COLUMNS), None)


def _column(names: list[str], wanted: str | None, source: str) -> str | None:
    """The name in ``names`` matching ``wanted`` (case-insensitive)."""
    if not wanted:
        return None
    for name in names:
        if name.lower() == wanted.strip().lower():
            return name
    raise ReaderError(source, f"no column {wanted!r}; columns are: {', '.join(names) or '(none)'}")


def _lines(stream: TextIO, source: str, skip_long: bool = False) -> Iterator[Any]:
    """The lines of ``stream``, none read whole past the raw limit
    (:func:`tally.limits.max_raw_bytes`, counted in characters): a longer
    line raises ReaderError naming it, or with ``skip_long`` is skipped and
    yielded as a ReaderError in its place."""
    cap = max_raw_bytes()
    line_no = 0
    while True:
        line = stream.readline(-1 if cap is None else cap + 1)
        if not line:
            return
        line_no += 1
        if cap is not None and len(line) > cap:
            size = len(line)
            while line and not line.endswith(("\n", "\r")):  # the rest of the line, in chunks
                line = stream.readline(cap + 1)
                size += len(line)
            err = size_error(source, size, cap, f"line {line_no}", what="the line", unit="characters")
            if not skip_long:
                raise err
            yield err
            continue
        yield line


def _open_text(fp: BinaryIO, source: str) -> TextIO:
    """``fp`` as a text stream (newlines kept as written, for the csv module)."""
    head = fp.read(8192)
    encoding = next((enc for bom, enc in _BOMS if head.startswith(bom)), None)
    if not head.strip():
        raise ReaderError(source, "empty file")
    if encoding is None and b"\x00" in head:
        raise ReaderError(source, "binary file, not text (contains NUL bytes)")
    raw = io.BufferedReader(Rewound(head, fp))
    return io.TextIOWrapper(raw, encoding=encoding or "utf-8", errors="tally-cp1252", newline="")
