"""Ninth round of general extraction classes (found on the real dev7 split).

Each test is one class of construction, on sentences written here (not the dev texts),
with a near miss of the same class that must not be read."""

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


def _mechanisms(extractor, text, lang):
    return _of(extractor, text, lang, "demand", "mechanisms")


# --- demands: accountability stated as not (yet) done is a call for it --------------------

@pytest.mark.parametrize("text", [
    "Five years on, those who ordered the sarin attack have not been held accountable.",
    "The survivor said the killer hasn't been held to account for the chemical massacre.",
    "The group condemns the failure and silence of the world to take steps to hold the "
    "perpetrators accountable.",
])
def test_accountability_not_yet_done_is_a_demand(extractor, text):
    assert _mechanisms(extractor, text, "en") == [["mech:accountability"]]


def test_accountability_done_is_no_demand(extractor):
    text = "The commander was held accountable by a court in 2022 for the chlorine attack."
    assert _mechanisms(extractor, text, "en") == []


# --- demands: the other forms of the call verbs, and a tribunal qualified by its crimes ----

@pytest.mark.parametrize("text", [
    "Lawyers are asking governments to set up an exceptional chemical weapons tribunal.",
    "Survivors are proposing a special tribunal for Syria to try the gas attacks.",
])
def test_a_tribunal_asked_for(extractor, text):
    assert _mechanisms(extractor, text, "en") == [["mech:special-tribunal"]]


def test_the_icc_is_no_special_tribunal(extractor):
    text = "Lawyers are asking the Council to refer Syria to the International Criminal Court."
    assert _mechanisms(extractor, text, "en") == [["mech:icc-referral"]]


def test_a_tribunal_described_is_no_demand(extractor):
    text = "The exceptional tribunal in Sierra Leone tried eleven people over ten years."
    assert _mechanisms(extractor, text, "en") == []


# --- Arabic demands: necessity nouns, a referral "على" the court, a long referred phrase ----

@pytest.mark.parametrize("text, mechanisms", [
    ("شدد البيان على وجوب محاسبة المسؤولين عن الهجوم الكيميائي.", ["mech:accountability"]),
    ("وجدد مطالبته بإحالة الملف السوري على المحكمة الجنائية الدولية.", ["mech:icc-referral"]),
    ("وطالبت الدولتان بإحالة الهجوم الكيميائي الذي أوقع مئات القتلى في ريف العاصمة في الصيف "
     "الماضي إلى المحكمة الجنائية الدولية.", ["mech:icc-referral"]),
])
def test_arabic_necessity_and_referral(extractor, text, mechanisms):
    assert _mechanisms(extractor, text, "ar") == [mechanisms]


def test_an_arabic_referral_to_another_court_is_no_icc_referral(extractor):
    text = "وطالبت الدولتان بإحالة الملف إلى محكمة العدل الدولية."
    assert ["mech:icc-referral"] not in _mechanisms(extractor, text, "ar")


# --- Arabic sentences whose full stop has no space after it ---------------------------------

def test_a_full_stop_without_a_space_ends_an_arabic_sentence():
    from cwkg.ingest.extract.nlp import sentences
    text = "رفضت موسكو هذا الطلب.وفي ضوء الخلاف اكتفى المجلس بالإعراب عن قلقه."
    assert [text[s:e] for s, e in sentences(text, "ar")] == [
        "رفضت موسكو هذا الطلب.", "وفي ضوء الخلاف اكتفى المجلس بالإعراب عن قلقه."]


def test_a_decimal_point_does_not_end_an_arabic_sentence():
    from cwkg.ingest.extract.nlp import sentences
    text = "بلغت النسبة 2.5 في المئة من الضحايا."
    assert len(sentences(text, "ar")) == 1


def test_each_arabic_sentence_is_its_own_demand(extractor):
    text = ("وطالبت فرنسا بإحالة الهجوم على المحكمة الجنائية الدولية.لكن موسكو رفضت هذا "
            "الطلب.واكتفى المجلس بالإعراب عن اقتناعه بوجوب محاسبة المسؤولين عن الهجوم الكيميائي.")
    assert _mechanisms(extractor, text, "ar") == [["mech:icc-referral"], ["mech:accountability"]]
