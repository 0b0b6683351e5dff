"""Reference tables loaded once from tally's data files, below every fact stage:
the gazetteer of places and countries (:mod:`.gazetteer`, its name keys in
:mod:`.placenames`) and the table of known actors (:mod:`.actors`). Takes a
name, gives the entry it names."""
