"""low / best / high per side (``casualties_by_side``): which claims speak of
which side, and the steps that turn a side's claims into one estimate.

:class:`SideView` holds, for one incident, the claims per (side, category):
the side's own claims plus the generic body claims that can be told to be
about it (``attached``). ``SideView.estimate(sid, cat)`` takes these steps, in
order (docs/reconcile.md, "low, best, high per side"):

1. ``_sort``: the side's current claims sorted into whole-side counts
   (credible, or the enemy's claims), compound claims and parts;
2. ``_from_infobox_row``: an infobox row for the side sets the figures, the
   body only narrowing ``best`` or widening where it contradicts the row;
3. ``_split_extra`` + ``_from_credible``: else the most reliable, most
   specific credible claim, plus the groups added to it ("a fourth attacker");
4. ``_from_part``: else the largest part of the side ("five of its soldiers");
5. ``_ceiling``: else only a ceiling from compound claims or the enemy's claims.
"""

from __future__ import annotations

import dataclasses
import re

from ..claims import relation
from ..claims.sources import source_side
from ..model import Claim, Document, Estimate, Incident
from .figures import CLASS_RANK, best_of, key_source, overlap, specificity
from .lexicon import FIGHTERS_RE, GENERIC_GROUP_RE, ORDINAL_RE
from .parties import perpetrator_sides
from .totals import group_sum


@dataclasses.dataclass
class _Sorted:
    """A side's current claims of one category, sorted (indexes into the claims)."""

    single: list[int]     # one category, counting the whole side
    compound: list[int]   # several categories ("killed or wounded"): a ceiling
    parts: list[int]      # one category, one ally or a sub-group of the side
    credible: list[int]   # whole-side counts not made by the side's enemy
    enemy: list[int]      # whole-side counts made by the side's enemy


