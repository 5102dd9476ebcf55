"""Seventh round of general extraction classes (found on the real dev5 split).

Each test is one class, on sentences written here (not the dev texts)."""

from __future__ import annotations

import datetime as dt

import pytest

from cwkg.ingest.extract.figures import find_figures


def _figures(text: str, lang: str) -> list[tuple]:
    return [(f["counts"], f.get("group"), f["qualifier"], f.get("value"))
            for c in find_figures(text, lang) for f in c.fields["figures"]]


# --- class 1: a number in its own brackets, as reports that bracket every count write -----

def test_a_bracketed_number_is_read_as_the_number():
    text = ("أسفر الهجوم بالغاز السام عن مقتل ما لا يقل عن (310) شخصاً – (290) مدنياً، "
            "بينهم (41) طفلاً و (52) امرأة (إناث بالغات)، و (20) من مقاتلي المعارضة.")
    assert _figures(text, "ar") == [
        ("killed", "people", "at-least", 310), ("killed", "civilians", "exactly", 290),
        ("killed", "children", "exactly", 41), ("killed", "women", "exactly", 52),
        ("killed", "opposition-fighters", "exactly", 20)]
    assert _figures("The sarin strike killed (64) people.", "en") == [
        ("killed", "people", "exactly", 64)]


def test_a_bracketed_gloss_does_not_part_a_breakdown():
    # without brackets around the numbers: the gloss "(adult women)" alone
    text = "قتل الكلور 30 مدنيا بينهم 9 نساء (إناث بالغات)، و 4 من مقاتلي المعارضة."
    assert _figures(text, "ar")[-1] == ("killed", "opposition-fighters", "exactly", 4)


# --- class 2: an alef written without its hamza -------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("أدى القصف بغاز الكلور الى 14 اصابة", ("injured", "people", "exactly", 14)),
    ("تسبب غاز السارين في اصابة اكثر من ستين شخصا", ("injured", "people", "more-than", 60)),
    ("أسفر الهجوم الكيميائي عن مقتل 12 طفلا و اصابة العشرات",
     ("injured", "people", "dozens", None)),
    # a final ya for the alef maqsura, a ha for the ta marbuta
    ("أدى القصف بغاز الكلور الي اصابه 14 شخصا", ("injured", "people", "exactly", 14)),
])
def test_a_bare_alef_is_the_hamzated_one(text, expected):
    assert expected in _figures(text, "ar")


# --- class 3: "most of them children" is a share, not the group ---------------------------

def test_most_of_them_does_not_narrow_the_group():
    text = "أدى غاز الكلور إلى إصابة 45 شخصا معظمهم من الأطفال بحالات اختناق."
    assert _figures(text, "ar") == [("injured", "people", "exactly", 45)]
    # a group drawn from with no share word still narrows it ("قتيل من المدنيين")
    assert _figures("خلف الهجوم الكيميائي 18 قتيل من المدنيين", "ar") == [
        ("killed", "civilians", "exactly", 18)]


# --- class 4: several groups listed after the number are people ---------------------------

@pytest.mark.parametrize("text, lang", [
    ("Dozens of women, children, and men died after the sarin rockets hit.", "en"),
    ("The chlorine barrels killed 23 children and men in the shelter.", "en"),
    ("قتل غاز السارين 23 طفلا ورجال في الملجأ", "ar"),
])
def test_listed_groups_are_people(text, lang):
    assert [f[1] for f in _figures(text, lang)] == ["people"]


def test_one_group_keeps_its_name():
    assert _figures("The chlorine barrels killed 23 children in the shelter.", "en") == [
        ("killed", "children", "exactly", 23)]


# --- class 5: compound magnitudes and the war's own toll are not figures -----------------

@pytest.mark.parametrize("text, lang", [
    ("Chemical attacks recur in a war with hundreds of thousands dead.", "en"),
    ("Amid tens of thousands killed, the gas attack went unpunished.", "en"),
    ("قتل مئات الآلاف في الحرب قبل الهجوم الكيميائي", "ar"),
    ("Officials said the country's war has now killed more than 250,000 people, sarin too.",
     "en"),
])
def test_magnitudes_and_war_tolls_give_no_figure(text, lang):
    assert _figures(text, lang) == []


