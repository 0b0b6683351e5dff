"""The JSON API: ``/api/incidents``, ``/api/incidents/{id}``, its claims and timeline,
``/api/stats``, ``/api/export``, ``POST /api/documents`` and ``/healthz``."""

from __future__ import annotations

import hmac
import io
import os
from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.datastructures import UploadFile

from ..errors import TallyError
from ..store import Store, export as run_export, incident_timeline
from ..store.columns import SCHEMAS
from . import data



class Error(BaseModel):
    """Every error answer: ``{"detail": "one line"}``."""

    detail: str


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {400: "A filter, sort key or upload the server cannot use", 401: "No bearer token",
             403: "A wrong token, or a read-only server", 404: "No such incident",
             413: "The upload is over the size limit", 422: "A parameter of the wrong type or range"}
    return {code: {"model": Error, "description": words[code]} for code in codes}


class Health(BaseModel):
    status: str
    schema_version: int
    incidents: int
    reports: int
    writable: bool


class ReportRef(BaseModel):
    """One report of an incident in the list: its record id (for a CSV or
    JSONL input, its ``--id-column`` value), source path, title and language."""

    id: str
    source: Optional[str]
    title: Optional[str]
    language: Optional[str]


class ListRow(BaseModel):
    id: str
    title: Optional[str]
    date_start: Optional[str]
    date_end: Optional[str]
    country_iso3: Optional[str]
    place: Optional[str]
    killed_low: Optional[int]
    killed_best: Optional[int]
    killed_high: Optional[int]
    report_count: int
    reports: list[ReportRef]
    revision: int
    updated_at: str
    snippet: Optional[str]


