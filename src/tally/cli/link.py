"""``tally link | unlink | merge | relink``: an analyst's corrections to how
reports are grouped into incidents, thin commands over :mod:`tally.store`
(:func:`~tally.store.link`, :func:`~tally.store.unlink`,
:func:`~tally.store.merge`, :func:`~tally.store.relink`).

Each runs in one transaction and prints what happened in one line; an
override is kept, so it survives a re-ingest and ``tally relink``, and is
logged (``tally history``). An unknown report or incident is one line on
stderr and exit status 2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import typer

from ..errors import TallyError
from .app import app, exit_with_error
from .store import DB, open_store

if TYPE_CHECKING:
    from ..store import Store


def _run(db: str, action: Callable[["Store"], Any]) -> Any:
    """``action(store)`` on the store at ``db``; a library error is one line and exit 2."""
    store = open_store(db)
    try:
        return action(store)
    except TallyError as exc:
        exit_with_error(str(exc))
    finally:
        store.close()


def _size(store: "Store", incident_id: str) -> int:
    from ..store import show

    found = show(store, incident_id)
    return found["incident"]["report_count"] if found else 0


def _reports(n: int) -> str:
    return f"{n} report" + ("" if n == 1 else "s")


def _incident_of(store: "Store", ident: str) -> str | None:
    from ..store import show

    found = show(store, ident)
    return found["incident"]["id"] if found else None


@app.command()
def link(
    report: str = typer.Argument(..., help="The report to move (its record id)."),
    incident: str = typer.Argument(..., help="The incident to put it in: an incident id, or the id "
                                   "of one of its reports."),
    db: str = DB,
) -> None:
    """Put a report into an incident and keep it there (survives re-ingest and relink)."""
    from ..store import link as link_report

    def action(store: "Store") -> str:
        before = _incident_of(store, report)
        target = link_report(store, report, incident)
        moved = "is now" if before != target else "was already"
        return f"report {report} {moved} in incident {target} ({_reports(_size(store, target))})"

    typer.echo(_run(db, action))


@app.command()
def unlink(
    report: str = typer.Argument(..., help="The report to take out of its incident (its record id)."),
    db: str = DB,
) -> None:
    """Make a report an incident of its own, kept apart from the reports it was with."""
    from ..store import unlink as unlink_report

    def action(store: "Store") -> str:
        before = _incident_of(store, report)
        new_id = unlink_report(store, report)
        if before is None or before == new_id:
            return f"report {report} is alone in incident {new_id}; kept apart from now on"
        left = _size(store, before)
        rest = f"incident {before} keeps {_reports(left)}" if left else f"incident {before} is gone"
        return f"report {report} is now incident {new_id} on its own ({rest})"

    typer.echo(_run(db, action))


@app.command()
def merge(
    incident: str = typer.Argument(..., help="The incident to keep (an incident id, or one of its reports' ids)."),
    other: str = typer.Argument(..., help="The incident whose reports move into it (it is gone afterwards)."),
    db: str = DB,
) -> None:
    """Merge two incidents: every report of OTHER moves into INCIDENT, and they stay together."""
    from ..store import merge as merge_incidents

    def action(store: "Store") -> str:
        gone = _incident_of(store, other) or other
        kept = merge_incidents(store, incident, other)
        return f"incident {gone} merged into incident {kept} ({_reports(_size(store, kept))})"

    typer.echo(_run(db, action))


@app.command()
def relink(db: str = DB) -> None:
    """Link every stored report again with the current rules, keeping every override."""
    from ..store import relink as relink_all

    counts = _run(db, relink_all)
    typer.echo(f"relinked {_reports(counts['reports'])} into {counts['incidents']} incident"
               f"{'' if counts['incidents'] == 1 else 's'}; {counts['moved']} moved")
