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
