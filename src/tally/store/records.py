"""Incident record -> table rows: the indexed columns, claims and actors.

Everything here works on the plain JSON shape of a record (``to_dict`` of an
:class:`~tally.model.Incident`, documented in ``docs/schema.md``), so records
written by older or newer extractors are stored the same way.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from typing import Any

from ..model import Document

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def content_hash(doc: Document) -> str:
    """The hash that says whether a document changed: sha256 over its text,
    title and (when the source has one) revision id."""
    revision = doc.meta.get("revision_id")
    h = hashlib.sha256()
    for part in ("" if revision is None else str(revision), doc.title or "", doc.text):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def day_bounds(value: str | None) -> tuple[str | None, str | None]:
    """The first and last day an ISO date of any precision covers:
    ``"2016"`` -> ``("2016-01-01", "2016-12-31")``; ``None`` -> ``(None, None)``."""
    if not value:
        return None, None
    m = _ISO.match(value)
    if not m:
        return None, None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1] if 1 <= int(month) <= 12 else 31
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def main_place(record: dict[str, Any]) -> dict[str, Any]:
    """The record's location, else its first place with coordinates, else its first place."""
    if record.get("location"):
        return record["location"]
    places = record.get("places") or []
    with_coords = [p for p in places if p.get("lat") is not None]
    return (with_coords or places or [{}])[0]


def country_iso3(record: dict[str, Any]) -> str | None:
    """The incident's country: its location's, else the first place's that has one."""
    for place in [main_place(record), *(record.get("places") or [])]:
        if place.get("country_iso3"):
            return str(place["country_iso3"]).upper()[:3]
    return None


def estimate(record: dict[str, Any], category: str = "killed", side: str | None = None) -> dict[str, Any]:
    """The ``{low, best, high}`` estimate of ``category`` (for ``side`` when
    given); an empty dict when the record states none."""
    if side is None:
        est = (record.get("casualties") or {}).get(category)
    else:
        est = ((record.get("casualties_by_side") or {}).get(side) or {}).get(category)
    return est or {}


def group_estimate(record: dict[str, Any], group: str, category: str = "killed") -> dict[str, Any]:
    """The ``{low, best, high}`` estimate of ``category`` for the victim group
    ``group`` (``casualties_by_group``: civilians, security_forces,
    perpetrators, unknown); an empty dict when the record states none (or was
    stored before victim groups)."""
    return ((record.get("casualties_by_group") or {}).get(group) or {}).get(category) or {}


def incident_columns(record: dict[str, Any]) -> dict[str, Any]:
    """The indexed columns of the ``incidents`` table for ``record``."""
    date = record.get("date") or {}
    start, _ = day_bounds(date.get("start"))
    _, end = day_bounds(date.get("end") or date.get("start"))
    place = main_place(record)
    killed = estimate(record, "killed")
    return {
        "id": record["id"],
        "title": record.get("title"),
        "country_iso3": country_iso3(record),
        "date_start": start,
        "date_end": end,
        "date_precision": date.get("precision"),
        "killed_low": killed.get("low"),
        "killed_best": killed.get("best"),
        "killed_high": killed.get("high"),
        "injured_best": estimate(record, "injured").get("best"),
        "place": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
    }


def report_columns(record: dict[str, Any]) -> dict[str, Any]:
    """The columns of the ``reports`` table for ``record``: the indexed ones of
    :func:`incident_columns`, its language and what linking compares."""
    return {**incident_columns(record), "language": record.get("language"),
            "link_facts": link_facts(record)}


def link_facts(record: dict[str, Any]) -> dict[str, Any]:
    """What linking compares of a record: its date, location, actors and killed figure."""
    killed = (record.get("casualties") or {}).get("killed")
    return {
        "date": record.get("date") or {},
        "location": record.get("location") or {},
        "perpetrators": [{"name": a.get("name")} for a in record.get("perpetrators") or [] if a.get("name")],
        "sides": [{"actors": [{"name": a.get("name")} for a in s.get("actors") or [] if a.get("name")]}
                  for s in record.get("sides") or []],
        "casualties": {"killed": {k: killed.get(k) for k in ("low", "best", "high")}} if killed else {},
    }


def claim_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """One ``claims`` row per claim of ``record``, in record order."""
    rows = []
    for i, c in enumerate(record.get("claims") or []):
        rows.append({
            "position": i,
            "categories": ",".join(c.get("categories") or []),
            "low": c.get("low"),
            "high": c.get("high"),
            "qualifier": c.get("qualifier"),
            "group_name": c.get("group"),
            "side": c.get("side"),
            "source": c.get("source"),
            "section": c.get("section"),
            "origin": c.get("origin"),
            "other_event": bool(c.get("other_event")),
            "figure": c.get("figure"),
            "text": c.get("text") or "",
            "start_char": c.get("start"),
            "end_char": c.get("end"),
        })
    return rows


def actor_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """One ``actors`` row per actor of each side and per perpetrator."""
    found: list[tuple[str, str | None, dict[str, Any]]] = []
    for side in record.get("sides") or []:
        found.extend(("side", side.get("id"), a) for a in side.get("actors") or [])
    found.extend(("perpetrator", None, a) for a in record.get("perpetrators") or [])
    rows = []
    for role, side_id, actor in found:
        name = actor.get("name") or ""
        aliases = list(actor.get("aliases") or [])
        if not name.strip():
            continue
        rows.append({
            "role": role,
            "side": side_id,
            "name": name,
            "aliases": aliases,
            "match_key": "|".join(x.lower() for x in [name, *aliases]),
        })
    return rows


def side_names(record: dict[str, Any], side_id: str) -> list[str]:
    """Names of the actors of side ``side_id``."""
    for side in record.get("sides") or []:
        if side.get("id") == side_id:
            return [a["name"] for a in side.get("actors") or [] if a.get("name")]
    return []
