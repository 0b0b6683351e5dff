"""Counts read without a number, and the claims that only restate a count:

* a single victim named by a noun ("shot dead the village chief", "a journalist
  was killed", "he later died of his wounds", "the body of a man was found");
* a suicide attacker ("killed himself and five others", "blew himself up");
* restatements dropped: a noun inside a numbered claim's phrase ("A fourth
  attacker was shot dead") and a part of a set already counted ("several of the
  injured were in a serious condition")."""

from __future__ import annotations

import re

from ..model import Claim
from .figures import is_implicit
from .lexicon import current
from .lexicon.en import PERSON_SG, KILL_ACTIVE


PERSON_SG_RE = re.compile(rf"\b(?:{PERSON_SG})\b", re.I)
IMPLICIT_ACTIVE_RE = re.compile(
    rf"\b(?:{KILL_ACTIVE}|killed|murdered|killing\s+of|murder\s+of|assassination\s+of|beheading\s+of|"
    rf"execution\s+of|lynching\s+of|death\s+of)\s+(?:(?:a|an|the|his|her|their|its|one|local|"
    rf"prominent|former|senior|retired|young|elderly|popular|well-known)\s+)+(?:[\w'’-]+\s+){{0,4}}?"
    rf"(?:{PERSON_SG}|\d+-year-old|[\w-]+-old)\b(?!\s+(?:and|,)\s+(?:his|her|their|\d|two|three|four|five|six|seven|eight|nine|ten))", re.I)
IMPLICIT_PASSIVE_RE = re.compile(
    rf"\b(?:was|has\s+been|is)\s+(?:\w+ly\s+)?(?:also\s+)?(?:found\s+)?(?:(?:shot|stabbed|beaten|tortured|"
    rf"hacked|tortured|attacked|abducted|kidnapped)\s+(?:and|before\s+being)\s+)?"
    rf"(?:{KILL_ACTIVE}|killed|found\s+dead|murdered|slain|shot\s+to\s+death|burned\s+alive|blown\s+up|"
    rf"the\s+(?:only|sole)\s+(?:fatality|casualty|death|victim|person\s+(?:killed|to\s+die)|one\s+killed))\b", re.I)
#: "the only fatality was the bomber", "the sole casualty was a guard": one dead, named after the verb
ONLY_DEAD_RE = re.compile(rf"\bthe\s+(?:only|sole)\s+(?:fatality|casualty|death|victim|person\s+killed)\s+was\s+"
                          rf"(?P<who>(?:the|an?|one)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{PERSON_SG}))\b", re.I)
IMPLICIT_DIED_RE = re.compile(
    r"\b(?:he|she)\s+(?:later\s+)?died\b|\b(?:succumbed|died)\s+(?:to|of|from)\s+(?:his|her)\s+(?:wounds|injuries)|"
    rf"\b(?:{KILL_ACTIVE})\s+(?:him|her)\b|\b(?:the|a)\s+(?:\w+\s+)?(?:body|corpse|remains)\s+of\s+(?:a|an|the)\b|"
    r"\b(?:a|the)\s+(?:\w+\s+)?(?:body|corpse)\s+(?:was\s+)?(?:found|discovered|recovered)|"
    r"^(?:an?|the)\s+[^,]{0,80}?\b(?:has\s+)?died\b", re.I)
HIMSELF_RE = re.compile(r"\b(?:killing|killed|kills)\s+(?P<who>himself|herself|themselves)\s+and\s+", re.I)
BLEW_UP_RE = re.compile(r"\b(?:blew|blowing|blown)\s+(?P<who>himself|herself|themselves)\s+up\b|"
                        r"\bdetonated\s+(?P<who2>himself|herself|themselves)\b", re.I)

_PARTITIVE_RE = re.compile(r"\s+of\s+(?:the|those|these)\s+(?P<noun>dead|killed|injured|wounded|hurt|"
                           r"casualties|arrested|detained|missing|hostages|victims|bodies)\b", re.I)
