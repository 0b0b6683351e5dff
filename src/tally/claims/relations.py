"""How a body claim relates to the figures before it in its sentence, for
:mod:`tally.reconcile.totals` and :mod:`tally.reconcile`: ``subset`` ("including 10
foreigners", "three of them"), ``alternative`` (another speaker's figure for the
same count) or ``additive`` ("another 26", "five others", "also")."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Claim, Document
from .lexicon import current as _lex
from .lexicon.patterns import TOLL_WORDS


_SUBSET_STRETCH_RE = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|mostly|mainly)\b(?:[^,;.:]*?\b(?:and|or)|[^;.:]*?\bas\s+well\s+as)"
    r"\s+(?:at\s+least\s+)?$"
    # the same in French: "dont deux touristes - une Suédoise et un Chilien -, ainsi que trois guides"
    r"|(?<![\w])(?:dont|y\s+compris|notamment|parmi\s+(?:eux|elles|lesquels|lesquelles))\b"
    r"(?:[^,;.:]*?(?<![\w])(?:et|ou)|[^;.:]*?(?<![\w])ainsi\s+que)\s+(?:au\s+moins\s+)?$", re.I)
SUBSET_AFTER_RE = re.compile(r"^\s+(?:of\s+(?:them|whom|those|the\s+(?:dead|victims|killed|injured|"
                             r"wounded|casualties))|were\s+among)\b", re.I)
#: a group said to be among the dead later in its clause, itself or in a list: "a soldier and two policemen were
#: among the dead", "deux gendarmes figurent parmi les victimes": members of the toll, a part of it
AMONG_THE_DEAD_RE = re.compile(r"[^.;:]{0,80}?(?:\b(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:the\s+)?|"
                               r"(?<![\w])(?:figur|compt)(?:ent|aient|ait|e)\s+(?:également\s+|aussi\s+)?parmi\s+les\s+)"
                               r"(?:dead|victims|killed|fatalities|morts|victimes|tués)\b", re.I)
#: a death told without a number after the person's wounding: "was injured ... and later succumbed"
_DIED_LATER_RE = re.compile(r"\b(?:wounded|injured|hurt|shot)\b[^.;]{0,80}?\b(?:and\s+)?(?:later|subsequently|afterwards)\s+$", re.I)
ADDITIVE_BEFORE_RE = re.compile(r"(?:\banother|\ba\s+further|\ban\s+additional|\badditional|"
                                r"\bfurther|\bother|\balso|\bplus|\bas\s+well\s+as|\balong\s+with|"
                                r"\btogether\s+with)\s*$", re.I)
ADDITIVE_AFTER_RE = re.compile(r"^\s+(?:others?|more|other\s+\w+|additional|autres|de\s+plus|supplémentaires)(?![\w])", re.I)
#: a figure that is itself "another": "Another villager later died of his wounds", "un autre villageois a succombé"
ADDITIVE_FIGURE_RE = re.compile(r"another|one\s+other|une?\s+autre", re.I)


#: a figure and up to five words naming its group, right before an opening bracket
_GROUP_WORDS_RE = re.compile(r"(?:\s+[^\W\d_][\w'’-]*){1,5}")


#: a toll's word right before a colon that opens its breakdown
_TOLL_WORD_END_RE = re.compile(rf"\b{TOLL_WORDS}\s*$", re.I)


def _in_breakdown(head: str) -> bool:
    """True when ``head`` (a sentence up to a figure) ends inside a bracket, or after a colon,
    right after another figure and its group ("seven soldiers (four ...", "sept militaires (quatre
    ...", "30 dead: 25 villagers and ...")."""
    op = head.rfind("(")
    if op < 0 or ")" in head[op:]:
        colon = head.rfind(":")  # "30 dead: 25 villagers and five attackers"
        if colon < 0 or re.search(r"[.;!?]", head[colon:]) or not _TOLL_WORD_END_RE.search(head, 0, colon):
            return False
        op = colon
    lead = head[:op].rstrip()
    qs = _lex().find_quantities(lead)
    return bool(qs) and _GROUP_WORDS_RE.fullmatch(lead, qs[-1].end) is not None


#: a sentence opening on a concessive clause: "Although the group claimed 20 ..., the army said 3"
_CONCESSIVE_RE = re.compile(r"\s*(?:although|though|even\s+though|whereas|alors\s+qu(?:e\b|['’])|bien\s+qu(?:e\b|['’]))",
                            re.I)


def _concessive_cut(head: str) -> int | None:
    """Where the concessive clause a sentence opens on ends (its first comma), when the figure
    comes after it; else None."""
    m = _CONCESSIVE_RE.match(head)
    if m is None:
        return None
    comma = head.find(",", m.end())
    return comma if comma > 0 else None


def relation(claim: Claim, doc: Document) -> str | None:
    """``"subset"`` when the claim's figure is introduced as part of an earlier
    figure ("including 10 foreigners", "three of them"), ``"alternative"``
    when it is another source's figure for the same count ("..., although
    villagers said over 10 were killed"), ``"additive"`` when it adds a new
    group ("another 26", "five others", "also"), else None. Read once per claim
    and lexicon: the reconcile stage asks it of the same claims many times."""
    return _relation(doc.text, claim.start, claim.end, claim.figure_start, claim.figure_end, tuple(claim.categories),
                     claim.origin, claim.group, claim.figure, _lex().__name__)


@lru_cache(maxsize=1024)  # a few documents' claims: the cache holds their texts
def _relation(text: str, start: int, end: int, figure_start: int | None, figure_end: int | None,
              categories: tuple[str, ...], origin: str, group: str | None, figure: str | None,
              lexicon: str) -> str | None:
    claim = Claim(categories=list(categories), low=None, high=None, text="", start=start, end=end, origin=origin,
                  group=group, figure=figure, figure_start=figure_start, figure_end=figure_end)
    doc = Document(text=text, source="", format="")
    return _read_relation(claim, doc)


def _read_relation(claim: Claim, doc: Document) -> str | None:
    """:func:`relation`, read from the text."""
    if claim.origin != "body" or claim.figure_start is None:
        return None
    before = doc.text[max(claim.start, claim.figure_start - 40):claim.figure_start]
    after = doc.text[claim.figure_end:min(claim.end, claim.figure_end + 30)]
    stretch = doc.text[max(claim.start, claim.figure_start - 120):claim.figure_start]  # an enumeration's scope
    if "killed" in claim.categories and _lex().OF_THE_HURT_DIED_RE.match(doc.text, claim.figure_end, claim.end):
        return "additive"  # "two of the wounded later died": dead added since, not a part of the toll
    if "killed" in claim.categories and _DIED_LATER_RE.search(before) and \
            re.match(r"(?:succumbed|died|passed\s+away)\b", claim.figure or "", re.I):
        return "additive"  # "a judge was injured in the attack and later succumbed to his wounds": one more dead
    if _lex().SUBSET_RE.search(before) or SUBSET_AFTER_RE.match(after) or _SUBSET_STRETCH_RE.search(stretch) or \
            AMONG_THE_DEAD_RE.match(doc.text, claim.figure_end, claim.end):
        return "subset"
    head = doc.text[claim.start:claim.figure_start]
    if _in_breakdown(head):
        return "subset"  # "sept militaires (quatre soldats et trois gendarmes)": the parts of the seven
    cm = _lex().CONTRAST_RE.search(head)
    if cm and _lex().find_quantities(head[:cm.start()]):
        return "alternative"  # "police confirmed 7 deaths, although villagers said over 10 were killed"
    cm = _lex().CLAUSE_SPEAKER_RE.search(head)
    cut = cm.start() if cm else _concessive_cut(head)
    if cut is not None and _lex().find_quantities(head[:cut]) and _lex().SPEECH_RE.search(head[:cut]):
        # "the rebels claimed 50 soldiers dead; officials said 14 soldiers died": the same people
        # counted by another speaker (not "the army claimed 30 militants; the rebels 10 soldiers")
        words = re.findall(r"[a-z]+", (claim.group or "").lower())
        head_word = words[-1].rstrip("s") if words else ""
        if not head_word or head_word in ("people", "person", "other", "victim") or \
                re.search(rf"\b{re.escape(head_word)}", head[:cut], re.I):
            return "alternative"
    if ADDITIVE_BEFORE_RE.search(before) or ADDITIVE_AFTER_RE.match(after) or \
            ADDITIVE_FIGURE_RE.fullmatch((claim.figure or "").strip()):
        return "additive"
    rest = doc.text[claim.figure_end:claim.end]
    if re.match(r"^[^.;:]{0,80}?\b(?:had|have|has|were|was)\s+also\b|^[^.;:]{0,80}?\b(?:also|too)\s+(?:been\s+)?"
                r"(?:killed|died|dead|wounded|injured|shot)\b"
                r"|^[^.;:]{0,80}?(?<![\w])(?:a|ont|avait|avaient|sont|est|étaient|était)\s+(?:également|aussi)(?![\w])",
                rest, re.I):
        return "additive"  # "a family of six ... had also been killed", « un civil a également été tué »
    return None
