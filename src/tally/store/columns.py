"""Export column sets: a record as a flat row in tally's own columns or in
those of UCDP GED, ACLED or GTD (names and meanings as in those datasets).

Each schema is a list of ``(column, type)`` (``str``, ``int`` or ``float``, used
for Parquet) and a function ``row(record) -> dict``; the record is the stored
JSON (an incident's combined record, or a report's) plus its (first) report's
text under ``"_text"``. :func:`columns_of` gives the columns at a level: one row
per incident, or per report with ``incident_id`` first, or per dated figure
(:data:`TIMELINE`). ``docs/export.md`` documents
every column and how it is derived.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from .records import day_bounds, estimate, group_estimate, main_place, side_names

Columns = list[tuple[str, str]]


def _join(values: list[str]) -> str | None:
    return "; ".join(v for v in values if v) or None


def _best(est: dict[str, Any]) -> int | None:
    """The best figure, else the low bound (an estimate with only a floor)."""
    return est.get("best") if est.get("best") is not None else est.get("low")


def _claim_sources(record: dict[str, Any]) -> str | None:
    seen: list[str] = []
    for c in record.get("claims") or []:
        if c.get("source") and c["source"] not in seen:
            seen.append(c["source"])
    return _join(seen)


def _summary(record: dict[str, Any], limit: int = 600) -> str | None:
    text = " ".join((record.get("_text") or "").split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " ..."
    return text or record.get("title")


def _perpetrators(record: dict[str, Any]) -> list[str]:
    return [a["name"] for a in record.get("perpetrators") or [] if a.get("name")]


def _coded(record: dict[str, Any], scheme: str, name: str) -> Any:
    """The value of a typology field (``docs/typology.md``), or None when the
    record has none (a record stored before the typology)."""
    coding = ((record.get("typology") or {}).get(scheme) or {}).get(name)
    return coding.get("value") if isinstance(coding, dict) else None


def _days(record: dict[str, Any]) -> tuple[str | None, str | None]:
    d = record.get("date") or {}
    start, _ = day_bounds(d.get("start"))
    _, end = day_bounds(d.get("end") or d.get("start"))
    return start, end


def _span_days(start: str | None, end: str | None) -> int | None:
    if not start or not end:
        return None
    try:
        return (date.fromisoformat(end) - date.fromisoformat(start)).days
    except ValueError:
        return None


# ----------------------------------------------------------------------------- tally

TALLY: Columns = [
    ("id", "str"), ("title", "str"), ("date_start", "str"), ("date_end", "str"),
    ("date_precision", "str"), ("country_iso3", "str"), ("country", "str"), ("admin1", "str"),
    ("place", "str"), ("latitude", "float"), ("longitude", "float"), ("location_precision", "str"),
    ("part_of", "str"), ("side_1", "str"), ("side_2", "str"), ("perpetrators", "str"), ("targets", "str"),
    ("killed_low", "int"), ("killed_best", "int"), ("killed_high", "int"),
    ("injured_low", "int"), ("injured_best", "int"), ("injured_high", "int"),
    ("arrested_best", "int"), ("captured_best", "int"), ("missing_best", "int"),
    ("hostages_best", "int"), ("displaced_best", "int"),
    ("claims", "int"), ("sources", "str"), ("source_path", "str"), ("source_format", "str"),
    ("language", "str"), ("reports", "int"), ("report_ids", "str"),
]

#: the tally columns that describe an incident's reports: left out of a report-level export
INCIDENT_ONLY = ("reports", "report_ids")


def tally_row(record: dict[str, Any]) -> dict[str, Any]:
    place = main_place(record)
    date_ = record.get("date") or {}
    source = record.get("source") or {}
    row = {
        "id": record.get("id"), "title": record.get("title"),
        "date_start": date_.get("start"), "date_end": date_.get("end"),
        "date_precision": date_.get("precision"), "country_iso3": place.get("country_iso3"),
        "country": place.get("country"), "admin1": place.get("admin1"), "place": place.get("name"),
        "latitude": place.get("lat"), "longitude": place.get("lon"),
        "location_precision": place.get("precision"), "part_of": record.get("part_of"),
        "side_1": _join(side_names(record, "1")), "side_2": _join(side_names(record, "2")),
        "perpetrators": _join(_perpetrators(record)), "targets": _join(record.get("targets") or []),
        "claims": len(record.get("claims") or []), "sources": _claim_sources(record),
        "source_path": source.get("path"), "source_format": source.get("format"),
        "language": record.get("language"),
        **_report_columns(record),
    }
    for cat in ("killed", "injured"):
        est = estimate(record, cat)
        row.update({f"{cat}_low": est.get("low"), f"{cat}_best": est.get("best"),
                    f"{cat}_high": est.get("high")})
    for cat in ("arrested", "captured", "missing", "hostages", "displaced"):
        row[f"{cat}_best"] = estimate(record, cat).get("best")
    return row


def _report_columns(record: dict[str, Any]) -> dict[str, Any]:
    """``reports`` (how many) and ``report_ids`` (``;``-joined) of an incident
    record (its ``reports`` list); empty for a record without one."""
    reports = record.get("reports")
    if not isinstance(reports, list):
        return {"reports": None, "report_ids": None}
    ids = [str(r.get("id")) for r in reports if isinstance(r, dict) and r.get("id") is not None]
    return {"reports": len(reports), "report_ids": ";".join(ids) or None}


# ----------------------------------------------------------------------------- UCDP GED

UCDP: Columns = [
    ("id", "str"), ("relid", "str"), ("year", "int"), ("type_of_violence", "int"), ("conflict_name", "str"),
    ("dyad_name", "str"),
    ("side_a", "str"), ("side_b", "str"), ("source_article", "str"), ("source_headline", "str"),
    ("where_coordinates", "str"), ("where_description", "str"), ("adm_1", "str"),
    ("latitude", "float"), ("longitude", "float"), ("geom_wkt", "str"), ("where_prec", "int"),
    ("country", "str"), ("date_prec", "int"), ("date_start", "str"), ("date_end", "str"),
    ("deaths_a", "int"), ("deaths_b", "int"), ("deaths_civilians", "int"), ("deaths_unknown", "int"),
    ("best", "int"), ("high", "int"), ("low", "int"),
]

#: tally place precision -> UCDP where_prec (1 exact ... 6 country).
UCDP_WHERE_PREC = {"exact": 1, "near": 2, "district": 3, "admin1": 4, "country": 6}


def ucdp_row(record: dict[str, Any]) -> dict[str, Any]:
    place = main_place(record)
    start, end = _days(record)
    precision = (record.get("date") or {}).get("precision")
    span = _span_days(start, end)
    date_prec: int | None
    if precision == "day":
        days = span or 0
        date_prec = 1 if days == 0 else 2 if days <= 6 else 3 if days <= 7 else 4 if days <= 31 else 5
    else:
        date_prec = {"month": 4, "year": 5}.get(precision or "")
    killed = estimate(record, "killed")
    best = _best(killed)
    parts = _ucdp_deaths(record)
    side_a, side_b = _ucdp_sides(record, place, parts)
    known = sum(v for v in parts.values() if v is not None)
    lat, lon = place.get("lat"), place.get("lon")
    return {
        "id": record.get("id"), "relid": record.get("id"), "year": int(start[:4]) if start else None,
        "type_of_violence": _coded(record, "ucdp", "type_of_violence"), "conflict_name": record.get("part_of"),
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else None,
        "side_a": side_a, "side_b": side_b,
        "source_article": _claim_sources(record) or (record.get("source") or {}).get("path"),
        "source_headline": record.get("title"), "where_coordinates": place.get("name"),
        "where_description": _join([p.get("name") for p in record.get("places") or []]),
        "adm_1": place.get("admin1"), "latitude": lat, "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "where_prec": UCDP_WHERE_PREC.get(place.get("precision") or ""),
        "country": place.get("country"), "date_prec": date_prec, "date_start": start, "date_end": end,
        **parts,
        "deaths_unknown": max(best - known, 0) if best is not None else None,
        "best": best, "low": killed.get("low") if killed.get("low") is not None else best,
        "high": killed.get("high") if killed.get("high") is not None else best,
    }


def _has_sides(record: dict[str, Any]) -> bool:
    by_side = record.get("casualties_by_side") or {}
    return "1" in by_side or "2" in by_side or bool(side_names(record, "1") or side_names(record, "2"))


def _state_based(record: dict[str, Any]) -> bool:
    """No sides named, but security forces were killed: the state is side A."""
    return not _has_sides(record) and _best(group_estimate(record, "security_forces")) is not None


def _ucdp_deaths(record: dict[str, Any]) -> dict[str, int | None]:
    """deaths_a / deaths_b / deaths_civilians, as UCDP codes them. A record
    with sides takes each side's killed figure. One without takes them from
    the victim groups: security forces killed make it state-based (side A the
    state: the security forces' deaths; side B the perpetrators: theirs);
    otherwise it is one-sided (side A the perpetrators: their deaths; side B
    civilians, whose deaths are deaths_civilians). Civilians: the civilians
    side, else the civilians victim group. deaths_unknown is the rest of the
    best total."""
    if _has_sides(record):
        a = _best(estimate(record, "killed", "1"))
        b = _best(estimate(record, "killed", "2"))
    elif _state_based(record):
        a = _best(group_estimate(record, "security_forces"))
        b = _best(group_estimate(record, "perpetrators"))
    else:
        a, b = _best(group_estimate(record, "perpetrators")), None
    civ = _best(estimate(record, "killed", "civilians"))
    if civ is None:
        civ = _best(group_estimate(record, "civilians"))
    return {"deaths_a": a, "deaths_b": b, "deaths_civilians": civ}


def _ucdp_sides(record: dict[str, Any], place: dict[str, Any],
                parts: dict[str, int | None]) -> tuple[str | None, str | None]:
    """side_a / side_b: the typology's, in UCDP's naming (docs/typology.md);
    a record stored before them: the record's sides, else the government of
    its country and its perpetrators, else the perpetrators and civilians."""
    coded_a, coded_b = _coded(record, "ucdp", "side_a"), _coded(record, "ucdp", "side_b")
    if coded_a or coded_b:
        return coded_a, coded_b
    if _state_based(record):
        state = f"Government of {place['country']}" if place.get("country") else "Government"
        return state, _join(_perpetrators(record))
    side_a = _join(side_names(record, "1")) or _join(_perpetrators(record))
    one_sided = side_a and parts["deaths_b"] is None and bool(
        estimate(record, "killed", "civilians") or group_estimate(record, "civilians"))
    return side_a, _join(side_names(record, "2")) or ("Civilians" if one_sided else None)


# ----------------------------------------------------------------------------- ACLED

ACLED: Columns = [
    ("event_id_cnty", "str"), ("event_date", "str"), ("year", "int"), ("time_precision", "int"),
    ("disorder_type", "str"), ("event_type", "str"), ("sub_event_type", "str"),
    ("actor1", "str"), ("assoc_actor_1", "str"), ("inter1", "int"), ("actor2", "str"), ("assoc_actor_2", "str"),
    ("inter2", "int"), ("interaction", "int"), ("civilian_targeting", "str"), ("iso3", "str"), ("country", "str"), ("admin1", "str"), ("location", "str"),
    ("latitude", "float"), ("longitude", "float"), ("geo_precision", "int"),
    ("source", "str"), ("notes", "str"), ("fatalities", "int"),
]

#: tally place precision -> ACLED geo_precision (1 the place, 2 near it / its district, 3 region).
ACLED_GEO_PREC = {"exact": 1, "near": 2, "district": 2, "admin1": 3, "country": 3}


def acled_row(record: dict[str, Any]) -> dict[str, Any]:
    place = main_place(record)
    start, end = _days(record)
    precision = (record.get("date") or {}).get("precision")
    span = _span_days(start, end)
    side1 = side_names(record, "1") or _perpetrators(record)
    side2 = side_names(record, "2")
    if not side2 and (estimate(record, "killed", "civilians") or group_estimate(record, "civilians")):
        side2 = [f"Civilians ({place.get('country')})" if place.get("country") else "Civilians"]
    actor1 = _coded(record, "acled", "actor1") or (side1[0] if side1 else None)
    actor2 = _coded(record, "acled", "actor2") or (side2[0] if side2 else None)
    return {
        "event_id_cnty": record.get("id"), "event_date": start, "year": int(start[:4]) if start else None,
        "time_precision": (1 if precision == "day" and not span else 2 if precision == "day" and (span or 0) <= 7
                           else 3 if precision else None),
        **{name: _coded(record, "acled", name) for name in ("disorder_type", "event_type", "sub_event_type",
                                                             "inter1", "inter2", "interaction",
                                                             "civilian_targeting")},
        "actor1": actor1, "assoc_actor_1": _join(side1[1:]),
        "actor2": actor2, "assoc_actor_2": _join(side2[1:]),
        "iso3": place.get("country_iso3"), "country": place.get("country"), "admin1": place.get("admin1"),
        "location": place.get("name"), "latitude": place.get("lat"), "longitude": place.get("lon"),
        "geo_precision": ACLED_GEO_PREC.get(place.get("precision") or ""),
        "source": _claim_sources(record) or (record.get("source") or {}).get("path"),
        "notes": _summary(record), "fatalities": _best(estimate(record, "killed")) or 0,
    }


# ----------------------------------------------------------------------------- GTD

GTD: Columns = [
    ("eventid", "str"), ("iyear", "int"), ("imonth", "int"), ("iday", "int"), ("approxdate", "str"),
    ("extended", "int"), ("country_txt", "str"), ("provstate", "str"), ("city", "str"),
    ("latitude", "float"), ("longitude", "float"), ("specificity", "int"), ("summary", "str"),
    ("suicide", "int"), ("attacktype1_txt", "str"), ("attacktype2_txt", "str"), ("attacktype3_txt", "str"),
    ("targtype1_txt", "str"), ("target1", "str"), ("targtype2_txt", "str"), ("targtype3_txt", "str"),
    ("gname", "str"), ("gname2", "str"), ("weaptype1_txt", "str"), ("weaptype2_txt", "str"), ("weaptype3_txt", "str"),
    ("nkill", "int"), ("nkillter", "int"),
    ("nwound", "int"), ("nwoundte", "int"), ("property", "int"), ("propextent", "int"), ("propextent_txt", "str"),
    ("propcomment", "str"), ("ishostkid", "int"), ("nhostkid", "int"),
]

#: GTD's codes of its property damage extents (propextent -> propextent_txt)
GTD_PROPEXTENT = {"Catastrophic (likely >= $1 billion)": 1, "Major (likely >= $1 million but < $1 billion)": 2,
                  "Minor (likely < $1 million)": 3, "Unknown": 4}

#: tally place precision -> GTD specificity (1 the place ... 5 unknown / country only).
GTD_SPECIFICITY = {"exact": 1, "near": 2, "district": 3, "admin1": 4, "country": 5}


def gtd_row(record: dict[str, Any]) -> dict[str, Any]:
    place = main_place(record)
    d = record.get("date") or {}
    start = d.get("start") or ""
    parts = [int(p) for p in start.split("-")[:3] if p.isdigit()] if start else []
    s, e = _days(record)
    span = _span_days(s, e)
    # the typology's gname names the attackers (docs/typology.md); a record stored before it: side 1
    groups = _perpetrators(record) or ([] if _coded(record, "gtd", "gname") else side_names(record, "1"))
    targets = record.get("targets") or []
    return {
        "eventid": record.get("id"), "iyear": parts[0] if parts else None,
        "imonth": parts[1] if len(parts) > 1 else 0, "iday": parts[2] if len(parts) > 2 else 0,
        "approxdate": d.get("text") if d.get("precision") != "day" else None,
        "extended": 1 if span and span >= 1 else 0,
        "country_txt": place.get("country"), "provstate": place.get("admin1"), "city": place.get("name"),
        "latitude": place.get("lat"), "longitude": place.get("lon"),
        "specificity": GTD_SPECIFICITY.get(place.get("precision") or "", 5),
        "summary": _summary(record),
        **{name: _coded(record, "gtd", name) for name in ("suicide", "attacktype1_txt", "attacktype2_txt",
                                                           "attacktype3_txt", "targtype1_txt", "targtype2_txt",
                                                           "targtype3_txt", "weaptype1_txt", "weaptype2_txt",
                                                           "weaptype3_txt", "property", "ishostkid")},
        "propextent": GTD_PROPEXTENT.get(_coded(record, "gtd", "propextent") or ""),
        "propextent_txt": _coded(record, "gtd", "propextent"), "propcomment": _losses(record),
        "gname": _coded(record, "gtd", "gname") or (groups[0] if groups else "Unknown"),
        "gname2": groups[1] if len(groups) > 1 else None, "target1": targets[0] if targets else None,
        "nkill": _best(estimate(record, "killed")),
        "nkillter": _perpetrators_figure(record, "killed"),
        "nwound": _best(estimate(record, "injured")),
        "nwoundte": _perpetrators_figure(record, "injured"),
        "nhostkid": _best(estimate(record, "hostages")),
    }


def _losses(record: dict[str, Any]) -> str | None:
    """GTD's ``propcomment``: the record's material losses ("6 aircraft destroyed
    (per JNIM fighters)"), ``; ``-joined."""
    parts = []
    for loss in record.get("losses") or []:
        count = f"{loss['count']} " if loss.get("count") else ""
        per = f" (per {loss['source']})" if loss.get("source") else ""
        parts.append(f"{count}{loss.get('object')} {loss.get('category')}{per}")
    return _join(parts)


def _perpetrators_figure(record: dict[str, Any], category: str) -> int | None:
    """GTD's nkillter / nwoundte: the perpetrators victim group's figure, else
    (a record stored before victim groups) the perpetrators side's."""
    est = group_estimate(record, "perpetrators", category) or estimate(record, category, "perpetrators")
    return _best(est)


#: schema name -> (columns, row function)
SCHEMAS: dict[str, tuple[Columns, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "tally": (TALLY, tally_row), "ucdp": (UCDP, ucdp_row), "acled": (ACLED, acled_row), "gtd": (GTD, gtd_row),
}

#: export levels: one row per incident (the default, as UCDP and ACLED publish) or per report
LEVELS = ("incidents", "reports", "timeline")

#: ``--level timeline``: one row per dated figure (:mod:`tally.store.timeline`), whatever the schema's
TIMELINE: Columns = [
    ("incident_id", "str"), ("at", "str"), ("report", "str"), ("revision", "int"), ("revision_id", "str"),
    ("source", "str"), ("category", "str"), ("group", "str"), ("low", "int"), ("best", "int"), ("high", "int"),
    ("running_low", "int"), ("running_best", "int"), ("running_high", "int"), ("reverted", "int"),
    ("text", "str"), ("latitude", "float"), ("longitude", "float"),
]


def timeline_row(point: dict[str, Any]) -> dict[str, Any]:
    """A timeline point (with ``incident_id`` and the incident's ``latitude`` and
    ``longitude``) as a flat row of :data:`TIMELINE`'s columns."""
    running = point.get("running") or {}
    flat = {**point, "running_low": running.get("low"), "running_best": running.get("best"),
            "running_high": running.get("high"), "reverted": int(bool(point.get("reverted")))}
    return {name: flat.get(name) for name, _ in TIMELINE}


def columns_of(schema: str, level: str = "incidents") -> Columns:
    """The columns of ``schema`` at ``level``: a report-level export puts
    ``incident_id`` first and leaves out the incident-only columns."""
    columns = SCHEMAS[schema][0]
    if level == "timeline":
        return list(TIMELINE)
    if level == "reports":
        return [("incident_id", "str"), *((n, k) for n, k in columns if n not in INCIDENT_ONLY)]
    return list(columns)
