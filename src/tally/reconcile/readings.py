"""How the figures of one sentence read against each other and against the toll so far
(:mod:`tally.reconcile.totals` applies them): a total followed by its breakdown, a total whose
parts count the attackers too, a correction of the toll, a larger figure from another voice, a
headline's or approximate figure (never the count itself), and how wide the interval is around
the best: the other readings of the text (:func:`widen`).

Each is written from sentences of the kinds issue 23 lists ("22 people in all, 13 in Kiri and
nine in Bara", "30 dead: 25 villagers and five attackers", "the governor later put the toll at
32"); docs/reconcile.md states them in plain words.
"""

from __future__ import annotations

import re

from ..claims import is_implicit, relation
from ..claims.lexicon import of as lexicon_of
from ..model import Claim, Document, Estimate
from .figures import claim_bounds, norm_source
from .lexicon import AUTHORITY_RE, DETERMINERS, LOCAL_VOICE_RE, group_head, noun_group


#: what may lie between a total and the first of its parts: no "and" (that would add a group)
_BEFORE_PARTS_RE = re.compile(r"[^.;!?]{0,60}?(?:[,:(\u2013\u2014-]|\bincluding|\bdont|\bsoit|\bnamely)[^.;!?]{0,40}", re.I)


def revision(sent_items: list[tuple[int, Claim]], rels: dict[int, str | None], running: tuple | None,
             doc: Document) -> tuple[int, Claim] | None:
    """The claim of a sentence that corrects the toll read before it, in this sentence or an earlier
    one (the language's ``REVISION_BEFORE_RE`` in its clause: "later put the toll at 32", "revu à la
    baisse à 28"), when it counts the whole toll (no group of its own) and some toll precedes it."""
    lex = lexicon_of(doc.language)
    for i, c in sorted(sent_items, key=lambda ic: ic[1].figure_start or 0):
        if c.figure_start is None or rels[i] == "subset" or group_head(c.group) or c.low is None:
            continue
        m = lex.REVISION_BEFORE_RE.search(doc.text, max(c.start, c.figure_start - 90), c.figure_start)
        if m is None or noun_group(m.group(0)) is not None:
            continue  # "later put the number of soldiers killed at 4": a part, not the toll
        earlier = any((o.figure_start or 0) < c.figure_start and rels[j] != "subset" for j, o in sent_items)
        if running is not None or earlier:
            return i, c
    return None


def without_totals_of_sides(body: list[tuple[int, Claim]], doc: Document) -> tuple[list[tuple[int, Claim]], set[int]]:
    """The claims without each total whose breakdown in its sentence counts the attackers too ("30
    dead: 25 villagers and five attackers"): its parts say whom it counts, so the victims are the
    25 and the attackers stand apart like any attackers killed; and the sentences where it was."""
    by_sent: dict[int, list[tuple[int, Claim]]] = {}
    for i, c in body:
        by_sent.setdefault(c.start, []).append((i, c))
    drop = set()
    for items in by_sent.values():
        whole = total_of_the_rest(items, doc)
        if whole is not None and any(c.side == "perpetrators" for i, c in items if i != whole[0]):
            drop.add(whole[0])
    return [(i, c) for i, c in body if i not in drop], {c.start for i, c in body if i in drop}


def total_of_the_rest(parts: list[tuple[int, Claim]], doc: Document) -> tuple[int, Claim] | None:
    """The claim of a sentence whose figure is the sum of the figures after it, when its parts name
    no other group than its own ("22 people in all, 13 in Kiri and nine in Bara", "11 civilians in
    two villages, six in Dori and five in Seytenga"; a total of no group may have parts of several:
    "42 morts : 35 civils et 7 soldats") and a comma, a colon or "including" (not "and") leads to
    them. Its parts restate it; they do not add to it."""
    if len(parts) < 3:
        return None
    cs = sorted(parts, key=lambda ic: ic[1].figure_start or 0)
    i0, c0 = cs[0]
    rest = [c for _, c in cs[1:]]
    head = group_head(c0.group)
    if (head and any(group_head(c.group) not in ("", head) for c in rest)) or c0.figure_end is None or rest[0].figure_start is None or \
            any(claim_bounds(c)[1] is None or claim_bounds(c)[1] <= 0 for c in rest):
        return None
    if sum(claim_bounds(c)[1] for c in rest) != claim_bounds(c0)[1]:
        return None
    gap = doc.text[c0.figure_end:rest[0].figure_start]
    if re.search(r"\b(?:and|et)\b", gap, re.I) or not _BEFORE_PARTS_RE.fullmatch(gap):
        return None
    return i0, c0


