"""``tally serve``: the incident database over HTTP (API and web UI).

A thin command over :func:`tally.web.create_app`, run with uvicorn. See
``docs/web.md``.
"""

from __future__ import annotations

from typing import Optional

import typer

from .app import app
from ..errors import TallyError
from .store import DB


@app.command()
def serve(
    db: str = DB,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    token: Optional[str] = typer.Option(None, "--token", envvar="TALLY_TOKEN",
                                        help="Bearer token that POST /api/documents requires; "
                                        "without one the server is read-only. Also read from TALLY_TOKEN."),
    max_upload_mb: float = typer.Option(10.0, "--max-upload-mb", min=0.001,
                                        help="Largest upload accepted, in MB (larger: 413)."),
) -> None:
    """Serve the incident list, incident pages, map and timeline, and the JSON API."""
    import uvicorn

    from ..web import create_app

    try:
        web = create_app(db, token=token, max_upload=int(max_upload_mb * 1024 * 1024))
    except TallyError as exc:
        typer.echo(f"tally: error: {exc}", err=True)
        raise typer.Exit(2)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"tally: serving {web.state.store.display_url} at http://{shown}:{port}/ "
               f"({'uploads need the token' if token else 'read-only'}; Ctrl-C stops)", err=True)
    try:
        uvicorn.run(web, host=host, port=port, log_level="warning")
    except SystemExit as exc:  # uvicorn exits 3 when it cannot bind
        if exc.code not in (0, None):
            typer.echo(f"tally: error: cannot listen on {shown}:{port} (is the port in use?)", err=True)
            raise typer.Exit(2)
        raise
