"""An analyst's corrections to the links, and relinking: the library behind
``tally link``, ``unlink``, ``merge`` and ``relink``. Each runs in one
transaction (:mod:`tally.store.linking` does the work), so an interrupted
command changes nothing."""

from __future__ import annotations

from typing import Any

from .db import Store
from . import linking


def link(store: Store, report_id: str, incident: str) -> str:
    """Put report ``report_id`` into ``incident`` (an incident id, or the id of
    one of its reports) and keep it there; returns the incident's id."""
    with store.write() as conn:
        return linking.link_report(conn, report_id, incident)


def unlink(store: Store, report_id: str) -> str:
    """Make report ``report_id`` an incident of its own, kept apart from the
    reports it was with; returns its incident's id."""
    with store.write() as conn:
        return linking.unlink_report(conn, report_id)


def merge(store: Store, keep: str, other: str) -> str:
    """Move the reports of incident ``other`` into ``keep``; returns ``keep``'s id."""
    with store.write() as conn:
        return linking.merge_incidents(conn, keep, other)


def relink(store: Store) -> dict[str, Any]:
    """Link every stored report again with the current rules and every
    override (``store.link`` False: only the overrides group reports)."""
    with store.write() as conn:
        return linking.relink(conn, enabled=store.link)
