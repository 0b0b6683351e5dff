"""The French casualty lexicon: the same names as :mod:`.en`, in French words.

A figure is tied to its category on its left ("tuant au moins 12 civils",
"ont tué 12 personnes"), through a toll ("le bilan s'élève à 77 morts", "le
bilan est passé de 8 à 10 morts", "portant le bilan à 14"), through "faire"
("l'attaque a fait 12 morts et 30 blessés") or on its right through a noun
phrase and a passive auxiliary ("12 personnes ont été tuées", "12 civils
tués", "trois soldats ont trouvé la mort", "sept assaillants neutralisés").
Active verbs with bare "ont"/"a" ("12 hommes armés ont tué ...") are not on the
right-hand list, so attackers are not counted as victims. Subsets ("dont
quatre enfants", "parmi lesquels") and conjunctions ("et", "ainsi que") read
as in English. The numbers are read by :mod:`tally.text.quantities_fr`.
"""

from __future__ import annotations

import re

from ...text import quantities_fr as _quantities
from .patterns import alt, trigger_finder

_ACC = r"(?:s|es|e)?"  # agreement: tué, tués, tuée, tuées

KILL_ACTIVE = (r"tuant|tuent|tue|tué|ont\s+tué|a\s+tué|avaient\s+tué|avait\s+tué|massacrant|massacré|"
                r"exécutant|exécuté|abattant|abattu|assassinant|assassiné|égorgeant|égorgé|décapitant|décapité|"
                r"fusillant|fusillé|coûtant\s+la\s+vie\s+à|coûté\s+la\s+vie\s+à|causant\s+la\s+mort\s+d(?:e|['’])|"
                r"causé\s+la\s+mort\s+d(?:e|['’])|provoquant\s+la\s+mort\s+d(?:e|['’])|provoqué\s+la\s+mort\s+d(?:e|['’])|"
                r"neutralisant|neutralisé")
LEFT_TRIGGERS = {
    "killed": KILL_ACTIVE + r"|les\s+corps\s+(?:sans\s+vie\s+)?d(?:e|['’])|les\s+dépouilles\s+d(?:e|['’])|la\s+mort\s+d(?:e|['’])|"
                             r"l['’]assassinat\s+d(?:e|['’])|le\s+massacre\s+d(?:e|['’])|"
                             r"la\s+perte\s+d(?:e|['’])|(?:a|ont|avait|avaient|aurait|auraient)\s+perdu|perdant",
    "injured": r"blessant|blessent|blessé|ont\s+blessé|a\s+blessé",
    "arrested": r"arrêtant|arrêté|interpellant|interpellé|appréhendant|appréhendé|ont\s+arrêté|a\s+arrêté|"
                r"ont\s+interpellé|a\s+interpellé",
    "captured": r"capturant|capturé|ont\s+capturé|a\s+capturé|faisant\s+prisonniers?",
    "hostages": r"enlevant|enlevé|ont\s+enlevé|a\s+enlevé|kidnappant|kidnappé|ont\s+kidnappé|a\s+kidnappé|"
                r"prenant\s+en\s+otage|pris\s+en\s+otage|l['’]enlèvement\s+d(?:e|['’])",
    "displaced": r"déplaçant|a\s+déplacé|ont\s+déplacé|jeté\s+sur\s+les\s+routes",
}
RIGHT_TRIGGERS = {
    "killed": r"(?:figur|compt)(?:ent|aient|ait|e)\s+(?:également\s+|aussi\s+)?parmi\s+les\s+(?:morts|victimes|tués)|"  # « figurent parmi les morts »
              rf"tué{_ACC}|mort{_ACC}|décédé{_ACC}|abattu{_ACC}|assassiné{_ACC}|exécuté{_ACC}|massacré{_ACC}|"
              rf"égorgé{_ACC}|décapité{_ACC}|fusillé{_ACC}|neutralisé{_ACC}|tombé{_ACC}\s+sous\s+les\s+balles|"
              r"ont\s+trouvé\s+la\s+mort|a\s+trouvé\s+la\s+mort|ont\s+perdu\s+la\s+vie|a\s+perdu\s+la\s+vie|"
              r"ont\s+péri|a\s+péri|périssent|(?:a|ont|avait|avaient)\s+succombé|succombée?s?|victimes(?!\s+(?:\w+ment\s+)?(?:blessé|hospitalisé|évacué|soigné))|décès|cadavres|corps\s+sans\s+vie|retrouvés?\s+morts?|"
              r"(?:corps|dépouilles)(?=\s+(?:ont|avaient|auraient|a|avait)\s+été\s+(?:\w+ment\s+)?(?:retrouvé|découvert|"
              r"récupéré|exhumé|ramassé|identifié|rapatrié|enterré|inhumé)|\s+(?:calcinés|carbonisés|mutilés|"
              r"décapités|criblés)\b)",
    "injured": rf"blessé{_ACC}|hospitalisé{_ACC}|soigné{_ACC}",
    "arrested": rf"arrêté{_ACC}|interpellé{_ACC}|appréhendé{_ACC}|placé{_ACC}\s+en\s+garde\s+à\s+vue|"
                r"arrestations|interpellations",
    "captured": rf"capturé{_ACC}|fait{_ACC}\s+prisonniers?|prisonniers",
    "missing": rf"disparu{_ACC}|porté{_ACC}\s+disparu{_ACC}",
    "hostages": rf"enlevé{_ACC}|kidnappé{_ACC}|pris\s+en\s+otage|prises\s+en\s+otage|otages",
    "displaced": rf"déplacé{_ACC}(?!\s+(?:par|de))",
}