def test_a_plain_word_quantity_stays():
    assert _figures("The sarin attack killed hundreds of civilians.", "en") == [
        ("killed", "civilians", "hundreds", None)]


# --- class 6: "the number of X exceeded N" ------------------------------------------------

def test_a_qualifier_verb_before_the_number_of():
    text = "واستمر القصف بغاز الكلور ليفوق عدد المصابين 150 شخصا"
    assert _figures(text, "ar") == [("injured", "people", "more-than", 150)]


# --- the extractor on whole sentences ------------------------------------------------------

@pytest.fixture(scope="module")
def extractor():
    from cwkg.ingest.extract import Extractor
    from cwkg.load.entities import load_entities

    from ..conftest import DATA
    return Extractor(load_entities(DATA).values())


def _of(extractor, text, lang, kind, key):
    return [c.fields[key] for c in extractor.run(text, lang, None).candidates if c.kind == kind]


# --- class 7: Arabic verbal nouns whose agent follows them --------------------------------

@pytest.mark.parametrize("text", [
    "وتواصل القصف مع الاستخدام المتكرر لقوات النظام غاز الكلور في ريف حماة.",
    "أصيب العشرات جراء استهداف الطيران المروحي للنظام السوري قرية اللطامنة بغاز الكلور.",
    "وأكدت اللجنة تورط قوات النظام في الهجوم بغاز السارين على البلدة.",
])
def test_arabic_verbal_nouns_take_the_agent_after(extractor, text):
    found = _of(extractor, text, "ar", "attribution", "perpetrators") + \
        _of(extractor, text, "ar", "investigation-finding", "perpetrators")
    assert ["org:assad-regime"] in found


def test_arabic_attributed_to(extractor):
    text = "تحقق النيابة في هجمات بغاز السارين نسبت إلى النظام السوري."
    assert _of(extractor, text, "ar", "attribution", "perpetrators") == [["org:assad-regime"]]


def test_arabic_never_stopped_using(extractor):
    text = "لم يتوقف النظام السوري أبدا عن استخدام غاز الكلور في الهجمات على ريف إدلب."
    assert _of(extractor, text, "ar", "attribution", "perpetrators") == [["org:assad-regime"]]


# --- class 8: English blame and ellipsis ---------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Several governments blamed the Syrian regime for the incident in which sarin was used.",
     ["org:assad-regime"]),
    ("After the gas attack, the finger of blame was pointed at the Syrian regime.",
     ["org:assad-regime"]),
    ("After the chlorine attack, critics pointed the finger at the Syrian regime.",
     ["org:assad-regime"]),
    ("The sarin attack was carried out by troops loyal to President Bashar al-Assad.",
     ["org:assad-regime"]),
])
def test_blame_pointed_at_an_agent(extractor, text, expected):
    assert _of(extractor, text, "en", "attribution", "perpetrators") == [expected]


def test_as_has_another_agent(extractor):
    text = "The Syrian regime has used chemical weapons many times, as has ISIS."
    found = _of(extractor, text, "en", "attribution", "perpetrators")
    assert sorted(p for ps in found for p in ps) == ["org:assad-regime", "org:isil"]


def test_militants_between_agent_and_verb(extractor):
    text = "Witnesses said ISIS militants had fired mustard gas shells at the town."
    assert _of(extractor, text, "en", "attribution", "perpetrators") == [["org:isil"]]


# --- class 9: a body named only after the attribution is not its speaker ------------------

def test_a_body_named_later_does_not_make_a_finding(extractor):
    text = ("ويأتي استخدام النظام السوري غاز الكلور مع اقتراب انتهاء مهمة منظمة حظر الأسلحة "
            "الكيميائية في البلاد.")
    assert _of(extractor, text, "ar", "attribution", "perpetrators") == [["org:assad-regime"]]
    assert _of(extractor, text, "ar", "investigation-finding", "perpetrators") == []