_NOUN_CAT = {"dead": "killed", "killed": "killed", "victims": "killed", "bodies": "killed",
             "injured": "injured", "wounded": "injured",
             "hurt": "injured", "arrested": "arrested", "detained": "arrested", "missing": "missing",
             "hostages": "hostages"}


def drop_restatements(text: str, claims: list[Claim]) -> list[Claim]:
    """Drop what restates a count already made, never a new count:

    * a count read from a noun inside the phrase of a numbered claim of the same
      category ("A fourth attacker was shot dead": the figure "A" already counts
      the attacker, the noun "attacker" is the same person);
    * a part of a set of the same category ("several of the injured were in a
      serious condition": those are among the injured already counted).
    """
    out: list[Claim] = []
    for c in claims:
        if c.figure_end is not None:
            pm = _PARTITIVE_RE.match(text, c.figure_end)
            if pm and _NOUN_CAT.get(pm.group("noun").lower()) in c.categories:
                continue
        if is_implicit(c) and c.figure_start is not None:
            inside = False
            for o in claims:
                if o is c or is_implicit(o) or o.figure_start is None or not set(o.categories) & set(c.categories):
                    continue
                phrase_end = o.figure_end + len(o.group or "") + 2
                if o.figure_start <= c.figure_start < phrase_end:
                    inside = True
                    break
            if inside:
                continue
        out.append(c)
    return out


_SINGLE_SUBJ_PLURAL_RE = re.compile(r"\b(?:people|persons|civilians|soldiers|men|women|children)\b")


def implicit_in_clause(text: str, c0: int, c1: int, add, sentence_has_killed: bool) -> None:
    """Counts of one read without a number: "shot dead the village chief",
    "a journalist was killed", "he later died of his wounds"."""
    clause = text[c0:c1]
    m = IMPLICIT_ACTIVE_RE.search(clause)
    if m and not re.search(r"\b(?:to|would|will|threatened|vowed|tried|attempt(?:ed)?)\s+$", clause[:m.start()], re.I):
        obj = re.search(r"(?:(?:a|an|the|his|her|their|its|one)\s+).*$", m.group(0), re.I)
        objtxt = obj.group(0) if obj else m.group(0)
        add(1, 1, "exactly", ["killed"], re.sub(r"^(?:a|an|the|one)\s+", "", objtxt, flags=re.I),
            c0 + m.end() - len(objtxt), c0 + m.end(), objtxt)
        return
    m = ONLY_DEAD_RE.search(clause)
    if m:
        who = m.group("who")
        add(1, 1, "exactly", ["killed"], re.sub(r"^(?:an?|the|one)\s+", "", who, flags=re.I),
            c0 + m.start("who"), c0 + m.end("who"), who)
        return
    m = IMPLICIT_PASSIVE_RE.search(clause)
    if m:
        if re.search(r"\b(?:were|are)\b", clause[max(0, m.start() - 60):m.start()]):
            return
        base = max(0, m.start() - 200)
        subj = clause[base:m.start()]
        # the subject must look like one person: a person noun (the first one) or a name
        pm = PERSON_SG_RE.search(subj)
        nm = re.search(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+)+\s*,?\s*(?:\w+\s+){0,6}$", subj)
        if pm is not None and not _SINGLE_SUBJ_PLURAL_RE.search(subj[pm.end():]):
            st, en = pm.start(), pm.end()
        elif nm:
            st, en = nm.start(), nm.start() + len(nm.group(0).split(",")[0].rstrip())
        else:
            return
        fig = subj[st:en]
        add(1, 1, "exactly", ["killed"], fig, c0 + base + st, c0 + base + en, fig)
        return
    if not sentence_has_killed:
        m = IMPLICIT_DIED_RE.search(clause) or current().DIED_ALONE_RE.search(clause)
        if m:
            add(1, 1, "exactly", ["killed"], None, c0 + m.start(), c0 + m.end(), m.group(0))
