"""What every language's lexicon builds its patterns with: the named-group
alternation of trigger words, the categories a text names, and which category
a match of a trigger pattern found. Language-free: the words are in the
lexicon modules."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ...model import CATEGORIES


def alt(triggers: dict[str, str]) -> str:
    """One alternation with a named group per category: ``(?P<killed>...)|(?P<injured>...)``."""
    return "|".join(f"(?P<{k}>{v})" for k, v in triggers.items())


def categories_in(text: str, triggers: dict[str, str]) -> list[str]:
    """The categories whose trigger words ``text`` holds, in the triggers' order."""
    return [cat for cat, pat in triggers.items() if re.search(rf"\b(?:{pat})\b", text, re.I)]


def matched_cat(m: re.Match) -> str:
    """The category whose group matched (killed when none did)."""
    for k, v in m.groupdict().items():
        if v is not None and k in CATEGORIES:
            return k
    return "killed"


def first_group(m: re.Match) -> str:
    """The name of the category group that matched, for ``m.start(name)``."""
    for k in CATEGORIES:
        if k in m.re.groupindex and m.group(k) is not None:
            return k
    return "killed"


def trigger_finder(left: dict[str, str], right: dict[str, str]) -> Callable[[str], re.Pattern]:
    """``trigger_re("left" | "right")``: the compiled alternation of one side's triggers."""

    @lru_cache(maxsize=2)
    def trigger_re(which: str) -> re.Pattern:
        return re.compile(rf"\b(?:{alt(right if which == 'right' else left)})\b", re.I)

    return trigger_re


#: the words of a toll in either language, the last word before a colon that opens its breakdown
#: ("30 dead: 25 villagers and five attackers", "42 morts : 35 civils et 7 soldats")
TOLL_WORDS = (r"(?:dead|killed|deaths|wounded|injured|victims|casualties|people|fatalities|morts|tués|tuées|blessés|"
              r"victimes|personnes|décès)")
