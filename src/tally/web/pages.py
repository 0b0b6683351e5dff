"""Server-rendered pages: the incident list (with map and timeline) and the
incident page (with the step chart of how its toll moved, :mod:`.steps`). Jinja2 with autoescaping on for every template; data for the
scripts is embedded with ``tojson`` (which escapes ``<``, ``>``, ``&`` and
``'``), and the scripts only ever set ``textContent``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import TallyError
from . import data, steps
from .api import INT_MAX

router = APIRouter(include_in_schema=False)

_env = Environment(loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters["lbh"] = lambda r: data.lbh(r.get("killed_low"), r.get("killed_best"), r.get("killed_high"))
templates = Jinja2Templates(env=_env)

COLUMNS = [("date", "Date"), ("title", "Incident"), ("country", "Country"), ("killed", "Killed")]
FILTER_KEYS = ("q", "country", "from", "to", "actor", "min_killed")


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


def _query(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


@router.get("/", response_class=HTMLResponse)
def incident_list(request: Request, q: Optional[str] = None, country: Optional[str] = None,
                  date_from: Optional[str] = Query(None, alias="from"),
                  date_to: Optional[str] = Query(None, alias="to"),
                  actor: Optional[str] = None, min_killed: Optional[str] = None,
                  sort: str = "-date", page: int = Query(1, ge=1, le=INT_MAX), per_page: int = Query(50, ge=1, le=500)):
    store = request.app.state.store
    form = {"q": q or "", "country": country or "", "from": date_from or "", "to": date_to or "",
            "actor": actor or "", "min_killed": min_killed or ""}
    mk = (min_killed or "").strip()
    if mk and not (mk.isascii() and mk.isdigit() and int(mk) <= INT_MAX):
        return render_error(request, 400, f"minimum killed must be a whole number up to {INT_MAX:,}, not {mk!r}")
    filters = data.filters_of(country, date_from, date_to, actor, int(mk) if mk else None, q)
    try:
        result = data.incident_page(store, filters, sort, page, per_page)
        stats = data.stats(store, filters)
        points = data.map_points(store, filters)
    except TallyError as exc:
        return render_error(request, 400, str(exc))
    params = {k: v for k, v in form.items() if v}
    sort_links = {}
    for key, _label in COLUMNS:
        current = sort.lstrip("-")
        desc = sort.startswith("-")
        new = key if (current == key and desc) else "-" + key
        sort_links[key] = {"href": _query(params, sort=new),
                           "state": ("descending" if desc else "ascending") if current == key else "none"}
    nav = {"prev": _query(params, sort=sort, page=result.page - 1) if result.page > 1 else None,
           "next": _query(params, sort=sort, page=result.page + 1) if result.page < result.pages else None}
    exports = {fmt: "/api/export" + _query(params, format=fmt, sort=sort) for fmt in ("csv", "geojson", "json")}
    return templates.TemplateResponse(request, "list.html", {
        "form": form, "page": result, "columns": COLUMNS, "sort_links": sort_links, "nav": nav,
        "stats": stats, "timeline": timeline(stats["per_month"]), "points": points, "map_limit": data.MAP_LIMIT, "exports": exports,
        "sort": sort})


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str):
    found = data.incident(request.app.state.store, incident_id)
    if found is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    canonical = found["incident"]["id"]
    if canonical != incident_id:  # a report's id: its incident's page
        return RedirectResponse("/incidents/" + quote(canonical, safe=""), status_code=302)
    record = found["record"]
    claims = data.claim_view(record, found["claims"])
    texts: dict[str, str] = found["texts"]
    reports = data.report_rows(found["reports"], texts)
    numbers = {r["id"]: r["n"] for r in reports}
    first = reports[0]
    for c in claims:  # a claim without a report (an older record) is the first report's
        c["report"] = c.get("report") if c.get("report") in numbers else first["id"]
        c["report_n"] = numbers[c["report"]]
    moved = steps.timeline_view(found["timeline"], found["timeline_summary"], found["timeline_texts"],
                                {r["id"]: r["revision"] for r in reports},
                                {r["id"]: {"n": r["n"], "label": r["label"], "language": r.get("language")}
                                 for r in reports})
    doc_reports = {r["id"]: {"text": texts.get(r["id"], ""), "n": r["n"], "label": r["label"],
                             "language": r.get("language")} for r in reports}
    return templates.TemplateResponse(request, "incident.html", {
        "moved": moved, "r": record, "found": found, "heading": record.get("title") or data.first_words(found["text"]) or record["id"],
        "estimates": data.estimate_rows(record), "claims": claims, "reports": reports, "first": first,
        "conflicts": [{"text": data.conflict_sentence(c), "kind": c.get("kind"),
                       "claims": [i for i in c.get("claims") or [] if isinstance(i, int) and 0 <= i < len(claims)]}
                      for c in record.get("conflicts") or [] if isinstance(c, dict)],
        "reactions": [data.reaction_sentence(x) for x in record.get("reactions") or []],
        "doc": {"reports": {**moved["versions"], **doc_reports}, "points": moved["points"],
                "first": first["id"],
                "claims": [{"report": c["report"], "start": c.get("start"), "end": c.get("end"),
                            "figure_start": c.get("figure_start"), "figure_end": c.get("figure_end")}
                           for c in claims]},
        "side_label": lambda s: data.side_label(record, s)})


def timeline(per_month: list[dict[str, Any]], width: int = 900, height: int = 160) -> dict[str, Any]:
    """Geometry of the timeline SVG: a bar per month for incidents, a line for killed."""
    n = len(per_month)
    if not n:
        return {"bars": [], "line": "", "width": width, "height": height, "max_incidents": 0, "max_killed": 0}
    pad_l, pad_r, pad_t, pad_b = 36, 36, 10, 24
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    step = plot_w / n
    max_i = max(m["incidents"] for m in per_month) or 1
    max_k = max(m["killed"] for m in per_month) or 1
    bars, pts = [], []
    label_every = max(1, n // 12)
    for i, m in enumerate(per_month):
        h = plot_h * m["incidents"] / max_i
        x = pad_l + i * step
        bars.append({"x": round(x + step * 0.1, 2), "y": round(pad_t + plot_h - h, 2), "w": round(max(step * 0.8, 1), 2),
                     "h": round(h, 2), "month": m["month"], "incidents": m["incidents"], "killed": m["killed"],
                     "label": m["month"] if i % label_every == 0 else None, "lx": round(x + step / 2, 2)})
        pts.append(f"{x + step / 2:.2f},{pad_t + plot_h - plot_h * m['killed'] / max_k:.2f}")
    return {"bars": bars, "line": " ".join(pts), "width": width, "height": height, "max_incidents": max_i,
            "max_killed": max_k, "base": pad_t + plot_h, "pad_l": pad_l, "pad_r": pad_r, "pad_t": pad_t}
