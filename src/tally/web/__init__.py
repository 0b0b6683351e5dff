"""``tally serve``: the incident database over an HTTP API and a web UI.

:func:`create_app` builds the FastAPI application for one database. The API
lives in :mod:`tally.web.api`, the server-rendered pages in
:mod:`tally.web.pages`; both read through :mod:`tally.store`. Everything the
pages load (Leaflet, the country borders, topojson-client, tally's own CSS
and JS) is served by this app: no CDN. See ``docs/web.md``.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import TallyError
from ..store import Store

HERE = Path(__file__).resolve().parent

#: Scripts, styles, images and data only from this server (style attributes
#: allowed: the range bars and Leaflet use them); no frames, no plugins.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

#: Default upper bound of an upload to ``POST /api/documents`` (bytes).
DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024


def create_app(db_url: str, token: str | None = None, max_upload: int = DEFAULT_MAX_UPLOAD) -> FastAPI:
    """The web application serving the database at ``db_url``.

    :param token: the bearer token ``POST /api/documents`` requires; without
        one the server is read-only.
    :param max_upload: the largest upload accepted, in bytes (larger: 413).
    """
    from . import api, pages

    store = Store(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    # no Swagger UI: FastAPI's loads from a CDN; the OpenAPI document is enough
    app = FastAPI(title="tally", version="1", summary="Incident records with casualty claims and their evidence.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json", lifespan=lifespan)
    app.state.store = store
    app.state.token = token or None
    app.state.max_upload = max_upload

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        if "\x00" in request.scope.get("path", "") or any(
                "\x00" in k or "\x00" in v for k, v in request.query_params.multi_items()):
            # PostgreSQL refuses NUL in text (a 500) and SQLite's LIKE stops at it (a filter
            # that matches everything): no id, filter or option has a use for one
            response = _error(request, 400, "the URL holds a NUL character (%00)")
        else:
            response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    app.mount("/static/leaflet", StaticFiles(directory=_leaflet_dir()), name="leaflet")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(TallyError)
    async def _tally_error(request: Request, exc: TallyError):
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        msgs = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            msgs.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return _error(request, 422, "; ".join(msgs) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):  # pragma: no cover - a bug
        return _error(request, 500, f"internal error: {type(exc).__name__}")

    return app


def _error(request: Request, status: int, message: str, headers: dict | None = None):
    if request.url.path.startswith("/api/") or request.url.path == "/healthz" \
            or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    from .pages import render_error

    return render_error(request, status, message)


def _leaflet_dir() -> Path:
    """Leaflet's ``dist`` folder from the ``xstatic-leaflet`` package."""
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)
