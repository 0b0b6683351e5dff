"""An incident's name from its facts, for lists, pages and exports.

A news report has no name for the event it reports: its first sentence or
its headline is one outlet's wording ("Boko Haram fighters killed six
farmers near Gwoza in Nigeria's Borno state on Sunday, a vi..."). An
incident made of news reports is named from what tally knows of it, in
English: "Attack near Gwoza, Nigeria, 1 December 2024", "Attack in the
Mopti region, Mali, March 2019", "Attack in Mali, 28–29 June 2024" (a day
inferred from the publication date stays a span). An encyclopedia page's
title names the incident when such a page is among its reports (the caller
decides that).
"""

from __future__ import annotations

import calendar
from typing import Any

Record = dict[str, Any]


def fact_name(record: Record) -> str | None:
    """"Attack {in|near} {place}, {country}, {date}" from the record's
    location and date; None when it has neither a place nor a date."""
    place = _place(record.get("location") or {})
    when = _when(record.get("date") or {})
    if place is None and when is None:
        return None
    return ", ".join(x for x in ("Attack " + place if place else "Attack", when) if x)


def _place(loc: Record) -> str | None:
    name, country, precision = loc.get("name"), loc.get("country"), loc.get("precision")
    if not name:
        return f"in {country}" if country else None
    if precision == "country":
        return f"in {country or name}"
    where = "near" if precision == "near" else "in"
    if precision == "admin1":
        name = f"the {name} region" if "region" not in name.lower() else name
    return f"{where} {name}, {country}" if country and country != name else f"{where} {name}"


def _when(d: Record) -> str | None:
    start, end = d.get("start"), d.get("end") or d.get("start")
    if not start:
        return None
    try:
        a, b = _words(start), _words(end)
    except (ValueError, IndexError):
        return None
    if a == b:
        return " ".join(a)
    if len(start) == 10 and len(end) == 10 and start[:7] == end[:7]:  # 28–29 June 2024
        return f"{a[0]}–{b[0]} {a[1]} {a[2]}"
    return f"{' '.join(a)} – {' '.join(b)}"


def _words(iso: str) -> list[str]:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return [str(parts[2]), calendar.month_name[parts[1]], str(parts[0])]
    if len(parts) == 2:
        return [calendar.month_name[parts[1]], str(parts[0])]
    return [str(parts[0])]
