"""Plain text (a news report): the whole file is one Document with one Lead
section; ``title`` is the first line when it reads as a headline (short, no
final full stop, followed by a blank line). The headline stays in the text."""

from __future__ import annotations

from typing import BinaryIO, Iterator

from ..model import Document
from ._text import decode

MAX_HEADLINE = 160


def read_text(fp: BinaryIO, source: str, **_: object) -> Iterator[Document]:
    """One Document of the file's text."""
    text = decode(fp.read(), source)
    yield Document.from_text(text, source, format="text", title=headline(text))


def headline(text: str) -> str | None:
    """The first line of ``text`` when it looks like a headline, else None."""
    lines = text.lstrip("\n").split("\n", 2)
    if len(lines) < 3 or lines[1].strip():
        return None
    first = lines[0].strip()
    if not first or len(first) > MAX_HEADLINE or first.endswith((".", ",", ";", ":")):
        return None
    return first
