"""Across reports: the records of the reports of one incident into the
incident's record, of the same shape (docs/reconcile.md, "Across reports").

``combine(reports, incident_id=None)`` takes the stored records (the JSON
shape of :func:`tally.model.to_dict`) in the order they were stored and gives
one record: every claim of every report (with its ``report``), the estimates
re-weighed across the reports, the most precise date and place, the union of
places, sides, perpetrators and targets, and a ``reports`` list. One report
gives back its own record, with ``reports``, ``languages`` and the claims'
``report`` added.

Each report's estimate of a category is that report's *view*. The rules
(their names go into each estimate's ``rule``):

``across:counted-once``
    every current view gives the same figure, all from one voice: the same
    agency relayed by several reports counts once.
``across:one-voice``
    one report's figure is the only current one, besides party figures.
``across:agreement``
    the figure the most distinct voices give (a voice is the source of the
    claims behind a view, normalised, else the report itself).
``across:latest-update``
    the latest current figure: an update replaced the earlier ones (the same
    voice later, or a later, higher toll from an authority or in words
    that say the toll rose), or no figure has more
    voices than another.
``across:party-only``
    only party figures (a perpetrator's claim, a party's claim about its
    enemy's losses): chosen by the steps above among them.
``+party-high``
    a party figure raised the high; it never sets the best or the low.
``+ceiling-high``, ``across:ceiling-only``
    a report's ceiling (an estimate with a high and no best: a compound
    claim) raised the high; or only ceilings: low and best unknown.
``+across:one-report``
    only one report has an estimate for the key: its estimate, kept as it is.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from ..claims.lexicon import for_language
from ..claims.sources import source_side
from ..model import CATEGORIES, Actor, Claim, Incident, Side
from .figures import best_of, norm_source
from .joined import joined_actors, joined_date, joined_location, joined_places, joined_sides, union_str
from .lexicon import ARMED_GROUP_SOURCE_RE, AUTHORITY_RE
from .names import fact_name
from .parties import perpetrator_claim
from .policies import claim_from_dict

#: a report's low under this share of its own best is one part of its toll, not another reading of it
PART_SHARE = 0.5
#: formats of encyclopedia-like records, whose title names the incident
ENCYCLOPEDIA_FORMATS = ("wiki", "mediawiki", "wikitext", "xml", "plaintext")
#: the keys of a combined record in the order of ``tally.model.to_dict``
KEY_ORDER = ("schema_version", "id", "title", "source", "language", "languages", "reports", "date", "location",
             "places", "part_of", "result", "sides", "perpetrators", "targets", "claims", "casualties",
             "casualties_by_side", "casualties_by_group", "conflicts", "reactions", "related", "typology", "losses")
#: one name per agency ("Agence France-Presse" and "AFP" are one voice)
SOURCE_ALIASES = {
    "agence france presse": "afp", "afp news agency": "afp", "french news agency afp": "afp",
    "associated press": "ap", "ap news agency": "ap",
    "reuters news agency": "reuters", "thomson reuters": "reuters",
    "agence de presse africaine": "apa",
}
_LEAD_RE = re.compile(r"^\s*(?:according\s+to|citing|per|selon|d['’]apr[èe]s)\s+", re.I)
_ARTICLE_RE = re.compile(r"^\s*(?:(?:the|la|le|les)\s+|l['’]\s*)", re.I)



def norm_voice(source: str | None) -> str | None:
    """A source as a comparison key: lower case, without "according to" and
    "the", one name per agency ("Agence France-Presse", "l'AFP" -> ``afp``)."""
    if not source or not source.strip():
        return None
    s = _ARTICLE_RE.sub("", _LEAD_RE.sub("", source.strip()))
    s = norm_source(s)
    return SOURCE_ALIASES.get(s, s) or None


@dataclass
class _View:
    """One report's estimate of one key (a category, of a side or group)."""

    report: str
    pos: int                      # position in publication order
    est: dict[str, Any]
    claims: list[int]             # indexes into the combined claims
    voices: frozenset[str]
    speaker: str                  # the source as written, for the conflict's words
    party: bool
    authority: bool
    revision: bool = False        # its words say the toll grew ("has risen to 23")
    status: str = "current"       # current, repeat (same voice, same figure later), superseded
    repeats: list["_View"] = field(default_factory=list)

    @property
    def low(self) -> int | None:
        return self.est.get("low") if self.est.get("low") is not None else self.est.get("best")

    @property
    def floor(self) -> int | None:
        """The view's low as a reading of the whole toll: a low under :data:`PART_SHARE` of the
        view's own best is one part of it ("a priest and five parishioners": 1 of 6), so the
        best stands for the report."""
        lo, best = self.low, self.best
        if lo is not None and best is not None and lo < best * PART_SHARE:
            return best
        return lo

    @property
    def best(self) -> int | None:
        return self.est.get("best")

    @property
    def high(self) -> int | None:
        return self.est.get("high")

    def span(self) -> tuple[float, float]:
        lo = self.low if self.low is not None else 0
        hi = float("inf") if self.high is None else self.high
        return lo, hi


