"""The word tables of attributions and demands, per language.

An attribution needs an agent and one of these cues in a sentence about an attack; a
demand needs a demand cue and a mechanism phrase. Kept as data so a curator can read
(and extend) what is recognised; :mod:`.attributions` and :mod:`.demands` build their
patterns from these tables.
"""

from __future__ import annotations

# verbs of attribution whose agent stands before them ("the regime used", "X is directly
# responsible for perpetrating"); words of FILLERS may stand between agent and verb
ATTRIBUTION_ACTIVE = {
    "en": ["carried out", "committed", "perpetrated", "perpetrating", "launched", "used",
           "dropped", "bombed", "struck", "hit", "shelled", "attacked", "targeted", "deployed",
           "fired", "responsible for", "responsible", "to blame", "behind", "ordered",
           "orchestrated", "authorised", "authorized", "suspected of", "accused of",
           "charged with", "implicated in", "complicit in", "guilty of", "linked to",
           "gassed", "killed", "massacred", "poisoned", "unleashed",
           # "X were the perpetrators of the attack", "identified as the perpetrator of"
           "the perpetrators of", "the perpetrator of", "perpetrators of", "perpetrator of",
           "'s many chemical weapons attacks", "’s many chemical weapons attacks",
           # "This strongly points to Syrian regime culpability"
           "culpability",
           # "the government, not rebel forces, which implemented the attack"; "the regime
           # continued to use chlorine"
           "implemented", "continued to use", "continues to use", "continue to use",
           "continued using", "continues using",
           # an evaluative passive's predicate: "X had been identified as responsible for",
           # "Syria (had been identified) as accountable for the use of sarin"
           "culpable for", "culpable of"] + [
           f"accountable for {what}" for what in (
               "the use of", "using", "the attack", "the attacks", "the chemical attack",
               "the chemical attacks", "the sarin attack", "the chlorine attack",
               "the gas attack", "the massacre")] + [
           # a verb of continuing or beginning before the attack verb's base form ("the
           # government has continued to perpetrate more chemical attacks")
           f"{aux} {verb}" for aux in ("continued to", "continues to", "continue to",
                                       "went on to", "goes on to", "began to", "begins to",
                                       "started to", "starts to", "resumed")
           for verb in ("perpetrate", "commit", "carry out", "launch", "drop", "deploy",
                        "attack", "target", "fire", "gas", "bomb", "shell")] + [
           # and before its -ing form ("have started using improvised munitions")
           f"{aux} {verb}" for aux in ("started", "began", "begun", "resumed", "kept",
                                       "keeps", "continue", "continues", "continued")
           for verb in ("using", "dropping", "launching", "deploying", "firing",
                        "perpetrating", "committing", "carrying out", "gassing")],
    "ar": ["ارتكب", "ارتكبت", "نفذ", "نفذت", "شن", "شنت", "قصف", "قصفت", "استخدم", "استخدمت",
           "ألقت", "ألقى", "مسؤولة عن", "مسؤول عن", "مسؤولون عن", "المسؤولة عن",
           "المسؤول عن", "استخدام", "بقيام", "يتحمل المسؤولية", "تتحمل المسؤولية",
           "يتحمل مسؤولية", "تتحمل مسؤولية", "هجوم", "هجمات", "مجزرة", "مجازر", "ارتكاب",
           # "X كمرتكبين للهجوم" (X as the perpetrators of the attack); "أسقطت" (dropped)
           "كمرتكبين", "كمرتكب", "كمرتكبة", "مرتكبي", "مرتكب", "أسقطت", "أسقط",
           # "X تتحمل على الأرجح مسؤولية", "يتحمل مسؤولياتها النظام" (bears the responsibility)
           "تتحمل", "يتحمل",
           # "استهدفت قوات النظام ... بالغازات السامة"; "الهجمات الكيميائية للنظام", "217 هجوما
           # للنظام": the attacks' agent right after them
           "استهدف", "استهدفت", "الهجمات", "الهجوم", "هجوما", "هجوماً",
           # "أكدت الآلية مسؤولية النظام عن الهجوم" (the responsibility of X for)
           "مسؤولية",
           # "حكومة الأسد تقف وراء هجوم" (stands behind); "جريمة نظام الأسد" (its crime)
           "تقف وراء", "يقف وراء", "وقفت وراء", "وقف وراء", "تقف خلف", "يقف خلف", "جريمة",
           "جرائم",
           # verbal nouns whose agent follows ("الاستخدام المكثف لقوات الأسد غاز الكلور",
           # "استهداف الطيران المروحي للنظام بلدة ... بغاز الكلور")
           "الاستخدام", "استهداف", "باستهداف", "قيام",
           # the synonyms of used, committed and fired ("أن النظام استعمل سلاحا محرما",
           # "قوات النظام ... أطلقت صواريخ محملة بغاز السارين")
           "استعمل", "استعملت", "استعمال", "اقترف", "اقترفت", "أطلق", "أطلقت",
           # "أكد التقرير تورط جيش النظام في شن هجوم" (the involvement of)
           "تورط", "بتورط",
           # a light verb whose action follows after ب ("قامت قوات النظام بإطلاق صاروخين"):
           # attributions.py reads it only when that action is an attack's
           "قام", "قامت", "يقوم", "تقوم"] + [
           # a verb of escalating or repeating with the attacks as its object ("قوات الأسد
           # ضاعفت أيضا الهجمات بغاز الكلور", "صعّد النظام هجماته الكيميائية")
           f"{verb}{also} {attacks}"
           for verb in ("ضاعف", "ضاعفت", "صعد", "صعدت", "كثف", "كثفت", "جدد", "جددت",
                        "وسع", "وسعت")
           for also in ("", " أيضا", " أيضاً", " أيضًا", " من")
           for attacks in ("الهجمات", "هجماته", "هجماتها", "هجمات", "هجومه", "هجومها")],
}
# "the regime's (indiscriminate and sustained) use of", "the government's alleged
# responsibility for": a possessive agent and up to four words before the noun
POSSESSIVE = (r"['’]s?\s+(?:[\w-]+\s+){0,4}?(?:(?:use|responsibility|deployment)\s+(?:of|for)\b"
              r"|(?:chemical\s+|sarin\s+|chlorine\s+|gas\s+)(?:weapons?\s+)?(?:attacks?|massacres?)\b"
              # "the victims of Assad's atrocities", in a sentence about the attacks
              r"|atrocit(?:y|ies)\b)")
