"""The plain words of conflicts and missing evidence: who says it, what
figure, of what, about which side."""

from __future__ import annotations

from ..model import Claim, Incident


def speaker(c: Claim) -> str:
    if c.origin == "infobox":
        return f"the infobox (per {c.source})" if c.source else "the infobox"
    if c.source:
        return c.source
    return f"the {c.section.lower()} (no source)" if c.section else "an unattributed report"


def figure(c: Claim) -> str:
    if c.qualifier == "vague" and c.figure:
        return c.figure.strip()
    if c.qualifier == "range" and c.high is not None:
        return f"{c.low}-{c.high}"
    if c.qualifier == "at least":
        return f"at least {c.low}"
    if c.qualifier == "about":
        return f"about {c.low}"
    if c.qualifier == "up to":
        return f"up to {c.high}"
    return str(c.low)


def cats(c: Claim) -> str:
    return " or ".join(c.categories)


def side_words(sid: str | None, incident: Incident) -> str:
    if sid is None:
        return ""
    side = next((s for s in incident.sides if s.id == sid), None)
    if side is not None and side.actors:
        return f" (side {sid}: {', '.join(a.name for a in side.actors)})"
    return f" ({sid})"
