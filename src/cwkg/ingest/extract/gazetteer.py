"""Names a curator meets often in this field, that ``data/entities`` may lack.

They are only ever *proposals*: a name here makes the draft propose a new entity (with
this suggested id and type, and the name as written as its alias) when ``data/entities``
has no entity of that id, or a new alias of the entity when it has one. A name here never
links a claim to an entity the curator has not accepted; once accepted, the entity is in
``data/entities`` and linked from there like any other.

Kept as data, per language, so a curator can read and extend what is proposed.
"""

from __future__ import annotations

# id -> (type, English label, {language: names as sources write them})
ENTITIES = {
    "org:isil": ("organisation", "Islamic State of Iraq and the Levant (ISIL)", {
        "en": ["ISIL", "ISIS", "Daesh", "Da'esh", "Islamic State", "Islamic State of Iraq and "
               "the Levant", "Islamic State in Iraq and the Levant", "the Islamic State group"],
        "ar": ["تنظيم الدولة", "تنظيم الدولة الإسلامية", "داعش", "تنظيم داعش"]}),
    # armed groups a text may accuse or name beside the regime
    "org:hezbollah": ("organisation", "Hezbollah", {
        "en": ["Hezbollah", "Hizbollah", "Hizbullah", "Hizballah", "Hezbollah militias"],
        "ar": ["حزب الله", "ميليشيات حزب الله", "ميليشيا حزب الله", "مليشيات حزب الله"]}),
    "org:syrian-armed-opposition": ("organisation", "the Syrian armed opposition", {
        "en": ["the armed opposition", "armed opposition groups", "armed opposition",
               "opposition armed groups", "the Syrian armed opposition"],
        "ar": ["المعارضة المسلحة", "المعارضة السورية المسلحة", "فصائل المعارضة المسلحة",
               "الفصائل المعارضة المسلحة"]}),
    "org:syrian-arab-air-force": ("organisation", "Syrian Arab Air Force", {
        "en": ["Syrian Arab Air Force", "Syrian Air Force", "Syrian air force",
               "Syrian Arab Air Forces", "Syrian Air Forces"],
        "ar": ["القوات الجوية العربية السورية", "القوات الجوية السورية", "سلاح الجو السوري",
               "القوات الجوية التابعة للنظام السوري", "سلاح الجو التابع للنظام السوري",
               "القوات الجوية التابعة للنظام", "سلاح الجو التابع للنظام"]}),
    "org:tiger-forces": ("organisation", "Tiger Forces (25th Special Mission Forces Division)", {
        "en": ["Tiger Forces", "Tiger Force"],
        "ar": ["قوات النمر"]}),
    "org:opcw": ("organisation", "Organisation for the Prohibition of Chemical Weapons", {
        "en": ["Organisation for the Prohibition of Chemical Weapons",
               "Organization for the Prohibition of Chemical Weapons", "OPCW"],
        "ar": ["منظمة حظر الأسلحة الكيميائية", "منظمة حظر الأسلحة الكيماوية"]}),
    "org:opcw-ffm": ("organisation", "OPCW Fact-Finding Mission", {
        "en": ["OPCW Fact-Finding Mission", "Fact-Finding Mission", "fact-finding mission",
               "FFM"],
        "ar": ["بعثة تقصي الحقائق"]}),
    "org:opcw-iit": ("organisation", "OPCW Investigation and Identification Team", {
        "en": ["Investigation and Identification Team", "IIT"],
        "ar": ["فريق التحقيق وتحديد الهوية"]}),
    "org:un-coi-syria": ("organisation", "UN Commission of Inquiry on Syria", {
        "en": ["Commission of Inquiry on Syria", "Commission of Inquiry",
               "Independent International Commission of Inquiry on the Syrian Arab Republic"],
        "ar": ["لجنة التحقيق الدولية المستقلة", "لجنة التحقيق"]}),
    "org:iiim": ("organisation", "International, Impartial and Independent Mechanism (IIIM)", {
        "en": ["International, Impartial and Independent Mechanism", "IIIM"],
        "ar": ["الآلية الدولية المحايدة والمستقلة"]}),
    "org:un-mission-2013": ("organisation", "UN Mission to Investigate Allegations of the Use "
                            "of Chemical Weapons in the Syrian Arab Republic", {
        "en": ["UN Mission to Investigate Allegations of the Use of Chemical Weapons in the "
               "Syrian Arab Republic", "United Nations Mission to Investigate Allegations of "
               "the Use of Chemical Weapons in the Syrian Arab Republic", "UN inspectors",
               "UN weapons inspectors"],
        "ar": ["مفتشي الأمم المتحدة", "مفتشو الأمم المتحدة"]}),
}

