"""The casualty lexicon: the trigger words of each category (killed, injured,
arrested, captured, missing, hostages, displaced) and the compiled patterns that
link a figure to them, on its left ("killed 14", "the death toll rose to 30"),
on its right through a noun phrase ("13 people were killed") or through a
conjunction ("14 civilians and three soldiers")."""

from __future__ import annotations

import re

from ...text import quantities as _quantities
from .patterns import alt, trigger_finder


KILL_ACTIVE = (r"killed|killing|kills|kill|martyred|massacred|massacres|beheads|executes|murders|hanged|hangs|massacring|executed|executing|murdered|murdering|"
                r"slaughtered|slaughtering|beheaded|beheading|slew|slaying|lynched|lynching|"
                r"shot\s+dead|shooting\s+dead|fatally\s+(?:shot|stabbed)|shot\s+to\s+death|shooting\s+to\s+death|shot\s+and\s+killed|gunned\s+down|gunning\s+down|"
                r"hacked\s+to\s+death|stabbed\s+to\s+death|beat\s+to\s+death|beaten\s+to\s+death|"
                r"burned\s+to\s+death|burnt\s+to\s+death|\w+ing\s+to\s+death|\w+ed\s+to\s+death|claimed\s+the\s+lives\s+of|"
                r"claiming\s+the\s+lives\s+of|took\s+the\s+lives\s+of|taking\s+the\s+lives\s+of|"
                r"assassinated|assassinating|decapitated|decapitating|put\s+to\s+death|putting\s+to\s+death|"
                # an army's word for killing in its communiqués ("troops neutralised 12 terrorists")
                r"neutrali[sz]ed|neutrali[sz]ing|neutrali[sz]es")
LEFT_TRIGGERS = {
    "killed": KILL_ACTIVE + r"|shot(?!\s+(?:at|and\s+(?:wounded|injured)|in\s+the\s+(?:leg|arm|hand|foot|shoulder|knee)))|"
                             r"killers\s+of|death\s+toll|toll|bodies\s+of|killing\s+of|corpses\s+of|remains\s+of|"
                             r"deaths\s+of|death\s+of|killings\s+of|murder\s+of|murders\s+of|"
                             r"massacre\s+of|execution\s+of|executions\s+of|lost|losing",
    "injured": r"wounded|wounding|injured|injuring|injures|wounds|maimed|maiming|injure|wound",
    "arrested": r"arrested|arresting|detained|detaining|rounded\s+up|apprehended|apprehending",
    "captured": r"captured|capturing|took\s+prisoner|taken\s+prisoner",
    "hostages": r"kidnapped|kidnapping|abducted|abducting|took\s+hostage|taking\s+hostage|"
                r"seized|seizing|kidnap\s+of|abduction\s+of",
    "displaced": r"displaced|displacing|displacement\s+of|forced\s+out",
}
RIGHT_TRIGGERS = {
    "killed": KILL_ACTIVE + r"|among\s+the\s+(?:dead|killed|fatalities)|"  # "two policemen were among the dead"
                             r"dead|died|dying|deaths|death|slain|perished|drowned|KIA|succumbed|"
                             r"lost\s+(?:their|his|her)\s+lives|lost\s+(?:their|his|her)\s+life|"
                             r"bodies|corpses|fatalities|fatally\s+(?:shot|wounded|injured)|"
                             # "the 9 victims of the attack", unless the victims are said hurt, treated or taken
                             r"victims(?!\s+(?:\w+\s+){0,3}?(?:were|was|are|is|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:wounded|injured|"
                             r"hurt|treated|hospitali[sz]ed|taken|rushed|evacuated|rescued|freed|released|kidnapped|abducted|"
                             r"discharged|admitted|receiving|in\s+(?:a\s+)?(?:stable|critical|serious)))|"
                             r"burned\s+alive|burnt\s+alive|found\s+dead|found\s+murdered|casualties|"
                             r"shot(?!\s+(?:at|and\s+(?:wounded|injured)|in\s+the\s+(?:leg|arm|hand|foot|shoulder|knee)|"
                             r"(?:and\s+)?(?:dead|to\s+death|and\s+killed)))",
    "injured": r"WIA|wounded|injured|hurt|injuries|wounding|injuring|hospitali[sz]ed|(?:sustained|suffered)\s+(?:\w+\s+)?(?:injuries|injury|wounds)|"
               r"treated\s+(?:in|at)\s+(?:(?:a|the|local|nearby|\w+['’]s)\s+)?hospitals?|treated\s+for\s+(?:\w+\s+)?(?:injuries|wounds)",
    "arrested": r"arrested|detained|apprehended|rounded\s+up|in\s+custody|arrests|detentions",
    "captured": r"captured|taken\s+prisoner|POWs?",
    "missing": r"missing|unaccounted\s+for|disappeared|MIA",
    "hostages": r"kidnapped|abducted|taken\s+hostage|held\s+hostage|(?:hostages|captives)(?!\s+(?:and\s+(?:[\w-]+\s+){1,2}?)?(?:(?:were|was|are|have|had|been|being|also|all|later|reportedly)\s+)+(?:killed|dead|died|executed|murdered|shot|wounded|injured|beheaded|slain|hurt))|seized",
    "displaced": r"displaced(?!\s+(?:people|persons|person|families|civilians|iraqis|syrians|residents|villagers|men|women|children|by)\b)|fled\s+(?:their|his|her)\s+homes|homeless|"
                 r"fled\s+(?:across|over)\s+the\s+border|fled\s+(?:to|into)\s+neighbou?ring|"
                 r"fled\s+the\s+(?:town|city|village|villages|area|region|district|fighting|violence)",
}

