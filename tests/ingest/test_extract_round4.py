"""Fourth round of issue 16's extractor classes, found on the real dev3 split and checked
on short texts written here (invented wording, not quotes of any document): Arabic
thousands written "11 ألفا و212", a sentence that refers back to the attacks before it
("عمليات القصف هذه"), killed-and-injured counts, sub-group lists and breakdowns, the text's
own day ("اليوم الثلاثاء 4 نيسان", "Earlier today"), an attack's month and year giving its
year to a day, the attacks' agent after them (الهجمات الكيميائية للنظام), a capital after a
place noun, calls for an impartial investigation, drafts that "would have established",
complaints filed in the passive, special international tribunals."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cwkg.ingest.extract import Extractor
from cwkg.ingest.extract.figures import find_figures
from cwkg.ingest.extract.numbers import parse_number

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


THOUSAND_WORDS = st.sampled_from(["ألفا", "ألفًا", "ألفاً", "ألف", "آلاف"])


@given(st.integers(1, 999), st.integers(0, 999), THOUSAND_WORDS)
def test_arabic_thousands_written_with_the_word_alf(thousands, rest, word):
    assert parse_number(f"{thousands} {word} و{rest}") == thousands * 1000 + rest
    assert parse_number(f"{thousands} {word}") == thousands * 1000


@given(st.integers(1, 999), st.integers(1, 999))
def test_an_injured_total_in_thousands_is_one_figure(thousands, rest):
    text = f"أسفرت الهجمات الكيميائية عن إصابة {thousands} ألفا و{rest} شخصا."
    assert figures(text) == [("injured", "people", "exactly", thousands * 1000 + rest)]


@pytest.mark.parametrize("text, expected", [
    # the outcome word past a comma and و begins the next clause: the women were killed
    ("قتل في الهجوم بالغاز السام 80 مدنيا بينهم 20 طفلا و15 سيدة، وإصابة 300 آخرين",
     [("killed", "civilians", "exactly", 80), ("killed", "children", "exactly", 20),
      ("killed", "women", "exactly", 15), ("injured", "people", "exactly", 300)]),
    # a breakdown in brackets, then "in addition to" fighters and prisoners (rule F5)
    ("خلفت الهجمات الكيميائية 900 قتيل، بينهم 800 مدني (ضمنهم 100 طفل و90 امرأة)، فضلا عن "
     "60 من مقاتلي المعارضة، و5 أسرى",
     [("killed", "people", "exactly", 900), ("killed", "civilians", "exactly", 800),
      ("killed", "children", "exactly", 100), ("killed", "women", "exactly", 90),
      ("killed", "opposition-fighters", "exactly", 60), ("killed", "prisoners", "exactly", 5)]),
    # killed and injured together are casualties (rule F2)
    ("أدى هجوم السارين إلى مقتل وإصابة أكثر من 700 مدني",
     [("casualties", "civilians", "more-than", 700)]),
])
def test_arabic_figure_lists(text, expected):
    assert figures(text) == expected


def test_killed_or_injured_in_english_are_casualties():
    assert figures("The sarin attack left more than 700 civilians killed or injured.", "en") \
        == [("casualties", "civilians", "more-than", 700)]
    # two outcomes, each with its own number, stay apart
    assert figures("The chlorine attack killed 3 people and injured 40 others.", "en") == \
        [("killed", "people", "exactly", 3), ("injured", "people", "exactly", 40)]


def test_bombardments_that_refer_back_to_gas_attacks_give_their_figures(extractor):
    def people(text, lang="ar"):
        return [(f["counts"], f["value"]) for fs in of_kind(extractor.run(text, lang, None),
                                                            "casualty-figure", "figures")
                for f in fs if f["counts"] != "attacks"]
    assert people("استخدمت قوات النظام غازات سامة عشرين مرة. "
                  "وأدت عمليات القصف هذه إلى استشهاد 30 شخصا.") == [("killed", 30)]
    # shelling with no chemical named, before or in the sentence, still gives nothing (F7)
    assert people("تعرضت المدينة لقصف مدفعي عنيف. وأدت عمليات القصف هذه إلى مقتل 30 شخصا.") == []
    assert people("The town was shelled at dawn. This shelling killed 30 people.", "en") == []
    # "this shelling" after a sentence on a chlorine attack is that attack
    assert people("Helicopters dropped chlorine on the town. This shelling killed 30 people.",
                  "en") == [("killed", 30)]


def test_the_texts_own_day_is_no_attacks(extractor):
    text = ("نظم الأهالي اليوم الثلاثاء 4 نيسان وقفة في ذكرى المجزرة. "
            "وفي الرابع من نيسان 2017 ارتكب نظام الأسد مجزرة بالسارين.")
    dates = of_kind(extractor.run(text, "ar", None), "event", "event_date")
    assert dates == ["2017-04-04"]


def test_earlier_today_dates_an_attack_on_the_texts_day(extractor):
    text = "Earlier today, barrel bombs containing chlorine hit the town, injuring 40 people."
    out = extractor.run(text, "en", dt.date(2017, 3, 30))
    assert of_kind(out, "event", "event_date") == ["2017-03-30"]
    # without the text's own date there is no day to read
    assert of_kind(extractor.run(text, "en", None), "event", "event_date") == []
    # "today" in a statement about itself dates nothing
    out = extractor.run("Today the Council adopted a resolution on the attack.", "en",
                        dt.date(2017, 3, 30))
    assert of_kind(out, "event", "event_date") == []


def test_an_attacks_month_and_year_give_their_year_to_its_day(extractor):
    text = ("Investigators found the regime responsible for an April 2017 attack in Khan "
            "Sheikhoun. On April 4, dozens were killed in the attack.")
    assert "2017-04-04" in of_kind(extractor.run(text, "en", None), "event", "event_date")
    # a visit on another day of that month, no attack named in its sentence: no date
    text = ("Investigators studied the April 2018 attack in Douma. Officials visited the "
            "site on April 9 and found nothing.")
    assert of_kind(extractor.run(text, "en", None), "event", "event_date") == []
    # two years for the month: no year is clear
    text = ("The April 2017 attack and the April 2018 attack were studied. On April 4, "
            "the attack killed dozens.")
    assert of_kind(extractor.run(text, "en", None), "event", "event_date") == []


@pytest.mark.parametrize("text, expected", [
    ('وثقت الشبكة الهجمات الكيميائية للنظام وتنظيم "داعش" في سوريا.',
     ["org:assad-regime", "org:isil"]),
    ("وثقت الشبكة 200 هجوما للنظام بالأسلحة الكيميائية.", ["org:assad-regime"]),
    ("قالت الشبكة إن نظام بشار استخدم غازات سامة في ريف دمشق.", ["org:assad-regime"]),
    ("واستهدفت قوات النظام مدينة حماة بالغازات السامة.", ["org:assad-regime"]),
    ("وأكدت أن نظام الأسد لم يتوقف عن استخدام الأسلحة الكيماوية.", ["org:assad-regime"]),
    # misspelled: الكميائية
    ("وثقت الشبكة استخدام نظام الأسد للأسلحة الكميائية.", ["org:assad-regime"]),
])
def test_arabic_attributions(extractor, text, expected):
    perps = [p for ps in of_kind(extractor.run(text, "ar", None), "attribution", "perpetrators")
             for p in ps]
    assert sorted(set(perps)) == sorted(expected)


def test_a_capital_after_a_place_noun_is_no_perpetrator(extractor):
    text = "وهي ثاني أكبر مجزرة بعد هجوم استهدف غوطتي دمشق عام 2013 بغاز السارين."
    assert of_kind(extractor.run(text, "ar", None), "attribution", "perpetrators") == []


@pytest.mark.parametrize("text, expected", [
    ("This strongly points to Syrian regime culpability for the chlorine attacks.",
     ["org:assad-regime"]),
    ("There is evidence of Assad's use of chlorine in the attacks.", ["org:assad-regime"]),
    # the full name stays the person's
    ("Bashar al-Assad ordered the sarin attacks.", ["person:bashar-al-assad"]),
])
def test_english_attributions(extractor, text, expected):
    perps = [p for ps in of_kind(extractor.run(text, "en", None), "attribution", "perpetrators")
             for p in ps]
    assert perps == expected


def test_a_finding_reported_by_according_to_its_investigation(extractor):
    text = ("The Syrian government is responsible for the sarin attack, according to the "
            "findings of an investigation mandated by the Security Council.")
    out = extractor.run(text, "en", None)
    assert [c.kind for c in out.candidates if c.fields.get("perpetrators")] == \
        ["investigation-finding"]


@pytest.mark.parametrize("text, expected", [
    ("The delegate requested that an independent investigation be launched into the attack.",
     ["mech:international-investigation"]),
    ("Speakers agreed on the need for a swift, impartial investigation of the attack.",
     ["mech:international-investigation"]),
    ("The draft would have established a mechanism to investigate the chemical attacks.",
     ["mech:international-investigation"]),
    ("A complaint of war crimes against the sarin attacks of 2013 has been filed in Paris.",
     ["mech:national-prosecution"]),
    ("States should cooperate to set up a special international tribunal for these attacks.",
     ["mech:special-tribunal"]),
])
def test_demands(extractor, text, expected):
    mechs = [m for ms in of_kind(extractor.run(text, "en", None), "demand", "mechanisms")
             for m in ms]
    assert mechs == expected


def test_a_described_investigation_is_no_demand(extractor):
    # no call: a report of what was done
    text = "The OPCW carried out an independent investigation of the chemical attack."
    assert of_kind(extractor.run(text, "en", None), "demand", "mechanisms") == []


def test_the_geneva_protocol_and_the_un_resolution_in_arabic(extractor):
    out = extractor.run("Recalling the 1925 Geneva Protocol on chemical weapons.", "en", None)
    assert of_kind(out, "instrument-citation", "instruments") == [["legal:geneva-protocol-1925"]]
    out = extractor.run("منذ صدور القرار الأممي 2118 استخدم النظام الغازات السامة.", "ar", None)
    assert of_kind(out, "instrument-citation", "instruments") == [["legal:unscr-2118"]]
