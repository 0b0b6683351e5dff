"""Casualty totals: the claims of a document reconciled into low / best / high.

``casualty_totals(claims, doc, policy, sides)`` returns ``(casualties, casualties_by_side)``
(``sides``: the incident's sides, to tell a side's own infobox figures from its enemy's):
one :class:`~tally.model.Estimate` (or None) per category of
``model.CATEGORIES``, and per side id the same. Each Estimate names its
``rule`` and the indexes of the ``claims`` it rests on.

Reading one claim
    ``best`` is the stated figure; for "at least N" / "N+" it is N with an open
    high (None); for a range "77-100" low 77, best 77 (the conservative end),
    high 100; for "about N" and "up to N" N; for a vague word the low end of
    :data:`tally.text.quantities.VAGUE` ("dozens" = 12..99, best 12).

Infobox rules (issue 2, section 6), per category
    1. ``infobox-total``: a total field (``fatalities``, ``deaths``,
       ``injuries``, ``casualties``, ``victims``) wins. Its segments are added
       when they count different groups ("20 hostages, 2 gunmen" = 22;
       "x (+y)" = x + y); segments that count the same group twice (no
       group named, or the same group: "77 (per AFP), 100 (per the army)",
       "157 (revised figure); 160 (earlier figure)") are alternatives: low =
       the lowest low, best = the lowest best, high = the highest high.
    2. ``infobox-sides``: otherwise the rows ``casualtiesN`` (and the
       civilian/other row) are added: a side's own alternatives reconcile as
       above, and a compound claim ("20 killed or arrested") only widens the
       side's high. "7 and at least two soldiers" is low 9, high open.
       An open figure anywhere leaves the total's high None, and so does a
       side whose row says its losses are "unknown" (for that category or
       all); a side that gives no figure for a category adds 0 to it. A
       "Total:" line outside the sides' rows is the total
       (``infobox-total-line``), never another side.
       The seed article: side 1 "77-100 killed" (77..100), side 2 "10 killed
       (per JNIM)" widened by "20 killed or arrested (per Mali)" (10..20), the
       other row "1 alleged militant lynched" (1) -> killed low 88, best 88,
       high 121.
    3. Pages with no infobox figure for a category take it from the body
       (lead first), as below.

Narrative rules (body claims; what WAD's coders do)
    Claims of another incident (``other_event``) and compound categories
    ("dead or wounded") are left out; a figure introduced as part of another
    ("29 people, including 10 foreigners") is a ``subset`` and not added.
    Within one sentence the distinct groups are added ("killed 14 civilians
    and three soldiers" = 17; ``narrative-sum``). Across sentences the first
    sentence with a figure gives the toll; a later sentence whose figures are
    all additional ("another 27 people were wounded", "five others") is
    added; a later, larger figure replaces it (an update: "the toll rose to
    30"; ``narrative-update``); a smaller or equal one is a repeat or a
    breakdown and is ignored. Counts read without a number ("shot dead the
    village chief" = 1) are used only when the document states no number for
    that category (``narrative-implicit``).
    Perpetrators killed in the act ("a suicide bomber killed himself and five
    others") are told apart (side ``perpetrators``) and, like the WAD coders,
    left out of ``best``; they are added to ``high`` so the interval still
    holds everyone killed. ``casualties_by_side`` gives their own figure.

By side
    ``casualties_by_side[side][category]``: the side's infobox row
    (``infobox-side``; alternatives reconciled as above), else its body claims
    read as alternative reports of one figure (``body-side-alternatives``:
    low = lowest, best = lowest best, high = highest high). Sides are the
    infobox ids ("1", "2"...), ``other``, ``civilians`` and ``perpetrators``.

Intervals
    A narrative estimate is widened to the other readings of the same text:
    ``low`` is the smallest single victim figure (a coder may keep a subset
    such as "including 17 civilians"), ``high`` the sum of every non-subset
    figure. A killing reported with no figure at all gives low 1, best 1,
    high open (``narrative-unquantified``).
"""

