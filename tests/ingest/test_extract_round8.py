"""Eighth round of general extraction classes (found on the real dev6 split).

Each test is one class, on sentences written here (not the dev texts)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extractor():
    from cwkg.ingest.extract import Extractor
    from cwkg.load.entities import load_entities

    from ..conftest import DATA
    return Extractor(load_entities(DATA).values())


def _of(extractor, text, lang, kind, key):
    return [c.fields[key] for c in extractor.run(text, lang, None).candidates if c.kind == kind]


def _perpetrators(extractor, text, lang):
    return _of(extractor, text, lang, "attribution", "perpetrators") + \
        _of(extractor, text, lang, "investigation-finding", "perpetrators")


# --- class 1: the agent of a harm verb in the passive voice -------------------------------

@pytest.mark.parametrize("text", [
    "Hundreds of villagers were gassed to death by the Syrian regime in the night attack.",
    "Dozens of residents were killed by government forces with sarin rockets in the attack.",
])
def test_a_passive_harm_verb_names_its_agent_after_by(extractor, text):
    assert _perpetrators(extractor, text, "en") == [["org:assad-regime"]]


def test_a_harm_verb_without_by_names_no_agent(extractor):
    text = "Hundreds of villagers were gassed to death in the night attack near the regime's base."
    assert _perpetrators(extractor, text, "en") == []


# --- class 2: a pronoun or passive accusation refers back to the perpetrator named before -

@pytest.mark.parametrize("text, lang", [
    ("The Syrian government denies the charge. Yet it has repeatedly used chlorine in barrel "
     "bombs against opposition towns, the rights group said.", "en"),
    ("The regime was named in the report. It is accused of dropping sarin on the town in April.",
     "en"),
    ("استخدمت روسيا حق النقض لتعطيل مشروع قرار يطالب النظام السوري بالتعاون مع التحقيق في "
     "هجوم يُتهم فيه باستخدام غاز السارين.", "ar"),
])
def test_a_back_reference_takes_the_perpetrator_named_before(extractor, text, lang):
    assert _perpetrators(extractor, text, lang) == [["org:assad-regime"]]


def test_a_pronoun_beside_an_agent_of_its_own_sentence_is_not_read(extractor):
    # "it" is the helicopter here, whose force the sentence before named already
    text = ("A helicopter of the Syrian Arab Air Force left the base. Operating under the "
            "control of the Tiger Forces, it dropped a chlorine cylinder on the town.")
    assert ["org:syrian-arab-air-force"] not in _perpetrators(extractor, text, "en")


def test_a_veto_used_is_no_attack(extractor):
    text = "Russia vetoed the draft on the sarin attack. It said it used its veto to protect the inquiry."
    assert _perpetrators(extractor, text, "en") == []


# --- class 3: what may stand between an agent and its verb --------------------------------

@pytest.mark.parametrize("text, lang", [
    # adverbs joined by "and", and the agent's possessive before its means
    ("Since the massacre, the regime's troops have repeatedly and systematically used "
     "chlorine against civilians.", "en"),
    # an Arabic relative clause after the agent, and "fired" (أطلقت)
    ("وقالت مصادر إن قوات النظام التي كانت متمركزة في المطار العسكري أطلقت صواريخ محملة بغاز "
     "السارين على البلدة.", "ar"),
    # a time phrase before عن ("has not stopped, after the massacre, using")
    ("ولم تتوقف قوات الأسد بعد مجزرة خان شيخون عن استخدام غاز الكلور في هجماتها.", "ar"),
    # the synonyms استعمل (used) and اقترف (perpetrated)
    ("وأكد شهود أن النظام استعمل غاز الكلور في الهجوم على القرية.", "ar"),
    ("وأحيا الأهالي ذكرى الهجوم بغاز السارين الذي اقترفه النظام السوري بحق المدنيين.", "ar"),
])
def test_words_between_an_agent_and_its_verb(extractor, text, lang):
    assert _perpetrators(extractor, text, lang) == [["org:assad-regime"]]


# --- class 4: an Arabic attack noun takes its agent after it, as its subject --------------

@pytest.mark.parametrize("text", [
    "ويدين مشروع قرار الأمم المتحدة هجوم اللطامنة بالغاز السام.",   # who condemns
    "وهو الهجوم الذي ينفي النظام السوري أي علاقة له به.",          # who denies
    "استخدمت روسيا الفيتو في مجلس الأمن الدولي بعد الهجوم الكيميائي على البلدة.",
])
def test_an_arabic_attack_noun_does_not_take_a_condemner_or_denier(extractor, text):
    assert _perpetrators(extractor, text, "ar") == []


def test_an_arabic_attack_noun_still_takes_its_own_agent(extractor):
    text = "وأدانت الحكومة هجوم النظام السوري بغاز الكلور على البلدة."
    assert ["org:assad-regime"] in _perpetrators(extractor, text, "ar")


# --- class 5: a person's army is the regime; a body after "according to" speaks ----------

def test_a_persons_army_is_the_regime(extractor):
    text = "Investigators identified Bashar al-Assad's army as being responsible for the sarin attacks."
    assert _perpetrators(extractor, text, "en") == [["org:assad-regime"]]


def test_according_to_a_body_makes_a_finding(extractor):
    text = ("Three helicopters of the Syrian Arab Air Force dropped chlorine cylinders on the "
            "town in 2016, according to the OPCW.")
    assert _of(extractor, text, "en", "investigation-finding", "perpetrators") == [
        ["org:syrian-arab-air-force"]]
    assert _of(extractor, text, "en", "attribution", "perpetrators") == []


# --- class 6: justice as what a demand asks for; punishing those involved -----------------

@pytest.mark.parametrize("text", [
    "The survivors' association Demands Justice for the sarin attack.",
    "The envoy appealed to the world to secure justice for the victims of the chlorine attack.",
    "Rights groups continue to call for justice and redress for this chemical massacre.",
    "Demands are mounting to punish those involved in the chemical attacks.",
])
def test_justice_asked_for_is_accountability(extractor, text):
    assert _of(extractor, text, "en", "demand", "mechanisms") == [["mech:accountability"]]


@pytest.mark.parametrize("text", [
    # a statement's description of itself, and a veto said to refuse it, are no calls
    "This solemn commemoration of the chemical attack is a call for justice in the face of impunity.",
    '"With this veto, Moscow said no to accountability," the ambassador said after the '
    "chemical attack vote.",
])
def test_no_call_for_justice(extractor, text):
    assert _of(extractor, text, "en", "demand", "mechanisms") == []


# --- class 7: cooperation with an investigation and access are its work -------------------

@pytest.mark.parametrize("text, lang", [
    ("The veto blocked a draft that called on the government to cooperate with an "
     "investigation into the chlorine attack.", "en"),
    ("وكان مشروع القرار يطالب الحكومة السورية بالتعاون الكامل مع التحقيق في الهجوم الكيميائي.",
     "ar"),
    ("وتقدمت ثلاث دول بمشروع قرار يعبر عن دعم المجلس لإجراء تحقيق في الهجوم الكيميائي.", "ar"),
    ("ويطلب المشروع من جميع الأطراف توفير إمكانية الوصول إلى المواقع التي تحددها البعثة بعد "
     "الهجوم الكيميائي.", "ar"),
])
def test_cooperation_and_access_are_an_international_investigation(extractor, text, lang):
    assert _of(extractor, text, lang, "demand", "mechanisms") == [
        ["mech:international-investigation"]]


def test_the_joint_mechanism_named_in_a_demand(extractor):
    text = "ويطلب المشروع أن تسمح الحكومة بعمل آلية التحقيق المشتركة في موقع الهجوم الكيميائي."
    assert _of(extractor, text, "ar", "demand", "mechanisms") == [["mech:attribution-mechanism"]]


def test_an_arabic_commitment_is_a_demand(extractor):
    text = "وفي ذكرى المجزرة الكيماوية نتعهد بمواصلة العمل لتحقيق العدالة والمساءلة للضحايا."
    assert _of(extractor, text, "ar", "demand", "mechanisms") == [["mech:accountability"]]
    # a condemnation is no call for a mechanism
    text = "وأدانت الحكومة الهجوم الكيميائي على البلدة ويجب حماية المدنيين."
    assert _of(extractor, text, "ar", "demand", "mechanisms") == []


# --- class 8: the same group in two forms is one group ------------------------------------

def test_women_and_men_civilians_are_civilians():
    from cwkg.ingest.extract.figures import find_figures
    text = "أودى الهجوم بغاز السارين على القرية بحياة العشرات من المدنيات والمدنيين."
    assert [f["group"] for c in find_figures(text, "ar") for f in c.fields["figures"]] == [
        "civilians"]
    # two groups are still people
    text = "أودى الهجوم بغاز السارين على القرية بحياة العشرات من المدنيات والأطفال."
    assert [f["group"] for c in find_figures(text, "ar") for f in c.fields["figures"]] == [
        "people"]


# --- class 9: citations: "للقرار N", a resolution's own symbol, a name said twice --------

def _instruments(extractor, text, lang):
    return _of(extractor, text, lang, "instrument-citation", "instruments")


def test_the_resolution_after_lam(extractor):
    assert _instruments(extractor, "وطالب المجلس بالوصول إلى الموقع وفقا للقرار 2118.", "ar") \
        == [["legal:unscr-2118"]]


def test_a_resolution_text_does_not_cite_itself(extractor):
    text = ("United Nations S/RES/2235 (2015)\nResolution 2235 (2015)\nAdopted by the Security "
            "Council at its 7000th meeting\nThe Security Council,\nRecalling its resolution 2118 "
            "(2013),")
    assert _instruments(extractor, text, "en") == [["legal:unscr-2118"]]
    # a sentence that begins with a symbol cites it
    text = "S/RES/2235 (2015) set up the mechanism after the chlorine attacks."
    assert _instruments(extractor, text, "en") == [["legal:unscr-2235"]]


def test_an_instrument_named_again_in_a_sentence_is_cited_again(extractor):
    text = ("Syria joined the Chemical Weapons Convention (CWC) in 2013, and the OPCW, which "
            "oversees the CWC, began its work.")
    assert _instruments(extractor, text, "en") == [["legal:cwc"], ["legal:cwc"]]


# --- class 10: a sub-group written before its head ----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("وسجلت ثلاث حالات حرجة من بين 40 إصابة بغاز الكلور في البلدة.",
     [("injured", "people", "exactly", 3), ("injured", "people", "exactly", 40)]),
    ("وقال الطبيب إن سبعة أطفال من بين 30 قتيلا سقطوا في الهجوم الكيميائي.",
     [("killed", "children", "exactly", 7), ("killed", "people", "exactly", 30)]),
])
def test_a_subgroup_before_its_head_counts_what_the_head_counts(text, expected):
    from cwkg.ingest.extract.figures import find_figures
    assert [(f["counts"], f["group"], f["qualifier"], f.get("value"))
            for c in find_figures(text, "ar") for f in c.fields["figures"]] == expected


# --- class 11: Arabic demands amid calls and awaited; sanctions on an agent ---------------

@pytest.mark.parametrize("text", [
    "وأحيا الأهالي ذكرى الهجوم الكيميائي وسط مطالبات بمحاسبة المسؤولين عنه.",
    "ما زال ضحايا الهجوم الكيميائي ينتظرون محاسبة النظام السوري.",
])
def test_arabic_calls_and_awaited_accountability(extractor, text):
    assert _of(extractor, text, "ar", "demand", "mechanisms") == [["mech:accountability"]]


def test_sanctions_on_an_agent_accuse_it(extractor):
    text = "SNHR called on the Security Council to impose sanctions on the regime over the chemical attacks."
    assert _of(extractor, text, "en", "attribution", "perpetrators") == [["org:assad-regime"]]


def test_the_agents_aircraft_between_it_and_its_verb(extractor):
    text = "وقال ناشطون إن طائرات النظام المروحية ألقت براميل محملة بغاز الكلور على البلدة."
    assert _perpetrators(extractor, text, "ar") == [["org:assad-regime"]]


# --- class 12: an agent's atrocities; "held to account by" names no agent -----------------

def test_an_agents_atrocities_in_a_sentence_about_an_attack(extractor):
    text = "The chlorine barrels of last spring are only the latest of the regime's atrocities, the envoy said."
    assert _perpetrators(extractor, text, "en") == [["org:assad-regime"]]
    # crimes in general, with no attack named, are not read
    assert _perpetrators(extractor, "The minister denounced the regime's crimes against its people.",
                         "en") == []


def test_held_to_account_by_names_who_would_judge(extractor):
    text = ("The Assad regime must know that it will be held to account by the international "
            "community for the chemical attacks.")
    assert _perpetrators(extractor, text, "en") == [["org:assad-regime"]]


def test_a_discourse_particle_between_agent_and_verb(extractor):
    text = "يستمر نظام بشار الأسد إذاً باستخدام غاز الكلور في الهجمات على المدنيين."
    assert _perpetrators(extractor, text, "ar") == [["org:assad-regime"]]
