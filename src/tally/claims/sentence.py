"""The claims of one body sentence: each candidate figure (:mod:`.figures`)
linked to a casualty trigger (:mod:`.lexicon`) on its left ("killed 14
civilians"), on its right through a short noun phrase and a passive auxiliary
("13 people were killed"; an active verb with an object after it marks an agent,
not a victim count), through "left/leaving" ("left 5 dead"), "along with" ("X
was killed along with eight others"), or a conjunction, backwards or forwards
("killed 14 civilians and three soldiers", "13 inmates and one guard were
killed"); then the counts read without a number (:mod:`.implicit`).

The steps, in order: :func:`_figure_claims` links each figure (:func:`_link`
tries ``_link_left``, ``_link_toll``, ``_link_with_others``, ``_link_leave``,
``_link_right``, ``_link_conjunct``, ``_link_forward``, ``_link_subset``) and
:func:`_emit` makes its claim; then :func:`_suicide_claims`,
:func:`_attacker_death_claim` and :func:`_implicit_claims`."""

from __future__ import annotations

import re

from ..model import Claim
from ..text.quantities import Quantity
from .attribution import STATING_RE
from .figures import sentence_quantities
from .groups import ClaimContext, clean_group, not_people
from .implicit import BLEW_UP_RE, HIMSELF_RE, IMPLICIT_PASSIVE_RE, drop_restatements, implicit_in_clause
from .lexicon import current as _lex
from .lexicon.patterns import TOLL_WORDS, alt, categories_in, first_group, matched_cat




def _governed(clause_before: str) -> bool:
    """True when a casualty word just before the figure already governs it
    ("killed along with the two attackers"), so it cannot open a new chain."""
    last = None
    for last in _lex().trigger_re("left").finditer(clause_before):
        pass
    for m in _lex().trigger_re("right").finditer(clause_before):
        if last is None or m.end() > last.end():
            last = m
    if last is None:
        return False
    words = clause_before[last.end():]
    return not re.match(r"^\s*(?:and|while|but|whereas)\b", words) and len(words.split()) <= 4


def _forward_cat(text: str, qs: list[Quantity], i: int, se: int, depth: int = 0) -> str | None:
    """The category of a chain "13 inmates and one guard were killed" /
    "a chief, his wife and three sons have been shot dead", read forwards."""
    if i + 1 >= len(qs) or depth > 4:
        return None
    between = text[qs[i].end:qs[i + 1].start]
    if not _lex().CONJ_RE.match(between):
        return None
    trig = _lex().trigger_re("right").search(text, qs[i].end, se)  # read with what follows: "5 hostages and 4 ... were killed"
    if trig is not None and trig.start() < qs[i + 1].start:
        return None
    nq = qs[i + 1]
    rm = _lex().RIGHT_RE.match(text[nq.end:min(se, nq.end + _lex().WINDOW)])
    if rm and (re.search(r"\b(?:were|are|have|had|been)\b", rm.group("aux")) or
               not _lex().OBJ_AFTER.match(text[nq.end + rm.end():se]) and not rm.group(first_group(rm)).lower().endswith("ing")):
        return matched_cat(rm)
    return _forward_cat(text, qs, i + 1, se, depth + 1)


_LOST_PEOPLE_RE = re.compile(r"(?:\w+\s+){0,2}?(?:soldiers|fighters|men|troops|militants|insurgents|rebels|"
                             r"policemen|officers|personnel|members|people|civilians|lives)\b", re.I)


_COUNTED_ATTACKERS_RE = re.compile(r"^\s+(?:[\w-]+\s+){0,3}?(?:suicide\s+)?(?:bombers?|attackers?|assailants?|"
                                   r"gunm[ae]n|militants?|fighters?|women|men|girls|boys)\b[^.;]{0,80}$", re.I)


