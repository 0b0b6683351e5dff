"""The group a figure counts and the side it stands for: the noun phrase
cleaned ("14 civilians were killed" -> ``civilians``), animals and things told
from people ("83 cows", "250 buildings"), and the side a group names (a
combatant, an alias or a demonym of it; "the attackers" -> ``perpetrators``;
"villagers" -> ``civilians``)."""

from __future__ import annotations

import re
from functools import cached_property

from ..model import Document, Side
from .attribution import incident_year
from .lexicon import current as _lex


CIVILIAN_RE = re.compile(r"\b(?:civilians?|villagers?|residents?|worshippers?|children|women|"
                         r"students?|pupils?|passengers?|shoppers?|pilgrims?|farmers?|"
                         r"fishermen|traders?|inhabitants?)\b", re.I)


def clean_group(np: str) -> str | None:
    g = re.sub(r"\[(?:\d+|[a-z]|[a-z ]*needed|note \d+|nb \d+)\]", "", np, flags=re.I)  # citation marks
    g = re.sub(r"\s+", " ", g).strip(" ,.;:'\"")
    g = re.sub(r"^(?:of\s+(?:them|whom)\b\s*)", "", g, flags=re.I)
    g = re.sub(r"^of\s+(?=\S)", "", g, flags=re.I)  # "dozens of people", "50 of its soldiers"
    g = re.sub(r"\b(?:were|was|are|is|have|has|had|been|reportedly|allegedly)\b.*$", "", g, flags=re.I).strip()
    g = re.sub(r"\s+(?:and|or|while|as)$", "", g, flags=re.I).strip()
    g = re.sub(r"\s+(?:besides|apart\s+from|excluding|not\s+including)\s+(?:themselves|himself|herself|"
               r"the\s+\w+)$", "", g, flags=re.I)  # "twelve people besides themselves"
    if not g or re.fullmatch(r"(?:killed|dead|wounded|injured|hurt|missing|arrested|others?)", g, re.I):
        return None if not g or g.lower() not in ("others", "other") else g
    return g


class ClaimContext:
    """What the body pass needs about the document."""

    def __init__(self, doc: Document, sides: list[Side]):
        self.doc = doc
        self.sides = sides
        self.year = incident_year(doc)
        self.side_patterns: list[tuple[str, re.Pattern]] = []
        for side in sides:
            names: list[str] = []
            for a in side.actors:
                names.append(a.name)
                names.extend(a.aliases)
            words = set()
            for n in names:
                n = n.strip()
                if not n:
                    continue
                words.add(re.escape(n))
                first = n.split()[0]
                if len(first) > 3 and first[0].isupper() and len(n.split()) > 1 and first.lower() not in {
                        "islamic", "national", "united", "free", "democratic", "people's", "popular"}:
                    words.add(re.escape(first))
                for dem in demonym_forms(n):
                    words.add(re.escape(dem))
            if words:
                self.side_patterns.append((side.id, re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b")))

    @cached_property
    def armed_attackers(self) -> bool:
        """One-sided violence: where armed men of a kind ("jihadists", "insurgents") are said to
        kill civilians, the same kind killed by the forces are the attackers, kept apart (a page
        naming its sides, a battle's infobox, says whose each armed group is instead). Read once,
        on the first group that names armed men."""
        lex = _lex()
        return not self.sides and any(
            lex.ARMED_GROUP_RE.search(sent) and lex.KILLING_RE.search(sent) and CIVILIAN_RE.search(sent)
            for sent in re.split(r"(?<=[.!?])\s+|\n+", self.doc.text[:20000]))

    def side_of(self, group: str | None) -> str | None:
        if not group:
            return None
        for sid, pat in self.side_patterns:
            if pat.search(group):
                return sid
        head = re.split(r"\s+(?:of|who|that|which|suspected|accused|from|in|at|by|with)\b", group, maxsplit=1)[0]
        if _lex().ATTACKER_RE.search(head) or (_lex().ARMED_GROUP_RE.search(head) and self.armed_attackers):
            return "perpetrators"
        if CIVILIAN_RE.search(head):
            return "civilians"
        return None


def demonym_forms(name: str) -> list[str]:
    if " " in name or len(name) < 4:
        return []
    out = []
    if name.endswith("a"):
        out.append(name + "n")
    elif name.endswith("i"):
        out.append(name + "an")
    elif name.endswith("y"):
        out.append(name[:-1] + "ian")
    elif name.endswith("e"):
        out.append(name[:-1] + "ian")
    elif name.endswith("n"):
        out.append(name + "ese")
        out.append(name + "i")
    elif name.endswith("q") or name.endswith("n"):
        out.append(name + "i")
    else:
        out.append(name + "ian")
        out.append(name + "i")
    return out




def not_people(group: str) -> bool:
    """True when a figure's noun phrase counts animals or things ("83 cows",
    "250 buildings"), not people ("village elders" are people)."""
    words = re.findall(r"[\w'’-]+", group)[:4]
    if not words or not any(_lex().NOT_PEOPLE_RE.match(w) for w in words):
        return False
    return not any(_lex().PERSON_PL_RE.match(w) for w in words)  # the language's words for people
