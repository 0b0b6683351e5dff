"""Place names found by spaCy's named-entity recogniser, for reports where
the cheap rules of :mod:`tally.where.geotext` find no place finer than a country.

Only the tokenizer and the ``ner`` component of :func:`tally.text.nlp.get_nlp`
run (``ner`` carries its own token-to-vector layer), so the parse costs
about half of the full pipeline, only on the reports that need it, and the
pipeline is the one copy the process already holds. GPE, LOC and FAC entities
are looked up in the gazetteer. The small English model often labels
African and Asian place names PERSON or ORG ("Bamako", "Faladie"): such an
entity still counts when a place cue precedes it ("in", "the town of") and
the gazetteer knows the name exactly, a gazetteer check in place of an
EntityRuler of 236,000 patterns. Because the recogniser has already said
"this is a place", the population floors that protect the rule-based path
from people and homonyms are dropped, but a name must still resolve inside
the text's country when one is known, or to a single country when none is.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from ..lookup.gazetteer import Entry, gazetteer, place_key
from ..model import Place
from .context import major_countries
from .geotext import closest, not_the_scene
from .places import choose, to_place

PLACE_LABELS = ("GPE", "LOC", "FAC")
_REPAIR_LABELS = ("PERSON", "ORG", "NORP")
_CUE_RE = re.compile(r"\b(?:in|at|near|outside|from|of|town|city|village|district|province|region|area)"
                     r"\s+(?:the\s+)?$", re.I)
_NEAR_RE = re.compile(r"\b(?:near|outside|close to|km|kilometres|kilometers|miles)\b[^.;]{0,30}$", re.I)
_ARTICLE_RE = re.compile(r"^(?:the|The)\s+")


def ner_pipeline():
    """The process-wide English pipeline (:func:`tally.text.nlp.get_nlp`, loaded
    once and shared with every other user); only its tokenizer and ``ner``
    component are run here."""
    from ..text.nlp import get_nlp

    return get_nlp()


def entities(text: str) -> list[tuple[str, str, int]]:
    """(text, label, start offset) of the named entities of ``text``."""
    nlp = ner_pipeline()
    doc = nlp.get_pipe("ner")(nlp.make_doc(text))
    return [(e.text, e.label_, e.start_char) for e in doc.ents]


def entities_batch(texts: Iterable[str], batch_size: int = 64) -> list[list[tuple[str, str, int]]]:
    """:func:`entities` for many texts, batched through the component's ``pipe``."""
    nlp = ner_pipeline()
    docs = nlp.get_pipe("ner").pipe((nlp.make_doc(t) for t in texts), batch_size=batch_size)
    return [[(e.text, e.label_, e.start_char) for e in doc.ents] for doc in docs]


def ner_places(text: str, context: Counter[str] | None = None,
               ents: list[tuple[str, str, int]] | None = None) -> list[Place]:
    """Places among the named entities of ``text`` (in text order), resolved
    inside ``context`` (ISO3 -> weight) when given."""
    g = gazetteer()
    context = context or Counter()
    out: list[Place] = []
    seen: set[str] = set()
    for name, label, start in (entities(text) if ents is None else ents):
        name = _ARTICLE_RE.sub("", name).strip(" .,'’")
        key = place_key(name)
        if len(key) < 3 or key in seen or g.countries.get(key) is not None:
            continue
        before = text[max(0, start - 40):start]
        if label not in PLACE_LABELS and not (label in _REPAIR_LABELS and _CUE_RE.search(before)):
            continue
        if not_the_scene(text, start, name):  # the same exclusions as the rules' places
            continue
        entry = _resolve(name, context, label in PLACE_LABELS)
        if entry is None:
            continue
        seen.add(key)
        out.append(to_place(name, entry, near=bool(_NEAR_RE.search(before)) and entry.level == 0))
    return out


def _resolve(name: str, context: Counter[str], labelled: bool) -> Entry | None:
    g = gazetteer()
    every = g.lookup(name)
    cands = [c for c in (g.located(e) for e in every) if c is not None]
    if context:
        major = major_countries(context)  # a small homonym in a country named far less than another is abroad
        inside = [e for e in cands if e.iso3 in major or (e.iso3 in context and (e.level > 0 or e.population >= 100000))]
        if inside:
            return choose(inside)
        context = major
        if labelled:  # a spelling variant inside the text's country ("Falluja", "Konduz", "Bosasso")
            found = g.fuzzy(name, context) or closest(name, g.fuzzy(name, context, min_skeleton=2), 0.8)
            return choose(found) if found else None
        return None
    if cands and len({e.iso3 for e in every}) == 1:  # homonyms without coordinates count too
        return choose(cands)
    return None


__all__ = ["PLACE_LABELS", "entities", "entities_batch", "ner_pipeline", "ner_places"]
