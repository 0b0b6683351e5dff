"""Where: the incident's places from infobox fields (:mod:`.places`), running
text (:mod:`.geotext`, the countries a text names in :mod:`.context`) and the
spaCy NER fallback (:mod:`.nerplaces`). Takes text, gives
:class:`~tally.model.Place` with a point and a precision."""
