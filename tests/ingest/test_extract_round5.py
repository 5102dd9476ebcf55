"""Fifth round of issue 16's extractor classes, found on the real dev4 split and checked on
short texts written here (invented wording, not quotes of any document): enumerated days
("March 24, 25 and 30, 2017"), Arabic days written as ordinal words ("الحادي والعشرين من"),
a photograph's caption date, the date of an investigation's finding, definite and indefinite
Arabic chemical words, the OPCW's "reasonable grounds to believe", inquiries and teams as
investigative bodies, a finding's pronoun that goes on in the next sentence, Arabic
investigators who announce, "stands behind" (تقف وراء), a person's government as the
regime, Arabic participles of demanding, drafts for an investigation mechanism, wanting
someone held to account, "the failure to hold anyone accountable", an investigation by the
ICC, family members as people, "قتيل من المدنيين", a strike that refers back to a chemical
attack, and the toll of the whole war."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cwkg.ingest.extract import Extractor
from cwkg.ingest.extract import lexicon as lx
from cwkg.ingest.extract.daymonth import MONTH_NUMBERS, days
from cwkg.ingest.extract.figures import find_figures

from ..conftest import DATA


@pytest.fixture(scope="module")
def extractor():
    from cwkg.load.entities import load_entities
    return Extractor(load_entities(DATA).values())


def figures(text, lang):
    return [(f["counts"], f.get("group"), f["qualifier"], f.get("value"))
            for c in find_figures(text, lang) for f in c.fields["figures"]]


def of_kind(out, kind, key):
    return [c.fields[key] for c in out.candidates if c.kind == kind]


def run(extractor, text, lang, published=dt.date(2022, 1, 10)):
    return extractor.run(text, lang, published)


# -- dates -----------------------------------------------------------------------------------

EN_MONTHS = sorted(m for m in MONTH_NUMBERS["en"] if len(m) > 3)


@given(st.sampled_from(EN_MONTHS), st.lists(st.integers(1, 28), min_size=2, max_size=5,
                                            unique=True), st.integers(1990, 2030))
def test_an_enumeration_of_days_gives_one_date_per_day(month, numbers, year):
    numbers = sorted(numbers)
    written = ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
    text = f"the attacks of {month.title()} {written}, {year} in the town"
    found = [d for _, _, d, _ in days(text, "en", None)]
    assert found == [dt.date(year, MONTH_NUMBERS["en"][month], n) for n in numbers]


AR_MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
             "تشرين الأول", "تشرين الثاني", "كانون الأول"]


@given(st.sampled_from(sorted(lx.AR_ORDINAL_DAYS.items())), st.integers(0, 11),
       st.integers(1990, 2030), st.sampled_from(["", "شهر "]))
def test_an_arabic_day_written_as_an_ordinal_word(ordinal, month, year, shahr):
    word, day = ordinal
    text = f"وقع الهجوم في {word} من {shahr}{AR_MONTHS[month]} {year} على البلدة"
    found = [d for _, _, d, _ in days(text, "ar", None)]
    expected = dt.date(year, month + 1, day) if day <= 28 else None
    if expected:
        assert found == [expected]
    else:   # 29 to 31 do not exist in every month: a valid day is read, an invalid one not
        try:
            assert found == [dt.date(year, month + 1, day)]
        except ValueError:
            assert found == []


def test_the_ordinal_days_are_the_days_of_a_month():
    assert sorted(lx.AR_ORDINAL_DAYS.values()) == list(range(1, 32))


def test_a_photographs_caption_dates_no_attack(extractor):
    text = ("A warning sign stands in Khan Sheikhoun on April 5, 2017. © 2017 Getty Images\n\n"
            "The sarin attack on Khan Sheikhoun on April 4, 2017 killed dozens.")
    assert of_kind(run(extractor, text, "en"), "event", "event_date") == ["2017-04-04"]


def test_a_finding_dates_the_incident_it_found(extractor):
    text = ("The Director-General reported that there are reasonable grounds to believe that, "
            "on 7 April 2018, at least one helicopter departed from Dumayr air base.")
    assert of_kind(run(extractor, text, "en"), "event", "event_date") == ["2018-04-07"]


def test_definite_toxic_gases_make_an_air_strike_a_chemical_attack(extractor):
    text = "وفي الرابع من نيسان 2017، قصفت طائرات حربية المدينة بـ 15 غارة جوية باستخدام الغازات السامة."
    assert of_kind(run(extractor, text, "ar"), "event", "event_date") == ["2017-04-04"]


# -- attributions and findings ----------------------------------------------------------------

def test_an_indefinite_chemical_adjective_is_an_attack_word(extractor):
    text = "منذ بدء النزاع اتهمت قوات النظام عدة مرات باستخدام اسلحة كيميائية."
    assert of_kind(run(extractor, text, "ar"), "attribution", "perpetrators") == \
        [["org:assad-regime"]]


@pytest.mark.parametrize("text, lang, perpetrators", [
    ("There are reasonable grounds to believe that the Syrian Government is responsible for "
     "the chlorine attack on Douma.", "en", ["org:assad-regime"]),
    ("A man lost his family in an attack a U.N.-backed inquiry concluded was launched by the "
     "Syrian state.", "en", ["org:assad-regime"]),
    ("That team accused Syria of using chlorine in two attacks.", "en", ["org:assad-regime"]),
    ("وأعلن محققون تابعون للامم المتحدة أن الحكومة السورية مسؤولة عن هجوم بغاز السارين.", "ar",
     ["org:assad-regime"]),
])
def test_an_investigations_conclusion_is_a_finding(extractor, text, lang, perpetrators):
    out = run(extractor, text, lang)
    assert of_kind(out, "attribution", "perpetrators") == []
    assert of_kind(out, "investigation-finding", "perpetrators") == [perpetrators]


def test_a_findings_pronoun_goes_on_in_the_next_sentence(extractor):
    text = ("The Director-General said there are reasonable grounds to believe that a "
            "helicopter departed from Dumayr air base. Operating under the control of the "
            "Tiger Forces, it dropped two cylinders, which hit two buildings.")
    out = run(extractor, text, "en")
    assert of_kind(out, "attribution", "perpetrators") == []
    assert ["org:tiger-forces"] in of_kind(out, "investigation-finding", "perpetrators")


def test_a_pronoun_after_an_attribution_is_no_finding(extractor):
    text = ("Witnesses say the regime dropped chlorine on the town. Later, it dropped more "
            "chlorine on the hospital.")
    out = run(extractor, text, "en")
    assert of_kind(out, "investigation-finding", "perpetrators") == []


@pytest.mark.parametrize("text, lang, perpetrators", [
    # a person's government is the regime (rule A3); "stands behind"
    ("قال البيت الأبيض إن حكومة الرئيس السوري بشار الأسد تقف وراء هجوم كيميائي على البلدة.",
     "ar", [["org:assad-regime"]]),
    ("The government of President Bashar al-Assad carried out the sarin attack.", "en",
     [["org:assad-regime"]]),
    # "again", "appear to have" between the agent and its verb; the regime's crime
    ("في زملكا عاد النظام مرة أخرى لاستخدام الأسلحة الكيماوية ضد المدنيين.", "ar",
     [["org:assad-regime"]]),
    ("Reports say the regime appears to have dropped chlorine bombs on the town.", "en",
     [["org:assad-regime"]]),
    ("قتل المئات بالغازات السامة في الغوطة، ولم تكن جريمة نظام الأسد هذه الأخيرة.", "ar",
     [["org:assad-regime"]]),
])
def test_attribution_shapes(extractor, text, lang, perpetrators):
    assert of_kind(run(extractor, text, lang), "attribution", "perpetrators") == perpetrators


def test_bashar_al_assad_alone_is_still_the_person(extractor):
    text = "قال الوزير إن بشار الأسد ارتكب المجزرة الكيماوية في خان شيخون."
    assert of_kind(run(extractor, text, "ar"), "attribution", "perpetrators") == \
        [["person:bashar-al-assad"]]


# -- demands -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, mechanisms", [
    ("أحيا ناشطون ذكرى المجزرة الكيماوية، مطالبين بمحاسبة المسؤولين عنها.", "ar",
     [["mech:accountability"]]),
    ("وكان مشروع القرار يدعو إلى إنشاء آلية تحقيق مستقلة تابعة للأمم المتحدة.", "ar",
     [["mech:international-investigation"]]),
    ("فشل المجلس في تبني مشروع قرار روسي يعبر عن الدعم لإرسال محققين إلى موقع الهجوم.", "ar",
     [["mech:international-investigation"]]),
    ("Survivors say the failure to hold anyone accountable encourages further attacks.", "en",
     [["mech:accountability"]]),
    ("Her brother wants the perpetrators to be held to account.", "en",
     [["mech:accountability"]]),
    ("Russia and China vetoed efforts to open an investigation by the International Criminal "
     "Court into war crimes in Syria.", "en", [["mech:icc-referral"]]),
])
def test_demand_shapes(extractor, text, lang, mechanisms):
    assert of_kind(run(extractor, text, lang), "demand", "mechanisms") == mechanisms


def test_an_investigation_by_the_icc_without_a_call_is_no_demand(extractor):
    text = "The prosecutor described an investigation by the ICC into crimes elsewhere."
    assert of_kind(run(extractor, text, "en"), "demand", "mechanisms") == []


# -- figures -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("He said 25 members of his family were killed in the sarin attack.", "en",
     [("killed", "people", "exactly", 25)]),
    ("راح ضحية الهجوم الكيماوي نحو 100 قتيل من المدنيين بينهم 32 طفلاً.", "ar",
     [("killed", "civilians", "about", 100), ("killed", "children", "exactly", 32)]),
    # a sentence that opens on the strike is about the chemical attack told of before it
    ("The sarin attack struck the town at dawn. The bombardment killed at least 90 people, "
     "30 of them children.", "en",
     [("killed", "people", "at-least", 90), ("killed", "children", "exactly", 30)]),
    # the toll of the whole war is no attack's (rule F7)
    ("The government denied using chemical weapons in the war, which has killed at least "
     "350,000 people.", "en", []),
])
def test_figure_shapes(text, lang, expected):
    assert figures(text, lang) == expected


def test_a_bombardment_without_a_chemical_before_it_stays_another_attack():
    text = "The town was quiet. The bombardment killed at least 90 people."
    assert figures(text, "en") == []
