"""Actors in ACLED's, GTD's and UCDP's own naming, and which side acted first.

:func:`name_actor` gives an actor of the record (a side's or a perpetrator's)
its name in each dataset from the actor table (``data/actors.csv``: the
``acled_name``, ``acled_inter``, ``gtd_name`` and ``ucdp_name`` columns), an
alias two groups share resolved by the text and the record's country
(:meth:`tally.lookup.actors.ActorTable.resolve`). A state's forces take ACLED's
name dated by government, chosen by the event's date (``data/acled_state_forces.csv``:
"Military Forces of Mali (2021-)"), and UCDP's ``Government of COUNTRY``;
GTD names no state as a perpetrator. :func:`initiator` says whether the
infobox's second side acted first (ACLED's ``actor1`` is the side that
initiated the event). docs/typology.md.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lookup.actors import actor_table
from ..lookup.gazetteer import country_by_name
from ..model import Actor
from .attribution import BY_AFTER, IDENTITY_RE

DATA = Path(__file__).resolve().parent.parent / "data"

#: ACLED actor type codes (``inter1`` / ``inter2``; docs/typology.md)
STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = 1, 2, 3, 4, 5, 6, 7, 8
_POLICE_RE = re.compile(r"police|gendarm|polic[ií]a", re.I)


@dataclass(frozen=True, slots=True)
class Named:
    """One actor in each dataset's naming: ``acled`` and its type code
    ``inter``, ``gtd`` (``None`` for a state: GTD names none), ``ucdp``;
    ``row`` the actor table's row (``None`` when the table does not know it);
    ``rule`` how it was named."""

    acled: str
    inter: int
    gtd: str | None
    ucdp: str
    row: str | None
    rule: str


@dataclass(frozen=True, slots=True)
class _Period:
    stem: str
    period: str
    start: str
    end: str


@lru_cache(maxsize=1)
def state_force_periods() -> dict[str, list[_Period]]:
    """ISO3 -> ACLED's periods of its state forces (``data/acled_state_forces.csv``)."""
    path = DATA / "acled_state_forces.csv"
    out: dict[str, list[_Period]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if not re.fullmatch(r"[A-Z]{3}", row.get("iso3") or "") or not row.get("stem"):
                raise ValueError(f"{path}: row {line}: an ISO3 code and a country name are needed")
            out.setdefault(row["iso3"], []).append(
                _Period(row["stem"], row.get("period") or "", row.get("start") or "", row.get("end") or ""))
    return out


def acled_country(iso3: str | None, fallback: str | None) -> str | None:
    """The country as ACLED writes it in an actor's name ("Civilians (Mali)")."""
    periods = state_force_periods().get(iso3 or "")
    if periods:
        return re.sub(r"^the\s+", "", periods[0].stem)
    return fallback


def acled_state_forces(iso3: str | None, country: str | None, when: str | None, police: bool = False) -> str:
    """ACLED's name of a state's forces at ``when`` (an ISO date, or its year):
    "Military Forces of Mali (2021-)", "Police Forces of Somalia (2022-)"; the
    period whose dates hold ``when`` (the latest when no date is known), none
    when tally has no periods for the country."""
    force = "Police Forces" if police else "Military Forces"
    periods = state_force_periods().get(iso3 or "")
    if not periods:
        return f"{force} of {country}" if country else force
    chosen = periods[-1]
    day = when + "-01-01"[len(when) - 4:] if when and re.fullmatch(r"\d{4}(-\d{2}){0,2}", when) else None
    if day:  # a year or a month: its first day
        chosen = next((p for p in periods if (not p.start or p.start <= day) and (not p.end or day < p.end)),
                      chosen)
    return f"{force} of {chosen.stem}" + (f" ({chosen.period})" if chosen.period else "")


def _written(actor: Actor) -> list[str]:
    """The name the text wrote for the actor when it differs from the table's
    (``make_actor`` puts it first among the aliases)."""
    return actor.aliases[:1]


def name_actor(actor: Actor, *, iso3: str | None, country: str | None, when: str | None, text: str,
               state_re: re.Pattern[str] | None = None, external_re: re.Pattern[str] | None = None) -> Named:
    """``actor`` in ACLED's, GTD's and UCDP's naming, for a record in ``iso3``
    (``country``) on ``when``, whose document text is ``text``."""
    table = actor_table()
    written = _written(actor)
    police = any(_POLICE_RE.search(w) for w in [actor.name, *written])
    known = table.lookup(actor.name) or next((e for w in written if (e := table.lookup(w)) is not None), None)
    if known is None and IDENTITY_RE.search(actor.name):  # "Habar Gidir Clan Militia": a militia of a community
        place = acled_country(iso3, country)
        said = written[0] if written else actor.name
        return Named(f"{actor.name} ({place})" if place else actor.name, IDENTITY_MILITIA, said, said, None,
                     "a militia named by its clan or community")
    if known is None:
        nation = country_by_name(actor.name.strip())
        if nation is not None:
            return _state(nation.iso3, nation.name, iso3, when, police, "a country named as a side")
        if external_re is not None and external_re.search(actor.name):
            return Named(actor.name, EXTERNAL, actor.name, actor.name, None, "foreign or international forces")
        if state_re is not None and state_re.search(actor.name):
            return _state(iso3, country, iso3, when, police, "state forces of the record's country")
        return Named(actor.name, REBEL, actor.name, actor.name, None, "a group the actor table does not know")
    row = table.resolve(known[0], written, iso3, text)
    rule = "actor table" if row == known[0] else f"actor table: a name {known[0]} shares, resolved by text and country"
    kind = table.kinds.get(row, "")
    if kind in ("state", "state force"):
        home = table.countries.get(row)
        nation = country_by_name(row) if home is None else None
        return _state(home or (nation.iso3 if nation else iso3), row if kind == "state" else country,
                      iso3, when, police, rule)
    names = table.datasets.get(row)
    if names is None:
        return Named(row, REBEL, row, row, row, rule)
    inter = names.acled_inter or (EXTERNAL if kind in ("organization", "private military company") else REBEL)
    acled = names.acled.replace("{country}", acled_country(iso3, country) or "").replace(" ()", "") or row
    return Named(acled, inter, names.gtd or row, names.ucdp or row, row, rule)


def _state(home: str | None, name: str | None, iso3: str | None, when: str | None, police: bool, rule: str) -> Named:
    """A state's forces: ACLED's dated name (external forces, 8, outside their
    own country), UCDP's government."""
    periods = state_force_periods().get(home or "")
    country = re.sub(r"^the\s+", "", periods[0].stem) if periods else name
    foreign = bool(home and iso3 and home != iso3)
    ucdp_country = name or country
    return Named(acled_state_forces(home, country, when, police), EXTERNAL if foreign else STATE, None,
                 f"Government of {ucdp_country}" if ucdp_country else "Government", None,
                 rule + (": a foreign state's forces" if foreign else ": state forces"))


# ----------------------------------------------------------------------------- who acted first



def _mentions(text: str, start: int, end: int, actors: list[Actor]) -> list[int]:
    """Offsets in ``text[start:end]`` where one of ``actors`` is named."""
    out = []
    for a in actors:
        for name in {a.name, *a.aliases}:
            if len(name) < 2:
                continue
            flags = 0 if name.isupper() else re.I
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text[start:end], flags):
                out.append(start + m.start())
    return out


def initiator(text: str, sentences: list[tuple[int, int]], attack_starts: list[tuple[int, int]],
              side1: list[Actor], side2: list[Actor]) -> tuple[int, int, int] | None:
    """Which side acted first, read in the first sentence of ``sentences``
    holding an attack word (``attack_starts``: their offsets): the side named
    nearest before an attack word ("JNIM fighters attacked the army camp"),
    or just after it when "by" follows ("the camp was attacked by JNIM").
    ``(side, start, end)`` of the attack word, ``None`` when neither side is
    named so."""
    for s_start, s_end in sentences:
        cues = [(a, b) for a, b in attack_starts if s_start <= a < s_end]
        if not cues:
            continue
        m1 = _mentions(text, s_start, s_end, side1)
        m2 = _mentions(text, s_start, s_end, side2)
        for a, b in cues:
            if BY_AFTER.match(text, b):
                after = [(p, 1) for p in m1 if p >= b] + [(p, 2) for p in m2 if p >= b]
                if after:
                    return min(after)[1], a, b
            before = [(p, 1) for p in m1 if p < a] + [(p, 2) for p in m2 if p < a]
            if before:
                return max(before)[1], a, b
        return None
    return None
