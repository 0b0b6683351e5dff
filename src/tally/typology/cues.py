"""The typology's word lists: cue patterns per language, and where to look.

Each language has a CSV under ``src/tally/data`` (``typology_en.csv``,
``typology_fr.csv``) of ``kind,value,pattern`` rows: ``kind`` says what a match
stands for (``weapon`` and ``attack`` and ``target``: a GTD value; ``acled``: an
ACLED sub-event type; ``suicide``, ``hostage``: a flag; ``property``: destroyed,
damaged or seized; ``extent``: a loss GTD would count as major; ``state`` and
``external``: words naming state or foreign forces; ``macro``: a named
sub-pattern written ``{NAME}`` in later rows, kept in the compiled lexicon:
``OBJ`` finds the thing lost in a ``property`` match). :func:`find_cues` returns every
match in the parts of a document the typology reads (:func:`windows`), a match
that lies inside a longer one of the same kind dropped ("gendarmerie school"
is a police target, not a school), and so is a target word that names the
report's source ("officials said", "according to police"). :class:`Signals`
is what the schemes decide from (the cues, the victim groups of the claims,
the actors); :func:`cue_coding` and :func:`claim_coding` make a value's
evidence from a cue or a claim.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model import Claim, Coding, Document, Incident
from .naming import Named

DATA = Path(__file__).resolve().parent.parent / "data"
#: how much of the body after the infobox (or from the start) the lead window reads
LEAD_CHARS = 1500
#: infobox keys whose values say what kind of attack, with what, against what
INFOBOX_KEYS = ("type", "attack_type", "weapons", "weapon", "target", "targets")


@dataclass(frozen=True, slots=True)
class Cue:
    """One match of a lexicon row: ``text`` is ``document.text[start:end]``."""

    kind: str
    value: str
    text: str
    start: int
    end: int
    origin: str  # "infobox:<key>", "lead" or "claim"


@lru_cache(maxsize=None)
def lexicon(language: str | None) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """The compiled rows of ``language``'s typology lexicon (English when
    tally has none for it), in file order."""
    path = DATA / f"typology_{language}.csv"
    if not path.exists():
        path = DATA / "typology_en.csv"
    macros: dict[str, str] = {}
    rows: list[tuple[str, str, re.Pattern[str]]] = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            pattern = re.sub(r"\{([A-Z]+)\}", lambda m: macros[m.group(1)], row["pattern"])
            if row["kind"] == "macro":
                macros[row["value"]] = pattern
                rows.append(("macro", row["value"], re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", re.I)))
                continue
            end = r"(?!\w)" if row["kind"] == "target" else ""  # a target is a whole word: not "bus" in "business"
            rows.append((row["kind"], row["value"], re.compile(r"(?<!\w)(?:" + pattern + r")" + end, re.I)))
    return tuple(rows)


#: section names that tell another time than the event's: read no further in the lead
_ASIDE = re.compile(r"(?:historical\s+)?(?:background|history|context|prelude|aftermath|reactions?|legacy|"
                    r"see also|contexte|historique|suites|r[ée]actions?)\b", re.I)


def aside_spans(doc: Document) -> list[tuple[int, int]]:
    """The spans, heading included, of the sections that tell another time
    than the event's (Background, Aftermath, Reactions...): the lead reads no
    cue there ("==Background== ... the bombing that set it off")."""
    return [(doc.text.rfind("\n", 0, max(0, sec.start - 1)) + 1, sec.end) for sec in doc.sections
            if sec.level > 1 and _ASIDE.match(sec.name)]


def windows(doc: Document, incident: Incident) -> list[tuple[int, int, str]]:
    """The spans of ``doc.text`` the typology reads, as ``(start, end, origin)``:
    the infobox's type, weapon and target fields, the lead (the first
    :data:`LEAD_CHARS` characters of the body) and the sentences of the body's
    claims about this event."""
    spans: list[tuple[int, int, str]] = []
    ib = doc.infobox
    if ib is not None:
        for f in ib.fields:
            if f.key in INFOBOX_KEYS and f.value.strip():
                spans.append((f.start, f.end, f"infobox:{f.key}"))
    body = ib.end if ib is not None and ib.end else 0
    spans.append((body, min(len(doc.text), body + LEAD_CHARS), "lead"))
    for c in incident.claims:
        if c.origin == "body" and not c.other_event and not (body <= c.start and c.end <= body + LEAD_CHARS):
            spans.append((c.start, c.end, "claim"))
    return spans


#: a target word that is the report's source, not the attack's target ("officials said", "according to police")
_SAID_AFTER = re.compile(r"\s*(?:\w+\s+){0,2}?(?:said|says|say|told|reported|reports?|confirmed|claimed|stated|announced|a déclaré|ont déclaré|"
                         r"a indiqué|ont indiqué|a affirmé|selon)\b", re.I)
_SAID_BEFORE = re.compile(r"(?:according\s+to|citing|per|quoting|selon|d['’]apr[èe]s)\s+(?:\w+\s+){0,3}$", re.I)


def is_source(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names who reported, not what was hit."""
    return bool(_SAID_AFTER.match(text, end)) or bool(_SAID_BEFORE.search(text[max(0, start - 40):start]))