from __future__ import annotations

import re

from ..claims import is_implicit, mentions_killing, relation
from ..claims.lexicon import of as lexicon_of
from ..claims.lexicon.en import RIGHT_TRIGGERS
from ..claims.lexicon.patterns import categories_in
from ..claims.sources import source_side
from ..model import CATEGORIES, Claim, Document, Estimate, Side
from .figures import claim_bounds
from .lexicon import DETERMINERS, group_head, noun_group
from .readings import (REVISED_RE, another_voice, authority_over, counted_figure, open_by_a_floor,
                       reads_a_toll, revision, says_update, total_of_the_rest, widen, without_totals_of_sides)

#: policies whose killed total counts the attackers killed in the act
COUNT_ATTACKERS = ("gtd", "ucdp", "acled")

TOTAL_KEYS = re.compile(r"^(?:fatalities|deaths?|injuries|injured|casualties|victims|killed|wounded|dead|"
                        r"missing|captured|hostages|arrested|displaced|non_?fatal_?injuries)$")


def casualty_totals(claims: list[Claim], doc: Document, policy: str = "tally", sides: list[Side] | None = None):
    casualties: dict[str, Estimate | None] = {c: None for c in CATEGORIES}
    by_side: dict[str, dict[str, Estimate | None]] = {}
    field_of = _field_keys(claims, doc)
    nsides = _combatant_sides(doc)

    for cat in CATEGORIES:
        est = _infobox_total(claims, cat, field_of, nsides, doc, sides or [])
        if est is None:
            est = _narrative_total(claims, cat, doc, policy)
        if est is None and cat == "killed" and mentions_killing(doc):
            # a killing is reported but never counted: at least one
            est = Estimate(low=1, best=1, high=None, rule="narrative-unquantified", claims=[])
        casualties[cat] = _ceiling(est, claims, cat)

    # per side: infobox rows first, else body claims with a side
    sides = sorted({c.side for c in claims if c.side and not c.other_event})
    for sid in sides:
        row: dict[str, Estimate | None] = {}
        for cat in CATEGORIES:
            idx = [i for i, c in enumerate(claims) if c.side == sid and c.categories == [cat]
                   and not c.other_event and c.origin == "infobox"]
            rule = "infobox-side"
            if not idx:
                idx = [i for i, c in enumerate(claims) if c.side == sid and c.categories == [cat]
                       and not c.other_event and relation(c, doc) != "subset"]
                rule = "body-side-alternatives"
            if idx:
                e = _alternatives([claims[i] for i in idx], idx, rule)
                row[cat] = e
            else:
                row[cat] = None
        if any(row.values()):
            by_side[sid] = row
    return casualties, by_side


# --------------------------------------------------------------------------- helpers


def _ceiling(est: Estimate | None, claims: list[Claim], cat: str) -> Estimate | None:
    """A body compound claim ("killed or wounded 40") bounds its categories from above when it is
    all the text says of one: an unquantified killing gets its high (``+ceiling``), a category
    with no figure at all a ceiling only (``narrative-ceiling-only``: low and best null)."""
    if est is not None and (est.rule != "narrative-unquantified" or est.high is not None):
        return est
    comp = [(i, c) for i, c in enumerate(claims) if c.origin == "body" and not c.other_event
            and len(c.categories) > 1 and cat in c.categories and c.high is not None]
    if not comp:
        return est
    i, c = min(comp, key=lambda ic: ic[1].high)
    if est is None:
        return Estimate(low=None, best=None, high=c.high, rule="narrative-ceiling-only", claims=[i])
    return Estimate(low=est.low, best=est.best, high=max(c.high, est.best or 0),
                    rule=est.rule + "+ceiling", claims=[i])


def _add(a: tuple[int, int, int | None], b: tuple[int, int, int | None]) -> tuple[int, int, int | None]:
    return (a[0] + b[0], a[1] + b[1], None if a[2] is None or b[2] is None else a[2] + b[2])


