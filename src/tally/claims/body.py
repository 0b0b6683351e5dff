"""Body claims: the lead and the sections (see-also, references and the like
skipped) read sentence by sentence (:mod:`.sentence`), each claim given its
section, its source (its own, its ';' clause's, or the paragraph's carried to a
sentence that continues the report) and ``other_event`` (:mod:`.attribution`);
:func:`mentions_killing` tells whether the body speaks of a killing at all."""

from __future__ import annotations

import dataclasses

import re

from ..text import sentences
from ..limits import check_time
from ..model import Claim, Document, Side
from ..when.furniture import related_links
from .attribution import (CAUSE_OTHER_RE, CONTINUES_RE, OTHER_MARK_RE, OTHER_SECTION_RE, RELATIVE_OTHER_RE, YEAR_RE,
                          clause_source, other_event_sentence, sentence_source)
from .coding import coding_claims, split_totals
from .figures import sentence_quantities
from .groups import ClaimContext, clean_group, not_people
from .lexicon import current
from .sentence import sentence_claims
from .structure import (coordinated_victims, in_agent_phrase, inside_counted_phrase, needs_parse, numeric,
                        other_event_figures, parse_link, parse_sentences)

#: the parse's additions (:mod:`.structure`), each switchable for measurement. PARSE_OTHER
#: (another event read from the parse) is off: on wad-dev it gained one tuning row and, on
#: validation, gained one and lost one (issue 14: a change that does not raise validation stays out)
USE_PARSE = True
PARSE_LINK = True
PARSE_COORD = True
PARSE_OTHER = False
PARSE_AGENT = True
PARSE_VETO = False  # the parse overruling a figure the rules linked: on wad-dev no exact-match change, -1 validation coverage
NON_FATAL = True
CODING_NOTES = True  # ACLED-style coding phrases (:mod:`.coding`)

_CODING_HINT_RE = re.compile(r"\bcoded\b|\bno\s+(?:(?:reported|known)\s+)?(?:casualties|fatalities|deaths|injuries|one\s+was)\b"
                             r"|\bnobody\s+was\b", re.I)


SKIP_SECTIONS = re.compile(r"^(?:see\s+also|references|notes|external\s+links|further\s+reading|"
                           r"sources|bibliography|citations|footnotes|gallery)$", re.I)

_KILLING_WORD_RE = re.compile(r"\b(?:killed|killing|murdered|slain|dead|died|death|bodies|body|"
                              r"massacred|executed|beheaded|lynched|assassinated|shot|gunned|hacked|stabbed)\b", re.I)


#: "shot" that is not a killing: "shot and wounded", "shot in the arm", "shot at", "shot and injured"
_SHOT_NOT_FATAL_RE = re.compile(r"(?:\s+and\s+(?:\w+ly\s+)?(?:wounded|injured|hurt)\b|\s+at\b|"
                                r"\s+(?:\w+\s+){0,3}?in\s+the\s+(?:arm|arms|leg|legs|foot|feet|hand|hands|"
                                r"shoulder|thigh|knee|back|stomach|abdomen|chest|buttocks?)\b)", re.I)


def mentions_killing(doc: Document) -> bool:
    """True when the body speaks of a killing (used when no figure is stated);
    "shot" followed by a non-fatal complement ("shot and wounded", "shot in the
    arm", "shot at") is not one."""
    for _, s0, s1 in _body_spans(doc):
        for m in _KILLING_WORD_RE.finditer(doc.text, s0, s1):
            if m.group(0).lower() == "shot" and (NON_FATAL and _SHOT_NOT_FATAL_RE.match(doc.text, m.end())):
                continue
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


_QUOTES = str.maketrans({"«": " ", "»": " ", "“": " ", "”": " "})