_ATTACKER_DIED_RE = re.compile(
    r"\b(?P<pro>he|she)\s+(?:was|had\s+been)\s+(?:\w+ly\s+)?(?:shot\s+dead|killed|shot\s+and\s+killed|gunned\s+down|"
    r"fatally\s+shot)\b|\b(?:killed|shot\s+dead|shot\s+and\s+killed|gunned\s+down|fatally\s+shot)\s+(?P<obj>him|her)\b|"
    r"\b(?:shot|killed)\s+(?P<self>himself|herself)\b(?!\s+and\b)", re.I)
#: who the pronoun stands for: one attacker named earlier in the sentence, or "He shot ...", "She opened fire ..."
_ATTACKER_SUBJECT_RE = re.compile(r"\b(?:gunman|attacker|assailant|bomber|shooter|perpetrator|killer|hijacker)\b|"
                                  r"^\s*(?:He|She)\s+(?:then\s+)?(?:shot|killed|stabbed|opened\s+fire|attacked|fired)\b")


def _suicide(add, text: str, qs: list[Quantity], ss: int, ws: int, we: int, who: str) -> None:
    """The attackers who killed or blew up themselves: one for "himself"; for
    "themselves" the number of the subject ("Two women wearing explosive belts
    blew themselves up": 2), else at least one."""
    if who.lower() != "themselves":
        add(1, 1, "exactly", ["killed"], "the attacker", ws, we, who, side="perpetrators")
        return
    for q in reversed([q for q in qs if ss <= q.start and q.end <= ws]):
        if q.low == q.high and q.low > 1 and _COUNTED_ATTACKERS_RE.match(text[q.end:ws]):
            add(q.low, q.high, "exactly", ["killed"], "the attackers", q.start, q.end, q.text, side="perpetrators")
            return
    add(1, None, "at least", ["killed"], "the attackers", ws, we, who, side="perpetrators")


# --- the steps of one figure's link to a casualty trigger, tried in this order ---------------------
# Each returns ``(categories, group)`` when it links the figure, else ``None``.

#: a partitive whose group follows its verb: "three of whom were UN peacekeepers", "two of them were soldiers"
_OF_WHOM_WERE_RE = re.compile(r"^\s+of\s+(?:whom|them|those)\s+(?:were|was|are|is)\s+(?:all\s+|also\s+)?", re.I)


def _group_after(after: str) -> str | None:
    pm = _OF_WHOM_WERE_RE.match(after)
    if pm:
        after = " " + after[pm.end():]
    gm = _lex().GROUP_AFTER_RE.match(after)
    return gm.group(1) if gm else None


def _link_left(before: str, after: str):
    """A trigger on the left: "killed 14 civilians", "wounding another 26"; "lost
    15 fighters" counts dead, "lost 3 tanks" does not."""
    m = _lex().LEFT_RE.search(before)
    if not m or _lex().INTENT_RE.search(before[:m.start()]):
        return None
    cats = [next(k for k, v in m.groupdict().items() if v is not None)]
    # "killed or wounded 40", "tué ou blessé 40": a casualty figure bounding both categories
    om = _lex().OR_LEFT_RE.search(before[:m.start()])
    if om:
        first = categories_in(om.group(0), _lex().LEFT_TRIGGERS)
        cats = list(dict.fromkeys(first[:1] + cats))
    group = _group_after(after)
    if m.group("killed") and m.group("killed").lower() in ("lost", "losing") and \
            not (group and _LOST_PEOPLE_RE.match(group.strip())):
        return None  # "lost 15 fighters" counts dead; "lost 3 tanks", "lost 40%" do not
    return cats, group


def _link_toll(before: str, after: str):
    """A death toll or a suicide attacker's victims: "the death toll rose to 30",
    "killed himself and five others"."""
    if _lex().TOLL_RE.search(before[-220:]) or _lex().HIMSELF_AND_RE.search(before) or _lex().TOLL_UPDATE_RE.search(before[-80:]):
        return ["killed"], _group_after(after)
    return None