def _alternatives(cs: list[Claim], idx: list[int], rule: str, across: bool = False) -> Estimate:
    """Several readings of one count: the lowest to the highest. ``across`` (sources' estimates in
    one infobox row, "90 (per the ministry), 150+ (per local groups)"): the interval runs from the
    lowest source's figure to the highest's, a "+" on a figure not opening it (the infobox
    convention, docs/reconcile.md)."""
    bounds = [claim_bounds(c) for c in cs]
    low = min(b[0] for b in bounds)
    best = min(b[1] for b in bounds)
    if across:
        high = max(b[2] if b[2] is not None else b[0] for b in bounds)
    else:
        high = None if any(b[2] is None for b in bounds) else max(b[2] for b in bounds)
    if high is not None and high < best:
        high = best
    return Estimate(low=low, best=best, high=high, rule=rule, claims=list(idx))


def _field_keys(claims: list[Claim], doc: Document) -> dict[int, str]:
    out: dict[int, str] = {}
    if doc.infobox is None:
        return out
    for i, c in enumerate(claims):
        if c.origin != "infobox" or c.figure_start is None:
            continue
        for f in doc.infobox.fields:
            if f.start <= c.figure_start < max(f.end, f.start + 1):
                out[i] = f.key
                break
    return out


def _combatant_sides(doc: Document) -> set[str]:
    out = set()
    if doc.infobox is not None:
        for f in doc.infobox.fields:
            m = re.fullmatch(r"combatant(\d)\w?", f.key)
            if m and f.value.strip():
                out.add(m.group(1))
    return out


def group_sum(items: list[tuple[int, Claim]], rule: str) -> Estimate | None:
    """Segments of one infobox row: distinct groups add, alternative sources don't."""
    if not items:
        return None
    groups = [(c.group or "").lower() for _, c in items]
    if len(items) > 1 and (len(set(groups)) < len(groups) or groups.count("") > 1 or any(
            not g and c.source for g, (_, c) in zip(groups, items))):
        # (a segment naming no group but its source, "800 killed according to the BBC", is that
        # source's figure for the whole toll)
        # the same group counted twice, by different sources or at different times
        # ("10 killed (per A), 20 killed (per B)", "157 (revised figure); 160 (earlier figure)")
        return _alternatives([c for _, c in items], [i for i, _ in items], rule + "-alternatives", across=True)
    totals = [c for _, c in items if c.group and re.search(r"\btotal\b", c.group, re.I)]
    if totals:
        return _alternatives(totals, [i for i, c in items if c in totals], rule + "-stated")
    acc = (0, 0, 0)
    for _, c in items:
        acc = _add(acc, claim_bounds(c))
    return Estimate(low=acc[0], best=acc[1], high=acc[2], rule=rule, claims=[i for i, _ in items])


def _enemy_says(c: Claim, row: str, sides: list[Side]) -> bool:
    """A side's row segment given by its enemy ("2,500 killed (per Ukraine)" on
    the other side): a party source that is another side."""
    if c.source_class != "party" or not c.source or not sides:
        return False
    ssid = source_side(c.source, sides)
    return ssid is not None and ssid != row