# words that may stand between an agent and its verb without breaking the attribution
FILLERS = {
    "en": ["is", "was", "were", "are", "has", "have", "had", "been", "be", "being", "could",
           "would", "may", "might", "must", "also", "directly", "deliberately", "allegedly",
           "apparently", "reportedly", "repeatedly", "likely", "probably", "clearly",
           "indeed", "again", "then", "only", "itself", "themselves", "subsequently",
           "almost", "certainly", "most", "possibly", "undoubtedly", "definitely", "very",
           "later", "first", "both", "knowingly", "systematically", "and", "the only party that",
           "the party that", "which", "who", "that",
           # the agent's means between it and the verb ("regime aircraft dropped")
           "aircraft", "helicopters", "helicopter", "warplanes", "warplane", "planes", "jets",
           "forces", "troops", "units", "artillery", "army", "militants", "fighters",
           # a unit named after its force ("the “Tiger Forces” Elite Unit dropped")
           "unit", "elite unit", "special unit", "division",
           # "Government warplanes appear to have dropped"
           "appear to have", "appears to have", "seem to have", "seems to have",
           # an evaluative passive: "X had been identified as responsible", "X was found
           # responsible", "X was determined to be behind", "Y as accountable for"
           "identified as", "identified", "found", "found to be", "determined to be",
           "deemed", "named as", "judged", "considered", "held", "shown to be", "proven",
           "proved", "as"],
    "ar": ["قد", "هي", "هو", "هم", "كانت", "كان", "كانوا", "بالفعل", "أيضا", "أيضاً", "التي",
           "الذي", "الذين", "على الأرجح", "على الأغلب", "ربما",
           # "نظام الأسد لم يتوقف أو يرتدع عن استخدام": the agent keeps using
           "لم يتوقف عن", "لم يتوقف أو يرتدع عن", "لم يتوقف ولم يرتدع عن", "واصل", "يواصل",
           "استمر في", "يستمر في",
           # "عاد النظام مرة أخرى لاستخدام": again
           "مرة أخرى", "مجددا", "مجدداً", "ثانية",
           # the agent's aircraft ("طائرات النظام المروحية ألقت")
           "المروحية", "الحربية", "المروحي", "الحربي",
           # "لم يتوقف النظام أبدا عن استخدام": the verb before the agent, "never" after it
           "أبدا عن", "أبداً عن", "يوما عن", "يوماً عن",
           # "يستمر نظام الأسد إذاً باستخدام": a discourse particle ("then")
           "إذا", "إذاً", "إذن"],
}
# objects that make an attribution verb about something else ("launched campaigns")
NOT_ATTACK_OBJECTS = {
    "en": ["campaign", "campaigns", "appeal", "appeals", "initiative", "initiatives",
           "investigation", "investigations", "inquiry", "petition", "petitions", "report",
           "reports", "hashtag", "hashtags", "statement", "website", "social media",
           "negotiations", "talks", "programme", "program"],
    "ar": ["حملة", "حملات", "مبادرة", "تحقيقا", "تقريرا", "بيانا", "وسم", "الفيتو", "حق النقض"],
}