# a figure that is a round approximation, not a count: "dozens", "a dozen", "hundreds";
# a later count refines it rather than competing with it (reconcile.totals)
APPROXIMATE_FIGURE_RE = re.compile(r"\b(?:dozens?|scores|hundreds|thousands|tens)\b", re.I)

# the words that state the toll as it now stands, before its figure: "the toll of the attack is 30",
# "the death toll stood at more than 40"; a later figure so worded replaces the toll so far (reconcile.totals)
TOLL_NOW_RE = re.compile(r"\b(?:death\s+)?toll\b[^.;:]{0,120}?\b(?:is|stands|stood|was|has\s+reached|reached)\s+(?:at\s+)?"
                         r"(?:(?:more\s+than|at\s+least|over|about|nearly)\s+)*$", re.I)
# words anywhere in a sentence that make its figure the whole count as it now stands: "40 dead so far",
# "23 people in all", "by Wednesday 30 had died"; a later figure so worded replaces the toll so far (reconcile.totals)
COUNT_NOW_RE = re.compile(r"\b(?:so\s+far|to\s+date|in\s+all|in\s+total|altogether|all\s+told|by\s+(?:the\s+)?(?:"
                          r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|evening|morning|afternoon|nightfall|night|dawn|"
                          r"noon|midday|end\s+of|time|then))\b", re.I)


_QWORD = r"(?:all\s+the|all|an?\s+(?:entire\s+)?family\s+of|the\s+family\s+of|surged|grew|total|at\s+least|the\s+lives\s+of|a\s+total\s+of|another|a\s+further|an\s+additional|additional|further|some|to|at|of|as|had|has|have|reached|rose|risen|climbed|stood|stands|now|jumped|increased|is|was|were|are|been|hit|up|dead|alive|only|nearly|almost|around|over|more\s+than|about|his|her|their|its)"
INTENT_RE = re.compile(r"\b(?:threatened|threatening|threatens|vowed|vowing|vows|plans?|planned|planning|tried|"
                        r"trying|attempted|attempting|wanted|wants|intended|sought|would|will|could|might)\s+to\s+$|"
                        r"\b(?:would|will|could|might)\s+$", re.I)
LEFT_RE = re.compile(rf"\b(?:{alt(LEFT_TRIGGERS)})(?:\s+{_QWORD})*\s+$", re.I)
#: a trigger and "or" before the trigger of a figure: "killed or wounded 40" counts casualties
OR_LEFT_RE = re.compile(rf"\b(?:{alt(LEFT_TRIGGERS)})\s+(?:or|and/or)\s+$", re.I)
TOLL_RE = re.compile(r"\b(?:death\s+toll|death\s+total|toll|number\s+of\s+(?:dead|deaths|people\s+killed|victims|fatalities))\b"
                     r"[^.;:]{0,200}?\b(?:rose|risen|rises|surged|climbed|jumped|reached|hit|stood|stands|is|was|"
                     r"has\s+been|increased|grew|of|at|to|near|put\s+at|estimated\s+at)\s+(?:(?:to|at|around|about|nearly|near|some|over)\s+)*$", re.I)
# a toll that has grown since an earlier report (the words before the figure): "the death toll
# has risen to 23", "the number of dead climbed to", "now stands at"; read across reports
TOLL_RISE_RE = re.compile(r"\b(?:rose|risen|rising|climbed|increased|jumped|surged|grew|went\s+up|revised\s+(?:up|upwards?)"
                          r"|rises|climbs|jumps|increases|grows"  # a headline's present: "Toll of the raid rises to 17"
                          r"|now\s+(?:stands|stood|is)|bringing|raising|pushing)\b[^.;:]{0,40}$", re.I)
