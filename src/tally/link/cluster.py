"""Group a stream of reports into incidents, incrementally.

A new report is compared only with the incidents whose dates fall within a
window of it (:data:`WINDOW_DAYS`) in the same country, found through an
index keyed by (country, day); reports without a date or a country are
compared with the few others that lack them too. It joins the incident whose
best-matching report scores highest, above the threshold and vetoed by none
of its reports; otherwise it starts a new incident. Adding reports never
needs a rebuild, and the work per report stays bounded by the window, not by
the size of the store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from .evidence import Evidence, compare, day_span

WINDOW_DAYS = 7

Record = dict[str, Any]


def best_incident(record: Record, groups: Iterable[tuple[str, list[tuple[str, Record]]]]
                  ) -> tuple[str, str, Evidence] | None:
    """The incident ``record`` joins among ``groups`` (incident id, its
    ``(report id, record)`` pairs): the one whose best-matching report scores
    highest at or above the threshold, skipping any incident one of whose
    reports vetoes the pair. Returns (incident, matched report, evidence), or
    None when no incident qualifies. Ties go to the first group given."""
    best: tuple[float, str, str, Evidence] | None = None
    for inc, members in groups:
        scored = [(compare(record, rec), rid) for rid, rec in members]
        if not scored or any(ev.veto for ev, _ in scored):
            continue
        ev, other = max(scored, key=lambda x: x[0].score)
        if ev.linked and (best is None or ev.score > best[0]):
            best = (ev.score, inc, other, ev)
    return None if best is None else best[1:]


@dataclass(slots=True)
class Link:
    """Where a report went and why."""

    report: str
    incident: str
    evidence: Evidence | None = None  # None: it started the incident
    matched: str | None = None  # the report it matched best
    rule: str = "new"  # new (it started the incident), matched, override


@dataclass
class Linker:
    """Incidents built report by report. ``incidents`` maps an incident id to
    its report ids; ``links`` holds each report's :class:`Link`."""

    incidents: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    _index: dict[tuple[str | None, int | None], set[str]] = field(default_factory=lambda: defaultdict(set))
    _countries: set[str | None] = field(default_factory=set)

    def add(self, report_id: str, record: Record, *, force: str | None = None,
            exclude: Iterable[str] = ()) -> Link:
        """Place one report: into the best-matching incident, or a new one.

        ``force``: join this incident whatever the evidence (an analyst's
        override); ``exclude``: incidents it must not join (an analyst said
        the report is apart from one of their reports)."""
        self.records[report_id] = record
        if force is not None:
            self.incidents[force].append(report_id)
            link = Link(report_id, force, None, None, rule="override")
        else:
            groups = ((inc, self._speakers(inc))
                      for inc in sorted(self._candidates(record) - set(exclude)))
            best = best_incident(record, groups)
            if best is None:
                inc = f"incident-{len(self.incidents) + 1}"
                while inc in self.incidents:
                    inc += "+"
                self.incidents[inc] = [report_id]
                link = Link(report_id, inc)
            else:
                inc, other, ev = best
                self.incidents[inc].append(report_id)
                link = Link(report_id, inc, ev, other, rule="matched")
        self.links[report_id] = link
        self._index_record(link.incident, record)
        return link

    def _speakers(self, inc: str) -> list[tuple[str, Record]]:
        """The reports that speak for incident ``inc`` when a new report is
        weighed: those not put there by an override (all, if none is left)."""
        members = [(r, self.records[r]) for r in self.incidents[inc]]
        own = [(r, rec) for r, rec in members if self.links[r].rule != "override"]
        return own or members

    def merge(self, into: str, other: str) -> None:
        """Move every report of incident ``other`` into ``into``."""
        if into == other:
            return
        for report_id in self.incidents.pop(other):
            self.incidents[into].append(report_id)
            self.links[report_id].incident = into
            self._index_record(into, self.records[report_id])
        for keys in self._index.values():
            keys.discard(other)

    def _index_record(self, inc: str, record: Record) -> None:
        for key in self._keys(record):
            self._index[key].add(inc)
            self._countries.add(key[0])

    def grouping(self) -> dict[str, str]:
        """Report id -> incident id."""
        return {r: link.incident for r, link in self.links.items()}

    @staticmethod
    def _country(record: Record) -> str | None:
        return (record.get("location") or {}).get("country_iso3")

    def _keys(self, record: Record) -> list[tuple[str | None, int | None]]:
        span = day_span(record)
        country = self._country(record)
        if span is None:
            return [(country, None)]
        first, last = span[0].toordinal(), span[1].toordinal()
        if last - first > 62:  # a year or a long campaign: one coarse key, not hundreds
            return [(country, None)]
        return [(country, d) for d in range(first, last + 1)]

    def _candidates(self, record: Record) -> set[str]:
        country = self._country(record)
        countries = [country, None] if country else list(self._countries)
        span = day_span(record)
        out: set[str] = set()
        for c in countries:
            out |= self._index.get((c, None), set())
            if span is None:
                continue
            first, last = span[0].toordinal(), span[1].toordinal()
            if last - first > 62:
                continue
            for d in range(first - WINDOW_DAYS, last + WINDOW_DAYS + 1):
                out |= self._index.get((c, d), set())
        return out
