"""Reports into incidents, inside the store.

Every stored report belongs to exactly one incident. :func:`place_report` runs
in the transaction that stores a new report: it finds the incidents with a
report in the same country within the linking window of the report's date
(an indexed query on ``reports``, never a scan of the store), weighs the
evidence with :func:`tally.link.best_incident` and joins the best one or
starts a new incident. The incident's record is its reports' records
combined (:func:`tally.reconcile.combine`), rewritten whenever a report joins,
leaves or changes.

Analysts correct links with :func:`link_report`, :func:`unlink_report` and
:func:`merge_incidents`. Each is kept as constraints between reports in
``link_overrides`` (``same``: always together; ``apart``: never together), so
it survives a re-ingest and :func:`relink`, and each is logged in
``link_log``. On PostgreSQL every linking step holds one advisory lock, so two
ingests never both start an incident for two reports of one event.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable

import sqlalchemy as sa

from ..errors import TallyError
from ..link import Linker, best_incident
from ..link.evidence import Evidence, day_span
from ..reconcile.across import combine
from . import schema as t
from .records import incident_columns, link_facts

#: the linking window: reports this many days before or after a report's date are candidates
WINDOW_DAYS = 7

#: a dated report whose date spans more than this many days is matched only if it is a year
#: (a date range of months is too vague to link on)
LONG_SPAN_DAYS = 62

#: at most this many candidate reports are weighed for one new report
MAX_CANDIDATES = 400

_LINK_LOCK = 0x7A12  # an arbitrary constant shared by every tally process

Record = dict[str, Any]


class LinkError(TallyError):
    """A link, unlink or merge that cannot be done (unknown report or incident...)."""


def lock(conn: sa.Connection) -> None:
    """Serialise linking between writers (PostgreSQL; SQLite writers already queue)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LINK_LOCK})


def evidence_json(ev: Evidence | None, matched: str | None, rule: str) -> Record:
    """How a report joined its incident, as stored in ``reports.link``."""
    out: Record = {"rule": rule}
    if ev is not None:
        out.update(score=ev.score, reasons=list(ev.reasons), days=ev.days, km=ev.km)
    if matched is not None:
        out["matched"] = matched
    return out


# ------------------------------------------------------------------ on ingest


def place_report(conn: sa.Connection, report_pk: int, report_id: str, record: Record,
                 *, enabled: bool = True) -> int:
    """Put the stored report ``report_pk`` into an incident; returns the incident's pk.

    An analyst's ``same`` override wins; then, when ``enabled``, the best
    matching incident among the candidates (none that an ``apart`` override
    rules out); else a new incident."""
    lock(conn)
    same, apart = _overrides_of(conn, report_id)
    partners = _incidents_of(conn, same)
    if partners:
        target = min(partners)
        for other in sorted(partners - {target}):
            _move_all(conn, other, target)
        _assign(conn, report_pk, target, {"rule": "override", "action": "same"})
        refresh(conn, target)
        return target
    if enabled:
        facts = link_facts(record)
        excluded = _incidents_of(conn, apart)
        groups = _candidate_groups(conn, facts, report_pk, excluded)
        best = best_incident(facts, groups)
        if best is not None:
            inc_pk, matched, ev = best
            _assign(conn, report_pk, inc_pk, evidence_json(ev, matched, "matched"))
            refresh(conn, inc_pk)
            return inc_pk
    inc_pk = new_incident(conn, report_id, record)
    _assign(conn, report_pk, inc_pk, {"rule": "new"})
    return inc_pk


def report_changed(conn: sa.Connection, report_pk: int, report_id: str, record: Record,
                   *, enabled: bool = True) -> None:
    """A stored report has a new record: a report alone in its incident (and not
    pinned by an override) is placed again; one linked with others stays and
    its incident's record is rewritten (``tally relink`` weighs it again)."""
    inc_pk = conn.execute(sa.select(t.reports.c.incident_pk).where(t.reports.c.pk == report_pk)).scalar()
    if inc_pk is None:
        place_report(conn, report_pk, report_id, record, enabled=enabled)
        return
    alone = _report_count(conn, inc_pk) == 1
    same, _ = _overrides_of(conn, report_id)
    if alone and not same:
        lock(conn)
        conn.execute(t.reports.update().where(t.reports.c.pk == report_pk).values(incident_pk=None))
        conn.execute(t.incidents.delete().where(t.incidents.c.pk == inc_pk))
        place_report(conn, report_pk, report_id, record, enabled=enabled)
    else:
        refresh(conn, inc_pk)


