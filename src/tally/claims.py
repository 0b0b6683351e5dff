"""Casualty claims: every statement of a casualty figure in a document.

Two sources of claims:

* **infobox** fields (``casualties1``..``casualtiesN``, ``fatalities``,
  ``injuries``, ``deaths``, ``victims``, ``casualties``...): each value is split
  into segments ("10 killed (per JNIM), 20 killed or arrested (per Mali)"),
  each segment read for its figure, categories, group and source. The side of
  ``casualtiesN`` is ``N`` (``casualties3`` is ``"other"`` unless a third side
  exists). ``x (+y)`` is x victims plus y perpetrators (two claims). The claim's
  ``text`` is the line of the infobox value holding the segment.
* **body** sentences (lead and sections; see-also/references skipped): a
  compiled-regex extractor over the sentence (no parse) that links each number
  expression (:mod:`tally.quantities`) to a casualty trigger word:

  - *left trigger*: "killed 14 civilians", "wounding another 26",
    "the death toll rose to 30", "the bodies of 42 fishermen";
  - *right trigger* through a short noun phrase and a passive auxiliary:
    "13 people were killed", "14 others wounded", "five dead"; an active verb
    with an object after it ("two bombers killed 12 people") marks an agent,
    not a victim count;
  - *conjunction*: "killed 14 civilians and three soldiers" (the second
    figure inherits the category of the first);
  - *implicit* counts with no number: "shot dead the village chief" (1),
    "a journalist was killed" (1), "X was killed along with eight others"
    (1 + 8), "a suicide bomber killed himself and five others" (a perpetrator
    claim of 1 plus 5 victims).

  A claim's ``text`` is its sentence; ``figure_start``/``figure_end`` locate the
  figure. Its source comes from "according to X", "X said/reported/stated",
  "..., X said", "per X", carried to the next sentence of the same paragraph
  when that sentence has no source of its own and continues the report ("as
  well", "also", "another"...). ``other_event`` is set for counts in a
  Background/History section, in sentences about an earlier incident ("in
  2015", "last year", "a previous attack") or in a relative clause about
  another named attack.

:func:`relation` tells :mod:`tally.totals` how a body claim relates to the
figures before it in its sentence (``subset`` for "including 10 foreigners",
``additive`` for "another 26", "five others").
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import sentences
from .model import Claim, Document, Side
from .limits import check_time
from .quantities import Quantity, find_quantities, parse_quantity

# --------------------------------------------------------------------------- lexicon

_KILL_ACTIVE = (r"killed|killing|kills|kill|martyred|massacred|massacres|beheads|executes|murders|hanged|hangs|massacring|executed|executing|murdered|murdering|"
                r"slaughtered|slaughtering|beheaded|beheading|slew|slaying|lynched|lynching|"
                r"shot\s+dead|shooting\s+dead|fatally\s+(?:shot|stabbed)|shot\s+to\s+death|shooting\s+to\s+death|shot\s+and\s+killed|gunned\s+down|gunning\s+down|"
                r"hacked\s+to\s+death|stabbed\s+to\s+death|beat\s+to\s+death|beaten\s+to\s+death|"
                r"burned\s+to\s+death|burnt\s+to\s+death|\w+ing\s+to\s+death|\w+ed\s+to\s+death|claimed\s+the\s+lives\s+of|"
                r"claiming\s+the\s+lives\s+of|took\s+the\s+lives\s+of|taking\s+the\s+lives\s+of|"
                r"assassinated|assassinating")
_LEFT_TRIGGERS = {
    "killed": _KILL_ACTIVE + r"|shot(?!\s+(?:at|and\s+(?:wounded|injured)|in\s+the\s+(?:leg|arm|hand|foot|shoulder|knee)))|"
                             r"killers\s+of|death\s+toll|toll|bodies\s+of|killing\s+of|corpses\s+of|remains\s+of|"
                             r"deaths\s+of|death\s+of|killings\s+of|murder\s+of|murders\s+of|"
                             r"massacre\s+of|execution\s+of|executions\s+of",
    "injured": r"wounded|wounding|injured|injuring|injures|wounds|maimed|maiming|injure|wound",
    "arrested": r"arrested|arresting|detained|detaining|rounded\s+up|apprehended|apprehending",
    "captured": r"captured|capturing|took\s+prisoner|taken\s+prisoner",
    "hostages": r"kidnapped|kidnapping|abducted|abducting|took\s+hostage|taking\s+hostage|"
                r"seized|seizing|kidnap\s+of|abduction\s+of",
    "displaced": r"displaced|displacing|displacement\s+of|forced\s+out",
}
_RIGHT_TRIGGERS = {
    "killed": _KILL_ACTIVE + r"|dead|died|dying|deaths|death|slain|perished|"
                             r"lost\s+(?:their|his|her)\s+lives|lost\s+(?:their|his|her)\s+life|"
                             r"bodies|corpses|fatalities|fatally\s+(?:shot|wounded|injured)|"
                             r"burned\s+alive|burnt\s+alive|found\s+dead|found\s+murdered|casualties|"
                             r"shot(?!\s+(?:at|and\s+(?:wounded|injured)|in\s+the\s+(?:leg|arm|hand|foot|shoulder|knee)|"
                             r"(?:and\s+)?(?:dead|to\s+death|and\s+killed)))",
    "injured": r"wounded|injured|hurt|injuries|wounding|injuring|hospitali[sz]ed|(?:sustained|suffered)\s+(?:\w+\s+)?(?:injuries|injury|wounds)",
    "arrested": r"arrested|detained|apprehended|rounded\s+up|in\s+custody|arrests|detentions",
    "captured": r"captured|taken\s+prisoner",
    "missing": r"missing|unaccounted\s+for|disappeared",
    "hostages": r"kidnapped|abducted|taken\s+hostage|held\s+hostage|(?:hostages|captives)(?!\s+(?:(?:were|was|are|have|had|been|being|also|all|later|reportedly)\s+)+(?:killed|dead|died|executed|murdered|shot|wounded|injured|beheaded|slain|hurt))|seized",
    "displaced": r"displaced(?!\s+(?:people|persons|person|families|civilians|iraqis|syrians|residents|villagers|men|women|children|by)\b)|fled\s+(?:their|his|her)\s+homes|homeless",
}


def _alt(d: dict[str, str]) -> str:
    return "|".join(f"(?P<{k}>{v})" for k, v in d.items())


_QWORD = r"(?:all\s+the|all|an?\s+(?:entire\s+)?family\s+of|the\s+family\s+of|surged|grew|total|at\s+least|the\s+lives\s+of|a\s+total\s+of|another|a\s+further|an\s+additional|additional|further|some|to|at|of|as|had|has|have|reached|rose|risen|climbed|stood|stands|now|jumped|increased|is|was|were|are|been|hit|up|dead|alive|only|nearly|almost|around|over|more\s+than|about)"
_INTENT_RE = re.compile(r"\b(?:threatened|threatening|threatens|vowed|vowing|vows|plans?|planned|planning|tried|"
                        r"trying|attempted|attempting|wanted|wants|intended|sought|would|will|could|might)\s+to\s+$|"
                        r"\b(?:would|will|could|might)\s+$", re.I)
LEFT_RE = re.compile(rf"\b(?:{_alt(_LEFT_TRIGGERS)})(?:\s+{_QWORD})*\s+$", re.I)
TOLL_RE = re.compile(r"\b(?:death\s+toll|death\s+total|toll|number\s+of\s+(?:dead|deaths|people\s+killed|victims|fatalities))\b"
                     r"[^.;:]{0,200}?\b(?:rose|risen|rises|surged|climbed|jumped|reached|hit|stood|stands|is|was|"
                     r"has\s+been|increased|grew|of|at|to|put\s+at|estimated\s+at)\s+(?:(?:to|at|around|about|nearly|some|over)\s+)*$", re.I)
WITH_OTHERS_RE = re.compile(r"\b(?:along\s+with|together\s+with|alongside|with)\s+(?:another\s+|at\s+least\s+|the\s+|his\s+|her\s+|their\s+)?$", re.I)
HIMSELF_AND_RE = re.compile(r"\b(?:killing|killed|kills|kill)\s+(?:himself|herself|themselves)\s+and\s+$", re.I)
# "left 5 dead", "leaving 12 people injured"
LEAVE_RE = re.compile(r"\b(?:left|leaving|leaves|leave|claimed|claiming|claims|cost|costing|took|taking)\s+(?:{_q}\s+)*$".replace("{_q}", _QWORD), re.I)
LEAVE_RIGHT_RE = re.compile(
    rf"^(?:\s+[\w'’-]+){{0,4}}?\s+(?:(?P<lives>lives)|{_alt(_RIGHT_TRIGGERS)})\b", re.I)

_STOP = (r"and|or|but|while|whereas|when|after|before|as|who|whom|which|that|because|since|if|"
         r"following|amid|during|said|says|told|reported|including|according|stating|saying|claiming|adding|reporting")
_AUX = (r"(?:\s*,?\s*(?:were|was|are|is|have|has|had|been|being|be|got|get|reportedly|allegedly|\w+ly|"
        r"also|all|later|subsequently|believed|feared|confirmed|thought|said|reported|known|"
        r"to|each|both|then|immediately|either|eventually|found|left|now|already|still|in\s+total|"
        r"in\s+all|so\s+far|altogether|likely|presumed|killed\s+or|dead\s+or|since|"
        r"(?:on|last|early|late)\s+\w+day(?:\s+(?:night|morning|evening|afternoon))?|yesterday|today|tonight|"
        r"overnight|(?:on|last)\s+(?:night|week|weekend)|in\s+the\s+(?:attack|raid|blast|explosion|violence|clashes))\b)")
_NUMWORD_START = r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+dozen|dozens|several|at\s+least|another)\b"
_NUMSTART = rf"(?:an?|his|her|their|{_NUMWORD_START[3:]}"
_NPWORD = rf"(?:\s+(?!(?:{_STOP}|were|was|are|is|have|has|had|been)\b)(?!{_NUMWORD_START})[\w'’.()\[\]\-]+|\s+(?:from|of|in)\s+{_NUMWORD_START}|\s+and(?!\s+{_NUMSTART})(?=\s+[a-z(]))"
RIGHT_RE = re.compile(
    rf"^(?P<np>{_NPWORD}{{0,11}}?)(?P<paren>\s*,?\s*(?:including|among\s+them|among\s+whom|mostly|"
    rf"mainly|most\s+of\s+them|many\s+of\s+them|all\s+of\s+them|both|many|most|among\s+them|majority\s+of\s+them|"
    rf"the\s+majority|all|mostly)\b[^;:]{{0,90}}?,?|(?P<aside>\s*(?:,|—|–|--|\s-\s)\s*[^;:,—–]{{1,100}}?(?:,|—|–|--|\s-\s))|"
    rf"(?P<rel>\s+(?:who|that|which)\s+(?:had|have|has|were|was|are|is)\s+[^,;.]{{0,60}}?(?=\s+(?:were|was|have|has|had|are|is)\s)))?"
    rf"(?:\s*,?\s*(?:who|that|which)\b)?(?P<aux>{_AUX}*)\s*(?:\b\w+(?:ed|en)\s+and\s+)?\b(?:{_alt(_RIGHT_TRIGGERS)})\b",
    re.I)
_OBJ_AFTER = re.compile(
    r"^\s+(?:(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+|about\s+|nearly\s+|around\s+|up\s+to\s+)?"
    r"(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|"
    r"seven\b|eight\b|nine\b|ten\b|\w+teen\b|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|dozens|scores|several|many)|(?:a|an|the|his|her|their|its|people|civilians|villagers|"
    r"students|soldiers|policemen|residents|worshippers|women|children|members|men)\b)", re.I)

_NAME_AFTER = re.compile(r"\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                         r"March|April|May|June|July|August|September|October|November|December|In|On|At)\b)"
                         r"[A-Z][a-z]+")
SUBSET_RE = re.compile(
    r"(?:\bincluding|\bincluded|\bamong\s+them|\bamong\s+whom|\bamong\s+the\s+(?:dead|killed|victims|"
    r"casualties|injured|wounded)|\bof\s+whom|\bof\s+them|\bmostly|\bmainly|\bincluding\s+at\s+least|"
    r"\bsuch\s+as|\bnamely)\s*$", re.I)
_SUBSET_STRETCH_RE = re.compile(r"\b(?:including|among\s+them|among\s+whom|mostly|mainly)\b[^,;.:]*?\b(?:and|or)\s+(?:at\s+least\s+)?$", re.I)
SUBSET_AFTER_RE = re.compile(r"^\s+(?:of\s+(?:them|whom|those|the\s+(?:dead|victims|killed|injured|"
                             r"wounded|casualties))|were\s+among)\b", re.I)
ADDITIVE_BEFORE_RE = re.compile(r"(?:\banother|\ba\s+further|\ban\s+additional|\badditional|"
                                r"\bfurther|\bother|\balso|\bplus|\bas\s+well\s+as|\balong\s+with|"
                                r"\btogether\s+with)\s*$", re.I)
ADDITIVE_AFTER_RE = re.compile(r"^\s+(?:others?|more|other\s+\w+|additional)\b", re.I)
CONJ_RE = re.compile(rf"^(?:{_NPWORD}{{0,8}}?)\s*(?:,\s*and|,|\band|\bas\s+well\s+as|\bplus|\bwhile)"
                     r"(?:\s+(?:his|her|their|its))?\s*$", re.I)  # "a chief and his two sons"

PERSON_SG = (
    "man|woman|boy|girl|child|baby|infant|toddler|teenager|teen|youth|student|pupil|teacher|"
    "doctor|nurse|journalist|reporter|columnist|editor|blogger|photographer|cameraman|"
    r"photojournalist|chief|head(?=\s+of\b)|elder|leader|official|officer|policeman|policewoman|cop|soldier|"
    "guard|farmer|trader|merchant|businessman|businesswoman|priest|imam|cleric|pastor|monk|nun|"
    "bishop|sheikh|mullah|worker|driver|judge|lawyer|prosecutor|activist|politician|candidate|"
    "mayor|councillor|councilor|councilman|governor|lawmaker|legislator|commander|ruler|king|"
    "member|resident|villager|civilian|prisoner|inmate|detainee|suspect|herder|herdsman|"
    "shepherd|husband|wife|son|daughter|father|mother|brother|sister|uncle|nephew|cousin|"
    "employee|engineer|ally|opponent|critic|singer|musician|artist|poet|writer|vendor|"
    "shopkeeper|pilgrim|worshipper|volunteer|tribesman|person|individual|professor|lecturer|"
    "headmaster|principal|senator|deputy|secretary|director|manager|owner|landowner|chairman|"
    "president|minister|kid|pensioner|refugee|migrant|hostage|captive|defender|advocate|"
    "warlord|producer|announcer|presenter|anchor|correspondent|executive|translator|interpreter|"
    "cellmate|cell-mate|roommate|classmate|teammate|schoolboy|schoolgirl|housewife|maid|"
    "companion|relative|colleague|friend|neighbour|neighbor|guest|bystander|passer-by|partner|"
    "associate|devotee|follower|disciple|fiance|fiancee|girlfriend|boyfriend|grandson|granddaughter|"
    "grandfather|grandmother|niece|aunt|stepson|campaigner|organizer|organiser|coordinator|spokesman|spokesperson|agent|staffer|contractor|"
    "fisherman|miner|hunter|chief|cleric|scholar|physician|surgeon|paramedic|ranger|warden|"
    "footballer|athlete|player|coach|priestess|witch|healer|survivor|witness|informant|"
    "gunman|attacker|bomber|assailant|militant|fighter|rebel|insurgent|jihadist|terrorist|"
    "official|administrator|magistrate|sergeant|lieutenant|captain|colonel|general|major|"
    "constable|inspector|superintendent|commissioner|marshal|sheriff|ombudsman|envoy|diplomat|"
    "ambassador|consul|aide|assistant|bodyguard|escort|cook|cleaner|labourer|laborer|porter|"
    "tourist|visitor|passenger|motorist|cyclist|pedestrian|customer|patient|nomad|herdsboy|"
    "transgender|gay|lesbian|albino|christian|muslim|hindu|buddhist|convert"
)
PERSON_SG_RE = re.compile(rf"\b(?:{PERSON_SG})\b", re.I)
IMPLICIT_ACTIVE_RE = re.compile(
    rf"\b(?:{_KILL_ACTIVE}|killed|murdered|killing\s+of|murder\s+of|assassination\s+of|beheading\s+of|"
    rf"execution\s+of|lynching\s+of|death\s+of)\s+(?:(?:a|an|the|his|her|their|its|one|local|"
    rf"prominent|former|senior|retired|young|elderly|popular|well-known)\s+)+(?:[\w'’-]+\s+){{0,4}}?"
    rf"(?:{PERSON_SG}|\d+-year-old|[\w-]+-old)\b(?!\s+(?:and|,)\s+(?:his|her|their|\d|two|three|four|five|six|seven|eight|nine|ten))", re.I)
IMPLICIT_PASSIVE_RE = re.compile(
    rf"\b(?:was|has\s+been|is)\s+(?:\w+ly\s+)?(?:also\s+)?(?:found\s+)?(?:(?:shot|stabbed|beaten|tortured|"
    rf"hacked|tortured|attacked|abducted|kidnapped)\s+(?:and|before\s+being)\s+)?"
    rf"(?:{_KILL_ACTIVE}|killed|found\s+dead|murdered|slain|shot\s+to\s+death|burned\s+alive|blown\s+up)\b", re.I)
IMPLICIT_DIED_RE = re.compile(
    r"\b(?:he|she)\s+(?:later\s+)?died\b|\b(?:succumbed|died)\s+(?:to|of|from)\s+(?:his|her)\s+(?:wounds|injuries)|"
    rf"\b(?:{_KILL_ACTIVE})\s+(?:him|her)\b|\b(?:the|a)\s+(?:\w+\s+)?(?:body|corpse|remains)\s+of\s+(?:a|an|the)\b|"
    r"\b(?:a|the)\s+(?:\w+\s+)?(?:body|corpse)\s+(?:was\s+)?(?:found|discovered|recovered)|"
    r"^(?:an?|the)\s+[^,]{0,80}?\b(?:has\s+)?died\b", re.I)
HIMSELF_RE = re.compile(r"\b(?:killing|killed|kills)\s+(?P<who>himself|herself|themselves)\s+and\s+", re.I)
BLEW_UP_RE = re.compile(r"\b(?:blew|blowing|blown)\s+(?P<who>himself|herself|themselves)\s+up\b|"
                        r"\bdetonated\s+(?P<who2>himself|herself|themselves)\b", re.I)

ATTACKER_RE = re.compile(r"\b(?:gunm[ae]n|attackers?|assailants?|bombers?|perpetrators?|kidnappers?|raiders?|"
                         r"shooters?|hijackers?|abductors?|hostage-takers?)\b", re.I)
NOT_PEOPLE_RE = re.compile(r"^(?:pigs?|cows?|cattle|livestock|goats?|sheep|camels?|horses?|donkeys?|"
                           r"animals?|dogs?|chickens?|birds?|houses?|homes?|buildings?|vehicles?|cars?|trucks?|"
                           r"shops?|huts?|tonnes?|tons?|rounds?|rockets?|missiles?|shells?|bombs?|mines?|"
                           r"aircraft|planes?|drones?|tanks?|villages?|towns?|countries|nations|nationalities|states|provinces|"
                           r"districts|cities|communities)\b", re.I)
CIVILIAN_RE = re.compile(r"\b(?:civilians?|villagers?|residents?|worshippers?|children|women|"
                         r"students?|pupils?|passengers?|shoppers?|pilgrims?|farmers?|"
                         r"fishermen|traders?|inhabitants?)\b", re.I)

_UNIT_AFTER = re.compile(r"^(?:\s*(?:-|–)?\s*(?:%|\$|years?|yrs?|year-old|years-old|-year|km|kms|"
                         r"kilometers?|kilometres?|miles?|metres?|meters?|m\b|kg|percent|per\s+cent|"
                         r"%|hours?|hrs|minutes?|mins?|seconds?|days?|weeks?|months?|am\b|pm\b|"
                         r"a\.m|p\.m|o'clock|GMT|UTC|feet|ft|inches|tons?|tonnes?|"
                         r"times|rounds|bullets|shots|vehicles|cars|houses|homes|buildings|"
                         r"billion|dollars|naira|rupees|euros|pounds|\$|st\b|nd\b|rd\b|th\b|"
                         r"january|february|march|april|may|june|july|august|september|"
                         r"october|november|december|jan\b|feb\b|mar\b|apr\b|jun\b|jul\b|aug\b|"
                         r"sept?\b|oct\b|nov\b|dec\b)(?![\w])|\s*[:/]\d)", re.I)
_MONTH_BEFORE = re.compile(r"(?:january|february|march|april|may|june|july|august|september|"
                           r"october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|"
                           r"dec)\.?\s*$|(?:aged|age|ages|number|no\.|route|highway|km|kilometre|"
                           r"kilometer|resolution|article|chapter|district|zone|sector|phase|"
                           r"battalion|brigade|division|regiment|squadron|unit|[#$€£])\s*$", re.I)

SOURCE_PATTERNS = [
    re.compile(r"\baccording\s+to\s+(?P<src>[^,;.\"“”()]{2,90}?)(?=\s*(?:[,;.\"“”()]|$|\s+(?:who|which|in\s+a|on\s+\w+day)\b))", re.I),
    re.compile(r"[,\"”]\s*(?P<src>(?:[^,;\"“”]{2,90}?))\s+(?:said|says|reported|told|stated|announced|confirmed|added|claimed|estimated|noted)\b[^,;]{0,80}$"),
    re.compile(r"[,\"”]\s*(?:said|says|reported|told|stated|announced|confirmed)\s+(?P<src>[^,;.]{2,80})[.]?$", re.I),
    re.compile(r"^(?:(?:On|In|At)\s[^,]{1,40},\s*)?(?:That same day,\s*)?(?P<src>(?:[A-Z][\w'’.-]*|the|an?|one|local|military|security|police|government)(?:\s+[\w'’.-]+){0,9}?)\s*,?\s+(?:(?:also|later|had|has|have)\s+)?(?:said|says|reported|stated|announced|told|confirmed|claimed|estimated|put|gave)\b"),
    re.compile(r"\bper\s+(?P<src>[A-Z][^,;.()]{1,60})"),
    re.compile(r"^(?P<src>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}),[^,]{3,80},\s*(?:said|says|stated|reported|announced|claimed)\b"),
]
_VERBY_SOURCE = re.compile(r"\b(?:was|were|is|are|had|has|have|been|figure|toll|number)\b", re.I)
_BAD_SOURCE = re.compile(r"^(?:it|he|she|they|this|that|there|which|who|we|i|and|or|but|then|also|the\s+attack|"
                         r"the\s+report|police\s+said\s+the)$", re.I)
CONTINUES_RE = re.compile(r"\b(?:as\s+well|also|another|further|additional|in\s+addition|more|"
                          r"others|the\s+rest|besides)\b", re.I)
OTHER_SECTION_RE = re.compile(r"^(?:background|history|prelude|context|previous\s+\w+|earlier\s+\w+|"
                              r"past\s+\w+|historical\s+background|origins?)$", re.I)
OTHER_MARK_RE = re.compile(r"\b(?:last|previous|earlier|prior)\s+(?:year|month|week|attack|attacks|"
                           r"incident|incidents|bombing|bombings|massacre|clashes|assault|raid)\b|"
                           r"\bin\s+(?:a|an)\s+(?:separate|similar|earlier|previous|unrelated)\b|"
                           r"\bearlier\s+(?:this|that)\s+(?:year|month)\b|\bsince\s+(?:19|20)\d\d\b|"
                           r"\b(?:a|the)\s+(?:rival|previous|prior)\b|"
                           r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)\s+"
                           r"(?:days?|weeks?|months?|years?)\s+(?:earlier|before|ago)\b", re.I)
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
CAUSE_OTHER_RE = re.compile(r"\b(?:(?:sparked|triggered|prompted|provoked)\s+by|over|after|following|avenge|avenging|"
                            r"(?:in\s+)?(?:retaliation|revenge|reprisal)\s+for|anniversary\s+of)\s+(?:the\s+|a\s+)?"
                            r"(?:\w+\s+){0,2}?(?:killing|killings|murder|murders|death|deaths|assassination|slaying)\s+of\s+$", re.I)
RELATIVE_OTHER_RE = re.compile(r"\b(?:attack|attacks|bombing|massacre|raid|siege|shooting|ambush)\s+"
                               r"(?:that|which)\s+(?:had\s+)?(?:killed|left)\s*$|"
                               r"\b(?:attack|attacks|bombing|massacre|raid|siege|shooting|ambush)\b[^,.;]{0,30}?"
                               r"\b(?:in|during)\s+which\s+$", re.I)

SKIP_SECTIONS = re.compile(r"^(?:see\s+also|references|notes|external\s+links|further\s+reading|"
                           r"sources|bibliography|citations|footnotes|gallery)$", re.I)

INFOBOX_KEYS = re.compile(r"^(?:casualties\d*|casualties_?\w*|fatalities|injuries|injured|deaths?|"
                          r"victims|killed|wounded|dead|missing|captured|hostages|arrested|"
                          r"displaced|non_?fatal_?injuries|losses\d*)$")


# --------------------------------------------------------------------------- helpers


def _categories_in(text: str, triggers: dict[str, str]) -> list[str]:
    cats = []
    for cat, pat in triggers.items():
        if re.search(rf"\b(?:{pat})\b", text, re.I):
            cats.append(cat)
    return cats


@lru_cache(maxsize=4096)
def _trigger_re(which: str) -> re.Pattern:
    return re.compile(rf"\b(?:{_alt(_RIGHT_TRIGGERS if which == 'right' else _LEFT_TRIGGERS)})\b", re.I)


def _matched_cat(m: re.Match) -> str:
    for k, v in m.groupdict().items():
        if v is not None and k in _RIGHT_TRIGGERS:
            return k
    return "killed"


def _bad_number(text: str, q: Quantity, s_start: int) -> bool:
    """Dates, ages, distances, times and other non-count numbers."""
    after = text[q.end:q.end + 14]
    if _UNIT_AFTER.match(after):
        return True
    before = text[max(s_start, q.start - 14):q.start]
    if _MONTH_BEFORE.search(before):
        return True
    if not q.vague and q.qualifier in ("exactly", None) and 1800 <= q.low <= 2100 and q.high == q.low \
            and re.fullmatch(r"\d{4}", q.text.strip()):
        return True
    if re.match(r"^-(?:year|month|day|week)", text[q.end:q.end + 8], re.I):
        return True
    if re.search(r"[A-Z][\w'’-]+,\s*$", before) and re.match(r"^\s*,", after) and q.high == q.low and q.low < 110:
        return True  # an age in apposition: "Maria Lopez, 54, was found"
    return False


def _clean_group(np: str) -> str | None:
    g = re.sub(r"\s+", " ", np).strip(" ,.;:'\"")
    g = re.sub(r"^(?:of\s+(?:them|whom)\b\s*)", "", g, flags=re.I)
    g = re.sub(r"\b(?:were|was|are|is|have|has|had|been|reportedly|allegedly)\b.*$", "", g, flags=re.I).strip()
    g = re.sub(r"\s+(?:and|or|while|as)$", "", g, flags=re.I).strip()
    if not g or re.fullmatch(r"(?:killed|dead|wounded|injured|hurt|missing|arrested|others?)", g, re.I):
        return None if not g or g.lower() not in ("others", "other") else g
    return g


class _Ctx:
    """What the body pass needs about the document."""

    def __init__(self, doc: Document, sides: list[Side]):
        self.doc = doc
        self.sides = sides
        self.year = _incident_year(doc)
        self.side_patterns: list[tuple[str, re.Pattern]] = []
        for side in sides:
            names: list[str] = []
            for a in side.actors:
                names.append(a.name)
                names.extend(a.aliases)
            words = set()
            for n in names:
                n = n.strip()
                if not n:
                    continue
                words.add(re.escape(n))
                first = n.split()[0]
                if len(first) > 3 and first[0].isupper() and len(n.split()) > 1 and first.lower() not in {
                        "islamic", "national", "united", "free", "democratic", "people's", "popular"}:
                    words.add(re.escape(first))
                for dem in _demonyms(n):
                    words.add(re.escape(dem))
            if words:
                self.side_patterns.append((side.id, re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b")))

    def side_of(self, group: str | None) -> str | None:
        if not group:
            return None
        for sid, pat in self.side_patterns:
            if pat.search(group):
                return sid
        head = re.split(r"\s+(?:of|who|that|which|suspected|accused|from|in|at|by|with)\b", group, maxsplit=1)[0]
        if ATTACKER_RE.search(head):
            return "perpetrators"
        if CIVILIAN_RE.search(head):
            return "civilians"
        return None


def _demonyms(name: str) -> list[str]:
    if " " in name or len(name) < 4:
        return []
    out = []
    if name.endswith("a"):
        out.append(name + "n")
    elif name.endswith("i"):
        out.append(name + "an")
    elif name.endswith("y"):
        out.append(name[:-1] + "ian")
    elif name.endswith("e"):
        out.append(name[:-1] + "ian")
    elif name.endswith("n"):
        out.append(name + "ese")
        out.append(name + "i")
    elif name.endswith("q") or name.endswith("n"):
        out.append(name + "i")
    else:
        out.append(name + "ian")
        out.append(name + "i")
    return out


def _incident_year(doc: Document) -> int | None:
    date = doc.meta.get("date") if doc.meta else None
    if isinstance(date, str):
        m = YEAR_RE.search(date)
        if m:
            return int(m.group(1))
    if doc.infobox is not None:
        f = doc.infobox.get("date")
        if f:
            m = YEAR_RE.search(f.value)
            if m:
                return int(m.group(1))
    if doc.title:
        m = YEAR_RE.search(doc.title)
        if m:
            return int(m.group(1))
    return None


# --------------------------------------------------------------------------- public


def extract_claims(doc: Document, sides: list[Side]) -> list[Claim]:
    """All casualty claims of ``doc``: infobox claims first, then body claims
    in text order."""
    from .sources import source_class

    claims = _infobox_claims(doc, sides)
    claims.extend(_body_claims(doc, sides))
    for c in claims:
        c.source_class = source_class(c.source, sides)
    return claims


_CONTRAST_RE = re.compile(r"\b(?:although|though|but|however|whereas|while|yet)\b[^.;]{0,60}?\b(?:said|say|says|claimed|"
                          r"claim|claims|reported|put|according|insisted|estimated)\b[^.;]*$", re.I)


_SPEECH_RE = re.compile(r"\b(?:said|say|says|claimed|claims|reported|reports|stated|announced|confirmed|"
                        r"according\s+to|estimated|put)\b", re.I)
_CLAUSE_SPEAKER_RE = re.compile(r";\s*(?:while\s+|but\s+|and\s+)?[^;]{0,80}?\b(?:said|say|says|claimed|reported|"
                                r"stated|announced|confirmed|according\s+to|estimated|put)\b[^;]*$", re.I)


def _clause_source(text: str, ss: int, se: int, pos: int) -> str | None:
    """The speaker of the ';' clause holding ``pos``, when the sentence has
    several clauses and that one names its own ("the rebels claimed 50; officials
    said 14")."""
    sent = text[ss:se]
    if ";" not in sent:
        return None
    start = sent.rfind(";", 0, pos - ss) + 1
    end = sent.find(";", pos - ss)
    clause = sent[start:end if end >= 0 else len(sent)].strip()
    if not clause:
        return None
    # a clause after ';' starts a statement: "officials said ..." reads like "Officials said ..."
    src = _sentence_source(clause[0].upper() + clause[1:])
    if src and clause[0].islower() and src[0].isupper() and src[1:] == clause[1:len(src)]:
        src = clause[0] + src[1:]
    return src


def relation(claim: Claim, doc: Document) -> str | None:
    """``"subset"`` when the claim's figure is introduced as part of an earlier
    figure ("including 10 foreigners", "three of them"), ``"alternative"``
    when it is another source's figure for the same count ("..., although
    villagers said over 10 were killed"), ``"additive"`` when it adds a new
    group ("another 26", "five others", "also"), else None."""
    if claim.origin != "body" or claim.figure_start is None:
        return None
    before = doc.text[max(claim.start, claim.figure_start - 40):claim.figure_start]
    after = doc.text[claim.figure_end:min(claim.end, claim.figure_end + 30)]
    if SUBSET_RE.search(before) or SUBSET_AFTER_RE.match(after) or _SUBSET_STRETCH_RE.search(before):
        return "subset"
    head = doc.text[claim.start:claim.figure_start]
    cm = _CONTRAST_RE.search(head)
    if cm and find_quantities(head[:cm.start()]):
        return "alternative"  # "police confirmed 7 deaths, although villagers said over 10 were killed"
    cm = _CLAUSE_SPEAKER_RE.search(head)
    if cm and find_quantities(head[:cm.start()]) and _SPEECH_RE.search(head[:cm.start()]):
        # "the rebels claimed 50 soldiers dead; officials said 14 soldiers died": the same people
        # counted by another speaker (not "the army claimed 30 militants; the rebels 10 soldiers")
        words = re.findall(r"[a-z]+", (claim.group or "").lower())
        head_word = words[-1].rstrip("s") if words else ""
        if not head_word or head_word in ("people", "person", "other", "victim") or \
                re.search(rf"\b{re.escape(head_word)}", head[:cm.start()], re.I):
            return "alternative"
    if ADDITIVE_BEFORE_RE.search(before) or ADDITIVE_AFTER_RE.match(after):
        return "additive"
    rest = doc.text[claim.figure_end:claim.end]
    if re.match(r"^[^.;:]{0,80}?\b(?:had|have|has|were|was)\s+also\b|^[^.;:]{0,80}?\b(?:also|too)\s+(?:been\s+)?"
                r"(?:killed|died|dead|wounded|injured|shot)\b", rest, re.I):
        return "additive"  # "a family of six ... had also been killed"
    return None


_KILLING_WORD_RE = re.compile(r"\b(?:killed|killing|murdered|slain|dead|died|death|bodies|body|"
                              r"massacred|executed|beheaded|lynched|assassinated|shot|gunned|hacked|stabbed)\b", re.I)


def mentions_killing(doc: Document) -> bool:
    """True when the body speaks of a killing (used when no figure is stated)."""
    for _, s0, s1 in _body_spans(doc):
        if _KILLING_WORD_RE.search(doc.text, s0, s1):
            return True
    return False


def is_implicit(claim: Claim) -> bool:
    """True for a count read from words with no number ("killed a journalist")."""
    if claim.figure is None:
        return False
    if claim.figure.strip().lower() in {"a", "an", "one", "his", "her", "their", "another", "the"}:
        return False  # "and a driver": a coordinated figure of one
    if _NAME_AND_RE.fullmatch(claim.figure.strip()) or re.fullmatch(r"[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+){1,3}",
                                                                     claim.figure.strip()):
        return False  # a named person: "Abdul Razzak and his brother"
    return parse_quantity(claim.figure) is None


# --------------------------------------------------------------------------- infobox

_PER_RE = re.compile(r"\(\s*(?:per|according\s+to|source:?|by|claimed\s+by|reported\s+by)\s+(?P<src>[^()]+?)\s*\)|"
                     r"\(\s*(?P<src4>[^()]{2,40}?)\s+(?:claims?|estimates?|figures?|sources?)\s*\)|"
                     r"\baccording\s+to\s+(?P<src2>[^,;()]+)|\bper\s+(?P<src3>[A-Z][^,;()]*)", re.I)
_PLUS_RE = re.compile(r"\(\s*(?:\+|plus)\s*(?:(?P<n>\d[\d,]*)|(?P<one>an?|the|one))\b[^)]*\)", re.I)


def _n_sides(doc: Document, sides: list[Side]) -> int:
    if sides:
        return len(sides)
    n = 0
    if doc.infobox is not None:
        for f in doc.infobox.fields:
            m = re.fullmatch(r"combatant(\d)\w?", f.key)
            if m and f.value.strip():
                n = max(n, int(m.group(1)))
    return n


def _infobox_claims(doc: Document, sides: list[Side]) -> list[Claim]:
    ib = doc.infobox
    if ib is None:
        return []
    nsides = _n_sides(doc, sides)
    ctx = _Ctx(doc, sides)
    out: list[Claim] = []
    for f in ib.fields:
        key = f.key
        if not INFOBOX_KEYS.match(key) or not f.value.strip():
            continue
        m = re.fullmatch(r"(?:casualties|losses)(\d)\w?", key)
        if m:
            n = int(m.group(1))
            side = str(n) if n <= max(nsides, 2) else "other"
            default = "killed"
        else:
            side = None
            default = ("injured" if re.search(r"injur|wound", key) else
                       "missing" if "missing" in key else
                       "captured" if "captured" in key else
                       "hostages" if "hostage" in key else
                       "arrested" if "arrest" in key else
                       "displaced" if "displaced" in key else "killed")
        text = doc.text
        for seg in _segments(text, f.start, f.end):
            s0, s1 = seg
            segtext = text[s0:s1]
            qs = [q for q in find_quantities(text, s0, s1) if not _bad_number(text, q, s0)]
            src = None
            pm = _PER_RE.search(segtext)
            if pm:
                src = (pm.group("src") or pm.group("src2") or pm.group("src3") or pm.group("src4")).strip()
                if re.fullmatch(r"(?:revised|earlier|initial|first|later|official|final|unofficial|"
                                r"government|disputed|unconfirmed)", src, re.I):
                    src = src if src.lower() in ("government",) else None
            if not qs:
                continue
            q = qs[0]
            words = text[q.end:s1]
            words_nosrc = _PER_RE.sub("", words)
            cats = _categories_in(words_nosrc, _RIGHT_TRIGGERS) or _categories_in(segtext, _RIGHT_TRIGGERS)
            if side is None and cats and re.fullmatch(r"\s*(?:\w+\s+){0,3}?(?:hostages|captives|casualties|prisoners)\b.*",
                                                      words_nosrc, re.I | re.S) and \
                    not _categories_in(re.sub(r"(?i)\b(?:hostages|captives|casualties|prisoners)\b", "", words_nosrc),
                                       _RIGHT_TRIGGERS):
                cats = []  # "Fatalities: 20 hostages, 2 gunmen": a group, not a category
            if not cats:
                cats = [default]
            # the group: words between the figure and the first trigger word
            gm = _trigger_re("right").search(words_nosrc)
            group = _clean_group(words_nosrc[:gm.start()] if gm else words_nosrc.split("(")[0])
            if group and re.fullmatch(r"(?:people|persons|total|in\s+total|confirmed|"
                                      r"reported|dead|killed)", group, re.I):
                group = None
            if group and _not_people(group) or re.match(r"^\s*(?:\w+\s+){0,3}?(?:destroyed|damaged|shot\s+down|"
                                                          r"sunk|lost)\b", words_nosrc, re.I) and \
                    not re.search(r"\b(?:soldiers|troops|men|personnel|people|killed|dead)\b", words_nosrc, re.I):
                continue  # materiel: "1 helicopter destroyed", "3 tanks lost"
            if re.search(r"\btotal\b", text[s0:q.start], re.I):
                group = "total" + (f" {group}" if group else "")
            ls, le = _line_span(text, q.start, f.start, f.end)
            claim_side = side
            if side is None or side == "other":
                gs = ctx.side_of(group)
                if gs and side is None:
                    claim_side = gs
            qual = q.qualifier
            out.append(Claim(categories=cats, low=q.low, high=q.high, text=text[ls:le], start=ls, end=le,
                             qualifier=qual, group=group, side=claim_side, source=src,
                             section="Infobox", origin="infobox", other_event=False,
                             figure=q.text, figure_start=q.start, figure_end=q.end))
            # "x (+y)": y perpetrators besides x victims
            pl = _PLUS_RE.search(segtext)
            if pl:
                gname = "n" if pl.group("n") else "one"
                ps = s0 + pl.start(gname)
                pe = s0 + pl.end(gname)
                y = int(pl.group("n").replace(",", "")) if pl.group("n") else 1
                out.append(Claim(categories=cats, low=y, high=y, text=text[ls:le], start=ls, end=le,
                                 qualifier="exactly", group="perpetrators", side="perpetrators",
                                 source=src, section="Infobox", origin="infobox",
                                 figure=pl.group(gname), figure_start=ps, figure_end=pe))
    return out


_AND_NUM_RE = re.compile(r"\s+(?:and|plus|&|\+)\s+(?=\d|(?:at\s+least|over|more\s+than|about|around|some|up\s+to|"
                         r"\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
                         r"thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred|several|dozens)\b)", re.I)


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segs = []
    pos = start
    depth = 0
    i = start
    while i < end:
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (c in "\n;" or (c == "," and not re.match(r",\d{3}\b", text[i:i + 5]))):
            segs.append((pos, i))
            pos = i + 1
        i += 1
    segs.append((pos, end))
    # "7 and at least two soldiers": two figures, two segments
    split_segs = []
    for s, e in segs:
        cut = s
        for m in _AND_NUM_RE.finditer(text, s, e):
            split_segs.append((cut, m.start()))
            cut = m.end()
        split_segs.append((cut, e))
    out = []
    for s, e in split_segs:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _line_span(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    s = text.rfind("\n", lo, pos) + 1 if text.rfind("\n", lo, pos) >= 0 else lo
    s = max(s, lo)
    e = text.find("\n", pos, hi)
    e = hi if e < 0 else e
    return s, e


# --------------------------------------------------------------------------- body


def _body_spans(doc: Document) -> list[tuple[str, int, int]]:
    out = []
    ib_end = doc.infobox.end if doc.infobox is not None else -1
    secs = sorted(doc.sections, key=lambda s: (s.start, -s.level))
    for i, s in enumerate(secs):
        if SKIP_SECTIONS.match(s.name.strip()):
            continue
        start = max(s.start, ib_end) if ib_end > s.start and ib_end < s.end else s.start
        end = s.end
        # a parent section's body stops at its first child
        for t in secs[i + 1:]:
            if t.start >= start and t.start < end:
                end = t.start
                break
        if end > start:
            out.append((s.name, start, end))
    return out


def _body_claims(doc: Document, sides: list[Side]) -> list[Claim]:
    ctx = _Ctx(doc, sides)
    text = doc.text
    out: list[Claim] = []
    for name, s0, s1 in _body_spans(doc):
        section_other = bool(OTHER_SECTION_RE.match(name.strip()))
        prev_para = -1
        prev_source: str | None = None
        for ss, se, para in sentences.split(text, s0, s1):
            if para != prev_para:
                check_time("reading the body's claims")  # the time budget (tally.limits)
                prev_source = None
                prev_para = para
            sent = text[ss:se]
            if sent.lstrip().startswith(("- ", "* ")) and len(sent) < 80 and not re.search(r"\d", sent):
                continue
            found = _sentence_claims(text, ss, se, ctx)
            if not found:
                # a sentence with no claim keeps the paragraph's source going
                src = _sentence_source(sent)
                if src:
                    prev_source = src
                continue
            src = _sentence_source(sent)
            carried = None
            if src is None and prev_source and CONTINUES_RE.search(sent):
                carried = prev_source
            other_sent = section_other or _other_event_sentence(sent, ctx.year)
            for c in found:
                if CAUSE_OTHER_RE.search(text[max(ss, c.figure_start - 60):c.figure_start]):
                    c.other_event = True  # "sparked by the killing of a military official"
                clause_src = _clause_source(text, ss, se, c.figure_start)
                if clause_src:
                    c.source = clause_src  # this ';' clause names its own speaker
                elif c.source is None:
                    c.source = src or carried
                c.section = name
                if other_sent or RELATIVE_OTHER_RE.search(text[max(ss, c.figure_start - 40):c.figure_start]) \
                        and OTHER_MARK_RE.search(sent) is not None:
                    c.other_event = True
                elif ctx.year and RELATIVE_OTHER_RE.search(text[max(ss, c.figure_start - 40):c.figure_start]):
                    ym = [int(y) for y in YEAR_RE.findall(sent)]
                    if ym and all(y != ctx.year for y in ym):
                        c.other_event = True
                out.append(c)
            prev_source = src or carried or prev_source
    return out


def _other_event_sentence(sent: str, year: int | None) -> bool:
    if OTHER_MARK_RE.search(sent):
        # "the attack was the deadliest since 2012" still reports this incident's toll
        # when the figure comes before the marker; keep it simple: mark only when
        # the marker precedes a killing verb of a relative clause or opens the sentence
        m = OTHER_MARK_RE.search(sent)
        if re.search(r"\b(?:that|which)\s+(?:had\s+)?(?:killed|left)\b", sent[m.start():], re.I) or m.start() < 25:
            return True
    if year:
        ys = [int(y) for y in YEAR_RE.findall(sent)]
        if ys and all(y < year for y in ys) and re.search(r"\b(?:in|since|of)\s+(?:1[89]|20)\d\d\b", sent, re.I):
            return True
    return False


def _sentence_source(sent: str) -> str | None:
    if len(sent) > 2 * _WINDOW:
        sent = sent[:_WINDOW] + " … " + sent[-_WINDOW:]
    for pat in SOURCE_PATTERNS:
        m = pat.search(sent)
        if m:
            src = m.group("src").strip(" ,.;:'\"“”")
            if re.match(r"^(?:but|although|though|while|whereas|however)\b", src, re.I):
                continue
            src = re.sub(r"^(?:and|which|who)\s+", "", src, flags=re.I)
            src = re.sub(r"^(?:on|in|at|by|that|later|the\s+same)\b[^,]{0,30}?\b(?:\w*day|week|morning|evening|night|"
                         r"afternoon|month|year|time)\s*,?\s+", "", src, flags=re.I)
            if not src or _BAD_SOURCE.match(src) or len(src) > 90 or _VERBY_SOURCE.search(src):
                continue
            if re.search(r"\b(?:that|which|who|whom|whose)$", src, re.I):
                continue  # "the group that claimed ...": a relative clause, not a speaker
            if re.search(r"\b(?:killed|wounded|injured|dead|died)\b", src, re.I) and pat is not SOURCE_PATTERNS[0]:
                continue
            return src
    return None


_STATING_RE = re.compile(r"(?:,\s*)?(?:with\s+)?(?P<src>(?:an?|one|the|another)\s+[\w\s'’-]{1,50}?)\s+(?:stating|saying|claiming|reporting)\s+(?:that\s+)?$", re.I)


_AND_ONE_RE = re.compile(rf"(?<![\w'’-])(?<!\bby\s)(?P<q>an?|one|his|her|their|another|the)\s+(?=(?:(?!of\b)[\w'’.-]+\s+){{0,3}}?(?:{PERSON_SG})\b(?!['’-])(?![^,.;]{{0,40}}\b(?:said|says|told|reported|stated|added|confirmed)\b)(?!\s+(?:said|says|told|reported|stated|claimed|added|confirmed|camp|camps|stronghold|strongholds|roadblock|roadblocks|cell|cells|network|attack|attacks|territory|position|positions|area|zone|station|office|house|home|"
    rf"centre|center|market|school|site|village|area|compound|vehicle|car|convoy|base|post|checkpoint|building|"
    rf"headquarters|group|party|community|family|council|movement|organi[sz]ation|association|union|wing|"
    rf"leader|leaders|rights|forces|militia|unit|team|residence|quarters|programme|program)\b))", re.I)


_ANOTHER_RE = re.compile(r"\b(?:and|while|but)\s+(?P<q>another|one\s+other|one)\s+(?=(?:was\s+|were\s+|is\s+)?(?:\w+ly\s+)?"
                         r"(?:wounded|injured|hurt|killed|died|abducted|kidnapped|arrested|missing)\b)", re.I)


_PERSON_PL_RE = re.compile(rf"^(?:(?:{PERSON_SG})(?:s|es)?|people|persons|men|women|children|kids|folks|"
                           r"police|personnel|staff|troops|forces|militiamen|tribesmen|herdsmen|fishermen|"
                           r"policemen|gunmen|clansmen|countrymen|nationals|citizens|locals|others|"
                           r"\w+ians|\w+ese|\w+is)$", re.I)


def _not_people(group: str) -> bool:
    """True when a figure's noun phrase counts animals or things ("83 cows",
    "250 buildings"), not people ("village elders" are people)."""
    words = re.findall(r"[\w'’-]+", group)[:4]
    if not words or not any(NOT_PEOPLE_RE.match(w) for w in words):
        return False
    return not any(_PERSON_PL_RE.match(w) for w in words)


_COUPLE_RE = re.compile(r"\b(?P<q>an?|the)\s+(?=(?:[\w'’.-]+\s+){0,2}?(?:couple|pair\s+of\s+(?:brothers|sisters|"
                        r"journalists|activists|men|women))\b(?!\s+of\s+(?:days|weeks|months|hours|times)))", re.I)
_NAME_AND_RE = re.compile(r"(?<![\w'’-])(?P<q>[A-Z][a-z]+(?:\s+(?:[A-Z][a-z'’-]+|al|bin|de|van|von|da|del)){1,3})"
                          r"(?=\s*,?\s+and\s+(?:his|her|their|an?|one|two|three|four|five|six|seven|eight|nine|"
                          r"ten|\d))")


def _sentence_quantities(text: str, ss: int, se: int) -> list[Quantity]:
    qs = [q for q in find_quantities(text, ss, se) if not _bad_number(text, q, ss)]
    taken = {q.start for q in qs}
    extra = []
    for rx in (_COUPLE_RE, _AND_ONE_RE, _ANOTHER_RE, _NAME_AND_RE):
        n = 2 if rx is _COUPLE_RE else 1
        for m in rx.finditer(text, ss, se):
            if m.start("q") not in taken:
                taken.add(m.start("q"))
                extra.append(Quantity(n, n, "exactly", m.start("q"), m.end("q"), m.group("q")))
    if extra:
        qs = sorted(qs + extra, key=lambda q: q.start)
    return qs


_WINDOW = 320  # characters of context read on each side of a figure

_GROUP_AFTER_RE = re.compile(rf"^({_NPWORD}{{0,6}}?)(?=\s*(?:[,;.]|$|\s(?:{_STOP}|in|on|at|from|near|by|with|during|"
                             rf"across|inside|outside|after|were|was)\b))", re.I)


def _governed(clause_before: str) -> bool:
    """True when a casualty word just before the figure already governs it
    ("killed along with the two attackers"), so it cannot open a new chain."""
    last = None
    for last in _trigger_re("left").finditer(clause_before):
        pass
    for m in _trigger_re("right").finditer(clause_before):
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
    if not CONJ_RE.match(between) or _trigger_re("right").search(between):
        return None
    nq = qs[i + 1]
    rm = RIGHT_RE.match(text[nq.end:min(se, nq.end + _WINDOW)])
    if rm and (re.search(r"\b(?:were|are|have|had|been)\b", rm.group("aux")) or
               not _OBJ_AFTER.match(text[nq.end + rm.end():se]) and not rm.group(_first_group(rm)).lower().endswith("ing")):
        return _matched_cat(rm)
    return _forward_cat(text, qs, i + 1, se, depth + 1)


def _sentence_claims(text: str, ss: int, se: int, ctx: _Ctx) -> list[Claim]:
    sent = text[ss:se]
    qs = _sentence_quantities(text, ss, se)
    claims: list[Claim] = []
    linked: list[tuple[Quantity, list[str], str | None, Claim]] = []

    def add(q_low, q_high, qual, cats, group, fs, fe, figure, side=None, source=None):
        grp = _clean_group(group) if group else None
        sd = side or ctx.side_of(grp)
        c = Claim(categories=cats, low=q_low, high=q_high, text=sent, start=ss, end=se,
                  qualifier=qual, group=grp, side=sd, source=source, section=None, origin="body",
                  figure=figure, figure_start=fs, figure_end=fe)
        claims.append(c)
        return c

    consumed: set[int] = set()
    for i, q in enumerate(qs):
        if q.start in consumed:
            continue
        # bounded windows keep long, unpunctuated "sentences" (tables, lists) linear
        bs = max(ss, q.start - _WINDOW)
        before = text[bs:q.start]
        right_end = min(se, q.end + _WINDOW)
        nxt = qs[i + 1].start if i + 1 < len(qs) else se
        after = text[q.end:nxt]
        cats: list[str] | None = None
        group = None
        m = LEFT_RE.search(before)
        if m and not _INTENT_RE.search(before[:m.start()]):
            cats = [next(k for k, v in m.groupdict().items() if v is not None)]
            gm = _GROUP_AFTER_RE.match(after)
            group = gm.group(1) if gm else None
        if cats is None and (TOLL_RE.search(before[-220:]) or HIMSELF_AND_RE.search(before)):
            cats = ["killed"]
            gm = _GROUP_AFTER_RE.match(after)
            group = gm.group(1) if gm else None
        named_victim = False
        if cats is None and not RIGHT_RE.match(text[q.end:right_end]) and WITH_OTHERS_RE.search(before) and (linked or IMPLICIT_PASSIVE_RE.search(before)) and \
                (q.figure_like_one() or re.match(r"^\s+(?:other|others|more|members|relatives|colleagues|people|\w+s)\b", after, re.I)) and \
                not re.match(r"^\s+(?:\w+\s+)?(?:stating|saying|said|says|told|reported|claiming)\b", after, re.I) and \
                (not linked or "killed" in linked[-1][1]):
            cats = list(linked[-1][1]) if linked else ["killed"]
            named_victim = not linked
            gm = _GROUP_AFTER_RE.match(after)
            group = gm.group(1) if gm else None
        if cats is None:
            lm = LEAVE_RE.search(before)
            if lm:
                rm = LEAVE_RIGHT_RE.match(after)
                if rm:
                    cats = [_matched_cat(rm)]
                    more = re.match(rf"^\s*(?:or|and/or)\s+(?:{_alt(_RIGHT_TRIGGERS)})\b", after[rm.end():], re.I)
                    if more and _matched_cat(more) not in cats:
                        cats.append(_matched_cat(more))
                    gm2 = re.match(rf"^({_NPWORD}{{0,4}}?)\s+(?:dead|killed|injured|wounded|hurt|missing)", after, re.I)
                    group = gm2.group(1) if gm2 else None
        if cats is None:
            rm = RIGHT_RE.match(text[q.end:right_end])
            if rm:
                trig_end = rm.end(_first_group(rm))
                np = rm.group("np")
                aux = rm.group("aux")
                cat = _matched_cat(rm)
                tail = text[q.end:right_end][trig_end:]
                active = False
                trig_word = rm.group(_first_group(rm)).lower()
                if trig_word in ("bodies", "corpses") and len((np or "").split()) > 2:
                    active = True  # "two women with explosives strapped to their bodies"
                passive_aux = re.search(r"\b(?:been|were|was|are|is|being|got|get|be)\b", aux, re.I)
                if not passive_aux and ((np or "").strip() or aux.strip()):
                    if trig_word.endswith("ing"):
                        active = True
                    elif re.match(r"(?:kill|massacre|execute|murder|slaughter|behead|lynch|shot|gun|hack|"
                                  r"stab|wound|injur|kidnap|abduct|arrest|detain|captur|seiz|displac|claim|"
                                  r"took|burn|beat|slew|assassinat|martyr|fatally|\w+ed\s+to\s+death)", trig_word):
                        if _OBJ_AFTER.match(tail) or re.match(r"\s+(?:him|her|them|us)\b", tail) or \
                                (cat == "killed" and _NAME_AFTER.match(tail)) or \
                                (ATTACKER_RE.search(np or "") and not re.match(r"^\s*(?:[,.;]|and\b|in\b|on\b|at\b|$)", tail)):
                            active = True
                # number agreement: "... two online dailies ... was killed" is not a count of two
                if re.search(r"\b(?:was|is|has)\b", aux, re.I) and not re.search(r"\b(?:were|are|have)\b", aux, re.I) \
                        and q.low > 1 and not rm.group("paren") and not re.search(r"\b(?:family|group|couple|total)\s+of\s+$", before, re.I) \
                        and not re.search(r"\b(?:couple|pair|family)\b", np or "", re.I):
                    active = True
                if (rm.group("aside") or rm.group("rel")) and not passive_aux:
                    active = True  # an aside must be followed by "were killed", "have been shot"...
                if not active:
                    np_end = q.end + (rm.end("aside") if rm.group("aside") else rm.end("rel") if rm.group("rel") else rm.end("np"))
                    for q2 in qs[i + 1:]:
                        if q2.start < np_end:
                            consumed.add(q2.start)
                    cats = [cat]
                    # "dead or wounded", "killed or arrested"
                    more = re.match(rf"^\s*(?:or|and/or|and)\s+(?:{_alt(_RIGHT_TRIGGERS)})\b", tail, re.I)
                    if more and np.strip() != "" or (more and not re.match(r"^\s*and\s+(?:\w+\s+){0,3}(?:were|was)\b", tail)):
                        c2 = _matched_cat(more) if more else None
                        if more and re.match(r"^\s*or\b|^\s*and/or\b", tail, re.I) and c2 and c2 != cat:
                            cats = [cat, c2]
                    if re.search(r"\bkilled\s+or\b|\bdead\s+or\b", aux or "", re.I):
                        cats = _categories_in(aux + " " + trig_word, _RIGHT_TRIGGERS) or [cat]
                    group = np
        if cats is None and linked:
            # conjunction with the previous linked figure
            pq, pcats, _, pclaim = linked[-1]
            between = text[pq.end:q.start]
            cm = CONJ_RE.match(between)
            speaker = re.match(r"^[^,.;]{0,45}?\b(?:said|says|told|reported|stated|confirmed)\b", after, re.I)
            if cm and not speaker and not _trigger_re("right").search(between) and not _trigger_re("left").search(between):
                cats = list(pcats)
                gm = _GROUP_AFTER_RE.match(after)
                group = gm.group(1) if gm else None
        if cats is None and i + 1 < len(qs) and not _governed(re.split(r"[,;:]", before)[-1]):
            # forward conjunction: "13 inmates and one guard were killed"
            between = text[q.end:qs[i + 1].start]
            fc = _forward_cat(text, qs, i, se)
            if fc:
                cats = [fc]
                group = between
                group = re.sub(r"\s*(?:,\s*and|,|\band|\bas\s+well\s+as|\bplus|\bwhile)"
                               r"(?:\s+(?:his|her|their|its))?\s*$", "", group)
        if cats is None:
            # a subset figure inside a parenthesis of a linked figure: "29 people, including 10 foreigners, were killed"
            if linked and SUBSET_RE.search(before[-40:]):
                cats = list(linked[-1][1])
                gm = _GROUP_AFTER_RE.match(after)
                group = gm.group(1) if gm else None
        if cats is None:
            continue
        if group and _not_people(group):
            linked.append((q, cats, group, None))  # "83 cows and 20 herders": keep the chain
            continue
        # the source of this figure: "with one officer stating over a hundred..."
        fsrc = None
        sm = _STATING_RE.search(text[max(ss, q.start - 80):q.start])
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

    # a suicide attacker "killed himself and five others" / "blew himself up"
    for m in HIMSELF_RE.finditer(sent):
        who = m.group("who").lower()
        n = 1 if who != "themselves" else 2
        add(n if who != "themselves" else 1, n if who != "themselves" else None,
            "exactly" if who != "themselves" else "at least", ["killed"], "the attacker" if n == 1 else "the attackers",
            ss + m.start("who"), ss + m.end("who"), m.group("who"), side="perpetrators")
    if not HIMSELF_RE.search(sent):
        for m in BLEW_UP_RE.finditer(sent):
            who = (m.group("who") or m.group("who2")).lower()
            st = m.start("who") if m.group("who") else m.start("who2")
            en = m.end("who") if m.group("who") else m.end("who2")
            add(1, 1 if who != "themselves" else None, "exactly" if who != "themselves" else "at least",
                ["killed"], "the attacker" if who != "themselves" else "the attackers",
                ss + st, ss + en, who, side="perpetrators")

    # implicit single victims, clause by clause (";"), where the clause has no killed figure
    pos = 0
    for clause in re.split(r"(?<=;)", sent):
        c0, c1 = ss + pos, ss + pos + len(clause)
        pos += len(clause)
        if any("killed" in c.categories and c.side != "perpetrators" and c0 <= c.figure_start < c1 for c in claims):
            continue
        _implicit_in_clause(text, c0, c1, add, any("killed" in c.categories for c in claims))
    return _drop_restatements(text, claims)


_PARTITIVE_RE = re.compile(r"\s+of\s+(?:the|those|these)\s+(?P<noun>dead|killed|injured|wounded|hurt|"
                           r"casualties|arrested|detained|missing|hostages)\b", re.I)
_NOUN_CAT = {"dead": "killed", "killed": "killed", "injured": "injured", "wounded": "injured",
             "hurt": "injured", "arrested": "arrested", "detained": "arrested", "missing": "missing",
             "hostages": "hostages"}


def _drop_restatements(text: str, claims: list[Claim]) -> list[Claim]:
    """Drop what restates a count already made, never a new count:

    * a count read from a noun inside the phrase of a numbered claim of the same
      category ("A fourth attacker was shot dead": the figure "A" already counts
      the attacker, the noun "attacker" is the same person);
    * a part of a set of the same category ("several of the injured were in a
      serious condition": those are among the injured already counted).
    """
    out: list[Claim] = []
    for c in claims:
        if c.figure_end is not None:
            pm = _PARTITIVE_RE.match(text, c.figure_end)
            if pm and _NOUN_CAT.get(pm.group("noun").lower()) in c.categories:
                continue
        if is_implicit(c) and c.figure_start is not None:
            inside = False
            for o in claims:
                if o is c or is_implicit(o) or o.figure_start is None or not set(o.categories) & set(c.categories):
                    continue
                phrase_end = o.figure_end + len(o.group or "") + 2
                if o.figure_start <= c.figure_start < phrase_end:
                    inside = True
                    break
            if inside:
                continue
        out.append(c)
    return out


_SINGLE_SUBJ_PLURAL_RE = re.compile(r"\b(?:people|persons|civilians|soldiers|men|women|children)\b")


def _implicit_in_clause(text: str, c0: int, c1: int, add, sentence_has_killed: bool) -> None:
    """Counts of one read without a number: "shot dead the village chief",
    "a journalist was killed", "he later died of his wounds"."""
    clause = text[c0:c1]
    m = IMPLICIT_ACTIVE_RE.search(clause)
    if m and not re.search(r"\b(?:to|would|will|threatened|vowed|tried|attempt(?:ed)?)\s+$", clause[:m.start()], re.I):
        obj = re.search(r"(?:(?:a|an|the|his|her|their|its|one)\s+).*$", m.group(0), re.I)
        objtxt = obj.group(0) if obj else m.group(0)
        add(1, 1, "exactly", ["killed"], re.sub(r"^(?:a|an|the|one)\s+", "", objtxt, flags=re.I),
            c0 + m.end() - len(objtxt), c0 + m.end(), objtxt)
        return
    m = IMPLICIT_PASSIVE_RE.search(clause)
    if m:
        if re.search(r"\b(?:were|are)\b", clause[max(0, m.start() - 60):m.start()]):
            return
        base = max(0, m.start() - 200)
        subj = clause[base:m.start()]
        # the subject must look like one person: a person noun (the first one) or a name
        pm = PERSON_SG_RE.search(subj)
        nm = re.search(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+)+\s*,?\s*(?:\w+\s+){0,6}$", subj)
        if pm is not None and not _SINGLE_SUBJ_PLURAL_RE.search(subj[pm.end():]):
            st, en = pm.start(), pm.end()
        elif nm:
            st, en = nm.start(), nm.start() + len(nm.group(0).split(",")[0].rstrip())
        else:
            return
        fig = subj[st:en]
        add(1, 1, "exactly", ["killed"], fig, c0 + base + st, c0 + base + en, fig)
        return
    if not sentence_has_killed:
        m = IMPLICIT_DIED_RE.search(clause)
        if m:
            add(1, 1, "exactly", ["killed"], None, c0 + m.start(), c0 + m.end(), m.group(0))


def _first_group(m: re.Match) -> str:
    for k in _RIGHT_TRIGGERS:
        if m.group(k) is not None:
            return k
    return "killed"
