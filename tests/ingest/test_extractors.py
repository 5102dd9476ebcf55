"""The extractors on short texts: one behaviour per test, English and Arabic."""

from __future__ import annotations

import datetime as dt

import pytest

from cwkg.ingest.extract import Extractor
from cwkg.ingest.extract.figures import find_figures
from cwkg.load.entities import load_entities

from ..conftest import DATA


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_entities(DATA).values())


def figures(text, lang="en"):
    return [(f["counts"], f.get("group"), f["qualifier"], f.get("value"))
            for c in find_figures(text, lang) for f in c.fields["figures"]]


@pytest.mark.parametrize("text, expected", [
    ("the loss of over 90 lives", [("killed", "people", "more-than", 90)]),
    ("killing 100 people and injuring hundreds more",
     [("killed", "people", "exactly", 100), ("injured", "people", "hundreds", None)]),
    ("at least 92 people were killed", [("killed", "people", "at-least", 92)]),
    ("killing dozens of civilians", [("killed", "civilians", "dozens", None)]),
    ("ninety-two people lost their lives", [("killed", "people", "exactly", 92)]),
    ("nearly 1,500 people died", [("killed", "people", "up-to", 1500)]),
    ("exposing more than 500 others to toxic gas", [("exposed", "people", "more-than", 500)]),
    ("which killed about 100 civilians - including 32 children and 23 women",
     [("killed", "civilians", "about", 100), ("killed", "children", "exactly", 32),
      ("killed", "women", "exactly", 23)]),
])
def test_english_figures(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("مقتل أكثر من ٩٠ شخصا", [("killed", "people", "more-than", 90)]),
    ("مقتل نحو ٤٠ شخصا", [("killed", "people", "about", 40)]),
    # "مدني" (a civilian) is the group civilians (real set rule F3)
    ("مقتل حوالي 100 مدني", [("killed", "civilians", "about", 100)]),
    ("مقتل ما لا يقل عن ٩٢ شخصا", [("killed", "people", "at-least", 92)]),
    ("وإصابة المئات", [("injured", "people", "hundreds", None)]),
    ("مقتل العشرات من المدنيين", [("killed", "civilians", "dozens", None)]),
])
def test_arabic_figures_eastern_digits_and_qualifiers(text, expected):
    assert figures(text, "ar") == expected


@pytest.mark.parametrize("text", [
    "Resolution 2118 of 2013", "Article 21 of Resolution 2118", "On April 4, 2017",
    "Seven years have passed since 2017", "4/4/2017", "the passage of 4 years since",
    "One delegate spoke", "the two delegates",
])
def test_numbers_that_are_not_casualty_figures(text):
    assert figures(text) == []


def test_counts_of_attacks_have_no_group():
    # as curated in seed 001 (c30): "for dozens of times since 2011"
    assert figures("the use of chemical weapons - for dozens of times since 2011") == \
        [("attacks", None, "dozens", None)]


def _kinds(out, kind):
    return [c for c in out.candidates if c.kind == kind]


def test_relative_dates_resolve_against_the_publication_date(extractor):
    out = extractor.run("Yesterday's sarin attack on Khan Sheikhoun shocked the world.", "en",
                        dt.date(2017, 4, 5))
    assert [(c.fields["event_date"], c.about) for c in _kinds(out, "event")] == \
        [("2017-04-04", ("attack:khan-sheikhoun-2017",))]
    out = extractor.run("في مثل هذا اليوم قبل عشر سنوات، قصفت قوات النظام الغوطة.", "ar",
                        dt.date(2023, 8, 21))
    assert [c.fields["event_date"] for c in _kinds(out, "event")] == ["2013-08-21"]


def test_without_a_document_date_only_absolute_dates_are_read(extractor):
    text = "Yesterday's sarin attack on Khan Sheikhoun, on 4 April 2017, was its fourth anniversary."
    out = extractor.run(text, "en", None)
    assert [c.fields["event_date"] for c in _kinds(out, "event")] == ["2017-04-04"]
    assert not out.flags  # no anniversary to check against an unknown date


