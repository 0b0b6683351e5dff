"""Reconcile: the claims of a record into low / best / high per category and
side, with the rule and claims behind each figure, and the disagreements.

``reconcile(incident, doc, policy)`` fills ``incident.casualties`` (the rules of
:mod:`tally.reconcile.totals`), ``incident.casualties_by_side`` and
``incident.conflicts``. ``docs/reconcile.md`` states the rules in plain words;
this module implements exactly those. ``missing_evidence(incident)`` lists
the infobox figures the body never supports (``tally check``).
``apply_policy(record, policy)`` re-applies what a policy changes to a stored
record (a dict), for ``tally export --policy``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

from ..claims import relation
from ..limits import check_time
from ..model import CATEGORIES, Claim, Document, Estimate, Incident
from ..claims.sources import source_side

POLICIES = ("tally", "ucdp", "acled", "gtd")

#: ACLED's reading of vague words (its fatalities FAQ): the figure it codes.
ACLED_VAGUE = {"tens": 10, "dozens": 12, "a dozen": 12, "hundreds": 100, "scores": 20,
               "thousands": 1000, "several": 10, "many": 10, "numerous": 10, "some": 10,
               "a number": 10, "several dozen": 24, "several hundred": 200, "several thousand": 2000,
               "a few": 3, "few": 3, "a handful": 3}

_GENERIC_GROUP_RE = re.compile(r"^(?:people|persons|individuals|others?|victims|the\s+dead|dead|bodies|"
                               r"casualties|lives|men|injured|wounded)$", re.I)
_SECURITY_RE = re.compile(r"\b(?:soldiers?|troops|gendarmes?|gendarmerie|police(?:men|women|\s+officers?)?|"
                          r"policem[ae]n|servicem[ae]n|army|military|security\s+forces|guards?|recruits?|"
                          r"cadets?|conscripts?|officers?)\b", re.I)
_FIGHTERS_RE = re.compile(r"\b(?:militants?|fighters?|insurgents?|rebels?|jihadists?|militiam[ae]n|"
                          r"guerrillas?|combatants?|terrorists?)\b", re.I)
_STATE_WORD_RE = re.compile(r"\b(?:government|armed\s+forces|army|military|police|gendarmerie|republic|"
                            r"kingdom|state\s+of|ministry)\b", re.I)
_ORDINAL_RE = re.compile(r"^(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b", re.I)
_NAMES_RE = re.compile(r"\b(?:names?|named|identified|list)\b", re.I)
_ARMED_GROUP_SOURCE_RE = re.compile(r"\b(?:rebels?|insurgents?|militants?|jihadists?|islamic\s+state|isis|isil|"
                                    r"al[-\s]qaeda|taliban|al[-\s]shabaab|boko\s+haram|the\s+group|"
                                    r"claim(?:ed|ing)?\s+(?:of\s+)?responsibility|attackers|gunmen)\b", re.I)


# --------------------------------------------------------------------------- public


def reconcile(incident: Incident, doc: Document, policy: str = "tally") -> Incident:
    """Fill ``casualties``, ``casualties_by_side`` and ``conflicts`` of ``incident``."""
    from .totals import casualty_totals

    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose from {', '.join(POLICIES)}")
    claims = incident.claims
    _map_security_groups(incident)
    used = claims
    if policy == "gtd":
        # a perpetrator's own claim is not used: kept in claims, left out of the figures
        used = [dataclasses.replace(c, other_event=True) if _perpetrator_claim(c, incident) else c
                for c in claims]
    casualties, _ = casualty_totals(used, doc, policy)
    _not_the_perpetrators_word(casualties, used, incident, doc, policy)
    _independent_count_inside_total(casualties, used, doc)
    view = _SideView(incident, used, doc)
    by_side: dict[str, dict[str, Estimate | None]] = {}
    for sid in view.side_ids():
        row = {cat: view.estimate(sid, cat) for cat in CATEGORIES}
        if any(row.values()):
            by_side[sid] = row
    incident.casualties = casualties
    incident.casualties_by_side = by_side
    incident.conflicts = view.conflicts()
    _policy_adjust(incident.casualties, incident.casualties_by_side, claims, policy)
    return incident


def _not_the_perpetrators_word(casualties, claims: list[Claim], incident: Incident, doc: Document,
                               policy: str = "tally") -> None:
    """A narrative toll resting only on the perpetrator's own claim gives way to
    the figures of the other speakers ("the group claimed 50 soldiers killed;
    officials said 14 died": best 14; the claim keeps the high)."""
    from .totals import casualty_totals

    for cat, e in casualties.items():
        if not e or not (e.rule or "").startswith("narrative") or not e.claims:
            continue
        if not all(_perpetrator_claim(claims[i], incident) for i in e.claims):
            continue
        masked = [dataclasses.replace(c, other_event=True) if _perpetrator_claim(c, incident) else c
                  for c in claims]
        if not any(cat in c.categories and not c.other_event and c.origin == "body" for c in masked):
            continue
        other = casualty_totals(masked, doc, policy)[0].get(cat)
        if other is None or other.best is None or not other.claims:
            continue
        e.best = other.best
        e.low = min(e.low if e.low is not None else other.best, other.low if other.low is not None else other.best)
        e.rule += "+not-the-perpetrators-claim"
        e.claims = sorted(set(e.claims) | set(other.claims))


def missing_evidence(incident: Incident) -> list[dict[str, Any]]:
    """Infobox figures that no body claim of the same category supports (an
    overlapping figure, for the same side or for no side in particular)."""
    out = []
    body = [c for c in incident.claims if c.origin == "body" and not c.other_event]
    for i, c in enumerate(incident.claims):
        if c.origin != "infobox" or c.other_event:
            continue
        support = [b for b in body if set(b.categories) & set(c.categories)
                   and (b.side is None or c.side is None or b.side == c.side) and _overlap(b, c)]
        if not support:
            out.append({"claim": i, "category": "/".join(c.categories), "side": c.side,
                        "text": f"infobox says {_figure(c)} {_cats(c)}"
                                f"{_side_words(c.side, incident)}; the body never supports it"})
    return out


def apply_policy(record: dict[str, Any], policy: str) -> dict[str, Any]:
    """A stored record (the JSON shape) with what ``policy`` changes re-applied
    to its estimates: what can be done without the document (see
    docs/reconcile.md; ``ingest --policy`` re-extracts for the full effect)."""
    if policy in (None, "tally"):
        return record
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose from {', '.join(POLICIES)}")
    claims = [_claim_from_dict(c) for c in record.get("claims") or []]
    cas = {k: (Estimate(**v) if v else None) for k, v in (record.get("casualties") or {}).items()}
    by_side = {s: {k: (Estimate(**v) if v else None) for k, v in row.items()}
               for s, row in (record.get("casualties_by_side") or {}).items()}
    if policy in ("gtd", "ucdp", "acled"):
        k = cas.get("killed")
        p = (by_side.get("perpetrators") or {}).get("killed")
        if k and p and (k.rule or "").startswith("narrative") and "+perpetrators" not in (k.rule or ""):
            k.low = (k.low or 0) + (p.low or 0)
            k.best = (k.best or 0) + (p.best or 0)
            k.rule = (k.rule or "") + "+perpetrators"
    _policy_adjust(cas, by_side, claims, policy)
    out = dict(record)
    out["casualties"] = {k: (dataclasses.asdict(v) if v else None) for k, v in cas.items()}
    out["casualties_by_side"] = {s: {k: (dataclasses.asdict(v) if v else None) for k, v in row.items()}
                                 for s, row in by_side.items()}
    return out


# --------------------------------------------------------------------------- policies


def _policy_adjust(cas, by_side, claims: list[Claim], policy: str) -> None:
    ests = [e for e in cas.values() if e] + [e for row in by_side.values() for e in row.values() if e]
    for e in ests:
        e.rule = e.rule or ""
        if policy == "acled":
            if e.low is not None and e.best is not None and e.low < e.best and not e.rule.startswith("narrative"):
                e.best = e.low
                e.rule += "+acled-lowest"
            vague = [claims[i] for i in e.claims if i < len(claims) and claims[i].qualifier == "vague"]
            if len(vague) == 1 and len(e.claims) == 1:
                word = re.sub(r"\s+", " ", (vague[0].figure or "").strip().lower())
                if word in ACLED_VAGUE:
                    e.best = ACLED_VAGUE[word]
                    e.low = min(e.low, e.best) if e.low is not None else e.best
                    if e.high is not None and e.high < e.best:
                        e.high = e.best
                    e.rule += "+acled-vague"
        if policy == "ucdp" and e.best is not None:
            if e.low is not None and e.best < e.low:
                e.best = e.low
            if e.high is not None and e.best > e.high:
                e.best = e.high


def _perpetrator_claim(c: Claim, incident: Incident) -> bool:
    """A claim made by the perpetrator (an armed group claiming the attack, or
    the side named as perpetrator)."""
    if not c.source or c.source_class != "party":
        return False
    sid = source_side(c.source, incident.sides)
    if sid is not None:
        return sid in _perpetrator_sides(incident)
    return bool(_ARMED_GROUP_SOURCE_RE.search(c.source))


def _perpetrator_sides(incident: Incident) -> set[str]:
    names = {a.name.lower() for a in incident.perpetrators} | {
        al.lower() for a in incident.perpetrators for al in a.aliases}
    out = {s.id for s in incident.sides
           if any(a.name.lower() in names or any(al.lower() in names for al in a.aliases) for a in s.actors)}
    if out:
        return out
    states = _state_sides(incident)
    if len(states) == 1 and len(incident.sides) == 2:
        return {s.id for s in incident.sides} - states
    return set()


def _state_sides(incident: Incident) -> set[str]:
    from ..lookup.gazetteer import country_by_name

    out = set()
    for s in incident.sides:
        for a in s.actors:
            names = [a.name, *a.aliases]
            if any(_STATE_WORD_RE.search(n) for n in names):
                out.add(s.id)
                break
            try:
                if country_by_name(a.name) is not None:
                    out.add(s.id)
                    break
            except Exception:  # the gazetteer is optional here
                pass
    return out


def _map_security_groups(incident: Incident) -> None:
    """Security-force nouns ("gendarme students", "soldiers") with no side, or
    read as civilians, belong to the one state side of the incident; armed-group
    nouns ("militants", "fighters", "rebels") with no side belong to the other
    side when the incident has exactly two, one of them the state."""
    states = _state_sides(incident)
    if len(states) != 1:
        return
    sid = next(iter(states))
    others = {s.id for s in incident.sides} - states
    for c in incident.claims:
        if c.origin != "body" or not c.group:
            continue
        if c.side in (None, "civilians") and _SECURITY_RE.search(c.group):
            c.side = sid
        elif c.side is None and len(others) == 1 and _FIGHTERS_RE.search(c.group):
            c.side = next(iter(others))


# --------------------------------------------------------------------------- by side


def _key_source(c: Claim) -> str | None:
    return _norm_source(c.source) if c.source else None


@functools.lru_cache(maxsize=4096)
def _norm_source(source: str) -> str:  # cached: conflicts() compares every pair of claims
    return re.sub(r"\W+", " ", source.lower()).strip()


def _range(c: Claim, cat: str | None = None) -> tuple[int, float]:
    lo = c.low or 0
    hi = float("inf") if c.high is None else c.high
    if c.qualifier == "up to" or len(c.categories) > 1:
        lo = 0  # a ceiling ("up to 100"), or a compound claim bounding each category from above
    elif c.qualifier == "about":
        lo, hi = int(lo * 0.9), hi * 1.1  # "about 30" does not contradict 32
    return lo, hi


def _overlap(a: Claim, b: Claim) -> bool:
    al, ah = _range(a)
    bl, bh = _range(b)
    return al <= bh and bl <= ah


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
                  and (not c.group or c.group.strip().lower() == "total" or _GENERIC_GROUP_RE.match(c.group.strip()))
                  and relation(c, doc) != "subset"]
        if inside:
            j = max(inside, key=lambda k: (_specificity(claims[k]), claims[k].start))
            e.best = _best_of(claims[j])
            e.rule += "+independent-count"
            e.claims = sorted(set(e.claims) | {j})