def body_claims(doc: Document, sides: list[Side]) -> list[Claim]:
    ctx = ClaimContext(doc, sides)
    text = doc.text
    links = related_links(text)
    # quotation marks around a figure or inside a clause ("ont tué « plus de 400 terroristes »") do not
    # break the words that link a figure to its verb: the rules read the sentence without them
    bare = text.translate(_QUOTES) if any(q in text for q in "«»“”") else text
    out: list[Claim] = []
    # pass 1: each sentence's claims by the rules
    rows: list[list] = []
    for name, s0, s1 in _body_spans(doc):
        prev_para = -1
        for ss, se, para in sentences.split(text, s0, s1):
            if para != prev_para:
                check_time("reading the body's claims")  # the time budget (tally.limits)
                prev_para = para
            sent = text[ss:se]
            if sent.lstrip().startswith(("- ", "* ")) and len(sent) < 80 and not re.search(r"\d", sent):
                continue
            found = sentence_claims(bare, ss, se, ctx)
            if bare is not text:
                for c in found:  # the claim shows the sentence as written
                    c.text = text[c.start:c.end]
                    if c.figure_start is not None and c.figure_end is not None:
                        c.figure = text[c.figure_start:c.figure_end]
            if CODING_NOTES and _CODING_HINT_RE.search(sent):
                found = coding_claims(text, ss, se, found, _maker(text, ss, se, ctx))
            if not any("killed" in c.categories for c in found):
                dead = _hostages_found_dead(text, ss, se, rows)
                if dead is not None:
                    found = [*found, dead]
            rows.append([name, ss, se, para, found])
    # pass 2: the dependency parse, in one batch, of the sentences where it can change a claim
    if USE_PARSE and current().PARSED:  # the parse's rules are written for the English pipeline
        todo = [r for r in rows if needs_parse(text[r[1]:r[2]], sentence_quantities(text, r[1], r[2]), r[4],
                                                 other=PARSE_OTHER, ss=r[1], agent=PARSE_AGENT)]
        if todo:
            for r, sdoc in zip(todo, parse_sentences([text[r[1]:r[2]] for r in todo])):
                r[4] = _parse_claims(text, r[1], r[2], sdoc, r[4], ctx)
    # pass 3: sources, sections and other events
    prev_key = None
    prev_source: str | None = None
    for name, ss, se, para, found in rows:
        section_other = bool(OTHER_SECTION_RE.match(name.strip()))
        if (name, para) != prev_key:
            prev_source = None
            prev_key = (name, para)
        sent = text[ss:se]
        if not found:
            # a sentence with no claim keeps the paragraph's source going
            src = sentence_source(sent)
            if src:
                prev_source = src
            continue
        src = sentence_source(sent)
        carried = None
        if src is None and prev_source and CONTINUES_RE.search(sent):
            carried = prev_source
        other_sent = section_other or other_event_sentence(sent, ctx.year)
        if other_sent and not section_other and not out and current().ANOTHER_EVENT_OPENING_RE.match(sent):
            other_sent = False  # "In a separate incident, ..." opening a text that counted nothing before: its own event
        apart = _time_apart(sent, ss, found)
        context = context_clauses(sent)
        opening = current().SIDE_OPENING_RE.match(sent)  # "Côté rebelles, 12 morts": whom they count
        for c in found:
            if opening and c.group is None:
                c.group = clean_group(opening.group("g") or opening.groupdict().get("g2") or "") or None
                c.side = ctx.side_of(c.group)
            if CAUSE_OTHER_RE.search(text[max(ss, c.figure_start - 60):c.figure_start]) or \
                    current().CAUSE_OTHER_RE.search(text[max(ss, c.figure_start - 60):c.figure_start]):
                c.other_event = True  # "sparked by the killing of a military official"
            if apart is not None and c.figure_start >= apart:
                c.other_event = True  # "..., a week after an attack on a nearby village left 30 dead"
            if any(a <= c.figure_start - ss < b for a, b in context):
                c.other_event = True  # "more than 2,000 have died since 2015": a running total, context
            if current().SPECULATIVE_BEFORE_RE.search(text, max(ss, c.figure_start - 60), c.figure_start):
                c.other_event = True  # "the toll could rise to 50": a toll that may come, not a count
            if current().SINCE_BEFORE_RE.search(text, max(ss, c.figure_start - 30), c.figure_start):
                c.other_event = True  # "the deadliest attack since 40 people were killed in Bama": that event's
            if any(a <= c.figure_start < b for a, b in links):
                c.other_event = True  # "Lire aussi : Mali : 54 soldats tués": another article's headline
            clause_src = clause_source(text, ss, se, c.figure_start)
            if clause_src:
                c.source = clause_src  # this ';' clause names its own speaker
            elif c.source is None:
                c.source = src or carried
            c.section = name
            rises = current().TOLL_RISE_RE.search(text[ss:c.figure_start]) is not None
            if apart is not None and c.figure_start < apart and not section_other:
                pass  # "Nine were killed on Thursday, days after a similar attack that left 31 dead": the first is this event's
            elif other_sent and rises and not section_other:
                pass  # "the toll from last week's attack has risen to 8": a follow-up's own subject
            elif other_sent or RELATIVE_OTHER_RE.search(text[max(ss, c.figure_start - 40):c.figure_start]) \
                    and OTHER_MARK_RE.search(sent) is not None:
                c.other_event = True
            elif ctx.year and RELATIVE_OTHER_RE.search(text[max(ss, c.figure_start - 40):c.figure_start]):
                ym = [int(y) for y in YEAR_RE.findall(sent)]
                if ym and all(y != ctx.year for y in ym):
                    c.other_event = True
            out.append(c)
        prev_source = src or carried or prev_source
    if CODING_NOTES:
        split_totals(out)
    return out