# an update of the toll named by a plainer noun: "the figure later reached 14", "the tally rose to 30"
TOLL_UPDATE_RE = re.compile(r"\b(?:the|that|this)\s+(?:figure|tally|count|number|total)\s+(?:(?:later|then|has|had|since|"
                            r"subsequently|eventually|now)\s+)*(?:rose|risen|climbed|reached|jumped|increased|grew|"
                            r"went\s+up)\s+(?:(?:to|at|around|about|nearly|some|over)\s+)*$|"
                            r"\b(?:bringing|raising|taking|pushing|brought|raised|took|pushed)\s+the\s+(?:overall\s+)?"
                            r"(?:total|tally|count)\s+(?:(?:number\s+)?of\s+(?:the\s+)?(?:dead|deaths|victims|fatalities|"
                            r"people\s+killed)\s+)?to\s+(?:(?:around|about|nearly|some|over)\s+)*$", re.I)
WITH_OTHERS_RE = re.compile(r"\b(?:along\s+with|together\s+with|alongside|with)\s+(?:another\s+|at\s+least\s+|the\s+|his\s+|her\s+|their\s+)?$", re.I)
HIMSELF_AND_RE = re.compile(r"\b(?:killing|killed|kills|kill)\s+(?:himself|herself|themselves)\s+and\s+$", re.I)
# "left 5 dead", "leaving 12 people injured"
LEAVE_RE = re.compile(r"\b(?:left|leaving|leaves|leave|claimed|claiming|claims|cost|costing|took|taking)\s+(?:{_q}\s+)*$".replace("{_q}", _QWORD), re.I)
LEAVE_RIGHT_RE = re.compile(
    rf"^(?:\s+[\w'’-]+){{0,4}}?\s+(?:(?P<lives>lives)|{alt(RIGHT_TRIGGERS)})\b", re.I)

STOP = (r"and|or|but|while|whereas|when|after|before|as|who|whom|which|that|because|since|if|"
         r"following|amid|during|said|says|told|reported|including|according|stating|saying|claiming|adding|reporting")
_AUX = (r"(?:\s*,?\s*(?:were|was|are|is|have|has|had|been|being|be|got|get|reportedly|allegedly|\w+ly|"
        r"also|all|later|subsequently|believed|feared|confirmed|thought|said|reported|known|remain|remains|remained|"
        r"to|each|both|then|immediately|either|eventually|found|left|now|already|still|in\s+total|"
        r"in\s+all|so\s+far|altogether|likely|presumed|killed\s+or|dead\s+or|since|"
        r"(?:on|last|early|late)\s+\w+day(?:\s+(?:night|morning|evening|afternoon))?|yesterday|today|tonight|"
        r"overnight|(?:on|last)\s+(?:night|week|weekend)|in\s+the\s+(?:attack|raid|blast|explosion|violence|clashes))\b)")
_NUMWORD_START = r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+dozen|dozens|several|at\s+least|another)\b"
_NUMSTART = rf"(?:an?|his|her|their|{_NUMWORD_START[3:]}"
NPWORD = rf"(?:\s+(?!(?:{STOP}|were|was|are|is|have|has|had|been)\b)(?!{_NUMWORD_START})[\w'’.()\[\]\-]+|\s+(?:from|of|in)\s+{_NUMWORD_START}|\s+and(?!\s+{_NUMSTART})(?=\s+[a-z(]))"
RIGHT_RE = re.compile(
    rf"^(?P<np>{NPWORD}{{0,11}}?)(?P<paren>\s*,?\s*(?:including|among\s+them|among\s+whom|mostly|"
    rf"mainly|most\s+of\s+them|many\s+of\s+them|all\s+of\s+them|both|many|most|among\s+them|majority\s+of\s+them|"
    rf"the\s+majority|all|mostly)\b[^;:]{{0,90}}?,?|(?P<aside>\s*(?:,|—|–|--|\s-\s)\s*[^;:,—–]{{1,100}}?(?:,|—|–|--|\s-\s))|"
    rf"(?P<rel>\s+(?:who|that|which)\s+(?:had|have|has|were|was|are|is)\s+[^,;.]{{0,60}}?(?=\s+(?:were|was|have|has|had|are|is)\s)))?"
    rf"(?:\s*,?\s*(?:who|that|which)\b)?(?P<aux>{_AUX}*)\s*(?:\b(?!\w*(?:men|children|citizen|kitchen|garden)\b)\w+(?:ed|en)\s+and\s+)?\b(?:{alt(RIGHT_TRIGGERS)})\b",
    re.I)