def test_a_date_that_contradicts_the_attack_is_flagged_not_corrected(extractor):
    out = extractor.run("The chemical attack on Douma on April 8, 2018 killed dozens of people.",
                        "en", dt.date(2019, 1, 1))
    assert [c.fields["event_date"] for c in _kinds(out, "event")] == ["2018-04-08"]
    assert [f.code for f in out.flags] == ["date-mismatch"]
    assert "2018-04-07" in out.flags[0].message


@pytest.mark.parametrize("text", [
    "The mustard gas attack on Umm Hawsh on 16 September 2016 killed 3 people.",
    "The mustard gas attack on Umm Hawsh killed 3 people.",
])
def test_a_series_of_attacks_over_a_period_is_named_by_its_place(extractor, text):
    """attack:umm-hawsh-2016-09 has no day, only its first and last (15-16 September 2016):
    a day within it, or no day at all, names it; it is never proposed again."""
    out = extractor.run(text, "en", dt.date(2017, 11, 1))
    assert {c.about for c in _kinds(out, "casualty-figure")} == {("attack:umm-hawsh-2016-09",)}
    assert not [p for p in out.proposals if p.type == "attack"]


@pytest.mark.parametrize("text, lang, years", [
    ("Today marks the fourth anniversary of the Khan Sheikhoun massacre.", "en", 4),
    ("في الذكرى الرابعة لمجزرة خان شيخون", "ar", 4),
])
def test_an_anniversary_is_proposed_with_the_ordinal_the_text_states(extractor, text, lang,
                                                                     years):
    out = extractor.run(text, lang, dt.date(2021, 4, 4))
    [c] = [c for c in out.candidates if c.kind == "commemoration"]
    assert c.fields == {"anniversary": years} and c.about == ("attack:khan-sheikhoun-2017",)
    assert not out.flags


def test_wrong_anniversary_is_flagged(extractor):
    text = "On the third anniversary of the Khan Sheikhoun massacre, we remember the victims."
    assert [f.code for f in extractor.run(text, "en", dt.date(2021, 4, 4)).flags] == \
        ["anniversary-mismatch"]
    assert extractor.run(text, "en", dt.date(2020, 4, 4)).flags == []


def test_document_dates_are_not_event_dates(extractor):
    text = ("The report to the Security Council in October 26, 2017 attributed the Khan "
            "Sheikhoun attack to the regime. Press release, April 4, 2020.")
    assert _kinds(extractor.run(text, "en", dt.date(2020, 4, 4)), "event") == []


def test_us_style_slashed_date_is_read_month_first_and_flagged(extractor):
    out = extractor.run("Douma (4/7/2018) was attacked with chemical weapons.", "en",
                        dt.date(2021, 4, 4))
    assert [c.fields["event_date"] for c in _kinds(out, "event")] == ["2018-04-07"]
    assert "ambiguous-date" in [f.code for f in out.flags]


def test_suspicious_resolution_number_is_flagged_and_not_linked(extractor):
    text = "We urge the Council to activate Article 21 of Resolution 2018 under Chapter VII."
    out = extractor.run(text, "en", dt.date(2021, 4, 4))
    cited = [i for c in _kinds(out, "instrument-citation") for i in c.fields["instruments"]]
    assert cited == ["legal:un-charter-ch7"]
    flag = next(f for f in out.flags if f.code == "suspicious-instrument-number")
    assert "Resolution 2118" in flag.message and "Not corrected" in flag.message


def test_arabic_entity_linking_strips_clitics(extractor):
    out = extractor.run("وطالب الائتلاف بإحالة الملف إلى المحكمة الجنائية الدولية والقرار ٢١١٨",
                        "ar", dt.date(2021, 4, 4))
    assert "org:icc" in {m.entity for m in out.mentions}  # المحكمة inside بإحالة ... إلى
    assert [c.fields["instruments"] for c in _kinds(out, "instrument-citation")] == \
        [["legal:unscr-2118"]]  # والقرار ٢١١٨: clitic و, Eastern Arabic digits
    assert [c.fields["mechanisms"] for c in _kinds(out, "demand")] == [["mech:icc-referral"]]