# generic names of the Syrian state acting (the government, its forces, its aircraft): the
# regime entity, as the annotation rules of the real evaluation set read them (rule A3).
# Proposed as new aliases of that entity, never added silently.
STATE = "org:assad-regime"
STATE_NAMES = {
    "en": ["Syrian government", "the Syrian government", "Syrian government forces",
           "government forces", "Syrian government helicopters", "government helicopters",
           "government aircraft", "Syrian army", "the Syrian army", "Syrian Arab Army",
           "Syrian regime forces", "Assad regime forces", "Assad's forces", "Assad forces",
           "Asad regime", "the Asad regime", "Asad's forces", "Asad regime forces",
           "Assad government", "the Assad government", "Assad's government", "Asad government",
           "government airstrikes", "government warplanes", "government warplane",
           "government troops",
           "Syrian forces", "regime", "the Syrian authorities", "Syrian authorities",
           "Syrian military",
           # "Assad's use of chlorine", "a helicopter belonging to Assad": the surname alone
           # stands for the regime (rule A3); "Bashar al-Assad" stays the person
           "Assad", "Asad"] + [
           # the state's forces by whose they are ("Syrian troops", "pro-government
           # militias", "regime helicopters"); the air force has an id of its own
           f"{whose} {what}" for whose in (
               "Syrian", "Syrian government", "Syrian regime", "regime", "government",
               "pro-government", "pro-regime", "Assad regime", "Assad", "Assad's")
           for what in ("troops", "soldiers", "army", "military", "militias", "militia",
                        "helicopters", "helicopter", "aircraft", "warplanes", "warplane",
                        "jets", "artillery", "ground forces", "armed forces", "security forces")],
    "ar": ["الحكومة السورية", "القوات الحكومية السورية", "القوات الحكومية", "قوات النظام",
           "قوات النظام السوري", "قوات الأسد", "مروحيات حكومية سورية", "المروحيات الحكومية",
           "نظام بشار الأسد", "نظام الأسد", "النظام", "جيش النظام", "الجيش السوري",
           "السلطات السورية", "النظام السوري", "القوات النظامية السورية", "القوات النظامية", "قوات الحكومة السورية",
           "قوات الرئيس السوري بشار الأسد", "قوات الرئيس بشار الأسد", "قوات بشار الأسد",
           # "نظام بشار استخدم غازات سامة": the first name alone; the hamza left out
           "نظام بشار", "قوات بشار", "نظام الاسد", "قوات الاسد", "الأسد"],
}
# the country or its capital standing for the state, as an attribution's agent only
# ("Syria's use of chlorine", "accused Damascus of"): read as the regime (rule A3), but
# never proposed as its alias (Syria is also a place)
STATE_METONYMS = {
    "en": ["Syria", "Damascus", "the Syrian Arab Republic", "Syrian Arab Republic",
           "the Syrian Arabic Republic", "Syrian Arabic Republic",
           "the Syrian state"],
    "ar": ["سوريا", "سورية", "دمشق", "الجمهورية العربية السورية", "الدولة السورية"],
}

# legal instruments under names or spellings data/entities may lack: id -> names
INSTRUMENTS = {
    "legal:cwc": ("Chemical Weapons Convention", {
        "en": ["Chemical Weapons Convention", "Chemicals Weapons Convention",
               "Convention on the Prohibition of the Development, Production, Stockpiling and "
               "Use of Chemical Weapons and on their Destruction",
               "Convention on the Prohibition of the Development, Production, Stockpiling and "
               "Use of Chemical Weapons", "CWC"],
        "ar": ["اتفاقية حظر الأسلحة الكيميائية", "اتفاقية حظر الأسلحة الكيماوية",
               "اتفاقية الأسلحة الكيميائية", "اتفاقية الأسلحة الكيماوية",
               "معاهدة حظر الأسلحة الكيميائية", "معاهدة حظر الأسلحة الكيماوية"]}),
    "legal:geneva-protocol-1925": ("Geneva Protocol (1925)", {
        "en": ["Geneva Protocol", "1925 Geneva Protocol",
               "Protocol for the Prohibition of the Use in War of Asphyxiating, Poisonous or "
               "other Gases, and of Bacteriological Methods of Warfare"],
        "ar": ["بروتوكول جنيف", "بروتوكول جنيف لعام 1925",
               "بروتوكول حظر الاستعمال الحربي للغازات الخانقة أو السامة"]}),
}

# the attack entity of a claim about chemical attacks in Syria in general (rule L1 of the
# real evaluation set), proposed when data/entities lacks it
GENERAL_ATTACK = ("attack:syria-chemical-attacks",
                  "chemical attacks in Syria in general (no one attack)")

