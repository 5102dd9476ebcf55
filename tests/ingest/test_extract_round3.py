"""Third round of issue 16's extractor classes, on short texts written here (invented
wording, not quotes of any document): Arabic figures however the tanween is written, a
sub-group without a number, "X were the perpetrators of", findings of investigators the
text names, names that name no one ("Syrian", "Elite Unit"), complaints filed in the
passive, blocked drafts, "face justice"."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cwkg.ingest.extract import Extractor
from cwkg.ingest.extract.figures import find_figures

from ..conftest import DATA


@pytest.fixture(scope="module")
def extractor():
    from cwkg.load.entities import load_entities
    return Extractor(load_entities(DATA).values())


def figures(text, lang="ar"):
    return [(f["counts"], f.get("group"), f["qualifier"], f.get("value"))
            for c in find_figures(text, lang) for f in c.fields["figures"]]


def of_kind(out, kind, key):
    return [c.fields[key] for c in out.candidates if c.kind == kind]


# the accusative ending of an Arabic noun: tanween before the alef, after it, or not written
TANWEEN = st.sampled_from(["ًا", "اً", "ا"])


@given(st.integers(1, 99999), st.integers(1, 9999), st.integers(1, 9999), TANWEEN, TANWEEN)
def test_arabic_figures_read_whatever_way_the_tanween_is_written(total, children, women,
                                                                  person_end, child_end):
    text = f"وثقت الشبكة مقتل {total} شخص{person_end} بينهم {children} طفل{child_end} " \
           f"و{women} سيدة."
    assert figures(text) == [("killed", "people", "exactly", total),
                             ("killed", "children", "exactly", children),
                             ("killed", "women", "exactly", women)]


@pytest.mark.parametrize("text, expected", [
    # the subject between the verb and "بحياة" ("the attack took the lives of")
    ("أودى الهجوم بحياة 43 مدنيًا", [("killed", "civilians", "exactly", 43)]),
    # "أصيب" (were injured) before the number
    ("وأصيب أكثر من 200 آخرين", [("injured", "people", "more-than", 200)]),
    # 41 civilians, among them women and children: no number, no sub-figure, and the
    # total keeps its own group
    ("قتل في الهجوم الكيميائي 41 مدنيا بينهم نساء وأطفال",
     [("killed", "civilians", "exactly", 41)]),
])
def test_arabic_figure_constructions(text, expected):
    assert figures(text) == expected


def test_an_english_sub_group_without_number_keeps_the_total_group():
    assert figures("the sarin attack killed 80 civilians, among them women", "en") == [
        ("killed", "civilians", "exactly", 80)]


@pytest.mark.parametrize("text, kind, perpetrators", [
    ("The panel concluded that the Syrian Arab Air Forces were the perpetrators of the "
     "chlorine attack.", "attribution", ["org:syrian-arab-air-force"]),
    ("The IIT report concludes that the Syrian Arab Air Force was the perpetrator of the "
     "chemical attack.", "investigation-finding", ["org:syrian-arab-air-force"]),
    # a quoted force name, then a generic unit word, then the verb
    ("The IIT said a helicopter of the “Tiger Forces” Elite Unit dropped a chlorine "
     "cylinder.", "investigation-finding", ["org:tiger-forces"]),
    ("International investigators mandated by the Security Council have found the Asad "
     "regime responsible for using poison gas.", "investigation-finding",
     ["org:assad-regime"]),
    ("Last year the Asad regime unleashed sarin on the town.", "attribution",
     ["org:assad-regime"]),
    ("The complaint names Bashar al-Assad and his brother Maher al-Assad as suspects in the "
     "chemical attacks.", "attribution", ["person:bashar-al-assad", "person:maher-al-assad"]),
    ("The mechanism found that ISIL used sulfur mustard in the town.",
     "investigation-finding", ["org:isil"]),
])
def test_english_attribution_constructions(extractor, text, kind, perpetrators):
    out = extractor.run(text, "en", dt.date(2023, 1, 1))
    assert of_kind(out, kind, "perpetrators") == [perpetrators]


def test_investigators_alone_are_not_an_investigative_body(extractor):
    """Bare "investigators" may be anyone's: the speaker's own attribution stays one."""
    out = extractor.run("We recall that investigators concluded that the Syrian regime "
                        "carried out the sarin attack.", "en", dt.date(2023, 1, 1))
    assert of_kind(out, "attribution", "perpetrators") == [["org:assad-regime"]]
    assert of_kind(out, "investigation-finding", "perpetrators") == []


@pytest.mark.parametrize("text, perpetrators", [
    ("حمّل التقرير القوات الجوية التابعة للنظام السوري، كمرتكبين للهجوم الكيماوي على البلدة.",
     ["org:syrian-arab-air-force"]),
    ("وخلص التقرير إلى أن مروحية تابعة لقوات النمر ألقت أسطوانة كلور على البلدة.",
     ["org:tiger-forces"]),
])
def test_arabic_findings(extractor, text, perpetrators):
    out = extractor.run(text, "ar", dt.date(2023, 1, 1))
    assert of_kind(out, "investigation-finding", "perpetrators") == [perpetrators]


@pytest.mark.parametrize("text", [
    "The toll was inflicted on the Syrian people by the chemical attack.",
    "A helicopter of the Syrian “Tiger Forces” Elite Unit dropped a cylinder in the town.",
    "Tiger Forces units and the Elite Unit of the Syrian army were named.",
])
def test_a_nationality_or_a_generic_unit_is_not_proposed_as_an_entity(extractor, text):
    out = extractor.run(text, "en", dt.date(2023, 1, 1))
    ids = [p.id for p in out.proposals]
    assert not any(i.endswith((":syrian", ":elite-unit")) or i.startswith("attack:syrian")
                   for i in ids), ids


@pytest.mark.parametrize("text, mechanisms", [
    ("The complaint was filed with the police on behalf of survivors of the attack.",
     ["mech:national-prosecution"]),
    ("Those who ordered these chemical attacks must face justice.", ["mech:accountability"]),
    ("Russia blocked a draft that would have renewed the mandate of the JIM.",
     ["mech:attribution-mechanism"]),
])
def test_demand_constructions(extractor, text, mechanisms):
    out = extractor.run(text, "en", dt.date(2023, 1, 1))
    assert of_kind(out, "demand", "mechanisms") == [mechanisms]


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["{d} {m} {y}", "{m} {d}, {y}"]),
       st.sampled_from(["Geneva—{date}—The statement reads", "Media note\n\n{date}\n\nText",
                        "Damascus, {date} - The statement reads", "Published: {date}\nText"]))
def test_a_dateline_gives_the_text_its_date(day, form, layout):
    from cwkg.ingest.extract.dates import dateline
    written = form.format(d=day.day, m=MONTHS[day.month - 1], y=day.year)
    assert dateline(layout.format(date=written), "en") == day


@given(st.text(max_size=400))
def test_a_dateline_is_a_date_of_the_head_or_none(text):
    from cwkg.ingest.extract.dates import dateline, find_dates
    found = dateline(text, "en")
    assert found is None or found in {d.value for d in find_dates(text[:300], "en", None)}


@pytest.mark.parametrize("text", [
    "On 4 April 2017 aircraft dropped sarin on the town.\nMore text.",
    "The town was struck on 4 April 2017, the report said.",
])
def test_a_date_in_running_text_is_no_dateline(text):
    from cwkg.ingest.extract.dates import dateline
    assert dateline(text, "en") is None


def test_an_undated_text_takes_its_date_from_its_dateline(extractor):
    """The dateline's own day is not an attack's; a day without a year before it is."""
    text = ("Geneva—10 April 2018—A chlorine attack on 7 April killed dozens of civilians, "
            "the statement said.")
    out = extractor.run(text, "en", None)
    assert of_kind(out, "event", "event_date") == ["2018-04-07"]


def test_a_report_date_gives_no_year_to_an_attack_day():
    from cwkg.ingest.extract.daymonth import days
    text = "The attack on 21 August killed many, the network said in a report on 21 August 2014."
    assert [(text[s:e], d.isoformat()) for s, e, d, _ in days(text, "en", None)] == [
        ("21 August 2014", "2014-08-21")]


@pytest.mark.parametrize("text, lang, expected", [
    # the head's outcome word follows its sub-group
    ("At least nine people, including four children, were killed in the gas attack", "en",
     [("killed", "people", "at-least", 9), ("killed", "children", "exactly", 4)]),
    # an adjective between the number and its group word
    ("the sarin attack killed 300 innocent civilians", "en",
     [("killed", "civilians", "exactly", 300)]),
    # a sub-group of two groups together names no one group: no sub-figure
    ("the attack killed 500 civilians, including hundreds of women and children", "en",
     [("killed", "civilians", "exactly", 500)]),
    # a breakdown of a total, fighters named "الثوار", an Arabic comma before "و"
    ("مقتل 120 شخصاً، يتوزعون إلى 100 مدنياً، بينهم 20 طفلاً، و 9 سيدة و11 من الثوار", "ar",
     [("killed", "people", "exactly", 120), ("killed", "civilians", "exactly", 100),
      ("killed", "children", "exactly", 20), ("killed", "women", "exactly", 9),
      ("killed", "opposition-fighters", "exactly", 11)]),
    # the counted noun before the number; the clitic ل on the outcome noun
    ("وبلغ عدد المصابين ما لا يقل عن 600 شخص", "ar", [("injured", "people", "at-least", 600)]),
    ("ما أدى لإصابة 8 مدنيين بحالات اختناق", "ar", [("injured", "civilians", "exactly", 8)]),
])
def test_figure_constructions_of_the_second_dev_split(text, lang, expected):
    assert figures(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("the Syrian government used sarin in the town on April 4 of 2017", "en", ["2017-04-04"]),
    ("الهجوم الكيميائي على البلدة في ال7 من شهر نيسان 2018", "ar", ["2018-04-07"]),
    # a resolution's date is not an attack's
    ("وقعت 30 هجمة كيماوية قبل صدور القرار رقم 2118 في 27 أيلول 2013", "ar", []),
])
def test_date_constructions_of_the_second_dev_split(extractor, text, lang, expected):
    out = extractor.run(text, lang, None)
    assert of_kind(out, "event", "event_date") == expected


@pytest.mark.parametrize("text, lang", [
    ("Member states condemned the use of chemical weapons in Syria.", "en"),
    ("دان المجلس استخدام الأسلحة الكيميائية في سوريا.", "ar"),
    ("وثقت الشبكة هجمات كيماوية في دمشق وريفها.", "ar"),
])
def test_the_country_named_as_a_place_is_no_perpetrator(extractor, text, lang):
    out = extractor.run(text, lang, None)
    assert of_kind(out, "attribution", "perpetrators") == []
    assert of_kind(out, "investigation-finding", "perpetrators") == []


@pytest.mark.parametrize("text, lang, perpetrators", [
    ("The Syrian government forces were almost certainly responsible for the attacks.", "en",
     ["org:assad-regime"]),
    ("Officials condemned the Assad government's alleged chlorine attack.", "en",
     ["org:assad-regime"]),
    ("أعلنت المنظمة أن القوات النظامية السورية تتحمل على الأرجح مسؤولية الهجوم الكيميائي.",
     "ar", ["org:assad-regime"]),
    # a sentence that refers back to the attack named in the paragraph before
    ("وقعت مجزرة بالسلاح الكيميائي في البلدة.\nوقال الوزراء إنهم يحملون \"النظام السوري "
     "المسؤولية الكاملة لهذه الجريمة\".", "ar", ["org:assad-regime"]),
])
def test_attribution_constructions_of_the_second_dev_split(extractor, text, lang,
                                                           perpetrators):
    out = extractor.run(text, lang, None)
    assert of_kind(out, "attribution", "perpetrators") == [perpetrators]


def test_a_unit_and_the_force_that_controls_it_are_both_named(extractor):
    text = ("The IIT concluded that a helicopter of the Syrian Arab Air Force under the control "
            "of the Tiger Forces hit the town with a chlorine cylinder.")
    out = extractor.run(text, "en", None)
    assert of_kind(out, "investigation-finding", "perpetrators") == [
        ["org:syrian-arab-air-force", "org:tiger-forces"]]


@pytest.mark.parametrize("text, lang, mechanisms", [
    ("Actions are needed so that those responsible for the chemical attacks will be held "
     "accountable.", "en", ["mech:accountability"]),
    ("The Council must ensure that these chemical crimes do not go unpunished.", "en",
     ["mech:accountability"]),
    ("The victims of the chemical attacks deserve justice.", "en", ["mech:accountability"]),
    ("شدد المجلس على أن الجهات المتورطة يتعين إخضاعها للمساءلة.", "ar",
     ["mech:accountability"]),
    ("طالب الأمين العام بضرورة تحديد هوية كل من استخدموا الأسلحة الكيميائية ومساءلتِهم.", "ar",
     ["mech:attribution-mechanism", "mech:accountability"]),
    ("وطالبوا بتقديم المتورطين في الجريمة لمحاكمات دولية عادلة.", "ar",
     ["mech:accountability"]),
])
def test_demand_constructions_of_the_second_dev_split(extractor, text, lang, mechanisms):
    out = extractor.run(text, lang, None)
    assert of_kind(out, "demand", "mechanisms") == [mechanisms]


def test_a_request_that_police_investigate_names_whom(extractor):
    text = ("The groups asked the police to investigate Bashar al-Assad and his brother for the "
            "sarin attacks.")
    out = extractor.run(text, "en", None)
    assert of_kind(out, "demand", "mechanisms") == [["mech:national-prosecution"]]
    assert of_kind(out, "attribution", "perpetrators") == [["person:bashar-al-assad"]]


def test_the_prosecution_after_an_icc_referral_is_the_courts(extractor):
    text = ("Two members vetoed a draft that would have referred the situation to the "
            "International Criminal Court for prosecution of the chemical attacks.")
    out = extractor.run(text, "en", None)
    assert of_kind(out, "demand", "mechanisms") == [["mech:icc-referral"]]


def test_a_finding_is_stated_by_the_body_the_sentence_names(extractor):
    text = "The IIT concluded that the Syrian Arab Air Force was the perpetrator of the attack."
    [finding] = [c for c in extractor.run(text, "en", None).candidates
                 if c.kind == "investigation-finding"]
    assert (finding.stated_by, finding.speech) == ("org:opcw-iit", "reported")


@pytest.mark.parametrize("text, lang", [
    ("We will seek justice for the victims of these abhorrent attacks in Syria.", "en"),
    ("Those responsible for any use of chemical weapons must be held accountable.", "en"),
    ("وطالبت الشبكة بمحاسبة المسؤولين عن الهجمات الكيميائية.", "ar"),
])
def test_a_claim_about_attacks_in_general_is_about_them_all(extractor, text, lang):
    out = extractor.run(text, lang, None)
    [demand] = [c for c in out.candidates if c.kind == "demand"]
    assert demand.about == ("attack:syria-chemical-attacks",)
    assert "attack:syria-chemical-attacks" in [p.id for p in out.proposals]


def test_a_claim_about_one_attack_is_not_about_attacks_in_general(extractor):
    out = extractor.run("The sarin attack on Khan Sheikhoun killed 90 people; those "
                        "responsible must be held accountable.", "en", None)
    assert {c.about for c in out.candidates} == {("attack:khan-sheikhoun-2017",)}


def test_a_country_without_a_date_names_no_attack():
    """"attacks in Syria" names no one of the attacks data/entities places in Syria."""
    from cwkg.load.model import Entity
    syria = Entity("x", 1, "place:syria", "place", {"en": "Syria"}, {})
    town = Entity("x", 2, "place:town", "place", {"en": "Sometown"}, {},
                  links={"contained_in": "place:syria"})
    series = Entity("x", 3, "attack:syria-series", "attack", {"en": "a series"}, {},
                    links={"place": "place:syria"})
    ex = Extractor([syria, town, series])
    out = ex.run("We seek justice for the victims of these chemical attacks in Syria.", "en",
                 None)
    assert [c.about for c in out.candidates if c.kind == "demand"] == [
        ("attack:syria-chemical-attacks",)]