# cues whose agent follows them ("dropped by government helicopters")
ATTRIBUTION_PASSIVE = {
    "en": ["carried out by", "committed by", "perpetrated by", "launched by", "used by",
           "conducted by", "dropped by", "deployed by", "fired by", "attributed responsibility to",
           "attributed the attack to", "attributed to", "blamed on",
           "complaint against", "complaints against", "warrant against", "warrants against",
           "arrest warrant for", "arrest warrants for", "case against", "charges against",
           "ordered by", "authorised by", "authorized by", "orchestrated by",
           "belonging to", "belonging to the",
           # "the attack was the work of X"
           "the work of", "the handiwork of",
           # who ordered or commanded the attack ("take place only on the orders of X",
           # "under the command of X")
           "on the orders of", "on the order of", "under the orders of", "on orders from",
           "under the command of", "at the orders of", "at the behest of",
           "at the hands of", "attack by", "attacks by", "massacre by", "use of chemical weapons by",
           # "the use of sarin by", "the use of toxic chemicals as weapons by", "the use of
           # the bombs by": the nominal passive names its agent after "by"
           "use of sarin by", "use of chlorine by", "use of toxic chemicals by",
           "use of nerve agents by", "use of nerve agent by", "use of poison gas by",
           "use of toxic gas by", "use of sulfur mustard by", "use of mustard gas by",
           "use of chemical agents by", "use of chemical weapon by", "use of chemicals by",
           "use of toxic chemicals as weapons by", "use of chemical arms by",
           "deployment of chemical weapons by", "gas attack by", "gas attacks by",
           "sarin attack by", "chlorine attack by", "chlorine attacks by",
           "attacked by", "targeted by", "gassed by", "bombed by", "shelled by",
           "chemical attack by", "chemical attacks by",
           # "the finger of blame was pointed at X", "pointed the finger at X"
           "blame was pointed at", "blame was quickly pointed at", "pointed the finger at",
           "points the finger at", "pointing the finger at", "blame at",
           # a criminal case's target: "criminal investigations into X for the use of"
           "criminal investigation into", "criminal investigations into"],
    "ar": ["ارتكبتها", "ارتكبها", "ارتكبه", "ارتكبته", "نفذها", "نفذتها", "نفذه", "نفذته",
           "شنتها", "شنه", "شنته", "اقترفها", "اقترفه", "اقترفته", "اقترفتها",
           "من قبل", "المنسوبة إلى", "المنسوبة الى", "المنسوب إلى", "المنسوب الى",
           "المنسوبة لـ", "على يد", "على أيدي",
           # "هجمات ... نسبت إلى نظام الأسد", "منسوبة للنظام" (attributed to)
           "نسبت إلى", "نسبت لـ", "نسبت ل", "منسوبة إلى", "منسوبة لـ", "منسوبة ل", "تنسب إلى",
           "ينسب إلى", "المنسوبة ل", "المنسوب ل",
           # the means' owner ("طائرة مروحية تابعة للأسد ألقت برميلا") and who ordered it
           # ("بأوامر من", "بأمر من", "تحت إمرة")
           "تابعة ل", "تابعة لـ", "التابعة ل", "التابعة لـ", "تابع ل", "التابع ل",
           "بأوامر من", "بأمر من", "بأوامر", "تحت إمرة"],
}
# cues whose agent is their object, and which need one of OBJECTS after that agent
# ("accused X of using", "hold X responsible", "حمّل ... X المسؤولية", "بحق X بتهمة")
OBJECT_CUES = {
    "en": ["accused", "accuses", "accuse", "accusing", "blamed", "blames", "hold", "holds",
           "held", "holding", "found", "identifies", "identified", "identify", "named",
           "names", "name", "naming",
           # a complaint's request: "asked police to investigate X for the sarin attacks"
           "investigate", "investigating", "prosecute", "prosecuting", "indict", "indicted"],
    "ar": ["اتهمت", "اتهم", "حملت", "حمل", "تتهم", "يتهم", "بحق", "يحملون", "حملوا", "يحمل",
           "تحمل"],
}
OBJECTS = {
    "en": ["of launching", "of carrying out", "of committing", "of the attack", "of perpetrating",
           "of using", "of dropping", "of ordering", "of deploying", "responsible", "for the attack",
           "for the attacks", "for the chemical attack", "for the chemical attacks",
           "for the sarin attack", "for the sarin attacks", "for the chlorine attack",
           "for the chlorine attacks", "for the gas attack", "for the gas attacks",
           "for this crime", "for the massacre", "for the incident", "for the incidents",
           "for the strike", "for the strikes", "for the massacres", "as a perpetrator", "as the perpetrator",
           "as perpetrators", "as responsible", "as being responsible", "as suspected perpetrators",
           "as suspects",
           # "accuses Syrian government officials of war crimes over the sarin attacks": the
           # crime the attack is, in a sentence about it
           "of war crimes", "of crimes against humanity", "of a war crime", "of a crime against humanity"],
    "ar": ["بتنفيذ", "بشن", "بارتكاب", "مسؤولية", "المسؤولية", "باستخدام", "بتهمة",
           # "اتهم X بالوقوف وراء الهجوم" (of standing behind), "بالضلوع في" (of involvement)
           "بالوقوف وراء", "بالوقوف خلف", "بالضلوع في", "بالتورط في", "بالمسؤولية",
           "بالمسؤولية عن", "بإطلاق", "بقصف", "باستهداف"],
}
# Arabic object cues whose agent is the one right before the object word ("حمّل تقرير أرسل
# إلى مجلس الأمن، الخميس، الحكومة السورية المسؤولية": the government, not the Council)
OBJECT_BEFORE = {"ar": ["المسؤولية", "مسؤولية"], "en": ["responsible"]}