#: words that say a figure revises the toll before it
REVISED_RE = re.compile(r"\b(?:rose|risen|rising|climbed|increased|jumped|reached|revised|updated|later|"
                         r"bringing|brought|raising|raised|now|has\s+risen|toll\s+(?:is|stands|stood))\b", re.I)


def another_voice(before: list[Claim], now: list[Claim], doc: Document, start: int) -> bool:
    """True when a sentence's larger figure is another named voice's than the toll so far (each
    named), its words say nothing of an update ("rose", "later", "now"...), and it is not an
    authority's figure beside a non-authority's."""
    if not any(counted_figure(c, doc) or (headline_line(c, doc) and c.qualifier in (None, "exactly")) for c in before):
        # "dozens were killed ... officials said 55 died", a headline's "about 10" or "more than 30": the number
        # is the count (a headline's exact "38" stands against residents' "at least 50")
        return False
    if any(c.low == b.low and group_head(c.group) == group_head(b.group) for c in now for b in before):
        return False  # "three children killed ... a woman and her three children": the same count, told more fully
    old = {norm_source(c.source) for c in before if c.source}
    new = {norm_source(c.source) for c in now if c.source}
    if not new or old & new:
        return False
    if not old and not all(LOCAL_VOICE_RE.search(s) for s in new):
        return False  # the report's own figure, then an official's or another report's larger one: that count
    if says_update(doc, start, now):
        return False
    return not authority_over(before, now)


def says_update(doc: Document, start: int, now: list[Claim]) -> bool:
    """True when the sentence of the claims ``now`` words its figure as the toll now ("rose to 30", "bringing
    the dead to six", "le bilan est de 14 morts", "later"...)."""
    lex = lexicon_of(doc.language)
    if REVISED_RE.search(doc.text, start, now[-1].end) or lex.COUNT_NOW_RE.search(doc.text, start, now[-1].end):
        return True
    return any(
        rx.search(doc.text, start, c.figure_start or start)
        for rx in (lex.TOLL_RISE_RE, lex.TOLL_UPDATE_RE, lex.TOLL_NOW_RE) for c in now)


def authority_over(before: list[Claim], now: list[Claim]) -> bool:
    """True when a figure of ``now`` is an authority's (officials, police, army, ministry...) and no
    figure of ``before`` is: the authority's count then stands over the earlier one."""
    def authority(claims: list[Claim]) -> bool:
        return any(c.source and AUTHORITY_RE.search(c.source) for c in claims)
    return authority(now) and not authority(before)


def headline_line(c: Claim, doc: Document) -> bool:
    """True when claim ``c`` is read from the headline: the document's title repeated as its first
    line, or a first line with no sentence's end before the line break ("Gunmen kill 11 in Kara\\n")."""
    if in_headline(c, doc):
        return True
    lead = _lead(doc.text)
    if c.start > lead:
        return False
    line_end = doc.text.find("\n", lead)
    return line_end != -1 and c.end <= line_end + 1 and not re.search(r"[.!?»\"”]\s*$", doc.text[lead:line_end])


def in_headline(c: Claim, doc: Document) -> bool:
    """True when claim ``c`` is read from the document's headline: its title
    repeated as the first line of the text."""
    title = (doc.title or "").strip()
    if not title or c.start > 3:
        return False
    lead = _lead(doc.text)
    return doc.text.startswith(title, lead) and c.end <= lead + len(title) + 1


_LEAD_SPACE_RE = re.compile(r"\s*")


def _lead(text: str) -> int:
    """Where a text's first non-space character is (without copying the text)."""
    return _LEAD_SPACE_RE.match(text).end()  # type: ignore[union-attr]


def reads_a_toll(c: Claim, doc: Document) -> bool:
    """True when claim ``c``'s figure is read as the toll itself ("the death
    toll rose to 23", "bringing the death toll to seven", "portant à sept le
    nombre de morts", "le bilan est de 12 morts"), by the words before it in
    its sentence (the document's language's lexicon)."""
    if c.origin != "body" or c.figure_start is None:
        return False
    lex = lexicon_of(doc.language)
    before = doc.text[max(c.start, c.figure_start - 220):c.figure_start]
    return bool(lex.TOLL_RE.search(before) or lex.TOLL_UPDATE_RE.search(before[-80:])
                or lex.TOLL_RISE_RE.search(before[-60:]))


