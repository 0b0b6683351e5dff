"""The disagreements of a record (``conflicts``): per side and category, two
counts of the same people whose ranges do not overlap, an infobox row the body
contradicts, a compound figure that cannot hold; and generic counts of no side
from two named sources that do not overlap (docs/reconcile.md, "Conflicts")."""

from __future__ import annotations

from typing import Any

from ..limits import check_time
from ..model import CATEGORIES
from .figures import key_source, overlap, same_people
from .lexicon import GENERIC_GROUP_RE
from .sides import SideView
from .wording import cats, figure, side_words, speaker


def find_conflicts(view: SideView) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    for sid in view.side_ids():
        for cat in CATEGORIES:
            _side_conflicts(view, sid, cat, out, seen)
    _generic_conflicts(view, out, seen)
    return out


def _side_conflicts(view: SideView, sid: str, cat: str, out: list, seen: set) -> None:
    cl = view.claims
    idx = view.current(view.members(sid, cat))
    single = [i for i in idx if len(cl[i].categories) == 1 and view.whole(i, sid)]
    compound = [i for i in idx if len(cl[i].categories) > 1]
    ib_row = [i for i in single if cl[i].origin == "infobox"]
    for a in range(len(single)):
        check_time("comparing claims")  # pairs grow as n²: the time budget (tally.limits)
        for b in range(a + 1, len(single)):
            i, j = single[a], single[b]
            if not same_people(cl[i], cl[j]):
                continue  # "three attackers" and "a fourth attacker": two groups, not two counts
            if sid not in view.first_names and "infobox" not in (cl[i].origin, cl[j].origin) and (
                    not cl[i].source or not cl[j].source or key_source(cl[i]) == key_source(cl[j])):
                continue  # no sides to weigh: only two named sources can disagree
            if len(ib_row) > 1 and (cl[i].origin, cl[j].origin) in (("infobox", "body"), ("body", "infobox")):
                body = cl[j] if cl[i].origin == "infobox" else cl[i]
                if any(overlap(body, cl[k]) for k in ib_row):
                    continue  # the body counts one of the row's groups
            if not overlap(cl[i], cl[j]):
                kind = "infobox-contradicted" if "infobox" in (cl[i].origin, cl[j].origin) \
                    else "ranges-disjoint"
                _add(view, out, seen, cat, sid, i, j, kind)
    for k in compound:
        # the compound figure against this count plus the side's counts of its other
        # categories: "20 killed or arrested" vs "10 killed" and no arrest reported
        others = 0.0
        for oc in cl[k].categories:
            if oc == cat:
                continue
            o_idx = [i for i in view.current(view.members(sid, oc))
                     if len(cl[i].categories) == 1 and view.whole(i, sid)]
            if o_idx:
                others += max(float("inf") if cl[i].high is None else cl[i].high for i in o_idx)
        for i in single:
            if key_source(cl[i]) == key_source(cl[k]):
                continue
            too_many = cl[i].high is not None and (cl[k].low or 0) > cl[i].high + others
            too_few = cl[k].high is not None and (cl[i].low or 0) > cl[k].high
            if too_many or too_few:
                _add(view, out, seen, cat, sid, i, k, "compound-differs")


def _generic_conflicts(view: SideView, out: list, seen: set) -> None:
    """Claims of no side, from two different named sources."""
    cl = view.claims
    gen = [i for i, c in enumerate(cl) if c.side is None and i not in view.attached and c.origin == "body"
           and view.usable(i) and len(c.categories) == 1 and c.source and view.rel[i] != "additive"
           and (not c.group or GENERIC_GROUP_RE.match(c.group.strip()))]
    for a in range(len(gen)):
        check_time("comparing claims")
        for b in range(a + 1, len(gen)):
            i, j = gen[a], gen[b]
            if cl[i].categories == cl[j].categories and key_source(cl[i]) != key_source(cl[j]) \
                    and not overlap(cl[i], cl[j]):
                _add(view, out, seen, cl[i].categories[0], None, i, j, "ranges-disjoint")


def _add(view: SideView, out, seen, cat, sid, i, j, kind) -> None:
    key = (cat, sid, min(i, j), max(i, j))
    if key in seen:
        return
    seen.add(key)
    a, b = view.claims[i], view.claims[j]
    text = (f"{speaker(a)} says {figure(a)} {cats(a)}; {speaker(b)} says {figure(b)} {cats(b)}"
            f"{side_words(sid, view.incident)}")
    out.append({"category": cat, "side": sid, "claims": [i, j], "kind": kind, "text": text})