# un chiffre approché, pas un compte : « une vingtaine », « des dizaines », « une centaine » ;
# un compte plus loin le précise au lieu de le concurrencer (reconcile.totals)
APPROXIMATE_FIGURE_RE = re.compile(r"aines?\b|\b(?:dizaines|centaines|milliers)\b", re.I)

# les mots qui donnent le bilan tel qu'il est, avant son chiffre : « le bilan provisoire des attaques
# est de plus de 50 morts », « le bilan s'élève à 30 » ; un chiffre ainsi dit remplace le bilan (reconcile.totals)
TOLL_NOW_RE = re.compile(r"(?<![\w])bilan\b[^.;:]{0,120}?(?<![\w])(?:(?:est|était)\s+(?:désormais\s+|maintenant\s+)?de|a\s+atteint|s['’]élève\s+(?:désormais\s+)?à|"
                         r"se\s+chiffre\s+à|atteint)\s+(?:(?:plus\s+de|au\s+moins|près\s+de|environ)\s+)*$", re.I)
# les mots qui font d'un chiffre le compte entier tel qu'il est : « 40 morts à ce jour », « 23 au
# total » ; un chiffre ainsi dit remplace le bilan (reconcile.totals)
COUNT_NOW_RE = re.compile(r"(?<![\w])(?:jusqu['’](?:ici|à\s+présent|à\s+maintenant)|à\s+ce\s+(?:jour|stade)|au\s+total|en\s+tout)(?![\w])", re.I)


_QWORD = (r"(?:au\s+moins|plus\s+de|près\s+de|environ|quelque|jusqu['’]à|encore|également|aussi|au\s+total|"
          r"en\s+tout|un\s+total\s+de|respectivement|les|des|de|d['’]|à|au|aux|son|sa|ses|leurs?|"
          r"un\s+bilan\s+(?:provisoire\s+|officiel\s+)?de|quelques|"
          r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?:\s+(?:soir|matin|après-midi))?|hier|"
          r"ce\s+matin|la\s+veille|à\s+l['’]aube|dans\s+la\s+nuit)")
INTENT_RE = re.compile(r"\b(?:menacé|menaçant|menacent|menace|tenté|tentant|voulu|voulant|veulent|prévu|"
                        r"projeté|projetant|cherché|cherchant)\s+d(?:e|['’])\s*$|\b(?:pourrait|pourraient|"
                        r"aurait\s+pu|allait|allaient)\s+$", re.I)
LEFT_RE = re.compile(rf"\b(?:{alt(LEFT_TRIGGERS)})(?:\s*[»”\"])?(?:\s+{_QWORD})*\s+$", re.I)  # « neutralisé » deux
#: a trigger and "or" before the trigger of a figure: "killed or wounded 40" counts casualties
OR_LEFT_RE = re.compile(rf"\b(?:{alt(LEFT_TRIGGERS)})\s+(?:ou|et/ou)\s+$", re.I)
TOLL_RE = re.compile(r"\b(?:bilan|nombre\s+(?:de\s+|des\s+)(?:morts|victimes|tués|décès|personnes\s+tuées))\b"
                     r"[^.;:]{0,200}?\b(?:s['’]élève|s['’]élevait|s['’]établit|est\s+passé|passe|est|était|"
                     r"fait\s+état|faisait\s+état|atteint|a\s+atteint|grimpé|porté|provisoire|officiel|lourd|humain)\s+"
                     r"(?:(?:à|de|d['’]|environ|près\s+de|plus\s+de|au\s+moins)\s*)*$|"
                     r"\bbilan\s+(?:(?:humain|provisoire|officiel|lourd|définitif)\s+)*d(?:e|['’])\s*$", re.I)
# un bilan qui s'est alourdi depuis un premier rapport (les mots avant le chiffre) : « le bilan
# est passé à 23 », « s'est alourdi à », « a grimpé à », « revu à la hausse » ; lu d'un rapport à l'autre
TOLL_RISE_RE = re.compile(r"(?:\best\s+(?:\w+\s+)?passé|\bs['’]est\s+(?:\w+\s+)?alourdi|\bs['’]alourdit|\ba\s+(?:\w+\s+)?grimpé|\bgrimpe|\bà\s+la\s+hausse"
                          r"|\bs['’]élève\s+désormais|\bdésormais|\bporté|\bportant|\bporte)\b[^.;:]{0,40}$", re.I)
TOLL_UPDATE_RE = re.compile(r"\b(?:portant|porte|porté|portent|ce\s+qui\s+porte)\s+(?:le\s+|à\s+)?(?:bilan|total|"
                            r"nombre\s+(?:de\s+|des\s+)(?:morts|victimes|tués))\s+(?:provisoire\s+|total\s+)?à\s+"
                            r"(?:(?:environ|près\s+de|plus\s+de|au\s+moins)\s+)*$", re.I)
WITH_OTHERS_RE = re.compile(r"\b(?:avec|ainsi\s+que|en\s+même\s+temps\s+que)\s+(?:au\s+moins\s+|les\s+|ses\s+|leurs\s+)?$",
                            re.I)
HIMSELF_AND_RE = re.compile(r"\b(?:se\s+tuant|s['’]est\s+tué|se\s+faisant\s+exploser)\s+(?:et\s+tuant|tuant)\s+$", re.I)
# "a fait 12 morts", "faisant au moins 30 blessés", "laissant 5 morts"
LEAVE_RE = re.compile(rf"\b(?:faisant|a\s+fait|ont\s+fait|avait\s+fait|avaient\s+fait|aurait\s+fait|fait|laissant|"
                      rf"a\s+laissé|causant|a\s+causé|provoquant|a\s+provoqué)\s+(?:{_QWORD}\s+)*$", re.I)
