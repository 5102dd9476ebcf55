"""The word tables the extractors read: qualifiers, outcomes, groups, cues.

Kept as data in one place, per language, so a curator can read (and extend)
what each extractor recognises. Patterns are built from these tables; the
extractors hold no word lists of their own.
"""

from __future__ import annotations

import re


def lang_of(language: str) -> str:
    """The table a language tag reads: ``ar`` for Arabic, ``en`` for anything else.

    >>> lang_of("ar-SY"), lang_of("en-GB"), lang_of("fr")
    ('ar', 'en', 'en')
    """
    return "ar" if language.lower().startswith("ar") else "en"


def alternation(words) -> str:
    """A regex alternation of ``words``, escaped, longest first (so "more than" beats "more").

    >>> print(alternation(["over", "more than"]))
    more\\ than|over
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

# qualifier -> phrases written before a number (longest first when compiled)
QUALIFIERS = {
    "en": {
        "more-than": ["more than", "over", "upwards of", "in excess of", "above"],
        "at-least": ["at least", "no fewer than", "no less than", "a minimum of"],
        "about": ["about", "around", "approximately", "roughly", "some", "an estimated",
                  "nearly about", "close to about"],
        "up-to": ["up to", "nearly", "almost", "as many as", "close to", "just under"],
    },
    "ar": {
        "more-than": ["أكثر من", "ما يزيد عن", "ما يزيد على", "ما يربو على", "اكثر من"],
        "at-least": ["ما لا يقل عن", "لا يقل عن", "على الأقل"],
        "about": ["نحو", "حوالي", "حوالى", "زهاء", "قرابة", "ما يقارب", "قرابة ال"],
        "up-to": ["ما يصل إلى", "حتى"],
    },
}

# word quantities: phrase -> qualifier (no value)
WORD_QUANTITIES = {
    "en": {"dozens": "dozens", "hundreds": "hundreds"},
    "ar": {"العشرات": "dozens", "عشرات": "dozens", "المئات": "hundreds", "مئات": "hundreds"},
}

# outcome cue words, by where they stand relative to the number
OUTCOME_BEFORE = {
    "en": {
        "killed": ["killing", "killed", "the loss of", "claimed the lives of", "the deaths of",
                   "death toll of", "death toll rose to", "the lives of"],
        "injured": ["injuring", "injured", "wounding", "wounded"],
        "exposed": ["exposing", "exposed", "affecting", "suffocating"],
    },
    "ar": {
        "killed": ["مقتل", "قتل", "أودى بحياة", "أودت بحياة", "استشهاد", "وفاة", "سقوط",
                   "راح ضحيته", "راح ضحيتها"],
        "injured": ["إصابة", "أصاب", "أصابت", "جرح", "إصابات"],
        "exposed": ["اختناق", "تعرض"],
    },
}
OUTCOME_AFTER = {
    "en": {
        "killed": ["killed", "dead", "died", "deaths", "lives", "lost their lives", "were killed",
                   "martyrs", "victims", "fatalities"],
        "injured": ["injured", "wounded", "injuries", "were injured", "were wounded"],
        "exposed": ["exposed", "treated for", "suffered symptoms", "symptoms", "suffocation",
                    "affected"],
    },
    "ar": {
        "killed": ["شهيدا", "شهيداً", "قتيلا", "قتيلاً", "ضحية", "قتلوا", "قضوا", "لقوا حتفهم"],
        "injured": ["جريحا", "جريحاً", "مصابا", "مصاباً", "أصيبوا"],
        "exposed": ["حالة اختناق", "حالات اختناق", "اختناق"],
    },
}

# the noun after a number -> victim group ("attacks" for counts of attacks)
GROUPS = {
    "en": {"people": ["people", "persons", "lives", "others", "victims", "individuals",
                      "residents", "martyrs", "dead", "more"],
           "civilians": ["civilians"], "children": ["children", "kids", "minors"],
           "women": ["women"], "attacks": ["times", "attacks", "chemical attacks"]},
    "ar": {"people": ["شخصا", "شخصاً", "أشخاص", "شخص", "شهيدا", "شهيداً", "قتيلا", "آخرين",
                      "ضحية", "مواطنا", "جريحا", "مصابا"],
           "civilians": ["مدنيا", "مدنياً", "مدنيين", "المدنيين", "من المدنيين"],
           "children": ["طفلا", "طفلاً", "أطفال", "الأطفال"],
           "women": ["امرأة", "نساء", "سيدة"],
           "attacks": ["مرة", "هجوما", "هجمات"]},
}

# a sub-figure: "including 32 children", "among them", "بينهم"
INCLUDING = {"en": ["including", "among them", "among whom", "of whom", "of them", "and"],
             "ar": ["بينهم", "منهم", "من بينهم", "و"]}

# words that make a sentence about an attack (for event dates and attributions)
ATTACK_WORDS = {
    "en": ["attack", "attacks", "massacre", "massacres", "strike", "struck", "bombing",
           "chemical", "sarin", "chlorine", "nerve agent", "gas", "killed", "killing", "died",
           "lost their lives", "crime", "atrocity"],
    "ar": ["هجوم", "الهجوم", "هجمات", "مجزرة", "المجزرة", "مجازر", "قصف", "قصفت", "استهدف",
           "الكيميائي", "السارين", "غاز", "قضوا", "مقتل", "ارتكب", "ارتكبتها"],
}

# words that show a date belongs to a document, not to an attack
DOCUMENT_DATE_WORDS = {
    "en": ["report", "statement", "resolution", "tweet", "published", "dated", "meeting",
           "press release", "news report", "coverage", "letter", "session"],
    "ar": ["تقرير", "بيان", "قرار", "تغريدة", "جلسة", "رسالة"],
}

# verbs of attribution; the agent stands before (active) or after (passive, "by")
ATTRIBUTION_ACTIVE = {
    "en": ["carried out", "committed", "perpetrated", "launched", "used", "dropped", "bombed",
           "struck", "shelled", "attacked", "was responsible for", "were responsible for",
           "is responsible for", "are responsible for", "was responsible", "were responsible",
           "was behind", "were behind", "is behind", "are behind", "'s use of", "’s use of",
           "'s many chemical weapons attacks", "’s many chemical weapons attacks"],
    "ar": ["ارتكب", "ارتكبت", "نفذ", "نفذت", "شن", "شنت", "قصف", "قصفت", "استخدم", "استخدمت",
           "ألقت", "ألقى"],
}
ATTRIBUTION_PASSIVE = {
    "en": ["carried out by", "committed by", "perpetrated by", "launched by", "used by",
           "conducted by", "attributed responsibility to", "attributed the attack to",
           "blamed on", "accused", "blamed", "hold", "holds", "held", "holding", "found"],
    "ar": ["ارتكبتها", "ارتكبها", "نفذها", "نفذتها", "شنتها", "اتهمت", "اتهم", "حملت", "حمل",
           "من قبل"],
}
# after "accused X" / "hold X" the sentence must say what of
ATTRIBUTION_OBJECT = {
    "en": ["of launching", "of carrying out", "of committing", "of the attack",
           "of perpetrating", "of using", "responsible", "for the attack", "for this crime",
           "for the massacre"],
    "ar": ["بتنفيذ", "بشن", "بارتكاب", "مسؤولية", "المسؤولية"],
}
# cues that name the agent as their object, and so need one of the objects above after it
OBJECT_CUES = {"en": ("accused", "blamed", "hold", "holds", "held", "holding", "found"),
               "ar": ("اتهم", "حمل")}
# agents whose "found/attributed" statements are investigation findings, not attributions
INVESTIGATORS = ("org:jim",)

# demand cues: a sentence with one of these can demand a mechanism
DEMAND_CUES = {
    "en": ["call", "calls", "called", "calling", "demand", "demands", "demanded", "urge",
           "urges", "urged", "must", "need", "necessity", "advocating", "push for", "should",
           "appeal", "appealed", "stress", "insist", "request", "requested", "reaffirms"],
    "ar": ["نطالب", "طالب", "وطالب", "يطالب", "دعا", "ودعا", "دعت", "ودعت", "تدعو", "يدعو",
           "ندعو", "يجب", "ضرورة", "نناشد", "طالبت", "وطالبت"],
}

# mechanism id -> phrases that name it (in addition to the entity's own labels/aliases)
MECHANISM_PHRASES = {
    "en": {
        # "refer/referral/transfer ... to the ICC" is matched structurally (statements.py)
        "mech:icc-referral": [],
        "mech:chapter-vii-measures": ["measures under Chapter VII", "act under Chapter VII",
                                      "apply Chapter Seven", "apply Chapter VII",
                                      "Resorting to UN Chapter VII", "activate Article 21",
                                      "activating Article 21", "under Chapter Seven",
                                      "impose measures under Chapter VII"],
        "mech:special-tribunal": ["special tribunal", "exceptional court", "special court",
                                  "ad hoc tribunal"],
        # "hold X accountable" is matched structurally (statements.py)
        "mech:accountability": ["held accountable", "accountability for the perpetrators"],
        "mech:international-accountability": ["international accountability",
                                              "International justice for"],
        "mech:accountability-mechanism": ["mechanism to hold"],
        "mech:fair-trial": ["before a fair court"],
    },
    "ar": {
        "mech:icc-referral": [],
        "mech:chapter-vii-measures": ["بموجب الفصل السابع", "تحت الفصل السابع",
                                      "تفعيل المادة 21", "تفعيل المادة ٢١"],
        "mech:special-tribunal": ["محكمة خاصة", "محكمة استثنائية"],
        "mech:accountability": ["محاسبة", "بمحاسبة", "المحاسبة"],
        "mech:international-accountability": ["محاسبة دولية", "المحاسبة الدولية"],
    },
}
# a demand's mechanism phrase that needs an ICC-referral verb before it in Arabic
AR_REFERRAL_VERBS = ["إحالة", "بإحالة", "احالة"]

# anniversaries: ordinal word -> number
ORDINALS = {
    "en": {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
           "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
           "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
           "9th": 9, "10th": 10, "11th": 11, "12th": 12},
    "ar": {"الأولى": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5,
           "السادسة": 6, "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10,
           "الحادية عشرة": 11, "الثانية عشرة": 12},
}
# ordinal day words in Arabic dates ("الرابع من نيسان")
AR_ORDINAL_DAYS = {"الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5,
                   "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10}

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
           "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"],
    "ar": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
           "تشرين الأول", "تشرين الثاني", "كانون الأول", "يناير", "فبراير", "مارس", "أبريل",
           "إبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
}

# Levantine month names (used in Syria) -> the names dateparser's Arabic knows
AR_LEVANTINE_MONTHS = {"كانون الثاني": "يناير", "شباط": "فبراير", "آذار": "مارس",
                       "نيسان": "أبريل", "أيار": "مايو", "حزيران": "يونيو", "تموز": "يوليو",
                       "آب": "أغسطس", "أيلول": "سبتمبر", "تشرين الأول": "أكتوبر",
                       "تشرين الثاني": "نوفمبر", "كانون الأول": "ديسمبر"}

# relative day words -> days before the document's date
RELATIVE_DAYS = {"en": {"yesterday": 1, "the day before yesterday": 2},
                 "ar": {"أمس": 1, "الأمس": 1, "البارحة": 1, "أول أمس": 2}}
# "N years ago today" and its Arabic forms ("في مثل هذا اليوم قبل N سنوات")
YEARS_AGO = {"en": r"(?P<n>{num})\s+years?\s+ago(?P<today>\s+today|\s+to the day)?",
             "ar": r"(?P<today>في مثل هذا اليوم\s+)?قبل\s+(?P<n>{num})\s+(?:سنوات|سنة|عاما|أعوام)"}
YEARS_SINCE = {"en": r"(?P<n>{num})\s+years\s+(?:have\s+passed\s+since|after|since)",
               "ar": r"(?:مرور\s+)?(?P<n>{num})\s+(?:سنوات|أعوام|عاما)\s+(?:على|من)"}
ANNIVERSARY = {"en": r"(?P<n>{ord})\s+anniversary|anniversary\s+\((?P<n2>{ord})\)",
               "ar": r"الذكرى\s+(?P<n>{ord})"}

# verbs that introduce what an agent says ("the Coalition said", "قال الدفاع المدني")
SPEECH_VERBS = {
    "en": ["said", "says", "stated", "added", "stressed", "confirmed", "called", "calls",
           "urged", "urges", "demanded", "demands", "criticized", "criticised", "warned", "noted",
           "pointed out", "concluded", "announced", "recalled", "declared", "insisted",
           "according to", "in a statement", "tweeted", "wrote"],
    "ar": ["قال", "قالت", "أكد", "أكدت", "طالب", "طالبت", "دعا", "دعت", "أشار", "أشارت",
           "أضاف", "أضافت", "ذكر", "ذكرت", "أعلن", "أعلنت", "حذر", "حذرت", "وفق", "بحسب"],
}
