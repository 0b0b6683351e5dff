"""What the dependency parse adds to the surface rules of :mod:`.sentence`.

The regex rules link a figure to a casualty word only within a short window.
The parse (spaCy's English pipeline, :func:`tally.text.nlp.get_nlp`, tagger and
parser only) reads the grammatical relation instead, however long the noun
phrase between them:

* **role of a figure** (:func:`parse_link`): the number's noun (``nummod``) or
  the number itself is the passive subject of a casualty verb ("at least 40
  villagers in the border community under ... were feared killed": victims),
  the subject of "die", or the object of an active casualty verb; the subject
  of an active "kill" is the agent and is not counted; a negated verb, a base
  form ("threatened to kill 20") is not a count;
* **coordination** (:func:`coordinated_victims`): a casualty verb whose
  subject (passive) or object (active) is a coordination of people named
  without a number ("the mayor and a council member were gunned down" = 2;
  "shot dead a farmer and his son" = 2) counts one per conjunct;
* **another event** (:func:`other_event_figures`): a figure whose casualty
  verb sits in a relative clause of a noun governed by "after", "before",
  "since", "following" ("two days after an ambush that killed 12 soldiers"),
  or carries a past marker of its own ("in a raid last month", "earlier this
  year") while another figure of the sentence does not, belongs to another
  incident.

Only the sentences where one of these can change a claim are parsed
(:func:`needs_parse`), in one ``nlp.pipe`` batch per document
(:mod:`.body`).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..text.quantities import Quantity, parse_quantity

#: casualty verbs by lemma, and the category of their victims
VERB_CAT = {
    "kill": "killed", "murder": "killed", "massacre": "killed", "slaughter": "killed", "execute": "killed",
    "behead": "killed", "lynch": "killed", "assassinate": "killed", "slay": "killed", "die": "killed",
    "perish": "killed", "martyr": "killed", "wound": "injured", "injure": "injured", "hurt": "injured",
}
#: verbs whose subject dies without an object ("15 died")
_INTRANSITIVE = {"die", "perish"}
#: a verb that reports or fears a casualty verb under it ("were feared killed", "were reported dead")
_REPORTING = {"fear", "believe", "report", "confirm", "say", "feel", "think", "presume", "declare", "find"}
_NOT_A_COUNT_HEADS = {"threaten", "vow", "try", "attempt", "plan", "want", "seek", "intend", "promise"}
_OTHER_PREPS = {"after", "before", "since", "following"}
_TIME_UNITS = {"day", "week", "month", "year", "hour"}
_PAST_MARK_RE = re.compile(r"\b(?:last|previous|earlier\s+this|earlier\s+that)\s+(?:week|month|year)\b|"
                           r"\b(?:a|one|two|three|four|five|six|several)\s+(?:weeks|months|years)\s+(?:ago|earlier|before)\b", re.I)
_CASUALTY_WORD_RE = re.compile(r"\b(?:kill|murder|massacr|slaughter|execut|behead|lynch|assassinat|slay|slain|slew|"
                               r"die[ds]?\b|dying|perish|martyr|wound|injur|hurt|gunned|shot|dead|death|hack|stabb|burn)", re.I)
_ATTACKER_WORD_RE = re.compile(r"(?:gunm[ae]n|attackers?|assailants?|bombers?|perpetrators?|kidnappers?|raiders?|"
                               r"shooters?|hijackers?|abductors?|suspects?|militants?|terrorists?|insurgents?)", re.I)
_PERSON_DEPS = {"nsubjpass", "nsubj", "dobj"}
#: the roles through which :func:`parse_link` links a figure the rules left unlinked
LINK_DEPS = {"nsubjpass", "nsubj"}
#: sentences longer than this are left to the rules
MAX_PARSE_CHARS = 1000
#: :func:`parse_link` links only a noun further than this many words from its verb
NEAR = 6


def casualty_word(text: str) -> bool:
    return _CASUALTY_WORD_RE.search(text) is not None


def needs_parse(sent: str, qs: list[Quantity], claims: list, other: bool = True, ss: int = 0,
                agent: bool = False) -> bool:
    """True when the parse can change this sentence's claims: a casualty word
    and either a number the rules left unlinked, no killed claim at all (a
    coordination of named victims), or two figures or more (another event)."""
    if len(sent) > MAX_PARSE_CHARS or not casualty_word(sent):
        return False  # a long unpunctuated "sentence" (a table, a list) is neither parsed well nor fast
    linked = {c.figure_start for c in claims}
    if any(q.start not in linked and numeric(q) for q in qs):
        return True
    if agent and any(c.figure_start is not None and _BY_RE.search(sent, 0, max(0, c.figure_start - ss)) for c in claims):
        return True
    killed = [c for c in claims if "killed" in c.categories]
    if not killed and re.search(r"\band\b|\balong(?:side|\s+with)\b|\btogether\s+with\b", sent):
        return True
    return other and len(claims) >= 2 and _OTHER_HINT_RE.search(sent) is not None


_BY_RE = re.compile(r"\bby\b", re.I)
#: the words without which no figure of a sentence reads as another event's (:func:`other_event_figures`)
_OTHER_HINT_RE = re.compile(r"\b(?:after|before|since|following|last|earlier|previous|ago)\b", re.I)


def numeric(q: Quantity) -> bool:
    return (q.text or "").strip().lower() not in ("a", "an", "one", "his", "her", "their", "another", "the") \
        and parse_quantity(q.text) is not None


def parse_sentences(texts: list[str]) -> list[Any]:
    """The parses of ``texts`` (tagger and parser; no NER), in one batch."""
    from ..text.nlp import get_nlp

    nlp = get_nlp()
    disable = [p for p in nlp.pipe_names if p == "ner"]
    return list(nlp.pipe(texts, batch_size=64, disable=disable))


def _verb_cat(verb) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma == "gun" and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return "killed"
    if lemma == "shoot" and any(c.lower_ in ("dead",) and c.dep_ in ("acomp", "oprd", "advmod", "xcomp") for c in verb.children):
        return "killed"
    return VERB_CAT.get(lemma)


def _is_count_verb(verb) -> bool:
    """A verb that states what happened: not negated, not a bare infinitive or
    an intention ("threatened to kill 20")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    if verb.tag_ == "VB":
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "might", "may", "to") for c in verb.children):
        return False
    h = verb
    while h.dep_ in ("xcomp", "ccomp", "advcl") and h.head is not h:
        h = h.head
        if h.lemma_.lower() in _NOT_A_COUNT_HEADS:
            return False
    return True


