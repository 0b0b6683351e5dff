"""UCDP's convention (``--policy ucdp``): ``best`` kept inside ``[low, high]``
(UCDP GED codes low <= best <= high). The attackers killed in the act are
counted in the killed total (:data:`tally.reconcile.totals.COUNT_ATTACKERS`)."""

from __future__ import annotations

from ...model import Estimate


def adjust(e: Estimate) -> None:
    if e.best is None:
        return
    if e.low is not None and e.best < e.low:
        e.best = e.low
    if e.high is not None and e.best > e.high:
        e.best = e.high