class SideView:
    """Claims per (side, category): the side's own claims plus the generic body
    claims that can be told to be about it."""

    def __init__(self, incident: Incident, claims: list[Claim], doc: Document):
        self.incident = incident
        self.claims = claims
        self.doc = doc
        self.combatants = [s.id for s in incident.sides]
        self.rel = {i: relation(c, doc) for i, c in enumerate(claims)}
        self.first_names = {s.id: [s.actors[0].name, *s.actors[0].aliases] for s in incident.sides if s.actors}
        self.perpetrators = perpetrator_sides(incident)
        self.attached: dict[int, str] = {}
        self._attach()

    # ------------------------------------------------------------- which claims speak of which side

    def usable(self, i: int) -> bool:
        c = self.claims[i]
        return not c.other_event and self.rel[i] != "subset"

    def whole(self, i: int, sid: str) -> bool:
        """Does the claim count the whole side (not one ally or a sub-group)?"""
        c = self.claims[i]
        if c.origin == "infobox" or i in self.attached or not c.group or GENERIC_GROUP_RE.match(c.group.strip()):
            return True
        if sid not in self.first_names:
            return True  # civilians, perpetrators, other: no allies to tell apart
        if FIGHTERS_RE.match(c.group.strip()) and not re.search(r"\b[A-Z]", c.group):
            return True  # "fighters", "militants took part...": the side's fighters, no ally named
        side = next(s for s in self.incident.sides if s.id == sid)
        # the side's first actor, an alias or its demonym ("Malian soldiers"), not an ally ("Wagner soldiers")
        return source_side(c.group, [dataclasses.replace(side, actors=side.actors[:1])]) == sid

    def _attach(self) -> None:
        """Attach generic body claims (no side, no group or a generic one) to
        the one combatant side they can be told to be about."""
        cl = self.claims
        ib_rows: dict[tuple[str, str], list[int]] = {}
        for i, c in enumerate(cl):
            if c.origin == "infobox" and c.side in self.combatants and len(c.categories) == 1 and not c.other_event:
                ib_rows.setdefault((c.side, c.categories[0]), []).append(i)
        for i, c in enumerate(cl):
            if c.origin != "body" or c.side is not None or not self.usable(i) or self.rel[i] == "additive":
                continue
            if c.group and not GENERIC_GROUP_RE.match(c.group.strip()):
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
                    and any(overlap(c, cl[j]) for j in ib_rows[(s, cat)])]
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

    def current(self, idx: list[int]) -> list[int]:
        """Drop repeats (same source, same figure: counted once) and figures a
        source later replaced (same source, a later sentence)."""
        keep: list[int] = []
        seen: dict[tuple, int] = {}
        for i in sorted(idx, key=lambda j: (self.claims[j].start, j)):
            c = self.claims[i]
            src = key_source(c)
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
        return self.rel[i] == "additive" or bool(c.group and ORDINAL_RE.match(c.group.strip()))

    def _enemy_claim(self, i: int, sid: str) -> bool:
        c = self.claims[i]
        if c.source_class != "party":
            return False
        ssid = source_side(c.source, self.incident.sides)
        if ssid is None:
            return False
        return ssid != sid

    # ------------------------------------------------------------- the estimate, step by step

    def estimate(self, sid: str, cat: str) -> Estimate | None:
        idx = self.current(self.members(sid, cat))
        if not idx:
            return None
        s = self._sort(idx, sid)
        ib = [i for i in s.credible if self.claims[i].origin == "infobox"]
        if ib:
            return self._from_infobox_row(s, ib)
        # "a fourth attacker", "another 5 soldiers": added to the side's count, not alternatives to it
        credible, extra = self._split_extra(s.credible)
        if credible:
            return self._from_credible(credible, extra, s)
        if s.parts:
            return self._from_part(s.parts)
        # only a party's claim about its enemy, or compound claims: a ceiling, never a best
        return self._ceiling(s.compound + s.enemy)

    def _sort(self, idx: list[int], sid: str) -> _Sorted:
        cl = self.claims
        single = [i for i in idx if len(cl[i].categories) == 1 and self.whole(i, sid)]
        return _Sorted(
            single=single,
            compound=[i for i in idx if len(cl[i].categories) > 1],
            parts=[i for i in idx if len(cl[i].categories) == 1 and not self.whole(i, sid)],
            credible=[i for i in single if not self._enemy_claim(i, sid)],
            enemy=[i for i in single if self._enemy_claim(i, sid)],
        )

    def _from_infobox_row(self, s: _Sorted, ib: list[int]) -> Estimate:
        """The side's infobox row sets low / best / high; an independent body
        count inside it sets best; the enemy's infobox figure and a contradicting
        body figure only widen."""
        cl = self.claims
        ib_comp = [i for i in s.compound if cl[i].origin == "infobox"]
        # the row's segments: distinct groups add ("11 soldiers", "1 pilot"), sources are alternatives
        base = group_sum([(i, cl[i]) for i in ib], "row")
        lo, best, hi = base.low or 0, base.best or 0, base.high
        for i in ib_comp:
            hi = _widen_high(hi, cl[i])
        rule, used = "infobox-side", list(ib) + list(ib_comp)
        j = self._independent_inside(s.credible, lo, hi)
        if j is not None:
            best, rule, used = best_of(cl[j]), "infobox-side+independent-count", used + [j]
        # a party's infobox figure for its enemy's losses only widens the high
        for i in s.single:
            if cl[i].origin == "infobox" and i not in s.credible and hi is not None:
                hi = _widen_high(hi, cl[i])
                used.append(i)
        # the body widens the infobox only where it contradicts it (a reported conflict)
        for i in s.credible + s.enemy:
            c = cl[i]
            if c.origin != "body" or any(overlap(c, cl[j]) for j in ib):
                continue
            if i in s.credible:
                lo = min(lo, c.low or 0)
            hi = _widen_high(hi, c)
            used.append(i)
            rule = rule if rule.endswith("+contradicted") else rule + "+contradicted"
        return Estimate(low=lo, best=best, high=hi, rule=rule, claims=sorted(set(used)))

    def _independent_inside(self, credible: list[int], lo: int, hi: int | None) -> int | None:
        """The most specific (then the latest) independent, closed body count
        inside the infobox row's range, if any."""
        cl = self.claims
        inside = [i for i in credible if cl[i].origin == "body" and cl[i].high is not None
                  and cl[i].source_class == "independent" and lo <= (cl[i].low or 0)
                  and (hi is None or cl[i].high <= hi)]
        if not inside:
            return None
        return max(inside, key=lambda k: (specificity(cl[k]), cl[k].start))

    def _split_extra(self, credible: list[int]) -> tuple[list[int], list[int]]:
        """(alternatives, additions): body claims that add a group ("a fourth
        attacker") are set apart when some claim remains to add them to."""
        extra = [i for i in credible if self.claims[i].origin == "body" and self._adds(i)]
        if extra and len(extra) < len(credible):
            return [i for i in credible if i not in extra], extra
        return credible, []

    def _from_credible(self, credible: list[int], extra: list[int], s: _Sorted) -> Estimate:
        """best: the most reliable source's most specific claim (then the
        latest); low / high: the range of the credible claims, the high widened
        by compound and enemy claims; the additions added to all three."""
        cl = self.claims
        lo = min(cl[i].low or 0 for i in credible)
        hi = None if any(cl[i].high is None for i in credible) else max(cl[i].high for i in credible)
        j = max(credible, key=lambda k: (CLASS_RANK[cl[k].source_class], specificity(cl[k]), cl[k].start))
        best = best_of(cl[j])
        lo = min(lo, best)
        for i in s.compound + s.enemy:
            if hi is not None:
                hi = _widen_high(hi, cl[i])
        for i in extra:
            lo, best = lo + (cl[i].low or 0), best + best_of(cl[i])
            hi = None if hi is None or cl[i].high is None else hi + cl[i].high
        return Estimate(low=lo, best=best, high=hi if hi is None else max(hi, best),
                        rule="most-reliable" + ("+additional" if extra else ""),
                        claims=sorted(set(credible + s.compound + s.enemy + extra)))

    def _from_part(self, parts: list[int]) -> Estimate:
        """Only parts of the side: the largest is a low and a best, the high open."""
        cl = self.claims
        j = max(parts, key=lambda k: (cl[k].low or 0))
        return Estimate(low=cl[j].low, best=best_of(cl[j]), high=None, rule="part-of-side", claims=[j])

    def _ceiling(self, idx: list[int]) -> Estimate:
        ceil = [self.claims[i].high for i in idx]
        return Estimate(low=None, best=None, high=None if any(h is None for h in ceil) else max(ceil),
                        rule="ceiling-only", claims=sorted(idx))


def _widen_high(hi: int | None, c: Claim) -> int | None:
    """The high widened to a claim's high (an open claim opens it)."""
    if hi is None:
        return None
    return None if c.high is None else max(hi, c.high)
