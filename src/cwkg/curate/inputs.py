"""What a curator's form may send: limits and plain text, checked before anything else.

A form is an open door: a field may hold a 10 MB paste, HTML, a script, or control
characters. Each text field is checked here for its size and for markup; the data
format's own checks (ids, dates, the quote against the text) come after, in
:mod:`.findings`. Every refusal is one finding on its field; nothing is written.

>>> [f.message for f in text_findings({"label": "<script>alert(1)</script>"}, "c01")]
["holds HTML markup ('<script>'): give plain text"]
"""

from __future__ import annotations

import re

from .findings import BLOCKING, Finding

# the longest quote in the real set is about 600 characters; a claim's quote is a
# sentence or two, never a page
MAX_QUOTE_CHARS = 10_000
MAX_NAME_CHARS = 500          # labels, aliases, titles, ids, any other short field
MAX_NOTE_CHARS = 5_000        # a source's note or the publisher's disclaimer
# a document added in the browser: the longest report in the real set is about 100 KB;
# cwkg add FILE takes larger ones
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024

# a tag, a comment or a doctype: '<' then a letter, '/', '!' or '?'
_MARKUP = re.compile(r"<\s*[/!?]?\s*[A-Za-z][^<>]{0,200}>?|<!--")
# C0 and C1 controls but tab and line breaks; lone surrogates; noncharacters
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LONG_FIELDS = {"quote": MAX_QUOTE_CHARS, "note": MAX_NOTE_CHARS,
                "publisher_note": MAX_NOTE_CHARS}


def limit_of(field: str) -> int:
    return _LONG_FIELDS.get(field.rsplit(".", 1)[-1], MAX_NAME_CHARS)


def text_findings(values: dict, claim: str | None = None, markup_ok=("quote",)) -> list[Finding]:
    """Findings about the text values of ``values`` (field -> value; lists and mappings
    are walked, their fields named ``field.0``, ``field.en``...): too long, control
    characters, or HTML markup (allowed only in ``markup_ok`` fields, whose text is
    checked against the source text instead)."""
    found = []
    for field, value in _walk(values):
        if not isinstance(value, str):
            continue
        limit = limit_of(field)
        if len(value) > limit:
            found.append(Finding(BLOCKING, f"is {len(value):,} characters long; at most "
                                 f"{limit:,} are taken here", claim, field))
            continue
        control = _CONTROL.search(value)
        if control:
            found.append(Finding(BLOCKING, f"holds a control character "
                                 f"(U+{ord(control.group()):04X}); give plain text", claim,
                                 field))
        markup = _MARKUP.search(value)
        if markup and field.split(".")[0] not in markup_ok:
            found.append(Finding(BLOCKING, f"holds HTML markup ({markup.group()[:40]!r}): "
                                 "give plain text", claim, field))
    return found


def document_findings(raw: bytes) -> list[Finding]:
    """Findings about a pasted or uploaded document's text: its size and HTML markup (a
    page's source pasted instead of its text)."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        return [Finding(BLOCKING, f"the text is {len(raw) / 2**20:.1f} MiB; the browser takes "
                        f"documents up to {MAX_DOCUMENT_BYTES // 2**20} MiB: add a longer one "
                        "with 'cwkg add FILE'", field="text")]
    text = raw.decode("utf-8", "replace")
    markup = _MARKUP.search(text)
    if markup:
        line = text.count("\n", 0, markup.start()) + 1
        return [Finding(BLOCKING, f"line {line} holds HTML markup ({markup.group()[:40]!r}): "
                        "paste the document's text, not its page source", field="text")]
    return []


def _walk(value, prefix: str = ""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, (list, tuple)):
        for n, item in enumerate(value):
            yield from _walk(item, f"{prefix}.{n}")
    else:
        yield prefix, value