def _candidate_groups(conn: sa.Connection, facts: Record, report_pk: int,
                      excluded: set[int]) -> list[tuple[int, list[tuple[str, Record]]]]:
    """The incidents with a report in the report's country (or none) and
    within the window of its date, each with its reports' link facts."""
    r = t.reports.c
    country = (facts.get("location") or {}).get("country_iso3")
    places = [r.country_iso3 == country, r.country_iso3.is_(None)] if country else [sa.true()]
    span = day_span(facts)
    branches = []  # each an index range: the date window, the undated, the year-long
    for where in places:
        base = sa.select(r.pk, r.incident_pk).where(where, r.incident_pk.is_not(None), r.pk != report_pk)
        branches.append(base.where(r.date_start.is_(None)))
        if span is not None:
            lo, hi = _shift(span[0], -WINDOW_DAYS), _shift(span[1], WINDOW_DAYS)
            branches.append(base.where(r.date_start.between(_shift(span[0], -WINDOW_DAYS - LONG_SPAN_DAYS), hi),
                                       sa.func.coalesce(r.date_end, r.date_start) >= lo))
            branches.append(base.where(r.date_precision == "year",
                                       r.date_start.between(_shift(span[0], -WINDOW_DAYS - 366), hi)))
    union = sa.union(*branches).subquery()
    q = sa.select(union.c.incident_pk).order_by(union.c.pk.desc()).limit(MAX_CANDIDATES)
    pks = sorted({pk for pk in conn.execute(q).scalars()} - excluded)
    if not pks:
        return []
    members: dict[int, list[tuple[str, Record]]] = defaultdict(list)
    forced: dict[int, list[tuple[str, Record]]] = defaultdict(list)
    rows = conn.execute(sa.select(r.incident_pk, r.id, r.link_facts, r.link)
                        .where(r.incident_pk.in_(pks), r.pk != report_pk).order_by(r.pk))
    for row in rows:
        into = forced if (row.link or {}).get("rule") == "override" else members
        into[row.incident_pk].append((row.id, row.link_facts))
    # a report an analyst put into an incident does not speak for it: its facts may be
    # what the analyst overruled (unless the incident has no other report)
    return [(pk, members[pk] or forced[pk]) for pk in pks if members[pk] or forced[pk]]


def _shift(day: date, days: int) -> str:
    """``day`` moved by ``days``, as ISO text, held inside the calendar (year 1 to 9999)."""
    try:
        return (day + timedelta(days=days)).isoformat()
    except OverflowError:
        return (date.min if days < 0 else date.max).isoformat()


# ------------------------------------------------------------------ incidents


def new_incident(conn: sa.Connection, report_id: str, record: Record | None = None) -> int:
    """A new incident named after ``report_id`` (suffixed ``-2``, ``-3``... when
    an incident already has that name); returns its pk. With ``record`` (the
    record of its one report) its record and columns are written at once;
    otherwise it is empty until :func:`refresh`."""
    name = free_id(conn, report_id)
    values: Record = dict(id=name, revision=0, report_count=0, record={"id": name}, updated_at=_now())
    if record is not None:
        combined = combine([record], incident_id=name)
        values.update(incident_columns(combined), id=name, record=combined, revision=1, report_count=1)
    result = conn.execute(t.incidents.insert(), values)
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def free_id(conn: sa.Connection, base: str, taken: Iterable[str] = ()) -> str:
    """``base``, or ``base-2``, ``base-3``... the first no incident has (nor
    ``taken``); a suffixed name is never another report's id. So an incident's
    id is the id of one of its reports or no report's id at all, and an id
    given to ``show`` means one incident."""
    taken = set(taken)
    name, n = base, 1
    while name in taken or conn.execute(sa.select(t.incidents.c.pk).where(t.incidents.c.id == name)).first() \
            or (n > 1 and conn.execute(sa.select(t.reports.c.pk).where(t.reports.c.id == name)).first()):
        n += 1
        name = f"{base}-{n}"
    return name