def test_a_body_that_speaks_after_still_finds(extractor):
    text = "The Syrian regime used chlorine in the attack, the OPCW said on Monday."
    assert _of(extractor, text, "en", "investigation-finding", "perpetrators") == [
        ["org:assad-regime"]]
    text = ('"The Syrian regime used chlorine in the attack," said the head of the Joint '
            'Investigative Mechanism.')
    assert _of(extractor, text, "en", "investigation-finding", "perpetrators") == [
        ["org:assad-regime"]]


# --- class 10: an Arabic resolution "that bore the number" --------------------------------

@pytest.mark.parametrize("text", ["وحذر القرار الذي يحمل الرقم 2235 من استخدام الكلور.",
                                  "وأشار إلى قرار رقم 2235 الصادر عن المجلس."])
def test_arabic_resolution_by_its_number(extractor, text):
    assert _of(extractor, text, "ar", "instrument-citation", "instruments") == [
        ["legal:unscr-2235"]]


# --- class 11: a closing quote before the full stop ends an Arabic sentence --------------

def test_arabic_quoted_full_stop_ends_the_sentence():
    from cwkg.ingest.extract.nlp import sentences
    text = 'وقال المتحدث: "لن ننسى الضحايا". وطالبت المنظمة بمحاسبة المسؤولين.'
    assert [text[s:e] for s, e in sentences(text, "ar")] == [
        'وقال المتحدث: "لن ننسى الضحايا".', "وطالبت المنظمة بمحاسبة المسؤولين."]


# --- class 12: demands: complaints received or filed, sanctions, cooperation, conditions ---

@pytest.mark.parametrize("text, lang, expected", [
    ("Prosecutors in Paris have received a complaint about the sarin attacks, lodged by two "
     "groups.", "en", ["mech:national-prosecution"]),
    ("The groups recalled a complaint filed in Sweden last spring over the chemical attacks.",
     "en", ["mech:national-prosecution"]),
    ("وكانت الهجمات الكيميائية موضع شكوى أودعت أمام القضاء في برلين.", "ar",
     ["mech:national-prosecution"]),
    ("وقد رفعت ثلاث منظمات شكوى بشأن الهجمات الكيميائية.", "ar",
     ["mech:national-prosecution"]),
    ("China vetoed Security Council action to impose sanctions over the chlorine attacks.",
     "en", ["mech:un-resolution"]),
    ("The group urged the Council to demand that Syria cooperate fully with the OPCW "
     "investigators.", "en", ["mech:international-investigation"]),
    ("Peace will come only when those who gassed Ghouta are held to account.", "en",
     ["mech:accountability"]),
    ("وقالت المنظمة إنه لم تتم حتى اليوم محاسبة أي من مرتكبي الهجوم الكيميائي.", "ar",
     ["mech:accountability"]),
])
def test_demand_classes(extractor, text, lang, expected):
    assert _of(extractor, text, lang, "demand", "mechanisms") == [expected]


@pytest.mark.parametrize("text", [
    # a state's own sanctions are no UN resolution
    "The European Union urged members to impose sanctions on the chemical programme.",
    # what a mechanism could do, said of it as its subject (rule D1)
    "Criminal investigations in two countries could complicate the future of the leaders, "
    "whose isolation blocked the aid needed.",
])
def test_not_demands(extractor, text):
    assert _of(extractor, text, "en", "demand", "mechanisms") == []


def test_the_failure_to_hold_anyone_accountable_still_could(extractor):
    text = ("Campaigners say the failure to hold anyone accountable for gas attacks could "
            "encourage more.")
    assert _of(extractor, text, "en", "demand", "mechanisms") == [["mech:accountability"]]


# --- class 13: dates: the FFM's formula, a statement's day, image grabs, dual month names --

def _dates(extractor, text, lang, published=None):
    return [c.fields["event_date"] for c in extractor.run(text, lang, published).candidates
            if c.kind == "event"]


