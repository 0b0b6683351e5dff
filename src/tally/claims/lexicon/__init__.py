"""The words of casualty claims, one module per language (:mod:`.en`,
:mod:`.fr`): the trigger words of each category and the patterns that tie a
figure to them, the number reader, the subset and attacker words. The claim
extractors read the lexicon of the document being read (:func:`current`, set
by :func:`use`); a new language is a new file with the same names."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from types import ModuleType
from typing import Iterator

from . import en

_CURRENT: ContextVar[ModuleType] = ContextVar("tally_claims_lexicon", default=en)


def for_language(language: str | None) -> ModuleType:
    """The lexicon module that reads ``language`` (English for any language without one)."""
    if language == "fr":
        from . import fr

        return fr
    return en


def of(language: str | None) -> ModuleType:
    """The lexicon of ``language`` when a document states it, else the one being read
    (:func:`use`: the extraction sets it to the detected language)."""
    return for_language(language) if language else current()


def all_lexicons() -> tuple[ModuleType, ...]:
    """Every language's lexicon, English first."""
    from . import fr

    return (en, fr)


def current() -> ModuleType:
    """The lexicon of the document being read (English outside :func:`use`)."""
    return _CURRENT.get()


@contextmanager
def use(language: str | None) -> Iterator[ModuleType]:
    """Read claims with ``language``'s lexicon inside the block."""
    token = _CURRENT.set(for_language(language))
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)
