"""The when, where and who of several reports of one incident, joined
(:func:`tally.reconcile.across.combine` calls them): the most precise date and
the narrowest span among the reports, the most precise place, every place
named once, and the actors and sides de-duplicated by their names and aliases.
The figures are joined in :mod:`tally.reconcile.across` itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..lookup.actors import actor_key

#: date precision, most precise first
DATE_RANK = {"day": 3, "month": 2, "year": 1}
#: place precision (tally.where's levels and UCDP's), most precise first
PLACE_RANK = {"exact": 7, "near": 6, "district": 5, "admin2": 4, "admin1": 3, "region": 2, "country": 1}


def _span_days(d: dict[str, Any]) -> int:
    """How many days a date of day precision spans (0 for one day; 0 when not days)."""
    start, end = str(d.get("start") or ""), str(d.get("end") or d.get("start") or "")
    if len(start) < 10 or len(end) < 10:
        return 0
    try:
        return (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days
    except ValueError:
        return 0


def joined_date(reports: list[dict]) -> dict[str, Any]:
    """The most precise precision, and among those the narrowest span (one day
    before "last week"); among those reports the earliest start, the latest
    end, and the words of the report giving the earliest start."""
    dated = [r["date"] for r in reports if isinstance(r.get("date"), dict) and r["date"].get("start")]
    if not dated:
        return dict(reports[0].get("date") or {"start": None, "end": None, "precision": None, "text": None,
                                               "rule": None})
    top = max(DATE_RANK.get(d.get("precision"), 0) for d in dated)
    best = [d for d in dated if DATE_RANK.get(d.get("precision"), 0) == top]
    narrowest = min(_span_days(d) for d in best)  # a day beats "last week" (a span of days)
    best = [d for d in best if _span_days(d) == narrowest]
    first = min(best, key=lambda d: d["start"])  # min keeps the first of equal starts
    end = max((d.get("end") or d["start"]) for d in best)
    return {"start": first["start"], "end": end, "precision": first.get("precision"), "text": first.get("text"),
            "rule": first.get("rule")}


def joined_location(reports: list[dict]) -> dict[str, Any] | None:
    """The place of the most precise level among the reports (the first report's at that level)."""
    located = [r["location"] for r in reports if isinstance(r.get("location"), dict)]
    if not located:
        return None
    top = max(PLACE_RANK.get(p.get("precision"), 0) for p in located)
    return dict(next(p for p in located if PLACE_RANK.get(p.get("precision"), 0) == top))


def joined_places(reports: list[dict]) -> list[dict[str, Any]]:
    """Every place the reports name, once (by name and country, or by GeoNames id)."""
    out, seen = [], set()
    for r in reports:
        for p in r.get("places") or []:
            if not isinstance(p, dict):
                continue
            keys = {("name", str(p.get("name") or "").strip().lower(), p.get("country_iso3") or p.get("country"))}
            if p.get("geonames_id") is not None:
                keys.add(("geonames", p["geonames_id"]))
            if keys & seen:
                continue
            seen |= keys
            out.append(dict(p))
    return out


def joined_actors(actors) -> list[dict[str, Any]]:
    """Actors de-duplicated by :func:`~tally.lookup.actors.actor_key` of their
    names and aliases (one report's "JNIM" is another's alias); the aliases of
    the duplicates are kept, in the order seen."""
    out: list[dict[str, Any]] = []
    keys: list[set[str]] = []
    for a in actors:
        if not isinstance(a, dict) or not a.get("name"):
            continue
        names = [str(n) for n in [a["name"], *(a.get("aliases") or [])] if n]
        ks = {actor_key(n) for n in names} - {""}
        hit = next((n for n, k in enumerate(keys) if k & ks), None)
        if hit is None:
            out.append({**a, "aliases": list(a.get("aliases") or [])})
            keys.append(ks)
            continue
        for al in names:
            if actor_key(al) not in keys[hit]:
                out[hit]["aliases"].append(al)
                keys[hit].add(actor_key(al))
    return out


def union_str(items) -> list[str]:
    """The strings of ``items`` once each, case aside, in the order seen."""
    out, seen = [], set()
    for t in items:
        if isinstance(t, str) and t.strip() and t.strip().lower() not in seen:
            seen.add(t.strip().lower())
            out.append(t)
    return out


def joined_sides(reports: list[dict]) -> list[dict[str, Any]]:
    """The sides of the reports merged by id: their actors, commanders and units once each."""
    merged: dict[str, dict[str, Any]] = {}
    for r in reports:
        for s in r.get("sides") or []:
            if not isinstance(s, dict) or s.get("id") is None:
                continue
            sid = str(s["id"])
            m = merged.setdefault(sid, {"id": sid, "actors": [], "commanders": [], "units": [], "strength": None})
            m["actors"] = joined_actors([*m["actors"], *(s.get("actors") or [])])
            m["commanders"] = union_str([*m["commanders"], *(s.get("commanders") or [])])
            m["units"] = union_str([*m["units"], *(s.get("units") or [])])
            m["strength"] = m["strength"] or s.get("strength")
    return [merged[k] for k in sorted(merged, key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k))]
