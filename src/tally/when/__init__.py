"""When: dates and date ranges of an incident from infobox fields and running
text, resolved against the report's own date (:mod:`.dates`). Takes text,
gives :class:`~tally.model.DateRange`."""
