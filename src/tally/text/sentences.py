"""A fast rule-based sentence splitter that keeps character offsets.

``split(text, start, end)`` yields ``(s, e, paragraph)`` spans of
``text[start:end]``: a sentence ends at ``.``, ``!`` or ``?`` (optionally
followed by closing quotes/brackets) when the next word starts with a capital,
a digit or a quote, unless the word before the dot is a known abbreviation
("Gen.", "Oct.", "U.S.") or a single letter; a newline always ends a sentence
and a paragraph (one line per paragraph in tally's documents). About 100 times faster than a parse.
"""

from __future__ import annotations

import re
from typing import Iterator

ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
    "pvt", "adm", "brig", "cmdr", "gov", "sen", "rep", "rev", "st", "mt", "ft", "no", "nos",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "ltd", "co", "corp", "jr", "sr", "vs", "etc", "approx", "est", "dept", "univ",
    "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "govt", "pres", "hon", "messrs",
}

_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")


def split(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, int]]:
    """Sentence spans ``(s, e, paragraph_index)`` of ``text[start:end]``,
    stripped of surrounding white space."""
    end = len(text) if end is None else end
    para = 0
    pos = start
    for m in _END_RE.finditer(text, start, end):
        if m.group(0) != "\n":
            # abbreviation or initial before the dot?
            j = m.start()
            k = j
            while k > start and (text[k - 1].isalnum() or text[k - 1] == "."):
                k -= 1
            word = text[k:j].lower().rstrip(".")
            if word in ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        s, e = _strip(text, pos, m.end() if m.group(0) != "\n" else m.start())
        if e > s:
            yield s, e, para
        pos = m.end()
        if m.group(0) == "\n":
            para += 1
    s, e = _strip(text, pos, end)
    if e > s:
        yield s, e, para


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
