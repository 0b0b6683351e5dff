"""Bytes to text: encoding detection shared by all readers."""

from __future__ import annotations

import codecs

from ..errors import ReaderError


def decode(data: bytes, source: str) -> str:
    """Decode ``data`` (UTF-8, UTF-8/16/32 with BOM, else Windows-1252), with
    newlines normalised to ``\\n``. Raises ReaderError for empty or binary input."""
    if not data.strip():
        raise ReaderError(source, "empty file")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ReaderError(source, f"not valid {enc} text: {exc.reason}") from None
            return normalise_newlines(text)
    if b"\x00" in data[:8192]:
        raise ReaderError(source, "binary file, not text (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
