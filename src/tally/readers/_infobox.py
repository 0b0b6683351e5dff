"""Infobox helpers shared by the wiki readers: key normalisation and family."""

from __future__ import annotations

import re

_KEY_SEP = re.compile(r"[\s\-]+")

#: Keys that mark the two infobox families tally understands.
CONFLICT_KEYS = {"conflict", "combatant1", "combatant2", "casualties1", "casualties2",
                 "commander1", "strength1", "partof", "result"}
ATTACK_KEYS = {"fatalities", "injuries", "injured", "perpetrator", "perpetrators", "perps",
               "target", "weapons", "weapon", "type", "victims", "deaths", "assailant",
               "assailants", "motive", "susperps", "accused"}


def normalise_key(name: str) -> str:
    """``"Casualties 1"`` -> ``casualties1``; ``"Part of"`` -> ``part_of``."""
    key = _KEY_SEP.sub("_", name.strip().lower())
    key = re.sub(r"_(\d)$", r"\1", key)  # "casualties_1" -> "casualties1"
    key = re.sub(r"\((e?s)\)$", r"\1", key)  # "perpetrator(s)", "location(s)", "death(s)": the plural
    key = re.sub(r"_?\([^()]*\)$", "", key) or key  # "injured_(non_fatal)" -> "injured"
    return _KEY_ALIASES.get(key, key)


#: Infobox parameter names read as the key tally looks for.
_KEY_ALIASES = {"part_of": "partof", "susperps": "perps", "suspected_perpetrators": "perps",
                "suspected_perpetrator": "perps", "suspects": "perps", "assailant(s)": "assailants",
                "places": "locations", "date_of_attack": "date", "dates": "date",
                # "Reported Deaths", "reported_injuries": the casualty fields under their plain names
                "reported_deaths": "deaths", "reported_death": "deaths", "reported_fatalities": "fatalities",
                "reported_injuries": "injuries", "reported_injured": "injured"}


_LEADING_ARTICLE_RE = re.compile(r"^(?:part of\s+)?the\s+(?=\S)", re.I)


def value_skip(key: str, value: str) -> int:
    """How many leading characters of a field's value are not its content:
    a ``partof`` value names the wider conflict, so "the Mali War" is
    "Mali War" (the article rides along from the prose-style infobox line)."""
    if key != "partof":
        return 0
    m = _LEADING_ARTICLE_RE.match(value)
    return m.end() if m else 0


def infobox_kind(template: str, keys: set[str]) -> str:
    """``conflict`` (military conflict style), ``attack`` (civilian attack
    style) or ``other``, from the template name first, then the keys."""
    t = template.lower()
    if any(w in t for w in ("military conflict", "military operation", "battle", "war", "conflict")):
        return "conflict"
    if any(w in t for w in ("civilian attack", "terrorist", "attack", "massacre", "bombing",
                            "shooting", "event", "incident")):
        return "attack"
    if keys & {"combatant1", "casualties1", "commander1"}:
        return "conflict"
    if keys & ATTACK_KEYS:
        return "attack"
    if keys & CONFLICT_KEYS:
        return "conflict"
    return "other"


_DMS = r"(\d{1,3}(?:\.\d+)?)\s*°\s*(?:(\d{1,2}(?:\.\d+)?)\s*[′'’]\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*(?:″|\"|''|’’)\s*)?"
_DMS_PAIR_RE = re.compile(_DMS + r"([NS])[\s,;/]*" + _DMS + r"([EW])\b")
_DECIMAL_PAIR_RE = re.compile(r"(?<![\d.])(-?\d{1,2}\.\d+)\s*[;,]\s*(-?\d{1,3}\.\d+)(?![\d.])")
#: infobox keys that may hold a page's coordinates written out as text
COORD_KEYS = ("coordinates", "coords", "coordinate", "coord", "location", "place", "locations", "site")


def parse_coordinates(text: str, bare_decimals: bool = False) -> dict[str, float] | None:
    """Coordinates written out as text, as the plain-text rendering shows a
    ``{{coord}}``: ``12°36′N 7°59′W``, ``12.6°N 8.0°W``, ``12°36′30″N 7°59′12″W``
    (the most precise form given wins: ``... / 12.608°N 7.983°W / 12.608; -7.983``),
    and with ``bare_decimals`` a plain ``12.608; -7.983``. None when there are none."""
    best: tuple[int, dict[str, float]] | None = None
    for m in _DMS_PAIR_RE.finditer(text):
        g = m.groups()
        try:
            lat = _dms(g[0:3]) * (1 if g[3] == "N" else -1)
            lon = _dms(g[4:7]) * (1 if g[7] == "E" else -1)
        except ValueError:
            continue
        digits = sum(len(x or "") for x in g[0:3] + g[4:7])
        if -90 <= lat <= 90 and -180 <= lon <= 180 and (best is None or digits > best[0]):
            best = (digits, {"lat": round(lat, 6), "lon": round(lon, 6)})
    if best is None and bare_decimals:
        m = _DECIMAL_PAIR_RE.search(text)
        if m:
            lat, lon = float(m.group(1)), float(m.group(2))
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                best = (0, {"lat": round(lat, 6), "lon": round(lon, 6)})
    return best[1] if best else None


def _dms(parts: tuple[str | None, ...]) -> float:
    deg, mins, secs = (float(p) if p else 0.0 for p in parts)
    if mins >= 60 or secs >= 60:
        raise ValueError("minutes or seconds out of range")
    return deg + mins / 60 + secs / 3600