LEAVE_RIGHT_RE = re.compile(rf"^(?:\s+[\w'’-]+){{0,3}}?\s+(?:(?P<lives>vies)|{alt(RIGHT_TRIGGERS)})\b", re.I)

STOP = (r"et|ou|mais|alors|quand|lorsque|après|avant|qui|que|qu|dont|car|puisque|si|selon|pendant|durant|"
         r"lors|a|ont|avait|avaient|aurait|auraient|selon|indiqué|déclaré|affirmé|précisé|annoncé|parmi|"
         r"notamment|compris|tandis")
_AUX = (r"(?:\s*,?\s*(?:(?:ont|a|avaient|avait)\s+(?:également|aussi|ensuite|finalement|\w+ment)\s+été|"  # « a également été tué »
        r"ont\s+été|a\s+été|avaient\s+été|avait\s+été|auraient\s+été|aurait\s+été|seraient|serait|"
        r"sont|est|été|être|étaient|était|sont\s+morts?|y\s+ont|tous|toutes|également|aussi|ensuite|finalement|"
        r"\w+ment|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|soir|matin|hier|en\s+tout|au\s+total|"
        r"dans\s+l['’]attaque|lors\s+de\s+l['’]attaque|au\s+cours\s+de\s+l['’]attaque|selon\s+un\s+bilan\s+\w+)\b)")
_NUMWORD_START = (r"(?:\d|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|"
                  r"seize|vingt|trente|quarante|cinquante|soixante|cent|mille|plusieurs|au\s+moins|plus\s+de|"
                  r"près\s+de|des\s+dizaines|des\s+centaines)\b")
_NUMSTART = rf"(?:son|sa|ses|leur|leurs|{_NUMWORD_START[3:]}"
NPWORD = (rf"(?:\s+(?!(?:{STOP})\b)(?!{_NUMWORD_START})[\w'’.()\[\]\-]+|\s+(?:de|d['’]|des|du)\s*{_NUMWORD_START}"
           rf"|\s+et(?!\s+{_NUMSTART})(?=\s+[a-zà-ÿ(]))")
RIGHT_RE = re.compile(
    rf"^(?P<np>{NPWORD}{{0,11}}?)(?P<paren>\s*,?\s*(?:dont|parmi\s+(?:lesquels|lesquelles|eux|elles)|"
    rf"en\s+majorité|pour\s+la\s+plupart|notamment|tous|toutes)\b[^;:]{{0,90}}?,?|"
    rf"(?P<aside>\s*(?:,|—|–|--|\s-\s)\s*[^;:,—–]{{1,100}}?(?:,|—|–|--|\s-\s))|"
    rf"(?P<rel>\s+(?:qui|que)\s+(?:avaient|avait|ont|a|étaient|était)\s+[^,;.]{{0,60}}?(?=\s+(?:ont|a|sont|est)\s)))?"
    rf"(?:\s*,?\s*(?:qui)\b)?(?P<aux>{_AUX}*)\s*\b(?:{alt(RIGHT_TRIGGERS)})\b",
    re.I)
#: un auxiliaire du passif entre le chiffre et le verbe (« ont été », « sont », « avait été ») :
#: le chiffre compte les victimes
PASSIVE_AUX_RE = re.compile(r"\b(?:été|sont|est|étaient|était|seraient|serait|être|sont\s+morts?)\b", re.I)
#: des animaux et des choses : un chiffre qui les compte n'est pas un bilan (« 83 bœufs », « 250 cases »)
NOT_PEOPLE_RE = re.compile(r"^(?:porcs?|vaches?|bœufs?|boeufs?|bovins?|bétail|têtes|chèvres?|moutons?|chameaux|chevaux|"
                           r"ânes?|animaux|chiens?|poulets?|volailles?|maisons?|cases?|habitations?|bâtiments?|"
                           r"greniers?|boutiques?|magasins?|véhicules?|voitures?|camions?|motos?|engins?|pick-up|"
                           r"tonnes?|munitions?|armes?|fusils?|roquettes?|obus|bombes?|mines?|avions?|aéronefs?|"
                           r"drones?|chars?|villages?|localités?|communes?|pays|provinces?|régions?|francs?|euros?|"
                           r"dollars?)\b", re.I)
#: le chiffre d'une autre source pour le même bilan, après un premier chiffre dans la phrase
#: (claims.relations) : un contraste (« mais », « alors que ») ou une source qui prend la parole
#: (« ..., qui évoquent une cinquantaine de morts », « d'autres sources parlent de 60 »)
_SPEECH_FR = (r"(?:selon|d['’]après|affirm\w*|assur\w*|évoqu\w*|(?:font|fait|faisait|faisaient)\s+état|"
              r"parl\w*\s+d|avanc\w*|estim\w*|annonc\w*|déclar\w*|indiqu\w*|rapport\w*|dénombr\w*|"
              r"recens\w*|fait\s+savoir|précis\w*|confirm\w*)")