def _infobox_total(claims, cat, field_of, nsides, doc, sides: list[Side] = ()) -> Estimate | None:
    ib = [(i, c) for i, c in enumerate(claims) if c.origin == "infobox" and not c.other_event]
    if not ib:
        return None
    # 1. a stated total field
    total_items = [(i, c) for i, c in ib if cat in c.categories and len(c.categories) == 1
                   and TOTAL_KEYS.match(field_of.get(i, ""))]
    if total_items:
        by_field: dict[str, list] = {}
        for i, c in total_items:
            by_field.setdefault(field_of[i], []).append((i, c))
        # the first field holding the category
        key = next(iter(by_field))
        return group_sum(by_field[key], "infobox-total")
    # 2. a "Total:" line outside the sides' rows is the total, not another side
    stated = [(i, c) for i, c in ib if c.categories == [cat] and c.side in ("other", None)
              and (c.group or "").lower().startswith("total")
              and re.fullmatch(r"(?:casualties|losses)\d\w?", field_of.get(i, ""))]
    if stated:
        return _alternatives([c for _, c in stated], [i for i, _ in stated], "infobox-total-line")
    # 3. the sides and other rows
    rows: dict[str, list] = {}
    compound: dict[str, list] = {}
    unknown: set[str] = set()
    for i, c in ib:
        key = field_of.get(i, "")
        m = re.fullmatch(r"(?:casualties|losses)(\d)\w?", key)
        if not m:
            continue
        if cat in c.categories:
            (rows if len(c.categories) == 1 else compound).setdefault(m.group(1), []).append((i, c))
    if not rows:
        return None
    for f in doc.infobox.fields:  # a side whose row says "unknown" (for this category, or for all)
        m = re.fullmatch(r"(?:casualties|losses)(\d)\w?", f.key)
        if m and _says_unknown(f.value, cat):
            unknown.add(m.group(1))
    acc = (0, 0, 0)
    idx: list[int] = []
    rule = "infobox-sides"
    for row in sorted(set(rows) | set(compound)):
        # the enemy's claim of a side's losses only widens the high: the sides' own or
        # independent figures are summed
        enemy = [(i, c) for i, c in rows.get(row, []) if _enemy_says(c, row, sides)]
        if enemy:
            rule = "infobox-sides+enemy-claims-high-only"
        own = [(i, c) for i, c in rows.get(row, []) if i not in {j for j, _ in enemy}]
        if own:
            e = group_sum(own, "row")
            lo, be, hi = e.low, e.best, e.high
        else:
            lo, be, hi = 0, 0, 0
            e = Estimate(claims=[])
        for i, c in enemy:
            hi = None if hi is None or c.high is None else max(hi, c.high)
            idx.append(i)
        for i, c in compound.get(row, []):
            if hi is not None:
                hi = None if c.high is None else max(hi, c.high)
            idx.append(i)
        acc = _add(acc, (lo, be, hi))
        idx.extend(e.claims)
    high = acc[2]
    # a side that gives no figure for a category another side gives adds 0 to the closed
    # interval; an explicit "unknown" opens it
    if any(s in unknown and s not in rows for s in nsides | unknown) or (nsides and not nsides & set(rows)):
        high = None  # (no combatant side gives the category at all: their losses are not known)
    return Estimate(low=acc[0], best=acc[1], high=high, rule=rule, claims=sorted(idx))


_UNKNOWN_RE = re.compile(r"\b(?:unknown|unclear|not\s+known|n/?a)\b(?P<rest>[^,;\n]*)", re.I)


def _says_unknown(value: str, cat: str) -> bool:
    """True when an infobox row says its losses of ``cat`` are unknown: "Unknown",
    "unknown wounded", "killed: unknown" (a category word beside it names the one)."""
    for m in _UNKNOWN_RE.finditer(value):
        line = value[value.rfind("\n", 0, m.start()) + 1:m.end()]
        named = categories_in(line, RIGHT_TRIGGERS)
        if not named or cat in named:
            return True
    return False