def _link_with_others(text: str, q: Quantity, before: str, after: str, right_end: int, linked: list):
    """"X was killed along with eight others": ``(categories, group, named_victim)``,
    named_victim when no figure before it was linked (the named victim counts too). Others
    given a fate of their own ("two were killed with 9 others evacuated") are not counted."""
    if not _lex().RIGHT_RE.match(text[q.end:right_end]) and _lex().WITH_OTHERS_RE.search(before) and (linked or IMPLICIT_PASSIVE_RE.search(before)) and \
            (q.figure_like_one() or re.match(r"^\s+(?:other|others|more|members|relatives|colleagues|people|\w+s)\b", after, re.I)) and \
            not re.match(r"^\s+(?:\w+\s+)?(?:stating|saying|said|says|told|reported|claiming)\b", after, re.I) and \
            not _lex().OTHER_FATE_RE.match(after) and (not linked or "killed" in linked[-1][1]):
        cats = list(linked[-1][1]) if linked else ["killed"]
        return cats, _group_after(after), not linked
    return None


#: after "left N dead": the wounded named by a participle with no figure of their own ("left a dozen
#: dead and injured"; not "and injuring scores", a clause of its own)
_BOTH_HURT_RE = re.compile(r"\s*and\s+(?:injured|wounded|hurt)\b(?!\s*\d)", re.I)


#: a group named by what happened to it before, then the state the verb leaves it in: "left 17 hostages and
#: 9 assailants dead" (the hostages are dead)
_LEFT_STATE_RE = re.compile(r"^\s+(?:hostages|captives|prisoners|detainees|otages|captifs|prisonniers)\b[^.;:]{0,80}?"
                            r"\b(?:dead|killed|morts|tués)\b", re.I)


def _link_leave(before: str, after: str, rest: str = ""):
    """"left 5 dead", "leaving 12 killed or injured", "left 17 hostages and 9 assailants dead"."""
    lm = _lex().LEAVE_RE.search(before)
    if not lm:
        return None
    rm = _lex().LEAVE_RIGHT_RE.match(after)
    if not rm:
        return None
    cats = [matched_cat(rm)]
    if cats == ["hostages"] and _LEFT_STATE_RE.match(rest):
        return ["killed"], after.split()[0]  # the matched trigger is its first word
    # "leaving 12 killed or injured"; "leaves a dozen dead and injured" (no figure of its own for the
    # second: ``after`` stops at the next figure): one count of both, a casualty figure
    more = re.match(rf"^\s*(?:or|and/or)\s+(?:{alt(_lex().RIGHT_TRIGGERS)})\b", after[rm.end():], re.I)
    if more and matched_cat(more) not in cats:
        cats.append(matched_cat(more))
    elif cats == ["killed"] and _BOTH_HURT_RE.match(after, rm.end()):
        cats.append("injured")
    gm2 = re.match(rf"^({_lex().NPWORD}{{0,4}}?)\s+(?:dead|killed|injured|wounded|hurt|missing)", after, re.I)
    return cats, (gm2.group(1) if gm2 else None)