#: a passive auxiliary in the words between a figure and its verb ("were", "have been"): the figure is
#: the verb's patient, so a victim count
PASSIVE_AUX_RE = re.compile(r"\b(?:been|were|was|are|is|being|got|get|be)\b", re.I)
#: nouns of animals and things: a figure counting them is no casualty figure ("83 cows", "250 buildings")
NOT_PEOPLE_RE = re.compile(r"^(?:pigs?|cows?|cattle|livestock|goats?|sheep|camels?|horses?|donkeys?|"
                           r"animals?|dogs?|chickens?|birds?|houses?|homes?|buildings?|vehicles?|cars?|trucks?|"
                           r"shops?|huts?|tonnes?|tons?|rounds?|rockets?|missiles?|shells?|bombs?|mines?|"
                           r"aircraft|planes?|drones?|tanks?|villages?|towns?|countries|nations|nationalities|states|provinces|"
                           r"districts|cities|communities)\b", re.I)
#: another speaker's figure for the same count, after a figure in the sentence (claims.relations):
#: a contrast with a speech verb ("..., although villagers said over 10 were killed"), a clause
#: of its own after a semicolon ("; officials said 14 soldiers died")
CONTRAST_RE = re.compile(r"\b(?:although|though|but|however|whereas|while|yet)\b[^.;]{0,60}?\b(?:said|say|says|claimed|"
                          r"claim|claims|reported|put|according|insisted|estimated)\b[^.;]*$", re.I)


SPEECH_RE = re.compile(r"\b(?:said|say|says|claimed|claims|reported|reports|stated|announced|confirmed|"
                        r"according\s+to|estimated|put)\b", re.I)
CLAUSE_SPEAKER_RE = re.compile(r";\s*(?:while\s+|but\s+|and\s+)?[^;]{0,80}?\b(?:said|say|says|claimed|reported|"
                                r"stated|announced|confirmed|according\s+to|estimated|put)\b[^;]*$", re.I)


#: what makes a number no count in this language beyond the units and months every text shares
#: (claims.figures.bad_number): none in English, whose units and months are those
NOT_A_COUNT_AFTER_RE = re.compile(r"(?!)")
NOT_A_COUNT_BEFORE_RE = re.compile(r"(?!)")
#: after "with N others": a fate of their own, so they are not counted with the dead
#: ("two were killed with 9 others evacuated to hospital")
OTHER_FATE_RE = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:evacuated|rescued|hospitali[sz]ed|treated|admitted|taken|rushed"
                           r"|abducted|kidnapped|arrested|detained|missing|freed|released|displaced|fled|escaped)\b", re.I)
#: before a figure, the killing that caused or preceded this event ("sparked by the killing of
#: two herders", "after the deaths of 40 soldiers"): that figure is another event's
CAUSE_OTHER_RE = re.compile(r"\b(?:(?:sparked|triggered|prompted|provoked)\s+by|over|after|following|avenge|avenging|"
                            r"(?:in\s+)?(?:retaliation|revenge|reprisal)\s+for|anniversary\s+of)\s+(?:the\s+|a\s+)?"
                            r"(?:\w+\s+){0,2}?(?:killing|killings|murder|murders|death|deaths|assassination|slaying)\s+of\s+$|"
                            r"\b(?:after|following|since)\s+(?:they|it|he|she|the\s+\w+)\s+(?:had\s+)?lost\s+$", re.I)
#: left triggers that count only people named as such after the figure (none in English)
PEOPLE_ONLY_LEFT_RE = re.compile(r"(?!)")
#: a noun of one event right before a relative clause ("the attack that has killed 20"): the clause
#: gives this event's toll, not a campaign's (claims.body.context_clauses)
EVENT_NOUN_BEFORE_RE = re.compile(r"\b(?:attack|ambush|bombing|blast|explosion|raid|assault|massacre|shooting|strike)s?"
                                  r"(?:\s+[\w'’-]+){0,3}?\s*,?\s*$", re.I)
#: armed men named by their kind: attackers where the text has them kill civilians (one-sided
#: violence, claims.groups.ClaimContext), a side like any other in a battle
ARMED_GROUP_RE = re.compile(r"\b(?:jihadists?|insurgents?|militants?|terrorists?|extremists?|islamists?)\b", re.I)
KILLING_RE = re.compile(r"\b(?:killed|killing|kill|kills|massacred|slaughtered|murdered|executed|shot\s+dead)\b", re.I)
OBJ_AFTER = re.compile(
    r"^\s+(?:(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+|about\s+|nearly\s+|around\s+|up\s+to\s+)?"
    r"(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|"
    r"seven\b|eight\b|nine\b|ten\b|\w+teen\b|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|dozens|scores|several|many)|(?:a|an|the|his|her|their|its|people|civilians|villagers|"
    r"students|soldiers|policemen|residents|worshippers|women|children|members|men)\b)", re.I)