def _narrative_total(claims: list[Claim], cat: str, doc: Document, policy: str = "tally") -> Estimate | None:
    body = [(i, c) for i, c in enumerate(claims)
            if c.origin == "body" and not c.other_event and c.categories == [cat]]
    if not body:
        return None
    # attackers killed in the act are kept apart (WAD's convention); for other
    # categories (arrested, injured...) they count like anyone else
    split = cat == "killed"
    opened: set[int] = set()  # the sentences whose total gave way to its parts
    if split:
        body, opened = without_totals_of_sides(body, doc)
    victims = [(i, c) for i, c in body if not (split and c.side == "perpetrators")]
    perps = [(i, c) for i, c in body if split and c.side == "perpetrators"]
    explicit = [(i, c) for i, c in victims if not is_implicit(c) or c.group == "the named victim"]
    if explicit:  # one more dead told without a number ("... and later succumbed to his wounds") adds to the count
        have = {i for i, _ in explicit}
        explicit += [(i, c) for i, c in victims if i not in have and relation(c, doc) == "additive"]
        explicit.sort(key=lambda ic: ic[0])
    rule = "narrative-sum"
    if not victims and not perps:
        return None
    if explicit:
        use = explicit
    else:
        use = victims
        rule = "narrative-implicit"
    replaced: list[tuple[int, list[int]]] = []
    est = _sentences_total(use, rule, doc, replaced if policy == "acled" else None)
    if perps:
        p = _sentences_total(perps, "perpetrators", doc)
        if est is None:
            if p is None:
                return None
            if any(c.figure and c.figure.lower() in ("himself", "herself", "themselves") for _, c in perps) \
                    and policy not in COUNT_ATTACKERS:
                # only the attacker died ("blew himself up"): nobody else is counted
                return Estimate(low=0, best=0, high=p.high, rule="narrative-perpetrators-only", claims=p.claims)
            # the only dead are named by an attacker word ("five alleged kidnappers were
            # lynched"): they are the victims of this incident
            p.rule = "narrative-sum"
            return p
        if est.high is not None:
            est.high = None if p.high is None else est.high + p.high
        if policy in COUNT_ATTACKERS and any(relation(c, doc) != "subset" or c.start in opened for _, c in perps):
            # GTD's nkill, UCDP's deaths and ACLED's fatalities count the attackers killed too
            est.low += p.low
            est.best += p.best
            est.rule += "+perpetrators"
        est.claims = sorted(est.claims + p.claims)
    if est is not None:
        widen(est, body, doc)
        if policy == "acled":
            # the most conservative credible toll: another source's lower figure wins
            alts = [c.low for i, c in body if relation(c, doc) == "alternative" and c.low is not None
                    and c.side != "perpetrators"] + [b for b, _ in replaced]
            if alts and min(alts) < est.best:
                est.best = min(alts)
                est.rule += "+acled-lowest"
    return est


#: what joins two items of one list: "three police officers and three guards", "4 soldats, 4 civils"
_LIST_JOIN_RE = re.compile(r"(?:[^.;:!?]|(?<=[A-Z])\.){0,50}?(?:\band|\bet|,)\s*")


def _listed_apart(a: Claim, b: Claim, doc: Document) -> bool:
    """True when two claims of one figure are items of one list naming different groups ("three police
    officers and three guards"): two counts, not one restated."""
    ha, hb = group_head(a.group), group_head(b.group)
    if not ha or not hb or ha == hb or a.figure_end is None or b.figure_start is None:
        return False
    return _LIST_JOIN_RE.fullmatch(doc.text, a.figure_end, b.figure_start) is not None


def _toll_in_parts(parts: list[tuple[int, Claim]], totals: list[tuple[int, Claim]], doc: Document) -> bool:
    """True when a sentence states its toll as the items of one list of groups ("le bilan est de 14
    soldats et 6 civils tués", "the toll stood at 14 soldiers and 6 civilians"): their sum is the toll."""
    cs = sorted((c for _, c in parts), key=lambda c: c.figure_start or 0)
    if not any(c is cs[0] for _, c in totals):  # the toll's words lead the list
        return False
    return all(_listed_apart(a, b, doc) for a, b in zip(cs, cs[1:]))


def _precise_for_round(run_idx: list[int], items: list[tuple[int, Claim]], parts: list[tuple[int, Claim]],
                       acc: tuple, running: tuple) -> bool:
    """True when a toll read as approximate ("about 60", "près de soixante") meets a precise figure
    within a tenth of it ("at least 57 soldiers died"): the precise one is the count."""
    before = [c for i, c in items if i in run_idx]
    return bool(before) and all(c.qualifier == "about" for c in before) and \
        all(c.qualifier in ("exactly", "at least") for _, c in parts) and abs(acc[1] - running[1]) <= running[1] / 10


