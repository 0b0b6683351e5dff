"""Link: which reports describe the same event. Takes incident records (the
JSON shape of :func:`tally.model.to_dict`, one per report) and gives, for each
pair, the evidence and a score (:mod:`.evidence`), and for a stream of reports,
their grouping into incidents, found through a date-and-country index rather
than by comparing every pair (:mod:`.cluster`). :mod:`.bcubed` scores a
grouping against true events."""

from .bcubed import bcubed
from .cluster import Linker, best_incident
from .evidence import THRESHOLD, Evidence, compare

__all__ = ["THRESHOLD", "Evidence", "Linker", "bcubed", "best_incident", "compare"]
