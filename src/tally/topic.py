"""Is a news item about violence against people? A word-list vote.

Feeds and news sites carry every kind of story: floods, road accidents,
outbreaks and football results report deaths too, and would become
"incidents" of the database if stored. :func:`off_topic` reads the headline
and the opening of a document and counts the words of each topic in the
document's language (``data/topics_<lang>.csv``: ``topic,pattern``, one
regular expression per line, matched as whole words, case-insensitive): the
words of violence (attacks, gunmen, raids, bombs, clashes, kidnappings...)
against those of the other topics (``disaster``, ``accident``, ``disease``,
``sport``). The headline counts twice. A document whose other topic's words
outnumber its violence words more than twice over is off topic, named by
that topic and its first word; a document with no topic words at all is on
topic (stored, as before). A word list is a start; an event typology can
replace it behind the same function.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Document
from .text.language import DEFAULT, SUPPORTED, detect_language

DATA = Path(__file__).resolve().parent / "data"
VIOLENCE = "violence"
#: Characters of the text read after the headline.
HEAD = 2000
#: Other topics' words must outnumber the violence words by more than this factor.
DOMINANCE = 2


@dataclass(frozen=True)
class Verdict:
    """Why a document is off topic: its ``topic`` and the ``word`` that showed it."""

    topic: str
    word: str

    def __str__(self) -> str:
        return f"{self.topic} ({self.word!r})"


@lru_cache(maxsize=None)
def topic_patterns(language: str) -> dict[str, re.Pattern[str]]:
    """Topic -> one compiled pattern of its words, for ``language`` (English
    for a language without a word list)."""
    path = DATA / f"topics_{language if language in SUPPORTED else DEFAULT}.csv"
    words: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as fp:
        for row in csv.DictReader(fp):
            words.setdefault(row["topic"].strip(), []).append(row["pattern"].strip())
    return {topic: re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(f"(?:{p})" for p in pats), re.I)
            for topic, pats in words.items()}


def topic_counts(title: str | None, text: str, language: str) -> dict[str, tuple[int, str]]:
    """Topic -> (number of its words in the headline, counted twice, and the
    opening of ``text``; the first word found)."""
    out: dict[str, tuple[int, str]] = {}
    head = text[:HEAD]
    for topic, pattern in topic_patterns(language).items():
        in_title = pattern.findall(title or "")
        in_text = pattern.findall(head)
        n = 2 * len(in_title) + len(in_text)
        if n:
            out[topic] = (n, (in_title or in_text)[0])
    return out


def off_topic(doc: Document) -> Verdict | None:
    """The reason ``doc`` is not about violence against people (its main
    other topic), or None when it is, or when it names no topic at all."""
    language = doc.language or detect_language(doc.text)
    text = doc.text
    if doc.title and text.startswith(doc.title):  # the headline opens the text: count it once, as the headline
        text = text[len(doc.title):]
    counts = topic_counts(doc.title, text, language)
    violence = counts.pop(VIOLENCE, (0, ""))[0]
    if not counts:
        return None
    topic, (n, word) = max(counts.items(), key=lambda kv: kv[1][0])
    if n > DOMINANCE * violence:
        return Verdict(topic, word)
    return None
