"""Reconcile: the claims of a record into low / best / high per category and
side, with the rule and claims behind each figure, and the disagreements.
Takes an :class:`~tally.model.Incident` with its claims, gives its estimates."""

from .incident import POLICIES, apply_policy, missing_evidence, reconcile

__all__ = ["POLICIES", "apply_policy", "missing_evidence", "reconcile"]