# demand cues: a sentence with one of these can demand a mechanism
DEMAND_CUES = {
    "en": ["call", "calls", "called", "calling", "demand", "demands", "demanded", "urge",
           "urges", "urged", "must", "need", "needs", "necessity", "advocating", "push for",
           "should", "appeal", "appealed", "stress", "insist", "request", "requested",
           "reaffirms", "ensure", "ensuring", "overdue", "essential", "determined",
           "determination", "commitment", "committed to", "seek", "seeks", "seeking", "pursue",
           "pursuing", "pursuit", "secure", "work hard", "proposal", "proposed", "propose",
           "draft resolution", "veto", "vetoed", "filed", "file", "lodged", "submitted",
           "asks", "asked", "ask", "stressed", "stresses", "underscored", "underscores",
           "reiterated", "reiterates", "reiterate", "pressed", "presses", "pledged", "pledges",
           "vowed", "vows", "recommends", "recommended", "emphasized", "emphasised",
           "emphasizes", "emphasises", "insists", "insisted", "urging", "demanding",
           "requesting", "requests", "calls upon", "called upon", "appeals", "sought",
           "needed", "required", "necessary", "deserve", "deserves",
           "expresses its determination", "blocked", "blocks", "block", "blocking",
           # a draft's "would have established ...": its sponsors' call (rule D1)
           "would have established", "would have set up", "would have created",
           "would have renewed", "would have extended", "would have referred",
           # "wants X to be held to account"; "the failure to hold anyone accountable"
           "wants", "want", "wanted", "failure to", "failing to",
           # a condition as a necessity: "closure will be possible only when those who
           # ordered the attacks have been held to account"
           "only when", "only if", "only once",
           # the other forms of the call verbs ("asking them to establish", "advocates are
           # proposing a tribunal", "advocate for")
           "asking", "proposing", "proposes", "advocate", "advocates", "advocated",
           "urge for", "pressing", "press for", "pressing for", "appealing",
           # support for a mechanism ("the UK supports the referral of the situation"; not
           # "made available to support justice", a publication's purpose)
           "supports", "supported", "backs", "backed", "endorses", "endorsed", "favours",
           "favors",
           # a hope stated for a mechanism ("expressed the hope that those responsible will be
           # brought to justice")
           "hope", "hopes", "hoped",
           # a commitment till it is done ("we will not rest until ... are held to account")
           "will not rest", "won't rest", "will not stop", "not rest until", "until justice",
           # impunity refused ("there can be no impunity", "impunity cannot be tolerated")
           "no impunity", "cannot be tolerated", "can not be tolerated", "must not be tolerated",
           "will not be tolerated", "cannot be accepted",
           # fighting impunity is a stated aim ("France will continue to fight impunity")
           "fight impunity", "fight against impunity", "fighting impunity",
           "combat impunity", "combating impunity", "combatting impunity",
           "tackle impunity", "tackling impunity", "end impunity", "ending impunity"],
    "ar": ["نطالب", "طالب", "وطالب", "يطالب", "دعا", "ودعا", "دعت", "ودعت", "تدعو", "يدعو",
           "ندعو", "يجب", "ضرورة", "نناشد", "طالبت", "وطالبت", "طلب", "وطلب", "طلبت", "مقترح",
           "مشروع قرار", "الفيتو", "النقض", "تسعى", "نسعى", "يسعى", "شكوى", "رفعت", "قدمت",
           "لا بد", "تطالب", "طالبوا", "حث", "حثت", "يحث", "تحث", "ناشد", "ناشدت", "يناشد",
           "تناشد", "شدد", "شددت", "يشدد", "تشدد", "يتعين", "ينبغي", "مطالبة", "المطالبة",
           "مطالب", "دعوة", "دعوات", "الدعوة",
           # "مطالبين بمحاسبة", "يطالبون"; a draft with the article ("مشروع القرار")
           "مطالبين", "مطالبا", "مطالباً", "مطالبون", "يطالبون", "مشروع القرار", "مسودة قرار",
           "مشروعي قرارين", "مشروع قرار أمريكي", "مشروع قرار روسي",
           # "ويطلب من جميع الأطراف" (asks); a commitment ("نتعهد", "تجديد للعهد بالعمل")
           "يطلب", "تطلب", "نتعهد", "تتعهد", "يتعهد", "تعهدت", "تعهد", "للعهد",
           # "وسط مطالبات بمحاسبة" (amid demands); victims "ينتظرون محاسبة" (await it)
           "مطالبات", "المطالبات", "ينتظرون", "ينتظر", "تنتظر",
           # "ممكنا فقط عندما تتم محاسبة", "لن ... إلا عندما": a condition as a necessity
           "فقط عندما", "إلا عندما", "إلا بعد", "فقط حين",
           # a hope ("أعربت عن أملها في أن يتم تقديم المسؤولين إلى العدالة")
           "أمل", "أملها", "أمله", "أملهم", "تأمل", "يأمل", "نأمل", "آمل",
           # a necessity as a noun or a modal ("اقتناعه بوجوب محاسبة", "من الضروري محاسبة",
           # "لا بد من"), and the verbal nouns of calls ("مطالبته بإحالة")
           "وجوب", "بوجوب", "الضروري", "ضروري", "واجب", "مطالبته", "مطالبتها",
           "مطالبتهم", "دعوته", "دعوتها", "دعوتهم", "تطالبان", "يطالبان", "طالبتا", "طالبا"],
}

