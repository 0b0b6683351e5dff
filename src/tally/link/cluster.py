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
from typing import Any

from .evidence import Evidence, compare, day_span

WINDOW_DAYS = 7

Record = dict[str, Any]


@dataclass(slots=True)
class Link:
    """Where a report went and why."""

    report: str
    incident: str
    evidence: Evidence | None = None  # None: it started the incident
    matched: str | None = None  # the report it matched best


@dataclass
class Linker:
    """Incidents built report by report. ``incidents`` maps an incident id to
    its report ids; ``links`` holds each report's :class:`Link`."""

    incidents: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    _index: dict[tuple[str | None, int | None], set[str]] = field(default_factory=lambda: defaultdict(set))
    _countries: set[str | None] = field(default_factory=set)

    def add(self, report_id: str, record: Record) -> Link:
        """Place one report: into the best-matching incident, or a new one."""
        best: tuple[float, str, str, Evidence] | None = None
        for inc in sorted(self._candidates(record)):
            scored = [(compare(record, self.records[r]), r) for r in self.incidents[inc]]
            if any(ev.veto for ev, _ in scored):
                continue
            ev, other = max(scored, key=lambda x: x[0].score)
            if ev.linked and (best is None or ev.score > best[0]):
                best = (ev.score, inc, other, ev)
        self.records[report_id] = record
        if best is None:
            inc = f"incident-{len(self.incidents) + 1}"
            self.incidents[inc] = [report_id]
            link = Link(report_id, inc)
        else:
            _, inc, other, ev = best
            self.incidents[inc].append(report_id)
            link = Link(report_id, inc, ev, other)
        self.links[report_id] = link
        for key in self._keys(record):
            self._index[key].add(inc)
            self._countries.add(key[0])
        return link

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
