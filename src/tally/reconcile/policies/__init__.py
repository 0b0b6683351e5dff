"""Policies: one dataset's coding convention each, applied to the same claims.

``POLICIES`` lists them; each has its own module (``acled``, ``ucdp``,
``gtd``, ``wad``; ``tally`` is the default rules and changes nothing).
``adjust(casualties, by_side, claims, policy)`` applies the per-estimate part
of a policy after reconcile; ``apply_policy(record, policy)`` re-applies what a
policy changes to a stored record (a dict), for ``tally export --policy``.
docs/reconcile.md ("Policies") states each rule and its public source.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ...model import Claim, Estimate
from . import acled, ucdp, wad

POLICIES = ("tally", "ucdp", "acled", "gtd", "wad")


def check_policy(policy: str) -> None:
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose from {', '.join(POLICIES)}")


def adjust(cas, by_side, claims: list[Claim], policy: str) -> None:
    """The per-estimate part of ``policy``, on every estimate of the record."""
    ests = [e for e in cas.values() if e] + [e for row in by_side.values() for e in row.values() if e]
    for e in ests:
        e.rule = e.rule or ""
        if policy == "acled":
            acled.adjust(e, claims)
        if policy == "ucdp":
            ucdp.adjust(e)


def apply_policy(record: dict[str, Any], policy: str) -> dict[str, Any]:
    """A stored record (the JSON shape) with what ``policy`` changes re-applied
    to its estimates: what can be done without the document (see
    docs/reconcile.md; ``ingest --policy`` re-extracts for the full effect)."""
    if policy in (None, "tally"):
        return record
    check_policy(policy)
    claims = [claim_from_dict(c) for c in record.get("claims") or []]
    cas = {k: (Estimate(**v) if v else None) for k, v in (record.get("casualties") or {}).items()}
    by_side = {s: {k: (Estimate(**v) if v else None) for k, v in row.items()}
               for s, row in (record.get("casualties_by_side") or {}).items()}
    if policy in ("gtd", "ucdp", "acled"):
        _count_perpetrators(cas, by_side)
    adjust(cas, by_side, claims, policy)
    if policy == "wad":
        by_group = {g: {k: (Estimate(**v) if v else None) for k, v in row.items()}
                    for g, row in (record.get("casualties_by_group") or {}).items()}
        wad.adjust(cas, by_group, claims)
    out = dict(record)
    out["casualties"] = {k: (dataclasses.asdict(v) if v else None) for k, v in cas.items()}
    out["casualties_by_side"] = {s: {k: (dataclasses.asdict(v) if v else None) for k, v in row.items()}
                                 for s, row in by_side.items()}
    return out


def _count_perpetrators(cas, by_side) -> None:
    """A narrative killed total gains the perpetrators' killed row (GTD, UCDP
    and ACLED count the attackers killed in the act)."""
    k = cas.get("killed")
    p = (by_side.get("perpetrators") or {}).get("killed")
    if k and p and (k.rule or "").startswith("narrative") and "+perpetrators" not in (k.rule or ""):
        k.low = (k.low or 0) + (p.low or 0)
        k.best = (k.best or 0) + (p.best or 0)
        k.rule = (k.rule or "") + "+perpetrators"


def claim_from_dict(d: dict[str, Any]) -> Claim:
    names = {f.name for f in dataclasses.fields(Claim)}
    return Claim(**{k: v for k, v in d.items() if k in names})