def counted_figure(c: Claim, doc: Document) -> bool:
    """True when claim ``c`` states a counted figure: a number, exact or a floor ("12", "at least
    28"), not a vague or approximate word ("dozens", "une vingtaine", "about 30") nor an unnumbered
    victim ("a soldier"), nor a headline's (it sums the lead up: "Priest, 5 worshippers killed")."""
    figure = (c.figure or "").strip()
    return c.qualifier in (None, "exactly", "at least") and not is_implicit(c) and not headline_line(c, doc) and \
        figure.lower() not in DETERMINERS and not lexicon_of(doc.language).APPROXIMATE_FIGURE_RE.search(figure)


def open_by_a_floor(idx: list[int], items: list[tuple[int, Claim]]) -> bool:
    """True when the claims ``idx`` leave the high open only by a numbered floor ("at least 35"), not
    by a vague word."""
    return all(c.high is not None or (c.qualifier == "at least" and not is_implicit(c)) for i, c in items if i in idx)


#: "One of them [the wounded] died, raising the toll to 15": an addition to the toll, not a reading of it
_OF_THE_HURT_RE = re.compile(r"\s+of\s+(?:the\s+(?:wounded|injured|hurt)\b|(?:them|those|these|whom)\s+"
                             r"(?:\w+\s+){0,2}?(?:died|succumbed)\b)", re.I)


def widen(est: Estimate, body: list[tuple[int, Claim]], doc: Document) -> None:
    """Widen the interval to the other readings of the same text: the smallest
    single figure (a subset such as "including 17 civilians" may be the count a
    coder keeps), the sum of the figures of the sentences the best rests on
    (breakdowns read as new groups) and each other sentence's figures as one reading."""
    # the low goes below what the best rests on only for a figure read in the
    # same sentence as one of those claims (a subset or breakdown of that toll:
    # "29 people, including 10 foreigners"); a figure elsewhere (a list of
    # nationalities further down) is a part of the toll, not a reading of it
    sents = {claim_sentence for claim_sentence in (c.start for i, c in body if i in est.claims)}
    lows = [c.low for _, c in body if c.low is not None and not is_implicit(c) and c.side != "perpetrators"
            and (c.start in sents or not sents) and not _OF_THE_HURT_RE.match(doc.text, c.figure_end or 0)
            and relation(c, doc) != "additive"]  # "two others later died": more dead, not a reading of the toll
    if lows:
        est.low = min(est.low if est.low is not None else min(lows), min(lows))
    if est.high is None and est.best is not None and open_by_a_floor(est.claims, body):
        # "at least 35 civilians were killed, the army said, while civil society gives 44": another voice's
        # closed, larger count in the best's sentences closes the floor's open high
        others = [c.high for i, c in body if i not in est.claims and c.start in sents and c.high is not None
                  and c.high > est.best and relation(c, doc) == "alternative"]
        if others:
            est.high = max(others)
        return
    if "another-voice-high" in (est.rule or "") and any(c.high is None for i, c in body if i in est.claims):
        return  # a floor's high closed by another voice's count (above): the sources' range, kept
    if est.high is not None:
        total = 0
        alt = 0
        apart: dict[int, int] = {}
        heads = {group_head(c.group) for i, c in body if i in est.claims}  # another group named apart may add
        for _, c in body:
            rel = relation(c, doc)
            if rel == "subset" or (sents and c.start not in sents and doc.sections and len(doc.sections) > 1):
                continue
            if sents and c.start not in sents and c.high is None and c.qualifier == "at least" and \
                    c.low is not None and est.best is not None and c.low <= est.best and rel != "additive":
                continue  # "at least 35" restating a toll of 35 elsewhere: a floor of the same count, not more
            if sents and c.start not in sents and c.high is not None and rel != "additive" and \
                    group_head(c.group) in heads | {""}:
                # a figure in a sentence the best does not rest on restates, recalls or contrasts the toll: that
                # sentence's figures are one other reading, never added to the rest ("14 killed ... « We buried
                # fourteen »" stays 14, not 28); a group the best does not name may be more people
                apart[c.start] = apart.get(c.start, 0) + c.high
                continue
            if in_headline(c, doc) and len(body) > 1:
                continue  # a headline sums up the story ("Gunmen kill 11 ..."): it adds no one to it
            if c.high is None:
                est.high = None
                return
            if rel == "alternative":
                alt = max(alt, c.high)  # another source's figure: a reading, not an addition
            else:
                total += c.high
        est.high = max(est.high, total, alt, *apart.values())
