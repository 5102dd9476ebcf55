"""Hypothesis: the parsers of figures, dates, metadata and CSV never raise anything but a
cwkg error, whatever text they are given."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cwkg.errors import CwkgError
from cwkg.ingest.extract.dates import find_dates, find_year_counts, parse_date
from cwkg.ingest.extract.daymonth import days
from cwkg.ingest.extract.figures import find_figures
from cwkg.ingest.extract.legal import read_citations
from cwkg.ingest.extract.numbers import parse_number
from cwkg.ingest.extract.proposals import slug
from cwkg.ingest.metadata import build_meta, parse_metadata_csv

from ..conftest import REPO

# text drawn from the characters these parsers care about, plus anything at all
VOCAB = st.sampled_from(["over", "about", "at least", "nearly", "killing", "injured", "people",
                         "children", "dozens", "hundreds", "ninety-two", "1,500", "٩٢", "أكثر من",
                         "نحو", "ما لا يقل عن", "مقتل", "شخصا", "المئات", "April", "4th,", "2017",
                         "نيسان", "٢٠١٧", "yesterday", "أمس", "years ago today", "anniversary",
                         "fourth", "Resolution", "Article", "21", "of", "Chapter", "VII", "/",
                         "-", ",", ".", " ", "\n", "(", ")", "الفصل", "السابع", "القرار",
                         "August", "21", "from", "to", "between", "and", "at least", "of them",
                         "Saturday", "07/04/2018", "أغسطس/آب", "و16", "سبتمبر", "بينهم",
                         "سيدة", "Douma", "Khan Shaykhun", "Tiger Forces", "C-SS-4/DEC.3",
                         "paragraph 10 of", "recent", "attack on", "regime", "used", "sarin",
                         "accused", "حمّل", "المسؤولية", "determined to hold", "accountable"])
TEXTS = st.one_of(st.text(max_size=200), st.lists(VOCAB, max_size=40).map(" ".join))
LANGS = st.sampled_from(["en", "ar", "fr", "en-GB"])
RELAXED = settings(max_examples=150, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])


def _only_cwkg_errors(fn, *args):
    try:
        return fn(*args)
    except CwkgError:
        return None


@RELAXED
@given(TEXTS)
def test_parse_number_raises_only_cwkg_errors(text):
    value = _only_cwkg_errors(parse_number, text)
    assert value is None or (isinstance(value, int) and value >= 0)


@RELAXED
@given(TEXTS, LANGS)
def test_parse_date_raises_only_cwkg_errors(text, lang):
    value = _only_cwkg_errors(parse_date, text, lang)
    assert value is None or isinstance(value, dt.date)


@RELAXED
@given(TEXTS, LANGS, st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_finders_never_raise_and_spans_are_in_the_text(text, lang, published):
    for d in find_dates(text, lang, published):
        assert 0 <= d.start < d.end <= len(text)
    for y in find_year_counts(text, lang):
        assert 0 <= y.start < y.end <= len(text) and y.years >= 0
    for c in find_figures(text, lang):
        assert 0 <= c.start < c.end <= len(text) and c.fields["figures"]
    for c in read_citations(text, lang):
        assert text[c.start:c.end] == c.text


@RELAXED
@given(TEXTS, LANGS, st.one_of(st.none(), st.dates(min_value=dt.date(1901, 1, 1),
                                                 max_value=dt.date(2100, 1, 1))))
def test_day_month_reader_never_raises_and_reads_real_days(text, lang, published):
    for start, end, value, has_year in days(text, lang, published):
        assert 0 <= start < end <= len(text) and isinstance(value, dt.date)
        assert has_year or published is not None or any(
            v == value and y for _, _, v, y in days(text, lang, published))


@RELAXED
@given(TEXTS)
def test_suggested_ids_are_ids(text):
    local = slug(text)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", local) or local == ""


@pytest.fixture(scope="module")
def extractor():
    from cwkg.ingest.extract import Extractor
    from cwkg.load.entities import load_entities
    return Extractor(load_entities(REPO / "data").values())


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXTS, lang=LANGS, published=st.one_of(
    st.none(), st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2100, 1, 1))))
def test_the_extractor_never_raises_and_proposes_only_well_formed_things(extractor, text, lang,
                                                                        published):
    out = extractor.run(text, lang, published)
    for c in out.candidates:
        assert 0 <= c.start < c.end <= len(text)
    for p in out.proposals:
        assert re.fullmatch(r"[a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*", p.id), p.id
        assert 0 <= p.start <= p.end <= len(text)


@RELAXED
@given(st.dictionaries(st.sampled_from(["publisher", "title", "url", "translated_by",
                                        "quotes", "type", "author", "id"]), TEXTS),
       TEXTS, TEXTS)
def test_build_meta_raises_only_cwkg_errors(values, date, language):
    meta = _only_cwkg_errors(lambda: build_meta(date=date, language=language, **values))
    assert meta is None or isinstance(meta.date, dt.date)


CSV_CELLS = st.one_of(st.text(max_size=20), st.sampled_from(
    ["file", "date", "language", "lang", "publisher", "a.txt", "2023-04-07", "en", '"', ",",
     "\n", "\r\n", "org:soc", "../x.txt"]))


@RELAXED
@given(st.lists(CSV_CELLS, max_size=30).map("".join))
def test_metadata_csv_raises_only_cwkg_errors(raw):
    metas = _only_cwkg_errors(parse_metadata_csv, raw, "m.csv", Path("folder"))
    for m in metas or []:
        assert m.file.parent == Path("folder") and m.where.startswith("m.csv:")
