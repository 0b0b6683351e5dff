"""Body claims: the lead and the sections (see-also, references and the like
skipped) read sentence by sentence (:mod:`.sentence`), each claim given its
section, its source (its own, its ';' clause's, or the paragraph's carried to a
sentence that continues the report) and ``other_event`` (:mod:`.attribution`);
:func:`mentions_killing` tells whether the body speaks of a killing at all."""

from __future__ import annotations

import re

from ..text import sentences
from ..limits import check_time
from ..model import Claim, Document, Side
from .attribution import (CAUSE_OTHER_RE, CONTINUES_RE, OTHER_MARK_RE, OTHER_SECTION_RE, RELATIVE_OTHER_RE, YEAR_RE,
                          _clause_source, _other_event_sentence, _sentence_source)
from .groups import _Ctx
from .sentence import _sentence_claims


SKIP_SECTIONS = re.compile(r"^(?:see\s+also|references|notes|external\s+links|further\s+reading|"
                           r"sources|bibliography|citations|footnotes|gallery)$", re.I)

_KILLING_WORD_RE = re.compile(r"\b(?:killed|killing|murdered|slain|dead|died|death|bodies|body|"
                              r"massacred|executed|beheaded|lynched|assassinated|shot|gunned|hacked|stabbed)\b", re.I)


def mentions_killing(doc: Document) -> bool:
    """True when the body speaks of a killing (used when no figure is stated)."""
    for _, s0, s1 in _body_spans(doc):
        if _KILLING_WORD_RE.search(doc.text, s0, s1):
            return True
    return False


def _body_spans(doc: Document) -> list[tuple[str, int, int]]:
    out = []
    ib_end = doc.infobox.end if doc.infobox is not None else -1
    secs = sorted(doc.sections, key=lambda s: (s.start, -s.level))
    for i, s in enumerate(secs):
        if SKIP_SECTIONS.match(s.name.strip()):
            continue
        start = max(s.start, ib_end) if ib_end > s.start and ib_end < s.end else s.start
        end = s.end
        # a parent section's body stops at its first child
        for t in secs[i + 1:]:
            if t.start >= start and t.start < end:
                end = t.start
                break
        if end > start:
            out.append((s.name, start, end))
    return out


def _body_claims(doc: Document, sides: list[Side]) -> list[Claim]:
    ctx = _Ctx(doc, sides)
    text = doc.text
    out: list[Claim] = []
    for name, s0, s1 in _body_spans(doc):
        section_other = bool(OTHER_SECTION_RE.match(name.strip()))
        prev_para = -1
        prev_source: str | None = None
        for ss, se, para in sentences.split(text, s0, s1):
            if para != prev_para:
                check_time("reading the body's claims")  # the time budget (tally.limits)
                prev_source = None
                prev_para = para
            sent = text[ss:se]
            if sent.lstrip().startswith(("- ", "* ")) and len(sent) < 80 and not re.search(r"\d", sent):
                continue
            found = _sentence_claims(text, ss, se, ctx)
            if not found:
                # a sentence with no claim keeps the paragraph's source going
                src = _sentence_source(sent)
                if src:
                    prev_source = src
                continue
            src = _sentence_source(sent)
            carried = None
            if src is None and prev_source and CONTINUES_RE.search(sent):
                carried = prev_source
            other_sent = section_other or _other_event_sentence(sent, ctx.year)
            for c in found:
                if CAUSE_OTHER_RE.search(text[max(ss, c.figure_start - 60):c.figure_start]):
                    c.other_event = True  # "sparked by the killing of a military official"
                clause_src = _clause_source(text, ss, se, c.figure_start)
                if clause_src:
                    c.source = clause_src  # this ';' clause names its own speaker
                elif c.source is None:
                    c.source = src or carried
                c.section = name
                if other_sent or RELATIVE_OTHER_RE.search(text[max(ss, c.figure_start - 40):c.figure_start]) \
                        and OTHER_MARK_RE.search(sent) is not None:
                    c.other_event = True
                elif ctx.year and RELATIVE_OTHER_RE.search(text[max(ss, c.figure_start - 40):c.figure_start]):
                    ym = [int(y) for y in YEAR_RE.findall(sent)]
                    if ym and all(y != ctx.year for y in ym):
                        c.other_event = True
                out.append(c)
            prev_source = src or carried or prev_source
    return out