#: where a clause ends inside a sentence, for :func:`context_clauses`
_CLAUSE_BREAK_RE = re.compile(r"[;—–]|\b(?:where|while|whereas|but|où|tandis\s+que|alors\s+que|mais)\b"
                              r"|,\s+(?:and|et)\s+"
                              # a participle that brings a running count after the event's own figure: "killed 12
                              # in Moura, bringing to 300 the number killed since March", « portant à 300 le nombre »
                              r"|,\s+(?=(?:bringing|raising|taking|pushing|portant|ce\s+qui\s+porte)\b)", re.I)


def _hostages_found_dead(text: str, ss: int, se: int, rows: list[list]) -> Claim | None:
    """The hostages of the last claim before, when this sentence says they were killed without a
    number ("Assailants kidnapped two teachers. The victims were later found dead.": two killed;
    the language's ``HOSTAGES_DEAD_RE``) and the last claim before counts hostages."""
    m = current().HOSTAGES_DEAD_RE.search(text, ss, se)
    if m is None:
        return None
    before = [c for r in rows for c in r[4] if set(c.categories) & {"killed", "hostages"}]
    if not before or before[-1].categories != ["hostages"] or before[-1].low is None:
        return None
    prev = before[-1]
    return dataclasses.replace(prev, categories=["killed"], text=text[ss:se], start=ss, end=se,
                               figure=m.group("who"), figure_start=m.start("who"), figure_end=m.end("who"),
                               source=None, section=None, other_event=False)


def _time_apart(sent: str, ss: int, found: list[Claim]) -> int | None:
    """Where a sentence moves to an event a time apart from the one it first counts ("14 were
    killed on Tuesday, a week after an attack left 30 dead", "trois jours après une attaque qui"):
    the offset of the language's ``TIME_APART_RE`` when a figure of the sentence comes before it,
    else None. The figures after it are that other event's."""
    m = current().TIME_APART_RE.search(sent)
    if m is None or not any(c.figure_start is not None and c.figure_start < ss + m.start() for c in found):
        return None
    return ss + m.start()


#: a relative pronoun opening a clause inside a sentence
_RELATIVE_OPENER_RE = re.compile(r"(?<=\w\s)(?:that|which|who|qui)\s+(?=(?:\w+\s+){0,2}?(?:has|have|had|a|ont|avait|avaient)\b)",
                                 re.I)