def _same_kind_part(run_idx: list[int], items: list[tuple[int, Claim]],
                    parts: list[tuple[int, Claim]]) -> tuple[list[int], tuple] | None:
    """When a sentence's figures count only kinds of victim the toll so far already counts, and that
    toll also counts other kinds: (the indexes of its claims of those kinds, their sum); else None."""
    kinds_now = {noun_group(c.group) for _, c in parts}
    if None in kinds_now:
        return None
    before = [(i, c) for i, c in items if i in run_idx]
    kinds_before = {noun_group(c.group) for _, c in before}
    if None in kinds_before or not kinds_now < kinds_before:
        return None
    idx = [i for i, c in before if noun_group(c.group) in kinds_now]
    acc = (0, 0, 0)
    for i, c in before:
        if i in idx:
            acc = _add(acc, claim_bounds(c))
    return idx, acc


def _other_victims(before: list[Claim], now: list[Claim]) -> bool:
    """True when a sentence's figures count another kind of victim than the toll so far, each
    named ("20 villagers ... Four soldiers died"): they add, never
    replace nor restate it."""
    kinds_before = {noun_group(c.group) for c in before}
    kinds_now = {noun_group(c.group) for c in now}
    return None not in kinds_before | kinds_now and not kinds_before & kinds_now