def _right_is_active(text: str, q: Quantity, rm: re.Match, before: str, right_end: int) -> bool:
    """True when the trigger on the right of the figure is an active verb with the
    figure as its agent ("two bombers killed 12 people", "gunmen killing ..."),
    disagrees in number with it, or follows an aside without a passive auxiliary:
    then the figure is not a victim count."""
    trig_end = rm.end(first_group(rm))
    np = rm.group("np")
    aux = rm.group("aux")
    cat = matched_cat(rm)
    tail = text[q.end:right_end][trig_end:]
    active = False
    trig_word = rm.group(first_group(rm)).lower()
    if trig_word in ("bodies", "corpses") and len((np or "").split()) > 2:
        active = True  # "two women with explosives strapped to their bodies"
    passive_aux = _lex().PASSIVE_AUX_RE.search(aux)
    if not passive_aux and ((np or "").strip() or aux.strip()):
        if trig_word.split()[0].endswith("ing") and trig_word not in ("missing", "dying"):
            active = True  # "gunmen killing ...", not "23 people remain missing"
        elif re.match(r"(?:kill|massacre|execute|murder|slaughter|behead|lynch|shot|gun|hack|"
                      r"stab|wound|injur|kidnap|abduct|arrest|detain|captur|seiz|displac|claim|"
                      r"took|burn|beat|slew|assassinat|martyr|fatally|\w+ed\s+to\s+death)", trig_word):
            if _lex().OBJ_AFTER.match(tail) or re.match(r"\s+(?:him|her|them|us)\b", tail) or \
                    (cat == "killed" and _lex().NAME_AFTER.match(tail)) or \
                    (_lex().ATTACKER_RE.search(np or "") and not re.match(r"^\s*(?:[,.;]|and\b|in\b|on\b|at\b|$)", tail)):
                active = True
    # number agreement: "... two online dailies ... was killed" is not a count of two
    if re.search(r"\b(?:was|is|has)\b", aux, re.I) and not re.search(r"\b(?:were|are|have)\b", aux, re.I) \
            and q.low > 1 and not rm.group("paren") and not re.search(r"\b(?:family|group|couple|total)\s+of\s+$", before, re.I) \
            and not re.search(r"\b(?:couple|pair|family)\b", np or "", re.I):
        active = True
    if (rm.group("aside") or rm.group("rel")) and not passive_aux:
        active = True  # an aside must be followed by "were killed", "have been shot"...
    return active


def _link_right(text: str, qs: list[Quantity], i: int, before: str, right_end: int, consumed: set[int]):
    """A trigger on the right through a short noun phrase and a passive auxiliary:
    "13 people were killed", "14 others wounded", "five dead or wounded". The
    figures inside the noun phrase are marked ``consumed``."""
    q = qs[i]
    rm = _lex().RIGHT_RE.match(text[q.end:right_end])
    if not rm or _right_is_active(text, q, rm, before, right_end):
        return None
    np = rm.group("np")
    aux = rm.group("aux")
    cat = matched_cat(rm)
    trig_word = rm.group(first_group(rm)).lower()
    tail = text[q.end:right_end][rm.end(first_group(rm)):]
    np_end = q.end + (rm.end("aside") if rm.group("aside") else rm.end("rel") if rm.group("rel") else rm.end("np"))
    for q2 in qs[i + 1:]:
        if q2.start < np_end:
            consumed.add(q2.start)
    cats = [cat]
    # "dead or wounded", "killed or arrested"
    more = re.match(rf"^\s*(?:or|and/or|and)\s+(?:{alt(_lex().RIGHT_TRIGGERS)})\b", tail, re.I)
    if more and np.strip() != "" or (more and not re.match(r"^\s*and\s+(?:\w+\s+){0,3}(?:were|was)\b", tail)):
        c2 = matched_cat(more) if more else None
        if more and re.match(r"^\s*or\b|^\s*and/or\b", tail, re.I) and c2 and c2 != cat:
            cats = [cat, c2]
    if re.search(r"\bkilled\s+or\b|\bdead\s+or\b", aux or "", re.I):
        cats = categories_in(aux + " " + trig_word, _lex().RIGHT_TRIGGERS) or [cat]
    return cats, np


def _link_conjunct(text: str, q: Quantity, after: str, linked: list):
    """A conjunction with the previous linked figure: "killed 14 civilians and
    three soldiers" (the second inherits the first's categories)."""
    if not linked:
        return None
    pq, pcats, _, pclaim = linked[-1]
    between = text[pq.end:q.start]
    cm = _lex().CONJ_RE.match(between)
    speaker = re.match(r"^[^,.;]{0,45}?\b(?:said|says|told|reported|stated|confirmed)\b", after, re.I)
    if cm and not speaker and not _lex().trigger_re("right").search(between) and not _lex().trigger_re("left").search(between):
        return list(pcats), _group_after(after)
    return None


