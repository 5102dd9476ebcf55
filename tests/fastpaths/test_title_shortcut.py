"""A source's title is found in its text by a plain substring before the pattern
(cwkg.load.sources.occurs_spaced: every build checks thousands of titles, and compiling a
pattern per title was a tenth of loading a source); it must answer exactly as the pattern
alone did."""

import re

from hypothesis import given
from hypothesis import strategies as st

from cwkg.load.sources import occurs_spaced


def reference_occurs_spaced(phrase: str, text: str) -> bool:
    words = phrase.split()
    return bool(words) and re.search(r"\s+".join(map(re.escape, words)), text) is not None


WORDS = st.lists(st.sampled_from(["attack", "the", "a.b", "(x)", "Ghouta", "غوطة", "", " ",
                                  "\n", "\t", "\u00a0", "  "]), max_size=8).map("".join)


@given(WORDS, WORDS)
def test_occurs_spaced_answers_as_the_pattern(phrase, text):
    assert occurs_spaced(phrase, text) == reference_occurs_spaced(phrase, text)


@given(WORDS, WORDS, WORDS)
def test_occurs_spaced_finds_a_phrase_inside_a_text(before, phrase, after):
    text = before + phrase + after
    assert occurs_spaced(phrase, text) == reference_occurs_spaced(phrase, text)