CONTRAST_RE = re.compile(rf"(?<![\w])(?:mais|tandis\s+que|alors\s+que|cependant|toutefois|pourtant)\b[^.;]{{0,60}}?"
                         rf"(?<![\w]){_SPEECH_FR}[^.;]*$"
                         rf"|(?:,\s*|\s+)(?:qui|lesquel(?:le)?s)\s+(?:\w+\s+)?(?:évoqu|parl|avanc|affirm|dénombr|recens)\w*"
                         rf"(?:\s+(?:toutes?|tous|pour\s+leur\s+part|de\s+leur\s+côté|quant\s+à\s+elles?))?\s+[^.;]{{0,30}}$"
                         rf"|(?<![\w])d['’]autres\s+sources\b[^.;]{{0,40}}?{_SPEECH_FR}[^.;]*$", re.I)
SPEECH_RE = re.compile(rf"(?<![\w]){_SPEECH_FR}", re.I)
CLAUSE_SPEAKER_RE = re.compile(rf"[;,:]\s*(?:mais\s+|et\s+|tandis\s+que\s+)?[^;,:]{{0,80}}?(?<![\w]){_SPEECH_FR}[^;,]*$",
                               re.I)


#: ce qui fait d'un nombre autre chose qu'un bilan (claims.figures.bad_number) : un jour du mois
#: (« mardi 3 mars »), un âge, une distance, une durée, une heure, une somme, un pourcentage
NOT_A_COUNT_AFTER_RE = re.compile(
    r"^\s*(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre"
    r"|decembre|ans\b|an\b|années|mois\b|jours?\b|semaines?\b|heures?\b|h\s*\d|h\b|minutes?\b|secondes?\b"
    r"|km\b|kilomètres?|mètres?|pour\s*cent|%|francs|fcfa|f\s*cfa|euros|dollars|tonnes|attaques|attentats"
    r"|incidents|opérations|véhicules|motos)(?![\w])", re.I)
NOT_A_COUNT_BEFORE_RE = re.compile(r"(?<![\w])(?:âgée?s?\s+de|n°|numéro|article|route\s+nationale|rn|km|"
                                   r"kilomètre|à\s+l['’]âge\s+de)\s*$", re.I)
#: après « avec N autres » : un sort à eux (« trois tués et 8 autres évacués »), pas comptés avec les morts
OTHER_FATE_RE = re.compile(r"^\s+(?:[\w'’-]+\s+){0,2}?(?:évacué|secouru|hospitalisé|soigné|admis|transporté|enlevé"
                           r"|kidnappé|arrêté|interpellé|disparu|libéré|relâché|déplacé|enfui|échappé)(?:e?s?)\b", re.I)
#: avant un chiffre, la tuerie qui a causé ou précédé cet événement (« un mois après la mort de 40
#: soldats », « en représailles à l'assassinat de deux bergers ») : ce chiffre est celui d'un autre
CAUSE_OTHER_RE = re.compile(
    r"(?<![\w])(?:après|suite\s+à|à\s+la\s+suite\s+d[eu]|pour\s+venger|en\s+(?:représailles|riposte)\s+(?:à|a|aux?|de))"
    r"\s+(?:la\s+|le\s+|les\s+|l['’]\s*)?(?:[\w-]+\s+){0,2}?(?:mort|morts|assassinat|assassinats|massacre|meurtre|"
    r"meurtres|tuerie|exécution)\s+d(?:e|['’]|es)\s*(?:au\s+moins\s+|plus\s+de\s+|près\s+de\s+)?$", re.I)
#: des déclencheurs à gauche qui ne comptent que des personnes nommées comme telles après le chiffre
#: (« a perdu 9 soldats », « la perte de 12 militaires » ; pas « a perdu 3 matchs »)
PEOPLE_ONLY_LEFT_RE = re.compile(rf"(?<![\w])(?:la\s+perte\s+d(?:e|['’])|perdu|perdant)(?:\s+{_QWORD})*\s*$", re.I)
#: un nom d'événement juste avant la relative (« l'embuscade qui a fait 14 morts ») : le bilan de cet
#: événement, pas celui d'une campagne (claims.body.context_clauses)
EVENT_NOUN_BEFORE_RE = re.compile(r"(?<![\w])(?:attaque|attentat|embuscade|explosion|assaut|raid|tuerie|massacre|incursion"
                                  r"|frappe|fusillade)s?(?:\s+[\w'’-]+){0,3}?\s*,?\s*$", re.I)
#: les hommes armés nommés par leur genre : en français, « jihadistes » et « terroristes » sont déjà des
#: assaillants (ATTACKER_RE) ; rien de plus ici
ARMED_GROUP_RE = re.compile(r"(?!)")
KILLING_RE = re.compile(r"(?!)")
OBJ_AFTER = re.compile(
    r"^\s+(?:(?:au\s+moins\s+|plus\s+de\s+|près\s+de\s+|environ\s+|quelque\s+|jusqu['’]à\s+)?"
    r"(?:\d|un\b|une\b|deux\b|trois\b|quatre\b|cinq\b|six\b|sept\b|huit\b|neuf\b|dix\b|onze\b|douze\b|"
    r"vingt|trente|quarante|cinquante|soixante|cent|des\s+dizaines|plusieurs)|(?:le|la|les|l['’]|des|son|sa|"
    r"ses|leur|leurs|personnes|civils|villageois|soldats|habitants|femmes|enfants|fidèles|élèves)\b)", re.I)

NAME_AFTER = re.compile(r"\s+(?!(?:Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|Janvier|Février|Mars|"
                         r"Avril|Mai|Juin|Juillet|Août|Septembre|Octobre|Novembre|Décembre|En|Le|La|Les|Au|À)\b)"
                         r"[A-ZÀ-Ý][a-zà-ÿ]+")
