"""The evidence that two reports describe one event, and its score.

:func:`compare` weighs what two records share: the event's day (with the
precision each date has and a day of slack for "overnight" and publication
lag), the place (distance between points, the same gazetteer place, the same
first-level region, the same country, the same village the gazetteer does
not know), the actors (canonical names, so
"GSIM" and "JNIM" are one group) and the killed figures (overlapping
intervals agree, far-apart ones disagree). Some differences rule a link out
whatever else agrees (a *veto*): two countries, two precise days more than two
days apart, two precise places more than 75 km apart. The weights are stated
in ``docs/linking.md``; :data:`THRESHOLD` is the score from which two reports
are one event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..lookup.actors import actor_key
from ..lookup.gazetteer import place_key
from ..when.dates import last_day
from ..where.places import WITHIN_KM, km, nearest_district

#: a pair scoring at least this is one event
THRESHOLD = 0.55

#: place precisions that locate a point well enough to tell two villages apart
PRECISE = ("exact", "near", "district")

Record = dict[str, Any]


@dataclass(slots=True)
class Evidence:
    """Why two reports are, or are not, one event."""

    score: float = 0.0
    veto: str | None = None
    days: int | None = None
    km: float | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def linked(self) -> bool:
        return self.veto is None and self.score >= THRESHOLD

    def add(self, weight: float, reason: str) -> None:
        self.score = round(self.score + weight, 3)
        self.reasons.append(f"{reason} ({weight:+.2f})")


def day_span(rec: Record) -> tuple[date, date, str] | None:
    """The first and last day an event's date allows, and its precision."""
    d = rec.get("date") or {}
    start, end, precision = d.get("start"), d.get("end") or d.get("start"), d.get("precision")
    if not start:
        return None
    try:
        lo = _first(start)
        hi = last_day(end) if end else last_day(start)
    except ValueError:
        return None
    return lo, max(lo, hi), precision or "day"


