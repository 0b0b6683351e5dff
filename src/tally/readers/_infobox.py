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
    return {"part_of": "partof", "perpetrator(s)": "perpetrators"}.get(key, key)


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