SUBSET_RE = re.compile(r"(?:\bdont|\bparmi\s+(?:lesquels|lesquelles|eux|elles|les\s+(?:morts|victimes|tués|"
                       r"blessés))|\by\s+compris|\bnotamment|\bessentiellement|\bprincipalement|\ben\s+majorité)"
                       r"(?:\s+(?:les|leurs|ses|tous\s+les))?\s*$",  # « dont les quatre assaillants »
                       re.I)
CONJ_RE = re.compile(rf"^(?:{NPWORD}{{0,8}}?)\s*(?:,\s*et|,|\bet|\bainsi\s+que|\bplus)"
                     r"(?:\s+(?:son|sa|ses|leur|leurs))?\s*$", re.I)

#: une énumération qui omet le verbe de ses éléments suivants : « quatre morts lundi à A, deux autres
#: mardi à B, et un mercredi » (claims.sentence._link_ellipsis)
ELLIPSIS_BEFORE_RE = re.compile(r"(?:,\s*(?:et\s+|puis\s+)?|;\s*|\bet\s+(?:puis\s+)?)$", re.I)
ELLIPSIS_AFTER_RE = re.compile(r"^\s+(?:(?:autres|de\s+plus|supplémentaires)\s+)?"
                               r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|le\s+lendemain|à|au|dans|près)\s",
                               re.I)

PERSON_SG = (
    "homme|femme|garçon|fille|enfant|bébé|adolescent|adolescente|jeune|élève|étudiant|étudiante|enseignant|"
    "enseignante|instituteur|médecin|infirmier|infirmière|journaliste|chef|notable|responsable|policier|"
    "gendarme|soldat|militaire|garde|agriculteur|cultivateur|commerçant|commerçante|prêtre|imam|pasteur|"
    "religieux|religieuse|chauffeur|juge|avocat|maire|conseiller|député|gouverneur|préfet|commandant|membre|"
    "habitant|habitante|villageois|villageoise|civil|prisonnier|détenu|suspect|éleveur|berger|mari|épouse|"
    "fils|père|mère|frère|sœur|oncle|neveu|cousin|cousine|employé|ingénieur|personne|individu|directeur|"
    "ministre|réfugié|otage|passager|patient|vendeur|orpailleur|pêcheur|chasseur|fidèle|assaillant|"
    "terroriste|jihadiste|djihadiste|kamikaze"
)

#: a word for people, singular or plural: "habitants du village" are people, "village" alone is not
PERSON_PL_RE = re.compile(rf"^(?:(?:{PERSON_SG})(?:s|x|es)?|personnes|gens|civils|victimes|fidèles|autres)$", re.I)

WINDOW = 320  # characters of context read on each side of a figure

#: a person counted by an article or a possessive ("un policier et quatre passagers", "un cultivateur et son
#: frère", "un autre villageois a succombé", "tuant le chef coutumier et ses deux fils"): a figure of one (claims.figures)
ONE_FIGURE_RE = re.compile(rf"(?<![\w'’-])(?P<q>une?\s+autre|une?|son|sa|leur|le|la|l['’](?=\w))\s*(?=(?:[\w'’-]+\s+){{0,1}}?"
                           rf"(?:{PERSON_SG})\b(?!['’-]))", re.I)
#: one person dying of wounds told with a pronoun, beside claims.implicit's English ones: "il a succombé à ses
#: blessures", "elle est morte de ses blessures"
DIED_ALONE_RE = re.compile(r"\b(?:il|elle)\s+(?:a|avait)\s+(?:\w+\s+){0,2}?succombé\b|"
                            r"\b(?:il|elle)\s+est\s+(?:\w+\s+){0,2}?(?:mort|morte|décédé|décédée)\s+(?:des\s+suites\s+de\s+|de\s+)"
                            r"(?:ses|leurs)\s+blessures", re.I)
BOTH_RE = re.compile(r"(?!)")

ATTACKER_RE = re.compile(r"\b(?:assaillants?|hommes\s+armés|individus\s+armés|kamikazes?|ravisseurs?|agresseurs?|"
                         r"tireurs?|preneurs?\s+d['’]otages|terroristes?|jihadistes?|djihadistes?|auteurs?\s+de)\b",
                         re.I)

_VERBS = r"(?:indiqué|déclaré|annoncé|affirmé|précisé|confirmé|rapporté|expliqué|assuré|fait\s+savoir|fait\s+état)"
#: the same verbs in the present tense, singular or plural ("précise", "affirment")
_VERBS_NOW = (r"(?:indiqu|déclar|annonc|affirm|précis|confirm|rapport|expliqu|assur|détaill|soulign|ajout|"
              r"racont|témoign|dénonc|revendiqu)(?:e|ent)\b")