def _first(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _gap(a: tuple[date, date, str], b: tuple[date, date, str]) -> int:
    """Days between two spans, 0 when they overlap."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def _actors(rec: Record) -> set[str]:
    names = [a.get("name") for a in rec.get("perpetrators") or []]
    names += [a.get("name") for s in rec.get("sides") or [] for a in s.get("actors") or []]
    return {actor_key(n) for n in names if n}


def _killed(rec: Record) -> tuple[int, float] | None:
    e = (rec.get("casualties") or {}).get("killed")
    if not e or e.get("best") is None and e.get("low") is None:
        return None
    low = e.get("low") if e.get("low") is not None else e.get("best")
    high = e.get("high")
    return int(low), float("inf") if high is None else float(high)


def _far(x: int, y: int) -> bool:
    """Two figures too far apart to be one toll: over three times, both 3 or more."""
    return min(x, y) >= 3 and max(x, y) > 3 * min(x, y)


def _close(x: int, y: int) -> bool:
    """Two figures near enough to be one toll counted by two sources or a day apart: within a
    quarter of the larger, or two apart ("37" and "39")."""
    return abs(x - y) <= max(2, 0.25 * max(x, y))


def _best_killed(rec: Record) -> int | None:
    e = (rec.get("casualties") or {}).get("killed") or {}
    return int(e["best"]) if e.get("best") is not None else None


def compare(a: Record, b: Record) -> Evidence:
    """The evidence that records ``a`` and ``b`` describe the same event."""
    ev = Evidence()
    _compare_dates(a, b, ev)
    _compare_places(a, b, ev)
    if ev.veto:
        return ev
    shared = _actors(a) & _actors(b)
    if shared:
        ev.add(0.15, "same actor")
    ka, kb = _killed(a), _killed(b)
    if ka and kb:
        best_a, best_b = _best_killed(a), _best_killed(b)
        if best_a is not None and best_a == best_b and best_a >= 3:
            ev.add(0.15, f"the same killed figure ({best_a})")
        elif ka[0] <= kb[1] and kb[0] <= ka[1]:
            if best_a is None or best_b is None or not _far(best_a, best_b):  # "at least 4", "at least 21": no
                ev.add(0.1, "killed figures overlap")
        elif best_a is not None and best_b is not None and _close(best_a, best_b):
            ev.add(0.1, f"killed figures close ({best_a}, {best_b})")  # one toll counted by two sources, or updated
        elif _far(ka[0], kb[0]):
            ev.add(-0.15, "killed figures far apart")
    return ev


def _compare_dates(a: Record, b: Record, ev: Evidence) -> None:
    sa, sb = day_span(a), day_span(b)
    if sa is None or sb is None:
        ev.reasons.append("a date is unknown (+0.00)")
        return
    gap = _gap(sa, sb)
    ev.days = gap
    both_days = sa[2] == "day" and sb[2] == "day" and sa[0] == sa[1] and sb[0] == sb[1]
    if gap > 2 and both_days or gap > 7:
        ev.veto = f"{gap} days apart"
    elif gap == 0:
        ev.add(0.35 if both_days else 0.15, "same day" if both_days else "dates overlap")
    elif gap == 1:
        ev.add(0.25, "one day apart")
    else:
        ev.add(0.05, f"{gap} days apart")


def _compare_places(a: Record, b: Record, ev: Evidence) -> None:
    la, lb = a.get("location") or {}, b.get("location") or {}
    ca, cb = la.get("country_iso3"), lb.get("country_iso3")
    if ca and cb and ca != cb:
        ev.veto = ev.veto or f"different countries ({ca}, {cb})"
        return
    if la.get("locality") and lb.get("locality") and place_key(la["locality"]) == place_key(lb["locality"]):
        # both name one village the gazetteer does not know: their points are guesses, the name agrees
        # (two different names weigh nothing: a report may name the nearest town instead)
        if ca and cb:
            ev.add(0.05, "same country")
        ev.add(0.35, f"same locality ({la['locality']})")
        return
    if not ca or not cb:
        ev.reasons.append("a place is unknown (+0.00)")
        return
    ev.add(0.05, "same country")
    if la.get("geonames_id") and la.get("geonames_id") == lb.get("geonames_id") and \
            la.get("precision") not in ("country", "admin1"):
        ev.km = 0.0
        ev.add(0.35, f"same place ({la.get('name')})")
        return
    precisions = (la.get("precision"), lb.get("precision"))
    if la.get("admin1") and la.get("admin1") == lb.get("admin1"):
        if "admin1" in precisions:  # one report gives the region, the other a place in it (or the region too)
            ev.add(0.15, f"in the region the other names ({la.get('admin1')})")
        else:
            ev.add(0.1, f"same region ({la.get('admin1')})")
    elif "country" in precisions:  # a report that knows only the country: the other lies in it
        ev.add(0.05, "in the country the other names")
    if None in (la.get("lat"), lb.get("lat")):
        return
    d = km(la["lat"], la["lon"], lb["lat"], lb["lon"])
    ev.km = round(d, 1)
    if la.get("precision") in PRECISE and lb.get("precision") in PRECISE:
        district = _district_holds(la, lb, d)
        if d > 75:
            ev.veto = ev.veto or f"{d:.0f} km apart"
        elif d <= 10:
            ev.add(0.3, f"{d:.0f} km apart")
        elif d <= 25:
            ev.add(0.15, f"{d:.0f} km apart")
        elif district is not None:  # one report names the district, the other a town in it
            ev.add(0.15, f"{d:.0f} km apart, in the district the other names ({district})")
        else:
            ev.add(-0.3, f"{d:.0f} km apart: two places")


def _district_holds(la: Record, lb: Record, d: float) -> str | None:
    """The name of the district one location names when the other is a town inside it: within
    :data:`tally.where.places.WITHIN_KM` of its point and nearer it than any other district's
    (:func:`tally.where.places.nearest_district`). "A school in Kasese district" and "the town of
    Mpondwe" in it are the place hierarchy, not two places 30 km apart; a town nearer another
    district's point (the next LGA's town) stays another place."""
    for outer, inner in ((la, lb), (lb, la)):
        if outer.get("precision") != "district" or inner.get("precision") not in ("exact", "near") \
                or d > WITHIN_KM["district"]:
            continue
        unit = nearest_district(inner.get("country_iso3") or "", inner["lat"], inner["lon"])
        if unit is not None and (unit.geonames_id == outer.get("geonames_id") if unit.geonames_id
                                 else place_key(unit.name) == place_key(outer.get("name") or "")):
            return str(outer.get("name"))
    return None