# --------------------------------------------------------------------------- entry point


def combine(reports: list[dict], incident_id: str | None = None) -> dict:
    """The incident record made of the records of its reports (see the module doc)."""
    reports = [r for r in reports if isinstance(r, dict)]
    if not reports:
        raise ValueError("combine() needs at least one report record")
    ids, offsets = _ids_offsets(reports)
    claims = [{**c, "report": rid} if isinstance(c, dict) else c
              for rid, r in zip(ids, reports) for c in (r.get("claims") or [])]
    first = reports[0]
    out: dict[str, Any] = copy.deepcopy(first) if len(reports) == 1 else {}
    out.update({
        "schema_version": first.get("schema_version") or "1.0",
        "id": incident_id or ids[0],
        "title": _title(reports, first),
        "source": {"reports": len(reports), **dict(first.get("source") or {})},
        "language": first.get("language"),
        "languages": sorted({r["language"] for r in reports if r.get("language")}),
        "reports": [_summary(rid, r) for rid, r in zip(ids, reports)],
        "claims": claims,
    })
    if len(reports) == 1:
        return out
    order = _publication_order(reports)
    ctx = _Context(reports, ids, offsets, order)
    conflicts: list[dict[str, Any]] = []
    out["date"] = joined_date(reports)
    out["location"] = joined_location(reports)
    out["places"] = joined_places(reports)
    out["part_of"] = _first(reports, "part_of")
    out["result"] = _first(reports, "result")
    out["sides"] = joined_sides(reports)
    out["perpetrators"] = joined_actors(a for r in reports for a in (r.get("perpetrators") or []))
    out["targets"] = union_str(t for r in reports for t in (r.get("targets") or []))
    out["casualties"] = _table(ctx, lambda r: r.get("casualties"), CATEGORIES, None, conflicts)
    out["casualties_by_side"] = _nested(ctx, "casualties_by_side", conflicts)
    out["casualties_by_group"] = _nested(ctx, "casualties_by_group", None)
    out["title"] = _title(reports, out)
    out["conflicts"] = _report_conflicts(reports, ids, offsets) + _dedupe(conflicts)
    out["reactions"] = [{**x, "report": rid} for rid, r in zip(ids, reports)
                        for x in (r.get("reactions") or []) if isinstance(x, dict)]
    out["related"] = [{**x, "report": rid} for rid, r in zip(ids, reports)
                      for x in (r.get("related") or []) if isinstance(x, dict)]
    return {**{k: out[k] for k in KEY_ORDER if k in out}, **out}


def combine_casualties(reports: list[dict]) -> dict:
    """Only the ``casualties`` of :func:`combine` (the same rules, the same
    result), for a caller that needs no more: a timeline's running figures."""
    reports = [r for r in reports if isinstance(r, dict)]
    if len(reports) <= 1:
        return dict((reports[0].get("casualties") if reports else None) or {})
    ids, offsets = _ids_offsets(reports)
    ctx = _Context(reports, ids, offsets, _publication_order(reports))
    return _table(ctx, lambda r: r.get("casualties"), CATEGORIES, None, None)


def _ids_offsets(reports: list[dict]) -> tuple[list[str], list[int]]:
    """The reports' ids (``report-N`` for one without) and where each one's
    claims start in the combined claims."""
    ids = [str(r.get("id") or f"report-{n + 1}") for n, r in enumerate(reports)]
    offsets, total = [], 0
    for r in reports:
        offsets.append(total)
        total += len(r.get("claims") or [])
    return ids, offsets


# --------------------------------------------------------------------------- the record's head