NAME_AFTER = re.compile(r"\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                         r"March|April|May|June|July|August|September|October|November|December|In|On|At)\b)"
                         r"[A-Z][a-z]+")
SUBSET_RE = re.compile(
    r"(?:\bincluding|\bincluded|\bamong\s+them|\bamong\s+whom|\bamong\s+the\s+(?:dead|killed|victims|"
    r"casualties|injured|wounded)|\bof\s+whom|\bof\s+them|\bmostly|\bmainly|\bincluding\s+at\s+least|"
    r"\bsuch\s+as|\bnamely)(?:\s+(?:the|all|its|their))?\s*$", re.I)  # "including the four assailants"

CONJ_RE = re.compile(rf"^(?:{NPWORD}{{0,8}}?)\s*(?:,\s*and|,|\band|\bas\s+well\s+as|\bplus|\bwhile)"
                     r"(?:\s+(?:his|her|their|its))?\s*$", re.I)  # "a chief and his two sons"

#: a round-up that leaves out the verb of its later items: "Four died on Monday in A, two more on
#: Tuesday in B, and one on Wednesday": a figure with a time or place right after it (after "more" /
#: "others" if any), in a clause of its own after a linked figure (claims.sentence._link_ellipsis)
ELLIPSIS_BEFORE_RE = re.compile(r"(?:,\s*(?:and\s+|then\s+)?|;\s*|\band\s+(?:then\s+)?)$", re.I)
ELLIPSIS_AFTER_RE = re.compile(r"^\s+(?:(?:more|others|other\s+people|additional\s+people)\s+)?"
                               r"(?:on|in|at|near|the\s+next\s+day|the\s+following\s+day|later)\s", re.I)

PERSON_SG = (
    "man|woman|boy|girl|child|baby|infant|toddler|teenager|teen|youth|student|pupil|teacher|protester|demonstrator|"
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
    "conductor|mechanic|tailor|butcher|baker|barber|carpenter|builder|watchman|caretaker|janitor|clerk|"
    "transgender|gay|lesbian|albino|christian|muslim|hindu|buddhist|convert"
)

WINDOW = 320  # characters of context read on each side of a figure

#: figures of people written as words, read by claims.figures beside its English determiners ("a", "his",
#: "another"): "both attackers" (2); French has its own "un policier", "son frère"
ONE_FIGURE_RE = re.compile(r"(?!)")
#: one person dying of wounds told with a pronoun, beside claims.implicit's English ones: "il a succombé à ses
#: blessures", "elle est morte de ses blessures"
DIED_ALONE_RE = re.compile(r"(?!)", re.I)
BOTH_RE = re.compile(rf"(?<![\w'’-])(?P<q>both)\s+(?=(?:of\s+)?(?:the\s+|their\s+)?(?:[\w'’-]+\s+){{0,2}}?"
                     rf"(?:(?:{PERSON_SG})s|men|women|children|people|gunmen|policemen|herdsmen|tribesmen)\b)", re.I)

#: the number reader of this language
find_quantities = _quantities.find_quantities
#: the dependency-parse rules of :mod:`tally.claims.structure` read this language
PARSED = True

ATTACKER_RE = re.compile(r"\b(?:gunm[ae]n|attackers?|assailants?|bombers?|perpetrators?|kidnappers?|raiders?|"
                         r"shooters?|hijackers?|abductors?|hostage-takers?)\b", re.I)

#: the noun phrase after a figure that names its group: "14 villagers in ..." -> "villagers"
GROUP_AFTER_RE = re.compile(rf"^({NPWORD}{{0,6}}?)(?=\s*(?:[,;.]|$|\s(?:{STOP}|in|on|at|from|near|by|with|during|"
                            rf"across|inside|outside|after|were|was)\b))", re.I)

#: a word for people, singular or plural: "14 villagers" are people, "14 villages" are not
PERSON_PL_RE = re.compile(rf"^(?:(?:{PERSON_SG})(?:s|es)?|people|persons|men|women|children|kids|folks|"
                           r"police|personnel|staff|troops|forces|militiamen|tribesmen|herdsmen|fishermen|"
                           r"policemen|gunmen|clansmen|countrymen|nationals|citizens|locals|others|"
                           r"\w+ians|\w+ese|\w+is)$", re.I)

