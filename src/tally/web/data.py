"""What the API and the pages read from the store, on top of :mod:`tally.store`.

Every query goes through the store's library (``list_incidents``,
``count_incidents``, ``show``, ``select_incidents`` with the filters of
``tally list``; the reports' texts: ``report_texts``), except one read it has
no function for: an incident's whole link log in one query
(:func:`link_events`), a plain SELECT over the store's tables. Aggregates (per
month, per country) are summed in Python over the filtered incidents' indexed
columns, so each incident counts once however many reports it has.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable

import sqlalchemy as sa

from ..store import (Filters, Store, count_incidents, count_reports, incident_timeline, link_history,
                     list_incidents, report_texts, show)
from ..store import schema as t
from ..store.query import LIST_COLUMNS, select_incidents

#: Categories in the order the incident page shows them.
CATEGORIES = ("killed", "injured", "arrested", "captured", "missing", "hostages", "displaced")

#: At most this many incidents are drawn on the map.
MAP_LIMIT = 2000


@dataclass
class Page:
    """One page of list rows with the total that match."""

    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def filters_of(country: str | None = None, date_from: str | None = None, date_to: str | None = None,
               actor: str | None = None, min_killed: int | None = None,
               search: str | None = None) -> Filters:
    """``Filters`` from form or query values; blank strings mean no filter."""
    def clean(v: str | None) -> str | None:
        v = (v or "").strip()
        return v or None

    return Filters(country=clean(country), date_from=clean(date_from), date_to=clean(date_to),
                   actor=clean(actor), min_killed=min_killed, search=clean(search))


def incident_page(store: Store, filters: Filters, sort: str, page: int, per_page: int) -> Page:
    """Rows ``page`` (1-based) of the incidents matching ``filters``: the rows
    of ``list_incidents``, with the page's OFFSET in the query (a deep page
    does not read every row before it)."""
    rows = list_incidents(store, filters, sort, per_page, offset=(page - 1) * per_page)
    return Page(rows=rows, total=count_incidents(store, filters), page=page, per_page=per_page)


def _select(store: Store, filters: Filters, columns: list[Any], sort: str = "-date",
            limit: int | None = None) -> list[dict[str, Any]]:
    q = select_incidents(store, filters, sort, limit, columns)
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def killed_of(row: dict[str, Any]) -> int:
    """The best killed figure, else the low bound, else 0 (as ``--min-killed`` counts)."""
    best = row.get("killed_best")
    if best is None:
        best = row.get("killed_low")
    return int(best or 0)


def stats(store: Store, filters: Filters) -> dict[str, Any]:
    """Incidents and killed per month (``YYYY-MM`` of the start date, every month
    between the first and last present, zeros included) and per country."""
    c = t.incidents.c
    rows = _select(store, filters, [c.date_start, c.country_iso3, c.killed_best, c.killed_low], sort="date")
    months: dict[str, dict[str, int]] = {}
    countries: dict[str, dict[str, int]] = {}
    undated = {"incidents": 0, "killed": 0}
    for row in rows:
        killed = killed_of(row)
        month = (row["date_start"] or "")[:7]
        bucket = months.setdefault(month, {"incidents": 0, "killed": 0}) if month else undated
        bucket["incidents"] += 1
        bucket["killed"] += killed
        country = countries.setdefault(row["country_iso3"] or "", {"incidents": 0, "killed": 0})
        country["incidents"] += 1
        country["killed"] += killed
    per_month = [{"month": m, **v} for m, v in _fill_months(months).items()]
    per_country = sorted(({"country_iso3": k or None, **v} for k, v in countries.items()),
                         key=lambda r: (-r["killed"], -r["incidents"], r["country_iso3"] or "~"))
    return {"incidents": len(rows), "killed": sum(killed_of(r) for r in rows),
            "per_month": per_month, "per_country": per_country, "undated": undated}


def _fill_months(months: dict[str, dict[str, int]]) -> "OrderedDict[str, dict[str, int]]":
    out: OrderedDict[str, dict[str, int]] = OrderedDict()
    if not months:
        return out
    # year-precision dates give "YYYY": count them in January of that year
    norm = {}
    for k, v in months.items():
        kk = k if len(k) == 7 else k[:4] + "-01"
        acc = norm.setdefault(kk, {"incidents": 0, "killed": 0})
        acc["incidents"] += v["incidents"]
        acc["killed"] += v["killed"]
    keys = sorted(norm)
    y, m = int(keys[0][:4]), int(keys[0][5:7])
    last = keys[-1]
    while True:
        key = f"{y:04d}-{m:02d}"
        out[key] = norm.get(key, {"incidents": 0, "killed": 0})
        if key >= last or len(out) > 1200:
            break
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def map_points(store: Store, filters: Filters, limit: int = MAP_LIMIT) -> list[dict[str, Any]]:
    """The filtered incidents that have coordinates, biggest first."""
    c = t.incidents.c
    rows = _select(store, filters, [c.id, c.title, c.date_start, c.country_iso3, c.place, c.lat, c.lon,
                                    c.killed_low, c.killed_best, c.killed_high], sort="-killed")
    out = []
    for r in rows:
        if r["lat"] is None or r["lon"] is None:
            continue
        out.append({"id": r["id"], "title": r["title"] or r["place"] or r["id"], "date": r["date_start"],
                    "country": r["country_iso3"], "place": r["place"], "lat": float(r["lat"]),
                    "lon": float(r["lon"]), "killed": killed_of(r), "killed_low": r["killed_low"],
                    "killed_high": r["killed_high"]})
        if len(out) >= limit:
            break
    return out


def detail(store: Store, ident: str, version_texts: bool = False) -> dict[str, Any] | None:
    """``show``'s answer (``ident`` is an incident id or a report id) plus the
    incident's link history under ``"links"`` and its dated figures under
    ``"timeline"`` (:func:`tally.store.incident_timeline`; with ``version_texts``
    also ``"timeline_summary"`` and ``"timeline_texts"``, the earlier versions'
    texts its points point into); None when there is neither."""
    found = show(store, ident)
    if found is None:
        return None
    found["links"] = link_history(store, found["incident"]["id"], *(r["id"] for r in found["reports"]))
    timeline = incident_timeline(store, found["incident"]["id"], texts=version_texts) or {"points": [], "summary": {}}
    found["timeline"] = timeline["points"]
    if version_texts:
        found["timeline_summary"] = timeline["summary"]
        found["timeline_texts"] = timeline.get("texts") or {}
    return found


def incident_of_report(store: Store, report_id: str) -> dict[str, Any] | None:
    """``show``'s answer for the incident that report ``report_id`` is in; None
    when there is no such report (an incident's id never names a report outside
    it, so ``show`` finds it)."""
    found = show(store, report_id)
    if found is None or report_id not in {r["id"] for r in found["reports"]}:
        return None
    return found


def incident(store: Store, ident: str) -> dict[str, Any] | None:
    """:func:`detail` plus ``"texts"`` (report id -> its text) and ``"text"``
    (the first report's text)."""
    found = detail(store, ident, version_texts=True)
    if found is None:
        return None
    found["texts"] = report_texts(store, [r["id"] for r in found["reports"]])
    found["text"] = found["texts"].get(found["reports"][0]["id"], "") if found["reports"] else ""
    return found


# ---------------------------------------------------------------- presentation


def estimate_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per (category, side) estimate: all sides first (``side`` None),
    then each side's, then each victim group's (``casualties_by_group``; ``side``
    None, ``group`` set); with bar geometry in percent of the row group's scale."""
    rows: list[dict[str, Any]] = []
    groups: list[tuple[str | None, dict[str, Any]]] = [(None, record.get("casualties") or {})]
    groups += sorted((record.get("casualties_by_side") or {}).items())
    for side, cas in groups:
        for cat in CATEGORIES:
            est = (cas or {}).get(cat)
            if est:
                rows.append({"category": cat, "side": side, "group": None,
                             "side_label": side_label(record, side), **est})
    for group, cas in (record.get("casualties_by_group") or {}).items():
        for cat in CATEGORIES:
            est = (cas or {}).get(cat)
            if est:
                rows.append({"category": cat, "side": None, "group": group,
                             "side_label": group_label(group), **est})
    scale: dict[str, float] = {}
    for r in rows:
        top = max(v for v in (r.get("low"), r.get("best"), r.get("high"), 1) if v is not None)
        scale[r["category"]] = max(scale.get(r["category"], 1), top * (1.25 if r.get("high") is None else 1.0))
    for r in rows:
        s = scale[r["category"]]
        low = r.get("low") or 0
        best = r.get("best") if r.get("best") is not None else low
        high = r.get("high")
        r["bar"] = {"left": 100 * low / s, "width": 100 * (((high if high is not None else s) - low) / s),
                    "best": 100 * best / s, "open": high is None}
    return rows


def group_label(group: str) -> str:
    """A victim group as a reader names it: "victims: security forces"."""
    return "victims: " + group.replace("_", " ")


def side_label(record: dict[str, Any], side: str | None) -> str:
    """A side id as a reader names it: "all", "side 1 (JNIM)", "civilians"."""
    if side is None:
        return "all"
    for s in record.get("sides") or []:
        if str(s.get("id")) == str(side):
            names = [a.get("name") for a in s.get("actors") or [] if a.get("name")]
            return f"side {side}" + (f" ({', '.join(names[:2])})" if names else "")
    return str(side)


def figure_text(claim: dict[str, Any]) -> str:
    """A claim's figure compactly: "77-100", "20+", "about 100"."""
    low, high, q = claim.get("low"), claim.get("high"), claim.get("qualifier")
    if low is None and high is None:
        return "?"
    if high is None:
        return f"{low}+"
    if low == high:
        return f"about {low}" if q == "about" else f"up to {low}" if q == "up to" else str(low)
    return f"{low}-{high}"


def lbh(low: Any, best: Any, high: Any) -> str:
    """Low / best / high compactly: "15 [2-17]", "20+", "7", "" when unknown."""
    if best is None and low is None:
        return ""
    b = best if best is not None else low
    if low == b and high == b:
        return str(b)
    if high is None and (low is None or low == b):
        return f"{b}+"
    return f"{b} [{'' if low is None else low}-{'' if high is None else high}]".replace("-]", "+]")


def conflict_sentence(conflict: dict[str, Any]) -> str:
    """A disagreement between claims as one plain sentence, whatever keys the
    reconcile stage gives it (a ready ``sentence``/``message``/``text`` first)."""
    for key in ("sentence", "message", "summary", "text", "description"):
        if isinstance(conflict.get(key), str) and conflict[key].strip():
            return conflict[key].strip()
    parts = []
    cat = conflict.get("category")
    kind = conflict.get("kind") or conflict.get("type")
    claims = conflict.get("claims")
    if kind:
        parts.append(str(kind).replace("_", " ").capitalize())
    if cat:
        parts.append(f"over {cat}")
    if claims:
        parts.append("between claims " + ", ".join(f"#{int(i) + 1}" if isinstance(i, int) else str(i)
                                                     for i in claims))
    rest = {k: v for k, v in conflict.items() if k not in ("kind", "type", "category", "claims")}
    if rest:
        parts.append("(" + "; ".join(f"{k}: {v}" for k, v in rest.items()) + ")")
    return (" ".join(parts) or "Claims disagree") + "."


def reaction_sentence(reaction: dict[str, Any]) -> str:
    actor = reaction.get("actor") or "Someone"
    stance = reaction.get("stance") or "responded"
    date = reaction.get("date")
    return f"{actor}: {stance}" + (f" ({date})" if date else "")


def first_words(text: str | None, n: int = 90) -> str:
    """The start of an untitled report, for a heading or a label."""
    line = " ".join((text or "").split())
    return line if len(line) <= n else line[:n].rsplit(" ", 1)[0] + "…"


def _estimate_text(est: Any) -> str:
    if not isinstance(est, dict):
        return ""
    return lbh(est.get("low"), est.get("best"), est.get("high"))


def report_rows(reports: list[dict[str, Any]], texts: dict[str, str]) -> list[dict[str, Any]]:
    """The incident page's report list: each of ``show``'s reports with its
    number (1-based), a label (its title, else the start of its text, else its
    source), its killed and injured estimates as text and its link evidence
    laid out (``rule``, ``score``, ``reasons``, ``matched``)."""
    rows = []
    for n, rep in enumerate(reports, 1):
        link = rep.get("link") if isinstance(rep.get("link"), dict) else {}
        date = rep.get("date") if isinstance(rep.get("date"), dict) else {}
        source = rep.get("source") or ""
        rows.append({**rep, "n": n, "anchor": f"report-{n}",
                     "label": rep.get("title") or first_words(texts.get(rep["id"]), 80)
                     or source.rsplit("/", 1)[-1] or rep["id"],
                     "date": date, "killed_text": _estimate_text(rep.get("killed")),
                     "injured_text": _estimate_text(rep.get("injured")),
                     "rule": link.get("rule") or "new", "action": link.get("action"),
                     "score": link.get("score"), "reasons": [str(x) for x in link.get("reasons") or []],
                     "matched": link.get("matched")})
    return rows


def claim_view(record: dict[str, Any], stored: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The record's claims with what the claims table needs (figure offsets,
    ``source_class`` come from the record; the stored rows add nothing new)."""
    out = []
    used: dict[int, list[str]] = {}
    for side, cas in [(None, record.get("casualties") or {}),
                      *sorted((record.get("casualties_by_side") or {}).items())]:
        for cat, est in (cas or {}).items():
            for i in (est or {}).get("claims") or []:
                used.setdefault(i, []).append(cat if side is None else f"{cat} ({side_label(record, side)})")
    for group, cas in (record.get("casualties_by_group") or {}).items():
        for cat, est in (cas or {}).items():
            for i in (est or {}).get("claims") or []:
                used.setdefault(i, []).append(f"{cat} ({group_label(group)})")
    for i, c in enumerate(record.get("claims") or []):
        out.append({**c, "index": i, "figure_text": figure_text(c), "used_in": used.get(i, [])})
    return out