# mechanism id -> phrases that name it (in addition to the entity's own labels/aliases)
MECHANISM_PHRASES = {
    "en": {
        # "refer/referral/transfer ... to the ICC" is matched structurally (demands.py)
        "mech:icc-referral": [],
        "mech:chapter-vii-measures": ["measures under Chapter VII", "act under Chapter VII",
                                      "apply Chapter Seven", "apply Chapter VII",
                                      "Resorting to UN Chapter VII", "activate Article 21",
                                      "activating Article 21", "under Chapter Seven",
                                      "impose measures under Chapter VII"],
        "mech:special-tribunal": ["special tribunal", "exceptional court", "special court",
                                  "ad hoc tribunal", "special international tribunal",
                                  "international tribunal", "special international court",
                                  "exceptional tribunal", "hybrid tribunal", "hybrid court"],
        # "hold X accountable", "hold X to account" are matched structurally (demands.py)
        "mech:accountability": ["held accountable", "accountability for the perpetrators",
                                "accountability", "held to account", "brought to justice",
                                "bring to justice", "justice for", "punish those responsible",
                                "end impunity", "ending impunity", "justice and accountability",
                                "face justice", "answer for their crimes", "go unpunished",
                                "fight impunity", "fight against impunity", "fighting impunity",
                                "combat impunity", "combating impunity", "combatting impunity",
                                "tackle impunity", "tackling impunity", "no impunity",
                                "deserve justice", "deserves justice"],
        "mech:international-accountability": ["international accountability",
                                              "International justice for"],
        "mech:accountability-mechanism": ["mechanism to hold"],
        "mech:fair-trial": ["before a fair court"],
        "mech:international-investigation": ["unfettered access", "access to Syria",
                                             "allowed to investigate", "widen the mandate",
                                             "expand the mandate", "broaden the mandate",
                                             "mechanism to investigate"],
        "mech:attribution-mechanism": ["attribution mechanism", "mechanism to identify",
                                       "identify the perpetrators", "identify those responsible",
                                       "extend the mandate", "renew the mandate",
                                       "renewal of the mandate", "extension of the mandate",
                                       "renew the JIM", "extend the JIM"],
        "mech:national-prosecution": ["criminal complaint", "criminal complaints",
                                      "arrest warrant", "arrest warrants", "criminal investigation",
                                      "criminal investigations", "prosecute", "prosecution",
                                      "prosecutions", "universal jurisdiction", "prosecuted",
                                      "structural investigation", "war crimes investigation",
                                      "prosecuting"],
        "mech:un-resolution": ["UN resolution to condemn", "resolution to condemn",
                               "resolution condemning", "resolution that condemns"],
    },
    "ar": {
        "mech:icc-referral": [],
        "mech:chapter-vii-measures": ["بموجب الفصل السابع", "تحت الفصل السابع",
                                      "تفعيل المادة 21", "تفعيل المادة ٢١"],
        "mech:special-tribunal": ["محكمة خاصة", "محكمة استثنائية"],
        "mech:accountability": ["محاسبة", "بمحاسبة", "المحاسبة", "العدالة", "تحقيق العدالة",
                                "إفلات من العقاب", "الإفلات من العقاب", "معاقبة", "المساءلة",
                                "مساءلة", "مساءلتهم", "محاسبتهم", "محاكمات دولية",
                                "محاكمة دولية", "محاكم دولية"],
        "mech:international-accountability": ["محاسبة دولية", "المحاسبة الدولية"],
        "mech:international-investigation": ["تحقيق دولي", "تحقيق مستقل", "لجنة تحقيق",
                                             "السماح للمحققين", "دخول المحققين",
                                             # a draft "to set up a mechanism to
                                             # investigate", "to send investigators"
                                             "آلية للتحقيق", "آلية تحقيق", "إرسال محققين",
                                             "لإرسال محققين", "بإرسال محققين",
                                             "للتحقيق في استخدام", "التحقيق في استخدام",
                                             "فتح تحقيق"],
        "mech:attribution-mechanism": ["مد أجل التفويض", "لمد أجل التفويض", "تمديد التفويض",
                                       "تجديد التفويض", "تمديد تفويض", "تجديد تفويض",
                                       "آلية لتحديد المسؤولين", "تحديد هوية", "تحديد هويات",
                                       "تحديد المسؤولين", "تحديد مرتكبي", "تحديد الجناة"],
        "mech:national-prosecution": ["مذكرة توقيف", "مذكرات توقيف", "مذكرة اعتقال",
                                      "مذكرات اعتقال", "شكوى جنائية", "شكاوى جنائية",
                                      "ملاحقة قضائية", "الملاحقة القضائية", "محاكمة",
                                      "دعوى قضائية", "دعاوى قضائية", "الولاية القضائية العالمية"],
        "mech:un-resolution": ["قرار يدين", "قرارا يدين", "قراراً يدين"],
    },
}
# mechanism id -> regular expressions naming it where a phrase cannot (a word cut by the
# end of a stored text, "attribution mechani")
MECHANISM_PATTERNS = {
    "en": {"mech:icc-referral": [
               # vetoed "efforts ... to open an investigation by the International Criminal
               # Court": a referral by another name
               r"\b(?:open|launch)\w*\s+(?:an?\s+)?(?:investigation|inquiry)\s+by\s+(?:the\s+)?"
               r"(?:International\s+Criminal\s+Court|ICC)\b"],
           # a tribunal qualified by what it would try ("an exceptional chemical weapons
           # tribunal", "a special tribunal for Syria"): not the ICC, which is a referral
           "mech:special-tribunal": [
               r"\b(?:special|exceptional|ad\s+hoc|hybrid|international)\s+(?!criminal\s+court)"
               r"(?:[\w-]+\s+){1,3}?(?:tribunal|court)\b"],
           "mech:attribution-mechanism": [
               r"\battribution\s+mechan\w*",
               # renewing or extending the mandate of the JIM (named: "its mandate" is not)
               r"\b(?:renew|extend|prolong)\w*\s+(?:the\s+)?(?:mandate\s+of\s+the\s+)?"
               r"(?:JIM|Joint\s+Investigative\s+Mechanism|OPCW-UN\s+Joint\s+Investigative"
               r"\s+Mechanism)\b",
               r"\b(?:renew|extend|prolong)\w*\s+(?:of\s+)?(?:the\s+)?(?:JIM['’]s|Joint\s+Investigative"
               r"\s+Mechanism['’]s)\s+mandate"],
           "mech:international-investigation": [
               # "an independent investigation be launched", "a swift, impartial investigation"
               # "a full investigation into the attack", "an urgent, comprehensive inquiry"
               r"\b(?:independent|impartial|international|thorough|credible|transparent|full|"
               r"comprehensive|urgent|immediate|prompt|swift|objective|UN|OPCW)"
               r"(?:,?\s+(?:and\s+)?(?:swift|independent|impartial|international|thorough|"
               r"credible|transparent|full|comprehensive|urgent|immediate|prompt|objective))*"
               r"\s+(?:investigation|inquiry|probe)\b",
               r"\b(?:widen|expand|broaden|extend)\w*\s+(?:the\s+)?(?:UN\s+)?(?:inspectors['’]|"
               r"investigators['’]|mission['’]s)\s+mandate",
               r"\b(?:widen|expand|broaden)\w*\s+(?:the\s+)?mandate\s+of\s+(?:the\s+)?(?:UN\s+)?"
               r"(?:inspectors|investigators|mission|commission)",
               # "demand that Syria fully cooperate with investigators": access for them
               r"\bcooperat\w*\s+(?:fully\s+)?with\s+(?:the\s+|an\s+)?(?:UN\s+|OPCW\s+|"
               r"international\s+|independent\s+)?(?:investigators|inspectors|fact-finding\s+mission|"
               r"FFM|JIM|investigation|inquiry)\b"],
           "mech:national-prosecution": [
               r"\b(?:filed|submitted|lodged|files|submits|lodges|filing)\s+(?:a\s+|an\s+|the\s+)?"
               r"(?:new\s+|joint\s+)?(?:criminal\s+)?complaints?\b",
               # "the complaint was filed with the Swedish police"
               r"\b(?:criminal\s+)?complaints?\s+(?:was|were|has\s+been|have\s+been|is|are)\s+"
               r"(?:filed|submitted|lodged)\b",
               # "A complaint of “crimes against humanity” ... has been filed in a court"
               r"\b(?:criminal\s+)?complaints?\s+(?:of|for|over|against)\s+[^.;:\n]{1,200}?\s+"
               r"(?:was|were|has\s+been|have\s+been)\s+(?:filed|submitted|lodged)\b",
               # "asked Swedish police to investigate", "urged prosecutors to open an inquiry"
               # "judges have received a complaint", "a similar complaint filed in Germany"
               r"\b(?:received|receives|receive)\s+(?:a\s+|an\s+|the\s+)?(?:new\s+|joint\s+)?"
               r"(?:criminal\s+)?complaints?\b",
               r"\b(?:criminal\s+)?complaints?\s+(?:[^.;:\n]{1,120}?,\s+)?(?:filed|submitted|"
               r"lodged)\s+(?:by|in|with|on|at|before|last)\b",
               r"\b(?:police|prosecutors?|prosecution\s+services?|judicial\s+authorities|"
               r"investigating\s+judges?)\s+to\s+(?:open\s+(?:an?\s+)?(?:criminal\s+)?"
               r"(?:investigation|inquiry|case)|investigate|prosecute)\b",
               # "Germany's federal prosecutor should open an investigation": a modal for "to"
               r"\b(?:police|prosecutors?|prosecution\s+services?|judicial\s+authorities|"
               r"investigating\s+judges?)\s+(?:should|must|shall|ought\s+to|needs?\s+to)\s+"
               r"(?:open|launch|begin|start)\s+(?:an?\s+)?(?:criminal\s+)?"
               r"(?:investigation|inquiry|case|proceedings)\b"],
           # a draft that would punish: "Security Council action to impose sanctions" (the
           # Council's or a resolution's; a state's own sanctions are no UN resolution)
           "mech:un-resolution": [r"\b(?:resolution|Security\s+Council|Council|U\.?N\.?)\s+"
                                  r"(?:[\w-]+\s+){0,4}?(?:to\s+)?impos\w*\s+sanctions\b"],
           "mech:accountability": [r"\bhold(?:s|ing)?\s+(?:[\w’'-]+\s+){0,8}?to\s+account\b",
                                   # "impunity for such crimes cannot be tolerated"
                                   r"\bimpunity\b(?=[^.;]{0,50}\b(?:cannot|can\s+not|must\s+not|will\s+not|"
                                   r"should\s+not)\s+be\s+(?:tolerated|accepted|allowed)\b)",
                                   r"\bbring(?:s|ing)?\s+(?:[\w’'-]+\s+){0,6}?to\s+justice\b",
                                   # "Demands Justice", "appeal for justice", "to secure justice"
                                   # (not "a call for justice": a statement's description of itself)
                                   r"\b(?:demand(?:s|ed|ing)?|(?:appeal|appeals|appealed|appealing|"
                                   r"push|pushing)\s+for|seek(?:s|ing)?|"
                                   r"sought|secure|securing|deliver|delivering)\s+justice\b",
                                   # "justice and redress for", "justice and reparations for"
                                   r"\bjustice\s+and\s+(?:redress|reparations?|truth)\s+for\b",
                                   # "to punish those involved", "punish the perpetrators"
                                   r"\bpunish(?:es|ed|ing|ment\s+of)?\s+(?:all\s+)?(?:those|the\s+"
                                   r"perpetrators|perpetrators|the\s+culprits|the\s+criminals)\b"]},
    "ar": {"mech:accountability": [r"(?:تقديم|إحالة|احالة)\s+(?:\S+\s+){0,4}?(?:إلى|الى|ل)ل?عدالة",
                                   # the verb ("يجب أن يحاسب المسؤولون", "أن يُحاسَب")
                                   r"(?<!\w)(?:أن|ان|حتى|لكي|كي)\s+(?:ي|ت)[\u064b-\u0652]*ح[\u064b-\u0652]*ا"
                                   r"[\u064b-\u0652]*س[\u064b-\u0652]*ب\w*"],
           # an international or special tribunal (not "المحكمة الجنائية الدولية", the ICC,
           # which is written with the article): "إنشاء محكمة دولية خاصة"
           "mech:special-tribunal": [r"(?<!\w)[وبل]?محكمة\s+(?:جنائية\s+)?(?:دولية|خاصة|استثنائية|مختلطة)"
                                     r"(?:\s+(?:خاصة|استثنائية|مختلطة))?(?!\w)"],
           # "يطالب النظام بالتعاون مع التحقيق", "لإجراء تحقيق", "توفير إمكانية الوصول الآمن
           # إلى أي مواقع تعتبرها بعثة": the investigators' work and access
           "mech:international-investigation": [
               r"(?<!\w)[وب]?(?:ال)?تعاون\s+(?:الكامل\s+)?مع\s+(?:ال)?(?:تحقيق|محققين|لجنة\s+التحقيق|بعثة)",
               r"(?<!\w)[ول]?(?:إ|ا)جراء\s+(?:ال)?تحقيق",
               # "تحقيق نزيه وشفاف", "تحقيق شامل": an investigation by its qualities
               r"(?<!\w)[وبل]?(?:ال)?تحقيق\s+(?:ال)?(?:نزيه|شفاف|محايد|شامل|عاجل|موضوعي|كامل|"
               r"أممي|دولي|مستقل)",
               r"(?<!\w)(?:إ|ا)مكانية\s+(?:ال)?وصول|(?<!\w)(?:ال)?وصول\s+(?:ال)?(?:آمن|كامل|دون\s+عوائق)"],
           # the JIM named in a demand ("من جانب آلية التحقيق المشتركة")
           "mech:attribution-mechanism": [r"(?<!\w)(?:ل|ب)?آلية\s+التحقيق\s+المشتركة"],
           # sanctions by the Council or a resolution ("طالب مجلس الأمن بفرض عقوبات")
           "mech:un-resolution": [r"(?:مجلس\s+الأمن|المجلس|الأمم\s+المتحدة|قرار|القرار)[^.؛]{0,40}?"
                                  r"(?<!\w)[وب]?(?:فرض|تبني|اعتماد)\s+عقوبات"],
           # a complaint lodged with a court: "شكوى أودعت في آذار أمام المحكمة", "قدمت ...
           # شكوى إلى النيابة"
           "mech:national-prosecution": [
               r"(?<!\w)شكو[ىا]\w*\s+(?:\S+\s+){0,2}?(?:[أا]ودعت|[أا]ودع|قدمت|قدم|رفعت|رفع|"
               r"مقدمة|مودعة)(?!\w)",
               r"(?<!\w)[وف]?(?:[أا]ودعت|[أا]ودع|قدمت|رفعت|تقدمت\s+ب)\s*(?:\S+\s+){0,3}?شكو[ىا]"]},
}
# phrases that name accountability only in general: dropped from a demand that names a
# more specific mechanism ("justice for the victims" beside "an exceptional court"), and
# not read after words that deny it ("lack of accountability")
GENERAL_ACCOUNTABILITY = {
    "en": ["accountability", "justice for", "justice and accountability"],
    "ar": ["العدالة", "تحقيق العدالة", "المحاسبة", "محاسبة", "المساءلة", "مساءلة"],
}
NEGATED = {"en": r"(?:lack\s+of|without(?:\s+any(?:\s+form\s+of)?)?|absence\s+of|no|"
                 r"(?:said|says|say)\s+no\s+to)\s+$",
           "ar": r"(?:غياب|انعدام|دون|بدون|عدم)\s+$"}
# a demand's mechanism phrase that needs an ICC-referral verb before it in Arabic
AR_REFERRAL_VERBS = ["إحالة", "بإحالة", "احالة"]
