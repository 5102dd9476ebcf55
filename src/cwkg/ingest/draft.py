"""The draft claims file of a new source: every candidate ``status: proposed``.

Written as plain YAML in the ``data/claims`` format, one block per claim, with
comments a curator acts on (flags, unknown names, what to check). Quotes are
the exact characters of the text, written as JSON strings (valid YAML), and
each gets ``occurrence`` when it occurs more than once.

>>> from cwkg.ingest.extract.model import Candidate, Extraction
>>> text = "killing 100 people"
>>> out = Extraction([Candidate("casualty-figure", 0, 18, {"figures": [{"counts": "killed",
...     "group": "people", "qualifier": "exactly", "value": 100}]}, ("attack:x",))])
>>> print(render_draft("src:doc-1", text, out))  # doctest: +ELLIPSIS
# Draft claims of src:doc-1, proposed by cwkg add...
source: src:doc-1
claims:
  - id: c01
    status: proposed
    kind: casualty-figure
    stated_by: author
    about: [attack:x]
    quote: "killing 100 people"
    figures:
      - {counts: killed, group: people, qualifier: exactly, value: 100}
<BLANKLINE>
"""

from __future__ import annotations

import json
import re

from cwkg.ingest.extract.model import Extraction
from cwkg.load.anchoring import occurrences

from .entities_draft import render as render_entities

HEADER = """\
# Draft claims of {source}, proposed by cwkg add. Every claim below is `status: proposed`:
# it stays out of the graph (cwkg build counts it as pending) until a curator accepts it.
# For each one, check against the text: the kind, `stated_by` (`author` is the source's own
# voice; an agent is proposed only when a speech verb names it, with `speech` direct-quote or
# reported), `about`, and the structured fields. Edit what is wrong, delete
# what is not a claim, then `cwkg accept {local} c01 c02 ...` (or delete the status line).
"""


# characters PyYAML reads as line breaks (NEL, LS, PS) or refuses in a stream: escaped
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def yaml_string(value: str) -> str:
    """``value`` as a one-line YAML double-quoted scalar (JSON's escapes, which YAML reads
    the same, plus those for the characters YAML would fold or refuse).

    >>> print(yaml_string("a\u2028b “c”"))
    "a\\u2028b “c”"
    """
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                            json.dumps(value, ensure_ascii=False))


def _flow(items) -> str:
    return "[" + ", ".join(items) + "]"


def render_draft(source_id: str, text: str, extraction: Extraction) -> str:
    """The YAML text of the draft claims file."""
    local = source_id.partition(":")[2]
    lines = [HEADER.format(source=source_id, local=local).rstrip("\n")]
    if extraction.flags:
        lines.append("#\n# FLAGS (suspicious; nothing was corrected):")
        lines += [f"#   - {f.code}: {f.message}" for f in extraction.flags]
    if extraction.unknown_names:
        lines.append("#\n# Other names not in data/entities (not linked, not typed; add them "
                     "there to link them):")
        lines.append("#   " + "; ".join(m.text for m in extraction.unknown_names))
    if extraction.proposals:
        lines.append("#\n# proposed_entities (at the end): names data/entities lacks, as new "
                     "entities or new aliases. Check each\n# (id, type, label); a claim that "
                     "uses a proposed id accepts it with the claim; 'cwkg accept\n# "
                     f"{local} ID' accepts one, 'cwkg reject {local} ID' drops it.")
    lines += [f"source: {source_id}", "claims:"]
    new_ids = {p.id for p in extraction.proposals if not p.alias_of}
    for n, c in enumerate(extraction.candidates, start=1):
        quote = c.quote(text)
        lines += [f"  - id: c{n:02d}", "    status: proposed", f"    kind: {c.kind}"]
        if c.stated_by:
            lines += [f"    stated_by: {c.stated_by}", f"    speech: {c.speech}"]
        else:
            lines.append("    stated_by: author")
        if c.about:
            lines.append(f"    about: {_flow(c.about)}")
        else:
            lines.append("    about: []  # no known attack or entity found: fill in before accepting")
        lines.append(f"    quote: {yaml_string(quote)}")
        uses = [i for i in _ids_of(c) if i in new_ids]
        if uses:
            lines[-1] += f"  # uses proposed {', '.join(uses)}"
        found = occurrences(text, quote)
        if len(found) > 1:
            lines.append(f"    occurrence: {found.index(c.start) + 1}")
        for key in ("event_date",):
            if key in c.fields:
                lines.append(f'    {key}: "{c.fields[key]}"')
        for key in ("anniversary", "years_since"):  # the number the text states
            if key in c.fields:
                lines.append(f"    {key}: {c.fields[key]}")
        for key in ("perpetrators", "mechanisms", "instruments"):
            if key in c.fields:
                lines.append(f"    {key}: {_flow(c.fields[key])}")
        if "figures" in c.fields:
            lines.append("    figures:")
            for f in c.fields["figures"]:
                parts = [f"{k}: {f[k]}" for k in ("counts", "group", "qualifier", "value")
                         if f.get(k) is not None]
                lines.append("      - {" + ", ".join(parts) + "}")
    if not extraction.candidates:
        lines[-1] = "claims: []  # no candidates found: add claims by hand"
    lines += render_entities(extraction.proposals, source_id)
    return "\n".join(lines) + "\n"


def _ids_of(c) -> list[str]:
    return list(c.about) + [i for key in ("perpetrators", "mechanisms", "instruments")
                            for i in c.fields.get(key, [])]
