"""Seventh round of general extraction classes (found on the real dev5 split).

Each test is one class, on sentences written here (not the dev texts)."""

from __future__ import annotations

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