def refresh(conn: sa.Connection, inc_pk: int) -> None:
    """Rewrite incident ``inc_pk``'s record and columns from its reports; an
    incident left without reports is deleted."""
    r = t.reports.c
    rows = conn.execute(sa.select(r.record).where(r.incident_pk == inc_pk).order_by(r.pk)).all()
    if not rows:
        conn.execute(t.incidents.delete().where(t.incidents.c.pk == inc_pk))
        return
    cur = conn.execute(sa.select(t.incidents.c.id, t.incidents.c.revision)
                       .where(t.incidents.c.pk == inc_pk)).one()
    record = combine([row.record for row in rows], incident_id=cur.id)
    columns = incident_columns(record)
    columns["id"] = cur.id
    conn.execute(t.incidents.update().where(t.incidents.c.pk == inc_pk).values(
        record=record, revision=cur.revision + 1, report_count=len(rows), updated_at=_now(), **columns))


def _assign(conn: sa.Connection, report_pk: int, inc_pk: int, link: Record) -> None:
    conn.execute(t.reports.update().where(t.reports.c.pk == report_pk).values(incident_pk=inc_pk, link=link))


def _move_all(conn: sa.Connection, from_pk: int, to_pk: int) -> None:
    conn.execute(t.reports.update().where(t.reports.c.incident_pk == from_pk).values(incident_pk=to_pk))
    conn.execute(t.incidents.delete().where(t.incidents.c.pk == from_pk))


def _report_count(conn: sa.Connection, inc_pk: int) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(t.reports)
                        .where(t.reports.c.incident_pk == inc_pk)).scalar_one()


def _incidents_of(conn: sa.Connection, report_ids: Iterable[str]) -> set[int]:
    ids = sorted(set(report_ids))
    if not ids:
        return set()
    q = sa.select(t.reports.c.incident_pk).where(t.reports.c.id.in_(ids), t.reports.c.incident_pk.is_not(None))
    return set(conn.execute(q).scalars())


def adopt_reports(conn: sa.Connection) -> int:
    """Give every report without an incident its own one-report incident
    (the migration from one record per source); returns how many."""
    r = t.reports.c
    rows = conn.execute(sa.select(r.pk, r.id, r.record).where(r.incident_pk.is_(None)).order_by(r.pk)).all()
    for row in rows:
        conn.execute(t.reports.update().where(r.pk == row.pk).values(
            language=row.record.get("language"), link_facts=link_facts(row.record)))
        inc_pk = new_incident(conn, row.id)
        _assign(conn, row.pk, inc_pk, {"rule": "new"})
        refresh(conn, inc_pk)
    return len(rows)


# ------------------------------------------------------------------ overrides


def _overrides_of(conn: sa.Connection, report_id: str) -> tuple[set[str], set[str]]:
    """The reports ``report_id`` must be with (``same``) and apart from."""
    o = t.link_overrides.c
    rows = conn.execute(sa.select(o.kind, o.report_a, o.report_b).where(
        sa.or_(o.report_a == report_id, o.report_b == report_id)))
    same: set[str] = set()
    apart: set[str] = set()
    for kind, a, b in rows:
        (same if kind == "same" else apart).add(b if a == report_id else a)
    return same, apart


def _set_override(conn: sa.Connection, kind: str, a: str, b: str, action: str) -> None:
    if a == b:
        return
    a, b = sorted((a, b))
    o = t.link_overrides
    conn.execute(o.delete().where(o.c.report_a == a, o.c.report_b == b))
    conn.execute(o.insert(), dict(kind=kind, report_a=a, report_b=b, action=action, created_at=_now()))


def _drop_overrides(conn: sa.Connection, report_id: str, kind: str, others: Iterable[str] | None = None) -> None:
    o = t.link_overrides.c
    cond = sa.and_(o.kind == kind, sa.or_(o.report_a == report_id, o.report_b == report_id))
    if others is not None:
        others = sorted(set(others))
        cond = sa.and_(cond, sa.or_(o.report_a.in_(others), o.report_b.in_(others)))
    conn.execute(t.link_overrides.delete().where(cond))


def _log(conn: sa.Connection, action: str, report_id: str | None, incident_id: str | None,
         other_id: str | None = None, detail: Record | None = None) -> None:
    conn.execute(t.link_log.insert(), dict(at=_now(), action=action, report_id=report_id,
                                           incident_id=incident_id, other_id=other_id, detail=detail))


def _report(conn: sa.Connection, report_id: str) -> Any:
    row = conn.execute(sa.select(t.reports.c.pk, t.reports.c.id, t.reports.c.incident_pk)
                       .where(t.reports.c.id == report_id)).first()
    if row is None:
        raise LinkError(f"no report {report_id!r}")
    return row


