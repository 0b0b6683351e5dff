"""Reactions: who condemned, supported or responded to an incident.

Read from sections named like "Reactions" or "Responses" and from
"... condemned by A, B and C" sentences anywhere. Each reaction is
``{"actor": name, "stance": "condemned"|"supported"|"condolences"|"called for"|"responded",
"date": ISO date or None}``; actor names go through the actor table, so
"the UN" and "the United Nations" are one actor.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..lookup.actors import actor_key, actor_table
from ..lookup.gazetteer import country_by_name
from .actors import make_actor, split_names
from ..when.dates import find_date
from ..model import DateRange, Document

_SECTION_RE = re.compile(r"reaction|response|condemnation|international|aftermath", re.I)
#: a sentence: up to ".", "!" or "?" before a space or the end, never after an initial or an
#: abbreviation ("the U.S. State Department", "Gen. Smith")
_SENTENCE_RE = re.compile(r"(?:\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|St|Jr|Sr|No|Gov|Sen|Rep|Prof|Adm"
                          r"|Brig)\.|[^.!?\n]|[.!?](?=[^\s.!?]))+(?:[.!?]+|\n|$)")
_VERBS = (r"condemned|condemns|denounced|deplored|criticised|criticized|praised|welcomed|supported|hailed"
          r"|mourned|expressed\s+(?:its|his|her|their|deep|deepest|\s)*(?:condolences|sympathy|solidarity|shock"
          r"|sadness)|offered\s+(?:its|his|her|their|\s)*condolences|called\s+for|urged")
_PASSIVE_RE = re.compile(rf"\b(?P<verb>{_VERBS})\s+by\s+(?P<list>[^.;:]+)", re.I)
_ACTIVE_RE = re.compile(
    rf"^\s*(?:(?:On|In|Later|Meanwhile|Afterwards)\b[^,]{{0,30}},\s*)?(?P<who>(?:[Tt]he\s+)?[A-Z][^,;:()]{{1,80}}?)"
    rf"\s+(?:also\s+|quickly\s+|strongly\s+|swiftly\s+|publicly\s+|has\s+|have\s+|had\s+)*(?P<verb>{_VERBS})\b")
_TITLE_RE = re.compile(r"^(?:(?:Vice|Deputy|Acting|Former)\s+)?(?:President|Prime Minister|Foreign Minister"
                       r"|Minister|Secretary-General|Secretary General|King|Queen|Pope|Chancellor|Governor"
                       r"|Premier|Emir|Sultan|Mayor)\s+(?=[A-Z])")
_BULLET_RE = re.compile(r"^\s*[-*•]\s*")
_VAGUE = {"several", "many", "some", "other", "others", "various", "multiple", "numerous", "both", "all",
          "most", "few", "a", "an", "these", "those", "his", "her", "their", "its"}
_ITEM_RE = re.compile(r"^\s*[-*•]\s*(?P<who>[^:\n–—]{2,60}?)(?::|\s+[–—-]\s+)\s*(?P<rest>.+)$", re.M)
_INCLUDING_RE = re.compile(r"\b(?:including|such as|among them|notably|namely)\s+", re.I)
_POSSESSIVE_RE = re.compile(r"^(?P<who>.+?)['’]s\s+(?:\w+\s+){0,3}(?:ministry|government|president|office"
                            r"|foreign|prime|embassy|leader|spokesperson|spokesman)\b", re.I)


def stance_of(verb: str) -> str:
    v = verb.lower()
    if v.startswith(("condemn", "denounc", "deplor", "critici")):
        return "condemned"
    if v.startswith(("prais", "welcom", "support", "hail")):
        return "supported"
    if v.startswith(("mourn", "express", "offer")):
        return "condolences"
    if v.startswith(("called", "urged")):
        return "called for"
    return "responded"


_SAID_RE = re.compile(r"\s+(?:said|says|stated|announced|added|declared|wrote|tweeted|told)\b.*$|\s+[–—-]\s+.*$"
                      r"|\s*[\"“].*$")
_OF_RE = re.compile(r"^(?:the\s+)?(?:governments?|leaders?|presidents?|prime\s+ministers?|foreign\s+ministr(?:y|ies)"
                    r"|ministr(?:y|ies)\s+of\s+foreign\s+affairs|embass(?:y|ies)|people|authorities|heads?\s+of\s+state)"
                    r"\s+of\s+(?:the\s+)?", re.I)
_OFFICE_RE = re.compile(r"^(?:(?:Vice|Deputy|Acting|Former|Interim)\s+)?(?:President|Prime Minister|Foreign Minister"
                        r"|Foreign Secretary|Secretary of State|Minister|Ministry|Secretary-General|Secretary General"
                        r"|High Commissioner|Special Representative|Envoy|King|Queen|Pope|Chancellor|Governor|Premier"
                        r"|Emir|Sultan|Mayor|Government|government|State Department|Foreign Ministry|foreign ministry"
                        r"|Foreign Office|Embassy|embassy|leader|Leader|Army|army|military|Military|Police|police"
                        r"|Interior Minister|Defence Minister|Defense Minister|Spokesperson|spokesperson|spokesman"
                        r"|Spokesman|Commission|Council|Office|Chairperson|Chairman)\b")


def _office_holder(who: str) -> str | None:
    """"French President Emmanuel Macron", "UN Secretary-General António
    Guterres", "U.S. State Department": the country or body they speak for."""
    words = who.split()
    for n in range(min(4, len(words) - 1), 0, -1):
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        if not _OFFICE_RE.match(rest):
            continue
        c = country_by_name(head)
        if c is not None:
            return c.name
        known = actor_table().lookup(head)
        if known is not None:
            return known[0]
    return None