#: who said a figure: "according to X", "..., X said", "X said ...", "per X"
SOURCE_PATTERNS = [
    re.compile(r"\baccording\s+to\s+(?P<src>[^,;.\"“”()]{2,90}?)(?=\s*(?:[,;.\"“”()]|$|\s+(?:who|which|in\s+a|on\s+\w+day)\b))", re.I),
    re.compile(r"[,\"”]\s*(?P<src>(?:[^,;\"“”]{2,90}?))\s+(?:said|says|reported|told|stated|announced|confirmed|added|claimed|estimated|noted)\b[^,;]{0,80}$"),
    re.compile(r"[,\"”]\s*(?:said|says|reported|told|stated|announced|confirmed)\s+(?P<src>[^,;.]{2,80})[.]?$", re.I),
    re.compile(r"^(?:(?:On|In|At)\s[^,]{1,40},\s*)?(?:That same day,\s*)?(?P<src>(?:[A-Z][\w'’.-]*|the|an?|one|local|military|security|police|government)(?:\s+[\w'’.-]+){0,9}?)\s*,?\s+(?:(?:also|later|had|has|have)\s+)?(?:said|says|reported|stated|announced|told|confirmed|claimed|estimated|put|gave|"
               r"documented|recorded|counted|verified|registered)\b"),
    re.compile(r"\bper\s+(?P<src>[A-Z][^,;.()]{1,60})"),
    re.compile(r"^(?P<src>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}),[^,]{3,80},\s*(?:said|says|stated|reported|announced|claimed)\b"),
]

#: trigger_re("left" | "right"): the compiled triggers of one side
trigger_re = trigger_finder(LEFT_TRIGGERS, RIGHT_TRIGGERS)


# the nouns that say whom a figure counts (reconcile/victims.py reads those of every language)
VICTIM_NOUNS = {
    "civilians": (
        r"civilians?|villagers?|residents?|inhabitants?|locals|worshipp?ers?|churchgoers?|"
        r"congregants?|children|child|boys?|girls?|babies|infants?|women|woman|elderly|students?|"
        r"pupils?|schoolchildren|schoolgirls?|schoolboys?|teachers?|passengers?|shoppers?|"
        r"pilgrims?|mourners?|farmers?|herders?|herdsmen|fishermen|traders?|merchants?|vendors?|"
        r"miners?|workers?|labou?rers?|drivers?|patients?|doctors?|nurses?|aid\s+workers?|travell?ers?|commuters?|"
        r"humanitarians?|journalists?|reporters?|refugees?|displaced|idps?|tourists?|guests?|"
        r"relatives|parishioners?|monks?|priests?|imams?|clerics?|christians?|muslims?|hindus?|"
        r"elders?|chiefs?|non-?combatants?"),
    "security_forces": (
        r"soldiers?|troops?|servicem[ae]n|servicewom[ae]n|army|military|militarymen|gendarmes?|"
        r"gendarmerie|police(?:m[ae]n|wom[ae]n|\s+officers?)?|policem[ae]n|officers?|"
        r"security\s+(?:forces?|personnel|agents?|officials)|security\s+men|peace-?keepers?|"
        r"(?:body|border|prison|security)?\s*guards?|sentr(?:y|ies)|recruits?|cadets?|conscripts?|"
        r"marines?|paratroopers?|commandos?|sailors?|airm[ae]n|pilots?|legionnaires?|"
        r"(?:military|army|police)\s+personnel|customs\s+officers?|rangers?|wardens?|"
        # armed auxiliaries defending a village (vigilantes, self-defence militias, Nigeria's CJTF,
        # Burkina Faso's VDP): armed, so not civilians for a dataset that counts civilians
        r"vigilantes?|(?:self-?\s*)?defen[cs]e\s+(?:militias?|groups?|forces?|committees?)|militia\s+members?|"
        r"CJTF|VDPs?|home\s+guards?|auxiliar(?:y|ies)|"
        # forces of a state or a region's government named by their force, not by a rank: fighters of
        # such a force are its members ("Peshmerga fighters", "pro-government militiamen")
        r"peshmerga|pro-?government\s+(?:fighters?|militias?|militiam[ae]n|forces?)|government\s+forces|"
        r"national\s+guard(?:sm[ae]n|s)?|guardsm[ae]n|coast\s+guards?"),
    "perpetrators": (
        r"gunm[ae]n|attackers?|assailants?|(?:suicide\s+)?bombers?|perpetrators?|kidnappers?|"
        r"abductors?|raiders?|shooters?|hijackers?|hostage-?takers?|militants?|insurgents?|"
        r"terrorists?|jihadists?|fighters?|rebels?|guerrill?as?|militiam[ae]n|combatants?|bandits?|"
        r"gang\s+members?"),
}

