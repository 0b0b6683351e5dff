"""Material losses: the ``property`` cues of the typology lexicon as
:class:`tally.model.Loss` records, with the object, the count and the source.

"destroying six aircraft" is ``Loss("destroyed", "aircraft", 6, ...)``; the count
is the number written just before the object (words or digits, in the
document's language), 1 for a singular object after an article ("a hangar"),
``None`` when the text gives none ("burned houses"). The source is that of a
casualty claim of the same sentence, else whom that sentence names as
speaking ("according to X", "X said", "X released videos"). ``docs/typology.md``.
"""

from __future__ import annotations

import re

from ..model import Claim, Incident, Loss
from ..text.quantities import words_to_int
from ..text.quantities_fr import words_to_int_fr
from ..text.sentences import split
from .cues import Cue, lexicon

_ARTICLE = re.compile(r"(?:a|an|the|one|un|une|le|la|l['’])\s*$", re.I)
_NUMBER = re.compile(r"(?:\d[\d,]*|[^\W\d_]+(?:[\s-]+[^\W\d_]+){0,2})\s*$")


def _count(before: str, obj: str, language: str | None) -> int | None:
    """The number written in ``before`` just ahead of the object."""
    to_int = words_to_int_fr if language == "fr" else words_to_int
    words = before.split()
    for n in (3, 2, 1):  # the longest number phrase first ("twenty two", "vingt-deux")
        if len(words) >= n and (value := to_int(" ".join(words[-n:]))) is not None and value > 0:
            return value
    if _ARTICLE.search(before) and not obj.lower().endswith(("s", "x")):
        return 1
    return None


#: who says it in the loss's sentence: "according to X", "X said", "X released videos", "selon X"
_SAID_BY = re.compile(r"(?:according\s+to|citing|selon|d['’]apr[èe]s)\s+(?P<a>[^,.;:]{2,60})|"
                      r"(?P<b>[A-Z][\w'’-]*(?:\s+(?:of|the|de|du|des|la|le|[A-Z][\w'’-]*)){0,6}(?:\s+[a-z]+)?|\bthe\s+(?:[a-z]+\s+)?[a-z]+)\s+(?:said|says|stated|claimed|"
                      r"reported|announced|released\s+(?:a\s+)?videos?|published|a\s+(?:affirmé|annoncé|revendiqué)|"
                      r"ont\s+(?:affirmé|annoncé))\b")


def _source(claims: list[Claim], start: int, text: str) -> str | None:
    """The source of a claim whose sentence holds ``start``, else who the
    sentence says spoke ("according to X", "X said", "X released videos")."""
    for c in claims:
        if c.source and c.start <= start < c.end:
            return c.source
    for s, e, _ in split(text, max(0, start - 600), min(len(text), start + 600)):
        if s <= start < e:
            m = _SAID_BY.search(text, s, e)
            return (m.group("a") or m.group("b")).strip() if m else None
    return None


#: a value of the damage: "damage estimated at $3 million", "$250,000 worth of damage", "dégâts de 2 millions d'euros"
_MONEY = (r"(?:US)?\$\s?(?P<n{i}>\d[\d,]*(?:\.\d+)?)\s*(?P<u{i}>billion|bn|million|m\b|thousand)?|"
          r"(?P<m{i}>\d[\d,.]*(?:[ \u202f\u00a0]\d{{3}})*)\s*(?P<v{i}>billion|million|thousand|milliards?|millions?)?\s*(?:(?:US )?dollars|USD|euros?|EUR|€|d['’]euros|de dollars)")
_DAMAGE_RE = re.compile(
    r"(?:damage|damages|losses|dégâts|dommages|pertes)\s+(?:\w+\s+){0,3}?(?:at|of|worth|totall?ing|to|de|à|estimés? à|évalués? à)\s+(?:about |around |some |over |more than |plus de |environ )?(?:"
    + _MONEY.format(i=1) + r")|(?:" + _MONEY.format(i=2) + r")\s+(?:worth of|in|of)\s+(?:\w+\s+){0,2}?(?:damage|losses)", re.I)
_UNITS = {"billion": 1e9, "bn": 1e9, "milliard": 1e9, "milliards": 1e9, "million": 1e6, "millions": 1e6, "m": 1e6,
          "thousand": 1e3}


def damage_values(text: str, spans: list[tuple[int, int, str]]) -> list[Cue]:
    """A stated value of the damage in ``spans`` of ``text``, as a ``damage``
    cue whose value is GTD's extent: ``catastrophic`` (>= $1 billion),
    ``major`` (>= $1 million), ``minor`` (less). Euros are counted as dollars."""
    out: list[Cue] = []
    for start, end, origin in spans:
        for m in _DAMAGE_RE.finditer(text, start, end):
            number = next((m.group(k) for k in ("n1", "m1", "n2", "m2") if m.group(k)), None)
            unit = next((m.group(k) for k in ("u1", "v1", "u2", "v2") if m.group(k)), None)
            try:
                value = float(re.sub(r"[,\s\u202f\u00a0]", "", number)) if number else None
            except ValueError:
                value = None
            if value is None:
                continue
            value *= _UNITS.get((unit or "").lower(), 1)
            extent = "catastrophic" if value >= 1e9 else "major" if value >= 1e6 else "minor"
            out.append(Cue("damage", extent, m.group(0), m.start(), m.end(), origin))
    return out


def find_losses(cues: list[Cue], incident: Incident, text: str) -> list[Loss]:
    """One :class:`Loss` per ``property`` cue, in text order, one per span."""
    obj_re = next((p for k, v, p in lexicon(incident.language) if k == "macro" and v == "OBJ"), None)
    if obj_re is None:
        return []
    out: list[Loss] = []
    seen: set[int] = set()
    for cue in sorted((c for c in cues if c.kind == "property"), key=lambda c: c.start):
        if cue.start in seen:
            continue
        seen.add(cue.start)
        m = next(iter(obj_re.finditer(cue.text)), None)
        if m is None:
            continue
        count = _count(cue.text[:m.start()], m.group(0), incident.language) if m.start() else None
        out.append(Loss(category=cue.value, object=m.group(0), count=count, text=cue.text, start=cue.start,
                        end=cue.end, source=_source(incident.claims, cue.start, text)))
    return out