def _title(reports: list[dict], facts: dict) -> str | None:
    """The incident's name: an encyclopedia page's title when one of its
    reports is a page; else a name from its facts (``names.fact_name``:
    "Attack near Gwoza, Nigeria, 29 June 2024"), not one outlet's headline or
    first sentence; else the first headline."""
    def fmt(r: dict) -> str:
        return str((r.get("source") or {}).get("format") or "").lower()

    titled = [r for r in reports if isinstance(r.get("title"), str) and r["title"].strip()]
    wiki = [r for r in titled if fmt(r) in ENCYCLOPEDIA_FORMATS]
    if wiki:
        return wiki[0]["title"]
    named = fact_name(facts)
    if named:
        return named
    return titled[0]["title"] if titled else reports[0].get("title")


def _summary(rid: str, r: dict) -> dict[str, Any]:
    src = r.get("source") or {}
    cas = r.get("casualties") or {}
    return {"id": rid, "title": r.get("title"), "source": src.get("path"), "format": src.get("format"),
            "language": r.get("language"), "published": src.get("date"), "date": r.get("date"),
            "place": (r.get("location") or {}).get("name"),
            "killed": cas.get("killed"), "injured": cas.get("injured")}


def _publication_order(reports: list[dict]) -> list[int]:
    """The reports' indexes by publication date (``source.date``, else an
    export's revision ``timestamp``), then input order; a report without a date
    takes the date of the report stored before it, except an encyclopedia page
    without one, which comes last: an article is written after the reports it
    sums up."""
    keys, last = [], ""
    for n, r in enumerate(reports):
        src = r.get("source") or {}
        d = src.get("date") or src.get("timestamp")
        if not d and src.get("format") in ENCYCLOPEDIA_FORMATS:
            keys.append(("\uffff", n))
            continue
        last = str(d) if d else last
        keys.append((last, n))
    return [n for _, n in sorted(keys)]


def _first(reports: list[dict], key: str) -> Any:
    return next((r[key] for r in reports if r.get(key)), None)


# --------------------------------------------------------------------------- the estimates


class _Context:
    """The reports with what the views need: their claims as model objects, an
    incident of their sides and perpetrators (to tell a party's claim)."""

    def __init__(self, reports: list[dict], ids: list[str], offsets: list[int], order: list[int]) -> None:
        self.reports, self.ids, self.offsets = reports, ids, offsets
        self.pos = {n: p for p, n in enumerate(order)}
        self.claims = [[_claim(c) for c in (r.get("claims") or [])] for r in reports]
        self.incidents = [_incident(r) for r in reports]

    def view(self, n: int, est: dict[str, Any]) -> _View:
        own = [i for i in est.get("claims") or [] if isinstance(i, int) and 0 <= i < len(self.claims[n])]
        behind = [self.claims[n][i] for i in own]
        # the claims that give the figure (a sum gives none alone: then all of them)
        giving = [c for c in behind if best_of(c) == est.get("best")] or behind
        party = bool(giving) and all(_party_claim(c, self.incidents[n]) for c in giving)
        speakers = [c for c in giving if not _party_claim(c, self.incidents[n])] or giving
        voices = frozenset(v for v in (norm_voice(c.source) for c in speakers) if v)
        speaker = next((c.source for c in speakers if c.source), None)
        authority = not party and any(c.source and AUTHORITY_RE.search(c.source)
                                      and not ARMED_GROUP_SOURCE_RE.search(c.source) for c in speakers)
        rise = for_language(self.reports[n].get("language")).TOLL_RISE_RE
        revision = not party and any(rise.search(_before_figure(c)) for c in giving)
        return _View(self.ids[n], self.pos[n], est, [self.offsets[n] + i for i in own],
                     voices or frozenset({f"report:{self.ids[n]}"}), speaker or "no source", party, authority,
                     revision)


def _before_figure(c: Claim) -> str:
    """The words of a claim's sentence before its figure."""
    if c.figure_start is None or not c.text:
        return ""
    return c.text[:max(0, c.figure_start - c.start)]


def _claim(c: Any) -> Claim:
    """A stored claim as a model object; an older record's missing keys get defaults."""
    base = {"categories": [], "low": None, "high": None, "text": "", "start": 0, "end": 0}
    return claim_from_dict({**base, **c} if isinstance(c, dict) else base)