#: who said a figure: "selon l'AFP", "d'après une source sécuritaire", "..., a indiqué l'armée",
#: "a-t-on appris de sources locales", "L'armée a annoncé que ...", "de source médicale"
SOURCE_PATTERNS = [
    re.compile(r"\b(?:selon|d['’]après)\s+(?P<src>[^,;.\"“”«»()]{2,90}?)(?=\s*(?:[,;.\"“”«»()]|$))", re.I),
    re.compile(rf"[,\"”»]\s*(?:a|ont|avait|avaient)\s+{_VERBS}(?:\s+à\s+l['’]\w+)?\s+(?:\w+\s+)?"
               r"(?P<src>(?:l['’]|le\s|la\s|les\s|un\s|une\s|des\s|[A-Z])[^,;.]{1,80})[.]?$", re.I),
    # the present tense after a quote, the speaker after its verb: "», détaille le Jnim dans un communiqué"
    re.compile(rf"[,\"”»]\s*{_VERBS_NOW}\s+(?P<src>(?:l['’]|le\s|la\s|les\s|un\s|une\s|des\s|[A-Z])[^,;.]{{1,80}}?)"
               r"(?=\s*(?:[,;.]|$))"),
    re.compile(r"\ba-t-on\s+appris\s+(?:de|d['’]|auprès\s+d(?:e|['’]|es|u))\s*(?P<src>[^,;.]{2,80})", re.I),
    re.compile(rf"^(?P<src>(?:[A-Z][\w'’.-]*|La|Le|Les|L['’]\w+)(?:\s+[\w'’.-]+){{0,9}}?)\s+(?:a|ont)\s+{_VERBS}\b"),
    # the present tense of counting or saying, the speaker first: "Des sources locales parlent de 20 morts",
    # "(Alors que) le JNIM affirme avoir tué 20 soldats"
    re.compile(r"^(?!(?:le|la|un|une|ce|cet|cette)\s+(?:\w+\s+)?(?:bilan|chiffre|décompte|total|communiqué)\b)"
               r"(?P<src>(?:[A-Z][\w'’.-]*|La|Le|Les|Des|Une|Un|L['’]\w+)(?:\s+[\w'’.-]+){0,6}?)\s+"
               r"(?:(?:parlent|parle|font\s+état|fait\s+état)\s+d(?:e\b|['’])|(?:évoquent|évoque|avancent|avance|"
               r"dénombrent|dénombre|recensent|recense|affirme|affirment|assure|assurent|déclare|déclarent|"
               r"annonce|annoncent|revendique|revendiquent|prétend|prétendent|dit|disent)\b)"),
    re.compile(r"\bde\s+(?P<src>sources?\s+(?:locales?|sécuritaires?|militaires?|médicales?|hospitalières?|"
               r"humanitaires?|officielles?|concordantes))\b", re.I),
]

#: the number reader of this language
find_quantities = _quantities.find_quantities_fr
#: the dependency-parse rules of :mod:`tally.claims.structure` are written for English
PARSED = False

#: the noun phrase after a figure that names its group: "12 civils dans ..." -> "civils"
GROUP_AFTER_RE = re.compile(rf"^({NPWORD}{{0,6}}?)(?=\s*(?:[,;.]|$|\s(?:{STOP}|dans|à|au|aux|en|sur|près|par|"
                            rf"avec|pendant|lors|ont|sont|a|est)\b))", re.I)

#: trigger_re("left" | "right"): the compiled triggers of one side
trigger_re = trigger_finder(LEFT_TRIGGERS, RIGHT_TRIGGERS)


# les noms qui disent qui un chiffre compte (reconcile/victims.py lit ceux de chaque langue)
VICTIM_NOUNS = {
    "civilians": (
        r"civils?|villageois|habitants?|fidèles|enfants?|femmes?|élèves|écoliers?|écolières?|"
        r"étudiants?|enseignants?|passagers?|agriculteurs?|cultivateurs?|éleveurs?|bergers?|"
        r"commerçants?|orpailleurs?|pêcheurs?|déplacés|réfugiés?|chauffeurs?|humanitaires?|"
        r"journalistes?|personnes\s+âgées|notables?|paysans?|paysannes?|fermiers?|ouvriers?|travailleurs?|"
        r"mineurs|pèlerins?|commerçantes?|vendeu(?:r|se)s?|marchand(?:e)?s?|prêtres?|imams?|pasteurs?|catéchistes?|"
        r"chefs?\s+(?:de\s+village|coutumiers?|traditionnels?)|garçons|filles|bébés?|nourrissons?|élus?|"
        r"médecins?|infirmi(?:er|ère)s?|patients?|malades|touristes?|victimes\s+civiles"),
    "security_forces": (
        r"soldats?|militaires?|policiers?|agents\s+de\s+(?:sécurité|police)|casques\s+bleus|"
        r"membres\s+des\s+forces\s+de\s+(?:défense|sécurité)|forces\s+armées|gendarmes?|éléments\s+des\s+fds|fds|fama|vdp|"
        r"volontaires\s+pour\s+la\s+défense\s+de\s+la\s+patrie|douaniers?|gardes?|forestiers?|"
        # les supplétifs armés qui défendent un village : armés, donc pas des civils
        r"supplétifs|milices?\s+d['’]auto-?défense|groupes?\s+d['’]auto-?défense|dozos?|koglweogos?|comités?\s+de\s+vigilance|"
        # les forces d'un État ou d'une région nommées par leur force : « combattants peshmergas », « miliciens progouvernementaux »
        r"peshmergas?|forces\s+gouvernementales|(?:miliciens|milices?|combattants)\s+pro-?gouvernementa(?:les?|ux)|garde\s+nationale"),
    "perpetrators": (
        r"assaillants?|hommes\s+armés|individus\s+armés|terroristes?|jihadistes?|djihadistes?|"
        r"kamikazes?|ravisseurs?|agresseurs?|rebelles?|miliciens?|insurgés?"),
}