# A running or campaign total, not the toll of the event reported: "more than 36,000 people have
# died in the conflict since 2009", "the group has killed hundreds of civilians", "thousands have
# died and millions have been displaced", "the fourth aid worker killed this year". A figure in
# such a sentence is context (``other_event``), never part of the incident's figure; ``rel``
# marks a relative clause, which holds only the figures after it.
#: a present-perfect total with no day, or a figure set in a whole year (reconcile.totals): "Boko Haram has
#: killed more than 35,000 people in the region", "more than 2,000 civilians were killed in the northeast in
#: 2023": ten times the toll so far, a campaign's figure, never an update
CAMPAIGN_TENSE_RE = re.compile(r"\b(?:has|have)\s+(?:now\s+|so\s+far\s+)?(?:killed|claimed|died|been\s+killed|left)\b"
                               r"(?![^.;]*\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b)"
                               r"|\b(?:in|during|throughout)\s+(?:19|20)\d\d\b|\b(?:this|last)\s+year\b",
                               re.I)

#: a toll that only may come (claims.body): "the toll could rise to 50", "might reach 100": no count
SPECULATIVE_BEFORE_RE = re.compile(r"\b(?:could|may|might|would|(?:is|are)\s+(?:expected|likely|feared)\s+to)\s+"
                                   r"(?:\w+\s+){0,2}?(?:rise|climb|increase|reach|exceed|top|go\s+up)\s+(?:to\s+)?"
                                   r"(?:(?:at\s+least|about|around|some|over|more\s+than)\s+)?$", re.I)

#: a figure right after "since" opens the clause of an earlier event: "the deadliest attack since 40
#: people were killed in Bama" (claims.body)
SINCE_BEFORE_RE = re.compile(r"\bsince\s+(?:(?:at\s+least|some|about|more\s+than|nearly|over)\s+)?$", re.I)

CONTEXT_RE = re.compile(
    r"\bsince\s+(?:(?:the\s+)?(?:start|beginning|outbreak|onset|launch)\s+of\b(?!\s+(?:this|the|last)\s+(?:week|day|month)\b)|(?:early\s+|late\s+|mid-?)?(?:19|20)\d\d\b"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|last\s+year\b)"
    r"|\b(?:so\s+far\s+)?this\s+year\b|\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|decades?)\b"
    r"|\b\d+[- ]year[- ](?:old\s+)?(?:\w+\s+){0,2}?(?:conflict|insurgency|war|campaign|crisis|rebellion)\b"
    r"|\bthe\s+(?:number|total)\s+(?:number\s+)?of\s+(?:\w+\s+){0,2}?(?:killed|dead|deaths|victims)\b[^.;]{0,60}?"
    r"\bthis\s+(?:week|month)\b"
    r"|(?P<rel>\b(?:that|which|who)\s+(?:has|have)\s+(?:\w+\s+){0,2}?(?:killed|claimed\s+the\s+lives)\b)"
    r"|\b(?:thousands|millions|hundreds\s+of\s+thousands)\s+(?:more\s+|of\s+\w+\s+)?(?:have\s+been|were|have|had\s+been)\s+"
    r"(?:displaced|uprooted|forced)", re.I)
#: before a context marker, a superlative keeps the figure this event's: "the deadliest attack since 2012"
CONTEXT_SUPERLATIVE_RE = re.compile(r"\b(?:deadliest|worst|bloodiest|largest|biggest|most\s+\w+)\b[^.;]{0,90}$", re.I)

# Another, earlier event: "last year's attack", "in a similar raid", "two weeks ago", "since 2015"
OTHER_MARK_RE = re.compile(r"\bafter\s+(?:the\s+one|one|those)\s+(?:in|at|on|near|of|which|that)\b|"  # "after the one in Kaya that had killed 9"
                           r"\b(?:last|previous|earlier|prior)\s+(?:year|month|week|attack|attacks|"
                           r"incident|incidents|bombing|bombings|massacre|clashes|assault|raid)\b|"
                           r"\bin\s+(?:a|an)\s+(?:separate|similar|earlier|previous|unrelated)\b|"
                           r"\b(?:a|an)\s+similar\s+(?:attack|raid|assault|massacre|bombing|ambush|incident)\b|"
                           r"\b(?:days?|weeks?|months?)\s+after\s+(?:a|an)\s+(?:\w+\s+)?(?:attack|raid|assault|massacre"
                           r"|bombing|ambush)\b|"
                           r"\bearlier\s+(?:this|that)\s+(?:year|month)\b|\bsince\s+(?:19|20)\d\d\b|"
                           r"\b(?:a|the)\s+(?:rival|previous|prior)\b|"
                           r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)\s+"
                           r"(?:days?|weeks?|months?|years?)\s+(?:earlier|before|ago)\b", re.I)