def _incident(r: dict) -> Incident:
    def actor(a: dict) -> Actor:
        return Actor(str(a.get("name") or ""), [str(x) for x in a.get("aliases") or []])

    sides = [Side(str(s.get("id")), [actor(a) for a in s.get("actors") or [] if isinstance(a, dict)])
             for s in r.get("sides") or [] if isinstance(s, dict)]
    perps = [actor(a) for a in r.get("perpetrators") or [] if isinstance(a, dict)]
    return Incident(id=str(r.get("id") or ""), title=r.get("title"), source={}, sides=sides, perpetrators=perps)


def _party_claim(c: Claim, incident: Incident) -> bool:
    """A party's claim in rule 4's sense: the perpetrator's own claim, or a
    party's claim about its enemy's losses (a side it does not speak for, or
    the attackers as a state force counts them)."""
    if c.source_class != "party" or not c.source:
        return False
    if perpetrator_claim(c, incident):
        return True
    ssid = source_side(c.source, incident.sides)
    if ssid is not None and c.side not in (None, ssid, "civilians", "other"):
        return True
    return c.victim_group == "perpetrators" and not ARMED_GROUP_SOURCE_RE.search(c.source)


def _table(ctx: _Context, get, keys, label: str | None, conflicts: list | None) -> dict:
    """One estimate per category of ``keys``, each combined from the reports'
    estimates in the table ``get(report)``."""
    out: dict[str, Any] = {}
    for cat in keys:
        views = []
        for n, r in enumerate(ctx.reports):
            est = (get(r) or {}).get(cat)
            if isinstance(est, dict):
                views.append(ctx.view(n, est))
        est, conflict = _combine_views(views, cat, label)
        out[cat] = est
        if conflict and conflicts is not None:
            conflicts.append(conflict)
    return out


def _nested(ctx: _Context, key: str, conflicts: list | None) -> dict:
    """``casualties_by_side`` or ``casualties_by_group``: per side (group), the
    categories the reports give for it."""
    labels: list[str] = []
    for r in ctx.reports:
        for k in (r.get(key) or {}):
            if k not in labels:
                labels.append(k)
    out = {}
    for label in sorted(labels):
        cats = [c for c in CATEGORIES if any(c in ((r.get(key) or {}).get(label) or {}) for r in ctx.reports)]
        cats += sorted({c for r in ctx.reports for c in ((r.get(key) or {}).get(label) or {})} - set(cats))
        row = _table(ctx, lambda r, lb=label: (r.get(key) or {}).get(lb), cats, label, conflicts)
        if any(row.values()):
            out[label] = row
    return out


def _combine_views(views: list[_View], cat: str, label: str | None) -> tuple[dict | None, dict | None]:
    if not views:
        return None, None
    if len({v.report for v in views}) == 1:
        v = views[0]  # one report has it: its estimate, as it is
        rule = v.est.get("rule")
        return {**v.est, "rule": f"{rule}+across:one-report" if rule else "across:one-report",
                "claims": sorted(v.claims)}, None
    views = sorted(views, key=lambda v: v.pos)
    updated = _supersede(views)
    current = [v for v in views if v.status == "current"]
    figures = [v for v in current if not v.party and v.best is not None]
    wideners = [v for v in current if v not in figures]  # party figures, ceilings (no best)
    rule = None
    if not figures and any(v.best is not None for v in wideners):
        figures = [v for v in wideners if v.best is not None]  # only the parties speak
        wideners = [v for v in wideners if v.best is None]
        rule = "across:party-only"
    used = figures + wideners
    claims = sorted({i for v in used for w in [v, *v.repeats] for i in w.claims})
    if not figures:
        highs = [v.high for v in wideners if v.high is not None]
        return {"low": None, "best": None, "high": max(highs) if highs else None, "rule": "across:ceiling-only",
                "claims": claims}, None
    best_view, chosen = _choose(figures, updated)
    rule = rule or chosen
    lows = [v.floor for v in figures if v.floor is not None]
    high = _high(figures)
    raised = None
    for v in wideners:
        h = v.high if v.high is not None else (v.best if v.best is not None else v.low)
        if h is not None and high is not None and h > high:
            high, raised = h, v
    if raised is not None:
        rule += "+party-high" if raised.party else "+ceiling-high"
    est = {"low": min(lows) if lows else None, "best": best_view.best, "high": high, "rule": rule,
           "claims": claims}
    return est, None if rule.startswith("across:party-only") else _disagreement(figures, cat, label)


