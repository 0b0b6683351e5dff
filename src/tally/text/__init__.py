"""Language tools every stage uses: sentence spans (:mod:`.sentences`), numbers
and vague quantities in running text (:mod:`.quantities`) and the spaCy
pipeline, loaded once and offline (:mod:`.nlp`). Takes text, gives spans."""
