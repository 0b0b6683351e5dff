"""Dates of the page, not of the event: a news page's furniture.

A saved or pasted news page carries dates that say when the page was made,
not when the attack happened: a date line or byline at the top ("Updated:
2021-06-03 11:40", "By Jane Doe, Mar 12, 2022", "Friday 4 March 2022"),
a site header, a labelled date anywhere near the top ("Published on 3 May",
"Publié le 8 mars 2022", "Date: 2022-03-08"). :func:`page_dates` finds them
in the head of a text, before its first paragraph of running prose, so that
the event's day is read from the body alone and those dates serve as what
they are: the report's publication date, the anchor for "on Sunday" and the
bound of the event's day.

A date counts as furniture when its line is short and says little but the
date (at most a few words besides it: a place, a site name, a time, a
label), or when a label says it is the page's ("updated", "published",
"mis à jour", "publié le"). A headline that states a date ("Gunmen kill 12
on 3 May") has a verb and more words, and stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import find_date

#: A label that makes the date after it the page's own (on any line of the head).
LABEL_RE = re.compile(
    r"(?<![\w])(?:date|dated|published|posted|updated|last\s+updated|last\s+modified|first\s+published"
    r"|publi[ée]e?(?:\s+le)?|mis\s+[àa]\s+jour(?:\s+le)?|modifi[ée]e?(?:\s+le)?|paru\s+le"
    r"|date\s+de\s+publication)\s*(?:on\s+)?[:\-–—]?\s*(?=\S)", re.I)
#: What may stand beside a furniture date on its line: times, zones, separators.
_TIME_RE = re.compile(r"\b(?:[01]?\d|2[0-3])[:hH.][0-5]\d(?:\s*[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|WAT|CAT|EAT|CET|CEST|[A-Z]{2,4}T))?"
                      r"|\b(?:[01]?\d)\s*[ap]\.?m\.?\b", re.I)
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: A line with this many words is prose: the head ends before it.
PROSE_WORDS = 20
#: At most this many words beside the date on an unlabelled furniture line.
BESIDE_WORDS = 5
HEAD_CHARS = 1500


@dataclass(slots=True)
class PageDate:
    start: int
    end: int
    day: date | None
    text: str


def page_dates(text: str, language: str | None = None) -> list[PageDate]:
    """The furniture dates in the head of ``text`` (before its first line of
    prose), in order; ``day`` is None for a date less precise than a day."""
    found: list[PageDate] = []
    pos = 0
    head = text[:HEAD_CHARS]
    for line in head.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        prose = len(_WORD_RE.findall(line)) >= PROSE_WORDS
        label = LABEL_RE.search(line)
        labelled = _labelled(line, label.end(), language) if label is not None and label.start() <= 40 else None
        if labelled is not None:  # "Updated: 2021-06-03 11:40", even at the start of the first paragraph
            e, day = labelled
            found.append(PageDate(start + label.start(), start + e, day, line[label.start():e]))
        if prose:
            break
        if labelled is not None:
            continue
        dr = find_date(line, language=language)
        if dr is None or not dr.text:
            continue
        rest = _TIME_RE.sub(" ", line.replace(dr.text, " ", 1))
        if len(_WORD_RE.findall(rest)) <= BESIDE_WORDS and not rest.rstrip().endswith("."):
            found.append(PageDate(start, end, _day(dr), line))
    return found


#: a photo caption: a line ending with a picture credit as a sentence of its own ("... in Gao in
#: 2017. AP", "(AFP Photo/Issouf Sanogo)", "Photo : Reuters") or opening with a picture label
_CREDIT = r"(?:AP|AFP|Reuters|EPA|Getty\s+Images|Anadolu|Xinhua|AA|DR|Shutterstock)"
CAPTION_RE = re.compile(
    rf"^[^\n]{{0,400}}?(?:[.!?)»”\"]\s+{_CREDIT}(?:\s+(?:Photo|Images?))?(?:\s*/\s*[^\n./]{{1,40}})?\s*\.?"
    rf"|\(\s*(?:{_CREDIT}\s+)?(?:Photo|Image|Crédit|Credit)[^()\n]{{0,60}}\)\s*\.?"
    rf"|[.!?]\s+(?:Photo|Image|Crédit|Credit)\s*:\s*[^\n]{{1,50}}"
    # a credit in square brackets closing the line: "[File: Jane Doe/Reuters]", "[AFP]", "[Jane Doe/AP Photo]"
    rf"|\[\s*(?:(?:File|Archive|Photo|Image)(?:\s+photo)?\s*:\s*)?(?:[^\[\]\n/]{{1,40}}/\s*)?{_CREDIT}"
    rf"(?:\s+(?:Photo|Images?))?\s*\])[ \t]*$"
    rf"|^[ \t]*(?:File\s+photo|Photo\s+d['’]archives|Photo|Image|Crédit\s+photo)\s*:[^\n]{{0,400}}$", re.M | re.I)


#: a link to another article left in a page's text: "Lire aussi : ...", "READ MORE: ...", "À lire
#: aussi", "Related: ..." at a line's start or glued after a sentence ("... ont péri.Lire aussi Mali : ...")
_RELATED_RE = re.compile(
    r"(?:^|(?<=[.!?»”\"]))[ \t]*(?:READ\s+(?:MORE|ALSO)|Read\s+(?:more|also)|ALSO\s+READ|Also\s+read|SEE\s+ALSO"
    r"|See\s+also|RELATED|Related(?:\s+(?:articles?|stories|coverage|news))?|More\s+on\s+this\s+story"
    r"|(?:[ÀA]\s+)?(?:LIRE|[Ll]ire)\s+(?:AUSSI|aussi|également|ÉGALEMENT)|(?:VOIR|Voir)\s+(?:AUSSI|aussi)"
    r"|Sur\s+le\s+même\s+sujet)\b[ \t]*:?", re.M)
#: where a link's title glued to the next sentence ends: a lower-case letter right before a capital
_GLUED_RE = re.compile(r"[a-zà-ÿ](?=[A-ZÀ-Ý][a-zà-ÿ])")


#: a line of a list of videos: a bare duration ("01:53") or a "Go to video" button
_VIDEO_MARK_RE = re.compile(r"^[ \t]*(?:\d{1,2}:\d\d|Go\s+to\s+video|Watch(?:\s+the)?\s+video|Play\s+video|"
                            r"Voir\s+la\s+vidéo|Regarder\s+la\s+vidéo)[ \t]*$", re.M | re.I)


def related_links(text: str) -> list[tuple[int, int]]:
    """The spans of the links to other articles a page leaves in its text ("Lire aussi : Mali :
    20 soldats tués", "READ MORE: ..."): another article's headline, never this report's toll,
    day or place. A link runs to the end of its line, or to where its title is glued to the next
    sentence ("... par des terroristesCe qui s'est passé"). A list of videos (two lines or more
    that are a bare duration or a "Go to video" button) runs from its first such line to the end."""
    out = []
    for m in _RELATED_RE.finditer(text):
        nl = text.find("\n", m.end())
        end = len(text) if nl < 0 else nl
        g = _GLUED_RE.search(text, m.end(), end)
        out.append((m.start(), g.end() if g else end))
    marks = list(_VIDEO_MARK_RE.finditer(text))
    if len(marks) >= 2 and all(len(_WORD_RE.findall(line)) <= 16 for line in text[marks[0].start():].split("\n")):
        # a list of videos to watch next (titles only, no prose after it; a live blog's time
        # stamps head paragraphs): their titles are other stories' headlines
        out.append((marks[0].start(), len(text)))
    return out


def captions(text: str) -> list[tuple[int, int]]:
    """The spans of the photo captions of ``text`` (whole lines): what a picture shows, often
    somewhere else or long before ("Soldiers guard a bridge in Gao in 2017. AP"), never the event."""
    return [m.span() for m in CAPTION_RE.finditer(text)]


def _labelled(line: str, at: int, language: str | None) -> tuple[int, date | None] | None:
    """The date right after a label at ``at`` (a weekday may come first), with
    a time after it: (its end in ``line``, its day), or None."""
    window = line[at:at + 60]
    dr = find_date(window, language=language)
    if dr is None or not dr.text:
        return None
    i = window.find(dr.text)
    if i < 0 or i > 12:
        return None
    end = at + i + len(dr.text)
    t = _TIME_RE.match(line, end) or _TIME_RE.match(line, end + 1)
    return (t.end() if t else end), _day(dr)


def body_start(text: str) -> int:
    """The offset of the first word of ``text``'s first line of prose (a
    line of at least :data:`PROSE_WORDS` words), 0 when no line has that
    many in the head."""
    pos = 0
    for line in text[:HEAD_CHARS].split("\n"):
        if len(_WORD_RE.findall(line)) >= PROSE_WORDS:
            return pos + len(line) - len(line.lstrip())
        pos += len(line) + 1
    return 0


def published(dates: list[PageDate]) -> date | None:
    """The page's publication day among its furniture dates: the earliest
    full day (an "updated" line comes after the first publication)."""
    days = [d.day for d in dates if d.day is not None]
    return min(days) if days else None


def _day(dr) -> date | None:
    if dr.precision == "day" and dr.start and len(dr.start) == 10 and dr.start == dr.end:
        return date.fromisoformat(dr.start)
    return None