class IncidentPage(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    sort: str
    items: list[ListRow]


class Source(BaseModel):
    identity: str
    path: Optional[str]
    format: Optional[str]
    first_seen: str
    revision_id: Optional[str]
    content_hash: str


class IncidentInfo(BaseModel):
    id: str
    report_count: int
    revision: int
    updated_at: str


class ReportDetail(BaseModel):
    """A report of the incident: the event's date (with ``rule`` and ``text``: how
    it was read), place (and ``place_precision``) and the killed and
    injured estimates *this report* gives, and ``link``: how it joined the
    incident (``rule`` new, matched or override; for matched, ``score``,
    ``reasons``, ``days``, ``km`` and the report it ``matched``)."""

    id: str
    title: Optional[str]
    source: Optional[str]
    format: Optional[str]
    language: Optional[str]
    revision: int
    updated_at: str
    published: Optional[str]
    date: dict[str, Any]
    place: Optional[str]
    place_precision: Optional[str] = None
    killed: Optional[dict[str, Any]]
    injured: Optional[dict[str, Any]]
    link: dict[str, Any]


class LinkEvent(BaseModel):
    """One entry of the link log: ``action`` is link, unlink, merge or relink."""

    at: str
    action: str
    report_id: Optional[str]
    incident_id: Optional[str]
    other_id: Optional[str]
    detail: Optional[dict[str, Any]]


class Running(BaseModel):
    """The incident's figure of a category after a point, as a reader knew it then."""

    low: Optional[int]
    best: Optional[int]
    high: Optional[int]


class TimelinePoint(BaseModel):
    """One dated figure of one version of a report (``tally timeline``): ``at``
    (the revision's timestamp, else the report's publication date, else when
    it was stored), the report and its ``revision`` in the store (``revision_id``:
    the source's own, e.g. a wiki revision id), the figure's source, category,
    victim group and low / best / high, and ``running``: the incident's
    figure of that category after it. A ``reverted`` version's points are
    not counted in ``running``. ``claim`` indexes that version's claims;
    ``text`` is the claim's sentence, ``start``/``end`` and
    ``figure_start``/``figure_end`` its offsets in that version's text."""

    at: Optional[str]
    report: str
    revision: int
    revision_id: Optional[str]
    source: Optional[str]
    category: str
    group: Optional[str]
    low: Optional[int]
    best: Optional[int]
    high: Optional[int]
    running: Running
    reverted: bool
    claim: int
    text: str
    start: Optional[int]
    end: Optional[int]
    figure_start: Optional[int]
    figure_end: Optional[int]


class Detail(BaseModel):
    record: dict[str, Any]
    revision: int
    updated_at: str
    incident: IncidentInfo
    source: Source
    reports: list[ReportDetail]
    claims: list[dict[str, Any]]
    links: list[LinkEvent]
    timeline: list[TimelinePoint]


class Claims(BaseModel):
    """The incident's claims, each naming its ``report``, whose text
    (``texts[report]``) its offsets point into; ``text`` is the first report's."""

    id: str
    claims: list[dict[str, Any]]
    text: str
    texts: dict[str, str]


class Count(BaseModel):
    incidents: int
    killed: int


class MonthCount(Count):
    month: str


class CountryCount(Count):
    country_iso3: Optional[str]


class Stats(Count):
    per_month: list[MonthCount]
    per_country: list[CountryCount]
    undated: Count


class MapPoint(BaseModel):
    id: str
    title: str
    date: Optional[str]
    country: Optional[str]
    place: Optional[str]
    lat: float
    lon: float
    killed: int
    killed_low: Optional[int]
    killed_high: Optional[int]


class MapPoints(BaseModel):
    items: list[MapPoint]


class Placed(BaseModel):
    """Where an uploaded report went: its incident and how it joined it."""

    report: str
    incident: str
    report_count: int
    link: dict[str, Any]


class Uploaded(BaseModel):
    result: dict[str, Any]
    failed: list[str]
    ids: list[str]
    record: Optional[dict[str, Any]]
    records: list[dict[str, Any]]
    incidents: list[Placed]


def _ok(model: type[BaseModel], *codes: int, status: int = 200) -> dict[int | str, dict[str, Any]]:
    """The answers of an endpoint for the OpenAPI document: ``model`` on
    success (documented only: the answer is not filtered through it, and the
    schemathesis tests check the two agree), ``Error`` for ``codes``."""
    return {status: {"model": model}, **_errors(*codes)}


router = APIRouter(responses=_errors(422))

SORT_HELP = "date, killed, title, id, country or updated; prefix - for descending"

#: The largest whole number a query parameter may hold: figures are 32-bit
#: integers in PostgreSQL, and a larger page or limit has no use (a bigger
#: value is a 422, not an overflow in the database driver).
INT_MAX = 2**31 - 1


def _store(request: Request) -> Store:
    return request.app.state.store


def filter_params(country: Optional[str] = Query(None, description="ISO 3166-1 alpha-3 codes, comma-separated"),
                  date_from: Optional[str] = Query(None, alias="from", description="YYYY[-MM[-DD]]"),
                  date_to: Optional[str] = Query(None, alias="to", description="YYYY[-MM[-DD]]"),
                  actor: Optional[str] = Query(None, description="part of an actor's name or alias"),
                  min_killed: Optional[int] = Query(None, ge=0, le=INT_MAX, description="at least this many killed"),
                  q: Optional[str] = Query(None, description="words that must all occur in the title or text"),
                  ):
    return data.filters_of(country, date_from, date_to, actor, min_killed, q)


@router.get("/healthz", tags=["meta"], responses=_ok(Health))
def healthz(request: Request) -> dict[str, Any]:
    """Liveness and the database: its schema version and how many incidents and reports it holds."""
    store = _store(request)
    return {"status": "ok", "schema_version": store.schema_version(),
            "incidents": data.count_incidents(store), "reports": data.count_reports(store),
            "writable": request.app.state.token is not None}


@router.get("/api/incidents", tags=["incidents"], responses=_ok(IncidentPage, 400))
def incidents(request: Request, filters=Depends(filter_params),
              sort: str = Query("-date", description=SORT_HELP),
              page: int = Query(1, ge=1, le=INT_MAX), per_page: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
    """The incidents matching the filters of `tally list`, one page at a time;
    each with `report_count` and its `reports` ({id, source, title, language})."""
    p = data.incident_page(_store(request), filters, sort, page, per_page)
    return {"total": p.total, "page": p.page, "per_page": p.per_page, "pages": p.pages,
            "sort": sort, "items": p.rows}


def _found(request: Request, incident_id: str, texts: bool = False) -> dict[str, Any]:
    store = _store(request)
    found = data.incident(store, incident_id) if texts else data.detail(store, incident_id)
    if found is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return found


@router.get("/api/incidents/{incident_id}", tags=["incidents"], responses=_ok(Detail, 404))
def incident(request: Request, incident_id: str) -> dict[str, Any]:
    """The incident (`incident_id` is an incident id, or a report id standing
    for the incident it belongs to): its combined record, its reports (each
    with its dates, the figures it gives and why it was linked), its claims
    (each naming its report), its link history (as `tally show --format json`)
    and its `timeline` (as `/api/incidents/{incident_id}/timeline`)."""
    return _found(request, incident_id)


@router.get("/api/incidents/{incident_id}/timeline", tags=["incidents"], responses=_ok(list[TimelinePoint], 404))
def timeline(request: Request, incident_id: str) -> list[dict[str, Any]]:
    """How the incident's toll moved: every dated figure of every version of its
    reports, ordered by `at`, each with the incident's `running` low / best /
    high after it (as `tally timeline --format json`)."""
    found = incident_timeline(_store(request), incident_id)
    if found is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return found["points"]


@router.get("/api/incidents/{incident_id}/claims", tags=["incidents"], responses=_ok(Claims, 404))
def claims(request: Request, incident_id: str) -> dict[str, Any]:
    """The incident's claims (with `figure_start`/`figure_end`, `source_class`
    and `report`) and each report's text, which the claim's offsets point into."""
    found = _found(request, incident_id, texts=True)
    return {"id": found["incident"]["id"], "claims": found["record"].get("claims") or [],
            "text": found["text"], "texts": found["texts"]}


@router.get("/api/stats", tags=["incidents"], responses=_ok(Stats, 400))
def stats(request: Request, filters=Depends(filter_params)) -> dict[str, Any]:
    """Incidents and killed per month and per country, for the filters."""
    return data.stats(_store(request), filters)


@router.get("/api/map", tags=["incidents"], responses=_ok(MapPoints, 400))
def map_points(request: Request, filters=Depends(filter_params)) -> dict[str, Any]:
    """The filtered incidents with coordinates (for the map), biggest first."""
    return {"items": data.map_points(_store(request), filters)}


MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json",
         "geojson": "application/geo+json"}


@router.get("/api/export", tags=["export"], response_class=Response, responses={
    200: {"description": "The export, as an attachment",
          "content": {"text/csv": {"schema": {"type": "string"}},
                      "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                      "application/geo+json": {"schema": {"type": "object", "required": ["type", "features"]}}}},
    **_errors(400)})
def export(request: Request, filters=Depends(filter_params),
           format: Literal["csv", "json", "geojson"] = Query("csv"),
           schema: str = Query("tally", description=", ".join(SCHEMAS)),
           sort: str = Query("-date", description=SORT_HELP),
           limit: Optional[int] = Query(None, ge=0, le=INT_MAX),
           level: Literal["incidents", "reports", "timeline"] = Query(
               "incidents", description="one row per incident, per report, or per dated figure "
               "(timeline: tally's columns only)")) -> Response:
    """The matching incidents as CSV, JSON or GeoJSON, in tally's columns or
    those of UCDP, ACLED or GTD (docs/export.md); `level=reports` one row per
    report, `level=timeline` one per dated figure (as `tally export --level`)."""
    buf = io.StringIO()
    run_export(_store(request), format, schema, stream=buf, filters=filters, sort=sort, limit=limit, level=level)
    ext = format
    return Response(buf.getvalue(), media_type=MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="{level}-{schema}.{ext}"'})


# ---------------------------------------------------------------- upload


def _authorise(request: Request) -> None:
    token = request.app.state.token
    if token is None:
        raise HTTPException(403, "this server is read-only: start it with --token (or TALLY_TOKEN) to accept uploads")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "an upload needs the header 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "wrong token")


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise HTTPException(413, f"upload too large: {int(declared)} bytes, the limit is {limit}")
        except ValueError:
            raise HTTPException(400, "bad Content-Length header") from None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"upload too large: more than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


UPLOAD_BODY = {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary", "description": "the article or report"}}}},
    "text/plain": {"schema": {"type": "string"}},
    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}


@router.post("/api/documents", tags=["documents"], status_code=201, openapi_extra={"requestBody": UPLOAD_BODY},
             responses=_ok(Uploaded, 400, 401, 403, 413, status=201))
async def upload(request: Request,
                 input_format: Optional[str] = Query(None, description="plaintext, wikitext, xml, csv, tsv, jsonl, "
                                                     "text, html or feed"),
                 keep_all: bool = Query(False, description="store news items (pages, feed items) that are not "
                                        "about violence against people too; otherwise skipped and counted"),
                 text_column: Optional[str] = Query(None), id_column: Optional[str] = Query(None),
                 date_column: Optional[str] = Query(None),
                 lang: Optional[Literal["en", "fr"]] = Query(None, description="the documents' language (en or fr); "
                                                             "without it, each document's is detected"),
                 filename: Optional[str] = Query(None, description="the name of a raw (non-multipart) upload")) -> dict[str, Any]:
    """Ingest one uploaded article or report (multipart field `file`, or the raw
    body with `?filename=`) with the readers of `tally extract`, and return its
    record(s). A MediaWiki export with page histories stores each revision whose
    casualty text changed as a version of the page's report, as `tally ingest`
    does (`result.revisions` counts them). Needs `Authorization: Bearer <token>`."""
    _authorise(request)
    limit = request.app.state.max_upload
    body = await _body(request, limit)
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("multipart/form-data"):
        name, payload = await _multipart(request, body, limit)
    elif ctype.startswith("application/x-www-form-urlencoded"):
        raise HTTPException(400, "send the document as a multipart field named 'file', or as the raw body "
                            "with ?filename=NAME")
    else:
        name, payload = filename or "upload.txt", body
    name = os.path.basename(name.replace("\\", "/")).strip() or "upload.txt"
    if not payload.strip():
        raise HTTPException(400, f"{name}: the upload is empty")
    options = {k: v for k, v in (("text_column", text_column), ("id_column", id_column),
                                 ("date_column", date_column), ("language", lang)) if v}
    return await run_in_threadpool(_ingest_upload, _store(request), payload, name, input_format, options,
                                   keep_all)


async def _multipart(request: Request, body: bytes, limit: int) -> tuple[str, bytes]:
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    form_request = Request(request.scope, replay)
    try:
        form = await form_request.form(max_files=1, max_fields=20, max_part_size=limit)
    except HTTPException:
        raise
    except Exception as exc:
        raise HTTPException(400, f"cannot read the multipart form: {exc}") from None
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise HTTPException(400, "send the document as a multipart field named 'file'")
    payload = await upload.read()
    await form.close()
    return upload.filename or "upload.txt", payload


def _ingest_upload(store: Store, payload: bytes, name: str, input_format: str | None,
                   options: dict[str, str], keep_all: bool = False) -> dict[str, Any]:
    from ..extract import extract
    from ..limits import is_too_large
    from ..model import to_dict
    from ..readers import ReaderError, read_bytes
    from ..store import ingest_documents
    from ..store.ingest import skip_outcome

    from ..readers.history import HistoryStats

    history = HistoryStats()  # a page history: each revision whose casualty text changed, as `tally ingest`
    try:
        items = list(read_bytes(payload, name, input_format, history=history, **options))
    except ReaderError as exc:  # 413: the raw cap, or a .bz2 that decompresses past it
        raise HTTPException(413 if is_too_large(exc) else 400, str(exc)) from None
    except TallyError as exc:
        raise HTTPException(400, f"{name}: {exc}") from None
    except (OSError, UnicodeError, ValueError, EOFError) as exc:
        raise HTTPException(400, f"{name}: cannot read: {exc}") from None
    if not items:
        raise HTTPException(400, f"{name}: no document found in the upload")
    made: dict[int, str] = {}

    def extractor(doc):
        rec = extract(doc)
        made[id(doc)] = rec.id
        return rec

    result = ingest_documents(store, items, extractor=extractor, keep_all=keep_all)
    result.history = history if history.pages else None
    ids: list[str] = []
    for item in items:
        if isinstance(item, ReaderError) or (not keep_all and id(item) not in made and skip_outcome(item)):
            continue  # unreadable, or a news item skipped (counted in result.skipped)
        if id(item) in made:
            ids.append(made[id(item)])
            continue
        try:  # unchanged: stored before, so not extracted again; its id is stable
            ids.append(to_dict(extract(item))["id"])
        except Exception:  # its failure is already in result.failed
            continue
    if result.failed and not (result.ingested or result.updated or result.unchanged):
        too_large = any(is_too_large(item) for item in items)
        raise HTTPException(413 if too_large else 400, "; ".join(result.failed))
    # ids: the reports stored; records: the records of the incidents they are in now
    placed, records, seen = [], [], set()
    for rid in dict.fromkeys(ids):
        found = data.incident_of_report(store, rid)
        if found is None:
            continue
        inc = found["incident"]
        link = next((r["link"] for r in found["reports"] if r["id"] == rid), {})
        placed.append({"report": rid, "incident": inc["id"], "report_count": inc["report_count"], "link": link})
        if inc["id"] not in seen:
            seen.add(inc["id"])
            records.append(found["record"])
    return {"result": result.as_dict(), "failed": result.failed, "ids": [p["report"] for p in placed],
            "record": records[0] if records else None, "records": records, "incidents": placed}