# accountability mechanisms the demand rules name (lexicon.MECHANISM_PHRASES) that
# data/entities may lack: id -> English label of the proposed entity
MECHANISMS = {
    "mech:accountability": "accountability (no mechanism or forum named)",
    "mech:international-investigation": "an investigation by, or access for, an international "
                                        "body (UN inspectors, Commission of Inquiry, OPCW)",
    "mech:attribution-mechanism": "an international mechanism to identify the perpetrators "
                                  "(such as the OPCW-UN JIM)",
    "mech:national-prosecution": "criminal investigation, arrest warrants or prosecution by a "
                                 "state's prosecutors and courts",
    "mech:un-resolution": "a UN resolution condemning or punishing those responsible",
    "mech:icc-referral": "referral to the International Criminal Court",
    "mech:chapter-vii-measures": "measures under Chapter VII of the UN Charter",
    "mech:special-tribunal": "special tribunal",
}

# bodies whose conclusions are investigation findings, not attributions (rule A2 of the
# real evaluation set): their ids, and words that name such a body or its report
INVESTIGATORS = ("org:jim", "org:opcw", "org:opcw-ffm", "org:opcw-iit", "org:un-coi-syria",
                 "org:un-mission-2013")
INVESTIGATION_WORDS = {
    "en": ["UN report", "the report", "This report", "a new investigation", "the investigation",
           "Joint Investigative Mechanism", "JIM", "international investigators",
           "UN investigators", "OPCW investigators", "investigators mandated", "the Mechanism",
           "the mechanism",
           # "according to the findings of an investigation mandated by the UN Security Council"
           "the findings of an investigation", "the findings of the investigation",
           "an investigation mandated",
           # "a U.N.-backed inquiry concluded", "That team accused Syria of", "According to
           # the IIT report": an inquiry or a team, which speaks only with a finding verb
           "inquiry", "U.N.-backed inquiry", "UN-backed inquiry", "the team", "That team",
           "This team", "new team", "investigation team", "investigative team",
           "Investigation and Identification Team", "IIT report", "ITT report", "JIM report",
           "FFM report", "OPCW report",
           # the organ of a mechanism that decides its findings (the JIM's Leadership Panel)
           "leadership panel", "the Leadership Panel"],
    "ar": ["التقرير", "تقرير", "آلية التحقيق المشتركة", "آلية العمل المشتركة",
           # "وأعلن محققون تابعون للامم المتحدة ... أن"
           "محققون", "المحققون", "محققين", "المحققين", "لجنة التحقيق", "فريق التحقيق",
           # the UN Commission of Inquiry under its Arabic names ("لجنة التحقيقات بالأمم
           # المتحدة", "لجنة التحقيق الدولية المستقلة", "لجنة تحقيق أممية")
           "لجنة التحقيقات", "لجنة تحقيق", "لجنة التحقيق الدولية", "لجنة التحقيق الأممية",
           "لجنة تحقيق أممية", "لجنة تحقيق دولية"],
}
# the standard of proof an OPCW investigation states its conclusions in (its reports' and
# those who present them): a sentence in it reports a finding
# the FFM's form too: "provide reasonable grounds that the use of a toxic chemical ..."
FINDING_FORMULA = {"en": r"\breasonable\s+grounds\s+(?:to\s+believe|that|for\s+(?:concluding|believing))\b",
                   "ar": r"أسباب\s+معقولة\s+(?:للاعتقاد|تدعو\s+للاعتقاد)"}
# what makes such a body or report the speaker of a finding: a verb right after it
# ("the report confirms", "OPCW accuses"), "according to" before it, or in Arabic a verb
# right before it ("حمّل التقرير", "ذكر التقرير", "توصلت آلية العمل المشتركة")
FINDING_VERBS = {
    "en": ["confirms", "confirmed", "concluded", "concludes", "found", "finds", "identifies",
           "identified", "said", "says", "states", "stated", "determined", "accused",
           "accuses", "attributed", "attributes", "reached", "shows", "showed", "established",
           "blamed", "blames", "holds", "held",
           # "the leadership panel was confident that ISIL was responsible"
           "was confident", "is confident", "were confident", "are confident"],
    "ar": ["حمل", "حملت", "ذكر", "ذكرت", "أكد", "أكدت", "توصل", "توصلت", "خلص", "خلصت",
           "اتهم", "اتهمت", "أفاد", "أفادت", "قال", "قالت", "وفق", "بحسب", "حسب", "أظهر",
           "أظهرت", "أعلن", "أعلنت"],
}