def test_unknown_names_are_listed_not_linked(extractor):
    # an organisation data/entities does not have (the Syrian Network for Human Rights joined
    # it with the real documents), by a name no rule types ("Center" would be proposed)
    out = extractor.run("The Arab Network for Human Rights Information said the Syrian regime "
                        "attacked Khan Sheikhoun with sarin.", "en", dt.date(2020, 1, 1))
    assert [m.text for m in out.unknown_names] == ["Arab Network for Human Rights Information"]
    assert all(m.entity for m in out.mentions)
    assert not any("network" in (m.entity or "") for m in out.mentions)


@pytest.mark.parametrize("text, perpetrators", [
    ("the massacre perpetrated by the Assad regime and its allies in Khan Sheikhoun",
     ["org:assad-regime", "org:assad-regime-allies"]),
    ("The Assad regime used sarin gas in an attack on Khan Sheikhoun", ["org:assad-regime"]),
    ("ارتكب النظام السوري هذه المجزرة", ["org:assad-regime"]),
])
def test_attributions(extractor, text, perpetrators):
    out = extractor.run(text, text[0] > "z" and "ar" or "en", dt.date(2020, 1, 1))
    assert [c.fields["perpetrators"] for c in _kinds(out, "attribution")] == [perpetrators]


def test_a_jim_finding_is_an_investigation_finding(extractor):
    text = ("The Joint Investigative Mechanism's report attributed responsibility to the Assad "
            "regime for the Khan Sheikhoun massacre.")
    out = extractor.run(text, "en", dt.date(2020, 1, 1))
    assert [c.kind for c in out.candidates if "perpetrators" in c.fields] == \
        ["investigation-finding"]


@pytest.mark.parametrize("text, mechanisms", [
    ("We stress the need to refer this issue to the International Criminal Court.",
     ["mech:icc-referral"]),
    ("advocating for the establishment of an exceptional court to hold the Assad regime "
     "accountable for its crimes", ["mech:special-tribunal"]),
    ("setting up a mechanism to hold the regime accountable must be a priority",
     ["mech:accountability-mechanism"]),
    ("They are working to hold accountable the criminals.", []),  # no call: not a demand
])
def test_demands(extractor, text, mechanisms):
    out = extractor.run(text, "en", dt.date(2020, 1, 1))
    assert [m for c in _kinds(out, "demand") for m in c.fields["mechanisms"]] == mechanisms


def test_quotes_are_exact_substrings_without_edge_punctuation(extractor):
    text = (DATA / "sources" / "news-2021-04-04.txt").read_text("utf-8")
    out = extractor.run(text, "en", dt.date(2021, 4, 4))
    assert out.candidates
    for c in out.candidates:
        quote = c.quote(text)
        assert quote and quote == quote.strip(" ,;:") and quote in text


@pytest.mark.parametrize("text, lang, expected", [
    ('State Department spokesman Ned Price said that "Al-Assad must be held accountable."',
     "en", ("person:ned-price", "direct-quote")),
    ("The White Helmets called for the establishment of an exceptional court.", "en",
     ("org:white-helmets", "reported")),
    # the addressee of a passive call is not its speaker
    ("The international community is called upon to refer the file to the ICC.", "en",
     (None, None)),
    ("ودعا الائتلاف الوطني لقوى الثورة والمعارضة السورية إلى محاسبة نظام الأسد.", "ar",
     ("org:soc", "reported")),
    ("We call for a special tribunal.", "en", (None, None)),
])
def test_speakers_are_proposed_only_next_to_a_speech_verb(extractor, text, lang, expected):
    out = extractor.run(text, lang, dt.date(2021, 4, 4))
    demand = _kinds(out, "demand")[0]
    assert (demand.stated_by, demand.speech) == expected


def test_the_sources_own_author_is_its_own_voice(extractor):
    text = "The White Helmets called for the establishment of an exceptional court."
    out = extractor.run(text, "en", dt.date(2021, 4, 4), author="org:white-helmets")
    assert _kinds(out, "demand")[0].stated_by is None