def _actor_name(who: str) -> str | None:
    """A canonical actor name for the subject ``who``, or None if it is not a name."""
    who = _SAID_RE.sub("", who.strip())
    who = who.strip(" .\"'")
    m = _POSSESSIVE_RE.match(who)
    if m:
        who = m.group("who")
    who = re.sub(r"^(?:[Tt]he)\s+", "", who)
    who = _OF_RE.sub("", who)
    held = _office_holder(who) if who[:1].isupper() else None
    if held is not None:
        return held
    who = _TITLE_RE.sub("", who)
    if not who or not who[0].isupper() or len(who.split()) > 8:
        return None
    first = who.split()[0].lower()
    if who.lower() in {"it", "they", "he", "she", "this", "we", "others"} or first in _VAGUE:
        return None
    c = country_by_name(who)
    if c is not None and who.lower() not in {"american", "british", "french"}:
        return c.name
    return make_actor(who).name


def _reaction_spans(doc: Document) -> list[tuple[int, int]]:
    """Text spans of reaction-like sections, their subsections included."""
    spans = []
    for i, sec in enumerate(doc.sections):
        if _SECTION_RE.search(sec.name) and sec.name.lower() != "lead":
            end = sec.end
            for later in doc.sections[i + 1:]:
                if later.level <= sec.level:
                    break
                end = max(end, later.end)
            spans.append((sec.start, end))
    return spans


def find_reactions(doc: Document, when: DateRange | None = None) -> list[dict[str, Any]]:
    """Reactions stated in ``doc``, one per actor (the first stance wins)."""
    ref = None
    if when is not None and when.precision == "day" and when.start:
        ref = date.fromisoformat(when.start)
    spans = _reaction_spans(doc)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(name: str | None, stance: str, sentence: str) -> None:
        if not name or actor_key(name) in seen:
            return
        seen.add(actor_key(name))
        found = find_date(sentence, ref, forward=True) if ref else None
        out.append({"actor": name, "stance": stance, "date": found.start if found and found.precision == "day"
                    and found.start else None})

    for m in _SENTENCE_RE.finditer(doc.text):
        sentence = _BULLET_RE.sub("", m.group(0))
        in_section = any(a <= m.start() < b for a, b in spans)
        pm = _PASSIVE_RE.search(sentence)
        if pm is None and not in_section:
            continue
        if pm is not None and ("attack" in sentence.lower() or in_section or "killing" in sentence.lower()):
            listed = pm.group("list")
            inc = _INCLUDING_RE.search(listed)
            if inc:
                listed = listed[inc.end():]
            for item in split_names(listed):
                add(_actor_name(item), stance_of(pm.group("verb")), sentence)
            continue
        if in_section:
            am = _ACTIVE_RE.match(sentence)
            if am:
                add(_actor_name(am.group("who")), stance_of(am.group("verb")), sentence)
    for a, b in spans:
        for im in _ITEM_RE.finditer(doc.text, a, b):
            vm = re.search(_VERBS, im.group("rest"), re.I)
            add(_actor_name(im.group("who")), stance_of(vm.group(0)) if vm else "responded", im.group("rest"))
    return out
