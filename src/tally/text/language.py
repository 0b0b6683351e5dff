"""The language of a document, detected offline.

:func:`detect_language` gives an ISO 639-1 code. A cheap vote of function
words settles the common case (a report plainly in English or in French)
without a detector run; otherwise ``langdetect`` (Google's language-detection
profiles, shipped in the package) decides, seeded so that the same text always
gets the same answer. Texts too short to tell get the default.
"""

from __future__ import annotations

import re
import threading

#: languages tally has lexicons for; a document in another language is read with the default's
SUPPORTED = ("en", "fr")
DEFAULT = "en"

#: frequent function words, unambiguous between the supported languages
_FUNCTION_WORDS = {
    "en": frozenset("the of and to in was were is are that with for by from at on have has had been "
                    "said which who this their they after when".split()),
    "fr": frozenset("le la les des du et dans une est sont ont été par pour sur avec selon qui que "
                    "au aux ce cette leur lors après".split()),
}
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MIN_LETTERS = 20  # fewer letters than this: too short to tell
_HEAD = 2000  # characters read: the opening of a document tells its language
_LOCK = threading.Lock()


def detect_language(text: str, default: str = DEFAULT) -> str:
    """The ISO 639-1 code of ``text``'s language (``default`` when too short to tell)."""
    head = text[:_HEAD]
    words = [w.lower() for w in _WORD_RE.findall(head)]
    if sum(map(len, words)) < _MIN_LETTERS:
        return default
    votes = {lang: sum(w in table for w in words) for lang, table in _FUNCTION_WORDS.items()}
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    (best, n), (_, m) = ranked[0], ranked[1]
    if (n >= 3 and n >= 3 * max(m, 1)) or (n >= 2 and m == 0):
        return best
    return langdetect_language(head) or default


def langdetect_language(text: str) -> str | None:
    """``langdetect``'s language of ``text`` (its profiles load on the first call), or None."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    with _LOCK:  # the seed is global to the package
        DetectorFactory.seed = 0
        try:
            found = detect_langs(text)
        except LangDetectException:
            return None
    return found[0].lang if found else None


def lexicon_language(language: str | None) -> str:
    """The supported language whose lexicons read a document in ``language``."""
    return language if language in SUPPORTED else DEFAULT
