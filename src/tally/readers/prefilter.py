"""A cheap incident pre-filter on raw wikitext, run before any mwparserfromhell parse.

A page passes when its raw wikitext names a conflict/attack infobox template
(``{{Infobox civilian attack}}``, ``{{Infobox military conflict}}``, ...) or
carries an incident category (``[[Category:2016 attacks in France]]``,
massacres, battles, bombings, terrorist incidents, mass shootings). Only
regular expressions over the text: no parse. :func:`classify` returns the
reason (``"infobox:civilian attack"``, ``"category:bombings"``) or ``None``;
:class:`PrefilterStats` counts pages seen and passed, by reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

#: Infobox template names (lower case, spaces) that mark an incident article.
INCIDENT_INFOBOXES = (
    "civilian attack", "military conflict", "terrorist attack", "bombing", "massacre",
    "mass shooting", "attack", "military operation", "riot", "civil conflict", "battle",
)

#: Category keywords (lower case) that mark an incident article, and the reason name.
INCIDENT_CATEGORIES = (
    ("attacks in", "attacks in"), ("attacks on", "attacks on"), ("massacres", "massacres"),
    ("battles", "battles"), ("bombings", "bombings"), ("terrorist incidents", "terrorist incidents"),
    ("mass shootings", "mass shootings"), ("mass murder", "mass murder"),
    ("suicide bombings", "bombings"), ("airstrikes", "airstrikes"),
)

_INFOBOX = re.compile(r"\{\{\s*infobox[ _]+([^|}\n]+)", re.IGNORECASE)
_CATEGORY = re.compile(r"\[\[\s*category\s*:\s*([^\]|\n]+)", re.IGNORECASE)


def classify(wikitext: str) -> str | None:
    """The reason a page looks like an incident article, or ``None``."""
    if "{{" in wikitext:
        for m in _INFOBOX.finditer(wikitext):
            name = " ".join(m.group(1).replace("_", " ").lower().split())
            if name in INCIDENT_INFOBOXES:
                return f"infobox:{name}"
    if "ategory" in wikitext or "ATEGORY" in wikitext:
        for m in _CATEGORY.finditer(wikitext):
            cat = m.group(1).replace("_", " ").lower()
            for needle, reason in INCIDENT_CATEGORIES:
                if needle in cat:
                    return f"category:{reason}"
    return None


@dataclass
class PrefilterStats:
    """Pages the pre-filter saw and passed, with the passes counted by reason."""

    seen: int = 0
    reasons: Counter = field(default_factory=Counter)

    @property
    def passed(self) -> int:
        return sum(self.reasons.values())

    @property
    def skipped(self) -> int:
        return self.seen - self.passed

    def check(self, wikitext: str) -> str | None:
        """Classify one page and count it."""
        self.seen += 1
        reason = classify(wikitext)
        if reason is not None:
            self.reasons[reason] += 1
        return reason

    def merge(self, other: "PrefilterStats") -> None:
        self.seen += other.seen
        self.reasons.update(other.reasons)

    def summary(self) -> str:
        """One line: ``prefilter: 20 of 1000 pages passed (infobox:civilian attack 12, ...)``."""
        parts = ", ".join(f"{r} {n}" for r, n in sorted(self.reasons.items()))
        return f"prefilter: {self.passed} of {self.seen} pages passed" + (f" ({parts})" if parts else "")