def context_clauses(sent: str) -> list[tuple[int, int]]:
    """The spans (offsets in ``sent``) of the clauses that give a running or
    campaign total (the lexicon's ``CONTEXT_RE``: "since 2015", "this year",
    "qui durent depuis dix ans", "millions have been displaced"), unless a
    superlative before the marker makes it this event's ("the deadliest attack
    since 2012") or the relative clause hangs on an event noun ("l'embuscade qui a
    fait 14 morts"). A clause runs between breaks (";", "where", "while", ", and")."""
    lex = current()
    spans: list[tuple[int, int]] = []
    rel_starts: list[int] = []  # where the relative clauses of running totals open
    for m in lex.CONTEXT_RE.finditer(sent):
        if lex.CONTEXT_SUPERLATIVE_RE.search(sent, 0, m.start()):
            continue
        rel = bool(m.groupdict().get("rel"))
        if rel and lex.EVENT_NOUN_BEFORE_RE.search(sent, max(0, m.start() - 60), m.start()):
            continue  # "l'embuscade qui a fait 14 morts": the relative clause of this event, not a campaign's
        if not rel and any(a <= m.start() < b for a, b in spans):
            continue  # "raids that have killed 60 since July": the marker dates the relative clause it is in
        start = m.start() if rel else \
            max((b.end() for b in _CLAUSE_BREAK_RE.finditer(sent, 0, m.start())), default=0)
        if not rel:
            # the marker dates the smallest clause it is in: "the latest of the raids that have killed
            # 60 since July" holds the 60, not the toll before it
            start = max([start, *(r.start() for r in _RELATIVE_OPENER_RE.finditer(sent, start, m.start()))])
        nxt = _CLAUSE_BREAK_RE.search(sent, m.end())
        spans.append((start, nxt.start() if nxt else len(sent)))
    return spans


def _maker(text: str, ss: int, se: int, ctx: ClaimContext):
    """A function building a body claim of the sentence ``text[ss:se]``."""
    def make(low, high, cats, group, fs, fe, figure, qual="exactly"):
        grp = clean_group(group) if group else None
        return Claim(categories=cats, low=low, high=high, text=text[ss:se], start=ss, end=se, qualifier=qual,
                     group=grp, side=ctx.side_of(grp), source=None, section=None, origin="body", figure=figure,
                     figure_start=fs, figure_end=fe)
    return make


def _parse_claims(text: str, ss: int, se: int, sdoc, found: list[Claim], ctx: ClaimContext) -> list[Claim]:
    """The sentence's claims with what its parse adds (:mod:`.structure`):
    figures the rules left unlinked, a coordination of named victims, figures
    of another event."""
    found = list(found)
    linked = {c.figure_start for c in found}
    make = _maker(text, ss, se, ctx)

    def claim(low, high, qual, cats, group, fs, fe, figure):
        return make(low, high, cats, group, fs, fe, figure, qual=qual)

    if PARSE_AGENT:
        # the rules and the parse disagree: a figure inside the agent of a passive verb is not a victim
        found = [c for c in found if c.figure_start is None or not in_agent_phrase(sdoc, c.figure_start, ss)]
        linked = {c.figure_start for c in found}
    if PARSE_LINK:
        qs = sentence_quantities(text, ss, se)
        if PARSE_VETO:
            # the rules and the parse disagree: a figure that only modifies another counted
            # phrase ("30 herders from three settlements were killed") is not the count
            for q in qs:
                if q.start in linked and numeric(q) and inside_counted_phrase(sdoc, q, ss):
                    found = [c for c in found if c.figure_start != q.start]
                    linked.discard(q.start)
        for q in qs:
            if q.start in linked or not numeric(q):
                continue
            got = parse_link(sdoc, q, ss)
            if got is None:
                continue
            cat, group = got
            if group and not_people(group) or any(cat in c.categories for c in found):
                continue  # a fallback: only where the rules found no figure of this category
            found.append(claim(q.low, q.high, q.qualifier, [cat], group, q.start, q.end, q.text))
        found.sort(key=lambda c: (c.figure_start or 0))
    if PARSE_COORD and not any("killed" in c.categories and c.side != "perpetrators" for c in found):
        for n, a, b, words in coordinated_victims(sdoc):
            found.append(claim(n, n, "exactly", ["killed"], "the named victims", ss + a, ss + b, words))
            break
    if PARSE_OTHER:
        # within one category: "killed 4 on Sunday, two days after an ambush that killed 12"
        for cat in {c.categories[0] for c in found if len(c.categories) == 1}:
            same = [c for c in found if c.categories == [cat] and c.figure_start is not None]
            if len(same) < 2:
                continue
            for off in other_event_figures(sdoc, [c.figure_start for c in same], ss):
                for c in same:
                    if c.figure_start == off:
                        c.other_event = True
    return found
