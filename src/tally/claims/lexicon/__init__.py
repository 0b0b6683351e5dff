"""The words of casualty claims, one module per language (:mod:`.en`): the
trigger words of each category and the patterns that tie a figure to them.
The claim extractors read a language's lexicon; a new language is a new file."""