# Un bilan cumulé ou de campagne, pas celui de l'événement rapporté : « les violences, qui durent
# depuis 15 ans, ont fait plus de 40 000 morts », « près de 400 morts depuis 2015 », « cette
# année », « ont déplacé deux millions de personnes ». Le chiffre d'une telle phrase est un
# contexte (``other_event``), jamais une part du bilan de l'incident.
#: le passé composé est le temps du récit en français : aucun temps n'y marque un total de campagne, seule
#: une année entière le fait (reconcile.totals) : « plus de 2 000 civils ont été tués dans le nord-est en 2023 »
CAMPAIGN_TENSE_RE = re.compile(r"(?<![\w])(?:(?:en|durant|pendant)\s+(?:19|20)\d\d|cette\s+année|l['’]an\s+dernier"
                               r"|l['’]année\s+dernière|depuis\s+le\s+début\s+de\s+l['’]année)(?![\w])", re.I)

#: un bilan qui n'est que possible (claims.body) : « le bilan pourrait s'alourdir à 50 », « risque d'atteindre 100 »
SPECULATIVE_BEFORE_RE = re.compile(r"(?<![\w])(?:pourrai(?:t|ent)|risqu(?:e|ent|ait|aient|erait)\s+de|devrai(?:t|ent))\s+"
                                   r"(?:s['’])?(?:alourdir|atteindre|dépasser|grimper|monter|passer)\s+(?:à\s+)?"
                                   r"(?:(?:au\s+moins|plus\s+de|près\s+de|environ)\s+)?$", re.I)

#: un chiffre juste après « depuis que » ouvre la proposition d'un événement antérieur : « la pire attaque
#: depuis que 40 personnes ont été tuées à Bama » (claims.body)
SINCE_BEFORE_RE = re.compile(r"(?<![\w])depuis\s+qu(?:e\s+|['’])(?:(?:au\s+moins|quelque|plus\s+de|près\s+de)\s+)?$", re.I)

CONTEXT_RE = re.compile(
    r"(?<![\w])depuis\s+(?:(?:le\s+)?(?:début|déclenchement|lancement)\s+d(?!e\s+(?:la\s+semaine|la\s+journée|ce\s+mois))|(?:19|20)\d\d\b|\d+\s+ans\b"
    r"|(?:plus\s+d['’]\s*)?une?\s+(?:décennie|dizaine\s+d['’]années)|(?:janvier|février|mars|avril|mai|juin|juillet|août"
    r"|septembre|octobre|novembre|décembre)\b|l['’]an\s+dernier|l['’]année\s+dernière)"
    r"|(?<![\w])le\s+(?:nombre|total|bilan)\s+(?:total\s+)?de\s+(?:\w+\s+){0,2}?(?:tués|tuées|morts|victimes|décès)"
    r"(?![\w])[^.;]{0,60}?(?<![\w])(?:cette\s+semaine|ce\s+mois|depuis\s+le\s+début\s+de\s+la\s+semaine)(?![\w])"
    r"|(?<![\w])qui\s+(?:dure|durent|sévit|sévissent)\s+depuis|(?P<rel>(?<![\w])qui\s+(?:a|ont)\s+(?:déjà\s+)?"
    r"(?:tué|fait|coûté))|(?<![\w])(?:cette\s+année|ces\s+dernières\s+années"
    r"|au\s+cours\s+des\s+(?:\w+\s+)?dernières\s+années)"
    r"|(?<![\w])(?:déplacé|déplacés|déplacées)\s+(?:\w+\s+){0,2}?(?:millions?|milliers)"
    r"|(?<![\w])(?:millions?|milliers)\s+de\s+(?:\w+\s+){0,2}?déplacés"
    # le bilan d'une série nommée comme telle : « dans ces attaques », « lors de telles violences »
    r"|(?<![\w])(?:dans|lors\s+de|au\s+cours\s+de)\s+(?:ces|de\s+telles|toutes\s+ces)\s+(?:\w+\s+)?"
    r"(?:attaques|raids|massacres|tueries|violences|attentats|affrontements|exactions)\b", re.I)
CONTEXT_SUPERLATIVE_RE = re.compile(r"(?<![\w])(?:la\s+plus\s+meurtrière|le\s+plus\s+meurtrier|les\s+plus\s+meurtrières?"
                                    r"|le\s+plus\s+lourd|la\s+pire|le\s+pire)\b[^.;]{0,90}$", re.I)
# un autre événement, plus ancien : « fin mars dernier », « l'an dernier », « il y a trois semaines »,
# « une précédente attaque », « lors d'une attaque similaire », « après celle de Djibo »
OTHER_MARK_RE = re.compile(
    r"(?<![\w])(?:(?:fin|début|mi-)\s*)?(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
    r"|novembre|décembre)\s+dernier\b|(?<![\w])l['’]an\s+dernier\b|(?<![\w])l['’]année\s+(?:dernière|précédente)\b"
    r"|(?<![\w])(?:la\s+semaine|le\s+mois)\s+(?:dernier|dernière|précédent|précédente)\b"
    r"|(?<![\w])il\s+y\s+a\s+(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques|plusieurs)\s+"
    r"(?:jours|semaines|mois|ans)\b|(?<![\w])(?:une|la|les)\s+(?:précédente|précédentes|autre)\s+attaques?\b"
    r"|(?<![\w])(?:une|des)\s+attaques?\s+(?:similaires?|précédentes?)\b"
    # « la deuxième attaque en une semaine, après celle de Djibo qui avait fait 9 morts » : le pronom reprend une autre attaque
    r"|(?<![\w])après\s+(?:celle|celui|celles|ceux)\s+(?:de|d['’]|du|des|à|au|qui)", re.I)

