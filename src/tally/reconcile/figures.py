"""One claim's figure as reconcile weighs it: its range, whether two claims
overlap or count the same people, how specific it is, the figure it gives as
``best``, and its source as a comparison key."""

from __future__ import annotations

import functools
import re

from ..model import Claim
from .lexicon import GENERIC_GROUP_RE, NAMES_RE

#: an independent source outranks a party or no source
CLASS_RANK = {"independent": 2, None: 1, "party": 1}


def key_source(c: Claim) -> str | None:
    return norm_source(c.source) if c.source else None


@functools.lru_cache(maxsize=4096)
def norm_source(source: str) -> str:  # cached: conflicts compares every pair of claims
    return re.sub(r"\W+", " ", source.lower()).strip()


def claim_range(c: Claim, cat: str | None = None) -> tuple[int, float]:
    lo = c.low or 0
    hi = float("inf") if c.high is None else c.high
    if c.qualifier == "up to" or len(c.categories) > 1:
        lo = 0  # a ceiling ("up to 100"), or a compound claim bounding each category from above
    elif c.qualifier == "about":
        lo, hi = int(lo * 0.9), hi * 1.1  # "about 30" does not contradict 32
    return lo, hi


def overlap(a: Claim, b: Claim) -> bool:
    al, ah = claim_range(a)
    bl, bh = claim_range(b)
    return al <= bh and bl <= ah


def is_round(n: int | None) -> bool:
    return n is not None and n >= 20 and n % 10 == 0


def specificity(c: Claim) -> int:
    if c.group and NAMES_RE.search(c.group):
        return 5  # a list of names
    if c.qualifier in (None, "exactly"):
        return 3 if is_round(c.low) else 4
    if c.qualifier in ("about", "range"):
        return 2
    if c.qualifier in ("at least", "up to"):
        return 1
    return 0


def best_of(c: Claim) -> int:
    if c.qualifier == "up to" and c.high is not None:
        return c.high
    return c.low or 0


def same_people(a: Claim, b: Claim) -> bool:
    """Can two claims count the same people? (no group, a generic one, or the same words)"""
    ga = (a.group or "").strip().lower()
    gb = (b.group or "").strip().lower()
    return not ga or not gb or bool(GENERIC_GROUP_RE.match(ga)) or bool(GENERIC_GROUP_RE.match(gb)) or ga == gb


def claim_bounds(c: Claim) -> tuple[int, int, int | None]:
    """(low, best, high) of one claim."""
    low = c.low if c.low is not None else 0
    high = c.high
    best = low
    if c.qualifier == "up to" and high is not None:
        best = high
    return low, best, high
