"""Reconcile: the claims of a record into low / best / high per category and
side, with the rule and claims behind each figure, and the disagreements.
Takes an :class:`~tally.model.Incident` with its claims, gives its estimates.

Where things are:

- :mod:`.incident`: ``reconcile()``, the order of the steps; ``missing_evidence()``;
- :mod:`.totals`: ``casualties``, the whole toll per category;
- :mod:`.sides`: ``casualties_by_side``, step by step; :mod:`.conflicts`: the disagreements;
- :mod:`.parties`: the state side, the perpetrators, a perpetrator's own claim;
- :mod:`.figures`: one claim's range, specificity and best; :mod:`.lexicon`: the group nouns;
- :mod:`.policies`: one module per dataset convention (``acled``, ``ucdp``, ``gtd``), ``apply_policy()``;
- :mod:`.wording`: the plain words of conflicts;
- :mod:`.across`: ``combine()``, the records of the reports of one incident into one record.
"""

from .across import combine
from .incident import missing_evidence, reconcile
from .policies import POLICIES, apply_policy

__all__ = ["POLICIES", "apply_policy", "combine", "missing_evidence", "reconcile"]