def _link_ellipsis(text: str, q: Quantity, after: str, linked: list):
    """A round-up that leaves out its verb after the first item ("Four people died on Monday in A,
    two more on Tuesday in B, and one on Wednesday in C"): a figure in a clause of its own after a
    linked figure, with a time or place right after it (after "more" / "others" if any), takes that figure's
    categories."""
    if not linked or linked[-1][3] is None:
        return None
    pq, pcats, _, _ = linked[-1]
    between = text[pq.end:q.start]
    if not _lex().ELLIPSIS_BEFORE_RE.search(between) or not _lex().ELLIPSIS_AFTER_RE.match(after) or \
            _lex().trigger_re("right").search(after) or re.search(r"[.;:!?]", between):
        return None
    return list(pcats), _group_after(re.sub(r"^\s+(?:more|others|autres|de\s+plus)\b", "", after, flags=re.I))


def _link_forward(text: str, qs: list[Quantity], i: int, before: str, se: int):
    """A forward conjunction: "13 inmates and one guard were killed"."""
    if i + 1 >= len(qs) or _governed(re.split(r"[,;:]", before)[-1]):
        return None
    q = qs[i]
    between = text[q.end:qs[i + 1].start]
    fc = _forward_cat(text, qs, i, se)
    if not fc:
        return None
    group = re.sub(r"\s*(?:,\s*and|,|\band|\bas\s+well\s+as|\bplus|\bwhile)"
                   r"(?:\s+(?:his|her|their|its))?\s*$", "", between)
    return [fc], group


#: a figure after a toll and a colon: "30 dead: 25 villagers and five attackers"
_COLON_PARTS_RE = re.compile(rf"\d\s+(?:[\w'’-]+\s+){{0,3}}?{TOLL_WORDS}\s*:\s*$"
                             # a clause about the linked figure, then its parts: "killed 9 people at a checkpoint: three ..."
                             r"|\d\s+[^\d:;.]{0,80}:\s*$", re.I)


def _link_subset(before: str, after: str, linked: list):
    """A subset figure inside a parenthesis of a linked figure: "29 people,
    including 10 foreigners, were killed"."""
    if linked and (_lex().SUBSET_RE.search(before[-40:]) or _COLON_PARTS_RE.search(before[-100:])):
        return list(linked[-1][1]), _group_after(after)
    return None


def _link(text: str, qs: list[Quantity], i: int, ss: int, se: int, linked: list, consumed: set[int]):
    """The categories and group of figure ``qs[i]`` and whether a named victim
    goes with it: the first step of :func:`_link_left`, :func:`_link_toll`,
    :func:`_link_with_others`, :func:`_link_leave`, :func:`_link_right`,
    :func:`_link_conjunct`, :func:`_link_forward`, :func:`_link_subset`, :func:`_link_ellipsis` that
    links it; ``(None, None, False)`` when none does."""
    q = qs[i]
    # bounded windows keep long, unpunctuated "sentences" (tables, lists) linear
    bs = max(ss, q.start - _lex().WINDOW)
    before = text[bs:q.start]
    right_end = min(se, q.end + _lex().WINDOW)
    nxt = qs[i + 1].start if i + 1 < len(qs) else se
    after = text[q.end:nxt]
    hurt = _lex().OF_THE_HURT_DIED_RE.match(text, q.end, right_end)
    if hurt:
        return ["killed"], (hurt.group("g") or hurt.group("k")).strip(), False  # "two of the wounded later died": more dead
    found = _link_left(before, after) or _link_toll(before, after)
    if found:
        return found[0], found[1], False
    wo = _link_with_others(text, q, before, after, right_end, linked)
    if wo:
        return wo
    found = (_link_leave(before, after, text[q.end:right_end]) or _link_right(text, qs, i, before, right_end, consumed)
             or _link_conjunct(text, q, after, linked) or _link_forward(text, qs, i, before, se)
             or _link_subset(before, after, linked) or _link_ellipsis(text, q, after, linked))
    if found:
        return found[0], found[1], False
    return None, None, False