def _casualty_verb(noun):
    """``(verb, category)`` when ``noun`` is a victim of a casualty verb: the
    passive subject of "killed", the subject of "died", the object of an active
    "killed"; through a reporting verb ("were feared killed")."""
    dep, head = noun.dep_, noun.head
    if head is noun or head.pos_ not in ("VERB", "AUX"):
        return None
    if dep == "nsubjpass":
        cat = _verb_cat(head)
        if cat is None and head.lemma_.lower() in _REPORTING:
            for c in head.children:
                if c.dep_ in ("advcl", "xcomp", "oprd", "ccomp", "acomp") and _verb_cat(c):
                    return c, _verb_cat(c)
            return None
        return (head, cat) if cat else None
    if dep == "nsubj":
        if head.lemma_.lower() in _INTRANSITIVE:
            return head, "killed"
        return None
    if dep == "dobj":
        cat = _verb_cat(head)
        return (head, cat) if cat else None
    return None


def _token_at(sdoc, offset: int):
    if offset < 0 or offset >= len(sdoc.text):
        return None
    span = sdoc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def parse_link(sdoc, q: Quantity, ss: int):
    """``(category, group)`` for the figure ``q`` read from the parse of its
    sentence (``ss``: the sentence's offset in the document), or ``None``."""
    tok = _token_at(sdoc, q.end - 1 - ss)
    if tok is None or not (tok.like_num or tok.pos_ == "NUM"):
        return None
    before = sdoc.text[:q.start - ss]
    if before.count("(") > before.count(")"):
        return None  # "15 persons died (13 civilians)": a breakdown in an aside
    noun = tok
    while noun.dep_ in ("quantmod", "compound") and noun.head is not noun and noun.head.pos_ == "NUM":
        noun = noun.head
    if noun.dep_ == "nummod":
        noun = noun.head
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) and noun.pos_ == "NUM":
        return None  # "two of her patients": a part, left to the rules
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN", "NUM"):
        noun = noun.head
    if any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in noun.subtree):
        return None  # "seven people (police) or fifteen people (witnesses)": alternatives
    if noun.dep_ not in LINK_DEPS:
        return None
    found = _casualty_verb(noun)
    if not found:
        return None
    verb, cat = found
    if not _is_count_verb(verb):
        return None
    if abs(verb.i - noun.i) <= NEAR:
        return None  # within the rules' reach: they declined it for a reason (agreement, an agent...)
    group = None if noun is tok else noun.text
    return cat, group


def in_agent_phrase(sdoc, start: int, ss: int) -> bool:
    """True when the figure at ``start`` names the agent of a passive verb
    ("were said by villagers and a journalist to have been shot", "killed by
    two gunmen"): they did or said it; they are not the victims."""
    tok = _token_at(sdoc, start - ss)
    h = tok
    for _ in range(5):
        if h is None or h.head is h:
            return False
        if h.dep_ == "agent":
            return True
        if h.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT") or h.pos_ in ("VERB", "AUX"):
            return False
        h = h.head
    return False


def inside_counted_phrase(sdoc, q: Quantity, ss: int) -> bool:
    """True when the figure ``q`` only modifies another counted noun phrase:
    "30 herders from three settlements": "three" is inside the phrase of "30"."""
    tok = _token_at(sdoc, q.end - 1 - ss)
    if tok is None or tok.dep_ != "nummod":
        return False
    h = tok.head
    for _ in range(4):
        if h.dep_ != "pobj" or h.head.dep_ != "prep":
            return False
        h = h.head.head
        if h.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "nummod" for c in h.children):
            return True
    return False