#: a time apart from the event first counted, before another event (claims.body._time_apart): "a week
#: after an attack on a nearby village", "two days before gunmen", "in a separate attack", "a similar raid"
TIME_APART_RE = re.compile(r"\b(?:(?:a|one|two|three|four|five|six|several|few|\d+)\s+(?:days?|weeks?|months?|years?)\s+"
                           r"(?:after|before|following)|in\s+(?:a|an)\s+(?:separate|similar|earlier|previous|unrelated)|"
                           r"(?:a|an)\s+similar\s+(?:attack|raid|assault|massacre|bombing|ambush|incident))\b", re.I)

#: a figure that corrects an earlier one, even downwards (reconcile.totals): "the governor later put the toll
#: at 32", "the toll was revised down to 28", "officials have since corrected the figure to 30"
REVISION_BEFORE_RE = re.compile(r"(?:\b(?:later|subsequently|since|then)\s+(?:\w+\s+){0,2}?(?:put|revised|corrected|"
                                r"lowered|reduced|set|gave)\b|\brevised\s+(?:it\s+)?(?:down|downwards?)\b|"
                                r"\b(?:lowered|corrected|revised|reduced)\s+(?:the\s+)?(?:toll|figure|count|number)\b)"
                                r"[^.;:!?]{0,50}$", re.I)

#: some of the wounded who died since, or of the kidnapped found dead (claims.sentence, claims.relations):
#: "two of the wounded later died", "three of the injured succumbed to their wounds", "two of the kidnapped
#: were later found dead": dead added to the toll, not a part of it
OF_THE_HURT_DIED_RE = re.compile(r"\s+(?P<g>of\s+the\s+(?:wounded|injured|hurt))\s+(?:\w+ly\s+|later\s+|have\s+|had\s+|"
                                 r"since\s+)*(?:died|succumbed|passed\s+away)\b"
                                 r"|\s+(?P<k>of\s+(?:the|those)\s+(?:kidnapped|abducted|hostages|captives|abductees)"
                                 r"(?:\s+\w+){0,2}?)\s+(?:were|was|have\s+been|had\s+been)\s+(?:\w+ly\s+|later\s+|since\s+)*"
                                 r"(?:found\s+dead|killed|executed|murdered|beheaded)\b", re.I)

#: a group joined by one more person: "four civilians and the bomber were killed" is four civilians and one
#: attacker, "17 worshippers and the imam" 17 and one (claims.sentence._emit)
AND_ONE_MORE_RE = re.compile(rf"^(?P<g>.+?)\s+(?:and|as\s+well\s+as)\s+(?P<a>(?:the|an?|one|his|her|their)\s+"
                             rf"(?:[\w'’-]+\s+){{0,2}}?(?:{PERSON_SG}))$", re.I)

#: the hostages of the claim before, said dead without a number (claims.body): "the victims were later found dead"
HOSTAGES_DEAD_RE = re.compile(r"\b(?P<who>(?:the|all\s+(?:the|of\s+the)|both)\s+(?:victims|hostages|abductees|captives|"
                              r"kidnapped\s+\w+)|all\s+of\s+them|both\s+of\s+them)\s+(?:were|had\s+been|have\s+been)\s+"
                              r"(?:later\s+|subsequently\s+|eventually\s+|all\s+)?(?:found\s+dead|found\s+murdered|killed|"
                              r"executed|murdered|beheaded|shot\s+dead)\b", re.I)

#: a sentence that opens on another attack than the one counted so far (reconcile.totals): "In another
#: attack, five soldiers were killed", "Another raid on Monday killed five" (not the report's first toll:
#: a headline "Another attack kills 20" is the report's own attack)
ANOTHER_EVENT_OPENING_RE = re.compile(r"\W*(?:(?:in|during)\s+)?(?:another|yet\s+another|a\s+(?:separate|second|different|"
                                      r"further))\s+(?:\w+\s+)?(?:attack|raid|assault|ambush|bombing|incident|massacre|"
                                      r"clash|explosion|blast|shooting)\b", re.I)

#: a group of the living: a figure of them is never killed ("30 dead and 9 survivors")
ALIVE_RE = re.compile(r"^(?:\w+\s+)?(?:survivors?|rescued|freed|released|escapees|evacuees)\b", re.I)

#: a sentence that opens on whom its figures count: "On the attackers' side, 25 were killed"
SIDE_OPENING_RE = re.compile(r"^\s*(?:on\s+(?:the\s+)?(?P<g>[\w\'’ -]{3,40}?)(?:[\'’]s?)?\s+side|as\s+for\s+the\s+(?P<g2>[\w\'’ -]{3,40}?))\s*,", re.I)
