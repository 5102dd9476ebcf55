"""The word tables the extractors read: qualifiers, outcomes, groups, dates.

Kept as data, per language, so a curator can read (and extend) what each
extractor recognises: this module for figures and dates, :mod:`.cues` for
attributions, demands and speakers, :mod:`.gazetteer` for names. Patterns are
built from these tables; the extractors hold no word lists of their own.
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
        "more-than": ["أكثر من", "ما يزيد عن", "ما يزيد على", "ما يربو على", "اكثر من",
                      # "فاقت المئة": exceeded, as "more than"
                      "فاق", "فاقت", "يفوق", "تفوق", "ليفوق", "لتفوق"],
        "at-least": ["ما لا يقل عن", "لا يقل عن", "على الأقل"],
        "about": ["نحو", "حوالي", "حوالى", "زهاء", "قرابة", "ما يقارب", "قرابة ال"],
        "up-to": ["ما يصل إلى", "حتى"],
    },
}

# qualifier -> phrases written after a number ("killed 1127 at least")
QUALIFIERS_AFTER = {
    "en": {"at-least": ["at least", "or more"]},
    "ar": {"at-least": ["على الأقل", "على الاقل"]},
}

# word quantities: phrase -> qualifier (no value)
WORD_QUANTITIES = {
    "en": {"dozens": "dozens", "tens": "dozens", "hundreds": "hundreds",
           "thousands": "thousands"},
    "ar": {"العشرات": "dozens", "عشرات": "dozens", "المئات": "hundreds", "مئات": "hundreds",
           "الآلاف": "thousands", "آلاف": "thousands"},
}

# outcome cue words, by where they stand relative to the number
OUTCOME_BEFORE = {
    "en": {
        "killed": ["killing", "killed", "the loss of", "claimed the lives of", "the deaths of",
                   "death toll of", "death toll rose to", "the lives of", "the death of",
                   # a headline's present tense: "Chemicals Kill Dozens"
                   "kill", "kills"],
        "injured": ["injuring", "injured", "wounding", "wounded"],
        "exposed": ["exposing", "exposed", "suffocating",
                    # made ill by the agent: "Chemicals sicken hundreds"
                    "sicken", "sickens", "sickened", "sickening"],
        "affected": ["affecting", "affected"],
        # killed and injured together: casualties (rule F2)
        "casualties": ["killing or injuring", "killing and injuring", "killed or injured",
                       "killed and injured", "killed or wounded", "killed and wounded"],
    },
    "ar": {
        "casualties": ["مقتل وإصابة", "قتل وإصابة", "مقتل وجرح", "سقوط قتلى وجرحى"],
        "killed": ["مقتل", "قتل", "أودى بحياة", "أودت بحياة", "استشهاد", "وفاة", "سقوط",
                   # the verb of being martyred ("استشهد في الهجوم نحو 1400 مدني")
                   "استشهد", "استشهدت", "قتل فيه", "قتل فيها",
                   "راح ضحيته", "راح ضحيتها", "راح ضحية", "ذهب ضحيتها", "ذهب ضحية", "قضى", "توفي", "لقي", "لقي حتفه", "حصد أرواح",
                   "حصدت أرواح", "حاصدا أرواح", "حاصدة أرواح", "حصد حياة", "حصدت حياة",
                   "حاصدا حياة", "حاصدة حياة", "أسفر عن مقتل", "أسفرت عن مقتل",
                   # "أودى الهجوم بحياة": the subject may stand between verb and noun
                   "بحياة", "القتلى", "الشهداء"],
        "injured": ["إصابة", "أصاب", "أصابت", "جرح", "إصابات", "أصيب", "جُرح",
                    # "بلغ عدد المصابين ما لا يقل عن 6672": the counted noun before the number
                    "المصابين", "المصابون", "الجرحى"],
        "exposed": ["اختناق", "تعرض", "التعرض", "أعراض"],
    },
}
OUTCOME_AFTER = {
    "en": {
        "killed": ["killed", "dead", "died", "deaths", "death", "lives", "lost their lives",
                   "were killed", "martyrs", "fatalities",
                   # "tens of bodies lying in the corridors": the dead counted as bodies
                   "bodies", "corpses", "dead bodies"],
        "injured": ["injured", "wounded", "injuries", "were injured", "were wounded"],
        "exposed": ["exposed", "treated for", "suffered symptoms", "symptoms", "suffocation",
                    # "thousands of exposures to sarin gas": the noun of being exposed
                    "exposures", "exposure cases", "cases of exposure"],
        "affected": ["affected"],
        # casualties or victims, the text saying neither killed nor injured (rule F2)
        "casualties": ["casualties", "victims", "killed or injured", "dead or injured",
                       "killed and injured", "dead and injured", "killed or wounded",
                       "dead and wounded"],
    },
    "ar": {
        "killed": ["شهيدا", "شهيداً", "قتيلا", "قتيلاً", "قتيل", "قتلى", "شهداء", "قتلوا", "قضوا",
                   "لقوا حتفهم", "توفوا", "ماتوا", "شهيد"],
        "injured": ["جريحا", "جريحاً", "جريح", "جرحى", "مصابا", "مصاباً", "مصاب", "مصابين",
                    "مصابون", "أصيبوا", "إصابة", "إصابات"],
        "exposed": ["حالة اختناق", "حالات اختناق", "اختناق"],
        # "الآلاف بين مصاب وقتيل" (between injured and killed), in either order: both together
        "casualties": ["ضحية", "ضحايا", "قتيلا وجريحا", "قتيلاً وجريحاً"] + [
            f"بين {a} و{b}" for x, y in (("قتيل", "جريح"), ("قتيل", "مصاب"), ("شهيد", "جريح"),
                                         ("شهيد", "مصاب"), ("قتيل", "مصابين"))
            for a, b in ((x, y), (y, x))],
    },
}
# a word quantity in construct with a definite outcome noun right after it ("مئات القتلى",
# "عشرات الجرحى"): only there, as a definite noun further on may be another figure's
OUTCOME_CONSTRUCT = {"en": {},
                     "ar": {"killed": ["القتلى", "الشهداء"],
                            "injured": ["الجرحى", "المصابين", "المصابون"],
                            # victims, unless the dead (CASUALTIES_DEAD: "الذين قضوا")
                            "casualties": ["الضحايا"]}}
# "casualties ... found dead": the casualties are the dead (rule F2)
CASUALTIES_DEAD = {"en": ["found dead", "were dead", "dead on arrival", "died"],
                   # "آلاف الضحايا الذين قضوا" (the victims who died)
                   "ar": ["الذين قضوا", "الذين قتلوا", "الذين لقوا حتفهم", "الذين سقطوا",
                          "الذين ماتوا", "الذين توفوا"]}

# the noun after a number -> victim group ("attacks" for counts of attacks)
GROUPS = {
    "en": {"people": ["people", "persons", "lives", "others", "victims", "individuals",
                      "residents", "martyrs", "dead", "more", "cases", "named individuals",
                      # "25 members of his family ... were killed"
                      "members of his family", "members of her family",
                      "members of their family", "members of the family", "family members",
                      "relatives"],
           "civilians": ["civilians"], "children": ["children", "kids", "minors"],
           "women": ["women"], "opposition-fighters": ["opposition fighters", "fighters"],
           "prisoners": ["prisoners"],
           "attacks": ["times", "attacks", "chemical attacks"]},
    "ar": {"people": ["شخصا", "شخصاً", "أشخاص", "شخص", "شهيدا", "شهيداً", "قتيلا", "آخرين",
                      "ضحية", "مواطنا", "جريحا", "مصابا", "حالة"],
           # the feminine plural too ("العشرات من المدنيات والمدنيين")
           "civilians": ["مدنيا", "مدنياً", "مدنيين", "المدنيين", "من المدنيين", "مدني",
                         "مدنيات", "المدنيات", "من المدنيات"],
           "children": ["طفلا", "طفلاً", "أطفال", "الأطفال", "طفل"],
           "women": ["امرأة", "نساء", "سيدة", "سيدات", "النساء"],
           "opposition-fighters": ["من مقاتلي المعارضة", "مقاتلي المعارضة", "مقاتلا",
                                   "من عناصر المعارضة المسلحة", "عناصر المعارضة المسلحة",
                                   "من عناصر المعارضة", "عناصر المعارضة",
                                   "مقاتلين", "من الثوار", "الثوار", "ثوار"],
           "prisoners": ["أسرى", "أسيرا", "من الأسرى"],
           "attacks": ["مرة", "هجوما", "هجمات", "هجوماً"]},
}

# "most of them" (a share: it narrows no figure's group, rule F6)
MAJORITY = {"en": ["most of them", "mostly", "the majority of them", "the majority"],
            "ar": ["أغلبهم", "معظمهم", "غالبيتهم", "أكثرهم", "جلهم"]}
# people named beside the victim groups in a list ("children, women, and men")
OTHER_PEOPLE = {"en": ["men", "elderly", "the elderly", "old people"],
                "ar": ["رجال", "الرجال", "شيوخ", "مسنين", "كبار السن"]}

# adjectives that may stand between a number and its group word ("1,400 innocent civilians")
GROUP_ADJECTIVES = {"en": ["innocent", "unarmed", "defenceless", "defenseless", "Syrian"],
                    "ar": []}

# a sentence about another kind of attack (shelling, air strikes) carries figures of that
# event, not of a chemical attack, unless it also names a chemical (rule F7)
OTHER_ATTACK_WORDS = {
    "en": ["shelling", "shelled", "bombardment", "airstrikes", "air strikes", "air strike",
           "airstrike", "air raids", "missile strikes", "gunfire", "barrel bombs"],
    "ar": ["قصف", "القصف", "غارات", "الغارات", "غارة", "البراميل المتفجرة", "براميل متفجرة"],
}
CHEMICAL_WORDS = {
    "en": ["chemical", "chemicals", "sarin", "chlorine", "gas", "toxic", "nerve agent",
           "mustard", "poison", "suffocation", "suffocated", "exposure", "symptoms"],
    "ar": ["الكيميائي", "الكيماوي", "كيميائي", "كيماوي", "كيميائية", "كيماوية", "الكيميائية",
           "الكيماوية", "السارين", "سارين", "الكلور", "غاز", "الغاز", "السام", "سامة",
           "الخردل", "اختناق", "السامة", "الغازات", "غازات", "الكميائية", "الكيمائية", "الكميائي", "الكيمائي", "كميائية",
           "كيمائية"],
}

# a sub-figure: "including 32 children", "among them", "بينهم"; it counts what its head
# figure counts, whatever word follows it
INCLUDING = {"en": ["including", "among them", "among whom", "of whom", "of them"],
             "ar": ["بينهم", "منهم", "من بينهم", "وبينهم", "ومنهم", "ومن بينهم", "ضمنهم",
                    "من ضمنهم",
                    # a breakdown of a total: "1420 شخصا، يتوزعون إلى 1356 مدنيا"
                    "يتوزعون إلى", "يتوزعون على", "موزعين إلى", "موزعين على", "توزعوا إلى"]}
# a number joined by these continues the figure before it only when no outcome word of its
# own follows ("83 killed and 1272 others were injured"; "100 civilians and 23 women")
JOINED = {"en": ["and", "as well as", "in addition to", "plus"],
          "ar": ["و", "فضلا عن", "فضلاً عن", "إضافة إلى", "بالإضافة إلى", "إلى جانب"]}
# "عمليات القصف هذه", "these strikes": a sentence's other-attack word that refers back to
# the attacks the sentence before told of
BACK_REFERENCE = {"en": r"\b(?:these|those|this|the same|such)\s+(?:\w+\s+)?(?:strikes?|"
                        r"bombardments?|shelling|bombings?|air\s*strikes|raids)\b"
                        # "The bombardment, in Syria's northwest, killed": a sentence that
                        # opens on the strike is about the one told of before it
                        r"|^\s*(?:The|That)\s+(?:strike|bombardment|shelling|bombing|raid)\b",
                  "ar": r"(?:القصف|الغارات|الهجمات|الضربات)\s+(?:هذه|هذا|تلك|ذاتها|نفسها)"}
# "one of the injured was dead on arrival": a part of a counted group, whose fate follows
PARTITIVE = {"en": r"\s+of\s+(?:the|those)\s+(?:injured|wounded|victims|casualties|dead)\b",
             "ar": r"\s+من\s+(?:المصابين|الجرحى|الضحايا)"}
# "30 of them children", "12 of whom were women": a sub-group written after its number
OF_THEM = {"en": r"\s+of\s+(?:them|whom)\s+(?:were\s+|are\s+)?",
           "ar": r"\s+(?:منهم|بينهم)\s+"}

# words that make a sentence about an attack (for event dates and attributions)
ATTACK_WORDS = {
    "en": ["attack", "attacks", "massacre", "massacres", "strike", "struck", "bombing",
           "chemical", "chemicals", "sarin", "chlorine", "nerve agent", "gas", "killed",
           "killing", "died",
           "lost their lives", "crime", "atrocity", "targeted", "targeting", "dropped",
           "dropping", "incident", "toxic", "gases", "poison", "poisonous", "perpetrator",
           "perpetrators", "mustard", "nerve agents", "cylinder", "cylinders",
           # the verb of a gas attack itself ("the regime gassed its own people")
           "gassed", "gassing"],
    "ar": ["هجوم", "الهجوم", "هجمات", "الهجمات", "مجزرة", "المجزرة", "مجازر", "قصف", "قصفت",
           "استهدف", "استهدفت", "الكيميائي", "الكيماوي", "السارين", "الكلور", "غاز", "قضوا",
           "الخردل", "الكيميائية", "الكيماوية",
           # the indefinite adjective ("باستخدام اسلحة كيميائية")
           "كيميائية", "كيماوية", "كيميائي", "كيماوي",
           "مقتل", "ارتكب", "ارتكبتها", "ألقت", "ألقى",
           # "217 هجوما", "استخدم غازات سامة"
           "هجوما", "هجوماً", "غازات", "الغازات", "سامة",
           # as often misspelled ("للأسلحة الكميائية")
           "الكميائية", "الكيمائية", "الكميائي", "الكيمائي", "كميائية", "كيمائية"],
}

# a photograph's caption: its date is the photograph's, not an attack's (rule E5)
CAPTION_MARKS = {"en": ["©", "Getty Images", "Photo:", "Photograph:", "Photo credit",
                        # "Image grab taken from Syrian television on October 10, 2013 shows"
                        "Image grab", "image grab", "Photo taken", "photo taken",
                        "Picture taken", "picture taken", "file photo", "File photo"],
                 "ar": ["©", "صورة أرشيفية", "(ا ف ب)", "(أ ف ب)"]}

# a sentence with these speaks of a treaty or resolution (its years are not an attack's)
TREATY_WORDS = {
    "en": ["convention", "treaty", "joined", "acceded", "accession", "ratified", "signed",
           "resolution", "adopted", "entered into force"],
    "ar": ["اتفاقية", "الاتفاقية", "معاهدة", "المعاهدة", "انضمت", "انضمام", "صادقت", "قرار"],
}
# nouns that name an attack (narrower than ATTACK_WORDS, whose "chemical" a treaty shares)
ATTACK_NOUNS = {
    "en": ["attack", "attacks", "massacre", "massacres", "bombing", "strike", "atrocity",
           # the OPCW's words for an alleged attack ("the use of a toxic chemical as a
           # weapon has taken place on 7 April 2018", "the incident of 4 February")
           "incident", "use of a toxic chemical", "use of toxic chemicals",
           "use of chemical weapons", "use of sarin", "use of chlorine"],
    "ar": ["هجوم", "الهجوم", "هجمات", "الهجمات", "مجزرة", "المجزرة", "مجازر", "حادثة",
           "الحادثة"],
}

# attacks in general, no one attack ("these abhorrent attacks in Syria", "any use of chemical
# weapons", "الهجمات الكيميائية"): a claim with no attack of its own is about them all
GENERAL_ATTACKS = {
    "en": r"(?i)\b(?:(?:chemical|chlorine|sarin|gas)\s+(?:weapons?\s+)?attacks|(?:these|such|those|"
          r"all|repeated|continued)\s+(?:[\w-]+\s+){0,2}?(?:attacks|crimes|atrocities)|use\s+of\s+"
          r"chemical\s+weapons|chemical\s+weapons?\s+use|chemical\s+weapons\s+crimes)\b",
    "ar": r"(?<!\w)[وبل]?(?:ال)?(?:هجمات|استخدام|جرائم)\s+(?:ب)?(?:ال)?(?:أسلحة\s+(?:ال)?)?"
          r"(?:كيميائية|كيماوية|كيمياوية|الكيميائية|الكيماوية|الكيمياوية)",
}

# words that put an attack close to the document's own date
RECENT_WORDS = {
    "en": ["recent", "recently", "past few days", "this week", "last week", "earlier this month",
           "this morning", "last night"],
    "ar": ["مؤخرا", "مؤخراً", "الأخيرة", "الأخير", "هذا الأسبوع", "الأسبوع الماضي"],
}

# a document's acts: a date they follow is the act's, not an attack's
DOCUMENT_ACTS = {
    "en": ["released", "published", "issued", "adopted", "voted", "vetoed", "filed",
           "submitted", "signed", "announced", "presented", "delivered", "convened", "met",
           "said", "stated", "tweeted", "wrote", "opened", "acceded", "deposited", "joined",
           "reported",
           "ratified", "entered into force", "decided"],
    "ar": ["أصدر", "أصدرت", "نشر", "نشرت", "صدر", "صدرت", "قدم", "قدمت", "أعلن", "أعلنت",
           "صوت", "صوتت", "اعتمد", "اعتمدت", "انضمت", "قال", "قالت", "عقد",
           "عقدت", "رفعت", "رفع"],
}

# words that show a date belongs to a document, not to an attack
# events that are no attack: a sentence that names no attack and tells one of these is
# dated by it ("On 23 July 2012 the regime admitted for the first time having chemical
# weapons", "Syria acceded to the Convention on 14 September 2013"; rule E5)
NON_ATTACK_EVENTS = {
    "en": ["admitted", "admits", "acknowledged", "acknowledges", "conceded", "acceded",
           "accedes", "accession", "joined the convention", "ratified", "statement", "report",
           "meeting", "convened", "declaration"],
    "ar": ["يقر", "أقر", "أقرت", "تقر", "اعترف", "اعترفت", "يعترف", "تعترف", "انضمام",
           "انضمت", "انضمامها", "بيان", "تقرير", "اجتماع", "جلسة"],
}

DOCUMENT_DATE_WORDS = {
    "en": ["report", "statement", "resolution", "tweet", "published", "dated", "meeting",
           "press release", "news report", "coverage", "letter", "session", "warrant",
           "warrants", "complaint", "decision", "vote", "accession", "adoption", "adopted",
           "issued", "filed", "signed", "announced", "website"],
    "ar": ["تقرير", "بيان", "قرار", "القرار", "الصادر", "صدور", "تغريدة", "جلسة", "رسالة",
           "مذكرة", "شكوى", "تصويت",
           "وقع", "وقعها", "أصدر", "أصدرت", "صدرت", "ألغت"],
}

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
_AR_UNITS = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
             "التاسع")
# "الرابع من نيسان", "الحادي عشر من", "في الحادي والعشرين من شهر اغسطس": days in words
AR_ORDINAL_DAYS = {**{w: n for n, w in enumerate(_AR_UNITS, start=1)}, "العاشر": 10,
                   "الحادي عشر": 11, "الثاني عشر": 12,
                   **{f"{w} عشر": n for n, w in enumerate(_AR_UNITS[2:], start=13)},
                   "العشرين": 20, "الحادي والعشرين": 21,
                   **{f"{w} والعشرين": n for n, w in enumerate(_AR_UNITS[1:], start=22)},
                   "الثلاثين": 30, "الحادي والثلاثين": 31}

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
           "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"],
    "ar": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
           "تشرين الأول", "تشرين الثاني", "كانون الأول", "يناير", "فبراير", "مارس", "أبريل",
           "إبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
}

# month names also written without hamza ("اغسطس", "ابريل")
MONTHS["ar"] += [m.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا") for m in MONTHS["ar"]
                 if re.search("[أإآ]", m)]

# weekday names -> date.weekday() (Monday 0), to read "On Saturday, 07/04/2018"
WEEKDAYS = {"en": {d: n for n, d in enumerate(("Monday", "Tuesday", "Wednesday", "Thursday",
                                               "Friday", "Saturday", "Sunday"))},
            "ar": {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3,
                   "الجمعة": 4, "السبت": 5, "الأحد": 6}}

# what happened on the text's own day ("Earlier today, ... were hit by barrel bombs")
SAME_DAY = {"en": ["earlier today", "early this morning", "this morning", "at dawn today",
                   "earlier this morning"],
            "ar": ["صباح اليوم", "فجر اليوم", "ظهر اليوم", "مساء اليوم", "في وقت سابق اليوم"]}
# "اليوم الثلاثاء 4 نيسان", "today, 4 April": the text's own day (a vigil, a statement)
# "the watchdog said on Friday", "أعلنت المنظمة يوم الجمعة": the day of a statement
SPOKEN_BEFORE = {"en": r"(?i)\b(?:said|says|announced|stated|declared|told\s+\w+|tweeted|wrote|"
                       r"reported|confirmed|released|published|added)\s+(?:on\s+|late\s+|"
                       r"early\s+)?(?:on\s+)?$",
                 "ar": r"(?<!\w)[وف]?(?:قال|قالت|أعلن|أعلنت|ذكر|ذكرت|أكد|أكدت|صرح|صرحت|أفاد|"
                       r"أفادت)\s+(?:\S+\s+){0,2}?(?:يوم|في|،)\s*$"}

TODAY_BEFORE = {"en": r"(?i)\btoday\s*,?\s*(?:(?:monday|tuesday|wednesday|thursday|friday|"
                      r"saturday|sunday)\s*,?\s*)?(?:the\s+)?$",
                "ar": r"(?<!\w)اليوم\s*،?\s*(?:(?:الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|"
                      r"الجمعة|السبت|الأحد)\s*،?\s*)?(?:الموافق\s*)?$"}

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