def test_the_ffm_formula_dates_the_use(extractor):
    text = ("The report said there were reasonable grounds that the use of a toxic chemical as "
            "a weapon took place on 4 February 2018.")
    assert _dates(extractor, text, "en") == ["2018-02-04"]


def test_an_incident_is_an_attack_beside_a_report(extractor):
    text = ("The inspectors' report describes how the toxic incident in the town of Kafr Zita "
            "took place on 30 March 2017.")
    assert _dates(extractor, text, "en") == ["2017-03-30"]


@pytest.mark.parametrize("text, lang, published", [
    ("THE HAGUE, 3 March 2019 - Chlorine was used against the town last year, the watchdog "
     "said on Friday in a final report on the deadly attack.", "en",
     dt.date(2019, 3, 3)),
    ("Image grab taken from state television on May 2, 2014 shows the chlorine site.", "en",
     None),
    ("وثقت الشبكة 90 هجوما كيميائيا بين مارس / آذار 2011 و 30 يونيو / حزيران 2016.", "ar",
     None),
])
def test_not_an_attacks_day(extractor, text, lang, published):
    assert _dates(extractor, text, lang, published) == []


# --- class 14: headline verbs, a group before a dashed aside, Arabic singular nouns --------

@pytest.mark.parametrize("text, expected", [
    ("Gas Attack Kills Dozens In Northern Town", ("killed", "people", "dozens", None)),
    ("Sarin sickened hundreds in the town.", ("exposed", "people", "hundreds", None)),
    ("Rescuers found women -- at least 12 died -- in the shelter hit by chlorine.",
     ("killed", "women", "at-least", 12)),
])
def test_english_figure_forms(text, expected):
    assert _figures(text, "en") == [expected]


@pytest.mark.parametrize("text, expected", [
    ("توفي طفل جراء استنشاق غاز الكلور.", [("killed", "children", "exactly", 1)]),
    ("أدى القصف بغاز السارين إلى مقتل امرأة واحدة وإصابة 9 آخرين.",
     [("killed", "women", "exactly", 1), ("injured", "people", "exactly", 9)]),
])
def test_arabic_singular_person_nouns_count_one(text, expected):
    assert _figures(text, "ar") == expected


def test_a_plural_noun_is_not_one():
    assert _figures("قتل أطفال في الهجوم بغاز الكلور", "ar") == []


def test_arabic_dual_nouns_count_two_and_joined_nouns_follow():
    text = "أصاب غاز الكلور 30 مدنيا بينهم متطوعان وطفل."
    assert _figures(text, "ar") == [("injured", "civilians", "exactly", 30),
                                    ("injured", "people", "exactly", 2),
                                    ("injured", "children", "exactly", 1)]
    assert _figures("قتل الهجوم بغاز السارين امرأتين", "ar") == []   # no outcome word before
    assert _figures("أدى غاز السارين إلى مقتل امرأتين", "ar") == [
        ("killed", "women", "exactly", 2)]


def test_the_complaint_refers_back_to_the_attacks(extractor):
    text = ("Three groups filed a complaint over the sarin attacks of 2013.\n"
            "The complaint, lawyers said, calls for a criminal investigation into Bashar "
            "al-Assad.")
    assert ["person:bashar-al-assad"] in _of(extractor, text, "en", "attribution",
                                             "perpetrators")
    # with no attack named before, a complaint is about anything
    text = "The complaint calls for a criminal investigation into Bashar al-Assad."
    assert _of(extractor, text, "en", "attribution", "perpetrators") == []


def test_diacritics_may_follow_a_letter_written_for_another():
    # tanween after the ya of "مدنيًا" (ya is also the alef maqsura's stand-in): the group
    # word is read whole, so the qualifier after it is found
    assert _figures("وقتل 78 مدنيًا على الأقل في الهجوم الكيميائي", "ar") == [
        ("killed", "civilians", "at-least", 78)]
    assert _figures("وأصيب 12 طفلًا على الأقل بغاز الكلور", "ar") == [
        ("injured", "children", "at-least", 12)]