def _round(n: int | None) -> bool:
    return n is not None and n >= 20 and n % 10 == 0


def _specificity(c: Claim) -> int:
    if c.group and _NAMES_RE.search(c.group):
        return 5  # a list of names
    if c.qualifier in (None, "exactly"):
        return 3 if _round(c.low) else 4
    if c.qualifier in ("about", "range"):
        return 2
    if c.qualifier in ("at least", "up to"):
        return 1
    return 0


_CLASS_RANK = {"independent": 2, None: 1, "party": 1}


class _SideView:
    """Claims per (side, category): the side's own claims plus the generic body
    claims that can be told to be about it."""

    def __init__(self, incident: Incident, claims: list[Claim], doc: Document):
        self.incident = incident
        self.claims = claims
        self.doc = doc
        self.combatants = [s.id for s in incident.sides]
        self.rel = {i: relation(c, doc) for i, c in enumerate(claims)}
        self.first_names = {s.id: [s.actors[0].name, *s.actors[0].aliases] for s in incident.sides if s.actors}
        self.perpetrators = _perpetrator_sides(incident)
        self.attached: dict[int, str] = {}
        self._attach()

    # which claims speak of which side
    def usable(self, i: int) -> bool:
        c = self.claims[i]
        return not c.other_event and self.rel[i] != "subset"

    def whole(self, i: int, sid: str) -> bool:
        """Does the claim count the whole side (not one ally or a sub-group)?"""
        c = self.claims[i]
        if c.origin == "infobox" or i in self.attached or not c.group or _GENERIC_GROUP_RE.match(c.group.strip()):
            return True
        if sid not in self.first_names:
            return True  # civilians, perpetrators, other: no allies to tell apart
        if _FIGHTERS_RE.match(c.group.strip()) and not re.search(r"\b[A-Z]", c.group):
            return True  # "fighters", "militants took part...": the side's fighters, no ally named
        side = next(s for s in self.incident.sides if s.id == sid)
        # the side's first actor, an alias or its demonym ("Malian soldiers"), not an ally ("Wagner soldiers")
        return source_side(c.group, [dataclasses.replace(side, actors=side.actors[:1])]) == sid

    def _attach(self) -> None:
        cl = self.claims
        ib_rows: dict[tuple[str, str], list[int]] = {}
        for i, c in enumerate(cl):
            if c.origin == "infobox" and c.side in self.combatants and len(c.categories) == 1 and not c.other_event:
                ib_rows.setdefault((c.side, c.categories[0]), []).append(i)
        for i, c in enumerate(cl):
            if c.origin != "body" or c.side is not None or not self.usable(i) or self.rel[i] == "additive":
                continue
            if c.group and not _GENERIC_GROUP_RE.match(c.group.strip()):
                continue
            # the perpetrator's claim about "people" it does not name: its enemy's losses
            ssid = source_side(c.source, self.incident.sides) if c.source_class == "party" else None
            if ssid is not None and len(self.combatants) == 2 and c.group and ssid in self.perpetrators:
                self.attached[i] = next(s for s in self.combatants if s != ssid)
                continue
            if len(c.categories) != 1 or not self.combatants:
                continue
            cat = c.categories[0]
            fits = [s for s in self.combatants if (s, cat) in ib_rows
                    and any(_overlap(c, cl[j]) for j in ib_rows[(s, cat)])]
            if len(fits) == 1:
                self.attached[i] = fits[0]
                continue
            if not any((s, cat) in ib_rows for s in self.combatants):
                # no infobox row: the only combatant side with claims of its own in this category
                have = {x.side for x in cl if x.side in self.combatants and x.categories == [cat]
                        and not x.other_event}
                if len(have) == 1:
                    self.attached[i] = next(iter(have))

    def side_ids(self) -> list[str]:
        ids = {c.side for c in self.claims if c.side and not c.other_event} | set(self.attached.values())
        order = {s: n for n, s in enumerate(self.combatants)}
        return sorted(ids, key=lambda s: (order.get(s, 99), s))

    def members(self, sid: str, cat: str) -> list[int]:
        return [i for i, c in enumerate(self.claims)
                if cat in c.categories and self.usable(i) and (c.side == sid or self.attached.get(i) == sid)]

    def _current(self, idx: list[int]) -> list[int]:
        """Drop repeats (same source, same figure: counted once) and figures a
        source later replaced (same source, a later sentence)."""
        keep: list[int] = []
        seen: dict[tuple, int] = {}
        for i in sorted(idx, key=lambda j: (self.claims[j].start, j)):
            c = self.claims[i]
            src = _key_source(c)
            if src is None:
                keep.append(i)
                continue
            key = (src, tuple(c.categories))
            if key in seen:
                j = seen[key]
                p = self.claims[j]
                if (p.low, p.high) == (c.low, c.high) or p.start != c.start:
                    keep.remove(j)  # a repeat, or an update replacing the earlier figure
            seen[key] = i
            keep.append(i)
        return keep

    def _adds(self, i: int) -> bool:
        c = self.claims[i]
        return self.rel[i] == "additive" or bool(c.group and _ORDINAL_RE.match(c.group.strip()))

    def _enemy_claim(self, i: int, sid: str) -> bool:
        c = self.claims[i]
        if c.source_class != "party":
            return False
        ssid = source_side(c.source, self.incident.sides)
        if ssid is None:
            return False
        return ssid != sid

    def estimate(self, sid: str, cat: str) -> Estimate | None:
        idx = self._current(self.members(sid, cat))
        if not idx:
            return None
        cl = self.claims
        single = [i for i in idx if len(cl[i].categories) == 1 and self.whole(i, sid)]
        compound = [i for i in idx if len(cl[i].categories) > 1]
        parts = [i for i in idx if len(cl[i].categories) == 1 and not self.whole(i, sid)]
        credible = [i for i in single if not self._enemy_claim(i, sid)]
        enemy = [i for i in single if self._enemy_claim(i, sid)]
        ib = [i for i in credible if cl[i].origin == "infobox"]
        ib_comp = [i for i in compound if cl[i].origin == "infobox"]
        if ib:
            from .totals import _group_sum

            # the row's segments: distinct groups add ("11 soldiers", "1 pilot"), sources are alternatives
            base = _group_sum([(i, cl[i]) for i in ib], "row")
            lo, best, hi = base.low or 0, base.best or 0, base.high
            for i in ib_comp:
                if hi is not None:
                    hi = None if cl[i].high is None else max(hi, cl[i].high)
            rule, used = "infobox-side", list(ib) + list(ib_comp)
            inside = [i for i in credible if cl[i].origin == "body" and cl[i].high is not None
                      and cl[i].source_class == "independent" and lo <= (cl[i].low or 0)
                      and (hi is None or cl[i].high <= hi)]
            if inside:
                j = max(inside, key=lambda k: (_specificity(cl[k]), cl[k].start))
                best, rule, used = _best_of(cl[j]), "infobox-side+independent-count", used + [j]
            # a party's infobox figure for its enemy's losses only widens the high
            for i in single:
                if cl[i].origin == "infobox" and i not in credible and hi is not None:
                    hi = None if cl[i].high is None else max(hi, cl[i].high)
                    used.append(i)
            # the body widens the infobox only where it contradicts it (a reported conflict)
            for i in credible + enemy:
                c = cl[i]
                if c.origin != "body" or any(_overlap(c, cl[j]) for j in ib):
                    continue
                if i in credible:
                    lo = min(lo, c.low or 0)
                if hi is not None:
                    hi = None if c.high is None else max(hi, c.high)
                used.append(i)
                rule = rule if rule.endswith("+contradicted") else rule + "+contradicted"
            return Estimate(low=lo, best=best, high=hi, rule=rule, claims=sorted(set(used)))
        # "a fourth attacker", "another 5 soldiers": added to the side's count, not alternatives to it
        extra = [i for i in credible if cl[i].origin == "body" and self._adds(i)]
        if extra and len(extra) < len(credible):
            credible = [i for i in credible if i not in extra]
        else:
            extra = []
        if credible:
            lo = min(cl[i].low or 0 for i in credible)
            hi = None if any(cl[i].high is None for i in credible) else max(cl[i].high for i in credible)
            rank = (lambda k: (_CLASS_RANK[cl[k].source_class], _specificity(cl[k]), cl[k].start))
            j = max(credible, key=rank)
            best = _best_of(cl[j])
            lo = min(lo, best)
            for i in compound + enemy:
                if hi is not None:
                    hi = None if cl[i].high is None else max(hi, cl[i].high)
            for i in extra:
                lo, best = lo + (cl[i].low or 0), best + _best_of(cl[i])
                hi = None if hi is None or cl[i].high is None else hi + cl[i].high
            return Estimate(low=lo, best=best, high=hi if hi is None else max(hi, best),
                            rule="most-reliable" + ("+additional" if extra else ""),
                            claims=sorted(set(credible + compound + enemy + extra)))
        if parts:
            j = max(parts, key=lambda k: (cl[k].low or 0))
            return Estimate(low=cl[j].low, best=_best_of(cl[j]), high=None, rule="part-of-side", claims=[j])
        # only a party's claim about its enemy, or compound claims: a ceiling, never a best
        ceil = [cl[i].high for i in compound + enemy]
        return Estimate(low=None, best=None, high=None if any(h is None for h in ceil) else max(ceil),
                        rule="ceiling-only", claims=sorted(compound + enemy))

    # ------------------------------------------------------------- conflicts

    def conflicts(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        cl = self.claims
        seen: set[tuple] = set()
        for sid in self.side_ids():
            for cat in CATEGORIES:
                idx = self._current(self.members(sid, cat))
                single = [i for i in idx if len(cl[i].categories) == 1 and self.whole(i, sid)]
                compound = [i for i in idx if len(cl[i].categories) > 1]
                ib_row = [i for i in single if cl[i].origin == "infobox"]
                for a in range(len(single)):
                    check_time("comparing claims")  # pairs grow as n²: the time budget (tally.limits)
                    for b in range(a + 1, len(single)):
                        i, j = single[a], single[b]
                        if not _same_people(cl[i], cl[j]):
                            continue  # "three attackers" and "a fourth attacker": two groups, not two counts
                        if sid not in self.first_names and "infobox" not in (cl[i].origin, cl[j].origin) and (
                                not cl[i].source or not cl[j].source or _key_source(cl[i]) == _key_source(cl[j])):
                            continue  # no sides to weigh: only two named sources can disagree
                        if len(ib_row) > 1 and (cl[i].origin, cl[j].origin) in (("infobox", "body"), ("body", "infobox")):
                            b = cl[j] if cl[i].origin == "infobox" else cl[i]
                            if any(_overlap(b, cl[k]) for k in ib_row):
                                continue  # the body counts one of the row's groups
                        if not _overlap(cl[i], cl[j]):
                            kind = "infobox-contradicted" if "infobox" in (cl[i].origin, cl[j].origin) \
                                else "ranges-disjoint"
                            self._add(out, seen, cat, sid, i, j, kind)
                for k in compound:
                    # the compound figure against this count plus the side's counts of its other
                    # categories: "20 killed or arrested" vs "10 killed" and no arrest reported
                    others = 0.0
                    for oc in cl[k].categories:
                        if oc == cat:
                            continue
                        o_idx = [i for i in self._current(self.members(sid, oc))
                                 if len(cl[i].categories) == 1 and self.whole(i, sid)]
                        if o_idx:
                            others += max(float("inf") if cl[i].high is None else cl[i].high for i in o_idx)
                    for i in single:
                        if _key_source(cl[i]) == _key_source(cl[k]):
                            continue
                        too_many = cl[i].high is not None and (cl[k].low or 0) > cl[i].high + others
                        too_few = cl[k].high is not None and (cl[i].low or 0) > cl[k].high
                        if too_many or too_few:
                            self._add(out, seen, cat, sid, i, k, "compound-differs")
        # claims of no side, from two different named sources
        gen = [i for i, c in enumerate(cl) if c.side is None and i not in self.attached and c.origin == "body"
               and self.usable(i) and len(c.categories) == 1 and c.source and self.rel[i] != "additive"
               and (not c.group or _GENERIC_GROUP_RE.match(c.group.strip()))]
        for a in range(len(gen)):
            check_time("comparing claims")
            for b in range(a + 1, len(gen)):
                i, j = gen[a], gen[b]
                if cl[i].categories == cl[j].categories and _key_source(cl[i]) != _key_source(cl[j]) \
                        and not _overlap(cl[i], cl[j]):
                    self._add(out, seen, cl[i].categories[0], None, i, j, "ranges-disjoint")
        return out

    def _add(self, out, seen, cat, sid, i, j, kind) -> None:
        key = (cat, sid, min(i, j), max(i, j))
        if key in seen:
            return
        seen.add(key)
        a, b = self.claims[i], self.claims[j]
        text = (f"{_speaker(a)} says {_figure(a)} {_cats(a)}; {_speaker(b)} says {_figure(b)} {_cats(b)}"
                f"{_side_words(sid, self.incident)}")
        out.append({"category": cat, "side": sid, "claims": [i, j], "kind": kind, "text": text})


# --------------------------------------------------------------------------- words


def _same_people(a: Claim, b: Claim) -> bool:
    """Can two claims count the same people? (no group, a generic one, or the same words)"""
    ga = (a.group or "").strip().lower()
    gb = (b.group or "").strip().lower()
    return not ga or not gb or bool(_GENERIC_GROUP_RE.match(ga)) or bool(_GENERIC_GROUP_RE.match(gb)) or ga == gb


def _best_of(c: Claim) -> int:
    if c.qualifier == "up to" and c.high is not None:
        return c.high
    return c.low or 0


def _speaker(c: Claim) -> str:
    if c.origin == "infobox":
        return f"the infobox (per {c.source})" if c.source else "the infobox"
    if c.source:
        return c.source
    return f"the {c.section.lower()} (no source)" if c.section else "an unattributed report"


def _figure(c: Claim) -> str:
    if c.qualifier == "vague" and c.figure:
        return c.figure.strip()
    if c.qualifier == "range" and c.high is not None:
        return f"{c.low}-{c.high}"
    if c.qualifier == "at least":
        return f"at least {c.low}"
    if c.qualifier == "about":
        return f"about {c.low}"
    if c.qualifier == "up to":
        return f"up to {c.high}"
    return str(c.low)


def _cats(c: Claim) -> str:
    return " or ".join(c.categories)


def _side_words(sid: str | None, incident: Incident) -> str:
    if sid is None:
        return ""
    side = next((s for s in incident.sides if s.id == sid), None)
    if side is not None and side.actors:
        return f" (side {sid}: {', '.join(a.name for a in side.actors)})"
    return f" ({sid})"


def _claim_from_dict(d: dict[str, Any]) -> Claim:
    names = {f.name for f in dataclasses.fields(Claim)}
    return Claim(**{k: v for k, v in d.items() if k in names})