def resolve_incident(conn: sa.Connection, ident: str) -> Any:
    """The incident named ``ident``, else the incident of the report ``ident``; None if neither."""
    inc = t.incidents.c
    row = conn.execute(sa.select(inc.pk, inc.id).where(inc.id == ident)).first()
    if row is None:
        row = conn.execute(sa.select(inc.pk, inc.id).join(t.reports, t.reports.c.incident_pk == inc.pk)
                           .where(t.reports.c.id == ident)).first()
    return row


def _incident(conn: sa.Connection, ident: str) -> Any:
    row = resolve_incident(conn, ident)
    if row is None:
        raise LinkError(f"no incident or report {ident!r}")
    return row


def _members(conn: sa.Connection, inc_pk: int) -> list[str]:
    return list(conn.execute(sa.select(t.reports.c.id).where(t.reports.c.incident_pk == inc_pk)
                             .order_by(t.reports.c.pk)).scalars())


def _incident_id(conn: sa.Connection, inc_pk: int) -> str:
    return conn.execute(sa.select(t.incidents.c.id).where(t.incidents.c.pk == inc_pk)).scalar_one()


def link_report(conn: sa.Connection, report_id: str, incident: str) -> str:
    """Move report ``report_id`` into ``incident`` (an incident id, or a report
    id standing for its incident) and keep it there; returns the incident id."""
    lock(conn)
    rep = _report(conn, report_id)
    target = _incident(conn, incident)
    members = _members(conn, target.pk)
    old_pk = rep.incident_pk
    old_members = [m for m in _members(conn, old_pk) if m != report_id] if old_pk is not None else []
    _drop_overrides(conn, report_id, "same")
    _drop_overrides(conn, report_id, "apart", members)
    for m in members:
        if m != report_id:
            _set_override(conn, "same", report_id, m, "link")
            break  # one partner is enough: the rest are together with it
    if old_pk != target.pk:
        for m in old_members:
            _set_override(conn, "apart", report_id, m, "link")
        if old_pk is not None:
            _rename_when_left(conn, old_pk, report_id)
        _assign(conn, rep.pk, target.pk, {"rule": "override", "action": "link"})
        if old_pk is not None:
            refresh(conn, old_pk)
        refresh(conn, target.pk)
    _log(conn, "link", report_id, target.id,
         _incident_id(conn, old_pk) if old_pk not in (None, target.pk) and old_members else None)
    return target.id


def _rename_when_left(conn: sa.Connection, inc_pk: int, leaving: str) -> str | None:
    """An incident named after the report ``leaving`` it takes the name of its
    earliest remaining report, so that an incident's id never names a report
    in another incident; returns the new name (None when nothing changed)."""
    cur = _incident_id(conn, inc_pk)
    if cur != leaving:
        return None
    rest = [m for m in _members(conn, inc_pk) if m != leaving]
    if not rest:
        return None
    name = free_id(conn, rest[0])
    conn.execute(t.incidents.update().where(t.incidents.c.pk == inc_pk).values(id=name))
    _log(conn, "rename", leaving, name, cur, {"reason": f"report {leaving} left it"})
    return name


def unlink_report(conn: sa.Connection, report_id: str) -> str:
    """Take report ``report_id`` out of its incident into an incident of its own,
    and keep it apart from the reports it was with; returns the new incident's id.
    The old incident keeps its id, unless it was named after this report: then
    it takes the name of its earliest remaining report, and the report's new
    incident takes the report's id."""
    lock(conn)
    rep = _report(conn, report_id)
    others = [m for m in _members(conn, rep.incident_pk) if m != report_id] if rep.incident_pk else []
    _drop_overrides(conn, report_id, "same")
    for m in others:
        _set_override(conn, "apart", report_id, m, "unlink")
    if not others and rep.incident_pk is not None:
        inc_id = _incident_id(conn, rep.incident_pk)
        _log(conn, "unlink", report_id, inc_id)
        return inc_id
    if rep.incident_pk is not None:
        _rename_when_left(conn, rep.incident_pk, report_id)
    old_id = _incident_id(conn, rep.incident_pk) if rep.incident_pk else None
    inc_pk = new_incident(conn, report_id)
    _assign(conn, rep.pk, inc_pk, {"rule": "override", "action": "unlink"})
    if rep.incident_pk is not None:
        refresh(conn, rep.incident_pk)
    refresh(conn, inc_pk)
    new_id = _incident_id(conn, inc_pk)
    _log(conn, "unlink", report_id, new_id, old_id)
    return new_id