def _sentences_total(items: list[tuple[int, Claim]], rule: str, doc: Document,
                     replaced: list[tuple[int, list[int]]] | None = None) -> Estimate | None:
    """``replaced`` (when given) collects the bests that a later, larger figure
    replaced without saying it revises them (another report's figure)."""
    by_sent: dict[int, list[tuple[int, Claim]]] = {}
    for i, c in items:
        by_sent.setdefault(c.start, []).append((i, c))
    running = None
    run_idx: list[int] = []
    any_update = False
    competing_highs: list[int | None] = []
    opening = lexicon_of(doc.language).ANOTHER_EVENT_OPENING_RE
    for start in sorted(by_sent):
        if running is not None and opening.match(by_sent[start][0][1].text or ""):
            continue  # "In another attack, five soldiers were killed": another event than the toll so far
        rels = {i: relation(c, doc) for i, c in by_sent[start]}
        parts = [(i, c) for i, c in by_sent[start] if rels[i] not in ("subset", "alternative")]
        if not parts and running is None:
            # "killing five of them": a part of a group the text never counts
            parts = by_sent[start]
        if not parts:
            continue
        # the same figure twice in one sentence is one count ("5 were killed ... killing 5"), unless
        # each names a group of its own ("three police officers and three guards")
        seen: dict[int | None, Claim] = {}
        uniq = []
        for i, c in parts:
            key = c.low  # "au moins douze morts ... « Douze personnes ont été tuées »": one count, floor or exact
            numeric = (c.figure or "").strip().lower() not in DETERMINERS and not is_implicit(c)
            if key in seen and rels[i] != "additive" and numeric and not _listed_apart(seen[key], c, doc):
                continue
            seen[key] = c
            uniq.append((i, c))
        parts = uniq
        whole = total_of_the_rest(parts, doc)
        if whole is not None:
            parts = [whole]  # "22 people in all, 13 in Kiri and nine in Bara": a total and its breakdown
        totals = [(i, c) for i, c in parts if reads_a_toll(c, doc)]
        if totals and len(parts) > 1 and not _toll_in_parts(parts, totals, doc):
            # "A herder was killed too, bringing the death toll to seven": the sentence states
            # the toll, which holds its other figures; it is not added to them
            parts = [max(totals, key=lambda ic: claim_bounds(ic[1])[1])]
        revised = revision(by_sent[start], rels, running, doc)
        if revised is not None:
            # "officials initially said 40 had died, but the governor later put the toll at 32": the
            # correction replaces the figure so far, even a larger one
            running = claim_bounds(revised[1])
            run_idx = [revised[0]]
            any_update = True
            continue
        acc = (0, 0, 0)
        for i, c in parts:
            acc = _add(acc, claim_bounds(c))
        if running is not None and all(c.high is not None and c.qualifier == "vague" for _, c in parts):
            continue  # "hundreds", "plusieurs morts" beside a numbered toll: a restatement, never an update
        so_far = [c for i, c in items if i in run_idx]  # the claims the toll so far rests on
        now = [c for _, c in parts]
        additive = all(rels[i] == "additive" for i, _ in parts) or (running is not None and _other_victims(so_far, now))
        same = _same_kind_part(run_idx, items, parts) if running is not None and not additive else None
        if running is None:
            running = acc
            run_idx = [i for i, _ in parts]
        elif same is not None:
            # "Dozens of civilians killed ... seven soldiers died ... 35 civilians were killed": the
            # later civilians' figure updates (or restates) the civilians' part, the soldiers stay
            if acc[1] > same[1][1]:
                run_idx = [i for i in run_idx if i not in same[0]] + [i for i, _ in parts]
                running = (0, 0, 0)
                for i, c in items:
                    if i in run_idx:
                        running = _add(running, claim_bounds(c))
                any_update = True
        elif additive:
            running = _add(running, acc)
            run_idx += [i for i, _ in parts]
        elif acc[1] >= CAMPAIGN_RATIO * max(running[1], 1) and \
                lexicon_of(doc.language).CAMPAIGN_TENSE_RE.search(doc.text, start, parts[-1][1].end or start):
            continue  # "Boko Haram has killed more than 35,000 people in the region": a campaign's total
        elif acc[1] > running[1] and another_voice(so_far, now, doc, start):
            # "the UN counted 26 dead ... the Red Cross says it found 115 bodies": another voice's larger
            # figure, no word of an update, and not an authority's over a non-authority's: it widens the high
            competing_highs.append(acc[2])
        elif acc[1] > running[1] and _counted_toll(running, run_idx, items, start, doc) and \
                not says_update(doc, start, now) and \
                not authority_over(so_far, now):
            # "Gunmen killed 12 people ... a local official put the dead at 15": a news report states its
            # current toll first and words an update as one ("rose to", "portant le bilan à"); a later,
            # larger figure with no such word, after a counted toll, is another count: it widens the high
            # (an authority's count after a figure no authority gave is the count: "Police said 25 died")
            competing_highs.append(acc[2])
        elif acc[1] > running[1] or _precise_for_round(run_idx, items, parts, acc, running):
            if replaced is not None and not REVISED_RE.search(doc.text, start, parts[0][1].end):
                replaced.append((running[1], list(run_idx)))
            running = acc
            run_idx = [i for i, _ in parts]
            any_update = True
    if running is None:
        return None
    high = running[2]
    if competing_highs:
        if high is None and None not in competing_highs and open_by_a_floor(run_idx, items):
            # "at least 35, the army said ... residents counted 44": the sources range from 35 to 44
            high = max(competing_highs)  # type: ignore[type-var]
        else:
            high = None if high is None or None in competing_highs else max([high, *competing_highs])  # type: ignore[list-item]
        rule += "+another-voice-high"
    return Estimate(low=running[0], best=running[1], high=high,
                    rule=rule + ("+update" if any_update else ""), claims=run_idx)


def _counted_toll(running: tuple, run_idx: list[int], items: list[tuple[int, Claim]], start: int,
                  doc: Document) -> bool:
    """True when the toll so far is a counted figure: each claim it rests on is, or a counted claim
    before ``start`` restates it (a headline's "14", then the lead's "killed 14 people")."""
    return all(counted_figure(c, doc) for i, c in items if i in run_idx) or any(
        c.start < start and claim_bounds(c)[1] == running[1] and counted_figure(c, doc) for _, c in items)


#: a later figure this many times the toll so far, in a present-perfect clause with no day, is a campaign's total
CAMPAIGN_RATIO = 10
