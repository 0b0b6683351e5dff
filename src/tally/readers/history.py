"""An article's revision history -> the revisions worth storing, each flagged when it was reverted.

A MediaWiki export with history (``Special:Export`` with every revision, or a
``pages-meta-history`` dump) holds several ``<revision>`` elements per page,
oldest first. :mod:`tally.readers.xmldump` streams them one at a time into a
:class:`RevisionWindow` per page, which decides:

- **what is stored**: a revision whose *casualty text* (:func:`casualty_text`:
  the infobox, the lead and the casualty sections, references and comments left
  out) differs from the last stored revision's; the others are counted as
  skipped (``HistoryStats.skipped``);
- **what was reverted**: a revision whose change is undone within
  :data:`REVERT_WINDOW` seconds (an hour): a later revision restores the casualty
  text (or the whole text, by ``<sha1>``) of the revision before it, or its
  comment says so ("Undid revision N", "Reverted edits by USER",
  "Annulation de la modification N", a bare "rv"/"revert"). Such a revision is
  stored with ``meta["reverted"] = True`` and ``meta["reverted_by"]`` (the
  reverting revision's id): the timeline shows it faded and does not count it.

Only the revisions of the last hour are held (at most :data:`WINDOW_LIMIT`), so
memory stays flat however many revisions a page has: a revision leaves the
window, final, once a revision more than an hour younger has been read.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: Seconds within which an undone change counts as reverted (vandalism, a bad edit).
REVERT_WINDOW = 3600
#: The most revisions held at once (an edit war of hundreds an hour flushes the oldest).
WINDOW_LIMIT = 256

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_REF = re.compile(r"<ref\b[^>]*/\s*>|<ref\b[^>]*>.*?(?:</ref\s*>|\Z)", re.S | re.I)
_HEADING = re.compile(r"^(={1,6})\s*(.*?)\s*\1[ \t]*$", re.M)
_INFOBOX = re.compile(r"\{\{\s*infobox", re.I)
#: Section headings whose text holds casualty figures (English and French).
CASUALTY_HEADINGS = re.compile(
    r"casualt|victim|death|dead|kill|fatalit|injur|wound|toll|losses|aftermath|attack|massacre|"
    r"bomb|shooting|raid|ambush|strike|battle|bilan|victime|mort|bless|perte|attentat|tuerie|"
    r"fusillade|embuscade|assaut|combat|explosion", re.I)

_UNDID = re.compile(r"\b(?:undid|undo|undoing)\s+revisions?\s+(\d+)|"
                    r"\bannulation\s+(?:de\s+la\s+modification|des\s+modifications)\s+(\d+)", re.I)
_BY_USER = re.compile(
    r"\b(?:reverted|revert|rv|r[ée]vocation\s+des\s+modifications)\b[^|\]\n]*?\b(?:by|de)\s+"
    r"(?:\[\[(?:special:contributions/|sp[ée]cial:contributions/|user:|utilisateur:)?([^|\]]+)[^\]]*\]\]|"
    r"([^\s(\[]+))", re.I)
_GENERIC = re.compile(r"^\s*(?:rvv?|revert(?:ed|ing)?|reverting|r[ée]vocation|annulation|undid)\b", re.I)


def casualty_text(wikitext: str) -> str:
    """The part of a page's wikitext whose changes can change its figures: the
    lead (every infobox with it), and each section whose heading names
    casualties or the attack (with its subsections), without references or
    comments, whitespace collapsed."""
    text = _REF.sub(" ", _COMMENT.sub(" ", wikitext))
    headings = list(_HEADING.finditer(text))
    lead_end = headings[0].start() if headings else len(text)
    parts = [text[:lead_end]]
    for m in _INFOBOX.finditer(text, lead_end):  # an infobox below the first heading
        parts.append(text[m.start():m.start() + _template_end(text, m.start())])
    for i, h in enumerate(headings):
        if not CASUALTY_HEADINGS.search(h.group(2)):
            continue
        level = len(h.group(1))
        end = next((n.start() for n in headings[i + 1:] if len(n.group(1)) <= level), len(text))
        parts.append(text[h.start():end])
    return " ".join(" ".join(parts).split())


def _template_end(text: str, start: int) -> int:
    """The length of the template that opens at ``start`` (to the end of the text if unclosed)."""
    depth = 0
    i = start
    while i < len(text) - 1:
        pair = text[i:i + 2]
        if pair == "{{":
            depth += 1
            i += 2
        elif pair == "}}":
            depth -= 1
            i += 2
            if depth == 0:
                return i - start
        else:
            i += 1
    return len(text) - start


def casualty_key(wikitext: str) -> bytes:
    """A short digest of :func:`casualty_text`: equal keys, same figures' text."""
    return hashlib.blake2b(casualty_text(wikitext).encode("utf-8"), digest_size=16).digest()


def parse_timestamp(stamp: str) -> datetime | None:
    """``2024-03-01T12:00:00Z`` -> an aware datetime; None when it is not one."""
    try:
        at = datetime.fromisoformat(stamp.strip())
    except (ValueError, AttributeError):
        return None
    return at if at.tzinfo is not None else None