def merge_incidents(conn: sa.Connection, keep: str, other: str) -> str:
    """Move every report of incident ``other`` into ``keep`` and keep them
    together; ``other`` is gone afterwards. Returns ``keep``'s id."""
    lock(conn)
    a, b = _incident(conn, keep), _incident(conn, other)
    if a.pk == b.pk:
        raise LinkError(f"{keep!r} and {other!r} are already one incident ({a.id})")
    ma, mb = _members(conn, a.pk), _members(conn, b.pk)
    for m in mb:
        _drop_overrides(conn, m, "apart", ma)
    _set_override(conn, "same", ma[0], mb[0], "merge")
    conn.execute(t.reports.update().where(t.reports.c.incident_pk == b.pk)
                 .values(incident_pk=a.pk, link={"rule": "override", "action": "merge"}))
    conn.execute(t.incidents.delete().where(t.incidents.c.pk == b.pk))
    refresh(conn, a.pk)
    _log(conn, "merge", None, a.id, b.id, {"reports": mb})
    return a.id


# ------------------------------------------------------------------ relink


def relink(conn: sa.Connection, *, enabled: bool = True) -> dict[str, int]:
    """Link every report again from scratch, in the order they were stored,
    with the current rules and every override; incidents keep their ids where
    their reports mostly stay together. Returns counts."""
    lock(conn)
    r = t.reports.c
    rows = conn.execute(sa.select(r.pk, r.id, r.incident_pk, r.link_facts, r.record).order_by(r.pk)).all()
    old_ids = dict(conn.execute(sa.select(t.incidents.c.pk, t.incidents.c.id)).all())
    same: dict[str, set[str]] = defaultdict(set)
    apart: dict[str, set[str]] = defaultdict(set)
    for kind, a, b in conn.execute(sa.select(t.link_overrides.c.kind, t.link_overrides.c.report_a,
                                             t.link_overrides.c.report_b)):
        target = same if kind == "same" else apart
        target[a].add(b)
        target[b].add(a)
    linker = Linker()
    for row in rows:
        facts = row.link_facts or link_facts(row.record)
        placed = [linker.links[p].incident for p in sorted(same[row.id]) if p in linker.links]
        force = None
        if placed:
            force = placed[0]
            for inc in placed[1:]:
                if inc != force and inc in linker.incidents:
                    linker.merge(force, inc)
        exclude = {linker.links[p].incident for p in apart[row.id] if p in linker.links}
        if not enabled and force is None:
            exclude |= set(linker.incidents)
        linker.add(row.id, facts, force=force, exclude=exclude)
    by_id = {row.id: row for row in rows}
    # names: an incident keeps the old id that most of its reports had
    votes: list[tuple[int, int, int, str, str]] = []
    for inc, members in linker.incidents.items():
        counts: dict[str, list[int]] = {}
        for m in members:
            old = old_ids.get(by_id[m].incident_pk)
            if old is not None:
                counts.setdefault(old, [0, by_id[m].pk])[0] += 1
        own = set(members)
        # an old name that is a report's id goes only with that report
        votes += [(-n, -len(members), first, old, inc) for old, (n, first) in counts.items()
                  if old in own or old not in by_id]
    names: dict[str, str] = {}
    used: set[str] = set()
    for _, _, _, old, inc in sorted(votes):  # most reports first, then the bigger incident, then the older report
        if inc not in names and old not in used:
            names[inc] = old
            used.add(old)
    conn.execute(t.reports.update().values(incident_pk=None))
    conn.execute(t.incidents.delete())
    for inc, members in sorted(linker.incidents.items(), key=lambda kv: by_id[kv[1][0]].pk):
        name = names.get(inc)
        if name is None:
            name = names[inc] = free_id(conn, members[0], used)
            used.add(name)
        result = conn.execute(t.incidents.insert(), dict(
            id=name, revision=0, report_count=0, record={"id": name}, updated_at=_now()))
        inc_pk = int(result.inserted_primary_key[0])
        for m in members:
            link = linker.links[m]
            _assign(conn, by_id[m].pk, inc_pk, evidence_json(link.evidence, link.matched, link.rule))
        refresh(conn, inc_pk)
    moved = sum(1 for row in rows if old_ids.get(row.incident_pk) != names.get(linker.links[row.id].incident))
    _log(conn, "relink", None, None, None, {"reports": len(rows), "incidents": len(linker.incidents),
                                            "moved": moved})
    return {"reports": len(rows), "incidents": len(linker.incidents), "moved": moved}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
