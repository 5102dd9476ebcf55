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