@dataclass
class Revision:
    """One revision of a page as the window sees it; ``text`` only when it is to be stored."""

    rev_id: str
    stamp: str
    at: datetime
    key: bytes
    sha1: str | None = None
    user: str | None = None
    comment: str = ""
    text: str | None = None
    reverted_by: str | None = None

    @property
    def stored(self) -> bool:
        return self.text is not None


@dataclass
class HistoryStats:
    """What a history ingest read: pages with several revisions and their revisions."""

    pages: int = 0
    revisions: int = 0
    stored: int = 0
    skipped: int = 0  # the casualty text did not change
    filtered: int = 0  # left out by the pre-filter
    without_text: int = 0  # hidden or empty revisions
    reverted: int = 0  # stored revisions flagged reverted
    failed: int = 0  # revisions yielded as errors (no timestamp, too large)

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("pages", "revisions", "stored", "skipped", "filtered",
                                              "without_text", "reverted", "failed")}

    def merge(self, other: "HistoryStats | dict[str, int]") -> None:
        counts = other.counts() if isinstance(other, HistoryStats) else other
        for k, v in counts.items():
            setattr(self, k, getattr(self, k) + v)

    def summary(self) -> str:
        """One line: ``history: 2 pages, 48 revisions: 21 stored (1 reverted), 27 skipped ...``."""
        line = (f"history: {self.pages} pages, {self.revisions} revisions: {self.stored} stored "
                f"({self.reverted} reverted within the hour), {self.skipped} skipped (casualty text unchanged)")
        extra = [f"{n} {what}" for n, what in ((self.filtered, "left out by the pre-filter"),
                                               (self.without_text, "without text"),
                                               (self.failed, "unreadable")) if n]
        return line + (", " + ", ".join(extra) if extra else "")


@dataclass
class RevisionWindow:
    """The revisions of one page read in the last hour; see the module docstring."""

    stats: HistoryStats
    window: int = REVERT_WINDOW
    limit: int = WINDOW_LIMIT
    held: deque = field(default_factory=deque)
    base: Revision | None = None  # the newest revision that left the window
    last_stored: bytes | None = None

    def add(self, rev: Revision, wikitext: str | None) -> list[Revision]:
        """Read ``rev`` (its text given when the pre-filter passed it); the revisions
        that leave the window, final, oldest first."""
        self.stats.revisions += 1
        if wikitext is not None and rev.key != self.last_stored:
            rev.text = wikitext
            self.last_stored = rev.key
        elif wikitext is not None:
            self.stats.skipped += 1
        else:
            self.stats.filtered += 1
        self._reverts(rev)
        self.held.append(rev)
        out = []
        while self.held and (len(self.held) > self.limit
                             or (rev.at - self.held[0].at).total_seconds() > self.window):
            out.append(self._leave())
        return [r for r in out if r.stored]

    def finish(self) -> list[Revision]:
        """The page ended: every revision still held, oldest first."""
        out = [self._leave() for _ in range(len(self.held))]
        return [r for r in out if r.stored]

    def _leave(self) -> Revision:
        rev = self.held.popleft()
        self.base = rev
        if rev.stored:
            self.stats.stored += 1
            self.stats.reverted += rev.reverted_by is not None
        return rev

    def _within(self, earlier: Revision, rev: Revision) -> bool:
        return 0 <= (rev.at - earlier.at).total_seconds() <= self.window

    def _mark(self, revs: list[Revision], by: Revision) -> None:
        for r in revs:
            if r.reverted_by is None and self._within(r, by):
                r.reverted_by = by.rev_id

    def _reverts(self, rev: Revision) -> None:
        """Flag the held revisions that ``rev`` reverts."""
        seq = ([self.base] if self.base is not None else []) + list(self.held)
        # a restore: the nearest earlier revision with the same casualty text (or whole text)
        for i in range(len(seq) - 1, -1, -1):
            e = seq[i]
            if e.key == rev.key or (rev.sha1 and e.sha1 == rev.sha1):
                between = seq[i + 1:]
                if between and self._within(between[0], rev):
                    self._mark(between, rev)
                break
        if not rev.comment or not self.held:
            return
        undid = _UNDID.search(rev.comment)
        if undid:
            target = undid.group(1) or undid.group(2)
            self._mark([r for r in self.held if r.rev_id == target], rev)
            return
        by = _BY_USER.search(rev.comment)
        if by:
            user = (by.group(1) or by.group(2) or "").strip().lower()
            run = []
            for r in reversed(self.held):
                if (r.user or "").lower() != user:
                    break
                run.append(r)
            self._mark(run, rev)
            return
        if _GENERIC.search(rev.comment) and self.held[-1].key != rev.key:
            self._mark([self.held[-1]], rev)


def revision_meta(page_id: int, rev: Revision) -> dict[str, Any]:
    """The ``meta`` of a stored revision's Document."""
    meta: dict[str, Any] = {"page_id": page_id, "revision_id": int(rev.rev_id) if rev.rev_id.isdigit() else None,
                            "timestamp": rev.stamp, "namespace": 0, "reverted": rev.reverted_by is not None}
    if rev.reverted_by is not None:
        meta["reverted_by"] = int(rev.reverted_by) if rev.reverted_by.isdigit() else rev.reverted_by
    return meta
