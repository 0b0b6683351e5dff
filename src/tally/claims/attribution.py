"""Who said it and which event it counts: the source of a body claim
("according to X", "X said/reported/stated", "..., X said", "per X", "with one
officer stating"), the speaker of a ';' clause of its own, the words that carry
a source to the next sentence ("also", "another"), and the marks of another
incident (a Background section, "last year", "a previous attack", "sparked by
the killing of", a year before the incident's, found by :func:`incident_year`)."""

from __future__ import annotations

import re

from ..model import Document
from .lexicon import current as _lex
from .lexicon.en import CAUSE_OTHER_RE, OTHER_MARK_RE, WINDOW  # noqa: F401  (CAUSE_OTHER_RE, OTHER_MARK_RE: also read from here)


_VERBY_SOURCE = re.compile(r"\b(?:was|were|is|are|had|has|have|been|figure|toll|number)\b", re.I)
_BAD_SOURCE = re.compile(r"^(?:it|he|she|they|this|that|there|which|who|we|i|and|or|but|then|also|the\s+attack|"
                         r"the\s+report|police\s+said\s+the)$", re.I)
CONTINUES_RE = re.compile(r"\b(?:as\s+well|also|another|further|additional|in\s+addition|more|"
                          r"others|the\s+rest|besides)\b", re.I)
OTHER_SECTION_RE = re.compile(r"^(?:background|history|prelude|context|previous\s+\w+|earlier\s+\w+|"
                              r"past\s+\w+|historical\s+background|origins?)$", re.I)
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
RELATIVE_OTHER_RE = re.compile(r"\b(?:attack|attacks|bombing|massacre|raid|siege|shooting|ambush)\s+"
                               r"(?:that|which)\s+(?:had\s+)?(?:killed|left)\s*$|"
                               r"\b(?:attack|attacks|bombing|massacre|raid|siege|shooting|ambush)\b[^,.;]{0,30}?"
                               r"\b(?:in|during)\s+which\s+$", re.I)


def incident_year(doc: Document) -> int | None:
    date = doc.meta.get("date") if doc.meta else None
    if isinstance(date, str):
        m = YEAR_RE.search(date)
        if m:
            return int(m.group(1))
    if doc.infobox is not None:
        f = doc.infobox.get("date")
        if f:
            m = YEAR_RE.search(f.value)
            if m:
                return int(m.group(1))
    if doc.title:
        m = YEAR_RE.search(doc.title)
        if m:
            return int(m.group(1))
    return None


#: where a clause with a speaker of its own may start: "...; officials said 14", "..., while the group said 15"
_CLAUSE_CUT_RE = re.compile(r";\s*|,\s*(?:while|whereas|but)\s+", re.I)


#: a sentence opening on a concessive clause, whose first comma ends it
_CONCESSIVE_OPENING_RE = re.compile(r"\s*(?:although|though|even\s+though|while|whereas|alors\s+qu(?:e\b|['’])|"
                                    r"bien\s+qu(?:e\b|['’])|tandis\s+qu(?:e\b|['’])|si\b)", re.I)


def clause_source(text: str, ss: int, se: int, pos: int) -> str | None:
    """The speaker of the clause holding ``pos`` (clauses cut at ';' and at ", while",
    ", whereas", ", but"), when the sentence has several and that one names its own
    ("the rebels claimed 50; officials said 14", "the army said it killed 120, while
    the group said it lost 15")."""
    sent = text[ss:se]
    marks = [(m.start(), m.end()) for m in _CLAUSE_CUT_RE.finditer(sent)]
    opening = _CONCESSIVE_OPENING_RE.match(sent)
    if opening:  # "Although the group claimed 20 were killed, the army said three": the comma ends a clause
        comma = sent.find(",", opening.end())
        if comma > 0:
            marks.append((comma, comma + 1))
    if not marks:
        return None
    start = max([b for a, b in marks if b <= pos - ss], default=0)
    end = min([a for a, b in marks if a >= pos - ss], default=len(sent))
    clause = sent[start:end]
    if opening and start == 0:
        clause = clause[opening.end():]
    clause = clause.strip()
    if not clause:
        return None
    # a clause after ';' starts a statement: "officials said ..." reads like "Officials said ..."
    src = sentence_source(clause[0].upper() + clause[1:])
    if src and clause[0].islower() and src[0].isupper() and src[1:] == clause[1:len(src)]:
        src = clause[0] + src[1:]
    return src