def _emit(add, text: str, q: Quantity, before: str, ss: int, cats: list[str], group: str | None,
          named_victim: bool, linked: list) -> None:
    """The claim of a linked figure (with the source stated just before it:
    "with one officer stating over a hundred..."), and the named victim who goes
    with "X was killed along with eight others". A group that is not people
    ("83 cows and 20 herders") keeps the chain but makes no claim; attackers who
    fled are not displaced people."""
    if group and not_people(group):
        linked.append((q, cats, group, None))  # "83 cows and 20 herders": keep the chain
        return
    if _lex().PEOPLE_ONLY_LEFT_RE.search(before) and not any(
            _lex().PERSON_PL_RE.match(w) for w in re.findall(r"[\w'’-]+", group or "")[:4]):
        return  # "a perdu 9 soldats" is a loss of people, "a perdu 3 matchs" none
    if cats == ["displaced"] and group and _lex().ATTACKER_RE.search(group):
        return  # "five gunmen fled the area": attackers getting away are not displaced people
    if "killed" in cats and group and _lex().ALIVE_RE.match(group.strip()):
        linked.append((q, cats, group, None))  # "30 dead ... and 9 survivors": the living are no toll
        return
    joined = _lex().AND_ONE_MORE_RE.match(group.strip()) if group and "killed" in cats else None
    if joined:
        # "four civilians and the bomber were killed": the four are the civilians, the bomber one more
        group = joined.group("g")
        who = joined.group("a")
        at = text.find(who, q.end)
        if at >= 0:  # the determiner is the figure ("the" imam), as in "killed 17 worshippers and the imam"
            det = re.match(r"[lL]['’]|\w+", who).group(0)
            add(1, 1, "exactly", list(cats), who[len(det):].strip() or who, at, at + len(det), det,
                side="perpetrators" if _lex().ATTACKER_RE.search(who) else None)
    fsrc = None
    sm = STATING_RE.search(text[max(ss, q.start - 80):q.start])
    if sm:
        fsrc = sm.group("src").strip()
    c = add(q.low, q.high, q.qualifier, cats, group, q.start, q.end, q.text, source=fsrc)
    linked.append((q, cats, group, c))
    if named_victim:
        m = IMPLICIT_PASSIVE_RE.search(before)
        add(1, 1, "exactly", ["killed"], "the named victim", ss + m.start(), ss + m.end(), m.group(0))
    # "X was killed along with eight others": the named victim too
    if "killed" in cats and re.search(r"\balong\s+with\s+(?:another\s+)?$|\btogether\s+with\s+$", before[-30:], re.I):
        if re.search(r"\b(?:was|had\s+been|has\s+been)\s+(?:\w+\s+){0,2}(?:killed|shot\s+dead|murdered)\b|\b(?:killed|killing|murdered|shot\s+dead)\s+(?:\w+\s+){1,6}$",
                     before[:-len(before) + max(0, len(before) - 30)] if len(before) > 30 else before, re.I):
            add(1, 1, "exactly", ["killed"], "the named victim", q.start, q.end, q.text)


def _figure_claims(add, text: str, qs: list[Quantity], ss: int, se: int) -> None:
    """The claims of the sentence's figures, each linked by :func:`_link`."""
    linked: list[tuple[Quantity, list[str], str | None, Claim]] = []
    consumed: set[int] = set()
    for i, q in enumerate(qs):
        if q.start in consumed:
            continue
        cats, group, named_victim = _link(text, qs, i, ss, se, linked, consumed)
        if cats is None:
            continue
        _emit(add, text, q, text[max(ss, q.start - _lex().WINDOW):q.start], ss, cats, group, named_victim, linked)


def _suicide_claims(add, text: str, qs: list[Quantity], ss: int, sent: str) -> None:
    """A suicide attacker "killed himself and five others" / "blew himself up"."""
    for m in HIMSELF_RE.finditer(sent):
        _suicide(add, text, qs, ss, ss + m.start("who"), ss + m.end("who"), m.group("who"))
    if not HIMSELF_RE.search(sent):
        for m in BLEW_UP_RE.finditer(sent):
            g = "who" if m.group("who") else "who2"
            _suicide(add, text, qs, ss, ss + m.start(g), ss + m.end(g), m.group(g))


