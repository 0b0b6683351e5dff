"""Test inputs for the store tests: short made-up reports and a small
deterministic extractor, so the store is tested on rich records (dates,
places, actors, claims, estimates) whatever today's extractors produce.

A report reads like "Gunmen attacked a market in Kidal (MLI) on 2016-03-04,
killing 12 civilians, a local official said. The attack was claimed by
Northern Front." :func:`fake_extract` reads the place, country code, date,
figure, source and perpetrator from that shape with regular expressions.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
import re
import time
from pathlib import Path

from tally.model import Actor, Claim, DateRange, Document, Estimate, Incident, Place, Side, CATEGORIES

COORDS = {"Kidal": (18.44, 1.41), "Gao": (16.27, -0.04), "Ouaga": (12.37, -1.52), "Kumba": (4.64, 9.45)}
COUNTRIES = {"MLI": "Mali", "BFA": "Burkina Faso", "CMR": "Cameroon"}

#: (file stem, title, text): five reports written for these tests.
REPORTS = [
    ("kidal", "Market attack in Kidal",
     "Gunmen attacked a market in Kidal (MLI) on 2016-03-04, killing 12 civilians, a local official "
     "said. The attack was claimed by Northern Front."),
    ("gao", "Convoy bombing near Gao",
     "A roadside bomb struck a convoy near Gao (MLI) on 2016-07-19, killing 4 soldiers, the army said."),
    ("ouaga", "Shooting in Ouaga",
     "Police opened fire on a crowd in Ouaga (BFA) on 2017-01, killing 2 people, witnesses said. "
     "The shooting was claimed by Security Forces."),
    ("kumba", "Raid on Kumba",
     "Fighters raided Kumba (CMR) on 2017-11-02, killing 30 villagers, residents said. "
     "The raid was claimed by River Brigade."),
    ("quiet", "Night explosion",
     "An explosion was heard overnight near the river; nobody was hurt."),
]

_PLACE = re.compile(r"\b(?:in|near|raided) ([A-Z][a-z]+) \(([A-Z]{3})\)")
_DATE = re.compile(r"\bon (\d{4}-\d{2}(?:-\d{2})?)\b")
_KILLED = re.compile(r"killing (\d+) (\w+)")
_SOURCE = re.compile(r", ((?:a |the )?[\w ]+?) said")
_PERP = re.compile(r"claimed by ([A-Z][\w ]+?)\.")
_SENTENCE = re.compile(r"[^.\n]+\.")


def plaintext(title: str, text: str) -> str:
    """The report as a plain-text wiki rendering (``= Title =`` then the text)."""
    return f"= {title} =\n\n{text}\n"


def write_reports(folder: Path, reports=REPORTS) -> list[Path]:
    """One ``.txt`` file per report; their paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, title, text in reports:
        p = folder / f"{stem}.txt"
        p.write_text(plaintext(title, text), encoding="utf-8")
        paths.append(p)
    return paths


def generated_reports(n: int) -> list[tuple[str, str, str]]:
    """``n`` reports of ``n`` distinct attacks in the same shape (for batch and
    crash tests): each on its own day, so linking keeps them apart."""
    places = list(COORDS)
    out = []
    for i in range(n):
        place = places[i % len(places)]
        code = "BFA" if place == "Ouaga" else "CMR" if place == "Kumba" else "MLI"
        day = date(2016, 1, 1) + timedelta(days=i)
        text = (f"Armed men attacked village number {i} near {place} ({code}) on {day.isoformat()}, "
                f"killing {i % 50 + 1} people, the governor said.")
        out.append((f"gen{i:05d}", f"Attack number {i}", text))
    return out


def fake_extract(doc: Document) -> Incident:
    """A record from a report of the shape above (slow by TALLY_TEST_SLOW seconds)."""
    delay = float(os.environ.get("TALLY_TEST_SLOW", "0") or 0)
    if delay:
        time.sleep(delay)
    text = doc.text
    if "EXPLODE" in text:
        raise RuntimeError("the test extractor was told to fail")
    ident = doc.id or re.sub(r"\W+", "-", (doc.title or doc.source).lower()).strip("-")
    incident = Incident(id=ident, title=doc.title, source={"path": doc.source, "format": doc.format})
    if m := _DATE.search(text):
        value = m.group(1)
        incident.date = DateRange(value, value, "day" if len(value) == 10 else "month", m.group(0))
    if m := _PLACE.search(text):
        name, code = m.group(1), m.group(2)
        lat, lon = COORDS.get(name, (None, None))
        incident.location = Place(name, COUNTRIES.get(code), code, None, lat, lon,
                                  "exact" if lat is not None else None)
        incident.places = [incident.location]
    if m := _PERP.search(text):
        incident.perpetrators = [Actor(m.group(1).strip())]
        incident.sides = [Side("1", [Actor(m.group(1).strip(), aliases=[m.group(1).strip().upper()[:4]])])]
    incident.casualties = {c: None for c in CATEGORIES}
    if m := _KILLED.search(text):
        sentence = next(s for s in _SENTENCE.finditer(text) if s.start() <= m.start() < s.end())
        start = sentence.start() + len(sentence.group(0)) - len(sentence.group(0).lstrip())
        figure = int(m.group(1))
        source = _SOURCE.search(sentence.group(0))
        side = "civilians" if m.group(2) in ("civilians", "villagers", "people") else None
        incident.claims = [Claim(["killed"], figure, figure, text[start:sentence.end()], start, sentence.end(),
                                 qualifier="exactly", group=m.group(2), side=side,
                                 source=source.group(1) if source else None, section="Lead",
                                 figure=m.group(1), figure_start=m.start(1), figure_end=m.end(1))]
        incident.casualties["killed"] = Estimate(figure, figure, figure, "single", [0])
        if side:
            incident.casualties_by_side = {side: {"killed": Estimate(figure, figure, figure, "single", [0])}}
    return incident