def other_event_sentence(sent: str, year: int | None) -> bool:
    """True when the whole sentence tells another event than the report's: it opens on a marker of
    an earlier event ("Last year, ...") or the marker governs a killing clause ("a similar attack
    that killed"), or it names only years before the incident's ``year`` ("in 2015")."""
    for marks in dict.fromkeys((OTHER_MARK_RE, _lex().OTHER_MARK_RE)):  # English marks, then the text's language's
        m = marks.search(sent)
        # "the attack was the deadliest since 2012" still reports this incident's toll
        # when the figure comes before the marker; keep it simple: mark only when
        # the marker precedes a killing verb of a relative clause or opens the sentence
        if m and (re.search(r"\b(?:that|which|qui)\s+(?:had\s+|avait\s+|a\s+)?(?:killed|left|tué|fait)\b"
                            r"|\bwhen\s+(?:[\w-]+\s+){1,5}?(?:killed|shot\s+dead)\b", sent[m.start():], re.I)
                  or m.start() < 25):
            return True
    if year:
        ys = [int(y) for y in YEAR_RE.findall(sent)]
        since = re.search(r"\b(?:in|since|of)\s+(?:1[89]|20)\d\d\b", sent, re.I)
        # "... was the deadliest attack in the region since 2012": this event's toll, ranked
        if ys and all(y < year for y in ys) and since and not _lex().CONTEXT_SUPERLATIVE_RE.search(sent, 0, since.start()):
            return True
    return False


def sentence_source(sent: str) -> str | None:
    """The speaker a sentence names for its figures ("officials said", "selon l'AFP"), by the
    language's ``SOURCE_PATTERNS``; None when it names none."""
    if len(sent) > 2 * WINDOW:
        sent = sent[:WINDOW] + " … " + sent[-WINDOW:]
    patterns = _lex().SOURCE_PATTERNS  # the language's ways of naming a speaker
    for pat in patterns:
        m = pat.search(sent)
        if m:
            src = m.group("src").strip(" ,.;:'\"“”")
            if re.match(r"^(?:but|although|though|while|whereas|however)\b", src, re.I):
                continue
            src = re.sub(r"^(?:and|which|who)\s+", "", src, flags=re.I)
            src = re.sub(r"\s+(?:initially|originally|first|later|also|earlier|subsequently|previously|"
                         r"then|now|still)$", "", src, flags=re.I)  # "Police initially said"
            src = re.sub(r"^(?:on|in|at|by|that|later|the\s+same)\b[^,]{0,30}?\b(?:\w*day|week|morning|evening|night|"
                         r"afternoon|month|year|time)\s*,?\s+", "", src, flags=re.I)
            if not src or _BAD_SOURCE.match(src) or len(src) > 90 or _VERBY_SOURCE.search(src):
                continue
            if re.search(r"\b(?:that|which|who|whom|whose)$", src, re.I):
                continue  # "the group that claimed ...": a relative clause, not a speaker
            if re.search(r"\b(?:killed|wounded|injured|dead|died|tués?|blessés?|morts?)\b", src, re.I) and pat is not patterns[0]:
                continue
            return src
    return None


STATING_RE = re.compile(r"(?:,\s*)?(?:with\s+)?(?P<src>(?:an?|one|the|another)\s+[\w\s'’-]{1,50}?)\s+(?:stating|saying|claiming|reporting)\s+(?:that\s+)?$", re.I)