#: words before an attack word that make it another, earlier event: "since the X bombing", "prior to the X attack"
#: (not "since Tuesday", a time)
_EARLIER = re.compile(r"\b(?:since|prior to|surpassed by|depuis)\s+(?:the|a|an|its|their|last|le|la|les|l['’])\b"
                      r"(?:[\s,]+[\w'’-]+){0,5}\s*$", re.I)
#: words earlier in the sentence that make what follows a response, another event: "in retaliation for the
#: attacks, the Guards fired missiles and carried out drone strikes"
_RESPONSE = re.compile(r"\b(?:revenge for|retaliation for|response to|repr[ée]sailles?)\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def other_event(text: str, start: int, end: int, year: str | None) -> bool:
    """Whether the attack words ``text[start:end]`` name another event than
    the report's: a few words after "since" or "prior to" ("since the
    Chabahar suicide bombing"), after "in retaliation for", "in revenge for",
    "in response to" in the same sentence (the response), or with a year other than the event's year
    just before them or just after them ("the 2010 Zahedan bombings", "the
    Luxor massacre in November 1997")."""
    before = text[max(0, start - 80):start]
    sentence = text[max(0, start - 300):start]
    sentence = sentence[max(sentence.rfind(". "), sentence.rfind("\n")) + 1:]
    if _EARLIER.search(before) or _RESPONSE.search(sentence):
        return True
    if not year:
        return False
    near = re.search(r"(?:[\w'’-]+\s+){0,3}$", before)
    after = re.match(r"\s+(?:in|of|en)\s+(?:[A-Za-zéû]+\s+)?(\d{4})\b", text[end:end + 30])
    years = _YEAR.findall(near.group(0) if near else "") + ([after.group(1)] if after else [])
    return any(y != year for y in years)


#: the forces' response to the attacker, not the attack: "the assailant was shot dead by police", "police
#: later killed the gunman", "... before security forces killed him", "l'assaillant a été abattu par la police"
RESPONSE_RE = re.compile(
    r"\b(?:the\s+|an?\s+|one\s+|both\s+|two\s+)?(?:assailants?|attackers?|gunm[ae]n|perpetrators?|suspects?|bombers?|shooters?|"
    r"hijackers?|kidnappers?)\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+)?(?:shot(?:\s+dead)?|killed|gunned\s+down|"
    r"arrested|captured|neutrali[sz]ed|apprehended|overpowered)\b[^.;]*"
    r"|\b(?:police|security\s+forces|troops|soldiers|officers)\s+(?:later\s+|then\s+|eventually\s+)?(?:shot|killed|"
    r"arrested|captured|neutrali[sz]ed)\s+(?:the\s+|both\s+|two\s+|all\s+)?(?:assailants?|attackers?|gunm[ae]n|"
    r"perpetrators?|suspects?|bombers?|shooters?|hijackers?)\b[^.;]*"
    r"|\b(?:before|until)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?(?:police|security\s+forces|troops|soldiers|officers)\s+"
    r"(?:shot|killed|arrested|captured|neutrali[sz]ed|overpowered)\s+(?:him|her|them)\b[^.;]*"
    r"|(?<![\w])(?:l['’]|les\s+|un\s+)(?:assaillants?|auteurs?|tireurs?|kamikazes?)\s+(?:a|ont)\s+été\s+(?:\w+\s+)?"
    r"(?:abattus?|tués?|neutralisés?|arrêtés?|interpellés?)(?![\w])[^.;]*", re.I)


def find_cues(doc: Document, incident: Incident) -> list[Cue]:
    """Every lexicon match in :func:`windows`, in window then text order."""
    found: list[Cue] = []
    seen: set[tuple[str, str, int]] = set()
    rows = lexicon(incident.language)
    asides = aside_spans(doc) + [m.span() for m in RESPONSE_RE.finditer(doc.text)]
    for start, end, origin in windows(doc, incident):
        local: list[Cue] = []
        for kind, value, pattern in rows:
            if kind == "macro":
                continue
            for m in pattern.finditer(doc.text, start, end):
                if m.end() > m.start() and not (kind == "target" and is_source(doc.text, m.start(), m.end())):
                    local.append(Cue(kind, value, m.group(0), m.start(), m.end(), origin))
        local = [c for c in local if not any(o.kind == c.kind and o is not c and o.start <= c.start
                                             and c.end <= o.end and o.end - o.start > c.end - c.start
                                             for o in local)]
        for c in sorted(local, key=lambda c: c.start):
            if (origin == "lead" or c.kind != "target") and any(a <= c.start < b for a, b in asides):
                continue
            key = (c.kind, c.value, c.start)
            if key not in seen:
                seen.add(key)
                found.append(c)
    return found


@dataclass
class Signals:
    """What the typology decides from: the cues, the victim groups of the
    killed and injured claims (with the first claim of each), the actors."""

    cues: list[Cue]
    victims: dict[str, Claim] = field(default_factory=dict)
    people: Claim | None = None  # the first killed or injured claim, whoever it counts
    hostage_claim: Claim | None = None
    attackers: list[str] = field(default_factory=list)
    attackers_rule: str = "perpetrators"
    others: list[str] = field(default_factory=list)
    sides: int = 0
    country: str | None = None
    iso3: str | None = None
    when: str | None = None  # the event's date (ISO), which dates ACLED's state forces
    named: dict[str, Named] = field(default_factory=dict)  # actor name -> its names in the datasets
    first_cue: Cue | None = None  # the attack word after which side 2 is named as acting first
    sentences: list[tuple[int, int]] = field(default_factory=list)  # the lead's sentences
    state_cue: Cue | None = None
    state_acts: bool = False  # the lead names the state's forces before the first attack word, not as speaking
    state_re: re.Pattern[str] | None = None
    external_re: re.Pattern[str] | None = None
    text: str = ""  # the document's text, which the offsets of the cues index
    killed: dict[str, int] = field(default_factory=dict)  # victim group -> the largest figure of its dead

    def civilians_most(self) -> Claim | None:
        """The civilians' claim when more civilians than security forces were
        killed (the figures the text gives), else None."""
        civ = self.killed.get("civilians", 0)
        return self.victims.get("civilians") if civ > self.killed.get("security_forces", 0) else None

    def unarmed_victims(self) -> Claim | None:
        """The claim showing unarmed people were the victims: civilians killed or
        injured, else people of no stated group when no armed side is among the
        victims and the record names no two sides."""
        if "security_forces" in self.victims or self.sides >= 2:
            return None
        return self.victims.get("civilians") or self.people

    def first(self, kind: str, value: str | None = None) -> Cue | None:
        return next((c for c in self.cues if c.kind == kind and (value is None or c.value == value)), None)

    def has(self, kind: str, value: str | None = None) -> bool:
        return self.first(kind, value) is not None


def cue_coding(value: object, cue: Cue, rule: str) -> Coding:
    return Coding(value=value, rule=f"{rule} ({cue.origin})", text=cue.text, start=cue.start, end=cue.end)


def claim_coding(value: object, claim: Claim, rule: str) -> Coding:
    return Coding(value=value, rule=rule, text=claim.text, start=claim.start, end=claim.end)