def _attacker_death_claim(add, claims: list[Claim], ss: int, sent: str) -> None:
    """The attacker's own death told with a pronoun: "A gunman killed 14 people
    before he was shot dead"."""
    if not any(c.side == "perpetrators" and "killed" in c.categories for c in claims):
        m = _ATTACKER_DIED_RE.search(sent)
        if m and _ATTACKER_SUBJECT_RE.search(sent[:m.start()]):
            g = next(k for k in ("pro", "obj", "self") if m.group(k))
            add(1, 1, "exactly", ["killed"], "the attacker", ss + m.start(g), ss + m.end(g), m.group(g),
                side="perpetrators")


#: one person wounded, told without a number: "a trader was shot in the arm", "a policeman was seriously wounded",
#: "the driver was shot and injured"
_IMPLICIT_HURT_RE = re.compile(
    r"\b(?P<who>(?:an?|the|one)\s+(?:[\w'’-]+\s+){0,3}?(?:" + _lex().PERSON_SG + r"))\s+(?:who\s+)?(?:was|has\s+been|is)\s+"
    r"(?:also\s+)?(?:\w+ly\s+)?(?:(?:shot|stabbed|beaten|attacked|hit)\s+and\s+(?:\w+ly\s+)?)?"  # "was shot and injured"
    r"(?:wounded|injured|hurt|shot\s+(?:\w+\s+){0,2}?in\s+the\s+(?:arm|leg|foot|hand|"
    r"shoulder|thigh|knee|back|stomach|chest))\b", re.I)
IMPLICIT_HURT = True


def _implicit_claims(add, claims: list[Claim], text: str, ss: int, sent: str) -> None:
    """Implicit single victims, clause by clause (";"), where the clause has no killed figure;
    one person wounded where the sentence has no injured figure."""
    if IMPLICIT_HURT and not any("injured" in c.categories for c in claims):
        m = _IMPLICIT_HURT_RE.search(sent)
        if m and not re.search(r"\b(?:later|then|subsequently)\s+died\b|\bsuccumbed\b", sent[m.end():], re.I):
            who = m.group("who")
            add(1, 1, "exactly", ["injured"], re.sub(r"^(?:an?|the|one)\s+", "", who, flags=re.I),
                ss + m.start("who"), ss + m.end("who"), who)
    pos = 0
    for clause in re.split(r"(?<=;)", sent):
        c0, c1 = ss + pos, ss + pos + len(clause)
        pos += len(clause)
        if any("killed" in c.categories and c.side != "perpetrators" and c0 <= c.figure_start < c1 for c in claims):
            continue
        implicit_in_clause(text, c0, c1, add, any("killed" in c.categories for c in claims))


def sentence_claims(text: str, ss: int, se: int, ctx: ClaimContext) -> list[Claim]:
    """The claims of the sentence ``text[ss:se]``: its figures' claims, the suicide
    attackers', the attacker's death told with a pronoun, then the implicit
    counts; restatements dropped."""
    sent = text[ss:se]
    qs = sentence_quantities(text, ss, se)
    claims: list[Claim] = []

    def add(q_low, q_high, qual, cats, group, fs, fe, figure, side=None, source=None):
        grp = clean_group(group) if group else None
        sd = side or ctx.side_of(grp)
        c = Claim(categories=cats, low=q_low, high=q_high, text=sent, start=ss, end=se,
                  qualifier=qual, group=grp, side=sd, source=source, section=None, origin="body",
                  figure=figure, figure_start=fs, figure_end=fe)
        claims.append(c)
        return c

    _figure_claims(add, text, qs, ss, se)
    _suicide_claims(add, text, qs, ss, sent)
    _attacker_death_claim(add, claims, ss, sent)
    _implicit_claims(add, claims, text, ss, sent)
    return drop_restatements(text, claims)