def _supersede(views: list[_View]) -> bool:
    """Mark repeats and superseded views (``views`` in publication order);
    True when a later figure replaced a different earlier one."""
    updated = False
    for b, later in enumerate(views):
        for earlier in views[:b]:
            if earlier.status != "current" or earlier.pos >= later.pos:
                continue
            if earlier.voices & later.voices:
                if earlier.best == later.best:
                    earlier.status = "repeat"  # the same voice, the same figure: counted once
                    later.repeats += [earlier, *earlier.repeats]
                else:
                    earlier.status = "superseded"  # the same voice, a new figure: an update
                    updated = True
            elif ((later.authority or later.revision) and not later.party and not earlier.party
                  and later.best is not None and earlier.best is not None and earlier.best < later.best):
                earlier.status = "superseded"  # an authority's later, higher toll, or "the toll rose to"
                updated = True
    return updated


def _choose(figures: list[_View], updated: bool) -> tuple[_View, str]:
    """The view whose figure is the best, and the rule that chose it."""
    voices: dict[int, set[str]] = {}
    for v in figures:
        voices.setdefault(v.best, set()).update(v.voices)
    top = max(len(s) for s in voices.values())
    tied = [b for b, s in voices.items() if len(s) == top]
    latest = max((v for v in figures if v.best in tied), key=lambda v: v.pos)
    reports = {w.report for v in figures for w in [v, *v.repeats]}
    if len(voices) == 1:
        if updated:
            return latest, "across:latest-update"
        if top == 1:
            return latest, "across:counted-once" if len(reports) > 1 else "across:one-voice"
        return latest, "across:agreement"
    if len(tied) == 1:
        return latest, "across:agreement"
    return latest, "across:latest-update"


def _high(figures: list[_View]) -> int | None:
    """The largest closed high; open (None) when an open figure's floor
    ("at least 12") is above every closed figure."""
    closed = [v.high for v in figures if v.high is not None]
    floors = [v.low or 0 for v in figures if v.high is None]
    top = max(closed) if closed else None
    if floors and (top is None or max(floors) > top):
        return None
    return top


def _disagreement(figures: list[_View], cat: str, label: str | None) -> dict | None:
    """One conflict when two current figures of different voices do not overlap."""
    clash = any(a.voices.isdisjoint(b.voices) and (a.span()[0] > b.span()[1] or b.span()[0] > a.span()[1])
                for n, a in enumerate(figures) for b in figures[n + 1:])
    if not clash:
        return None
    parts, entries, reports = [], [], []
    for v in figures:
        names = [w.report for w in sorted([v, *v.repeats], key=lambda w: w.pos)]
        reports += [r for r in names if r not in reports]
        entries.append({"reports": names, "low": v.low, "best": v.best, "high": v.high,
                        "source": v.speaker, "claims": sorted({i for w in [v, *v.repeats] for i in w.claims})})
        verb = "says" if len(names) == 1 else "say"
        parts.append(f"{' and '.join(names)} {verb} {_figure_words(v)} {cat} ({v.speaker})")
    where = f" ({label})" if label else ""
    return {"category": cat, "side": label, "kind": "reports-disagree", "reports": reports,
            "claims": sorted({i for e in entries for i in e["claims"]}), "figures": entries,
            "text": "; ".join(parts) + where}


def _figure_words(v: _View) -> str:
    if v.high is None:
        return f"at least {v.best}"
    if v.low is not None and v.high != v.low:
        return f"{v.best} ({v.low}-{v.high})"
    return str(v.best)


def _dedupe(conflicts: list[dict]) -> list[dict]:
    """A side's disagreement that repeats the total's (the same reports, the
    same figures) is listed once."""
    out, seen = [], set()
    for c in conflicts:
        key = (c["category"], tuple((tuple(f["reports"]), f["best"]) for f in c["figures"]))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _report_conflicts(reports: list[dict], ids: list[str], offsets: list[int]) -> list[dict]:
    """Each report's own conflicts, with ``report`` and claims re-indexed."""
    out = []
    for rid, off, r in zip(ids, offsets, reports):
        for c in r.get("conflicts") or []:
            if isinstance(c, dict):
                c = {**c, "report": rid}
                if isinstance(c.get("claims"), list):
                    c["claims"] = [i + off if isinstance(i, int) else i for i in c["claims"]]
                out.append(c)
    return out
