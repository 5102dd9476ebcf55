"""The spaCy pipelines: blank (rule-based, no model download), one per language.

A blank pipeline gives tokens with character offsets, a sentencizer, and the
rule-based PhraseMatcher the entity linker uses. For Arabic, a small component
sets each token's NORM to the word without its clitic prefixes and with its
letters normalised (والقرار -> القرار, بإحالة -> احالة), so one alias matches
every written form.

>>> doc = pipeline("ar")("والقرار ٢١١٨")
>>> [t.norm_ for t in doc]
['القرار', '2118']
>>> [s.text for s in pipeline("en")("One. Two.").sents]
['One.', 'Two.']
"""

from __future__ import annotations

import re
from functools import lru_cache

from .numbers import to_ascii_digits

_AR_DIACRITICS = re.compile("[\u064b-\u0652\u0640]")  # harakat and tatweel
# clitic prefixes before the article: و/ف (and), ب/ك/ل (with, like, for); "لل" = ل + ال
_AR_PREFIX = re.compile(r"^(?:[وف])?(?:[بكل])?(?=ال)|^(?:[وف])?ل(?=ل)")
_AR_VERB_PREFIX = re.compile(r"^[وفب](?=[\u0621-\u064a]{3,})")


def normalise_arabic(word: str) -> str:
    """The form Arabic names are compared in.

    >>> normalise_arabic("وبالسارين"), normalise_arabic("للمحكمة"), normalise_arabic("بإحالة")
    ('السارين', 'المحكمة', 'احالة')
    """
    w = _AR_DIACRITICS.sub("", to_ascii_digits(word))
    w = w.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا").replace("ى", "ي")
    stripped = _AR_PREFIX.sub("", w)
    if stripped.startswith("ل") and not w.startswith("ال") and w.startswith(("لل", "ولل")):
        stripped = "ا" + stripped  # للمحكمة -> المحكمة
    if stripped == w:
        stripped = _AR_VERB_PREFIX.sub("", w) if w.startswith(("وب", "با", "بت")) else w
    return stripped


@lru_cache(maxsize=None)
def pipeline(language: str):
    """A blank spaCy pipeline for ``language`` (``en``, ``ar``; anything else: multilingual)."""
    import spacy
    from spacy.language import Language

    base = language.split("-")[0].lower()
    nlp = spacy.blank(base if base in ("en", "ar") else "xx")
    if base == "ar":
        if not Language.has_factory("cwkg_arabic_norm"):
            Language.component("cwkg_arabic_norm", func=_arabic_norm)
        nlp.add_pipe("cwkg_arabic_norm")
    nlp.add_pipe("sentencizer")
    return nlp


def _arabic_norm(doc):
    for token in doc:
        token.norm_ = normalise_arabic(token.text)
    return doc


def norm(language: str, text: str) -> list[str]:
    """The NORM of each token of ``text``: what phrase patterns are built from.

    >>> norm("en", "the Syrian Regime's")
    ['the', 'syrian', 'regime', "'s"]
    """
    return [t.norm_ for t in pipeline(language).make_doc(text)] if language.startswith("en") \
        else [t.norm_ for t in pipeline(language)(text)]


def sentences(text: str, language: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end): spaCy's sentencizer, and a line break always ends one.

    >>> text = "Title line\\nFirst one. Second one."
    >>> [text[s:e] for s, e in sentences(text, "en")]
    ['Title line', 'First one.', 'Second one.']
    """
    spans = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for sent in pipeline(language)(line).sents:
                spans += _after_quoted_stops(line, offset, sent.start_char, sent.end_char,
                                             language)
        offset += len(line) + 1
    return spans


# 'خلف القضبان". وطالبت': the Arabic tokenizer keeps a closing quote and the full stop
# after it in the word, so the sentencizer does not end the sentence there; nor where web
# texts leave out the space after a full stop ('رفضت هذا الطلب.وفي ضوء', 'الأخرى".وكرر')
_QUOTED_STOP = re.compile(r"[\"”»][.!؟?](?=\s+\S)"
                          r"|(?<=[\u0621-\u064a\u064b-\u0652\"”»])[.!؟?](?=[\u0621-\u064a])")


def _after_quoted_stops(line: str, offset: int, start: int, end: int, language: str):
    if not language.startswith("ar"):
        return [(offset + start, offset + end)]
    cuts = [m.end() for m in _QUOTED_STOP.finditer(line, start, end)]
    bounds = [start] + cuts + [end]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and line[a].isspace():
            a += 1
        if a < b:
            out.append((offset + a, offset + b))
    return out
