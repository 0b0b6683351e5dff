"""Reconcile one incident: its claims into ``casualties`` (the rules of
:mod:`tally.reconcile.totals`), ``casualties_by_side`` (:mod:`.sides`) and
``conflicts`` (:mod:`.conflicts`), under a policy (:mod:`.policies`).

``reconcile(incident, doc, policy)`` takes these steps:

1. security-force and fighters nouns get their side (:func:`.parties.map_security_groups`),
   and every killed and injured claim its victim group (:mod:`.victims`);
2. under GTD, the perpetrator's own claims are left out and a coordinated
   series' combined toll is divided evenly among its attacks (:mod:`.policies.gtd`);
   under ACLED, a clause marked "(coded separately)" (:mod:`.policies.acled`);
3. the totals; a narrative toll resting only on the perpetrator's word gives
   way to the other speakers' figures; an infobox range takes an independent
   count inside it;
4. per side, with the conflicts; per victim group (``casualties_by_group``);
5. the per-estimate part of the policy (:func:`.policies.adjust`); under ACLED,
   the note's own coding ("coded as N"); under WAD, the civilians' figure
   (:mod:`.policies.wad`).

``missing_evidence(incident)`` lists the infobox figures the body never
supports (``tally check``). ``docs/reconcile.md`` states the rules in plain
words; these modules implement exactly those.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from typing import Any

from ..claims import relation
from ..claims.attribution import YEAR_RE
from ..model import CATEGORIES, Claim, Document, Estimate, Incident
from ..when.dates import find_date, last_day, month_named, names_elapsed_time, reference_date, week_named
from . import policies
from .conflicts import find_conflicts
from .figures import best_of, overlap, specificity
from .lexicon import GENERIC_GROUP_RE
from .parties import map_security_groups, perpetrator_claim, without_perpetrator_claims
from .policies import acled, gtd, wad
from .sides import SideView
from .totals import casualty_totals
from .victims import casualties_by_group, mark_victim_groups
from .wording import cats, figure, side_words


def reconcile(incident: Incident, doc: Document, policy: str = "tally") -> Incident:
    """Fill ``casualties``, ``casualties_by_side``, ``casualties_by_group`` and ``conflicts``
    of ``incident`` (and each claim's ``victim_group``)."""
    policies.check_policy(policy)
    claims = incident.claims
    map_security_groups(incident)
    mark_victim_groups(incident)
    used = dated_before(claims, incident, doc)
    divided: set[int] = set()
    if policy == "gtd":
        used, divided = gtd.even_share(gtd.claims_used(used, incident), doc)
    casualties, _ = casualty_totals(used, doc, policy, incident.sides)
    _not_the_perpetrators_word(casualties, used, incident, doc, policy)
    _independent_count_inside_total(casualties, used, doc)
    view = SideView(incident, used, doc)
    incident.casualties = casualties
    incident.casualties_by_side = _by_side(view)
    incident.casualties_by_group = casualties_by_group(used, doc, policy, incident.sides)
    incident.conflicts = find_conflicts(view)
    policies.adjust(incident.casualties, incident.casualties_by_side, claims, policy)
    if divided:
        gtd.mark([*incident.casualties.values(), *(e for row in incident.casualties_by_side.values()
                                                    for e in row.values()),
                  *(e for row in incident.casualties_by_group.values() for e in row.values())], divided)
    if policy == "acled":
        acled.unknown_is_zero(incident.casualties, claims, doc)
    if policy == "gtd":
        gtd.none_named_is_zero(incident.casualties, claims)
    if policy == "wad":
        wad.adjust(incident.casualties, incident.casualties_by_group, claims, doc, incident.sides)
    return incident


def _by_side(view: SideView) -> dict[str, dict[str, Estimate | None]]:
    by_side: dict[str, dict[str, Estimate | None]] = {}
    for sid in view.side_ids():
        row = {cat: view.estimate(sid, cat) for cat in CATEGORIES}
        if any(row.values()):
            by_side[sid] = row
    return by_side


#: a date stated with its day number ("On Monday, May 8", "le 30 septembre 2019")
_DIGIT_RE = re.compile(r"\d")


def dated_before(claims: list[Claim], incident: Incident, doc: Document) -> list[Claim]:
    """The claims with each body claim whose sentence dates itself, day and month written out,
    more than a day before the attack's day, or that names a whole month before the attack's
    before its figure ("In August, 37 were killed in a similar raid", "le mois dernier"), or whose
    own clause after the figure names a week or a whole month before it ("six peacekeepers killed
    last week", read against the report's own date; "after 9 were killed in June"), or whose own clause sets it in an earlier year ("110 farmers
    were killed in 2020"), marked
    as another event (``other_event``): "On Monday, May 8, four peacekeepers were killed" in a
    report of an attack on May 13 recalls an earlier one. Later dates are left alone: they date
    statements and updates of the toll."""
    d = incident.date
    if d is None or d.precision != "day" or not d.start or len(d.start) != 10:
        return claims
    day = date.fromisoformat(d.start)
    published = reference_date(doc.meta)
    stated: dict[int, date | None] = {}  # a sentence's own day, read once for all its claims
    return [dataclasses.replace(c, other_event=True)
            if c.origin == "body" and not c.other_event and c.text and _recalls_earlier(c, doc, day, published, stated)
            else c for c in claims]


def _recalls_earlier(c: Claim, doc: Document, day: date, published: date | None, stated: dict[int, date | None]) -> bool:
    """True when claim ``c``'s sentence or clause sets its figure before the attack's ``day``
    (the cases of :func:`dated_before`); ``stated`` caches each sentence's own day."""
    if c.start not in stated:
        found = find_date(c.text, day, language=doc.language) if _DIGIT_RE.search(c.text) else None
        ok = found is not None and found.precision == "day" and found.text and _DIGIT_RE.search(found.text) \
            and found.end and len(found.end) == 10 and not names_elapsed_time(found.text)
        stated[c.start] = date.fromisoformat(found.end) if ok else None  # type: ignore[union-attr]
    if stated[c.start] is not None and stated[c.start] < day - timedelta(days=1):  # type: ignore[operator]
        return True  # "On Monday, May 8, four peacekeepers were killed"
    head = c.text[:max(0, c.figure_start - c.start)] if c.figure_start is not None else c.text
    month = month_named(head, day)
    if month is not None and last_day(month.end) < day:
        return True  # "In August, 37 were killed in a similar raid"
    if c.figure_start is None or c.figure_end is None:
        return False
    years = _YEAR_IN_RE.findall(_clause_around(doc.text, c.figure_start, c.figure_end))
    if years and max(int(y) for y in years) < day.year:
        return True  # "..., 110 farmers were killed in 2020"
    opening = _OPENING_YEAR_RE.match(head)
    if opening and int(opening.group(1)) < day.year:
        return True  # "En juin 2021, 160 personnes avaient été tuées dans ce même village"
    years = _when_clause_years(doc.text, c.figure_start)
    if years and max(years) < day.year:
        return True  # "the deadliest since March 2021, when 137 villagers were massacred"
    after = month_named(_clause_after(doc.text, c.figure_end), day)
    if after is not None and after.rule == "relative" and last_day(after.end) < day and not _DIGIT_RE.search(after.text or ""):
        return True  # "..., after 9 were killed in June": an earlier month's event
    week = week_named(_clause_after(doc.text, c.figure_end), published) if published is not None else None
    return week is not None and week.end is not None and date.fromisoformat(week.end) < day - timedelta(days=1)


_CLAUSE_END_RE = re.compile(r"[,;.:!?()\n]")


#: a year the clause sets its figure in: "in 2020", "en 2019", "since 2015"
_YEAR_IN_RE = re.compile(r"(?<![\w])(?:in|en|since|depuis|during|pendant)\s+((?:19|20)\d\d)\b", re.I)


#: a sentence that opens on an earlier month or year: "In June 2021,", "En juin 2021,", "In 2019,"
_OPENING_YEAR_RE = re.compile(r"\s*(?:in|en|during|pendant|durant)\s+(?:(?:early|late|mid-?|début|fin|mi-)\s*)?"
                              r"(?:[^\W\d_]+\s+)?((?:19|20)\d\d)\s*,", re.I)
#: a clause set at the time named just before it: "since March 2021, when", "en 2019, lorsque"
_WHEN_CLAUSE_RE = re.compile(r"(?<![\w])(?:when|where|lorsque|quand|où)\s+[^,;.:!?]*$", re.I)


def _when_clause_years(text: str, figure_start: int) -> list[int]:
    """The years named right before the comma that opens the "when" clause holding a figure
    ("..., the deadliest since March 2021, when 137 were killed": [2021]); [] when the figure is in
    no such clause."""
    m = _WHEN_CLAUSE_RE.search(text, max(0, figure_start - 100), figure_start)
    if m is None:
        return []
    lead = text[max(0, m.start() - 40):m.start()].rstrip()
    if not lead.endswith(","):
        return []
    return [int(y) for y in YEAR_RE.findall(lead[lead.rfind(",", 0, len(lead) - 1) + 1:])]


def _clause_around(text: str, start: int, end: int) -> str:
    """The clause holding a figure: from the break before it to the break after it."""
    before = max((m.end() for m in _CLAUSE_END_RE.finditer(text, max(0, start - 120), start)), default=max(0, start - 120))
    return text[before:start] + text[start:end] + _clause_after(text, end)


def _clause_after(text: str, end: int) -> str:
    """The words after a figure up to the end of its clause ("six soldiers killed last week", ",")."""
    m = _CLAUSE_END_RE.search(text, end, end + 80)
    return text[end:m.start() if m else end + 80]


def _not_the_perpetrators_word(casualties, claims: list[Claim], incident: Incident, doc: Document,
                               policy: str = "tally") -> None:
    """A narrative toll resting only on the perpetrator's own claim gives way to
    the figures of the other speakers ("the group claimed 50 soldiers killed;
    officials said 14 died": best 14; the claim keeps the high)."""
    for cat, e in casualties.items():
        if not e or not (e.rule or "").startswith("narrative") or not e.claims:
            continue
        if not all(perpetrator_claim(claims[i], incident) for i in e.claims):
            continue
        masked = without_perpetrator_claims(claims, incident)
        if not any(cat in c.categories and not c.other_event and c.origin == "body" for c in masked):
            continue
        other = casualty_totals(masked, doc, policy, incident.sides)[0].get(cat)
        if other is None or other.best is None or not other.claims:
            continue
        e.best = other.best
        e.low = min(e.low if e.low is not None else other.best, other.low if other.low is not None else other.best)
        e.rule += "+not-the-perpetrators-claim"
        e.claims = sorted(set(e.claims) | set(other.claims))


def _independent_count_inside_total(casualties, claims: list[Claim], doc: Document) -> None:
    """An infobox total given as a range ("31–38") takes as ``best`` the most
    specific (then the latest) independent, closed body figure of the whole toll
    inside the range ("hospital officials said the toll had risen to 38"), as a
    side's row does (``+independent-count``)."""
    for cat, e in casualties.items():
        if not e or not (e.rule or "").startswith("infobox-total") or e.high is None or e.low is None \
                or e.low >= e.high:
            continue
        inside = [i for i, c in enumerate(claims)
                  if c.origin == "body" and not c.other_event and c.categories == [cat]
                  and c.source_class == "independent" and c.high is not None and c.low is not None
                  and e.low <= c.low and c.high <= e.high and not c.side
                  and (not c.group or c.group.strip().lower() == "total" or GENERIC_GROUP_RE.match(c.group.strip()))
                  and relation(c, doc) != "subset"]
        if inside:
            j = max(inside, key=lambda k: (specificity(claims[k]), claims[k].start))
            e.best = best_of(claims[j])
            e.rule += "+independent-count"
            e.claims = sorted(set(e.claims) | {j})


def missing_evidence(incident: Incident) -> list[dict[str, Any]]:
    """Infobox figures that no body claim of the same category supports (an
    overlapping figure, for the same side or for no side in particular)."""
    out = []
    body = [c for c in incident.claims if c.origin == "body" and not c.other_event]
    for i, c in enumerate(incident.claims):
        if c.origin != "infobox" or c.other_event:
            continue
        support = [b for b in body if set(b.categories) & set(c.categories)
                   and (b.side is None or c.side is None or b.side == c.side) and overlap(b, c)]
        if not support:
            out.append({"claim": i, "category": "/".join(c.categories), "side": c.side,
                        "text": f"infobox says {figure(c)} {cats(c)}"
                                f"{side_words(c.side, incident)}; the body never supports it"})
    return out