#: un groupe de vivants : leur nombre n'est jamais un bilan de morts (« 69 morts et 15 rescapés »)
#: a time apart from the event first counted, before another event (claims.body._time_apart): "une
#: semaine après une attaque", "trois jours avant", "lors d'une attaque distincte", "une attaque similaire"
TIME_APART_RE = re.compile(r"(?<![\w])(?:(?:un|une|deux|trois|quatre|cinq|six|quelques|plusieurs|\d+)\s+"
                           r"(?:jours?|semaines?|mois|ans?|années?)\s+(?:après|avant)|lors\s+d['’]une\s+(?:autre\s+)?"
                           r"(?:attaque|embuscade|incursion)\s+(?:distincte|similaire|séparée)|"
                           r"(?:une|un)\s+(?:attaque|raid|assaut|massacre|attentat|embuscade)\s+similaire)(?![\w])", re.I)

#: un chiffre qui corrige un chiffre antérieur, même à la baisse (reconcile.totals) : « le bilan a été revu à
#: la baisse à 28 morts », « ramené à 30 », « le gouverneur a ensuite corrigé le bilan »
REVISION_BEFORE_RE = re.compile(r"(?:(?<![\w])revu(?:e|s)?\s+à\s+la\s+baisse|(?<![\w])ramenée?\s+à|(?<![\w])(?:corrigé|rectifié)"
                                r"|(?<![\w])(?:a|ont)\s+ensuite\s+(?:\w+\s+){0,2}?(?:fait\s+état|évoqué|donné|annoncé))"
                                r"[^.;:!?]{0,50}$", re.I)

#: des blessés morts depuis (claims.sentence, claims.relations) : « deux des blessés ont succombé », « trois des
#: blessés sont décédés à l'hôpital » : des morts ajoutés au bilan, pas une part de celui-ci
OF_THE_HURT_DIED_RE = re.compile(r"\s+(?P<g>des\s+(?:blessés|blessées))\s+(?:ont|sont|avaient|étaient)\s+(?:\w+ment\s+|ensuite\s+|"
                                 r"depuis\s+|finalement\s+)*(?:succombé|décédés|décédées|morts|mortes)(?![\w])"
                                 # « deux des otages ont été retrouvés morts », « trois des personnes enlevées ont été exécutées »
                                 r"|\s+(?P<k>des\s+(?:otages|personnes\s+enlevées|enlevés|captifs))\s+(?:ont|avaient)\s+été\s+"
                                 r"(?:\w+ment\s+|ensuite\s+|depuis\s+|plus\s+tard\s+)*(?:retrouvée?s?\s+morte?s?|retrouvée?s?\s+sans\s+vie|"
                                 r"exécutée?s?|tuée?s?|assassinée?s?)(?![\w])", re.I)

#: un groupe joint d'une personne de plus : « quatre civils et le kamikaze » sont quatre civils et un assaillant,
#: « 17 fidèles et l'imam » 17 et un
AND_ONE_MORE_RE = re.compile(r"^(?P<g>.+?)\s+(?:et|ainsi\s+que)\s+(?P<a>(?:le|la|l['’]|un|une|son|sa)\s*(?:[\w'’-]+\s+){0,2}?"
                             r"(?:kamikaze|assaillant|terroriste|tireur|agresseur|auteur\s+de\s+l['’]attaque|imam|prêtre|pasteur|"
                             r"chef\s+du\s+village|chef|maire|enseignant|fils|fille|femme|épouse|mari|enfant|soldat|policier|"
                             r"gendarme|guide|chauffeur))$", re.I)

#: les otages de l'affirmation d'avant, dits morts sans nombre (claims.body) : « les victimes ont été retrouvées mortes »
HOSTAGES_DEAD_RE = re.compile(r"(?<![\w])(?P<who>(?:les|tous\s+les|toutes\s+les)\s+(?:victimes|otages|personnes\s+enlevées|"
                              r"captifs))\s+(?:ont\s+été|avaient\s+été)\s+(?:ensuite\s+|plus\s+tard\s+)?(?:retrouvé(?:e|s|es)?\s+"
                              r"mort(?:e|s|es)?|tué(?:e|s|es)?|exécuté(?:e|s|es)?|assassiné(?:e|s|es)?)(?![\w])", re.I)

#: une phrase qui s'ouvre sur une autre attaque que celle comptée jusque-là (reconcile.totals) : « Lors d'une
#: autre attaque, cinq soldats ont été tués » (pas le premier bilan du texte : un titre « Une nouvelle attaque
#: fait 20 morts » est l'attaque du texte)
ANOTHER_EVENT_OPENING_RE = re.compile(r"\W*(?:(?:lors\s+d['’]|dans|au\s+cours\s+d['’])\s*)?(?:une\s+autre|une\s+nouvelle|"
                                      r"une\s+seconde|une\s+deuxième|un\s+autre|un\s+nouvel|un\s+second|un\s+deuxième)\s+"
                                      r"(?:attaque|embuscade|explosion|incursion|raid|attentat|assaut|incident)(?![\w])", re.I)

ALIVE_RE = re.compile(r"^(?:\w+\s+)?(?:survivants?|rescapés?|rescapées?|libérés?|libérées?|évacués?)\b", re.I)

#: une phrase qui dit d'abord de qui ses chiffres parlent : « Côté rebelles, 12 morts »
SIDE_OPENING_RE = re.compile(r"^\s*(?:du\s+côté\s+(?:des|du|de\s+la|de\s+l[\'’])\s*|côté\s+|quant\s+aux?\s+)(?P<g>[\w\'’ -]{3,40}?)\s*,", re.I)