def _person(tok) -> bool:
    from .implicit import PERSON_SG_RE

    if tok.pos_ == "PROPN" and tok.ent_type_ in ("", "PERSON"):
        return True
    if tok.tag_ != "NN":
        return False
    if PERSON_SG_RE.fullmatch(tok.text) is not None:
        return True
    # the victim of a killing verb named by a determined noun: "the village head", "his wife"
    from .groups import not_people

    return any(c.dep_ in ("det", "poss") for c in tok.children) and not not_people(tok.text)


def _member_count(m) -> int | None:
    """How many people one conjunct names: its number ("three of their
    children", "two workers"), 1 for a singular person ("his wife", "the mayor",
    a name), None when it cannot tell ("villagers", "several")."""
    num = m if (m.like_num or m.pos_ == "NUM") else next((c for c in m.children if c.dep_ == "nummod"), None)
    if num is not None:
        q = parse_quantity(num.text)
        if q is None or q.low is None or q.low != q.high:
            return None
        return q.low
    return 1 if _person(m) else None


def _members(noun) -> list:
    """The conjuncts of a victim noun, with the relatives named in apposition
    ("a farmer, his son and two of his workers": the appositive with a possessive
    is another person; "Ali, a farmer" is the same one)."""
    out, todo = [], [noun]
    while todo:
        t = todo.pop(0)
        if t in out:
            continue
        out.append(t)
        for c in t.children:
            if c.dep_ == "conj" or (c.dep_ == "appos" and any(p.dep_ == "poss" for p in c.children)):
                todo.append(c)
    return out


def coordinated_victims(sdoc) -> list[tuple[int, int, int, str]]:
    """``(count, start, end, text)`` (offsets in the sentence) of each
    coordination of people that a casualty verb has as victims, each conjunct
    counted ("the mayor and a council member were gunned down" = 2; "killed
    the village head, his wife and three of their children" = 5)."""
    out = []
    for verb in sdoc:
        cat = _verb_cat(verb)
        if cat != "killed" or not _is_count_verb(verb):
            continue
        for noun in verb.children:
            if noun.dep_ not in _PERSON_DEPS or _casualty_verb(noun) is None:
                continue
            if noun.dep_ != "dobj" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "is", "has")
                                           for c in verb.children):
                continue  # number agreement: "the secretary and imam of the mosque was shot": one person
            members = _members(noun)
            for h in (noun, verb):
                for p in h.children:
                    if p.dep_ == "prep" and p.lower_ in ("alongside", "with") and \
                            (p.lower_ == "alongside" or any(c.lower_ in ("along", "together") for c in h.children) or
                             p.i > 0 and sdoc[p.i - 1].lower_ in ("along", "together")):
                        for o in p.children:
                            if o.dep_ == "pobj":
                                members += _members(o)
            # roles: "killing Duarte and a suspect": an attacker among them is not a victim
            members = [m for m in members if not _ATTACKER_WORD_RE.fullmatch(m.text)]
            if len(members) < 2:
                continue
            counts = [_member_count(m) for m in members]
            if any(c is None for c in counts):
                continue
            lo = min(m.left_edge.i for m in members)
            hi = max(m.right_edge.i for m in members)
            span = sdoc[lo:hi + 1]
            out.append((sum(counts), span.start_char, span.end_char, span.text))
    return out


def _governing_verb(tok):
    h = tok
    for _ in range(6):
        if _verb_cat(h):
            return h
        if h.head is h:
            return None
        h = h.head
    return None


def _other_marked(verb) -> bool:
    """The verb's clause is about another incident: a relative clause of a noun
    under "after/before/since/following", or a past marker in its own words."""
    if verb.dep_ == "relcl":
        n = verb.head
        # "two days after an ambush that killed 12": a time apart from this event's
        if n.dep_ == "pobj" and n.head.lower_ in _OTHER_PREPS and \
                any(c.dep_ == "npadvmod" and c.lemma_.lower() in _TIME_UNITS for c in n.head.children):
            return True
    return _PAST_MARK_RE.search(" ".join(t.text for t in sorted(_own_words(verb), key=lambda t: t.i))) is not None


_CLAUSE_DEPS = {"relcl", "advcl", "conj", "ccomp", "acl", "parataxis", "xcomp"}


def _own_words(verb) -> list:
    """The words of the verb's own clause: its subtree without the clauses under it."""
    out, todo = [], [verb]
    while todo:
        t = todo.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in _CLAUSE_DEPS and c.pos_ in ("VERB", "AUX"):
                continue
            todo.append(c)
    return out


def other_event_figures(sdoc, figure_offsets: Iterable[int], ss: int) -> set[int]:
    """The figures (document offsets) of the sentence that belong to another
    incident, when another figure of the sentence does not."""
    marks = {}
    for off in figure_offsets:
        tok = _token_at(sdoc, off - ss)
        verb = _governing_verb(tok) if tok is not None else None
        if verb is not None:
            marks[off] = _other_marked(verb)
    if not marks or all(marks.values()):
        return set()
    return {off for off, m in marks.items() if m}
