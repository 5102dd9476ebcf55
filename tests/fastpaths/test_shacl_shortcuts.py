"""The fast SHACL engine skips rdflib where rdflib's answer is known in advance; these
properties hold each shortcut equal to the rdflib reading it replaces."""

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cwkg.namespaces import PREFIXES
from cwkg.validate.compiled.property_pair import pair_fails, rdflib_pair_fails
from cwkg.validate.compiled.value_type import (
    datatype_ok,
    lexically_valid,
    rdflib_lexically_valid,
)

XSD = PREFIXES["xsd"]
INTEGER_TYPES = ("integer", "nonNegativeInteger")

integer_lexicals = st.one_of(
    st.integers(min_value=-10**20, max_value=10**20).map(str),
    st.from_regex(r"[+-]?0*[0-9]{1,20}", fullmatch=True))


def literal(lexical: str, datatype: str) -> ox.Literal:
    return ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype))


@settings(max_examples=400)
@given(integer_lexicals, st.sampled_from(INTEGER_TYPES), integer_lexicals,
       st.sampled_from(INTEGER_TYPES), st.booleans())
def test_integer_comparison_is_rdflibs(a, a_type, b, b_type, strict):
    value, compare = literal(a, a_type), literal(b, b_type)
    assert pair_fails(value, compare, strict) == rdflib_pair_fails(value, compare, strict)


day_lexicals = st.one_of(st.dates().map(str),
                        st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True))


# rdflib, comparing an invalid day, says NotImplemented in a boolean context (its warning)
@pytest.mark.filterwarnings("ignore:NotImplemented should not be used:DeprecationWarning")
@settings(max_examples=400)
@given(day_lexicals, day_lexicals, st.booleans())
def test_day_comparison_is_rdflibs(a, b, strict):
    """An attack series' from and to (xsd:date), invalid days such as 2013-02-30 included."""
    value, compare = literal(a, "date"), literal(b, "date")
    try:
        expected = rdflib_pair_fails(value, compare, strict)
    except Exception as rdflib_refuses:  # (an invalid day: the fast path must refuse too)
        expected = type(rdflib_refuses)
        try:
            pair_fails(value, compare, strict)
        except Exception as refused:
            assert type(refused) is expected
            return
        raise AssertionError("the fast path answered where rdflib refused")
    assert pair_fails(value, compare, strict) == expected


@given(st.text())
def test_every_string_is_a_well_typed_xsd_string_as_rdflib_reads_it(text):
    assert lexically_valid(text, XSD + "string")
    assert datatype_ok(literal(text, "string"), XSD + "string")


def test_a_string_of_another_datatype_or_language_is_not_an_xsd_string():
    assert not datatype_ok(literal("3", "integer"), XSD + "string")
    assert not datatype_ok(ox.Literal("words", language="en"), XSD + "string")


@settings(max_examples=400)
@given(st.one_of(integer_lexicals, st.from_regex(r"[0-9]{1,20}", fullmatch=True),
                 st.dates().map(str), st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
                 st.from_regex(r"-?[0-9]{1,5}", fullmatch=True), st.text(max_size=12)),
       st.sampled_from(["integer", "nonNegativeInteger", "date", "gYear"]))
def test_what_is_read_without_rdflib_is_read_as_rdflib_reads_it(lexical, datatype):
    assert lexically_valid(lexical, XSD + datatype) \
        == rdflib_lexically_valid(lexical, XSD + datatype)
