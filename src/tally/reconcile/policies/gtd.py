"""GTD's convention (``--policy gtd``): a perpetrator's own claim (a group
claiming the attack and its toll) is not used for the figures: it stays in the
claims, marked as not counted. The attackers killed in the act are counted in
the killed total (:data:`tally.reconcile.totals.COUNT_ATTACKERS`)."""

from __future__ import annotations

from ...model import Claim, Incident
from ..parties import without_perpetrator_claims


def claims_used(claims: list[Claim], incident: Incident) -> list[Claim]:
    """The claims the figures rest on: the perpetrator's own claims left out."""
    return without_perpetrator_claims(claims, incident)
